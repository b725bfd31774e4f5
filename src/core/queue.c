#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/fsrs.h"
#include "core/queue.h"
#include "core/settings.h"
#include "core/timefmt.h"
#include "core/util.h"

/* Study days from days, when it is not NULL, else worked out anew. */
static int64_t
study_day(struct timefmt_days *days, int64_t t, int day_starts_at)
{
	return days != NULL ? timefmt_days_study_day(days, t)
	                    : timefmt_study_day(t, day_starts_at);
}

static int64_t
day_after(struct timefmt_days *days, int64_t t, int64_t n, int day_starts_at)
{
	return days != NULL ? timefmt_days_after(days, t, n)
	                    : timefmt_study_day_after(t, n, day_starts_at);
}

static int
elapsed_days(struct timefmt_days *days, int64_t last, int64_t now,
    int day_starts_at)
{
	int64_t d;

	if (last <= 0 || now <= last)
		return 0;
	d = study_day(days, now, day_starts_at) -
	    study_day(days, last, day_starts_at);
	return d > 0 ? (int)(d > 1000000 ? 1000000 : d) : 0;
}

int
queue_elapsed_days(int64_t last, int64_t now, int day_starts_at)
{
	return elapsed_days(NULL, last, now, day_starts_at);
}

static void
place_due(struct timefmt_days *days, struct sched *s, int64_t t,
    int day_starts_at)
{
	int64_t span = s->due - t, start, day, end, due;

	if (s->scheduled_days <= 0 || span <= 0 || span % MS_PER_DAY != 0)
		return;
	start = day_after(days, t, 0, day_starts_at);
	day = day_after(days, t, span / MS_PER_DAY, day_starts_at);
	end = day_after(days, t, span / MS_PER_DAY + 1, day_starts_at);
	due = timefmt_add(day, t - start);
	s->due = due < end ? due : end - 1;
}

void
queue_place_due(struct sched *s, int64_t t, int day_starts_at)
{
	place_due(NULL, s, t, day_starts_at);
}

/* The answer, the study days from days or (NULL) worked out anew. */
static void
next_state(const struct fsrs_model *m, struct timefmt_days *days,
    int day_starts_at, const struct sched *s, int64_t t, enum rating r,
    struct sched *out)
{
	fsrs_next_model(m, s, t, elapsed_days(days, s->last_review, t, day_starts_at),
	    r, out);
	place_due(days, out, t, day_starts_at);
	out->due = timefmt_clamp(out->due);
}

void
queue_next_state_days(const struct fsrs_model *m, struct timefmt_days *days,
    const struct sched *s, int64_t t, enum rating r, struct sched *out)
{
	next_state(m, days, days->day_starts_at, s, t, r, out);
}

void
queue_next_state(const struct fsrs_params *p, int day_starts_at,
    const struct sched *s, int64_t t, enum rating r, struct sched *out)
{
	struct fsrs_model m;

	fsrs_model_init(&m, p);
	next_state(&m, NULL, day_starts_at, s, t, r, out);
}

/* A limit that is not there: far above any count, far from overflow. */
#define NO_LIMIT (INT64_MAX / 4)

static int64_t
min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

static int64_t
pos(int64_t a)
{
	return a > 0 ? a : 0;
}

/* One deck as the queue sees it at a time. */
struct qdeck {
	int64_t id;
	int64_t new_left, review_left; /* of its own limits; NO_LIMIT: none */
	struct store_counts avail;     /* its cards available */
	int64_t review_own, new_own;   /* what its own limits let through */
	bool new_by_reviews;           /* new_own cut by its review limit */
	int64_t extra;                 /* more new cards asked for today: they
	                                * raise its share of the collection's
	                                * limits too */
};

/* The decks of a session (or all) and the limits at a time. */
struct plan {
	struct store_day day;
	int64_t new_left, review_left; /* of the collection's limits */
	struct qdeck *d;
	size_t n;
};

static void
plan_free(struct plan *p)
{
	free(p->d);
	p->d = NULL;
	p->n = 0;
}

static const struct store_done *
done_of(const struct store_done *done, size_t n, int64_t deck_id)
{
	for (size_t i = 0; i < n; i++)
		if (done[i].deck_id == deck_id)
			return &done[i];
	return NULL;
}

/* The ids of deck_id (0: every deck with cards, in the list's order). */
static int
plan_decks(struct store *st, int64_t deck_id, struct plan *p, char **errmsg)
{
	struct deck_info *decks;
	size_t nd;

	if (deck_id != 0) {
		p->d = xcalloc(1, sizeof(*p->d));
		p->d[0].id = deck_id;
		p->n = 1;
		return 0;
	}
	if (store_decks_brief(st, &decks, &nd, errmsg) < 0)
		return -1;
	p->d = xcalloc(nd ? nd : 1, sizeof(*p->d));
	for (size_t i = 0; i < nd; i++)
		if (decks[i].cards > 0)
			p->d[p->n++].id = decks[i].id;
	store_decks_free(decks, nd);
	return 0;
}

/* One deck's own limits, less its answers of the day. */
static int
deck_limits(struct store *st, const struct settings *set, struct plan *p,
    struct qdeck *d, const struct store_done *done, char **errmsg)
{
	int64_t day = timefmt_study_day(p->day.start, set->day_starts_at), extra;
	struct deck_settings ds;

	if (settings_load_deck(st, set, d->id, &ds, errmsg) < 0)
		return -1;
	d->new_left = d->review_left = NO_LIMIT;
	/* More new cards asked for today (review --extra-new) raise both
	 * of the deck's limits, and the collection's. */
	if (settings_extra_new(st, d->id, day, &extra, errmsg) < 0)
		return -1;
	d->extra = extra;
	if (settings_deck_owns(&ds, "new-per-day"))
		d->new_left = pos(ds.set.new_per_day + extra -
				  (done ? done->new_done : 0));
	/* New cards count against the review limit too, as in Anki. */
	if (settings_deck_owns(&ds, "reviews-per-day"))
		d->review_left = pos(ds.set.reviews_per_day -
				     (done ? done->review_done + done->new_done : 0));
	return 0;
}

/* The plan for deck_id (0: all) at time t: limits left and cards there. */
static int
plan_at(struct store *st, const struct settings *set, int64_t deck_id,
    int64_t t, struct plan *p, char **errmsg)
{
	struct store_done *done = NULL;
	size_t nd = 0;
	int64_t new_done = 0, review_done = 0, extra;
	int rc = -1;

	memset(p, 0, sizeof(*p));
	p->day.start = timefmt_study_day_after(t, 0, set->day_starts_at);
	p->day.end = timefmt_study_day_after(t, 1, set->day_starts_at);
	if (store_done_by_deck(st, &p->day, &done, &nd, errmsg) < 0 ||
	    plan_decks(st, deck_id, p, errmsg) < 0)
		goto out;
	for (size_t i = 0; i < nd; i++) {
		new_done += done[i].new_done;
		review_done += done[i].review_done;
	}
	if (settings_extra_new(st, 0, timefmt_study_day(t, set->day_starts_at),
		&extra, errmsg) < 0)
		goto out;
	p->new_left = pos(set->new_per_day + extra - new_done);
	p->review_left = pos(set->reviews_per_day + extra - review_done - new_done);
	for (size_t i = 0; i < p->n; i++) {
		struct qdeck *d = &p->d[i];

		/* Counted one past the limits, to tell when they bite. */
		if (deck_limits(st, set, p, d, done_of(done, nd, d->id), errmsg) < 0 ||
		    store_counts_deck(st, d->id, t, timefmt_add(t, QUEUE_LEARN_AHEAD),
			&p->day, min64(d->new_left, p->new_left + d->extra) + 1,
			min64(d->review_left, p->review_left + d->extra) + 1, &d->avail,
			errmsg) < 0)
			goto out;
		d->review_own = min64(d->avail.review_due, d->review_left);
		d->new_own = min64(min64(d->avail.new_cards, d->new_left),
		    pos(d->review_left - d->review_own));
		d->new_by_reviews = pos(d->review_left - d->review_own) <
		                    min64(d->avail.new_cards, d->new_left);
	}
	rc = 0;
out:
	free(done);
	if (rc < 0)
		plan_free(p);
	return rc;
}

/* Which limit made got smaller than there: none, the deck's or the
 * collection's (own: what the deck's own limit lets through). */
static enum queue_limit
which_limit(int64_t got, int64_t own, int64_t there)
{
	if (got >= there)
		return QUEUE_LIMIT_NONE;
	return got < own ? QUEUE_LIMIT_COLLECTION : QUEUE_LIMIT_DECK;
}

/* What deck d gives on its own, under the collection's limits too. */
static struct queue_counts
row_of(const struct plan *p, const struct qdeck *d)
{
	struct queue_counts c = { .deck_id = d->id };
	int64_t new_room, review_room;

	c.review = min64(d->review_own, p->review_left + d->extra);
	new_room = p->new_left + d->extra;
	review_room = pos(p->review_left + d->extra - c.review);
	c.new_cards = min64(min64(d->new_own, new_room), review_room);
	c.learning = d->avail.learning_due;
	c.review_limit = which_limit(c.review, d->review_own, d->avail.review_due);
	c.new_limit = which_limit(c.new_cards, d->new_own, d->avail.new_cards);
	c.new_by_reviews = c.new_limit == QUEUE_LIMIT_COLLECTION
	                       ? review_room < new_room
	                       : c.new_limit == QUEUE_LIMIT_DECK && d->new_by_reviews;
	return c;
}

/* What all the plan's decks give together. */
static struct queue_counts
total_of(const struct plan *p, int64_t deck_id)
{
	struct queue_counts c = { .deck_id = deck_id };
	int64_t new_own = 0, review_own = 0, new_there = 0, review_there = 0;
	int64_t extra = 0, new_free = 0, new_room, review_room;
	bool deck_by_reviews = false;

	if (deck_id != 0 && p->n == 1)
		return row_of(p, &p->d[0]);
	for (size_t i = 0; i < p->n; i++) {
		/* A deck's extra new cards are its own, outside the
		 * collection's limit; its other new cards share that. */
		int64_t free_here = min64(p->d[i].extra, p->d[i].new_own);

		extra += p->d[i].extra;
		new_free += free_here;
		new_own += p->d[i].new_own;
		review_own += p->d[i].review_own;
		new_there += p->d[i].avail.new_cards;
		review_there += p->d[i].avail.review_due;
		c.learning += p->d[i].avail.learning_due;
		deck_by_reviews = deck_by_reviews || p->d[i].new_by_reviews;
	}
	c.review = min64(review_own, p->review_left + extra);
	new_room = new_free + min64(new_own - new_free, p->new_left);
	review_room = pos(p->review_left + extra - c.review);
	c.new_cards = min64(new_room, review_room);
	c.review_limit = which_limit(c.review, review_own, review_there);
	c.new_limit = which_limit(c.new_cards, new_own, new_there);
	c.new_by_reviews = c.new_limit == QUEUE_LIMIT_COLLECTION
	                       ? review_room < new_room
	                       : c.new_limit == QUEUE_LIMIT_DECK && deck_by_reviews;
	return c;
}

int
queue_counts(struct store *st, const struct settings *set, int64_t now,
    struct queue_counts **rows, size_t *n, struct queue_counts *total,
    char **errmsg)
{
	struct plan p;
	struct queue_counts *v;

	*rows = NULL;
	*n = 0;
	if (plan_at(st, set, 0, now, &p, errmsg) < 0)
		return -1;
	v = xcalloc(p.n ? p.n : 1, sizeof(*v));
	for (size_t i = 0; i < p.n; i++)
		v[i] = row_of(&p, &p.d[i]);
	*total = total_of(&p, 0);
	*rows = v;
	*n = p.n;
	plan_free(&p);
	return 0;
}

int
queue_counts_deck(struct store *st, const struct settings *set, int64_t deck_id,
    int64_t now, struct queue_counts *out, char **errmsg)
{
	struct plan p;

	if (plan_at(st, set, deck_id, now, &p, errmsg) < 0)
		return -1;
	*out = total_of(&p, deck_id);
	plan_free(&p);
	return 0;
}

/* A mix of x's bits (splitmix64's finaliser): the order of the day. */
static uint64_t
mix(uint64_t x)
{
	x += UINT64_C(0x9e3779b97f4a7c15);
	x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
	return x ^ (x >> 31);
}

/* Whether deck id may still give cards of the kind own tells. */
static bool
deck_open(const struct plan *p, int64_t id, bool review)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->d[i].id == id)
			return (review ? p->d[i].review_own : p->d[i].new_own) > 0;
	return false;
}

/* The review to show: of the earliest study day due, the first in the
 * day's order; decks whose own review limit is spent give none. */
static int
pick_review(struct store *st, const struct settings *set, int64_t deck_id,
    const struct plan *p, int64_t now, int64_t *id, char **errmsg)
{
	struct store_candidate *c;
	size_t n;
	int64_t today = timefmt_study_day(now, set->day_starts_at);
	int64_t best_day = 0;
	uint64_t best_key = 0;

	*id = 0;
	if (store_review_candidates(st, deck_id, now, &p->day, &c, &n, errmsg) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int64_t day = timefmt_study_day(c[i].due, set->day_starts_at);
		uint64_t key = mix((uint64_t)c[i].id ^ mix((uint64_t)today));

		if (!deck_open(p, c[i].deck_id, true))
			continue;
		if (*id == 0 || day < best_day ||
		    (day == best_day && key < best_key)) {
			*id = c[i].id;
			best_day = day;
			best_key = key;
		}
	}
	free(c);
	return 0;
}

/* The new card to show: the first deck in the list's order with new cards
 * its own limit lets through gives its first. */
static int
pick_new(struct store *st, const struct plan *p, int64_t now, int64_t *id,
    char **errmsg)
{
	*id = 0;
	for (size_t i = 0; i < p->n && *id == 0; i++)
		if (p->d[i].new_own > 0 &&
		    store_first_new(st, p->d[i].id, now, id, errmsg) < 0)
			return -1;
	return 0;
}

int
queue_next(struct store *st, const struct settings *set, int64_t deck_id,
    int64_t now, long since_new, int64_t *card_id, char **errmsg)
{
	struct queue_counts c;
	struct plan p;
	int rc;

	*card_id = 0;
	if (plan_at(st, set, deck_id, now, &p, errmsg) < 0)
		return -1;
	/* Learning cards whose step has passed come first. */
	rc = store_first_learning(st, deck_id, now, now, &p.day, card_id, errmsg);
	if (rc < 0 || *card_id != 0)
		goto out;
	c = total_of(&p, deck_id);
	if (c.review > 0 || c.new_cards > 0) {
		/* New cards are spread evenly among the reviews.  With n new
		 * cards and r reviews left, the since_new + r reviews around
		 * them make n + 1 equal stretches, the last one after the
		 * last new card: a new card is due once since_new reaches
		 * (since_new + r) / (n + 1), that is since_new * n >= r. */
		bool take_new = c.new_cards > 0 &&
		                (int64_t)since_new * c.new_cards >= c.review;

		rc = take_new ? pick_new(st, &p, now, card_id, errmsg)
		              : pick_review(st, set, deck_id, &p, now, card_id, errmsg);
		goto out;
	}
	/* Nothing else left: learning cards due soon are shown early. */
	rc = store_first_learning(st, deck_id, now,
	    timefmt_add(now, QUEUE_LEARN_AHEAD), &p.day, card_id, errmsg);
out:
	plan_free(&p);
	return rc;
}

/* Whether a session on deck_id finds cards at t, when the day begins. */
static int
cards_at(struct store *st, const struct settings *set, int64_t deck_id,
    int64_t t, bool *any, char **errmsg)
{
	struct plan p;
	struct queue_counts c;

	if (plan_at(st, set, deck_id, t, &p, errmsg) < 0)
		return -1;
	c = total_of(&p, deck_id);
	*any = c.new_cards > 0 || c.review > 0 || c.learning > 0;
	plan_free(&p);
	return 0;
}

static void
sooner(int64_t *best, int64_t t)
{
	if (t > 0 && (*best == 0 || t < *best))
		*best = t;
}

int
queue_next_due(struct store *st, const struct settings *set, int64_t deck_id,
    int64_t now, int64_t *due, char **errmsg)
{
	struct store_day day = {
		timefmt_study_day_after(now, 0, set->day_starts_at),
		timefmt_study_day_after(now, 1, set->day_starts_at),
	};
	int64_t learn, later;
	bool waiting;

	*due = 0;
	/* A learning card later today: shown learn-ahead before its step;
	 * one already inside the learn-ahead (left by a custom session,
	 * which shows each card once) at its step's end. */
	if (store_next_due(st, deck_id, true, now, day.end, &day, &learn,
		errmsg) < 0)
		return -1;
	if (learn != 0)
		sooner(due, learn - QUEUE_LEARN_AHEAD > now ? learn - QUEUE_LEARN_AHEAD
							    : learn);
	/* A card due on a later day: shown from that day's start. */
	if (store_next_due(st, deck_id, false, day.end - 1, TIMEFMT_MAX_MS + 1,
		&day, &later, errmsg) < 0)
		return -1;
	if (later != 0)
		sooner(due, timefmt_day_start(
				timefmt_study_day(later, set->day_starts_at),
				set->day_starts_at));
	/* Cards held back by today's limits, or buried, come tomorrow (and
	 * those due tomorrow are counted at its start too). */
	if (cards_at(st, set, deck_id, day.end, &waiting, errmsg) < 0)
		return -1;
	if (waiting)
		sooner(due, day.end);
	return 0;
}

void
queue_format_wait(int64_t now, int64_t due, char *buf, size_t n)
{
	char in[32], when[48];
	time_t tn = (time_t)(now / 1000), td = (time_t)(due / 1000);
	struct tm a, b, t;
	time_t next;

	if (due <= now) {
		snprintf(buf, n, "now");
		return;
	}
	if (fsrs_format_interval(due - now, in, sizeof(in)) != 0)
		snprintf(in, sizeof(in), "?");
	localtime_r(&tn, &a);
	localtime_r(&td, &b);
	/* the calendar day after now's, whatever DST does */
	t = a;
	t.tm_mday++;
	t.tm_hour = 12;
	t.tm_min = t.tm_sec = 0;
	t.tm_isdst = -1;
	next = mktime(&t);
	localtime_r(&next, &t);
	if (a.tm_year == b.tm_year && a.tm_yday == b.tm_yday)
		strftime(when, sizeof(when), "today %H:%M", &b);
	else if (t.tm_year == b.tm_year && t.tm_yday == b.tm_yday)
		strftime(when, sizeof(when), "tomorrow %H:%M", &b);
	else if (a.tm_year == b.tm_year)
		strftime(when, sizeof(when), "%a %d %b %H:%M", &b);
	else
		strftime(when, sizeof(when), "%a %d %b %Y", &b);
	snprintf(buf, n, "in %s (%s)", in, when);
}
