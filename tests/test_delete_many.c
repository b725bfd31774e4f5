/*
 * test_delete_many.c - deleting many cards at once (store_cards_delete,
 * store_deck_delete) leaves the collection exactly as deleting them one by
 * one does: the cards, their records, the counts per slot of the decks and
 * of the collection, the full-text index and the schema, by each of its
 * ways (card by card, a set whose answers are looked up, a set whose
 * answers come from a walk of the log); and a deletion that names a card
 * there is not deletes none.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store_private.h"
#include "core/store_search.h"
#include "core/util.h"
#include "fixtures.h"

#define CARDS 400
#define NOW INT64_C(1773072000000)

static const char *const words[] = { "alpha", "beta", "gamma", "delta", "hl7",
	"fhir", "dicom", "ehr" };

/* A collection of CARDS cards in four decks, each card answered a few
 * times over the last year: the same for the same seed.  ids: the cards. */
static struct store *
make(uint64_t seed, int64_t *ids)
{
	struct store *st = fixture_store();
	uint64_t r = seed;
	char *msg = NULL;

	for (int i = 0; i < CARDS; i++) {
		char ext[32], deck[16], question[64];
		struct fixture_card fc = { .deck = deck, .ext_id = ext, .question = question, .answer = words[i % 8], .tags = i % 3 == 0 ? "leech" : "" };

		r = r * 6364136223846793005u + 1442695040888963407u;
		snprintf(ext, sizeof(ext), "c%d", i);
		snprintf(deck, sizeof(deck), "D%d", (int)(r >> 60) % 4);
		snprintf(question, sizeof(question), "%s %s card %d",
		    words[(r >> 40) % 8], words[(r >> 50) % 8], i);
		ids[i] = fixture_add_card(st, &fc);
		for (int k = 0; k < (int)((r >> 33) % 6); k++) {
			struct review rv = { .card_id = ids[i], .time = NOW - (int64_t)((r >> (k * 5)) % 365) * MS_PER_DAY - k * 1000, .rating = (enum rating)(1 + (r >> (k * 3)) % 4), .state = (enum card_state)((r >> (k * 7)) % 4), .duration = 2000 };
			struct sched after = { .state = STATE_REVIEW, .due = NOW, .last_review = NOW, .stability = 2, .difficulty = 5, .scheduled_days = 1, .reps = k + 1 };

			rv.before.scheduled_days = (int)(k * 3);
			cr_assert_eq(store_answer(st, &rv, &after, &msg), 0, "%s",
			    fixture_msg(msg));
		}
	}
	return st;
}

/* The rows of sql, a line each, columns joined by '|' (the caller frees). */
static char *
dump(struct store *st, const char *sql)
{
	struct strbuf b = { 0 };
	sqlite3_stmt *stmt;

	cr_assert_eq(sqlite3_prepare_v2(store_sqlite(st), sql, -1, &stmt, NULL),
	    SQLITE_OK, "%s", sql);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(stmt); i++) {
			const unsigned char *t = sqlite3_column_text(stmt, i);

			strbuf_addf(&b, "%s%s", i > 0 ? "|" : "",
			    t != NULL ? (const char *)t : "NULL");
		}
		strbuf_addc(&b, '\n');
	}
	sqlite3_finalize(stmt);
	return strbuf_detach(&b);
}

/* Everything a deletion changes, as text. */
static char *
state_of(struct store *st)
{
	static const char *const queries[] = {
		"SELECT id, ext_id, deck_id, question FROM cards ORDER BY id",
		"SELECT * FROM cards_deleted ORDER BY id",
		"SELECT * FROM review_deck_slots WHERE max(" STORE_SLOT_COLS
		") > 0 OR min(" STORE_SLOT_COLS ") < 0 ORDER BY deck_id, slot",
		"SELECT * FROM review_slots ORDER BY slot",
		"SELECT count(*) FROM reviews",
		"SELECT id, name FROM decks ORDER BY id",
		"SELECT type, name, sql FROM sqlite_schema ORDER BY name",
	};
	struct strbuf b = { 0 };

	for (size_t i = 0; i < sizeof(queries) / sizeof(*queries); i++) {
		char *d = dump(st, queries[i]);

		strbuf_addf(&b, "-- %s\n%s", queries[i], d);
		free(d);
	}
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		strbuf_addf(&b, "%s: %zu\n", words[i],
		    fixture_found(st, words[i], NOW));
	return strbuf_detach(&b);
}

static void
expect_same(struct store *a, struct store *b)
{
	char *x = state_of(a), *y = state_of(b);

	cr_expect_str_eq(x, y);
	free(x);
	free(y);
}

static void
expect_check_clean(struct store *st)
{
	char **probs, *msg = NULL;
	size_t n;

	cr_assert_eq(store_check(st, &probs, &n, &msg), 0, "%s", fixture_msg(msg));
	for (size_t i = 0; i < n; i++) {
		cr_expect_fail("check: %s", probs[i]);
		free(probs[i]);
	}
	free(probs);
}

/* Deletes ids[0..n) in a at once and in b one by one; both the same. */
static void
delete_both(struct store *a, struct store *b, const int64_t *ids, size_t n)
{
	char *msg = NULL;

	cr_assert_eq(store_cards_delete(a, ids, n, NOW, &msg), 0, "%s",
	    fixture_msg(msg));
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(store_card_delete(b, ids[i], NOW, &msg), 0, "%s",
		    fixture_msg(msg));
	expect_same(a, b);
	expect_check_clean(a);
}

/* Every k-th card from the first, of those in ids not yet taken. */
static size_t
every(int64_t *ids, size_t first, size_t k, int64_t *out)
{
	size_t n = 0;

	for (size_t i = first; i < CARDS; i += k)
		if (ids[i] != 0) {
			out[n++] = ids[i];
			ids[i] = 0;
		}
	return n;
}

Test(delete_many, each_way_leaves_what_one_by_one_does)
{
	int64_t ids[CARDS], other[CARDS], pick[CARDS];
	struct store *a = make(7, ids), *b = make(7, other);
	size_t n;

	expect_same(a, b);
	/* a few: card by card */
	n = every(ids, 0, 100, pick);
	cr_assert_lt(n, 16);
	delete_both(a, b, pick, n);
	/* 20 of 396: a set, each card's answers looked up */
	n = every(ids, 1, 20, pick);
	cr_assert(n >= 16 && n * 8 < CARDS - 24);
	delete_both(a, b, pick, n);
	/* 125 of 376: a set, the answers from a walk of the log */
	n = every(ids, 2, 3, pick);
	cr_assert(n * 8 >= CARDS - 24);
	delete_both(a, b, pick, n);
	store_close(a);
	store_close(b);
}

Test(delete_many, a_deck_deleted_is_its_cards_deleted_one_by_one)
{
	int64_t ids[CARDS], other[CARDS], n = 0, deck;
	struct store *a = make(11, ids), *b = make(11, other);
	char *msg = NULL;

	cr_assert_eq(store_deck_id(a, "D2", false, &deck, &msg), 0);
	cr_assert_gt(deck, 0);
	for (size_t i = 0; i < CARDS; i++) {
		int64_t d;
		struct sched s;

		cr_assert_eq(store_card_sched(b, other[i], &s, &d, &msg), 0);
		if (d == deck)
			cr_assert_eq(store_card_delete(b, other[i], NOW, &msg), 0);
	}
	cr_assert_eq(store_deck_delete(b, deck, NOW, &n, &msg), 0);
	cr_assert_eq(n, 0);
	cr_assert_eq(store_deck_delete(a, deck, NOW, &n, &msg), 0, "%s",
	    fixture_msg(msg));
	cr_assert_gt(n, 50);
	expect_same(a, b);
	expect_check_clean(a);
	store_close(a);
	store_close(b);
}

Test(delete_many, a_card_that_is_not_there_deletes_none)
{
	int64_t ids[CARDS], pick[64];
	struct store *st = make(3, ids);
	char *before = state_of(st), *after, *msg = NULL;

	for (size_t i = 0; i < 64; i++)
		pick[i] = ids[i * 5];
	pick[40] = ids[CARDS - 1] + 1000;
	cr_assert_eq(store_cards_delete(st, pick, 64, NOW, &msg), -1);
	cr_assert_not_null(strstr(msg, "no card with id"), "%s", msg);
	free(msg);
	after = state_of(st);
	cr_expect_str_eq(before, after);
	free(after);
	/* inside a transaction of the caller's, which rolls back */
	cr_assert_eq(store_begin(st, &msg), 0);
	cr_assert_eq(store_cards_delete(st, pick, 40, NOW, &msg), 0, "%s",
	    fixture_msg(msg));
	store_rollback(st);
	after = state_of(st);
	cr_expect_str_eq(before, after);
	free(after);
	free(before);
	store_close(st);
}
