/*
 * test_interview.c - mock interviews: area tags, the choice of questions
 * on a fixed collection (question cards only, due first, then the weakest,
 * then new ones, never twice, areas varied), ratings recorded as reviews
 * with their answers, undo, the report and the history.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/areas.h"
#include "core/interview.h"
#include "core/settings.h"
#include "core/store.h"
#include "core/store_interview.h"
#include "core/util.h"
#include "fixtures.h"

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
	st = NULL;
}

TestSuite(interview, .init = setup, .fini = teardown);

/* A card of deck "D": seen (Review, last answered days_ago days ago, with
 * that stability and difficulty, due at due) unless due is 0 (new). */
static int64_t
add(const char *id, const char *tags, int64_t due, double stability,
    double difficulty, int lapses)
{
	struct sched s = { .state = STATE_NEW, .due = 1000 };

	if (due != 0)
		s = (struct sched){ .state = STATE_REVIEW, .due = due, .last_review = NOW - 10 * MS_PER_DAY, .stability = stability, .difficulty = difficulty, .scheduled_days = 10, .reps = 3, .lapses = lapses };
	return fixture_add_card(st, &(struct fixture_card){ .deck = "D",
					.ext_id = id,
					.question = id,
					.answer = "outline",
					.tips = "tip",
					.tags = tags,
					.s = s });
}

static struct interview *
open_iv(int64_t deck, int questions)
{
	struct interview *iv;
	char *msg = NULL;

	cr_assert_eq(interview_open(st, &set, deck, NULL, questions,
			 2 * MS_PER_MINUTE, NOW, &iv, &msg),
	    0, "%s", fixture_msg(msg));
	return iv;
}

static const char *
asked(struct interview *iv, size_t i)
{
	char *msg = NULL;
	const char *q;

	cr_assert_lt(i, interview_count(iv));
	while (interview_rated(iv) < i)
		cr_assert_eq(interview_rate(iv, RATING_GOOD, 1000, NULL, NOW, &msg),
		    0, "%s", fixture_msg(msg));
	q = interview_card(iv)->ext_id;
	return q;
}

/* ---- areas ---- */

Test(interview, areas_of_tags)
{
	const char *tags = "question area:data x area: area:ehr-systems";
	const char *pos = tags, *a;
	size_t n;
	char *list, *merged;
	int added;

	a = areas_next(&pos, &n);
	cr_assert(a != NULL && n == 4 && strncmp(a, "data", 4) == 0);
	a = areas_next(&pos, &n);
	cr_assert(a != NULL && n == 11 && strncmp(a, "ehr-systems", 11) == 0,
	    "the empty area: is passed over");
	cr_assert_null(areas_next(&pos, &n));
	list = areas_list(tags);
	cr_assert_str_eq(list, "data ehr-systems");
	free(list);
	cr_assert_str_eq(areas_label("ehr", 3), "EHR knowledge");
	cr_assert_null(areas_label("ehr-systems", 11));
	merged = areas_merge("mine area:data", "question area:data area:ehr", &added);
	cr_assert_str_eq(merged, "mine area:data area:ehr");
	cr_assert_eq(added, 1);
	free(merged);
	merged = areas_merge("", "fact", &added);
	cr_assert_str_eq(merged, "");
	cr_assert_eq(added, 0);
	free(merged);
}

/* ---- the choice ---- */

/*
 * The fixed collection: three due questions (d1 the longest overdue),
 * three seen ones not due (w1 the weakest: lowest retrievability), two
 * new ones, and cards that are never asked: a fact card, a suspended
 * question, a question buried past now.
 */
static void
fixed_collection(void)
{
	char *msg = NULL;
	int64_t s, b;

	add("d2", "question area:communication", NOW - 2 * MS_PER_DAY, 10, 5, 0);
	add("d1", "question area:communication", NOW - 5 * MS_PER_DAY, 10, 5, 0);
	add("d3", "question area:data", NOW - 1 * MS_PER_DAY, 10, 5, 0);
	add("w2", "question area:ehr", NOW + 5 * MS_PER_DAY, 20, 5, 0);
	add("w1", "question area:ehr", NOW + 5 * MS_PER_DAY, 8, 5, 0);
	add("w3", "question area:privacy", NOW + 5 * MS_PER_DAY, 20, 5, 2);
	add("n1", "question area:learning", 0, 0, 0, 0);
	add("n2", "question area:leadership", 0, 0, 0, 0);
	add("fact", "fact area:data", NOW - 9 * MS_PER_DAY, 10, 5, 0);
	s = add("susp", "question area:data", NOW - 9 * MS_PER_DAY, 10, 5, 0);
	b = add("buried", "question area:data", NOW - 9 * MS_PER_DAY, 10, 5, 0);
	cr_assert_eq(store_card_set_suspended(st, s, true, &msg), 0);
	cr_assert_eq(store_card_set_buried(st, b, NOW + MS_PER_DAY, &msg), 0);
}

Test(interview, due_first_then_weakest_then_new)
{
	struct interview *iv;
	const char *want[] = { "d1", "d3", "d2", "w1", "w3", "w2", "n1", "n2" };

	fixed_collection();
	iv = open_iv(0, 20);
	cr_assert_eq(interview_count(iv), 8, "question cards only, none set aside");
	/*
	 * d1 (most overdue), then d3 before d2 for its new area; w1 the
	 * weakest but w3 (a new area) before w2 (ehr again); then the new.
	 */
	for (size_t i = 0; i < 8; i++)
		cr_expect_str_eq(asked(iv, i), want[i], "question %zu", i + 1);
	interview_free(iv);
}

Test(interview, never_twice_and_as_many_as_asked)
{
	struct interview *iv;
	char *msg = NULL;

	fixed_collection();
	iv = open_iv(0, 3);
	cr_assert_eq(interview_count(iv), 3);
	cr_expect_str_eq(asked(iv, 0), "d1");
	cr_expect_str_eq(asked(iv, 1), "d3");
	cr_expect_str_eq(asked(iv, 2), "d2");
	cr_assert_eq(interview_rate(iv, RATING_EASY, 1, NULL, NOW, &msg), 0);
	cr_assert_null(interview_card(iv), "three questions, three asked");
	interview_free(iv);
}

Test(interview, weakest_by_difficulty_then_lapses)
{
	struct interview_candidate c[3] = {
		{ .card_id = 1, .tier = INTERVIEW_SEEN, .retrievability = 0.8, .difficulty = 5, .lapses = 0, .areas = 1 },
		{ .card_id = 2, .tier = INTERVIEW_SEEN, .retrievability = 0.8, .difficulty = 5, .lapses = 3, .areas = 1 },
		{ .card_id = 3, .tier = INTERVIEW_SEEN, .retrievability = 0.8, .difficulty = 7, .lapses = 0, .areas = 1 },
	};
	size_t picked[3];

	cr_assert_eq(interview_choose(c, 3, 3, picked), 3);
	cr_expect_eq(c[picked[0]].card_id, 3, "the most difficult first");
	cr_expect_eq(c[picked[1]].card_id, 2, "then the most lapses");
	cr_expect_eq(c[picked[2]].card_id, 1);
}

Test(interview, areas_vary_within_a_tier)
{
	/* six new questions, three on one area: the others come between */
	struct interview_candidate c[6];
	size_t picked[6];
	uint64_t areas[6] = { 1, 1, 1, 2, 4, 0 };
	uint64_t seen = 0;

	for (int i = 0; i < 6; i++)
		c[i] = (struct interview_candidate){ .card_id = i + 1,
			.tier = INTERVIEW_NEW,
			.areas = areas[i] };
	cr_assert_eq(interview_choose(c, 6, 4, picked), 4);
	for (int i = 0; i < 4; i++) {
		cr_expect(c[picked[i]].areas == 0 || !(seen & c[picked[i]].areas),
		    "question %d repeats an area while others are left", i + 1);
		seen |= c[picked[i]].areas;
	}
	cr_expect_eq(c[picked[0]].card_id, 1);
	cr_expect_eq(c[picked[1]].card_id, 4);
}

Test(interview, one_deck_only)
{
	struct interview *iv;
	int64_t other;
	char *msg = NULL;

	fixed_collection();
	fixture_add_card(st, &(struct fixture_card){ .deck = "E", .ext_id = "e1", .question = "e1", .tags = "question area:data", .s = { .state = STATE_NEW, .due = 1000 } });
	cr_assert_eq(store_deck_id(st, "E", false, &other, &msg), 0);
	iv = open_iv(other, 6);
	cr_assert_eq(interview_count(iv), 1);
	cr_expect_str_eq(interview_card(iv)->ext_id, "e1");
	interview_free(iv);
}

/* ---- rating, undo, report ---- */

static size_t
n_reviews(int64_t card)
{
	struct review *r;
	size_t n;
	char *msg = NULL;

	cr_assert_eq(store_card_reviews(st, card, &r, &n, &msg), 0);
	free(r);
	return n;
}

Test(interview, ratings_are_reviews_and_undo_takes_them_back)
{
	struct interview *iv;
	struct card before, after;
	int64_t w1, spoken;
	char *msg = NULL, *note;

	fixed_collection();
	cr_assert_eq(store_card_by_ext(st, "w1", &before, &(bool){ false }, &msg), 0);
	w1 = before.id;
	iv = open_iv(0, 4);
	asked(iv, 3); /* three rated Good */
	cr_assert_str_eq(interview_card(iv)->ext_id, "w1");
	/* w1 is not due: an early review */
	cr_assert_eq(interview_rate(iv, RATING_AGAIN, 150000, "Lost the thread",
			 NOW, &msg),
	    0, "%s", fixture_msg(msg));
	cr_assert_eq(n_reviews(w1), 1);
	cr_assert_eq(store_card_get(st, w1, &after, &msg), 0);
	cr_expect_eq(after.s.reps, before.s.reps + 1);
	cr_expect_eq(after.s.lapses, before.s.lapses + 1, "Again is a lapse");
	cr_expect_eq(after.s.last_review, NOW);
	card_clear(&after);

	cr_assert(interview_can_undo(iv));
	cr_assert_eq(interview_undo(iv, &spoken, &note, &msg), 0, "%s",
	    fixture_msg(msg));
	cr_expect_eq(spoken, 150000);
	cr_expect_str_eq(note, "Lost the thread");
	free(note);
	cr_expect_eq(n_reviews(w1), 0);
	cr_assert_eq(store_card_get(st, w1, &after, &msg), 0);
	cr_expect(memcmp(&after.s, &before.s, sizeof(after.s)) == 0,
	    "the card is exactly as before");
	cr_expect_str_eq(interview_card(iv)->ext_id, "w1", "asked again");
	card_clear(&after);
	card_clear(&before);
	interview_free(iv);
}

/* A rating's review lasts at most what a review log may give, so that the
 * log exports and imports again. */
Test(interview, a_rating_lasts_at_most_a_reviews_longest)
{
	struct interview *iv;
	struct review *r;
	size_t n;
	int64_t id;
	char *msg = NULL;

	fixed_collection();
	iv = open_iv(0, 1);
	id = interview_card(iv)->id;
	cr_assert_eq(interview_rate(iv, RATING_GOOD, INT64_MAX, NULL, NOW, &msg),
	    0, "%s", fixture_msg(msg));
	cr_assert_eq(store_card_reviews(st, id, &r, &n, &msg), 0, "%s",
	    fixture_msg(msg));
	cr_assert_eq(n, 1);
	cr_expect_eq(r[0].duration, REVIEW_DURATION_MAX_MS);
	free(r);
	interview_free(iv);
}

Test(interview, undoing_every_rating_leaves_no_interview)
{
	struct interview *iv;
	struct store_interview_sum *sums;
	size_t n;
	char *msg = NULL;

	fixed_collection();
	iv = open_iv(0, 2);
	cr_assert_eq(interview_id(iv), 0, "nothing recorded before a rating");
	asked(iv, 1);
	cr_assert_neq(interview_id(iv), 0);
	cr_assert_eq(interview_undo(iv, NULL, NULL, &msg), 0);
	cr_expect_eq(interview_id(iv), 0);
	cr_assert_eq(store_interview_sums(st, &sums, &n, &msg), 0);
	cr_expect_eq(n, 0);
	store_interview_sums_free(sums, n);
	cr_expect_not(interview_can_undo(iv));
	interview_free(iv);
}

Test(interview, report_and_history)
{
	struct interview *iv;
	struct interview_report r;
	struct store_interview_sum *sums;
	size_t n;
	bool found;
	char *msg = NULL;

	fixed_collection();
	iv = open_iv(0, 6);
	/* d1 communication 4, d3 data 1 (over by 30 s), d2 communication 2 */
	cr_assert_eq(interview_rate(iv, RATING_EASY, 60000, NULL, NOW, &msg), 0);
	cr_assert_eq(interview_rate(iv, RATING_AGAIN, 150000, "Say a figure",
			 NOW, &msg),
	    0);
	cr_assert_eq(interview_rate(iv, RATING_HARD, 120000, NULL, NOW, &msg), 0);
	cr_assert_eq(interview_report_load(st, interview_id(iv), &r, &found, &msg),
	    0, "%s", fixture_msg(msg));
	cr_assert(found);
	cr_assert_eq(r.n, 3, "a partial interview keeps its rated answers");
	cr_expect_str_eq(r.answers[0].question, "d1");
	cr_expect_str_eq(r.answers[1].note, "Say a figure");
	cr_expect_str_eq(r.answers[1].areas, "data");
	cr_expect_float_eq(r.average, 7.0 / 3, 1e-9);
	cr_expect_eq(r.over, 1);
	cr_expect_eq(r.over_total, 30000);
	cr_assert_eq(r.nareas, 2);
	cr_expect_str_eq(r.areas[0].name, "data", "the weakest area first");
	cr_expect_float_eq(r.areas[1].average, 3.0, 1e-9);
	cr_expect_eq(r.iv.planned, 6);
	interview_report_free(&r);

	cr_assert_eq(store_interview_sums(st, &sums, &n, &msg), 0);
	cr_assert_eq(n, 1);
	cr_expect_eq(sums[0].answered, 3);
	cr_expect_eq(sums[0].over_total, 30000);
	cr_expect_eq(sums[0].started, NOW);
	cr_expect_null(sums[0].deck);
	store_interview_sums_free(sums, n);
	interview_free(iv);
}

Test(interview, no_question_cards_is_no_error)
{
	struct interview *iv;

	add("f", "fact", 0, 0, 0, 0);
	iv = open_iv(0, 6);
	cr_expect_eq(interview_count(iv), 0);
	cr_expect_null(interview_card(iv));
	interview_free(iv);
}

Test(interview, answer_times)
{
	static const struct {
		const char *s;
		int64_t ms;
	} good[] = {
		{ "90", 90000 },
		{ "90s", 90000 },
		{ "2m", 120000 },
		{ "1m30s", 90000 },
		{ "1:30", 90000 },
		{ "0:05", 5000 },
		{ "60m", 3600000 },
		{ "1s", 1000 },
	};
	static const char *const bad[] = { "", "0", "61m", "1:3", "1:60",
		"2h", "m", "1m30", "-5", "1.5m", "90 s", "99999" };
	int64_t ms;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		cr_expect_eq(interview_parse_duration(good[i].s, &ms), 0, "%s",
		    good[i].s);
		cr_expect_eq(ms, good[i].ms, "%s", good[i].s);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_expect_eq(interview_parse_duration(bad[i], &ms), -1, "\"%s\"",
		    bad[i]);
}

Test(interview, trend_of_the_statistics)
{
	struct store_interview_sum s[3] = {
		{ .started = NOW, .planned = 6, .answered = 6, .average = 2.0, .over = 2, .over_total = 75000 },
		{ .started = NOW + MS_PER_DAY, .planned = 6, .answered = 2, .average = 3.0 },
		{ .started = NOW + 2 * MS_PER_DAY, .planned = 4, .answered = 4, .average = 3.5, .over = 1, .over_total = 5000 },
	};
	char *t = interview_trend_text(s, 3, 2);

	cr_expect_str_eq(t,
	    "Mock interviews: 3, all decks (ratings 1 to 4)\n"
	    "  2026-11-24 10:00   2 of 6   average 3.00  over time 0 (+0:00)\n"
	    "  2026-11-25 10:00   4 of 4   average 3.50  over time 1 (+0:05)\n"
	    "  Trend: average 2.00 over the first 1, 3.33 over the last 2\n");
	free(t);
	t = interview_trend_text(s, 0, 5);
	cr_expect_str_eq(t, "");
	free(t);
}
