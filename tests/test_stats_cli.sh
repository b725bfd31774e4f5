#!/bin/sh
# test_stats_cli.sh - rehearse stats against an independent computation.
#
# Prints TAP.  A history of a year and a half of answers (times spread over
# the whole day, across the daylight-saving changes of America/New_York, the
# day starting at 04:00) is imported with import-reviews, which replays it
# through the scheduler; tests/stats_check.py then computes the statistics
# from the collection's raw tables on its own (zoneinfo for the local
# times) and compares them with `rehearse stats --json`, for the whole
# collection and for one deck, in New York and in UTC with the day starting
# at midnight.  The text report is checked for width and for ASCII without
# a UTF-8 locale.
#
# make check exports top_srcdir and top_builddir; run by hand from the top
# of a build tree, they default to the script's tree and ".".

: "${top_srcdir:=$(dirname "$0")/..}"
: "${top_builddir:=.}"

rehearse=$top_builddir/src/rehearse
checker=$top_srcdir/tests/stats_check.py

tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_stats.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
HOME=$tmp/home XDG_DATA_HOME=$tmp/xdg
export HOME XDG_DATA_HOME
unset REHEARSE_DB REHEARSE_SCRIPT
db=$tmp/c.db

if ! command -v python3 >/dev/null 2>&1 ||
	! python3 -c 'import zoneinfo; zoneinfo.ZoneInfo("America/New_York")' 2>/dev/null; then
	echo "1..0 # SKIP python3 with zoneinfo and tzdata is needed (./bootstrap installs them)"
	exit 0
fi

echo "1..17"
. "$top_srcdir/tests/tap.sh"
find_python

# now: 2027-03-16 12:00 in New York, two days after the clocks went forward.
now_ms=1805212800000
REHEARSE_NOW=2027-03-16T16:00:00Z
export REHEARSE_NOW

# The history: 40 cards in three decks, answered on most days from
# 2025-09-01 up to "now", some days skipped, at any hour.
python3 - "$tmp" "$now_ms" <<'PY'
import csv, random, sys, datetime
from zoneinfo import ZoneInfo
tmp = sys.argv[1]
rnd = random.Random(20261202)
zone = ZoneInfo("America/New_York")
with open(f"{tmp}/cards.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "deck", "question", "answer"])
    for i in range(40):
        w.writerow([f"c{i}", ["Alpha", "Beta", "Gamma"][i % 3], f"Q{i}", f"A{i}"])
rows = []
day = datetime.date(2025, 9, 1)
end = datetime.date(2027, 3, 17)
now_ms = int(sys.argv[2])
while day < end:
    if rnd.random() < 0.8 or (end - day).days <= 3:
        for _ in range(rnd.randint(1, 12)):
            t = datetime.datetime(day.year, day.month, day.day,
                                  rnd.randint(0, 23), rnd.randint(0, 59),
                                  rnd.randint(0, 59), tzinfo=zone)
            ms = int(t.timestamp() * 1000) + rnd.randint(0, 999)
            if ms >= now_ms:
                continue
            rows.append((f"c{rnd.randint(0, 39)}", ms,
                         rnd.choice([1, 2, 3, 3, 3, 4]), rnd.randint(2000, 30000)))
    day += datetime.timedelta(days=1)
rows.sort(key=lambda r: r[1])
seen = set()
with open(f"{tmp}/reviews.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["card_id", "review_time", "review_rating", "review_state",
                "review_duration"])
    for c, ms, r, d in rows:
        if (c, ms) not in seen:
            seen.add((c, ms))
            w.writerow([c, ms, r, 0, d])
PY


# compare NAME TZ DAY-START [DECK]
compare() {
	: >"$tmp/why"
	if [ -n "$4" ]; then
		TZ=$2 "$rehearse" --db "$db" stats --json --deck "$4" >"$tmp/out.json" 2>>"$tmp/why"
	else
		TZ=$2 "$rehearse" --db "$db" stats --json >"$tmp/out.json" 2>>"$tmp/why"
	fi
	TZ=$2 python3 "$checker" "$db" "$tmp/out.json" "$now_ms" "$3" $4 >>"$tmp/why" 2>&1
	check "$1"
}

: >"$tmp/why"
{
	TZ=America/New_York "$rehearse" --db "$db" import "$tmp/cards.csv" &&
		TZ=America/New_York "$rehearse" --db "$db" import-reviews "$tmp/reviews.csv"
} >/dev/null 2>"$tmp/why" || echo "the history did not import" >>"$tmp/why"
check "a year and a half of answers across DST changes is imported"

compare "stats --json equals an independent computation (New York, day at 04:00)" \
	America/New_York 4
compare "stats --json --deck Beta equals it for one deck" America/New_York 4 Beta
"$rehearse" --db "$db" config day-starts-at 0 >/dev/null
compare "stats --json equals it in UTC with the day at midnight" UTC 0
"$rehearse" --db "$db" config day-starts-at 4 >/dev/null

# Cards moved (a deck file naming other decks) and deleted: each deck's
# figures are those of the answers of the cards now in it.
: >"$tmp/why"
sed -e 's/^c1,Beta,/c1,Gamma,/' -e 's/^c3,Alpha,/c3,Beta,/' \
	-e 's/^c5,Gamma,/c5,Delta,/' "$tmp/cards.csv" >"$tmp/moved.csv"
{
	"$rehearse" --db "$db" import "$tmp/moved.csv" &&
		"$rehearse" --db "$db" delete --yes c4 c8
} >/dev/null 2>"$tmp/why" </dev/null || echo "moving and deleting failed" >>"$tmp/why"
[ "$(sqlite3 "$db" "SELECT (SELECT count(*) FROM cards_deleted) || ' ' ||
  (SELECT group_concat(c.ext_id) FROM cards c JOIN decks d ON d.id = c.deck_id
   WHERE d.name = 'Delta')")" = "2 c5" ] || echo "not moved and deleted" >>"$tmp/why"
check "cards are moved and deleted"
for deck in Alpha Beta Gamma Delta; do
	compare "stats --json --deck $deck equals it once cards moved and went" \
		America/New_York 4 $deck
done

# A collection of schema 11, before the answers were counted per deck
# (and one that says so with a count left wrong): opening it counts
# them, and the figures stay.
sqlite3 "$db" "DROP TABLE review_deck_slots; DROP TRIGGER review_deck_slots_insert;
DROP TRIGGER review_deck_slots_delete; DROP TRIGGER review_deck_slots_update;
DROP TRIGGER cards_deck_slots_insert; DROP TRIGGER cards_deck_slots_delete;
DROP TRIGGER cards_deck_slots_move; DROP TRIGGER decks_deck_slots_delete;
PRAGMA user_version = 11;" >"$tmp/why" 2>&1
compare "a schema 11 collection gets the counts per deck on opening" \
	America/New_York 4 Beta
sqlite3 "$db" "UPDATE review_deck_slots SET l3 = l3 + 5;
PRAGMA user_version = 11;" >"$tmp/why" 2>&1
compare "a collection that says schema 11 has them counted anew" \
	America/New_York 4 Beta
"$rehearse" --db "$db" check >"$tmp/why" 2>&1 && : >"$tmp/why"
[ "$(sqlite3 "$db" "PRAGMA user_version")" = 12 ] || echo "not migrated" >>"$tmp/why"
check "the migrated collection passes its check"

: >"$tmp/why"
"$rehearse" --db "$db" stats --deck Nope >/dev/null 2>"$tmp/err" &&
	echo "an unknown deck was accepted" >>"$tmp/why"
grep -q 'no deck named' "$tmp/err" || echo "no message: $(cat "$tmp/err")" >>"$tmp/why"
# a deck named by the start of its name is reported by its own name
"$rehearse" --db "$db" stats --deck be >"$tmp/out" 2>>"$tmp/why"
head -1 "$tmp/out" | grep -q -x "Statistics of Beta" ||
	echo "stats --deck be: $(head -1 "$tmp/out")" >>"$tmp/why"
"$rehearse" --db "$db" stats --deck be --json >"$tmp/out" 2>>"$tmp/why"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["deck"] != "Beta")' "$tmp/out" ||
	echo "stats --deck be --json: $(head -c 80 "$tmp/out")" >>"$tmp/why"
check "an unknown deck is refused; a deck's start stands for its name"

: >"$tmp/why"
TZ=America/New_York LC_ALL=C.UTF-8 "$rehearse" --db "$db" stats >"$tmp/report" 2>>"$tmp/why"
python3 - "$tmp/report" >>"$tmp/why" <<'PY'
import sys, unicodedata
text = open(sys.argv[1], encoding="utf-8").read()
for i, line in enumerate(text.splitlines(), 1):
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    if width > 80:
        print(f"line {i} is {width} columns: {line}")
    if line != line.rstrip():
        print(f"line {i} ends in blanks")
for part in ("Today", "Forecast", "Calendar", "True retention", "Cards",
             "Answer buttons", "Hours of the day"):
    if part not in text:
        print(f"no {part} section")
PY
check "the report fits 80 columns, with every section"

# fits COLUMNS: the lines of the report in $tmp/report fit COLUMNS, every
# section is there, and no word of a heading is cut.
fits() {
	python3 - "$tmp/report" "$1" <<'PY'
import sys, unicodedata
text = open(sys.argv[1], encoding="utf-8").read()
cols = int(sys.argv[2])
for i, line in enumerate(text.splitlines(), 1):
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    if width > cols:
        print(f"line {i} is {width} columns: {line}")
words = " ".join(text.split())
for part in ("Today", "Forecast: cards due per day, next 30 days",
             "Calendar: answers per day, last 365 days", "Studied on",
             "True retention: passed", "Young Mature All", "Cards",
             "Stability (days until recall falls to 90%)",
             "Answer buttons", "Again Hard Good Easy", "Learning", "Mature",
             "Hours of the day, last 30 days", "23:00"):
    if part not in words:
        print(f"no \"{part}\"")
PY
}
: >"$tmp/why"
for cols in 40 60; do
	COLUMNS=$cols TZ=America/New_York "$rehearse" --db "$db" stats >"$tmp/report" 2>>"$tmp/why"
	fits $cols >>"$tmp/why"
done
check "with COLUMNS=40 and 60 the report fits them, nothing cut"

: >"$tmp/why"
# A locale whose character set is not UTF-8 (C is taken as C.UTF-8).
latin1=fr_FR.ISO-8859-1
if [ -z "$(LC_ALL=$latin1 locale 2>&1 >/dev/null)" ]; then
	TZ=America/New_York LC_ALL=$latin1 "$rehearse" --db "$db" stats >"$tmp/ascii" 2>>"$tmp/why"
	LC_ALL=C grep -n '[^[:print:][:space:]]' "$tmp/ascii" | head -3 >>"$tmp/why"
	check "without a UTF-8 locale the report is ASCII"
else
	skip "without a UTF-8 locale the report is ASCII" "no locale $latin1"
fi

: >"$tmp/why"
"$rehearse" --db "$db" stats --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert len(d["forecast"]) == 30, "30 forecast days"
assert len(d["hours"]) == 24, "24 hours"
for k in ("difficulty", "stability", "retrievability"):
    assert len(d[k]) == 10, k
' >>"$tmp/why" 2>&1
# in the last days of year 9999 the forecast stops at its last day
TZ=America/New_York REHEARSE_NOW=9999-12-20T12:00:00Z "$rehearse" --db "$db" stats --json | python3 -c '
import json, sys
f = json.load(sys.stdin)["forecast"]
dates = [day["date"] for day in f]
assert dates[0] == "9999-12-20" and dates[-1] == "9999-12-31", dates
assert len(f) == 12, dates
' >>"$tmp/why" 2>&1
check "the JSON has its documented shape; its forecast stops at 9999-12-31"
