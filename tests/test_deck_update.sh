#!/bin/sh
# test_deck_update.sh - updating a bundled deck keeps the learner's history.
#
# With the real program, in TAP: imports every bundled deck into a fresh
# collection, answers some cards by importing a review log, then imports a
# copy of one deck in which one card's answer was corrected.  The answer
# must change while the review log and every card's scheduling state stay
# exactly as they were; --on-duplicate skip must leave the text alone; and
# importing the bundled decks again brings the original answer back, still
# with its history.
#
# make check exports top_srcdir and top_builddir; run by hand from the
# top of a build tree, they default to the script's tree and ".".

: "${top_srcdir:=$(dirname "$0")/..}"
: "${top_builddir:=.}"

decks=$top_srcdir/decks
rehearse=$top_builddir/src/rehearse

tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_deck_update.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
# Never the user's collection.
HOME=$tmp/home XDG_DATA_HOME=$tmp/data REHEARSE_DB=$tmp/unused.db
export HOME XDG_DATA_HOME REHEARSE_DB
unset REHEARSE_SCRIPT
REHEARSE_NOW=2026-11-23T09:00:00Z
export REHEARSE_NOW

for f in "$rehearse" "$decks/project-management.csv"; do
	if [ ! -r "$f" ]; then
		echo "1..0 # SKIP $f is missing"
		exit 0
	fi
done

echo "1..16"
. "$top_srcdir/tests/tap.sh"

db=$tmp/c.db
rh() {
	"$rehearse" --db "$db" "$@"
}
# says RE ARGS...: rehearse ARGS succeeds and says a line matching the
# extended regular expression RE; else the reasons go to $tmp/why.
says() {
	re=$1
	shift
	if rh "$@" >"$tmp/out" 2>>"$tmp/why"; then
		grep -Eq "$re" "$tmp/out" || why "said: $(cat "$tmp/out")"
	else
		why "exit status $?"
	fi
}

# The card whose answer is corrected, the deck it is in, its answer's
# first line and what that line becomes.
card=pm-star
deck=project-management.csv
old_line='- Situation, Task, Action, Result'
new_line='- Situation, Task, Action, Result: in that order'

# ---- a fresh collection with every bundled deck ----

says '^[1-9][0-9]* added, 0 updated, 0 unchanged, 0 skipped$' \
    import "$decks"/*.csv
check "every bundled deck imports into a fresh collection"

# ---- some history: a review log for three cards ----

day=86400000
t0=1793527200000 # 2026-11-01T10:00:00Z
{
	echo "card_id,review_time,review_rating"
	echo "$card,$t0,3"
	echo "$card,$((t0 + 3 * day)),3"
	echo "$card,$((t0 + 10 * day)),1"
	echo "$card,$((t0 + 10 * day + 600000)),3"
	echo "sec-fact-phi,$t0,2"
	echo "sec-fact-phi,$((t0 + day)),4"
	echo "beh-mistake,$((t0 + 2 * day)),3"
} >"$tmp/log.csv"
says '^7 reviews added to 3 cards' \
    import-reviews "$tmp/log.csv"
check "a review log for three bundled cards imports"

rh export-reviews -o "$tmp/reviews.before" 2>>"$tmp/why"
rh export --state -o "$tmp/state.before" 2>>"$tmp/why"
grep -c "^$card," "$tmp/reviews.before" >"$tmp/count" 2>/dev/null
[ "$(cat "$tmp/count")" = 4 ] ||
    echo "$card has $(cat "$tmp/count") reviews, want 4" >>"$tmp/why"
# A card that has been answered is no longer new (state 0): the state
# columns follow the card's last line, its tags.
awk -v id="$card" '
	index($0, id ",") == 1 { on = 1 }
	on && /,[0-9]+,[0-9]+,[0-9-]+T[0-9:.]+Z,/ { print; exit }
' "$tmp/state.before" | grep -q ',[123],[0-9]*,[0-9-]*T' ||
    echo "$card does not look answered in export --state" >>"$tmp/why"
check "the history is recorded"

# ---- a corrected answer in an updated deck ----

mkdir "$tmp/v2"
sed "/^$card,/s/$old_line\$/$new_line/" "$decks/$deck" >"$tmp/v2/$deck"
if cmp -s "$decks/$deck" "$tmp/v2/$deck"; then
	echo "sed did not change $card's answer in the copy" >"$tmp/why"
	echo "(its answer no longer starts with \"$old_line\"?)" >>"$tmp/why"
fi
check "a copy of $deck with $card's answer corrected"

says '^0 added, 1 updated, [0-9]+ unchanged, 0 skipped$' \
    import "$tmp/v2/$deck"
check "re-importing the updated deck updates exactly one card"

rh export --state -o "$tmp/state.after" 2>"$tmp/why"
grep -qx "$card,.*,\"$new_line" "$tmp/state.after" ||
    echo "export does not show the new answer" >>"$tmp/why"
check "the card shows the corrected answer"

rh export-reviews -o "$tmp/reviews.after" 2>"$tmp/why"
diff "$tmp/reviews.before" "$tmp/reviews.after" >>"$tmp/why" 2>&1
check "the review log is unchanged"

# Putting the old line back must give the old export byte for byte: the
# scheduling columns of every card, this one included, are as they were.
sed "/^$card,/s/$new_line\$/$old_line/" "$tmp/state.after" |
    diff "$tmp/state.before" - >>"$tmp/why" 2>&1
check "every card's scheduling state is unchanged"

# ---- --on-duplicate skip ----

mkdir "$tmp/v3"
sed "/^$card,/s/$old_line\$/- Something else entirely/" "$decks/$deck" \
    >"$tmp/v3/$deck"
says '^0 added, 0 updated, 0 unchanged, [1-9][0-9]* skipped$' \
    import --on-duplicate skip "$tmp/v3/$deck"
rh export --state -o "$tmp/state.skip" 2>>"$tmp/why"
diff "$tmp/state.after" "$tmp/state.skip" >>"$tmp/why" 2>&1
check "--on-duplicate skip leaves every card as it was"

# ---- the bundled decks again ----

says '^0 added, 1 updated, [0-9]+ unchanged, 0 skipped$' \
    import "$decks"/*.csv
rh export --state -o "$tmp/state.again" 2>>"$tmp/why"
diff "$tmp/state.before" "$tmp/state.again" >>"$tmp/why" 2>&1
check "re-importing the bundled decks restores the answer"

rh export-reviews -o "$tmp/reviews.again" 2>"$tmp/why"
diff "$tmp/reviews.before" "$tmp/reviews.again" >>"$tmp/why" 2>&1
check "and the review log is still all there"

# ---- a collection with the first edition is brought up to date ----

old=$tmp/old.db
printf '%s\n' 'id,deck,question,answer' \
    'beh-fact-customer-meaning,Behavioural,Who is the customer?,Old answer' \
    'pm-star,Project management,STAR?,My own answer' >"$tmp/edition1.csv"
"$rehearse" --db "$old" import "$tmp/edition1.csv" >/dev/null 2>>"$tmp/why"
sqlite3 "$old" "INSERT INTO settings (key, value)
    VALUES ('internal.bundled-decks-imported', '1')" 2>>"$tmp/why"
"$rehearse" --db "$old" decks >/dev/null 2>"$tmp/upgrade.err" ||
	echo "decks failed: $(cat "$tmp/upgrade.err")" >>"$tmp/why"
grep -q 'bundled decks are now edition 3' "$tmp/upgrade.err" ||
	echo "no word of the new edition: $(cat "$tmp/upgrade.err")" >>"$tmp/why"
[ "$(sqlite3 "$old" "SELECT suspended FROM cards
    WHERE ext_id = 'beh-fact-customer-meaning'")" = 1 ] ||
	echo "the dropped card is not suspended" >>"$tmp/why"
[ "$(sqlite3 "$old" "SELECT answer FROM cards WHERE ext_id = 'pm-star'")" = \
    "My own answer" ] || echo "a card the learner had lost its text" >>"$tmp/why"
bundled=$(sqlite3 "$db" "SELECT count(*) FROM cards")
[ "$(sqlite3 "$old" "SELECT count(*) FROM cards")" = "$((bundled + 1))" ] ||
	echo "not every card of the new edition came in" >>"$tmp/why"
[ "$(sqlite3 "$old" "SELECT value FROM settings
    WHERE key = 'internal.bundled-decks-imported'")" = 3 ] ||
	echo "the edition is not recorded" >>"$tmp/why"
check "an older edition gets the new cards and its dropped cards suspended"

"$rehearse" --db "$old" decks >/dev/null 2>"$tmp/again.err" ||
	echo "decks failed" >>"$tmp/why"
[ ! -s "$tmp/again.err" ] || echo "said again: $(cat "$tmp/again.err")" >>"$tmp/why"
check "and only once"

# ---- edition 2, without evaluation areas, gains them ----

# Edition 2 is edition 3 less its area tags.
mkdir "$tmp/ed2"
for f in "$decks"/*.csv; do
	sed 's/ area:[a-z-]*//g' "$f" >"$tmp/ed2/${f##*/}"
done
ed2=$tmp/ed2.db
"$rehearse" --db "$ed2" import "$tmp/ed2"/*.csv >/dev/null 2>"$tmp/why"
"$rehearse" --db "$ed2" import-reviews "$tmp/log.csv" >/dev/null 2>>"$tmp/why"
# The learner's own edit of a question card, and a tag of their own.
sqlite3 "$ed2" "UPDATE cards SET answer = 'My own outline',
    tags = tags || ' mine' WHERE ext_id = 'beh-mistake';
    INSERT INTO settings (key, value)
    VALUES ('internal.bundled-decks-imported', '2')" 2>>"$tmp/why"
"$rehearse" --db "$ed2" export --state -o "$tmp/ed2.before" 2>>"$tmp/why"
"$rehearse" --db "$ed2" export-reviews -o "$tmp/ed2.reviews" 2>>"$tmp/why"
grep -q 'area:' "$tmp/ed2.before" && echo "edition 2 has areas" >>"$tmp/why"
check "a collection with edition 2, some history and an edited card"

"$rehearse" --db "$ed2" decks >/dev/null 2>"$tmp/ed2.err" ||
	echo "decks failed: $(cat "$tmp/ed2.err")" >>"$tmp/why"
questions=$(cat "$decks"/*.csv | grep -c ' question area:')
grep -q "edition 3: 0 new cards, 0 dropped cards suspended, $questions cards given their evaluation areas" \
    "$tmp/ed2.err" || echo "said: $(cat "$tmp/ed2.err")" >>"$tmp/why"
[ "$(sqlite3 "$ed2" "SELECT tags FROM cards WHERE ext_id = 'beh-mistake'")" = \
    "behavioural communication question mine area:learning area:communication" ] ||
	echo "beh-mistake: $(sqlite3 "$ed2" "SELECT tags FROM cards
	    WHERE ext_id = 'beh-mistake'")" >>"$tmp/why"
[ "$(sqlite3 "$ed2" "SELECT answer FROM cards WHERE ext_id = 'beh-mistake'")" = \
    "My own outline" ] || echo "the edited answer was lost" >>"$tmp/why"
check "the upgrade tags every question card, keeping the learner's text and tags"

"$rehearse" --db "$ed2" export --state -o "$tmp/ed2.after" 2>"$tmp/why"
"$rehearse" --db "$ed2" export-reviews -o "$tmp/ed2.reviews.after" 2>>"$tmp/why"
sed 's/ area:[a-z-]*//g' "$tmp/ed2.after" | diff "$tmp/ed2.before" - >>"$tmp/why" 2>&1
diff "$tmp/ed2.reviews" "$tmp/ed2.reviews.after" >>"$tmp/why" 2>&1
cmp -s "$tmp/ed2.before" "$tmp/ed2.after" && echo "no card changed" >>"$tmp/why"
"$rehearse" --db "$ed2" decks >/dev/null 2>"$tmp/ed2.again" ||
	echo "decks failed" >>"$tmp/why"
[ ! -s "$tmp/ed2.again" ] || echo "said again: $(cat "$tmp/ed2.again")" >>"$tmp/why"
check "and every schedule and the review log are as they were, once"
