#!/bin/sh
# test_find.sh - finding what the user names on the command line: decks by
# the start of their name in any case, and for a deck, a command or a
# setting that does not exist, the closest names.  Prints TAP.

: "${top_srcdir:=$(dirname "$0")/..}"
: "${top_builddir:=.}"
rehearse=$top_builddir/src/rehearse
[ -x "$rehearse" ] || { echo "1..0 # SKIP $rehearse not built"; exit 0; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_find.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
HOME=$tmp/home XDG_DATA_HOME=$tmp/data
export HOME XDG_DATA_HOME
unset REHEARSE_DB REHEARSE_NOW REHEARSE_SCRIPT
LC_ALL=C.UTF-8
export LC_ALL
db=$tmp/c.db

echo "1..9"
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/cli.sh"

{
	printf 'id,deck,question,answer\n'
	printf 'a,Systems,Q systems,A\n'
	printf 'b,System design,Q design,A\n'
	printf 'c,Behavioural,Q behavioural,A\n'
	printf 'd,Sys,Q sys,A\n'
	printf 'e,semi,Q semi,A\n'
	printf 'f,What is FHIR,Q what,A\n'
	printf 'g,Deck 10,Q ten,A\n'
	printf 'h,Deck 9,Q nine,A\n'
} >"$tmp/cards.csv"
rh import "$tmp/cards.csv"
expect_rc 0
check "the cards are imported"

rh decks
expect_rc 0
sed 1d "$tmp/out" | sed '$d' | cut -c1-16 | sed 's/ *$//' >"$tmp/got"
printf '%s\n' Behavioural "Deck 9" "Deck 10" semi Sys "System design" Systems \
    "What is FHIR" >"$tmp/want"
cmp -s "$tmp/want" "$tmp/got" || why "order: $(tr '\n' '|' <"$tmp/got")"
check "decks sorts names ignoring case, numbers by value"

rh export --deck beh
expect_rc 0
expect_out "Q behavioural"
rh export --deck WHAT
expect_rc 0
expect_out "Q what"
check "a deck is named by the start of its name, in any case"

rh export --deck sys
expect_rc 0
expect_out "Q sys"
grep -q "Q systems" "$tmp/out" && why "sys took Systems too"
rh export --deck SYSTEMS
expect_rc 0
expect_out "Q systems"
grep -q "Q design" "$tmp/out" && why "SYSTEMS took System design too"
check "a whole name, in any case, wins over the names it starts"

rh review syst
expect_rc 1
expect_err '"syst" could be "System design" or "Systems": give more of the name'
check "review: a start that several decks share lists them"

rh review Sytsems
expect_rc 1
expect_err 'no deck named "Sytsems"; did you mean "Systems"?'
rh review zzzz
expect_rc 1
expect_err 'no deck named "zzzz" (see rehearse decks)'
check "review: an unknown deck suggests the closest names, if any"

rh reveiw
expect_rc 2
expect_err 'no command named "reveiw"; did you mean "review"?'
expect_err "Try 'rehearse --help'."
rh help stast
expect_rc 2
expect_err 'did you mean "stats"?'
check "a mistyped command suggests the command"

rh config new-per-dya
expect_rc 1
expect_err 'no setting named "new-per-dya"; did you mean "new-per-day"?'
rh config zzz
expect_rc 1
expect_err "the settings are:"
expect_err "new-per-day"
check "config: a mistyped key suggests the key; an unknown one lists them"

rh export --deck "$(printf 'x\033[31m')"
expect_rc 1
grep -q "$(printf '\033')" "$tmp/err" && why "an escape reached stderr"
check "the name typed is shown sanitised"
