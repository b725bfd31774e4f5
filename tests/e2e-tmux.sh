#!/bin/sh
# End-to-end: the real program in a real terminal (tmux), on a fresh
# collection with the clock frozen.  Reviews, undo, the statistics,
# resizing, quitting, signals, a second instance, and SIGKILL in the
# middle of a session;
# afterwards the collection is checked through the command line.
# Prints TAP.  Needs tmux; runs on its own tmux server (-L) and waits for
# the screen by polling, never by fixed sleeps alone.

LC_ALL=C.UTF-8; export LC_ALL
TZ=UTC; export TZ
REHEARSE_NOW=2026-11-23T09:00:00Z; export REHEARSE_NOW
unset REHEARSE_DB REHEARSE_SCRIPT TMUX

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
src=$(cd "${top_srcdir:-.}" && pwd) || exit 99
bin=$(cd "${top_builddir:-.}" && pwd)/src/rehearse
[ -x "$bin" ] || { echo "1..0 # SKIP $bin not built"; exit 0; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-e2e.XXXXXX") || exit 99
sock=rehearse-test-$$
db=$tmp/collection.db
# generous: CI machines are slow and busy, and sanitizers slow us further
timeout=${E2E_TIMEOUT:-30}

tm() {
	tmux -L "$sock" -f /dev/null "$@"
}

cleanup() {
	tm kill-server >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

. "$src/tests/tap.sh"

screen() {
	tm capture-pane -p -t "$1"
}

# wait_for WINDOW TEXT: until the window shows TEXT (fixed string).
wait_for() {
	i=0
	while [ $i -lt $((timeout * 10)) ]; do
		if screen "$1" 2>/dev/null | grep -F -q -- "$2"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	echo "# timed out waiting for \"$2\" in window $1; the screen:"
	screen "$1" 2>/dev/null | sed 's/^/#   |/'
	return 1
}

# wait_gone WINDOW TEXT: until the window no longer shows TEXT.
wait_gone() {
	i=0
	while [ $i -lt $((timeout * 10)) ]; do
		if ! screen "$1" 2>/dev/null | grep -F -q -- "$2"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	echo "# timed out waiting for \"$2\" to go from window $1"
	return 1
}

# poll COMMAND...: until the command succeeds.
poll() {
	i=0
	while [ $i -lt $((timeout * 10)) ]; do
		"$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# The window's first line is at least $2 columns long.
wide_line() {
	screen "$1" | head -1 | grep -q ".\{$2\}"
}

# The program in window $1 has ended with status $2 and put the terminal
# back as it was.
ended_cleanly() {
	screen "$1" | grep -q "exit-status=$2\$" && screen "$1" | grep -q tty-restored
}

# wait_file FILE: until FILE exists and is not empty.
wait_file() {
	i=0
	while [ $i -lt $((timeout * 10)) ]; do
		[ -s "$1" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "# timed out waiting for $1"
	return 1
}

# start NAME [ARGS...]: the program in a new window NAME of 80x24.  Its
# pid goes to $tmp/NAME.pid; when it ends, its exit status and whether
# the terminal is back in its normal mode are printed in the window.
start() {
	name=$1
	shift
	rm -f "$tmp/$name.pid"
	cmd="sh -c 'echo \$\$ >$tmp/$name.pid; EDITOR=$src/tests/ui/fake-editor.sh FAKE_EDIT=interactive exec \"$bin\" --db \"$db\" $*';"
	cmd="$cmd echo exit-status=\$?;"
	cmd="$cmd if stty -a | grep -q ' icanon' && stty -a | grep -q ' echo '; then echo tty-restored; fi;"
	cmd="$cmd sleep 600"
	if tm has-session 2>/dev/null; then
		tm new-window -d -n "$name" "$cmd"
	else
		tm new-session -d -s e2e -n "$name" -x 80 -y 24 "$cmd"
	fi
	wait_file "$tmp/$name.pid"
}

pid_of() {
	cat "$tmp/$1.pid"
}

# How many reviews the collection holds (the CSV has a header line).
reviews() {
	"$bin" --db "$db" export-reviews | sed 1d | grep -c .
}

echo "1..103"

"$bin" --db "$db" import "$src/tests/ui/cards.csv" >/dev/null ||
	{ echo "Bail out! cannot import the test cards"; exit 1; }

# ---- a first session ----
start one
check_that "the deck list appears" wait_for one "Enter study"
check_that "it lists the decks with their counts" wait_for one "Behavioural"
tm send-keys -t one Enter
check_that "Enter studies the deck: the question and a timer" \
	wait_for one "Tell me about a time you handled a conflict"
check_that "the timer runs" wait_for one "0:02"
tm send-keys -t one Space
check_that "Space shows the answer and the tips" wait_for one "How to prepare"
check_that "the grades show their intervals" wait_for one "3 Good 10m"
tm send-keys -t one 3
check_that "Good moves to the next card" wait_for one "Why do you want this role?"
tm send-keys -t one Space
wait_for one "4 Easy" >/dev/null
tm send-keys -t one 4
check_that "Easy moves to the next card" wait_for one "What is your greatest weakness?"
check_that "two answers are committed at once" test "$(reviews)" = 2
tm send-keys -t one u
check_that "u takes the last answer back" wait_for one "Undid: answer of "
check_that "the card answered Easy is back" wait_for one "Why do you want this role?"
check_that "the undone review is gone from the collection" test "$(reviews)" = 1

tm resize-window -t one -x 120 -y 40 2>/dev/null
check_that "a wider terminal is used at once" poll wide_line one 110
tm resize-window -t one -x 30 -y 8 2>/dev/null
check_that "a tiny terminal says so" wait_for one "Terminal too small"
tm resize-window -t one -x 80 -y 24 2>/dev/null
check_that "and the card comes back at 80x24" wait_for one "Why do you want this role?"

tm send-keys -t one Space
wait_for one "3 Good" >/dev/null
tm send-keys -t one Enter
check_that "Enter after the answer means Good" wait_for one "What is your greatest weakness?"
tm send-keys -t one q
check_that "q goes back to the deck list" wait_for one "Enter study"
tm send-keys -t one q
check_that "q quits with status 0" wait_for one "exit-status=0"
check_that "the terminal is restored on quitting" wait_for one "tty-restored"

check_that "the collection holds the two kept answers" test "$(reviews)" = 2
check_that "both were answered Good" \
	sh -c "'$bin' --db '$db' export-reviews | sed 1d | cut -d, -f3 | sort | uniq -c | grep -q '2 3\$'"
check_that "decks --json agrees: one new card left in Behavioural" \
	sh -c "'$bin' --db '$db' decks --json | tr -d ' \n' | grep -q '\"name\":\"Behavioural\"[^}]*\"new\":1,'"

# ---- the statistics at 80x24 ----
start stats
wait_for stats "Enter study" >/dev/null
tm send-keys -t stats s
check_that "s shows the statistics of the selected deck" \
	wait_for stats "Statistics of Behavioural"
check_that "today's two answers are counted" wait_for stats "2 cards, 2 answers"
check_that "the forecast's bars are drawn" wait_for stats "Forecast: cards due per day"
tm send-keys -t stats Tab
check_that "Tab switches to all decks" wait_for stats "Statistics of all decks"
tm send-keys -t stats G
check_that "G scrolls to the last hour of the day" wait_for stats "23:00"
tm send-keys -t stats q
check_that "q goes back to the deck list" wait_for stats "Enter study"
tm send-keys -t stats q
wait_for stats "exit-status=0" >/dev/null

# ---- the editor takes the terminal and gives it back ----
start edit "review Systems"
wait_for edit "Space show answer" >/dev/null
tm send-keys -t edit e
check_that "e hands the terminal to \$EDITOR" wait_for edit "fake editor on rehearse-card-"
tm send-keys -t edit Enter
check_that "the edited card is back on the screen" wait_for edit "Edited in a real terminal?"
check_that "and says it was saved" wait_for edit "Card saved."
tm send-keys -t edit q q
check_that "the edit is in the collection" \
	sh -c "'$bin' --db '$db' export --deck Systems | grep -q 'Edited in a real terminal?'"

# ---- signals restore the terminal ----
start two
wait_for two "Enter study" >/dev/null
tm send-keys -t two Enter
wait_for two "Space show answer" >/dev/null
tm send-keys -t two Space
wait_for two "1 Again" >/dev/null
tm send-keys -t two 3
wait_gone two "1 Again" >/dev/null
tm send-keys -t two C-c
check_that "Ctrl-C ends the program with status 130 and restores the terminal" \
	poll ended_cleanly two 130
check_that "the answer given before Ctrl-C is kept" test "$(reviews)" = 3
start three
wait_for three "Enter study" >/dev/null
kill -HUP "$(pid_of three)"
check_that "SIGHUP ends it (status 129) and restores the terminal" \
	poll ended_cleanly three 129
start six review
wait_for six "Space show answer" >/dev/null
kill -TERM "$(pid_of six)"
check_that "SIGTERM while reviewing ends it (status 143) and restores the terminal" \
	poll ended_cleanly six 143

# ---- a terminal that cannot move the cursor ----
tm new-window -d -n dumb "TERM=dumb '$bin' --db '$db'; echo exit-status=\$?; sleep 600"
dumb_refused() {
	wait_for dumb "the screens need a terminal" && wait_for dumb "exit-status=1"
}
check_that "TERM=dumb: a clear message and status 1, no screen" dumb_refused

# ---- a locale that is not UTF-8 on a terminal in UTF-8 mode ----
# screen (tmux's TERM) declares U8: its line-drawing set is not switched
# to outside a UTF-8 locale, so the rules are drawn in ASCII.
latin1=fr_FR.ISO-8859-1
if [ -z "$(LC_ALL=$latin1 locale 2>&1 >/dev/null)" ]; then
	tm new-window -d -n latin1 "LC_ALL=$latin1 TERM=screen '$bin' --db '$db'; sleep 600"
	rules_ascii() {
		wait_for latin1 "All decks" >/dev/null &&
		    screen latin1 | grep -q -e '------' && ! screen latin1 | grep -q qqqq
	}
	check_that "a Latin-1 locale on screen: rules in ASCII, never as qqqq" rules_ascii
	tm send-keys -t latin1 q
else
	skip "" "the locale $latin1 is not installed"
fi

# ---- a large import shows a progress bar on a terminal only ----
# Over IMPORT_LARGE (8 MiB) in few long cards: the bar is drawn all the
# same, and the import takes a second rather than many.
big=$tmp/big.csv
awk 'BEGIN {
	print "id,deck,question,answer"
	pad = sprintf("%08000d", 0)
	for (i = 0; i < 1100; i++)
		printf "big%d,Big,Question %d %s,Answer %d\n", i, i, pad, i
}' >"$big"
tm new-window -d -n bar "while [ ! -e '$tmp/go' ]; do sleep 0.1; done; '$bin' --db '$tmp/bar.db' import '$big'; echo import-status=\$?; sleep 600"
tm pipe-pane -t bar -o "cat >'$tmp/bar.out'"
: >"$tmp/go"
wait_for bar "import-status=0" >/dev/null
bar_drawn() {
	grep -q 'importing .*big.csv.*\[#*.*\] *[0-9]*%' "$tmp/bar.out"
}
check_that "import of a large file draws a progress bar on the terminal" bar_drawn
"$bin" --db "$tmp/bar2.db" import "$big" >"$tmp/bar2.out" 2>"$tmp/bar2.err"
check_that "and nothing when standard error is no terminal" \
	sh -c "! grep -q -e importing -e % '$tmp/bar2.err' && test ! -s '$tmp/bar2.err'"

# ---- two instances on one collection, then SIGKILL mid-session ----
start four review Systems
start five review Wide
wait_for four "Space show answer" >/dev/null
wait_for five "Space show answer" >/dev/null
tm send-keys -t five Space
wait_for five "1 Again" >/dev/null
tm send-keys -t five 3
check_that "a second instance answers on the same collection" wait_gone five "1 Again"
tm send-keys -t four Space
wait_for four "1 Again" >/dev/null
tm send-keys -t four 3
wait_for four "Explain CAP in one sentence." >/dev/null
tm send-keys -t four Space
wait_for four "1 Again" >/dev/null
tm send-keys -t four 1
wait_for four "Walk through what happens" >/dev/null
kill -KILL "$(pid_of four)"
wait_for four "exit-status=137" >/dev/null
check_that "after SIGKILL every answer given is in the collection" test "$(reviews)" = 6
check_that "and the collection passes its check" sh -c "'$bin' --db '$db' check >/dev/null"

# ---- the card browser ----
start browse
wait_for browse "Enter study" >/dev/null
tm send-keys -t browse /
check_that "/ opens the browser on every card" wait_for browse "7 cards"
tm send-keys -t browse l o a d
check_that "the list follows the query as it is typed" wait_for browse "1 card "
tm send-keys -t browse Enter Space
check_that "Space marks the card" wait_for browse "1 card, 1 marked"
tm send-keys -t browse d
check_that "d asks before deleting" wait_for browse "Delete 1 card? y/n"
tm send-keys -t browse y
check_that "y deletes it" wait_for browse "1 card deleted."
check_that "the card is gone from the collection" \
	sh -c "test -z \"\$('$bin' --db '$db' search load)\""
tm send-keys -t browse u
check_that "u undoes the delete" wait_for browse "Undid: delete of '"
check_that "the card is back in the collection" \
	sh -c "test -n \"\$('$bin' --db '$db' search load)\""
tm send-keys -t browse q q
check_that "the browser goes back to the deck list, and q quits" \
	wait_for browse "exit-status=0"

# ---- the browser adds and moves cards; an undo after a change elsewhere ----
start browse2
wait_for browse2 "Enter study" >/dev/null
tm send-keys -t browse2 / l o a d Enter
check_that "the browser finds the card again" wait_for browse2 "1 card "
tm send-keys -t browse2 M
picker_shown() {
	wait_for browse2 "Move 1 card to:" &&
	    wait_for browse2 "Enter: move  Esc: cancel  Up/Down: pick"
}
check_that "M lists the decks below the list, its keys in the footer at 80x24" \
	picker_shown
tm send-keys -t browse2 N e w Space d e c k Enter
check_that "a name typed moves the card to a new deck" \
	wait_for browse2 "1 card moved to 'New deck'."
check_that "the card is in that deck" \
	sh -c "test -n \"\$('$bin' --db '$db' search 'deck:\"new deck\" load')\""
"$bin" --db "$db" suspend --query load >/dev/null
tm send-keys -t browse2 u
check_that "an undo after another rehearse changed the card says so" \
	wait_for browse2 "' changed elsewhere"
check_that "and keeps what the other one did" \
	sh -c "test -n \"\$('$bin' --db '$db' search 'is:suspended deck:\"new deck\" load')\""
tm send-keys -t browse2 a
check_that "a opens the editor on a new card" wait_for browse2 "press Enter"
tm send-keys -t browse2 Enter
check_that "the card written is added to the selected card's deck" \
	wait_for browse2 "Card added to 'New deck'"
tm send-keys -t browse2 q u
check_that "u on the deck list undoes the add made in the browser" \
	wait_for browse2 "Undid: add of 'Edited in a real terminal?'"
tm send-keys -t browse2 q
wait_for browse2 "exit-status=0" >/dev/null

# ---- two instances show the same card; both answer it ----
start seven review Behavioural
start eight review Behavioural
wait_for seven "Space show answer" >/dev/null
wait_for eight "Space show answer" >/dev/null
# the question both show, on the third line
question=$(screen seven | sed -n '3s/^ *//p')
before=$(reviews)
tm send-keys -t seven Space
wait_for seven "1 Again" >/dev/null
tm send-keys -t seven 3
wait_gone seven "$question" >/dev/null
tm send-keys -t eight Space
wait_for eight "1 Again" >/dev/null
tm send-keys -t eight 3
check_that "an answer to a card answered elsewhere says so" \
	wait_for eight "The card changed elsewhere"
check_that "and only the first answer is recorded" test "$(reviews)" = $((before + 1))
tm send-keys -t seven q q
tm send-keys -t eight q q

# ---- settings changed by another rehearse: Ctrl-L reads them ----
db=$tmp/limits.db
"$bin" --db "$db" import "$src/tests/ui/cards.csv" >/dev/null &&
	"$bin" --db "$db" config new-per-day 0 >/dev/null
start nine
check_that "with no new card allowed there is nothing to study" \
	wait_for nine "Nothing due now, and nothing scheduled."
"$bin" --db "$db" config new-per-day 25 >/dev/null
tm send-keys -t nine C-l
check_that "Ctrl-L reads the new limit: new cards to study" \
	wait_gone nine "Nothing due now"
tm send-keys -t nine q

# ---- a mock interview, at 80x24 ----
db=$tmp/interview.db
"$bin" --db "$db" import "$src/tests/ui/interview.csv" >/dev/null ||
	{ echo "Bail out! cannot import the interview questions"; exit 1; }

# The escape sequences of the line showing TEXT in window $1.
line_with() {
	tm capture-pane -e -p -t "$1" | grep -F -- "$2"
}
warn_in_red() {
	line_with "$1" "Under 30 seconds left" | grep -q '31m'
}
warn_reversed() {
	line_with "$1" "Under 30 seconds left" | grep -q '7m'
}

big_digits() {
	screen "$1" | grep -q "\(██\)\{3\}"
}
shows_note() {
	screen "$1" | grep -q "Note: Lead with the result"
}

start iv interview --questions 2 --answer-time 33s
check_that "the question is shown alone with the time left" wait_for iv "Time left: 0:3"
check_that "in large digits" big_digits iv
check_that "with the STAR reminder" wait_for iv "STAR: Situation, Task, Action, Result"
tm send-keys -t iv t
check_that "which t hides" wait_gone iv "STAR: Situation"
check_that "under 30 seconds the countdown warns, in colour" poll warn_in_red iv
tm send-keys -t iv Space
check_that "Space shows the outline, the tips and the areas" wait_for iv "Areas tested:"
tm send-keys -t iv n
tm send-keys -t iv -l "Lead with the result"
tm send-keys -t iv Enter
check_that "n takes a note" wait_for iv "Note: Lead with the result"
tm send-keys -t iv 2
check_that "a rating moves to the next question" wait_for iv "question 2 of 2"
tm send-keys -t iv Space
wait_for iv "Areas tested:" >/dev/null
tm send-keys -t iv 4
check_that "after the last rating, the report" wait_for iv "Areas, weakest first"
check_that "with each answer, its rating and its note" shows_note iv
tm send-keys -t iv Enter
wait_for iv "Enter study" >/dev/null
tm send-keys -t iv q
check_that "the interview ends cleanly" poll ended_cleanly iv 0
check_that "interview --history lists it" \
	sh -c "'$bin' --db '$db' interview --history | grep -q '2 of 2 '"

# Without colours the warning is in reverse video.
tm set-environment -g NO_COLOR 1
start nc interview --answer-time 31s
check_that "with NO_COLOR the warning is in reverse video" poll warn_reversed nc
tm send-keys -t nc q
check_that "q before any rating goes back to the deck list" wait_for nc "nothing was rated"
tm send-keys -t nc q
check_that "and q quits cleanly" poll ended_cleanly nc 0
tm set-environment -gu NO_COLOR

# ---- custom study from the deck list, on a collection of its own ----
db=$tmp/custom.db
"$bin" --db "$db" import "$src/tests/ui/cards.csv" >/dev/null ||
	{ echo "Bail out! cannot import the test cards"; exit 1; }
# Systems' cards: "id state due-day" a line.
states() {
	"$bin" --db "$db" list --deck Systems | cut -f1,3,4 | sort
}
# The answers to Systems' cards: "id rating state" a line.
systems_log() {
	"$bin" --db "$db" export-reviews | grep '^s[0-9],' | awk -F, '{ print $1, $3, $4 }'
}
# answer KEY GRADE: the card in window cs revealed, and answered with KEY
# once GRADE is offered.
answer() {
	tm send-keys -t cs Space
	wait_for cs "$2" >/dev/null
	tm send-keys -t cs "$1"
}
# answer_systems KEY GRADE: so for Systems' three cards.
answer_systems() {
	for q in "load balancer" "CAP in one sentence" "type a URL"; do
		wait_for cs "$q" >/dev/null
		answer "$1" "$2"
	done
}
# Every Systems card answered Easy: due in days, not today.
start cs "review Systems"
answer_systems 4 "4 Easy"
wait_for cs "Session complete." >/dev/null
tm send-keys -t cs Enter
wait_for cs "Enter study" >/dev/null
states >"$tmp/before-ahead"
tm send-keys -t cs j C
check_that "C opens custom study of the selected deck" wait_for cs "Custom study: Systems"
check_that "with the kinds of study" wait_for cs "Review ahead"
tm send-keys -t cs a BSpace x Enter
check_that "a number that is not one is refused" \
	wait_for cs "Give a whole number from 1 to 3650."
tm send-keys -t cs BSpace 3 Enter
check_that "review ahead 3 days: nothing is due, and it says so" \
	wait_for cs "No review due in the next 3 days."
tm send-keys -t cs BSpace 3 0 Enter
check_that "review ahead 30 days: Systems' three cards" \
	wait_for cs "Systems (ahead 30 days)"
check_that "counted as reviews" wait_for cs "Due 3"
answer_systems 3 "3 Good"
check_that "the ahead session ends" wait_for cs "Cards reviewed  3"
states >"$tmp/after-ahead"
check_that "each ahead answer is recorded as a review (state Review)" \
	test "$(systems_log | grep -c ' 3 2$')" = 3
# Before: each a Review card due on a later day; after: due anew.
ahead_moved() {
	awk -F '\t' 'NR == FNR {
		if ($2 != "review" || $3 <= "2026-11-23") bad = 1
		due[$1] = $3; next
	    }
	    $2 != "review" || $3 == due[$1] { bad = 1 }
	    END { exit bad }' "$tmp/before-ahead" "$tmp/after-ahead"
}
check_that "early reviews: cards due later, answered today, scheduled anew" ahead_moved
tm send-keys -t cs Enter
wait_for cs "Enter study" >/dev/null
tm send-keys -t cs C t
check_that "t lists the deck's tags" wait_for cs "systems"
"$bin" --db "$db" export --state >"$tmp/before-cram"
tm send-keys -t cs Enter
check_that "today's cards tagged deep: none left, and it says so" \
	wait_for cs "Nothing due today tagged deep; c crams them."
tm send-keys -t cs c
check_that "c crams the tag's cards" \
	wait_for cs "Systems (tag deep, cram: nothing recorded)"
check_that "the tagged card is shown" wait_for cs "type a URL"
answer 1 "1 Again"
wait_for cs "Session complete." >/dev/null
check_that "cram answers leave the schedule unchanged" \
	sh -c "'$bin' --db '$db' export --state | cmp -s - '$tmp/before-cram'"
check_that "and record no answer" test "$(systems_log | wc -l)" = 6
tm send-keys -t cs Enter
wait_for cs "Enter study" >/dev/null
tm send-keys -t cs k C t /
tm send-keys -t cs -l "nope"
tm send-keys -t cs Enter
check_that "a typed tag no card has is refused" \
	wait_for cs "No card of this deck is tagged nope."
tm send-keys -t cs BSpace BSpace BSpace BSpace
tm send-keys -t cs -l "motivation"
tm send-keys -t cs Enter
check_that "a typed tag: today's cards with it" \
	wait_for cs "Behavioural (tag motivation)"
check_that "only that tag's card" wait_for cs "Why do you want this role?"
answer 3 "3 Good"
check_that "the tag session ends after its one card" wait_for cs "Cards reviewed  1"
check_that "its answer is recorded" \
	sh -c "'$bin' --db '$db' export-reviews | grep -q '^b2,.*,3,0,'"
tm send-keys -t cs Enter
wait_for cs "Enter study" >/dev/null
tm resize-window -t cs -x 40 -y 10 2>/dev/null
tm send-keys -t cs C
check_that "at 40x10 the custom study menu fits" wait_for cs "Cram (preview)"
tm send-keys -t cs Escape
check_that "Esc goes back to the deck list" wait_for cs "Enter study"
tm send-keys -t cs q
check_that "and q quits cleanly" poll ended_cleanly cs 0

[ $n -eq 103 ] || echo "# planned 103 tests, ran $n"
exit 0
