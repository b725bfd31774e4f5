#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stddef.h>

#include "core/store_private.h"
#include "core/store_stats.h"

/*
 * Queries that take a deck come in two forms, the whole collection and one
 * deck.  Parameters: ?1 from, ?2 to (or until), ?3 the deck.  Each reads
 * an index alone: reviews_time (time, state, rating, prev_scheduled_days,
 * card_id) or cards_stats (deck_id, state, suspended, buried_until,
 * scheduled_days, stability, difficulty, last_review), or the answers
 * counted per slot (review_slots, review_deck_slots).
 */
enum query { Q_FIRST,
	Q_SPAN,
	Q_ANSWERS,
	Q_DECK_CARDS,
	Q_CARDS,
	Q_DUE,
	Q_SLOTS,
	Q_N };

#define SPAN_COLS                                                            \
	"SELECT count(DISTINCT r.card_id), count(*),"                        \
	" coalesce(sum(r.rating = 1), 0), coalesce(sum(r.duration), 0) FROM" \
	" reviews r INDEXED BY reviews_time WHERE r.time >= ?1 AND r.time < ?2"
#define CARDS_COLS                                                          \
	"SELECT state, suspended, buried_until, scheduled_days, stability," \
	" difficulty, last_review FROM cards INDEXED BY cards_stats"
#define DUE_COLS                                                           \
	"SELECT due FROM cards WHERE suspended = 0 AND state IN (1, 2, 3)" \
	" AND due < ?2"

static const char *const query_sql[Q_N][2] = {
	[Q_FIRST] = { "SELECT min(time) FROM reviews", NULL },
	/* One deck's: the span's answers, each card looked up in the deck's
	 * entries of cards_deck (not every card of the deck in the log). */
	[Q_SPAN] = { SPAN_COLS, SPAN_COLS
	    " AND EXISTS (SELECT 1 FROM cards c INDEXED BY cards_deck"
	    " WHERE c.deck_id = ?3 AND c.id = r.card_id)" },
	[Q_ANSWERS] = { "SELECT time, state, rating, prev_scheduled_days, card_id"
			" FROM reviews INDEXED BY reviews_time WHERE time >= ?1"
			" ORDER BY time",
	    NULL },
	[Q_DECK_CARDS] = { NULL, "SELECT id FROM cards WHERE deck_id = ?3"
				 " ORDER BY id" },
	[Q_CARDS] = { CARDS_COLS, CARDS_COLS " WHERE deck_id = ?3" },
	[Q_DUE] = { DUE_COLS, DUE_COLS " AND deck_id = ?3" },
	[Q_SLOTS] = { "SELECT slot, " STORE_SLOT_COLS " FROM review_slots"
		      " ORDER BY slot",
	    "SELECT slot, " STORE_SLOT_COLS " FROM review_deck_slots"
	    " WHERE deck_id = ?3 ORDER BY slot" },
};

/* The statement for q in the deck's form, prepared once, with from, to
 * and the deck bound (as far as it has parameters). */
static sqlite3_stmt *
query(struct store *st, enum query q, int64_t from, int64_t to,
    int64_t deck, char **errmsg)
{
	int form = deck != 0 && query_sql[q][1] != NULL;
	sqlite3_stmt **slot = store_stmt_slot(st, (int)q * 2 + form);
	const int64_t values[] = { from, to, deck };
	int n;

	if (*slot == NULL) {
		if (sqlite3_prepare_v3(store_sqlite(st), query_sql[q][form], -1,
			SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK) {
			store_sql_error(st, errmsg, "preparing the statistics");
			return NULL;
		}
	} else {
		sqlite3_reset(*slot);
	}
	n = sqlite3_bind_parameter_count(*slot);
	for (int i = 0; i < n && i < 3; i++) {
		if (sqlite3_bind_int64(*slot, i + 1, values[i]) != SQLITE_OK) {
			store_sql_error(st, errmsg, "binding a value");
			return NULL;
		}
	}
	return *slot;
}

/* Ends a walk over stmt's rows: rc is the last sqlite3_step's. */
static int
walk_end(struct store *st, sqlite3_stmt *stmt, int rc, char **errmsg)
{
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_sql_error(st, errmsg, "reading for the statistics");
	return 0;
}

int
store_stats_first_answer(struct store *st, int64_t *time, bool *found,
    char **errmsg)
{
	sqlite3_stmt *stmt = query(st, Q_FIRST, 0, 0, 0, errmsg);
	int rc;

	if (stmt == NULL)
		return -1;
	rc = sqlite3_step(stmt);
	*found = rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL;
	*time = *found ? sqlite3_column_int64(stmt, 0) : 0;
	return walk_end(st, stmt, rc, errmsg);
}

int
store_stats_span(struct store *st, int64_t deck_id, int64_t from, int64_t to,
    struct store_stats_span *out, char **errmsg)
{
	sqlite3_stmt *stmt = query(st, Q_SPAN, from, to, deck_id, errmsg);
	int rc;

	if (stmt == NULL)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return walk_end(st, stmt, rc == SQLITE_DONE ? SQLITE_ERROR : rc,
		    errmsg);
	*out = (struct store_stats_span){ sqlite3_column_int64(stmt, 0),
		sqlite3_column_int64(stmt, 1), sqlite3_column_int64(stmt, 2),
		sqlite3_column_int64(stmt, 3) };
	return walk_end(st, stmt, rc, errmsg);
}

int
store_stats_answers(struct store *st, int64_t from, store_stats_answer_fn fn,
    void *ctx, char **errmsg)
{
	sqlite3_stmt *stmt = query(st, Q_ANSWERS, from, 0, 0, errmsg);
	int rc;

	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_stats_answer a = {
			.time = sqlite3_column_int64(stmt, 0),
			.state = sqlite3_column_int(stmt, 1),
			.rating = sqlite3_column_int(stmt, 2),
			.interval = sqlite3_column_int64(stmt, 3),
			.card_id = sqlite3_column_int64(stmt, 4),
		};
		fn(&a, ctx);
	}
	return walk_end(st, stmt, rc, errmsg);
}

int
store_stats_deck_cards(struct store *st, int64_t deck_id, store_stats_id_fn fn,
    void *ctx, char **errmsg)
{
	sqlite3_stmt *stmt = query(st, Q_DECK_CARDS, 0, 0, deck_id, errmsg);
	int rc;

	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		fn(sqlite3_column_int64(stmt, 0), ctx);
	return walk_end(st, stmt, rc, errmsg);
}

int
store_stats_cards(struct store *st, int64_t deck_id, store_stats_card_fn fn,
    void *ctx, char **errmsg)
{
	sqlite3_stmt *stmt = query(st, Q_CARDS, 0, 0, deck_id, errmsg);
	int rc;

	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_stats_card c = {
			.state = sqlite3_column_int(stmt, 0),
			.suspended = sqlite3_column_int(stmt, 1) != 0,
			.buried_until = sqlite3_column_int64(stmt, 2),
			.interval = sqlite3_column_int64(stmt, 3),
			.stability = sqlite3_column_double(stmt, 4),
			.difficulty = sqlite3_column_double(stmt, 5),
			.last_review = sqlite3_column_int64(stmt, 6),
		};
		fn(&c, ctx);
	}
	return walk_end(st, stmt, rc, errmsg);
}

int
store_stats_due(struct store *st, int64_t deck_id, int64_t until,
    store_stats_due_fn fn, void *ctx, char **errmsg)
{
	sqlite3_stmt *stmt = query(st, Q_DUE, 0, until, deck_id, errmsg);
	int rc;

	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		fn(sqlite3_column_int64(stmt, 0), ctx);
	return walk_end(st, stmt, rc, errmsg);
}

int
store_stats_slots(struct store *st, int64_t deck_id, store_stats_slot_fn fn,
    void *ctx, char **errmsg)
{
	sqlite3_stmt *stmt = query(st, Q_SLOTS, 0, 0, deck_id, errmsg);
	int rc;

	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_stats_slot s = {
			.start = sqlite3_column_int64(stmt, 0) * STORE_SLOT_MS,
		};
		int64_t any = 0;

		for (int i = 0; i < 12; i++)
			any |= s.n[i / 4][i % 4] = sqlite3_column_int64(stmt, i + 1);
		if (any != 0) /* slots emptied by deletions are left in place */
			fn(&s, ctx);
	}
	return walk_end(st, stmt, rc, errmsg);
}

int64_t
store_stats_slot_ms(void)
{
	return STORE_SLOT_MS;
}
