#!/bin/sh
# test_manage.sh - finding and managing cards from the command line, end
# to end: search (the query language, --json, --sort, bad queries), add,
# delete, bury, unbury, suspend, reset, deck rename and delete, unknown
# ids, a deleted card's history, check and check --repair of the search
# index, and a collection of the schema before the index brought up to it.
#
# Prints TAP.  make check exports top_srcdir and top_builddir; run by hand
# from the top of a build tree they default to the script's tree and ".".

: "${top_srcdir:=$(dirname "$0")/..}"
: "${top_builddir:=.}"

rehearse=$top_builddir/src/rehearse
data=$top_srcdir/tests/data/cli
TZ=UTC
export TZ
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_manage.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
mkdir "$tmp/home" || exit 99
HOME=$tmp/home XDG_DATA_HOME=$tmp/xdg
export HOME XDG_DATA_HOME
unset REHEARSE_DB REHEARSE_SCRIPT EDITOR VISUAL
REHEARSE_NOW=2026-11-23T09:00:00Z
export REHEARSE_NOW

if [ ! -x "$rehearse" ] || [ ! -r "$data/cards.csv" ]; then
	echo "1..0 # SKIP $rehearse or $data is missing"
	exit 0
fi
. "$top_srcdir/tests/tap.sh"
need python3 sqlite3

echo "1..26"

db=$tmp/c.db
# rh (its standard input from the file $IN, if set) and the expectations.
. "$top_srcdir/tests/cli.sh"
# ids QUERY: the ids search finds, on one line.
ids() {
	rh search "$@"
	cut -f1 "$tmp/out" | tr '\n' ' ' | sed 's/ $//'
}
# expect_ids WANT QUERY...
expect_ids() {
	want=$1
	shift
	got=$(ids "$@")
	[ "$got" = "$want" ] || why "search $*: \"$got\", expected \"$want\""
}
# sql QUERY: a value read straight from the collection.
sql() { sqlite3 "$db" "$1"; }
answer() { printf '%s\n' "$1" >"$tmp/answer"; }

rh import "$data/cards.csv"
expect_rc 0
rh import-reviews "$data/reviews.csv"
expect_rc 0
check "setup: cards and a review log"

# ---- search ----

expect_ids "alpha-2" hi
expect_ids "alpha-1" comma inside
expect_ids "alpha-1" '"comma inside"'
expect_ids "" '"inside comma"'
expect_ids "alpha-3" ünïcödé
expect_ids "alpha-3" unicode
expect_ids "beta-1 beta-2" 'deck:"beta deck"'
expect_ids "beta-1 beta-2" 'deck:beta*'
expect_ids "alpha-1" tag:tag1
expect_ids "beta-2" tag:b
expect_ids "alpha-2 alpha-3 alpha-4" deck:alpha -tag:tag1
expect_ids "alpha-2 beta-1" hi or empty
expect_ids "alpha-1 alpha-2 beta-1 beta-2" prop:reps\>0
expect_ids "alpha-1 alpha-2 beta-1 beta-2" -- -is:new
expect_ids "alpha-3 alpha-4" is:new
expect_ids "alpha-4 beta-2" lead\*
check "search: words, phrases, accents, deck:, tag:, -, or, prop:, is:"

rh search
[ "$(wc -l <"$tmp/out")" -eq 6 ] || why "an empty query: $(wc -l <"$tmp/out") lines"
awk -F'\t' 'NF != 5 { bad = 1 } END { exit bad }' "$tmp/out" ||
    why "not five tab-separated fields: $(cat "$tmp/out")"
expect_out "alpha-2	Alpha	review	"
expect_out "alpha-3	Alpha	new	-	Ünïcödé"
grep -q "	Tab	inside" "$tmp/out" && why "a tab in a question printed raw"
check "search prints id, deck, state, due and question, tab-separated, text sanitised"

rh search --json tag:tag1
expect_rc 0
python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
assert len(a) == 1, a
c = a[0]
assert c["id"] == "alpha-1" and c["deck"] == "Alpha" and c["state"] == "relearning", c
assert c["answer"] == "Line one\nline two" and c["reps"] >= 1, c
assert c["due"].endswith("Z") and c["suspended"] is False, c
' "$tmp/out" 2>>"$tmp/why" || why "search --json: $(cat "$tmp/out")"
rh search --json nothingmatches
[ "$(cat "$tmp/out")" = "[]" ] || why "no match in JSON: $(cat "$tmp/out")"
check "search --json: an array of cards, [] for none"

rh search --sort due -- -is:new
want=$(sql "SELECT ext_id FROM cards WHERE state <> 0 ORDER BY due" | tr '\n' ' ')
[ "$(cut -f1 "$tmp/out" | tr '\n' ' ')" = "$want" ] ||
    why "--sort due: $(cut -f1 "$tmp/out" | tr '\n' ' '), not $want"
rh search --sort lapses
expect_rc 0
rh search --sort size
expect_rc 2
expect_err "--sort takes due, added, lapses or difficulty"
check "search --sort due orders by due date; a bad order is a usage error"

rh search 'deck:alpha "open'
expect_rc 2
expect_err "column 12: a quote that is not closed"
expect_err "rehearse:              ^"
rh search 'is:old'
expect_rc 2
expect_err "column 4: is: takes"
rh search 'prop:lapses>x'
expect_rc 2
expect_err "column 13"
rh search '(a or'
expect_rc 2
expect_err "'or' needs a term after it"
# the column and the caret count what the terminal shows, not bytes: a
# two-byte letter is one column, a tab runs to the next stop of 4
rh search "$(printf 'caf\303\251 \t(')"
expect_rc 2
expect_err "column 9: a '(' that is not closed"
expect_err "rehearse:   café    ("
grep -q -x 'rehearse:           ^' "$tmp/err" || why "caret misplaced: $(cat "$tmp/err")"
# an option after the query would be taken as words of it (--json as
# "not not json"): refused, unless -- makes it words
rh search alpha --json
expect_rc 2
expect_err "--json comes after the other arguments: options go first"
rh search hi --sort=due
expect_rc 2
rh search -- hi --json
expect_rc 0
check "bad queries are refused with the column, exit status 2"

# ---- changing cards ----

rh bury alpha-3 beta-1
expect_rc 0
expect_out "2 cards buried until tomorrow"
expect_ids "alpha-3 beta-1" is:buried
rh unbury --query is:buried
expect_out "2 cards unburied"
expect_ids "" is:buried
check "bury, and unbury by query"

rh suspend --query 'deck:"beta deck"'
expect_out "2 cards suspended"
expect_ids "beta-1 beta-2" is:suspended
rh unsuspend beta-1 beta-2
expect_ids "" is:suspended
# a card named twice is one card
rh suspend beta-1 beta-1
expect_out "1 card suspended"
rh unsuspend beta-1 beta-1
expect_out "1 card unsuspended"
expect_ids "" is:suspended
check "suspend by query; unsuspend brings them back"

before=$(sql "SELECT count(*) FROM reviews")
rh reset alpha-1
expect_rc 0
expect_out "1 card reset to new"
expect_ids "alpha-1 alpha-3 alpha-4" is:new
[ "$(sql "SELECT count(*) FROM reviews")" = "$before" ] || why "reset lost reviews"
rh check
expect_rc 0
check "reset: the card is new, its answers stay, check is content"

for cmd in bury unbury suspend reset delete; do
	rh "$cmd" alpha-2 no-such-card
	expect_rc 1
	expect_err "no card with id \"no-such-card\""
done
[ "$(sql "SELECT suspended || buried_until || state FROM cards WHERE ext_id = 'alpha-2'")" = "002" ] ||
    why "a command failing on an unknown id changed alpha-2"
rh delete
expect_rc 2
expect_err "give card ids, or --query"
rh suspend --query hi alpha-2
expect_rc 2
expect_err "give card ids or --query, not both"
rh unsuspend --all alpha-2
expect_rc 2
expect_err "give card ids or --all, not both"
rh unsuspend
expect_rc 2
expect_err "give card ids, or --all"
rh bury --query '(('
expect_rc 2
expect_err "column"
# an empty query (an unset shell variable) would pick every card
for cmd in bury unbury suspend reset delete; do
	rh "$cmd" --query ' '
	expect_rc 2
	expect_err "the query is empty"
done
rh delete --yes --query ''
expect_rc 2
[ "$(sql "SELECT count(*) FROM cards WHERE suspended = 0 AND buried_until = 0")" = "$(sql "SELECT count(*) FROM cards")" ] ||
    why "an empty query changed cards"
check "unknown ids change nothing; ids and --query together, or neither, or an empty query, are usage errors"

# ---- delete ----

answer n
IN=$tmp/answer rh delete alpha-2
expect_rc 1
expect_err "delete 1 card? [y/N]"
expect_err "nothing deleted"
expect_ids "alpha-2" hi
answer y
# named twice: one card, asked about and deleted once
IN=$tmp/answer rh delete alpha-2 alpha-2
expect_rc 0
expect_err "delete 1 card? [y/N]"
expect_out "1 card deleted"
expect_ids "" hi
check "delete asks, and n keeps the card, y deletes it"

[ "$(sql "SELECT count(*) FROM reviews")" = "$before" ] || why "the deleted card's reviews went"
rh stats --json
python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
' "$tmp/out" 2>>"$tmp/why" || why "stats after a delete"
rh check
expect_rc 0
check "a deleted card's reviews stay in the log; check is content"

old=$(sql "SELECT max(id) FROM cards")
rh import "$data/cards.csv"
expect_rc 0
new=$(sql "SELECT id FROM cards WHERE ext_id = 'alpha-2'")
[ "$new" -gt "$old" ] || why "the id came back as $new (last card $old)"
[ "$(sql "SELECT state || reps FROM cards WHERE ext_id = 'alpha-2'")" = "00" ] ||
    why "the re-imported card is not new"
[ "$(sql "SELECT count(*) FROM reviews WHERE card_id = $new")" = 0 ] ||
    why "the old history was given to the new card"
rh check
expect_rc 0
check "the same id imported again is a new card with a new number and no history"

rh delete --query 'deck:"beta deck"' --yes
expect_rc 0
expect_out "2 cards deleted"
rh delete --query nothingmatches
expect_rc 0
expect_out "no card to delete"
check "delete --query --yes; a query finding nothing deletes nothing"

# ---- add ----

rh add --deck Gamma --question "What is FHIR?" --answer "A standard" --tags "hl7  fhir hl7"
expect_rc 0
expect_out "added to \"Gamma\""
got=$(ids fhir)
case $got in dq-*) ;; *) why "add: search fhir gives \"$got\"" ;; esac
[ "$(sql "SELECT tags FROM cards WHERE deck_id = (SELECT id FROM decks WHERE name = 'Gamma')")" = "hl7 fhir" ] ||
    why "tags not normalised"
rh add --deck Gamma --question "What is FHIR?" --answer "again"
expect_rc 1
expect_err "exists already"
rh add --id my-1 --question "Custom id?"
expect_rc 0
expect_ids "my-1" 'deck:"my cards"'
rh add --answer "no question"
expect_rc 2
# a blank question is no question, as import and the editor take it
rh add --question "$(printf ' \t ')" --answer "blank"
expect_rc 2
expect_err "--question: empty"
rh add --question "$(printf '\n \r\n')" --answer "lines"
expect_rc 2
[ -z "$(ids blank)$(ids lines)" ] || why "a card with a blank question was added"
# as an import takes them: up to 1000 different tags on one card
tags1000=$(seq -f 't%g' 1 1000 | tr '\n' ' ')
rh add --question "Too many tags?" --tags "$tags1000 t1001"
expect_rc 1
expect_err "more than 1000 tags on one card"
[ -z "$(ids many)" ] || why "a card with 1001 tags was added"
rh add --question "Enough tags?" --tags "$tags1000 t1"
expect_rc 0
[ -n "$(ids enough)" ] || why "a card with 1000 tags was not added"
check "add with options; tags normalised, at most 1000; an id in use is refused"

cat >"$tmp/editor.sh" <<'ED'
#!/bin/sh
case $ADD_EDIT in
fill) sed -i -e '/^=== question ===$/{n;s/.*/Written in the editor?/;}' \
	-e '/^=== answer ===$/{n;s/.*/Yes/;}' "$1" ;;
deck) grep '^deck: ' "$1" >"$ADD_SEEN"
	sed -i -e '/^=== question ===$/{n;s/.*/Which deck holds this?/;}' \
	-e "s/^deck: .*/deck:  $ADD_DECK /" "$1" ;;
nodeck) sed -i -e '/^=== question ===$/{n;s/.*/Where does it go?/;}' \
	-e '/^deck: /d' "$1" ;;
tags) sed -i -e '/^=== question ===$/{n;s/.*/Tagged in the editor?/;}' \
	-e "/^=== tags/a $ADD_TAGS" "$1" ;;
*) : ;;
esac
ED
chmod +x "$tmp/editor.sh"
EDITOR=$tmp/editor.sh ADD_EDIT=fill rh add --deck Gamma
expect_rc 0
expect_ids "$(ids editor)" editor
[ -n "$(ids editor)" ] || why "the card written in the editor is not there"
EDITOR=$tmp/editor.sh ADD_EDIT=none rh add --deck Gamma
expect_rc 1
expect_err "nothing added"
EDITOR=$tmp/editor.sh ADD_EDIT=tags ADD_TAGS="$tags1000 t1001" rh add
expect_rc 1
expect_err "more than 1000 tags on one card"
[ -z "$(ids tagged)" ] || why "a card with 1001 tags was added in the editor"
EDITOR=$tmp/editor.sh ADD_EDIT=tags ADD_TAGS="$tags1000" rh add
expect_rc 0
[ -n "$(ids tagged)" ] || why "a card with 1000 tags was not added in the editor"
check "add in \$EDITOR; a file left unchanged adds nothing; more than 1000 tags are refused"

EDITOR=$tmp/editor.sh ADD_EDIT=deck ADD_DECK="Written deck" \
    ADD_SEEN=$tmp/seen rh add --deck Gamma
expect_rc 0
expect_out "added to \"Written deck\""
[ "$(cat "$tmp/seen")" = "deck: Gamma" ] ||
    why "the template's deck line: $(cat "$tmp/seen")"
expect_ids "$(ids holds)" 'deck:"written deck"'
[ -n "$(ids holds)" ] || why "the card is not in the deck written"
expect_ids "" 'deck:gamma holds'
EDITOR=$tmp/editor.sh ADD_EDIT=deck ADD_DECK="" ADD_SEEN=$tmp/seen rh add
expect_rc 1
expect_err "the deck name is empty"
[ "$(cat "$tmp/seen")" = "deck: My cards" ] ||
    why "the default deck's line: $(cat "$tmp/seen")"
EDITOR=$tmp/editor.sh ADD_EDIT=nodeck rh add
expect_rc 1
expect_err "deck: NAME"
expect_ids "" 'where'
check "add in \$EDITOR: the deck on the template's deck line is the card's; a blank or missing one is refused"

# ---- decks ----

rh deck rename Gamma Alpha
expect_rc 1
expect_err "exists already"
gamma=$(ids deck:gamma)
rh deck rename Gamma Delta
expect_rc 0
expect_ids "$gamma" deck:delta
expect_ids "" deck:gamma
[ -n "$gamma" ] || why "the deck had no cards"
rh deck rename Nope X
expect_rc 1
rh deck frobnicate Delta
expect_rc 2
check "deck rename; to a name in use or from an unknown deck refused"

answer n
IN=$tmp/answer rh deck delete Delta
expect_rc 1
expect_err "delete deck \"Delta\" and its 2 cards? [y/N]"
# a deck named by the start of its name is asked about by its full name
IN=$tmp/answer rh deck delete del
expect_rc 1
expect_err "delete deck \"Delta\" and its 2 cards? [y/N]"
rh deck rename del Delta2
expect_out "deck \"Delta\" renamed \"Delta2\""
rh deck rename Delta2 Delta
rh deck --yes delete Delta
expect_rc 0
expect_out "deleted with 2 cards"
[ -z "$(ids deck:delta)" ] || why "cards of the deleted deck remain"
rh decks
grep -q Delta "$tmp/out" && why "the deck is still listed"
rh check
expect_rc 0
check "deck delete asks; --yes deletes the deck and its cards"

# A deck's name is listed on every screen and in every table: a blank one
# shows as nothing, and a control character reaches the terminal.
decks_before=$(sql "SELECT group_concat(name, '|') FROM decks")
rh add --deck '   ' --question "Blank deck?" --answer no
expect_rc 2
expect_err "--deck: a deck's name may not be blank"
rh add --deck "$(printf 'a\tb')" --question "Tab deck?" --answer no
expect_rc 2
expect_err "control character (such as a tab, a line break or an escape), as ^I at byte 2"
rh deck rename Alpha "$(printf 'x\ny')"
expect_rc 2
expect_err "NEW: a deck's name may not hold a control character"
expect_err "as ^J at byte 2"
rh import --deck "$(printf '\033[1m')" "$data/cards.csv"
expect_rc 2
expect_err "--deck: a deck's name may not hold a control character"
printf 'id,deck,question,answer\nok-1,Fine,q,a\nesc-1,"\033[2J",q,a\n' >"$tmp/escdeck.csv"
rh import "$tmp/escdeck.csv"
expect_rc 1
expect_err "escdeck.csv:3: a deck's name may not hold a control character"
cat "$top_srcdir/tests/data/anki/tables.sql" "$top_srcdir/tests/data/anki/col11.sql" |
    sed -e 's/"name": "Biology"/"name": "Bio\\u0007logy"/' |
    sqlite3 -bail "$tmp/collection.anki2" ||
    why "sqlite3 failed"
python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[1] + "/bell.apkg", "w") as z:
    z.write(sys.argv[1] + "/collection.anki2", "collection.anki2")' "$tmp"
rh import "$tmp/bell.apkg"
expect_rc 1
expect_err "bell.apkg: note 12, card 201: a deck's name may not hold a control character"
[ "$(sql "SELECT group_concat(name, '|') FROM decks")" = "$decks_before" ] ||
    why "decks changed: $(sql "SELECT group_concat(name, '|') FROM decks")"
[ -z "$(ids fine)" ] || why "half an import: the card before the bad row is in"
# a deck is one whatever the letter case of its name, as the command line
# finds it: no second deck "ALPHA" beside "Alpha"
rh add --deck ALPHA --question "Same deck in capitals?" --answer yes
expect_rc 0
expect_out "added to \"Alpha\""
[ "$(sql "SELECT d.name FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.question = 'Same deck in capitals?'")" = Alpha ] ||
    why "add --deck ALPHA: decks $(sql "SELECT group_concat(name, '|') FROM decks")"
rh deck rename "Beta Deck" "alpha"
expect_rc 1
expect_err "exists already"
[ "$(sql "SELECT group_concat(name, '|') FROM decks")" = "$decks_before" ] ||
    why "decks changed: $(sql "SELECT group_concat(name, '|') FROM decks")"
check "deck names: blank or with a control character refused; one deck whatever the case"

# Text that is not UTF-8 would make search --json invalid and export a file
# that import refuses: an Anki package's tags are checked as its fields are.
python3 - "$top_srcdir/tests/data/anki" "$tmp" <<'PY' || why "python3 failed"
import sqlite3, sys, zipfile
db = sqlite3.connect(sys.argv[2] + "/latin1.anki2")
db.executescript(open(sys.argv[1] + "/tables.sql").read() +
                open(sys.argv[1] + "/col11.sql").read())
db.execute("UPDATE notes SET tags = CAST(X'20666965E8767265' AS TEXT) WHERE id = 11")
db.commit()
db.close()
with zipfile.ZipFile(sys.argv[2] + "/latin1.apkg", "w") as z:
    z.write(sys.argv[2] + "/latin1.anki2", "collection.anki2")
PY
rh import "$tmp/latin1.apkg"
expect_rc 1
expect_err "latin1.apkg: note 11: text that is not UTF-8"
expect_err "nothing was imported"
[ "$(sql "SELECT group_concat(name, '|') FROM decks")" = "$decks_before" ] ||
    why "decks changed: $(sql "SELECT group_concat(name, '|') FROM decks")"
check "an Anki package with tags that are not UTF-8 is refused, nothing imported"

# A note's guid makes its cards' ids: an empty one, or one that two notes
# share, is refused with the note, not an internal error or a line 0.
for change in "guid = '' WHERE id = 11" "guid = 'voc-1' WHERE id = 11" \
    "tags = '$tags1000 t1001' WHERE id = 11"; do
	python3 - "$top_srcdir/tests/data/anki" "$tmp" "$change" <<'PY' || why "python3 failed"
import os, sqlite3, sys, zipfile
path = sys.argv[2] + "/guid.anki2"
if os.path.exists(path):
    os.remove(path)
db = sqlite3.connect(path)
db.executescript(open(sys.argv[1] + "/tables.sql").read() +
                open(sys.argv[1] + "/col11.sql").read())
db.execute("UPDATE notes SET " + sys.argv[3])
db.commit()
db.close()
with zipfile.ZipFile(sys.argv[2] + "/guid.apkg", "w") as z:
    z.write(path, "collection.anki2")
PY
	rh import "$tmp/guid.apkg"
	expect_rc 1
	expect_err "nothing was imported"
	[ "$(sql "SELECT group_concat(name, '|') FROM decks")" = "$decks_before" ] ||
		why "decks changed: $(sql "SELECT group_concat(name, '|') FROM decks")"
	case $change in
	"guid = ''"*) expect_err "guid.apkg: note 11: no guid (Anki's id of the note)" ;;
	tags*) expect_err "guid.apkg: note 11, card "
		expect_err ": more than 1000 tags on one card" ;;
	*) expect_err "guid.apkg: note 13, card 301: card voc-1 is imported twice (first in " ;;
	esac
	grep -q ':0)' "$tmp/err" && why "a line 0: $(cat "$tmp/err")"
done
check "an Anki package with a note without a guid, a guid twice or more than 1000 tags is refused"

# ---- the index ----

sqlite3 "$db" "DROP TRIGGER cards_fts_update; UPDATE cards SET question = 'zebra' WHERE ext_id = 'alpha-3';" ||
    why "sqlite3 failed"
rh check
expect_rc 1
expect_out "the search index is out of step"
rh check --repair
expect_rc 0
expect_out "search index rebuilt"
expect_ids "alpha-3" zebra
check "check finds the index out of step; check --repair rebuilds it"

# A collection of the schema before the search's covering index: the
# migrations add it and the indexes of questions and tags, and searching
# works on.
old=$tmp/old.db
"$rehearse" --db "$old" import "$data/cards.csv" >/dev/null 2>&1
sqlite3 "$old" "DROP INDEX cards_search; DROP INDEX cards_leech; PRAGMA user_version = 6;" ||
    why "making the old collection"
"$rehearse" --db "$old" search tag:tag1 >"$tmp/out" 2>"$tmp/err" || why "search on the old: $(cat "$tmp/err")"
[ "$(cut -f1 "$tmp/out")" = alpha-1 ] || why "old collection: $(cat "$tmp/out")"
for index in cards_search cards_question cards_tags; do
	[ "$(sqlite3 "$old" "SELECT count(*) FROM sqlite_schema WHERE name = '$index'")" = 1 ] ||
	    why "the index $index was not made"
done
"$rehearse" --db "$old" check >"$tmp/out" 2>&1 || why "check: $(cat "$tmp/out")"
check "an older collection gets the covering index on opening"

# A collection of schema 9, its queue indexes without last_review and no
# index of leeches: opening it brings both, and the leeches are counted.
old9=$tmp/old9.db
"$rehearse" --db "$old9" import "$data/cards.csv" >/dev/null 2>&1
sqlite3 "$old9" "DROP INDEX cards_deck_sched; DROP INDEX cards_sched;
CREATE INDEX cards_deck_sched ON cards(state, deck_id, suspended, due,
  buried_until) WHERE suspended = 0;
CREATE INDEX cards_sched ON cards(state, suspended, due, buried_until,
  deck_id) WHERE suspended = 0;
DROP INDEX cards_leech; UPDATE cards SET tags = 'x leech' WHERE ext_id = 'alpha-2';
PRAGMA user_version = 9;" || why "making the schema 9 collection"
"$rehearse" --db "$old9" decks --json >"$tmp/out" 2>"$tmp/err" || why "decks on schema 9: $(cat "$tmp/err")"
python3 -c 'import json, sys; d = json.load(sys.stdin); sys.exit(d["total"]["leeches"] != 1)' <"$tmp/out" ||
    why "leeches: $(cat "$tmp/out")"
[ "$(sqlite3 "$old9" "PRAGMA user_version; SELECT count(*) FROM sqlite_schema
  WHERE name = 'cards_leech' OR sql LIKE '%last_review) WHERE suspended = 0'" | tr '\n' ' ')" = "12 3 " ] ||
    why "the indexes were not made"
"$rehearse" --db "$old9" check >"$tmp/out" 2>&1 || why "check: $(cat "$tmp/out")"
check "a schema 9 collection gets the queue's and the leeches' indexes"

check_no_sanitizer_report
