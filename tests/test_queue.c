/*
 * test_queue.c - src/queue.c: the day boundary, the daily limits, the order
 * in which cards come, learn-ahead, buried and suspended cards, and counts
 * that agree with what a session then shows.
 *
 * Every test runs on a ":memory:" collection with TZ pinned; the clock is
 * always a parameter.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/queue.h"
#include "core/session.h"
#include "core/settings.h"
#include "core/store.h"
#include "core/timefmt.h"
#include "core/util.h"
#include "fixtures.h"

#define HOUR (60 * MS_PER_MINUTE)

static struct store *st;
static struct settings set;

static void
setup(void)
{
	fixture_tz("UTC");
	st = fixture_store();
	settings_default(&set);
}

static void
teardown(void)
{
	store_close(st);
	st = NULL;
}

/* 2026-11-23 10:00 UTC: a Monday morning, well inside a day. */
static int64_t NOW;

static int64_t
add(const char *deck, const char *q, enum card_state state, int64_t due)
{
	struct sched sc = { .state = state, .due = due };

	if (state != STATE_NEW) {
		/* A review card was answered days ago, a learning card today
		 * (an intraday learning card, counted apart from reviews). */
		sc.last_review = state == STATE_REVIEW
		                     ? due - 3 * MS_PER_DAY
		                     : (due < NOW ? due : NOW) - 10 * MS_PER_MINUTE;
		if (sc.last_review <= 0)
			sc.last_review = 1;
		sc.stability = 3.5;
		sc.difficulty = 5.0;
		sc.scheduled_days = state == STATE_REVIEW ? 3 : 0;
		sc.reps = 2;
		sc.lapses = state == STATE_RELEARNING;
	}
	return fixture_add_card(st, &(struct fixture_card){ .deck = deck,
					.question = q,
					.answer = "A",
					.s = sc });
}

static void
add_many(const char *deck, const char *prefix, int n, enum card_state state,
    int64_t due)
{
	for (int i = 0; i < n; i++) {
		char q[64];

		snprintf(q, sizeof(q), "%s-%s-%03d", deck, prefix, i);
		add(deck, q, state, due);
	}
}

static int64_t
deck(const char *name)
{
	int64_t id;

	cr_assert_eq(store_deck_id(st, name, false, &id, NULL), 0);
	cr_assert_neq(id, 0, "no deck %s", name);
	return id;
}

/* What a session showed, by the state of each card when it was shown. */
struct walk {
	int by_state[4];
	int total;
	int64_t ids[1024];
	enum card_state states[1024];
};

/*
 * Runs a session on deck_id at the frozen time now, giving every card the
 * rating r, until it ends or max cards were shown.  With check_counts, the
 * session's own counts are checked after every answer against what is left
 * of the first ones.
 */
static void
walk(int64_t deck_id, int64_t now, enum rating r, int max, bool check_counts,
    struct walk *w)
{
	struct session *se;
	struct queue_counts first, cur;
	const struct card *c;
	char *msg = NULL;

	memset(w, 0, sizeof(*w));
	cr_assert_eq(session_open(st, &set, deck_id, now, &se, &msg), 0, "%s",
	    msg ? msg : "");
	session_counts(se, &first);
	while ((c = session_card(se)) != NULL && w->total < max) {
		cr_assert_lt(w->total, 1024, "the session does not end");
		w->ids[w->total] = c->id;
		w->states[w->total] = c->s.state;
		w->by_state[c->s.state]++;
		w->total++;
		cr_assert_eq(session_answer(se, r, now, 1000, &msg), 0, "%s",
		    msg ? msg : "");
		if (!check_counts)
			continue;
		session_counts(se, &cur);
		cr_assert_eq(cur.new_cards, first.new_cards - w->by_state[STATE_NEW],
		    "after %d cards: %lld new left, expected %lld", w->total,
		    (long long)cur.new_cards,
		    (long long)(first.new_cards - w->by_state[STATE_NEW]));
		cr_assert_eq(cur.review, first.review - w->by_state[STATE_REVIEW],
		    "after %d cards: %lld reviews left, expected %lld", w->total,
		    (long long)cur.review,
		    (long long)(first.review - w->by_state[STATE_REVIEW]));
		cr_assert_eq(cur.learning, first.learning - w->by_state[STATE_LEARNING] - w->by_state[STATE_RELEARNING],
		    "after %d cards: %lld learning left", w->total,
		    (long long)cur.learning);
	}
	session_free(se);
}

static void
init_now(void)
{
	setup();
	NOW = fixture_utc(2026, 11, 23, 10, 0);
}

TestSuite(queue, .init = init_now, .fini = teardown);

/* ---- elapsed days (the day boundary itself: test_timefmt.c) ---- */

Test(queue, elapsed_days_utc_midnight_is_floor_difference)
{
	uint64_t x = 88172645463325252u;

	cr_assert_eq(queue_elapsed_days(fixture_utc(2026, 11, 23, 23, 59),
			 fixture_utc(2026, 11, 24, 0, 0), 0),
	    1);
	cr_assert_eq(queue_elapsed_days(fixture_utc(2026, 11, 23, 0, 0),
			 fixture_utc(2026, 11, 23, 23, 59), 0),
	    0);
	cr_assert_eq(queue_elapsed_days(0, NOW, 0), 0);
	cr_assert_eq(queue_elapsed_days(NOW, NOW, 0), 0);
	cr_assert_eq(queue_elapsed_days(NOW + 1, NOW, 0), 0);
	for (int i = 0; i < 20000; i++) {
		int64_t last, now, want;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		last = 1 + (int64_t)(x % (uint64_t)fixture_utc(2030, 1, 1, 0, 0));
		/* Gaps from a millisecond to years, often near a day. */
		now = last + 1 + (int64_t)((x >> 20) % (i % 3 == 0 ? 3 * MS_PER_DAY : i % 3 == 1 ? 1000 * MS_PER_DAY
												 : HOUR));
		want = now / MS_PER_DAY - last / MS_PER_DAY;
		cr_assert_eq(queue_elapsed_days(last, now, 0), want,
		    "last %lld now %lld: %d, expected %lld", (long long)last,
		    (long long)now, queue_elapsed_days(last, now, 0), (long long)want);
	}
}

Test(queue, elapsed_days_day_starts_at_4)
{
	/* Late evening to early next morning is the same day; to 04:00 it is
	 * the next one. */
	cr_assert_eq(queue_elapsed_days(fixture_utc(2026, 11, 23, 22, 0),
			 fixture_utc(2026, 11, 24, 3, 59), 4),
	    0);
	cr_assert_eq(queue_elapsed_days(fixture_utc(2026, 11, 23, 22, 0),
			 fixture_utc(2026, 11, 24, 4, 0), 4),
	    1);
	cr_assert_eq(queue_elapsed_days(fixture_utc(2026, 11, 23, 3, 59),
			 fixture_utc(2026, 11, 23, 4, 0), 4),
	    1);
	cr_assert_eq(queue_elapsed_days(fixture_utc(2026, 11, 1, 12, 0),
			 fixture_utc(2026, 11, 23, 12, 0), 4),
	    22);
}

Test(queue, other_zone_elapsed_days)
{
	if (!fixture_have_zone("Pacific/Auckland"))
		cr_skip_test("no /usr/share/zoneinfo/Pacific/Auckland: time zone"
			     " data not installed");
	fixture_tz("Pacific/Auckland");
	/* NZDT is UTC+13 in November: 04:00 local on the 24th is 15:00 UTC
	 * on the 23rd. */
	cr_assert_eq(timefmt_study_day_after(fixture_utc(2026, 11, 23, 16, 0), 0, 4),
	    fixture_utc(2026, 11, 23, 15, 0));
	cr_assert_eq(queue_elapsed_days(fixture_utc(2026, 11, 23, 14, 59),
			 fixture_utc(2026, 11, 23, 15, 0), 4),
	    1);
	cr_assert_eq(queue_elapsed_days(fixture_utc(2026, 11, 23, 15, 0),
			 fixture_utc(2026, 11, 24, 14, 59), 4),
	    0);
}

/*
 * The queue at the end of the valid range and past it (REHEARSE_NOW
 * 9223372036854774 seconds overflowed now + the learn-ahead limit, and a
 * time past the range made the day boundary die): defined answers.
 */
Test(queue, now_at_the_range_end)
{
	static const int64_t nows[] = { TIMEFMT_MAX_MS, TIMEFMT_MAX_MS + 1,
		INT64_MAX - 1, INT64_MAX, INT64_MIN };
	struct queue_counts *rows, total;
	int64_t l = add("D", "learning", STATE_LEARNING, TIMEFMT_MAX_MS - HOUR);
	int64_t id, due;
	size_t n;
	struct card c;

	/* Answered that day: an intraday learning card. */
	cr_assert_eq(store_card_get(st, l, &c, NULL), 0);
	c.s.last_review = TIMEFMT_MAX_MS - 2 * HOUR;
	cr_assert_eq(store_card_set_sched(st, l, &c.s, NULL), 0);
	card_clear(&c);

	add("D", "review", STATE_REVIEW, TIMEFMT_MAX_MS);
	add("D", "new", STATE_NEW, 1000);
	for (size_t i = 0; i < sizeof(nows) / sizeof(nows[0]); i++) {
		int64_t now = nows[i];

		cr_assert_eq(queue_counts(st, &set, now, &rows, &n, &total, NULL),
		    0);
		free(rows);
		cr_assert_eq(queue_next(st, &set, 0, now, 0, &id, NULL), 0);
		cr_assert_eq(queue_next_due(st, &set, 0, now, &due, NULL), 0);
		cr_expect_eq(queue_elapsed_days(TIMEFMT_MAX_MS - MS_PER_DAY, now,
				 4),
		    now > TIMEFMT_MAX_MS - MS_PER_DAY ? 1 : 0);
		if (now != INT64_MIN) {
			cr_expect_eq(total.learning, 1, "now %lld", (long long)now);
			cr_expect_eq(total.review, 1);
			cr_expect_eq(id, l);
		}
	}
}

/* ---- limits ---- */

Test(queue, default_limits_20_new_200_reviews)
{
	struct queue_counts *rows, total;
	struct walk w;
	size_t n;

	cr_assert_eq(set.new_per_day, 20);
	cr_assert_eq(set.reviews_per_day, 200);
	add_many("D", "new", 30, STATE_NEW, 1000);
	add_many("D", "rev", 250, STATE_REVIEW, NOW - MS_PER_DAY);
	cr_assert_eq(queue_counts(st, &set, NOW, &rows, &n, &total, NULL), 0);
	cr_assert_eq(n, 1);
	/* The reviews fill the review limit: no new card today. */
	cr_assert_eq(rows[0].new_cards, 0);
	cr_assert_eq(rows[0].review, 200);
	cr_assert_eq(rows[0].new_limit, QUEUE_LIMIT_COLLECTION);
	cr_assert_eq(rows[0].review_limit, QUEUE_LIMIT_COLLECTION);
	cr_assert_eq(total.new_cards, 0);
	cr_assert_eq(total.review, 200);
	free(rows);

	walk(0, NOW, RATING_EASY, 1000, true, &w);
	cr_assert_eq(w.by_state[STATE_NEW], 0);
	cr_assert_eq(w.by_state[STATE_REVIEW], 200);
	cr_assert_eq(w.total, 200);

	/* Later the same day nothing more; the next day the rest, and the
	 * new cards the review limit leaves room for. */
	walk(0, NOW + 5 * HOUR, RATING_EASY, 1000, false, &w);
	cr_assert_eq(w.total, 0);
	walk(0, timefmt_study_day_after(NOW, 1, 4), RATING_EASY, 1000, false, &w);
	cr_assert_eq(w.by_state[STATE_NEW], 20);
	cr_assert_eq(w.by_state[STATE_REVIEW], 50);
}

/* The review limit caps new cards too: 190 reviews due of 200 leave room
 * for 10 new cards, not 20. */
Test(queue, review_limit_caps_new_cards)
{
	struct queue_counts total;
	struct walk w;

	add_many("D", "new", 30, STATE_NEW, 1000);
	add_many("D", "rev", 190, STATE_REVIEW, NOW - MS_PER_DAY);
	cr_assert_eq(queue_counts_deck(st, &set, 0, NOW, &total, NULL), 0);
	cr_assert_eq(total.review, 190);
	cr_assert_eq(total.new_cards, 10);
	walk(0, NOW, RATING_EASY, 1000, true, &w);
	cr_assert_eq(w.by_state[STATE_NEW], 10);
	cr_assert_eq(w.by_state[STATE_REVIEW], 190);
	/* With the review limit reached, no new card at all. */
	set.reviews_per_day = 190;
	cr_assert_eq(queue_counts_deck(st, &set, 0, NOW, &total, NULL), 0);
	cr_assert_eq(total.new_cards, 0);
}

Test(queue, limits_are_per_collection)
{
	struct queue_counts *rows, total, one;
	struct walk w;
	size_t n;

	add_many("A", "new", 15, STATE_NEW, 1000);
	add_many("B", "new", 15, STATE_NEW, 1000);
	cr_assert_eq(queue_counts(st, &set, NOW, &rows, &n, &total, NULL), 0);
	cr_assert_eq(n, 2);
	cr_assert_eq(rows[0].new_cards, 15);
	cr_assert_eq(rows[1].new_cards, 15);
	cr_assert_eq(total.new_cards, 20);
	free(rows);

	/* Ten new cards of A today leave ten for the whole collection. */
	walk(deck("A"), NOW, RATING_EASY, 10, false, &w);
	cr_assert_eq(w.by_state[STATE_NEW], 10);
	cr_assert_eq(queue_counts(st, &set, NOW, &rows, &n, &total, NULL), 0);
	cr_assert_eq(rows[0].new_cards, 5);
	cr_assert_eq(rows[1].new_cards, 10);
	cr_assert_eq(total.new_cards, 10);
	free(rows);
	cr_assert_eq(queue_counts_deck(st, &set, deck("B"), NOW, &one, NULL), 0);
	cr_assert_eq(one.new_cards, 10);
	walk(0, NOW, RATING_EASY, 1000, true, &w);
	cr_assert_eq(w.by_state[STATE_NEW], 10);
}

Test(queue, review_limit_counts_only_today)
{
	struct queue_counts c;
	struct walk w;

	set.reviews_per_day = 5;
	add_many("D", "rev", 12, STATE_REVIEW, NOW - 2 * MS_PER_DAY);
	/* Reviews answered yesterday do not count against today. */
	walk(0, NOW - MS_PER_DAY, RATING_EASY, 1000, false, &w);
	cr_assert_eq(w.by_state[STATE_REVIEW], 5);
	cr_assert_eq(queue_counts_deck(st, &set, 0, NOW, &c, NULL), 0);
	cr_assert_eq(c.review, 5);
	walk(0, NOW, RATING_EASY, 1000, true, &w);
	cr_assert_eq(w.by_state[STATE_REVIEW], 5);
	cr_assert_eq(queue_counts_deck(st, &set, 0, NOW, &c, NULL), 0);
	cr_assert_eq(c.review, 0);
}

Test(queue, zero_limits_show_no_new_or_review)
{
	struct walk w;

	set.new_per_day = 0;
	set.reviews_per_day = 0;
	add_many("D", "new", 3, STATE_NEW, 1000);
	add_many("D", "rev", 3, STATE_REVIEW, NOW - MS_PER_DAY);
	add("D", "learning", STATE_LEARNING, NOW - MS_PER_MINUTE);
	walk(0, NOW, RATING_EASY, 1000, true, &w);
	cr_assert_eq(w.total, 1);
	cr_assert_eq(w.by_state[STATE_LEARNING], 1);
}

/* ---- order ---- */

Test(queue, due_learning_cards_come_first)
{
	int64_t l1, l2;
	struct walk w;

	add_many("D", "rev", 4, STATE_REVIEW, NOW - MS_PER_DAY);
	add_many("D", "new", 2, STATE_NEW, 1000);
	l2 = add("D", "relearning", STATE_RELEARNING, NOW - MS_PER_MINUTE);
	l1 = add("D", "learning", STATE_LEARNING, NOW - 5 * MS_PER_MINUTE);
	walk(0, NOW, RATING_EASY, 1000, true, &w);
	cr_assert_eq(w.total, 8);
	cr_assert_eq(w.ids[0], l1);
	cr_assert_eq(w.ids[1], l2);
	for (int i = 2; i < w.total; i++)
		cr_assert(w.states[i] == STATE_NEW || w.states[i] == STATE_REVIEW);
}

Test(queue, learning_card_due_mid_session_comes_before_reviews)
{
	struct session *se;
	int64_t l;
	char *msg = NULL;

	add_many("D", "rev", 4, STATE_REVIEW, NOW - MS_PER_DAY);
	l = add("D", "learning", STATE_LEARNING, NOW + 5 * MS_PER_MINUTE);
	cr_assert_eq(session_open(st, &set, 0, NOW, &se, &msg), 0);
	cr_assert_eq(session_card(se)->s.state, STATE_REVIEW);
	cr_assert_eq(session_answer(se, RATING_EASY, NOW, 0, &msg), 0);
	/* Six minutes later the learning card is due and jumps the queue. */
	cr_assert_eq(session_answer(se, RATING_EASY, NOW + 6 * MS_PER_MINUTE, 0,
			 &msg),
	    0);
	cr_assert_eq(session_card(se)->id, l);
	session_free(se);
}

/* The runs of reviews before, between and after the new cards. */
static void
check_spread(const struct walk *w, int reviews, int news)
{
	int run = 0, max_run = 0, first_run = -1, seen_new = 0;
	int even = reviews / (news + 1);
	char seq[1100];

	for (int i = 0; i < w->total; i++)
		seq[i] = w->states[i] == STATE_NEW ? 'N' : 'R';
	seq[w->total] = '\0';
	cr_assert_eq(w->by_state[STATE_NEW], news, "%s", seq);
	cr_assert_eq(w->by_state[STATE_REVIEW], reviews, "%s", seq);
	for (int i = 0; i < w->total; i++) {
		if (w->states[i] != STATE_NEW) {
			run++;
			continue;
		}
		if (first_run < 0)
			first_run = run;
		if (seen_new++ > 0)
			cr_assert_geq(run, even, "new cards bunched: %s", seq);
		if (run > max_run)
			max_run = run;
		run = 0;
	}
	/* As many reviews after the last new card as between two. */
	cr_assert_leq(run, even + 1, "new cards too early: %s", seq);
	if (run > max_run)
		max_run = run;
	/* Evenly: no stretch of reviews much longer than reviews / news. */
	cr_assert_leq(max_run, (reviews + news - 1) / news + 1,
	    "new cards not spread evenly: %s", seq);
	cr_assert_leq(first_run, (reviews + news - 1) / news, "%s", seq);
}

Test(queue, new_cards_spread_evenly_among_reviews)
{
	struct walk w;

	add_many("D", "rev", 12, STATE_REVIEW, NOW - MS_PER_DAY);
	add_many("D", "new", 4, STATE_NEW, 1000);
	walk(0, NOW, RATING_EASY, 1000, true, &w);
	check_spread(&w, 12, 4);
}

Test(queue, new_cards_spread_evenly_defaults)
{
	struct walk w;

	add_many("D", "rev", 180, STATE_REVIEW, NOW - MS_PER_DAY);
	add_many("D", "new", 25, STATE_NEW, 1000);
	walk(0, NOW, RATING_EASY, 1000, true, &w);
	check_spread(&w, 180, 20);
}

Test(queue, new_cards_spread_after_learning_cards)
{
	struct walk w, tail;

	add_many("D", "learn", 3, STATE_LEARNING, NOW - HOUR);
	add_many("D", "rev", 10, STATE_REVIEW, NOW - MS_PER_DAY);
	add_many("D", "new", 5, STATE_NEW, 1000);
	walk(0, NOW, RATING_EASY, 1000, true, &w);
	cr_assert_eq(w.total, 18);
	memset(&tail, 0, sizeof(tail));
	for (int i = 0; i < 3; i++)
		cr_assert_eq(w.states[i], STATE_LEARNING);
	for (int i = 3; i < w.total; i++) {
		tail.states[tail.total++] = w.states[i];
		tail.by_state[w.states[i]]++;
	}
	check_spread(&tail, 10, 5);
}

Test(queue, more_new_than_reviews)
{
	struct walk w;

	add_many("D", "rev", 2, STATE_REVIEW, NOW - MS_PER_DAY);
	add_many("D", "new", 6, STATE_NEW, 1000);
	walk(0, NOW, RATING_EASY, 1000, true, &w);
	cr_assert_eq(w.by_state[STATE_NEW], 6);
	cr_assert_eq(w.by_state[STATE_REVIEW], 2);
}

Test(queue, reviews_by_due_then_new_in_added_order)
{
	int64_t r_late, r_early, n1, n2;
	struct walk w;

	set.new_per_day = 2;
	n1 = add("D", "n1", STATE_NEW, 5000);
	r_late = add("D", "late", STATE_REVIEW, NOW - HOUR);
	r_early = add("D", "early", STATE_REVIEW, NOW - 3 * MS_PER_DAY);
	n2 = add("D", "n2", STATE_NEW, 1000);
	walk(0, NOW, RATING_EASY, 1000, true, &w);
	cr_assert_eq(w.total, 4);
	{
		int pe = -1, pl = -1, p1 = -1, p2 = -1;

		for (int i = 0; i < 4; i++) {
			pe = w.ids[i] == r_early ? i : pe;
			pl = w.ids[i] == r_late ? i : pl;
			p1 = w.ids[i] == n1 ? i : p1;
			p2 = w.ids[i] == n2 ? i : p2;
		}
		cr_assert_lt(pe, pl, "the most overdue review first");
		cr_assert_lt(p1, p2, "new cards in the order they were added");
	}
}

Test(queue, review_due_tomorrow_not_today)
{
	int64_t next;

	add("D", "tomorrow", STATE_REVIEW, timefmt_study_day_after(NOW, 1, 4));
	add("D", "tonight", STATE_REVIEW, timefmt_study_day_after(NOW, 1, 4) - 1);
	cr_assert_eq(queue_next(st, &set, 0, NOW, 0, &next, NULL), 0);
	cr_assert_eq(next, 2, "a review due before the day ends is due today");
	{
		struct walk w;

		walk(0, NOW, RATING_EASY, 1000, true, &w);
		cr_assert_eq(w.total, 1);
		walk(0, timefmt_study_day_after(NOW, 1, 4), RATING_EASY, 1000, true, &w);
		cr_assert_eq(w.total, 1);
	}
}

/* ---- learn-ahead ---- */

Test(queue, learn_ahead_when_nothing_else_left)
{
	int64_t soon, later, id;

	soon = add("D", "soon", STATE_LEARNING, NOW + 15 * MS_PER_MINUTE);
	later = add("D", "later", STATE_LEARNING, NOW + 25 * MS_PER_MINUTE);
	cr_assert_eq(queue_next(st, &set, 0, NOW, 0, &id, NULL), 0);
	cr_assert_eq(id, soon);
	cr_assert_eq(queue_next(st, &set, deck("D"), NOW, 0, &id, NULL), 0);
	cr_assert_eq(id, soon);
	/* 20 minutes exactly is still within the limit. */
	cr_assert_eq(queue_next(st, &set, 0, NOW + 5 * MS_PER_MINUTE, 0, &id, NULL), 0);
	cr_assert_eq(id, soon);
	cr_assert_eq(store_card_set_suspended(st, soon, true, NULL), 0);
	cr_assert_eq(queue_next(st, &set, 0, NOW, 0, &id, NULL), 0);
	cr_assert_eq(id, 0, "a card due in 25 minutes waits");
	cr_assert_eq(queue_next(st, &set, 0, NOW + 5 * MS_PER_MINUTE, 0, &id, NULL), 0);
	cr_assert_eq(id, later);
}

Test(queue, learn_ahead_only_after_reviews_and_new)
{
	int64_t soon, id;
	struct walk w;

	soon = add("D", "soon", STATE_LEARNING, NOW + 10 * MS_PER_MINUTE);
	add_many("D", "rev", 3, STATE_REVIEW, NOW - MS_PER_DAY);
	add_many("D", "new", 2, STATE_NEW, 1000);
	cr_assert_eq(queue_next(st, &set, 0, NOW, 0, &id, NULL), 0);
	cr_assert_neq(id, soon);
	walk(0, NOW, RATING_EASY, 1000, true, &w);
	cr_assert_eq(w.total, 6);
	cr_assert_eq(w.ids[5], soon, "the learning card due soon comes last");
}

Test(queue, learn_ahead_good_brings_new_card_back)
{
	struct walk w;

	/* Good on a new card: 10 minutes, inside learn-ahead, so a session
	 * at a frozen clock shows it again, then Good makes it a review. */
	add("D", "only", STATE_NEW, 1000);
	walk(0, NOW, RATING_GOOD, 1000, false, &w);
	cr_assert_eq(w.total, 2);
	cr_assert_eq(w.states[0], STATE_NEW);
	cr_assert_eq(w.states[1], STATE_LEARNING);
	cr_assert_eq(w.ids[0], w.ids[1]);
}

/* ---- buried and suspended ---- */

Test(queue, buried_card_back_at_day_boundary)
{
	int64_t a, id, end = timefmt_study_day_after(NOW, 1, 4);
	struct queue_counts c;

	a = add("D", "a", STATE_REVIEW, NOW - MS_PER_DAY);
	cr_assert_eq(store_card_set_buried(st, a, end, NULL), 0);
	cr_assert_eq(queue_next(st, &set, 0, NOW, 0, &id, NULL), 0);
	cr_assert_eq(id, 0);
	cr_assert_eq(queue_counts_deck(st, &set, 0, NOW, &c, NULL), 0);
	cr_assert_eq(c.review, 0);
	cr_assert_eq(queue_next(st, &set, 0, end - 1, 0, &id, NULL), 0);
	cr_assert_eq(id, 0);
	cr_assert_eq(queue_next(st, &set, 0, end, 0, &id, NULL), 0);
	cr_assert_eq(id, a);
	cr_assert_eq(queue_counts_deck(st, &set, 0, end, &c, NULL), 0);
	cr_assert_eq(c.review, 1);
}

Test(queue, buried_new_and_learning_cards_too)
{
	int64_t n, l, id, end = timefmt_study_day_after(NOW, 1, 4);
	struct queue_counts c;

	n = add("D", "n", STATE_NEW, 1000);
	l = add("D", "l", STATE_LEARNING, NOW - MS_PER_MINUTE);
	cr_assert_eq(store_card_set_buried(st, n, end, NULL), 0);
	cr_assert_eq(store_card_set_buried(st, l, end, NULL), 0);
	cr_assert_eq(queue_next(st, &set, 0, NOW, 0, &id, NULL), 0);
	cr_assert_eq(id, 0);
	cr_assert_eq(queue_counts_deck(st, &set, 0, NOW, &c, NULL), 0);
	cr_assert_eq(c.new_cards + c.learning + c.review, 0);
	cr_assert_eq(queue_next(st, &set, 0, end, 0, &id, NULL), 0);
	cr_assert_eq(id, l);
	/* The next day the learning card, answered the day before, is an
	 * interday learning card: counted with the reviews. */
	cr_assert_eq(queue_counts_deck(st, &set, 0, end, &c, NULL), 0);
	cr_assert_eq(c.new_cards, 1);
	cr_assert_eq(c.learning, 0);
	cr_assert_eq(c.review, 1);
}

Test(queue, suspended_never)
{
	int64_t a, b, id;
	struct queue_counts c;

	a = add("D", "a", STATE_REVIEW, NOW - MS_PER_DAY);
	b = add("D", "b", STATE_NEW, 1000);
	cr_assert_eq(store_card_set_suspended(st, a, true, NULL), 0);
	cr_assert_eq(store_card_set_suspended(st, b, true, NULL), 0);
	for (int64_t t = NOW; t < NOW + 400 * MS_PER_DAY; t += 37 * MS_PER_DAY) {
		cr_assert_eq(queue_next(st, &set, 0, t, 0, &id, NULL), 0);
		cr_assert_eq(id, 0);
		cr_assert_eq(queue_counts_deck(st, &set, 0, t, &c, NULL), 0);
		cr_assert_eq(c.new_cards + c.learning + c.review, 0);
	}
	cr_assert_eq(store_card_set_suspended(st, a, false, NULL), 0);
	cr_assert_eq(queue_next(st, &set, 0, NOW, 0, &id, NULL), 0);
	cr_assert_eq(id, a);
}

/* ---- counts agree with sessions ---- */

/*
 * Deck A: 12 new, 5 reviews due, a learning card due, one due in ten
 * minutes (learn-ahead), one in half an hour (not today's business yet),
 * a review due tomorrow, a suspended review and a buried new card.
 * Deck B: 15 new, 3 reviews, a relearning card due.
 */
static void
two_decks(void)
{
	int64_t x;

	init_now();
	add_many("A", "new", 12, STATE_NEW, 1000);
	add_many("A", "rev", 5, STATE_REVIEW, NOW - 2 * MS_PER_DAY);
	add("A", "A-learn-due", STATE_LEARNING, NOW - MS_PER_MINUTE);
	add("A", "A-learn-soon", STATE_LEARNING, NOW + 10 * MS_PER_MINUTE);
	add("A", "A-learn-later", STATE_LEARNING, NOW + 30 * MS_PER_MINUTE);
	add("A", "A-rev-tomorrow", STATE_REVIEW, timefmt_study_day_after(NOW, 1, 4) + HOUR);
	x = add("A", "A-rev-suspended", STATE_REVIEW, NOW - MS_PER_DAY);
	cr_assert_eq(store_card_set_suspended(st, x, true, NULL), 0);
	x = add("A", "A-new-buried", STATE_NEW, 1000);
	cr_assert_eq(store_card_set_buried(st, x, timefmt_study_day_after(NOW, 1, 4), NULL), 0);
	add_many("B", "new", 15, STATE_NEW, 1000);
	add_many("B", "rev", 3, STATE_REVIEW, NOW - MS_PER_DAY);
	add("B", "B-relearn", STATE_RELEARNING, NOW - 2 * MS_PER_MINUTE);
	/* An empty deck has no row. */
	cr_assert_eq(store_deck_id(st, "C", true, &x, NULL), 0);
}

TestSuite(counts, .init = two_decks, .fini = teardown);

static void
expect_counts(const struct queue_counts *q, int64_t n, int64_t l, int64_t r)
{
	cr_assert_eq(q->new_cards, n, "new %lld, expected %lld",
	    (long long)q->new_cards, (long long)n);
	cr_assert_eq(q->learning, l, "learning %lld, expected %lld",
	    (long long)q->learning, (long long)l);
	cr_assert_eq(q->review, r, "review %lld, expected %lld",
	    (long long)q->review, (long long)r);
}

static void
expect_walk(const struct walk *w, const struct queue_counts *q)
{
	cr_assert_eq(w->by_state[STATE_NEW], q->new_cards, "new shown %d, counted %lld",
	    w->by_state[STATE_NEW], (long long)q->new_cards);
	cr_assert_eq(w->by_state[STATE_LEARNING] + w->by_state[STATE_RELEARNING],
	    q->learning, "learning shown %d, counted %lld",
	    w->by_state[STATE_LEARNING] + w->by_state[STATE_RELEARNING],
	    (long long)q->learning);
	cr_assert_eq(w->by_state[STATE_REVIEW], q->review, "reviews shown %d,"
							   " counted %lld",
	    w->by_state[STATE_REVIEW], (long long)q->review);
}

Test(counts, per_deck_and_total)
{
	struct queue_counts *rows, total;
	size_t n;

	cr_assert_eq(queue_counts(st, &set, NOW, &rows, &n, &total, NULL), 0);
	cr_assert_eq(n, 2);
	cr_assert_eq(rows[0].deck_id, deck("A"));
	expect_counts(&rows[0], 12, 2, 5);
	cr_assert_eq(rows[1].deck_id, deck("B"));
	expect_counts(&rows[1], 15, 1, 3);
	cr_assert_eq(total.deck_id, 0);
	expect_counts(&total, 20, 3, 8);
	free(rows);
}

Test(counts, all_decks_session_shows_the_total)
{
	struct queue_counts *rows, total;
	struct walk w;
	size_t n;

	cr_assert_eq(queue_counts(st, &set, NOW, &rows, &n, &total, NULL), 0);
	free(rows);
	walk(0, NOW, RATING_EASY, 1000, true, &w);
	expect_walk(&w, &total);
}

Test(counts, deck_a_session_shows_its_row)
{
	struct queue_counts *rows, total, one;
	struct walk w;
	size_t n;

	cr_assert_eq(queue_counts(st, &set, NOW, &rows, &n, &total, NULL), 0);
	cr_assert_eq(queue_counts_deck(st, &set, deck("A"), NOW, &one, NULL), 0);
	expect_counts(&one, rows[0].new_cards, rows[0].learning, rows[0].review);
	walk(deck("A"), NOW, RATING_EASY, 1000, true, &w);
	expect_walk(&w, &rows[0]);
	free(rows);
	/* What A used of the new limit is gone for B. */
	cr_assert_eq(queue_counts_deck(st, &set, deck("B"), NOW, &one, NULL), 0);
	expect_counts(&one, 8, 1, 3);
	walk(deck("B"), NOW, RATING_EASY, 1000, true, &w);
	expect_walk(&w, &one);
}

Test(counts, deck_b_session_shows_its_row)
{
	struct queue_counts *rows, total;
	struct walk w;
	size_t n;

	cr_assert_eq(queue_counts(st, &set, NOW, &rows, &n, &total, NULL), 0);
	walk(deck("B"), NOW, RATING_EASY, 1000, true, &w);
	expect_walk(&w, &rows[1]);
	free(rows);
	cr_assert_eq(queue_counts(st, &set, NOW, &rows, &n, &total, NULL), 0);
	expect_counts(&rows[0], 5, 2, 5);
	expect_counts(&rows[1], 0, 0, 0);
	expect_counts(&total, 5, 2, 5);
	free(rows);
	walk(0, NOW, RATING_EASY, 1000, true, &w);
	expect_walk(&w, &total);
}

Test(counts, later_the_same_day_and_next_day)
{
	struct queue_counts *rows, total;
	struct walk w;
	size_t n;
	int64_t t = NOW + 25 * MS_PER_MINUTE;

	walk(0, NOW, RATING_EASY, 1000, false, &w);
	/* 25 minutes on, the learning card due at +30 is within learn-ahead. */
	cr_assert_eq(queue_counts(st, &set, t, &rows, &n, &total, NULL), 0);
	expect_counts(&total, 0, 1, 0);
	free(rows);
	walk(0, t, RATING_EASY, 1000, true, &w);
	cr_assert_eq(w.total, 1);
	/* Tomorrow: what the limit held back, the buried card, tomorrow's
	 * review. */
	t = timefmt_study_day_after(NOW, 1, 4) + 2 * HOUR;
	cr_assert_eq(queue_counts(st, &set, t, &rows, &n, &total, NULL), 0);
	expect_counts(&total, 8, 0, 1);
	free(rows);
	walk(0, t, RATING_EASY, 1000, true, &w);
	expect_walk(&w, &total);
}

/* ---- when the next card comes ---- */

Test(queue, next_due_is_the_earliest_card)
{
	int64_t due;

	cr_assert_eq(queue_next_due(st, &set, 0, NOW, &due, NULL), 0);
	cr_assert_eq(due, 0, "nothing scheduled");
	add("D", "later", STATE_REVIEW, NOW + 3 * MS_PER_DAY);
	add("D", "soon", STATE_LEARNING, NOW + HOUR);
	/* The learning card is shown the learn-ahead before its step ends. */
	cr_assert_eq(queue_next_due(st, &set, 0, NOW, &due, NULL), 0);
	cr_assert_eq(due, NOW + HOUR - QUEUE_LEARN_AHEAD);
}

/* A learning card already inside the learn-ahead (a custom session, which
 * shows each card once, leaves it so) is next at its own due time, not
 * forgotten for the next day's cards. */
Test(queue, next_due_keeps_a_learning_card_inside_the_learn_ahead)
{
	int64_t due;

	add("D", "tomorrow", STATE_REVIEW, NOW + 3 * MS_PER_DAY);
	add("D", "in ten minutes", STATE_LEARNING, NOW + 10 * 60 * 1000);
	cr_assert_eq(queue_next_due(st, &set, 0, NOW, &due, NULL), 0);
	cr_assert_eq(due, NOW + 10 * 60 * 1000, "due %lld", (long long)due);
}

/* A review due on a later day is shown from that day's start (day starts
 * at 4: a card due tomorrow 09:00 comes at 04:00). */
Test(queue, next_due_is_the_start_of_the_study_day)
{
	int64_t day_end = timefmt_study_day_after(NOW, 1, set.day_starts_at), due;

	add("D", "tomorrow", STATE_REVIEW, day_end + 5 * HOUR);
	cr_assert_eq(queue_next_due(st, &set, 0, NOW, &due, NULL), 0);
	cr_assert_eq(due, day_end);
	add("D", "in three days", STATE_REVIEW, NOW + 3 * MS_PER_DAY);
	set.reviews_per_day = 0;
	cr_assert_eq(queue_next_due(st, &set, 0, NOW, &due, NULL), 0);
	cr_assert_eq(due, day_end, "the day's start, whatever the limits");
}

/*
 * reviews-per-day 1 and two reviews due today at 08:00 and 20:00: after
 * the first answer the one at 20:00 is held back by the limit, so the next
 * card is shown when the next day starts, not at 20:00.
 */
Test(queue, next_due_counts_the_limits)
{
	int64_t day_end = timefmt_study_day_after(NOW, 1, set.day_starts_at), due;
	struct session *se;
	char *msg = NULL;

	set.reviews_per_day = 1;
	add("D", "08", STATE_REVIEW, NOW - 2 * HOUR);
	add("D", "20", STATE_REVIEW, NOW + 10 * HOUR);
	cr_assert_eq(session_open(st, &set, 0, NOW, &se, &msg), 0);
	cr_assert_not_null(session_card(se));
	cr_assert_eq(session_answer(se, RATING_GOOD, NOW, 0, &msg), 0);
	cr_assert_null(session_card(se), "the limit is spent");
	session_free(se);
	cr_assert_eq(queue_next_due(st, &set, 0, NOW, &due, NULL), 0);
	cr_assert_eq(due, day_end, "due %lld, expected the day's end %lld",
	    (long long)due, (long long)day_end);
}

Test(queue, next_due_is_tomorrow_for_cards_held_back)
{
	int64_t day_end = timefmt_study_day_after(NOW, 1, set.day_starts_at), due;
	struct session *se;
	char *msg = NULL;

	add("D", "review", STATE_REVIEW, NOW + 3 * MS_PER_DAY);
	add("D", "new", STATE_NEW, NOW);
	add("D", "new 2", STATE_NEW, NOW);
	/* Today's new card is used up: the other waits for tomorrow. */
	set.new_per_day = 1;
	cr_assert_eq(session_open(st, &set, 0, NOW, &se, &msg), 0);
	cr_assert_eq(session_answer(se, RATING_EASY, NOW, 0, &msg), 0);
	cr_assert_null(session_card(se));
	session_free(se);
	cr_assert_eq(queue_next_due(st, &set, 0, NOW, &due, NULL), 0);
	cr_assert_eq(due, day_end);
	/* A limit of 0 holds new cards back for good. */
	set.new_per_day = 0;
	cr_assert_eq(queue_next_due(st, &set, 0, NOW, &due, NULL), 0);
	cr_assert_gt(due, day_end);
}

Test(queue, next_due_is_tomorrow_for_a_buried_card)
{
	int64_t day_end = timefmt_study_day_after(NOW, 1, set.day_starts_at), due;
	int64_t id = add("D", "buried", STATE_REVIEW, NOW - HOUR);

	cr_assert_eq(store_card_set_buried(st, id, day_end, NULL), 0);
	cr_assert_eq(queue_next_due(st, &set, 0, NOW, &due, NULL), 0);
	cr_assert_eq(due, day_end);
}

/* ---- order across decks and within a day ---- */

/* All decks: new cards deck by deck in the deck list's order (by name),
 * not in the order they were added. */
Test(queue, new_cards_in_deck_list_order)
{
	struct walk w;
	int64_t b1 = add("Beta", "b1", STATE_NEW, 1000);
	int64_t b2 = add("Beta", "b2", STATE_NEW, 1000);
	int64_t a1 = add("Alpha", "a1", STATE_NEW, 1000);
	int64_t a2 = add("Alpha", "a2", STATE_NEW, 1000);

	walk(0, NOW, RATING_EASY, 1000, false, &w);
	cr_assert_eq(w.total, 4);
	cr_assert_eq(w.ids[0], a1);
	cr_assert_eq(w.ids[1], a2);
	cr_assert_eq(w.ids[2], b1);
	cr_assert_eq(w.ids[3], b2);
}

/* Builds eight reviews due yesterday at increasing times and three due the
 * day before; walks them; the ids in the order shown. */
static void
walk_reviews(int64_t order[11], int64_t *older)
{
	struct walk w;

	for (int i = 0; i < 3; i++) {
		char q[16];

		snprintf(q, sizeof(q), "old%d", i);
		older[i] = add("D", q, STATE_REVIEW, NOW - 2 * MS_PER_DAY + i * HOUR);
	}
	for (int i = 0; i < 8; i++) {
		char q[16];

		snprintf(q, sizeof(q), "r%d", i);
		add("D", q, STATE_REVIEW, NOW - MS_PER_DAY + i * MS_PER_MINUTE);
	}
	walk(0, NOW, RATING_EASY, 1000, false, &w);
	cr_assert_eq(w.total, 11);
	memcpy(order, w.ids, 11 * sizeof(*order));
}

/* Reviews by the day they fell due, the oldest first, then in an order of
 * the day: not by due time, and the same for the same day. */
Test(queue, reviews_by_due_day_then_an_order_fixed_for_the_day)
{
	int64_t first[11], again[11], older[3];
	bool by_due = true;

	walk_reviews(first, older);
	for (int i = 0; i < 3; i++)
		cr_assert(first[i] == older[0] || first[i] == older[1] ||
			      first[i] == older[2],
		    "card %d shown before the older day's", i);
	for (int i = 4; i < 11; i++)
		by_due = by_due && first[i] > first[i - 1];
	cr_assert_not(by_due, "the day's reviews came by due time");
	/* The same cards, the same day: the same order. */
	store_close(st);
	st = fixture_store();
	walk_reviews(again, older);
	cr_assert_arr_eq(first, again, sizeof(first));
}

/* ---- a deck's own limits ---- */

static void
deck_setting(const char *deck_name, const char *key, const char *value)
{
	char *msg = NULL;

	cr_assert_eq(settings_set_deck(st, deck(deck_name), key, value, &msg), 0,
	    "%s", msg ? msg : "");
}

/* Which limit holds new cards back: the review limit, which counts them,
 * when it bites before the limit of new cards, the collection's or the
 * deck's own. */
Test(queue, new_cards_held_back_by_a_review_limit_say_so)
{
	struct queue_counts *rows, total;
	size_t n;

	add_many("A", "new", 5, STATE_NEW, 1000);
	add_many("B", "new", 5, STATE_NEW, 1000);
	set.new_per_day = 20;
	set.reviews_per_day = 1;
	cr_assert_eq(queue_counts(st, &set, NOW, &rows, &n, &total, NULL), 0);
	cr_assert_eq(rows[0].new_cards, 1);
	cr_assert_eq(rows[0].new_limit, QUEUE_LIMIT_COLLECTION);
	cr_assert(rows[0].new_by_reviews);
	cr_assert_eq(total.new_cards, 1);
	cr_assert_eq(total.new_limit, QUEUE_LIMIT_COLLECTION);
	cr_assert(total.new_by_reviews);
	free(rows);

	/* The limit of new cards bites first: not the reviews. */
	set.new_per_day = 1;
	set.reviews_per_day = 200;
	cr_assert_eq(queue_counts(st, &set, NOW, &rows, &n, &total, NULL), 0);
	cr_assert_eq(rows[0].new_cards, 1);
	cr_assert_not(rows[0].new_by_reviews);
	cr_assert_not(total.new_by_reviews);
	free(rows);

	/* A's own review limit, under a larger collection's. */
	set.new_per_day = 20;
	deck_setting("A", "reviews-per-day", "2");
	cr_assert_eq(queue_counts(st, &set, NOW, &rows, &n, &total, NULL), 0);
	cr_assert_eq(rows[0].new_cards, 2);
	cr_assert_eq(rows[0].new_limit, QUEUE_LIMIT_DECK);
	cr_assert(rows[0].new_by_reviews);
	cr_assert_eq(rows[1].new_limit, QUEUE_LIMIT_NONE);
	cr_assert_not(rows[1].new_by_reviews);
	free(rows);
}

/* Both the deck's own limit and the collection's apply, each row says
 * which stops it, and a session gives what the rows say. */
Test(queue, a_decks_own_limit_and_the_collections_both_apply)
{
	struct queue_counts *rows, total;
	struct walk w;
	size_t n;

	add_many("A", "new", 5, STATE_NEW, 1000);
	add_many("B", "new", 5, STATE_NEW, 1000);
	deck_setting("A", "new-per-day", "2");
	cr_assert_eq(queue_counts(st, &set, NOW, &rows, &n, &total, NULL), 0);
	cr_assert_eq(n, 2);
	cr_assert_eq(rows[0].new_cards, 2);
	cr_assert_eq(rows[0].new_limit, QUEUE_LIMIT_DECK);
	cr_assert_eq(rows[1].new_cards, 5);
	cr_assert_eq(rows[1].new_limit, QUEUE_LIMIT_NONE);
	cr_assert_eq(total.new_cards, 7, "the rows add up");
	free(rows);

	set.new_per_day = 3;
	cr_assert_eq(queue_counts(st, &set, NOW, &rows, &n, &total, NULL), 0);
	cr_assert_eq(rows[0].new_cards, 2);
	cr_assert_eq(rows[0].new_limit, QUEUE_LIMIT_DECK);
	cr_assert_eq(rows[1].new_cards, 3);
	cr_assert_eq(rows[1].new_limit, QUEUE_LIMIT_COLLECTION);
	cr_assert_eq(total.new_cards, 3);
	cr_assert_eq(total.new_limit, QUEUE_LIMIT_COLLECTION);
	free(rows);

	walk(0, NOW, RATING_EASY, 1000, true, &w);
	cr_assert_eq(w.total, 3);
	/* A's two, then one of B's; then A's own limit is spent and the
	 * collection's leaves B nothing. */
	walk(deck("A"), NOW, RATING_EASY, 1000, false, &w);
	cr_assert_eq(w.total, 0);
	set.new_per_day = 20;
	walk(deck("A"), NOW, RATING_EASY, 1000, false, &w);
	cr_assert_eq(w.total, 0, "A's own limit is spent");
	walk(deck("B"), NOW, RATING_EASY, 1000, false, &w);
	cr_assert_eq(w.total, 4);
}

/* A deck's own review limit counts only its own answers. */
Test(queue, a_decks_own_review_limit)
{
	struct queue_counts c;

	add_many("A", "rev", 5, STATE_REVIEW, NOW - MS_PER_DAY);
	add_many("B", "rev", 5, STATE_REVIEW, NOW - MS_PER_DAY);
	deck_setting("A", "reviews-per-day", "1");
	cr_assert_eq(queue_counts_deck(st, &set, deck("A"), NOW, &c, NULL), 0);
	cr_assert_eq(c.review, 1);
	cr_assert_eq(c.review_limit, QUEUE_LIMIT_DECK);
	cr_assert_eq(queue_counts_deck(st, &set, 0, NOW, &c, NULL), 0);
	cr_assert_eq(c.review, 6);
}
