#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/queue.h"
#include "core/settings.h"
#include "core/timefmt.h"
#include "core/util.h"

int
queue_elapsed_days(int64_t last, int64_t now, int day_starts_at)
{
	int64_t d;

	if (last <= 0 || now <= last)
		return 0;
	d = timefmt_study_day(now, day_starts_at) -
	    timefmt_study_day(last, day_starts_at);
	return d > 0 ? (int)(d > 1000000 ? 1000000 : d) : 0;
}

void
queue_place_due(struct sched *s, int64_t t, int day_starts_at)
{
	int64_t span = s->due - t, start, day, end, due;

	if (s->scheduled_days <= 0 || span <= 0 || span % MS_PER_DAY != 0)
		return;
	start = timefmt_study_day_after(t, 0, day_starts_at);
	day = timefmt_study_day_after(t, span / MS_PER_DAY, day_starts_at);
	end = timefmt_study_day_after(t, span / MS_PER_DAY + 1, day_starts_at);
	due = timefmt_add(day, t - start);
	s->due = due < end ? due : end - 1;
}

/* What is left of today's limits. */
struct left {
	int64_t day_end;
	int64_t new_cards;
	int64_t reviews;
};

static int
limits_left(struct store *st, const struct settings *set, int64_t now,
    struct left *l, char **errmsg)
{
	int64_t start = timefmt_study_day_after(now, 0, set->day_starts_at);
	int64_t new_done, review_done;

	l->day_end = timefmt_study_day_after(now, 1, set->day_starts_at);
	if (store_done_between(st, start, l->day_end, &new_done, &review_done,
		errmsg) < 0)
		return -1;
	l->new_cards = set->new_per_day - new_done;
	l->reviews = set->reviews_per_day - review_done;
	if (l->new_cards < 0)
		l->new_cards = 0;
	if (l->reviews < 0)
		l->reviews = 0;
	return 0;
}

static int64_t
min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

static int
counts(struct store *st, const struct settings *set, int64_t deck_id,
    int64_t now, struct queue_counts **rows, size_t *n,
    struct queue_counts *total, char **errmsg)
{
	struct store_counts *sc;
	struct queue_counts *v;
	struct left l;
	size_t ns;

	*rows = NULL;
	*n = 0;
	memset(total, 0, sizeof(*total));
	if (limits_left(st, set, now, &l, errmsg) < 0 ||
	    store_counts(st, deck_id, now, timefmt_add(now, QUEUE_LEARN_AHEAD), l.day_end,
		l.new_cards, l.reviews, &sc, &ns, errmsg) < 0)
		return -1;
	v = xcalloc(ns ? ns : 1, sizeof(*v));
	for (size_t i = 0; i < ns; i++) {
		v[i].deck_id = sc[i].deck_id;
		v[i].new_cards = min64(sc[i].new_cards, l.new_cards);
		v[i].learning = sc[i].learning_due;
		v[i].review = min64(sc[i].review_due, l.reviews);
		total->new_cards += v[i].new_cards;
		total->learning += v[i].learning;
		total->review += v[i].review;
	}
	total->deck_id = deck_id;
	total->new_cards = min64(total->new_cards, l.new_cards);
	total->review = min64(total->review, l.reviews);
	free(sc);
	*rows = v;
	*n = ns;
	return 0;
}

int
queue_counts(struct store *st, const struct settings *set, int64_t now,
    struct queue_counts **rows, size_t *n, struct queue_counts *total,
    char **errmsg)
{
	return counts(st, set, 0, now, rows, n, total, errmsg);
}

int
queue_counts_deck(struct store *st, const struct settings *set, int64_t deck_id,
    int64_t now, struct queue_counts *out, char **errmsg)
{
	struct queue_counts *rows;
	size_t n;

	if (counts(st, set, deck_id, now, &rows, &n, out, errmsg) < 0)
		return -1;
	free(rows);
	return 0;
}

/* The first card of a pick, or 0. */
static int
pick_one(struct store *st, enum store_pick what, int64_t deck_id, int64_t now,
    int64_t until, int64_t *id, char **errmsg)
{
	int64_t *ids;
	size_t n;

	*id = 0;
	if (store_pick(st, what, deck_id, now, until, 1, &ids, &n, errmsg) < 0)
		return -1;
	if (n > 0)
		*id = ids[0];
	free(ids);
	return 0;
}

int
queue_next(struct store *st, const struct settings *set, int64_t deck_id,
    int64_t now, long since_new, int64_t *card_id, char **errmsg)
{
	struct queue_counts c;
	int64_t id;

	*card_id = 0;
	/* Learning cards whose step has passed come first. */
	if (pick_one(st, STORE_PICK_LEARNING, deck_id, now, now, &id, errmsg) < 0)
		return -1;
	if (id != 0) {
		*card_id = id;
		return 0;
	}
	if (queue_counts_deck(st, set, deck_id, now, &c, errmsg) < 0)
		return -1;
	if (c.review > 0 || c.new_cards > 0) {
		/* New cards are spread evenly among the reviews.  With n new
		 * cards and r reviews left, the since_new + r reviews around
		 * them make n + 1 equal stretches, the last one after the
		 * last new card: a new card is due once since_new reaches
		 * (since_new + r) / (n + 1), that is since_new * n >= r. */
		bool take_new = c.new_cards > 0 &&
		                (int64_t)since_new * c.new_cards >= c.review;
		if (take_new)
			return pick_one(st, STORE_PICK_NEW, deck_id, now, 0, card_id,
			    errmsg);
		return pick_one(st, STORE_PICK_REVIEW, deck_id, now,
		    timefmt_study_day_after(now, 1, set->day_starts_at), card_id,
		    errmsg);
	}
	/* Nothing else left: learning cards due soon are shown early. */
	return pick_one(st, STORE_PICK_LEARNING, deck_id, now,
	    timefmt_add(now, QUEUE_LEARN_AHEAD), card_id, errmsg);
}

int
queue_next_due(struct store *st, const struct settings *set, int64_t deck_id,
    int64_t now, int64_t *due, char **errmsg)
{
	int64_t day_end = timefmt_study_day_after(now, 1, set->day_starts_at);
	struct store_counts *sc;
	bool waiting = false;
	size_t n;

	if (store_next_due(st, deck_id, now, due, errmsg) < 0)
		return -1;
	/* Counted as the next day starts, so that buried cards count too. */
	if (store_counts(st, deck_id, day_end, day_end, day_end, 1, 1, &sc, &n,
		errmsg) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		waiting = waiting || sc[i].new_cards > 0 || sc[i].review_due > 0;
	free(sc);
	if (waiting && (*due == 0 || day_end < *due))
		*due = day_end;
	return 0;
}
