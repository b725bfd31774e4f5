/*
 * queue.h - today's queue: the daily limits and the order in which cards
 * are shown, study day by study day (the day boundary is timefmt.h's).
 * It asks the store for candidates and never reads the clock: now is
 * always passed in.
 */
#ifndef REHEARSE_QUEUE_H
#define REHEARSE_QUEUE_H

#include <stddef.h>
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

/* What is left to do today in one deck (or all). */
struct queue_counts {
	int64_t deck_id;   /* 0 for the total */
	int64_t new_cards; /* within the remaining daily new limit */
	int64_t learning;  /* learning cards due now */
	int64_t review;    /* within the remaining daily review limit */
};

/*
 * The counts per deck (one row per deck with cards, by deck id) and the
 * total, at time now.  A deck's new and review counts are capped by what is
 * left of the collection's daily limits; the total is capped too, so that it
 * equals what a session over all decks will show.  *rows: caller frees.
 */
int queue_counts(struct store *st, const struct settings *set, int64_t now,
    struct queue_counts **rows, size_t *n, struct queue_counts *total,
    char **errmsg);

/* The counts of one deck (0: all), as a session on it would show them. */
int queue_counts_deck(struct store *st, const struct settings *set,
    int64_t deck_id, int64_t now, struct queue_counts *out, char **errmsg);

/*
 * When the next card of deck_id (0: all) can be studied, for when nothing
 * is left now: the earliest learning or review card due after now, or the
 * next day boundary if that comes first and cards wait for it (held back by
 * today's limits, or buried).  *due is 0 when nothing is scheduled at all.
 */
int queue_next_due(struct store *st, const struct settings *set,
    int64_t deck_id, int64_t now, int64_t *due, char **errmsg);

/*
 * The next card to show for deck_id (0: all) at now, or *card_id 0 when
 * nothing is left today (learn-ahead included).  since_new counts the
 * cards answered in this session since the last new card (or since it
 * began); it spreads new cards evenly among reviews.
 */
int queue_next(struct store *st, const struct settings *set, int64_t deck_id,
    int64_t now, long since_new, int64_t *card_id, char **errmsg);

#endif
