/*
 * history.h - importing a review log: each card named in the log gets the
 * history made of its recorded reviews and the log's, replayed through the
 * scheduler in time order, so that its schedule is the one those reviews
 * would have given: from a new card, or from a schedule imported with the
 * card when the history begins after its last review (history.c,
 * first_state).  Each card is replayed under its deck's settings
 * (settings_load_deck over the settings given, weights included), as an
 * answer in a review is (queue_next_state), and an answer of the log that
 * makes it a leech does (leech.h); answers recorded before do not.  Over
 * deckio (the log) and store; no printing.
 *
 * A review already recorded (same card, time and rating) is not added
 * again, nor is one given twice in the log: importing a log twice changes
 * nothing.  The same card and time with another rating is a conflict, and
 * a time before 2000-01-01 is one in seconds: both are refused.  Every
 * card of the log must be in the collection already.
 */
#ifndef REHEARSE_HISTORY_H
#define REHEARSE_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "core/progress.h"
#include "core/settings.h"
#include "core/store.h"

struct history_counts {
	long added;    /* reviews not recorded before */
	size_t cards;  /* cards that got at least one of them */
	long recorded; /* rows of the log already recorded */
};

/*
 * Imports the review log at path ("-" for standard input) into st, in one
 * transaction: all of it or, on failure, nothing.  set gives the scheduler
 * and the day boundary; now is the time a card without reviews is taken to
 * have been added when its state says it is not new.  progress (may be
 * NULL) hears how far it is, in thousandths.  *counts (may be NULL)
 * gets what was done.  0, or -1 with an allocated *errmsg ("FILE:LINE: ..."
 * for a bad row).
 */
int history_import(struct store *st, const struct settings *set, int64_t now,
    const char *path, const struct progress *progress,
    struct history_counts *counts, char **errmsg);

/* One answer given to history_replay: card_id is the collection's. */
struct history_answer {
	int64_t card_id;
	int64_t time; /* ms */
	int rating;   /* 1..4 */
	int64_t duration;
};

/*
 * The same for answers already read (from an Anki package, named name in
 * messages), in any order, inside the caller's transaction: each card's
 * recorded reviews and these, replayed.  On failure the caller rolls back.
 */
int history_replay(struct store *st, const struct settings *set, int64_t now,
    const char *name, const struct history_answer *v, size_t n,
    struct history_counts *counts, char **errmsg);

#endif
