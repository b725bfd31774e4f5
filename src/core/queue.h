/*
 * queue.h - today's queue: the daily limits and the order in which cards
 * are shown, study day by study day (the day boundary is timefmt.h's).
 * It asks the store for candidates and never reads the clock: now is
 * always passed in.
 */
#ifndef REHEARSE_QUEUE_H
#define REHEARSE_QUEUE_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/store.h"

struct settings;

/* Anki's learn-ahead limit: learning cards due this soon are shown early
 * when nothing else is left. */
#define QUEUE_LEARN_AHEAD (20 * MS_PER_MINUTE)

/* Study days from last to now, as timefmt_study_day() counts them (0
 * when last is 0 or not before now; at most 1000000). */
int queue_elapsed_days(int64_t last, int64_t now, int day_starts_at);

/*
 * Puts the due of s, the state after an answer at t, on the study day it
 * belongs to: an interval of whole days (scheduled_days > 0 and due - t a
 * multiple of 24 hours, as every review interval and every step of whole
 * days is) ends on the study day that many days after the study day of t,
 * at t's time of day on the local clock (the last instant of that day when
 * a daylight-saving change makes the day too short for it).  Across a
 * daylight-saving change the due therefore moves by an hour, never to
 * another day.  In UTC, or in any zone between two changes, due is left
 * as it is (t + N x 24 hours, as ts-fsrs has it).  Other dues are left as
 * they are.
 */
void queue_place_due(struct sched *s, int64_t t, int day_starts_at);

/*
 * The state after the answer r at t (ms, in the valid range of timefmt.h)
 * to a card in state s, under the parameters p (a deck's own, settings.h):
 * fsrs_next over the study days elapsed, the due placed by
 * queue_place_due and, past 9999, at that year's end.  Both a live answer
 * and a replayed review log schedule through it.
 */
struct fsrs_params;
void queue_next_state(const struct fsrs_params *p, int day_starts_at,
    const struct sched *s, int64_t t, enum rating r, struct sched *out);
/* The same for many answers in a row: the parameters worked out once in
 * m (fsrs_model_init), the study days remembered in days (timefmt.h, set
 * up with the day_starts_at above). */
struct fsrs_model;
struct timefmt_days;
void queue_next_state_days(const struct fsrs_model *m,
    struct timefmt_days *days, const struct sched *s, int64_t t,
    enum rating r, struct sched *out);

/* What stops a count from being higher (queue_counts' new_limit and
 * review_limit). */
enum queue_limit {
	QUEUE_LIMIT_NONE,       /* no limit: these are all the cards there are */
	QUEUE_LIMIT_DECK,       /* the deck's own daily limit */
	QUEUE_LIMIT_COLLECTION, /* the collection's daily limit */
};

/* What is left to do today in one deck (or all). */
struct queue_counts {
	int64_t deck_id;   /* 0 for the total */
	int64_t new_cards; /* within the daily new limits */
	int64_t learning;  /* intraday learning cards due now (learn-ahead) */
	int64_t review;    /* reviews and interday learning cards due today,
	                    * within the daily review limits */
	enum queue_limit new_limit, review_limit;
	/* New cards are held back (new_limit) by that review limit, which
	 * counts them too, rather than by the limit of new cards. */
	bool new_by_reviews;
};

/*
 * The daily limits, as Anki's v3 scheduler has them.  Both a deck's own
 * limit (settings_load_deck; a deck without one has none of its own) and
 * the collection's apply.  Reviews and interday learning cards (learning
 * cards answered on an earlier study day) count against the review limit;
 * new cards against the new limit and the review limit both, and, as
 * reviews take precedence, only what the reviews due leave of the review
 * limit is open to them: when the review limit is reached, no new card is
 * introduced that day.
 *
 * queue_counts: one row per deck with cards, in the deck list's order,
 * each what a session on that deck alone would give now; the total is
 * what a session on all decks gives.  Rows add up to the total unless the
 * collection's limit cuts the total (its new_limit or review_limit is then
 * QUEUE_LIMIT_COLLECTION).  *rows: caller frees.
 */
int queue_counts(struct store *st, const struct settings *set, int64_t now,
    struct queue_counts **rows, size_t *n, struct queue_counts *total,
    char **errmsg);

/* The counts of one deck (0: all), as a session on it would show them. */
int queue_counts_deck(struct store *st, const struct settings *set,
    int64_t deck_id, int64_t now, struct queue_counts *out, char **errmsg);

/*
 * When the next card of deck_id (0: all) will really be shown, for when
 * nothing is left now: the soonest of a learning card due later today
 * (less the learn-ahead), the start of the study day of a card due on a
 * later day, and the next day boundary when cards wait for it (held back
 * by today's limits, or buried).  Limits that are 0 hold cards back for
 * good.  *due is 0 when nothing is scheduled at all.  Every screen and
 * command asks this.
 */
int queue_next_due(struct store *st, const struct settings *set,
    int64_t deck_id, int64_t now, int64_t *due, char **errmsg);

/* "in 17.9h (tomorrow 04:00)": a wait from now to due as every screen and
 * command writes it ("now" when due <= now), in buf of n bytes (64 is
 * enough). */
void queue_format_wait(int64_t now, int64_t due, char *buf, size_t n);

/*
 * The next card to show for deck_id (0: all) at now, or *card_id 0 when
 * nothing is left today (learn-ahead included): intraday learning cards
 * whose step has passed; then the reviews (by the study day they fell due,
 * then in an order drawn afresh each day) with the new cards spread evenly
 * among them, new cards deck by deck in the deck list's order; then, when
 * nothing else is left, learning cards due within QUEUE_LEARN_AHEAD.
 * since_new counts the cards answered in this session since the last new
 * card (or since it began).
 */
int queue_next(struct store *st, const struct settings *set, int64_t deck_id,
    int64_t now, long since_new, int64_t *card_id, char **errmsg);

#endif
