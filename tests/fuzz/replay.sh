#!/bin/sh
# replay.sh - runs each fuzz target once on every input of its committed
# corpus (tests/fuzz/corpus/TARGET), in TAP: the seeds and the inputs of
# past findings, which must stay fixed.  A target aborts on a finding.
#
# make check exports top_srcdir and top_builddir; run by hand they default
# to the script's tree.
: "${top_srcdir:=$(dirname "$0")/../..}"
: "${top_builddir:=$top_srcdir}"

targets="deck reviews editor time text anki"
echo "1..6"
n=0
for t in $targets; do
	n=$((n + 1))
	prog=$top_builddir/tests/fuzz/fuzz_$t
	count=$(ls "$top_srcdir/tests/fuzz/corpus/$t" | wc -l)
	if out=$("$prog" "$top_srcdir/tests/fuzz/corpus/$t"/* 2>&1); then
		echo "ok $n - fuzz_$t: $count inputs"
	else
		echo "not ok $n - fuzz_$t"
		printf '%s\n' "$out" | tail -n 30 | sed 's/^/# /'
	fi
done
