/*
 * test_fsrs.c - src/fsrs.c against ts-fsrs's reference vectors, plus unit
 * tests of the parts the vectors do not reach.
 *
 * tests/data/fsrs_vectors.txt comes from tools/fsrs-vectors (see its
 * README): random review histories, each answer with the state ts-fsrs
 * gave.  Every answer is replayed here; a mismatch is reported with its
 * line number and the history goes on from ts-fsrs's state, so one
 * difference does not hide or cascade into others.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <limits.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fsrs.h"
#include "core/fsrs_seed.h"
#include "core/util.h"
#include "core/weights.h"
#include "fixtures.h"

/* The number of answers in fsrs_vectors.txt; update on regeneration. */
#define EXPECTED_VECTORS 30067
#define EXPECTED_HISTORIES 2400
/* The same for fsrs_vectors_weights.txt (WEIGHTS=custom). */
#define EXPECTED_WEIGHTS_VECTORS 1478
#define EXPECTED_WEIGHTS_HISTORIES 120

static const int64_t T0 = INT64_C(1767225600000); /* 2026-01-01 UTC */

static bool
close_rel(double a, double b, double rel)
{
	double m = fmax(fabs(a), fabs(b));

	return fabs(a - b) <= rel * m;
}

/* Parse a "P" line into *p; returns false when it is malformed. */
static bool
parse_params(char *line, struct fsrs_params *p, struct strbuf *wtext)
{
	char *s = line + 1, *end;
	long v;

	fsrs_default_params(p);
	p->retention = strtod(s, &end);
	p->max_interval = (int)strtol(end, &end, 10);
	p->fuzz = strtol(end, &end, 10) != 0;
	p->short_term = strtol(end, &end, 10) != 0;
	strbuf_reset(wtext);
	for (int i = 0; i < FSRS_N_WEIGHTS; i++) {
		char *start = end;

		p->w[i] = strtod(start, &end);
		strbuf_addf(wtext, "%s%.*s", i > 0 ? "," : "",
		    (int)(end - start), start);
	}
	v = strtol(end, &end, 10);
	if (v < 0 || v > FSRS_MAX_STEPS)
		return false;
	p->n_learning_steps = (int)v;
	for (int i = 0; i < p->n_learning_steps; i++)
		p->learning_steps[i] = (int)strtol(end, &end, 10);
	v = strtol(end, &end, 10);
	if (v < 0 || v > FSRS_MAX_STEPS)
		return false;
	p->n_relearning_steps = (int)v;
	for (int i = 0; i < p->n_relearning_steps; i++)
		p->relearning_steps[i] = (int)strtol(end, &end, 10);
	while (*end == ' ' || *end == '\n')
		end++;
	return *end == '\0' && p->retention > 0;
}

/*
 * Replays the vector file `name` through fsrs_next and checks its counts.
 * With via_setting, each history's weights are read from their text by
 * weights_parse, as `rehearse config weights` reads them.
 */
static void
replay_vectors(const char *name, bool via_setting, long want_vectors,
    long want_histories)
{
	char *path = fixture_data_path(name), line[2048];
	struct strbuf wtext = { 0 };
	FILE *f;
	struct fsrs_params p;
	struct sched card;
	bool have_params = false, have_card = false;
	long lineno = 0, checked = 0, histories = 0, failures = 0;
	long end_histories = -1, end_reviews = -1;

	f = fopen(path, "r");
	cr_assert_not_null(f, "cannot open %s", path);
	memset(&card, 0, sizeof(card));

	while (fgets(line, sizeof(line), f)) {
		lineno++;
		cr_assert(strchr(line, '\n') != NULL, "line %ld too long",
		    lineno);
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (line[0] == 'P') {
			cr_assert(parse_params(line, &p, &wtext),
			    "bad P line %ld", lineno);
			if (via_setting) {
				char *msg = NULL;

				memset(p.w, 0, sizeof(p.w));
				cr_assert_eq(weights_parse(strbuf_str(&wtext),
						 p.w, &msg),
				    0, "line %ld: %s", lineno, msg);
			}
			have_params = true;
			have_card = false;
		} else if (line[0] == 'H') {
			long long created;

			cr_assert_eq(sscanf(line, "H %lld", &created), 1,
			    "bad H line %ld", lineno);
			memset(&card, 0, sizeof(card));
			card.state = STATE_NEW;
			card.due = created;
			have_card = true;
			histories++;
		} else if (line[0] == 'R') {
			long long now, due, last;
			int rating, elapsed, state, sdays, reps, lapses, step;
			char s_txt[64], d_txt[64];
			struct sched got, want;

			cr_assert(have_params && have_card,
			    "R before P and H at line %ld", lineno);
			cr_assert_eq(sscanf(line,
					 "R %lld %d %d %d %d %lld %63s %63s "
					 "%d %d %d %lld",
					 &now, &rating, &elapsed, &state, &sdays,
					 &due, s_txt, d_txt, &reps, &lapses,
					 &step, &last),
			    12, "bad R line %ld", lineno);
			memset(&want, 0, sizeof(want));
			want.state = (enum card_state)state;
			want.scheduled_days = sdays;
			want.due = due;
			want.stability = strtod(s_txt, NULL);
			want.difficulty = strtod(d_txt, NULL);
			want.reps = reps;
			want.lapses = lapses;
			want.learning_step = step;
			want.last_review = last;

			fsrs_next(&p, &card, now, elapsed, (enum rating)rating,
			    &got);
			checked++;
			if (got.state != want.state ||
			    got.scheduled_days != want.scheduled_days ||
			    got.due != want.due || got.reps != want.reps ||
			    got.lapses != want.lapses ||
			    got.learning_step != want.learning_step ||
			    got.last_review != want.last_review ||
			    !close_rel(got.stability, want.stability, 1e-6) ||
			    !close_rel(got.difficulty, want.difficulty, 1e-6)) {
				if (++failures <= 20)
					cr_log_error(
					    "line %ld: got state %d days %d due "
					    "%" PRId64 " S %.17g D %.17g reps %d "
					    "lapses %d step %d; want state %d "
					    "days %d due %" PRId64 " S %.17g D "
					    "%.17g reps %d lapses %d step %d",
					    lineno, got.state,
					    got.scheduled_days, got.due,
					    got.stability, got.difficulty,
					    got.reps, got.lapses,
					    got.learning_step, want.state,
					    want.scheduled_days, want.due,
					    want.stability, want.difficulty,
					    want.reps, want.lapses,
					    want.learning_step);
			}
			card = want;
		} else if (line[0] == 'E') {
			cr_assert_eq(sscanf(line, "E %ld %ld", &end_histories,
					 &end_reviews),
			    2, "bad E line %ld", lineno);
		} else {
			cr_assert_fail("unknown line %ld: %s", lineno, line);
		}
	}
	fclose(f);
	free(path);
	strbuf_free(&wtext);

	cr_assert_eq(failures, 0, "%ld of %ld vectors differ from ts-fsrs",
	    failures, checked);
	cr_assert_eq(end_reviews, checked, "file ends early or is truncated");
	cr_assert_eq(end_histories, histories);
	cr_assert_eq(checked, want_vectors);
	cr_assert_eq(histories, want_histories);
}

Test(fsrs_vectors, every_vector_matches_ts_fsrs)
{
	replay_vectors("fsrs_vectors.txt", false, EXPECTED_VECTORS,
	    EXPECTED_HISTORIES);
}

/* Weights set as text, as config takes them, schedule as in ts-fsrs. */
Test(fsrs_vectors, custom_weights_match_ts_fsrs)
{
	replay_vectors("fsrs_vectors_weights.txt", true,
	    EXPECTED_WEIGHTS_VECTORS, EXPECTED_WEIGHTS_HISTORIES);
}

Test(fsrs, default_params)
{
	static const double w[FSRS_N_WEIGHTS] = {
		0.212,
		1.2931,
		2.3065,
		8.2956,
		6.4133,
		0.8334,
		3.0194,
		0.001,
		1.8722,
		0.1666,
		0.796,
		1.4835,
		0.0614,
		0.2629,
		1.6483,
		0.6014,
		1.8729,
		0.5425,
		0.0912,
		0.0658,
		0.1542,
	};
	struct fsrs_params p;

	memset(&p, 0xff, sizeof(p));
	fsrs_default_params(&p);
	for (int i = 0; i < FSRS_N_WEIGHTS; i++)
		cr_expect_eq(p.w[i], w[i], "w[%d]", i);
	cr_expect_eq(p.retention, 0.9);
	cr_expect_eq(p.max_interval, 36500);
	cr_expect(p.fuzz);
	cr_expect(p.short_term);
	cr_expect_eq(p.n_learning_steps, 2);
	cr_expect_eq(p.learning_steps[0], 1);
	cr_expect_eq(p.learning_steps[1], 10);
	cr_expect_eq(p.n_relearning_steps, 1);
	cr_expect_eq(p.relearning_steps[0], 10);
}

static struct sched
new_card(int64_t created)
{
	struct sched c;

	memset(&c, 0, sizeof(c));
	c.state = STATE_NEW;
	c.due = created;
	return c;
}

Test(fsrs, first_answer)
{
	struct fsrs_params p;
	struct sched c = new_card(T0), n;
	int64_t now = T0 + 5000;

	fsrs_default_params(&p);
	for (int g = RATING_AGAIN; g <= RATING_EASY; g++) {
		double d0 = fmin(fmax(p.w[4] - exp((g - 1) * p.w[5]) + 1, 1), 10);

		fsrs_next(&p, &c, now, 0, (enum rating)g, &n);
		cr_expect_eq(n.stability, p.w[g - 1], "S0 for rating %d", g);
		cr_expect(close_rel(n.difficulty, d0, 1e-9),
		    "D0 for rating %d: %.17g, not %.17g", g, n.difficulty,
		    d0);
		cr_expect_eq(n.reps, 1);
		cr_expect_eq(n.lapses, 0);
		cr_expect_eq(n.last_review, now);
	}
	/* Again: first step; Hard: mean of the first two; Good: second. */
	fsrs_next(&p, &c, now, 0, RATING_AGAIN, &n);
	cr_expect_eq(n.state, STATE_LEARNING);
	cr_expect_eq(n.due, now + 1 * MS_PER_MINUTE);
	cr_expect_eq(n.learning_step, 0);
	fsrs_next(&p, &c, now, 0, RATING_HARD, &n);
	cr_expect_eq(n.state, STATE_LEARNING);
	cr_expect_eq(n.due, now + 6 * MS_PER_MINUTE); /* 5.5 rounds up */
	cr_expect_eq(n.learning_step, 0);
	fsrs_next(&p, &c, now, 0, RATING_GOOD, &n);
	cr_expect_eq(n.state, STATE_LEARNING);
	cr_expect_eq(n.due, now + 10 * MS_PER_MINUTE);
	cr_expect_eq(n.learning_step, 1);
	p.fuzz = false;
	fsrs_next(&p, &c, now, 0, RATING_EASY, &n);
	cr_expect_eq(n.state, STATE_REVIEW);
	cr_expect_eq(n.scheduled_days, 8); /* round(8.2956 * 1) */
	cr_expect_eq(n.due, now + 8 * MS_PER_DAY);

	/* In place. */
	n = c;
	fsrs_next(&p, &n, now, 0, RATING_GOOD, &n);
	cr_expect_eq(n.learning_step, 1);
	cr_expect_eq(n.reps, 1);
}

/* A Review card of 20 days, answered at T0, due now, with reps answers. */
static struct sched
review_card(int reps)
{
	struct sched c;

	memset(&c, 0, sizeof(c));
	c.state = STATE_REVIEW;
	c.stability = 20;
	c.difficulty = 5;
	c.last_review = T0;
	c.due = T0 + 20 * MS_PER_DAY;
	c.reps = reps;
	c.scheduled_days = 20;
	return c;
}

Test(fsrs, lapse_and_relearning)
{
	struct fsrs_params p;
	struct sched c = review_card(5), n;

	fsrs_default_params(&p);
	fsrs_next(&p, &c, c.due, 20, RATING_AGAIN, &n);
	cr_expect_eq(n.state, STATE_RELEARNING);
	cr_expect_eq(n.lapses, 1);
	cr_expect_eq(n.due, c.due + 10 * MS_PER_MINUTE);
	cr_expect_lt(n.stability, c.stability);
	cr_expect_gt(n.difficulty, c.difficulty);

	/* Good on the last relearning step graduates. */
	c = n;
	fsrs_next(&p, &c, c.due, 0, RATING_GOOD, &n);
	cr_expect_eq(n.state, STATE_REVIEW);
	cr_expect_geq(n.scheduled_days, 1);

	/* Without relearning steps a lapse is rescheduled in days. */
	p.n_relearning_steps = 0;
	c.state = STATE_REVIEW;
	fsrs_next(&p, &c, c.due + MS_PER_DAY, 1, RATING_AGAIN, &n);
	cr_expect_eq(n.state, STATE_REVIEW);
	cr_expect_geq(n.scheduled_days, 1);
	cr_expect_eq(n.lapses, c.lapses + 1);
}

/* The counters of a card stop at INT_MAX rather than overflow: a card
 * imported with them there is answered, and exports as it imported. */
Test(fsrs, counters_stop_at_their_most)
{
	struct fsrs_params p;
	struct sched c = review_card(INT_MAX), n;

	fsrs_default_params(&p);
	c.lapses = INT_MAX;
	fsrs_next(&p, &c, c.due, 20, RATING_AGAIN, &n);
	cr_expect_eq(n.reps, INT_MAX);
	cr_expect_eq(n.lapses, INT_MAX);
	p.n_relearning_steps = 0;
	fsrs_next(&p, &c, c.due, 20, RATING_AGAIN, &n);
	cr_expect_eq(n.lapses, INT_MAX);
	fsrs_next(&p, &c, c.due, 20, RATING_GOOD, &n);
	cr_expect_eq(n.reps, INT_MAX);
	cr_expect_eq(n.lapses, INT_MAX);
	c.reps = INT_MAX - 1;
	fsrs_next(&p, &c, c.due, 20, RATING_GOOD, &n);
	cr_expect_eq(n.reps, INT_MAX);
}

Test(fsrs, day_long_step)
{
	struct fsrs_params p;
	struct sched c = new_card(T0), n;

	fsrs_default_params(&p);
	p.learning_steps[1] = 2 * 1440 + 30;
	fsrs_next(&p, &c, T0, 0, RATING_GOOD, &n);
	cr_expect_eq(n.state, STATE_REVIEW);
	cr_expect_eq(n.learning_step, 1);
	cr_expect_eq(n.scheduled_days, 2);
	cr_expect_eq(n.due, T0 + (2 * 1440 + 30) * MS_PER_MINUTE);
}

/* Interval of answering g on a review card, with fuzz as configured. */
static int
review_days(const struct fsrs_params *p, const struct sched *c,
    int64_t now, int elapsed, enum rating g)
{
	struct sched n;

	fsrs_next(p, c, now, elapsed, g, &n);
	cr_assert_eq(n.state, STATE_REVIEW);
	cr_assert_eq(n.due, now + n.scheduled_days * MS_PER_DAY);
	return n.scheduled_days;
}

Test(fsrs, review_interval_ordering)
{
	struct fsrs_params p;
	unsigned seed = 12345;

	fsrs_default_params(&p);
	for (int i = 0; i < 5000; i++) {
		struct sched c;
		int h, g, e, elapsed;
		int64_t now;

		seed = seed * 1103515245u + 12345u;
		memset(&c, 0, sizeof(c));
		c.state = STATE_REVIEW;
		c.stability = 0.01 + (seed >> 8) % 100000 / 100.0;
		c.difficulty = 1 + (seed >> 4) % 900 / 100.0;
		c.last_review = T0 + (seed % 1000) * 7919;
		c.reps = (int)(seed % 50) + 1;
		elapsed = (int)(seed >> 16) % 400;
		now = c.last_review + elapsed * MS_PER_DAY + 1;
		p.fuzz = i % 2;
		p.retention = 0.7 + (i % 30) / 100.0;
		p.max_interval = i % 7 == 0 ? 30 : 36500;
		h = review_days(&p, &c, now, elapsed, RATING_HARD);
		g = review_days(&p, &c, now, elapsed, RATING_GOOD);
		e = review_days(&p, &c, now, elapsed, RATING_EASY);
		cr_assert(1 <= h && h <= g && g < e,
		    "S=%g D=%g t=%d: hard %d good %d easy %d",
		    c.stability, c.difficulty, elapsed, h, g, e);
	}
}

/* JavaScript's String(v) the slow, plain way: the fewest digits printf
 * gives that strtod reads back as v, laid out by ECMAScript's rules. */
static void
js_number_reference(double v, char *buf, size_t size)
{
	char tmp[40], digits[24];
	int k = 0, n;
	const char *sign = v < 0 ? "-" : "";

	v = fabs(v);
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	for (const char *q = tmp; *q != 'e'; q++)
		if (*q != '.')
			digits[k++] = *q;
	while (k > 1 && digits[k - 1] == '0')
		k--;
	digits[k] = '\0';
	n = atoi(strchr(tmp, 'e') + 1) + 1;
	if (k <= n && n <= 21)
		snprintf(buf, size, "%s%s%.*s", sign, digits, n - k,
		    "000000000000000000000");
	else if (0 < n && n <= 21)
		snprintf(buf, size, "%s%.*s.%s", sign, n, digits, digits + n);
	else if (-6 < n && n <= 0)
		snprintf(buf, size, "%s0.%.*s%s", sign, -n, "000000", digits);
	else
		snprintf(buf, size, "%s%c%s%s%se%c%d", sign, digits[0],
		    k > 1 ? "." : "", digits + 1, "", n - 1 >= 0 ? '+' : '-',
		    abs(n - 1));
}

static void
expect_js_number(double v)
{
	char got[FSRS_JS_NUMBER_SIZE], want[64];

	if (!isfinite(v))
		return; /* the reference reads finite numbers only */
	fsrs_js_number(v, got);
	js_number_reference(v, want, sizeof(want));
	cr_assert_str_eq(got, want, "%.17g", v);
}

/* D times S as the fuzz's seed writes it, against printf and strtod: on
 * the products a schedule makes, on doubles of every exponent, and on
 * the edges of the layouts and of the digits. */
Test(fsrs, js_number_strings_match_printf_and_strtod)
{
	static const double edges[] = { 0.1, 0.2 + 0.1, 1e-6, 1e-7, 1.5e-7,
		123456789012345680000.0, 1e21, 1e22, 5e-324, 2.2250738585072014e-308,
		1.7976931348623157e308, 9007199254740993.0, 0.5, 2.0, 1024.0,
		1e16, 9.999999999999999e16, 1e17, 1e-11, 9.9999999999999e-12,
		4.35, 0.000123, 100.0, 1.0 / 3, 2.0 / 3, -7.25, 14.000000000000002 };
	uint64_t x = UINT64_C(0x9e3779b97f4a7c15);
	char got[FSRS_JS_NUMBER_SIZE];

	fsrs_js_number(0, got);
	cr_expect_str_eq(got, "0");
	fsrs_js_number(-INFINITY, got);
	cr_expect_str_eq(got, "-Infinity");
	fsrs_js_number(NAN, got);
	cr_expect_str_eq(got, "NaN");
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		expect_js_number(edges[i]);
		expect_js_number(nextafter(edges[i], 0));
		expect_js_number(nextafter(edges[i], INFINITY));
	}
	for (int i = 0; i < 50000; i++) {
		double d, s, bits;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		d = 1 + (double)(x % 900000007) / 100000000.0;
		s = (double)(x >> 20) / 1e9 * ((x >> 60) + 1);
		expect_js_number(d * s);
		memcpy(&bits, &x, sizeof(bits));
		if (isfinite(bits) && bits != 0)
			expect_js_number(bits);
	}
	for (int e = -320; e <= 300; e++)
		expect_js_number(pow(10, e));
}

Test(fsrs, fuzz_is_deterministic_and_bounded)
{
	struct fsrs_params p;
	struct sched c;
	int lo = 1 << 30, hi = 0, plain, differ = 0;

	fsrs_default_params(&p);
	memset(&c, 0, sizeof(c));
	c.state = STATE_REVIEW;
	c.stability = 100;
	c.difficulty = 5;
	c.last_review = T0;
	c.reps = 4;

	p.fuzz = false;
	plain = review_days(&p, &c, T0 + 100 * MS_PER_DAY, 100, RATING_GOOD);
	p.fuzz = true;
	for (int i = 0; i < 2000; i++) {
		int64_t now = T0 + 100 * MS_PER_DAY + i * 977;
		int a = review_days(&p, &c, now, 100, RATING_GOOD);
		int b = review_days(&p, &c, now, 100, RATING_GOOD);

		cr_assert_eq(a, b, "same review, different fuzz");
		lo = a < lo ? a : lo;
		hi = a > hi ? a : hi;
		differ += a != plain;
	}
	/* ts-fsrs's range for an interval over 20 days. */
	double delta = 1 + 0.15 * 4.5 + 0.1 * 13 + 0.05 * (plain - 20);
	cr_expect_geq(lo, (int)floor(plain - delta + 0.5));
	cr_expect_leq(hi, (int)floor(plain + delta + 0.5));
	cr_expect_lt(lo, plain);
	cr_expect_gt(hi, plain);
	cr_expect_gt(differ, 0);
}

Test(fsrs, retrievability)
{
	struct fsrs_params p;

	fsrs_default_params(&p);
	cr_expect_eq(fsrs_retrievability(&p, 10, 0), 1.0);
	cr_expect(close_rel(fsrs_retrievability(&p, 10, 10), 0.9, 1e-7));
	cr_expect_lt(fsrs_retrievability(&p, 10, 30),
	    fsrs_retrievability(&p, 10, 20));
	cr_expect_gt(fsrs_retrievability(&p, 10, 3650), 0);
}

Test(fsrs, parse_steps_good)
{
	int steps[FSRS_MAX_STEPS], n = -1;

	cr_assert_eq(fsrs_parse_steps("1m 10m 1h 1d", steps, &n, NULL), 0);
	cr_assert_eq(n, 4);
	cr_expect_eq(steps[0], 1);
	cr_expect_eq(steps[1], 10);
	cr_expect_eq(steps[2], 60);
	cr_expect_eq(steps[3], 1440);

	cr_assert_eq(fsrs_parse_steps("", steps, &n, NULL), 0);
	cr_expect_eq(n, 0);
	cr_assert_eq(fsrs_parse_steps("  \t ", steps, &n, NULL), 0);
	cr_expect_eq(n, 0);
	cr_assert_eq(fsrs_parse_steps("  90m\t2d ", steps, &n, NULL), 0);
	cr_expect_eq(n, 2);
	cr_expect_eq(steps[0], 90);
	cr_expect_eq(steps[1], 2880);
	cr_assert_eq(fsrs_parse_steps("365d", steps, &n, NULL), 0);
	cr_expect_eq(steps[0], FSRS_MAX_STEP_MINUTES);
}

Test(fsrs, parse_steps_bad)
{
	static const struct {
		const char *in;
		int status;
		size_t pos;
	} cases[] = {
		{ "10", FSRS_STEPS_BAD_UNIT, 0 },
		{ "1m 10", FSRS_STEPS_BAD_UNIT, 3 },
		{ "1m 10s", FSRS_STEPS_BAD_UNIT, 3 },
		{ "1m 10mm", FSRS_STEPS_BAD_UNIT, 3 },
		{ "1m,10m", FSRS_STEPS_BAD_UNIT, 0 },
		{ "m", FSRS_STEPS_BAD_NUMBER, 0 },
		{ "1m -5m", FSRS_STEPS_BAD_NUMBER, 3 },
		{ "1.5h", FSRS_STEPS_BAD_UNIT, 0 },
		{ "0m", FSRS_STEPS_ZERO, 0 },
		{ "366d", FSRS_STEPS_TOO_LONG, 0 },
		{ "99999999999999999999m", FSRS_STEPS_TOO_LONG, 0 },
		{ "1m 1m 1m 1m 1m 1m 1m 1m 1m 1m 1m 1m 1m 1m 1m 1m 1m",
		    FSRS_STEPS_TOO_MANY, 48 },
	};
	int steps[FSRS_MAX_STEPS] = { 7 }, n = 42;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t pos = 999;
		int st = fsrs_parse_steps(cases[i].in, steps, &n, &pos);

		cr_expect_eq(st, cases[i].status, "\"%s\": status %d",
		    cases[i].in, st);
		cr_expect_eq(pos, cases[i].pos, "\"%s\": position %zu",
		    cases[i].in, pos);
		cr_expect_eq(n, 42, "\"%s\" changed n", cases[i].in);
		cr_expect_neq(strcmp(fsrs_steps_strerror(st), "unknown error"),
		    0);
	}
	cr_expect_eq(steps[0], 7);
	cr_expect_str_eq(fsrs_steps_strerror(12345), "unknown error");
}

Test(fsrs, steps_strerror_states_the_limits)
{
	char want[64];

	snprintf(want, sizeof(want), "a step may be at most %d days",
	    FSRS_MAX_STEP_MINUTES / 1440);
	cr_expect_str_eq(fsrs_steps_strerror(FSRS_STEPS_TOO_LONG), want);
	snprintf(want, sizeof(want), "too many steps (at most %d)",
	    FSRS_MAX_STEPS);
	cr_expect_str_eq(fsrs_steps_strerror(FSRS_STEPS_TOO_MANY), want);
}

Test(fsrs, format_steps)
{
	int steps[] = { 1, 10, 60, 90, 1440, 2880, 1501 };
	char buf[64];

	cr_assert_eq(fsrs_format_steps(steps, 7, buf, sizeof(buf)), 0);
	cr_expect_str_eq(buf, "1m 10m 1h 90m 1d 2d 1501m");
	cr_assert_eq(fsrs_format_steps(steps, 0, buf, sizeof(buf)), 0);
	cr_expect_str_eq(buf, "");
	cr_expect_eq(fsrs_format_steps(steps, 7, buf, 8), -1);
	cr_expect_eq(strlen(buf), 7);

	/* Round trip. */
	int back[FSRS_MAX_STEPS], n;
	cr_assert_eq(fsrs_format_steps(steps, 7, buf, sizeof(buf)), 0);
	cr_assert_eq(fsrs_parse_steps(buf, back, &n, NULL), 0);
	cr_assert_eq(n, 7);
	for (int i = 0; i < 7; i++)
		cr_expect_eq(back[i], steps[i]);
}

Test(fsrs, format_interval)
{
	static const struct {
		int64_t ms;
		const char *want;
	} cases[] = {
		{ -5000, "0s" },
		{ 0, "0s" },
		{ 30000, "30s" },
		{ 59700, "1m" },
		{ 60000, "1m" },
		{ 6 * 60000, "6m" },
		{ 10 * 60000, "10m" },
		{ 59 * 60000, "59m" },
		{ 60 * 60000, "1h" },
		{ 90 * 60000, "1.5h" },
		{ 23 * 3600000LL, "23h" },
		{ 86400000LL, "1d" },
		{ 2 * 86400000LL, "2d" },
		{ 29 * 86400000LL, "29d" },
		{ 30 * 86400000LL, "1mo" },
		{ 105 * 86400000LL, "3.5mo" },
		{ 364 * 86400000LL, "12.1mo" },
		{ 365 * 86400000LL, "1y" },
		{ 438 * 86400000LL, "1.2y" },
		{ 36500 * 86400000LL, "100y" },
	};
	char buf[16];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cr_assert_eq(fsrs_format_interval(cases[i].ms, buf, sizeof(buf)),
		    0);
		cr_expect_str_eq(buf, cases[i].want, "%" PRId64 " ms",
		    cases[i].ms);
	}
	cr_expect_eq(fsrs_format_interval(10 * 60000, buf, 3), -1);
	cr_expect_eq(fsrs_format_interval(0, buf, 0), -1);
}

Test(fsrs, odd_inputs_stay_defined)
{
	struct fsrs_params p;
	struct sched c, n;

	fsrs_default_params(&p);
	p.retention = -1;
	p.max_interval = 0;
	p.w[3] = NAN;
	p.w[8] = 1e9;
	memset(&c, 0, sizeof(c));
	c.state = STATE_REVIEW;
	c.stability = 0.0001; /* below ts-fsrs's minimum: starts afresh */
	c.difficulty = 0.5;
	c.last_review = T0;
	for (int g = RATING_AGAIN; g <= RATING_EASY; g++) {
		fsrs_next(&p, &c, T0 + 3 * MS_PER_DAY, -4, (enum rating)g, &n);
		cr_expect(n.stability >= 0.001 && n.stability <= 36500);
		cr_expect(n.difficulty >= 1 && n.difficulty <= 10);
		cr_expect_geq(n.due, T0 + 3 * MS_PER_DAY);
	}
	/* A NaN memory state (a corrupt row) starts afresh, as 0/0 does. */
	fsrs_default_params(&p);
	for (int g = RATING_AGAIN; g <= RATING_EASY; g++) {
		struct sched fresh;

		memset(&c, 0, sizeof(c));
		c.state = STATE_REVIEW;
		c.last_review = T0;
		fsrs_next(&p, &c, T0 + 3 * MS_PER_DAY, 3, (enum rating)g,
		    &fresh);
		for (int bad = 0; bad < 3; bad++) {
			c.stability = bad == 1 ? 5 : NAN;
			c.difficulty = bad == 0 ? 5 : NAN;
			fsrs_next(&p, &c, T0 + 3 * MS_PER_DAY, 3,
			    (enum rating)g, &n);
			cr_expect_eq(n.stability, fresh.stability,
			    "rating %d, case %d", g, bad);
			cr_expect_eq(n.difficulty, fresh.difficulty,
			    "rating %d, case %d", g, bad);
		}
	}
	/* A learning step index past the end leaves the steps. */
	fsrs_default_params(&p);
	c = new_card(T0);
	c.state = STATE_LEARNING;
	c.stability = 2;
	c.difficulty = 5;
	c.last_review = T0;
	c.learning_step = 7;
	fsrs_next(&p, &c, T0 + MS_PER_MINUTE, 0, RATING_AGAIN, &n);
	cr_expect_eq(n.state, STATE_REVIEW);
	cr_expect_eq(n.learning_step, 0);
}

/*
 * Times at the end of the valid range (timefmt.h), and past it: every
 * answer is defined (the sanitizer build checks there is no signed
 * overflow), exact inside the range, saturated beyond it.  A review time
 * of INT64_MAX used to overflow while adding the interval.
 */
Test(fsrs, far_times_do_not_overflow)
{
	static const int64_t end = INT64_C(253402300799999); /* 9999-12-31 */
	static const int64_t nows[] = { end, INT64_MAX - 1, INT64_MAX };
	struct fsrs_params p;
	struct sched c, n;

	fsrs_default_params(&p);
	for (int v = 0; v < 4; v++) {
		p.fuzz = v & 1;
		p.short_term = v & 2;
		for (size_t i = 0; i < sizeof(nows) / sizeof(nows[0]); i++)
			for (int g = RATING_AGAIN; g <= RATING_EASY; g++) {
				int64_t now = nows[i];

				memset(&c, 0, sizeof(c));
				c.state = g % 2 ? STATE_REVIEW : STATE_LEARNING;
				c.stability = 30000;
				c.difficulty = 5;
				c.reps = 5;
				c.last_review = now - 40000 * MS_PER_DAY;
				fsrs_next(&p, &c, now, 40000, (enum rating)g, &n);
				cr_expect_eq(n.last_review, now);
				cr_assert_geq(n.due, now, "now %lld rating %d",
				    (long long)now, g);
				if (n.state == STATE_REVIEW && i == 0)
					cr_expect_eq(n.due,
					    now + n.scheduled_days * MS_PER_DAY);
				if (i == 2)
					cr_expect_eq(n.due, INT64_MAX);
			}
	}
}
