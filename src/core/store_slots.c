/*
 * store_slots.c - review_slots and review_deck_slots (store_private.h)
 * counted anew from the log in one walk over its index on time: each slot
 * is complete when the next begins, and is written then, in order.  The
 * deck of each answer is its card's, looked up in memory.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/store_private.h"
#include "core/util.h"

/* Card ids below this are looked up in an array of one entry each (4
 * bytes); a collection whose ids go further has its decks counted in
 * SQL, which is slower. */
#define DENSE_IDS_MAX (1 << 22)

/* The counts of one slot: the collection's and each deck's. */
struct walk {
	int64_t slot;
	int64_t n[12];     /* l1..l4, y1..y4, m1..m4 */
	int64_t *deck_ids; /* the decks, in increasing order */
	size_t n_decks;
	uint32_t *card_deck;   /* card id -> 1 + its deck's index (0: none) */
	int64_t n_ids;         /* card_deck's entries: ids 0 .. n_ids - 1 */
	int64_t (*deck_n)[12]; /* per deck index */
	bool *in_slot;         /* per deck index: counted in this slot */
	uint32_t *touched;     /* those deck indexes */
	size_t n_touched;
	sqlite3_stmt *put, *put_deck;
};

static int
prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, char **errmsg)
{
	if (sqlite3_prepare_v2(store_sqlite(st), sql, -1, stmt, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "counting the answers");
	return 0;
}

/* The index of deck id in w->deck_ids (there, as the cards name only
 * decks there are), or w->n_decks. */
static size_t
deck_index(const struct walk *w, int64_t id)
{
	size_t lo = 0, hi = w->n_decks;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (w->deck_ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < w->n_decks && w->deck_ids[lo] == id ? lo : w->n_decks;
}

/* Reads the decks and the deck of every card; *dense false (nothing
 * read) when the card ids reach past DENSE_IDS_MAX. */
static int
load_decks(struct store *st, struct walk *w, bool *dense, char **errmsg)
{
	sqlite3_stmt *stmt = NULL;
	size_t cap = 0;
	int64_t max_id;
	int rc;

	if (store_pragma_int(st, "SELECT coalesce(max(id), 0) FROM cards",
		&max_id, errmsg) < 0)
		return -1;
	*dense = max_id < DENSE_IDS_MAX;
	if (!*dense)
		return 0;
	if (prepare(st, "SELECT id FROM decks ORDER BY id", &stmt, errmsg) < 0)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		w->deck_ids = xgrow(w->deck_ids, &cap, w->n_decks + 1,
		    sizeof(*w->deck_ids));
		w->deck_ids[w->n_decks++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE ||
	    prepare(st, "SELECT id, deck_id FROM cards INDEXED BY cards_deck",
		&stmt, errmsg) < 0)
		return rc != SQLITE_DONE ? store_sql_error(st, errmsg,
					       "counting the answers")
		                         : -1;
	w->n_ids = max_id + 1;
	w->card_deck = xcalloc((size_t)w->n_ids, sizeof(*w->card_deck));
	w->deck_n = xcalloc(w->n_decks, sizeof(*w->deck_n));
	w->in_slot = xcalloc(w->n_decks, sizeof(*w->in_slot));
	w->touched = xcalloc(w->n_decks, sizeof(*w->touched));
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(stmt, 0);
		size_t d = deck_index(w, sqlite3_column_int64(stmt, 1));

		if (id >= 0 && d < w->n_decks)
			w->card_deck[id] = (uint32_t)d + 1;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? 0 : store_sql_error(st, errmsg, "counting the answers");
}

static int
put_counts(struct store *st, sqlite3_stmt *ins, int first, const int64_t *n,
    char **errmsg)
{
	for (int i = 0; i < 12; i++)
		sqlite3_bind_int64(ins, first + i, n[i]);
	return store_exec_done(st, ins, errmsg, "counting the answers");
}

/* Writes the slot's counts, the collection's and each deck's, and clears
 * them. */
static int
put_slot(struct store *st, struct walk *w, char **errmsg)
{
	sqlite3_bind_int64(w->put, 1, w->slot);
	if (put_counts(st, w->put, 2, w->n, errmsg) < 0)
		return -1;
	memset(w->n, 0, sizeof(w->n));
	for (size_t i = 0; i < w->n_touched; i++) {
		uint32_t d = w->touched[i];

		sqlite3_bind_int64(w->put_deck, 1, w->deck_ids[d]);
		sqlite3_bind_int64(w->put_deck, 2, w->slot);
		if (put_counts(st, w->put_deck, 3, w->deck_n[d], errmsg) < 0)
			return -1;
		memset(w->deck_n[d], 0, sizeof(w->deck_n[d]));
		w->in_slot[d] = false;
	}
	w->n_touched = 0;
	return 0;
}

/* Counts the answer in cell of card_id in the slot, the deck's too when
 * the decks are counted here. */
static void
count(struct walk *w, int cell, int64_t card_id)
{
	uint32_t d;

	w->n[cell]++;
	if (w->card_deck == NULL || card_id < 0 || card_id >= w->n_ids ||
	    w->card_deck[card_id] == 0)
		return;
	d = w->card_deck[card_id] - 1;
	if (!w->in_slot[d]) {
		w->in_slot[d] = true;
		w->touched[w->n_touched++] = d;
	}
	w->deck_n[d][cell]++;
}

static int
walk_log(struct store *st, struct walk *w, char **errmsg)
{
	sqlite3_stmt *sel;
	bool any = false;
	int step;

	if (prepare(st, "SELECT time, state, rating, prev_scheduled_days, card_id"
			" FROM reviews ORDER BY time",
		&sel, errmsg) < 0)
		return -1;
	while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
		int64_t t = sqlite3_column_int64(sel, 0);
		int64_t slot = t / STORE_SLOT_MS - (t % STORE_SLOT_MS < 0);
		int state = sqlite3_column_int(sel, 1);
		int rating = sqlite3_column_int(sel, 2);
		int kind = state != 2                          ? 0
		           : sqlite3_column_int64(sel, 3) < 21 ? 1
		                                               : 2;

		if (any && slot != w->slot && put_slot(st, w, errmsg) < 0) {
			sqlite3_finalize(sel);
			return -1;
		}
		any = true;
		w->slot = slot;
		if (rating >= 1 && rating <= 4)
			count(w, kind * 4 + rating - 1, sqlite3_column_int64(sel, 4));
	}
	sqlite3_finalize(sel);
	if (step != SQLITE_DONE)
		return store_sql_error(st, errmsg, "counting the answers");
	return any ? put_slot(st, w, errmsg) : 0;
}

int
store_slots_fill(struct store *st, char **errmsg)
{
	struct walk w = { 0 };
	bool dense = false;
	int rc = -1;

	if (store_exec_sql(st, "DELETE FROM review_slots;"
			       "DELETE FROM review_deck_slots;",
		errmsg, "counting the answers") < 0 ||
	    load_decks(st, &w, &dense, errmsg) < 0)
		goto out;
	if (prepare(st, "INSERT INTO review_slots (slot, " STORE_SLOT_COLS ")"
			" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		&w.put, errmsg) < 0 ||
	    (dense && prepare(st, STORE_DECK_SLOTS_INTO "VALUES (?, ?, ?, ?, ?, ?,"
							" ?, ?, ?, ?, ?, ?, ?, ?)",
			  &w.put_deck, errmsg) < 0))
		goto out;
	rc = walk_log(st, &w, errmsg);
	if (rc == 0 && !dense)
		rc = store_exec_sql(st, STORE_DECK_SLOTS_FILL, errmsg,
		    "counting the answers");
out:
	sqlite3_finalize(w.put);
	sqlite3_finalize(w.put_deck);
	free(w.deck_ids);
	free(w.card_deck);
	free(w.deck_n);
	free(w.in_slot);
	free(w.touched);
	return rc;
}
