# bench/lib.sh - helpers shared by bench/import and bench/queue (sourced,
# not run).
#
# Timing uses hyperfine when it is installed and a loop over `date +%s.%N`
# otherwise; peak RSS comes from GNU time (/usr/bin/time) when present.

REHEARSE=${REHEARSE:-./src/rehearse}
OUT=bench/out
RUNS=${RUNS:-3}

# The scripts' data is deterministic, and so is the day: UTC, and a fixed
# "now" for every command of one run.
export TZ=UTC
LC_ALL=C
export LC_ALL

bench_init() {
	if [ ! -f src/core/store.c ] || [ ! -d bench ]; then
		echo "run me from the repository root, as bench/${0##*/}" >&2
		exit 2
	fi
	if [ ! -x "$REHEARSE" ]; then
		echo "no rehearse binary at $REHEARSE (build it, or set REHEARSE)" >&2
		exit 2
	fi
	command -v sqlite3 >/dev/null || { echo "sqlite3 is needed" >&2; exit 2; }
	mkdir -p "$OUT"
	NOW_MS=$(($(date +%s) * 1000))
	# rehearse reads a number here as seconds, not milliseconds.
	REHEARSE_NOW=$((NOW_MS / 1000))
	export REHEARSE_NOW
	DAY_MS=86400000
	# Today's boundaries for rehearse's default day start at 04:00.
	DAY_START=$(( (NOW_MS - 4 * 3600000) / DAY_MS * DAY_MS + 4 * 3600000 ))
	DAY_END=$((DAY_START + DAY_MS))
	HAVE_HYPERFINE=no
	TIMER="date loop"
	if [ -z "${NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then
		HAVE_HYPERFINE=yes
		TIMER=hyperfine
	fi
	GNU_TIME=
	if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
		GNU_TIME=/usr/bin/time
	fi
}

now_s() { date +%s.%N; }

# rmdb FILE...: removes each database and its -wal, -shm and -journal.
# Exported, so that the PREPARE strings below (run by bash) can use it.
rmdb() {
	local f
	for f; do rm -f "$f" "$f-wal" "$f-shm" "$f-journal"; done
}
export -f rmdb

# prepare NAME PREPARE: runs PREPARE, untimed; stops the script if it fails.
prepare() {
	bash -c "$2" >/dev/null 2>"$OUT/$1.err" || {
		echo "failed to prepare: $2" >&2
		cat "$OUT/$1.err" >&2
		rm -f "$OUT/$1.err"
		exit 1
	}
	rm -f "$OUT/$1.err"
}

# measure NAME PREPARE COMMAND: runs COMMAND (a shell string) $RUNS times,
# PREPARE (a shell string, untimed) before each run; both run in bash.
# Sets BEST and ALL (every run, seconds) and leaves NAME's figures in
# $OUT/NAME.times.
measure() {
	local name=$1 prep=$2 cmd=$3 t0 t1 i
	: >"$OUT/$name.times"
	if [ "$HAVE_HYPERFINE" = yes ]; then
		hyperfine --style none --shell bash --runs "$RUNS" \
			--prepare "$prep" --export-json "$OUT/$name.json" \
			"$cmd" >/dev/null 2>"$OUT/$name.err" || {
			echo "failed: $cmd (or its preparation: $prep)" >&2
			cat "$OUT/$name.err" >&2
			rm -f "$OUT/$name.err"
			exit 1
		}
		rm -f "$OUT/$name.err"
		# The per-run times sit in "times": [ ... ] in the JSON.
		tr -d ' \n' <"$OUT/$name.json" |
			sed 's/.*"times":\[\([^]]*\)\].*/\1/' | tr ',' '\n' \
			>"$OUT/$name.times"
		rm -f "$OUT/$name.json"
	else
		for ((i = 0; i < RUNS; i++)); do
			prepare "$name" "$prep"
			t0=$(now_s)
			bash -c "$cmd" >/dev/null 2>"$OUT/$name.err" || {
				echo "failed: $cmd" >&2
				cat "$OUT/$name.err" >&2
				rm -f "$OUT/$name.err"
				exit 1
			}
			t1=$(now_s)
			awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }' \
				>>"$OUT/$name.times"
		done
		rm -f "$OUT/$name.err"
	fi
	BEST=$(sort -g "$OUT/$name.times" | head -1)
	ALL=$(awk '{ printf("%s%.3f", (NR > 1 ? " " : ""), $1) }' "$OUT/$name.times")
}

# peak_rss PREPARE COMMAND: sets RSS to the peak resident set size of one
# run of COMMAND in MiB ("n/a" without GNU time).
peak_rss() {
	local prep=$1 cmd=$2
	RSS=n/a
	[ -n "$GNU_TIME" ] || return 0
	prepare rss "$prep"
	$GNU_TIME -f %M -o "$OUT/rss.txt" bash -c "exec $cmd" >/dev/null 2>&1 || {
		echo "failed: $cmd" >&2
		exit 1
	}
	RSS=$(awk '{ printf "%.1f", $1 / 1024 }' "$OUT/rss.txt")
	rm -f "$OUT/rss.txt"
}

# ms SECONDS: the figure in milliseconds, one decimal.
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
# ratio A B: A / B, two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# gen_cards N FILE [STATE]: writes N cards in rehearse's native format, with
# realistic lengths (question ~100 characters, answer ~600, tips ~300),
# fields that need quoting (commas, line breaks, quotes), a little
# non-ASCII text, six decks of unequal size and tags.
#
# With STATE "state", the scheduling columns are added and REVIEWS (a file
# name) receives a review log in the FSRS tools' format, in time order,
# with exactly NREVIEWS answers spread over the cards that are not new,
# each card's count matching its reps.  The mix: 20% new; 1.5% learning and
# 0.5% relearning, due within about a day of now; the rest review, a few
# thousand due today, a couple of thousand overdue over the past year and
# the others due over the coming year.  At most a few dozen answers fall on
# today, so the daily limits are not used up.
gen_cards() {
	local n=$1 file=$2 state=${3:-} reviews=${REVIEWS:-/dev/null}
	awk -v n="$n" -v state="$state" -v reviews="$reviews" \
		-v nreviews="${NREVIEWS:-0}" -v now="$NOW_MS" \
		-v day_start="$DAY_START" -v day_end="$DAY_END" '
	function word() { return w[int(rand() * nw)] }
	# Text of about len characters: sentences with commas, sometimes a
	# quoted term, a non-ASCII word or, when breaks is set, a paragraph
	# break.
	function text(len, breaks,    s, k, sentence, r) {
		s = ""
		while (length(s) < len) {
			sentence = word()
			sentence = toupper(substr(sentence, 1, 1)) substr(sentence, 2)
			for (k = 4 + int(rand() * 12); k > 0; k--) {
				r = rand()
				if (r < 0.08) sentence = sentence ","
				else if (r < 0.09) sentence = sentence " \"" word() "\""
				else if (r < 0.095) sentence = sentence " " u[int(rand() * nu)]
				sentence = sentence " " word()
			}
			s = s (s == "" ? "" : (breaks && rand() < 0.12 ? "\n\n" : " ")) \
			    sentence "."
		}
		return s
	}
	function csv(s) {
		if (s ~ /[",\n\r]/) {
			gsub(/"/, "\"\"", s)
			return "\"" s "\""
		}
		return s
	}
	function tagset(    k, t, s) {
		s = ""
		for (k = int(rand() * 4); k > 0; k--) {
			t = tg[int(rand() * ntg)]
			if (index(" " s " ", " " t " ") == 0) s = s (s == "" ? "" : " ") t
		}
		return s
	}
	function rnd(a, b) { return a + int(rand() * (b - a + 1)) }
	BEGIN {
		srand(20261123)
		nw = split("system network patient record access audit backup" \
		    " server policy incident response change request ticket" \
		    " database query index latency throughput interface vendor" \
		    " contract budget stakeholder meeting deadline priority risk" \
		    " control compliance privacy security identity token session" \
		    " cluster replica failover recovery outage escalation report" \
		    " metric dashboard alert threshold capacity storage volume" \
		    " migration upgrade release rollout pilot training workflow" \
		    " clinician nurse physician pharmacy laboratory radiology" \
		    " billing claim insurance schedule appointment referral" \
		    " interoperability message standard mapping terminology" \
		    " the a of to and in for with on by from that which when" \
		    " because although while after before during between", w, " ")
		for (i = 1; i <= nw; i++) w[i - 1] = w[i]
		nu = split("café naïve façade résumé Zürich São–Paulo über" \
		    " coöperate déjà-vu smörgåsbord", u, " ")
		for (i = 1; i <= nu; i++) u[i - 1] = u[i]
		ntg = split("hl7 fhir epic cerner security networking sql" \
		    " behavioural leadership incident hipaa cloud linux windows" \
		    " vendor project", tg, " ")
		for (i = 1; i <= ntg; i++) tg[i - 1] = tg[i]
		split("Clinical Systems|Infrastructure|Security and Privacy|" \
		    "Behavioural|Integration|Databases", dk, "|")
		# Decks of unequal size: cumulative shares.
		split("0.30 0.55 0.72 0.84 0.94 1.00", share, " ")

		head = "id,deck,question,answer,tips,tags"
		if (state != "") {
			head = head ",state,interval,due,stability,difficulty," \
			    "reps,lapses,last_review,learning_step"
			print "card_id,review_time,review_rating,review_state," \
			    "review_duration" > reviews
		}
		print head
		nonnew = n - int(n / 5)
		left = nreviews
		today_left = 40
		for (i = 1; i <= n; i++) {
			r = rand()
			for (d = 1; r > share[d]; d++)
				;
			q = text(rnd(60, 140), 0)
			sub(/\.$/, "?", q)
			line = sprintf("c%06d", i) "," csv(dk[d]) "," csv(q) "," \
			    csv(text(rnd(350, 850), 1)) "," \
			    csv(rand() < 0.9 ? text(rnd(150, 450), 1) : "") "," \
			    csv(tagset())
			if (state == "") {
				print line
				continue
			}
			# Every fifth card is new; the others take the reviews.
			if (i % 5 == 0) {
				print line ",,,,,,,,,"
				continue
			}
			k = ++seen
			avg = left / (nonnew - k + 1)
			reps = k == nonnew ? left : int(avg * (0.2 + 1.6 * rand()))
			if (reps < 2) reps = 2
			if (reps > left - (nonnew - k)) reps = left - (nonnew - k)
			left -= reps
			lapses = int(reps * rand() * 0.15)
			r = rand(); step = 0
			if (r < 0.015) {
				st = 1; step = rnd(0, 1)
				due = now + rnd(-1440, 60) * 60000
				last = due - 600000; ivl = 0
			} else if (r < 0.02) {
				st = 3; step = 0; if (lapses == 0) lapses = 1
				due = now + rnd(-1440, 60) * 60000
				last = due - 600000; ivl = 0
			} else {
				st = 2
				r = rand()
				if (r < 0.04)        # due today, a small backlog included
					due = now + rnd(-2 * 1440, int((day_end - now) / 60000) - 1) * 60000
				else if (r < 0.065)  # long overdue
					due = now - rnd(2, 365) * 86400000 - rnd(0, 86399) * 1000
				else                 # due over the coming year
					due = day_end + rnd(0, 364) * 86400000 + rnd(0, 86399) * 1000
				ivl = rnd(1, 365)
				last = due - ivl * 86400000
			}
			# At most a few answers today: the rest moved before today.
			if (last >= day_start) {
				if (today_left > 0 && last < now) today_left--
				else last = day_start - rnd(1, 6 * 1440) * 60000
			}
			if (last > now) last = now - rnd(1, 600) * 1000
			if (st == 2) ivl = int((due - last) / 86400000) > 0 ? int((due - last) / 86400000) : 1
			stab = st == 2 ? ivl * (0.6 + 0.8 * rand()) : 0.5 + 3 * rand()
			diff = 1 + 9 * rand()
			printf "%s,%d,%d,%.0f,%.4f,%.4f,%d,%d,%.0f,%d\n", line, st, ivl,
			    due, stab, diff, reps, lapses, last, step
			# The answers: the last at last_review, earlier ones one or
			# more days apart.
			t = last
			for (j = reps - 1; j >= 0; j--) {
				rr = rand()
				rating = rr < 0.08 ? 1 : rr < 0.18 ? 2 : rr < 0.93 ? 3 : 4
				rs = j == 0 ? 0 : (st == 3 && j == reps - 1 ? 3 : 2)
				printf "c%06d,%.0f,%d,%d,%d\n", i, t, rating, rs,
				    rnd(2000, 40000) > reviews
				t -= rnd(1, 30) * 86400000 + rnd(0, 86399) * 1000
			}
		}
	}' >"$file"
	if [ "$state" != "" ] && [ "$reviews" != /dev/null ]; then
		# Logs come in time order, as export-reviews writes them.
		{ head -1 "$reviews"; tail -n +2 "$reviews" | sort -t, -k2,2n; } \
			>"$reviews.sorted"
		mv "$reviews.sorted" "$reviews"
	fi
}
