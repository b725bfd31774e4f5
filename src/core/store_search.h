/*
 * store_search.h - finding and managing cards in the collection: search by
 * a query (query.h) over the full-text index, the index's check and
 * rebuild, and deleting, restoring, resetting cards and renaming and
 * deleting decks.  store_search.c and store_manage.c; the conventions are
 * store.h's (0 or -1 with an allocated *errmsg).
 */
#ifndef REHEARSE_STORE_SEARCH_H
#define REHEARSE_STORE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/card.h"
#include "core/query.h"
#include "core/store.h"

/* The orders of a search's result; each ends with the card id. */
enum search_sort {
	SEARCH_SORT_ADDED,      /* the order the cards were added */
	SEARCH_SORT_DUE,        /* earliest due first */
	SEARCH_SORT_LAPSES,     /* most lapses first */
	SEARCH_SORT_DIFFICULTY, /* hardest first */
	SEARCH_SORT_QUESTION,   /* by question, letters in either case */
	SEARCH_SORT_DECK,       /* by deck name */
	SEARCH_SORT_STATE,      /* new, learning, review, relearning; then due */
};

/* What a search needs besides its query: the time (is:due, is:buried)
 * and today's study day (is:due, prop:due), in ms. */
struct search_opts {
	int64_t now;
	int64_t day_start, day_end;
	enum search_sort sort;
};

/* The ids of the cards matching q (NULL: every card), in o->sort order;
 * *ids is an array the caller frees (NULL when none). */
int store_search_ids(struct store *st, const struct query_node *q,
    const struct search_opts *o, int64_t **ids, size_t *n, char **errmsg);
/* The same cards, each passed to fn as store_cards_foreach does (deck
 * names filled in; valid only during the call). */
int store_search_cards(struct store *st, const struct query_node *q,
    const struct search_opts *o, store_card_fn fn, void *ctx, char **errmsg);

/* Whether the full-text index holds exactly the cards' text. */
int store_search_index_check(struct store *st, bool *in_step, char **errmsg);
/* Builds the full-text index again from the cards. */
int store_search_index_rebuild(struct store *st, char **errmsg);

/*
 * Deletes card id: the card goes, a record of it (id, external id, deck,
 * question) stays, so that its reviews stay in the log and its id is never
 * given to another card.  A card imported later with the same external id
 * is a new card, with a new id and no history.  now is the deletion time.
 */
int store_card_delete(struct store *st, int64_t id, int64_t now, char **errmsg);
/* Deletes cards ids[0..n) (distinct), each as store_card_delete, in one
 * transaction unless one is open; fails, deleting none, when an id is no
 * card's.  Many cards are deleted as one set, which is much faster. */
int store_cards_delete(struct store *st, const int64_t *ids, size_t n,
    int64_t now, char **errmsg);
/*
 * Puts back a card deleted by store_card_delete exactly as c holds it (id,
 * external id, deck_id, text, flags, scheduling state; created at now when
 * unknown).  Fails when the id or the external id is in use.
 */
int store_card_restore(struct store *st, const struct card *c, int64_t now,
    char **errmsg);
/* Forgets card id's scheduling: it becomes new, due at now, with its
 * reviews kept in the log. */
int store_card_reset(struct store *st, int64_t id, int64_t now, char **errmsg);
/* Moves card id to deck_id. */
int store_card_move(struct store *st, int64_t id, int64_t deck_id,
    int64_t now, char **errmsg);

/*
 * A card's whole row, for taking a change back exactly: the card (deck
 * name filled in) and the times only the store sets.
 */
struct card_row {
	struct card c;
	int64_t created, modified, reset_at;
};
/* Reads card id's row; *found false (row untouched) when there is none. */
int store_card_row_get(struct store *st, int64_t id, struct card_row *out,
    bool *found, char **errmsg);
/* Whether two rows hold the same values, column for column. */
bool store_card_row_same(const struct card_row *a, const struct card_row *b);
/*
 * Writes r back as the card's row, every column: over the card when it is
 * there, else as a new row with r's id (its deck found by name, made when
 * it has gone since, and the record of its deletion removed).
 */
int store_card_row_put(struct store *st, const struct card_row *r,
    bool exists, char **errmsg);
/* Removes card id without a record of it (it never was: an add taken
 * back); refused while it has reviews. */
int store_card_remove(struct store *st, int64_t id, char **errmsg);
/* Removes review id from the log (an answer taken back). */
int store_review_remove(struct store *st, int64_t id, char **errmsg);

/* Renames deck id; refused when another deck has the name, or when name
 * could not be a new deck's (store_deck_id). */
int store_deck_rename(struct store *st, int64_t id, const char *name,
    char **errmsg);
/* Deletes deck id and every card in it (as store_card_delete), in one
 * transaction unless one is open; *cards (may be NULL) the cards deleted. */
int store_deck_delete(struct store *st, int64_t id, int64_t now,
    int64_t *cards, char **errmsg);
/* The number of cards in deck id. */
int store_deck_count(struct store *st, int64_t id, int64_t *cards,
    char **errmsg);
/* The highest deck id (0: no deck), which a deck made later exceeds. */
int store_deck_last_id(struct store *st, int64_t *id, char **errmsg);
/* Removes the decks made after deck id that hold no card. */
int store_decks_drop_empty_after(struct store *st, int64_t id,
    char **errmsg);

#endif
