#!/bin/sh
# test_docs.sh - keeps the manual and the README honest.
#
# Checks, in TAP, that man/rehearse.1 passes mandoc's lint and fits 80
# columns; that its KEYS section lists exactly the keys of the program's
# table (rehearse --dump-actions), screen by screen; that COMMANDS lists
# exactly the program's commands (rehearse --dump-commands), each with a
# working --help, and every option of each with its argument; that the settings and their defaults are those of
# rehearse config; and that the README's quick start is the two commands.
#
# make check exports top_srcdir and top_builddir; run by hand from the
# top of a build tree, they default to the script's tree and ".".

: "${top_srcdir:=$(dirname "$0")/..}"
: "${top_builddir:=.}"

page=$top_srcdir/man/rehearse.1
readme=$top_srcdir/README
rehearse=$top_builddir/src/rehearse

tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_docs.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
# Never the user's collection.
HOME=$tmp/home XDG_DATA_HOME=$tmp/data REHEARSE_DB=$tmp/collection.db
export HOME XDG_DATA_HOME REHEARSE_DB
unset REHEARSE_NOW REHEARSE_SCRIPT

. "$top_srcdir/tests/tap.sh"

for f in "$page" "$readme" "$rehearse"; do
	if [ ! -r "$f" ]; then
		echo "1..0 # SKIP $f is missing"
		exit 0
	fi
done

# ---- the page itself ----

if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint "$page" >"$tmp/why" 2>&1
	check "mandoc -Tlint reports nothing"
	mandoc -Tascii -Owidth=80 "$page" 2>/dev/null |
	    awk -v bs="$(printf '\b')" '
		{ gsub("." bs, "") }
		length > 80 { print "line " NR " is " length " columns: " $0 }
	    ' >"$tmp/why"
	check "the page renders within 80 columns"
else
	skip "" "mandoc missing"
	skip "" "mandoc missing"
fi

# The mdoc source of one section, "Sh NAME" to the next .Sh.
section() {
	awk -v want="$1" '
		/^\.Sh / { on = (substr($0, 5) == want); next }
		on
	' "$page"
}

# ---- keys ----

# Each subsection of KEYS lists the actions of one screen, one .It line an
# action with the action's keys, such as ".It Cm q , Cm Esc , Cm \&?".
# "Reviewing" covers the question and the answer screens together, as the
# help screen does.  Keys are compared as sets of key lists, each list
# sorted: "subsection<TAB>key key ...".
section KEYS | awk '
	/^\.Ss / { ss = tolower(substr($0, 5)); next }
	/^\.It / && ss != "" {
		line = ""
		for (i = 2; i <= NF; i++) {
			w = $i
			if (w ~ /^(Cm|Ic|Li|Sy|Ar|No|Ns|Em)$/ || w == ",")
				continue
			gsub(/\\&/, "", w)
			gsub(/\\-/, "-", w)
			gsub(/\\e/, "\\", w)
			line = line " " w
		}
		print ss "\t" substr(line, 2)
	}
' >"$tmp/page_raw"

# The program's table: "screen<TAB>keys<TAB>help" a line.
if "$rehearse" --dump-actions >"$tmp/actions" 2>"$tmp/why" &&
    [ -s "$tmp/actions" ]; then
	ok "rehearse --dump-actions prints the key table"
else
	not_ok "rehearse --dump-actions prints the key table"
fi
awk -F '\t' '{
	ss = tolower($1)
	if (ss == "question" || ss == "answer")
		ss = "reviewing"
	print ss "\t" $2 "\t" $3
}' "$tmp/actions" >"$tmp/prog_raw"

# Sorts the keys within each list: "a\tq Esc" -> "a\tEsc q".
sort_keys() {
	awk -F '\t' '{
		n = split($2, k, " ")
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && k[j - 1] > k[j]; j--) {
				t = k[j]; k[j] = k[j - 1]; k[j - 1] = t
			}
		out = k[1]
		for (i = 2; i <= n; i++)
			out = out " " k[i]
		print $1 "\t" out
	}' "$@"
}
sort_keys "$tmp/page_raw" | sort >"$tmp/page_keys"
sort_keys "$tmp/prog_raw" | sort -u >"$tmp/prog_keys"

cut -f1 "$tmp/page_keys" | sort -u >"$tmp/page_screens"
cut -f1 "$tmp/prog_keys" | sort -u >"$tmp/prog_screens"
comm -23 "$tmp/prog_screens" "$tmp/page_screens" |
    sed 's/^/no subsection of KEYS for the screen: /' >"$tmp/why"
comm -13 "$tmp/prog_screens" "$tmp/page_screens" |
    sed 's/^/a subsection of KEYS for no screen: /' >>"$tmp/why"
check "KEYS has a subsection for each screen, and only those"

while IFS= read -r ss; do
	grep "^$ss	" "$tmp/prog_keys" | cut -f2 >"$tmp/want"
	grep "^$ss	" "$tmp/page_keys" | cut -f2 >"$tmp/have"
	comm -23 "$tmp/want" "$tmp/have" | sed 's/^/missing from the page: /' >"$tmp/why"
	comm -13 "$tmp/want" "$tmp/have" | sed 's/^/on the page but not in the table: /' >>"$tmp/why"
	check "KEYS \"$ss\" lists exactly the keys of the table"
done <"$tmp/prog_screens"

# ---- commands ----

# The top-level items of COMMANDS: ".It Cm name ..." or ".It Xo" then
# ".Cm name"; ".It Nm" (no command) is not one.
section COMMANDS | awk '
	/^\.Bl / { depth++; next }
	/^\.El/ { depth--; next }
	xo { if ($1 == ".Cm") print $2; xo = 0; next }
	depth == 1 && /^\.It Cm / { print $3; next }
	depth == 1 && /^\.It Xo/ { xo = 1 }
' | sort -u >"$tmp/page_cmds"

if "$rehearse" --dump-commands 2>"$tmp/why" | sort -u >"$tmp/prog_cmds" &&
    [ -s "$tmp/prog_cmds" ]; then
	ok "rehearse --dump-commands lists the commands"
else
	not_ok "rehearse --dump-commands lists the commands"
fi
comm -23 "$tmp/prog_cmds" "$tmp/page_cmds" | sed "s/^/not in COMMANDS: /" >"$tmp/why"
comm -13 "$tmp/prog_cmds" "$tmp/page_cmds" | sed "s/^/in COMMANDS but not a command: /" >>"$tmp/why"
check "COMMANDS documents exactly the program's commands"

while IFS= read -r cmd; do
	if "$rehearse" "$cmd" --help >"$tmp/out" 2>"$tmp/err"; then
		grep -q "^Usage: rehearse .*$cmd" "$tmp/out" ||
		    echo "no usage line: $(head -n 1 "$tmp/out")" >>"$tmp/why"
		grep -q 'rehearse(1)' "$tmp/out" ||
		    echo "does not point to rehearse(1)" >>"$tmp/why"
	else
		echo "exit status $?: $(cat "$tmp/err")" >>"$tmp/why"
	fi
	check "rehearse $cmd --help"
done <"$tmp/prog_cmds"

# ---- options ----

# Every option of every command is in the page with its argument, as
# "Fl -long Ar arg" (or "Fl -long Cm value" for each value of "a|b", and
# "Fl s Ar arg" for a short name): within the command's item of COMMANDS
# or, for the options before a command, in DESCRIPTION.  The program's
# list: rehearse --dump-options, "command<TAB>-s<TAB>--long<TAB>ARG" a
# line, "-" for what is missing and "rehearse" for the options before a
# command.
mkdir "$tmp/items" || exit 99
section COMMANDS | awk -v dir="$tmp/items" '
	/^\.Bl / { depth++ }
	/^\.El/ { depth-- }
	xo { if ($1 == ".Cm") cmd = $2; xo = 0 }
	depth == 1 && /^\.It Cm / { cmd = $3 }
	depth == 1 && /^\.It Xo/ { xo = 1 }
	depth == 1 && /^\.It Nm/ { cmd = "" }
	cmd != "" { print > (dir "/" cmd) }
'
section DESCRIPTION >"$tmp/items/rehearse"

if "$rehearse" --dump-options >"$tmp/options" 2>"$tmp/why" &&
    grep -q '^rehearse	' "$tmp/options" && grep -q -v '^rehearse	' "$tmp/options"; then
	ok "rehearse --dump-options lists the options"
else
	not_ok "rehearse --dump-options lists the options"
fi

# has_mdoc FILE TEXT: TEXT in FILE, followed by a space or the end of a line.
has_mdoc() {
	re=$(printf '%s' "$2" | sed 's/[].[\*^$|+?(){}]/\\&/g')
	grep -Eq "$re( |\$)" "$1"
}
tab=$(printf '\t')
while IFS=$tab read -r cmd short long arg; do
	item=$tmp/items/$cmd
	if [ ! -r "$item" ]; then
		echo "$cmd: not an item of COMMANDS" >>"$tmp/why"
		continue
	fi
	for name in "$long" "$short"; do
		[ "$name" = - ] && continue
		flag="Fl ${name#-}"
		case $arg in
		-) needles=$flag ;;
		*"|"*) needles=$(printf '%s\n' "$arg" | tr '|' '\n' | sed "s/^/$flag Cm /") ;;
		*) needles="$flag Ar $(printf '%s' "$arg" | tr '[:upper:]' '[:lower:]')" ;;
		esac
		printf '%s\n' "$needles" >"$tmp/needles"
		while IFS= read -r needle; do
			has_mdoc "$item" "$needle" ||
			    echo "$cmd: no \"$needle\" in its part of the page" >>"$tmp/why"
		done <"$tmp/needles"
	done
done <"$tmp/options"
check "every option of every command is in the page with its argument"

# The columns export --state adds, one list: the page's list under
# "Fl -state" of export, and the help's, both as the header the program
# writes them in.
"$rehearse" export --state 2>>"$tmp/why" | head -1 | tr ',' '\n' |
    sed '1,6d' >"$tmp/state_prog"
awk '
	/^\.It Fl -state$/ { on = 1; next }
	on && /^\.Bl / { depth++ }
	on && /^\.El/ { if (--depth == 0) exit }
	on && depth == 1 && /^\.It Li / { print $3 }
' "$tmp/items/export" >"$tmp/state_page"
"$rehearse" export --help 2>>"$tmp/why" |
    sed -n '/--state adds:/,/^$/p' | sed 1d | tr ' ' '\n' | grep . >"$tmp/state_help"
[ -s "$tmp/state_prog" ] || echo "export --state wrote no schedule column" >>"$tmp/why"
for f in page help; do
	cmp -s "$tmp/state_prog" "$tmp/state_$f" || {
		echo "the $f's --state columns differ from the header export writes:"
		diff "$tmp/state_prog" "$tmp/state_$f"
	} >>"$tmp/why"
done
check "the columns of export --state, in the page and in --help, are those it writes"

"$rehearse" --help >"$tmp/out" 2>&1 || echo "exit status $?" >"$tmp/why"
lines=$(wc -l <"$tmp/out")
[ "$lines" -le 40 ] || echo "$lines lines; keep it under 40" >>"$tmp/why"
grep -q 'rehearse(1)' "$tmp/out" || echo "does not point to rehearse(1)" >>"$tmp/why"
check "rehearse --help is short and points to the manual"

"$rehearse" --no-such-option >/dev/null 2>&1
st=$?
[ "$st" -eq 2 ] || echo "exit status $st, not 2" >"$tmp/why"
check "an unknown option is a usage error (exit status 2)"

# ---- settings ----

# The page's settings: "name<TAB>default" from the list in SCHEDULING whose
# items are ".It Li name", the default being what follows "Default".
section SCHEDULING | awk '
	function flush() {
		if (name != "") {
			d = text
			if (sub(/.*Default /, "", d)) sub(/[.] *$/, "", d)
			else d = "(none documented)"
			print name "\t" d
		}
		name = ""; text = ""
	}
	/^\.Bl / { depth++; inlist = 0; next }
	/^\.El/ { if (inlist) flush(); depth--; inlist = 0; next }
	depth == 1 && /^\.It Li / { flush(); name = $3; inlist = 1; next }
	inlist {
		line = $0
		if (line ~ /^\./) {
			sub(/^\.[A-Z][a-z] */, "", line)
			gsub(/ [.]$/, ".", line)
		}
		gsub(/"/, "", line)
		text = text " " line
	}
' | sort >"$tmp/page_settings"

if "$rehearse" config >"$tmp/out" 2>"$tmp/why"; then
	: >"$tmp/prog_settings"
	for key in $(awk '{ print $1 }' "$tmp/out"); do
		printf '%s\t%s\n' "$key" "$("$rehearse" config "$key")" >>"$tmp/prog_settings"
	done
	sort -o "$tmp/prog_settings" "$tmp/prog_settings"
	[ -s "$tmp/prog_settings" ] || echo "rehearse config lists no setting" >>"$tmp/why"
	[ -s "$tmp/page_settings" ] || echo "the page lists no setting" >>"$tmp/why"
	comm -23 "$tmp/prog_settings" "$tmp/page_settings" |
	    sed 's/^/the program has: /; s/\t/ default /' >>"$tmp/why"
	comm -13 "$tmp/prog_settings" "$tmp/page_settings" |
	    sed 's/^/the page says: /; s/\t/ default /' >>"$tmp/why"
else
	echo "rehearse config failed (status $?)" >>"$tmp/why"
fi
check "SCHEDULING lists the settings of rehearse config with their defaults"

# ---- environment ----

# Every variable the program reads is in ENVIRONMENT, but for HOME and TERM,
# which every program reads, and REHEARSE_SCRIPT, the screen tests' hook.
section ENVIRONMENT >"$tmp/env_section"
for v in $(cat "$top_srcdir"/src/*.c "$top_srcdir"/src/*/*.c | grep -o 'getenv("[A-Za-z_]*")' |
    sed 's/getenv("\(.*\)")/\1/' | sort -u); do
	case $v in HOME | TERM | REHEARSE_SCRIPT) continue ;; esac
	grep -Eq "Ev $v( |\$)" "$tmp/env_section" ||
	    echo "the program reads $v" >>"$tmp/why"
done
check "ENVIRONMENT names every variable the program reads"

# ---- README ----

# The indented lines of the "Quick start" section, up to the next heading
# (a line underlined with - or =).
awk '
	prev != "" && /^(-+|=+)$/ { on = (prev ~ /^Quick start/); prev = ""; next }
	on && /^[ \t]+[^ \t]/ { sub(/^[ \t]+(\$ )?/, ""); print }
	{ prev = $0 }
' "$readme" >"$tmp/quick"
printf '%s\n' './bootstrap && ./src/rehearse' './bootstrap && make check' >"$tmp/want"
if ! cmp -s "$tmp/want" "$tmp/quick"; then
	echo "the quick start should be exactly:" >"$tmp/why"
	sed 's/^/    /' "$tmp/want" >>"$tmp/why"
	echo "it is:" >>"$tmp/why"
	sed 's/^/    /' "$tmp/quick" >>"$tmp/why"
fi
check "README's quick start is the two commands"

echo "1..$n"
