/*
 * undo.h - the changes made to cards, kept so that they can be taken
 * back, the last one first, whichever screen or command made them.
 *
 * A change is recorded inside its own transaction: undo_begin reads the
 * cards it is about to change, the change is made, undo_end reads them as
 * it left them (or undo_cancel forgets it when the change is rolled
 * back).  undo_last takes the last change back in a transaction of its
 * own: every card exactly as it was (text, deck, flags, scheduling state,
 * the times of its row), a card the change added removed (and a deck it
 * made, when that is left empty), a card it deleted put back, the answer
 * it recorded removed from the log, today's new-card limit it raised put
 * back.  When another process changed one of its cards (or that limit)
 * since, nothing is done.
 *
 * A NULL log records nothing: the recording functions then do nothing
 * and succeed.  Functions returning int return 0 or -1 with an allocated
 * *errmsg.
 */
#ifndef REHEARSE_UNDO_H
#define REHEARSE_UNDO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/store.h"

enum undo_kind {
	UNDO_ANSWER,
	UNDO_BURY,
	UNDO_UNBURY,
	UNDO_SUSPEND,
	UNDO_UNSUSPEND,
	UNDO_FLAG,
	UNDO_UNFLAG,
	UNDO_EDIT,
	UNDO_DELETE,
	UNDO_MOVE,
	UNDO_RESET,
	UNDO_ADD,
	UNDO_EXTRA_NEW,
};
/* "answer", "bury", ...: what the messages call the change. */
const char *undo_kind_name(enum undo_kind k);

struct undo_log;
struct undo_log *undo_log_new(void);
void undo_log_free(struct undo_log *log);
/* The changes that can be taken back. */
size_t undo_log_count(const struct undo_log *log);

/* Starts recording a change of kind k to cards ids[0..n) (n may be 0),
 * in the change's open transaction, before it is made.  One change is
 * recorded at a time. */
int undo_begin(struct undo_log *log, struct store *st, enum undo_kind k,
    const int64_t *ids, size_t n, char **errmsg);
/* The change added card id (it was not there before). */
void undo_added(struct undo_log *log, int64_t id);
/* The change adds n new cards to today's limit of deck_id (0: every
 * deck), called name, for study day `day` (settings_extra_new): the value
 * it has now is kept, the one it has at undo_end too. */
int undo_extra_new(struct undo_log *log, struct store *st, int64_t deck_id,
    int64_t day, int64_t n, const char *name, char **errmsg);
/* The change recorded review id in the log. */
void undo_review(struct undo_log *log, int64_t review_id);
/* The change was made in a review session (its card comes back there). */
void undo_in_review(struct undo_log *log);
/* The change is made: its cards are read as it left them, and it is kept.
 * On -1 nothing is kept (the caller rolls the change back). */
int undo_end(struct undo_log *log, struct store *st, char **errmsg);
/* The change was not made: nothing is kept. */
void undo_cancel(struct undo_log *log);

/* What undo_last took back (or would have). */
struct undo_done {
	enum undo_kind kind;
	bool in_review;
	size_t n;          /* its cards */
	int64_t card_id;   /* the first of them (0: none) */
	int64_t review_id; /* the answer removed (0: none) */
	char *question;    /* the first card's question, allocated; "" none;
	                      UNDO_EXTRA_NEW: the deck's name */
	int64_t extra_new; /* UNDO_EXTRA_NEW: the new cards taken back */
};
/* The change another process made to one of the cards since. */
#define UNDO_CHANGED 1
/*
 * Takes back the last change, in one transaction: 0 when done,
 * UNDO_CHANGED when another process changed one of its cards (or its
 * new-card limit) since (then
 * nothing is changed), -1 with *errmsg on an error (nothing changed).
 * The change leaves the log in each case; *out is filled in each case
 * but when there is none (-1), and freed with undo_done_free.
 */
int undo_last(struct undo_log *log, struct store *st, struct undo_done *out,
    char **errmsg);
void undo_done_free(struct undo_done *d);

#endif
