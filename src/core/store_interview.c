#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/areas.h"
#include "core/store_interview.h"
#include "core/store_private.h"
#include "core/util.h"

/*
 * These statements run a few times per interview, not per card shown:
 * each is prepared when used and finalized after, so that the shared
 * statement tables of the store stay as they are.
 */
static const char sql_questions[] =
    "SELECT id FROM cards WHERE suspended = 0 AND buried_until <= ?"
    " AND (? = 0 OR deck_id = ?) AND instr(' ' || tags || ' ', ?) > 0"
    " ORDER BY id";
static const char sql_add[] =
    "INSERT INTO interviews (started, deck, planned, answer_time)"
    " VALUES (?, ?, ?, ?)";
static const char sql_delete[] = "DELETE FROM interviews WHERE id = ?";
static const char sql_answer_add[] =
    "INSERT INTO interview_answers (interview_id, position, card_id,"
    " review_id, answered, spoken, rating, note, areas)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_answer_delete[] =
    "DELETE FROM interview_answers WHERE id = ?";
static const char sql_get[] =
    "SELECT id, started, deck, planned, answer_time FROM interviews"
    " WHERE id = ?";
static const char sql_answers[] =
    "SELECT a.id, a.interview_id, a.position, a.card_id, a.review_id,"
    " a.answered, a.spoken, a.rating, a.note, a.areas,"
    " coalesce(c.question, d.question, '')"
    " FROM interview_answers a LEFT JOIN cards c ON c.id = a.card_id"
    " LEFT JOIN cards_deleted d ON d.id = a.card_id"
    " WHERE a.interview_id = ? ORDER BY a.position";
static const char sql_sums[] =
    "SELECT i.id, i.started, i.deck, i.planned, i.answer_time, count(*),"
    " avg(a.rating), sum(a.spoken > i.answer_time),"
    " sum(max(a.spoken - i.answer_time, 0)), sum(a.spoken)"
    " FROM interviews i JOIN interview_answers a ON a.interview_id = i.id"
    " GROUP BY i.id ORDER BY i.started, i.id";

/* sql prepared with v bound; NULL with *errmsg. */
static sqlite3_stmt *
prepare(struct store *st, const char *sql, char **errmsg,
    const struct bind_value *v, size_t n)
{
	sqlite3_stmt *stmt;

	if (sqlite3_prepare_v2(store_sqlite(st), sql, -1, &stmt, NULL) != SQLITE_OK) {
		store_sql_error(st, errmsg, "preparing a statement");
		sqlite3_finalize(stmt);
		return NULL;
	}
	if (store_bind(st, stmt, errmsg, v, n) < 0) {
		sqlite3_finalize(stmt);
		return NULL;
	}
	return stmt;
}

/* Ends stmt, whose last step returned rc (DONE: all went well). */
static int
finish(struct store *st, sqlite3_stmt *stmt, int rc, char **errmsg,
    const char *what)
{
	int status = 0;

	if (rc != SQLITE_DONE)
		status = store_sql_error(st, errmsg, what);
	sqlite3_finalize(stmt);
	return status;
}

/* Runs a statement that returns no row. */
static int
run(struct store *st, sqlite3_stmt *stmt, char **errmsg, const char *what)
{
	if (stmt == NULL)
		return -1;
	return finish(st, stmt, sqlite3_step(stmt), errmsg, what);
}

static char *
col_dup(sqlite3_stmt *stmt, int i)
{
	return sqlite3_column_type(stmt, i) == SQLITE_NULL
	           ? NULL
	           : xstrdup(store_col_text(stmt, i));
}

int
store_interview_questions(struct store *st, int64_t deck_id, int64_t now,
    int64_t **ids, size_t *n, char **errmsg)
{
	sqlite3_stmt *stmt = prepare(st, sql_questions, errmsg,
	    BINDS(BIND_INT(now), BIND_INT(deck_id), BIND_INT(deck_id),
		BIND_TEXT(" " AREAS_QUESTION_TAG " ")));
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*ids = xgrow(*ids, &cap, *n, sizeof(**ids));
		(*ids)[(*n)++] = sqlite3_column_int64(stmt, 0);
	}
	if (finish(st, stmt, rc, errmsg, "reading the questions") < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

int
store_interview_add(struct store *st, struct store_interview *iv, char **errmsg)
{
	sqlite3_stmt *stmt = prepare(st, sql_add, errmsg,
	    BINDS(BIND_INT(iv->started), BIND_TEXT(iv->deck),
		BIND_INT(iv->planned), BIND_INT(iv->answer_time)));

	if (run(st, stmt, errmsg, "saving the interview") < 0)
		return -1;
	iv->id = sqlite3_last_insert_rowid(store_sqlite(st));
	return 0;
}

int
store_interview_delete(struct store *st, int64_t id, char **errmsg)
{
	return run(st, prepare(st, sql_delete, errmsg, BINDS(BIND_INT(id))),
	    errmsg, "removing the interview");
}

int
store_interview_answer_add(struct store *st, struct store_interview_answer *a,
    char **errmsg)
{
	sqlite3_stmt *stmt = prepare(st, sql_answer_add, errmsg,
	    BINDS(BIND_INT(a->interview_id), BIND_INT(a->position),
		BIND_INT(a->card_id), BIND_INT(a->review_id),
		BIND_INT(a->answered), BIND_INT(a->spoken), BIND_INT(a->rating),
		BIND_TEXT(a->note), BIND_TEXT(a->areas)));

	if (run(st, stmt, errmsg, "saving the answer") < 0)
		return -1;
	a->id = sqlite3_last_insert_rowid(store_sqlite(st));
	return 0;
}

int
store_interview_answer_delete(struct store *st, int64_t id, char **errmsg)
{
	return run(st, prepare(st, sql_answer_delete, errmsg, BINDS(BIND_INT(id))),
	    errmsg, "removing the answer");
}

static void
read_answer(sqlite3_stmt *stmt, struct store_interview_answer *a)
{
	a->id = sqlite3_column_int64(stmt, 0);
	a->interview_id = sqlite3_column_int64(stmt, 1);
	a->position = sqlite3_column_int(stmt, 2);
	a->card_id = sqlite3_column_int64(stmt, 3);
	a->review_id = sqlite3_column_int64(stmt, 4);
	a->answered = sqlite3_column_int64(stmt, 5);
	a->spoken = sqlite3_column_int64(stmt, 6);
	a->rating = sqlite3_column_int(stmt, 7);
	a->note = xstrdup(store_col_text(stmt, 8));
	a->areas = xstrdup(store_col_text(stmt, 9));
	a->question = xstrdup(store_col_text(stmt, 10));
}

static int
read_answers(struct store *st, int64_t id, struct store_interview_answer **out,
    size_t *n, char **errmsg)
{
	sqlite3_stmt *stmt = prepare(st, sql_answers, errmsg, BINDS(BIND_INT(id)));
	size_t cap = 0;
	int rc;

	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n, sizeof(**out));
		memset(&(*out)[*n], 0, sizeof(**out));
		read_answer(stmt, &(*out)[(*n)++]);
	}
	return finish(st, stmt, rc, errmsg, "reading the answers");
}

int
store_interview_get(struct store *st, int64_t id, struct store_interview *iv,
    bool *found, struct store_interview_answer **answers, size_t *n,
    char **errmsg)
{
	sqlite3_stmt *stmt = prepare(st, sql_get, errmsg, BINDS(BIND_INT(id)));
	int rc;

	memset(iv, 0, sizeof(*iv));
	*answers = NULL;
	*n = 0;
	*found = false;
	if (stmt == NULL)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*found = true;
		iv->id = sqlite3_column_int64(stmt, 0);
		iv->started = sqlite3_column_int64(stmt, 1);
		iv->deck = col_dup(stmt, 2);
		iv->planned = sqlite3_column_int(stmt, 3);
		iv->answer_time = sqlite3_column_int64(stmt, 4);
		rc = sqlite3_step(stmt);
	}
	if (finish(st, stmt, rc, errmsg, "reading the interview") < 0 ||
	    (*found && read_answers(st, id, answers, n, errmsg) < 0)) {
		store_interview_free(iv, *answers, *n);
		*answers = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void
store_interview_free(struct store_interview *iv,
    struct store_interview_answer *answers, size_t n)
{
	if (iv != NULL) {
		free(iv->deck);
		iv->deck = NULL;
	}
	for (size_t i = 0; i < n; i++) {
		free(answers[i].note);
		free(answers[i].areas);
		free(answers[i].question);
	}
	free(answers);
}

int
store_interview_sums(struct store *st, struct store_interview_sum **out,
    size_t *n, char **errmsg)
{
	sqlite3_stmt *stmt = prepare(st, sql_sums, errmsg, NULL, 0);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_interview_sum *s;

		*out = xgrow(*out, &cap, *n, sizeof(**out));
		s = &(*out)[(*n)++];
		s->id = sqlite3_column_int64(stmt, 0);
		s->started = sqlite3_column_int64(stmt, 1);
		s->deck = col_dup(stmt, 2);
		s->planned = sqlite3_column_int(stmt, 3);
		s->answer_time = sqlite3_column_int64(stmt, 4);
		s->answered = sqlite3_column_int(stmt, 5);
		s->average = sqlite3_column_double(stmt, 6);
		s->over = sqlite3_column_int(stmt, 7);
		s->over_total = sqlite3_column_int64(stmt, 8);
		s->spoken = sqlite3_column_int64(stmt, 9);
	}
	if (finish(st, stmt, rc, errmsg, "reading the interviews") < 0) {
		store_interview_sums_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void
store_interview_sums_free(struct store_interview_sum *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i].deck);
	free(s);
}
