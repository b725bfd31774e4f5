/*
 * test_session.c - src/session.c: answers go through fsrs_next and are
 * committed, previews agree with answers, undo restores cards exactly,
 * bury, suspend, flag, edit, the summary, a frozen clock, and two
 * sessions on one collection.
 *
 * Collections are ":memory:" unless a test needs a second handle on the
 * same file; those live in a temporary directory removed afterwards.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/fsrs.h"
#include "core/queue.h"
#include "core/text.h"
#include "core/session.h"
#include "core/settings.h"
#include "core/store.h"
#include "core/timefmt.h"
#include "core/util.h"
#include "fixtures.h"

#define HOUR (60 * MS_PER_MINUTE)

static struct store *st;
static struct settings set;
static char tmpdir[64];
static char dbfile[128];
static int64_t NOW;

static void
setup(void)
{
	struct tm tm = { .tm_year = 126, .tm_mon = 10, .tm_mday = 23, .tm_hour = 10 };

	fixture_tz("UTC");
	NOW = (int64_t)timegm(&tm) * 1000;
	settings_default(&set);
	st = fixture_store();
}

static void
setup_file(void)
{
	char *msg = NULL;

	setup();
	store_close(st);
	fixture_tmpdir(tmpdir, sizeof(tmpdir));
	snprintf(dbfile, sizeof(dbfile), "%s/c.db", tmpdir);
	cr_assert_eq(store_open(dbfile, &st, &msg), 0, "%s", fixture_msg(msg));
}

static void
teardown(void)
{
	store_close(st);
	st = NULL;
}

static void
teardown_file(void)
{
	teardown();
	fixture_tmpdir_remove(tmpdir);
}

static int64_t
add(const char *deck, const char *q, enum card_state state, int64_t due)
{
	struct sched sc = { .state = state, .due = due };

	if (state != STATE_NEW) {
		/* Learning cards were answered today (intraday learning). */
		sc.last_review = state == STATE_REVIEW
		                     ? due - 4 * MS_PER_DAY - 12345
		                     : (due < NOW ? due : NOW) - 10 * MS_PER_MINUTE;
		sc.stability = 4.25;
		sc.difficulty = 6.5;
		sc.scheduled_days = state == STATE_REVIEW ? 4 : 0;
		sc.learning_step = state == STATE_REVIEW ? 0 : 1;
		sc.reps = 3;
		sc.lapses = state == STATE_RELEARNING ? 1 : 0;
	}
	return fixture_add_card(st, &(struct fixture_card){ .deck = deck,
					.question = q,
					.answer = "the answer",
					.tips = "a tip",
					.tags = "t1 t2",
					.s = sc });
}

static struct card
get(struct store *s, int64_t id)
{
	struct card c;
	char *msg = NULL;

	cr_assert_eq(store_card_get(s, id, &c, &msg), 0, "%s", fixture_msg(msg));
	return c;
}

static size_t
n_reviews(struct store *s, int64_t id)
{
	struct review *r;
	size_t n;

	cr_assert_eq(store_card_reviews(s, id, &r, &n, NULL), 0);
	free(r);
	return n;
}

static int
count_review(const struct review *r, const char *ext, void *ctx, char **errmsg)
{
	(void)r;
	(void)ext;
	(void)errmsg;
	(*(size_t *)ctx)++;
	return 0;
}

static size_t
all_reviews(struct store *s)
{
	size_t n = 0;

	cr_assert_eq(store_reviews_foreach(s, count_review, &n, NULL), 0);
	return n;
}

static void
expect_sched(const struct sched *got, const struct sched *want, const char *what)
{
	cr_assert_eq(got->state, want->state, "%s: state %d, expected %d", what,
	    got->state, want->state);
	cr_assert_eq(got->due, want->due, "%s: due %lld, expected %lld", what,
	    (long long)got->due, (long long)want->due);
	cr_assert_eq(got->last_review, want->last_review, "%s: last_review", what);
	cr_assert_eq(got->stability, want->stability, "%s: stability %.17g,"
						      " expected %.17g",
	    what, got->stability, want->stability);
	cr_assert_eq(got->difficulty, want->difficulty, "%s: difficulty %.17g,"
							" expected %.17g",
	    what, got->difficulty, want->difficulty);
	cr_assert_eq(got->scheduled_days, want->scheduled_days, "%s: scheduled_days",
	    what);
	cr_assert_eq(got->learning_step, want->learning_step, "%s: learning_step",
	    what);
	cr_assert_eq(got->reps, want->reps, "%s: reps", what);
	cr_assert_eq(got->lapses, want->lapses, "%s: lapses", what);
}

static void
expect_card(const struct card *got, const struct card *want, const char *what)
{
	cr_assert_eq(got->id, want->id, "%s: id", what);
	cr_assert_str_eq(got->ext_id, want->ext_id, "%s: ext_id", what);
	cr_assert_eq(got->deck_id, want->deck_id, "%s: deck_id", what);
	cr_assert_str_eq(got->question, want->question, "%s: question", what);
	cr_assert_str_eq(got->answer, want->answer, "%s: answer", what);
	cr_assert_str_eq(got->tips, want->tips, "%s: tips", what);
	cr_assert_str_eq(got->tags, want->tags, "%s: tags", what);
	cr_assert_eq(got->suspended, want->suspended, "%s: suspended", what);
	cr_assert_eq(got->flagged, want->flagged, "%s: flagged", what);
	cr_assert_eq(got->buried_until, want->buried_until, "%s: buried_until %lld,"
							    " expected %lld",
	    what, (long long)got->buried_until,
	    (long long)want->buried_until);
	expect_sched(&got->s, &want->s, what);
}

/* fsrs_next for the same inputs as a session answer at t. */
static void
expected_after(const struct sched *before, int64_t t, enum rating r,
    struct sched *out)
{
	fsrs_next(&set.fsrs, before, t, queue_elapsed_days(before->last_review, t, set.day_starts_at), r, out);
}

static struct session *
open_session(struct store *s, int64_t deck_id, int64_t now)
{
	struct session *se;
	char *msg = NULL;

	cr_assert_eq(session_open(s, &set, deck_id, now, &se, &msg), 0, "%s", fixture_msg(msg));
	return se;
}

static void
answer(struct session *se, enum rating r, int64_t now, int64_t duration)
{
	char *msg = NULL;

	cr_assert_eq(session_answer(se, r, now, duration, &msg), 0, "%s", fixture_msg(msg));
}

TestSuite(session, .init = setup, .fini = teardown);
TestSuite(session_file, .init = setup_file, .fini = teardown_file);

/* ---- answers ---- */

Test(session_file, answer_is_fsrs_next_and_committed)
{
	struct store *other;
	struct session *se;
	const struct card *c;
	char *msg = NULL;
	enum rating ratings[] = { RATING_GOOD, RATING_HARD, RATING_AGAIN, RATING_EASY };
	int k = 0;

	add("D", "new", STATE_NEW, 1000);
	add("D", "review", STATE_REVIEW, NOW - MS_PER_DAY);
	add("D", "relearning", STATE_RELEARNING, NOW - MS_PER_MINUTE);
	add("D", "learning", STATE_LEARNING, NOW - 2 * MS_PER_MINUTE);
	cr_assert_eq(store_open(dbfile, &other, &msg), 0, "%s", fixture_msg(msg));
	se = open_session(st, 0, NOW);
	while ((c = session_card(se)) != NULL && k < 4) {
		struct card before = get(st, c->id), after, seen;
		struct sched want;
		struct review *rv;
		size_t n;
		int64_t t = NOW + k * 7 * MS_PER_MINUTE;
		enum rating r = ratings[k++];

		expected_after(&before.s, t, r, &want);
		answer(se, r, t, 4321 + k);
		after = get(st, before.id);
		expect_sched(&after.s, &want, before.question);
		/* Committed: another connection sees the answer. */
		seen = get(other, before.id);
		expect_sched(&seen.s, &want, "seen from another handle");
		cr_assert_eq(store_card_reviews(other, before.id, &rv, &n, NULL), 0);
		cr_assert_eq(n, 1, "%s: %zu reviews", before.question, n);
		cr_assert_eq(rv[0].time, t);
		cr_assert_eq(rv[0].rating, r);
		cr_assert_eq(rv[0].state, before.s.state);
		cr_assert_eq(rv[0].duration, 4321 + k);
		expect_sched(&rv[0].before, &before.s, "the review's before");
		free(rv);
		card_clear(&before);
		card_clear(&after);
		card_clear(&seen);
	}
	cr_assert_eq(k, 4);
	session_free(se);
	store_close(other);
}

Test(session, answer_checks_its_arguments)
{
	struct session *se;
	char *msg = NULL;

	add("D", "q", STATE_NEW, 1000);
	se = open_session(st, 0, NOW);
	cr_assert_eq(session_answer(se, 0, NOW, 0, &msg), -1);
	cr_assert_not_null(msg);
	free(msg);
	msg = NULL;
	cr_assert_eq(session_answer(se, 5, NOW, 0, &msg), -1);
	free(msg);
	msg = NULL;
	cr_assert_eq(all_reviews(st), 0);
	answer(se, RATING_EASY, NOW, 0);
	cr_assert_null(session_card(se));
	cr_assert_eq(session_answer(se, RATING_GOOD, NOW, 0, &msg), -1);
	free(msg);
	session_free(se);
}

/* ---- preview ---- */

static void
check_preview(int64_t id, int64_t now)
{
	struct session *se = open_session(st, 0, now);
	int64_t due[4];
	char *msg = NULL;

	cr_assert_not_null(session_card(se));
	cr_assert_eq(session_card(se)->id, id);
	session_preview(se, now, due);
	for (int r = RATING_AGAIN; r <= RATING_EASY; r++) {
		struct card after;

		answer(se, (enum rating)r, now, 0);
		after = get(st, id);
		cr_assert_eq(after.s.due, due[r - 1], "card %lld, rating %d: due %lld,"
						      " preview said %lld",
		    (long long)id, r, (long long)after.s.due,
		    (long long)due[r - 1]);
		card_clear(&after);
		cr_assert_eq(session_undo(se, now, &msg), 0, "%s", fixture_msg(msg));
		cr_assert_eq(session_card(se)->id, id);
	}
	session_free(se);
}

Test(session, preview_new)
{
	check_preview(add("D", "q", STATE_NEW, 1000), NOW);
}

Test(session, preview_learning)
{
	check_preview(add("D", "q", STATE_LEARNING, NOW - 3 * MS_PER_MINUTE), NOW);
}

Test(session, preview_relearning)
{
	check_preview(add("D", "q", STATE_RELEARNING, NOW - 3 * MS_PER_MINUTE), NOW);
}

Test(session, preview_review_overdue)
{
	check_preview(add("D", "q", STATE_REVIEW, NOW - 20 * MS_PER_DAY), NOW);
}

Test(session, preview_at_a_frozen_clock)
{
	struct session *se;
	int64_t id = add("D", "q", STATE_NEW, 1000);

	/* Good: ten minutes; learn-ahead brings it back at the same now,
	 * when the answer is recorded a millisecond later. */
	se = open_session(st, 0, NOW);
	answer(se, RATING_GOOD, NOW, 0);
	session_free(se);
	check_preview(id, NOW);
}

Test(session, preview_without_card)
{
	struct session *se = open_session(st, 0, NOW);
	int64_t due[4] = { 1, 2, 3, 4 };

	cr_assert_null(session_card(se));
	session_preview(se, NOW, due);
	for (int i = 0; i < 4; i++)
		cr_assert_eq(due[i], 0);
	session_free(se);
}

/* ---- undo ---- */

struct step {
	struct card before;
	size_t reviews;
};

Test(session, undo_a_whole_session)
{
	static struct step steps[200];
	enum rating rot[] = { RATING_AGAIN, RATING_HARD, RATING_GOOD, RATING_EASY,
		RATING_GOOD };
	struct session *se;
	const struct card *c;
	char *msg = NULL;
	int n = 0;
	int64_t t = NOW, x;

	add("D", "new1", STATE_NEW, 1000);
	add("D", "new2", STATE_NEW, 2000);
	add("D", "new3", STATE_NEW, 3000);
	add("D", "rev1", STATE_REVIEW, NOW - MS_PER_DAY);
	add("D", "rev2", STATE_REVIEW, NOW - 9 * MS_PER_DAY);
	add("E", "rev3", STATE_REVIEW, NOW - 2 * HOUR);
	add("E", "learn1", STATE_LEARNING, NOW - MS_PER_MINUTE);
	add("E", "relearn1", STATE_RELEARNING, NOW - 4 * MS_PER_MINUTE);
	/* A bury that ended yesterday and a flag: both stay as they were. */
	x = add("E", "rev4", STATE_REVIEW, NOW - 3 * MS_PER_DAY);
	cr_assert_eq(store_card_set_buried(st, x, NOW - 6 * HOUR, NULL), 0);
	cr_assert_eq(store_card_set_flagged(st, x, true, NULL), 0);

	se = open_session(st, 0, t);
	while ((c = session_card(se)) != NULL) {
		cr_assert_lt(n, 200, "the session does not end");
		steps[n].before = get(st, c->id);
		expect_card(c, &steps[n].before, "the session's card");
		steps[n].reviews = n_reviews(st, c->id);
		answer(se, rot[n % 5], t, 1000 + n);
		n++;
		/* Some answers at the same time, some later. */
		if (n % 3 == 0)
			t += 4 * MS_PER_MINUTE;
	}
	cr_assert_gt(n, 12, "only %d answers", n);
	cr_assert_eq(all_reviews(st), (size_t)n);
	while (n > 0) {
		struct card now_stored;
		char what[64];

		n--;
		cr_assert(session_can_undo(se));
		cr_assert_eq(session_undo(se, t, &msg), 0, "%s", fixture_msg(msg));
		snprintf(what, sizeof(what), "undo %d (%s)", n, steps[n].before.question);
		cr_assert_not_null(session_card(se));
		expect_card(session_card(se), &steps[n].before, what);
		now_stored = get(st, steps[n].before.id);
		expect_card(&now_stored, &steps[n].before, what);
		card_clear(&now_stored);
		cr_assert_eq(n_reviews(st, steps[n].before.id), steps[n].reviews,
		    "%s: review rows", what);
		card_clear(&steps[n].before);
	}
	cr_assert(!session_can_undo(se));
	cr_assert_eq(session_undo(se, t, &msg), -1);
	free(msg);
	cr_assert_eq(all_reviews(st), 0);
	session_free(se);
}

Test(session, undo_after_learning_card_came_back)
{
	struct session *se;
	struct card fresh, learning, back;
	int64_t id = add("D", "q", STATE_NEW, 1000);
	char *msg = NULL;

	fresh = get(st, id);
	se = open_session(st, 0, NOW);
	answer(se, RATING_GOOD, NOW, 100);
	/* Due in ten minutes: back by learn-ahead. */
	cr_assert_not_null(session_card(se));
	cr_assert_eq(session_card(se)->id, id);
	cr_assert_eq(session_card(se)->s.state, STATE_LEARNING);
	learning = get(st, id);
	answer(se, RATING_GOOD, NOW + 11 * MS_PER_MINUTE, 200);
	cr_assert_null(session_card(se));
	back = get(st, id);
	cr_assert_eq(back.s.state, STATE_REVIEW);
	card_clear(&back);
	cr_assert_eq(n_reviews(st, id), 2);

	cr_assert_eq(session_undo(se, NOW + 12 * MS_PER_MINUTE, &msg), 0, "%s", fixture_msg(msg));
	expect_card(session_card(se), &learning, "first undo");
	back = get(st, id);
	expect_card(&back, &learning, "first undo, stored");
	card_clear(&back);
	cr_assert_eq(n_reviews(st, id), 1);

	cr_assert_eq(session_undo(se, NOW + 12 * MS_PER_MINUTE, &msg), 0, "%s", fixture_msg(msg));
	expect_card(session_card(se), &fresh, "second undo");
	back = get(st, id);
	expect_card(&back, &fresh, "second undo, stored");
	card_clear(&back);
	cr_assert_eq(n_reviews(st, id), 0);
	cr_assert(!session_can_undo(se));

	/* Answering again after the undo works as the first time did. */
	answer(se, RATING_GOOD, NOW, 100);
	back = get(st, id);
	expect_card(&back, &learning, "answered again");
	card_clear(&back);
	card_clear(&fresh);
	card_clear(&learning);
	session_free(se);
}

Test(session, undo_restores_counts)
{
	struct session *se;
	struct queue_counts before, after;
	char *msg = NULL;

	add("D", "n", STATE_NEW, 1000);
	add("D", "r", STATE_REVIEW, NOW - MS_PER_DAY);
	se = open_session(st, 0, NOW);
	session_counts(se, &before);
	answer(se, RATING_EASY, NOW, 0);
	answer(se, RATING_EASY, NOW, 0);
	cr_assert_null(session_card(se));
	cr_assert_eq(session_undo(se, NOW, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(session_undo(se, NOW, &msg), 0, "%s", fixture_msg(msg));
	session_counts(se, &after);
	cr_assert_eq(after.new_cards, before.new_cards);
	cr_assert_eq(after.review, before.review);
	cr_assert_eq(after.learning, before.learning);
	session_free(se);
}

/* ---- bury, suspend, flag, edit ---- */

Test(session, bury_until_the_next_day)
{
	struct session *se, *later;
	struct card c;
	int64_t a, b, end = timefmt_study_day_after(NOW, 1, set.day_starts_at);
	char *msg = NULL;

	a = add("D", "a", STATE_REVIEW, NOW - 2 * MS_PER_DAY);
	b = add("D", "b", STATE_REVIEW, NOW - MS_PER_DAY);
	se = open_session(st, 0, NOW);
	cr_assert_eq(session_card(se)->id, a);
	cr_assert_eq(session_bury(se, NOW, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(session_card(se)->id, b);
	answer(se, RATING_EASY, NOW, 0);
	cr_assert_null(session_card(se), "the buried card is gone for today");
	session_free(se);
	c = get(st, a);
	cr_assert_eq(c.buried_until, end);
	expect_sched(&c.s, &(struct sched){ .state = STATE_REVIEW, .due = NOW - 2 * MS_PER_DAY, .last_review = NOW - 6 * MS_PER_DAY - 12345, .stability = 4.25, .difficulty = 6.5, .scheduled_days = 4, .reps = 3 },
	    "a buried card keeps its schedule");
	card_clear(&c);
	cr_assert_eq(n_reviews(st, a), 0);
	later = open_session(st, 0, end - 1);
	cr_assert_null(session_card(later));
	session_free(later);
	later = open_session(st, 0, end);
	cr_assert_not_null(session_card(later));
	cr_assert_eq(session_card(later)->id, a);
	session_free(later);
}

Test(session, bury_a_new_card)
{
	struct session *se;
	struct queue_counts qc;
	int64_t end = timefmt_study_day_after(NOW, 1, set.day_starts_at);
	char *msg = NULL;

	add("D", "a", STATE_NEW, 1000);
	se = open_session(st, 0, NOW);
	cr_assert_eq(session_bury(se, NOW, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_null(session_card(se));
	session_counts(se, &qc);
	cr_assert_eq(qc.new_cards, 0);
	session_free(se);
	se = open_session(st, 0, end);
	cr_assert_not_null(session_card(se));
	session_free(se);
}

Test(session, suspend_is_for_good)
{
	struct session *se;
	struct card c;
	int64_t a;
	char *msg = NULL;

	a = add("D", "a", STATE_REVIEW, NOW - MS_PER_DAY);
	se = open_session(st, 0, NOW);
	cr_assert_eq(session_suspend(se, NOW, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_null(session_card(se));
	session_free(se);
	c = get(st, a);
	cr_assert(c.suspended);
	card_clear(&c);
	for (int d = 1; d < 800; d += 97) {
		se = open_session(st, 0, NOW + d * MS_PER_DAY);
		cr_assert_null(session_card(se), "day %d", d);
		session_free(se);
	}
}

Test(session, flag_toggles)
{
	struct session *se;
	struct card c;
	int64_t a;
	char *msg = NULL;

	a = add("D", "a", STATE_NEW, 1000);
	se = open_session(st, 0, NOW);
	cr_assert(!session_card(se)->flagged);
	cr_assert_eq(session_toggle_flag(se, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(session_card(se)->id, a, "the card stays");
	cr_assert(session_card(se)->flagged);
	c = get(st, a);
	cr_assert(c.flagged);
	card_clear(&c);
	cr_assert_eq(session_toggle_flag(se, &msg), 0, "%s", fixture_msg(msg));
	cr_assert(!session_card(se)->flagged);
	c = get(st, a);
	cr_assert(!c.flagged);
	card_clear(&c);
	cr_assert_eq(all_reviews(st), 0);
	session_free(se);
}

Test(session, edit_keeps_history)
{
	struct session *se;
	struct card before, after;
	int64_t a = add("D", "old question", STATE_NEW, 1000);
	char *msg = NULL;

	se = open_session(st, 0, NOW);
	answer(se, RATING_GOOD, NOW, 0);
	cr_assert_eq(session_card(se)->id, a);
	cr_assert_eq(session_toggle_flag(se, NULL), 0);
	before = get(st, a);
	cr_assert(before.flagged);
	cr_assert_eq(session_edit(se, "new question", "new answer", "new tip",
			 "  b   a\tc b\na ", NOW + 1000, &msg),
	    0, "%s", fixture_msg(msg));
	cr_assert(!session_card(se)->flagged, "the edit answers the flag");
	cr_assert_str_eq(session_card(se)->question, "new question");
	after = get(st, a);
	cr_assert_str_eq(after.question, "new question");
	cr_assert_str_eq(after.answer, "new answer");
	cr_assert_str_eq(after.tips, "new tip");
	cr_assert_str_eq(after.tags, "b a c", "each tag once, in first order");
	cr_assert(!after.flagged, "the edit clears the flag in the collection");
	cr_assert_str_eq(after.ext_id, before.ext_id, "the card keeps its id");
	expect_sched(&after.s, &before.s, "edit keeps the schedule");
	cr_assert_eq(n_reviews(st, a), 1, "edit keeps the reviews");
	card_clear(&after);

	/* An empty question changes nothing. */
	for (const char *const *q = (const char *const[]){ "", "  ", " \t\n", NULL };
	     *q != NULL; q++) {
		msg = NULL;
		cr_assert_eq(session_edit(se, *q, "x", "y", "z", NOW + 2000, &msg), -1,
		    "question \"%s\" accepted", *q);
		cr_assert_not_null(msg);
		free(msg);
		after = get(st, a);
		cr_assert_str_eq(after.question, "new question");
		cr_assert_str_eq(after.answer, "new answer");
		cr_assert_str_eq(after.tips, "new tip");
		cr_assert_str_eq(after.tags, "b a c");
		card_clear(&after);
		cr_assert_str_eq(session_card(se)->question, "new question");
		cr_assert_str_eq(session_card(se)->answer, "new answer");
	}
	msg = NULL;
	cr_assert_eq(session_edit(se, "q\xff", "x", "y", "z", NOW, &msg), -1);
	free(msg);
	/* And the session goes on with the edited card. */
	answer(se, RATING_GOOD, NOW + 11 * MS_PER_MINUTE, 0);
	cr_assert_eq(n_reviews(st, a), 2);
	card_clear(&before);
	session_free(se);
}

/* ---- summary ---- */

Test(session, summary_counts)
{
	struct session *se;
	struct session_summary sum;
	char *msg = NULL;

	set.new_per_day = 2;
	add("D", "n1", STATE_NEW, 1000);
	add("D", "n2", STATE_NEW, 2000);
	add("D", "n3", STATE_NEW, 3000);
	se = open_session(st, 0, NOW);
	cr_assert_eq(session_summary(se, NOW, &sum, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(sum.reviewed, 0);
	cr_assert_eq(sum.again, 0);
	cr_assert_eq(sum.time_spent, 0);
	answer(se, RATING_AGAIN, NOW, 1500);
	answer(se, RATING_EASY, NOW, 2500);
	/* The first card, due in a minute, comes back by learn-ahead. */
	cr_assert_not_null(session_card(se));
	answer(se, RATING_EASY, NOW + 2 * MS_PER_MINUTE, 1000);
	cr_assert_null(session_card(se));
	cr_assert_eq(session_summary(se, NOW + 2 * MS_PER_MINUTE, &sum, &msg), 0,
	    "%s", fixture_msg(msg));
	cr_assert_eq(sum.reviewed, 3);
	/* three answers, to two cards */
	cr_assert_eq(sum.cards, 2);
	cr_assert_eq(sum.again, 1);
	cr_assert_eq(sum.time_spent, 5000);
	/* The third new card waits for tomorrow's limit. */
	cr_assert_eq(sum.next_due, timefmt_study_day_after(NOW, 1, set.day_starts_at));

	cr_assert_eq(session_undo(se, NOW + 3 * MS_PER_MINUTE, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(session_summary(se, NOW + 3 * MS_PER_MINUTE, &sum, &msg), 0);
	cr_assert_eq(sum.reviewed, 2);
	cr_assert_eq(sum.cards, 2);
	cr_assert_eq(sum.again, 1);
	cr_assert_eq(sum.time_spent, 4000);
	cr_assert_eq(session_undo(se, NOW + 3 * MS_PER_MINUTE, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(session_undo(se, NOW + 3 * MS_PER_MINUTE, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(session_summary(se, NOW + 3 * MS_PER_MINUTE, &sum, &msg), 0);
	cr_assert_eq(sum.reviewed, 0);
	cr_assert_eq(sum.cards, 0);
	cr_assert_eq(sum.again, 0);
	cr_assert_eq(sum.time_spent, 0);
	session_free(se);
}

Test(session, summary_next_due_is_the_earliest_card)
{
	struct session *se;
	struct session_summary sum;
	struct card a, b;
	int64_t ia = add("D", "a", STATE_REVIEW, NOW - MS_PER_DAY);
	int64_t ib = add("D", "b", STATE_REVIEW, NOW - MS_PER_DAY);
	int64_t later = timefmt_study_day_after(NOW, 1, set.day_starts_at) + HOUR;
	char *msg = NULL;

	add("Other", "c", STATE_REVIEW, later);
	se = open_session(st, 0, NOW);
	answer(se, RATING_EASY, NOW, 0);
	answer(se, RATING_HARD, NOW, 0);
	cr_assert_null(session_card(se));
	session_free(se);
	a = get(st, ia);
	b = get(st, ib);
	/* All decks: the other deck's card, due tomorrow, is shown from the
	 * day's start. */
	se = open_session(st, 0, NOW);
	cr_assert_eq(session_summary(se, NOW, &sum, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(sum.next_due, later - HOUR);
	session_free(se);
	/* Deck D alone: its earliest card. */
	{
		int64_t d;

		cr_assert_eq(store_deck_id(st, "D", false, &d, NULL), 0);
		se = open_session(st, d, NOW);
		cr_assert_eq(session_summary(se, NOW, &sum, &msg), 0, "%s", fixture_msg(msg));
		cr_assert_eq(sum.next_due,
		    timefmt_day_start(timefmt_study_day(a.s.due < b.s.due ? a.s.due : b.s.due, set.day_starts_at),
			set.day_starts_at));
		session_free(se);
	}
	card_clear(&a);
	card_clear(&b);
}

Test(session, summary_nothing_left)
{
	struct session *se = open_session(st, 0, NOW);
	struct session_summary sum;

	cr_assert_eq(session_summary(se, NOW, &sum, NULL), 0);
	cr_assert_eq(sum.reviewed, 0);
	cr_assert_eq(sum.next_due, 0);
	session_free(se);
}

/* ---- time ---- */

Test(session, frozen_clock_records_distinct_answers)
{
	struct session *se;
	struct review *rv;
	size_t n;
	int64_t id = add("D", "q", STATE_NEW, 1000);

	se = open_session(st, 0, NOW);
	answer(se, RATING_AGAIN, NOW, 0);
	cr_assert_eq(session_card(se)->id, id, "back by learn-ahead");
	answer(se, RATING_GOOD, NOW, 0);
	cr_assert_eq(session_card(se)->id, id);
	answer(se, RATING_GOOD, NOW, 0);
	cr_assert_eq(store_card_reviews(st, id, &rv, &n, NULL), 0);
	cr_assert_eq(n, 3);
	cr_assert_lt(rv[0].time, rv[1].time);
	cr_assert_lt(rv[1].time, rv[2].time);
	cr_assert_eq(rv[0].time, NOW);
	cr_assert_eq(rv[1].rating, RATING_GOOD);
	/* Each review's "before" is the state the previous one left. */
	cr_assert_eq(rv[1].before.reps, 1);
	cr_assert_eq(rv[2].before.reps, 2);
	free(rv);
	session_free(se);
}

Test(session, clock_stepped_back)
{
	struct session *se;
	struct review *rv;
	size_t n;
	int64_t id = add("D", "q", STATE_NEW, 1000);

	se = open_session(st, 0, NOW);
	answer(se, RATING_AGAIN, NOW, 0);
	answer(se, RATING_GOOD, NOW - HOUR, 0);
	cr_assert_eq(store_card_reviews(st, id, &rv, &n, NULL), 0);
	cr_assert_eq(n, 2);
	cr_assert_gt(rv[1].time, rv[0].time);
	free(rv);
	session_free(se);
}

/*
 * A card whose last review lies outside the valid range (imports refuse
 * such times now; an older collection may hold them) is answered at now,
 * and one reviewed at the very end of the range stays inside it: no
 * overflow (INT64_MAX + 1 was one), times in the range.
 */
Test(session, last_review_at_or_past_the_range_end)
{
	static const int64_t lasts[] = { INT64_MAX, TIMEFMT_MAX_MS + 1,
		TIMEFMT_MAX_MS, INT64_MIN };

	for (size_t i = 0; i < sizeof(lasts) / sizeof(lasts[0]); i++) {
		char q[8];
		int64_t id, due[4];
		struct card c;
		struct session *se;
		struct review *rv;
		size_t n;

		snprintf(q, sizeof(q), "q%zu", i);
		id = add("D", q, STATE_REVIEW, NOW - HOUR);
		c = get(st, id);
		c.s.last_review = lasts[i];
		cr_assert_eq(store_card_set_sched(st, id, &c.s, NULL), 0);
		card_clear(&c);
		se = open_session(st, 0, NOW);
		cr_assert_eq(session_card(se)->id, id);
		session_preview(se, NOW, due);
		for (int r = 0; r < 4; r++)
			cr_expect(timefmt_valid(due[r]), "case %zu: %lld", i,
			    (long long)due[r]);
		answer(se, RATING_GOOD, NOW, 0);
		cr_assert_eq(store_card_reviews(st, id, &rv, &n, NULL), 0);
		cr_assert_eq(n, 1);
		c = get(st, id);
		if (lasts[i] == TIMEFMT_MAX_MS) {
			cr_expect_eq(rv[0].time, TIMEFMT_MAX_MS);
			cr_expect_eq(c.s.due, TIMEFMT_MAX_MS);
		} else {
			cr_expect_eq(rv[0].time, NOW, "case %zu", i);
			cr_expect_gt(c.s.due, NOW);
		}
		cr_expect(timefmt_valid(c.s.due), "case %zu", i);
		card_clear(&c);
		free(rv);
		session_free(se);
		/* Out of the way of the next case. */
		cr_assert_eq(store_card_set_suspended(st, id, true, NULL), 0);
	}
}

Test(session, refresh_brings_back_a_learning_card)
{
	struct session *se;
	int64_t id = add("D", "q", STATE_NEW, 1000);
	char *msg = NULL;

	set.fsrs.learning_steps[0] = 60; /* Again: an hour */
	se = open_session(st, 0, NOW);
	answer(se, RATING_AGAIN, NOW, 0);
	cr_assert_null(session_card(se), "an hour is beyond learn-ahead");
	cr_assert_eq(session_refresh(se, NOW + 30 * MS_PER_MINUTE, &msg), 0);
	cr_assert_null(session_card(se));
	cr_assert_eq(session_refresh(se, NOW + 41 * MS_PER_MINUTE, &msg), 0);
	cr_assert_not_null(session_card(se), "within 20 minutes of its step");
	cr_assert_eq(session_card(se)->id, id);
	session_free(se);
}

/* ---- two sessions on one collection ---- */

/* Answers the card shown first on the collection, in a process of its
 * own, as another rehearse would; exits 0 when it did. */
static void
answer_in_another_process(int64_t id, enum rating r, int64_t now)
{
	pid_t pid = fork();
	int status;

	cr_assert_neq(pid, -1);
	if (pid == 0) {
		struct store *other;
		struct session *se;
		char *msg = NULL;
		int ok = store_open(dbfile, &other, &msg) == 0 &&
		         session_open(other, &set, 0, now, &se, &msg) == 0 &&
		         session_card(se) != NULL && session_card(se)->id == id &&
		         session_answer(se, r, now, 0, &msg) == 0;

		_exit(ok ? 0 : 1);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "the other process could not answer");
}

/*
 * Two rehearse processes show the same card; the second answer, given to
 * a card that has changed since it was shown, is not recorded: the
 * session says so and moves on.
 */
Test(session_file, an_answer_to_a_card_changed_elsewhere_is_not_recorded)
{
	struct session *s1;
	struct card after;
	/* Due a day apart: the earlier day's review comes first. */
	int64_t id = add("D", "shared", STATE_REVIEW, NOW - 2 * MS_PER_DAY);
	int64_t other = add("D", "other", STATE_REVIEW, NOW - MS_PER_DAY);
	char *msg = NULL;
	struct session_summary sum;

	s1 = open_session(st, 0, NOW);
	cr_assert_eq(session_card(s1)->id, id);
	answer_in_another_process(id, RATING_AGAIN, NOW);
	after = get(st, id);
	cr_assert_eq(n_reviews(st, id), 1);

	cr_assert_eq(session_answer(s1, RATING_GOOD, NOW + 1, 0, &msg),
	    SESSION_CHANGED, "%s", fixture_msg(msg));
	cr_assert_eq(n_reviews(st, id), 1, "the second answer was recorded");
	{
		struct card still = get(st, id);

		expect_sched(&still.s, &after.s, "the card after the other answer");
		card_clear(&still);
	}
	/* Moved on: the other card, and the answer not counted. */
	cr_assert_not_null(session_card(s1));
	cr_assert_eq(session_card(s1)->id, other);
	cr_assert_eq(session_summary(s1, NOW, &sum, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(sum.reviewed, 0);
	cr_assert_not(session_can_undo(s1));
	card_clear(&after);
	session_free(s1);
}

Test(session_file, sessions_interleaved_on_many_cards)
{
	struct store *st2;
	struct session *s1, *s2;
	size_t total = 0;
	char *msg = NULL;
	int answered = 0;

	for (int i = 0; i < 10; i++) {
		char q[16];

		snprintf(q, sizeof(q), "q%d", i);
		add("D", q, STATE_REVIEW, NOW - MS_PER_DAY - i);
	}
	cr_assert_eq(store_open(dbfile, &st2, &msg), 0, "%s", fixture_msg(msg));
	s1 = open_session(st, 0, NOW);
	s2 = open_session(st2, 0, NOW);
	for (int i = 0; i < 30 && (session_card(s1) || session_card(s2)); i++) {
		struct session *se = i % 2 ? s2 : s1;

		int rc;

		if (session_card(se) == NULL)
			continue;
		rc = session_answer(se, RATING_GOOD, NOW + i * 1000, 0, &msg);
		cr_assert(rc == 0 || rc == SESSION_CHANGED, "%s", fixture_msg(msg));
		answered += rc == 0;
	}
	/* Each card answered once: an answer to a card the other session
	 * answered first is not recorded. */
	total = all_reviews(st2);
	cr_assert_eq(answered, 10, "the two sessions answered %d cards",
	    answered);
	cr_assert_eq(total, (size_t)answered);
	session_free(s1);
	session_free(s2);
	store_close(st2);
}

/* ---- days, not hours, across a daylight-saving change ---- */

/* Answers a review card of stability s, last seen the day before t, with
 * each rating in New York at day-starts-at 4, and checks that every
 * interval of N days ends on the study day N days after t's; *two counts
 * the answers of exactly 2 days. */
static void
answer_across_dst(int64_t t, double s, int *two)
{
	for (int r = RATING_AGAIN; r <= RATING_EASY; r++) {
		struct session *se;
		struct card c;
		int64_t id;
		char q[32];

		snprintf(q, sizeof(q), "q %g %d %lld", s, r, (long long)t);
		id = fixture_add_card(st, &(struct fixture_card){ .deck = "D",
					      .question = q,
					      .s = { .state = STATE_REVIEW,
						  .due = t - MS_PER_DAY,
						  .last_review = t - MS_PER_DAY,
						  .stability = s,
						  .difficulty = 9,
						  .scheduled_days = 1,
						  .reps = 4 } });
		se = open_session(st, 0, t);
		cr_assert_eq(session_card(se)->id, id);
		answer(se, (enum rating)r, t, 0);
		session_free(se);
		c = get(st, id);
		if (c.s.scheduled_days > 0 && c.s.state == STATE_REVIEW)
			cr_assert_eq(timefmt_study_day(c.s.due, 4),
			    timefmt_study_day(t, 4) + c.s.scheduled_days,
			    "S %g rating %d: %d days from %lld end on day %lld",
			    s, r, c.s.scheduled_days, (long long)t,
			    (long long)timefmt_study_day(c.s.due, 4));
		*two += c.s.scheduled_days == 2;
		cr_assert_eq(store_card_set_suspended(st, id, true, NULL), 0);
		card_clear(&c);
	}
}

Test(session, intervals_are_study_days_across_dst)
{
	/* Sat 2026-03-07 03:30 EST (clocks spring forward on Sunday) and
	 * Sat 2026-10-31 04:30 EDT (they fall back on Sunday 1 November). */
	int64_t spring = fixture_utc(2026, 3, 7, 8, 30);
	int64_t fall = fixture_utc(2026, 10, 31, 8, 30);
	int two = 0;

	if (!fixture_have_zone("America/New_York"))
		cr_skip_test("no zone data for America/New_York");
	fixture_tz("America/New_York");
	set.day_starts_at = 4;
	set.fsrs.fuzz = false;
	for (double s = 0.25; s <= 4; s += 0.25) {
		answer_across_dst(spring, s, &two);
		answer_across_dst(fall, s, &two);
	}
	cr_assert_gt(two, 0, "no answer gave 2 days");
}

/* ---- previews against ts-fsrs on learning and relearning cards ---- */

/* Replays one case of preview_vectors.txt from the line after "case":
 * answers through a session, then compares the preview. */
static void
replay_preview_case(FILE *f, const char *name, int64_t card_id)
{
	char line[256];

	while (fgets(line, sizeof(line), f) != NULL) {
		long long t, d[4];
		int r;
		struct session *se;

		if (sscanf(line, "answer %lld %d", &t, &r) == 2) {
			se = open_session(st, 0, t);
			cr_assert_not_null(session_card(se), "%s: no card at %lld", name, t);
			cr_assert_eq(session_card(se)->id, card_id, "%s", name);
			answer(se, (enum rating)r, t, 0);
			session_free(se);
			continue;
		}
		cr_assert_eq(sscanf(line, "preview %lld %lld %lld %lld %lld", &t, &d[0],
				 &d[1], &d[2], &d[3]),
		    5, "%s: bad line %s", name, line);
		se = open_session(st, 0, t);
		cr_assert_not_null(session_card(se), "%s: no card at %lld", name, t);
		{
			int64_t due[4];

			session_preview(se, t, due);
			for (int i = 0; i < 4; i++)
				cr_expect_eq(due[i] - t, d[i], "%s: rating %d gives %lld ms, ts-fsrs %lld",
				    name, i + 1, (long long)(due[i] - t), d[i]);
		}
		session_free(se);
		return;
	}
	cr_assert_fail("%s: no preview line", name);
}

/* "3 Good 1d  4 Easy 1d" on a relearning card is ts-fsrs's own answer:
 * both grades graduate the card with the same 1-day interval. */
Test(session, previews_match_ts_fsrs_on_learning_cards)
{
	char *path = fixture_data_path("preview_vectors.txt"), line[256];
	FILE *f = fopen(path, "r");
	int cases = 0;

	cr_assert_not_null(f, "%s", path);
	set.day_starts_at = 0;
	set.fsrs.fuzz = false;
	while (fgets(line, sizeof(line), f) != NULL) {
		char name[128];
		int64_t id;

		if (strncmp(line, "case ", 5) != 0)
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(line + 5, "\n"), line + 5);
		id = fixture_add_card(st, &(struct fixture_card){ .deck = "P",
					      .question = name,
					      .s = { .state = STATE_NEW, .due = 1000 } });
		replay_preview_case(f, name, id);
		cr_assert_eq(store_card_set_suspended(st, id, true, NULL), 0);
		cases++;
	}
	fclose(f);
	free(path);
	cr_assert_eq(cases, 8);
}

/* A card is answered with its deck's own retention. */
Test(session, answers_use_the_decks_retention)
{
	struct session *se;
	struct sched want;
	struct settings deck_set = set;
	struct card c;
	int64_t d, id = add("Own", "q", STATE_REVIEW, NOW - MS_PER_DAY);
	char *msg = NULL;

	cr_assert_eq(store_deck_id(st, "Own", false, &d, NULL), 0);
	cr_assert_eq(settings_set_deck(st, d, "retention", "0.97", &msg), 0, "%s",
	    fixture_msg(msg));
	deck_set.fsrs.retention = 0.97;
	c = get(st, id);
	fsrs_next(&deck_set.fsrs, &c.s, NOW,
	    queue_elapsed_days(c.s.last_review, NOW, set.day_starts_at), RATING_GOOD,
	    &want);
	card_clear(&c);
	se = open_session(st, 0, NOW);
	answer(se, RATING_GOOD, NOW, 0);
	session_free(se);
	c = get(st, id);
	cr_assert_eq(c.s.due, want.due, "not the deck's retention");
	card_clear(&c);
}

/* ---- leeches ---- */

/* A review card with `lapses` lapses, answered Again in a session; the
 * card after, and what the session says became of it. */
static struct card
lapse_tagged(int lapses, const char *tags, enum session_leech *leech,
    bool *untagged, int64_t *id_out)
{
	struct session *se;
	char q[32];
	int64_t id;

	snprintf(q, sizeof(q), "lapsing %d", lapses);
	id = fixture_add_card(st, &(struct fixture_card){ .deck = "L",
				      .question = q,
				      .tags = tags,
				      .s = { .state = STATE_REVIEW,
					  .due = NOW - MS_PER_DAY,
					  .last_review = NOW - 3 * MS_PER_DAY,
					  .stability = 2,
					  .difficulty = 8,
					  .scheduled_days = 2,
					  .reps = 20,
					  .lapses = lapses } });
	se = open_session(st, 0, NOW);
	cr_assert_eq(session_card(se)->id, id);
	answer(se, RATING_AGAIN, NOW, 0);
	*leech = session_last_leech(se);
	if (untagged != NULL)
		*untagged = session_last_leech_untagged(se);
	session_free(se);
	if (id_out != NULL)
		*id_out = id;
	return get(st, id);
}

static struct card
lapse(int lapses, enum session_leech *leech, int64_t *id_out)
{
	return lapse_tagged(lapses, "hard", leech, NULL, id_out);
}

/* A card that has the most tags a card may have is a leech all the same,
 * suspended, but not given a tag more: it would not import again. */
Test(session, a_leech_with_the_most_tags_keeps_within_them)
{
	struct strbuf b = { 0 };
	enum session_leech leech;
	bool untagged;
	struct card c;
	char *joined, *msg = NULL;
	int64_t id;

	for (int i = 1; i <= TEXT_MAX_TAGS; i++)
		strbuf_addf(&b, "%st%d", i > 1 ? " " : "", i);
	c = lapse_tagged(7, strbuf_str(&b), &leech, &untagged, &id);
	cr_assert_eq(leech, SESSION_LEECH_SUSPENDED);
	cr_expect(untagged, "the review screen says so");
	cr_assert(c.suspended);
	cr_expect_not(card_has_tag(&c, "leech"));
	cr_expect_str_eq(c.tags, strbuf_str(&b));
	joined = text_join_tags(c.tags, &msg);
	cr_expect_not_null(joined, "%s", fixture_msg(msg));
	free(joined);
	card_clear(&c);

	/* one tag fewer: room for it */
	strbuf_reset(&b);
	for (int i = 1; i < TEXT_MAX_TAGS; i++)
		strbuf_addf(&b, "%su%d", i > 1 ? " " : "", i);
	c = lapse_tagged(15, strbuf_str(&b), &leech, &untagged, &id);
	cr_assert_eq(leech, SESSION_LEECH_SUSPENDED, "16 lapses: 8 + 2 * 4");
	cr_expect(card_has_tag(&c, "leech"));
	cr_expect_not(untagged);
	card_clear(&c);

	/* one tag of nearly the most bytes: no room for " leech" */
	strbuf_reset(&b);
	for (size_t i = 0; i + 3 < TEXT_MAX_FIELD; i++)
		strbuf_addc(&b, 'v');
	c = lapse_tagged(23, strbuf_str(&b), &leech, &untagged, &id);
	cr_assert_eq(leech, SESSION_LEECH_SUSPENDED, "24 lapses: 8 + 4 * 4");
	cr_expect_not(card_has_tag(&c, "leech"));
	cr_expect(untagged);
	cr_expect(text_tags_fit(c.tags));
	card_clear(&c);
	strbuf_free(&b);
}

Test(session, a_card_becomes_a_leech_at_the_threshold)
{
	enum session_leech leech;
	struct card c = lapse(6, &leech, NULL);

	cr_assert_eq(leech, SESSION_LEECH_NONE, "7 lapses are no leech");
	cr_assert_not(card_has_tag(&c, "leech"));
	cr_assert_not(c.suspended);
	cr_assert_eq(store_card_set_suspended(st, c.id, true, NULL), 0);
	card_clear(&c);

	c = lapse(7, &leech, NULL);
	cr_assert_eq(c.s.lapses, 8);
	cr_assert_eq(leech, SESSION_LEECH_SUSPENDED);
	cr_assert(card_has_tag(&c, "leech"), "tags: %s", c.tags);
	cr_assert(card_has_tag(&c, "hard"), "tags: %s", c.tags);
	cr_assert(c.suspended);
	card_clear(&c);
}

Test(session, a_leech_again_every_half_threshold)
{
	enum session_leech leech;
	struct card c = lapse(10, &leech, NULL);

	cr_assert_eq(leech, SESSION_LEECH_NONE, "11 lapses: between");
	cr_assert_eq(store_card_set_suspended(st, c.id, true, NULL), 0);
	card_clear(&c);
	c = lapse(11, &leech, NULL);
	cr_assert_eq(leech, SESSION_LEECH_SUSPENDED, "12 lapses: 8 + 4");
	card_clear(&c);
}

Test(session, leech_action_tag_only_tags)
{
	enum session_leech leech;
	struct card c;

	set.leech_action = LEECH_TAG;
	c = lapse(7, &leech, NULL);
	cr_assert_eq(leech, SESSION_LEECH_TAGGED);
	cr_assert(card_has_tag(&c, "leech"));
	cr_assert_not(c.suspended);
	card_clear(&c);
}

Test(session, undo_takes_a_leech_back)
{
	struct session *se;
	struct card c;
	char *msg = NULL;
	int64_t id = add("L", "q", STATE_REVIEW, NOW - MS_PER_DAY);
	struct card before = get(st, id);

	before.s.lapses = 7;
	cr_assert_eq(store_card_set_sched(st, id, &before.s, NULL), 0);
	card_clear(&before);
	before = get(st, id);
	se = open_session(st, 0, NOW);
	answer(se, RATING_AGAIN, NOW, 0);
	cr_assert_eq(session_last_leech(se), SESSION_LEECH_SUSPENDED);
	cr_assert_eq(session_undo(se, NOW, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(session_last_leech(se), SESSION_LEECH_NONE);
	session_free(se);
	c = get(st, id);
	cr_assert_str_eq(c.tags, before.tags);
	cr_assert_not(c.suspended);
	expect_sched(&c.s, &before.s, "after undo");
	card_clear(&c);
	card_clear(&before);
}
