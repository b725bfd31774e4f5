/*
 * store_slots.c - review_slots and review_deck_slots (store_private.h)
 * counted anew from the log, in C: to fill them after a large import or a
 * migration (review_slots from the writer's own counts when it has them),
 * and to check them.  One walk of the log's index on time,
 * each answer's deck its card's, looked up in memory.  A slot's counts
 * are complete when the next slot begins; they are kept in memory (56
 * bytes a slot and deck) and then written or compared deck after deck in
 * time order, which is the order of the tables' keys: a row written goes
 * at the end of its table, many rows a statement.
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
/* Rows a statement writes. */
#define BATCH 32
#define ROW_PARAMS "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"

/* One slot's counts of a deck or of the collection. */
struct slot_row {
	int64_t slot;
	uint32_t n[12]; /* l1..l4, y1..y4, m1..m4 */
};

struct slot_rows {
	struct slot_row *v;
	size_t n, cap;
};

/*
 * The walk's counters: one a deck (index d, deck_ids[d]), then the
 * collection's (index n_decks).  Each counts the current slot in n[] and
 * keeps the slots before in rows.
 */
struct walk {
	int64_t slot;
	int64_t *deck_ids; /* the decks, in increasing order */
	size_t n_decks;
	uint32_t *card_deck; /* card id -> 1 + its deck's index (0: none) */
	int64_t n_ids;       /* card_deck's entries: ids 0 .. n_ids - 1 */
	int64_t (*n)[12];    /* per counter: the current slot's counts */
	bool *in_slot;       /* per counter: counted in the current slot */
	uint32_t *touched;   /* those counters */
	size_t n_touched;
	struct slot_rows *rows; /* per counter: the slots before */
	/* [0] writes review_deck_slots, [1] review_slots: one row, BATCH */
	sqlite3_stmt *one[2], *many[2];
};

static int
prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, char **errmsg)
{
	if (sqlite3_prepare_v2(store_sqlite(st), sql, -1, stmt, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "counting the answers");
	return 0;
}

/* The statements that write rows of table t (0 the decks', 1 the
 * collection's): one row, and BATCH rows. */
static int
prepare_puts(struct store *st, struct walk *w, int t, char **errmsg)
{
	struct strbuf sql = { 0 };
	const char *row = t == 0 ? ROW_PARAMS ", ?)" : ROW_PARAMS ")";
	int rc;

	strbuf_adds(&sql, t == 0 ? STORE_DECK_SLOTS_INTO "VALUES " : "INSERT INTO review_slots (slot, " STORE_SLOT_COLS ") VALUES ");
	strbuf_adds(&sql, row);
	rc = prepare(st, strbuf_str(&sql), &w->one[t], errmsg);
	for (int i = 1; i < BATCH; i++) {
		strbuf_adds(&sql, ", ");
		strbuf_adds(&sql, row);
	}
	if (rc == 0)
		rc = prepare(st, strbuf_str(&sql), &w->many[t], errmsg);
	strbuf_free(&sql);
	return rc;
}

/* The index of deck id in w->deck_ids, or w->n_decks. */
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

static int
load_deck_ids(struct store *st, struct walk *w, char **errmsg)
{
	sqlite3_stmt *stmt;
	size_t cap = 0;
	int rc;

	if (prepare(st, "SELECT id FROM decks ORDER BY id", &stmt, errmsg) < 0)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		w->deck_ids = xgrow(w->deck_ids, &cap, w->n_decks + 1,
		    sizeof(*w->deck_ids));
		w->deck_ids[w->n_decks++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? 0 : store_sql_error(st, errmsg, "counting the answers");
}

/* Reads the decks and the deck of every card, when the card ids stay
 * below DENSE_IDS_MAX (*dense); else the walk counts no deck. */
static int
load_decks(struct store *st, struct walk *w, bool *dense, char **errmsg)
{
	sqlite3_stmt *stmt;
	int64_t max_id;
	int rc;

	if (store_pragma_int(st, "SELECT coalesce(max(id), 0) FROM cards",
		&max_id, errmsg) < 0)
		return -1;
	*dense = max_id < DENSE_IDS_MAX;
	if (!*dense)
		return 0;
	if (load_deck_ids(st, w, errmsg) < 0 ||
	    prepare(st, "SELECT id, deck_id FROM cards INDEXED BY cards_deck",
		&stmt, errmsg) < 0)
		return -1;
	w->n_ids = max_id + 1;
	w->card_deck = xcalloc((size_t)w->n_ids, sizeof(*w->card_deck));
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(stmt, 0);
		size_t d = deck_index(w, sqlite3_column_int64(stmt, 1));

		if (id >= 0 && d < w->n_decks)
			w->card_deck[id] = (uint32_t)d + 1;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? 0 : store_sql_error(st, errmsg, "counting the answers");
}

/* Binds the counts n of counter c in slot from parameter first on; the
 * next parameter's number. */
static int
bind_row(const struct walk *w, sqlite3_stmt *stmt, int first, size_t c,
    int64_t slot, const int64_t *n)
{
	if (c < w->n_decks)
		sqlite3_bind_int64(stmt, first++, w->deck_ids[c]);
	sqlite3_bind_int64(stmt, first++, slot);
	for (int k = 0; k < 12; k++)
		sqlite3_bind_int64(stmt, first++, n[k]);
	return first;
}

static int
put_one(struct store *st, struct walk *w, size_t c, int64_t slot,
    const int64_t *n, char **errmsg)
{
	sqlite3_stmt *stmt = w->one[c == w->n_decks];

	bind_row(w, stmt, 1, c, slot, n);
	return store_exec_done(st, stmt, errmsg, "counting the answers");
}

/* Binds kept row r of counter c from parameter first on; the next
 * parameter's number. */
static int
bind_kept(const struct walk *w, sqlite3_stmt *stmt, int first, size_t c,
    const struct slot_row *r)
{
	int64_t n[12];

	for (int k = 0; k < 12; k++)
		n[k] = r->n[k];
	return bind_row(w, stmt, first, c, r->slot, n);
}

/* Writes the rows kept of counter c, BATCH a statement while there are as
 * many. */
static int
put_rows(struct store *st, struct walk *w, size_t c, char **errmsg)
{
	const struct slot_rows *rows = &w->rows[c];
	sqlite3_stmt *many = w->many[c == w->n_decks];
	sqlite3_stmt *one = w->one[c == w->n_decks];
	size_t i = 0;

	while (i < rows->n) {
		sqlite3_stmt *stmt = rows->n - i >= BATCH ? many : one;
		int p = 1;

		for (size_t end = i + (stmt == many ? BATCH : 1); i < end; i++)
			p = bind_kept(w, stmt, p, c, &rows->v[i]);
		if (store_exec_done(st, stmt, errmsg, "counting the answers") < 0)
			return -1;
	}
	return 0;
}

/* Keeps the current slot's counts of counter c, or, when one is too large
 * to keep in 32 bits (never in a log of this world: 4,294,967,296 answers
 * in a quarter of an hour), writes them at once (a fill), or fails (a
 * check). */
static int
keep_row(struct store *st, struct walk *w, size_t c, char **errmsg)
{
	struct slot_rows *rows = &w->rows[c];
	struct slot_row *r;

	for (int k = 0; k < 12; k++)
		if (w->n[c][k] > UINT32_MAX && w->one[0] != NULL)
			return put_one(st, w, c, w->slot, w->n[c], errmsg);
		else if (w->n[c][k] > UINT32_MAX)
			return set_error(errmsg, "%s: more answers in a quarter of"
						 " an hour than can be checked",
			    st->path);
	rows->v = xgrow(rows->v, &rows->cap, rows->n, sizeof(*rows->v));
	r = &rows->v[rows->n++];
	r->slot = w->slot;
	for (int k = 0; k < 12; k++)
		r->n[k] = (uint32_t)w->n[c][k];
	return 0;
}

/* The current slot is complete: keeps its counters' counts and clears
 * them. */
static int
end_slot(struct store *st, struct walk *w, char **errmsg)
{
	for (size_t i = 0; i < w->n_touched; i++) {
		uint32_t c = w->touched[i];

		if (keep_row(st, w, c, errmsg) < 0)
			return -1;
		memset(w->n[c], 0, sizeof(w->n[c]));
		w->in_slot[c] = false;
	}
	w->n_touched = 0;
	return 0;
}

static void
count_in(struct walk *w, size_t c, int cell)
{
	if (!w->in_slot[c]) {
		w->in_slot[c] = true;
		w->touched[w->n_touched++] = (uint32_t)c;
	}
	w->n[c][cell]++;
}

/* Counts an answer in cell of card_id: in the collection, and in the
 * card's deck when the decks are counted here and it has one. */
static void
count(struct walk *w, int cell, int64_t card_id)
{
	count_in(w, w->n_decks, cell);
	if (w->card_deck != NULL && card_id >= 0 && card_id < w->n_ids &&
	    w->card_deck[card_id] != 0)
		count_in(w, w->card_deck[card_id] - 1, cell);
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
	/* The walk reads each page of the index once. */
	store_cache_small(st, true);
	while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
		int64_t t = sqlite3_column_int64(sel, 0);
		int64_t slot = t / STORE_SLOT_MS - (t % STORE_SLOT_MS < 0);
		int state = sqlite3_column_int(sel, 1);
		int rating = sqlite3_column_int(sel, 2);
		int kind = state != 2                          ? 0
		           : sqlite3_column_int64(sel, 3) < 21 ? 1
		                                               : 2;

		if (any && slot != w->slot && end_slot(st, w, errmsg) < 0) {
			sqlite3_finalize(sel);
			store_cache_small(st, false);
			return -1;
		}
		any = true;
		w->slot = slot;
		if (rating >= 1 && rating <= 4)
			count(w, kind * 4 + rating - 1, sqlite3_column_int64(sel, 4));
	}
	sqlite3_finalize(sel);
	store_cache_small(st, false);
	if (step != SQLITE_DONE)
		return store_sql_error(st, errmsg, "counting the answers");
	return end_slot(st, w, errmsg);
}

static void
walk_free(struct walk *w)
{
	for (int t = 0; t < 2; t++) {
		sqlite3_finalize(w->one[t]);
		sqlite3_finalize(w->many[t]);
	}
	for (size_t c = 0; c <= w->n_decks && w->rows != NULL; c++)
		free(w->rows[c].v);
	free(w->rows);
	free(w->deck_ids);
	free(w->card_deck);
	free(w->n);
	free(w->in_slot);
	free(w->touched);
}

/* Counts the log's answers into w: the collection's, and each deck's when
 * the card ids allow (*dense). */
static int
count_log(struct store *st, struct walk *w, bool *dense, char **errmsg)
{
	if (load_decks(st, w, dense, errmsg) < 0)
		return -1;
	w->n = xcalloc(w->n_decks + 1, sizeof(*w->n));
	w->in_slot = xcalloc(w->n_decks + 1, sizeof(*w->in_slot));
	w->touched = xcalloc(w->n_decks + 1, sizeof(*w->touched));
	w->rows = xcalloc(w->n_decks + 1, sizeof(*w->rows));
	return walk_log(st, w, errmsg);
}

/* Fills both tables with the walk's counts. */
int
store_slots_fill(struct store *st, char **errmsg)
{
	struct walk w = { 0 };
	bool dense = false;
	int rc = -1;

	if (store_exec_sql(st, "DELETE FROM review_slots;"
			       "DELETE FROM review_deck_slots;",
		errmsg, "counting the answers") < 0 ||
	    prepare_puts(st, &w, 0, errmsg) < 0 ||
	    prepare_puts(st, &w, 1, errmsg) < 0 ||
	    count_log(st, &w, &dense, errmsg) < 0)
		goto out;
	rc = 0;
	for (size_t c = 0; rc == 0 && c <= w.n_decks; c++)
		rc = put_rows(st, &w, c, errmsg);
	if (rc == 0 && !dense)
		rc = store_exec_sql(st, STORE_DECK_SLOTS_FILL, errmsg,
		    "counting the answers");
out:
	walk_free(&w);
	return rc;
}

/* Writes given[0..n) (all of one table: a deck's when deck_id is not 0),
 * BATCH a statement while there are as many. */
static int
put_given(struct store *st, struct walk *w, const struct store_slot_counts *v,
    size_t n, char **errmsg)
{
	int t = v[0].deck_id == 0;
	sqlite3_stmt *stmt = n == BATCH ? w->many[t] : w->one[t];

	for (size_t i = 0; i < n;) {
		int p = 1;

		for (size_t end = n == BATCH ? n : i + 1; i < end; i++) {
			if (t == 0)
				sqlite3_bind_int64(stmt, p++, v[i].deck_id);
			sqlite3_bind_int64(stmt, p++, v[i].slot);
			for (int k = 0; k < 12; k++)
				sqlite3_bind_int64(stmt, p++, v[i].n[k]);
		}
		if (store_exec_done(st, stmt, errmsg, "counting the answers") < 0)
			return -1;
	}
	return 0;
}

int
store_slots_put(struct store *st, const struct store_slot_source *given,
    char **errmsg)
{
	struct walk w = { 0 };
	struct store_slot_counts v[BATCH], c;
	size_t n = 0;
	bool more = true;
	int rc = -1;

	if (store_exec_sql(st, "DELETE FROM review_slots;"
			       "DELETE FROM review_deck_slots;",
		errmsg, "counting the answers") < 0 ||
	    prepare_puts(st, &w, 0, errmsg) < 0 ||
	    prepare_puts(st, &w, 1, errmsg) < 0)
		goto out;
	rc = 0;
	while (rc == 0 && more) {
		more = given->next(given->ctx, &c);
		/* a batch is of one table: the collection's rows come first */
		if (n > 0 && (!more || n == BATCH ||
				 (c.deck_id == 0) != (v[0].deck_id == 0))) {
			rc = put_given(st, &w, v, n, errmsg);
			n = 0;
		}
		if (more)
			v[n++] = c;
	}
out:
	walk_free(&w);
	return rc;
}

/* ---- the check ---- */

/* The deck slots that differ from the log, counted in SQL, when the walk
 * counts no deck. */
#define DECK_SLOTS_DIFFER                                                    \
	"WITH n AS MATERIALIZED (" STORE_DECK_SLOTS_COUNT "), s AS (SELECT"  \
	" deck_id, slot, " STORE_SLOT_COLS " FROM review_deck_slots WHERE"   \
	" max(" STORE_SLOT_COLS ") > 0 OR min(" STORE_SLOT_COLS ") < 0)"     \
	" SELECT count(*) FROM (SELECT deck_id, slot FROM (SELECT * FROM s"  \
	" EXCEPT SELECT * FROM n) UNION SELECT deck_id, slot FROM (SELECT *" \
	" FROM n EXCEPT SELECT * FROM s))"

/* The table's rows of one kind (the decks', or the collection's) beside
 * the rows counted: counters [c, end), each one's rows in slot order. */
struct compare {
	const struct walk *w;
	bool decks;
	sqlite3_stmt *sel; /* the table's rows, in key order */
	size_t c, end, i;  /* the next row counted: rows[c].v[i] */
};

/* Compares the next row counted with the table's row at hand: < 0 when
 * only the first is there, or comes first, > 0 for the second, 0 when
 * both have the same deck and slot. */
static int
order(struct compare *cmp, int step)
{
	const struct walk *w = cmp->w;
	int64_t deck, slot, row_deck, row_slot;

	while (cmp->c < cmp->end && cmp->i == w->rows[cmp->c].n) {
		cmp->c++;
		cmp->i = 0;
	}
	if (cmp->c == cmp->end || step != SQLITE_ROW)
		return cmp->c == cmp->end ? 1 : -1;
	deck = cmp->decks ? w->deck_ids[cmp->c] : 0;
	slot = w->rows[cmp->c].v[cmp->i].slot;
	row_deck = cmp->decks ? sqlite3_column_int64(cmp->sel, 0) : 0;
	row_slot = sqlite3_column_int64(cmp->sel, cmp->decks);
	if (deck != row_deck)
		return deck < row_deck ? -1 : 1;
	return slot < row_slot ? -1 : slot > row_slot;
}

/* Whether the table's row at hand holds the counts r (NULL: zeros). */
static bool
row_holds(sqlite3_stmt *sel, int first, const struct slot_row *r)
{
	for (int k = 0; k < 12; k++)
		if (sqlite3_column_int64(sel, first + k) != (r != NULL ? r->n[k] : 0))
			return false;
	return true;
}

/* In *differ, the slots where the table (of the decks, or of the
 * collection) and the counts disagree; a row of zeros stands for none. */
static int
compare_table(struct store *st, const struct walk *w, bool decks,
    int64_t *differ, char **errmsg)
{
	struct compare cmp = { w, decks, NULL, decks ? 0 : w->n_decks,
		decks ? w->n_decks : w->n_decks + 1, 0 };
	int first = decks ? 2 : 1, step;

	if (prepare(st, decks ? "SELECT deck_id, slot, " STORE_SLOT_COLS " FROM"
				" review_deck_slots ORDER BY deck_id, slot"
			      : "SELECT slot, " STORE_SLOT_COLS " FROM review_slots"
				" ORDER BY slot",
		&cmp.sel, errmsg) < 0)
		return -1;
	*differ = 0;
	step = sqlite3_step(cmp.sel);
	for (;;) {
		int o = order(&cmp, step);

		if (cmp.c == cmp.end && step != SQLITE_ROW)
			break;
		if (o < 0) { /* counted, not in the table */
			(*differ)++;
			cmp.i++;
			continue;
		}
		*differ += !row_holds(cmp.sel, first,
		    o == 0 ? &w->rows[cmp.c].v[cmp.i] : NULL);
		cmp.i += o == 0;
		step = sqlite3_step(cmp.sel);
	}
	sqlite3_finalize(cmp.sel);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return store_sql_error(st, errmsg, "checking the answers");
	return 0;
}

int
store_slots_check(struct store *st, int64_t *differ, int64_t *deck_differ,
    char **errmsg)
{
	struct walk w = { 0 };
	bool dense = false;
	int rc = count_log(st, &w, &dense, errmsg);

	if (rc == 0)
		rc = compare_table(st, &w, false, differ, errmsg);
	if (rc == 0 && dense)
		rc = compare_table(st, &w, true, deck_differ, errmsg);
	else if (rc == 0)
		rc = store_pragma_int(st, DECK_SLOTS_DIFFER, deck_differ, errmsg);
	walk_free(&w);
	return rc;
}
