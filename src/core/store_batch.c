/*
 * store_batch.c - many answers and schedules written a few statements at
 * a time (store.h, store_batch_new): each statement of a batch writes
 * BATCH_ROWS rows, so that SQLite opens its cursors, and runs the
 * statement's set-up, once per batch rather than once per row.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "core/store_private.h"
#include "core/util.h"

/* Rows a statement: past 64, the statement's size costs what it saves. */
#define BATCH_ROWS 64

#define REVIEW_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define SCHED_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

struct batch_sched {
	int64_t card_id;
	struct sched s;
};

struct store_batch {
	struct store *st;
	sqlite3_stmt *reviews; /* BATCH_ROWS answers; NULL until first used */
	sqlite3_stmt *scheds;  /* BATCH_ROWS schedules; likewise */
	struct review r[BATCH_ROWS];
	size_t nr;
	struct batch_sched c[BATCH_ROWS];
	size_t nc;
};

struct store_batch *
store_batch_new(struct store *st)
{
	struct store_batch *b = xcalloc(1, sizeof(*b));

	b->st = st;
	return b;
}

void
store_batch_free(struct store_batch *b)
{
	if (b == NULL)
		return;
	sqlite3_finalize(b->reviews);
	sqlite3_finalize(b->scheds);
	free(b);
}

/* head, then BATCH_ROWS times row joined by commas, then tail. */
static int
prepare(struct store *st, sqlite3_stmt **stmt, const char *head,
    const char *row, const char *tail, char **errmsg)
{
	struct strbuf sql = { 0 };
	int rc = 0;

	if (*stmt != NULL)
		return 0;
	strbuf_adds(&sql, head);
	for (int i = 0; i < BATCH_ROWS; i++) {
		strbuf_adds(&sql, i > 0 ? ", " : " ");
		strbuf_adds(&sql, row);
	}
	strbuf_adds(&sql, tail);
	if (sqlite3_prepare_v3(st->db, strbuf_str(&sql), -1,
		SQLITE_PREPARE_PERSISTENT, stmt, NULL) != SQLITE_OK)
		rc = store_sql_error(st, errmsg, "preparing a statement");
	strbuf_free(&sql);
	return rc;
}

/* Binds s at ? number i and the eight after; SQLITE_OK or an error. */
static int
bind_sched(sqlite3_stmt *stmt, int i, const struct sched *s)
{
	return sqlite3_bind_int64(stmt, i, s->state) |
	       sqlite3_bind_int64(stmt, i + 1, s->due) |
	       sqlite3_bind_int64(stmt, i + 2, s->last_review) |
	       sqlite3_bind_double(stmt, i + 3, s->stability) |
	       sqlite3_bind_double(stmt, i + 4, s->difficulty) |
	       sqlite3_bind_int64(stmt, i + 5, s->scheduled_days) |
	       sqlite3_bind_int64(stmt, i + 6, s->learning_step) |
	       sqlite3_bind_int64(stmt, i + 7, s->reps) |
	       sqlite3_bind_int64(stmt, i + 8, s->lapses);
}

static int
bind_review(sqlite3_stmt *stmt, int i, const struct review *r)
{
	return sqlite3_bind_int64(stmt, i, r->card_id) |
	       sqlite3_bind_int64(stmt, i + 1, r->time) |
	       sqlite3_bind_int64(stmt, i + 2, r->rating) |
	       sqlite3_bind_int64(stmt, i + 3, r->state) |
	       sqlite3_bind_int64(stmt, i + 4, r->duration) |
	       bind_sched(stmt, i + 5, &r->before);
}

/* Runs stmt, its BATCH_ROWS rows bound (rc: how the binding went). */
static int
run(struct store *st, sqlite3_stmt *stmt, int rc, char **errmsg,
    const char *what)
{
	if (rc != SQLITE_OK) {
		sqlite3_reset(stmt);
		return store_sql_error(st, errmsg, "binding a value");
	}
	return store_exec_done(st, stmt, errmsg, what);
}

static int
write_reviews(struct store_batch *b, char **errmsg)
{
	int rc = SQLITE_OK;

	if (b->nr < BATCH_ROWS) { /* the last few, a statement each */
		for (size_t i = 0; i < b->nr; i++)
			if (store_review_insert(b->st, &b->r[i], errmsg) < 0)
				return -1;
		b->nr = 0;
		return 0;
	}
	if (prepare(b->st, &b->reviews,
		"INSERT INTO reviews (card_id, time, rating, state, duration,"
		" prev_state, prev_due, prev_last_review, prev_stability,"
		" prev_difficulty, prev_scheduled_days, prev_learning_step,"
		" prev_reps, prev_lapses) VALUES",
		REVIEW_ROW, "", errmsg) < 0)
		return -1;
	for (int i = 0; i < BATCH_ROWS; i++)
		rc |= bind_review(b->reviews, i * 14 + 1, &b->r[i]);
	b->nr = 0;
	return run(b->st, b->reviews, rc, errmsg, "recording an answer");
}

static int
write_scheds(struct store_batch *b, char **errmsg)
{
	int rc = SQLITE_OK;

	if (b->nc < BATCH_ROWS) {
		for (size_t i = 0; i < b->nc; i++)
			if (store_card_set_sched(b->st, b->c[i].card_id,
				&b->c[i].s, errmsg) < 0)
				return -1;
		b->nc = 0;
		return 0;
	}
	/* VALUES names its columns column1, column2 and so on. */
	if (prepare(b->st, &b->scheds,
		"UPDATE cards SET state = v.column2, due = v.column3,"
		" last_review = v.column4, stability = v.column5,"
		" difficulty = v.column6, scheduled_days = v.column7,"
		" learning_step = v.column8, reps = v.column9,"
		" lapses = v.column10 FROM (VALUES",
		SCHED_ROW, ") AS v WHERE cards.id = v.column1", errmsg) < 0)
		return -1;
	for (int i = 0; i < BATCH_ROWS; i++) {
		rc |= sqlite3_bind_int64(b->scheds, i * 10 + 1, b->c[i].card_id);
		rc |= bind_sched(b->scheds, i * 10 + 2, &b->c[i].s);
	}
	b->nc = 0;
	return run(b->st, b->scheds, rc, errmsg, "scheduling a card");
}

int
store_batch_review(struct store_batch *b, const struct review *r,
    char **errmsg)
{
	b->r[b->nr++] = *r;
	return b->nr == BATCH_ROWS ? write_reviews(b, errmsg) : 0;
}

int
store_batch_sched(struct store_batch *b, int64_t card_id,
    const struct sched *s, char **errmsg)
{
	b->c[b->nc++] = (struct batch_sched){ .card_id = card_id, .s = *s };
	return b->nc == BATCH_ROWS ? write_scheds(b, errmsg) : 0;
}

int
store_batch_flush(struct store_batch *b, char **errmsg)
{
	if (write_reviews(b, errmsg) < 0)
		return -1;
	return write_scheds(b, errmsg);
}
