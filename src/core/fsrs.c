/*
 * fsrs.c - the FSRS-6 scheduler, computed the way ts-fsrs 5.x computes it.
 *
 * Matching the reference bit for bit drives most choices here: ts-fsrs
 * rounds intermediate results to 8 decimals with Math.round, clamps its
 * weights on load, and draws its fuzz from an Alea generator seeded with a
 * string that contains a JavaScript number.  Each of those is reproduced
 * with JavaScript's exact semantics rather than C's nearest equivalent:
 * the rounding and clamping below, the fuzz's draw in fsrs_seed.c.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "fsrs.h"
#include "core/fsrs_seed.h"

#include <ctype.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A fused multiply-add would round differently from JavaScript, which
 * never fuses.  The build passes -ffp-contract=off (GCC fuses in its GNU
 * modes, e.g. with CFLAGS=-std=gnu17); the pragma keeps clang from fusing
 * even when this file is built without that flag.
 */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

#define S_MIN 0.001
#define S_MAX 36500.0
#define INIT_S_MAX 100.0
#define W17_W18_CEILING 2.0

static const double default_w[FSRS_N_WEIGHTS] = {
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

/* The bounds ts-fsrs clamps each weight to (w19's lower bound varies). */
static const double w_bounds[FSRS_N_WEIGHTS][2] = {
	{ S_MIN, INIT_S_MAX },
	{ S_MIN, INIT_S_MAX },
	{ S_MIN, INIT_S_MAX },
	{ S_MIN, INIT_S_MAX },
	{ 1, 10 },
	{ 0.001, 4 },
	{ 0.001, 4 },
	{ 0.001, 0.75 },
	{ 0, 4.5 },
	{ 0, 0.8 },
	{ 0.001, 3.5 },
	{ 0.001, 5 },
	{ 0.001, 0.25 },
	{ 0.001, 0.9 },
	{ 0, 4 },
	{ 0, 1 },
	{ 1, 6 },
	{ 0, W17_W18_CEILING },
	{ 0, W17_W18_CEILING },
	{ 0.01, 0.8 },
	{ 0.1, 0.8 },
};

/* The fuzz ranges: intervals in [start, end) are spread by factor. */
static const struct {
	double start, end, factor;
} fuzz_ranges[] = {
	{ 2.5, 7, 0.15 },
	{ 7, 20, 0.1 },
	{ 20, INFINITY, 0.05 },
};

/* JavaScript's Math.round: nearest integer, halves towards +infinity. */
static double
js_round(double x)
{
	double f = floor(x);

	/* x - floor(x) is exact for every double. */
	return x - f >= 0.5 ? f + 1 : f;
}

/*
 * JavaScript's Math.min/Math.max, except for NaN: a NaN first argument
 * gives the second (JavaScript gives NaN), so clamp() below takes NaN to
 * its lower bound.  Valid input never makes NaN, but a NaN weight can, or
 * arithmetic on an infinite difficulty or stability; it then ends at a
 * bound instead of in the card.
 */
static double
js_min(double a, double b)
{
	return a < b ? a : b;
}

static double
js_max(double a, double b)
{
	return a > b ? a : b;
}

static double
clamp(double v, double lo, double hi)
{
	return js_min(js_max(v, lo), hi);
}

/* ts-fsrs's roundTo(x, 8). */
static double
round8(double x)
{
	return js_round(x * 1e8) / 1e8;
}

/* The parameters as ts-fsrs holds them once loaded, and derived values. */
static void
load_weights(const struct fsrs_params *p, double w[])
{
	double ceiling = W17_W18_CEILING;

	/*
	 * With several relearning steps, the short-term stability gains
	 * (w17, w18) are capped so that going through all the steps cannot
	 * raise stability above what a lapse allows.
	 */
	if (p->n_relearning_steps > 1) {
		double w11 = clamp(p->w[11], w_bounds[11][0], w_bounds[11][1]);
		double w13 = clamp(p->w[13], w_bounds[13][0], w_bounds[13][1]);
		double w14 = clamp(p->w[14], w_bounds[14][0], w_bounds[14][1]);
		double v = -(log(w11) + log(pow(2, w13) - 1) + w14 * 0.3) /
		           p->n_relearning_steps;

		ceiling = clamp(round8(sqrt(js_max(v, 0))), 0.01,
		    W17_W18_CEILING);
	}
	for (int i = 0; i < FSRS_N_WEIGHTS; i++) {
		double lo = w_bounds[i][0], hi = w_bounds[i][1];
		double v = isnan(p->w[i]) ? 0 : p->w[i];

		if (i == 17 || i == 18)
			hi = ceiling;
		if (i == 19 && !p->short_term)
			lo = 0;
		w[i] = clamp(v, lo, hi);
	}
}

void
fsrs_model_init(struct fsrs_model *m, const struct fsrs_params *p)
{
	m->p = p;
	load_weights(p, m->w);
	m->decay = -m->w[20];
	m->factor = round8(exp(pow(m->decay, -1) * log(0.9)) - 1);
	/*
	 * ts-fsrs replaces a retention or maximum of 0 by its default and
	 * throws on other nonsense; here any nonsense gets the default, as a
	 * NaN interval would be undefined behaviour when cast to int.
	 */
	double r = p->retention > 0 && p->retention <= 1 ? p->retention : 0.9;
	m->interval_modifier =
	    round8((pow(r, 1 / m->decay) - 1) / m->factor);
	m->max_interval = p->max_interval > 0 ? p->max_interval : 36500;
	m->fuzz = p->fuzz;
	m->short_term = p->short_term;
}

static double
curve(double factor, double decay, double t, double s)
{
	return round8(pow(1 + factor * t / s, decay));
}

static double
forgetting_curve(const struct fsrs_model *m, double t, double s)
{
	return curve(m->factor, m->decay, t, s);
}

static double
init_stability(const struct fsrs_model *m, int g)
{
	return js_max(m->w[g - 1], 0.1);
}

static double
init_difficulty(const struct fsrs_model *m, int g)
{
	return round8(m->w[4] - exp((g - 1) * m->w[5]) + 1);
}

static double
next_difficulty(const struct fsrs_model *m, double d, int g)
{
	double delta = -m->w[6] * (g - 3);
	/* Linear damping: steps shrink as difficulty nears 10. */
	double damped = d + round8(delta * (10 - d) / 9);
	/* Mean reversion towards the difficulty of a first Easy. */
	double rev = round8(m->w[7] * init_difficulty(m, RATING_EASY) +
			    (1 - m->w[7]) * damped);

	return clamp(rev, 1, 10);
}

static double
recall_stability(const struct fsrs_model *m, double d, double s,
    double r, int g)
{
	const double *w = m->w;
	double hard_penalty = g == RATING_HARD ? w[15] : 1;
	double easy_bonus = g == RATING_EASY ? w[16] : 1;

	return round8(clamp(s * (1 + exp(w[8]) * (11 - d) * pow(s, -w[9]) *
					 (exp((1 - r) * w[10]) - 1) *
					 hard_penalty * easy_bonus),
	    S_MIN, S_MAX));
}

static double
forget_stability(const struct fsrs_model *m, double d, double s,
    double r)
{
	const double *w = m->w;

	return round8(clamp(w[11] * pow(d, -w[12]) * (pow(s + 1, w[13]) - 1) *
				exp((1 - r) * w[14]),
	    S_MIN, S_MAX));
}

static double
short_term_stability(const struct fsrs_model *m, double s, int g)
{
	const double *w = m->w;
	double sinc = pow(s, -w[19]) * exp(w[17] * (g - 3 + w[18]));

	/* A pass never lowers stability within the day. */
	if (g >= RATING_HARD)
		sinc = js_max(sinc, 1);
	return round8(clamp(s * sinc, S_MIN, S_MAX));
}

/* New stability and difficulty after answering g after t days. */
static void
next_memory(const struct fsrs_model *m, double d, double s, int t,
    int g, double *nd, double *ns)
{
	/* Written so that NaN (a corrupt database) also means "no state". */
	if (!(d >= 1) || !(s >= S_MIN)) {
		*nd = clamp(init_difficulty(m, g), 1, 10);
		*ns = init_stability(m, g);
		return;
	}
	double r = forgetting_curve(m, t, s);

	if (t == 0 && m->short_term) {
		*ns = short_term_stability(m, s, g);
	} else if (g == RATING_AGAIN) {
		double after_fail = forget_stability(m, d, s, r);
		double w17 = m->short_term ? m->w[17] : 0;
		double w18 = m->short_term ? m->w[18] : 0;
		double floor_s = s / exp(w17 * w18);

		*ns = clamp(round8(floor_s), S_MIN, after_fail);
	} else {
		*ns = recall_stability(m, d, s, r, g);
	}
	*nd = next_difficulty(m, d, g);
}

/* Everything one answer needs besides the parameters. */
struct review_ctx {
	const struct fsrs_model *m;
	const struct fsrs_params *p;
	const struct sched *cur;
	int64_t now;
	int elapsed;
	/*
	 * The fuzz's draw, in [0, 1), worked out when an interval is first
	 * fuzzed (NAN until then).  ts-fsrs seeds a fresh generator for each
	 * candidate interval of an answer, always with the same seed, so
	 * each takes this same first number.
	 */
	double *fuzz_factor;
};

/* ts-fsrs's fuzz: an interval drawn in a range around ivl. */
static int
apply_fuzz(const struct review_ctx *x, double ivl)
{
	if (!x->m->fuzz || ivl < 2.5)
		return (int)js_round(ivl);

	double delta = 1;
	double max_ivl_days = x->m->max_interval;

	for (size_t i = 0; i < sizeof(fuzz_ranges) / sizeof(fuzz_ranges[0]);
	     i++) {
		delta += fuzz_ranges[i].factor *
		         js_max(js_min(ivl, fuzz_ranges[i].end) -
				    fuzz_ranges[i].start,
			     0);
	}
	ivl = js_min(ivl, max_ivl_days);
	double lo = js_max(2, js_round(ivl - delta));
	double hi = js_min(js_round(ivl + delta), max_ivl_days);
	if (ivl > x->elapsed)
		lo = js_max(lo, x->elapsed + 1);
	lo = js_min(lo, hi);
	if (isnan(*x->fuzz_factor))
		*x->fuzz_factor = fsrs_fuzz_draw(x->cur, x->now);
	return (int)floor(*x->fuzz_factor * (hi - lo + 1) + lo);
}

static int
next_interval(const struct review_ctx *x, double s)
{
	double ivl = js_min(js_max(1, js_round(s * x->m->interval_modifier)),
	    x->m->max_interval);

	return apply_fuzz(x, ivl);
}

/*
 * now + delay, exact as in ts-fsrs, but saturating instead of overflowing
 * for a now that no door lets in (the valid range is timefmt.h's).
 */
static int64_t
later(int64_t now, int64_t delay)
{
	if (delay > 0 && now > INT64_MAX - delay)
		return INT64_MAX;
	if (delay < 0 && now < INT64_MIN - delay)
		return INT64_MIN;
	return now + delay;
}

static void
schedule_days(const struct review_ctx *x, struct sched *c,
    int days)
{
	c->scheduled_days = days;
	c->due = later(x->now, (int64_t)days * MS_PER_DAY);
}

/*
 * The (re)learning step an answer leads to, as ts-fsrs's basic learning
 * steps strategy picks it: *minutes is 0 when the answer leaves the steps.
 */
static void
pick_step(const struct review_ctx *x, int g, int *minutes,
    int *next_step)
{
	const struct fsrs_params *p = x->p;
	enum card_state st = x->cur->state;
	bool re = st == STATE_RELEARNING || st == STATE_REVIEW;
	const int *steps = re ? p->relearning_steps : p->learning_steps;
	int n = re ? p->n_relearning_steps : p->n_learning_steps;

	if (n > FSRS_MAX_STEPS)
		n = FSRS_MAX_STEPS;
	int cur = x->cur->learning_step > 0 ? x->cur->learning_step : 0;

	*minutes = 0;
	*next_step = 0;
	if (n <= 0 || cur >= n)
		return;
	if (st == STATE_REVIEW) {
		/* A lapse restarts at the current relearning step. */
		if (g == RATING_AGAIN)
			*minutes = steps[cur];
		return;
	}
	switch (g) {
	case RATING_AGAIN:
		*minutes = steps[0];
		break;
	case RATING_HARD:
		/* Hard repeats the step, with a delay between the first two. */
		*minutes = n == 1 ? (int)js_round(steps[0] * 1.5)
		                  : (int)js_round((steps[0] + steps[1]) / 2.0);
		*next_step = cur;
		break;
	case RATING_GOOD:
		if (cur + 1 < n && steps[cur + 1] != 0) {
			*minutes = steps[cur + 1];
			*next_step = cur + 1;
		}
		break;
	default:
		break;
	}
}

static void
apply_steps(const struct review_ctx *x, struct sched *c, int g,
    enum card_state to)
{
	int minutes, step;

	pick_step(x, g, &minutes, &step);
	if (minutes > 0 && minutes < 1440) {
		c->learning_step = step;
		c->scheduled_days = 0;
		c->state = to;
		c->due = later(x->now, minutes * MS_PER_MINUTE);
	} else if (minutes >= 1440) {
		/* A step of a day or more is served as a review. */
		c->state = STATE_REVIEW;
		c->learning_step = step;
		c->due = later(x->now, minutes * MS_PER_MINUTE);
		c->scheduled_days = minutes / 1440;
	} else {
		c->state = STATE_REVIEW;
		c->learning_step = 0;
		schedule_days(x, c, next_interval(x, c->stability));
	}
}

/* n + 1, or n at INT_MAX: a counter of a card never overflows, and an
 * export reads back (deckio.h). */
static int
count_up(int n)
{
	return n < INT_MAX ? n + 1 : n;
}

/* The card after answering g, memory state updated, schedule unset. */
static void
with_memory(const struct review_ctx *x, int g, struct sched *c)
{
	*c = *x->cur;
	c->reps = count_up(x->cur->reps);
	c->last_review = x->now;
	next_memory(x->m, x->cur->difficulty, x->cur->stability, x->elapsed,
	    g, &c->difficulty, &c->stability);
}

/* Intervals for Again..Easy (index 0..3) of a card scheduled in days. */
static void
review_intervals(const struct review_ctx *x,
    const struct sched c[4], int ivl[4],
    bool with_again)
{
	for (int i = with_again ? 0 : 1; i < 4; i++)
		ivl[i] = next_interval(x, c[i].stability);
	if (with_again) {
		ivl[0] = ivl[0] < ivl[1] ? ivl[0] : ivl[1];
		if (ivl[1] < ivl[0] + 1)
			ivl[1] = ivl[0] + 1;
	} else if (ivl[1] > ivl[2]) {
		ivl[1] = ivl[2];
	}
	if (ivl[2] < ivl[1] + 1)
		ivl[2] = ivl[1] + 1;
	if (ivl[3] < ivl[2] + 1)
		ivl[3] = ivl[2] + 1;
}

/* With short-term scheduling: learning steps and same-day stability. */
static void
next_basic(const struct review_ctx *x, int g, struct sched *out)
{
	enum card_state st = x->cur->state;

	if (st != STATE_REVIEW) {
		with_memory(x, g, out);
		apply_steps(x, out, g,
		    st == STATE_NEW ? STATE_LEARNING : st);
		return;
	}
	if (g == RATING_AGAIN) {
		with_memory(x, g, out);
		apply_steps(x, out, g, STATE_RELEARNING);
		out->lapses = count_up(out->lapses);
		return;
	}
	struct sched c[4];
	int ivl[4];

	for (int i = 1; i < 4; i++)
		with_memory(x, i + 1, &c[i]);
	review_intervals(x, c, ivl, false);
	*out = c[g - 1];
	out->state = STATE_REVIEW;
	out->learning_step = 0;
	schedule_days(x, out, ivl[g - 1]);
}

/* Without short-term scheduling: every answer schedules whole days. */
static void
next_long_term(const struct review_ctx *x, int g,
    struct sched *out)
{
	struct sched c[4];
	int ivl[4];

	for (int i = 0; i < 4; i++)
		with_memory(x, i + 1, &c[i]);
	review_intervals(x, c, ivl, true);
	*out = c[g - 1];
	out->state = STATE_REVIEW;
	out->learning_step = 0;
	schedule_days(x, out, ivl[g - 1]);
	if (x->cur->state != STATE_NEW && g == RATING_AGAIN)
		out->lapses = count_up(out->lapses);
}

void
fsrs_weight_bounds(int i, double *lo, double *hi)
{
	*lo = i == 19 ? 0 : w_bounds[i][0];
	*hi = w_bounds[i][1];
}

void
fsrs_default_params(struct fsrs_params *p)
{
	memset(p, 0, sizeof(*p));
	memcpy(p->w, default_w, sizeof(default_w));
	p->retention = 0.9;
	p->max_interval = 36500;
	p->fuzz = true;
	p->short_term = true;
	p->learning_steps[0] = 1;
	p->learning_steps[1] = 10;
	p->n_learning_steps = 2;
	p->relearning_steps[0] = 10;
	p->n_relearning_steps = 1;
}

void
fsrs_next_model(const struct fsrs_model *m, const struct sched *cur,
    int64_t now, int elapsed_days, enum rating r, struct sched *next)
{
	struct sched before = *cur;
	double fuzz_factor = NAN;
	struct review_ctx x = { .m = m, .p = m->p, .cur = &before, .now = now, .fuzz_factor = &fuzz_factor };
	int g = r < RATING_AGAIN  ? RATING_AGAIN
	        : r > RATING_EASY ? RATING_EASY
	                          : (int)r;

	x.elapsed = before.state == STATE_NEW || before.last_review == 0 ||
	                    elapsed_days < 0
	                ? 0
	                : elapsed_days;
	if (m->short_term)
		next_basic(&x, g, next);
	else
		next_long_term(&x, g, next);
}

void
fsrs_next(const struct fsrs_params *p, const struct sched *cur,
    int64_t now, int elapsed_days, enum rating r,
    struct sched *next)
{
	struct fsrs_model m;

	fsrs_model_init(&m, p);
	fsrs_next_model(&m, cur, now, elapsed_days, r, next);
}

double
fsrs_retrievability(const struct fsrs_params *p, double stability,
    double elapsed_days)
{
	struct fsrs_model m;

	fsrs_model_init(&m, p);
	return forgetting_curve(&m, elapsed_days, stability);
}

void
fsrs_curve_init(struct fsrs_curve *c, const struct fsrs_params *p)
{
	struct fsrs_model m;

	fsrs_model_init(&m, p);
	c->decay = m.decay;
	c->factor = m.factor;
}

double
fsrs_curve_at(const struct fsrs_curve *c, double stability,
    double elapsed_days)
{
	return curve(c->factor, c->decay, elapsed_days, stability);
}

int
fsrs_parse_steps(const char *s, int steps[FSRS_MAX_STEPS], int *n,
    size_t *errpos)
{
	int out[FSRS_MAX_STEPS];
	int count = 0;
	const char *p = s;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;

		const char *start = p;
		long v = 0;
		int status = FSRS_STEPS_OK;

		if (!isdigit((unsigned char)*p))
			status = FSRS_STEPS_BAD_NUMBER;
		while (status == FSRS_STEPS_OK && isdigit((unsigned char)*p)) {
			v = v * 10 + (*p++ - '0');
			if (v > FSRS_MAX_STEP_MINUTES)
				status = FSRS_STEPS_TOO_LONG;
		}
		if (status == FSRS_STEPS_OK) {
			int mult = *p == 'm' ? 1 : *p == 'h' ? 60
			                       : *p == 'd'   ? 1440
			                                     : 0;
			char after = mult ? p[1] : '\0';

			if (mult == 0 ||
			    (after != '\0' && after != ' ' && after != '\t'))
				status = FSRS_STEPS_BAD_UNIT;
			else if (v == 0)
				status = FSRS_STEPS_ZERO;
			else if (v * mult > FSRS_MAX_STEP_MINUTES)
				status = FSRS_STEPS_TOO_LONG;
			else if (count == FSRS_MAX_STEPS)
				status = FSRS_STEPS_TOO_MANY;
			else
				out[count++] = (int)(v * mult);
			p++;
		}
		if (status != FSRS_STEPS_OK) {
			if (errpos)
				*errpos = (size_t)(start - s);
			return status;
		}
	}
	memcpy(steps, out, sizeof(int) * (size_t)count);
	*n = count;
	return FSRS_STEPS_OK;
}

#define STR_(x) #x
#define STR(x) STR_(x)

const char *
fsrs_steps_strerror(int status)
{
	switch (status) {
	case FSRS_STEPS_OK:
		return "no error";
	case FSRS_STEPS_BAD_NUMBER:
		return "a step must be a whole number followed by m, h or d";
	case FSRS_STEPS_BAD_UNIT:
		return "a step's unit must be m (minutes), h (hours) or d (days)";
	case FSRS_STEPS_ZERO:
		return "a step must be longer than zero";
	case FSRS_STEPS_TOO_LONG:
		return "a step may be at most " STR(FSRS_MAX_STEP_DAYS) " days";
	case FSRS_STEPS_TOO_MANY:
		return "too many steps (at most " STR(FSRS_MAX_STEPS) ")";
	default:
		return "unknown error";
	}
}

int
fsrs_format_steps(const int *steps, int n, char *buf, size_t size)
{
	size_t len = 0;

	if (size > 0)
		buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		int v = steps[i];
		char unit = 'm';
		int w;

		if (v != 0 && v % 1440 == 0) {
			v /= 1440;
			unit = 'd';
		} else if (v != 0 && v % 60 == 0) {
			v /= 60;
			unit = 'h';
		}
		w = snprintf(buf + len, size - len, "%s%d%c", i ? " " : "", v,
		    unit);
		if (w < 0 || (size_t)w >= size - len)
			return -1;
		len += (size_t)w;
	}
	return 0;
}

/* v with one decimal, the decimal dropped when it is 0. */
static int
format_tenths(double v, const char *unit, char *buf, size_t size)
{
	long tenths = (long)js_round(v * 10);
	int w;

	if (tenths % 10 == 0)
		w = snprintf(buf, size, "%ld%s", tenths / 10, unit);
	else
		w = snprintf(buf, size, "%ld.%ld%s", tenths / 10, tenths % 10,
		    unit);
	return w < 0 || (size_t)w >= size ? -1 : 0;
}

int
fsrs_format_interval(int64_t ms, char *buf, size_t size)
{
	double secs = ms > 0 ? (double)ms / 1000.0 : 0;
	int w;

	if (size == 0)
		return -1;
	/* Units are chosen on the rounded value, so 59.7s shows as "1m". */
	if (js_round(secs) < 60)
		w = snprintf(buf, size, "%ds", (int)js_round(secs));
	else if (js_round(secs / 60) < 60)
		w = snprintf(buf, size, "%dm", (int)js_round(secs / 60));
	else if (js_round(secs / 360) < 240)
		return format_tenths(secs / 3600, "h", buf, size);
	else if (js_round(secs / 86400) < 30)
		w = snprintf(buf, size, "%dd", (int)js_round(secs / 86400));
	else if (secs < 365 * 86400.0)
		return format_tenths(secs / (30 * 86400.0), "mo", buf, size);
	else
		return format_tenths(secs / (365 * 86400.0), "y", buf, size);
	return w < 0 || (size_t)w >= size ? -1 : 0;
}
