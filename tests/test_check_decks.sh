#!/bin/sh
# test_check_decks.sh - the bundled decks pass tools/check-decks, and the
# check fails on each kind of bad card it is meant to catch.
#
# In TAP.  The copy check (no ten-word run shared with the source texts)
# runs only when REHEARSE_DECK_SOURCES names the directory of those texts,
# which are not part of the tree; every other rule runs always.  Each bad
# case is a copy of decks/ in a temporary directory with one defect added.
#
# make check exports top_srcdir; run by hand from the top of the tree, it
# defaults to the script's tree.

: "${top_srcdir:=$(dirname "$0")/..}"

check=$top_srcdir/tools/check-decks
decks=$top_srcdir/decks

if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 is missing"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_check_decks.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

. "$top_srcdir/tests/tap.sh"
find_python
echo "1..18"

# ---- the bundled decks ----

if [ -n "$REHEARSE_DECK_SOURCES" ]; then
	src=$REHEARSE_DECK_SOURCES
else
	src=--no-source-texts
	echo "# REHEARSE_DECK_SOURCES not set: copy check not run"
fi
python3 "$check" "$src" >"$tmp/out" 2>"$tmp/err" ||
    cat "$tmp/err" >"$tmp/why"
check "the bundled decks pass tools/check-decks"

# ---- bad cards ----

# bad NAME MESSAGE: the decks in $tmp/d fail, saying MESSAGE.
bad() {
	if python3 "$check" --decks "$tmp/d" --no-source-texts \
	    >"$tmp/out" 2>"$tmp/err"; then
		echo "passed, want a failure" >"$tmp/why"
	elif ! grep -q -- "$2" "$tmp/err"; then
		echo "no \"$2\" in:" >"$tmp/why"
		cat "$tmp/err" >>"$tmp/why"
	fi
	check "$1"
}

# fresh: a copy of the decks to spoil.
fresh() {
	rm -rf "$tmp/d"
	cp -R "$decks" "$tmp/d"
	# The source tree may be read-only, as under make distcheck.
	chmod -R u+w "$tmp/d"
}

# add_card FILE ROW SOURCE: a card at the end of FILE, traced to SOURCE
# (skipped when empty) and registered as shipped in a new edition.
add_card() {
	printf '%s\n' "$2" >>"$tmp/d/$1"
	id=${2%%,*}
	[ -z "$3" ] || printf 'card %s %s\n' "$id" "$3" >>"$tmp/d/SOURCES"
	printf 'edition 99 %s\n' "$id" >>"$tmp/d/IDS"
}

# The security deck's file name, deck name and first source.
deck="Patient safety and data security"
file=security.csv

fresh
add_card $file "x-four,$deck,Four things?,\"- a
- b
- c
- d\",,security fact" m003
bad "a fact card with four items fails" "asks for 4 items"

fresh
add_card $file "x-long,$deck,Long?,\"- a
  b
  c
  d
  e
  f
  g\",,security fact" m003
bad "a fact answer of seven lines fails" "fact answer has 7 lines"

fresh
add_card $file "x-tag,$deck,Tag?,- a,,security fact made-up" m003
bad "an unknown tag fails" "unknown tag 'made-up'"

fresh
add_card $file "x-tips,$deck,Tips?,- a,,security question" m003
bad "a question card without tips fails" "question card without tips"

fresh
add_card $file "x-panel,$deck,Panel?,- a,- The panel checks your calm,security question" m003
bad "a tip about the panel, not an action, fails" "tip says what the panel"

fresh
add_card $file "x-area,$deck,Area?,- a,- Say it,security question area:charm" m003
bad "an unknown evaluation area fails" "unknown area 'area:charm'"

fresh
add_card $file "x-noarea,$deck,No area?,- a,- Say it,security question" m003
bad "a question card without an evaluation area fails" \
    "question card with 0 evaluation areas"

fresh
add_card $file "x-fourarea,$deck,Four areas?,- a,- Say it,security question area:data area:ehr area:privacy area:learning" m003
bad "a question card with four evaluation areas fails" \
    "question card with 4 evaluation areas"

fresh
add_card $file "x-factarea,$deck,Fact area?,- a,,security fact area:privacy" m003
bad "a fact card with an evaluation area fails" \
    "fact card with evaluation areas"

fresh
add_card $file "x-nosrc,$deck,Source?,- a,,security fact" ""
bad "a card without a source fails" "no card line in SOURCES"

fresh
add_card $file "x-badsrc,$deck,Source?,- a,,security fact" no-such-source
bad "a card with an undefined source fails" "unknown source no-such-source"

fresh
add_card $file "sec-fact-patching,$deck,Again?,- a,,security fact" m003
bad "a repeated id fails" "id already used"

fresh
grep -v '^sec-fact-removable-media,' "$decks/$file" >"$tmp/d/$file"
bad "an id removed without a CHANGES entry fails" \
    "sec-fact-removable-media was shipped, is in no deck"

fresh
printf 'Edition 4a\n' >>"$tmp/d/CHANGES"
bad "an edition that is no whole number fails" 'want "Edition N"'

fresh
printf 'dropped sec-fact-patching no longer wanted\n' >>"$tmp/d/CHANGES"
bad "a dropped id still in a deck fails" \
    "sec-fact-patching is dropped but still in"

fresh
add_card $file "x-edition,$deck,Edition?,- a,,security fact" m003
grep -v '^edition 99 ' "$tmp/d/IDS" >"$tmp/ids" && mv "$tmp/ids" "$tmp/d/IDS"
bad "a card in no edition of IDS fails" "x-edition is in a deck but in no edition"

# The copy check, with a source text of its own.
fresh
mkdir "$tmp/src"
echo "Every interface engine quietly keeps a queue of messages for each" \
    "receiving system until it answers." >"$tmp/src/text.txt"
add_card $file "x-copy,$deck,Copy?,- It quietly keeps a queue of messages for each receiving system until,,security fact" m003
if python3 "$check" --decks "$tmp/d" "$tmp/src" >"$tmp/out" 2>"$tmp/err"
then
	echo "passed, want a failure" >"$tmp/why"
elif ! grep -q "answer repeats 10 words of text.txt" "$tmp/err"; then
	cat "$tmp/err" >"$tmp/why"
fi
check "ten words copied from a source text fail"
