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

#include "core/names.h"
#include "core/store_private.h"
#include "core/text.h"
#include "core/util.h"

/* How the collection uses memory: reads go through SQLite's own cache
 * (16 MiB), not a mapping of the file, whose pages (and the kernel's
 * neighbours of each) count as the program's memory: a read of every card
 * would weigh 150 MB.  What SQLite keeps aside for a statement (the pages
 * a statement changes, for taking it back; a large sort) stays in memory
 * while small and goes to an unlinked temporary file beyond: in memory
 * alone, deleting a deck of 30,000 cards held 170 MB. */
#define STORE_MEMORY_PRAGMAS \
	"PRAGMA temp_store = FILE; PRAGMA mmap_size = 0;"

/* "rhrs": marks a file as a rehearse collection. */
#define STORE_APPLICATION_ID 0x72687273

#define REVIEW_COLS                                                             \
	"r.id, r.card_id, r.time, r.rating, r.state, r.duration, r.prev_state," \
	" r.prev_due, r.prev_last_review, r.prev_stability, r.prev_difficulty," \
	" r.prev_scheduled_days, r.prev_learning_step, r.prev_reps, r.prev_lapses"

/* The SQL of every statement (enum stmt, store_private.h). */
const char *const store_sql[S_N] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_ANY_CONTENT] = "SELECT EXISTS (SELECT 1 FROM cards) OR EXISTS"
			  "  (SELECT 1 FROM decks) OR EXISTS (SELECT 1 FROM reviews)"
			  " OR EXISTS (SELECT 1 FROM cards_deleted)",
	[S_DECK_ID] = "SELECT id FROM decks WHERE name = ?",
	[S_DECK_NAMES] = "SELECT id, name FROM decks",
	[S_DECK_INSERT] = "INSERT INTO decks (name) VALUES (?)",
	[S_DECKS] = "SELECT d.id, d.name, (SELECT count(*) FROM cards c"
		    " WHERE c.deck_id = d.id) FROM decks d"
		    " ORDER BY d.name COLLATE HUMAN, d.id",
	[S_DECKS_BRIEF] = "SELECT d.id, d.name, EXISTS (SELECT 1 FROM cards c"
			  " WHERE c.deck_id = d.id) FROM decks d"
			  " ORDER BY d.name COLLATE HUMAN, d.id",
	[S_CARD_BY_EXT] = "SELECT " CARD_COLS CARD_FROM " WHERE c.ext_id = ?",
	[S_CARD_ID_BY_EXT] = "SELECT id FROM cards WHERE ext_id = ?",
	[S_CARD_IDS] = "SELECT ext_id, id FROM cards",
	[S_CARD_SCHED] = "SELECT state, due, last_review, stability, difficulty,"
			 " scheduled_days, learning_step, reps, lapses, deck_id"
			 " FROM cards WHERE id = ?",
	[S_CARD_GET] = "SELECT " CARD_COLS CARD_FROM " WHERE c.id = ?",
	[S_CARD_INSERT] =
	    "INSERT INTO cards (id, ext_id, deck_id, question, answer, tips, tags,"
	    " created, modified, state, due, last_review, stability, difficulty,"
	    " scheduled_days, learning_step, reps, lapses)"
	    " VALUES (" CARD_NEXT_ID ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	    " ?, ?, ?, ?)",
	[S_CARD_TEXT] = "SELECT deck_id, question, answer, tips, tags FROM cards"
			" WHERE id = ?",
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
	/* In time order from reviews_time; only answers at the same time are
	 * sorted.  The cards' ext_ids come from their own index
	 * (store_reviews_foreach), not from the rows with the text. */
	[S_REVIEWS_ALL] = "SELECT id, card_id, time, rating, state, duration"
			  " FROM reviews INDEXED BY reviews_time ORDER BY time, id",
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
			     " AND buried_until <= ? AND last_review >= ?",
	/* Due for review: in review, or learning since before today (a
	 * learning step across days counts as a review).  Said as state IN
	 * (1, 2, 3) first, a range of cards_deck_sched, which holds every
	 * column named: no row is read. */
	[S_COUNT_REVIEW] = "SELECT count(*) FROM (SELECT 1 FROM cards"
			   " WHERE suspended = 0 AND state IN (1, 2, 3)"
			   " AND deck_id = ? AND due < ? AND buried_until <= ?"
			   " AND (state = 2 OR last_review < ?) LIMIT ?)",
	[S_DONE_BY_DECK] = "SELECT c.deck_id, coalesce(sum(r.state = 0), 0),"
			   " coalesce(sum(r.state = 2 OR (r.state IN (1, 3)"
			   " AND r.prev_last_review < ?1)), 0)"
			   " FROM reviews r JOIN cards c ON c.id = r.card_id"
			   " WHERE r.time >= ?1 AND r.time < ?2"
			   " GROUP BY c.deck_id ORDER BY c.deck_id",
	[S_PICK_LEARNING] = "SELECT id FROM cards WHERE suspended = 0"
			    " AND state IN (1, 3) AND due <= ? AND buried_until <= ?"
			    " AND last_review >= ? ORDER BY due, id LIMIT 1",
	[S_PICK_LEARNING_DECK] = "SELECT id FROM cards WHERE suspended = 0"
				 " AND state IN (1, 3) AND deck_id = ? AND due <= ?"
				 " AND buried_until <= ? AND last_review >= ?"
				 " ORDER BY due, id LIMIT 1",
	[S_REVIEW_CANDIDATES] = "SELECT id, deck_id, due FROM cards"
				" WHERE suspended = 0 AND state IN (1, 2, 3)"
				" AND due < ? AND buried_until <= ?"
				" AND (state = 2 OR last_review < ?)",
	[S_REVIEW_CANDIDATES_DECK] = "SELECT id, deck_id, due FROM cards"
				     " WHERE suspended = 0 AND state IN (1, 2, 3)"
				     " AND deck_id = ? AND due < ? AND buried_until <= ?"
				     " AND (state = 2 OR last_review < ?)",
	[S_PICK_NEW_DECK] = "SELECT id FROM cards WHERE suspended = 0"
			    " AND state = 0 AND deck_id = ? AND buried_until <= ?"
			    " ORDER BY id LIMIT 1",
	[S_NEXT_DUE] = "SELECT min(due) FROM cards WHERE suspended = 0"
		       " AND state IN (1, 2, 3) AND due > ? AND due < ?"
		       " AND (?3 = 0 OR (state <> 2 AND last_review >= ?4))",
	[S_NEXT_DUE_DECK] = "SELECT min(due) FROM cards WHERE suspended = 0"
			    " AND state IN (1, 2, 3) AND deck_id = ? AND due > ?"
			    " AND due < ? AND (?4 = 0 OR (state <> 2 AND"
			    " last_review >= ?5))",
	/* cards_leech's condition, word for word: SQLite uses a partial
	 * index only for a query that says what its WHERE says. */
	[S_COUNT_LEECHES] = "SELECT count(*) FROM cards INDEXED BY cards_leech"
			    " WHERE deck_id = ? AND " STORE_LEECH_TAGGED,
};

int
store_sql_error(struct store *st, char **errmsg, const char *what)
{
	int code = sqlite3_errcode(st->db) & 0xff;

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return set_error(errmsg, "%s: %s: the collection is busy: another"
					 " rehearse is writing to it (a large import?); try again when it"
					 " has finished",
		    st->path, what);
	return set_error(errmsg, "%s: %s: %s", st->path, what,
	    sqlite3_errmsg(st->db));
}

/* The prepared statement for s, reset and with its bindings cleared. */
sqlite3_stmt *
store_prep(struct store *st, enum stmt s, char **errmsg)
{
	sqlite3_stmt *stmt = st->stmt[s];

	if (stmt == NULL) {
		if (sqlite3_prepare_v3(st->db, store_sql[s], -1,
			SQLITE_PREPARE_PERSISTENT, &st->stmt[s], NULL) != SQLITE_OK) {
			store_sql_error(st, errmsg, "preparing a statement");
			return NULL;
		}
		return st->stmt[s];
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return stmt;
}

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
int
store_bind(struct store *st, sqlite3_stmt *stmt, char **errmsg,
    const struct bind_value *v, size_t n)
{
	if ((size_t)sqlite3_bind_parameter_count(stmt) != n)
		die("bind: \"%s\" takes %d values, not %zu", sqlite3_sql(stmt),
		    sqlite3_bind_parameter_count(stmt), n);
	for (size_t i = 0; i < n; i++)
		if (bind_one(stmt, (int)i + 1, &v[i]) != SQLITE_OK)
			return store_sql_error(st, errmsg, "binding a value");
	return 0;
}

/* prep, then bind_values: the statement ready to step, or NULL. */
sqlite3_stmt *
store_prep_bind(struct store *st, enum stmt s, char **errmsg,
    const struct bind_value *v, size_t n)
{
	sqlite3_stmt *stmt = store_prep(st, s, errmsg);

	if (stmt == NULL || store_bind(st, stmt, errmsg, v, n) < 0)
		return NULL;
	return stmt;
}

/* Runs a statement that returns no row. */
int
store_exec_done(struct store *st, sqlite3_stmt *stmt, char **errmsg, const char *what)
{
	int rc = sqlite3_step(stmt);

	if (rc != SQLITE_DONE) {
		store_sql_error(st, errmsg, what);
		sqlite3_reset(stmt);
		return -1;
	}
	sqlite3_reset(stmt);
	return 0;
}

/* Runs a statement expected to return one integer; *found says whether a
 * row came back. */
int
store_exec_int(struct store *st, sqlite3_stmt *stmt, int64_t *out, bool *found,
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
		return store_sql_error(st, errmsg, what);
	*out = 0;
	if (found != NULL)
		*found = false;
	return 0;
}

/* Text column i, "" for NULL: valid until the statement steps or resets. */
const char *
store_col_text(sqlite3_stmt *stmt, int i)
{
	const unsigned char *t = sqlite3_column_text(stmt, i);

	return t != NULL ? (const char *)t : "";
}

void
store_read_sched(sqlite3_stmt *stmt, int first, struct sched *s)
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
void
store_read_card_borrowed(sqlite3_stmt *stmt, struct card *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(stmt, 0);
	c->ext_id = store_col_text(stmt, 1);
	c->deck_id = sqlite3_column_int64(stmt, 2);
	c->deck = store_col_text(stmt, 3);
	c->question = store_col_text(stmt, 4);
	c->answer = store_col_text(stmt, 5);
	c->tips = store_col_text(stmt, 6);
	c->tags = store_col_text(stmt, 7);
	c->suspended = sqlite3_column_int(stmt, 8) != 0;
	c->flagged = sqlite3_column_int(stmt, 9) != 0;
	c->buried_until = sqlite3_column_int64(stmt, 10);
	store_read_sched(stmt, 11, &c->s);
}

/* Fills c with the row's card, which owns its strings. */
void
store_read_card(sqlite3_stmt *stmt, struct card *c)
{
	store_read_card_borrowed(stmt, c);
	card_own(c);
}

void
store_read_review(sqlite3_stmt *stmt, struct review *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(stmt, 0);
	r->card_id = sqlite3_column_int64(stmt, 1);
	r->time = sqlite3_column_int64(stmt, 2);
	r->rating = (enum rating)sqlite3_column_int(stmt, 3);
	r->state = (enum card_state)sqlite3_column_int(stmt, 4);
	r->duration = sqlite3_column_int64(stmt, 5);
	store_read_sched(stmt, 6, &r->before);
}

/* ---- opening ---- */

int
store_pragma_int(struct store *st, const char *sql, int64_t *out, char **errmsg)
{
	sqlite3_stmt *stmt;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "reading the collection");
	rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sql_error(st, errmsg, "reading the collection");
	return 0;
}

int
store_exec_sql(struct store *st, const char *sql, char **errmsg,
    const char *what)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, what);
	return 0;
}

static int
migrate(struct store *st, int64_t version, char **errmsg)
{
	bool fill = false;

	if (version == STORE_SCHEMA_VERSION)
		return 0;
	if (store_begin(st, errmsg) < 0)
		return -1;
	/* Another process may have migrated while we waited for the lock. */
	if (store_pragma_int(st, "PRAGMA user_version", &version, errmsg) < 0)
		goto fail;
	for (; version < STORE_SCHEMA_VERSION; version++) {
		const char *const *parts = store_migrations[version];
		char sql[64];

		fill |= version + 1 == STORE_DECK_SLOTS_SINCE;
		for (int i = 0; i < STORE_MIGRATION_PARTS && parts[i] != NULL; i++)
			if (store_exec_sql(st, parts[i], errmsg, "upgrading the collection") < 0)
				goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", (int)version + 1);
		if (store_exec_sql(st, sql, errmsg, "upgrading the collection") < 0)
			goto fail;
	}
	/* In one walk over the log, not the migration's SQL: seconds less
	 * for a long history. */
	if (fill && store_slots_fill(st, errmsg) < 0)
		goto fail;
	if (store_exec_sql(st, "PRAGMA application_id = 1919447667", errmsg,
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
	if (errno == EACCES || errno == EROFS || errno == EPERM)
		return set_error(errmsg,
		    "%s: cannot create the collection: its directory is read-only (%s)",
		    path, strerror(errno));
	return set_error(errmsg, "%s: cannot create: %s", path, strerror(errno));
}

/*
 * The name to give SQLite for path, allocated: the file a symlink names
 * (followed, so that the link stays), created private when there is none
 * yet (*created true), "./" before a relative name so that "file:..." is a
 * name and never a URI.  Anything but a regular file is refused before
 * SQLite touches it, so that no -journal appears beside a device.
 */
static char *
open_name(const char *path, bool *created, char **errmsg)
{
	struct stat sb;
	char *real;

	*created = false;
	if (stat(path, &sb) < 0) {
		if (errno != ENOENT || lstat(path, &sb) == 0) {
			set_error(errmsg, "%s: %s", path,
			    errno == ENOENT ? "a symbolic link to nothing" : strerror(errno));
			return NULL;
		}
		if (create_private(path, errmsg) < 0)
			return NULL;
		*created = true;
	} else if (!S_ISREG(sb.st_mode)) {
		set_error(errmsg, "%s: not a regular file; a collection is a file",
		    path);
		return NULL;
	}
	if ((real = realpath(path, NULL)) == NULL) {
		set_error(errmsg, "%s: %s", path, strerror(errno));
		return NULL;
	}
	return real; /* absolute: never taken for a URI */
}

/* Removes what a failed first open created: no empty collection stays. */
static void
remove_created(const char *name)
{
	char *side;

	unlink(name);
	side = xasprintf("%s-wal", name);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", name);
	unlink(side);
	free(side);
	side = xasprintf("%s-journal", name);
	unlink(side);
	free(side);
}

/*
 * WAL lets readers work beside a writer.  Switching to it needs the file
 * alone: while another connection writes in a rollback journal (a bulk
 * import, store_bulk_begin), SQLite refuses at once, without waiting in the
 * busy handler.  The collection is then used in its current mode, whose
 * locks do wait, and a later open switches.  A collection already in WAL
 * is left alone: nothing is written.
 */
static int
use_wal(struct store *st, char **errmsg)
{
	sqlite3_stmt *stmt;
	bool wal = false;
	int rc;

	if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode", -1, &stmt, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "setting up");
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		const char *mode = (const char *)sqlite3_column_text(stmt, 0);

		wal = mode != NULL && strcmp(mode, "wal") == 0;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return store_sql_error(st, errmsg, "setting up");
	if (wal)
		return 0;
	if (sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) == SQLITE_OK ||
	    (sqlite3_errcode(st->db) & 0xff) == SQLITE_BUSY)
		return 0;
	return store_sql_error(st, errmsg, "setting up");
}

/* What store_open looks at before touching anything. */
struct first_look {
	int64_t version, appid, tables;
};

/* The order of names as a person reads them (names.h), for ORDER BY ...
 * COLLATE HUMAN. */
static int
collate_human(void *ctx, int na, const void *a, int nb, const void *b)
{
	(void)ctx;
	return names_compare(a, (size_t)na, b, (size_t)nb);
}

/*
 * Opens st->db on the file name (as open_name gives it) and takes the
 * first look.  exclusive: in exclusive locking
 * mode, where WAL keeps its index in memory rather than in the -shm file,
 * which needs room on the disk.
 */
static int
connect_db(struct store *st, const char *name, bool exclusive,
    struct first_look *l, char **errmsg)
{
	if (sqlite3_open_v2(name, &st->db,
		SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW |
		    SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX,
		NULL) != SQLITE_OK) {
		if (st->db == NULL)
			die("out of memory");
		return store_sql_error(st, errmsg, "cannot open");
	}
	sqlite3_busy_timeout(st->db, 5000);
	sqlite3_extended_result_codes(st->db, 1);
	if (sqlite3_create_collation_v2(st->db, "HUMAN", SQLITE_UTF8, NULL,
		collate_human, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "cannot open");
	if (exclusive && store_exec_sql(st, "PRAGMA locking_mode = EXCLUSIVE", errmsg,
			     "reading the collection") < 0)
		return -1;
	if (store_pragma_int(st, "PRAGMA user_version", &l->version, errmsg) < 0 ||
	    store_pragma_int(st, "PRAGMA application_id", &l->appid, errmsg) < 0 ||
	    store_pragma_int(st, "SELECT count(*) FROM sqlite_schema", &l->tables, errmsg) < 0)
		return -1;
	return 0;
}

/*
 * Opens the collection, and on a full disk again alone with it: reading a
 * WAL collection needs room for its shared index, which a connection in
 * exclusive locking mode keeps in memory, so that the commands that only
 * read work on a full disk.
 */
static int
connect_any(struct store *st, const char *name, struct first_look *l,
    char **errmsg)
{
	int code;

	if (connect_db(st, name, false, l, errmsg) == 0)
		return 0;
	code = sqlite3_errcode(st->db) & 0xff;
	if (strcmp(st->path, ":memory:") == 0 ||
	    (code != SQLITE_IOERR && code != SQLITE_FULL))
		return -1;
	if (errmsg != NULL) {
		free(*errmsg);
		*errmsg = NULL;
	}
	sqlite3_close(st->db);
	st->db = NULL;
	return connect_db(st, name, true, l, errmsg);
}

int
store_open(const char *path, struct store **out, char **errmsg)
{
	struct store *st;
	bool memory = strcmp(path, ":memory:") == 0, created = false;
	struct first_look l;
	char *name = NULL;

	_Static_assert(STORE_APPLICATION_ID == 1919447667, "application id");
	*out = NULL;
	if (!memory && (name = open_name(path, &created, errmsg)) == NULL)
		return -1;
	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	/* Look before touching: a file that is not ours, or is newer than this
	 * program, is refused and left exactly as it is. */
	if (connect_any(st, memory ? path : name, &l, errmsg) < 0)
		goto fail;
	if ((l.appid != 0 && l.appid != STORE_APPLICATION_ID) ||
	    (l.appid == 0 && l.tables > 0)) {
		set_error(errmsg, "%s: not a rehearse collection; left untouched", path);
		goto fail;
	}
	if (l.version > STORE_SCHEMA_VERSION) {
		set_error(errmsg,
		    "%s: written by a newer rehearse (schema %lld; this one knows %d);"
		    " left untouched: upgrade rehearse to use it",
		    path, (long long)l.version, STORE_SCHEMA_VERSION);
		goto fail;
	}
	if (store_exec_sql(st,
		"PRAGMA foreign_keys = ON;"
		"PRAGMA synchronous = FULL;"
		"PRAGMA cache_size = " STORE_CACHE ";" STORE_MEMORY_PRAGMAS,
		errmsg, "setting up") < 0)
		goto fail;
	if (!memory && use_wal(st, errmsg) < 0)
		goto fail;
	if (migrate(st, l.version, errmsg) < 0)
		goto fail;
	*out = st;
	free(name);
	return 0;
fail:
	store_close(st);
	if (created)
		remove_created(name);
	free(name);
	return -1;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	store_reviews_bulk_cancel(st);
	store_cards_bulk_cancel(st);
	for (int i = 0; i < S_N; i++)
		sqlite3_finalize(st->stmt[i]);
	for (int i = 0; i < STORE_EXTRA_STMTS; i++)
		sqlite3_finalize(st->extra[i]);
	if (st->db != NULL && sqlite3_close(st->db) != SQLITE_OK)
		die("closing %s: %s", st->path, sqlite3_errmsg(st->db));
	free(st->path);
	free(st);
}

sqlite3 *
store_sqlite(struct store *st)
{
	return st->db;
}

sqlite3_stmt **
store_stmt_slot(struct store *st, int slot)
{
	if (slot < 0 || slot >= STORE_EXTRA_STMTS)
		die("store_stmt_slot: slot %d out of range", slot);
	return &st->extra[slot];
}

void
store_cache_small(struct store *st, bool small)
{
	/* A pragma that cannot fail on an open collection; should it, the
	 * cache keeps its size, which costs memory only. */
	sqlite3_exec(st->db, small ? "PRAGMA cache_size = -1024" : "PRAGMA cache_size = " STORE_CACHE,
	    NULL, NULL, NULL);
}

int
store_is_empty(struct store *st, bool *empty, char **errmsg)
{
	sqlite3_stmt *stmt = store_prep(st, S_ANY_CONTENT, errmsg);
	int64_t held = 0;

	if (stmt == NULL ||
	    store_exec_int(st, stmt, &held, NULL, errmsg, "reading the collection") < 0)
		return -1;
	*empty = held == 0;
	return 0;
}

/* ---- transactions ---- */

int
store_begin(struct store *st, char **errmsg)
{
	sqlite3_stmt *stmt = store_prep(st, S_BEGIN, errmsg);

	if (stmt == NULL)
		return -1;
	return store_exec_done(st, stmt, errmsg, "starting a transaction");
}

int
store_commit(struct store *st, char **errmsg)
{
	sqlite3_stmt *stmt = store_prep(st, S_COMMIT, errmsg);

	if (stmt == NULL)
		return -1;
	if (store_exec_done(st, stmt, errmsg, "saving") < 0) {
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
	stmt = store_prep(st, S_ROLLBACK, NULL);
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
	/* A large write reads and sorts more than memory should hold: the
	 * file through the page cache alone, the sorts' spills in files. */
	if (st->bulk)
		sqlite3_exec(st->db, "PRAGMA mmap_size = 0; PRAGMA temp_store = FILE",
		    NULL, NULL, NULL);
}

void
store_bulk_end(struct store *st)
{
	/* Should this fail, the next store_open restores WAL. */
	if (st->bulk) {
		journal_mode(st, "PRAGMA journal_mode = WAL", "wal");
		sqlite3_exec(st->db, STORE_MEMORY_PRAGMAS, NULL, NULL, NULL);
	}
	st->bulk = false;
}

/* Runs body inside a transaction of its own unless one is open already. */
int
store_own_begin(struct store *st, bool *own, char **errmsg)
{
	*own = sqlite3_get_autocommit(st->db) != 0;
	return *own ? store_begin(st, errmsg) : 0;
}

int
store_own_end(struct store *st, bool own, int rc, char **errmsg)
{
	if (!own)
		return rc;
	if (rc < 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, errmsg);
}

/* ---- settings ---- */

int
store_setting_get(struct store *st, const char *key, char **value, char **errmsg)
{
	sqlite3_stmt *stmt;
	int rc;

	*value = NULL;
	stmt = store_prep_bind(st, S_SETTING_GET, errmsg, BINDS(BIND_TEXT(key)));
	if (stmt == NULL)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*value = xstrdup(store_col_text(stmt, 0));
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sql_error(st, errmsg, "reading a setting");
	return 0;
}

int
store_setting_set(struct store *st, const char *key, const char *value,
    char **errmsg)
{
	sqlite3_stmt *stmt = value != NULL
	                         ? store_prep_bind(st, S_SETTING_SET, errmsg,
				       BINDS(BIND_TEXT(key), BIND_TEXT(value)))
	                         : store_prep_bind(st, S_SETTING_DEL, errmsg, BINDS(BIND_TEXT(key)));

	if (stmt == NULL)
		return -1;
	return store_exec_done(st, stmt, errmsg, "saving a setting");
}
