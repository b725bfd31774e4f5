/*
 * test_custom.c - custom study (session_open_custom, src/core/custom.c):
 * cram changes nothing, review ahead, a tag's cards, and more new cards
 * today (settings_add_extra_new through the queue's limits).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/custom.h"
#include "core/queue.h"
#include "core/session.h"
#include "core/settings.h"
#include "core/store.h"
#include "core/timefmt.h"
#include "fixtures.h"

#define HOUR (60 * MS_PER_MINUTE)

static struct store *st;
static struct settings set;
static int64_t NOW;

static void
setup(void)
{
	fixture_tz("UTC");
	NOW = fixture_utc(2026, 11, 23, 10, 0);
	settings_default(&set);
	st = fixture_store();
}

static void
teardown(void)
{
	store_close(st);
}

TestSuite(custom, .init = setup, .fini = teardown);

static int64_t
add(const char *q, const char *tags, enum card_state state, int64_t due)
{
	struct sched s = { .state = state, .due = due };

	if (state != STATE_NEW) {
		s.last_review = state == STATE_REVIEW ? due - 3 * MS_PER_DAY
		                                      : NOW - 10 * MS_PER_MINUTE;
		s.stability = 3;
		s.difficulty = 5;
		s.scheduled_days = state == STATE_REVIEW ? 3 : 0;
		s.reps = 2;
	}
	return fixture_add_card(st, &(struct fixture_card){ .deck = "D",
					.question = q,
					.tags = tags,
					.s = s });
}

static struct session *
open_custom(struct session_custom c)
{
	struct session *se;
	char *msg = NULL;

	cr_assert_eq(session_open_custom(st, &set, 0, &c, NOW, &se, &msg), 0, "%s",
	    fixture_msg(msg));
	return se;
}

/* Answers every card with r; the ids in the order shown (at most 16). */
static size_t
run(struct session *se, enum rating r, int64_t ids[16])
{
	size_t n = 0;
	char *msg = NULL;

	while (session_card(se) != NULL) {
		cr_assert_lt(n, 16);
		ids[n++] = session_card(se)->id;
		cr_assert_eq(session_answer(se, r, NOW, 1000, &msg), 0, "%s",
		    fixture_msg(msg));
	}
	return n;
}

static size_t
reviews(void)
{
	struct review *r;
	size_t n, all = 0;

	for (int64_t id = 1; id <= 16; id++) {
		if (store_card_reviews(st, id, &r, &n, NULL) != 0)
			break;
		all += n;
		free(r);
	}
	return all;
}

Test(custom, cram_shows_every_card_in_order_and_changes_nothing)
{
	int64_t a = add("a", "", STATE_NEW, 1000);
	int64_t b = add("b", "", STATE_REVIEW, NOW + 30 * MS_PER_DAY);
	int64_t c = add("c", "", STATE_LEARNING, NOW + HOUR);
	int64_t ids[16];
	struct session *se = open_custom((struct session_custom){ .cram = true });
	struct card before, after;
	struct queue_counts q;

	cr_assert_not(session_records(se));
	session_counts(se, &q);
	cr_assert_eq(q.new_cards + q.learning + q.review, 3);
	cr_assert_eq(store_card_get(st, b, &before, NULL), 0);
	cr_assert_eq(run(se, RATING_AGAIN, ids), 3);
	cr_assert_eq(ids[0], a);
	cr_assert_eq(ids[1], b);
	cr_assert_eq(ids[2], c);
	cr_assert_not(session_can_undo(se));
	session_free(se);
	cr_assert_eq(reviews(), 0, "cramming recorded answers");
	cr_assert_eq(store_card_get(st, b, &after, NULL), 0);
	cr_assert_eq(after.s.due, before.s.due);
	cr_assert_eq(after.s.reps, before.s.reps);
	card_clear(&before);
	card_clear(&after);
}

Test(custom, review_ahead_takes_the_next_days_reviews)
{
	int64_t day_end = timefmt_study_day_after(NOW, 1, set.day_starts_at);
	int64_t one = add("one", "", STATE_REVIEW, day_end + HOUR);
	int64_t two = add("two", "", STATE_REVIEW, day_end + MS_PER_DAY + HOUR);
	int64_t ids[16];
	struct session *se;

	add("five", "", STATE_REVIEW, day_end + 4 * MS_PER_DAY + HOUR);
	add("new", "", STATE_NEW, 1000);
	se = open_custom((struct session_custom){ .ahead = 2 });
	cr_assert(session_records(se));
	cr_assert_eq(run(se, RATING_GOOD, ids), 2);
	cr_assert_eq(ids[0], one);
	cr_assert_eq(ids[1], two);
	session_free(se);
	cr_assert_eq(reviews(), 2);
}

Test(custom, a_tags_cards_of_the_day)
{
	int64_t due = add("due", "x", STATE_REVIEW, NOW - MS_PER_DAY);
	int64_t fresh = add("fresh", "other x", STATE_NEW, 1000);
	int64_t ids[16];
	struct session *se;

	add("tomorrow", "x", STATE_REVIEW, NOW + 3 * MS_PER_DAY);
	add("not x", "y", STATE_REVIEW, NOW - MS_PER_DAY);
	add("not x either", "xx", STATE_NEW, 1000);
	se = open_custom((struct session_custom){ .tag = "x" });
	cr_assert_eq(run(se, RATING_EASY, ids), 2);
	cr_assert_eq(ids[0], due);
	cr_assert_eq(ids[1], fresh);
	session_free(se);
}

Test(custom, extra_new_cards_today)
{
	struct queue_counts c;
	int64_t today = timefmt_study_day(NOW, set.day_starts_at);
	char *msg = NULL;

	for (int i = 0; i < 5; i++) {
		char q[8];

		snprintf(q, sizeof(q), "n%d", i);
		add(q, "", STATE_NEW, 1000);
	}
	set.new_per_day = 1;
	cr_assert_eq(queue_counts_deck(st, &set, 0, NOW, &c, NULL), 0);
	cr_assert_eq(c.new_cards, 1);
	cr_assert_eq(settings_add_extra_new(st, 0, today, 2, &msg), 0, "%s",
	    fixture_msg(msg));
	cr_assert_eq(queue_counts_deck(st, &set, 0, NOW, &c, NULL), 0);
	cr_assert_eq(c.new_cards, 3);
	/* For the day only. */
	cr_assert_eq(queue_counts_deck(st, &set, 0,
			 timefmt_study_day_after(NOW, 1, set.day_starts_at), &c, NULL),
	    0);
	cr_assert_eq(c.new_cards, 1);
	cr_assert_neq(settings_add_extra_new(st, 0, today, 0, &msg), 0);
	free(msg);
}

/* A deck's extra new cards are its own: they do not raise the other
 * decks' share of the collection's limit. */
Test(custom, a_decks_extra_new_cards_are_its_own)
{
	struct queue_counts *rows, total;
	int64_t a, today = timefmt_study_day(NOW, set.day_starts_at);
	size_t n;

	for (int i = 0; i < 5; i++) {
		char q[8];

		snprintf(q, sizeof(q), "a%d", i);
		fixture_add_card(st, &(struct fixture_card){ .deck = "A", .question = q, .s = { .state = STATE_NEW, .due = 1000 } });
		snprintf(q, sizeof(q), "b%d", i);
		fixture_add_card(st, &(struct fixture_card){ .deck = "B", .question = q, .s = { .state = STATE_NEW, .due = 1000 } });
	}
	set.new_per_day = 1;
	cr_assert_eq(store_deck_id(st, "A", false, &a, NULL), 0);
	cr_assert_eq(settings_add_extra_new(st, a, today, 2, NULL), 0);
	cr_assert_eq(queue_counts(st, &set, NOW, &rows, &n, &total, NULL), 0);
	cr_assert_eq(n, 2);
	cr_assert_eq(rows[0].new_cards, 3, "A: its limit and its extra");
	cr_assert_eq(rows[1].new_cards, 1, "B: the collection's limit only");
	cr_assert_eq(total.new_cards, 3);
	cr_assert_eq(total.new_limit, QUEUE_LIMIT_COLLECTION);
	free(rows);
}

Test(custom, the_tags_to_choose_from)
{
	struct custom_tag *t;
	size_t n;
	char *msg = NULL;
	int64_t gone = add("suspended", "only-here", STATE_NEW, 1000);

	add("a", "x  y", STATE_NEW, 1000);
	add("b", "y\tleech", STATE_REVIEW, NOW);
	add("c", "", STATE_NEW, 1000);
	cr_assert_eq(store_card_set_suspended(st, gone, true, &msg), 0, "%s",
	    fixture_msg(msg));
	cr_assert_eq(custom_tags(st, 0, &t, &n, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(n, 3);
	cr_assert_str_eq(t[0].name, "leech");
	cr_assert_eq(t[0].cards, 1);
	cr_assert_str_eq(t[1].name, "x");
	cr_assert_eq(t[1].cards, 1);
	cr_assert_str_eq(t[2].name, "y");
	cr_assert_eq(t[2].cards, 2);
	custom_tags_free(t, n);
	/* A deck without cards has no tags, and nothing to free. */
	cr_assert_eq(custom_tags(st, 999, &t, &n, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(n, 0);
	custom_tags_free(t, n);
}
