/* store_schema.c - the collection's schema, as the migrations that build
 * it (store_private.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "core/store_private.h"

/*
 * Numbered migrations: entry i brings a collection from user_version i to
 * i + 1.  Never edit one that has shipped; append a new one.
 */
const char *const store_migrations[][STORE_MIGRATION_PARTS] = {
	/* 0 -> 1: the first schema. */
	{
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
	},
	/* 1 -> 2: the statistics read the answers (time, state, rating, the
	 * interval before, the card) and the cards' memory from indexes
	 * alone, never the rows with their text. */
	{
	    "DROP INDEX reviews_time;"
	    "CREATE INDEX reviews_time ON reviews(time, state, rating,"
	    "  prev_scheduled_days, card_id);"
	    "CREATE INDEX cards_stats ON cards(deck_id, state, suspended,"
	    "  buried_until, scheduled_days, stability, difficulty, last_review);",
	},
	/* 2 -> 3: mock interviews (store_interview.c): each with its answers,
	 * which stay when their card is deleted, as its reviews do; an
	 * answer's review is the answer's entry in the review log. */
	{
	    "CREATE TABLE interviews ("
	    "  id INTEGER PRIMARY KEY,"
	    "  started INTEGER NOT NULL,"
	    "  deck TEXT,"
	    "  planned INTEGER NOT NULL CHECK (planned > 0),"
	    "  answer_time INTEGER NOT NULL CHECK (answer_time > 0)"
	    ") STRICT;"
	    "CREATE TABLE interview_answers ("
	    "  id INTEGER PRIMARY KEY,"
	    "  interview_id INTEGER NOT NULL REFERENCES interviews(id)"
	    "    ON DELETE CASCADE,"
	    "  position INTEGER NOT NULL CHECK (position >= 1),"
	    "  card_id INTEGER NOT NULL,"
	    "  review_id INTEGER NOT NULL,"
	    "  answered INTEGER NOT NULL,"
	    "  spoken INTEGER NOT NULL CHECK (spoken >= 0),"
	    "  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),"
	    "  note TEXT NOT NULL,"
	    "  areas TEXT NOT NULL,"
	    "  UNIQUE (interview_id, position)"
	    ") STRICT;"
	    "CREATE INDEX interview_answers_card ON interview_answers(card_id);",
	},
	/* 3 -> 4: searching and deleting.  A full-text index over the cards'
	 * text, kept in step by triggers whatever writes the cards; a record
	 * of each deleted card, whose id is never given again (its reviews
	 * stay in the log, which therefore no longer requires the card); the
	 * time a card was last reset to new (its reviews before stay). */
	{
	    "CREATE VIRTUAL TABLE cards_fts USING fts5(question, answer, tips, tags,"
	    "  content='cards', content_rowid='id',"
	    "  tokenize='unicode61 remove_diacritics 2');"
	    "CREATE TRIGGER cards_fts_insert AFTER INSERT ON cards BEGIN"
	    "  INSERT INTO cards_fts (rowid, question, answer, tips, tags)"
	    "  VALUES (new.id, new.question, new.answer, new.tips, new.tags);"
	    "END;"
	    "CREATE TRIGGER cards_fts_delete AFTER DELETE ON cards BEGIN"
	    "  INSERT INTO cards_fts (cards_fts, rowid, question, answer, tips, tags)"
	    "  VALUES ('delete', old.id, old.question, old.answer, old.tips, old.tags);"
	    "END;"
	    "CREATE TRIGGER cards_fts_update AFTER UPDATE OF question, answer, tips,"
	    "  tags ON cards BEGIN"
	    "  INSERT INTO cards_fts (cards_fts, rowid, question, answer, tips, tags)"
	    "  VALUES ('delete', old.id, old.question, old.answer, old.tips, old.tags);"
	    "  INSERT INTO cards_fts (rowid, question, answer, tips, tags)"
	    "  VALUES (new.id, new.question, new.answer, new.tips, new.tags);"
	    "END;"
	    "INSERT INTO cards_fts (cards_fts) VALUES ('rebuild');"
	    "CREATE TABLE cards_deleted ("
	    "  id INTEGER PRIMARY KEY,"
	    "  ext_id TEXT NOT NULL,"
	    "  deck TEXT NOT NULL,"
	    "  question TEXT NOT NULL,"
	    "  created INTEGER NOT NULL,"
	    "  deleted INTEGER NOT NULL"
	    ") STRICT;"
	    "ALTER TABLE cards ADD COLUMN reset_at INTEGER NOT NULL DEFAULT 0;"
	    "CREATE TABLE reviews_new ("
	    "  id INTEGER PRIMARY KEY,"
	    "  card_id INTEGER NOT NULL,"
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
	    "INSERT INTO reviews_new SELECT * FROM reviews;"
	    "DROP TABLE reviews;"
	    "ALTER TABLE reviews_new RENAME TO reviews;"
	    "CREATE INDEX reviews_time ON reviews(time, state, rating,"
	    "  prev_scheduled_days, card_id);",
	},
	/* 4 -> 5: the answers counted per quarter of an hour, kept by
	 * triggers in the transaction of every change to the log, so that
	 * the statistics of a long history read thousands of rows, not
	 * millions. */
	{
	    STORE_SLOTS_TABLE STORE_SLOTS_FILL STORE_SLOTS_TRIGGER_INSERT,
	},
	/* 5 -> 6: the answers per slot follow deletions and changes too. */
	{
	    STORE_SLOTS_TRIGGERS_CHANGE,
	},
	/* 6 -> 7: the log is exported from reviews_time alone, in time
	 * order, without a sort or a read of its rows. */
	{
	    "DROP INDEX reviews_time;"
	    "CREATE INDEX reviews_time ON reviews(time, state, rating,"
	    "  prev_scheduled_days, card_id, duration);",
	},
	/* 7 -> 8: the queue's indexes name suspended among their columns,
	 * so that its questions, which say suspended = 0, are answered from
	 * the index alone, never from the rows with the cards' text. */
	{
	    "DROP INDEX cards_deck_sched;"
	    "CREATE INDEX cards_deck_sched ON cards(state, deck_id, suspended, due,"
	    "  buried_until) WHERE suspended = 0;"
	    "DROP INDEX cards_sched;"
	    "CREATE INDEX cards_sched ON cards(state, suspended, due, buried_until,"
	    "  deck_id) WHERE suspended = 0;",
	},
	/* 8 -> 9: a search that is not of words reads this index, never the
	 * rows with their text, and finds cards by due date in its order. */
	{
	    "CREATE INDEX cards_search ON cards(due, state, deck_id, suspended,"
	    "  flagged, buried_until, lapses, reps, scheduled_days, difficulty,"
	    "  stability);",
	},
	/* 9 -> 10: the queue's indexes carry last_review too, so that its
	 * questions about learning cards across days (last_review before or
	 * after the day's start) are answered from them alone; the leeches
	 * (tag "leech") have an index of their own, so that counting them
	 * reads a few entries, not every card's text. */
	{
	    "DROP INDEX cards_deck_sched;"
	    "CREATE INDEX cards_deck_sched ON cards(state, deck_id, suspended, due,"
	    "  buried_until, last_review) WHERE suspended = 0;"
	    "DROP INDEX cards_sched;"
	    "CREATE INDEX cards_sched ON cards(state, suspended, due, buried_until,"
	    "  deck_id, last_review) WHERE suspended = 0;"
	    "CREATE INDEX cards_leech ON cards(deck_id)"
	    "  WHERE " STORE_LEECH_TAGGED ";",
	},
	/* 10 -> 11: a search sorted by question reads the questions in
	 * order from here (the id, last in each entry, orders the ties),
	 * instead of sorting every card's text; a search by tag reads the
	 * tags of the cards the full-text index points to from here, a few
	 * pages, instead of from the cards' rows spread over the file. */
	{
	    ("CREATE INDEX IF NOT EXISTS cards_question ON cards(question COLLATE NOCASE);"
	     "CREATE INDEX IF NOT EXISTS cards_tags ON cards(id, tags);"),
	},
	/* 11 -> 12: the answers counted per deck and quarter of an hour, so
	 * that one deck's statistics read its slots, as the collection's
	 * read review_slots, rather than every answer of the log (made anew
	 * when a collection says an older version than it is).  The store
	 * counts them after the migrations (STORE_DECK_SLOTS_SINCE). */
	{
	    (STORE_DECK_SLOTS_DROP STORE_DECK_SLOTS_TABLE
		    STORE_DECK_SLOTS_TRIGGER_INSERT),
	    STORE_DECK_SLOTS_TRIGGER_DELETE,
	    STORE_DECK_SLOTS_TRIGGER_UPDATE,
	    STORE_DECK_SLOTS_TRIGGERS_CARDS,
	    STORE_DECK_SLOTS_TRIGGER_MOVE,
	},
};
_Static_assert(sizeof(store_migrations) / sizeof(store_migrations[0]) ==
		   STORE_SCHEMA_VERSION,
    "STORE_SCHEMA_VERSION must equal the number of migrations");
