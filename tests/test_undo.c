/*
 * test_undo.c - one undo for every change to cards (core/undo.c): each
 * kind taken back exactly, the last one first, one transaction each, and
 * refused when another process changed the card since.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/import.h"
#include "core/session.h"
#include "core/settings.h"
#include "core/store_search.h"
#include "core/undo.h"
#include "fixtures.h"

static struct store *st;
static struct undo_log *log_;
static char *msg;

static void
setup(void)
{
	st = fixture_store();
	log_ = undo_log_new();
	msg = NULL;
}

static void
teardown(void)
{
	undo_log_free(log_);
	store_close(st);
	free(msg);
}

TestSuite(undo, .init = setup, .fini = teardown);

/* A review card, reviewed twice, last at 5000. */
static int64_t
reviewed_card(const char *q)
{
	struct fixture_card fc = { .deck = "D", .question = q, .answer = "A", .tags = "t1", .s = { .state = STATE_REVIEW, .due = 90000, .last_review = 5000, .stability = 3.5, .difficulty = 6.25, .scheduled_days = 3, .reps = 2, .lapses = 1 } };

	return fixture_add_card(st, &fc);
}

static struct card_row
row(int64_t id)
{
	struct card_row r;
	bool found;

	cr_assert_eq(store_card_row_get(st, id, &r, &found, &msg), 0, "%s",
	    fixture_msg(msg));
	cr_assert(found, "card %lld is there", (long long)id);
	return r;
}

static bool
exists(int64_t id)
{
	struct card_row r;
	bool found;

	cr_assert_eq(store_card_row_get(st, id, &r, &found, &msg), 0);
	if (found)
		card_clear(&r.c);
	return found;
}

/* Runs one change in a transaction, recorded as kind k over card id. */
#define RECORDED(k, id, call)                                              \
	do {                                                               \
		int64_t id_ = (id);                                        \
		cr_assert_eq(store_begin(st, &msg), 0);                    \
		cr_assert_eq(undo_begin(log_, st, (k), &id_, 1, &msg), 0); \
		cr_assert_eq((call), 0, "%s", fixture_msg(msg));           \
		cr_assert_eq(undo_end(log_, st, &msg), 0);                 \
		cr_assert_eq(store_commit(st, &msg), 0);                   \
	} while (0)

static void
undo_ok(enum undo_kind k, const char *question)
{
	struct undo_done d;

	cr_assert_eq(undo_last(log_, st, &d, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(d.kind, k);
	cr_assert_str_eq(undo_kind_name(d.kind), undo_kind_name(k));
	cr_assert_str_eq(d.question, question);
	undo_done_free(&d);
}

static void
assert_same(int64_t id, const struct card_row *was)
{
	struct card_row now = row(id);

	cr_assert(store_card_row_same(&now, was), "card %lld as it was",
	    (long long)id);
	cr_assert_eq(now.reset_at, was->reset_at);
	cr_assert_eq(now.modified, was->modified);
	card_clear(&now.c);
}

Test(undo, reset_is_taken_back_exactly)
{
	int64_t id = reviewed_card("Q");
	struct card_row was, after;

	/* an earlier reset, so that reset_at has a value to come back to */
	cr_assert_eq(store_card_reset(st, id, 2000, &msg), 0);
	was = row(id);
	cr_assert_eq(was.reset_at, 2000);
	RECORDED(UNDO_RESET, id, store_card_reset(st, id, 7000, &msg));
	after = row(id);
	cr_assert_eq(after.reset_at, 7000);
	cr_assert_eq(after.c.s.state, STATE_NEW);
	card_clear(&after.c);
	undo_ok(UNDO_RESET, "Q");
	assert_same(id, &was);
	card_clear(&was.c);
	cr_assert_eq(undo_log_count(log_), 0);
}

Test(undo, never_reset_card_keeps_no_reset_time)
{
	int64_t id = reviewed_card("Q");
	struct card_row was = row(id);

	cr_assert_eq(was.reset_at, 0);
	RECORDED(UNDO_RESET, id, store_card_reset(st, id, 7000, &msg));
	undo_ok(UNDO_RESET, "Q");
	assert_same(id, &was);
	card_clear(&was.c);
}

Test(undo, delete_comes_back_with_every_column)
{
	int64_t id = reviewed_card("Q");
	struct card_row was;

	cr_assert_eq(store_card_reset(st, id, 3000, &msg), 0);
	cr_assert_eq(store_card_set_flagged(st, id, true, &msg), 0);
	was = row(id);
	RECORDED(UNDO_DELETE, id, store_card_delete(st, id, 8000, &msg));
	cr_assert(!exists(id));
	undo_ok(UNDO_DELETE, "Q");
	assert_same(id, &was);
	card_clear(&was.c);
}

Test(undo, add_is_removed_without_a_trace)
{
	struct card c = { .question = "New?", .answer = "Yes" };
	int64_t id = 0, again = 0;
	char *ext = NULL;

	reviewed_card("Q");
	cr_assert_eq(store_begin(st, &msg), 0);
	cr_assert_eq(undo_begin(log_, st, UNDO_ADD, NULL, 0, &msg), 0);
	cr_assert_eq(import_add_card(st, &c, "Fresh", NULL, 4000, &id, &ext, &msg),
	    0, "%s", fixture_msg(msg));
	undo_added(log_, id);
	cr_assert_eq(undo_end(log_, st, &msg), 0);
	cr_assert_eq(store_commit(st, &msg), 0);
	cr_assert(exists(id));
	undo_ok(UNDO_ADD, "New?");
	cr_assert(!exists(id));
	/* the deck the add made goes with it; the one there before stays */
	cr_assert_eq(store_deck_id(st, "Fresh", false, &again, &msg), 0);
	cr_assert_eq(again, 0, "the deck the add made is gone");
	cr_assert_eq(store_deck_id(st, "D", false, &again, &msg), 0);
	cr_assert_neq(again, 0, "the deck there before stays");
	again = 0;
	/* no record of a deletion: the same card may be added again */
	cr_assert_eq(store_card_id_by_ext(st, ext, &again, &msg), 0);
	cr_assert_eq(again, 0);
	cr_assert_eq(import_add_card(st, &c, "Fresh", NULL, 4000, NULL, NULL, &msg),
	    0, "%s", fixture_msg(msg));
	free(ext);
}

Test(undo, move_suspend_flag_edit_bury_in_reverse_order)
{
	int64_t id = reviewed_card("Q"), other = reviewed_card("R");
	int64_t deck = 0, ids[2] = { id, other };
	struct card_row was = row(id), was_other = row(other);
	struct card edited;

	cr_assert_eq(store_deck_id(st, "Elsewhere", true, &deck, &msg), 0);
	cr_assert_eq(store_begin(st, &msg), 0);
	cr_assert_eq(undo_begin(log_, st, UNDO_MOVE, ids, 2, &msg), 0);
	cr_assert_eq(store_card_move(st, id, deck, 6000, &msg), 0);
	cr_assert_eq(store_card_move(st, other, deck, 6000, &msg), 0);
	cr_assert_eq(undo_end(log_, st, &msg), 0);
	cr_assert_eq(store_commit(st, &msg), 0);
	RECORDED(UNDO_SUSPEND, id, store_card_set_suspended(st, id, true, &msg));
	RECORDED(UNDO_FLAG, id, store_card_set_flagged(st, id, true, &msg));
	RECORDED(UNDO_BURY, id, store_card_set_buried(st, id, 99000, &msg));
	edited = (struct card){ .id = id, .deck_id = deck, .question = "Q2", .answer = "A2", .tips = "", .tags = "x" };
	RECORDED(UNDO_EDIT, id,
	    store_card_update_text(st, &edited, 7000, NULL, &msg));
	cr_assert_eq(undo_log_count(log_), 5);
	undo_ok(UNDO_EDIT, "Q");
	undo_ok(UNDO_BURY, "Q");
	undo_ok(UNDO_FLAG, "Q");
	undo_ok(UNDO_SUSPEND, "Q");
	undo_ok(UNDO_MOVE, "Q");
	assert_same(id, &was);
	assert_same(other, &was_other);
	cr_assert_eq(store_deck_id(st, "Elsewhere", false, &deck, &msg), 0);
	cr_assert_neq(deck, 0, "a deck made before the move stays, empty");
	cr_assert_eq(undo_last(log_, st, &(struct undo_done){ 0 }, &msg), -1);
	card_clear(&was.c);
	card_clear(&was_other.c);
}

Test(undo, refused_when_changed_elsewhere_since)
{
	int64_t id = reviewed_card("Capital of a country far away?");
	struct undo_done d;
	struct card_row later;

	RECORDED(UNDO_SUSPEND, id, store_card_set_suspended(st, id, true, &msg));
	/* another process flags it meanwhile */
	cr_assert_eq(store_card_set_flagged(st, id, true, &msg), 0);
	later = row(id);
	cr_assert_eq(undo_last(log_, st, &d, &msg), UNDO_CHANGED);
	cr_assert_eq(d.kind, UNDO_SUSPEND);
	cr_assert_str_eq(d.question, "Capital of a country far away?");
	undo_done_free(&d);
	/* nothing overwritten: still suspended and flagged */
	assert_same(id, &later);
	cr_assert(later.c.suspended);
	card_clear(&later.c);
	cr_assert_eq(undo_log_count(log_), 0);
}

Test(undo, a_multi_card_change_is_all_or_nothing)
{
	int64_t a = reviewed_card("A?"), b = reviewed_card("B?");
	int64_t ids[2] = { a, b };
	struct undo_done d;

	cr_assert_eq(store_begin(st, &msg), 0);
	cr_assert_eq(undo_begin(log_, st, UNDO_FLAG, ids, 2, &msg), 0);
	cr_assert_eq(store_card_set_flagged(st, a, true, &msg), 0);
	cr_assert_eq(store_card_set_flagged(st, b, true, &msg), 0);
	cr_assert_eq(undo_end(log_, st, &msg), 0);
	cr_assert_eq(store_commit(st, &msg), 0);
	/* the first card changed elsewhere: the second keeps its flag too */
	cr_assert_eq(store_card_set_suspended(st, a, true, &msg), 0);
	cr_assert_eq(undo_last(log_, st, &d, &msg), UNDO_CHANGED);
	cr_assert_eq(d.n, 2);
	undo_done_free(&d);
	{
		struct card_row rb = row(b);

		cr_assert(rb.c.flagged);
		card_clear(&rb.c);
	}
}

Test(undo, a_cancelled_change_is_not_kept)
{
	int64_t id = reviewed_card("Q");

	cr_assert_eq(store_begin(st, &msg), 0);
	cr_assert_eq(undo_begin(log_, st, UNDO_SUSPEND, &id, 1, &msg), 0);
	undo_cancel(log_);
	store_rollback(st);
	cr_assert_eq(undo_log_count(log_), 0);
	/* a NULL log records nothing and succeeds */
	cr_assert_eq(undo_begin(NULL, st, UNDO_SUSPEND, &id, 1, &msg), 0);
	undo_added(NULL, id);
	cr_assert_eq(undo_end(NULL, st, &msg), 0);
	cr_assert_eq(undo_log_count(NULL), 0);
}

/* The session records its answers, buries, suspends, flags and edits in
 * the log, and takes back in itself what the log took back. */
Test(undo, session_changes_in_the_log)
{
	struct settings set;
	struct session *se;
	struct fixture_card fc = { .deck = "D", .question = "N1", .s = { .state = STATE_NEW, .due = 1000 } };
	int64_t a = fixture_add_card(st, &fc), b;
	struct card_row was_a;
	struct undo_done d;
	bool gone;

	fc.question = "N2";
	b = fixture_add_card(st, &fc);
	was_a = row(a);
	settings_default(&set);
	cr_assert_eq(session_open(st, &set, 0, 50000, &se, &msg), 0);
	session_set_undo(se, log_);
	cr_assert_eq(session_card(se)->id, a);
	cr_assert_eq(session_answer(se, RATING_GOOD, 60000, 1000, &msg), 0);
	cr_assert_eq(session_card(se)->id, b);
	cr_assert_eq(session_toggle_flag(se, &msg), 0);
	cr_assert_eq(session_suspend(se, 61000, &msg), 0);
	cr_assert_eq(undo_log_count(log_), 3);

	/* the suspend: b comes back in the session */
	cr_assert_eq(undo_last(log_, st, &d, &msg), 0);
	cr_assert_eq(d.kind, UNDO_SUSPEND);
	cr_assert(d.in_review);
	cr_assert_eq(session_undone(se, d.card_id, d.review_id, d.in_review,
			 62000, &msg),
	    0, "%s", fixture_msg(msg));
	undo_done_free(&d);
	cr_assert_eq(session_card(se)->id, b);
	cr_assert(session_card(se)->flagged);
	/* the flag */
	undo_ok(UNDO_FLAG, "N2");
	/* the answer: the review leaves the log, a as before */
	cr_assert_eq(undo_last(log_, st, &d, &msg), 0);
	cr_assert_eq(d.kind, UNDO_ANSWER);
	cr_assert_neq(d.review_id, 0);
	cr_assert_eq(session_undone(se, d.card_id, d.review_id, true, 63000,
			 &msg),
	    0);
	undo_done_free(&d);
	cr_assert_eq(session_card(se)->id, a);
	assert_same(a, &was_a);
	cr_assert_eq(store_review_exists(st, a, 60000, &gone, &msg), 0);
	cr_assert(!gone);
	{
		struct session_summary sum;

		cr_assert_eq(session_summary(se, 63000, &sum, &msg), 0);
		cr_assert_eq(sum.reviewed, 0);
	}
	session_free(se);
	card_clear(&was_a.c);
}

/* Raises today's new-card limit of deck_id by n, recorded. */
static void
extra_new(int64_t deck_id, int64_t day, int64_t n)
{
	cr_assert_eq(store_begin(st, &msg), 0);
	cr_assert_eq(undo_begin(log_, st, UNDO_EXTRA_NEW, NULL, 0, &msg), 0);
	cr_assert_eq(undo_extra_new(log_, st, deck_id, day, n, "Deck", &msg), 0);
	cr_assert_eq(settings_add_extra_new(st, deck_id, day, n, &msg), 0, "%s",
	    fixture_msg(msg));
	cr_assert_eq(undo_end(log_, st, &msg), 0);
	cr_assert_eq(store_commit(st, &msg), 0);
}

/* The value stored for the limit, NULL when none (allocated). */
static char *
stored_extra(int64_t deck_id, int64_t day)
{
	char *k = settings_extra_new_key(deck_id, day), *v = NULL;

	cr_assert_eq(store_setting_get(st, k, &v, &msg), 0);
	free(k);
	return v;
}

Test(undo, more_new_cards_are_taken_back_exactly)
{
	struct undo_done d;
	char *v;

	cr_assert_eq(settings_add_extra_new(st, 7, 100, 5, &msg), 0);
	extra_new(7, 100, 10);
	extra_new(0, 100, 20);
	cr_assert_eq(undo_log_count(log_), 2);
	cr_assert_eq(undo_last(log_, st, &d, &msg), 0, "%s", fixture_msg(msg));
	cr_assert_eq(d.kind, UNDO_EXTRA_NEW);
	cr_assert_eq(d.extra_new, 20);
	cr_assert_str_eq(d.question, "Deck");
	undo_done_free(&d);
	/* there was none: there is none again, not a 0 */
	cr_assert_null(stored_extra(0, 100));
	undo_ok(UNDO_EXTRA_NEW, "Deck");
	v = stored_extra(7, 100);
	cr_assert_str_eq(v, "5");
	free(v);
	cr_assert_eq(undo_log_count(log_), 0);
}

Test(undo, more_new_cards_refused_when_changed_elsewhere_since)
{
	struct undo_done d;
	int64_t n;

	extra_new(7, 100, 10);
	/* another rehearse adds three more */
	cr_assert_eq(settings_add_extra_new(st, 7, 100, 3, &msg), 0);
	cr_assert_eq(undo_last(log_, st, &d, &msg), UNDO_CHANGED);
	cr_assert_str_eq(d.question, "Deck");
	undo_done_free(&d);
	cr_assert_eq(settings_extra_new(st, 7, 100, &n, &msg), 0);
	cr_assert_eq(n, 13);
	cr_assert_eq(undo_log_count(log_), 0);
}
