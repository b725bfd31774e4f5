#!/bin/sh
# test_cli.sh - the command line, end to end, with the real program.
#
# Prints TAP.  Covers import (native, BOM and CRLF, no ids, Anki text with
# directives, updating and skipping duplicates, one transaction with
# FILE:LINE errors), export and its exact round trip, export --state,
# import-reviews and export-reviews, decks, config, check, the options and
# exit statuses, REHEARSE_NOW, REHEARSE_DB, --db and the default location,
# a collection from a newer rehearse, and the bundled decks on first use.
#
# make check exports top_srcdir and top_builddir (and TZ=UTC,
# LC_ALL=C.UTF-8); run by hand from the top of a build tree, they default
# to the script's tree and ".".  Fixtures are in tests/data/cli/.

: "${top_srcdir:=$(dirname "$0")/..}"
: "${top_builddir:=.}"

rehearse=$top_builddir/src/rehearse
data=$top_srcdir/tests/data/cli

TZ=UTC
export TZ

tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_cli.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
# Never the user's collection.
mkdir "$tmp/home" || exit 99
HOME=$tmp/home XDG_DATA_HOME=$tmp/xdg
export HOME XDG_DATA_HOME
unset REHEARSE_DB REHEARSE_SCRIPT
REHEARSE_NOW=2026-11-23T09:00:00Z
export REHEARSE_NOW

if [ ! -x "$rehearse" ] || [ ! -r "$data/cards.csv" ]; then
	echo "1..0 # SKIP $rehearse or $data is missing"
	exit 0
fi
. "$top_srcdir/tests/tap.sh"
# python3 reads CSV and JSON for the checks, sqlite3 dumps collections.
need python3 sqlite3

echo "1..105"

# ---- running ----

# rh, run and the expectations of their results (tests/cli.sh).
db=$tmp/c.db
. "$top_srcdir/tests/cli.sh"
# same FILE1 FILE2 WHAT
same() {
	cmp -s "$1" "$2" || {
		why "$3 differ:"
		diff "$1" "$2" | head -20 >>"$tmp/why"
	}
}
# dump DB FILE: the collection's whole content as SQL.
dump() {
	sqlite3 "$1" .dump >"$2" 2>&1 || why "sqlite3 $1 .dump failed: $(cat "$2")"
}
fresh() {
	rm -f "$1" "$1-wal" "$1-shm"
}
# csv_col FILE NAME...: columns of a CSV file, by name (python's csv
# module), a row a line, the columns separated by tabs; one python for
# them all, as it is slow to start.
csv_col() {
	python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
for r in rows:
    print("\t".join(r[c].replace("\r", "\\r").replace("\n", "\\n")
                    for c in sys.argv[2:]))
' "$@"
}

# ---- import and export ----

rh import "$data/cards.csv"
expect_rc 0
expect_out "6 added, 0 updated, 0 unchanged, 0 skipped"
check "import: a native file, with a summary line"

rh export
expect_rc 0
same "$tmp/out" "$data/cards.csv" "export and the imported file"
check "export gives back quotes, commas, newlines, Unicode, spaces and empty fields exactly"

cp "$tmp/out" "$tmp/export1.csv"
fresh "$tmp/rt.db"
"$rehearse" --db "$tmp/rt.db" import "$tmp/export1.csv" >/dev/null 2>>"$tmp/allerr" ||
	why "import of the export failed"
"$rehearse" --db "$tmp/rt.db" export >"$tmp/export2.csv" 2>>"$tmp/allerr" ||
	why "second export failed"
same "$tmp/export1.csv" "$tmp/export2.csv" "export, import, export"
check "export, import into a fresh collection, export: identical bytes"

rh export -o "$tmp/export-o.csv"
expect_rc 0
expect_no_out
same "$tmp/export-o.csv" "$tmp/export1.csv" "export -o and standard output"
rh export --output "$tmp/export-o2.csv"
same "$tmp/export-o2.csv" "$tmp/export1.csv" "export --output and standard output"
check "export -o FILE writes what standard output gets"

rh export --deck "Beta Deck"
expect_rc 0
{
	head -n 1 "$data/cards.csv"
	sed -n '/^beta-1,/,$p' "$data/cards.csv"
} >"$tmp/beta.csv"
same "$tmp/out" "$tmp/beta.csv" "export --deck"
rh export --deck "No Such Deck"
[ "$rc" -ne 0 ] || why "export of a missing deck succeeded"
check "export --deck NAME: that deck only; an unknown deck fails"

rh export --state
expect_rc 0
head -n 1 "$tmp/out" >"$tmp/header"
case $(cat "$tmp/header") in
"id,deck,question,answer,tips,tags,state,interval,due,stability,difficulty,reps,lapses"*) ;;
*) why "header: $(cat "$tmp/header")" ;;
esac
cp "$tmp/out" "$tmp/state.csv"
csv_col "$tmp/state.csv" due | grep -v -E -x \
	'[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{3})?Z' |
	sed 's/^/not ISO 8601 UTC: /' >>"$tmp/why"
csv_col "$tmp/state.csv" due | sort -u >"$tmp/dues"
[ "$(cat "$tmp/dues")" = "2026-11-23T09:00:00.000Z" ] ||
	[ "$(cat "$tmp/dues")" = "2026-11-23T09:00:00Z" ] ||
	why "a new card's due is not when it was added: $(cat "$tmp/dues")"
[ "$(csv_col "$tmp/state.csv" state | sort -u)" = 0 ] || why "states of new cards"
check "export --state adds state, interval, due (ISO 8601 UTC), stability, difficulty, reps, lapses"

# Text changed in place, history kept.
rh import-reviews "$data/reviews.csv"
expect_rc 0
expect_out "10 reviews added to 4 cards"
check "import-reviews: a review log"

rh export-reviews
cp "$tmp/out" "$tmp/log-before.csv"
rh export --state
cp "$tmp/out" "$tmp/state-before.csv"
rh import "$data/cards-edited.csv"
expect_rc 0
expect_out "0 added, 1 updated, 5 unchanged, 0 skipped"
rh export
grep -q -x 'line two (corrected)",,tag1 tag2' "$tmp/out" || why "the answer was not updated"
rh export-reviews
same "$tmp/out" "$tmp/log-before.csv" "review logs before and after re-import"
rh export --state
cp "$tmp/out" "$tmp/state-after.csv"
cols="id state interval due stability difficulty reps lapses"
# shellcheck disable=SC2086
csv_col "$tmp/state-before.csv" $cols >"$tmp/c1"
# shellcheck disable=SC2086
csv_col "$tmp/state-after.csv" $cols >"$tmp/c2"
same "$tmp/c1" "$tmp/c2" "columns $cols before and after re-import"
# a file's #tags added to a card's own may not make more than 1000
main_db=$db
db=$tmp/tags.db
printf 'id,question,answer,tags\nx1,Q,A,%s\n' "$(seq -f 't%g' 1 1000 | tr '\n' ' ')" >"$tmp/t1000.csv"
rh import "$tmp/t1000.csv"
expect_rc 0
printf '#tags: extra\n#columns:id,question,answer\nx1,Q,B\n' >"$tmp/t1001.csv"
rh import "$tmp/t1001.csv"
expect_rc 1
expect_err "t1001.csv:3: more than 1000 tags on one card"
printf '#tags: t7\n#columns:id,question,answer\nx1,Q,B\n' >"$tmp/t7.csv"
rh import "$tmp/t7.csv"
expect_out "0 added, 1 updated"
db=$main_db
check "re-import updates the text in place and keeps history and schedule; tags stay at most 1000"

rh export
cp "$tmp/out" "$tmp/edited.csv"
rh import --on-duplicate skip "$data/cards.csv"
expect_rc 0
expect_out "0 added, 0 updated, 0 unchanged, 6 skipped"
rh export
same "$tmp/out" "$tmp/edited.csv" "export after --on-duplicate skip"
rh import --on-duplicate update "$data/cards.csv"
expect_rc 0
expect_out "0 added, 1 updated, 5 unchanged, 0 skipped"
check "--on-duplicate skip leaves cards alone; update (the default) changes them"

rh import --on-duplicate sometimes "$data/cards.csv"
expect_rc 2
expect_err "sometimes"
check "--on-duplicate with a bad value is a usage error"

fresh "$tmp/noid.db"
run "$rehearse" --db "$tmp/noid.db" import "$data/noid.csv"
expect_rc 0
expect_out "3 added"
run "$rehearse" --db "$tmp/noid.db" import "$data/noid.csv"
expect_rc 0
expect_out "0 added, 0 updated, 3 unchanged"
run "$rehearse" --db "$tmp/noid.db" import "$data/noid-edited.csv"
expect_rc 0
expect_out "0 added, 1 updated, 2 unchanged"
check "without ids a card is known by deck and question (BOM, CRLF, front/back)"

run "$rehearse" --db "$tmp/noid.db" export --deck Geography
cp "$tmp/out" "$tmp/geo.csv"
csv_col "$tmp/geo.csv" question answer tags >"$tmp/qat"
printf '%s\t%s\t%s\n' 'Capital of France?' 'Paris' 'geo europe' \
    'Two\r\nlines' 'x, y' '' 'Longest river?' 'The Nile' 'geo' >"$tmp/qat-want"
same "$tmp/qat" "$tmp/qat-want" "questions, answers and tags"
check "a BOM and CRLF file's cards read exactly"

run "$rehearse" --db "$tmp/noid.db" import --deck Elsewhere "$data/noid.csv"
expect_rc 0
expect_out "3 added"
run "$rehearse" --db "$tmp/noid.db" export --deck Elsewhere
[ "$(grep -c ',Elsewhere,' "$tmp/out")" -eq 3 ] || why "cards not in deck Elsewhere: $(cat "$tmp/out")"
check "import --deck NAME puts every card in NAME"

fresh "$tmp/anki.db"
run "$rehearse" --db "$tmp/anki.db" import "$data/anki-notes.txt"
expect_rc 0
expect_out "4 added"
expect_out "converted: 1 reversed card"
run "$rehearse" --db "$tmp/anki.db" export
cat >"$tmp/anki-want.csv" <<'EOF'
id,deck,question,answer,tips,tags
"#q:x,y",Anki::Maths,2 < 3?,yes — ✓,,
"#q:x,y:rev",Anki::Maths,yes — ✓,2 < 3?,,
h7Kq2Lm9Zx,Anki::Words,<b>Bonjour</b>,"Hello
(greeting)",,french greeting
P0w3r+T1p!,Anki::Words,Merci & au revoir,"Thanks
and bye",,french
EOF
same "$tmp/out" "$tmp/anki-want.csv" "the Anki cards"
run "$rehearse" --db "$tmp/anki.db" import "$data/anki-notes.txt"
expect_rc 0
expect_out "0 added, 0 updated, 4 unchanged"
check "Anki plain text with directives imports without editing"

run "$rehearse" --db "$tmp/anki.db" export --anki -o "$tmp/anki-out.txt"
expect_rc 0
printf '%s\n' '#separator:tab' '#html:true' '#notetype:Basic' \
	'#guid column:1' '#deck column:2' '#tags column:5' >"$tmp/anki-head"
head -n 6 "$tmp/anki-out.txt" >"$tmp/anki-got-head"
same "$tmp/anki-got-head" "$tmp/anki-head" "the directives"
grep -q '^h7Kq2Lm9Zx	Anki::Words	<b>Bonjour</b>	Hello<br>(greeting)	french greeting$' \
	"$tmp/anki-out.txt" || why "no Bonjour note: $(cat "$tmp/anki-out.txt")"
grep -q '	2 &lt; 3?	' "$tmp/anki-out.txt" || why "< not escaped"
fresh "$tmp/anki2.db"
run "$rehearse" --db "$tmp/anki2.db" import "$tmp/anki-out.txt"
expect_rc 0
expect_out "4 added"
run "$rehearse" --db "$tmp/anki.db" export
cp "$tmp/out" "$tmp/anki-1.csv"
run "$rehearse" --db "$tmp/anki2.db" export
same "$tmp/out" "$tmp/anki-1.csv" "the cards after export --anki and import"
run "$rehearse" --db "$tmp/anki.db" export --anki --state
expect_rc 2
check "export --anki writes Anki's text format, which imports back the same"

# What export --anki writes of a large card imports again: 600000 '<' are
# 2.4 MB of "&lt;", more than a field of text may hold.
python3 -c 'print("id,question,answer"); print("h1,Q," + "<" * 600000)' >"$tmp/lt.csv"
fresh "$tmp/lt.db"
fresh "$tmp/lt2.db"
run "$rehearse" --db "$tmp/lt.db" import "$tmp/lt.csv"
expect_rc 0
run "$rehearse" --db "$tmp/lt.db" export --anki -o "$tmp/lt.txt"
expect_rc 0
run "$rehearse" --db "$tmp/lt2.db" import "$tmp/lt.txt"
expect_rc 0
"$rehearse" --db "$tmp/lt.db" export >"$tmp/lt-1.csv" 2>>"$tmp/allerr"
"$rehearse" --db "$tmp/lt2.db" export >"$tmp/lt-2.csv" 2>>"$tmp/allerr"
same "$tmp/lt-1.csv" "$tmp/lt-2.csv" "the card before export --anki and after its import"
check "export --anki of a card whose HTML is larger than its text imports again"

pkgs=$top_srcdir/tests/data/anki
fresh "$tmp/pkg.db"
run "$rehearse" --db "$tmp/pkg.db" import "$pkgs/col11.apkg"
expect_rc 0
expect_out "6 added, 0 updated, 0 unchanged, 0 skipped"
expect_out "converted: 1 cloze note made 2 cards"
expect_out "4 notes; review log: 10 reviews added to 3 cards, 0 already recorded, 6 entries"
expect_out "1 suspended, 1 flagged, as in Anki"
expect_out "1 media files in the package"
run "$rehearse" --db "$tmp/pkg.db" import "$pkgs/col11.apkg"
expect_rc 0
expect_out "0 added, 0 updated, 6 unchanged, 0 skipped"
expect_out "review log: 0 reviews added to 0 cards, 10 already recorded"
run "$rehearse" --db "$tmp/pkg.db" import "$pkgs/bomb.apkg"
expect_rc 1
expect_err "would be 4095 MiB once decompressed"
expect_err "nothing was imported"
run "$rehearse" --db "$tmp/pkg.db" import "$pkgs/col11.apkg" "$data/noid.csv"
expect_rc 2
expect_err "an Anki package is imported on its own"
run "$rehearse" --db "$tmp/pkg.db" list
[ "$(grep -c . "$tmp/out")" -ge 6 ] || why "cards lost: $(cat "$tmp/out")"
check "an Anki package imports with its history, again without duplicates"

# A number of the package's collection read as a number would become
# another: an ease of 2^32 + 2 was an answer of Hard.
cat "$pkgs/tables.sql" "$pkgs/col11.sql" | sqlite3 "$tmp/collection.anki2" &&
	sqlite3 "$tmp/collection.anki2" \
		"UPDATE revlog SET ease = 4294967298 WHERE id = 1767226200000" &&
	python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[2], "w") as z:
    z.write(sys.argv[1], "collection.anki2")' \
		"$tmp/collection.anki2" "$tmp/ease.apkg" || why "no package made"
fresh "$tmp/ease.db"
run "$rehearse" --db "$tmp/ease.db" import "$data/cards.csv"
dump "$tmp/ease.db" "$tmp/dump-before"
run "$rehearse" --db "$tmp/ease.db" import "$tmp/ease.apkg"
expect_rc 1
expect_err "$tmp/ease.apkg: collection.anki2: review log, id 1767226200000: ease '4294967298' is out of range (a 32-bit integer)"
expect_err "nothing was imported"
dump "$tmp/ease.db" "$tmp/dump-after"
same "$tmp/dump-before" "$tmp/dump-after" "the collection before and after"
check "an Anki package with a number beyond its type is refused, naming it, nothing imported"

# ---- one transaction, FILE:LINE ----

# bad_import NAME EXPECTED-PREFIX FILE...: fails with the message, changes
# nothing.
bad_import() {
	name=$1
	prefix=$2
	shift 2
	dump "$db" "$tmp/dump-before"
	rh import "$@"
	[ "$rc" -ne 0 ] || why "exit status 0"
	[ "$rc" -ne 2 ] || why "exit status 2 (a usage error?)"
	head -n 1 "$tmp/err" | grep -F -q -- "rehearse: $prefix" ||
		why "first line of stderr: $(head -n 1 "$tmp/err"), expected rehearse: $prefix..."
	expect_no_out
	dump "$db" "$tmp/dump-after"
	same "$tmp/dump-before" "$tmp/dump-after" "the collection before and after"
	check "$name"
}
bad_import "unterminated quote: FILE:LINE, nothing imported" \
	"$data/bad-unterminated.csv:3: " "$data/bad-unterminated.csv"
bad_import "invalid UTF-8 after a multi-line record: FILE:LINE, nothing imported" \
	"$data/bad-utf8.csv:5: " "$data/bad-utf8.csv"
bad_import "missing question: FILE:LINE, nothing imported" \
	"$data/bad-noquestion.csv:3: " "$data/bad-noquestion.csv"
bad_import "unknown directive value: FILE:LINE, nothing imported" \
	"$data/bad-directive.txt:2: " "$data/bad-directive.txt"
bad_import "a bad row in the second of two files: nothing from either" \
	"$data/bad-noquestion.csv:3: " "$data/second.csv" "$data/bad-noquestion.csv"
bad_import "a bad file after updates to existing cards: the updates are undone too" \
	"$data/bad-unterminated.csv:3: " "$data/cards-edited.csv" "$data/bad-unterminated.csv"
rh export
grep -q -F "second-1" "$tmp/out" && why "a card of the first file was imported"
rh import "$data/second.csv"
expect_rc 0
expect_out "2 added"
check "after the failures the good file alone imports"

rh import "$tmp/no-such-file.csv"
[ "$rc" -eq 1 ] || why "exit status $rc for a missing file"
expect_err "no-such-file.csv"
# standard input closed: the read error, not an empty file; nothing else
# opened takes its place
for cmd in import import-reviews; do
	"$rehearse" --db "$db" "$cmd" - <&- >"$tmp/out" 2>"$tmp/err"
	rc=$?
	cat "$tmp/err" >>"$tmp/allerr"
	expect_rc 1
	expect_err "<stdin>: Bad file descriptor"
done
check "import of a missing file, or of a closed standard input, fails saying why"

rh import
expect_rc 2
# standard input twice: the second read would find it used up
IN=$data/cards.csv rh import - -
expect_rc 2
expect_err "standard input (-) can be read only once"
check "import without a FILE is a usage error"

# ---- review logs ----

dump "$db" "$tmp/d1"
rh import-reviews "$data/reviews.csv"
expect_rc 0
expect_out "0 reviews added"
dump "$db" "$tmp/d2"
same "$tmp/d1" "$tmp/d2" "the collection before and after a second import"
check "import-reviews twice changes nothing"

# state_after LOG... : export --state of a fresh collection of cards.csv
# after importing the logs in turn.
state_after() {
	fresh "$tmp/s.db"
	"$rehearse" --db "$tmp/s.db" import "$data/cards.csv" >/dev/null 2>>"$tmp/allerr"
	for log in "$@"; do
		"$rehearse" --db "$tmp/s.db" import-reviews "$log" >/dev/null 2>>"$tmp/allerr" ||
			why "import-reviews $log failed"
	done
	"$rehearse" --db "$tmp/s.db" export --state 2>>"$tmp/allerr"
}
state_after "$data/reviews.csv" >"$tmp/st-a"
state_after "$data/reviews-shuffled.csv" >"$tmp/st-b"
state_after "$data/reviews-minimal.csv" >"$tmp/st-c"
same "$tmp/st-a" "$tmp/st-b" "states after the log and after it reversed with its columns reordered"
same "$tmp/st-a" "$tmp/st-c" "states after the log and after it shuffled with only the required columns"
grep -q ',2,[0-9]*,2026-' "$tmp/st-a" || why "no card in the review state: $(cat "$tmp/st-a")"
check "import-reviews replays in time order: row order and optional columns do not matter"

sed -n '1p;2~2p' "$data/reviews.csv" >"$tmp/log-odd.csv"
sed -n '1p;3~2p' "$data/reviews.csv" >"$tmp/log-even.csv"
state_after "$tmp/log-even.csv" "$tmp/log-odd.csv" >"$tmp/st-d"
same "$tmp/st-a" "$tmp/st-d" "states after the log at once and in two halves, later half first"
check "a log imported in two parts, out of time order, gives the same states"

cp "$tmp/st-a" "$tmp/st-a.csv"
# alpha-1 had 4 answers, alpha-2 3, beta-1 2, beta-2 1; one Again
# after a review (alpha-1).
python3 - "$tmp/st-a.csv" >>"$tmp/why" <<'EOF'
import csv, sys
want = {"alpha-1": ("4", "1"), "alpha-2": ("3", "0"), "beta-1": ("2", "0"),
        "beta-2": ("1", "0"), "alpha-3": ("0", "0"), "alpha-4": ("0", "0")}
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    if (r["reps"], r["lapses"]) != want[r["id"]]:
        print("%s: reps %s lapses %s, expected %s" % (r["id"], r["reps"], r["lapses"], want[r["id"]]))
EOF
check "export --state counts reps and lapses from the log"

fresh "$tmp/log1.db"
"$rehearse" --db "$tmp/log1.db" import "$data/cards.csv" >/dev/null 2>>"$tmp/allerr"
"$rehearse" --db "$tmp/log1.db" import-reviews "$data/reviews-shuffled.csv" >/dev/null 2>>"$tmp/allerr"
"$rehearse" --db "$tmp/log1.db" export-reviews -o "$tmp/log1.csv" 2>>"$tmp/allerr" ||
	why "export-reviews -o failed"
head -n 1 "$tmp/log1.csv" | grep -q -x 'card_id,review_time,review_rating,review_state,review_duration' ||
	why "header: $(head -n 1 "$tmp/log1.csv")"
[ "$(wc -l <"$tmp/log1.csv")" -eq 11 ] || why "$(wc -l <"$tmp/log1.csv") lines"
fresh "$tmp/log2.db"
"$rehearse" --db "$tmp/log2.db" import "$data/cards.csv" >/dev/null 2>>"$tmp/allerr"
"$rehearse" --db "$tmp/log2.db" import-reviews "$tmp/log1.csv" >/dev/null 2>>"$tmp/allerr" ||
	why "import of the exported log failed"
"$rehearse" --db "$tmp/log2.db" export-reviews >"$tmp/log2.csv" 2>>"$tmp/allerr"
same "$tmp/log1.csv" "$tmp/log2.csv" "export-reviews, import-reviews, export-reviews"
"$rehearse" --db "$tmp/log1.db" export --state >"$tmp/st1" 2>>"$tmp/allerr"
"$rehearse" --db "$tmp/log2.db" export --state >"$tmp/st2" 2>>"$tmp/allerr"
same "$tmp/st1" "$tmp/st2" "card states of the two collections"
check "export-reviews round trip: identical log, identical states"

# bad_log NAME PREFIX FILE
bad_log() {
	dump "$db" "$tmp/dump-before"
	rh import-reviews "$3"
	[ "$rc" -ne 0 ] || why "exit status 0"
	head -n 1 "$tmp/err" | grep -F -q -- "rehearse: $2" ||
		why "first line of stderr: $(head -n 1 "$tmp/err"), expected rehearse: $2..."
	expect_no_out
	dump "$db" "$tmp/dump-after"
	same "$tmp/dump-before" "$tmp/dump-after" "the collection before and after"
	check "$1"
}
# The bad logs' good rows are new to the collection: they must not stay.
fresh "$db"
rh import "$data/cards.csv"
bad_log "import-reviews: unknown card id at FILE:LINE, nothing imported" \
	"$data/reviews-bad-card.csv:3: " "$data/reviews-bad-card.csv"
bad_log "import-reviews: rating 5 at FILE:LINE, nothing imported" \
	"$data/reviews-bad-rating.csv:4: " "$data/reviews-bad-rating.csv"
bad_log "import-reviews: a time that is no number at FILE:LINE, nothing imported" \
	"$data/reviews-bad-time.csv:2: " "$data/reviews-bad-time.csv"
# One valid range of times (1970-9999): INT64_MAX overflowed the scheduler.
printf 'card_id,review_time,review_rating\nalpha-1,9223372036854775807,3\n' \
	>"$tmp/reviews-far.csv"
bad_log "import-reviews: a time out of range at FILE:LINE, nothing imported" \
	"$tmp/reviews-far.csv:2: review_time '9223372036854775807' (field 2) is out of range" \
	"$tmp/reviews-far.csv"
# Numbers in a log are exact: good rows before a rating of ' 3' do not stay.
printf 'card_id,review_time,review_rating\nalpha-1,1793527200000,3\n%s\n' \
	'alpha-1,1793613600000, 3' >"$tmp/reviews-blank.csv"
bad_log "import-reviews: a rating with a blank at FILE:LINE and field, nothing imported" \
	"$tmp/reviews-blank.csv:3: review_rating ' 3' (field 3) is not a whole number" \
	"$tmp/reviews-blank.csv"
# Two answers of 2^62 ms summed past INT64_MAX in the statistics.
printf 'card_id,review_time,review_rating,review_duration\n%s\n%s\n' \
	'alpha-1,1793527200000,3,4611686018427387904' \
	'alpha-1,1793527300000,3,4611686018427387904' >"$tmp/reviews-long.csv"
bad_log "import-reviews: a duration beyond Anki's bound at FILE:LINE, nothing imported" \
	"$tmp/reviews-long.csv:2: review_duration '4611686018427387904' (field 4) is out of range (0-2147483647)" \
	"$tmp/reviews-long.csv"
rh export-reviews
[ "$(wc -l <"$tmp/out")" -eq 1 ] || why "reviews were recorded: $(cat "$tmp/out")"
check "after the bad logs the collection has no review"

printf 'question,answer,state,interval,due,stability,difficulty,reps,lapses\n%s\n' \
	'q,a,2,1,0300-01-01T00:00:00Z,1,5,1,0' >"$tmp/far-due.csv"
fresh "$tmp/far.db"
run "$rehearse" --db "$tmp/far.db" import "$tmp/far-due.csv"
[ "$rc" -ne 0 ] || why "exit status 0"
expect_err "$tmp/far-due.csv:2: due '0300-01-01T00:00:00Z' (field 5) is out of range (1970-01-01 to 9999-12-31 UTC)"
check "import: a due out of range at FILE:LINE"

# A schedule's numbers are exact: a card before the bad one does not stay.
printf '%s\n%s\n%s\n' \
	'id,question,state,interval,due,stability,difficulty,reps,lapses,last_review' \
	'g1,q1,2,1,2026-01-01T00:00:00Z,1.5,5,1,0,2025-12-31T00:00:00Z' \
	'g2,q2,2,1,2026-01-01T00:00:00Z,3abc,5,1,0,2025-12-31T00:00:00Z' >"$tmp/bad-stability.csv"
fresh "$tmp/far.db"
run "$rehearse" --db "$tmp/far.db" import "$data/cards.csv"
dump "$tmp/far.db" "$tmp/dump-before"
run "$rehearse" --db "$tmp/far.db" import "$tmp/bad-stability.csv"
expect_rc 1
expect_err "$tmp/bad-stability.csv:3: stability '3abc' (field 6) is not a number"
expect_err "nothing was imported"
dump "$tmp/far.db" "$tmp/dump-after"
same "$tmp/dump-before" "$tmp/dump-after" "the collection before and after"
check "import: a stability that is no number at FILE:LINE and field, nothing imported"

# A card's counters stop at their most, and what an export writes imports:
# reps of 1000000001 after an answer was refused (the bound was 10^9).
printf '%s\n%s\n' \
	'id,question,state,interval,due,stability,difficulty,reps,lapses,last_review' \
	'k1,Q,2,1,2026-01-02T00:00:00Z,1,5,2147483647,2147483647,2026-01-01T00:00:00Z' \
	>"$tmp/counters.csv"
printf 'card_id,review_time,review_rating\nk1,1767312000000,1\n' >"$tmp/counters-log.csv"
fresh "$tmp/counters.db"
fresh "$tmp/counters2.db"
run "$rehearse" --db "$tmp/counters.db" import "$tmp/counters.csv"
expect_rc 0
run "$rehearse" --db "$tmp/counters.db" import-reviews "$tmp/counters-log.csv"
expect_rc 0
run "$rehearse" --db "$tmp/counters.db" export --state -o "$tmp/counters-out.csv"
expect_rc 0
grep -q ',2147483647,2147483647,' "$tmp/counters-out.csv" ||
	why "counters: $(cat "$tmp/counters-out.csv")"
run "$rehearse" --db "$tmp/counters2.db" import "$tmp/counters-out.csv"
expect_rc 0
check "counters at their most stay there, and the export imports again"

# A collection written before the range was enforced: list and export
# show the end of the range, and the export imports again.
fresh "$tmp/far.db"
run "$rehearse" --db "$tmp/far.db" import "$data/cards.csv"
sqlite3 "$tmp/far.db" "UPDATE cards SET state = 2, stability = 1, difficulty = 5,
	reps = 1, due = 9223372036854775807, last_review = 9223372036854775807" ||
	why "sqlite3 failed"
run "$rehearse" --db "$tmp/far.db" list
expect_rc 0
expect_out "	9999-12-31	"
grep -q 292278994 "$tmp/out" && why "list shows year 292278994: $(cat "$tmp/out")"
run "$rehearse" --db "$tmp/far.db" export --state -o "$tmp/far-state.csv"
expect_rc 0
grep -q ',9999-12-31T23:59:59.999Z,' "$tmp/far-state.csv" ||
	why "export: $(cat "$tmp/far-state.csv")"
fresh "$tmp/far2.db"
run "$rehearse" --db "$tmp/far2.db" import "$tmp/far-state.csv"
expect_rc 0
check "list and export clamp stored times into the range; the export imports"

printf 'card_id,review_time,review_rating\n' >"$tmp/empty-log.csv"
rh import-reviews "$tmp/empty-log.csv"
expect_rc 0
expect_out "0 reviews added"
check "a review log with a header and no rows imports nothing, successfully"

# The last answers are written after the replay, when the log was empty
# before: their failure must free what the replay counted (leak check
# under the sanitizers).
fresh "$tmp/refuse.db"
run "$rehearse" --db "$tmp/refuse.db" import "$data/cards.csv"
sqlite3 "$tmp/refuse.db" "CREATE TRIGGER refuse BEFORE INSERT ON reviews
	BEGIN SELECT RAISE(ABORT, 'no answers here'); END;" || why "sqlite3 failed"
run "$rehearse" --db "$tmp/refuse.db" import-reviews "$data/reviews.csv"
expect_rc 1
expect_err "no answers here"
grep -E 'Sanitizer' "$tmp/err" >>"$tmp/why"
check "import-reviews whose last answers fail to be written reports it and frees all"

# ---- decks ----

rh decks
expect_rc 0
head -n 1 "$tmp/out" | grep -q '^Deck  *New  *Learning  *Due$' || why "header: $(head -n 1 "$tmp/out")"
grep -q '^Alpha  *4  *0  *0$' "$tmp/out" || why "no Alpha row: $(cat "$tmp/out")"
grep -q '^Beta Deck  *2  *0  *0$' "$tmp/out" || why "no Beta Deck row: $(cat "$tmp/out")"
grep -q '^Total  *6  *0  *0$' "$tmp/out" || why "no Total row: $(cat "$tmp/out")"
cp "$tmp/out" "$tmp/decks.txt"
fresh "$tmp/short.db"
run "$rehearse" --db "$tmp/short.db" add --deck Q --question "Short?" --answer Yes
run "$rehearse" --db "$tmp/short.db" decks
[ "$(sed -n '2,3s/^\(.\{13\}\).*/\1/p' "$tmp/out" | tr '\n' '|')" = "Q           1|Total       1|" ] ||
    why "a short deck name and Total not in one column: $(cat "$tmp/out")"
check "decks: a table with a row per deck and the total, its columns aligned"

rh decks --json
expect_rc 0
cp "$tmp/out" "$tmp/decks.json"
python3 -m json.tool "$tmp/decks.json" >/dev/null 2>"$tmp/json-err" ||
	why "not JSON: $(cat "$tmp/json-err"): $(cat "$tmp/decks.json")"
python3 - "$tmp/decks.json" "$tmp/decks.txt" >>"$tmp/why" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
table = open(sys.argv[2]).read().splitlines()
total = [l.split() for l in table if l.startswith("Total")][0][1:]
if [str(j["total"][k]) for k in ("new", "learning", "due")] != total:
    print("JSON total %s, table %s" % (j["total"], total))
names = [d["name"] for d in j["decks"]]
if names != ["Alpha", "Beta Deck"]:
    print("decks %s" % names)
for d in j["decks"]:
    if d["name"] == "Alpha" and (d["cards"], d["new"]) != (4, 4):
        print("Alpha: %s" % d)
if sum(d["new"] for d in j["decks"]) < j["total"]["new"]:
    print("the total is more than the decks")
EOF
check "decks --json is valid JSON and agrees with the table"

# A deck name that JSON must escape, and limits that cap the total.
# (A control character such as a tab is refused in a deck's name.)
printf 'id,deck,question\nj-1,"Odd ""deck"" \\ name/\303\251",q1\nj-2,"Odd ""deck"" \\ name/\303\251",q2\n' >"$tmp/odd.csv"
rh import "$tmp/odd.csv"
rh config new-per-day 5
rh decks --json
expect_rc 0
cp "$tmp/out" "$tmp/odd.json"
python3 - "$tmp/odd.json" >>"$tmp/why" 2>&1 <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
names = [d["name"] for d in j["decks"]]
if 'Odd "deck" \\ name/\u00e9' not in names:
    print("names %r" % names)
if j["total"]["new"] != 5:
    print("total new %s with new-per-day 5" % j["total"]["new"])
if any(d["new"] > 5 for d in j["decks"]):
    print("a deck over the limit: %s" % j["decks"])
EOF
check "decks --json escapes deck names; the total keeps the daily limit"
rh config new-per-day 20

rh decks --bogus
expect_rc 2
check "decks with an unknown option is a usage error"

# ---- config ----

rh config
expect_rc 0
cp "$tmp/out" "$tmp/config-before"
for key in retention new-per-day reviews-per-day learning-steps relearning-steps \
	max-interval fuzz day-starts-at; do
	grep -q "^$key " "$tmp/config-before" || why "config does not show $key"
done
check "config lists every setting"

# bad_config KEY VALUE: refused with a message naming the key, nothing changed.
bad_config() {
	rh config "$1" "$2"
	[ "$rc" -ne 0 ] || why "config $1 \"$2\": exit status 0"
	expect_err "$1"
	[ -s "$tmp/err" ] || why "config $1 \"$2\": no message"
	rh config
	same "$tmp/out" "$tmp/config-before" "config before and after $1 \"$2\""
}
bad_config retention 0.5
bad_config retention 1.5
bad_config retention abc
bad_config retention ""
bad_config new-per-day -1
bad_config new-per-day 10000
bad_config new-per-day 1.5
# one rule for every whole number: digits only, no sign, no blanks
bad_config new-per-day " 5"
bad_config new-per-day "+5"
bad_config new-per-day "5 "
bad_config max-interval " 365"
bad_config reviews-per-day lots
bad_config learning-steps 1x
bad_config learning-steps "0m"
bad_config relearning-steps "10m -5m"
bad_config max-interval 0
bad_config max-interval 36501
bad_config fuzz maybe
bad_config day-starts-at 24
bad_config day-starts-at -1
bad_config weights "1,2,3"
w7_high="0.212,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,0.9,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,0.1542"
bad_config weights "$w7_high"
rh config weights "$w7_high"
expect_err "w7 = 0.9 is out of range; allowed 0.001 to 0.75"
bad_config weights default,1
check "config: bad values are refused with a message and change nothing"

rh config no-such-key 1
[ "$rc" -ne 0 ] || why "an unknown key was accepted"
expect_err "no-such-key"
rh config
same "$tmp/out" "$tmp/config-before" "config before and after an unknown key"
check "config: an unknown key is refused"

# good_config KEY VALUE CANONICAL
good_config() {
	rh config "$1" "$2"
	expect_rc 0
	[ "$(cat "$tmp/out")" = "$3" ] ||
		why "config $1 \"$2\" showed \"$(cat "$tmp/out")\", expected \"$3\""
	rh config "$1"
	[ "$(cat "$tmp/out")" = "$3" ] ||
		why "config $1 is \"$(cat "$tmp/out")\" after setting \"$2\", expected \"$3\""
}
good_config fuzz OFF off
good_config fuzz yes on
good_config learning-steps "60m  1440m" "1h 1d"
good_config learning-steps " 1m	10m " "1m 10m"
good_config relearning-steps "" ""
good_config relearning-steps 10m 10m
good_config retention .85 0.85
good_config retention 0.90 0.90
good_config new-per-day 007 7
good_config new-per-day 20 20
good_config day-starts-at 0 0
good_config day-starts-at 4 4
check "config: good values are shown back canonically"

rh config weights
expect_rc 0
default_w=$(cat "$tmp/out")
good_config weights " 0.3,1.5,3,9,6,0.9,3,0.01,1.5,0.2,0.8,1.5,0.05,0.3,1.5,0.5,2,0.5,0.1,0.05,0.2" \
	"0.3, 1.5, 3.0, 9.0, 6.0, 0.9, 3.0, 0.01, 1.5, 0.2, 0.8, 1.5, 0.05, 0.3, 1.5, 0.5, 2.0, 0.5, 0.1, 0.05, 0.2"
rh config
grep -q "^weights  *custom " "$tmp/out" || why "config does not say the weights are custom"
good_config weights default "$default_w"
check "config weights: set, shown back, and default restores them"

rh config
same "$tmp/out" "$tmp/config-before" "config after putting every value back"
check "config: the settings read back as set"

rh config retention 0.9 extra
expect_rc 2
check "config with three arguments is a usage error"

# ---- custom study: bad values are usage errors ----

for bad in "--extra-new 0" "--extra-new 10000" "--extra-new x" "--ahead 0" \
	"--ahead 3651" "--ahead 2d" "--tag="; do
	# shellcheck disable=SC2086
	rh review $bad Alpha
	[ "$rc" -eq 2 ] || why "review $bad: exit status $rc, not 2"
	[ -s "$tmp/err" ] || why "review $bad: no message"
done
for bad in " 5" "+5" "5 "; do
	rh review --extra-new "$bad" Alpha
	expect_rc 2
	expect_err "give a whole number from 1 to 9999"
	rh review --ahead "$bad" Alpha
	expect_rc 2
done
# a tag is one word (spaces around it aside, as the screen takes it), and
# one that no card of the deck has is refused rather than studied empty
rh review --tag "  " Alpha
[ "$rc" -eq 2 ] || why "review --tag '  ': exit status $rc, not 2"
grep -q -- "--tag: give one tag, without spaces" "$tmp/err" || why "review --tag '  ': $(cat "$tmp/err")"
rh review --tag "two words" Alpha
[ "$rc" -eq 2 ] || why "review --tag 'two words': exit status $rc, not 2"
rh review --tag nosuch Alpha
[ "$rc" -eq 1 ] || why "review --tag nosuch: exit status $rc, not 1"
grep -q "no card of the deck is tagged nosuch" "$tmp/err" || why "review --tag nosuch: $(cat "$tmp/err")"
rh decks
cp "$tmp/out" "$tmp/decks-after-bad"
rh review --extra-new 5 NoSuchDeck
[ "$rc" -eq 1 ] || why "review --extra-new with an unknown deck: exit status $rc"
rh decks
same "$tmp/out" "$tmp/decks-after-bad" "decks after refused custom study"
check "review: bad custom-study values are refused, nothing changed"

# ---- a deck's own settings ----

rh config --deck Alpha
expect_rc 0
grep -q '^new-per-day  *(collection)  *collection: 20$' "$tmp/out" ||
	why "a deck without its own value does not show (collection): $(cat "$tmp/out")"
rh config --deck Alpha new-per-day 3
expect_rc 0
[ "$(cat "$tmp/out")" = 3 ] || why "config --deck Alpha new-per-day 3 showed $(cat "$tmp/out")"
rh config --deck Alpha retention 0.950
[ "$(cat "$tmp/out")" = 0.95 ] || why "the deck's retention showed $(cat "$tmp/out")"
rh config new-per-day
[ "$(cat "$tmp/out")" = 20 ] || why "the collection's new-per-day changed to $(cat "$tmp/out")"
rh decks --json
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
alpha = [x for x in d["decks"] if x["name"] == "Alpha"][0]
sys.exit(0 if alpha["new"] <= 3 else 1)' "$tmp/out" ||
	why "decks --json gives Alpha more than its own 3 new cards: $(cat "$tmp/out")"
rh config --deck Alpha fuzz off
[ "$rc" -ne 0 ] || why "fuzz was accepted for one deck"
expect_err "collection's only"
rh config --deck Nope new-per-day 1
[ "$rc" -ne 0 ] || why "an unknown deck was accepted"
expect_err "Nope"
rh config --deck Alpha new-per-day 10000
[ "$rc" -ne 0 ] || why "a deck's value out of range was accepted"
rh config --deck Alpha new-per-day collection
[ "$(cat "$tmp/out")" = "(collection)" ] || why "collection did not remove the deck's own value"
rh config --deck Alpha retention 0.8
# in any case and with blanks, as on and off are
rh config --deck Alpha retention " Collection"
[ "$(cat "$tmp/out")" = "(collection)" ] || why "Collection: $(cat "$tmp/out" "$tmp/err")"
rh config
same "$tmp/out" "$tmp/config-before" "the collection's settings after a deck's"
check "config --deck: a deck's own values, (collection) without, both limits apply"

# ---- check ----

rh check
expect_rc 0
check "check: exit status 0 on a good collection"

cp "$db" "$tmp/broken.db"
sqlite3 "$tmp/broken.db" "UPDATE cards SET state = 2, reps = 0
	WHERE id = (SELECT min(id) FROM cards)" || why "sqlite3 failed"
run "$rehearse" --db "$tmp/broken.db" check
expect_rc 1
[ -s "$tmp/out" ] || [ -s "$tmp/err" ] || why "no word about the problem"
check "check: exit status 1 on a broken collection"

# ---- options ----

run "$rehearse" --help
expect_rc 0
head -n 1 "$tmp/out" | grep -q '^Usage: rehearse' || why "--help: $(head -n 1 "$tmp/out")"
[ -s "$tmp/err" ] && why "--help wrote to stderr"
check "--help: usage on stdout, exit 0"

run "$rehearse" --version
expect_rc 0
head -n 1 "$tmp/out" | grep -q -E '^rehearse [0-9]+\.[0-9]+' || why "--version: $(head -n 1 "$tmp/out")"
grep -q 'NO WARRANTY' "$tmp/out" || why "--version without the GNU licence lines"
check "--version in the GNU style, exit 0"

run "$rehearse" --no-such-option
expect_rc 2
expect_no_out
expect_err "--no-such-option"
expect_err "rehearse --help"
check "an unknown option: usage message on stderr, exit 2"

run "$rehearse" --db "$db" frobnicate
expect_rc 2
expect_no_out
expect_err "frobnicate"
check "an unknown command: exit 2"

run "$rehearse" --dump-commands
expect_rc 0
cp "$tmp/out" "$tmp/commands"
[ "$(wc -l <"$tmp/commands")" -ge 8 ] || why "only $(wc -l <"$tmp/commands") commands"
for cmd in $(cat "$tmp/commands"); do
	run "$rehearse" --db "$tmp/help.db" "$cmd" --help
	[ "$rc" -eq 0 ] || why "$cmd --help: exit status $rc"
	grep -q "^Usage: rehearse.* $cmd" "$tmp/out" || why "$cmd --help: $(head -n 1 "$tmp/out")"
	run "$rehearse" --db "$tmp/help.db" help "$cmd"
	[ "$rc" -eq 0 ] || why "help $cmd: exit status $rc"
done
[ -e "$tmp/help.db" ] && why "CMD --help opened the collection"
check "CMD --help: exit 0 for every command"

for cmd in $(cat "$tmp/commands"); do
	run "$rehearse" --db "$tmp/help.db" "$cmd" --no-such-option
	[ "$rc" -eq 2 ] || why "$cmd --no-such-option: exit status $rc"
done
check "CMD with an unknown option: exit 2 for every command"

run "$rehearse" --db
expect_rc 2
check "--db without a value is a usage error"

# usage_err WANT ARGS: a usage error (exit 2, nothing on stdout, no
# collection made) whose message holds WANT.
usage_err() {
	want=$1
	shift
	run "$rehearse" --db "$tmp/usage.db" "$@"
	expect_rc 2
	expect_no_out
	expect_err "$want"
	[ -e "$tmp/usage.db" ] && why "$*: the collection was created"
	rm -f "$tmp/usage.db"
}
usage_err "--deck needs a value" import --deck
usage_err "--deck needs a value" list --deck
usage_err "-o needs a value" export -o
usage_err "--output needs a value" export-reviews --output
usage_err "--flagged takes no value" list --flagged=yes
usage_err "unknown option -x" export -x
usage_err "unknown option --bogus" unsuspend --bogus
usage_err "--on-duplicate takes update or skip" import --on-duplicate=maybe x.csv
usage_err "rehearse import --help" import --deck
check "an option without its value, or with one it does not take, says so"

rh export
cp "$tmp/out" "$tmp/export-now.csv"
rh export --output="$tmp/export-eq.csv"
expect_rc 0
same "$tmp/export-eq.csv" "$tmp/export-now.csv" "export --output=FILE and standard output"
rh export -o"$tmp/export-o3.csv"
expect_rc 0
same "$tmp/export-o3.csv" "$tmp/export-now.csv" "export -oFILE and standard output"
rh list --flag --susp
expect_rc 0
check "options as --name=value, -oVALUE, and long names shortened"

run "$rehearse" help import
expect_rc 0
grep -q '^Usage: rehearse.* import ' "$tmp/out" || why "help import: $(head -n 1 "$tmp/out")"
grep -q -- '--on-duplicate update|skip' "$tmp/out" || why "help import lacks --on-duplicate"
usage_err "no-such-command" help no-such-command
check "help COMMAND prints its usage; an unknown topic is a usage error"

# The program finds the bundled decks without the build tree's paths in it.
# Its strings, but for the installed decks' directory, which may well lie
# in the build tree (make distcheck installs there).
if command -v strip >/dev/null 2>&1 && strip -o "$tmp/stripped" "$rehearse" 2>/dev/null; then
	tr -c '[:print:]' '[\n*]' <"$tmp/stripped" | grep -v '/share/rehearse/decks$' \
	    >"$tmp/strings"
	for dir in "$top_srcdir" "$top_builddir"; do
		for abs in "$(cd "$dir" && pwd)" "$(cd "$dir" && pwd -P)"; do
			grep -q -F -- "$abs" "$tmp/strings" &&
			    why "the program holds the path $abs: $(grep -F -- "$abs" "$tmp/strings" | head -n 3)"
		done
	done
	check "the program holds no path of the source or build tree"
else
	skip "the program holds no path of the source or build tree" "no strip"
fi

# ---- the clock ----

fresh "$tmp/now1.db"
fresh "$tmp/now2.db"
run env REHEARSE_NOW=2026-11-23T09:00:00Z "$rehearse" --db "$tmp/now1.db" import "$data/second.csv"
run env REHEARSE_NOW=1795424400 "$rehearse" --db "$tmp/now2.db" import "$data/second.csv"
"$rehearse" --db "$tmp/now1.db" export --state >"$tmp/now1.csv" 2>>"$tmp/allerr"
"$rehearse" --db "$tmp/now2.db" export --state >"$tmp/now2.csv" 2>>"$tmp/allerr"
same "$tmp/now1.csv" "$tmp/now2.csv" "ISO 8601 and epoch seconds"
grep -q '2026-11-23T09:00:00' "$tmp/now1.csv" || why "REHEARSE_NOW not used: $(cat "$tmp/now1.csv")"
run env REHEARSE_NOW=2026-11-23T10:00:00+01:00 "$rehearse" --db "$tmp/now1.db" import "$data/cards.csv"
"$rehearse" --db "$tmp/now1.db" export --state --deck Alpha >"$tmp/now3.csv" 2>>"$tmp/allerr"
grep -q '2026-11-23T09:00:00' "$tmp/now3.csv" || why "an offset was not applied: $(cat "$tmp/now3.csv")"
check "REHEARSE_NOW: ISO 8601 or epoch seconds fix the clock"

for bad in yesterday 2026-13-01 2026-02-30T10:00 12abc "2026-11-23T25:00" \
	9223372036854774 1969-12-31T23:00:00Z; do
	run env REHEARSE_NOW="$bad" "$rehearse" --db "$db" decks
	[ "$rc" -eq 2 ] || why "REHEARSE_NOW=$bad: exit status $rc"
	expect_err "REHEARSE_NOW"
done
check "a bad REHEARSE_NOW: exit 2 with a message"

# ---- where the collection is ----

fresh "$tmp/env.db"
fresh "$tmp/flag.db"
run env REHEARSE_DB="$tmp/env.db" "$rehearse" import "$data/second.csv"
expect_rc 0
[ -s "$tmp/env.db" ] || why "REHEARSE_DB not used"
[ -e "$tmp/xdg/rehearse" ] && why "the default location was created"
run env REHEARSE_DB="$tmp/env.db" "$rehearse" --db "$tmp/flag.db" import "$data/cards.csv"
expect_rc 0
run env REHEARSE_DB="$tmp/env.db" "$rehearse" export
grep -q alpha-1 "$tmp/out" && why "--db lost to REHEARSE_DB"
grep -q second-1 "$tmp/out" || why "REHEARSE_DB does not hold its cards"
run "$rehearse" --db "$tmp/flag.db" export
grep -q alpha-1 "$tmp/out" || why "--db did not get the cards"
check "REHEARSE_DB names the collection; --db wins over it"

run env REHEARSE_DB= "$rehearse" import "$data/second.csv"
expect_rc 0
c=$tmp/xdg/rehearse/collection.db
[ -f "$c" ] || why "no $c"
[ "$(ls -ld "$tmp/xdg/rehearse" | cut -c1-10)" = drwx------ ] ||
	why "directory: $(ls -ld "$tmp/xdg/rehearse")"
[ "$(ls -l "$c" | cut -c1-10)" = -rw------- ] || why "file: $(ls -l "$c")"
check "default: \$XDG_DATA_HOME/rehearse/collection.db, directory 0700, file 0600"

(
	unset XDG_DATA_HOME
	"$rehearse" import "$data/second.csv" >/dev/null 2>>"$tmp/allerr"
)
c=$tmp/home/.local/share/rehearse/collection.db
[ -f "$c" ] || why "no $c"
[ -f "$c" ] && [ "$(ls -l "$c" | cut -c1-10)" != -rw------- ] && why "file: $(ls -l "$c")"
[ "$(ls -ld "$tmp/home/.local/share/rehearse" | cut -c1-10)" = drwx------ ] ||
	why "directory: $(ls -ld "$tmp/home/.local/share/rehearse")"
check "without XDG_DATA_HOME: ~/.local/share/rehearse/collection.db"

# ---- a newer collection ----

sqlite3 "$tmp/newer.db" "CREATE TABLE future (x); INSERT INTO future VALUES (1);
	PRAGMA application_id = 1919447667; PRAGMA user_version = 99;" ||
	why "sqlite3 failed"
sum_before=$(cksum <"$tmp/newer.db")
files_before=$(ls -a "$tmp" | grep '^newer')
for args in decks "import $data/second.csv" export check "config fuzz off" \
	"import-reviews $data/reviews.csv"; do
	# shellcheck disable=SC2086
	run "$rehearse" --db "$tmp/newer.db" $args
	[ "$rc" -ne 0 ] || why "$args: exit status 0"
	expect_err "newer"
done
[ "$(cksum <"$tmp/newer.db")" = "$sum_before" ] || why "the file changed"
[ "$(ls -a "$tmp" | grep '^newer')" = "$files_before" ] ||
	why "files appeared next to it: $(ls -a "$tmp" | grep '^newer')"
if command -v sha256sum >/dev/null 2>&1; then
	h1=$(sha256sum <"$tmp/newer.db")
	run "$rehearse" --db "$tmp/newer.db" decks
	h2=$(sha256sum <"$tmp/newer.db")
	[ "$h1" = "$h2" ] || why "sha256 changed"
fi
check "a collection from a newer rehearse is refused and left untouched"

# ---- first use ----

fresh "$tmp/first.db"
run "$rehearse" --db "$tmp/first.db" decks --json
expect_rc 0
cp "$tmp/out" "$tmp/first.json"
python3 - "$tmp/first.json" "$top_srcdir"/decks/*.csv >>"$tmp/why" 2>&1 <<'EOF'
import csv, json, sys
j = json.load(open(sys.argv[1]))
want = set()
for path in sys.argv[2:]:
    for r in csv.DictReader(open(path, newline="", encoding="utf-8-sig")):
        want.add(r["deck"])
got = set(d["name"] for d in j["decks"])
if got != want or not want:
    print("decks %s, bundled %s" % (sorted(got), sorted(want)))
EOF
check "first use of an empty collection brings in the bundled decks"

fresh "$tmp/first2.db"
run "$rehearse" --db "$tmp/first2.db" import "$data/second.csv"
expect_rc 0
expect_out "2 added"
run "$rehearse" --db "$tmp/first2.db" decks --json
grep -q '"decks":\[{"name":"Second","cards":2,' "$tmp/out" || why "decks: $(cat "$tmp/out")"
grep -c '"name"' "$tmp/out" | grep -q -x 1 || why "more than one deck: $(cat "$tmp/out")"
run "$rehearse" --db "$tmp/first2.db" delete --yes --query deck:Second
expect_rc 0
run "$rehearse" --db "$tmp/first2.db" decks --json
grep -q '"cards":[1-9]' "$tmp/out" && why "cards came back after the learner's were deleted: $(cat "$tmp/out")"
check "import into a fresh collection imports only the given file; the bundled decks never come once it held cards"

# ---- the same card twice in one import ----

fresh "$tmp/dup.db"
printf 'id,question\nsecond-2,Again\n' >"$tmp/dup.csv"
run "$rehearse" --db "$tmp/dup.db" import "$data/second.csv" "$tmp/dup.csv"
expect_rc 1
expect_err "$tmp/dup.csv:2: card second-2 is imported twice (first at $data/second.csv:3)"
run "$rehearse" --db "$tmp/dup.db" export
[ "$(wc -l <"$tmp/out")" -eq 1 ] || why "cards were imported: $(cat "$tmp/out")"
check "import: a card named twice, even in two files, stops the import with both places"

( umask 022 && "$rehearse" --db "$db" export -o "$tmp/mode.csv" ) 2>>"$tmp/allerr" ||
	why "export -o failed"
[ "$(stat -c %a "$tmp/mode.csv")" = 644 ] ||
	why "export -o made mode $(stat -c %a "$tmp/mode.csv"), not 644 under umask 022"
check "export -o FILE gets the mode any new file gets"

# ---- the README's backup and restore ----

fresh "$tmp/orig.db"
run "$rehearse" --db "$tmp/orig.db" import "$data/cards.csv"
run "$rehearse" --db "$tmp/orig.db" import-reviews "$data/reviews.csv"
expect_rc 0
run "$rehearse" --db "$tmp/orig.db" export --state -o "$tmp/bk-cards.csv"
expect_rc 0
run "$rehearse" --db "$tmp/orig.db" export-reviews -o "$tmp/bk-reviews.csv"
expect_rc 0
fresh "$tmp/restored.db"
run "$rehearse" --db "$tmp/restored.db" import "$tmp/bk-cards.csv"
expect_rc 0
run "$rehearse" --db "$tmp/restored.db" import-reviews "$tmp/bk-reviews.csv"
expect_rc 0
for db2 in orig restored; do
	"$rehearse" --db "$tmp/$db2.db" export --state >"$tmp/$db2-state.csv" 2>>"$tmp/allerr"
	"$rehearse" --db "$tmp/$db2.db" export-reviews >"$tmp/$db2-log.csv" 2>>"$tmp/allerr"
done
csv_col "$tmp/orig-state.csv" state | grep -q -v -x 0 ||
	why "no card was reviewed in the original"
same "$tmp/orig-state.csv" "$tmp/restored-state.csv" "cards and their schedules"
same "$tmp/orig-log.csv" "$tmp/restored-log.csv" "review logs"
check "backup with export --state and export-reviews restores the same cards, schedules and history"

# ---- list, edit, unsuspend ----

fresh "$tmp/le.db"
run "$rehearse" --db "$tmp/le.db" import "$data/cards.csv"
expect_rc 0
run "$rehearse" --db "$tmp/le.db" list
expect_rc 0
[ "$(wc -l <"$tmp/out")" -eq 6 ] || why "expected 6 lines: $(cat "$tmp/out")"
# In a pipe: id, deck, state, due, marks and question, tab-separated.
printf 'alpha-2\tAlpha\tnew\t-\t\tShe said "hi"\n' >"$tmp/want"
grep -F "alpha-2	" "$tmp/out" >"$tmp/got"
same "$tmp/want" "$tmp/got" "list line"
run "$rehearse" --db "$tmp/le.db" list --deck Nope
expect_rc 1
expect_err 'no deck named "Nope"'
check "list: one tab-separated line a card; an unknown deck fails"

run "$rehearse" --db "$tmp/le.db" list --suspended
expect_rc 0
expect_no_out
run "$rehearse" --db "$tmp/le.db" unsuspend
expect_rc 2
run "$rehearse" --db "$tmp/le.db" unsuspend nope
expect_rc 1
expect_err 'no card with id "nope"'
run "$rehearse" --db "$tmp/le.db" unsuspend alpha-1
expect_rc 0
expect_out "0 cards unsuspended, 1 was not suspended"
sqlite3 "$tmp/le.db" "UPDATE cards SET suspended = 1 WHERE ext_id IN ('alpha-1', 'alpha-2')"
run "$rehearse" --db "$tmp/le.db" list --suspended
[ "$(cut -f1 "$tmp/out" | tr '\n' ' ')" = "alpha-1 alpha-2 " ] ||
	why "list --suspended: $(cat "$tmp/out")"
run "$rehearse" --db "$tmp/le.db" unsuspend alpha-1
expect_out "1 card unsuspended"
run "$rehearse" --db "$tmp/le.db" unsuspend --all
expect_out "1 card unsuspended"
run "$rehearse" --db "$tmp/le.db" list --suspended
expect_no_out
check "unsuspend: by id and --all, counting only suspended cards"

sqlite3 "$tmp/le.db" "UPDATE cards SET flagged = 1 WHERE ext_id = 'alpha-3'"
run "$rehearse" --db "$tmp/le.db" list --flagged
[ "$(cut -f1,5 "$tmp/out")" = "alpha-3	*" ] || why "list --flagged: $(cat "$tmp/out")"
check "list --flagged: only flagged cards, marked *"

# edit_twice DB ID: an edit that changes nothing, then one that turns
# "Plain" into "Edited".
edit_twice() {
	EDITOR=true run "$rehearse" --db "$1" edit "$2"
	expect_rc 0
	expect_out "$2: unchanged"
	EDITOR="sed -i s/Plain/Edited/" run "$rehearse" --db "$1" edit "$2"
	expect_rc 0
	expect_out "$2: saved"
}

run "$rehearse" --db "$tmp/le.db" export
cp "$tmp/out" "$tmp/le-before.csv"
EDITOR=false run "$rehearse" --db "$tmp/le.db" edit alpha-2
expect_rc 1
expect_err "the card is unchanged"
edit_twice "$tmp/le.db" alpha-2
run "$rehearse" --db "$tmp/le.db" export
sed 's/Plain answer/Edited answer/' "$tmp/le-before.csv" >"$tmp/want"
same "$tmp/want" "$tmp/out" "export after edit"
# An edit that empties the question is refused.
EDITOR="sed -i /^She/d" run "$rehearse" --db "$tmp/le.db" edit alpha-2
expect_rc 1
run "$rehearse" --db "$tmp/le.db" export
same "$tmp/want" "$tmp/out" "export after a refused edit"
check "edit: \$EDITOR changes the text; a failed or emptying edit changes nothing"

# ---- where -o writes ----

fresh "$tmp/o.db"
run "$rehearse" --db "$tmp/o.db" import "$data/cards.csv"
run "$rehearse" --db "$tmp/o.db" export
cp "$tmp/out" "$tmp/o-want.csv"
# A private file stays private.
: >"$tmp/o-private.csv"
chmod 600 "$tmp/o-private.csv"
run "$rehearse" --db "$tmp/o.db" export -o "$tmp/o-private.csv"
expect_rc 0
same "$tmp/o-want.csv" "$tmp/o-private.csv" "export -o over a 0600 file"
[ "$(stat -c %a "$tmp/o-private.csv")" = 600 ] ||
	why "mode after export -o: $(stat -c %a "$tmp/o-private.csv")"
# A symlink is followed: the link stays, its target gets the cards.
: >"$tmp/o-target.csv"
ln -s o-target.csv "$tmp/o-link.csv"
run "$rehearse" --db "$tmp/o.db" export -o "$tmp/o-link.csv"
expect_rc 0
[ -L "$tmp/o-link.csv" ] || why "export -o replaced the symlink"
same "$tmp/o-want.csv" "$tmp/o-target.csv" "export -o through a symlink"
# A FIFO is written through, and stays a FIFO.
mkfifo "$tmp/o-fifo"
timeout 10 cat "$tmp/o-fifo" >"$tmp/o-fifo.out" &
reader=$!
timeout 10 "$rehearse" --db "$tmp/o.db" export -o "$tmp/o-fifo" >"$tmp/out" 2>"$tmp/err"
rc=$?
expect_rc 0
wait "$reader"
[ -p "$tmp/o-fifo" ] || why "export -o replaced the FIFO"
same "$tmp/o-want.csv" "$tmp/o-fifo.out" "export -o into a FIFO"
# /dev/fd/1 (like /dev/stdout, which a failing test must not risk) is the
# standard output, whatever it is.
"$rehearse" --db "$tmp/o.db" export -o /dev/fd/1 >"$tmp/o-stdout.csv" 2>"$tmp/err"
rc=$?
expect_rc 0
same "$tmp/o-want.csv" "$tmp/o-stdout.csv" "export -o /dev/fd/1"
# A character device of our own (the null device's numbers) stays one.
if mknod "$tmp/o-null" c 1 3 2>/dev/null; then
	run "$rehearse" --db "$tmp/o.db" export -o "$tmp/o-null"
	expect_rc 0
	[ -c "$tmp/o-null" ] || why "export -o replaced a character device"
	run "$rehearse" --db "$tmp/o.db" export-reviews -o "$tmp/o-null"
	expect_rc 0
	[ -c "$tmp/o-null" ] || why "export-reviews -o replaced a character device"
fi
check "-o: keeps a file's mode, follows symlinks, writes through FIFOs and devices"

# ---- write errors on standard output ----

fresh "$tmp/full.db"
full_fails() {
	"$rehearse" --db "$tmp/full.db" "$@" >/dev/full 2>"$tmp/err"
	rc=$?
	cat "$tmp/err" >>"$tmp/allerr"
	[ "$rc" -ne 0 ] || why "rehearse $*: exit status 0 with standard output on /dev/full"
	grep -F -q "standard output" "$tmp/err" ||
		why "rehearse $*: no message: $(cat "$tmp/err")"
}
full_fails import "$data/cards.csv"
full_fails check
full_fails decks
full_fails list
full_fails --help
full_fails --version
full_fails help import
full_fails import --help
full_fails export-reviews
full_fails config
[ "$(grep -c "standard output" "$tmp/err")" = 1 ] || why "said more than once: $(cat "$tmp/err")"
# more than a buffer: the error comes while writing, and names the output
awk 'BEGIN { print "id,question,answer"
	for (i = 0; i < 200; i++) printf "w%d,Question %d %0100d,A\n", i, i, 0 }' >"$tmp/big.csv"
"$rehearse" --db "$tmp/big.db" import "$tmp/big.csv" >/dev/null 2>&1 ||
	why "big.csv did not import"
for out in "-o /dev/full" ""; do
	# shellcheck disable=SC2086
	"$rehearse" --db "$tmp/big.db" export $out >/dev/full 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 1 ] || why "export $out on a full device: status $rc"
	name=${out:+/dev/full}
	grep -q -x "rehearse: ${name:-standard output}: write error: No space left on device" "$tmp/err" ||
		why "export $out: the message names no output: $(cat "$tmp/err")"
done
check "a write error on standard output fails, with a message"

# ---- what --db names ----

# A path is a path, never an SQLite URI, and the file is private.
mkdir "$tmp/uri"
abs_rehearse=$(cd "$(dirname "$rehearse")" && pwd)/rehearse
abs_cards=$(cd "$data" && pwd)/cards.csv
(cd "$tmp/uri" && "$abs_rehearse" --db 'file:notes.db?mode=memory' import "$abs_cards") \
	>"$tmp/out" 2>"$tmp/err"
rc=$?
expect_rc 0
(cd "$tmp/uri" && "$abs_rehearse" --db 'file:priv.db' import "$abs_cards") \
	>"$tmp/out" 2>"$tmp/err"
rc=$?
expect_rc 0
[ "$(ls "$tmp/uri" | tr '\n' ' ')" = "file:notes.db?mode=memory file:priv.db " ] ||
	why "files made: $(ls "$tmp/uri" | tr '\n' ' ')"
for f in 'file:notes.db?mode=memory' 'file:priv.db'; do
	[ "$(stat -c %a "$tmp/uri/$f" 2>&1)" = 600 ] ||
		why "$f: mode $(stat -c %a "$tmp/uri/$f" 2>&1)"
	[ "$(sqlite3 "$tmp/uri/$f" 'SELECT count(*) FROM cards' 2>&1)" = 6 ] ||
		why "$f does not hold the cards"
done
check "--db file:...: a file of that name, mode 0600, holding the cards"

# Anything but a regular file is refused before SQLite opens it.
mkfifo "$tmp/db-fifo"
mkdir "$tmp/db-dir"
for p in "$tmp/db-fifo" "$tmp/db-dir"; do
	timeout 10 "$rehearse" --db "$p" decks >"$tmp/out" 2>"$tmp/err"
	rc=$?
	cat "$tmp/err" >>"$tmp/allerr"
	expect_rc 1
	expect_err "not a regular file"
done
[ "$(ls "$tmp" | grep -c '^db-')" = 2 ] || why "beside them: $(ls "$tmp" | grep '^db-')"
[ -z "$(ls -A "$tmp/db-dir")" ] || why "in the directory: $(ls -A "$tmp/db-dir")"
# A symlinked collection is followed: the link stays a link.  A link to
# nothing is refused.
ln -s db-real.db "$tmp/db-link.db"
run "$rehearse" --db "$tmp/db-link.db" decks
expect_rc 1
expect_err "a symbolic link to nothing"
run "$rehearse" --db "$tmp/db-real.db" config
run "$rehearse" --db "$tmp/db-link.db" import "$data/cards.csv"
expect_rc 0
[ -L "$tmp/db-link.db" ] || why "the symlink was replaced"
[ "$(sqlite3 "$tmp/db-real.db" 'SELECT count(*) FROM cards' 2>&1)" = 6 ] ||
	why "db-real.db does not hold the cards"
[ "$(stat -c %a "$tmp/db-real.db")" = 600 ] || why "db-real.db: mode $(stat -c %a "$tmp/db-real.db")"
run "$rehearse" --db "$tmp/db-link.db" decks
expect_rc 0
expect_out "Alpha"
# A failed first open leaves no file: a non-collection is refused untouched,
# and a new collection in a missing directory leaves nothing.
run "$rehearse" --db "$tmp/db-none/c.db" decks
expect_rc 1
[ -e "$tmp/db-none" ] && why "db-none was created"
check "--db: FIFOs and directories refused untouched, symlinks followed"

# ---- locks ----

# poll_for COMMAND...: until the command succeeds, at most 30 seconds
# (CI machines are slow and busy, sanitizers slower still).
poll_for() {
	i=0
	while [ $i -lt 300 ]; do
		"$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	why "timed out waiting for: $*"
	return 1
}
# has_open PID FILE: process PID holds FILE open (where /proc tells; else
# a second's grace is taken as enough).
has_open() {
	if [ ! -d "/proc/$1/fd" ]; then
		sleep 1
		return 0
	fi
	want=$(cd "$(dirname "$2")" && pwd -P)/${2##*/}
	for fd in "/proc/$1/fd"/*; do
		[ "$(readlink "$fd" 2>/dev/null)" = "$want" ] && return 0
	done
	return 1
}

# An import from a pipe reads it to its end before it locks the
# collection: while the writer is idle, other commands, reading or
# writing, go on.
lk=$tmp/lk.db
run "$rehearse" --db "$lk" import "$data/cards.csv"
mkfifo "$tmp/fifo"
"$rehearse" --db "$lk" import - <"$tmp/fifo" >"$tmp/lk-out" 2>&1 &
importer=$!
exec 3>"$tmp/fifo"
# the importer has the collection open and waits for its input
poll_for has_open "$importer" "$lk"
run "$rehearse" --db "$lk" decks
expect_rc 0
expect_out "Alpha"
run "$rehearse" --db "$lk" import "$data/noid.csv"
expect_rc 0
cat "$data/second.csv" >&3
exec 3>&-
wait "$importer" || why "import - failed: $(cat "$tmp/lk-out")"
grep -q "added" "$tmp/lk-out" || why "import - said: $(cat "$tmp/lk-out")"
check "import -: other commands work while the pipe's writer is idle"

# The same for a review log from a pipe.
mkfifo "$tmp/rfifo"
"$rehearse" --db "$lk" import-reviews - <"$tmp/rfifo" >"$tmp/lk-out" 2>&1 &
importer=$!
exec 3>"$tmp/rfifo"
poll_for has_open "$importer" "$lk"
run "$rehearse" --db "$lk" decks
expect_rc 0
run "$rehearse" --db "$lk" import "$data/noid.csv"
expect_rc 0
cat "$data/reviews.csv" >&3
exec 3>&-
wait "$importer" || why "import-reviews - failed: $(cat "$tmp/lk-out")"
check "import-reviews -: other commands work while the pipe's writer is idle"

# A large import switches the collection to a rollback journal; other
# commands opening it meanwhile wait for the lock, or read, rather than
# fail at once.
bk=$tmp/bk.db
run "$rehearse" --db "$bk" import "$data/cards.csv"
sqlite3 "$bk" "PRAGMA journal_mode = DELETE" >/dev/null
mkfifo "$tmp/sqlfifo"
sqlite3 "$bk" <"$tmp/sqlfifo" >/dev/null 2>&1 &
holder=$!
exec 4>"$tmp/sqlfifo"
echo "BEGIN IMMEDIATE; INSERT INTO settings VALUES ('x', 'y');" >&4
# the insert has begun the rollback journal: the lock is held
poll_for test -e "$bk-journal"
run "$rehearse" --db "$bk" decks
expect_rc 0
expect_out "Alpha"
echo "ROLLBACK;" >&4
exec 4>&-
wait "$holder"
run "$rehearse" --db "$bk" decks
expect_rc 0
[ "$(sqlite3 "$bk" "PRAGMA journal_mode")" = wal ] ||
	why "journal mode: $(sqlite3 "$bk" "PRAGMA journal_mode")"
check "open: a collection locked in rollback mode is read, then back in WAL"

# import-reviews killed mid-replay (SIGKILL: a large log, written in bulk
# mode, its scheduling on other threads) leaves the collection as it was:
# no answer, the indexes and counts whole, back in WAL, and the same log
# then imports whole.  The log is over 8 MiB (long card ids): large.
kl=$tmp/kl.db
awk 'BEGIN {
	print "id,deck,question,answer"
	for (i = 0; i < 1000; i++)
		printf "long-external-identifier-of-a-card-in-a-big-deck-%06d,Big,Q%d,A\n", i, i
}' >"$tmp/kl-cards.csv"
awk 'BEGIN {
	print "card_id,review_time,review_rating"
	for (k = 0; k < 130; k++)
		for (i = 0; i < 1000; i++)
			printf "long-external-identifier-of-a-card-in-a-big-deck-%06d,%.0f,%d\n",
			    i, 1700000000000 + k * 86400000 * 3 + i, 1 + (i + k) % 4
}' >"$tmp/kl-log.csv"
run "$rehearse" --db "$kl" import "$tmp/kl-cards.csv"
expect_rc 0
before=$(sqlite3 "$kl" "SELECT count(*) FROM sqlite_schema")
"$rehearse" --db "$kl" import-reviews "$tmp/kl-log.csv" >"$tmp/kl-out" 2>&1 &
killed=$!
# the rollback journal appears with the replay's first write
poll_for test -e "$kl-journal"
kill -KILL "$killed"
wait "$killed" 2>/dev/null
run "$rehearse" --db "$kl" check
expect_rc 0
expect_out "no problems"
[ "$(sqlite3 "$kl" "SELECT count(*) FROM reviews")" = 0 ] ||
	why "answers after the kill: $(sqlite3 "$kl" "SELECT count(*) FROM reviews")"
[ "$(sqlite3 "$kl" "SELECT count(*) FROM sqlite_schema")" = "$before" ] ||
	why "schema objects: $(sqlite3 "$kl" "SELECT count(*) FROM sqlite_schema"), not $before"
[ "$(sqlite3 "$kl" "PRAGMA journal_mode")" = wal ] ||
	why "journal mode: $(sqlite3 "$kl" "PRAGMA journal_mode")"
run "$rehearse" --db "$kl" import-reviews "$tmp/kl-log.csv"
expect_rc 0
expect_out "130000 reviews added to 1000 cards"
run "$rehearse" --db "$kl" check
expect_out "no problems"
check "import-reviews: SIGKILL mid-replay leaves the collection as it was"

# A card with an empty answer, and one whose text holds a marker line of
# the editor's file, are edited like any other.
mk=$tmp/mk.db
printf '%s\n' 'id,deck,question,answer,tips,tags' \
	'm-1,Marks,"Before' '=== answer ===' 'after",,Plain tip,' >"$tmp/marks.csv"
run "$rehearse" --db "$mk" import "$tmp/marks.csv"
expect_rc 0
edit_twice "$mk" m-1
run "$rehearse" --db "$mk" export -o "$tmp/marks-out.csv"
expect_rc 0
got=$(csv_col "$tmp/marks-out.csv" question answer tips)
[ "$got" = "$(printf '%s\t\t%s' 'Before\n=== answer ===\nafter' 'Edited tip')" ] ||
	why "question, answer and tips: $got"
check "edit: a card with an empty answer or a marker line in its text"

# On a full disk, the commands that only read still work.  The disk is a
# small tmpfs in a mount namespace of its own (root and unshare needed).
fd=$tmp/full
mkdir "$fd"
if unshare -m sh -c 'mount -t tmpfs -o size=1m tmpfs "$1"' sh "$fd" 2>/dev/null; then
	unshare -m sh -c '
		mount -t tmpfs -o size=1m tmpfs "$1" || exit 2
		"$2" --db "$1/c.db" import "$3" >/dev/null || exit 3
		dd if=/dev/zero of="$1/fill" bs=4k 2>/dev/null
		"$2" --db "$1/c.db" export >"$4/full-out" || exit 4
		"$2" --db "$1/c.db" decks >>"$4/full-out" || exit 5
	' sh "$fd" "$rehearse" "$data/cards.csv" "$tmp" 2>"$tmp/err"
	rc=$?
	cat "$tmp/err" >>"$tmp/allerr"
	expect_rc 0
	grep -q "^alpha-1,Alpha" "$tmp/full-out" || why "export: $(head -3 "$tmp/full-out")"
	check "a full disk: export and decks still read the collection"
else
	skip "a full disk: export and decks still read the collection" \
		"no tmpfs mount here (needs root and unshare)"
fi

# ---- review logs over conflicts, seconds and imported schedules ----

db=$tmp/hx.db
fresh "$db"
rh import "$data/cards.csv"
printf 'card_id,review_time,review_rating\nalpha-1,1793527260000,3\n' >"$tmp/hx-1.csv"
rh import-reviews "$tmp/hx-1.csv"
expect_rc 0
printf 'card_id,review_time,review_rating\n%s\n%s\n' alpha-2,1793527260000,3 \
	alpha-1,1793527260000,1 >"$tmp/hx-2.csv"
bad_log "import-reviews: another rating at a recorded time is a conflict at FILE:LINE" \
	"$tmp/hx-2.csv:3: conflict" "$tmp/hx-2.csv"
printf 'card_id,review_time,review_rating\nalpha-2,1793527260,3\n' >"$tmp/hx-3.csv"
bad_log "import-reviews: a time in seconds is refused with a hint" \
	"$tmp/hx-3.csv:2: review_time 1793527260 is before 2000-01-01 as ms: it looks like seconds; multiply by 1000" \
	"$tmp/hx-3.csv"

# A card imported with its schedule keeps it when a later answer comes.
printf '%s\n%s\n' id,deck,question,answer,state,interval,due,stability,difficulty,reps,lapses,last_review \
	hx-s,Hx,q,a,2,50,2026-12-21T08:00:00Z,50,5,10,2,2026-11-01T08:00:00Z >"$tmp/hx-state.csv"
rh import "$tmp/hx-state.csv"
expect_rc 0
printf 'card_id,review_time,review_rating\nhx-s,1798020000000,3\n' >"$tmp/hx-4.csv"
rh import-reviews "$tmp/hx-4.csv"
expect_rc 0
rh export --state --deck Hx
expect_rc 0
cp "$tmp/out" "$tmp/hx-state-after.csv"
got=$(csv_col "$tmp/hx-state-after.csv" reps lapses state)
[ "$got" = "$(printf '11\t2\t2')" ] ||
	why "reps, lapses and state after one answer: $got"
check "import-reviews continues a schedule imported with the card"

rh check
expect_rc 0
expect_out "no problems found"
check "check: a card imported with its schedule and answered since is sound"

# The deck import refuses the schedules that check calls impossible.
hx_head=id,deck,question,answer,state,interval,due,stability,difficulty,reps,lapses,last_review
for row in \
	"hx-b,Hx,q,a,2,50,2026-12-21T08:00:00Z,0,5,10,2,2026-11-01T08:00:00Z|stability 0 is not in" \
	"hx-b,Hx,q,a,2,50,2026-12-21T08:00:00Z,50,1e300,10,2,2026-11-01T08:00:00Z|difficulty 1e+300 is not in" \
	"hx-b,Hx,q,a,2,50,2026-12-21T08:00:00Z,50,5,0,0,2026-11-01T08:00:00Z|reps 0 on a card in state 2" \
	"hx-b,Hx,q,a,2,50,2026-12-21T08:00:00Z,50,5,3,0,|a card in state 2 without its last review"; do
	printf '%s\n%s\n' "$hx_head" "${row%|*}" >"$tmp/hx-bad.csv"
	dump "$db" "$tmp/dump-before"
	rh import "$tmp/hx-bad.csv"
	[ "$rc" -ne 0 ] || why "exit status 0 for ${row%|*}"
	expect_err "$tmp/hx-bad.csv:2: impossible schedule: ${row#*|}"
	dump "$db" "$tmp/dump-after"
	same "$tmp/dump-before" "$tmp/dump-after" "the collection before and after"
done
rh check
expect_rc 0
check "import refuses the schedules check calls impossible, at FILE:LINE"

# ---- messages ----

# Every message quoting file text or options shows escape sequences as
# visible text: no ESC or BEL byte reaches the terminal.
esc=$(printf '\033')
bel=$(printf '\007')
hostile="$esc]52;c;cHduZWQ=$bel$esc]0;PWNED$bel x"
fresh "$tmp/esc.db"
# expect_clean WHAT: the run failed, said something, and sent no ESC/BEL.
expect_clean() {
	expect_rc 1
	[ -s "$tmp/err" ] || why "$1: no message"
	if grep -q "[$esc$bel]" "$tmp/err"; then
		why "$1: raw control bytes on stderr: $(od -c "$tmp/err" | head -5)"
	fi
	grep -F -q '^[' "$tmp/err" || why "$1: the escape is not shown as ^[: $(cat -v "$tmp/err")"
}
printf 'id,deck,question,"%s"\n' "$hostile" >"$tmp/esc1.csv"
run "$rehearse" --db "$tmp/esc.db" import "$tmp/esc1.csv"
expect_clean "unknown column"
printf 'id,question,state,due\nx1,Q,"%s",2026-01-01T00:00:00Z\n' "$hostile" >"$tmp/esc2.csv"
run "$rehearse" --db "$tmp/esc.db" import "$tmp/esc2.csv"
expect_clean "bad state value"
printf '#html:%s\nQ\tA\n' "$hostile" >"$tmp/esc3.txt"
run "$rehearse" --db "$tmp/esc.db" import "$tmp/esc3.txt"
expect_clean "#html value"
printf 'id,question\n"%s",Q1\n"%s",Q2\n' "$hostile" "$hostile" >"$tmp/esc4.csv"
run "$rehearse" --db "$tmp/esc.db" import "$tmp/esc4.csv"
expect_clean "card imported twice"
printf 'card_id,review_time,review_rating\n"%s",1793527200000,3\n' "$hostile" >"$tmp/esc5.csv"
run "$rehearse" --db "$tmp/esc.db" import-reviews "$tmp/esc5.csv"
expect_clean "import-reviews unknown card id"
run "$rehearse" --db "$tmp/esc.db" import "$tmp/$hostile.csv"
expect_clean "a file name"
run "$rehearse" --db "$tmp/esc.db" "--$hostile"
expect_rc 2
grep -q "[$esc$bel]" "$tmp/err" && why "unknown option: raw control bytes on stderr"
check "messages show escape sequences of files and options as visible text"

# Reports on standard output that quote ids and paths do the same.
printf 'id,question,answer\n"%s",Q,A\n' "$hostile" >"$tmp/esc6.csv"
run "$rehearse" --db "$tmp/esc.db" import "$tmp/esc6.csv"
expect_rc 0
EDITOR=true run "$rehearse" --db "$tmp/esc.db" edit "$hostile"
expect_rc 0
expect_out "^[]0;PWNED^G x: unchanged"
grep -q "[$esc$bel]" "$tmp/out" && why "edit: raw control bytes on stdout"
fresh "$tmp/esc$esc.db"
run "$rehearse" --db "$tmp/esc$esc.db" check
expect_rc 0
expect_out "esc^[.db: no problems found"
grep -q "[$esc$bel]" "$tmp/out" && why "check: raw control bytes on stdout"
fresh "$tmp/esc$esc.db"
check "edit and check show escape sequences of ids and paths as visible text"

# A deck name that is not UTF-8 never enters the collection.
fresh "$tmp/utf.db"
run "$rehearse" --db "$tmp/utf.db" import --deck "$(printf 'bad\377')" "$data/cards.csv"
expect_rc 2
expect_err "not valid UTF-8"
run "$rehearse" --db "$tmp/utf.db" decks --json
grep -q "bad" "$tmp/out" && why "the bad deck was stored: $(cat "$tmp/out")"
check "import --deck with invalid UTF-8 is refused, nothing stored"

# ---- sanitizers ----

check_no_sanitizer_report
