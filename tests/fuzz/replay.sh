#!/bin/sh
# replay.sh - runs each fuzz target once on every input of its committed
# corpus (tests/fuzz/corpus/TARGET), in TAP: the seeds and the inputs of
# past findings, which must stay fixed.  A target aborts on a finding.
#
# make check exports top_srcdir and top_builddir; run by hand they default
# to the script's tree.
: "${top_srcdir:=$(dirname "$0")/../..}"
: "${top_builddir:=$top_srcdir}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/replay.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
. "$top_srcdir/tests/tap.sh"

targets="deck reviews editor time text anki"
echo "1..6"
for t in $targets; do
	prog=$top_builddir/tests/fuzz/fuzz_$t
	count=$(ls "$top_srcdir/tests/fuzz/corpus/$t" | wc -l)
	if "$prog" "$top_srcdir/tests/fuzz/corpus/$t"/* >"$tmp/out" 2>&1; then
		ok "fuzz_$t: $count inputs"
	else
		tail -n 30 "$tmp/out" >"$tmp/why"
		not_ok "fuzz_$t"
	fi
done
