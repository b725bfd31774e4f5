/*
 * store_stats.h - what the statistics read from the collection, each from
 * an index alone (reviews_time and cards_stats), never the rows with the
 * cards' text.
 *
 * deck_id 0 means the whole collection; otherwise only the cards now in
 * that deck.  Time ranges are [from, to) in ms.  Every function returns 0,
 * or -1 with an allocated *errmsg; callbacks are called once a row, in the
 * order stated, and cannot fail.
 */
#ifndef REHEARSE_STORE_STATS_H
#define REHEARSE_STORE_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/store.h"

/* The time of the first answer in the collection; *found false when there
 * is none. */
int store_stats_first_answer(struct store *st, int64_t *time, bool *found,
    char **errmsg);

/* Answers of one span (deck_id 0: all): distinct cards, answers, Again,
 * time spent (ms). */
struct store_stats_span {
	int64_t cards, answers, again, ms;
};
int store_stats_span(struct store *st, int64_t deck_id, int64_t from,
    int64_t to, struct store_stats_span *out, char **errmsg);

/* One answer as the statistics see it. */
struct store_stats_answer {
	int64_t time;
	int64_t card_id;
	int64_t interval; /* the card's interval before the answer, days */
	int rating;
	int state; /* the card's state before the answer */
};
/* Every answer of the collection from `from` on, in time order. */
typedef void (*store_stats_answer_fn)(const struct store_stats_answer *a,
    void *ctx);
int store_stats_answers(struct store *st, int64_t from,
    store_stats_answer_fn fn, void *ctx, char **errmsg);

/* The ids of the cards of deck_id, in increasing order. */
typedef void (*store_stats_id_fn)(int64_t id, void *ctx);
int store_stats_deck_cards(struct store *st, int64_t deck_id,
    store_stats_id_fn fn, void *ctx, char **errmsg);

/* One card's scheduling, as the statistics see it. */
struct store_stats_card {
	int state;
	bool suspended;
	int64_t buried_until;
	int64_t interval; /* scheduled_days */
	double stability, difficulty;
	int64_t last_review;
};
/* Every card of deck_id (0: all). */
typedef void (*store_stats_card_fn)(const struct store_stats_card *c,
    void *ctx);
int store_stats_cards(struct store *st, int64_t deck_id,
    store_stats_card_fn fn, void *ctx, char **errmsg);

/* The due time of every learning, relearning or review card of deck_id
 * (0: all) not suspended that is due before until. */
typedef void (*store_stats_due_fn)(int64_t due, void *ctx);
int store_stats_due(struct store *st, int64_t deck_id, int64_t until,
    store_stats_due_fn fn, void *ctx, char **errmsg);

/*
 * The answers of deck_id (0: the whole collection) counted per slot of
 * store_stats_slot_ms() (a quarter of an hour, starting at a multiple of
 * it since 1970), kept in step with the log and the cards by the store: a
 * long history in thousands of rows.  Only slots with answers, in time
 * order; a deck's are those of the cards now in it, as elsewhere here.
 */
struct store_stats_slot {
	int64_t start; /* ms */
	/* answers by the card's kind before the answer (0 learning or new,
	 * 1 review with an interval under 21 days, 2 review, 21 days or
	 * more) and rating (1 to 4) */
	int64_t n[3][4];
};
typedef void (*store_stats_slot_fn)(const struct store_stats_slot *s,
    void *ctx);
int store_stats_slots(struct store *st, int64_t deck_id,
    store_stats_slot_fn fn, void *ctx, char **errmsg);
/* The length of a slot, ms. */
int64_t store_stats_slot_ms(void);

#endif
