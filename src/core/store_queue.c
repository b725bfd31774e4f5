/*
 * store_queue.c - the questions the queue asks the collection: counts,
 * reviews done, candidate cards, the next due time (store.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/store_private.h"
#include "core/util.h"

/* ---- the queue's questions ---- */

static int
count_one(struct store *st, enum stmt which, int64_t *out, char **errmsg,
    const struct bind_value *v, size_t n)
{
	sqlite3_stmt *stmt = store_prep_bind(st, which, errmsg, v, n);

	if (stmt == NULL)
		return -1;
	return store_exec_int(st, stmt, out, NULL, errmsg, "counting cards");
}

int
store_counts_deck(struct store *st, int64_t deck_id, int64_t now,
    int64_t learn_until, const struct store_day *day, int64_t new_cap,
    int64_t review_cap, struct store_counts *c, char **errmsg)
{
	memset(c, 0, sizeof(*c));
	c->deck_id = deck_id;
	if (count_one(st, S_COUNT_NEW, &c->new_cards, errmsg,
		BINDS(BIND_INT(deck_id), BIND_INT(now), BIND_INT(new_cap))) < 0 ||
	    count_one(st, S_COUNT_LEARNING, &c->learning_due, errmsg,
		BINDS(BIND_INT(deck_id), BIND_INT(learn_until), BIND_INT(now),
		    BIND_INT(day->start))) < 0 ||
	    count_one(st, S_COUNT_REVIEW, &c->review_due, errmsg,
		BINDS(BIND_INT(deck_id), BIND_INT(day->end), BIND_INT(now),
		    BIND_INT(day->start), BIND_INT(review_cap))) < 0)
		return -1;
	return 0;
}

/* Reads the row the statement is on into elem. */
typedef void (*row_fn)(sqlite3_stmt *stmt, void *elem);

/* Steps stmt (NULL: it could not be made) to its end, each row read by
 * fill into a new element, size bytes each, of an array *out (the caller
 * frees). */
static int
collect(struct store *st, sqlite3_stmt *stmt, size_t size, row_fn fill,
    void **out, size_t *n, char **errmsg, const char *what)
{
	char *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		v = xgrow(v, &cap, len, size);
		fill(stmt, v + len * size);
		len++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_sql_error(st, errmsg, what);
	}
	*out = v;
	*n = len;
	return 0;
}

static void
fill_done(sqlite3_stmt *stmt, void *elem)
{
	struct store_done *d = elem;

	d->deck_id = sqlite3_column_int64(stmt, 0);
	d->new_done = sqlite3_column_int64(stmt, 1);
	d->review_done = sqlite3_column_int64(stmt, 2);
}

int
store_done_by_deck(struct store *st, const struct store_day *day,
    struct store_done **out, size_t *n, char **errmsg)
{
	sqlite3_stmt *stmt = store_prep_bind(st, S_DONE_BY_DECK, errmsg,
	    BINDS(BIND_INT(day->start), BIND_INT(day->end)));

	void *v;
	int rc = collect(st, stmt, sizeof(**out), fill_done, &v, n, errmsg,
	    "counting reviews");

	*out = v;
	return rc;
}

int
store_first_learning(struct store *st, int64_t deck_id, int64_t now,
    int64_t until, const struct store_day *day, int64_t *id, char **errmsg)
{
	sqlite3_stmt *stmt =
	    deck_id ? store_prep_bind(st, S_PICK_LEARNING_DECK, errmsg,
			  BINDS(BIND_INT(deck_id), BIND_INT(until), BIND_INT(now),
			      BIND_INT(day->start)))
		    : store_prep_bind(st, S_PICK_LEARNING, errmsg,
			  BINDS(BIND_INT(until), BIND_INT(now), BIND_INT(day->start)));

	*id = 0;
	if (stmt == NULL)
		return -1;
	return store_exec_int(st, stmt, id, NULL, errmsg, "choosing cards");
}

int
store_first_new(struct store *st, int64_t deck_id, int64_t now, int64_t *id,
    char **errmsg)
{
	sqlite3_stmt *stmt = store_prep_bind(st, S_PICK_NEW_DECK, errmsg,
	    BINDS(BIND_INT(deck_id), BIND_INT(now)));

	*id = 0;
	if (stmt == NULL)
		return -1;
	return store_exec_int(st, stmt, id, NULL, errmsg, "choosing cards");
}

static void
fill_candidate(sqlite3_stmt *stmt, void *elem)
{
	struct store_candidate *c = elem;

	c->id = sqlite3_column_int64(stmt, 0);
	c->deck_id = sqlite3_column_int64(stmt, 1);
	c->due = sqlite3_column_int64(stmt, 2);
}

int
store_review_candidates(struct store *st, int64_t deck_id, int64_t now,
    const struct store_day *day, struct store_candidate **out, size_t *n,
    char **errmsg)
{
	sqlite3_stmt *stmt =
	    deck_id ? store_prep_bind(st, S_REVIEW_CANDIDATES_DECK, errmsg,
			  BINDS(BIND_INT(deck_id), BIND_INT(day->end), BIND_INT(now),
			      BIND_INT(day->start)))
		    : store_prep_bind(st, S_REVIEW_CANDIDATES, errmsg,
			  BINDS(BIND_INT(day->end), BIND_INT(now),
			      BIND_INT(day->start)));

	void *v;
	int rc = collect(st, stmt, sizeof(**out), fill_candidate, &v, n, errmsg,
	    "choosing cards");

	*out = v;
	return rc;
}

int
store_next_due(struct store *st, int64_t deck_id, bool learning, int64_t after,
    int64_t before, const struct store_day *day, int64_t *due, char **errmsg)
{
	sqlite3_stmt *stmt =
	    deck_id ? store_prep_bind(st, S_NEXT_DUE_DECK, errmsg,
			  BINDS(BIND_INT(deck_id), BIND_INT(after), BIND_INT(before),
			      BIND_INT(learning), BIND_INT(day->start)))
		    : store_prep_bind(st, S_NEXT_DUE, errmsg,
			  BINDS(BIND_INT(after), BIND_INT(before),
			      BIND_INT(learning), BIND_INT(day->start)));

	*due = 0;
	if (stmt == NULL)
		return -1;
	return store_exec_int(st, stmt, due, NULL, errmsg, "finding the next due card");
}

int
store_count_leeches(struct store *st, int64_t deck_id, int64_t *n, char **errmsg)
{
	return count_one(st, S_COUNT_LEECHES, n, errmsg, BINDS(BIND_INT(deck_id)));
}
