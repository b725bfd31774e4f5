/*
 * optimize_load.c - the optimizer's items from the collection's review
 * log: the answers of each card (of one deck or all), with their study
 * days (day-starts-at, local time), through the store's functions.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/optimize_load.h"
#include "core/timefmt.h"
#include "core/util.h"

/* One answer, in the order the log gives them (time order): 16 bytes, as
 * a million are held at once; its rating and whether it was a learning
 * answer are in the loader's flags, at the same index. */
struct row {
	int64_t time;
	int32_t day;
	uint32_t card; /* the card's id: a collection numbers them from 1 */
};

/* A row's flags: its rating, and FLAG_LEARNING. */
#define FLAG_LEARNING 8
_Static_assert(sizeof(struct row) == 16, "a row of the log in 16 bytes");

/* A card reset to new: its answers until `at` are not its history. */
struct reset {
	int64_t card, at;
};

struct loader {
	struct row *rows;
	uint8_t *flags; /* of each row */
	size_t n, cap, cap_flags;
	struct reset *resets; /* sorted by card */
	size_t n_resets, cap_resets;
	int64_t *deck_cards; /* sorted; NULL: every card */
	size_t n_deck_cards, cap_deck_cards;
	int day_starts_at;
	int64_t day, day_from, day_to; /* the last study day seen */
};

static int
add_deck_card(const struct card *c, void *ctx, char **errmsg)
{
	struct loader *l = ctx;

	(void)errmsg;
	l->deck_cards = xgrow(l->deck_cards, &l->cap_deck_cards,
	    l->n_deck_cards, sizeof(int64_t));
	l->deck_cards[l->n_deck_cards++] = c->id;
	return 0;
}

static void
add_reset(int64_t card, int64_t at, void *ctx)
{
	struct loader *l = ctx;

	l->resets = xgrow(l->resets, &l->cap_resets, l->n_resets,
	    sizeof(*l->resets));
	l->resets[l->n_resets++] = (struct reset){ card, at };
}

/* Whether the answer of card at time t came before the card's reset. */
static bool
before_reset(const struct loader *l, int64_t card, int64_t t)
{
	size_t lo = 0, hi = l->n_resets;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->resets[mid].card < card)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->n_resets && l->resets[lo].card == card &&
	       t <= l->resets[lo].at;
}

static int
cmp_id(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return a < b ? -1 : a > b;
}

/* The study day of t; reviews come in time order, so the last day found
 * is nearly always the answer. */
static int64_t
study_day(struct loader *l, int64_t t)
{
	if (l->day_to == 0 || t < l->day_from || t >= l->day_to) {
		l->day = timefmt_study_day(t, l->day_starts_at);
		l->day_from = timefmt_study_day_after(t, 0, l->day_starts_at);
		l->day_to = timefmt_study_day_after(t, 1, l->day_starts_at);
	}
	return l->day;
}

static int
add_review(const struct store_answer *r, void *ctx, char **errmsg)
{
	struct loader *l = ctx;

	if (r->rating < RATING_AGAIN || r->rating > RATING_EASY)
		return 0;
	if (l->deck_cards != NULL &&
	    bsearch(&r->card_id, l->deck_cards, l->n_deck_cards,
		sizeof(int64_t), cmp_id) == NULL)
		return 0;
	if (l->n_resets > 0 && before_reset(l, r->card_id, r->time))
		return 0;
	if (r->card_id < 1 || r->card_id > UINT32_MAX)
		return set_error(errmsg, "review %lld: card id %lld out of range",
		    (long long)r->id, (long long)r->card_id);
	l->rows = xgrow(l->rows, &l->cap, l->n, sizeof(*l->rows));
	l->flags = xgrow(l->flags, &l->cap_flags, l->n, sizeof(*l->flags));
	l->flags[l->n] = (uint8_t)(r->rating |
				   (r->state == STATE_NEW || r->state == STATE_LEARNING
					   ? FLAG_LEARNING
					   : 0));
	l->rows[l->n++] = (struct row){
		.card = (uint32_t)r->card_id,
		.time = r->time,
		.day = (int32_t)study_day(l, r->time),
	};
	return 0;
}

static const struct row *sort_rows;

/* Answers by card, then in the log's order (time, then id). */
static int
by_card(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	uint32_t ca = sort_rows[a].card, cb = sort_rows[b].card;

	if (ca != cb)
		return ca < cb ? -1 : 1;
	return a < b ? -1 : a > b;
}

static void
make_items(struct loader *l, struct opt_items *it)
{
	uint32_t *idx = xcalloc(l->n + 1, sizeof(uint32_t));
	struct opt_answer *a = NULL;
	size_t cap = 0;

	for (size_t i = 0; i < l->n; i++)
		idx[i] = (uint32_t)i;
	sort_rows = l->rows;
	qsort(idx, l->n, sizeof(uint32_t), by_card);
	sort_rows = NULL;
	for (size_t i = 0; i < l->n;) {
		size_t j = i;

		for (; j < l->n && l->rows[idx[j]].card == l->rows[idx[i]].card;
		     j++) {
			const struct row *r = &l->rows[idx[j]];
			uint8_t f = l->flags[idx[j]];

			a = xgrow(a, &cap, j - i, sizeof(*a));
			a[j - i] = (struct opt_answer){ r->time, r->day,
				f & 7, (f & FLAG_LEARNING) != 0 };
		}
		optimize_items_add_card(it, a, j - i);
		i = j;
	}
	free(a);
	free(idx);
}

int
optimize_load(struct store *st, int64_t deck_id, int day_starts_at,
    struct opt_items *it, char **errmsg)
{
	struct loader l = { .day_starts_at = day_starts_at };
	int rc = 0;

	memset(it, 0, sizeof(*it));
	if (deck_id != 0) {
		rc = store_cards_foreach(st, deck_id, add_deck_card, &l, errmsg);
		if (rc == 0 && l.deck_cards == NULL)
			l.deck_cards = xmalloc(sizeof(int64_t)); /* none */
		if (rc == 0)
			qsort(l.deck_cards, l.n_deck_cards, sizeof(int64_t),
			    cmp_id);
	}
	if (rc == 0)
		rc = store_card_resets_foreach(st, add_reset, &l, errmsg);
	/* In card order for before_reset (cmp_id reads the first member). */
	if (rc == 0 && l.n_resets > 1)
		qsort(l.resets, l.n_resets, sizeof(*l.resets), cmp_id);
	if (rc == 0)
		rc = store_answers_foreach(st, add_review, &l, errmsg);
	if (rc == 0)
		make_items(&l, it);
	free(l.rows);
	free(l.flags);
	free(l.deck_cards);
	free(l.resets);
	/* ordered once the rows' memory is free */
	if (rc == 0)
		optimize_items_finish(it);
	return rc == 0 ? 0 : -1;
}
