/*
 * test_search.c - searching the collection (core/store_search.c) against
 * a brute-force search of a model kept beside it, through random inserts,
 * edits, moves and deletes; the index's check and rebuild; deleting,
 * restoring, resetting and decks (core/store_manage.c).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/query.h"
#include "core/store_search.h"
#include "core/util.h"
#include "fixtures.h"

static struct store *st;

static void
setup(void)
{
	st = fixture_store();
}

static void
teardown(void)
{
	store_close(st);
	st = NULL;
}

TestSuite(search, .init = setup, .fini = teardown);

static const struct search_opts opts = { .now = 1000,
	.day_start = 0,
	.day_end = MS_PER_DAY,
	.sort = SEARCH_SORT_ADDED };

static int
collect(const struct card *card, void *ctx, char **errmsg)
{
	struct strbuf *b = ctx;

	(void)errmsg;
	strbuf_addf(b, "%s%lld", b->len > 0 ? " " : "", (long long)card->id);
	return 0;
}

static void both_orders(const char *s, const struct search_opts *o,
    char **ids_s, char **cards_s);

/* The ids matching s, as a string "1 4 7". */
static char *
search(const char *s)
{
	char *ids, *cards;

	/* The cards themselves come by another statement: the same ones. */
	both_orders(s, &opts, &ids, &cards);
	cr_assert_str_eq(cards, ids, "%s", s);
	free(cards);
	return ids;
}

/* ---- the model ---- */

#define MODEL_MAX 400
static const char *const vocab[] = { "alpha", "beta", "gamma", "delta",
	"epsilon", "zeta", "eta", "theta", "alphabet", "Beta-blocker", "déjà",
	"hl7" };
#define NVOCAB (sizeof(vocab) / sizeof(vocab[0]))
static const char *const decks[] = { "One", "Two", "Three words" };

struct mcard {
	int64_t id;
	bool alive;
	int deck;
	char text[4][80]; /* question, answer, tips, tags */
	int lapses;
};

struct model {
	struct mcard c[MODEL_MAX];
	size_t n;
};

static void
random_text(char *buf, size_t size, int min)
{
	int words = min + rand() % 4;

	buf[0] = '\0';
	for (int i = 0; i < words; i++) {
		if (i > 0)
			strncat(buf, rand() % 5 == 0 ? ", " : " ", size - strlen(buf) - 1);
		strncat(buf, vocab[rand() % NVOCAB], size - strlen(buf) - 1);
	}
}

static void
random_card(struct mcard *m)
{
	random_text(m->text[0], sizeof(m->text[0]), 1);
	random_text(m->text[1], sizeof(m->text[1]), 0);
	random_text(m->text[2], sizeof(m->text[2]), 0);
	static const char *const tags[] = { "", "t1", "leech", "t1 leech" };

	snprintf(m->text[3], sizeof(m->text[3]), "%s", tags[rand() % 4]);
	m->deck = rand() % 3;
}

static void
to_card(const struct mcard *m, struct card *c, int64_t deck_id)
{
	memset(c, 0, sizeof(*c));
	c->id = m->id;
	c->deck_id = deck_id;
	c->question = m->text[0];
	c->answer = m->text[1];
	c->tips = m->text[2];
	c->tags = m->text[3];
}

static void
model_insert(struct model *md)
{
	struct mcard *m = &md->c[md->n++];
	char ext[32];

	random_card(m);
	m->lapses = rand() % 5;
	snprintf(ext, sizeof(ext), "card-%zu", md->n);
	m->id = fixture_add_card(st, &(struct fixture_card){ .deck = decks[m->deck],
					 .ext_id = ext,
					 .question = m->text[0],
					 .answer = m->text[1],
					 .tips = m->text[2],
					 .tags = m->text[3],
					 .s = { .state = m->lapses > 0 ? STATE_REVIEW : STATE_NEW,
					     .due = 1000,
					     .last_review = m->lapses > 0 ? 500 : 0,
					     .stability = m->lapses > 0 ? 2 : 0,
					     .difficulty = m->lapses > 0 ? 5 : 0,
					     .reps = m->lapses,
					     .lapses = m->lapses } });
	m->alive = true;
}

static void
model_update(struct model *md)
{
	struct mcard *m = &md->c[rand() % md->n];
	struct card c;
	int64_t deck_id;
	char *msg = NULL;

	if (!m->alive)
		return;
	random_card(m);
	cr_assert_eq(store_deck_id(st, decks[m->deck], true, &deck_id, &msg), 0);
	to_card(m, &c, deck_id);
	cr_assert_eq(store_card_update_text(st, &c, 2000, NULL, &msg), 0, "%s",
	    fixture_msg(msg));
}

static void
model_delete(struct model *md)
{
	struct mcard *m = &md->c[rand() % md->n];
	char *msg = NULL;

	if (!m->alive)
		return;
	cr_assert_eq(store_card_delete(st, m->id, 3000, &msg), 0, "%s",
	    fixture_msg(msg));
	m->alive = false;
}

/* The lower-case words of s, as the index splits them (ASCII letters and
 * digits, and any byte of a multibyte character; the one accent of the
 * vocabulary folded). */
static size_t
words_of(const char *s, char w[][16])
{
	size_t n = 0, len = 0;

	for (;; s++) {
		unsigned char ch = (unsigned char)*s;
		bool in = ch >= 0x80 || (ch >= '0' && ch <= '9') ||
		          (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');

		if (in && len < 15) {
			if (ch == 0xc3 && ((unsigned char)s[1] == 0xa9 ||
					      (unsigned char)s[1] == 0xa0)) {
				w[n][len++] = s[1] == (char)0xa9 ? 'e' : 'a';
				s++;
				continue;
			}
			w[n][len++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
			continue;
		}
		if (len > 0) {
			w[n++][len] = '\0';
			len = 0;
		}
		if (ch == '\0')
			return n;
	}
}

/* Whether text holds the words of the phrase, one after the other (the
 * last one as a prefix when prefix is true). */
static bool
holds(const char *text, const char *phrase, bool prefix)
{
	char tw[32][16], pw[8][16];
	size_t nt = words_of(text, tw), np = words_of(phrase, pw);

	for (size_t i = 0; i + np <= nt; i++) {
		size_t k = 0;

		while (k < np && (strcmp(tw[i + k], pw[k]) == 0 ||
				     (prefix && k == np - 1 &&
					 strncmp(tw[i + k], pw[k], strlen(pw[k])) == 0)))
			k++;
		if (k == np)
			return true;
	}
	return false;
}

static bool
eval(const struct mcard *m, const struct query_node *q)
{
	switch (q->kind) {
	case QUERY_AND:
		return eval(m, q->a) && eval(m, q->b);
	case QUERY_OR:
		return eval(m, q->a) || eval(m, q->b);
	case QUERY_NOT:
		return !eval(m, q->a);
	case QUERY_TEXT:
		for (int i = 0; i < 4; i++)
			if (holds(m->text[i], q->text, q->prefix))
				return true;
		return false;
	case QUERY_DECK:
		return strcasecmp(decks[m->deck], q->text) == 0;
	case QUERY_TAG:
		return holds(m->text[3], q->text, false);
	case QUERY_IS:
		return q->is == QUERY_IS_NEW ? m->lapses == 0 : holds(m->text[3], "leech", false);
	case QUERY_PROP:
		return q->cmp == QUERY_GT ? m->lapses > q->value : m->lapses == q->value;
	}
	return false;
}

static char *
brute(const struct model *md, const char *s)
{
	struct query_node *q;
	struct query_error err;
	struct strbuf b = { 0 };

	cr_assert_eq(query_parse(s, &q, &err), 0);
	for (size_t i = 0; i < md->n; i++)
		if (md->c[i].alive && (q == NULL || eval(&md->c[i], q)))
			strbuf_addf(&b, "%s%lld", b.len > 0 ? " " : "",
			    (long long)md->c[i].id);
	query_free(q);
	return strbuf_detach(&b);
}

static const char *const queries[] = { "", "alpha", "ALPHA", "alpha*", "alp*",
	"beta", "blocker", "\"beta blocker\"", "\"gamma delta\"", "alpha beta",
	"alpha -beta", "-alpha", "alpha or zeta", "deja", "déjà", "hl7",
	"deck:one", "deck:\"three words\"", "deck:two alpha", "tag:t1",
	"tag:leech", "is:leech", "-tag:t1 gamma", "is:new", "prop:lapses>2",
	"prop:lapses=1 or theta", "(alpha or beta) -(gamma or delta)",
	"-alpha -beta", "eta* -deck:One", "\"eta\" tag:t1 or deck:two",
	"deck:nosuch", "-deck:nosuch alpha" };

static void
compare_all(const struct model *md)
{
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		char *got = search(queries[i]), *want = brute(md, queries[i]);

		cr_assert_str_eq(got, want, "%s", queries[i]);
		free(got);
		free(want);
	}
}

/* store_check finds nothing wrong. */
static void
no_problems(void)
{
	char **problems, *msg = NULL;
	size_t n;

	cr_assert_eq(store_check(st, &problems, &n, &msg), 0, "%s", fixture_msg(msg));
	for (size_t i = 0; i < n; i++) {
		cr_expect_fail("%s", problems[i]);
		free(problems[i]);
	}
	free(problems);
}

Test(search, random_changes_match_brute_force)
{
	static struct model md;
	bool in_step;

	srand(13);
	memset(&md, 0, sizeof(md));
	for (int round = 0; round < 8; round++) {
		for (int i = 0; i < 40 && md.n < MODEL_MAX; i++)
			model_insert(&md);
		for (int i = 0; i < 15; i++)
			model_update(&md);
		for (int i = 0; i < 10; i++)
			model_delete(&md);
		compare_all(&md);
	}
	cr_assert_eq(store_search_index_check(st, &in_step, NULL), 0);
	cr_assert(in_step);
	no_problems();
}

static int64_t
add(const char *ext, const char *deck, const char *q)
{
	return fixture_add_card(st, &(struct fixture_card){ .deck = deck,
					.ext_id = ext,
					.question = q,
					.answer = "an answer",
					.s = { .state = STATE_NEW, .due = 1000 } });
}

static void
raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;

	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK, "%s",
	    sqlite3_errmsg(db));
	sqlite3_close(db);
}

Test(search, index_out_of_step_found_and_rebuilt)
{
	char dir[64], path[96], *msg = NULL, *got;
	bool in_step;

	fixture_tmpdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/c.db", dir);
	store_close(st);
	cr_assert_eq(store_open(path, &st, &msg), 0, "%s", fixture_msg(msg));
	add("a", "D", "first question");
	add("b", "D", "second question");
	store_close(st);
	/* Written behind the triggers' back, as an old program or a hand
	 * with sqlite3 might. */
	raw_exec(path, "DROP TRIGGER cards_fts_update;"
		       " UPDATE cards SET question = 'zebra' WHERE ext_id = 'a';");
	cr_assert_eq(store_open(path, &st, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(store_search_index_check(st, &in_step, &msg), 0, "%s",
	    fixture_msg(msg));
	cr_assert(!in_step);
	cr_assert_eq(store_search_index_rebuild(st, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(store_search_index_check(st, &in_step, &msg), 0);
	cr_assert(in_step);
	got = search("zebra");
	cr_expect_str_eq(got, "1");
	free(got);
	got = search("first");
	cr_expect_str_eq(got, "");
	free(got);
	store_close(st);
	st = NULL;
	fixture_tmpdir_remove(dir);
	st = fixture_store();
}

Test(search, deleted_id_never_reused_and_history_kept)
{
	int64_t a = add("a", "D", "one"), b = add("b", "D", "two"), c;
	struct review r = { .card_id = b, .time = 5000, .rating = RATING_GOOD, .state = STATE_NEW, .before = { .state = STATE_NEW, .due = 1000 } };
	struct sched after = { .state = STATE_REVIEW, .due = 90000000, .last_review = 5000, .stability = 3, .difficulty = 5, .reps = 1 };
	struct review *log;
	struct card got, snap;
	size_t n;
	char *msg = NULL;

	cr_assert_eq(store_answer(st, &r, &after, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(store_card_get(st, b, &snap, &msg), 0);
	cr_assert_eq(store_card_delete(st, b, 6000, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(store_card_get(st, b, &got, &msg), -1);
	free(msg);
	msg = NULL;
	cr_assert_eq(store_card_delete(st, b, 6000, &msg), -1);
	cr_expect(strstr(msg, "no card with id") != NULL, "%s", msg);
	free(msg);
	msg = NULL;
	/* The same external id again: a new card, a new id, no history. */
	c = add("b", "D", "two");
	cr_expect_gt(c, b);
	cr_assert_eq(store_card_reviews(st, c, &log, &n, &msg), 0);
	cr_expect_eq(n, 0);
	free(log);
	cr_assert_eq(store_card_reviews(st, b, &log, &n, &msg), 0);
	cr_expect_eq(n, 1);
	free(log);
	/* Restoring needs the external id free. */
	cr_assert_eq(store_card_restore(st, &snap, 7000, &msg), -1);
	free(msg);
	msg = NULL;
	cr_assert_eq(store_card_delete(st, c, 7000, &msg), 0);
	cr_assert_eq(store_card_restore(st, &snap, 7000, &msg), 0, "%s",
	    fixture_msg(msg));
	cr_assert_eq(store_card_get(st, b, &got, &msg), 0);
	cr_expect_str_eq(got.question, "two");
	cr_expect_eq(got.s.state, STATE_REVIEW);
	cr_expect_eq(got.s.due, 90000000);
	card_clear(&got);
	card_clear(&snap);
	/* The id after a deleted last one is still new. */
	cr_assert_eq(store_card_delete(st, a, 8000, &msg), 0);
	cr_expect_gt(add("z", "D", "three"), c);
	no_problems();
}

Test(search, reset_keeps_history)
{
	int64_t id = add("a", "D", "one");
	struct review r = { .card_id = id, .time = 5000, .rating = RATING_AGAIN, .state = STATE_NEW, .before = { .state = STATE_NEW, .due = 1000 } };
	struct sched after = { .state = STATE_LEARNING, .due = 6000, .last_review = 5000, .stability = 1, .difficulty = 7, .reps = 1, .lapses = 0 };
	struct review *log;
	struct card c;
	size_t n;
	char *msg = NULL;

	cr_assert_eq(store_answer(st, &r, &after, &msg), 0);
	cr_assert_eq(store_card_reset(st, id, 9000, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(store_card_get(st, id, &c, &msg), 0);
	cr_expect_eq(c.s.state, STATE_NEW);
	cr_expect_eq(c.s.reps, 0);
	cr_expect_eq(c.s.due, 9000);
	cr_expect(card_sched_valid(&c.s, NULL));
	card_clear(&c);
	cr_assert_eq(store_card_reviews(st, id, &log, &n, &msg), 0);
	cr_expect_eq(n, 1);
	free(log);
	no_problems();
	cr_assert_eq(store_card_reset(st, 999, 9000, &msg), -1);
	free(msg);
}

/* A deck's name is shown in every list of decks: one that is blank or holds
 * a control character is refused, on creation and on renaming, and the
 * decks stay as they were. */
Test(search, deck_names_blank_or_with_controls_refused)
{
	static const char *const bad[] = { "", "  \t ", "a\tb", "x\ny",
		"\x1b[2J", "del\x7f", "caf\xe9" };
	int64_t one, id = -1;
	char *msg = NULL;

	add("a", "One", "alpha");
	cr_assert_eq(store_deck_id(st, "One", false, &one, &msg), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_expect_eq(store_deck_id(st, bad[i], true, &id, &msg), -1,
		    "created \"%s\"", bad[i]);
		cr_expect(msg != NULL && strstr(msg, "deck") != NULL, "%s", bad[i]);
		free(msg);
		msg = NULL;
		cr_expect_eq(store_deck_rename(st, one, bad[i], &msg), -1,
		    "renamed to \"%s\"", bad[i]);
		free(msg);
		msg = NULL;
	}
	cr_assert_eq(store_deck_id(st, " Spaced out ", true, &id, &msg), 0);
	cr_expect_gt(id, one);
	cr_assert_eq(store_deck_rename(st, one, "Uno \xc3\xa9", &msg), 0);
}

/* A deck's name is one whatever its letter case, as the command line
 * finds decks: no second deck in another case is made, by creation or by
 * renaming, and a deck may take its own name in another case. */
Test(search, deck_names_are_one_whatever_the_case)
{
	int64_t one, two, id = 0;
	char *msg = NULL;

	fixture_utf8_locale(); /* the program's: letter case by towlower() */
	add("a", "Deutsch \xc3\x9c", "alpha");
	add("b", "Two", "beta");
	cr_assert_eq(store_deck_id(st, "Deutsch \xc3\x9c", false, &one, &msg), 0);
	cr_assert_eq(store_deck_id(st, "Two", false, &two, &msg), 0);
	cr_assert_eq(store_deck_id(st, "DEUTSCH \xc3\xbc", true, &id, &msg), 0);
	cr_expect_eq(id, one);
	cr_assert_eq(store_deck_rename(st, two, "deutsch \xc3\xbc", &msg), -1);
	cr_expect(strstr(msg, "exists already") != NULL, "%s", msg);
	free(msg);
	msg = NULL;
	cr_expect_eq(store_deck_rename(st, one, "deutsch \xc3\xbc", &msg), 0);
	cr_assert_eq(store_deck_id(st, "deutsch \xc3\xbc", false, &id, &msg), 0);
	cr_expect_eq(id, one);
}

Test(search, decks_renamed_and_deleted)
{
	int64_t one, two, cards = 0;
	char *msg = NULL, *got;

	add("a", "One", "alpha");
	add("b", "One", "beta");
	add("c", "Two", "gamma");
	cr_assert_eq(store_deck_id(st, "One", false, &one, &msg), 0);
	cr_assert_eq(store_deck_id(st, "Two", false, &two, &msg), 0);
	cr_assert_eq(store_deck_rename(st, one, "Two", &msg), -1);
	cr_expect(strstr(msg, "exists already") != NULL, "%s", msg);
	free(msg);
	msg = NULL;
	cr_assert_eq(store_deck_rename(st, one, "Uno", &msg), 0);
	got = search("deck:uno");
	cr_expect_str_eq(got, "1 2");
	free(got);
	cr_assert_eq(store_deck_count(st, one, &cards, &msg), 0);
	cr_expect_eq(cards, 2);
	cr_assert_eq(store_deck_delete(st, one, 5000, &cards, &msg), 0);
	cr_expect_eq(cards, 2);
	got = search("");
	cr_expect_str_eq(got, "3");
	free(got);
	cr_assert_eq(store_card_move(st, 3, one, 6000, &msg), -1);
	free(msg);
}

Test(search, sorts)
{
	int64_t a = add("a", "B deck", "zeta"), b = add("b", "A deck", "Alpha");
	struct search_opts o = opts;
	struct query_node *q = NULL;
	int64_t *ids;
	size_t n;

	o.sort = SEARCH_SORT_QUESTION;
	cr_assert_eq(store_search_ids(st, q, &o, &ids, &n, NULL), 0);
	cr_assert_eq(n, 2);
	cr_expect_eq(ids[0], b);
	free(ids);
	o.sort = SEARCH_SORT_DECK;
	cr_assert_eq(store_search_ids(st, q, &o, &ids, &n, NULL), 0);
	cr_expect_eq(ids[0], b);
	free(ids);
	o.sort = SEARCH_SORT_ADDED;
	cr_assert_eq(store_search_ids(st, q, &o, &ids, &n, NULL), 0);
	cr_expect_eq(ids[0], a);
	free(ids);
}

/* The ids of q in order o, by store_search_ids and by store_search_cards
 * (whose order SQLite makes), as strings. */
static void
both_orders(const char *s, const struct search_opts *o, char **ids_s,
    char **cards_s)
{
	struct query_node *q;
	struct query_error err;
	struct strbuf b = { 0 }, c = { 0 };
	int64_t *ids;
	size_t n;
	char *msg = NULL;

	cr_assert_eq(query_parse(s, &q, &err), 0, "%s: %s", s, err.message);
	cr_assert_eq(store_search_ids(st, q, o, &ids, &n, &msg), 0, "%s: %s", s,
	    fixture_msg(msg));
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&b, "%s%lld", i > 0 ? " " : "", (long long)ids[i]);
	free(ids);
	cr_assert_eq(store_search_cards(st, q, o, collect, &c, &msg), 0, "%s",
	    fixture_msg(msg));
	query_free(q);
	*ids_s = strbuf_detach(&b);
	*cards_s = strbuf_detach(&c);
}

/* Every order of the ids (sorted apart from SQLite, or read from an
 * index) is the order SQLite gives the cards, ties by id included, for
 * queries of words, tags (found apart as sets), decks and states. */
Test(search, every_order_as_sqlite_sorts)
{
	static const enum search_sort sorts[] = { SEARCH_SORT_ADDED,
		SEARCH_SORT_DUE, SEARCH_SORT_LAPSES, SEARCH_SORT_DIFFICULTY,
		SEARCH_SORT_QUESTION, SEARCH_SORT_DECK, SEARCH_SORT_STATE };
	static const char *const questions[] = { "alpha", "Alpha", "beta",
		"ALPHA beta", "Zeta", "ärger", "10 things", "9 things" };
	static const char *const tags[] = { "", "t1", "leech", "t1 leech",
		"t10" };
	static const char *const qs[] = { "", "alpha", "tag:t1", "-tag:t1",
		"tag:t1 tag:leech", "is:leech -beta", "tag:t1 is:new",
		"deck:One", "-deck:One tag:leech", "alpha or tag:t10",
		"prop:lapses>1", "things -tag:t1" };

	srand(7);
	for (int i = 0; i < 150; i++) {
		int state = rand() % 4;
		char ext[16];

		snprintf(ext, sizeof(ext), "c%d", i);
		fixture_add_card(st, &(struct fixture_card){ .deck = decks[rand() % 3],
					 .ext_id = ext,
					 .question = questions[rand() % 8],
					 .tags = tags[rand() % 5],
					 .s = { .state = state,
					     .due = 1000 * (rand() % 6),
					     .last_review = state != 0 ? 500 : 0,
					     .stability = state != 0 ? 2 : 0,
					     .difficulty = state != 0 ? 1 + rand() % 3 : 0,
					     .reps = state != 0,
					     .lapses = rand() % 4 } });
	}
	for (size_t k = 0; k < sizeof(sorts) / sizeof(sorts[0]); k++)
		for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
			struct search_opts o = opts;
			char *a, *b;

			o.sort = sorts[k];
			both_orders(qs[i], &o, &a, &b);
			cr_assert_str_eq(a, b, "\"%s\", sort %d", qs[i], (int)sorts[k]);
			cr_assert_neq(strlen(a), 0, "\"%s\" finds cards", qs[i]);
			free(a);
			free(b);
		}
}
