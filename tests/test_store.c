#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/store.h"
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

static int64_t
add_card(const char *ext, const char *deck, const char *q)
{
	return fixture_add_card(st, &(struct fixture_card){ .deck = deck,
					.ext_id = ext,
					.question = q,
					.answer = "A",
					.tags = "t",
					.s = { .state = STATE_NEW, .due = 1000 } });
}

TestSuite(store, .init = setup, .fini = teardown);

Test(store, empty_then_not)
{
	bool empty;

	cr_assert_eq(store_is_empty(st, &empty, NULL), 0);
	cr_assert(empty);
	add_card("a", "D", "Q");
	cr_assert_eq(store_is_empty(st, &empty, NULL), 0);
	cr_assert(!empty);
}

Test(store, card_round_trip)
{
	int64_t id = add_card("ext-1", "Deck", "What?");
	struct card c;
	bool found;

	cr_assert_eq(store_card_get(st, id, &c, NULL), 0);
	cr_assert_str_eq(c.ext_id, "ext-1");
	cr_assert_str_eq(c.deck, "Deck");
	cr_assert_str_eq(c.question, "What?");
	cr_assert_str_eq(c.answer, "A");
	cr_assert_eq(c.s.state, STATE_NEW);
	cr_assert_eq(c.s.due, 1000);
	card_clear(&c);
	cr_assert_eq(store_card_by_ext(st, "ext-1", &c, &found, NULL), 0);
	cr_assert(found);
	cr_assert_eq(c.id, id);
	card_clear(&c);
	cr_assert_eq(store_card_by_ext(st, "nope", NULL, &found, NULL), 0);
	cr_assert(!found);
}

/* A scheduling state with a different value in every field. */
static struct sched
odd_sched(int k)
{
	return (struct sched){ .state = STATE_RELEARNING,
		.due = INT64_C(1795428900123) + k,
		.last_review = 1700000000007 + k,
		.stability = 12.345678901234567 + k,
		.difficulty = 7.25 + k,
		.scheduled_days = 11 + k,
		.learning_step = 2 + k,
		.reps = 9 + k,
		.lapses = 3 + k };
}

static void
expect_sched(const struct sched *got, const struct sched *want)
{
	cr_expect_eq(got->state, want->state);
	cr_expect_eq(got->due, want->due);
	cr_expect_eq(got->last_review, want->last_review);
	cr_expect_eq(got->stability, want->stability);
	cr_expect_eq(got->difficulty, want->difficulty);
	cr_expect_eq(got->scheduled_days, want->scheduled_days);
	cr_expect_eq(got->learning_step, want->learning_step);
	cr_expect_eq(got->reps, want->reps);
	cr_expect_eq(got->lapses, want->lapses);
}

Test(store, every_card_field_round_trips)
{
	struct card c = { 0 }, got;
	char *msg = NULL;

	cr_assert_eq(store_deck_id(st, "Décks", true, &c.deck_id, NULL), 0);
	c.ext_id = "ext \xc3\xa9 1";
	c.deck = NULL; /* the store reads the name from deck_id */
	c.question = "line one\nline \"two\", with, commas";
	c.answer = "";
	c.tips = "a tip";
	c.tags = "t1 t2::sub";
	c.s = odd_sched(0);
	cr_assert_eq(store_card_insert(st, &c, 1000, &msg), 0, "%s",
	    msg ? msg : "");
	cr_assert_eq(store_card_set_flagged(st, c.id, true, NULL), 0);
	cr_assert_eq(store_card_set_buried(st, c.id, 4242, NULL), 0);
	cr_assert_eq(store_card_get(st, c.id, &got, NULL), 0);
	cr_expect_eq(got.id, c.id);
	cr_expect_str_eq(got.ext_id, c.ext_id);
	cr_expect_eq(got.deck_id, c.deck_id);
	cr_expect_str_eq(got.deck, "Décks");
	cr_expect_str_eq(got.question, c.question);
	cr_expect_str_eq(got.answer, "");
	cr_expect_str_eq(got.tips, "a tip");
	cr_expect_str_eq(got.tags, "t1 t2::sub");
	cr_expect(!got.suspended);
	cr_expect(got.flagged);
	cr_expect_eq(got.buried_until, 4242);
	expect_sched(&got.s, &c.s);
	cr_expect_not_null(got.storage);
	card_clear(&got);
	cr_expect_null(got.storage);
	cr_expect_null(got.question);
}

Test(store, null_text_is_stored_empty)
{
	struct card c = { 0 }, got;
	bool changed = true;

	cr_assert_eq(store_deck_id(st, "D", true, &c.deck_id, NULL), 0);
	c.ext_id = "x";
	c.question = "Q";
	c.s.due = 1000;
	cr_assert_eq(store_card_insert(st, &c, 1000, NULL), 0);
	cr_assert_eq(store_card_get(st, c.id, &got, NULL), 0);
	cr_expect_str_eq(got.answer, "");
	cr_expect_str_eq(got.tips, "");
	cr_expect_str_eq(got.tags, "");
	card_clear(&got);
	/* NULL and "" are the same text: nothing to update */
	cr_assert_eq(store_card_update_text(st, &c, 2000, &changed, NULL), 0);
	cr_expect(!changed);
	c.tips = "";
	cr_assert_eq(store_card_update_text(st, &c, 2000, &changed, NULL), 0);
	cr_expect(!changed);
}

Test(store, sched_round_trips_through_set_and_review_log)
{
	int64_t id = add_card("x", "D", "Q");
	struct sched want = odd_sched(1);
	struct review r = { 0 }, *log = NULL;
	struct card got;
	size_t n = 0;

	cr_assert_eq(store_card_set_sched(st, id, &want, NULL), 0);
	cr_assert_eq(store_card_get(st, id, &got, NULL), 0);
	expect_sched(&got.s, &want);
	card_clear(&got);
	r.card_id = id;
	r.time = 5000;
	r.rating = RATING_HARD;
	r.state = STATE_RELEARNING;
	r.duration = 1234;
	r.before = odd_sched(2);
	cr_assert_eq(store_review_insert(st, &r, NULL), 0);
	cr_assert_eq(store_card_reviews(st, id, &log, &n, NULL), 0);
	cr_assert_eq(n, 1);
	cr_expect_eq(log[0].id, r.id);
	cr_expect_eq(log[0].time, 5000);
	cr_expect_eq(log[0].rating, RATING_HARD);
	cr_expect_eq(log[0].state, STATE_RELEARNING);
	cr_expect_eq(log[0].duration, 1234);
	expect_sched(&log[0].before, &r.before);
	free(log);
	cr_assert_eq(store_card_set_sched(st, id + 1, &want, NULL), -1);
}

struct kept {
	struct card cards[4];
	size_t n;
};

static int
keep_card(const struct card *c, void *ctx, char **errmsg)
{
	struct kept *k = ctx;

	(void)errmsg;
	cr_assert_lt(k->n, 4);
	card_copy(&k->cards[k->n++], c);
	return 0;
}

Test(store, foreach_cards_can_be_kept)
{
	struct kept k = { 0 };

	add_card("b", "Two", "Q2");
	add_card("a", "One", "Q1");
	cr_assert_eq(store_cards_foreach(st, 0, keep_card, &k, NULL), 0);
	/* other statements have run since: the copies are the cards' own */
	add_card("c", "One", "Q3");
	cr_assert_eq(k.n, 2);
	cr_expect_str_eq(k.cards[0].ext_id, "a");
	cr_expect_str_eq(k.cards[0].deck, "One");
	cr_expect_str_eq(k.cards[0].question, "Q1");
	cr_expect_str_eq(k.cards[0].tags, "t");
	cr_expect_str_eq(k.cards[1].ext_id, "b");
	cr_expect_str_eq(k.cards[1].deck, "Two");
	cr_expect_str_eq(k.cards[1].answer, "A");
	for (size_t i = 0; i < k.n; i++) {
		cr_expect_not_null(k.cards[i].storage);
		card_clear(&k.cards[i]);
	}
}

Test(card, own_copies_every_string_into_its_storage)
{
	char q[] = "question", a[] = "answer", fresh[] = "edited";
	struct card c = { .ext_id = "e", .question = q, .answer = a, .tips = "", .tags = "t" };

	card_own(&c);
	q[0] = a[0] = 'X'; /* the caller's strings change; the card's do not */
	cr_expect_str_eq(c.ext_id, "e");
	cr_expect_null(c.deck);
	cr_expect_str_eq(c.question, "question");
	cr_expect_str_eq(c.answer, "answer");
	cr_expect_str_eq(c.tips, "");
	cr_expect_str_eq(c.tags, "t");
	cr_expect_eq(c.ext_id, c.storage);
	/* a field pointed elsewhere is taken in by the next card_own */
	c.answer = fresh;
	card_own(&c);
	fresh[0] = 'X';
	cr_expect_str_eq(c.answer, "edited");
	cr_expect_str_eq(c.question, "question");
	card_clear(&c);
	cr_expect_null(c.storage);
}

Test(store, duplicate_ext_id_refused)
{
	struct card c = { 0 };
	char *msg = NULL;

	add_card("x", "D", "Q1");
	cr_assert_eq(store_deck_id(st, "D", false, &c.deck_id, NULL), 0);
	c.ext_id = "x";
	c.question = "Q2";
	cr_assert_eq(store_card_insert(st, &c, 1, &msg), -1);
	cr_assert_not_null(msg);
	cr_assert(strstr(msg, "UNIQUE") != NULL, "%s", msg);
	free(msg);
}

Test(store, update_text_reports_change)
{
	int64_t id = add_card("x", "D", "Q");
	struct card c;
	bool changed = true;

	cr_assert_eq(store_card_get(st, id, &c, NULL), 0);
	cr_assert_eq(store_card_update_text(st, &c, 5, &changed, NULL), 0);
	cr_assert(!changed);
	c.answer = "new answer";
	cr_assert_eq(store_card_update_text(st, &c, 5, &changed, NULL), 0);
	cr_assert(changed);
	card_clear(&c);
	cr_assert_eq(store_card_get(st, id, &c, NULL), 0);
	cr_assert_str_eq(c.answer, "new answer");
	card_clear(&c);
}

Test(store, answer_then_undo_restores_exactly)
{
	int64_t id = add_card("x", "D", "Q");
	struct review r = { 0 };
	struct sched after = { 0 };
	struct card c;
	bool exists;

	r.card_id = id;
	r.time = 5000;
	r.rating = RATING_GOOD;
	r.state = STATE_NEW;
	r.before.state = STATE_NEW;
	r.before.due = 1000;
	after.state = STATE_LEARNING;
	after.due = 5000 + 600000;
	after.last_review = 5000;
	after.stability = 2.3065;
	after.difficulty = 2.118103970459016;
	after.reps = 1;
	after.learning_step = 1;
	cr_assert_eq(store_answer(st, &r, &after, NULL), 0);
	cr_assert_gt(r.id, 0);
	cr_assert_eq(store_review_exists(st, id, 5000, &exists, NULL), 0);
	cr_assert(exists);
	cr_assert_eq(store_card_get(st, id, &c, NULL), 0);
	cr_assert_eq(c.s.state, STATE_LEARNING);
	cr_assert_eq(c.s.difficulty, 2.118103970459016);
	card_clear(&c);

	cr_assert_eq(store_undo(st, r.id, &c, NULL), 0);
	cr_assert_eq(c.s.state, STATE_NEW);
	cr_assert_eq(c.s.due, 1000);
	cr_assert_eq(c.s.reps, 0);
	cr_assert_eq(c.s.stability, 0);
	card_clear(&c);
	cr_assert_eq(store_review_exists(st, id, 5000, &exists, NULL), 0);
	cr_assert(!exists);
	cr_assert_eq(store_undo(st, r.id, NULL, NULL), -1);
}

Test(store, failed_answer_changes_nothing)
{
	int64_t id = add_card("x", "D", "Q");
	struct review r = { .card_id = id, .time = 5, .rating = 9 };
	struct sched after = { .state = STATE_REVIEW, .due = 99 };
	struct card c;
	char *msg = NULL;

	cr_assert_eq(store_answer(st, &r, &after, &msg), -1);
	free(msg);
	cr_assert_eq(store_card_get(st, id, &c, NULL), 0);
	cr_assert_eq(c.s.state, STATE_NEW);
	card_clear(&c);
}

Test(store, settings)
{
	char *v = NULL;

	cr_assert_eq(store_setting_get(st, "k", &v, NULL), 0);
	cr_assert_null(v);
	cr_assert_eq(store_setting_set(st, "k", "1", NULL), 0);
	cr_assert_eq(store_setting_set(st, "k", "2", NULL), 0);
	cr_assert_eq(store_setting_get(st, "k", &v, NULL), 0);
	cr_assert_str_eq(v, "2");
	free(v);
	cr_assert_eq(store_setting_set(st, "k", NULL, NULL), 0);
	cr_assert_eq(store_setting_get(st, "k", &v, NULL), 0);
	cr_assert_null(v);
}

Test(store, counts_and_picks)
{
	int64_t a = add_card("a", "D1", "Q1");
	int64_t b = add_card("b", "D1", "Q2");
	int64_t c = add_card("c", "D2", "Q3");
	int64_t d1 = 0, d2 = 0, id;
	struct sched s = { .state = STATE_REVIEW, .due = 50000, .last_review = 10, .stability = 3, .difficulty = 5, .reps = 1 };
	struct store_day day = { 5000, 60000 };
	struct store_counts sc;
	struct store_candidate *cand;
	size_t n;

	cr_assert_eq(store_deck_id(st, "D1", false, &d1, NULL), 0);
	cr_assert_eq(store_deck_id(st, "D2", false, &d2, NULL), 0);
	cr_assert_eq(store_card_set_sched(st, b, &s, NULL), 0);
	/* c: a learning card answered today (intraday). */
	s.state = STATE_LEARNING;
	s.due = 20000;
	s.last_review = 6000;
	cr_assert_eq(store_card_set_sched(st, c, &s, NULL), 0);
	cr_assert_eq(store_counts_deck(st, d1, 10000, 30000, &day, 100, 100, &sc, NULL), 0);
	cr_assert_eq(sc.new_cards, 1);
	cr_assert_eq(sc.review_due, 1);
	cr_assert_eq(store_counts_deck(st, d2, 10000, 30000, &day, 100, 100, &sc, NULL), 0);
	cr_assert_eq(sc.learning_due, 1);
	cr_assert_eq(sc.review_due, 0);
	/* Caps bound the counts. */
	cr_assert_eq(store_counts_deck(st, d1, 10000, 30000, &day, 0, 0, &sc, NULL), 0);
	cr_assert_eq(sc.new_cards, 0);
	cr_assert_eq(sc.review_due, 0);
	/* Answered before the day began, c is an interday learning card:
	 * counted and picked with the reviews. */
	s.last_review = 4000;
	cr_assert_eq(store_card_set_sched(st, c, &s, NULL), 0);
	cr_assert_eq(store_counts_deck(st, d2, 10000, 30000, &day, 100, 100, &sc, NULL), 0);
	cr_assert_eq(sc.learning_due, 0);
	cr_assert_eq(sc.review_due, 1);
	cr_assert_eq(store_first_learning(st, 0, 10000, 30000, &day, &id, NULL), 0);
	cr_assert_eq(id, 0);
	cr_assert_eq(store_review_candidates(st, 0, 10000, &day, &cand, &n, NULL), 0);
	cr_assert_eq(n, 2);
	free(cand);
	s.last_review = 6000;
	cr_assert_eq(store_card_set_sched(st, c, &s, NULL), 0);

	cr_assert_eq(store_first_new(st, d1, 10000, &id, NULL), 0);
	cr_assert_eq(id, a);
	cr_assert_eq(store_first_learning(st, 0, 10000, 10000, &day, &id, NULL), 0);
	cr_assert_eq(id, 0);
	cr_assert_eq(store_first_learning(st, 0, 10000, 20000, &day, &id, NULL), 0);
	cr_assert_eq(id, c);

	/* Suspended and buried cards are left out. */
	cr_assert_eq(store_card_set_suspended(st, a, true, NULL), 0);
	cr_assert_eq(store_first_new(st, d1, 10000, &id, NULL), 0);
	cr_assert_eq(id, 0);
	cr_assert_eq(store_card_set_buried(st, b, 70000, NULL), 0);
	cr_assert_eq(store_review_candidates(st, 0, 10000, &day, &cand, &n, NULL), 0);
	cr_assert_eq(n, 0);
	free(cand);
	cr_assert_eq(store_review_candidates(st, d1, 70000, &(struct store_day){ 60000, 80000 }, &cand, &n, NULL), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(cand[0].id, b);
	cr_assert_eq(cand[0].deck_id, d1);
	cr_assert_eq(cand[0].due, 50000);
	free(cand);
}

static int64_t
add_tagged(const char *ext, const char *deck, const char *tags, struct sched s)
{
	return fixture_add_card(st, &(struct fixture_card){ .deck = deck,
					.ext_id = ext,
					.question = "Q",
					.answer = "A",
					.tags = tags,
					.s = s });
}

/* The tag "leech" as a word among the tags, counted per deck: not a tag
 * that only contains it. */
Test(store, leeches_counted_per_deck)
{
	struct sched s = { .state = STATE_NEW, .due = 1000 };
	int64_t d1 = 0, d2 = 0, n = -1, id;
	struct card c;

	add_tagged("a", "D1", "leech", s);
	add_tagged("b", "D1", "x leech y", s);
	add_tagged("c", "D1", "leeches myleech leech-x", s);
	id = add_tagged("d", "D2", "t", s);
	add_tagged("e", "D2", "y leech", s);
	cr_assert_eq(store_deck_id(st, "D1", false, &d1, NULL), 0);
	cr_assert_eq(store_deck_id(st, "D2", false, &d2, NULL), 0);
	cr_assert_eq(store_count_leeches(st, d1, &n, NULL), 0);
	cr_assert_eq(n, 2);
	cr_assert_eq(store_count_leeches(st, d2, &n, NULL), 0);
	cr_assert_eq(n, 1);
	/* A card tagged later is counted at once. */
	cr_assert_eq(store_card_get(st, id, &c, NULL), 0);
	c.tags = "leech t";
	cr_assert_eq(store_card_update_text(st, &c, 2000, NULL, NULL), 0);
	card_clear(&c);
	cr_assert_eq(store_count_leeches(st, d2, &n, NULL), 0);
	cr_assert_eq(n, 2);
}

/* Due for review: review cards, and learning or relearning cards last
 * answered before the day began; never new cards, however old. */
Test(store, reviews_due_count_interday_relearning_not_new)
{
	struct store_day day = { 5000, 60000 };
	struct sched old = { .state = STATE_NEW, .due = 100, .last_review = 0 };
	struct store_counts sc;
	struct store_candidate *cand;
	size_t n;
	int64_t d = 0;

	add_tagged("new", "D", "t", old);
	old.last_review = 4000;
	old.state = STATE_RELEARNING;
	old.due = 20000;
	add_tagged("relearn-yesterday", "D", "t", old);
	old.last_review = 5000;
	add_tagged("relearn-today", "D", "t", old);
	old.state = STATE_REVIEW;
	old.due = 59999;
	add_tagged("review", "D", "t", old);
	old.due = 60000;
	add_tagged("review-tomorrow", "D", "t", old);
	cr_assert_eq(store_deck_id(st, "D", false, &d, NULL), 0);
	cr_assert_eq(store_counts_deck(st, d, 30000, 30000, &day, 100, 100, &sc, NULL), 0);
	cr_assert_eq(sc.review_due, 2);
	cr_assert_eq(sc.learning_due, 1);
	cr_assert_eq(sc.new_cards, 1);
	cr_assert_eq(store_review_candidates(st, d, 30000, &day, &cand, &n, NULL), 0);
	cr_assert_eq(n, 2);
	free(cand);
	cr_assert_eq(store_review_candidates(st, 0, 30000, &day, &cand, &n, NULL), 0);
	cr_assert_eq(n, 2);
	free(cand);
}

Test(store, card_id_by_ext)
{
	int64_t id = add_card("ext-9", "D", "Q"), got = -1;

	cr_assert_eq(store_card_id_by_ext(st, "ext-9", &got, NULL), 0);
	cr_assert_eq(got, id);
	cr_assert_eq(store_card_id_by_ext(st, "missing", &got, NULL), 0);
	cr_assert_eq(got, 0);
}

Test(store, review_insert_leaves_the_card_alone)
{
	int64_t id = add_card("x", "D", "Q");
	struct review r = { .card_id = id, .time = 7000, .rating = RATING_EASY, .state = STATE_NEW };
	struct review *log;
	struct card c;
	char *msg = NULL;
	size_t n;

	r.before.state = STATE_NEW;
	r.before.due = 1000;
	cr_assert_eq(store_begin(st, NULL), 0);
	cr_assert_eq(store_review_insert(st, &r, NULL), 0);
	cr_assert_eq(store_commit(st, NULL), 0);
	cr_assert_gt(r.id, 0);
	cr_assert_eq(store_card_reviews(st, id, &log, &n, NULL), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(log[0].time, 7000);
	cr_assert_eq(log[0].rating, RATING_EASY);
	cr_assert_eq(log[0].before.due, 1000);
	free(log);
	cr_assert_eq(store_card_get(st, id, &c, NULL), 0);
	cr_assert_eq(c.s.state, STATE_NEW);
	cr_assert_eq(c.s.reps, 0);
	card_clear(&c);
	/* The same card and time twice is refused. */
	cr_assert_eq(store_review_insert(st, &r, &msg), -1);
	cr_assert_not_null(msg);
	free(msg);
}

Test(store, check_clean_collection)
{
	char **p;
	size_t n;

	add_card("a", "D", "Q");
	cr_assert_eq(store_check(st, &p, &n, NULL), 0);
	cr_assert_eq(n, 0);
	free(p);
}

/* The problems store_check finds, joined by newlines; the caller frees. */
static char *
check_text(void)
{
	char **p, *all = xstrdup("");
	size_t n;

	cr_assert_eq(store_check(st, &p, &n, NULL), 0);
	for (size_t i = 0; i < n; i++) {
		char *next = xasprintf("%s%s\n", all, p[i]);

		free(all);
		free(p[i]);
		all = next;
	}
	free(p);
	return all;
}

/* A review card as an import of export --state gives it. */
static struct sched
imported_sched(void)
{
	return (struct sched){ .state = STATE_REVIEW, .due = 2000000000000, .last_review = 1990000000000, .stability = 50, .difficulty = 5, .scheduled_days = 50, .reps = 10, .lapses = 2 };
}

/* check holds every card to card_sched_valid: a stability out of the
 * scheduler's range is a problem, named by its card. */
Test(store, check_uses_the_card_rules)
{
	int64_t id = add_card("far", "D", "Q");
	struct sched s = imported_sched();
	char *text, *why;

	s.stability = 1e300;
	cr_expect_not(card_sched_valid(&s, &why));
	cr_expect_not_null(why);
	free(why);
	cr_assert_eq(store_card_set_sched(st, id, &s, NULL), 0);
	text = check_text();
	cr_expect(strstr(text, "1 cards with impossible scheduling values "
			       "(card \"far\": stability") != NULL,
	    "%s", text);
	free(text);
}

/* A card imported with its schedule and answered once: its repetitions
 * count the imported history too. */
Test(store, check_counts_an_imported_history)
{
	int64_t id = add_card("s", "D", "Q");
	struct sched before = imported_sched(), after = before;
	struct review r = { .card_id = id, .time = 2000000000000, .rating = RATING_GOOD, .state = STATE_REVIEW };
	char *text;

	cr_assert(card_sched_valid(&before, NULL));
	r.before = before;
	after.reps = 11;
	after.last_review = r.time;
	after.due = r.time + 60 * MS_PER_DAY;
	cr_assert_eq(store_review_insert(st, &r, NULL), 0);
	cr_assert_eq(store_card_set_sched(st, id, &after, NULL), 0);
	text = check_text();
	cr_expect_str_empty(text);
	free(text);
	after.reps = 12;
	cr_assert_eq(store_card_set_sched(st, id, &after, NULL), 0);
	text = check_text();
	cr_expect(strstr(text, "repetition count differs") != NULL, "%s", text);
	free(text);
}

/* ---- files ---- */

static char dir[32];

static void
mkdir_setup(void)
{
	fixture_tmpdir(dir, sizeof(dir));
}

static void
rmdir_teardown(void)
{
	fixture_tmpdir_remove(dir);
}

static char *
path_in(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void
raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;

	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* The value of a PRAGMA read straight from the file. */
static char *
raw_pragma(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	char *v = NULL;

	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return v;
}

TestSuite(store_file, .init = mkdir_setup, .fini = rmdir_teardown);

Test(store_file, created_private_and_reopened)
{
	char *p = path_in("c.db"), *msg = NULL;
	struct store *s;
	struct stat sb;

	cr_assert_eq(store_open(p, &s, &msg), 0, "%s", msg ? msg : "");
	store_close(s);
	cr_assert_eq(stat(p, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);
	cr_assert_eq(store_open(p, &s, &msg), 0);
	store_close(s);
	free(p);
}

Test(store_file, newer_schema_refused_untouched)
{
	char *p = path_in("new.db"), *msg = NULL;
	struct store *s;
	struct stat before, after;

	raw_exec(p, "PRAGMA application_id = 1919447667; PRAGMA user_version = 99;"
		    " CREATE TABLE future (x);");
	cr_assert_eq(stat(p, &before), 0);
	cr_assert_eq(store_open(p, &s, &msg), -1);
	cr_assert_null(s);
	cr_assert(strstr(msg, "newer rehearse") != NULL, "%s", msg);
	free(msg);
	cr_assert_eq(stat(p, &after), 0);
	cr_assert_eq(before.st_size, after.st_size);
	cr_assert_eq(before.st_mtime, after.st_mtime);
	free(p);
}

Test(store_file, foreign_database_refused)
{
	char *p = path_in("other.db"), *msg = NULL;
	struct store *s;

	raw_exec(p, "CREATE TABLE mine (x); INSERT INTO mine VALUES (1);");
	cr_assert_eq(store_open(p, &s, &msg), -1);
	cr_assert(strstr(msg, "not a rehearse collection") != NULL, "%s", msg);
	free(msg);
	free(p);
}

Test(store_file, garbage_file_refused)
{
	char *p = path_in("junk.db"), *msg = NULL;
	struct store *s;
	FILE *f = fopen(p, "w");

	fputs("this is not a database, just some text that is long enough"
	      " to fill a header and then some more bytes for good measure\n",
	    f);
	fclose(f);
	cr_assert_eq(store_open(p, &s, &msg), -1);
	cr_assert_not_null(msg);
	free(msg);
	free(p);
}

Test(store_file, check_finds_broken_invariants)
{
	char *p = path_in("bad.db"), *msg = NULL;
	struct store *s;
	char **probs;
	size_t n;

	cr_assert_eq(store_open(p, &s, &msg), 0);
	cr_assert_eq(store_deck_id(s, "D", true, &(int64_t){ 0 }, NULL), 0);
	store_close(s);
	raw_exec(p, "INSERT INTO cards (ext_id, deck_id, question, answer, tips,"
		    " tags, created, modified, state, due, last_review, stability,"
		    " difficulty, scheduled_days, learning_step, reps, lapses)"
		    " VALUES ('x', 1, 'Q', '', '', '', 1, 1, 2, 1, 0, 0, 0, 0, 0, 0, 0)");
	cr_assert_eq(store_open(p, &s, &msg), 0);
	cr_assert_eq(store_check(s, &probs, &n, &msg), 0);
	cr_assert_geq(n, 1);
	for (size_t i = 0; i < n; i++)
		free(probs[i]);
	free(probs);
	store_close(s);
	free(p);
}

/* A card or an answer beyond what an import reads (written before the
 * bounds held everywhere) is a problem: its export would not import. */
Test(store_file, check_finds_what_an_import_would_refuse)
{
	static const struct {
		const char *sql, *problem;
	} bad[] = {
		{ "UPDATE cards SET answer = hex(zeroblob(524289))",
		    "1 cards with more text or tags than an import reads" },
		{ "UPDATE cards SET tags = 't' || replace(hex(zeroblob(1000)),"
		  " '00', ' t')",
		    "1 cards with more text or tags than an import reads" },
		{ "UPDATE reviews SET duration = 2147483648",
		    "1 answers lasting more than an import reads" },
	};
	struct card c = { .ext_id = "x",
		.question = "Q",
		.answer = "",
		.tips = "",
		.tags = "" };
	struct review r = { .time = 1795424400000, .rating = RATING_GOOD };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *p = path_in("limits.db"), *msg = NULL;
		struct store *s;
		char **probs;
		size_t n;

		unlink(p);
		cr_assert_eq(store_open(p, &s, &msg), 0);
		cr_assert_eq(store_deck_id(s, "D", true, &c.deck_id, NULL), 0);
		cr_assert_eq(store_card_insert(s, &c, 1, &msg), 0);
		r.card_id = c.id;
		c.s = (struct sched){ .state = STATE_LEARNING,
			.due = r.time + 60000,
			.last_review = r.time,
			.stability = 1,
			.difficulty = 5,
			.reps = 1 };
		cr_assert_eq(store_answer(s, &r, &c.s, &msg), 0);
		c.s = (struct sched){ 0 };
		store_close(s);
		raw_exec(p, bad[i].sql);
		cr_assert_eq(store_open(p, &s, &msg), 0);
		cr_assert_eq(store_check(s, &probs, &n, &msg), 0);
		cr_assert_eq(n, 1, "%s: %zu problems", bad[i].sql, n);
		cr_expect(strstr(probs[0], bad[i].problem) != NULL, "%s",
		    probs[0]);
		free(probs[0]);
		free(probs);
		store_close(s);
		unlink(p);
		free(p);
	}
}

Test(store_file, check_finds_slots_that_differ_from_the_log)
{
	char *p = path_in("slots.db"), *msg = NULL;
	struct store *s;
	struct card c = { .ext_id = "x", .question = "Q", .answer = "", .tips = "", .tags = "" };
	struct review r = { .time = 1795424400000, .rating = RATING_GOOD };
	char **probs;
	size_t n;

	cr_assert_eq(store_open(p, &s, &msg), 0);
	cr_assert_eq(store_deck_id(s, "D", true, &c.deck_id, NULL), 0);
	cr_assert_eq(store_card_insert(s, &c, 1, &msg), 0);
	r.card_id = c.id;
	c.s = (struct sched){ .state = STATE_LEARNING, .due = r.time + 60000, .last_review = r.time, .stability = 1, .difficulty = 5, .reps = 1 };
	cr_assert_eq(store_answer(s, &r, &c.s, &msg), 0);
	cr_assert_eq(store_check(s, &probs, &n, &msg), 0);
	cr_expect_eq(n, 0, "%s", n > 0 ? probs[0] : "");
	free(probs);
	store_close(s);
	raw_exec(p, "UPDATE review_slots SET l3 = l3 + 1");
	cr_assert_eq(store_open(p, &s, &msg), 0);
	cr_assert_eq(store_check(s, &probs, &n, &msg), 0);
	cr_assert_eq(n, 1);
	cr_expect(strstr(probs[0], "1 statistics slots") != NULL, "%s", probs[0]);
	free(probs[0]);
	free(probs);
	store_close(s);
	free(p);
}

/* The one integer sql gives in the collection at path. */
static int64_t
raw_count(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	int64_t n;

	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);
	n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return n;
}

/* A collection of two decks, a card in each answered twice, closed. */
static void
two_decks_answered(const char *p)
{
	struct store *s;
	char *msg = NULL;

	cr_assert_eq(store_open(p, &s, &msg), 0);
	for (int i = 0; i < 2; i++) {
		struct card c = { .ext_id = i == 0 ? "x" : "y", .question = "Q", .answer = "", .tips = "", .tags = "" };

		cr_assert_eq(store_deck_id(s, i == 0 ? "D" : "E", true, &c.deck_id, NULL), 0);
		cr_assert_eq(store_card_insert(s, &c, 1, &msg), 0);
		for (int k = 0; k < 2; k++) {
			struct review r = { .card_id = c.id, .time = 1795424400000 + k * 3600000, .rating = RATING_GOOD };

			c.s = (struct sched){ .state = STATE_LEARNING, .due = r.time + 60000, .last_review = r.time, .stability = 1, .difficulty = 5, .reps = k + 1 };
			cr_assert_eq(store_answer(s, &r, &c.s, &msg), 0);
		}
	}
	store_close(s);
}

/* The problems store_check finds in p, as one line each, "" for none. */
static char *
problems_of(const char *p)
{
	struct store *s;
	struct strbuf out = { 0 };
	char **probs, *msg = NULL;
	size_t n;

	cr_assert_eq(store_open(p, &s, &msg), 0);
	cr_assert_eq(store_check(s, &probs, &n, &msg), 0);
	for (size_t i = 0; i < n; i++) {
		strbuf_addf(&out, "%s\n", probs[i]);
		free(probs[i]);
	}
	free(probs);
	store_close(s);
	return xstrdup(strbuf_str(&out));
}

Test(store_file, check_finds_deck_slots_that_differ_from_the_log)
{
	char *p = path_in("deck-slots.db"), *probs;

	two_decks_answered(p);
	probs = problems_of(p);
	cr_expect_str_eq(probs, "");
	free(probs);
	raw_exec(p, "UPDATE review_deck_slots SET y2 = y2 + 1 WHERE deck_id = 2"
		    " AND slot = (SELECT min(slot) FROM review_deck_slots)");
	probs = problems_of(p);
	cr_expect_str_eq(probs, "1 statistics slots of a deck whose answers"
				" differ from the review log\n");
	free(probs);
	free(p);
}

/* The deck slots that differ from the log once sql has changed
 * review_deck_slots of two_decks_answered's collection (two decks, two
 * slots each). */
static long
deck_slots_differing(const char *sql)
{
	char *p = path_in("deck-slots-differ.db"), *probs, *line;
	long n = 0;

	unlink(p);
	two_decks_answered(p);
	raw_exec(p, sql);
	probs = problems_of(p);
	line = strstr(probs, " statistics slots of a deck");
	while (line != NULL && line > probs && line[-1] != '\n')
		line--;
	if (line != NULL)
		n = strtol(line, NULL, 10);
	cr_expect(strstr(probs, "(quarters") == NULL, "%s", probs);
	free(probs);
	unlink(p);
	free(p);
	return n;
}

Test(store_file, check_counts_each_deck_slot_that_differs_once)
{
	cr_expect_eq(deck_slots_differing("SELECT 1"), 0);
	cr_expect_eq(deck_slots_differing("INSERT INTO review_deck_slots VALUES"
					  " (9, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)"),
	    0, "a slot of zeros is no slot");
	cr_expect_eq(deck_slots_differing("INSERT INTO review_deck_slots VALUES"
					  " (1, 5, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);"
					  "INSERT INTO review_deck_slots VALUES"
					  " (9, 5, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);"
					  "INSERT INTO review_deck_slots VALUES"
					  " (2, 9999999999, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)"),
	    3, "slots before and after every answer, of a deck that is not");
	cr_expect_eq(deck_slots_differing("DELETE FROM review_deck_slots WHERE"
					  " deck_id = 1 AND slot = (SELECT max(slot)"
					  " FROM review_deck_slots)"),
	    1, "a slot missing");
	cr_expect_eq(deck_slots_differing("UPDATE review_deck_slots SET slot ="
					  " slot + 1 WHERE deck_id = 2"),
	    4, "a deck's answers a slot later");
	cr_expect_eq(deck_slots_differing("UPDATE review_deck_slots SET m1 = 1"),
	    4, "every slot changed");
	cr_expect_eq(deck_slots_differing("DELETE FROM review_deck_slots"), 4);
}

/* Whoever writes the log or the cards, in SQL of their own: the counts per
 * deck follow an answer changed (its time, rating, state or card), a card
 * moved or given another id, and a deck deleted leaves none behind. */
Test(store_file, deck_slots_follow_any_change_to_the_log_and_cards)
{
	char *p = path_in("deck-slots-raw.db"), *probs;

	two_decks_answered(p);
	raw_exec(p, "UPDATE reviews SET time = time + 86400000, rating = 1,"
		    " state = 2, prev_scheduled_days = 30 WHERE id = 1;"
		    "UPDATE reviews SET card_id = 1 WHERE id = 3;"
		    "UPDATE cards SET deck_id = 2 WHERE id = 1;"
		    "UPDATE cards SET id = 7 WHERE id = 2;"
		    "INSERT INTO reviews (card_id, time, rating, state, duration,"
		    " prev_state, prev_due, prev_last_review, prev_stability,"
		    " prev_difficulty, prev_scheduled_days, prev_learning_step,"
		    " prev_reps, prev_lapses) VALUES (2, 1795424400000, 3, 1, 0, 1,"
		    " 0, 0, 0, 0, 0, 0, 0, 0);"
		    "UPDATE cards SET id = 2 WHERE id = 7;");
	probs = problems_of(p);
	cr_expect(strstr(probs, "statistics slots") == NULL, "%s", probs);
	free(probs);
	raw_exec(p, "DELETE FROM cards; DELETE FROM decks;");
	cr_expect_eq(raw_count(p, "SELECT count(*) FROM review_deck_slots"), 0);
	free(p);
}

/* The count of slots that differ from the log, after raw changes to
 * review_slots: sql changes the table of a collection whose answers fall
 * in three slots (the first, a slot of zeros stands for none). */
static size_t
slots_differing(const char *sql)
{
	char *p = path_in("slots.db"), *msg = NULL, **probs;
	struct store *s;
	struct card c = { .ext_id = "x", .question = "Q", .answer = "", .tips = "", .tags = "" };
	size_t n, differ = 0;

	unlink(p);
	cr_assert_eq(store_open(p, &s, &msg), 0);
	cr_assert_eq(store_deck_id(s, "D", true, &c.deck_id, NULL), 0);
	cr_assert_eq(store_card_insert(s, &c, 1, &msg), 0);
	for (int i = 0; i < 3; i++) {
		struct review r = { .card_id = c.id,
			.time = 1795424400000 + (int64_t)i * 86400000,
			.rating = RATING_GOOD };

		c.s = (struct sched){ .state = STATE_REVIEW, .due = r.time + 86400000, .last_review = r.time, .stability = 1, .difficulty = 5, .reps = i + 1, .scheduled_days = 1 };
		cr_assert_eq(store_answer(s, &r, &c.s, &msg), 0);
	}
	store_close(s);
	raw_exec(p, sql);
	cr_assert_eq(store_open(p, &s, &msg), 0);
	cr_assert_eq(store_check(s, &probs, &n, &msg), 0);
	for (size_t i = 0; i < n; i++) {
		if (strstr(probs[i], "statistics slots") != NULL)
			differ = strtoul(probs[i], NULL, 10);
		free(probs[i]);
	}
	free(probs);
	store_close(s);
	unlink(p);
	free(p);
	return differ;
}

Test(store_file, check_counts_each_slot_that_differs_once)
{
	cr_expect_eq(slots_differing("SELECT 1"), 0);
	cr_expect_eq(slots_differing("INSERT INTO review_slots VALUES (5, 0, 0,"
				     " 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)"),
	    0, "a slot of zeros is no slot");
	cr_expect_eq(slots_differing("INSERT INTO review_slots VALUES (5, 0, 0,"
				     " 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);"
				     "INSERT INTO review_slots VALUES (9999999999,"
				     " 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0)"),
	    2, "slots before and after every answer");
	cr_expect_eq(slots_differing("DELETE FROM review_slots WHERE slot ="
				     " (SELECT min(slot) FROM review_slots)"),
	    1, "a slot missing");
	cr_expect_eq(slots_differing("UPDATE review_slots SET l1 = 3, m4 = 1"),
	    3, "every slot changed");
	cr_expect_eq(slots_differing("DELETE FROM review_slots"), 3);
}

Test(store_file, bulk_mode_returns_to_wal)
{
	char *p = path_in("bulk.db"), *msg = NULL, *mode;
	struct store *s;
	int64_t id;

	cr_assert_eq(store_open(p, &s, &msg), 0);
	mode = raw_pragma(p, "PRAGMA journal_mode");
	cr_assert_str_eq(mode, "wal");
	free(mode);
	store_bulk_begin(s);
	cr_assert_eq(store_begin(s, NULL), 0);
	cr_assert_eq(store_deck_id(s, "D", true, &id, NULL), 0);
	cr_assert_eq(store_commit(s, NULL), 0);
	store_bulk_end(s);
	store_close(s);
	mode = raw_pragma(p, "PRAGMA journal_mode");
	cr_assert_str_eq(mode, "wal");
	free(mode);
	cr_assert_eq(store_open(p, &s, &msg), 0);
	cr_assert_eq(store_deck_id(s, "D", false, &id, NULL), 0);
	cr_assert_gt(id, 0);
	store_close(s);
	free(p);
}

Test(store_file, bulk_mode_stays_in_wal_beside_another_connection)
{
	char *p = path_in("shared.db"), *msg = NULL, *mode;
	struct store *a, *b;
	int64_t id;

	cr_assert_eq(store_open(p, &a, &msg), 0);
	cr_assert_eq(store_open(p, &b, &msg), 0);
	store_bulk_begin(a);
	/* Both can still write, one after the other. */
	cr_assert_eq(store_deck_id(a, "A", true, &id, NULL), 0);
	cr_assert_eq(store_deck_id(b, "B", true, &id, NULL), 0);
	store_bulk_end(a);
	mode = raw_pragma(p, "PRAGMA journal_mode");
	cr_assert_str_eq(mode, "wal");
	free(mode);
	store_close(a);
	store_close(b);
	free(p);
}

/* n answers, k per card, to the cards ids[0..], as a replay writes them. */
static struct review
batch_review(const int64_t *ids, int i, int k)
{
	return (struct review){ .card_id = ids[i / k],
		.time = INT64_C(1700000000000) + i,
		.rating = (enum rating)(1 + i % 4),
		.state = (enum card_state)(i % 4),
		.duration = 1000 + i,
		.before = odd_sched(i) };
}

/* Full batches, the few left and every field of every row: what a batch
 * writes equals what store_review_insert and store_card_set_sched write. */
Test(store, batch_writes_what_single_rows_write)
{
	enum { NCARDS = 150,
		PER = 3 };
	struct store *one = fixture_store();
	struct store_batch *b = store_batch_new(st);
	int64_t ids[NCARDS], ids1[NCARDS];
	char ext[32];

	for (int i = 0; i < NCARDS; i++) {
		snprintf(ext, sizeof(ext), "c%d", i);
		ids[i] = add_card(ext, "D", ext);
		ids1[i] = fixture_add_card(one, &(struct fixture_card){
						    .deck = "D",
						    .ext_id = ext,
						    .question = ext });
		cr_assert_eq(ids[i], ids1[i]);
	}
	cr_assert_eq(store_begin(st, NULL), 0);
	for (int i = 0; i < NCARDS * PER; i++) {
		struct review r = batch_review(ids, i, PER), r1 = r;

		cr_assert_eq(store_batch_review(b, &r, NULL), 0);
		cr_assert_eq(store_review_insert(one, &r1, NULL), 0);
	}
	for (int i = 0; i < NCARDS; i++) {
		struct sched s = odd_sched(100 + i);

		cr_assert_eq(store_batch_sched(b, ids[i], &s, NULL), 0);
		cr_assert_eq(store_card_set_sched(one, ids[i], &s, NULL), 0);
	}
	cr_assert_eq(store_batch_flush(b, NULL), 0);
	store_batch_free(b);
	cr_assert_eq(store_commit(st, NULL), 0);
	for (int i = 0; i < NCARDS; i++) {
		struct review *got, *want;
		size_t ngot, nwant;
		struct card c, c1;

		cr_assert_eq(store_card_reviews(st, ids[i], &got, &ngot, NULL), 0);
		cr_assert_eq(store_card_reviews(one, ids[i], &want, &nwant, NULL), 0);
		cr_assert_eq(ngot, PER);
		cr_assert_eq(nwant, PER);
		for (size_t j = 0; j < ngot; j++) {
			cr_expect_eq(got[j].id, want[j].id);
			cr_expect_eq(got[j].time, want[j].time);
			cr_expect_eq(got[j].rating, want[j].rating);
			cr_expect_eq(got[j].state, want[j].state);
			cr_expect_eq(got[j].duration, want[j].duration);
			expect_sched(&got[j].before, &want[j].before);
		}
		free(got);
		free(want);
		cr_assert_eq(store_card_get(st, ids[i], &c, NULL), 0);
		cr_assert_eq(store_card_get(one, ids[i], &c1, NULL), 0);
		expect_sched(&c.s, &c1.s);
		{
			struct sched want = odd_sched(100 + i);

			expect_sched(&c.s, &want);
		}
		card_clear(&c);
		card_clear(&c1);
	}
	store_close(one);
}

/* What is still queued when the batch is freed is not written; an answer
 * twice in a full batch is refused with the error. */
Test(store, batch_queue_until_flushed)
{
	struct store_batch *b = store_batch_new(st);
	int64_t id = add_card("a", "D", "Q");
	struct review *got, r = batch_review(&id, 0, 100);
	size_t n;
	char *msg = NULL;

	cr_assert_eq(store_begin(st, NULL), 0);
	cr_assert_eq(store_batch_review(b, &r, NULL), 0);
	cr_assert_eq(store_card_reviews(st, id, &got, &n, NULL), 0);
	cr_expect_eq(n, 0, "a queued answer is not written yet");
	free(got);
	store_batch_free(b);
	cr_assert_eq(store_card_reviews(st, id, &got, &n, NULL), 0);
	cr_expect_eq(n, 0, "freeing the batch drops its queue");
	free(got);
	b = store_batch_new(st);
	for (int i = 0; i < 63; i++) {
		r = batch_review(&id, i, 100);
		cr_assert_eq(store_batch_review(b, &r, NULL), 0);
	}
	r = batch_review(&id, 5, 100);
	cr_assert_eq(store_batch_review(b, &r, &msg), -1);
	cr_assert_not_null(strstr(msg, "UNIQUE"), "%s", msg);
	free(msg);
	store_batch_free(b);
	store_rollback(st);
}
