#!/bin/sh
# An $EDITOR for the scripted tests: FAKE_EDIT names what it does to the
# card file given as $1.
f=$1
case $FAKE_EDIT in
question)
	# a new question, and a tag
	sed -i -e '/^=== question ===$/{n;s/.*/What did you learn from a project that failed?/;}' \
	    -e '$s/$/ edited/' "$f" ;;
empty-question)
	sed -i -e '/^=== question ===$/{n;s/.*//;}' "$f" ;;
interactive)
	# like a real editor: takes the terminal, waits for the user
	printf 'fake editor on %s: press Enter\n' "$(basename "$f")"
	read -r line
	sed -i -e '/^=== question ===$/{n;s/.*/Edited in a real terminal?/;}' "$f" ;;
note)
	# a note of two lines, which comes back as one
	printf 'Open with the result;\n  then the steps\n' >"$f" ;;
new)
	# a new card in the deck given
	sed -i -e '/^=== question ===$/a What is the capital of Peru?' \
	    -e '/^=== answer ===$/a Lima' "$f" ;;
new-deck)
	# a new card, and another deck written on the deck line
	sed -i -e '/^=== question ===$/a What is the capital of Peru?' \
	    -e '/^=== answer ===$/a Lima' -e 's/^deck: .*/deck: Capitals/' "$f" ;;
bad-deck)
	# a new card whose deck line is left blank
	sed -i -e '/^=== question ===$/a What is the capital of Peru?' \
	    -e '/^=== answer ===$/a Lima' -e 's/^deck: .*/deck:   /' "$f" ;;
none)
	: ;;
fail)
	exit 3 ;;
esac
