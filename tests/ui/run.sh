#!/bin/sh
# Scripted-key tests of the screens (see tests/ui/README): each NAME.keys
# runs the real program on a fresh collection, with its keys read from the
# script and its screen dumped with ":dump"; every dump is compared with
# expected/NAME.DUMP.  Prints TAP.  UPDATE_EXPECTED=1 rewrites the
# expected files instead (then check them by eye, and with git diff).

LC_ALL=C.UTF-8; export LC_ALL
TZ=UTC; export TZ
REHEARSE_NOW=2026-11-23T09:00:00Z; export REHEARSE_NOW
unset REHEARSE_DB REHEARSE_SCRIPT NO_COLOR EDITOR VISUAL

here=$(cd "${top_srcdir:-.}/tests/ui" && pwd) || exit 99
bin=$(cd "${top_builddir:-.}" && pwd)/src/rehearse
[ -x "$bin" ] || { echo "1..0 # SKIP $bin not built"; exit 0; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-ui.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
. "${top_srcdir:-.}/tests/tap.sh"

# Cards whose text tries to take over the terminal.
hostile() {
	printf 'id,deck,question,answer,tips,tags\n'
	printf 'h1,Hostile red,"Clear \033[2J\033[H the screen, set the title \033]0;pwned\007, '
	printf 'reverse \342\200\256desrever\342\200\254 and CSI \302\23331m here?",'
	printf '"DEL \177, bell \007, backspace \010, isolate \342\201\246x\342\201\251, '
	printf 'tab\there.","Tips \033[5mblinking\033[0m",hostile\n'
}

# Thirty decks of one card each: more than a screen holds.
many() {
	printf 'id,deck,question,answer,tips,tags\n'
	i=1
	while [ $i -le 30 ]; do
		printf 'm%d,Deck number %02d,Question %d?,Answer %d.,,\n' $i $i $i $i
		i=$((i + 1))
	done
}

# Question cards with evaluation areas, for the mock interviews.
interview() {
	cat "$here/interview.csv"
}

# A review card with seven lapses, due: one more makes it a leech.
leech() {
	printf 'id,deck,question,answer,tips,tags,state,interval,due,stability,'
	printf 'difficulty,reps,lapses,last_review,learning_step\n'
	printf 'l1,Leeches,The card that keeps slipping?,This one.,,hard,2,3,'
	printf '2026-11-22T09:00:00.000Z,3,8,20,7,2026-11-19T09:00:00.000Z,0\n'
}

# Eight decks whose names mix cases and numbers, eleven in all.
named() {
	printf 'id,deck,question,answer,tips,tags\n'
	i=1
	for deck in "semi-structured data" "What interviewers evaluate" \
	    "Deck 10" "alpha" "Deck 9" "zebra" "HL7 and FHIR" "clinical safety"; do
		printf 'n%d,%s,Question %d?,Answer %d.,,\n' $i "$deck" $i $i
		i=$((i + 1))
	done
}

# The dumps a script makes, in order, then the outputs of its "# after:"
# commands.
dumps() {
	sed -n 's/^:dump[ 	]*//p' "$1"
	sed -n 's/^# after: *\([^ ]*\) .*/\1/p' "$1"
}

# The value of a "# NAME: value" header line of a script.
header() {
	sed -n "s/^# $2: *//p" "$1"
}

total=0
for keys in "$here"/*.keys; do
	total=$((total + $(dumps "$keys" | wc -l)))
done
echo "1..$total"

for keys in "$here"/*.keys; do
	name=$(basename "$keys" .keys)
	dir=$tmp/$name
	mkdir -p "$dir/out"
	db=$dir/collection.db
	size=$(header "$keys" size)
	[ -n "$size" ] || size=80x24
	cols=${size%x*}
	lines=${size#*x}
	args=$(header "$keys" args)
	log=$dir/log
	status=0
	# "# locale: NAME": LC_ALL for the screens; skipped when not installed
	loc=$(header "$keys" locale)
	if [ -n "$loc" ] && [ -n "$(LC_ALL=$loc locale 2>&1 >/dev/null)" ]; then
		for d in $(dumps "$keys"); do
			skip "$name: $d" "the locale $loc is not installed"
		done
		continue
	fi
	"$bin" --db "$db" import "$here/cards.csv" >"$log" 2>&1 || status=$?
	fixture=$(header "$keys" fixture)
	case $fixture in
	hostile | many | named | interview | leech)
		$fixture >"$dir/$fixture.csv"
		"$bin" --db "$db" import "$dir/$fixture.csv" >>"$log" 2>&1 ||
		    status=$? ;;
	esac
	# A deck name with an escape sequence: no import makes one any more,
	# but a collection of an older version may hold one.
	if [ "$fixture" = hostile ] && [ $status -eq 0 ]; then
		sqlite3 "$db" "UPDATE decks SET name = 'Hostile ' || char(27) ||
		    '[31mred' WHERE name = 'Hostile red'" >>"$log" 2>&1 ||
		    status=$?
	fi
	# "# before: ARGS": rehearse ARGS on the collection first
	if [ $status -eq 0 ]; then
		header "$keys" before | while read -r cmd; do
			# shellcheck disable=SC2086
			"$bin" --db "$db" $cmd >>"$log" 2>&1 || exit 1
		done || status=$?
	fi
	if [ $status -eq 0 ]; then
		# shellcheck disable=SC2046,SC2086
		(cd "$dir/out" &&
		    env TERM=xterm LINES="$lines" COLUMNS="$cols" \
		    LC_ALL="${loc:-$LC_ALL}" \
		    EDITOR="$here/fake-editor.sh" $(header "$keys" env) \
		    "$bin" --db "$db" --script "$keys" $args) >>"$log" 2>&1 ||
		    status=$?
		# "# status: N": the exit status the script ends with
		want=$(header "$keys" status)
		if [ "$status" = "${want:-0}" ]; then
			status=0
		else
			status="$status, not ${want:-0}"
		fi
	fi
	# "# after: NAME ARGS": the command line's view of the collection
	if [ "$status" = 0 ]; then
		header "$keys" after | while read -r out cmd; do
			# shellcheck disable=SC2086
			# the collection named without the test's own directory
			"$bin" --db "$db" $cmd 2>>"$log" | sed "s|$dir/||g" \
			    >"$dir/out/$out"
		done
	fi
	for d in $(dumps "$keys"); do
		exp=$here/expected/$name.$d
		got=$dir/out/$d
		if [ "$status" != 0 ]; then
			cat "$log" >"$tmp/why"
			not_ok "$name: $d (exit status $status)"
		elif [ ! -f "$got" ]; then
			not_ok "$name: $d was not written"
		elif [ -n "$UPDATE_EXPECTED" ]; then
			cp "$got" "$exp"
			ok "$name: $d # updated"
		elif cmp -s "$exp" "$got"; then
			ok "$name: $d"
		else
			diff -u "$exp" "$got" >"$tmp/why"
			not_ok "$name: $d differs from expected/$name.$d"
		fi
	done
done
