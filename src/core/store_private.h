/*
 * store_private.h - what the store's own files share: the SQLite handle,
 * the statement table, typed binds, stepping and reading rows, and error
 * reporting.  store.c: opening, statements, transactions, settings,
 * checks; store_cards.c: decks, cards, the review log; store_queue.c: the
 * queue's questions; store_stats.c: the statistics.  Included only by
 * src/core/store*.c, the only files that speak SQL.
 *
 * The int-returning functions return 0 or -1 with *errmsg set, as in
 * store.h; a NULL statement means the same.
 */
#ifndef REHEARSE_STORE_PRIVATE_H
#define REHEARSE_STORE_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "core/card.h"
#include "core/store.h"

/* The connection; owned by st. */
sqlite3 *store_sqlite(struct store *st);
/* Runs sql, a statement giving one integer (or none: 0), into *out. */
int store_pragma_int(struct store *st, const char *sql, int64_t *out,
    char **errmsg);
/* Runs sql (statements without rows); on failure "WHAT: the error". */
int store_exec_sql(struct store *st, const char *sql, char **errmsg,
    const char *what);
/*
 * Statements of the store's other files, prepared once and finalized by
 * store_close: slot i of STORE_EXTRA_STMTS holds NULL until prepared.
 * Each file owns a range of slots (store_stats.c: 0 to 31,
 * store_manage.c: 32 to 39, store_cards.c: STORE_CARDS_SLOT to 47).
 */
#define STORE_EXTRA_STMTS 48
#define STORE_CARDS_SLOT 40
/* The page cache's size (KiB, negated as cache_size takes it), and a
 * small one (1 MiB) for a walk that reads each page once, which drops the
 * pages cached beyond it: store_cache_small(st, true), then (..., false)
 * to have the usual size back. */
#define STORE_CACHE "-16384"
void store_cache_small(struct store *st, bool small);
sqlite3_stmt **store_stmt_slot(struct store *st, int slot);
/* Sets *errmsg to "PATH: WHAT: the error" (busy said plainly); returns -1. */
int store_sql_error(struct store *st, char **errmsg, const char *what);
/* The id of the deck named name but for letter case, other than not_id,
 * in *id (0: none): a deck's name is one whatever its case. */
int store_deck_id_any_case(struct store *st, const char *name, int64_t not_id,
    int64_t *id, char **errmsg);

/*
 * The answers per slot of STORE_SLOT_MS (a quarter of an hour: every
 * time zone's offset is a multiple of it, so a study day and a local hour
 * are runs of whole slots), counted by the card's kind before the answer
 * (l: learning or new, y: review with an interval under 21 days, m:
 * review, 21 days or more) and rating: l1..l4, y1..y4, m1..m4.  Triggers
 * keep review_slots in step with every insert, delete and update of the
 * log, in the same transaction, whoever writes; a bulk load drops them
 * and refills the table (STORE_SLOTS_FILL) once.
 */
#define STORE_SLOT_OF(r) "(" r ".time / 900000 - (" r ".time % 900000 < 0))"
#define STORE_SLOT_L(r) r ".state <> 2"
#define STORE_SLOT_Y(r) r ".state = 2 AND " r ".prev_scheduled_days < 21"
#define STORE_SLOT_M(r) r ".state = 2 AND " r ".prev_scheduled_days >= 21"
#define STORE_SLOT_CELL(r, k, n) "(" STORE_SLOT_##k(r) " AND " r ".rating = " #n ")"
#define STORE_SLOT_KIND(r, k, sep)       \
	STORE_SLOT_CELL(r, k, 1)         \
	sep STORE_SLOT_CELL(r, k, 2) sep \
	STORE_SLOT_CELL(r, k, 3) sep     \
	STORE_SLOT_CELL(r, k, 4)
/* The twelve cells of answer r, joined by sep. */
#define STORE_SLOT_CELLS(r, sep)       \
	STORE_SLOT_KIND(r, L, sep)     \
	sep STORE_SLOT_KIND(r, Y, sep) \
	sep                            \
	STORE_SLOT_KIND(r, M, sep)
#define STORE_SLOT_COLS "l1, l2, l3, l4, y1, y2, y3, y4, m1, m2, m3, m4"
/* The twelve columns of counts, as a table declares them. */
#define STORE_SLOT_COLS_DEF                                               \
	" l1 INTEGER NOT NULL, l2 INTEGER NOT NULL, l3 INTEGER NOT NULL," \
	" l4 INTEGER NOT NULL, y1 INTEGER NOT NULL, y2 INTEGER NOT NULL," \
	" y3 INTEGER NOT NULL, y4 INTEGER NOT NULL, m1 INTEGER NOT NULL," \
	" m2 INTEGER NOT NULL, m3 INTEGER NOT NULL, m4 INTEGER NOT NULL"
#define STORE_SLOTS_TABLE \
	"CREATE TABLE review_slots (slot INTEGER PRIMARY KEY," STORE_SLOT_COLS_DEF ") STRICT;"
/* The slots counted anew from the log: slot and the twelve cells. */
#define STORE_SLOTS_COUNT                        \
	"SELECT " STORE_SLOT_OF("r") " AS slot," \
				     " sum" STORE_SLOT_CELLS("r", ", sum") " FROM reviews r GROUP BY 1"
#define STORE_SLOTS_FILL \
	"INSERT INTO review_slots (slot, " STORE_SLOT_COLS ") " STORE_SLOTS_COUNT ";"
#define STORE_SLOT_BUMP(c, op) " " #c " = " #c " " op " excluded." #c
#define STORE_SLOT_ADD(r)                                                                                                   \
	"INSERT INTO review_slots (slot, " STORE_SLOT_COLS ") VALUES (" STORE_SLOT_OF(r) ", " STORE_SLOT_CELLS(r, ", ") ")" \
															" ON CONFLICT (slot) DO UPDATE SET" STORE_SLOT_BUMPS("+") ";"
#define STORE_SLOT_SUB(r, k, n) \
	" " #k #n " = " #k #n " - " STORE_SLOT_CELL(r, k, n)
#define STORE_SLOT_SUBS(r, k)   \
	STORE_SLOT_SUB(r, k, 1) \
	"," STORE_SLOT_SUB(r, k, 2) "," STORE_SLOT_SUB(r, k, 3) "," STORE_SLOT_SUB(r, k, 4)
/* The twelve counts less answer r's, for an UPDATE's SET. */
#define STORE_SLOT_SUBS_ALL(r) \
	STORE_SLOT_SUBS(r, L)  \
	"," STORE_SLOT_SUBS(r, Y) "," STORE_SLOT_SUBS(r, M)
#define STORE_SLOT_REMOVE(r) \
	"UPDATE review_slots SET" STORE_SLOT_SUBS_ALL(r) " WHERE slot = " STORE_SLOT_OF(r) ";"
#define STORE_SLOT_BUMPS(op)    \
	STORE_SLOT_BUMP(l1, op) \
	"," STORE_SLOT_BUMP(l2, op) "," STORE_SLOT_BUMP(l3, op) "," STORE_SLOT_BUMP(l4, op) "," STORE_SLOT_BUMP(y1, op) "," STORE_SLOT_BUMP(y2, op) "," STORE_SLOT_BUMP(y3, op) "," STORE_SLOT_BUMP(y4, op) "," STORE_SLOT_BUMP(m1, op) "," STORE_SLOT_BUMP(m2, op) "," STORE_SLOT_BUMP(m3, op) "," STORE_SLOT_BUMP(m4, op)
/* The triggers, in two strings (each under C's 4095 characters). */
#define STORE_SLOTS_TRIGGER_INSERT \
	"CREATE TRIGGER review_slots_insert AFTER INSERT ON reviews BEGIN " STORE_SLOT_ADD("NEW") " END;"
#define STORE_SLOTS_TRIGGERS_CHANGE                                                                                                                                    \
	"CREATE TRIGGER review_slots_delete AFTER DELETE ON reviews BEGIN " STORE_SLOT_REMOVE("OLD") " END;"                                                           \
												     "CREATE TRIGGER review_slots_update AFTER UPDATE OF time, state," \
												     " rating, prev_scheduled_days ON reviews BEGIN " STORE_SLOT_REMOVE("OLD") STORE_SLOT_ADD("NEW") " END;"

/*
 * review_deck_slots: the same counts per deck and slot, of the answers of
 * the cards now in each deck (a deleted card's answers, which stay in the
 * log, count in none), so that one deck's statistics read its slots, not
 * the whole log.  Triggers keep it in step with the log as review_slots'
 * do, each answer in its card's deck, and with the cards: a card moved
 * takes its answers from its old deck to its new one, a card deleted takes
 * them away, a card written back (undo) brings them back.  A row emptied
 * stays in place, all zeros, until its deck is deleted.  A bulk load of
 * the log drops the log's triggers and refills the table (store_bulk.c).
 */
/* The migration that makes the table, empty: the store fills it after
 * (store_slots_fill). */
#define STORE_DECK_SLOTS_SINCE 12
#define STORE_DECK_SLOTS_TABLE                                      \
	"CREATE TABLE review_deck_slots (deck_id INTEGER NOT NULL," \
	" slot INTEGER NOT NULL," STORE_SLOT_COLS_DEF ","           \
	" PRIMARY KEY (deck_id, slot)) STRICT, WITHOUT ROWID;"
/* What there may be of it, dropped, so that it is made whole again. */
#define STORE_DECK_SLOTS_DROP                              \
	"DROP TRIGGER IF EXISTS review_deck_slots_insert;" \
	"DROP TRIGGER IF EXISTS review_deck_slots_delete;" \
	"DROP TRIGGER IF EXISTS review_deck_slots_update;" \
	"DROP TRIGGER IF EXISTS cards_deck_slots_insert;"  \
	"DROP TRIGGER IF EXISTS cards_deck_slots_delete;"  \
	"DROP TRIGGER IF EXISTS cards_deck_slots_move;"    \
	"DROP TRIGGER IF EXISTS decks_deck_slots_delete;"  \
	"DROP TABLE IF EXISTS review_deck_slots;"
#define STORE_DECK_SLOTS_INTO \
	"INSERT INTO review_deck_slots (deck_id, slot, " STORE_SLOT_COLS ") "
/* Kept as written: clang-format would join these lines into lines of
 * hundreds of columns. */
/* clang-format off */
/* The deck slots counted anew: deck_id, slot and the twelve cells. */
#define STORE_DECK_SLOTS_COUNT \
	"SELECT c.deck_id AS deck_id, " STORE_SLOT_OF("r") " AS slot," \
	" sum" STORE_SLOT_CELLS("r", ", sum") \
	" FROM reviews r JOIN cards c ON c.id = r.card_id GROUP BY 1, 2"
#define STORE_DECK_SLOTS_FILL STORE_DECK_SLOTS_INTO STORE_DECK_SLOTS_COUNT ";"
#define STORE_DECK_SLOT_UPSERT \
	" ON CONFLICT (deck_id, slot) DO UPDATE SET" STORE_SLOT_BUMPS("+") ";"
/* Answer r into the deck of its card, when there is the card. */
#define STORE_DECK_SLOT_ADD(r) \
	STORE_DECK_SLOTS_INTO "SELECT c.deck_id, " STORE_SLOT_OF(r) ", " \
	STORE_SLOT_CELLS(r, ", ") " FROM cards c WHERE c.id = " r ".card_id" \
	STORE_DECK_SLOT_UPSERT
#define STORE_DECK_SLOT_REMOVE(r) \
	"UPDATE review_deck_slots SET" STORE_SLOT_SUBS_ALL(r) " WHERE deck_id =" \
	" (SELECT c.deck_id FROM cards c WHERE c.id = " r ".card_id)" \
	" AND slot = " STORE_SLOT_OF(r) ";"
/* Every answer of card c into its deck (sign "") or out of it ("-"). */
#define STORE_DECK_SLOTS_CARD(c, sign) \
	STORE_DECK_SLOTS_INTO "SELECT " c ".deck_id, " STORE_SLOT_OF("r") ", " \
	sign "sum" STORE_SLOT_CELLS("r", ", " sign "sum") " FROM reviews r" \
	" WHERE r.card_id = " c ".id GROUP BY 2" STORE_DECK_SLOT_UPSERT
/* Every answer of the cards after id ?, each into its card's deck (after
 * a bulk load of cards, which drops cards_deck_slots_insert). */
#define STORE_DECK_SLOTS_CARDS_AFTER \
	STORE_DECK_SLOTS_INTO "SELECT c.deck_id, " STORE_SLOT_OF("r") ", " \
	"sum" STORE_SLOT_CELLS("r", ", sum") " FROM reviews r JOIN cards c" \
	" ON c.id = r.card_id WHERE r.card_id > ? GROUP BY 1, 2" \
	STORE_DECK_SLOT_UPSERT
/* Whether card c has answers: a card added has none, and is then spared
 * the grouping its answers would take. */
#define STORE_DECK_SLOTS_HAS_ANSWERS(c) \
	" WHEN EXISTS (SELECT 1 FROM reviews WHERE card_id = " c ".id)"
/* The triggers on the log, one string each (C bounds a string at 4095
 * characters), and those on the cards and the decks. */
#define STORE_DECK_SLOTS_TRIGGER_INSERT \
	"CREATE TRIGGER review_deck_slots_insert AFTER INSERT ON reviews" \
	" BEGIN " STORE_DECK_SLOT_ADD("NEW") " END;"
#define STORE_DECK_SLOTS_TRIGGER_DELETE \
	"CREATE TRIGGER review_deck_slots_delete AFTER DELETE ON reviews" \
	" BEGIN " STORE_DECK_SLOT_REMOVE("OLD") " END;"
#define STORE_DECK_SLOTS_TRIGGER_UPDATE \
	"CREATE TRIGGER review_deck_slots_update AFTER UPDATE OF card_id, time," \
	" state, rating, prev_scheduled_days ON reviews BEGIN " \
	STORE_DECK_SLOT_REMOVE("OLD") STORE_DECK_SLOT_ADD("NEW") " END;"
#define STORE_DECK_SLOTS_TRIGGERS_CARDS \
	"CREATE TRIGGER cards_deck_slots_insert AFTER INSERT ON cards" \
	STORE_DECK_SLOTS_HAS_ANSWERS("NEW") " BEGIN " \
	STORE_DECK_SLOTS_CARD("NEW", "") " END;" \
	"CREATE TRIGGER cards_deck_slots_delete AFTER DELETE ON cards" \
	STORE_DECK_SLOTS_HAS_ANSWERS("OLD") " BEGIN " \
	STORE_DECK_SLOTS_CARD("OLD", "-") " END;" \
	"CREATE TRIGGER decks_deck_slots_delete AFTER DELETE ON decks BEGIN" \
	" DELETE FROM review_deck_slots WHERE deck_id = OLD.id; END;"
#define STORE_DECK_SLOTS_TRIGGER_MOVE \
	"CREATE TRIGGER cards_deck_slots_move AFTER UPDATE OF id, deck_id ON" \
	" cards WHEN OLD.id <> NEW.id OR OLD.deck_id <> NEW.deck_id BEGIN " \
	STORE_DECK_SLOTS_CARD("OLD", "-") STORE_DECK_SLOTS_CARD("NEW", "") \
	" END;"
/* clang-format on */

/* The triggers on the log, of both tables, as a bulk load drops them. */
#define STORE_SLOTS_DROP_TRIGGERS                \
	"DROP TRIGGER review_slots_insert;"      \
	"DROP TRIGGER review_slots_delete;"      \
	"DROP TRIGGER review_slots_update;"      \
	"DROP TRIGGER review_deck_slots_insert;" \
	"DROP TRIGGER review_deck_slots_delete;" \
	"DROP TRIGGER review_deck_slots_update;"

/* Counts review_slots and review_deck_slots anew from the log, in one walk
 * of it (store_slots.c): for a bulk load, which drops the log's triggers,
 * and the migration that makes review_deck_slots. */
int store_slots_fill(struct store *st, char **errmsg);
/* Fills both tables with what given gives (store.h): the whole log's
 * counts, which its writer counted. */
int store_slots_put(struct store *st, const struct store_slot_source *given,
    char **errmsg);
/* In *differ, the slots where review_slots and the log disagree, and in
 * *deck_differ, those of a deck in review_deck_slots (a row of zeros
 * stands for none).  0, or -1 with *errmsg. */
int store_slots_check(struct store *st, int64_t *differ, int64_t *deck_differ,
    char **errmsg);

/* A scheduling state from columns first.. of a row: state, due,
 * last_review, stability, difficulty, scheduled_days, learning_step, reps,
 * lapses (the order of cards' columns and of reviews' prev_ ones). */
void store_read_sched(sqlite3_stmt *stmt, int first, struct sched *s);

/* Whether a card has the tag "leech": the condition of the index
 * cards_leech and of the queries that count by it, the same words in
 * both. */
#define STORE_LEECH_TAGGED "instr(' ' || tags || ' ', ' leech ') > 0"

/* Every statement the store runs, prepared once on first use. */
enum stmt {
	S_BEGIN,
	S_COMMIT,
	S_ROLLBACK,
	S_ANY_CONTENT,
	S_DECK_ID,
	S_DECK_NAMES,
	S_DECK_INSERT,
	S_DECKS,
	S_DECKS_BRIEF,
	S_CARD_BY_EXT,
	S_CARD_ID_BY_EXT,
	S_CARD_IDS,
	S_CARD_SCHED,
	S_CARD_GET,
	S_CARD_INSERT,
	S_CARD_TEXT,
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
	S_DONE_BY_DECK,
	S_PICK_LEARNING,
	S_PICK_LEARNING_DECK,
	S_REVIEW_CANDIDATES,
	S_REVIEW_CANDIDATES_DECK,
	S_PICK_NEW_DECK,
	S_NEXT_DUE,
	S_NEXT_DUE_DECK,
	S_COUNT_LEECHES,
	S_N
};

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[S_N];
	sqlite3_stmt *extra[STORE_EXTRA_STMTS]; /* store_stmt_slot's */
	bool bulk;                              /* switched to a rollback journal by store_bulk_begin */
	bool bulk_reviews;                      /* between store_reviews_bulk_begin and _end */
	char **bulk_indexes;                    /* the SQL of the log's indexes, dropped meanwhile */
	size_t n_bulk_indexes;
	bool bulk_cards;          /* between store_cards_bulk_begin and _end */
	int64_t bulk_cards_after; /* the cards after this id are new */
	int64_t bulk_fts_changed; /* cards there were whose text changed */
	bool bulk_fts_rebuild;    /* so many that the index is built anew */
	char **bulk_triggers;     /* the SQL of cards_fts's triggers, dropped meanwhile */
	size_t n_bulk_triggers;
	char **bulk_card_indexes; /* the SQL of the cards' indexes dropped meanwhile */
	size_t n_bulk_card_indexes;
};

/*
 * Values to bind, one typed element per ? of a statement, written with the
 * macros below so that the compiler checks each argument: BIND_INT takes
 * an integer (or bool, or enum), BIND_REAL a double, BIND_TEXT a string
 * (NULL binds NULL; the string must outlive the statement's next reset).
 * Anything else does not compile.
 */
enum bind_type { BIND_T_INT,
	BIND_T_REAL,
	BIND_T_TEXT };

struct bind_value {
	enum bind_type type;
	union {
		int64_t i;
		double d;
		const char *s;
	} v;
};

#define BIND_INT(x) ((struct bind_value){ .type = BIND_T_INT, \
    .v.i = _Generic((x), _Bool                                \
		    : (x), int                                \
		    : (x), unsigned                           \
		    : (x), long                               \
		    : (x),                                    \
		    long long                                 \
		    : (x)) })
#define BIND_REAL(x) ((struct bind_value){ .type = BIND_T_REAL, \
    .v.d = _Generic((x), double                                 \
		    : (x)) })
#define BIND_TEXT(x) ((struct bind_value){ .type = BIND_T_TEXT, \
    .v.s = _Generic((x), char *                                 \
		    : (x), const char *                         \
		    : (x)) })
/* The array and its length, as the two last arguments of bind_values or
 * prep_bind. */
#define BINDS(...) (const struct bind_value[]){ __VA_ARGS__ },          \
		   sizeof((const struct bind_value[]){ __VA_ARGS__ }) / \
		       sizeof(struct bind_value)

/* The nine columns of a scheduling state, in the order of cards' columns
 * and of reviews' prev_ ones (see read_sched). */
#define SCHED_BINDS(s)                                                        \
	BIND_INT((s)->state), BIND_INT((s)->due), BIND_INT((s)->last_review), \
	    BIND_REAL((s)->stability), BIND_REAL((s)->difficulty),            \
	    BIND_INT((s)->scheduled_days), BIND_INT((s)->learning_step),      \
	    BIND_INT((s)->reps), BIND_INT((s)->lapses)

/* The columns store_read_card reads, and the tables they come from. */
#define CARD_COLS                                                                  \
	"c.id, c.ext_id, c.deck_id, d.name, c.question, c.answer, c.tips, c.tags," \
	" c.suspended, c.flagged, c.buried_until, c.state, c.due, c.last_review,"  \
	" c.stability, c.difficulty, c.scheduled_days, c.learning_step, c.reps,"   \
	" c.lapses"
#define CARD_FROM " FROM cards c JOIN decks d ON d.id = c.deck_id"
/* The id a new card gets: past every card there is and every card there
 * was, so that a deleted card's reviews never pass to a new one. */
#define CARD_NEXT_ID                                            \
	"(SELECT max((SELECT coalesce(max(id), 0) FROM cards)," \
	" (SELECT coalesce(max(id), 0) FROM cards_deleted)) + 1)"

/* The SQL of each statement. */
extern const char *const store_sql[S_N];

/* The prepared statement for s, reset and with its bindings cleared. */
sqlite3_stmt *store_prep(struct store *st, enum stmt s, char **errmsg);
/* Binds v[0..n) (written with BINDS) to the statement's parameters 1..n,
 * each checked.  A count that differs from the statement's dies: it is a
 * broken invariant. */
int store_bind(struct store *st, sqlite3_stmt *stmt, char **errmsg,
    const struct bind_value *v, size_t n);
/* store_prep then store_bind: the statement ready to step, or NULL. */
sqlite3_stmt *store_prep_bind(struct store *st, enum stmt s, char **errmsg,
    const struct bind_value *v, size_t n);
/* Steps a statement that returns no row, and resets it. */
int store_exec_done(struct store *st, sqlite3_stmt *stmt, char **errmsg,
    const char *what);
/* Steps a statement expected to return one integer, and resets it; *out is
 * 0 and *found (may be NULL) false when no row came back. */
int store_exec_int(struct store *st, sqlite3_stmt *stmt, int64_t *out,
    bool *found, char **errmsg, const char *what);

/* Text column i, "" for NULL: valid until the statement steps or resets. */
const char *store_col_text(sqlite3_stmt *stmt, int i);
/* A card from a row of CARD_COLS (store.c): borrowing its strings from the
 * statement (valid until it steps or resets), or owning them (card.h). */
void store_read_card_borrowed(sqlite3_stmt *stmt, struct card *c);
void store_read_card(sqlite3_stmt *stmt, struct card *c);
/* A review from a row of REVIEW_COLS. */
void store_read_review(sqlite3_stmt *stmt, struct review *r);

/* A write that runs in a transaction of its own unless one is open already:
 * store_own_begin says in *own whether it began one; store_own_end commits
 * it (rc 0) or rolls it back (rc -1), and returns the outcome. */
int store_own_begin(struct store *st, bool *own, char **errmsg);
int store_own_end(struct store *st, bool own, int rc, char **errmsg);

/* Says that a card there was before store_cards_bulk_begin had its text
 * changed or was deleted: once they are many, the search index is built
 * anew at the end rather than changed card by card. */
int store_cards_bulk_changed(struct store *st, char **errmsg);
/* Drops the schema objects that query lists (rows of sql, name) as kind
 * ("INDEX" or "TRIGGER"), appending their SQL to (*saved)[*n...], which
 * the caller frees with store_schema_forget.  In the open transaction:
 * store_schema_recreate puts them back before it commits. */
int store_schema_drop(struct store *st, const char *query, const char *kind,
    char ***saved, size_t *n, char **errmsg);
/* Runs each of saved[0..n) again; "WHAT: the error" on failure. */
int store_schema_recreate(struct store *st, char *const *saved, size_t n,
    char **errmsg, const char *what);
void store_schema_forget(char ***saved, size_t *n);

/*
 * The migrations (store_schema.c): entry i brings a collection from
 * user_version i to i + 1; there are STORE_SCHEMA_VERSION of them.  Each
 * is the SQL of its parts, run in order (NULL after the last): C bounds
 * one string at 4095 characters.
 */
#define STORE_MIGRATION_PARTS 5
extern const char *const store_migrations[][STORE_MIGRATION_PARTS];

#endif
