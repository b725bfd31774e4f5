/*
 * test_history.c - the import of review logs (src/core/history.c): reviews
 * replayed through the scheduler in time order, whatever the log's order;
 * reviews already recorded or given twice not added again; a log imported
 * in parts giving what it gives whole; unknown cards refused with nothing
 * imported.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/fsrs.h"
#include "core/history.h"
#include "core/import.h"
#include "core/queue.h"
#include "core/store_private.h"
#include "core/timefmt.h"
#include "core/util.h"
#include "fixtures.h"

#define T0 INT64_C(1793527200000) /* 2026-11-01T08:00:00Z */
#define NOW (T0 + 40 * MS_PER_DAY)
#define LOG_HEADER "card_id,review_time,review_rating\n"

static struct store *st;
static struct settings set;
static char tmpdir[64];
static char *logs[8];
static size_t nlogs;

static const char *
m(const char *msg)
{
	return msg != NULL ? msg : "";
}

/* A collection with cards a, b and c, added at T0. */
static void
setup(void)
{
	static const char deck[] = "id,deck,question,answer\n"
				   "a,D,Qa,A\nb,D,Qb,A\nc,D,Qc,A\n";
	struct import_opts o = { .dup = IMPORT_UPDATE, .now = T0 };
	char *path, *msg = NULL;
	FILE *f;

	settings_default(&set);
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/rehearse-history-XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
	cr_assert_eq(store_open(":memory:", &st, &msg), 0, "%s", m(msg));
	path = xasprintf("%s/deck.csv", tmpdir);
	cr_assert_not_null(f = fopen(path, "w"));
	cr_assert_geq(fputs(deck, f), 0);
	cr_assert_eq(fclose(f), 0);
	cr_assert_eq(import_files(st, &o, &path, 1, NULL, &msg), 0, "%s", m(msg));
	unlink(path);
	free(path);
}

static void
teardown(void)
{
	store_close(st);
	st = NULL;
	for (size_t i = 0; i < nlogs; i++) {
		unlink(logs[i]);
		free(logs[i]);
	}
	nlogs = 0;
	rmdir(tmpdir);
}

TestSuite(history, .init = setup, .fini = teardown);

/* A log file of the rows given as "card,time,rating" lines. */
static char *
log_file(const char *rows)
{
	char *path = xasprintf("%s/log%zu.csv", tmpdir, nlogs);
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f);
	cr_assert_geq(fprintf(f, "%s%s", LOG_HEADER, rows), 0);
	cr_assert_eq(fclose(f), 0);
	cr_assert_lt(nlogs, sizeof(logs) / sizeof(logs[0]));
	logs[nlogs++] = path;
	return path;
}

static struct history_counts
import_ok(const char *rows)
{
	struct history_counts c;
	char *msg = NULL;

	cr_assert_eq(history_import(st, &set, NOW, log_file(rows), NULL, &c, &msg), 0,
	    "%s", m(msg));
	return c;
}

static int64_t
id_of(const char *ext)
{
	int64_t id;
	char *msg = NULL;

	cr_assert_eq(store_card_id_by_ext(st, ext, &id, &msg), 0, "%s", m(msg));
	cr_assert_neq(id, 0, "no card %s", ext);
	return id;
}

static struct sched
sched_of(const char *ext)
{
	struct card c;
	struct sched s;
	char *msg = NULL;

	cr_assert_eq(store_card_get(st, id_of(ext), &c, &msg), 0, "%s", m(msg));
	s = c.s;
	card_clear(&c);
	return s;
}

/* The card's reviews; *n gets their number.  The caller frees. */
static struct review *
reviews_of(const char *ext, size_t *n)
{
	struct review *r;
	char *msg = NULL;

	cr_assert_eq(store_card_reviews(st, id_of(ext), &r, n, &msg), 0, "%s",
	    m(msg));
	return r;
}

static void
expect_same_sched(struct sched x, struct sched y, const char *what)
{
	cr_expect_eq(x.state, y.state, "%s: state", what);
	cr_expect_eq(x.due, y.due, "%s: due", what);
	cr_expect_eq(x.last_review, y.last_review, "%s: last review", what);
	cr_expect_eq(x.stability, y.stability, "%s: stability", what);
	cr_expect_eq(x.difficulty, y.difficulty, "%s: difficulty", what);
	cr_expect_eq(x.reps, y.reps, "%s: reps", what);
	cr_expect_eq(x.lapses, y.lapses, "%s: lapses", what);
}

Test(history, replays_through_the_scheduler)
{
	struct history_counts c = import_ok("a,1793527260000,3\n"
					    "a,1793613660000,4\n");
	struct sched s = { .state = STATE_NEW, .due = T0 }, next;
	int64_t times[2] = { T0 + 60000, T0 + 60000 + MS_PER_DAY };
	int ratings[2] = { RATING_GOOD, RATING_EASY };
	struct review *r;
	size_t n;

	cr_expect_eq(c.added, 2);
	cr_expect_eq(c.cards, 1);
	cr_expect_eq(c.recorded, 0);
	r = reviews_of("a", &n);
	cr_assert_eq(n, 2);
	for (size_t k = 0; k < 2; k++) {
		cr_expect_eq(r[k].time, times[k]);
		cr_expect_eq(r[k].rating, ratings[k]);
		cr_expect_eq(r[k].state, s.state, "review %zu: state before", k);
		cr_expect_eq(r[k].before.due, s.due, "review %zu: due before", k);
		fsrs_next(&set.fsrs, &s, times[k], queue_elapsed_days(s.last_review, times[k], set.day_starts_at), ratings[k], &next);
		s = next;
	}
	free(r);
	expect_same_sched(sched_of("a"), s, "after the log");
	cr_expect_eq(sched_of("b").state, STATE_NEW, "b has no review");
}

Test(history, twice_changes_nothing)
{
	const char *rows = "a,1793527260000,3\nb,1793527260000,1\n"
			   "a,1793613660000,3\n";
	struct history_counts c;
	struct sched before;
	struct review *r;
	size_t n;

	import_ok(rows);
	before = sched_of("a");
	c = import_ok(rows);
	cr_expect_eq(c.added, 0);
	cr_expect_eq(c.cards, 0);
	cr_expect_eq(c.recorded, 3);
	expect_same_sched(sched_of("a"), before, "after the second import");
	r = reviews_of("a", &n);
	cr_expect_eq(n, 2);
	free(r);
}

Test(history, a_review_twice_in_the_log_counts_once)
{
	struct history_counts c = import_ok("a,1793527260000,3\n"
					    "a,1793527260000,3\n");
	struct review *r;
	size_t n;

	cr_expect_eq(c.added, 1);
	cr_expect_eq(c.recorded, 1);
	r = reviews_of("a", &n);
	cr_expect_eq(n, 1);
	free(r);
}

Test(history, any_order_gives_the_same_schedule)
{
	struct sched in_order, shuffled;

	import_ok("a,1793527260000,3\na,1793613660000,1\na,1793700060000,3\n");
	in_order = sched_of("a");
	import_ok("b,1793700060000,3\nc,1793527260000,2\nb,1793527260000,3\n"
		  "b,1793613660000,1\n");
	shuffled = sched_of("b");
	expect_same_sched(in_order, shuffled, "shuffled log");
}

/* Reviews given in two logs, the older last: the card's whole history is
 * replayed again, as if the log had come whole. */
Test(history, in_parts_as_whole)
{
	struct history_counts c;
	struct review *r;
	size_t n;

	import_ok("a,1793527260000,3\na,1793613660000,1\na,1793700060000,3\n");
	import_ok("b,1793613660000,1\nb,1793700060000,3\n");
	c = import_ok("b,1793527260000,3\nb,1793613660000,1\n");
	cr_expect_eq(c.added, 1);
	cr_expect_eq(c.recorded, 1);
	cr_expect_eq(c.cards, 1);
	expect_same_sched(sched_of("b"), sched_of("a"), "in parts");
	r = reviews_of("b", &n);
	cr_assert_eq(n, 3);
	cr_expect_eq(r[0].time, INT64_C(1793527260000));
	cr_expect_eq(r[0].before.due, T0, "the first review keeps the due");
	cr_expect_eq(r[1].state, r[1].before.state);
	cr_expect_neq(r[1].state, STATE_NEW, "replayed after the first");
	free(r);
}

/* A card given with its scheduling state but no recorded review is taken
 * to have been added at the time of the import. */
Test(history, a_scheduled_card_without_reviews_starts_now)
{
	struct review *r;
	size_t n;
	char *msg = NULL;
	struct sched s = { .state = STATE_REVIEW, .due = NOW + MS_PER_DAY, .last_review = NOW - MS_PER_DAY, .stability = 2, .difficulty = 5, .scheduled_days = 2, .reps = 1 };

	cr_assert_eq(store_card_set_sched(st, id_of("c"), &s, &msg), 0, "%s",
	    m(msg));
	import_ok("c,1793527260000,3\n");
	r = reviews_of("c", &n);
	cr_assert_eq(n, 1);
	cr_expect_eq(r[0].before.state, STATE_NEW);
	cr_expect_eq(r[0].before.due, NOW);
	free(r);
}

Test(history, an_unknown_card_imports_nothing)
{
	struct history_counts c = { 0 };
	char *msg = NULL;
	struct review *r;
	size_t n;

	cr_expect_eq(history_import(st, &set, NOW, log_file("a,1793527260000,3\n"
							    "zz,1793527260000,3\n"),
			 NULL, &c, &msg),
	    -1);
	cr_assert_not_null(msg);
	cr_expect(strstr(msg, "no card with id \"zz\"") != NULL, "%s", msg);
	cr_expect(strstr(msg, ":3: ") != NULL, "the line: %s", msg);
	free(msg);
	cr_expect_eq(c.added, 0);
	r = reviews_of("a", &n);
	cr_expect_eq(n, 0, "rolled back");
	free(r);
	cr_expect_eq(sched_of("a").state, STATE_NEW);
}

Test(history, a_bad_log_imports_nothing)
{
	char *msg = NULL;

	cr_expect_eq(history_import(st, &set, NOW, log_file("a,1793527260000,9\n"),
			 NULL, NULL, &msg),
	    -1);
	cr_expect_not_null(msg);
	free(msg);
	msg = NULL;
	cr_expect_eq(history_import(st, &set, NOW, "/nonexistent/log.csv", NULL, NULL,
			 &msg),
	    -1);
	cr_expect_not_null(msg);
	free(msg);
}

/* Answers of an Anki package keep a duration the log's total can hold:
 * none below 0, none beyond REVIEW_DURATION_MAX_MS (as Anki bounds it). */
Test(history, replayed_durations_are_bounded)
{
	const struct history_answer v[] = {
		{ id_of("a"), T0 + 60000, 3, INT64_MAX },
		{ id_of("a"), T0 + 120000, 3, -5 },
		{ id_of("a"), T0 + 180000, 3, REVIEW_DURATION_MAX_MS },
	};
	struct review *r;
	size_t n;
	char *msg = NULL;

	cr_assert_eq(store_begin(st, &msg), 0, "%s", m(msg));
	cr_assert_eq(history_replay(st, &set, NOW, "p.apkg", v, 3, NULL, &msg),
	    0, "%s", m(msg));
	cr_assert_eq(store_commit(st, &msg), 0, "%s", m(msg));
	r = reviews_of("a", &n);
	cr_assert_eq(n, 3);
	cr_expect_eq(r[0].duration, REVIEW_DURATION_MAX_MS);
	cr_expect_eq(r[1].duration, 0);
	cr_expect_eq(r[2].duration, REVIEW_DURATION_MAX_MS);
	free(r);
}

Test(history, an_empty_log)
{
	struct history_counts c = import_ok("");

	cr_expect_eq(c.added, 0);
	cr_expect_eq(c.cards, 0);
	cr_expect_eq(c.recorded, 0);
}

/* history_import must fail on rows; the message must hold each of want
 * (NULL-terminated); nothing is imported. */
static void
import_refused(const char *rows, const char *const *want)
{
	char *msg = NULL;
	struct review *r;
	size_t n;

	cr_assert_eq(history_import(st, &set, NOW, log_file(rows), NULL, NULL, &msg),
	    -1);
	cr_assert_not_null(msg);
	for (size_t k = 0; want[k] != NULL; k++)
		cr_expect(strstr(msg, want[k]) != NULL, "\"%s\" in: %s",
		    want[k], msg);
	free(msg);
	r = reviews_of("b", &n);
	cr_expect_eq(n, 0, "rolled back");
	free(r);
}

Test(history, two_ratings_at_one_time_in_the_log_conflict)
{
	import_refused("b,1793527260000,3\na,1793527260000,3\n"
		       "a,1793527260000,1\n",
	    (const char *const[]){ ":4: ", "conflict", "\"a\"", NULL });
	cr_expect_eq(sched_of("a").state, STATE_NEW);
}

Test(history, another_rating_than_the_recorded_one_conflicts)
{
	struct review *r;
	size_t n;

	import_ok("a,1793527260000,3\n");
	import_refused("b,1793527260000,3\na,1793527260000,2\n",
	    (const char *const[]){ ":3: ", "conflict", "in the collection",
		NULL });
	r = reviews_of("a", &n);
	cr_assert_eq(n, 1);
	cr_expect_eq(r[0].rating, RATING_GOOD, "the recorded review stays");
	free(r);
}

Test(history, times_in_seconds_are_refused)
{
	import_refused("b,1793527260000,3\na,1793527260,3\n",
	    (const char *const[]){ ":3: ", "looks like seconds",
		"multiply by 1000", NULL });
}

/* Card c as imported with its schedule (export --state) and no history. */
static struct sched
imported_schedule(void)
{
	struct sched s = { .state = STATE_REVIEW, .due = T0 + 50 * MS_PER_DAY, .last_review = T0, .stability = 50, .difficulty = 5, .scheduled_days = 50, .reps = 10, .lapses = 2 };
	char *msg = NULL;

	cr_assert_eq(store_card_set_sched(st, id_of("c"), &s, &msg), 0, "%s",
	    m(msg));
	return s;
}

/* The schedule base after the answers at times (in order) rated ratings. */
static struct sched
replayed(struct sched s, const int64_t *times, const int *ratings, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		struct sched next;

		fsrs_next(&set.fsrs, &s, times[k], queue_elapsed_days(s.last_review, times[k], set.day_starts_at), ratings[k], &next);
		s = next;
	}
	return s;
}

/* A log that begins after the imported schedule continues it. */
Test(history, an_imported_schedule_is_continued)
{
	struct sched base = imported_schedule();
	int64_t times[2] = { T0 + 52 * MS_PER_DAY, T0 + 60 * MS_PER_DAY };
	int ratings[2] = { RATING_GOOD, RATING_AGAIN };
	struct review *r;
	size_t n;

	import_ok("c,1798020000000,3\n"); /* T0 + 52 days */
	r = reviews_of("c", &n);
	cr_assert_eq(n, 1);
	cr_expect_eq(r[0].state, STATE_REVIEW, "not a new card's answer");
	expect_same_sched(r[0].before, base, "before the answer");
	free(r);
	expect_same_sched(sched_of("c"), replayed(base, times, ratings, 1),
	    "after one answer");
	cr_expect_eq(sched_of("c").reps, 11);
	cr_expect_eq(sched_of("c").lapses, 2);

	/* A second log: the recorded answer keeps the base before it. */
	import_ok("c,1798711200000,1\n"); /* T0 + 60 days */
	expect_same_sched(sched_of("c"), replayed(base, times, ratings, 2),
	    "after a second log");
	r = reviews_of("c", &n);
	cr_assert_eq(n, 2);
	expect_same_sched(r[0].before, base, "the first answer's base");
	free(r);
}

/* A replayed interval of N days ends on the study day N days after the
 * answer's, across a daylight-saving change too (New York, day-starts-at 4:
 * the answer is Sat 2026-03-07 03:30 EST, the clocks change on Sunday). */
Test(history, replayed_intervals_are_study_days_across_dst)
{
	struct sched s = { .state = STATE_REVIEW, .due = 1772872200000 - MS_PER_DAY, .last_review = 1772872200000 - MS_PER_DAY, .stability = 0.5, .difficulty = 9, .scheduled_days = 1, .reps = 4 };
	int64_t t = 1772872200000;
	char *msg = NULL;
	struct sched after;

	if (!fixture_have_zone("America/New_York"))
		cr_skip_test("no zone data for America/New_York");
	fixture_tz("America/New_York");
	set.day_starts_at = 4;
	set.fsrs.fuzz = false;
	cr_assert_eq(store_card_set_sched(st, id_of("c"), &s, &msg), 0, "%s",
	    m(msg));
	import_ok("c,1772872200000,3\n");
	after = sched_of("c");
	cr_assert_eq(after.scheduled_days, 2);
	cr_expect_eq(timefmt_study_day(after.due, 4),
	    timefmt_study_day(t, 4) + 2, "due on study day %lld, not %lld",
	    (long long)timefmt_study_day(after.due, 4),
	    (long long)timefmt_study_day(t, 4) + 2);
}

struct heard {
	uint64_t last, total;
	int reports;
	bool backwards;
};

static void
hear(void *ctx, uint64_t done, uint64_t total)
{
	struct heard *h = ctx;

	h->backwards |= h->reports > 0 && done < h->last;
	h->last = done;
	h->total = total;
	h->reports++;
}

Test(history, a_long_log_reports_its_progress)
{
	struct heard heard = { 0 };
	struct progress p = { hear, &heard };
	struct strbuf rows = { 0 };
	struct history_counts c;
	char *msg = NULL;

	/* 40,000 answers of three cards, an hour apart, before T0. */
	for (int i = 0; i < 40000; i++)
		strbuf_addf(&rows, "%c,%lld,3\n", "abc"[i % 3],
		    (long long)(T0 - (int64_t)(40000 - i) * 3600000));
	cr_assert_eq(history_import(st, &set, NOW, log_file(strbuf_str(&rows)), &p,
			 &c, &msg),
	    0, "%s", m(msg));
	strbuf_free(&rows);
	cr_expect_eq(c.added, 40000);
	cr_expect_geq(heard.reports, 4, "%d reports", heard.reports);
	cr_expect(!heard.backwards);
	cr_expect_eq(heard.last, 1000);
	cr_expect_eq(heard.total, 1000);
}

/* A log large beside the collection's is written with the log's indexes
 * and counts built once at the end: they come back whole. */
Test(history, a_large_log_leaves_indexes_and_counts_whole)
{
	struct strbuf rows = { 0 };
	struct history_counts c;
	char *msg = NULL, **probs;
	size_t n;
	bool exists;

	import_ok("a,1793527260000,3\n");
	for (int i = 0; i < 30000; i++)
		strbuf_addf(&rows, "%c,%lld,%d\n", "bc"[i % 2],
		    (long long)(T0 - (int64_t)(30000 - i) * 3600000), 1 + i % 4);
	cr_assert_eq(history_import(st, &set, NOW, log_file(strbuf_str(&rows)),
			 NULL, &c, &msg),
	    0, "%s", m(msg));
	strbuf_free(&rows);
	cr_expect_eq(c.added, 30000);
	cr_assert_eq(store_check(st, &probs, &n, &msg), 0, "%s", m(msg));
	cr_expect_eq(n, 0, "%s", n > 0 ? probs[0] : "");
	for (size_t i = 0; i < n; i++)
		free(probs[i]);
	free(probs);
	cr_assert_eq(store_review_exists(st, id_of("b"), T0 - 30000 * INT64_C(3600000),
			 &exists, &msg),
	    0);
	cr_expect(exists);
	/* the triggers are back: an answer deleted is counted out */
	cr_assert_eq(store_card_reviews_delete(st, id_of("c"), &msg), 0);
	cr_assert_eq(store_check(st, &probs, &n, &msg), 0, "%s", m(msg));
	cr_expect_eq(n, 0, "%s", n > 0 ? probs[0] : "");
	for (size_t i = 0; i < n; i++)
		free(probs[i]);
	free(probs);
}

/* ---- a deck's own settings, the weights and leeches ---- */

static int64_t
deck_d(void)
{
	int64_t id;
	char *msg = NULL;

	cr_assert_eq(store_deck_id(st, "D", false, &id, &msg), 0, "%s", m(msg));
	cr_assert_neq(id, 0);
	return id;
}

static void
set_deck(const char *key, const char *value)
{
	char *msg = NULL;

	cr_assert_eq(settings_set_deck(st, deck_d(), key, value, &msg), 0, "%s",
	    m(msg));
}

/* Card a's state after answers at times[0..n) with ratings, replayed
 * from new under p as a live answer schedules (queue_next_state). */
static struct sched
scheduled(const struct fsrs_params *p, const int64_t *times,
    const int *ratings, size_t n)
{
	struct sched s = { .state = STATE_NEW, .due = T0 }, next;

	for (size_t k = 0; k < n; k++) {
		queue_next_state(p, set.day_starts_at, &s, times[k],
		    (enum rating)ratings[k], &next);
		s = next;
	}
	return s;
}

#define DAY_ANSWERS                                                 \
	"a,1793527260000,3\na,1793613660000,3\na,1793786460000,3\n" \
	"a,1794218460000,3\n"

static const int64_t day_times[] = { T0 + 60000, T0 + 60000 + MS_PER_DAY,
	T0 + 60000 + 3 * MS_PER_DAY, T0 + 60000 + 8 * MS_PER_DAY };
static const int day_ratings[] = { 3, 3, 3, 3 };

/* A card of a deck with its own retention and longest interval is
 * replayed under them, as answering it live would schedule it. */
Test(history, a_decks_own_settings_schedule_its_cards)
{
	struct deck_settings ds;
	struct sched want, base;
	char *msg = NULL;

	set_deck("retention", "0.8");
	set_deck("max-interval", "4");
	cr_assert_eq(settings_load_deck(st, &set, deck_d(), &ds, &msg), 0, "%s",
	    m(msg));
	want = scheduled(&ds.set.fsrs, day_times, day_ratings, 4);
	base = scheduled(&set.fsrs, day_times, day_ratings, 4);
	cr_assert_neq(want.due, base.due, "the deck's settings change nothing");
	cr_assert_leq(want.scheduled_days, 4);
	import_ok(DAY_ANSWERS);
	expect_same_sched(sched_of("a"), want, "under the deck's settings");
}

/* The weights of config weights schedule the replay. */
Test(history, the_weights_set_schedule_the_replay)
{
	struct sched want, base;
	char *msg = NULL;
	struct settings mine = set;

	cr_assert_eq(settings_apply(&mine, "weights",
			 "0.5,1.5,3,20,6.5,0.5,1.5,0.01,1.2,0.2,1,1.9,0.1,"
			 "0.3,2.2,0.2,3,0.5,0.7,0.1,0.2",
			 &msg),
	    0, "%s", m(msg));
	want = scheduled(&mine.fsrs, day_times, day_ratings, 4);
	base = scheduled(&set.fsrs, day_times, day_ratings, 4);
	cr_assert_neq(want.stability, base.stability, "the weights change nothing");
	set = mine;
	import_ok(DAY_ANSWERS);
	expect_same_sched(sched_of("a"), want, "under the weights");
}

static struct card
card_of(const char *ext)
{
	struct card c;
	char *msg = NULL;

	cr_assert_eq(store_card_get(st, id_of(ext), &c, &msg), 0, "%s", m(msg));
	return c;
}

/* Answers to card a: Easy (a review card), then n lapses, each an Again
 * and a Good the next day. */
static char *
lapses_log(int n)
{
	struct strbuf rows = { 0 };
	char *s;

	strbuf_addf(&rows, "a,%lld,4\n", (long long)(T0 + 60000));
	for (int i = 1; i <= n; i++)
		strbuf_addf(&rows, "a,%lld,1\na,%lld,3\n",
		    (long long)(T0 + 60000 + (int64_t)(2 * i) * MS_PER_DAY),
		    (long long)(T0 + 60000 + (int64_t)(2 * i + 1) * MS_PER_DAY));
	s = xstrdup(strbuf_str(&rows));
	strbuf_free(&rows);
	return s;
}

/* Card a after importing lapses_log(n). */
static struct card
after_lapses(int n)
{
	char *rows = lapses_log(n);

	import_ok(rows);
	free(rows);
	return card_of("a");
}

/* A replayed history that lapses to the threshold makes a leech, as a
 * live answer does: tagged and, by leech-action, suspended. */
Test(history, a_history_lapsing_to_the_threshold_makes_a_leech)
{
	struct card c;

	set_deck("leech-threshold", "3");
	c = after_lapses(2);
	cr_assert_eq(c.s.lapses, 2);
	cr_assert_not(card_has_tag(&c, "leech"), "2 lapses of 3: %s", c.tags);
	cr_assert_not(c.suspended);
	card_clear(&c);

	c = after_lapses(3);
	cr_assert_eq(c.s.lapses, 3);
	cr_assert(card_has_tag(&c, "leech"), "tags: %s", c.tags);
	cr_assert(c.suspended);
	card_clear(&c);
	c = card_of("b");
	cr_assert_not(card_has_tag(&c, "leech"));
	card_clear(&c);
}

Test(history, leech_action_tag_only_tags_in_a_replay)
{
	struct card c;

	set.leech_action = LEECH_TAG;
	c = after_lapses(8);
	cr_assert(card_has_tag(&c, "leech"), "tags: %s", c.tags);
	cr_assert_not(c.suspended);
	card_clear(&c);
}

/* A leech the user took back is left alone by a log that adds no lapse:
 * only the answers imported can make one. */
Test(history, a_recorded_lapse_does_not_make_a_leech_again)
{
	struct card c;
	char *msg = NULL;

	set.leech_threshold = 3;
	c = after_lapses(3);
	cr_assert(c.suspended);
	cr_assert_eq(store_card_set_suspended(st, c.id, false, &msg), 0);
	card_clear(&c);
	import_ok("a,1794218460000,3\n");
	c = card_of("a");
	cr_assert_eq(c.s.reps, 8, "the answer was not added");
	cr_assert_not(c.suspended, "suspended again by an old lapse");
	card_clear(&c);
}

/* ---- a large replay over many cards ---- */

/* Imports the deck rows given (id,deck,question,answer lines) into the
 * collection. */
static void
import_deck(const char *rows)
{
	struct import_opts o = { .dup = IMPORT_UPDATE, .now = T0 };
	char *path = log_file(""), *msg = NULL;
	FILE *f = fopen(path, "w");

	/* log_file wrote a log's header: the deck's takes its place */
	cr_assert_not_null(f);
	cr_assert_geq(fprintf(f, "id,deck,question,answer\n%s", rows), 0);
	cr_assert_eq(fclose(f), 0);
	cr_assert_eq(import_files(st, &o, &path, 1, NULL, &msg), 0, "%s", m(msg));
}

/* 6,000 more cards, m0 to m5999, and a log of 4 answers to each (one
 * more answer, to card m<conflict> at its first time with another rating,
 * when conflict is 0 or more). */
static char *
many_cards_log(int conflict)
{
	struct strbuf deck = { 0 }, rows = { 0 };
	char *log;

	for (int i = 0; i < 6000; i++)
		strbuf_addf(&deck, "m%d,D,Q%d,A\n", i, i);
	import_deck(strbuf_str(&deck));
	strbuf_free(&deck);
	for (int k = 0; k < 4; k++)
		for (int i = 0; i < 6000; i++)
			strbuf_addf(&rows, "m%d,%lld,%d\n", i,
			    (long long)(T0 + 60000 + (int64_t)k * 3 * MS_PER_DAY + i),
			    1 + (i + k) % 4);
	if (conflict >= 0)
		strbuf_addf(&rows, "m%d,%lld,%d\n", conflict,
		    (long long)(T0 + 60000 + conflict), 1 + (conflict + 1) % 4);
	log = log_file(strbuf_str(&rows));
	strbuf_free(&rows);
	return log;
}

static void
expect_check_clean(void)
{
	char *msg = NULL, **probs;
	size_t n;

	cr_assert_eq(store_check(st, &probs, &n, &msg), 0, "%s", m(msg));
	cr_expect_eq(n, 0, "%s", n > 0 ? probs[0] : "");
	for (size_t i = 0; i < n; i++)
		free(probs[i]);
	free(probs);
}

/* A replay over most of the cards rebuilds the cards' indexes it set
 * aside: they come back as they were, and the schedules with them. */
Test(history, a_replay_over_many_cards_leaves_their_indexes_whole)
{
	char *log = many_cards_log(-1), *before = fixture_indexes(st), *after, *msg = NULL;
	struct history_counts c;
	int64_t times[4];
	int ratings[4];

	cr_assert_eq(history_import(st, &set, NOW, log, NULL, &c, &msg), 0, "%s",
	    m(msg));
	cr_expect_eq(c.added, 24000);
	cr_expect_eq(c.cards, 6000);
	after = fixture_indexes(st);
	cr_expect_str_eq(after, before);
	expect_check_clean();
	for (int k = 0; k < 4; k++) {
		times[k] = T0 + 60000 + (int64_t)k * 3 * MS_PER_DAY + 5999;
		ratings[k] = 1 + (5999 + k) % 4;
	}
	expect_same_sched(sched_of("m5999"), scheduled(&set.fsrs, times, ratings, 4),
	    "m5999");
	free(before);
	free(after);
}

/* A bad row at the end of such a log leaves everything as it was,
 * whether its card comes first or after thousands replayed. */
static void
fails_whole(int conflict)
{
	char *log = many_cards_log(conflict), *before = fixture_indexes(st), *after;
	char *msg = NULL, want[64];

	cr_assert_lt(history_import(st, &set, NOW, log, NULL, NULL, &msg), 0);
	snprintf(want, sizeof(want), "conflict: card \"m%d\"", conflict);
	cr_expect(strstr(m(msg), want) != NULL, "%s", m(msg));
	cr_expect(strstr(m(msg), ":24002: ") != NULL, "%s", m(msg));
	free(msg);
	after = fixture_indexes(st);
	cr_expect_str_eq(after, before);
	cr_expect_eq(sched_of("m0").state, STATE_NEW);
	cr_expect_eq(sched_of("m5999").state, STATE_NEW);
	expect_check_clean();
	free(before);
	free(after);
}

Test(history, a_failed_replay_over_many_cards_changes_nothing)
{
	fails_whole(0);
}

Test(history, a_conflict_after_thousands_of_cards_changes_nothing)
{
	fails_whole(4321);
}

/* Each of thousands of cards replayed at once is scheduled as its answers
 * alone schedule it, leeches made on the way (every lapse makes one). */
Test(history, a_replay_over_many_cards_schedules_each_as_alone)
{
	char *log, *msg = NULL, ext[16];
	int64_t times[4];
	int ratings[4];
	struct history_counts c;

	set.leech_threshold = 1;
	log = many_cards_log(-1);
	cr_assert_eq(history_import(st, &set, NOW, log, NULL, &c, &msg), 0, "%s",
	    m(msg));
	cr_expect_eq(c.added, 24000);
	for (int i = 0; i < 6000; i++) {
		struct sched want;
		struct card got;

		for (int k = 0; k < 4; k++) {
			times[k] = T0 + 60000 + (int64_t)k * 3 * MS_PER_DAY + i;
			ratings[k] = 1 + (i + k) % 4;
		}
		want = scheduled(&set.fsrs, times, ratings, 4);
		snprintf(ext, sizeof(ext), "m%d", i);
		got = card_of(ext);
		expect_same_sched(got.s, want, ext);
		cr_expect_eq(got.suspended, want.lapses > 0, "%s", ext);
		cr_expect_eq(card_has_tag(&got, "leech"), want.lapses > 0, "%s", ext);
		card_clear(&got);
	}
	expect_check_clean();
}

/* The answers per slot are counted as the replay writes them, in 16 bits
 * each: a quarter of an hour of more answers than that is counted from
 * the log instead, and comes out whole. */
Test(history, a_slot_of_70000_answers_is_counted_whole)
{
	struct strbuf rows = { 0 };
	struct history_counts c;
	sqlite3_stmt *stmt;
	char *msg = NULL;
	int64_t got = 0;

	for (int i = 0; i < 70000; i++)
		strbuf_addf(&rows, "a,%lld,3\n", (long long)(T0 + i));
	cr_assert_eq(history_import(st, &set, NOW, log_file(strbuf_str(&rows)),
			 NULL, &c, &msg),
	    0, "%s", m(msg));
	strbuf_free(&rows);
	cr_expect_eq(c.added, 70000);
	expect_check_clean();
	cr_assert_eq(sqlite3_prepare_v2(store_sqlite(st),
			 "SELECT sum(l1 + l2 + l3 + l4 + y1 + y2 + y3 + y4 + m1 + m2"
			 " + m3 + m4) FROM review_slots",
			 -1, &stmt, NULL),
	    SQLITE_OK);
	cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);
	got = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	cr_expect_eq(got, 70000);
}

/* The answers per deck and slot are counted as the replay writes them
 * within a bound of memory: 25 decks over 400 days pass it, and the decks
 * are counted from the log instead, whole. */
Test(history, many_decks_over_a_long_time_are_counted_whole)
{
	struct strbuf deck = { 0 }, rows = { 0 };
	struct history_counts c;
	char *msg = NULL;

	for (int i = 0; i < 50; i++)
		strbuf_addf(&deck, "d%d,Deck %d,Q%d,A\n", i, i % 25, i);
	import_deck(strbuf_str(&deck));
	strbuf_free(&deck);
	for (int k = 0; k < 400; k++)
		for (int i = 0; i < 50; i++)
			strbuf_addf(&rows, "d%d,%lld,%d\n", i,
			    (long long)(T0 + 60000 + (int64_t)k * MS_PER_DAY + i),
			    1 + (i + k) % 4);
	cr_assert_eq(history_import(st, &set, NOW, log_file(strbuf_str(&rows)),
			 NULL, &c, &msg),
	    0, "%s", m(msg));
	strbuf_free(&rows);
	cr_expect_eq(c.added, 20000);
	expect_check_clean();
}
