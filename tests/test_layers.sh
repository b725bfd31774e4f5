#!/bin/sh
# test_layers.sh - the tree is the architecture: checks, in TAP, that each
# layer of src/ includes only what it may.
#
#   src/core/  no curses, no printing to the terminal, no exit(): only
#              util.c's die() (the out-of-memory path) writes to stderr;
#              only store.c and its siblings (store_*.c, store_private.h)
#              include sqlite3.h, and anki_sqlite.c, which reads Anki's
#              collections (another schema, from memory); only deckio*.c
#              csv.h; only apkg*.c the zip, JSON and zstd libraries;
#              nothing from cmd/ or tui/.
#   src/cmd/   the command line: no curses, nothing from tui/ but the
#              curses-free key table (actions.h, for --dump-actions).
#   src/tui/   the screens: nothing from cmd/; no file-scope mutable state
#              outside term.c (a screen's state is its ops' state_size).
#
# make check exports top_srcdir; run by hand it defaults to the script's tree.

: "${top_srcdir:=$(dirname "$0")/..}"
src=$top_srcdir/src
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_layers.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
. "$top_srcdir/tests/tap.sh"

# none DESCRIPTION OFFENDERS: ok when there are no offenders.
none() {
	[ -z "$2" ] || why "$2"
	check "$1"
}

# Lines of FILES matching the extended regular expression RE, comments
# aside (lines that start a comment or continue one).
offenders() { # RE FILE...
	re=$1
	shift
	grep -nE "$re" "$@" 2>/dev/null | grep -vE '^[^:]*:[0-9]+:[[:space:]]*(/?\*|//)'
}

core=$(ls "$src"/core/*.c "$src"/core/*.h)
cmd=$(ls "$src"/cmd/*.c "$src"/cmd/*.h)
tui=$(ls "$src"/tui/*.c "$src"/tui/*.h)

# shellcheck disable=SC2086
none "core includes no curses" "$(offenders '#include[[:space:]]*<n?curses' $core)"
# shellcheck disable=SC2086
none "core includes nothing from cmd/ or tui/" "$(offenders '#include[[:space:]]*"(cmd|tui)/' $core)"
# shellcheck disable=SC2086
none "core does not print to the terminal" "$(offenders '(^|[^a-z_])(printf|puts|putchar|perror|vprintf)[[:space:]]*\(|stdout|fprintf\(stderr|fputs\([^;]*stderr|fputc\([^;]*stderr|vfprintf\(stderr' $core |
	grep -v '/util\.c:')"
# shellcheck disable=SC2086
none "core does not exit (but die's out-of-memory path and a failed exec)" "$(offenders '(^|[^_a-z])exit[[:space:]]*\(' $core |
	grep -v '/util\.c:')"
# shellcheck disable=SC2086
none "only core/store*.c and core/anki_sqlite.c include sqlite3.h" "$(offenders '#include[[:space:]]*<sqlite3\.h>' $core $cmd $tui |
	grep -vE '/core/(store(_[a-z]+)?|anki_sqlite)\.[ch]:')"
# shellcheck disable=SC2086
none "only the store's files include its private core/store_private.h" "$(offenders '#include[[:space:]]*"core/store_private\.h"' $core $cmd $tui |
	grep -vE '/core/store(_[a-z]+)?\.c:')"
# shellcheck disable=SC2086
none "only core/deckio*.c include csv.h" "$(offenders '#include[[:space:]]*<csv\.h>' $core $cmd $tui |
	grep -vE '/core/deckio(_[a-z]+)?\.[ch]:')"
# shellcheck disable=SC2086
none "only core/apkg*.c include zip.h, jansson.h and zstd.h" "$(offenders '#include[[:space:]]*<(zip|jansson|zstd)\.h>' $core $cmd $tui |
	grep -vE '/core/apkg(_[a-z]+)?\.c:')"
# shellcheck disable=SC2086
none "cmd includes no curses" "$(offenders '#include[[:space:]]*<n?curses' $cmd)"
# shellcheck disable=SC2086
none "cmd includes from tui/ only the key table" "$(offenders '#include[[:space:]]*"tui/' $cmd |
	grep -v '"tui/actions\.h"')"
# shellcheck disable=SC2086
none "tui includes nothing from cmd/" "$(offenders '#include[[:space:]]*"cmd/' $tui)"
# The screens keep their state in what the loop hands them (state_size);
# the terminal's own state (term.c: signals, curses) is the one exception.
screens=$(ls "$src"/tui/*.c | grep -v '/term\.c$')
# shellcheck disable=SC2086
none "screens have no file-scope mutable state" "$(offenders '^static [^(]*(=|;)' $screens |
	grep -v 'const')"
# shellcheck disable=SC2086
none "main.c is the only file at the top of src/" "$(ls "$src"/*.c "$src"/*.h 2>/dev/null | grep -v '/main\.c$')"
echo "1..$n"
