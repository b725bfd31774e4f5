/*
 * test_stats.c - src/core/stats.c, stats_report.c and stats_json.c: the
 * figures of a small hand-made history in America/New_York around the
 * start of daylight-saving time (2026-03-08), with the day starting at
 * 04:00, so that study days of 23 hours and answers before the day start
 * are counted where a learner expects them.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/stats.h"
#include "core/stats_report.h"
#include "core/store.h"
#include "core/util.h"

static struct store *st;
static struct fsrs_params params;
static int64_t NOW; /* 2026-03-09 12:00 EDT */
static int64_t ids[8];

/* ms of a local New York time. */
static int64_t
local(int y, int mo, int d, int h, int mi)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_isdst = -1 };

	return (int64_t)mktime(&tm) * 1000;
}

static int64_t
card(const char *ext, enum card_state state, int64_t due, int ivl,
    bool suspended)
{
	struct card c = { .ext_id = ext, .question = ext, .answer = "a", .tips = "", .tags = "" };
	char *msg = NULL;

	cr_assert_eq(store_deck_id(st, "D", true, &c.deck_id, &msg), 0);
	c.s.state = state;
	c.s.due = due;
	if (state != STATE_NEW) {
		c.s.last_review = due - (int64_t)ivl * MS_PER_DAY;
		c.s.stability = ivl > 0 ? ivl : 1;
		c.s.difficulty = 5;
		c.s.scheduled_days = ivl;
		c.s.reps = 1;
	}
	cr_assert_eq(store_card_insert(st, &c, NOW - 500 * MS_PER_DAY, &msg), 0,
	    "%s", msg);
	if (suspended)
		cr_assert_eq(store_card_set_suspended(st, c.id, true, &msg), 0);
	return c.id;
}

static int64_t
answer(int64_t card_id, int64_t time, enum rating r, enum card_state state,
    int ivl)
{
	struct review rv = { .card_id = card_id, .time = time, .rating = r, .state = state, .duration = 10000 };
	char *msg = NULL;

	rv.before.state = state;
	rv.before.scheduled_days = ivl;
	cr_assert_eq(store_review_insert(st, &rv, &msg), 0, "%s", msg);
	return rv.id;
}

static void
setup(void)
{
	char *msg = NULL;

	setenv("TZ", "America/New_York", 1);
	tzset();
	fsrs_default_params(&params);
	NOW = local(2026, 3, 9, 12, 0);
	cr_assert_eq(store_open(":memory:", &st, &msg), 0, "%s", msg);
	ids[0] = card("young", STATE_REVIEW, local(2026, 3, 9, 20, 0), 5, false);
	ids[1] = card("mature", STATE_REVIEW, local(2026, 3, 4, 9, 0), 30, false);
	ids[2] = card("late-night", STATE_REVIEW, local(2026, 3, 10, 3, 0), 2, false);
	ids[3] = card("tomorrow", STATE_REVIEW, local(2026, 3, 10, 5, 0), 40, false);
	ids[4] = card("new", STATE_NEW, NOW, 0, false);
	ids[5] = card("suspended", STATE_REVIEW, local(2026, 3, 9, 8, 0), 3, true);
	ids[6] = card("learning", STATE_LEARNING, local(2026, 3, 9, 12, 10), 0, false);

	/* Today, the study day of 2026-03-09 from 04:00 EDT. */
	answer(ids[0], local(2026, 3, 9, 10, 0), RATING_GOOD, STATE_REVIEW, 5);
	answer(ids[1], local(2026, 3, 9, 11, 0), RATING_AGAIN, STATE_REVIEW, 30);
	answer(ids[6], local(2026, 3, 9, 11, 30), RATING_AGAIN, STATE_NEW, 0);
	/* Before 04:00: the study day of 2026-03-08. */
	answer(ids[2], local(2026, 3, 9, 3, 30), RATING_HARD, STATE_REVIEW, 2);
	/* 03:30 EDT on the day the clocks went forward: still 2026-03-07,
	 * a study day of 23 hours. */
	answer(ids[3], local(2026, 3, 8, 3, 30), RATING_GOOD, STATE_REVIEW, 25);
	/* A gap on 03-06, then two days. */
	answer(ids[3], local(2026, 3, 5, 9, 0), RATING_EASY, STATE_REVIEW, 25);
	answer(ids[2], local(2026, 3, 4, 9, 0), RATING_GOOD, STATE_LEARNING, 0);
	/* Twenty days ago, and four hundred. */
	answer(ids[1], local(2026, 2, 17, 9, 0), RATING_GOOD, STATE_REVIEW, 21);
	answer(ids[1], local(2025, 2, 2, 9, 0), RATING_AGAIN, STATE_REVIEW, 20);
}

static void
teardown(void)
{
	store_close(st);
}

TestSuite(stats, .init = setup, .fini = teardown);

static struct stats *
compute(int64_t deck_id)
{
	static struct stats s;
	char *msg = NULL;

	cr_assert_eq(stats_compute(st, &params, 4, deck_id, NOW, &s, &msg), 0,
	    "%s", msg);
	return &s;
}

Test(stats, today)
{
	struct stats *s = compute(0);

	cr_expect_eq(s->today_answers, 3);
	cr_expect_eq(s->today_cards, 3);
	cr_expect_eq(s->today_again, 2);
	cr_expect_eq(s->today_ms, 30000);
	cr_expect_eq(s->today_start, local(2026, 3, 9, 4, 0));
}

Test(stats, calendar_follows_study_days_across_dst)
{
	struct stats *s = compute(0);
	int last = STATS_CALENDAR_DAYS - 1;

	cr_expect_str_eq(s->calendar_date[last], "2026-03-09");
	cr_expect_eq(s->calendar[last], 3);
	cr_expect_str_eq(s->calendar_date[last - 1], "2026-03-08");
	cr_expect_eq(s->calendar[last - 1], 1);
	cr_expect_str_eq(s->calendar_date[last - 2], "2026-03-07");
	cr_expect_eq(s->calendar[last - 2], 1);
	cr_expect_eq(s->calendar[last - 3], 0);
	cr_expect_eq(s->calendar[last - 4], 1);
	cr_expect_eq(s->calendar[last - 5], 1);
	cr_expect_eq(s->days_studied, 6);
	cr_expect_eq(s->streak_current, 3);
	cr_expect_eq(s->streak_longest, 3);
}

Test(stats, retention_windows)
{
	struct stats *s = compute(0);

	/* Young: today 1/1 (young Good); yesterday 1/1 (Hard). */
	cr_expect_eq(s->retention[0][STATS_TODAY].passed, 1);
	cr_expect_eq(s->retention[0][STATS_TODAY].total, 1);
	cr_expect_eq(s->retention[0][STATS_YESTERDAY].total, 1);
	cr_expect_eq(s->retention[0][STATS_WEEK].total, 2);
	cr_expect_eq(s->retention[0][STATS_MONTH].total, 2);
	cr_expect_eq(s->retention[0][STATS_ALL].total, 3);
	cr_expect_eq(s->retention[0][STATS_ALL].passed, 2);
	/* Mature: today Again; 03-07 Good; 03-05 Easy; 02-17 Good. */
	cr_expect_eq(s->retention[1][STATS_TODAY].passed, 0);
	cr_expect_eq(s->retention[1][STATS_TODAY].total, 1);
	cr_expect_eq(s->retention[1][STATS_YESTERDAY].total, 0);
	cr_expect_eq(s->retention[1][STATS_WEEK].total, 3);
	cr_expect_eq(s->retention[1][STATS_WEEK].passed, 2);
	cr_expect_eq(s->retention[1][STATS_MONTH].total, 4);
	cr_expect_eq(s->retention[1][STATS_YEAR].total, 4);
	cr_expect_eq(s->retention[1][STATS_ALL].total, 4);
	cr_expect_lt(stats_ratio(&(struct stats_pass){ 0, 0 }), 0);
}

Test(stats, forecast_counts_overdue_today_and_late_night_on_its_day)
{
	struct stats *s = compute(0);

	/* young 20:00, mature overdue, late-night 03:00 tomorrow (still
	 * today's study day), learning 12:10; suspended and new not. */
	cr_expect_eq(s->forecast[0], 4);
	cr_expect_eq(s->forecast[1], 1);
	cr_expect_eq(s->forecast_total, 5);
	cr_expect_str_eq(s->forecast_date[0], "2026-03-09");
	cr_expect_str_eq(s->forecast_date[1], "2026-03-10");
}

Test(stats, the_forecast_stops_at_the_last_day_dates_reach)
{
	static struct stats s;
	char *msg = NULL;

	cr_assert_eq(stats_compute(st, &params, 4, 0,
			 local(9999, 12, 20, 12, 0), &s, &msg),
	    0, "%s", msg);
	cr_expect_eq(s.forecast_days, 12);
	cr_expect_str_eq(s.forecast_date[0], "9999-12-20");
	cr_expect_str_eq(s.forecast_date[11], "9999-12-31");
	/* every card is overdue then: all of them today */
	cr_expect_eq(s.forecast[0], s.forecast_total);
	cr_assert_eq(stats_compute(st, &params, 4, 0, NOW, &s, &msg), 0, "%s",
	    msg);
	cr_expect_eq(s.forecast_days, STATS_FORECAST_DAYS);
}

Test(stats, cards_in_their_own_buckets)
{
	struct stats *s = compute(0);

	cr_expect_eq(s->n_new, 1);
	cr_expect_eq(s->n_learning, 1);
	cr_expect_eq(s->n_relearning, 0);
	cr_expect_eq(s->n_young, 2);
	cr_expect_eq(s->n_mature, 2);
	cr_expect_eq(s->n_suspended, 1);
	cr_expect_eq(s->n_buried, 0);
	cr_expect_gt(s->average_retrievability, 0);
	cr_expect_leq(s->average_retrievability, 1);
}

Test(stats, buttons_and_hours)
{
	struct stats *s = compute(0);

	cr_expect_eq(s->buttons[STATS_YOUNG][RATING_GOOD - 1], 1);
	cr_expect_eq(s->buttons[STATS_YOUNG][RATING_HARD - 1], 1);
	cr_expect_eq(s->buttons[STATS_MATURE][RATING_AGAIN - 1], 1);
	cr_expect_eq(s->buttons[STATS_MATURE][RATING_GOOD - 1], 2);
	cr_expect_eq(s->buttons[STATS_MATURE][RATING_EASY - 1], 1);
	cr_expect_eq(s->buttons[STATS_LEARNING][RATING_AGAIN - 1], 1);
	cr_expect_eq(s->buttons[STATS_LEARNING][RATING_GOOD - 1], 1);
	cr_expect_eq(s->hours[3].answers, 2); /* one on each side of the change */
	cr_expect_eq(s->hours[10].answers, 1);
	cr_expect_eq(s->hours[11].answers, 2);
	cr_expect_eq(s->hours[9].answers, 3);
	cr_expect_eq(s->hours[11].review.total, 1);
	cr_expect_eq(s->hours[11].review.passed, 0);
}

Test(stats, a_deck_counts_only_its_cards)
{
	char *msg = NULL;
	struct card c = { .ext_id = "other", .question = "q", .answer = "a", .tips = "", .tags = "" };
	int64_t d;
	struct stats *s;

	cr_assert_eq(store_deck_id(st, "Other", true, &c.deck_id, &msg), 0);
	cr_assert_eq(store_card_insert(st, &c, NOW, &msg), 0);
	answer(c.id, local(2026, 3, 9, 9, 0), RATING_GOOD, STATE_NEW, 0);
	cr_assert_eq(store_deck_id(st, "Other", false, &d, &msg), 0);
	s = compute(d);
	cr_expect_eq(s->today_answers, 1);
	cr_expect_eq(s->n_new, 1);
	cr_expect_eq(s->forecast_total, 0);
	cr_expect_eq(s->streak_current, 1);
	s = compute(0);
	cr_expect_eq(s->today_answers, 4);
}

/* The figures of the answers of deck_id, counted per slot by the store
 * and answer by answer, are the same. */
static void
expect_slots_equal_answers_of(int64_t deck_id)
{
	struct stats slots, each;
	char *msg = NULL;

	cr_assert_eq(stats_compute(st, &params, 4, deck_id, NOW, &slots, &msg), 0);
	cr_assert_eq(stats_compute_by_answer(st, &params, 4, deck_id, NOW, &each,
			 &msg),
	    0);
	for (int i = 0; i < STATS_CALENDAR_DAYS; i++)
		cr_expect_eq(slots.calendar[i], each.calendar[i], "day %d", i);
	cr_expect_eq(slots.streak_current, each.streak_current);
	cr_expect_eq(slots.streak_longest, each.streak_longest);
	cr_expect_eq(slots.days_studied, each.days_studied);
	for (int k = 0; k < 2; k++)
		for (int w = 0; w < STATS_N_WINDOWS; w++) {
			cr_expect_eq(slots.retention[k][w].passed,
			    each.retention[k][w].passed, "%d %d", k, w);
			cr_expect_eq(slots.retention[k][w].total,
			    each.retention[k][w].total, "%d %d", k, w);
		}
	for (int k = 0; k < STATS_N_KINDS; k++)
		for (int r = 0; r < 4; r++)
			cr_expect_eq(slots.buttons[k][r], each.buttons[k][r]);
	for (int h = 0; h < 24; h++) {
		cr_expect_eq(slots.hours[h].answers, each.hours[h].answers, "%d", h);
		cr_expect_eq(slots.hours[h].review.total, each.hours[h].review.total);
		cr_expect_eq(slots.hours[h].review.passed, each.hours[h].review.passed);
	}
}

/* So for the collection and for deck D, which holds every card of setup. */
static void
expect_slots_equal_answers(void)
{
	char *msg = NULL;
	int64_t d;

	cr_assert_eq(store_deck_id(st, "D", false, &d, &msg), 0);
	expect_slots_equal_answers_of(0);
	expect_slots_equal_answers_of(d);
}

Test(stats, slots_follow_answers_undo_and_deletions)
{
	struct review rv = { .card_id = ids[0], .time = local(2026, 3, 9, 11, 40), .rating = RATING_EASY, .state = STATE_REVIEW, .duration = 5000 };
	struct card c;
	char *msg = NULL;
	int last = STATS_CALENDAR_DAYS - 1;

	rv.before.state = STATE_REVIEW;
	rv.before.scheduled_days = 30;
	expect_slots_equal_answers();
	cr_assert_eq(store_answer(st, &rv, &rv.before, &msg), 0, "%s", msg);
	cr_expect_eq(compute(0)->calendar[last], 4);
	cr_expect_eq(compute(0)->buttons[STATS_MATURE][RATING_EASY - 1], 2);
	expect_slots_equal_answers();
	cr_assert_eq(store_undo(st, rv.id, &c, &msg), 0, "%s", msg);
	card_clear(&c);
	cr_expect_eq(compute(0)->calendar[last], 3);
	cr_expect_eq(compute(0)->buttons[STATS_MATURE][RATING_EASY - 1], 1);
	expect_slots_equal_answers();
	cr_assert_eq(store_card_reviews_delete(st, ids[1], &msg), 0, "%s", msg);
	cr_expect_eq(compute(0)->retention[1][STATS_ALL].total, 2);
	expect_slots_equal_answers();
}

Test(stats, a_zone_off_the_quarter_hour_counts_every_answer)
{
	/* 5:20 east of UTC: study days that are no run of whole slots. */
	setenv("TZ", "<+0520>-5:20", 1);
	tzset();
	for (int i = 0; i < 96; i++)
		answer(ids[4], NOW - (int64_t)i * 600000, RATING_GOOD, STATE_NEW, 0);
	expect_slots_equal_answers();
}

Test(stats, streak_runs_on_before_the_calendar)
{
	/* Every day from 400 days ago to today. */
	for (int i = 1; i <= 400; i++)
		answer(ids[4], NOW - (int64_t)i * MS_PER_DAY, RATING_GOOD, STATE_NEW, 0);
	struct stats *s = compute(0);
	cr_expect_eq(s->streak_current, 401);
	cr_expect_eq(s->streak_longest, 401);
	cr_expect_eq(s->days_studied, 365);
}

Test(stats, empty_collection)
{
	struct store *empty;
	struct stats s;
	char *msg = NULL, *text, *json;

	cr_assert_eq(store_open(":memory:", &empty, &msg), 0);
	cr_assert_eq(stats_compute(empty, &params, 4, 0, NOW, &s, &msg), 0);
	cr_expect_eq(s.streak_current, 0);
	cr_expect_eq(s.streak_longest, 0);
	cr_expect_lt(s.average_retrievability, 0);
	text = stats_report(&s, NULL, true, STATS_REPORT_WIDTH);
	cr_expect_not_null(strstr(text, "Nothing studied yet today."));
	cr_expect_not_null(strstr(text, "Nothing is due in the next 30 days."));
	json = stats_json(&s, NULL);
	cr_expect_not_null(strstr(json, "\"average_retrievability\":null"));
	cr_expect_not_null(strstr(json, "\"today\":{\"cards\":0,\"answers\":0,"
					"\"again\":0,\"seconds\":0}"));
	cr_expect_not_null(strstr(json, "\"young\":{\"today\":null,"));
	free(text);
	free(json);
	store_close(empty);
}

/* The widest line of text, in columns, counting a UTF-8 sequence as one. */
static int
widest(const char *text)
{
	int w = 0, max = 0;

	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
		if (*p == '\n') {
			w = 0;
			continue;
		}
		if ((*p & 0xc0) != 0x80 && ++w > max)
			max = w;
	}
	return max;
}

Test(stats, report_fits_80_columns_in_unicode_and_ascii)
{
	struct stats *s = compute(0);
	char *u = stats_report(s, "D\x1b]0;title\x07", true, STATS_REPORT_WIDTH);
	char *a = stats_report(s, NULL, false, STATS_REPORT_WIDTH);

	cr_expect_leq(widest(u), 80, "%d", widest(u));
	cr_expect_leq(widest(a), 80, "%d", widest(a));
	cr_expect_null(strchr(u, '\x1b'), "escape reached the report");
	for (const unsigned char *p = (const unsigned char *)a; *p != '\0'; p++)
		cr_expect_lt(*p, 0x80, "non-ASCII in the ASCII report");
	cr_expect_not_null(strstr(u, "Streak: 3 days now, longest 3 days"));
	cr_expect_not_null(strstr(u, "Today          "));
	free(u);
	free(a);
}

Test(stats, report_fits_the_width_asked_for)
{
	static const int widths[] = { 10, STATS_REPORT_MIN_WIDTH, 40, 50, 60, 70,
		STATS_REPORT_WIDTH, 200 };
	struct stats *s = compute(0);

	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
		int want = widths[i] < STATS_REPORT_MIN_WIDTH ? STATS_REPORT_MIN_WIDTH
		           : widths[i] > STATS_REPORT_WIDTH   ? STATS_REPORT_WIDTH
		                                              : widths[i];

		for (int unicode = 0; unicode < 2; unicode++) {
			char *t = stats_report(s, "A deck with a long name, longer than"
						  " forty columns",
			    unicode, widths[i]);

			cr_expect_leq(widest(t), want, "width %d: %d\n%s", widths[i],
			    widest(t), t);
			cr_expect_not_null(strstr(t, "Streak: 3 days now, longest 3 days"));
			cr_expect_not_null(strstr(t, "  Last 365 days"));
			cr_expect_not_null(strstr(t, "  23:00 "));
			free(t);
		}
	}
}

Test(stats, json_contract)
{
	struct stats *s = compute(0);
	char *j = stats_json(s, "D \"q\"");

	cr_expect_eq(strncmp(j, "{\"deck\":\"D \\\"q\\\"\",\"today\":{\"cards\":3,"
				"\"answers\":3,\"again\":2,\"seconds\":30}",
			 62),
	    0, "%s", j);
	cr_expect_not_null(strstr(j, "\"forecast\":[{\"date\":\"2026-03-09\",\"due\":4},"
				     "{\"date\":\"2026-03-10\",\"due\":1},"));
	cr_expect_not_null(strstr(j, "{\"date\":\"2026-03-07\",\"answers\":1},"
				     "{\"date\":\"2026-03-08\",\"answers\":1},"
				     "{\"date\":\"2026-03-09\",\"answers\":3}],"
				     "\"streak\":{\"current\":3,\"longest\":3}"));
	cr_expect_not_null(strstr(j, "\"mature\":{\"today\":0.0000,\"yesterday\":null,"
				     "\"week\":0.6667,"),
	    "%s", j);
	cr_expect_not_null(strstr(j, "\"counts\":{\"young\":{\"today\":[1,1],"));
	cr_expect_not_null(strstr(j, "\"counts\":{\"new\":1,\"learning\":1,"
				     "\"relearning\":0,\"young\":2,\"mature\":2,"
				     "\"suspended\":1,\"buried\":0}"));
	cr_expect_not_null(strstr(j, "\"buttons\":{\"learning\":[1,0,1,0],"
				     "\"young\":[0,1,1,0],\"mature\":[1,0,2,1]}"));
	cr_expect_not_null(strstr(j, "{\"hour\":11,\"answers\":2,\"retention\":0.0000}"));
	cr_expect_eq(j[strlen(j) - 1], '\n');
	free(j);
}
