/*
 * store_answers.c - the review log as the optimizer reads it: every
 * answer's card, time, rating and state, in time order, from the
 * reviews_time index alone (never the rows).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "core/store_private.h"

int
store_answers_foreach(struct store *st, store_answer_fn fn, void *ctx,
    char **errmsg)
{
	static const char sql[] =
	    "SELECT id, card_id, time, rating, state FROM reviews"
	    " INDEXED BY reviews_time ORDER BY time";
	sqlite3_stmt *stmt;
	int rc, ret = 0;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "reading the review log");
	/* The walk reads each page of the index once: a cache the size of
	 * the index would hold pages never read again, beside the caller's
	 * copy of the whole log. */
	store_cache_small(st, true);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_answer a = {
			.id = sqlite3_column_int64(stmt, 0),
			.card_id = sqlite3_column_int64(stmt, 1),
			.time = sqlite3_column_int64(stmt, 2),
			.rating = sqlite3_column_int(stmt, 3),
			.state = sqlite3_column_int(stmt, 4),
		};

		if ((ret = fn(&a, ctx, errmsg)) != 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = store_sql_error(st, errmsg, "reading the review log");
	sqlite3_finalize(stmt);
	store_cache_small(st, false);
	return ret;
}

int
store_card_resets_foreach(struct store *st, store_reset_fn fn, void *ctx,
    char **errmsg)
{
	static const char sql[] =
	    "SELECT id, reset_at FROM cards WHERE reset_at > 0";
	sqlite3_stmt *stmt;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "reading the cards' resets");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		fn(sqlite3_column_int64(stmt, 0), sqlite3_column_int64(stmt, 1),
		    ctx);
	rc = rc == SQLITE_DONE
	         ? 0
	         : store_sql_error(st, errmsg, "reading the cards' resets");
	sqlite3_finalize(stmt);
	return rc;
}
