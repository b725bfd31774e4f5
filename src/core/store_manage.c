/*
 * store_manage.c - deleting, restoring, resetting and moving cards,
 * renaming and deleting decks (store_search.h).  These run seldom, so
 * their statements are prepared on each call rather than kept.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/store_private.h"
#include "core/store_search.h"
#include "core/util.h"

/* The statements run card after card (a deletion or reset of thousands),
 * prepared once: a statement on cards compiles every trigger on them. */
enum { SLOT_DELETED_ONE = 32,
	SLOT_DELETE_ONE,
	SLOT_RESET_ONE,
	SLOT_MOVE_ONE };

/* Runs stmt (ready to bind) with its values; *changes (may be NULL) the
 * rows it changed. */
static int
run_stmt(struct store *st, sqlite3_stmt *stmt, const struct bind_value *v,
    size_t n, int64_t *changes, char **errmsg, const char *what)
{
	int rc;

	if (store_bind(st, stmt, errmsg, v, n) < 0)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		store_sql_error(st, errmsg, what);
	else if (changes != NULL)
		*changes = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0)
		                            : sqlite3_changes64(store_sqlite(st));
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* Runs sql with its values; *changes (may be NULL) the rows it changed. */
static int
run(struct store *st, const char *sql, const struct bind_value *v, size_t n,
    int64_t *changes, char **errmsg, const char *what)
{
	sqlite3_stmt *stmt;
	int rc;

	if (sqlite3_prepare_v2(store_sqlite(st), sql, -1, &stmt, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, what);
	rc = run_stmt(st, stmt, v, n, changes, errmsg, what);
	sqlite3_finalize(stmt);
	return rc;
}

/* run, with the statement kept in slot (always the same sql) and reused. */
static int
run_kept(struct store *st, int slot, const char *sql,
    const struct bind_value *v, size_t n, int64_t *changes, char **errmsg,
    const char *what)
{
	sqlite3_stmt **stmt = store_stmt_slot(st, slot);
	int rc;

	if (*stmt == NULL &&
	    sqlite3_prepare_v3(store_sqlite(st), sql, -1,
		SQLITE_PREPARE_PERSISTENT, stmt, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, what);
	rc = run_stmt(st, *stmt, v, n, changes, errmsg, what);
	sqlite3_reset(*stmt);
	sqlite3_clear_bindings(*stmt);
	return rc;
}

static int
no_card(struct store *st, int64_t id, char **errmsg)
{
	return set_error(errmsg, "%s: no card with id %lld", st->path,
	    (long long)id);
}

/* Writes the record of each card the condition picks (cards c joined
 * with its deck d), then deletes those cards. */
#define DELETED_INSERT                                                      \
	"INSERT OR REPLACE INTO cards_deleted (id, ext_id, deck, question," \
	" created, deleted) SELECT c.id, c.ext_id, d.name, c.question,"     \
	" c.created, ? FROM cards c JOIN decks d ON d.id = c.deck_id WHERE "

int
store_card_delete(struct store *st, int64_t id, int64_t now, char **errmsg)
{
	int64_t n = 0;
	bool own;
	int rc;

	if (store_own_begin(st, &own, errmsg) < 0)
		return -1;
	rc = run_kept(st, SLOT_DELETED_ONE, DELETED_INSERT "c.id = ?",
	    BINDS(BIND_INT(now), BIND_INT(id)), &n, errmsg, "deleting a card");
	if (rc == 0 && n == 0)
		rc = no_card(st, id, errmsg);
	if (rc == 0)
		rc = run_kept(st, SLOT_DELETE_ONE, "DELETE FROM cards WHERE id = ?",
		    BINDS(BIND_INT(id)), NULL, errmsg, "deleting a card");
	return store_own_end(st, own, rc, errmsg);
}

/* Fewer cards than this are deleted one by one; more, as one set. */
#define DELETE_SET_MIN 16

/* The cards a deletion of many picks, with their decks. */
#define PICKED_CREATE                                                \
	"CREATE TEMP TABLE IF NOT EXISTS picked (id INTEGER PRIMARY" \
	" KEY, deck_id INTEGER NOT NULL)"
#define IN_PICKED " IN (SELECT id FROM temp.picked)"
/* The trigger that takes a deleted card's answers out of its deck's
 * counts, card by card (store_private.h). */
#define CARD_SLOTS_TRIGGER_SQL                                       \
	"SELECT sql, name FROM sqlite_schema WHERE type = 'trigger'" \
	" AND name = 'cards_deck_slots_delete'"
/* The answers of the cards picked out of their decks' counts, in one
 * statement: the sums that trigger would take off, grouped.  Each card's
 * answers are looked up (a seek in the log for each), or, when the cards
 * are more than one in PICKED_SCAN_SHARE of those there are, the whole
 * log is read in the order of its time index, which holds every column
 * needed. */
#define PICKED_SCAN_SHARE 8
#define PICKED_SLOTS_OUT(from) \
	STORE_DECK_SLOTS_INTO "SELECT p.deck_id, " STORE_SLOT_OF("r") ", -sum" STORE_SLOT_CELLS("r", ", -sum") " FROM " from " GROUP BY 1, 2" STORE_DECK_SLOT_UPSERT
#define PICKED_SLOTS_SEEK \
	PICKED_SLOTS_OUT("temp.picked p JOIN reviews r ON r.card_id = p.id")
#define PICKED_SLOTS_SCAN \
	PICKED_SLOTS_OUT("reviews r CROSS JOIN temp.picked p ON p.id = r.card_id")

/*
 * Deletes the cards in temp.picked, as store_card_delete does each, in
 * one statement: the full-text index then writes its changes once, where
 * a statement a card had it write them card by card.  The per-card
 * trigger on the decks' counts is dropped meanwhile: slots_out (may be
 * NULL: the cards' deck goes too, and its counts with it) takes their
 * answers out first.  *n: the cards deleted.
 */
static int
delete_picked(struct store *st, int64_t now, const char *slots_out,
    int64_t *n, char **errmsg)
{
	char **saved = NULL;
	size_t nsaved = 0;
	int rc = 0;

	if (slots_out != NULL)
		rc = store_exec_sql(st, slots_out, errmsg, "deleting cards");
	if (rc == 0)
		rc = store_schema_drop(st, CARD_SLOTS_TRIGGER_SQL, "TRIGGER",
		    &saved, &nsaved, errmsg);
	if (rc == 0)
		rc = run(st, DELETED_INSERT "c.id" IN_PICKED, BINDS(BIND_INT(now)),
		    n, errmsg, "deleting cards");
	if (rc == 0)
		rc = store_exec_sql(st, "DELETE FROM cards WHERE id" IN_PICKED,
		    errmsg, "deleting cards");
	if (rc == 0)
		rc = store_schema_recreate(st, saved, nsaved, errmsg,
		    "deleting cards");
	store_schema_forget(&saved, &nsaved);
	if (rc == 0)
		rc = store_exec_sql(st, "DELETE FROM temp.picked", errmsg,
		    "deleting cards");
	return rc;
}

/* Empties temp.picked, making it if need be. */
static int
pick_none(struct store *st, char **errmsg)
{
	return store_exec_sql(st, PICKED_CREATE "; DELETE FROM temp.picked",
	    errmsg, "deleting cards");
}

/* Fills temp.picked with ids[0..n); fails naming the first id of no card. */
static int
pick(struct store *st, const int64_t *ids, size_t n, char **errmsg)
{
	sqlite3_stmt *stmt;
	int64_t added = 0;
	int rc = 0;

	if (pick_none(st, errmsg) < 0)
		return -1;
	if (sqlite3_prepare_v2(store_sqlite(st),
		"INSERT OR IGNORE INTO temp.picked (id, deck_id) SELECT id,"
		" deck_id FROM cards WHERE id = ?",
		-1, &stmt, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "deleting cards");
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = run_stmt(st, stmt, BINDS(BIND_INT(ids[i])), &added, errmsg,
		    "deleting cards");
		sqlite3_reset(stmt);
		if (rc == 0 && added == 0)
			rc = no_card(st, ids[i], errmsg);
	}
	sqlite3_finalize(stmt);
	return rc;
}

int
store_cards_delete(struct store *st, const int64_t *ids, size_t n,
    int64_t now, char **errmsg)
{
	int64_t deleted = 0, cards = 0;
	bool own;
	int rc = 0;

	if (store_own_begin(st, &own, errmsg) < 0)
		return -1;
	if (n < DELETE_SET_MIN) {
		for (size_t i = 0; i < n && rc == 0; i++)
			rc = store_card_delete(st, ids[i], now, errmsg);
		return store_own_end(st, own, rc, errmsg);
	}
	rc = pick(st, ids, n, errmsg);
	if (rc == 0)
		rc = store_pragma_int(st, "SELECT count(*) FROM cards", &cards,
		    errmsg);
	if (rc == 0)
		rc = delete_picked(st, now,
		    (int64_t)n * PICKED_SCAN_SHARE < cards ? PICKED_SLOTS_SEEK
							   : PICKED_SLOTS_SCAN,
		    &deleted, errmsg);
	return store_own_end(st, own, rc, errmsg);
}

static const char *
nz(const char *s)
{
	return s != NULL ? s : "";
}

int
store_card_restore(struct store *st, const struct card *c, int64_t now,
    char **errmsg)
{
	const struct sched *s = &c->s;
	int64_t deck_id = c->deck_id;
	bool own;
	int rc;

	if (store_own_begin(st, &own, errmsg) < 0)
		return -1;
	/* The deck may have gone since: by its name it comes back. */
	rc = c->deck != NULL ? store_deck_id(st, c->deck, true, &deck_id, errmsg) : 0;
	if (rc == 0)
		rc = run(st,
		    "INSERT INTO cards (id, ext_id, deck_id, question, answer, tips,"
		    " tags, created, modified, state, due, last_review, stability,"
		    " difficulty, scheduled_days, learning_step, reps, lapses,"
		    " suspended, flagged, buried_until) VALUES (?, ?, ?, ?, ?, ?, ?,"
		    " coalesce((SELECT created FROM cards_deleted WHERE id = ?), ?),"
		    " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    BINDS(BIND_INT(c->id), BIND_TEXT(c->ext_id), BIND_INT(deck_id),
			BIND_TEXT(c->question), BIND_TEXT(nz(c->answer)),
			BIND_TEXT(nz(c->tips)), BIND_TEXT(nz(c->tags)),
			BIND_INT(c->id), BIND_INT(now), BIND_INT(now),
			SCHED_BINDS(s), BIND_INT(c->suspended),
			BIND_INT(c->flagged), BIND_INT(c->buried_until)),
		    NULL, errmsg, "restoring a card");
	if (rc == 0)
		rc = run(st, "DELETE FROM cards_deleted WHERE id = ?",
		    BINDS(BIND_INT(c->id)), NULL, errmsg, "restoring a card");
	return store_own_end(st, own, rc, errmsg);
}

int
store_card_reset(struct store *st, int64_t id, int64_t now, char **errmsg)
{
	int64_t n = 0;

	if (run_kept(st, SLOT_RESET_ONE,
		"UPDATE cards SET state = 0, due = ?, last_review = 0,"
		" stability = 0, difficulty = 0, scheduled_days = 0,"
		" learning_step = 0, reps = 0, lapses = 0, modified = ?,"
		" reset_at = ? WHERE id = ?",
		BINDS(BIND_INT(now), BIND_INT(now), BIND_INT(now), BIND_INT(id)), &n, errmsg,
		"resetting a card") < 0)
		return -1;
	return n == 0 ? no_card(st, id, errmsg) : 0;
}

int
store_card_move(struct store *st, int64_t id, int64_t deck_id, int64_t now,
    char **errmsg)
{
	int64_t n = 0;

	if (run_kept(st, SLOT_MOVE_ONE,
		"UPDATE cards SET deck_id = ?, modified = ? WHERE id = ?",
		BINDS(BIND_INT(deck_id), BIND_INT(now), BIND_INT(id)), &n, errmsg,
		"moving a card") < 0)
		return -1;
	return n == 0 ? no_card(st, id, errmsg) : 0;
}

int
store_deck_rename(struct store *st, int64_t id, const char *name,
    char **errmsg)
{
	int64_t other = 0, n = 0;

	if (store_deck_name_check(name, errmsg) < 0)
		return -1;
	if (store_deck_id(st, name, false, &other, errmsg) < 0)
		return -1;
	if (other == id)
		return 0;
	if (other == 0 &&
	    store_deck_id_any_case(st, name, id, &other, errmsg) < 0)
		return -1;
	if (other != 0)
		return set_error(errmsg, "%s: a deck named \"%s\" exists already",
		    st->path, name);
	if (run(st, "UPDATE decks SET name = ? WHERE id = ?",
		BINDS(BIND_TEXT(name), BIND_INT(id)), &n, errmsg,
		"renaming a deck") < 0)
		return -1;
	return n == 0 ? set_error(errmsg, "%s: no deck with id %lld",
			    st->path, (long long)id)
	              : 0;
}

int
store_deck_delete(struct store *st, int64_t id, int64_t now, int64_t *cards,
    char **errmsg)
{
	int64_t n = 0;
	bool own;
	int rc;

	if (store_own_begin(st, &own, errmsg) < 0)
		return -1;
	rc = pick_none(st, errmsg);
	if (rc == 0)
		rc = run(st, "INSERT INTO temp.picked (id, deck_id) SELECT id,"
			     " deck_id FROM cards WHERE deck_id = ?",
		    BINDS(BIND_INT(id)), NULL, errmsg, "deleting a deck");
	/* decks_deck_slots_delete takes the deck's counts, whole */
	if (rc == 0)
		rc = delete_picked(st, now, NULL, &n, errmsg);
	if (rc == 0)
		rc = run(st, "DELETE FROM decks WHERE id = ?", BINDS(BIND_INT(id)),
		    NULL, errmsg, "deleting a deck");
	if (store_own_end(st, own, rc, errmsg) < 0)
		return -1;
	if (cards != NULL)
		*cards = n;
	return 0;
}

int
store_deck_count(struct store *st, int64_t id, int64_t *cards, char **errmsg)
{
	return run(st, "SELECT count(*) FROM cards WHERE deck_id = ?",
	    BINDS(BIND_INT(id)), cards, errmsg, "counting cards");
}

int
store_deck_last_id(struct store *st, int64_t *id, char **errmsg)
{
	return run(st, "SELECT coalesce(max(id), 0) FROM decks", NULL, 0, id,
	    errmsg, "reading the decks");
}

int
store_decks_drop_empty_after(struct store *st, int64_t id, char **errmsg)
{
	return run(st,
	    "DELETE FROM decks WHERE id > ? AND NOT EXISTS"
	    " (SELECT 1 FROM cards WHERE deck_id = decks.id)",
	    BINDS(BIND_INT(id)), NULL, errmsg, "removing an empty deck");
}

/* ---- whole rows, for undo ---- */

#define ROW_SELECT \
	"SELECT " CARD_COLS ", c.created, c.modified, c.reset_at" CARD_FROM " WHERE c.id = ?"

int
store_card_row_get(struct store *st, int64_t id, struct card_row *out,
    bool *found, char **errmsg)
{
	sqlite3_stmt *stmt;
	int rc;

	*found = false;
	if (sqlite3_prepare_v2(store_sqlite(st), ROW_SELECT, -1, &stmt, NULL) !=
	    SQLITE_OK)
		return store_sql_error(st, errmsg, "reading a card");
	if (store_bind(st, stmt, errmsg, BINDS(BIND_INT(id))) < 0) {
		sqlite3_finalize(stmt);
		return -1;
	}
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		store_read_card(stmt, &out->c);
		out->created = sqlite3_column_int64(stmt, 20);
		out->modified = sqlite3_column_int64(stmt, 21);
		out->reset_at = sqlite3_column_int64(stmt, 22);
		*found = true;
	} else if (rc != SQLITE_DONE) {
		store_sql_error(st, errmsg, "reading a card");
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static bool
same_str(const char *a, const char *b)
{
	return strcmp(nz(a), nz(b)) == 0;
}

static bool
same_sched(const struct sched *a, const struct sched *b)
{
	return a->state == b->state && a->due == b->due &&
	       a->last_review == b->last_review &&
	       a->stability == b->stability && a->difficulty == b->difficulty &&
	       a->scheduled_days == b->scheduled_days &&
	       a->learning_step == b->learning_step && a->reps == b->reps &&
	       a->lapses == b->lapses;
}

bool
store_card_row_same(const struct card_row *a, const struct card_row *b)
{
	const struct card *x = &a->c, *y = &b->c;

	return x->id == y->id && x->deck_id == y->deck_id &&
	       same_str(x->ext_id, y->ext_id) &&
	       same_str(x->question, y->question) &&
	       same_str(x->answer, y->answer) && same_str(x->tips, y->tips) &&
	       same_str(x->tags, y->tags) && x->suspended == y->suspended &&
	       x->flagged == y->flagged && x->buried_until == y->buried_until &&
	       same_sched(&x->s, &y->s) && a->created == b->created &&
	       a->modified == b->modified && a->reset_at == b->reset_at;
}

#define ROW_BINDS(r, deck_id)                                         \
	BIND_TEXT((r)->c.ext_id), BIND_INT(deck_id),                  \
	    BIND_TEXT((r)->c.question), BIND_TEXT(nz((r)->c.answer)), \
	    BIND_TEXT(nz((r)->c.tips)), BIND_TEXT(nz((r)->c.tags)),   \
	    BIND_INT((r)->created), BIND_INT((r)->modified),          \
	    SCHED_BINDS(&(r)->c.s), BIND_INT((r)->c.suspended),       \
	    BIND_INT((r)->c.flagged), BIND_INT((r)->c.buried_until),  \
	    BIND_INT((r)->reset_at), BIND_INT((r)->c.id)

static int
row_insert(struct store *st, const struct card_row *r, char **errmsg)
{
	int64_t deck_id = r->c.deck_id;

	/* The deck may have gone since: by its name it comes back. */
	if (r->c.deck != NULL &&
	    store_deck_id(st, r->c.deck, true, &deck_id, errmsg) < 0)
		return -1;
	if (run(st,
		"INSERT INTO cards (ext_id, deck_id, question, answer, tips, tags,"
		" created, modified, state, due, last_review, stability,"
		" difficulty, scheduled_days, learning_step, reps, lapses,"
		" suspended, flagged, buried_until, reset_at, id) VALUES (?, ?, ?,"
		" ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		BINDS(ROW_BINDS(r, deck_id)), NULL, errmsg, "restoring a card") < 0)
		return -1;
	return run(st, "DELETE FROM cards_deleted WHERE id = ?",
	    BINDS(BIND_INT(r->c.id)), NULL, errmsg, "restoring a card");
}

int
store_card_row_put(struct store *st, const struct card_row *r, bool exists,
    char **errmsg)
{
	int64_t n = 0;

	if (!exists)
		return row_insert(st, r, errmsg);
	if (run(st,
		"UPDATE cards SET ext_id = ?, deck_id = ?, question = ?, answer = ?,"
		" tips = ?, tags = ?, created = ?, modified = ?, state = ?, due = ?,"
		" last_review = ?, stability = ?, difficulty = ?,"
		" scheduled_days = ?, learning_step = ?, reps = ?, lapses = ?,"
		" suspended = ?, flagged = ?, buried_until = ?, reset_at = ?"
		" WHERE id = ?",
		BINDS(ROW_BINDS(r, r->c.deck_id)), &n, errmsg,
		"restoring a card") < 0)
		return -1;
	return n == 0 ? no_card(st, r->c.id, errmsg) : 0;
}

int
store_card_remove(struct store *st, int64_t id, char **errmsg)
{
	int64_t reviews = 0;

	if (run(st, "SELECT count(*) FROM reviews WHERE card_id = ?",
		BINDS(BIND_INT(id)), &reviews, errmsg, "removing a card") < 0)
		return -1;
	if (reviews > 0)
		return set_error(errmsg, "%s: card %lld has reviews", st->path,
		    (long long)id);
	return run(st, "DELETE FROM cards WHERE id = ?", BINDS(BIND_INT(id)),
	    NULL, errmsg, "removing a card");
}

int
store_review_remove(struct store *st, int64_t id, char **errmsg)
{
	int64_t n = 0;

	if (run(st, "DELETE FROM reviews WHERE id = ?", BINDS(BIND_INT(id)), &n,
		errmsg, "removing a review") < 0)
		return -1;
	return n == 0 ? set_error(errmsg, "%s: no review with id %lld",
			    st->path, (long long)id)
	              : 0;
}
