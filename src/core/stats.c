#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/timefmt.h"
#include "core/stats.h"
#include "core/store_stats.h"
#include "core/util.h"

/* How far back the streak is followed at most (a century of days). */
#define STREAK_MAX_DAYS 36525

/* The instants at which the study day holding t begins and ends. */
static int64_t
day_start(int64_t t, int dsa)
{
	return timefmt_study_day_after(t, 0, dsa);
}

static int64_t
day_end(int64_t t, int dsa)
{
	return timefmt_study_day_after(t, 1, dsa);
}

static time_t
to_secs(int64_t ms)
{
	return (time_t)(ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000));
}

static struct tm
local_tm(int64_t ms)
{
	time_t s = to_secs(ms);
	struct tm tm;

	if (localtime_r(&s, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	return tm;
}

/* "YYYY-MM-DD": the date of the study day that begins at start; false
 * (buf "0000-00-00") when the date has no such form, past year 9999. */
static bool
day_date(int64_t start, char buf[11])
{
	struct tm tm = local_tm(start);

	if (strftime(buf, 11, "%Y-%m-%d", &tm) != 0)
		return true;
	strcpy(buf, "0000-00-00");
	return false;
}

/* ---- the forecast ---- */

struct forecast_ctx {
	struct stats *s;
	const int64_t *ends; /* ends[i]: the end of forecast day i */
};

static void
add_due(int64_t due, void *ctx)
{
	struct forecast_ctx *f = ctx;
	int lo = 0, hi = f->s->forecast_days - 1;

	while (lo < hi) { /* the first day whose end is after due */
		int mid = (lo + hi) / 2;

		if (due < f->ends[mid])
			hi = mid;
		else
			lo = mid + 1;
	}
	f->s->forecast[lo]++;
	f->s->forecast_total++;
}

static int
forecast(struct store *st, int64_t deck_id, int64_t today_start,
    struct stats *s, char **errmsg)
{
	int64_t ends[STATS_FORECAST_DAYS];
	int64_t start = today_start;
	struct forecast_ctx ctx = { s, ends };

	/* Today is a day dates reach; a day after the last one is not. */
	s->forecast_days = 0;
	while (s->forecast_days < STATS_FORECAST_DAYS &&
	       (s->forecast_days == 0 || start <= TIMEFMT_MAX_MS) &&
	       day_date(start, s->forecast_date[s->forecast_days])) {
		ends[s->forecast_days] = day_end(start, s->day_starts_at);
		start = ends[s->forecast_days++];
	}
	if (s->forecast_days == 0)
		return 0;
	return store_stats_due(st, deck_id, ends[s->forecast_days - 1],
	    add_due, &ctx, errmsg);
}

/* ---- the study days of the whole history ---- */

/* The study days from the first answer (or a year ago) to today. */
struct days {
	int64_t *bounds;  /* bounds[i] begins day i; bounds[n] ends today */
	int64_t *answers; /* answers[i]: answers on day i */
	size_t n;
};

static void
days_init(struct days *d, int64_t now, int64_t first, int dsa)
{
	size_t cap = STATS_CALENDAR_DAYS + 1, n = 0;
	int64_t *rev = xmalloc(cap * sizeof(*rev));

	rev[n++] = day_end(now, dsa);
	while (n < (size_t)STREAK_MAX_DAYS &&
	       (n <= STATS_CALENDAR_DAYS || rev[n - 1] > first)) {
		rev = xgrow(rev, &cap, n + 1, sizeof(*rev));
		rev[n] = day_start(rev[n - 1] - 1, dsa);
		n++;
	}
	d->n = n - 1;
	d->bounds = xmalloc(n * sizeof(*d->bounds));
	for (size_t i = 0; i < n; i++)
		d->bounds[i] = rev[n - 1 - i];
	d->answers = xcalloc(d->n, sizeof(*d->answers));
	free(rev);
}

static void
days_free(struct days *d)
{
	free(d->bounds);
	free(d->answers);
}

/* ---- one pass over the answers ---- */

/* The disjoint spans of the retention windows, newest first. */
enum span { SPAN_TODAY,
	SPAN_YESTERDAY,
	SPAN_WEEK,
	SPAN_MONTH,
	SPAN_YEAR,
	SPAN_BEFORE,
	SPAN_N };

struct pass {
	struct stats *s;
	struct days *d;
	const uint8_t *deck; /* bitmap of the deck's card ids; NULL: all */
	int64_t deck_max;    /* the largest id in it */
	size_t day;          /* the day of the last answer seen */
	size_t hour_day;     /* the day hour_offset belongs to (SIZE_MAX: none) */
	bool hour_fixed;     /* the UTC offset is the same all that day */
	int64_t hour_offset; /* ms east of UTC, when fixed */
	struct stats_pass spans[2][SPAN_N];
};

static enum span
span_of(const struct pass *p, size_t day)
{
	size_t ago = p->d->n - 1 - day;

	return ago == 0 ? SPAN_TODAY : ago == 1                ? SPAN_YESTERDAY
	                           : ago < 7                   ? SPAN_WEEK
	                           : ago < 30                  ? SPAN_MONTH
	                           : ago < STATS_CALENDAR_DAYS ? SPAN_YEAR
	                                                       : SPAN_BEFORE;
}

/* The local hour of t, which falls on day: by the day's UTC offset when
 * it has one offset throughout, else by the time zone rules. */
static int
local_hour(struct pass *p, size_t day, int64_t t)
{
	if (p->hour_day != day) {
		struct tm a = local_tm(p->d->bounds[day]);
		struct tm z = local_tm(p->d->bounds[day + 1] - 1);

		p->hour_day = day;
		p->hour_fixed = a.tm_gmtoff == z.tm_gmtoff;
		p->hour_offset = (int64_t)a.tm_gmtoff * 1000;
	}
	if (p->hour_fixed) {
		int64_t h = (t + p->hour_offset) / 3600000 % 24;

		return (int)(h < 0 ? h + 24 : h);
	}
	return local_tm(t).tm_hour;
}

static void
add_recent(struct pass *p, size_t day, const struct store_stats_answer *a)
{
	struct stats_hour *h = &p->s->hours[local_hour(p, day, a->time)];
	enum stats_kind kind = a->state != STATE_REVIEW          ? STATS_LEARNING
	                       : a->interval < STATS_MATURE_DAYS ? STATS_YOUNG
	                                                         : STATS_MATURE;

	if (a->rating >= 1 && a->rating <= 4)
		p->s->buttons[kind][a->rating - 1]++;
	h->answers++;
	if (a->state == STATE_REVIEW) {
		h->review.total++;
		h->review.passed += a->rating > 1;
	}
}

/* The day of t when it falls in the days (moving p->day on: times come in
 * order), else SIZE_MAX; *span gets its retention span. */
static size_t
day_of(struct pass *p, int64_t t, enum span *span)
{
	struct days *d = p->d;

	*span = SPAN_BEFORE;
	if (t >= d->bounds[d->n]) {
		*span = SPAN_TODAY; /* answered after today (a clock set back) */
		return SIZE_MAX;
	}
	if (t < d->bounds[0])
		return SIZE_MAX;
	while (t >= d->bounds[p->day + 1])
		p->day++;
	*span = span_of(p, p->day);
	return p->day;
}

static void
add_answer(const struct store_stats_answer *a, void *ctx)
{
	struct pass *p = ctx;
	enum span span;
	size_t day;

	if (p->deck != NULL && (a->card_id < 0 || a->card_id > p->deck_max ||
				   !(p->deck[a->card_id / 8] & (1u << (a->card_id % 8)))))
		return;
	day = day_of(p, a->time, &span);
	if (day != SIZE_MAX && p->d->n - 1 - day < STATS_RECENT_DAYS)
		add_recent(p, day, a);
	if (day != SIZE_MAX)
		p->d->answers[day]++;
	if (a->state == STATE_REVIEW) {
		struct stats_pass *sp = &p->spans[a->interval >= STATS_MATURE_DAYS][span];

		sp->total++;
		sp->passed += a->rating > 1;
	}
}

/* A slot of answers, which lies within one study day and one local hour
 * (slots_fit). */
static void
add_slot(const struct store_stats_slot *sl, void *ctx)
{
	struct pass *p = ctx;
	enum span span;
	size_t day = day_of(p, sl->start, &span);
	int64_t all = 0, review = 0, passed = 0;

	_Static_assert(STATS_LEARNING == 0 && STATS_YOUNG == 1 &&
			   STATS_MATURE == 2 && STATS_MATURE_DAYS == 21,
	    "review_slots' kinds");
	for (int k = STATS_YOUNG; k <= STATS_MATURE; k++) {
		struct stats_pass *sp = &p->spans[k - STATS_YOUNG][span];

		for (int r = 0; r < 4; r++) {
			sp->total += sl->n[k][r];
			sp->passed += r > 0 ? sl->n[k][r] : 0;
			review += sl->n[k][r];
			passed += r > 0 ? sl->n[k][r] : 0;
		}
	}
	for (int r = 0; r < 4; r++)
		all += sl->n[STATS_LEARNING][r];
	all += review;
	if (day == SIZE_MAX)
		return;
	p->d->answers[day] += all;
	if (p->d->n - 1 - day < STATS_RECENT_DAYS) {
		struct stats_hour *h = &p->s->hours[local_hour(p, day, sl->start)];

		for (int k = 0; k < STATS_N_KINDS; k++)
			for (int r = 0; r < 4; r++)
				p->s->buttons[k][r] += sl->n[k][r];
		h->answers += all;
		h->review.total += review;
		h->review.passed += passed;
	}
}

/* Whether every study day is a run of whole slots, as in every time zone
 * whose offsets are whole quarters of an hour. */
static bool
slots_fit(const struct days *d)
{
	int64_t ms = store_stats_slot_ms();

	for (size_t i = 0; i <= d->n; i++)
		if (d->bounds[i] % ms != 0)
			return false;
	return true;
}

/* ---- the deck's cards ---- */

struct bitmap {
	uint8_t *bits;
	size_t size;
	int64_t max;
};

static void
bitmap_set(int64_t id, void *ctx)
{
	struct bitmap *b = ctx;
	size_t need = (size_t)(id / 8) + 1;

	if (id < 0)
		return;
	if (need > b->size) {
		size_t size = b->size;

		b->bits = xgrow(b->bits, &size, need, 1);
		memset(b->bits + b->size, 0, size - b->size);
		b->size = size;
	}
	b->bits[id / 8] |= (uint8_t)(1u << (id % 8));
	if (id > b->max)
		b->max = id;
}

/* ---- the calendar, the streaks and true retention from the pass ---- */

static void
calendar(const struct days *d, struct stats *s)
{
	size_t first = d->n - STATS_CALENDAR_DAYS;
	struct tm tm = local_tm(d->bounds[first]);

	s->calendar_weekday0 = tm.tm_wday;
	for (int i = 0; i < STATS_CALENDAR_DAYS; i++) {
		day_date(d->bounds[first + (size_t)i], s->calendar_date[i]);
		s->calendar[i] = d->answers[first + (size_t)i];
		s->days_studied += s->calendar[i] > 0;
	}
}

static void
streaks(const struct days *d, struct stats *s)
{
	int64_t run = 0;
	size_t i = d->n;

	for (size_t k = 0; k < d->n; k++) {
		run = d->answers[k] > 0 ? run + 1 : 0;
		if (run > s->streak_longest)
			s->streak_longest = run;
	}
	/* Today without answers yet does not break the current streak. */
	if (i > 0 && d->answers[i - 1] == 0)
		i--;
	while (i > 0 && d->answers[i - 1] > 0) {
		s->streak_current++;
		i--;
	}
}

/*
 * Each answer was counted once, in the newest span it falls in; the
 * windows add the spans up: the week is today, yesterday and the rest of
 * the week, and so on.
 */
static void
retention(const struct pass *p, struct stats *s)
{
	for (int k = 0; k < 2; k++) {
		const struct stats_pass *sp = p->spans[k];
		struct stats_pass *r = s->retention[k];

		r[STATS_TODAY] = sp[SPAN_TODAY];
		r[STATS_YESTERDAY] = sp[SPAN_YESTERDAY];
		r[STATS_WEEK].passed = sp[SPAN_TODAY].passed +
		                       sp[SPAN_YESTERDAY].passed + sp[SPAN_WEEK].passed;
		r[STATS_WEEK].total = sp[SPAN_TODAY].total +
		                      sp[SPAN_YESTERDAY].total + sp[SPAN_WEEK].total;
		for (int w = STATS_MONTH; w < STATS_N_WINDOWS; w++) {
			int span = SPAN_MONTH + (w - STATS_MONTH);

			r[w].passed = r[w - 1].passed + sp[span].passed;
			r[w].total = r[w - 1].total + sp[span].total;
		}
	}
}

/* The figures of the answers: from the counts per slot unless by_answer
 * or the study days are no runs of whole slots, else answer by answer. */
static int
answers(struct store *st, int64_t deck_id, int64_t now, bool by_answer,
    struct stats *s, char **errmsg)
{
	struct days d;
	struct bitmap deck = { NULL, 0, -1 };
	struct pass p = { .s = s, .d = &d, .hour_day = SIZE_MAX };
	int64_t first = now;
	bool found;
	int rc = -1;

	if (store_stats_first_answer(st, &first, &found, errmsg) < 0)
		return -1;
	days_init(&d, now, found ? first : now, s->day_starts_at);
	if (found && !by_answer && slots_fit(&d)) {
		/* The answers counted per slot by the store. */
		if (store_stats_slots(st, deck_id, add_slot, &p, errmsg) < 0)
			goto out;
	} else if (found) {
		if (deck_id != 0) {
			if (store_stats_deck_cards(st, deck_id, bitmap_set, &deck,
				errmsg) < 0)
				goto out;
			p.deck = deck.bits != NULL ? deck.bits : (const uint8_t *)"";
			p.deck_max = deck.max;
		}
		if (store_stats_answers(st, first, add_answer, &p, errmsg) < 0)
			goto out;
	}
	s->today_start = d.bounds[d.n - 1];
	calendar(&d, s);
	streaks(&d, s);
	retention(&p, s);
	rc = 0;
out:
	free(deck.bits);
	days_free(&d);
	return rc;
}

/* ---- cards ---- */

struct memory_ctx {
	struct stats *s;
	struct fsrs_curve curve;
	int64_t now;
	double r_sum;
	int64_t r_n;
};

static const double stability_edges[STATS_BINS + 1] = { 0, 1, 2, 4, 7, 14,
	30, 90, 180, 365, INFINITY };

static void
bin_add(struct stats_bin *bins, double v)
{
	int i = 0;

	while (i < STATS_BINS - 1 && v >= bins[i].max)
		i++;
	bins[i].cards++;
}

/* Counts c in its bucket: suspended and buried cards only as such. */
static void
count_card(struct stats *s, const struct store_stats_card *c, int64_t now)
{
	if (c->suspended)
		s->n_suspended++;
	else if (c->buried_until > now)
		s->n_buried++;
	else if (c->state == STATE_NEW)
		s->n_new++;
	else if (c->state == STATE_LEARNING)
		s->n_learning++;
	else if (c->state == STATE_RELEARNING)
		s->n_relearning++;
	else if (c->interval < STATS_MATURE_DAYS)
		s->n_young++;
	else
		s->n_mature++;
}

static void
add_card(const struct store_stats_card *c, void *ctx)
{
	struct memory_ctx *m = ctx;
	double elapsed, r;

	count_card(m->s, c, m->now);
	if (c->state == STATE_NEW || c->suspended)
		return;
	bin_add(m->s->difficulty, c->difficulty);
	bin_add(m->s->stability, c->stability);
	if (c->stability <= 0 || c->last_review <= 0)
		return;
	elapsed = m->now > c->last_review
	              ? (double)(m->now - c->last_review) / MS_PER_DAY
	              : 0;
	r = fsrs_curve_at(&m->curve, c->stability, elapsed);
	bin_add(m->s->retrievability, r);
	m->r_sum += r;
	m->r_n++;
}

static void
init_bins(struct stats *s)
{
	for (int i = 0; i < STATS_BINS; i++) {
		s->difficulty[i] = (struct stats_bin){ 1 + 0.9 * i, 1 + 0.9 * (i + 1), 0 };
		s->stability[i] = (struct stats_bin){ stability_edges[i],
			stability_edges[i + 1], 0 };
		s->retrievability[i] = (struct stats_bin){ 0.1 * i, 0.1 * (i + 1), 0 };
	}
}

static int
cards(struct store *st, const struct fsrs_params *p, int64_t deck_id,
    int64_t now, struct stats *s, char **errmsg)
{
	struct memory_ctx m = { .s = s, .now = now };

	fsrs_curve_init(&m.curve, p);
	init_bins(s);
	if (store_stats_cards(st, deck_id, add_card, &m, errmsg) < 0)
		return -1;
	s->average_retrievability = m.r_n > 0 ? m.r_sum / (double)m.r_n : -1;
	return 0;
}

/* ---- all of it ---- */

static int
compute(struct store *st, const struct fsrs_params *p, int day_starts_at,
    int64_t deck_id, int64_t now, bool by_answer, struct stats *out,
    char **errmsg)
{
	struct store_stats_span today;
	struct stats *s = out;

	memset(s, 0, sizeof(*s));
	s->day_starts_at = day_starts_at;
	if (answers(st, deck_id, now, by_answer, s, errmsg) < 0 ||
	    store_stats_span(st, deck_id, s->today_start,
		day_end(now, day_starts_at), &today, errmsg) < 0 ||
	    forecast(st, deck_id, s->today_start, s, errmsg) < 0 ||
	    cards(st, p, deck_id, now, s, errmsg) < 0)
		return -1;
	s->today_cards = today.cards;
	s->today_answers = today.answers;
	s->today_again = today.again;
	s->today_ms = today.ms;
	return 0;
}

int
stats_compute(struct store *st, const struct fsrs_params *p, int day_starts_at,
    int64_t deck_id, int64_t now, struct stats *out, char **errmsg)
{
	return compute(st, p, day_starts_at, deck_id, now, false, out, errmsg);
}

int
stats_compute_by_answer(struct store *st, const struct fsrs_params *p,
    int day_starts_at, int64_t deck_id, int64_t now, struct stats *out,
    char **errmsg)
{
	return compute(st, p, day_starts_at, deck_id, now, true, out, errmsg);
}

double
stats_ratio(const struct stats_pass *p)
{
	return p->total > 0 ? (double)p->passed / (double)p->total : -1;
}
