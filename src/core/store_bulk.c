/*
 * store_bulk.c - writing a large part of the review log at once (store.h,
 * store_reviews_bulk_begin): the log's indexes, the cards' indexes on
 * their schedules and the triggers of review_slots are dropped inside the
 * writer's transaction and built once at the end, from the rows, rather
 * than kept up to date row by row.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/store_private.h"
#include "core/util.h"

/* The log's own indexes as the schema states them (the UNIQUE
 * constraint's, which has no SQL, stays: replays look rows up by it). */
#define REVIEW_INDEXES_SQL                                         \
	"SELECT sql, name FROM sqlite_schema WHERE type = 'index'" \
	" AND tbl_name = 'reviews' AND sql IS NOT NULL ORDER BY name"

/* The cards' indexes that a new schedule, or a leech's suspension,
 * changes (their ext_id's, without SQL, stays: the log's ids are looked
 * up by it). */
#define CARD_INDEXES_SQL                                                     \
	"SELECT sql, name FROM sqlite_schema s WHERE type = 'index'"         \
	" AND tbl_name = 'cards' AND sql IS NOT NULL AND EXISTS (SELECT 1"   \
	" FROM pragma_index_info(s.name) i WHERE i.name IN ('state', 'due'," \
	" 'last_review', 'stability', 'difficulty', 'scheduled_days',"       \
	" 'learning_step', 'reps', 'lapses', 'suspended')) ORDER BY name"

static void
forget_indexes(struct store *st)
{
	for (size_t i = 0; i < st->n_bulk_indexes; i++)
		free(st->bulk_indexes[i]);
	free(st->bulk_indexes);
	st->bulk_indexes = NULL;
	st->n_bulk_indexes = 0;
}

/* Keeps the SQL of the indexes that query lists (sql, name) in st, and
 * drops them. */
static int
drop_indexes(struct store *st, const char *query, char **errmsg)
{
	sqlite3_stmt *stmt;
	struct strbuf drop = { 0 };
	size_t cap = st->n_bulk_indexes;
	int rc;

	if (sqlite3_prepare_v2(st->db, query, -1, &stmt, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "reading the schema");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *name = store_col_text(stmt, 1);

		st->bulk_indexes = xgrow(st->bulk_indexes, &cap,
		    st->n_bulk_indexes, sizeof(*st->bulk_indexes));
		st->bulk_indexes[st->n_bulk_indexes++] =
		    xstrdup(store_col_text(stmt, 0));
		/* An identifier cannot be bound: the schema's own name, quoted. */
		strbuf_adds(&drop, "DROP INDEX \"");
		for (; *name != '\0'; name++) {
			if (*name == '"')
				strbuf_addc(&drop, '"');
			strbuf_addc(&drop, *name);
		}
		strbuf_adds(&drop, "\";");
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		rc = store_sql_error(st, errmsg, "reading the schema");
	else if (drop.len > 0)
		rc = store_exec_sql(st, strbuf_str(&drop), errmsg, "setting up a large import");
	else
		rc = 0;
	strbuf_free(&drop);
	return rc;
}

/* Fewer answers than this are written row by row. */
#define BULK_MIN 20000
/* Fewer cards than this keep their indexes up to date. */
#define BULK_CARDS_MIN 5000

int
store_reviews_bulk_begin(struct store *st, size_t n, size_t ncards,
    char **errmsg)
{
	int64_t last, cards;

	if (sqlite3_get_autocommit(st->db) || st->bulk_reviews)
		die("store_reviews_bulk_begin: outside a transaction or twice");
	/* Building the indexes anew costs about what the log holds; keeping
	 * them costs a few times more per answer written.  The same goes for
	 * the cards: a schedule written costs each of their indexes a seek
	 * that likely misses the cache. */
	if (n < BULK_MIN ||
	    store_pragma_int(st, "SELECT max(id) FROM reviews", &last, errmsg) < 0 ||
	    store_pragma_int(st, "SELECT max(id) FROM cards", &cards, errmsg) < 0)
		return n < BULK_MIN ? 0 : -1;
	if ((int64_t)n < last / 4)
		return 0;
	st->bulk_reviews = true;
	if (store_exec_sql(st, STORE_SLOTS_DROP_TRIGGERS, errmsg,
		"setting up a large import") < 0 ||
	    drop_indexes(st, REVIEW_INDEXES_SQL, errmsg) < 0)
		return -1;
	if (ncards >= BULK_CARDS_MIN && (int64_t)ncards >= cards / 4)
		return drop_indexes(st, CARD_INDEXES_SQL, errmsg);
	return 0;
}

/* The twelve counts of one slot. */
struct slot_counts {
	int64_t slot;
	int64_t n[12]; /* l1..l4, y1..y4, m1..m4 */
};

static int
put_slot(struct store *st, sqlite3_stmt *ins, const struct slot_counts *c,
    char **errmsg)
{
	sqlite3_bind_int64(ins, 1, c->slot);
	for (int i = 0; i < 12; i++)
		sqlite3_bind_int64(ins, i + 2, c->n[i]);
	return store_exec_done(st, ins, errmsg, "counting the answers");
}

/*
 * Fills review_slots from the log, as STORE_SLOTS_FILL does, walking the
 * log in time order through its index on time (built again first): each
 * slot is complete when the next begins, and is written then, in order.
 */
static int
fill_slots(struct store *st, char **errmsg)
{
	sqlite3_stmt *sel = NULL, *ins = NULL;
	struct slot_counts c = { 0 };
	bool any = false;
	int rc = -1, step;

	if (store_exec_sql(st, "DELETE FROM review_slots", errmsg,
		"counting the answers") < 0)
		return -1;
	if (sqlite3_prepare_v2(st->db,
		"SELECT time, state, rating, prev_scheduled_days FROM reviews"
		" ORDER BY time",
		-1, &sel, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(st->db,
		"INSERT INTO review_slots (slot, " STORE_SLOT_COLS ") VALUES"
		" (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		-1, &ins, NULL) != SQLITE_OK) {
		store_sql_error(st, errmsg, "counting the answers");
		goto out;
	}
	while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
		int64_t t = sqlite3_column_int64(sel, 0);
		int64_t slot = t / STORE_SLOT_MS - (t % STORE_SLOT_MS < 0);
		int state = sqlite3_column_int(sel, 1);
		int rating = sqlite3_column_int(sel, 2);
		int kind = state != 2                          ? 0
		           : sqlite3_column_int64(sel, 3) < 21 ? 1
		                                               : 2;

		if (any && slot != c.slot) {
			if (put_slot(st, ins, &c, errmsg) < 0)
				goto out;
			memset(&c, 0, sizeof(c));
		}
		any = true;
		c.slot = slot;
		if (rating >= 1 && rating <= 4)
			c.n[kind * 4 + rating - 1]++;
	}
	if (step != SQLITE_DONE)
		store_sql_error(st, errmsg, "counting the answers");
	else
		rc = any ? put_slot(st, ins, &c, errmsg) : 0;
out:
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	return rc;
}

int
store_reviews_bulk_end(struct store *st, char **errmsg)
{
	int rc = 0;

	if (!st->bulk_reviews)
		return 0;
	for (size_t i = 0; i < st->n_bulk_indexes && rc == 0; i++)
		rc = store_exec_sql(st, st->bulk_indexes[i], errmsg, "indexing the answers");
	if (rc == 0)
		rc = fill_slots(st, errmsg);
	if (rc == 0)
		rc = store_exec_sql(st, STORE_SLOTS_TRIGGER_INSERT, errmsg,
		    "counting the answers");
	if (rc == 0)
		rc = store_exec_sql(st, STORE_SLOTS_TRIGGERS_CHANGE, errmsg,
		    "counting the answers");
	store_reviews_bulk_cancel(st);
	return rc;
}

void
store_reviews_bulk_cancel(struct store *st)
{
	forget_indexes(st);
	st->bulk_reviews = false;
}
