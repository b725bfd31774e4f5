/*
 * store_bulk.c - writing a large part of the review log at once (store.h,
 * store_reviews_bulk_begin): the log's indexes, the cards' indexes on
 * their schedules and the log's triggers of review_slots and
 * review_deck_slots are dropped inside the writer's transaction and built
 * once at the end, from the rows (the counts per slot by store_slots.c),
 * rather than kept up to date row by row; and many cards at once
 * (store_cards_bulk_begin): the new cards' full-text entries written at
 * the end, in one statement.
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

void
store_schema_forget(char ***saved, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		free((*saved)[i]);
	free(*saved);
	*saved = NULL;
	*n = 0;
}

static void
forget_indexes(struct store *st)
{
	store_schema_forget(&st->bulk_indexes, &st->n_bulk_indexes);
}

int
store_schema_drop(struct store *st, const char *query, const char *kind,
    char ***saved, size_t *n, char **errmsg)
{
	sqlite3_stmt *stmt;
	struct strbuf drop = { 0 };
	size_t cap = *n;
	int rc;

	if (sqlite3_prepare_v2(st->db, query, -1, &stmt, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "reading the schema");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *name = store_col_text(stmt, 1);

		*saved = xgrow(*saved, &cap, *n, sizeof(**saved));
		(*saved)[(*n)++] = xstrdup(store_col_text(stmt, 0));
		/* An identifier cannot be bound: the schema's own name, quoted. */
		strbuf_addf(&drop, "DROP %s \"", kind);
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

/* Keeps the SQL of the indexes that query lists (sql, name) in st, and
 * drops them. */
static int
drop_indexes(struct store *st, const char *query, char **errmsg)
{
	return store_schema_drop(st, query, "INDEX", &st->bulk_indexes,
	    &st->n_bulk_indexes, errmsg);
}

int
store_schema_recreate(struct store *st, char *const *saved, size_t n, char **errmsg,
    const char *what)
{
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++)
		rc = store_exec_sql(st, saved[i], errmsg, what);
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

int
store_reviews_bulk_end(struct store *st,
    const struct store_slot_source *given, char **errmsg)
{
	/* Those STORE_SLOTS_DROP_TRIGGERS drops, each under C's 4095
	 * characters. */
	static const char *const triggers[] = { STORE_SLOTS_TRIGGER_INSERT,
		STORE_SLOTS_TRIGGERS_CHANGE, STORE_DECK_SLOTS_TRIGGER_INSERT,
		STORE_DECK_SLOTS_TRIGGER_DELETE, STORE_DECK_SLOTS_TRIGGER_UPDATE };
	int rc;

	if (!st->bulk_reviews)
		return 0;
	rc = store_schema_recreate(st, st->bulk_indexes, st->n_bulk_indexes, errmsg,
	    "indexing the answers");
	if (rc == 0)
		rc = given != NULL ? store_slots_put(st, given, errmsg)
		                   : store_slots_fill(st, errmsg);
	for (size_t i = 0; rc == 0 && i < sizeof(triggers) / sizeof(*triggers); i++)
		rc = store_exec_sql(st, triggers[i], errmsg, "counting the answers");
	store_reviews_bulk_cancel(st);
	return rc;
}

void
store_reviews_bulk_cancel(struct store *st)
{
	forget_indexes(st);
	st->bulk_reviews = false;
}

/* ---- the cards' search index ---- */

/* The triggers that keep cards_fts in step with cards, and the one that
 * counts the answers of a card added in its deck (a new card has none,
 * but its trigger, which could write, has SQLite journal every card
 * written, in case the statement fails halfway). */
#define BULK_TRIGGERS_SQL                                                      \
	"SELECT sql, name FROM sqlite_schema WHERE type = 'trigger'"           \
	" AND tbl_name = 'cards' AND (name LIKE 'cards\\_fts\\_%' ESCAPE '\\'" \
	" OR name = 'cards_deck_slots_insert') ORDER BY name"
#define FTS_COLS " (rowid, question, answer, tips, tags)"
#define FTS_ROW(r) r ".id, " r ".question, " r ".answer, " r ".tips, " r ".tags"
/* While the cards are written, in place of cards_fts_update and _delete
 * (the %lld: the last card there was before): a card there was keeps,
 * in temp.bulk_fts_old, the text the index holds of it (its first
 * change's old text), and the index changes once at the end, in two
 * statements, the new cards with it.  A statement a card would have the
 * index write its changes card by card: 100,000 cards changed took 53 s. */
#define FTS_OLD_CREATE                                                     \
	"CREATE TEMP TABLE bulk_fts_old (id INTEGER PRIMARY KEY, question" \
	" TEXT, answer TEXT, tips TEXT, tags TEXT);"
#define FTS_KEEP_OLD                                                      \
	"INSERT OR IGNORE INTO bulk_fts_old (id, question, answer, tips," \
	" tags) VALUES (" FTS_ROW("old") ");"
#define FTS_BULK_UPDATE                                                 \
	"CREATE TEMP TRIGGER bulk_fts_update AFTER UPDATE OF question," \
	" answer, tips, tags ON main.cards WHEN old.id <= %lld BEGIN " FTS_KEEP_OLD " END;"
#define FTS_BULK_DELETE                                                  \
	"CREATE TEMP TRIGGER bulk_fts_delete AFTER DELETE ON main.cards" \
	" WHEN old.id <= %lld BEGIN " FTS_KEEP_OLD " END;"
/* At the end: the old text out, the text of the cards changed (those
 * still there) and of the new cards (after ?) in. */
#define FTS_OLD_OUT                                                        \
	"INSERT INTO cards_fts (cards_fts, rowid, question, answer, tips," \
	" tags) SELECT 'delete', " FTS_ROW("o") " FROM temp.bulk_fts_old o"
#define FTS_NEW_IN                                                                                                         \
	"INSERT INTO cards_fts" FTS_COLS " SELECT " FTS_ROW("c") " FROM cards c WHERE c.id > ? OR c.id IN (SELECT id FROM" \
								 " temp.bulk_fts_old)"
/* Past this many cards changed, and a third of those there were, the
 * index is built anew from every card: that reads each card's text once,
 * where changing the index reads the old and the new text of each. */
#define FTS_REBUILD_MIN 2000
#define FTS_REBUILD "INSERT INTO cards_fts (cards_fts) VALUES ('rebuild')"
/* FTS5's in-memory run of pending entries, in bytes: its default, and
 * the size for a bulk import. */
#define FTS_DEFAULT_HASH "1048576"
#define BULK_FTS_HASH "8388608"
#define FTS_HASHSIZE(n) \
	"INSERT INTO cards_fts (cards_fts, rank) VALUES ('hashsize', " n ")"
#define FTS_BULK_DROP                                  \
	"DROP TRIGGER IF EXISTS temp.bulk_fts_update;" \
	"DROP TRIGGER IF EXISTS temp.bulk_fts_delete;" \
	"DROP TABLE IF EXISTS temp.bulk_fts_old;"

/* The cards' indexes that a large import into few cards builds at its
 * end: the one of the questions, whose keys come in no order. */
#define CARD_TEXT_INDEXES_SQL                                      \
	"SELECT sql, name FROM sqlite_schema WHERE type = 'index'" \
	" AND tbl_name = 'cards' AND name = 'cards_question'"

int
store_cards_bulk_changed(struct store *st, char **errmsg)
{
	if (!st->bulk_cards || st->bulk_fts_rebuild ||
	    ++st->bulk_fts_changed < FTS_REBUILD_MIN ||
	    st->bulk_fts_changed * 3 < st->bulk_cards_after)
		return 0;
	st->bulk_fts_rebuild = true;
	return store_exec_sql(st, FTS_BULK_DROP, errmsg, "updating the cards");
}

int
store_cards_bulk_begin(struct store *st, bool large, char **errmsg)
{
	char *sql;
	int rc;

	if (sqlite3_get_autocommit(st->db) || st->bulk_cards)
		die("store_cards_bulk_begin: outside a transaction or twice");
	if (store_pragma_int(st, "SELECT coalesce(max(id), 0) FROM cards",
		&st->bulk_cards_after, errmsg) < 0)
		return -1;
	st->bulk_cards = true;
	st->bulk_fts_changed = 0;
	st->bulk_fts_rebuild = false;
	if (large && st->bulk_cards_after < BULK_CARDS_MIN &&
	    store_schema_drop(st, CARD_TEXT_INDEXES_SQL, "INDEX", &st->bulk_card_indexes,
		&st->n_bulk_card_indexes, errmsg) < 0)
		return -1;
	if (store_schema_drop(st, BULK_TRIGGERS_SQL, "TRIGGER", &st->bulk_triggers,
		&st->n_bulk_triggers, errmsg) < 0)
		return -1;
	/* A number, not a value from outside: the schema takes no binds. */
	sql = xasprintf(FTS_BULK_DROP FTS_OLD_CREATE FTS_BULK_UPDATE FTS_BULK_DELETE,
	    (long long)st->bulk_cards_after, (long long)st->bulk_cards_after);
	rc = store_exec_sql(st, sql, errmsg, "setting up a large import");
	free(sql);
	return rc;
}

/* Counts in their decks what answers the cards added have, as
 * cards_deck_slots_insert would have: none, unless the log names cards
 * that never were. */
static int
new_cards_answers(struct store *st, char **errmsg)
{
	sqlite3_stmt *stmt;
	int rc;

	if (sqlite3_prepare_v2(st->db, STORE_DECK_SLOTS_CARDS_AFTER, -1, &stmt,
		NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "counting the answers");
	rc = store_bind(st, stmt, errmsg, BINDS(BIND_INT(st->bulk_cards_after)));
	if (rc == 0)
		rc = store_exec_done(st, stmt, errmsg, "counting the answers");
	sqlite3_finalize(stmt);
	return rc;
}

int
store_cards_bulk_end(struct store *st, char **errmsg)
{
	sqlite3_stmt *stmt;
	int rc;

	if (!st->bulk_cards)
		return 0;
	if (store_schema_recreate(st, st->bulk_card_indexes, st->n_bulk_card_indexes, errmsg,
		"indexing the cards") < 0)
		return -1;
	/* One statement: SQLite's full-text index writes its entries in
	 * large runs, where a statement a card flushed them card by card;
	 * runs of 8 MiB rather than 1 (FTS5's hashsize, set back after)
	 * leave a quarter as many segments to merge. */
	if (store_exec_sql(st, FTS_HASHSIZE(BULK_FTS_HASH), errmsg,
		"indexing the cards") < 0)
		return -1;
	if (st->bulk_fts_rebuild) {
		rc = store_exec_sql(st, FTS_REBUILD, errmsg, "indexing the cards");
	} else {
		if (store_exec_sql(st, FTS_OLD_OUT, errmsg, "indexing the cards") < 0)
			return -1;
		if (sqlite3_prepare_v2(st->db, FTS_NEW_IN, -1, &stmt, NULL) != SQLITE_OK)
			return store_sql_error(st, errmsg, "indexing the cards");
		rc = store_bind(st, stmt, errmsg,
		    BINDS(BIND_INT(st->bulk_cards_after)));
		if (rc == 0)
			rc = store_exec_done(st, stmt, errmsg, "indexing the cards");
		sqlite3_finalize(stmt);
	}
	if (rc == 0)
		rc = store_exec_sql(st, FTS_HASHSIZE(FTS_DEFAULT_HASH), errmsg,
		    "indexing the cards");
	if (rc == 0)
		rc = new_cards_answers(st, errmsg);
	if (rc == 0)
		rc = store_exec_sql(st, FTS_BULK_DROP, errmsg, "indexing the cards");
	if (rc == 0)
		rc = store_schema_recreate(st, st->bulk_triggers, st->n_bulk_triggers, errmsg,
		    "indexing the cards");
	store_cards_bulk_cancel(st);
	return rc;
}

void
store_cards_bulk_cancel(struct store *st)
{
	/* Rolled back with the transaction; dropped here too when the
	 * transaction goes on. */
	if (st->bulk_cards && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, FTS_BULK_DROP, NULL, NULL, NULL);
	store_schema_forget(&st->bulk_triggers, &st->n_bulk_triggers);
	store_schema_forget(&st->bulk_card_indexes, &st->n_bulk_card_indexes);
	st->bulk_cards = false;
}
