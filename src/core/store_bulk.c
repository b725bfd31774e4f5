/*
 * store_bulk.c - writing a large part of the review log at once (store.h,
 * store_reviews_bulk_begin): the log's indexes and the triggers of
 * review_slots are dropped inside the writer's transaction and built once
 * at the end, from the rows, rather than kept up to date row by row.
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
#define INDEXES_SQL                                                \
	"SELECT sql, name FROM sqlite_schema WHERE type = 'index'" \
	" AND tbl_name = 'reviews' AND sql IS NOT NULL ORDER BY name"

static void
forget_indexes(struct store *st)
{
	for (size_t i = 0; i < st->n_bulk_indexes; i++)
		free(st->bulk_indexes[i]);
	free(st->bulk_indexes);
	st->bulk_indexes = NULL;
	st->n_bulk_indexes = 0;
}

/* Keeps the SQL of the log's indexes in st, and drops them. */
static int
drop_indexes(struct store *st, char **errmsg)
{
	sqlite3_stmt *stmt;
	struct strbuf drop = { 0 };
	size_t cap = 0;
	int rc;

	if (sqlite3_prepare_v2(st->db, INDEXES_SQL, -1, &stmt, NULL) != SQLITE_OK)
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
	else
		rc = store_exec_sql(st, strbuf_str(&drop), errmsg, "setting up a large import");
	strbuf_free(&drop);
	return rc;
}

/* Fewer answers than this are written row by row. */
#define BULK_MIN 20000

int
store_reviews_bulk_begin(struct store *st, size_t n, char **errmsg)
{
	int64_t last;

	if (sqlite3_get_autocommit(st->db) || st->bulk_reviews)
		die("store_reviews_bulk_begin: outside a transaction or twice");
	/* Building the indexes anew costs about what the log holds; keeping
	 * them costs a few times more per answer written. */
	if (n < BULK_MIN ||
	    store_pragma_int(st, "SELECT max(id) FROM reviews", &last, errmsg) < 0)
		return n < BULK_MIN ? 0 : -1;
	if ((int64_t)n < last / 4)
		return 0;
	st->bulk_reviews = true;
	if (store_exec_sql(st, STORE_SLOTS_DROP_TRIGGERS, errmsg,
		"setting up a large import") < 0 ||
	    drop_indexes(st, errmsg) < 0)
		return -1;
	return 0;
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
		rc = store_exec_sql(st,
		    "DELETE FROM review_slots;" STORE_SLOTS_FILL
			STORE_SLOTS_TRIGGER_INSERT,
		    errmsg, "counting the answers");
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
