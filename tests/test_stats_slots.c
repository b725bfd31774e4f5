/*
 * test_stats_slots.c - the answers the store counts per deck and quarter
 * of an hour (review_deck_slots) against the log itself: randomized
 * collections of several decks, whose cards are answered, moved, deleted
 * and put back, whose answers are taken back and removed, whose decks are
 * deleted and made again, with a bulk load of the log among it all.
 * After every round the statistics of every deck, and of the whole
 * collection, from the counts are those counted answer by answer, and the
 * collection's check finds the counts in step.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/stats.h"
#include "core/store.h"
#include "core/store_search.h"
#include "core/util.h"

#define MAX_CARDS 120
#define DECKS 5
#define DAYS 420

/* A collection being changed at random. */
struct coll {
	struct store *st;
	uint64_t rng;
	int64_t now;
	int64_t card[MAX_CARDS]; /* ids of the cards there are */
	size_t n_cards;
	struct card_row gone[MAX_CARDS]; /* cards deleted, to put back */
	size_t n_gone;
	int64_t review[4096]; /* ids of answers written, some since removed */
	size_t n_reviews;
	int64_t decks_seen[64]; /* every deck id there has been */
	size_t n_decks_seen;
	int names; /* decks made so far, for new names */
};

static uint64_t
next(struct coll *c)
{
	c->rng ^= c->rng << 13;
	c->rng ^= c->rng >> 7;
	c->rng ^= c->rng << 17;
	return c->rng;
}

static size_t
pick(struct coll *c, size_t n)
{
	return (size_t)(next(c) % n);
}

static void
saw_deck(struct coll *c, int64_t id)
{
	for (size_t i = 0; i < c->n_decks_seen; i++)
		if (c->decks_seen[i] == id)
			return;
	cr_assert_lt(c->n_decks_seen, 64);
	c->decks_seen[c->n_decks_seen++] = id;
}

/* The id of one of the decks "D0".."D4" (made when it has gone). */
static int64_t
some_deck(struct coll *c)
{
	char name[16];
	int64_t id;
	char *msg = NULL;

	snprintf(name, sizeof(name), "D%zu", pick(c, DECKS));
	cr_assert_eq(store_deck_id(c->st, name, true, &id, &msg), 0, "%s", msg);
	saw_deck(c, id);
	return id;
}

static void
add_card(struct coll *c)
{
	char ext[32];
	struct card k = { .ext_id = ext, .question = "q", .answer = "a", .tips = "", .tags = "" };
	char *msg = NULL;

	if (c->n_cards == MAX_CARDS)
		return;
	snprintf(ext, sizeof(ext), "c%d-%llu", c->names++,
	    (unsigned long long)(next(c) % 100000));
	k.deck_id = some_deck(c);
	cr_assert_eq(store_card_insert(c->st, &k, c->now, &msg), 0, "%s", msg);
	c->card[c->n_cards++] = k.id;
}

/* A time within the last DAYS days, or now and then after today. */
static int64_t
some_time(struct coll *c)
{
	if (pick(c, 40) == 0)
		return c->now + (int64_t)pick(c, 2 * MS_PER_DAY);
	return c->now - (int64_t)(next(c) % ((uint64_t)DAYS * MS_PER_DAY));
}

/* A review of card_id at some time not taken yet, with a random state,
 * interval and rating before; false when the time is taken. */
static bool
some_review(struct coll *c, int64_t card_id, struct review *r)
{
	bool taken;
	char *msg = NULL;

	*r = (struct review){ .card_id = card_id, .time = some_time(c), .rating = (enum rating)(1 + pick(c, 4)), .duration = 1000 };
	r->state = (enum card_state)pick(c, 4);
	r->before.state = r->state;
	r->before.scheduled_days = (int)pick(c, 45);
	cr_assert_eq(store_review_exists(c->st, card_id, r->time, &taken, &msg), 0);
	return !taken;
}

static void
answer(struct coll *c, int64_t card_id)
{
	struct review r;
	struct sched after = { .state = STATE_REVIEW, .due = c->now + MS_PER_DAY, .last_review = c->now, .stability = 3, .difficulty = 5, .scheduled_days = 1, .reps = 1 };
	char *msg = NULL;

	if (!some_review(c, card_id, &r) || c->n_reviews == 4096)
		return;
	cr_assert_eq(store_answer(c->st, &r, &after, &msg), 0, "%s", msg);
	c->review[c->n_reviews++] = r.id;
}

static void
delete_card(struct coll *c, size_t i)
{
	bool found;
	char *msg = NULL;

	if (c->n_gone < MAX_CARDS) { /* kept to put back, while there is room */
		cr_assert_eq(store_card_row_get(c->st, c->card[i],
				 &c->gone[c->n_gone], &found, &msg),
		    0);
		cr_assert(found);
		c->n_gone++;
	}
	cr_assert_eq(store_card_delete(c->st, c->card[i], c->now, &msg), 0,
	    "%s", msg);
	c->card[i] = c->card[--c->n_cards];
}

/* Deletes k of the cards at once (store_cards_delete: one by one below
 * its least for a set, else as a set, its answers out of their decks' by
 * seeks or by a walk of the log, by how many of the cards they are). */
static void
delete_many(struct coll *c, size_t k)
{
	int64_t ids[MAX_CARDS];
	char *msg = NULL;

	for (size_t i = 0; i < k; i++) {
		size_t j = pick(c, c->n_cards);
		bool found;

		ids[i] = c->card[j];
		if (c->n_gone < MAX_CARDS) {
			cr_assert_eq(store_card_row_get(c->st, ids[i],
					 &c->gone[c->n_gone], &found, &msg),
			    0);
			cr_assert(found);
			c->n_gone++;
		}
		c->card[j] = c->card[--c->n_cards];
	}
	cr_assert_eq(store_cards_delete(c->st, ids, k, c->now, &msg), 0, "%s",
	    msg);
}

/* Puts back a deleted card as undo does, row and id. */
static void
put_back(struct coll *c)
{
	size_t i = pick(c, c->n_gone);
	struct card_row *r = &c->gone[i];
	char *msg = NULL;

	cr_assert_eq(store_card_row_put(c->st, r, false, &msg), 0, "%s", msg);
	saw_deck(c, r->c.deck_id);
	c->card[c->n_cards++] = r->c.id;
	card_clear(&r->c);
	c->gone[i] = c->gone[--c->n_gone];
}

/* A new deck through the text of a card, as an import writes it. */
static void
retext(struct coll *c, int64_t id)
{
	struct card k;
	char *msg = NULL;

	cr_assert_eq(store_card_get(c->st, id, &k, &msg), 0, "%s", msg);
	k.deck_id = some_deck(c);
	cr_assert_eq(store_card_update_text(c->st, &k, c->now, NULL, &msg), 0,
	    "%s", msg);
	card_clear(&k);
}

/* Takes an answer back: undone (the card's state comes back) or
 * removed. */
static void
take_back(struct coll *c)
{
	size_t i = pick(c, c->n_reviews);
	struct card k;
	char *msg = NULL;
	int64_t id = c->review[i];

	c->review[i] = c->review[--c->n_reviews];
	if (pick(c, 2) == 0 && store_undo(c->st, id, &k, &msg) == 0) {
		card_clear(&k);
		return;
	}
	free(msg);
	msg = NULL;
	(void)store_review_remove(c->st, id, &msg); /* gone with its card's */
	free(msg);
}

static void
delete_deck(struct coll *c)
{
	int64_t d = some_deck(c), n = 0;
	char *msg = NULL;
	size_t kept = 0;

	for (size_t i = 0; i < c->n_cards; i++) {
		int64_t deck;
		struct sched s;

		cr_assert_eq(store_card_sched(c->st, c->card[i], &s, &deck, &msg), 0);
		if (deck != d)
			c->card[kept++] = c->card[i];
	}
	c->n_cards = kept;
	cr_assert_eq(store_deck_delete(c->st, d, c->now, &n, &msg), 0, "%s", msg);
}

/* One change at random. */
static void
change(struct coll *c)
{
	size_t op = pick(c, 100);
	char *msg = NULL;

	if (c->n_cards == 0 || op < 10) {
		add_card(c);
	} else if (op < 60) {
		answer(c, c->card[pick(c, c->n_cards)]);
	} else if (op < 70) {
		cr_assert_eq(store_card_move(c->st, c->card[pick(c, c->n_cards)],
				 some_deck(c), c->now, &msg),
		    0, "%s", msg);
	} else if (op < 75) {
		retext(c, c->card[pick(c, c->n_cards)]);
	} else if (op < 82) {
		delete_card(c, pick(c, c->n_cards));
	} else if (op < 88 && c->n_gone > 0) {
		put_back(c);
	} else if (op < 95 && c->n_reviews > 0) {
		take_back(c);
	} else if (op < 97) {
		int64_t id = c->card[pick(c, c->n_cards)];

		cr_assert_eq(store_begin(c->st, &msg), 0);
		cr_assert_eq(store_card_reviews_delete(c->st, id, &msg), 0);
		cr_assert_eq(store_commit(c->st, &msg), 0);
	} else if (op == 97) {
		delete_deck(c);
	} else if (op == 98) {
		delete_many(c, 1 + pick(c, c->n_cards));
	}
}

/* A log's import of many answers at once (the bulk path), some of them
 * to cards deleted since. */
static void
bulk_load(struct coll *c, size_t n)
{
	char *msg = NULL;
	size_t written = 0;

	cr_assert_eq(store_begin(c->st, &msg), 0);
	cr_assert_eq(store_reviews_bulk_begin(c->st, n, 1, &msg), 0, "%s", msg);
	while (written < n) {
		struct review r;
		int64_t id = c->n_gone > 0 && pick(c, 10) == 0
		                 ? c->gone[pick(c, c->n_gone)].c.id
		                 : c->card[pick(c, c->n_cards)];

		if (!some_review(c, id, &r))
			continue;
		cr_assert_eq(store_review_insert(c->st, &r, &msg), 0, "%s", msg);
		written++;
	}
	cr_assert_eq(store_reviews_bulk_end(c->st, NULL, &msg), 0, "%s", msg);
	cr_assert_eq(store_commit(c->st, &msg), 0, "%s", msg);
}

static void
expect_same(const struct stats *a, const struct stats *b, int64_t deck)
{
	for (int i = 0; i < STATS_CALENDAR_DAYS; i++)
		cr_expect_eq(a->calendar[i], b->calendar[i], "deck %lld, day %d",
		    (long long)deck, i);
	for (int k = 0; k < 2; k++)
		for (int w = 0; w < STATS_N_WINDOWS; w++)
			cr_expect_eq(a->retention[k][w].total,
			    b->retention[k][w].total, "deck %lld, retention %d %d",
			    (long long)deck, k, w);
	for (int h = 0; h < 24; h++)
		cr_expect_eq(a->hours[h].answers, b->hours[h].answers,
		    "deck %lld, hour %d", (long long)deck, h);
	/* Every figure, to the bit (both start from zeros). */
	cr_expect_eq(memcmp(a, b, sizeof(*a)), 0, "deck %lld", (long long)deck);
}

/* Each deck's statistics, and the collection's, from the counts per slot
 * and answer by answer. */
static void
expect_same_stats(struct coll *c, struct fsrs_params *p)
{
	static struct stats fast, slow;
	char *msg = NULL;

	for (size_t i = 0; i <= c->n_decks_seen; i++) {
		int64_t d = i < c->n_decks_seen ? c->decks_seen[i] : 0;

		cr_assert_eq(stats_compute(c->st, p, 4, d, c->now, &fast, &msg), 0,
		    "%s", msg);
		cr_assert_eq(stats_compute_by_answer(c->st, p, 4, d, c->now, &slow,
				 &msg),
		    0, "%s", msg);
		expect_same(&fast, &slow, d);
	}
}

/* The collection's check finds the counts in step with the log. */
static void
expect_check_passes(struct coll *c)
{
	char **probs, *msg = NULL;
	size_t n;

	cr_assert_eq(store_check(c->st, &probs, &n, &msg), 0, "%s", msg);
	for (size_t i = 0; i < n; i++) {
		cr_expect(strstr(probs[i], "statistics slots") == NULL, "%s", probs[i]);
		free(probs[i]);
	}
	free(probs);
}

static void
coll_free(struct coll *c)
{
	for (size_t i = 0; i < c->n_gone; i++)
		card_clear(&c->gone[i].c);
	store_close(c->st);
}

static void
setup(void)
{
	/* Days of 23 and 25 hours among the DAYS. */
	setenv("TZ", "America/New_York", 1);
	tzset();
}

TestSuite(stats_slots, .init = setup);

Test(stats_slots, every_deck_counts_as_its_answers_one_by_one)
{
	struct fsrs_params p;
	char *msg = NULL;

	fsrs_default_params(&p);
	for (uint64_t seed = 1; seed <= 4; seed++) {
		struct coll c = { .rng = seed * 0x9e3779b97f4a7c15u, .now = 1773072000000 };

		cr_assert_eq(store_open(":memory:", &c.st, &msg), 0, "%s", msg);
		for (int round = 0; round < 8; round++) {
			for (int i = 0; i < 150; i++)
				change(&c);
			/* Once, as it is slow: its least is 20,000 answers. */
			if (seed == 1 && round == 5 && c.n_cards > 0)
				bulk_load(&c, 20000);
			expect_same_stats(&c, &p);
		}
		expect_check_passes(&c);
		coll_free(&c);
	}
}

/* A deck deleted and one made after it with the same id start from no
 * answers. */
Test(stats_slots, a_deck_made_again_starts_empty)
{
	struct coll c = { .rng = 7, .now = 1773072000000 };
	struct fsrs_params p;
	int64_t d, again, n;
	char *msg = NULL;
	struct stats s;

	fsrs_default_params(&p);
	cr_assert_eq(store_open(":memory:", &c.st, &msg), 0, "%s", msg);
	cr_assert_eq(store_deck_id(c.st, "A", true, &d, &msg), 0);
	saw_deck(&c, d);
	for (int i = 0; i < 3; i++) {
		struct card k = { .ext_id = i == 0 ? "a" : i == 1 ? "b"
			                                          : "c",
			.deck_id = d,
			.question = "q",
			.answer = "",
			.tips = "",
			.tags = "" };

		cr_assert_eq(store_card_insert(c.st, &k, c.now, &msg), 0, "%s", msg);
		c.card[c.n_cards++] = k.id;
	}
	for (int i = 0; i < 30; i++)
		answer(&c, c.card[i % 3]);
	cr_assert_eq(store_deck_delete(c.st, d, c.now, &n, &msg), 0, "%s", msg);
	cr_assert_eq(n, 3);
	c.n_cards = 0;
	cr_assert_eq(store_deck_id(c.st, "B", true, &again, &msg), 0);
	cr_assert_eq(again, d, "the test wants the deck id given again");
	cr_assert_eq(stats_compute(c.st, &p, 4, again, c.now, &s, &msg), 0);
	cr_expect_eq(s.days_studied, 0);
	expect_same_stats(&c, &p);
	expect_check_passes(&c);
	coll_free(&c);
}

/* A card whose id is too large for the bulk load's table of decks (put
 * back with it, as undo puts a card back): the decks are counted in SQL,
 * to the same figures. */
Test(stats_slots, a_card_of_a_huge_id_is_counted_in_its_deck)
{
	struct coll c = { .rng = 11, .now = 1773072000000 };
	struct card_row big = { .c = { .id = (int64_t)1 << 23, .ext_id = "big", .question = "q", .answer = "", .tips = "", .tags = "" } };
	struct fsrs_params p;
	char *msg = NULL;

	fsrs_default_params(&p);
	cr_assert_eq(store_open(":memory:", &c.st, &msg), 0, "%s", msg);
	while (c.n_cards < 20)
		add_card(&c);
	big.c.deck_id = some_deck(&c);
	cr_assert_eq(store_card_row_put(c.st, &big, false, &msg), 0, "%s", msg);
	c.card[c.n_cards++] = big.c.id;
	bulk_load(&c, 20000);
	expect_same_stats(&c, &p);
	expect_check_passes(&c);
	coll_free(&c);
}

/* Cards added in bulk (an import) count the answers the log has for their
 * ids, as one by one: answers of a card that never was, written before,
 * which the check would report, and yet counted as everywhere else. */
Test(stats_slots, cards_added_in_bulk_count_their_answers)
{
	struct coll c = { .rng = 13, .now = 1773072000000 };
	struct fsrs_params p;
	char *msg = NULL;
	int64_t ahead;

	fsrs_default_params(&p);
	cr_assert_eq(store_open(":memory:", &c.st, &msg), 0, "%s", msg);
	add_card(&c);
	ahead = c.card[0] + 3;
	for (int i = 0; i < 40; i++) {
		struct review r;

		if (some_review(&c, ahead, &r))
			cr_assert_eq(store_review_insert(c.st, &r, &msg), 0, "%s", msg);
	}
	cr_assert_eq(store_begin(c.st, &msg), 0);
	cr_assert_eq(store_cards_bulk_begin(c.st, true, &msg), 0, "%s", msg);
	while (c.card[c.n_cards - 1] < ahead)
		add_card(&c);
	cr_assert_eq(store_cards_bulk_end(c.st, &msg), 0, "%s", msg);
	cr_assert_eq(store_commit(c.st, &msg), 0);
	expect_same_stats(&c, &p);
	coll_free(&c);
}

/* Counts given to store_reviews_bulk_end: the collection's slots that
 * hold an answer, then each deck's (ids 1 to DECKS_MAX), span slots from
 * first each. */
#define DECKS_MAX 16
struct given {
	struct store_slot_counts *v; /* [deck][slot]: deck 0 the collection */
	size_t span, deck, at;
	int64_t first;
};

static bool
given_next(void *ctx, struct store_slot_counts *out)
{
	struct given *g = ctx;

	for (; g->deck <= DECKS_MAX; g->deck++, g->at = 0)
		while (g->at < g->span) {
			struct store_slot_counts *c = &g->v[g->deck * g->span + g->at++];
			bool any = false;

			for (int k = 0; k < 12; k++)
				any |= c->n[k] != 0;
			if (any) {
				*out = *c;
				out->deck_id = (int64_t)g->deck;
				out->slot = g->first + (int64_t)(g->at - 1);
				return true;
			}
		}
	return false;
}

/* The answers per slot of a bulk load into a log empty before, as its
 * writer counts them (the replay of import-reviews): the collection's and
 * each deck's are taken as they are. */
Test(stats_slots, a_bulk_load_with_its_own_counts_takes_them)
{
	struct coll c = { .rng = 17, .now = 1773072000000 };
	struct fsrs_params p;
	struct given g = { .span = (size_t)(DAYS + 3) * 96 };
	struct store_slot_source src = { given_next, &g };
	size_t n = 0;
	char *msg = NULL;

	g.first = (c.now - (int64_t)DAYS * MS_PER_DAY) / STORE_SLOT_MS;
	fsrs_default_params(&p);
	g.v = xcalloc((DECKS_MAX + 1) * g.span, sizeof(*g.v));
	cr_assert_eq(store_open(":memory:", &c.st, &msg), 0, "%s", msg);
	while (c.n_cards < 40)
		add_card(&c);
	cr_assert_eq(store_begin(c.st, &msg), 0);
	cr_assert_eq(store_reviews_bulk_begin(c.st, 20000, 40, &msg), 0, "%s", msg);
	while (n < 20000) {
		struct review r;
		struct sched s;
		int64_t deck;
		size_t at;
		int cell;

		if (!some_review(&c, c.card[pick(&c, c.n_cards)], &r))
			continue;
		cr_assert_eq(store_review_insert(c.st, &r, &msg), 0, "%s", msg);
		cr_assert_eq(store_card_sched(c.st, r.card_id, &s, &deck, &msg), 0);
		cr_assert(deck >= 1 && deck <= DECKS_MAX, "deck %lld", (long long)deck);
		at = (size_t)(r.time / STORE_SLOT_MS - g.first);
		cr_assert_lt(at, g.span);
		cell = (r.state != STATE_REVIEW ? 0 : r.before.scheduled_days < 21 ? 4
										   : 8) +
		       (int)r.rating - 1;
		g.v[at].n[cell]++;
		g.v[(size_t)deck * g.span + at].n[cell]++;
		n++;
	}
	cr_assert_eq(store_reviews_bulk_end(c.st, &src, &msg), 0, "%s", msg);
	cr_assert_eq(store_commit(c.st, &msg), 0);
	free(g.v);
	expect_same_stats(&c, &p);
	expect_check_passes(&c);
	coll_free(&c);
}
