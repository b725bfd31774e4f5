# tap.sh - the TAP output of the shell tests, sourced by each once $tmp,
# its own temporary directory, exists:
#
#	. "$top_srcdir/tests/tap.sh"
#
# A test gathers the reasons it fails with why, or by writing to
# $tmp/why, then reports them with check; n counts the tests reported,
# and the plan ("1..N") is the test's own.
#
#   why TEXT...            a reason, as a line of $tmp/why
#   check NAME             "ok N - NAME" when no reason was given since
#                          the last report, else "not ok N - NAME" and
#                          the reasons as diagnostics ("# ...")
#   ok NAME, not_ok NAME   the same, whatever the reasons
#   check_that NAME CMD... ok when the command succeeds
#   skip NAME REASON       "ok N - NAME # SKIP REASON" (NAME may be empty)
#   need TOOL...           bails out, failing the whole test, unless each
#                          TOOL is installed (./bootstrap installs them);
#                          for python3, then find_python
#   find_python            python3 is from then on the interpreter itself,
#                          found once: a version manager's shim on PATH
#                          takes some tenths of a second at each start
#
# Each report clears the reasons.

n=0
: >"$tmp/why"

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
	: >"$tmp/why"
}

not_ok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	if [ -s "$tmp/why" ]; then
		sed 's/^/# /' "$tmp/why"
	fi
	: >"$tmp/why"
}

why() {
	printf '%s\n' "$*" >>"$tmp/why"
}

check() {
	if [ -s "$tmp/why" ]; then not_ok "$1"; else ok "$1"; fi
}

check_that() {
	tap_name=$1
	shift
	if "$@"; then ok "$tap_name"; else not_ok "$tap_name"; fi
}

skip() {
	ok "${1:+$1 }# SKIP $2"
}

need() {
	for tap_tool; do
		if ! command -v "$tap_tool" >/dev/null 2>&1; then
			echo "Bail out! $tap_tool is needed to run these tests (./bootstrap installs it)"
			exit 1
		fi
	done
	case " $* " in
	*" python3 "*) find_python ;;
	esac
}

find_python() {
	tap_python=$(command python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
	if [ -n "$tap_python" ] && [ -x "$tap_python" ]; then
		python3() { "$tap_python" "$@"; }
	fi
}
