#!/bin/sh
# test_optimize_cli.sh - rehearse optimize and rehearse evaluate end to end.
#
# Prints TAP.  A learner's year of answers to 300 cards in two decks
# (recall drawn from a forgetting curve, reviews at growing intervals) is
# imported with import-reviews; optimize and evaluate then run on it, and
# on an empty collection.
#
# make check exports top_srcdir and top_builddir; run by hand from the top
# of a build tree, they default to the script's tree and ".".

: "${top_srcdir:=$(dirname "$0")/..}"
: "${top_builddir:=.}"

rehearse=$top_builddir/src/rehearse

tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_optimize.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
HOME=$tmp/home XDG_DATA_HOME=$tmp/xdg
export HOME XDG_DATA_HOME
unset REHEARSE_DB REHEARSE_SCRIPT
TZ=UTC
REHEARSE_NOW=2026-01-01T12:00:00Z
export TZ REHEARSE_NOW
db=$tmp/c.db
empty=$tmp/empty.db

if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 is needed (./bootstrap installs it)"
	exit 0
fi

echo "1..6"
. "$top_srcdir/tests/tap.sh"
find_python
# run DB ARGS...: rehearse on DB; stdout, stderr and status kept.
run() {
	_db=$1
	shift
	"$rehearse" --db "$_db" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
# field FILE EXPR: a member of the JSON object in FILE (python syntax).
field() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

python3 - "$tmp" <<'PY'
import csv, math, random, sys
tmp = sys.argv[1]
rnd = random.Random(18)
start = 1735732800000  # 2025-01-01 12:00 UTC
day = 86400000
with open(f"{tmp}/cards.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "deck", "question", "answer"])
    for i in range(300):
        w.writerow([f"c{i}", ["Alpha", "Beta"][i % 2], f"Q{i}", f"A{i}"])
rows = []
for i in range(300):
    t = start + rnd.randint(0, 60) * day + rnd.randint(0, 3600000)
    s, interval = 1.5 + rnd.random() * 2, 1
    rows.append((f"c{i}", t, 3))
    rows.append((f"c{i}", t + 600000, 3))
    while True:
        t += interval * day + rnd.randint(0, 7200000)
        if t > start + 360 * day:
            break
        recall = (1 + interval / (9 * s)) ** -1
        if rnd.random() < recall:
            rows.append((f"c{i}", t, rnd.choice([2, 3, 3, 3, 4])))
            s *= 2.2
            interval = max(1, round(s))
        else:
            rows.append((f"c{i}", t, 1))
            rows.append((f"c{i}", t + 600000, 3))
            s = max(0.5, s / 3)
            interval = 1
with open(f"{tmp}/reviews.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["card_id", "review_time", "review_rating"])
    for r in sorted(rows, key=lambda r: r[1]):
        w.writerow(r)
PY
"$rehearse" --db "$db" import "$tmp/cards.csv" >/dev/null &&
	"$rehearse" --db "$db" import-reviews "$tmp/reviews.csv" >/dev/null ||
	why "the history could not be imported"
run "$db" config weights
defaults=$(cat "$tmp/out")

# ---- too few ----
run "$empty" optimize
[ "$rc" -eq 0 ] || why "optimize on an empty collection: status $rc"
grep -q "Too few to fit" "$tmp/out" || why "no reason given: $(cat "$tmp/out")"
run "$empty" optimize --json
[ "$(field "$tmp/out" 'd["after"], d["saved"], d["items"]')" = "(None, False, 0)" ] ||
	why "optimize --json with nothing to fit: $(cat "$tmp/out")"
run "$empty" config weights
[ "$(cat "$tmp/out")" = "$defaults" ] || why "the weights changed"
check "optimize with too few reviews says so and leaves the weights alone"

# ---- a dry run ----
run "$db" optimize --dry-run --json
cp "$tmp/out" "$tmp/dry1.json"
[ "$(field "$tmp/dry1.json" 'd["saved"], d["items"] > 1000, len(d["weights"])')" = "(False, True, 21)" ] ||
	why "optimize --dry-run --json: $(cat "$tmp/dry1.json")"
[ "$(field "$tmp/dry1.json" 'd["after"]["log_loss"] < d["before"]["log_loss"]')" = True ] ||
	why "the fit is no better than the defaults: $(cat "$tmp/dry1.json")"
run "$db" config weights
[ "$(cat "$tmp/out")" = "$defaults" ] || why "--dry-run changed the weights"
run "$db" optimize --dry-run --json
[ "$(field "$tmp/out" 'd["weights"]')" = "$(field "$tmp/dry1.json" 'd["weights"]')" ] ||
	why "two fits of the same reviews differ"
check "optimize --dry-run fits, saves nothing, and fits the same twice"

# ---- saved ----
run "$db" optimize --json
cp "$tmp/out" "$tmp/fit.json"
[ "$(field "$tmp/fit.json" 'd["saved"]')" = True ] || why "not saved: $(cat "$tmp/fit.json")"
run "$db" config weights
[ "$(cat "$tmp/out")" = "$(field "$tmp/fit.json" '", ".join(repr(w) for w in d["weights"])')" ] ||
	why "config weights is $(cat "$tmp/out"), the fit $(field "$tmp/fit.json" 'd["weights"]')"
run "$db" evaluate --json
[ "$(field "$tmp/out" 'd["log_loss"]')" = "$(field "$tmp/fit.json" 'd["after"]["log_loss"]')" ] ||
	why "evaluate after optimize: $(cat "$tmp/out") against $(cat "$tmp/fit.json")"
run "$db" optimize --json
[ "$(field "$tmp/out" 'd["saved"]')" = False ] ||
	why "a second fit replaced weights that fit as well: $(cat "$tmp/out")"
check "optimize saves better weights, which config and evaluate then use"

# ---- evaluate ----
run "$db" evaluate --weights default --json
[ "$(field "$tmp/out" 'd["log_loss"], d["rmse_bins"]')" = \
	"$(field "$tmp/dry1.json" 'd["before"]["log_loss"], d["before"]["rmse_bins"]')" ] ||
	why "evaluate --weights default: $(cat "$tmp/out") against $(cat "$tmp/dry1.json")"
run "$db" evaluate
grep -q "log loss" "$tmp/out" || why "evaluate: $(cat "$tmp/out")"
check "evaluate scores the given weights as optimize scores the current ones"

run "$db" evaluate --weights "1,2,3"
[ "$rc" -eq 1 ] || why "evaluate --weights 1,2,3: status $rc"
grep -q "3 numbers given; give 21" "$tmp/err" || why "message: $(cat "$tmp/err")"
run "$db" evaluate --weights "9,1,1,1,5,1,1,0.9,1,0.1,1,1,0.1,0.1,1,0.1,2,0.1,0.1,0.1,0.2"
grep -q "w7 = 0.9 is out of range; allowed 0.001 to 0.75" "$tmp/err" ||
	why "message: $(cat "$tmp/err")"
run "$empty" evaluate
[ "$rc" -eq 1 ] || why "evaluate with no reviews: status $rc"
grep -q "nothing to evaluate" "$tmp/err" || why "message: $(cat "$tmp/err")"
check "evaluate refuses bad weights and an empty history with a reason"

run "$db" optimize --deck Alpha --dry-run --json
all=$(field "$tmp/dry1.json" 'd["reviews"]')
alpha=$(field "$tmp/out" 'd["reviews"]')
[ "$alpha" -gt 0 ] && [ "$alpha" -lt "$all" ] ||
	why "optimize --deck Alpha: $alpha reviews of $all: $(cat "$tmp/out")"
run "$db" optimize --deck Nowhere
[ "$rc" -ne 0 ] || why "optimize --deck Nowhere: status 0"
check "optimize --deck fits one deck's reviews"
