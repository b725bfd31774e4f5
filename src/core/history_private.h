/*
 * history_private.h - what history.c (reading a review log) and
 * history_replay.c (replaying it into the collection) share.
 */
#ifndef REHEARSE_HISTORY_PRIVATE_H
#define REHEARSE_HISTORY_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "core/fsrs.h"
#include "core/history.h"
#include "core/idmap.h"
#include "core/settings.h"
#include "core/store.h"
#include "core/timefmt.h"
#include "core/util.h"

/* The highest line a row names: that line or a later one. */
#define HIST_LINE_MAX ((UINT32_C(1) << 29) - 1)

/* One review of the log, its card found: 24 bytes, as a million rows are
 * held at once. */
struct hist_row {
	int64_t card_id;
	int64_t time;
	int32_t duration;   /* ms, review_duration's: at most INT32_MAX */
	uint32_t line : 29; /* HIST_LINE_MAX: that line or a later one */
	uint32_t rating : 3;
};
_Static_assert(sizeof(struct hist_row) == 24, "a row of the log in 24 bytes");

/* A deck's settings: its cards are replayed under them. */
struct hist_deck {
	int64_t id;
	size_t index; /* in h->decks */
	struct deck_settings ds;
	struct fsrs_model model; /* of ds */
};

struct hist_job;

struct hist {
	struct store *st;
	const struct settings *set;
	int64_t now;
	struct hist_row *v; /* in order of card, time and line once read */
	size_t n, cap;
	char *file; /* the log's name, for messages after the reading */
	const struct progress *progress;
	FILE *fp;   /* the log, for how far the reading is */
	off_t size; /* its size in bytes; 0: not known */
	/* a one-entry cache: logs list a card's reviews together */
	struct strbuf last_ext; /* empty: none yet (an ext_id is never empty) */
	int64_t last_id;
	/* every card's id, for a large log (in time order, the cards come
	 * and go row after row) */
	struct idmap ids;
	bool have_ids;
	/* The replay (history_replay.c), its fields below set up there. */
	/* at set's day_starts_at, one for each worker (pipeline.h) */
	struct timefmt_days days[2];
	/* the settings of the decks met, each loaded once (each allocated:
	 * its model points into it) */
	struct hist_deck **decks;
	size_t ndecks, capdecks;
	struct store_batch *batch; /* the replay's writes */
	struct hist_job *jobs;     /* a ring of HIST_AHEAD cards */
	size_t next_row;           /* the first row of the next card to prepare */
	bool log_empty;            /* no card has a recorded review to read */
	size_t done_rows;          /* the rows of the cards consumed */
	struct history_counts *counts;
	struct hist_tally *tally; /* the answers per slot as written, or NULL */
};

/* How often the progress is reported, in rows. */
#define PROGRESS_ROWS 16384
/* The progress is in thousandths: the reading the first half, the replay
 * the second. */
#define PROGRESS_TOTAL 1000

/* Replays h->v[0..n) (ordered) as ncards cards' histories, adding to
 * counts; 0, or -1 with *errmsg.  Inside the caller's transaction.  When
 * the log was empty before and the rows span few enough slots, h->tally
 * holds after it the answers per slot, the whole log's. */
int hist_replay_cards(struct hist *h, size_t ncards,
    struct history_counts *counts, char **errmsg);
/* Frees the decks' settings the replay loaded. */
void hist_free_decks(struct hist *h);
/* Sets *src to read h->tally's counts (the collection's, then each
 * deck's) while h->tally lives; false when there is no tally, or a count
 * outgrew it: count the slots from the log. */
bool hist_tally_source(struct hist *h, struct store_slot_source *src);
/* Frees h->tally. */
void hist_tally_free(struct hist *h);

#endif
