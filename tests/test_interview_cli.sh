#!/bin/sh
# test_interview_cli.sh - "rehearse interview" on the command line: the
# checks of its options, the refusals before the screen opens, and
# --history and --json after mock interviews driven by key scripts.
#
# Prints TAP.  make check exports top_srcdir and top_builddir; run by
# hand from the top of a build tree, they default to the script's tree
# and ".".

: "${top_srcdir:=$(dirname "$0")/..}"
: "${top_builddir:=.}"

rehearse=$top_builddir/src/rehearse
questions=$top_srcdir/tests/ui/interview.csv

tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_interview_cli.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
# Never the user's collection.
HOME=$tmp/home XDG_DATA_HOME=$tmp/xdg
export HOME XDG_DATA_HOME
unset REHEARSE_DB REHEARSE_SCRIPT NO_COLOR
TZ=UTC REHEARSE_NOW=2026-11-23T09:00:00Z
export TZ REHEARSE_NOW

if [ ! -x "$rehearse" ] || [ ! -r "$questions" ]; then
	echo "1..0 # SKIP $rehearse or $questions is missing"
	exit 0
fi
. "$top_srcdir/tests/tap.sh"
need python3 sqlite3

echo "1..9"

db=$tmp/c.db
. "$top_srcdir/tests/cli.sh"
# interview KEYS ARGS: a mock interview on $db, its keys from a script
# (one line of keys and commands per argument of KEYS, split at "/").
interview() {
	printf '%s\n' "$1" | tr '/' '\n' >"$tmp/keys"
	shift
	TERM=xterm LINES=24 COLUMNS=80 rh --script "$tmp/keys" interview "$@"
}
rh import "$questions"
[ "$rc" = 0 ] || why "import failed: $(cat "$tmp/err")"

# ---- before any interview ----

rh interview --history
expect_rc 0
grep -q "^No mock interviews yet" "$tmp/out" || why "said: $(cat "$tmp/out")"
rh interview --history --json
expect_rc 0
[ "$(cat "$tmp/out")" = '{"interviews":[]}' ] || why "json: $(cat "$tmp/out")"
check "--history and --history --json with no interview yet"

# ---- the options ----

for args in "--json" "--questions 0" "--questions 51" "--questions 2x" \
    "--answer-time 2h" "--answer-time 0" "--answer-time 61m" \
    "--history Interview" "--history --questions 3" "Interview extra"; do
	# shellcheck disable=SC2086
	rh interview $args
	[ "$rc" = 2 ] || why "interview $args: exit status $rc, want 2"
done
# digits only, as every whole number is read: no sign, no blanks
for q in " 5" "+5" "5 "; do
	rh interview -n "$q" Interview
	expect_rc 2
	expect_err "--questions takes a number from 1 to 50, not \"$q\""
done
rh interview --answer-time 1:7
expect_err "--answer-time takes a time such as 90s, 2m or 1:30"
check "bad options and operands are usage errors, said"

rh interview "No such deck"
expect_rc 1
expect_err 'No such deck'
rh import "$top_srcdir/tests/ui/cards.csv"
rh interview Behavioural
expect_rc 1
expect_err "no question cards to ask in Behavioural"
# without a terminal (rh's output is a file): the interview is no review
TERM=xterm rh interview
expect_rc 1
expect_err "the screens need a terminal: standard input and output are no terminal"
grep -q "review screen" "$tmp/err" && why "the interview called a review screen: $(cat "$tmp/err")"
check "an unknown deck, or one without question cards, is refused before the screen"

# ---- interviews, then the history ----

# Two questions of two minutes: 1:40 rated solid (3), then 2:10 rated
# missed (1) with a note, then the report and out.
interview ":wait 100/Space 3/:wait 130/Space n F i g u r e s Enter 1/q" \
    --questions 2
expect_rc 0
rh export-reviews
python3 - "$tmp/out" >>"$tmp/why" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
got = [(r["review_rating"], r["review_duration"]) for r in rows]
if got != [("3", "100000"), ("1", "130000")]:
    print("reviews: %r" % got)
PY
check "each rating of a mock interview is a review of its card, lasting the time spoken"

REHEARSE_NOW=2026-11-24T18:30:00Z
# the deck named by the start of its name: the history keeps its name
interview "Space 4/q" --answer-time 30s interv
expect_rc 0
rh interview --history
expect_rc 0
cat >"$tmp/want" <<'TXT'
Date              Questions  Average  Over target       Deck
2026-11-23 09:00  2 of 2     2.00     1 (+0:10)         All decks
2026-11-24 18:30  1 of 5     4.00     0 (+0:00)         Interview
TXT
diff "$tmp/want" "$tmp/out" >>"$tmp/why"
check "--history lists the interviews oldest first, with their averages and time over"

rh interview --history --json
expect_rc 0
python3 - "$tmp/out" >>"$tmp/why" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
iv = d["interviews"]
want = [
    {"started": "2026-11-23T09:00:00Z", "deck": None, "planned": 2,
     "answered": 2, "average": 2.0, "answer_time_ms": 120000, "over": 1,
     "over_ms": 10000, "spoken_ms": 230000},
    {"started": "2026-11-24T18:30:00Z", "deck": "Interview", "planned": 5,
     "answered": 1, "average": 4.0, "answer_time_ms": 30000, "over": 0,
     "over_ms": 0, "spoken_ms": 0},
]
if iv != want:
    print("json: %r" % iv)
PY
check "--history --json gives the same, as documented"

# The note is kept with its answer.
sqlite3 "$db" "SELECT note FROM interview_answers WHERE note <> ''" \
    >"$tmp/notes" 2>>"$tmp/why"
[ "$(cat "$tmp/notes")" = Figures ] || why "notes: $(cat "$tmp/notes")"
check "the note is saved with its answer"

# An interview ended before any rating leaves nothing behind.
interview "Space/q"
expect_rc 0
rh interview --history --json
python3 -c 'import json,sys; n=len(json.load(open(sys.argv[1]))["interviews"]); sys.exit(n != 2)' \
    "$tmp/out" || why "an unrated interview was saved: $(cat "$tmp/out")"
check "an interview with no rating is not saved"

check_no_sanitizer_report
