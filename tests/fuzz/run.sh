#!/bin/sh
# run.sh TARGET SECONDS PROGRAM FUZZDIR - runs one libFuzzer program (make
# fuzz): for SECONDS, from the committed corpus FUZZDIR/corpus/TARGET plus
# the one it grows in fuzz-corpus/TARGET, with FUZZDIR/TARGET.dict when
# there is one.  Prints "fuzz TARGET: N executions ..." and exits 0 when it
# found nothing; otherwise shows the end of its log, keeps the input in
# fuzz-findings/ and exits 1.  Its log is fuzz-TARGET.log.
t=$1 seconds=$2 prog=$3 dir=$4
log=fuzz-$t.log

mkdir -p "fuzz-corpus/$t" fuzz-findings || exit 1
set -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="fuzz-findings/$t-"
[ -f "$dir/$t.dict" ] && set -- "$@" -dict="$dir/$t.dict"
LC_ALL=C.UTF-8 TZ=UTC "$prog" "$@" "fuzz-corpus/$t" "$dir/corpus/$t" \
	>"$log" 2>&1
rc=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
if [ $rc -eq 0 ] && [ -n "$execs" ]; then
	echo "fuzz $t: $execs executions in ${seconds}s, no finding"
	exit 0
fi
tail -n 40 "$log"
echo "fuzz $t: FINDING (exit $rc) after ${execs:-?} executions; input in fuzz-findings/$t-*"
exit 1
