/*
 * store.h - the collection: one SQLite file holding decks, cards, the review
 * log and settings.  This module is the only one that speaks SQL.
 *
 * Every function returning int returns 0 on success and -1 on failure, with
 * a message in *errmsg (allocated, the caller frees; errmsg may be NULL).
 * Times are milliseconds since the epoch.  Strings passed in are only read
 * during the call.  A card filled by the store owns its strings (card.h);
 * the caller card_clear()s it.
 */
#ifndef REHEARSE_STORE_H
#define REHEARSE_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/card.h"

/* The schema version this program writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 12

struct store;

/*
 * Opens (creating if needed, mode 0600) the collection at path and brings its
 * schema up to date.  ":memory:" gives a private in-memory collection.  A
 * file written by a newer rehearse is refused and left untouched.  The
 * directory must exist.  On failure *out is NULL.
 */
int store_open(const char *path, struct store **out, char **errmsg);
void store_close(struct store *st);

/* True when the collection is new: it holds no card, deck or answer,
 * and never held a card that was deleted. */
int store_is_empty(struct store *st, bool *empty, char **errmsg);

/*
 * Transactions.  Every write below that is not inside an explicit
 * transaction commits on its own.  store_rollback never fails visibly.
 */
int store_begin(struct store *st, char **errmsg);
int store_commit(struct store *st, char **errmsg);
void store_rollback(struct store *st);

/*
 * Around a large write (an import): store_bulk_begin, outside any
 * transaction, moves the collection from WAL to a rollback journal when no
 * other connection has it open, which halves what a big import writes;
 * store_bulk_end, after the commit or rollback, moves it back.  Neither
 * fails: without the switch the write simply runs in WAL.  While switched,
 * another process that opens the collection cannot read alongside the
 * import as WAL allows: it waits for the commit (up to the busy timeout of
 * store_open, 5 seconds) and is told the collection is locked after that.
 */
void store_bulk_begin(struct store *st);
void store_bulk_end(struct store *st);

/* The answers of one quarter of an hour (slot: time / 900000 ms, rounded
 * down) by the card's kind before the answer, l (new, learning or
 * relearning), y (review, its interval under 21 days) or m (21 days or
 * more), and rating, Again to Easy: l1..l4, y1..y4, m1..m4. */
#define STORE_SLOT_MS 900000
struct store_slot_counts {
	int64_t deck_id; /* of a deck's counts (review_deck_slots); else 0 */
	int64_t slot;
	int64_t n[12];
};

/* Counts given in turn: next fills *c and returns true, or returns false
 * at the end.  The collection's slots (deck_id 0) come first, then each
 * deck's, the decks in order of id, each slot once, in order. */
struct store_slot_source {
	bool (*next)(void *ctx, struct store_slot_counts *c);
	void *ctx;
};

/*
 * Around writing n answers to ncards cards inside one transaction (a
 * review log's import): when n is large beside the log,
 * store_reviews_bulk_begin drops the log's indexes (but the one of its
 * (card_id, time) uniqueness) and the triggers that count the answers per
 * slot, and when ncards is large beside the cards, the cards' indexes on
 * their schedules and suspension; store_reviews_bulk_end, before the
 * commit, builds the indexes again and counts the slots anew from the
 * log, once, or takes them from given: the whole log's, which the caller
 * counted as it wrote a log empty before (given NULL: count anew).  After
 * a failure, roll back (which brings everything back) and call
 * store_reviews_bulk_cancel.  Both return 0, or -1 with *errmsg.
 */
int store_reviews_bulk_begin(struct store *st, size_t n, size_t ncards,
    char **errmsg);
int store_reviews_bulk_end(struct store *st,
    const struct store_slot_source *given, char **errmsg);
void store_reviews_bulk_cancel(struct store *st);

/*
 * Writing many answers and schedules inside one transaction (a replay),
 * many rows a statement.  store_batch_review queues an answer as
 * store_review_insert writes it (its id is not set), store_batch_sched a
 * card's new schedule as store_card_set_sched writes it; each writes its
 * queue when it is full.  store_batch_flush writes what is queued: until
 * then a queued row is not in the collection, for any reading, so flush
 * before reading what was queued and before the commit.  The batch
 * belongs to the caller, who frees it with store_batch_free (which drops
 * what is still queued) before closing st.  The writers return 0, or -1
 * with *errmsg: roll back then.
 */
struct store_batch;
struct store_batch *store_batch_new(struct store *st);
void store_batch_free(struct store_batch *b);
int store_batch_review(struct store_batch *b, const struct review *r,
    char **errmsg);
int store_batch_sched(struct store_batch *b, int64_t card_id,
    const struct sched *s, char **errmsg);
int store_batch_flush(struct store_batch *b, char **errmsg);

/*
 * Around writing many cards inside one transaction (an import):
 * store_cards_bulk_begin stops the full-text index, and the answers
 * counted per deck, from following the cards added from now on (those
 * there were still keep them in step), and store_cards_bulk_end, before
 * the commit, adds the new cards to them in one statement each.  When
 * large (a large input) and the collection holds few cards, the index of
 * the questions is dropped meanwhile and built once at the end: thousands
 * of cards would each insert at a random place in it.  After a failure,
 * roll back (which brings everything back) and call
 * store_cards_bulk_cancel.  Both return 0, or -1 with *errmsg.
 */
int store_cards_bulk_begin(struct store *st, bool large, char **errmsg);
int store_cards_bulk_end(struct store *st, char **errmsg);
void store_cards_bulk_cancel(struct store *st);

/* ---- decks ---- */

struct deck_info {
	int64_t id;
	char *name;
	int64_t cards;
};

/* The id of the deck named name, creating it when create is true; *id is 0
 * when it does not exist and create is false.  A new deck's name is UTF-8,
 * not blank and without control characters, else refused with a reason. */
int store_deck_id(struct store *st, const char *name, bool create, int64_t *id,
    char **errmsg);
/* 0 when name may be a new deck's name: UTF-8, not blank, no control
 * character (which would reach the terminal in every list of decks); else
 * -1 and *errmsg says why.  For checking an option before any work. */
int store_deck_name_check(const char *name, char **errmsg);
/* All decks by name.  *decks is an array the caller frees with
 * store_decks_free. */
int store_decks(struct store *st, struct deck_info **decks, size_t *n,
    char **errmsg);
/* The same decks in the same order, but each one's cards is only 1 (it
 * has cards) or 0: quicker, none of them counted. */
int store_decks_brief(struct store *st, struct deck_info **decks, size_t *n,
    char **errmsg);
void store_decks_free(struct deck_info *decks, size_t n);

/* ---- cards ---- */

/*
 * Looks a card up by external id.  *found tells whether it exists; when it
 * does and out is not NULL, out is filled (and owns its strings).
 */
int store_card_by_ext(struct store *st, const char *ext_id, struct card *out,
    bool *found, char **errmsg);
int store_card_get(struct store *st, int64_t id, struct card *out, char **errmsg);
/* Only the scheduling state of card id (an error when there is none), and
 * its deck's id in *deck_id (deck_id may be NULL). */
int store_card_sched(struct store *st, int64_t id, struct sched *out,
    int64_t *deck_id, char **errmsg);
/* Every card's ext_id (valid during the call) and id, in no set order. */
typedef void (*store_card_id_fn)(const char *ext_id, int64_t id, void *ctx);
int store_card_ids(struct store *st, store_card_id_fn fn, void *ctx,
    char **errmsg);
/* The id of the card with external id ext_id; 0 when there is none.  Reads
 * only the ext_id index, so it is the cheap way to resolve ids in bulk. */
int store_card_id_by_ext(struct store *st, const char *ext_id, int64_t *id,
    char **errmsg);

/* Inserts c (ext_id, deck_id, question, answer, tips, tags and s) and sets
 * c->id.  now is its creation time. */
int store_card_insert(struct store *st, struct card *c, int64_t now, char **errmsg);
/* Replaces the text of card c->id (deck_id, question, answer, tips, tags);
 * its scheduling and history are kept.  *changed tells whether anything
 * differed (may be NULL). */
int store_card_update_text(struct store *st, const struct card *c, int64_t now,
    bool *changed, char **errmsg);
/* Replaces the scheduling state of card id. */
int store_card_set_sched(struct store *st, int64_t id, const struct sched *s,
    char **errmsg);
int store_card_set_suspended(struct store *st, int64_t id, bool on, char **errmsg);
int store_card_set_flagged(struct store *st, int64_t id, bool on, char **errmsg);
/* Buries card id until the given time (0 unburies). */
int store_card_set_buried(struct store *st, int64_t id, int64_t until, char **errmsg);

/*
 * Calls fn for every card of deck_id (0 for all decks), in deck name then
 * card id order, with deck names filled in.  The card passed, strings
 * included, is valid only during the call (card_copy keeps one).  A
 * non-zero return from fn stops the walk and is returned (fn sets *errmsg
 * itself if it wants a message).
 */
typedef int (*store_card_fn)(const struct card *c, void *ctx, char **errmsg);
int store_cards_foreach(struct store *st, int64_t deck_id, store_card_fn fn,
    void *ctx, char **errmsg);

/* ---- the review log ---- */

/*
 * Records an answer in one transaction: appends r (r->id is set) and sets
 * the card's scheduling state to after.  Committed when it returns 0, unless
 * called inside an explicit transaction.
 */
int store_answer(struct store *st, struct review *r, const struct sched *after,
    char **errmsg);
/*
 * Appends r to the review log (r->id is set) and leaves the card alone: for
 * replaying a history, which sets the card's state once at the end with
 * store_card_set_sched.  Meant for use inside an explicit transaction.
 */
int store_review_insert(struct store *st, struct review *r, char **errmsg);
/*
 * Takes back review review_id: the card returns to the state stored with the
 * review, and the review row is removed.  out, when not NULL, receives the
 * restored card.
 */
int store_undo(struct store *st, int64_t review_id, struct card *out, char **errmsg);
/* Whether the review log holds no answer at all, in *empty. */
int store_log_empty(struct store *st, bool *empty, char **errmsg);

/* Whether a review of card_id at time exists already. */
int store_review_exists(struct store *st, int64_t card_id, int64_t time,
    bool *exists, char **errmsg);

/* Calls fn for every review, in time order (then id).  ext_id is the card's.
 * Only the review's id, card_id, time, rating, state and duration are
 * read; its before state is left zero. */
typedef int (*store_review_fn)(const struct review *r, const char *ext_id,
    void *ctx, char **errmsg);
int store_reviews_foreach(struct store *st, store_review_fn fn, void *ctx,
    char **errmsg);
/*
 * Calls fn for every answer in the review log, in time order, with only
 * what the optimizer needs (cheaper than store_reviews_foreach).  A
 * non-zero return from fn stops the walk and is returned.
 */
struct store_answer {
	int64_t id, card_id, time;
	int rating; /* 1-4 */
	int state;  /* the card's state before the answer (enum card_state) */
};
typedef int (*store_answer_fn)(const struct store_answer *a, void *ctx,
    char **errmsg);
int store_answers_foreach(struct store *st, store_answer_fn fn, void *ctx,
    char **errmsg);
/* Calls fn for every card reset to new, with the time of its last reset
 * (its answers until then are from before). */
typedef void (*store_reset_fn)(int64_t card_id, int64_t reset_at, void *ctx);
int store_card_resets_foreach(struct store *st, store_reset_fn fn, void *ctx,
    char **errmsg);
/* Removes every review of card_id and leaves the card alone: for rewriting
 * a history, inside an explicit transaction. */
int store_card_reviews_delete(struct store *st, int64_t card_id, char **errmsg);
/* The reviews of one card in time order; *out is an array the caller frees. */
int store_card_reviews(struct store *st, int64_t card_id, struct review **out,
    size_t *n, char **errmsg);

/* ---- settings (text values; meaning and validation live in settings.c) ---- */

/* *value is NULL when the key is not set; otherwise the caller frees it. */
int store_setting_get(struct store *st, const char *key, char **value, char **errmsg);
/* value NULL removes the key. */
int store_setting_set(struct store *st, const char *key, const char *value,
    char **errmsg);

/* ---- the queue's questions ---- */

/*
 * A study day as the queue hands it to the store: the instants at which
 * today begins and ends (timefmt.h).  A learning card last answered before
 * start is an interday learning card: it is due by the day, counted and
 * picked with the reviews; one answered since start is due at its time.
 */
struct store_day {
	int64_t start, end;
};

/* Counts of one deck's cards available at time now (not suspended, not
 * buried past now). */
struct store_counts {
	int64_t deck_id;
	int64_t new_cards;    /* state New, at most new_cap */
	int64_t learning_due; /* intraday Learning/Relearning due <= learn_until */
	int64_t review_due;   /* Review and interday learning due before day.end,
	                       * at most review_cap */
};
/* The caps keep a huge deck as cheap to count as the daily limit. */
int store_counts_deck(struct store *st, int64_t deck_id, int64_t now,
    int64_t learn_until, const struct store_day *day, int64_t new_cap,
    int64_t review_cap, struct store_counts *out, char **errmsg);

/* Answers given in [day->start, day->end), per deck: those to New cards
 * and those the review limit counts (Review and interday learning cards).
 * Decks without answers have no row.  *out: the caller frees. */
struct store_done {
	int64_t deck_id;
	int64_t new_done;
	int64_t review_done;
};
int store_done_by_deck(struct store *st, const struct store_day *day,
    struct store_done **out, size_t *n, char **errmsg);

/* The first intraday learning card of deck_id (0: all) due <= until, by
 * due then id; the first New card of deck_id (> 0) in the order cards were
 * added.  *id is 0 when there is none. */
int store_first_learning(struct store *st, int64_t deck_id, int64_t now,
    int64_t until, const struct store_day *day, int64_t *id, char **errmsg);
int store_first_new(struct store *st, int64_t deck_id, int64_t now, int64_t *id,
    char **errmsg);

/* A card the reviews of today can be picked from. */
struct store_candidate {
	int64_t id, deck_id, due;
};
/* Every Review and interday learning card of deck_id (0: all) due before
 * day->end and not buried past now.  *out: the caller frees. */
int store_review_candidates(struct store *st, int64_t deck_id, int64_t now,
    const struct store_day *day, struct store_candidate **out, size_t *n,
    char **errmsg);

/* The earliest due in (after, before) of a card of deck_id (0: all) that
 * is not suspended: of intraday learning cards only (since day->start)
 * when learning, else of any card not new.  0 when there is none. */
int store_next_due(struct store *st, int64_t deck_id, bool learning,
    int64_t after, int64_t before, const struct store_day *day, int64_t *due,
    char **errmsg);

/* The cards of deck_id tagged "leech" (session.h), suspended or not. */
int store_count_leeches(struct store *st, int64_t deck_id, int64_t *n,
    char **errmsg);

/* ---- maintenance ---- */

/*
 * Integrity check: SQLite's own, foreign keys, and the program's invariants
 * (states, ratings, times, ids).  Each problem found is appended to
 * *problems (an array of allocated strings, caller frees each and the
 * array); returns -1 only when the check itself could not run.
 */
int store_check(struct store *st, char ***problems, size_t *n, char **errmsg);

#endif
