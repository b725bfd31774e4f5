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
store_counts(struct store *st, int64_t deck_id, int64_t now, int64_t learn_until,
    int64_t day_end, int64_t new_cap, int64_t review_cap,
    struct store_counts **out, size_t *n, char **errmsg)
{
	struct deck_info *decks = NULL;
	size_t nd = 0, len = 0;
	struct store_counts *v;

	*out = NULL;
	*n = 0;
	if (deck_id == 0) {
		if (store_decks(st, &decks, &nd, errmsg) < 0)
			return -1;
	} else {
		decks = xcalloc(1, sizeof(*decks));
		decks[0].id = deck_id;
		decks[0].cards = 1;
		nd = 1;
	}
	v = xcalloc(nd ? nd : 1, sizeof(*v));
	for (size_t i = 0; i < nd; i++) {
		struct store_counts *c = &v[len];

		if (decks[i].cards == 0)
			continue;
		c->deck_id = decks[i].id;
		if (count_one(st, S_COUNT_NEW, &c->new_cards, errmsg,
			BINDS(BIND_INT(c->deck_id), BIND_INT(now),
			    BIND_INT(new_cap))) < 0 ||
		    count_one(st, S_COUNT_LEARNING, &c->learning_due, errmsg,
			BINDS(BIND_INT(c->deck_id), BIND_INT(learn_until),
			    BIND_INT(now))) < 0 ||
		    count_one(st, S_COUNT_REVIEW, &c->review_due, errmsg,
			BINDS(BIND_INT(c->deck_id), BIND_INT(day_end),
			    BIND_INT(now), BIND_INT(review_cap))) < 0) {
			store_decks_free(decks, nd);
			free(v);
			return -1;
		}
		len++;
	}
	store_decks_free(decks, nd);
	*out = v;
	*n = len;
	return 0;
}

int
store_done_between(struct store *st, int64_t from, int64_t to,
    int64_t *new_done, int64_t *review_done, char **errmsg)
{
	sqlite3_stmt *stmt = store_prep_bind(st, S_DONE_BETWEEN, errmsg,
	    BINDS(BIND_INT(from), BIND_INT(to)));
	int rc;

	if (stmt == NULL)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*new_done = sqlite3_column_int64(stmt, 0);
		*review_done = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return store_sql_error(st, errmsg, "counting reviews");
	return 0;
}

/* The statement of store_pick for what, bound and ready to step. */
static sqlite3_stmt *
pick_stmt(struct store *st, enum store_pick what, int64_t deck_id,
    int64_t now, int64_t until, int64_t limit, char **errmsg)
{
	bool learn = what == STORE_PICK_LEARNING;

	switch (what) {
	case STORE_PICK_LEARNING:
	case STORE_PICK_REVIEW:
		if (deck_id)
			return store_prep_bind(st,
			    learn ? S_PICK_LEARNING_DECK : S_PICK_REVIEW_DECK, errmsg,
			    BINDS(BIND_INT(deck_id), BIND_INT(until), BIND_INT(now),
				BIND_INT(limit)));
		return store_prep_bind(st, learn ? S_PICK_LEARNING : S_PICK_REVIEW, errmsg,
		    BINDS(BIND_INT(until), BIND_INT(now), BIND_INT(limit)));
	case STORE_PICK_NEW:
		if (deck_id)
			return store_prep_bind(st, S_PICK_NEW_DECK, errmsg,
			    BINDS(BIND_INT(deck_id), BIND_INT(now), BIND_INT(limit)));
		return store_prep_bind(st, S_PICK_NEW, errmsg,
		    BINDS(BIND_INT(now), BIND_INT(limit)));
	}
	die("store_pick: bad kind %d", (int)what);
}

int
store_pick(struct store *st, enum store_pick what, int64_t deck_id, int64_t now,
    int64_t until, int64_t limit, int64_t **ids, size_t *n, char **errmsg)
{
	sqlite3_stmt *stmt;
	int64_t *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	stmt = pick_stmt(st, what, deck_id, now, until, limit < 0 ? INT64_MAX : limit,
	    errmsg);
	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		v = xgrow(v, &cap, len, sizeof(*v));
		v[len++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_sql_error(st, errmsg, "choosing cards");
	}
	*ids = v;
	*n = len;
	return 0;
}

int
store_next_due(struct store *st, int64_t deck_id, int64_t now, int64_t *due,
    char **errmsg)
{
	sqlite3_stmt *stmt = deck_id
	                         ? store_prep_bind(st, S_NEXT_DUE_DECK, errmsg,
				       BINDS(BIND_INT(deck_id), BIND_INT(now)))
	                         : store_prep_bind(st, S_NEXT_DUE, errmsg, BINDS(BIND_INT(now)));

	if (stmt == NULL)
		return -1;
	return store_exec_int(st, stmt, due, NULL, errmsg, "finding the next due card");
}
