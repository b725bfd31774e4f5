# cli.sh - what the tests of the command line share, sourced after
# tests/tap.sh once $rehearse (the program), $db (the collection) and $tmp
# (the test's temporary directory) are set:
#
#   rh ARGS...          rehearse ARGS on $db, its standard input from the
#                       file $IN or /dev/null: standard output in $tmp/out,
#                       standard error in $tmp/err (and added to
#                       $tmp/allerr), the exit status in $rc
#   run COMMAND ARGS... the same for any command
#   expect_rc N         the status was N
#   expect_err TEXT     standard error holds TEXT (a fixed string)
#   expect_out TEXT     standard output holds TEXT
#   expect_no_out       standard output is empty
#   check_no_sanitizer_report  the last test: no run reported a sanitizer
#                       error on standard error
#
# The expectations give their reasons with why (tests/tap.sh).

: >"$tmp/allerr"

run() {
	"$@" <"${IN:-/dev/null}" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	cat "$tmp/err" >>"$tmp/allerr"
}

rh() {
	run "$rehearse" --db "$db" "$@"
}

expect_rc() {
	if [ "$rc" -ne "$1" ]; then
		why "exit status $rc, expected $1"
		sed 's/^/stderr: /' "$tmp/err" >>"$tmp/why"
	fi
}

expect_err() {
	grep -F -q -- "$1" "$tmp/err" || why "stderr lacks \"$1\": $(cat "$tmp/err")"
}

expect_out() {
	grep -F -q -- "$1" "$tmp/out" || why "stdout lacks \"$1\": $(head -c 400 "$tmp/out")"
}

expect_no_out() {
	[ -s "$tmp/out" ] && why "unexpected output: $(head -c 400 "$tmp/out")"
	:
}

check_no_sanitizer_report() {
	if grep -E -q 'runtime error|Sanitizer' "$tmp/allerr"; then
		grep -E 'runtime error|Sanitizer' "$tmp/allerr" | head -20 >>"$tmp/why"
	fi
	check "no sanitizer report from any run"
}
