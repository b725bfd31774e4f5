#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/store.h"
#include "core/util.h"

/* "rhrs": marks a file as a rehearse collection. */
#define STORE_APPLICATION_ID 0x72687273

/*
 * Numbered migrations: entry i brings a collection from user_version i to
 * i + 1.  Never edit one that has shipped; append a new one.
 */
static const char *const migrations[] = {
	/* 0 -> 1: the first schema. */
	"CREATE TABLE decks ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE CHECK (name <> '')"
	") STRICT;"
	"CREATE TABLE cards ("
	"  id INTEGER PRIMARY KEY,"
	"  ext_id TEXT NOT NULL UNIQUE CHECK (ext_id <> ''),"
	"  deck_id INTEGER NOT NULL REFERENCES decks(id),"
	"  question TEXT NOT NULL CHECK (question <> ''),"
	"  answer TEXT NOT NULL,"
	"  tips TEXT NOT NULL,"
	"  tags TEXT NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  modified INTEGER NOT NULL,"
	"  state INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),"
	"  due INTEGER NOT NULL,"
	"  last_review INTEGER NOT NULL,"
	"  stability REAL NOT NULL,"
	"  difficulty REAL NOT NULL,"
	"  scheduled_days INTEGER NOT NULL,"
	"  learning_step INTEGER NOT NULL,"
	"  reps INTEGER NOT NULL,"
	"  lapses INTEGER NOT NULL,"
	"  suspended INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),"
	"  flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),"
	"  buried_until INTEGER NOT NULL DEFAULT 0"
	") STRICT;"
	/* The queue's questions are answered from these two covering indexes:
	 * per deck, and across decks by due time. */
	"CREATE INDEX cards_deck_sched ON cards(state, deck_id, due, buried_until)"
	"  WHERE suspended = 0;"
	"CREATE INDEX cards_sched ON cards(state, due, buried_until, deck_id)"
	"  WHERE suspended = 0;"
	"CREATE INDEX cards_deck ON cards(deck_id);"
	"CREATE TABLE reviews ("
	"  id INTEGER PRIMARY KEY,"
	"  card_id INTEGER NOT NULL REFERENCES cards(id),"
	"  time INTEGER NOT NULL,"
	"  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),"
	"  state INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),"
	"  duration INTEGER NOT NULL CHECK (duration >= 0),"
	"  prev_state INTEGER NOT NULL,"
	"  prev_due INTEGER NOT NULL,"
	"  prev_last_review INTEGER NOT NULL,"
	"  prev_stability REAL NOT NULL,"
	"  prev_difficulty REAL NOT NULL,"
	"  prev_scheduled_days INTEGER NOT NULL,"
	"  prev_learning_step INTEGER NOT NULL,"
	"  prev_reps INTEGER NOT NULL,"
	"  prev_lapses INTEGER NOT NULL,"
	"  UNIQUE (card_id, time)"
	") STRICT;"
	"CREATE INDEX reviews_time ON reviews(time, state);"
	"CREATE TABLE settings ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") STRICT;",
};
#define N_MIGRATIONS (sizeof(migrations) / sizeof(migrations[0]))
_Static_assert(N_MIGRATIONS == STORE_SCHEMA_VERSION,
    "STORE_SCHEMA_VERSION must equal the number of migrations");

#define CARD_COLS \
	"c.id, c.ext_id, c.deck_id, d.name, c.question, c.answer, c.tips, c.tags," \
	" c.suspended, c.flagged, c.buried_until, c.state, c.due, c.last_review," \
	" c.stability, c.difficulty, c.scheduled_days, c.learning_step, c.reps," \
	" c.lapses"
#define CARD_FROM " FROM cards c JOIN decks d ON d.id = c.deck_id"

#define REVIEW_COLS \
	"r.id, r.card_id, r.time, r.rating, r.state, r.duration, r.prev_state," \
	" r.prev_due, r.prev_last_review, r.prev_stability, r.prev_difficulty," \
	" r.prev_scheduled_days, r.prev_learning_step, r.prev_reps, r.prev_lapses"

/* Every statement the store runs, prepared once on first use. */
enum stmt {
	S_BEGIN,
	S_COMMIT,
	S_ROLLBACK,
	S_ANY_CARD,
	S_DECK_ID,
	S_DECK_INSERT,
	S_DECKS,
	S_CARD_BY_EXT,
	S_CARD_ID_BY_EXT,
	S_CARD_GET,
	S_CARD_INSERT,
	S_CARD_TEXT,
	S_CARD_UPDATE_TEXT,
	S_CARD_SET_SCHED,
	S_CARD_SUSPEND,
	S_CARD_FLAG,
	S_CARD_BURY,
	S_CARDS_ALL,
	S_CARDS_DECK,
	S_REVIEW_INSERT,
	S_REVIEW_GET,
	S_REVIEW_DELETE,
	S_CARD_REVIEWS_DELETE,
	S_REVIEW_EXISTS,
	S_REVIEWS_ALL,
	S_CARD_REVIEWS,
	S_SETTING_GET,
	S_SETTING_SET,
	S_SETTING_DEL,
	S_COUNT_NEW,
	S_COUNT_LEARNING,
	S_COUNT_REVIEW,
	S_DONE_BETWEEN,
	S_PICK_LEARNING,
	S_PICK_LEARNING_DECK,
	S_PICK_REVIEW,
	S_PICK_REVIEW_DECK,
	S_PICK_NEW,
	S_PICK_NEW_DECK,
	S_NEXT_DUE,
	S_NEXT_DUE_DECK,
	S_N
};

static const char *const stmt_sql[S_N] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_ANY_CARD] = "SELECT 1 FROM cards LIMIT 1",
	[S_DECK_ID] = "SELECT id FROM decks WHERE name = ?",
	[S_DECK_INSERT] = "INSERT INTO decks (name) VALUES (?)",
	[S_DECKS] = "SELECT d.id, d.name, (SELECT count(*) FROM cards c"
		    " WHERE c.deck_id = d.id) FROM decks d ORDER BY d.name, d.id",
	[S_CARD_BY_EXT] = "SELECT " CARD_COLS CARD_FROM " WHERE c.ext_id = ?",
	[S_CARD_ID_BY_EXT] = "SELECT id FROM cards WHERE ext_id = ?",
	[S_CARD_GET] = "SELECT " CARD_COLS CARD_FROM " WHERE c.id = ?",
	[S_CARD_INSERT] =
	    "INSERT INTO cards (ext_id, deck_id, question, answer, tips, tags,"
	    " created, modified, state, due, last_review, stability, difficulty,"
	    " scheduled_days, learning_step, reps, lapses)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[S_CARD_TEXT] = "SELECT deck_id, question, answer, tips, tags FROM cards"
			" WHERE id = ?",
	[S_CARD_UPDATE_TEXT] =
	    "UPDATE cards SET deck_id = ?, question = ?, answer = ?, tips = ?,"
	    " tags = ?, modified = ? WHERE id = ?",
	[S_CARD_SET_SCHED] =
	    "UPDATE cards SET state = ?, due = ?, last_review = ?, stability = ?,"
	    " difficulty = ?, scheduled_days = ?, learning_step = ?, reps = ?,"
	    " lapses = ? WHERE id = ?",
	[S_CARD_SUSPEND] = "UPDATE cards SET suspended = ? WHERE id = ?",
	[S_CARD_FLAG] = "UPDATE cards SET flagged = ? WHERE id = ?",
	[S_CARD_BURY] = "UPDATE cards SET buried_until = ? WHERE id = ?",
	[S_CARDS_ALL] = "SELECT " CARD_COLS CARD_FROM " ORDER BY d.name, c.id",
	[S_CARDS_DECK] = "SELECT " CARD_COLS CARD_FROM
			 " WHERE c.deck_id = ? ORDER BY c.id",
	[S_REVIEW_INSERT] =
	    "INSERT INTO reviews (card_id, time, rating, state, duration,"
	    " prev_state, prev_due, prev_last_review, prev_stability,"
	    " prev_difficulty, prev_scheduled_days, prev_learning_step,"
	    " prev_reps, prev_lapses)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[S_REVIEW_GET] = "SELECT " REVIEW_COLS " FROM reviews r WHERE r.id = ?",
	[S_REVIEW_DELETE] = "DELETE FROM reviews WHERE id = ?",
	[S_CARD_REVIEWS_DELETE] = "DELETE FROM reviews WHERE card_id = ?",
	[S_REVIEW_EXISTS] = "SELECT 1 FROM reviews WHERE card_id = ? AND time = ?",
	[S_REVIEWS_ALL] = "SELECT " REVIEW_COLS ", c.ext_id FROM reviews r"
			  " JOIN cards c ON c.id = r.card_id ORDER BY r.time, r.id",
	[S_CARD_REVIEWS] = "SELECT " REVIEW_COLS " FROM reviews r"
			   " WHERE r.card_id = ? ORDER BY r.time, r.id",
	[S_SETTING_GET] = "SELECT value FROM settings WHERE key = ?",
	[S_SETTING_SET] = "INSERT INTO settings (key, value) VALUES (?, ?)"
			  " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	[S_SETTING_DEL] = "DELETE FROM settings WHERE key = ?",
	/* The counts are capped in SQL so that a huge deck costs no more than
	 * the daily limit to count. */
	[S_COUNT_NEW] = "SELECT count(*) FROM (SELECT 1 FROM cards"
			" WHERE suspended = 0 AND state = 0 AND deck_id = ?"
			" AND buried_until <= ? LIMIT ?)",
	[S_COUNT_LEARNING] = "SELECT count(*) FROM cards WHERE suspended = 0"
			     " AND state IN (1, 3) AND deck_id = ? AND due <= ?"
			     " AND buried_until <= ?",
	[S_COUNT_REVIEW] = "SELECT count(*) FROM (SELECT 1 FROM cards"
			   " WHERE suspended = 0 AND state = 2 AND deck_id = ?"
			   " AND due < ? AND buried_until <= ? LIMIT ?)",
	[S_DONE_BETWEEN] = "SELECT coalesce(sum(state = 0), 0),"
			   " coalesce(sum(state = 2), 0) FROM reviews"
			   " WHERE time >= ? AND time < ?",
	[S_PICK_LEARNING] = "SELECT id FROM cards WHERE suspended = 0"
			    " AND state IN (1, 3) AND due <= ? AND buried_until <= ?"
			    " ORDER BY due, id LIMIT ?",
	[S_PICK_LEARNING_DECK] = "SELECT id FROM cards WHERE suspended = 0"
				 " AND state IN (1, 3) AND deck_id = ? AND due <= ?"
				 " AND buried_until <= ? ORDER BY due, id LIMIT ?",
	[S_PICK_REVIEW] = "SELECT id FROM cards WHERE suspended = 0 AND state = 2"
			  " AND due < ? AND buried_until <= ? ORDER BY due, id"
			  " LIMIT ?",
	[S_PICK_REVIEW_DECK] = "SELECT id FROM cards WHERE suspended = 0"
			       " AND state = 2 AND deck_id = ? AND due < ?"
			       " AND buried_until <= ? ORDER BY due, id LIMIT ?",
	[S_PICK_NEW] = "SELECT id FROM cards WHERE suspended = 0 AND state = 0"
		       " AND buried_until <= ? ORDER BY id LIMIT ?",
	[S_PICK_NEW_DECK] = "SELECT id FROM cards WHERE suspended = 0"
			    " AND state = 0 AND deck_id = ? AND buried_until <= ?"
			    " ORDER BY id LIMIT ?",
	[S_NEXT_DUE] = "SELECT min(due) FROM cards WHERE suspended = 0"
		       " AND state IN (1, 2, 3) AND due > ?",
	[S_NEXT_DUE_DECK] = "SELECT min(due) FROM cards WHERE suspended = 0"
			    " AND state IN (1, 2, 3) AND deck_id = ? AND due > ?",
};

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[S_N];
	bool bulk; /* switched to a rollback journal by store_bulk_begin */
};

static int
db_error(struct store *st, char **errmsg, const char *what)
{
	int code = sqlite3_errcode(st->db) & 0xff;

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return set_error(errmsg, "%s: %s: the collection is busy: another"
		    " rehearse is writing to it (a large import?); try again when it"
		    " has finished", st->path, what);
	return set_error(errmsg, "%s: %s: %s", st->path, what,
	    sqlite3_errmsg(st->db));
}

/* The prepared statement for s, reset and with its bindings cleared. */
static sqlite3_stmt *
prep(struct store *st, enum stmt s, char **errmsg)
{
	sqlite3_stmt *stmt = st->stmt[s];

	if (stmt == NULL) {
		if (sqlite3_prepare_v3(st->db, stmt_sql[s], -1,
			SQLITE_PREPARE_PERSISTENT, &st->stmt[s], NULL) != SQLITE_OK) {
			db_error(st, errmsg, "preparing a statement");
			return NULL;
		}
		return st->stmt[s];
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return stmt;
}

/*
 * Values to bind, one typed element per ? of a statement, written with the
 * macros below so that the compiler checks each argument: BIND_INT takes
 * an integer (or bool, or enum), BIND_REAL a double, BIND_TEXT a string
 * (NULL binds NULL; the string must outlive the statement's next reset).
 * Anything else does not compile.
 */
enum bind_type { BIND_T_INT, BIND_T_REAL, BIND_T_TEXT };

struct bind_value {
	enum bind_type type;
	union {
		int64_t i;
		double d;
		const char *s;
	} v;
};

#define BIND_INT(x) ((struct bind_value){ .type = BIND_T_INT, \
	.v.i = _Generic((x), _Bool: (x), int: (x), unsigned: (x), long: (x), \
	    long long: (x)) })
#define BIND_REAL(x) ((struct bind_value){ .type = BIND_T_REAL, \
	.v.d = _Generic((x), double: (x)) })
#define BIND_TEXT(x) ((struct bind_value){ .type = BIND_T_TEXT, \
	.v.s = _Generic((x), char *: (x), const char *: (x)) })
/* The array and its length, as the two last arguments of bind_values or
 * prep_bind. */
#define BINDS(...) (const struct bind_value[]){ __VA_ARGS__ }, \
	sizeof((const struct bind_value[]){ __VA_ARGS__ }) / \
	    sizeof(struct bind_value)

/* The nine columns of a scheduling state, in the order of cards' columns
 * and of reviews' prev_ ones (see read_sched). */
#define SCHED_BINDS(s) \
	BIND_INT((s)->state), BIND_INT((s)->due), BIND_INT((s)->last_review), \
	BIND_REAL((s)->stability), BIND_REAL((s)->difficulty), \
	BIND_INT((s)->scheduled_days), BIND_INT((s)->learning_step), \
	BIND_INT((s)->reps), BIND_INT((s)->lapses)

static int
bind_one(sqlite3_stmt *stmt, int i, const struct bind_value *b)
{
	switch (b->type) {
	case BIND_T_INT:
		return sqlite3_bind_int64(stmt, i, b->v.i);
	case BIND_T_REAL:
		return sqlite3_bind_double(stmt, i, b->v.d);
	case BIND_T_TEXT:
		return b->v.s != NULL
		    ? sqlite3_bind_text(stmt, i, b->v.s, -1, SQLITE_STATIC)
		    : sqlite3_bind_null(stmt, i);
	}
	die("bind: bad value type %d", (int)b->type);
}

/* Binds v[0..n) to the statement's parameters 1..n, each checked.  A count
 * that differs from the statement's is a broken invariant. */
static int
bind_values(struct store *st, sqlite3_stmt *stmt, char **errmsg,
    const struct bind_value *v, size_t n)
{
	if ((size_t)sqlite3_bind_parameter_count(stmt) != n)
		die("bind: \"%s\" takes %d values, not %zu", sqlite3_sql(stmt),
		    sqlite3_bind_parameter_count(stmt), n);
	for (size_t i = 0; i < n; i++)
		if (bind_one(stmt, (int)i + 1, &v[i]) != SQLITE_OK)
			return db_error(st, errmsg, "binding a value");
	return 0;
}

/* prep, then bind_values: the statement ready to step, or NULL. */
static sqlite3_stmt *
prep_bind(struct store *st, enum stmt s, char **errmsg,
    const struct bind_value *v, size_t n)
{
	sqlite3_stmt *stmt = prep(st, s, errmsg);

	if (stmt == NULL || bind_values(st, stmt, errmsg, v, n) < 0)
		return NULL;
	return stmt;
}

/* Runs a statement that returns no row. */
static int
exec_done(struct store *st, sqlite3_stmt *stmt, char **errmsg, const char *what)
{
	int rc = sqlite3_step(stmt);

	if (rc != SQLITE_DONE) {
		db_error(st, errmsg, what);
		sqlite3_reset(stmt);
		return -1;
	}
	sqlite3_reset(stmt);
	return 0;
}

/* Runs a statement expected to return one integer; *found says whether a
 * row came back. */
static int
exec_int(struct store *st, sqlite3_stmt *stmt, int64_t *out, bool *found,
    char **errmsg, const char *what)
{
	int rc = sqlite3_step(stmt);

	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(stmt, 0);
		if (found != NULL)
			*found = true;
		sqlite3_reset(stmt);
		return 0;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return db_error(st, errmsg, what);
	*out = 0;
	if (found != NULL)
		*found = false;
	return 0;
}

/* Text column i, "" for NULL: valid until the statement steps or resets. */
static const char *
col_text(sqlite3_stmt *stmt, int i)
{
	const unsigned char *t = sqlite3_column_text(stmt, i);

	return t != NULL ? (const char *)t : "";
}

/* A scheduling state from columns first.. of a row: state, due,
 * last_review, stability, difficulty, scheduled_days, learning_step, reps,
 * lapses (the order of cards' columns and of reviews' prev_ ones). */
static void
read_sched(sqlite3_stmt *stmt, int first, struct sched *s)
{
	s->state = (enum card_state)sqlite3_column_int(stmt, first);
	s->due = sqlite3_column_int64(stmt, first + 1);
	s->last_review = sqlite3_column_int64(stmt, first + 2);
	s->stability = sqlite3_column_double(stmt, first + 3);
	s->difficulty = sqlite3_column_double(stmt, first + 4);
	s->scheduled_days = sqlite3_column_int(stmt, first + 5);
	s->learning_step = sqlite3_column_int(stmt, first + 6);
	s->reps = sqlite3_column_int(stmt, first + 7);
	s->lapses = sqlite3_column_int(stmt, first + 8);
}

/* Fills c with the row's card, its strings borrowed from the statement
 * (valid until it steps or resets). */
static void
read_card_borrowed(sqlite3_stmt *stmt, struct card *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(stmt, 0);
	c->ext_id = col_text(stmt, 1);
	c->deck_id = sqlite3_column_int64(stmt, 2);
	c->deck = col_text(stmt, 3);
	c->question = col_text(stmt, 4);
	c->answer = col_text(stmt, 5);
	c->tips = col_text(stmt, 6);
	c->tags = col_text(stmt, 7);
	c->suspended = sqlite3_column_int(stmt, 8) != 0;
	c->flagged = sqlite3_column_int(stmt, 9) != 0;
	c->buried_until = sqlite3_column_int64(stmt, 10);
	read_sched(stmt, 11, &c->s);
}

/* Fills c with the row's card, which owns its strings. */
static void
read_card(sqlite3_stmt *stmt, struct card *c)
{
	read_card_borrowed(stmt, c);
	card_own(c);
}

static void
read_review(sqlite3_stmt *stmt, struct review *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(stmt, 0);
	r->card_id = sqlite3_column_int64(stmt, 1);
	r->time = sqlite3_column_int64(stmt, 2);
	r->rating = (enum rating)sqlite3_column_int(stmt, 3);
	r->state = (enum card_state)sqlite3_column_int(stmt, 4);
	r->duration = sqlite3_column_int64(stmt, 5);
	read_sched(stmt, 6, &r->before);
}

/* ---- opening ---- */

static int
pragma_int(struct store *st, const char *sql, int64_t *out, char **errmsg)
{
	sqlite3_stmt *stmt;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return db_error(st, errmsg, "reading the collection");
	rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, errmsg, "reading the collection");
	return 0;
}

static int
exec_sql(struct store *st, const char *sql, char **errmsg, const char *what)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(st, errmsg, what);
	return 0;
}

static int
migrate(struct store *st, int64_t version, char **errmsg)
{
	if (version == N_MIGRATIONS)
		return 0;
	if (store_begin(st, errmsg) < 0)
		return -1;
	/* Another process may have migrated while we waited for the lock. */
	if (pragma_int(st, "PRAGMA user_version", &version, errmsg) < 0)
		goto fail;
	for (; version < (int64_t)N_MIGRATIONS; version++) {
		char sql[64];

		if (exec_sql(st, migrations[version], errmsg, "upgrading the collection") < 0)
			goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", (int)version + 1);
		if (exec_sql(st, sql, errmsg, "upgrading the collection") < 0)
			goto fail;
	}
	if (exec_sql(st, "PRAGMA application_id = 1919447667", errmsg,
		"upgrading the collection") < 0)
		goto fail;
	return store_commit(st, errmsg);
fail:
	store_rollback(st);
	return -1;
}

/* Creates the file with mode 0600 before SQLite does, so that the
 * collection and its -wal/-shm companions are private. */
static int
create_private(const char *path, char **errmsg)
{
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd >= 0) {
		close(fd);
		return 0;
	}
	if (errno == EEXIST)
		return 0;
	return set_error(errmsg, "%s: cannot create: %s", path, strerror(errno));
}

int
store_open(const char *path, struct store **out, char **errmsg)
{
	struct store *st;
	bool memory = strcmp(path, ":memory:") == 0;
	int64_t version, appid, tables;

	_Static_assert(STORE_APPLICATION_ID == 1919447667, "application id");
	*out = NULL;
	if (!memory && create_private(path, errmsg) < 0)
		return -1;
	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	if (sqlite3_open_v2(path, &st->db,
		SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW |
		    SQLITE_OPEN_EXRESCODE, NULL) != SQLITE_OK) {
		if (st->db == NULL)
			die("out of memory");
		db_error(st, errmsg, "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(st->db, 5000);
	sqlite3_extended_result_codes(st->db, 1);

	/* Look before touching: a file that is not ours, or is newer than this
	 * program, is refused and left exactly as it is. */
	if (pragma_int(st, "PRAGMA user_version", &version, errmsg) < 0 ||
	    pragma_int(st, "PRAGMA application_id", &appid, errmsg) < 0 ||
	    pragma_int(st, "SELECT count(*) FROM sqlite_schema", &tables, errmsg) < 0)
		goto fail;
	if ((appid != 0 && appid != STORE_APPLICATION_ID) ||
	    (appid == 0 && tables > 0)) {
		set_error(errmsg, "%s: not a rehearse collection; left untouched", path);
		goto fail;
	}
	if (version > (int64_t)N_MIGRATIONS) {
		set_error(errmsg,
		    "%s: written by a newer rehearse (schema %lld; this one knows %d);"
		    " left untouched: upgrade rehearse to use it",
		    path, (long long)version, STORE_SCHEMA_VERSION);
		goto fail;
	}
	if (exec_sql(st,
		"PRAGMA foreign_keys = ON;"
		"PRAGMA synchronous = FULL;"
		"PRAGMA cache_size = -16384;"
		"PRAGMA temp_store = MEMORY;",
		errmsg, "setting up") < 0)
		goto fail;
	if (!memory && exec_sql(st, "PRAGMA journal_mode = WAL", errmsg,
			   "setting up") < 0)
		goto fail;
	if (migrate(st, version, errmsg) < 0)
		goto fail;
	*out = st;
	return 0;
fail:
	store_close(st);
	return -1;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	for (int i = 0; i < S_N; i++)
		sqlite3_finalize(st->stmt[i]);
	if (st->db != NULL && sqlite3_close(st->db) != SQLITE_OK)
		die("closing %s: %s", st->path, sqlite3_errmsg(st->db));
	free(st->path);
	free(st);
}

int
store_is_empty(struct store *st, bool *empty, char **errmsg)
{
	sqlite3_stmt *stmt = prep(st, S_ANY_CARD, errmsg);
	int64_t one;
	bool found = false;

	if (stmt == NULL ||
	    exec_int(st, stmt, &one, &found, errmsg, "counting cards") < 0)
		return -1;
	*empty = !found;
	return 0;
}

/* ---- transactions ---- */

int
store_begin(struct store *st, char **errmsg)
{
	sqlite3_stmt *stmt = prep(st, S_BEGIN, errmsg);

	if (stmt == NULL)
		return -1;
	return exec_done(st, stmt, errmsg, "starting a transaction");
}

int
store_commit(struct store *st, char **errmsg)
{
	sqlite3_stmt *stmt = prep(st, S_COMMIT, errmsg);

	if (stmt == NULL)
		return -1;
	if (exec_done(st, stmt, errmsg, "saving") < 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

void
store_rollback(struct store *st)
{
	sqlite3_stmt *stmt;

	if (sqlite3_get_autocommit(st->db))
		return;
	stmt = prep(st, S_ROLLBACK, NULL);
	if (stmt == NULL || sqlite3_step(stmt) != SQLITE_DONE) {
		/* A transaction that cannot be rolled back must not be
		 * committed by a later statement either. */
		die("%s: cannot roll back: %s", st->path, sqlite3_errmsg(st->db));
	}
	sqlite3_reset(stmt);
}

/* Sets the journal mode; true when the collection is now in it. */
static bool
journal_mode(struct store *st, const char *sql, const char *mode)
{
	sqlite3_stmt *stmt;
	bool ok = false;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *now = (const char *)sqlite3_column_text(stmt, 0);

		ok = now != NULL && strcmp(now, mode) == 0;
	}
	sqlite3_finalize(stmt);
	return ok;
}

/*
 * In WAL mode every page written reaches the file twice, once in the WAL
 * and once when it is checkpointed; a rollback journal writes new pages
 * once and keeps only the old content of changed ones.  For a large import
 * into an idle collection that is most of the time spent writing.  The
 * switch needs the only connection: with another one open it fails, and
 * the import runs in WAL as usual.
 */
void
store_bulk_begin(struct store *st)
{
	if (st->bulk || strcmp(st->path, ":memory:") == 0)
		return;
	st->bulk = journal_mode(st, "PRAGMA journal_mode = DELETE", "delete");
}

void
store_bulk_end(struct store *st)
{
	/* Should this fail, the next store_open restores WAL. */
	if (st->bulk)
		journal_mode(st, "PRAGMA journal_mode = WAL", "wal");
	st->bulk = false;
}

/* Runs body inside a transaction of its own unless one is open already. */
static int
own_begin(struct store *st, bool *own, char **errmsg)
{
	*own = sqlite3_get_autocommit(st->db) != 0;
	return *own ? store_begin(st, errmsg) : 0;
}

static int
own_end(struct store *st, bool own, int rc, char **errmsg)
{
	if (!own)
		return rc;
	if (rc < 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, errmsg);
}

/* ---- decks ---- */

int
store_deck_id(struct store *st, const char *name, bool create, int64_t *id,
    char **errmsg)
{
	sqlite3_stmt *stmt = prep_bind(st, S_DECK_ID, errmsg,
	    BINDS(BIND_TEXT(name)));
	bool found = false;

	if (stmt == NULL ||
	    exec_int(st, stmt, id, &found, errmsg, "finding a deck") < 0)
		return -1;
	if (found || !create)
		return 0;
	if (name[0] == '\0')
		return set_error(errmsg, "a deck needs a name");
	stmt = prep_bind(st, S_DECK_INSERT, errmsg, BINDS(BIND_TEXT(name)));
	if (stmt == NULL ||
	    exec_done(st, stmt, errmsg, "adding a deck") < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_decks(struct store *st, struct deck_info **decks, size_t *n, char **errmsg)
{
	sqlite3_stmt *stmt = prep(st, S_DECKS, errmsg);
	struct deck_info *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*decks = NULL;
	*n = 0;
	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		v = xgrow(v, &cap, len, sizeof(*v));
		v[len].id = sqlite3_column_int64(stmt, 0);
		v[len].name = xstrdup(col_text(stmt, 1));
		v[len].cards = sqlite3_column_int64(stmt, 2);
		len++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		store_decks_free(v, len);
		return db_error(st, errmsg, "listing decks");
	}
	*decks = v;
	*n = len;
	return 0;
}

void
store_decks_free(struct deck_info *decks, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(decks[i].name);
	free(decks);
}

/* ---- cards ---- */

static int
card_query(struct store *st, sqlite3_stmt *stmt, struct card *out, bool *found,
    char **errmsg)
{
	int rc = sqlite3_step(stmt);

	if (rc == SQLITE_ROW) {
		if (out != NULL)
			read_card(stmt, out);
		*found = true;
		sqlite3_reset(stmt);
		return 0;
	}
	sqlite3_reset(stmt);
	*found = false;
	if (rc != SQLITE_DONE)
		return db_error(st, errmsg, "reading a card");
	return 0;
}

int
store_card_by_ext(struct store *st, const char *ext_id, struct card *out,
    bool *found, char **errmsg)
{
	sqlite3_stmt *stmt = prep_bind(st, S_CARD_BY_EXT, errmsg,
	    BINDS(BIND_TEXT(ext_id)));

	if (stmt == NULL)
		return -1;
	return card_query(st, stmt, out, found, errmsg);
}

int
store_card_id_by_ext(struct store *st, const char *ext_id, int64_t *id,
    char **errmsg)
{
	sqlite3_stmt *stmt = prep_bind(st, S_CARD_ID_BY_EXT, errmsg,
	    BINDS(BIND_TEXT(ext_id)));

	*id = 0;
	if (stmt == NULL)
		return -1;
	return exec_int(st, stmt, id, NULL, errmsg, "finding a card");
}

int
store_card_get(struct store *st, int64_t id, struct card *out, char **errmsg)
{
	sqlite3_stmt *stmt = prep_bind(st, S_CARD_GET, errmsg,
	    BINDS(BIND_INT(id)));
	bool found;

	if (stmt == NULL ||
	    card_query(st, stmt, out, &found, errmsg) < 0)
		return -1;
	if (!found)
		return set_error(errmsg, "%s: no card with id %lld", st->path,
		    (long long)id);
	return 0;
}

static const char *
nz(const char *s)
{
	return s != NULL ? s : "";
}

int
store_card_insert(struct store *st, struct card *c, int64_t now, char **errmsg)
{
	const struct sched *s = &c->s;
	sqlite3_stmt *stmt = prep_bind(st, S_CARD_INSERT, errmsg,
	    BINDS(BIND_TEXT(c->ext_id), BIND_INT(c->deck_id),
		BIND_TEXT(c->question), BIND_TEXT(nz(c->answer)),
		BIND_TEXT(nz(c->tips)), BIND_TEXT(nz(c->tags)), BIND_INT(now),
		BIND_INT(now), SCHED_BINDS(s)));

	if (stmt == NULL || exec_done(st, stmt, errmsg, "adding a card") < 0)
		return -1;
	c->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static bool
same_text(sqlite3_stmt *stmt, int col, const char *s)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);
	size_t n = (size_t)sqlite3_column_bytes(stmt, col);

	return t != NULL && strlen(s) == n && memcmp(t, s, n) == 0;
}

int
store_card_update_text(struct store *st, const struct card *c, int64_t now,
    bool *changed, char **errmsg)
{
	sqlite3_stmt *stmt = prep_bind(st, S_CARD_TEXT, errmsg,
	    BINDS(BIND_INT(c->id)));
	bool differs;
	int rc;

	if (stmt == NULL)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(stmt);
		if (rc == SQLITE_DONE)
			return set_error(errmsg, "%s: no card with id %lld",
			    st->path, (long long)c->id);
		return db_error(st, errmsg, "reading a card");
	}
	differs = sqlite3_column_int64(stmt, 0) != c->deck_id ||
	    !same_text(stmt, 1, c->question) || !same_text(stmt, 2, nz(c->answer)) ||
	    !same_text(stmt, 3, nz(c->tips)) || !same_text(stmt, 4, nz(c->tags));
	sqlite3_reset(stmt);
	if (changed != NULL)
		*changed = differs;
	if (!differs)
		return 0;
	stmt = prep_bind(st, S_CARD_UPDATE_TEXT, errmsg,
	    BINDS(BIND_INT(c->deck_id), BIND_TEXT(c->question),
		BIND_TEXT(nz(c->answer)), BIND_TEXT(nz(c->tips)),
		BIND_TEXT(nz(c->tags)), BIND_INT(now), BIND_INT(c->id)));
	if (stmt == NULL)
		return -1;
	return exec_done(st, stmt, errmsg, "updating a card");
}

/* Runs an UPDATE of one card and insists that the card existed. */
static int
update_one(struct store *st, sqlite3_stmt *stmt, int64_t id, char **errmsg)
{
	if (exec_done(st, stmt, errmsg, "updating a card") < 0)
		return -1;
	if (sqlite3_changes(st->db) != 1)
		return set_error(errmsg, "%s: no card with id %lld", st->path,
		    (long long)id);
	return 0;
}

int
store_card_set_sched(struct store *st, int64_t id, const struct sched *s,
    char **errmsg)
{
	sqlite3_stmt *stmt = prep_bind(st, S_CARD_SET_SCHED, errmsg,
	    BINDS(SCHED_BINDS(s), BIND_INT(id)));

	if (stmt == NULL)
		return -1;
	return update_one(st, stmt, id, errmsg);
}

static int
set_card_int(struct store *st, enum stmt which, int64_t id, int64_t value,
    char **errmsg)
{
	sqlite3_stmt *stmt = prep_bind(st, which, errmsg,
	    BINDS(BIND_INT(value), BIND_INT(id)));

	if (stmt == NULL)
		return -1;
	return update_one(st, stmt, id, errmsg);
}

int
store_card_set_suspended(struct store *st, int64_t id, bool on, char **errmsg)
{
	return set_card_int(st, S_CARD_SUSPEND, id, on, errmsg);
}

int
store_card_set_flagged(struct store *st, int64_t id, bool on, char **errmsg)
{
	return set_card_int(st, S_CARD_FLAG, id, on, errmsg);
}

int
store_card_set_buried(struct store *st, int64_t id, int64_t until, char **errmsg)
{
	return set_card_int(st, S_CARD_BURY, id, until, errmsg);
}

int
store_cards_foreach(struct store *st, int64_t deck_id, store_card_fn fn,
    void *ctx, char **errmsg)
{
	/* The walk may outlive other calls on the store (fn may query it), so
	 * it gets a statement of its own rather than the shared one. */
	const char *sql = stmt_sql[deck_id ? S_CARDS_DECK : S_CARDS_ALL];
	sqlite3_stmt *stmt;
	struct card c;
	int rc, ret = 0;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return db_error(st, errmsg, "listing cards");
	if (deck_id &&
	    bind_values(st, stmt, errmsg, BINDS(BIND_INT(deck_id))) < 0) {
		sqlite3_finalize(stmt);
		return -1;
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		read_card_borrowed(stmt, &c);
		ret = fn(&c, ctx, errmsg);
		if (ret != 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_error(st, errmsg, "listing cards");
	sqlite3_finalize(stmt);
	return ret;
}

/* ---- the review log ---- */

int
store_review_insert(struct store *st, struct review *r, char **errmsg)
{
	sqlite3_stmt *stmt = prep_bind(st, S_REVIEW_INSERT, errmsg,
	    BINDS(BIND_INT(r->card_id), BIND_INT(r->time), BIND_INT(r->rating),
		BIND_INT(r->state), BIND_INT(r->duration),
		SCHED_BINDS(&r->before)));

	if (stmt == NULL ||
	    exec_done(st, stmt, errmsg, "recording an answer") < 0)
		return -1;
	r->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_answer(struct store *st, struct review *r, const struct sched *after,
    char **errmsg)
{
	bool own;
	int rc = -1;

	if (own_begin(st, &own, errmsg) < 0)
		return -1;
	if (store_review_insert(st, r, errmsg) < 0)
		goto out;
	rc = store_card_set_sched(st, r->card_id, after, errmsg);
out:
	return own_end(st, own, rc, errmsg);
}

int
store_undo(struct store *st, int64_t review_id, struct card *out, char **errmsg)
{
	sqlite3_stmt *stmt;
	struct review r;
	bool own;
	int rc = -1, step;

	if (own_begin(st, &own, errmsg) < 0)
		return -1;
	stmt = prep_bind(st, S_REVIEW_GET, errmsg, BINDS(BIND_INT(review_id)));
	if (stmt == NULL)
		goto out;
	step = sqlite3_step(stmt);
	if (step != SQLITE_ROW) {
		sqlite3_reset(stmt);
		if (step == SQLITE_DONE)
			set_error(errmsg, "%s: no review with id %lld to undo",
			    st->path, (long long)review_id);
		else
			db_error(st, errmsg, "reading a review");
		goto out;
	}
	read_review(stmt, &r);
	sqlite3_reset(stmt);
	if (store_card_set_sched(st, r.card_id, &r.before, errmsg) < 0)
		goto out;
	/* An undone answer also undoes a bury made after it by the session;
	 * a bury that had ended before the answer is left as it was, so that
	 * the card is exactly as before. */
	{
		struct card cur;
		bool later;

		if (store_card_get(st, r.card_id, &cur, errmsg) < 0)
			goto out;
		later = cur.buried_until > r.time;
		card_clear(&cur);
		if (later && store_card_set_buried(st, r.card_id, 0, errmsg) < 0)
			goto out;
	}
	stmt = prep_bind(st, S_REVIEW_DELETE, errmsg, BINDS(BIND_INT(review_id)));
	if (stmt == NULL ||
	    exec_done(st, stmt, errmsg, "removing a review") < 0)
		goto out;
	rc = 0;
out:
	rc = own_end(st, own, rc, errmsg);
	if (rc == 0 && out != NULL)
		rc = store_card_get(st, r.card_id, out, errmsg);
	return rc;
}

int
store_review_exists(struct store *st, int64_t card_id, int64_t time,
    bool *exists, char **errmsg)
{
	sqlite3_stmt *stmt = prep_bind(st, S_REVIEW_EXISTS, errmsg,
	    BINDS(BIND_INT(card_id), BIND_INT(time)));
	int64_t one;

	if (stmt == NULL)
		return -1;
	return exec_int(st, stmt, &one, exists, errmsg, "reading reviews");
}

int
store_reviews_foreach(struct store *st, store_review_fn fn, void *ctx,
    char **errmsg)
{
	sqlite3_stmt *stmt;
	struct review r;
	int rc, ret = 0;

	if (sqlite3_prepare_v2(st->db, stmt_sql[S_REVIEWS_ALL], -1, &stmt,
		NULL) != SQLITE_OK)
		return db_error(st, errmsg, "listing reviews");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		read_review(stmt, &r);
		ret = fn(&r, (const char *)sqlite3_column_text(stmt, 15), ctx, errmsg);
		if (ret != 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = db_error(st, errmsg, "listing reviews");
	sqlite3_finalize(stmt);
	return ret;
}

int
store_card_reviews_delete(struct store *st, int64_t card_id, char **errmsg)
{
	sqlite3_stmt *stmt = prep_bind(st, S_CARD_REVIEWS_DELETE, errmsg,
	    BINDS(BIND_INT(card_id)));

	if (stmt == NULL)
		return -1;
	return exec_done(st, stmt, errmsg, "rewriting a card's reviews");
}

int
store_card_reviews(struct store *st, int64_t card_id, struct review **out,
    size_t *n, char **errmsg)
{
	sqlite3_stmt *stmt;
	struct review *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	stmt = prep_bind(st, S_CARD_REVIEWS, errmsg, BINDS(BIND_INT(card_id)));
	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		v = xgrow(v, &cap, len, sizeof(*v));
		read_review(stmt, &v[len++]);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		free(v);
		return db_error(st, errmsg, "reading reviews");
	}
	*out = v;
	*n = len;
	return 0;
}

/* ---- settings ---- */

int
store_setting_get(struct store *st, const char *key, char **value, char **errmsg)
{
	sqlite3_stmt *stmt;
	int rc;

	*value = NULL;
	stmt = prep_bind(st, S_SETTING_GET, errmsg, BINDS(BIND_TEXT(key)));
	if (stmt == NULL)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*value = xstrdup(col_text(stmt, 0));
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, errmsg, "reading a setting");
	return 0;
}

int
store_setting_set(struct store *st, const char *key, const char *value,
    char **errmsg)
{
	sqlite3_stmt *stmt = value != NULL
	    ? prep_bind(st, S_SETTING_SET, errmsg,
		  BINDS(BIND_TEXT(key), BIND_TEXT(value)))
	    : prep_bind(st, S_SETTING_DEL, errmsg, BINDS(BIND_TEXT(key)));

	if (stmt == NULL)
		return -1;
	return exec_done(st, stmt, errmsg, "saving a setting");
}

/* ---- the queue's questions ---- */

static int
count_one(struct store *st, enum stmt which, int64_t *out, char **errmsg,
    const struct bind_value *v, size_t n)
{
	sqlite3_stmt *stmt = prep_bind(st, which, errmsg, v, n);

	if (stmt == NULL)
		return -1;
	return exec_int(st, stmt, out, NULL, errmsg, "counting cards");
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
	sqlite3_stmt *stmt = prep_bind(st, S_DONE_BETWEEN, errmsg,
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
		return db_error(st, errmsg, "counting reviews");
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
			return prep_bind(st,
			    learn ? S_PICK_LEARNING_DECK : S_PICK_REVIEW_DECK, errmsg,
			    BINDS(BIND_INT(deck_id), BIND_INT(until), BIND_INT(now),
				BIND_INT(limit)));
		return prep_bind(st, learn ? S_PICK_LEARNING : S_PICK_REVIEW, errmsg,
		    BINDS(BIND_INT(until), BIND_INT(now), BIND_INT(limit)));
	case STORE_PICK_NEW:
		if (deck_id)
			return prep_bind(st, S_PICK_NEW_DECK, errmsg,
			    BINDS(BIND_INT(deck_id), BIND_INT(now), BIND_INT(limit)));
		return prep_bind(st, S_PICK_NEW, errmsg,
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
		return db_error(st, errmsg, "choosing cards");
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
	    ? prep_bind(st, S_NEXT_DUE_DECK, errmsg,
		  BINDS(BIND_INT(deck_id), BIND_INT(now)))
	    : prep_bind(st, S_NEXT_DUE, errmsg, BINDS(BIND_INT(now)));

	if (stmt == NULL)
		return -1;
	return exec_int(st, stmt, due, NULL, errmsg, "finding the next due card");
}

/* ---- maintenance ---- */

static void
add_problem(char ***problems, size_t *n, char *msg)
{
	*problems = xrealloc(*problems, (*n + 1) * sizeof(**problems));
	(*problems)[(*n)++] = msg;
}

/* The program's own invariants, each a query counting the rows that break
 * it, with what to say about them. */
static const struct {
	const char *sql;
	const char *what;
} invariants[] = {
	{ "SELECT count(*) FROM cards WHERE state = 0 AND (reps <> 0 OR"
	  " last_review <> 0)", "new cards with a review recorded on them" },
	{ "SELECT count(*) FROM cards WHERE state <> 0 AND (reps < 1 OR"
	  " last_review = 0 OR stability <= 0 OR difficulty < 1 OR difficulty > 10)",
	  "reviewed cards with impossible scheduling values" },
	{ "SELECT count(*) FROM cards WHERE lapses < 0 OR reps < 0 OR"
	  " scheduled_days < 0 OR learning_step < 0", "cards with negative counters" },
	{ "SELECT count(*) FROM cards c WHERE c.reps <> (SELECT count(*) FROM"
	  " reviews r WHERE r.card_id = c.id) AND EXISTS (SELECT 1 FROM reviews r"
	  " WHERE r.card_id = c.id)", "cards whose repetition count differs from"
	  " their review log" },
	{ "SELECT count(*) FROM reviews WHERE time <= 0",
	  "reviews with an impossible time" },
	{ "SELECT count(*) FROM cards WHERE trim(tags) <> tags OR"
	  " tags GLOB '*  *'", "cards with badly spaced tags" },
};

int
store_check(struct store *st, char ***problems, size_t *n, char **errmsg)
{
	sqlite3_stmt *stmt;
	int rc;

	*problems = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &stmt,
		NULL) != SQLITE_OK)
		return db_error(st, errmsg, "checking");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(stmt, 0);

		if (msg != NULL && strcmp(msg, "ok") != 0)
			add_problem(problems, n, xasprintf("database: %s", msg));
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return db_error(st, errmsg, "checking");
	if (*n > 0)
		return 0; /* a damaged file makes the finer checks meaningless */

	if (sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &stmt,
		NULL) != SQLITE_OK)
		return db_error(st, errmsg, "checking");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		add_problem(problems, n, xasprintf("%s row %lld refers to a missing %s",
		    sqlite3_column_text(stmt, 0),
		    (long long)sqlite3_column_int64(stmt, 1),
		    sqlite3_column_text(stmt, 2)));
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return db_error(st, errmsg, "checking");

	for (size_t i = 0; i < sizeof(invariants) / sizeof(invariants[0]); i++) {
		int64_t count = 0;

		if (pragma_int(st, invariants[i].sql, &count, errmsg) < 0)
			return -1;
		if (count > 0)
			add_problem(problems, n, xasprintf("%lld %s",
			    (long long)count, invariants[i].what));
	}
	return 0;
}
