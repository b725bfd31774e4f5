#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/optimize.h"
#include "core/optimize_load.h"
#include "core/store_search.h"
#include "fixtures.h"
#include "synth_learner.h"

#define DAY_MS INT64_C(86400000)

/* The synthetic learner's reviews as items, days cut at midnight UTC. */
static void
synth_items(size_t n_cards, int days, uint64_t seed, struct opt_items *it)
{
	struct synth_review *r;
	size_t n = synth_learner(synth_true_w, n_cards, days, seed, &r);
	struct opt_answer *a = calloc(n + 1, sizeof(*a));

	memset(it, 0, sizeof(*it));
	for (size_t i = 0; i < n;) {
		size_t j = i;

		for (; j < n && r[j].card == r[i].card; j++)
			a[j - i] = (struct opt_answer){ r[j].time,
				r[j].time / DAY_MS, r[j].rating, r[j].learning };
		optimize_items_add_card(it, a, j - i);
		i = j;
	}
	optimize_items_finish(it);
	free(a);
	free(r);
}

static void
default_w(double w[FSRS_N_WEIGHTS])
{
	struct fsrs_params p;

	fsrs_default_params(&p);
	memcpy(w, p.w, sizeof(p.w));
}

/* The exact gradient against central differences, at w. */
static void
check_gradient(const struct opt_items *it, const double w[FSRS_N_WEIGHTS])
{
	double grad[FSRS_N_WEIGHTS], tmp[FSRS_N_WEIGHTS], scratch[FSRS_N_WEIGHTS];

	optimize_loss_grad(it, w, grad);
	for (int i = 0; i < FSRS_N_WEIGHTS; i++) {
		double h = 1e-6 * fmax(1, fabs(w[i])), up, down, fd;

		memcpy(tmp, w, sizeof(tmp));
		tmp[i] = w[i] + h;
		up = optimize_loss_grad(it, tmp, scratch);
		tmp[i] = w[i] - h;
		down = optimize_loss_grad(it, tmp, scratch);
		fd = (up - down) / (2 * h);
		cr_expect(fabs(fd - grad[i]) <= 1e-5 * fmax(1e-3, fabs(fd)) + 1e-8,
		    "w%d: exact %.10g, finite differences %.10g", i, grad[i],
		    fd);
	}
}

Test(optimize, gradient_matches_finite_differences)
{
	struct opt_items it;
	double w[FSRS_N_WEIGHTS];

	synth_items(60, 300, 7, &it);
	cr_assert_gt(it.n_items, 200);
	default_w(w);
	check_gradient(&it, w);
	check_gradient(&it, synth_true_w);
	optimize_items_free(&it);
}

/* Same-day answers are no items; a card learnt again starts over. */
Test(optimize, items_as_the_convertor_builds_them)
{
	struct opt_items it = { 0 };
	const struct opt_answer a[] = {
		{ 1 * DAY_MS, 1, 3, true },            /* first learning: dropped */
		{ 3 * DAY_MS, 3, 3, false },           /* dropped */
		{ 10 * DAY_MS, 10, 1, true },          /* learnt again: start */
		{ 10 * DAY_MS + 600000, 10, 3, true }, /* same day: no item */
		{ 12 * DAY_MS, 12, 3, false },         /* item, 2 days */
		{ 12 * DAY_MS + 1000, 12, 4, false },  /* same day */
		{ 20 * DAY_MS, 20, 1, false },         /* item, 8 days */
	};
	const struct opt_answer single[] = { { 5 * DAY_MS, 5, 3, true } };
	const struct opt_answer no_learning[] = { { 5 * DAY_MS, 5, 3, false },
		{ 9 * DAY_MS, 9, 3, false } };

	optimize_items_add_card(&it, a, 7);
	optimize_items_add_card(&it, single, 1);
	optimize_items_add_card(&it, no_learning, 2);
	optimize_items_finish(&it);
	cr_assert_eq(it.n_answers, 10);
	cr_assert_eq(it.n_cards, 1);
	cr_assert_eq(it.cards[0].n, 5);
	cr_assert_eq(it.n_items, 2);
	cr_expect_eq(it.items[0].pos, 2);
	cr_expect_eq(it.items[1].pos, 4);
	cr_expect_eq(it.reviews[0].rating, 1);
	cr_expect_eq(it.reviews[0].delta_t, 0);
	cr_expect_eq(it.reviews[1].delta_t, 0);
	cr_expect_eq(it.reviews[2].delta_t, 2);
	cr_expect_eq(it.reviews[4].delta_t, 8);
	optimize_items_free(&it);
}

Test(optimize, fit_recovers_the_learner)
{
	struct opt_items it;
	struct opt_config c;
	struct opt_metrics fitted, truth, def;
	double w[FSRS_N_WEIGHTS], again[FSRS_N_WEIGHTS], dw[FSRS_N_WEIGHTS];

	synth_items(2000, 500, 11, &it);
	cr_log_info("%zu answers, %zu items", it.n_answers, it.n_items);
	cr_assert_gt(it.n_items, 8000);
	optimize_default_config(&c, 1);
	cr_assert_eq(optimize_fit(&it, &c, NULL, w), OPT_FITTED);
	default_w(dw);
	cr_assert_eq(optimize_evaluate(&it, w, &fitted), 0);
	cr_assert_eq(optimize_evaluate(&it, synth_true_w, &truth), 0);
	cr_assert_eq(optimize_evaluate(&it, dw, &def), 0);
	cr_log_info("log loss: fitted %.5f, truth %.5f, defaults %.5f",
	    fitted.log_loss, truth.log_loss, def.log_loss);
	cr_expect_leq(fitted.log_loss, truth.log_loss + 0.002);
	cr_expect_lt(fitted.log_loss, def.log_loss - 0.005);
	cr_expect_lt(fitted.rmse_bins, def.rmse_bins);
	/* The same items give the same weights, bit for bit. */
	cr_assert_eq(optimize_fit(&it, &c, NULL, again), OPT_FITTED);
	cr_expect_eq(memcmp(w, again, sizeof(w)), 0);
	optimize_items_free(&it);
}

Test(optimize, too_few_items_give_the_defaults)
{
	struct opt_items it;
	struct opt_config c;
	double w[FSRS_N_WEIGHTS], dw[FSRS_N_WEIGHTS];

	synth_items(1, 30, 3, &it);
	optimize_default_config(&c, 1);
	cr_expect_eq(optimize_fit(&it, &c, NULL, w), OPT_TOO_FEW);
	default_w(dw);
	cr_expect_eq(memcmp(w, dw, sizeof(w)), 0);
	optimize_items_free(&it);
}

struct csv_row {
	char card[32];
	long long time;
	int rating, state;
};

static int
by_card_time(const void *pa, const void *pb)
{
	const struct csv_row *a = pa, *b = pb;
	int c = strcmp(a->card, b->card);

	if (c != 0)
		return c;
	return a->time < b->time ? -1 : a->time > b->time;
}

/* The review log of `name` (export-reviews' CSV) as items, the day
 * starting at 04:00 UTC. */
static void
csv_items(const char *name, struct opt_items *it)
{
	char *path = fixture_data_path(name), line[256];
	FILE *f = fopen(path, "r");
	struct csv_row *rows = NULL;
	struct opt_answer *a;
	size_t n = 0, cap = 0;

	cr_assert_not_null(f, "cannot open %s", path);
	cr_assert_not_null(fgets(line, sizeof(line), f));
	while (fgets(line, sizeof(line), f)) {
		struct csv_row r;

		cr_assert_eq(sscanf(line, "%31[^,],%lld,%d,%d", r.card, &r.time,
				 &r.rating, &r.state),
		    4, "bad line: %s", line);
		if (n == cap)
			rows = realloc(rows, (cap = cap ? 2 * cap : 256) *
						 sizeof(*rows));
		rows[n++] = r;
	}
	fclose(f);
	free(path);
	qsort(rows, n, sizeof(*rows), by_card_time);
	a = calloc(n + 1, sizeof(*a));
	memset(it, 0, sizeof(*it));
	for (size_t i = 0; i < n;) {
		size_t j = i;

		for (; j < n && strcmp(rows[j].card, rows[i].card) == 0; j++)
			a[j - i] = (struct opt_answer){ rows[j].time,
				(rows[j].time - 4 * 3600000) / DAY_MS,
				rows[j].rating, rows[j].state < 2 };
		optimize_items_add_card(it, a, j - i);
		i = j;
	}
	optimize_items_finish(it);
	free(a);
	free(rows);
}

/* fsrs-rs's evaluate of several weights on one review log, to 1e-4. */
Test(optimize, evaluate_agrees_with_fsrs_rs)
{
	char *path = fixture_data_path("optimize_evaluate.txt"), line[1024];
	FILE *f = fopen(path, "r");
	struct opt_items it;
	int sets = 0;

	cr_assert_not_null(f, "cannot open %s", path);
	csv_items("optimize_reviews.csv", &it);
	while (fgets(line, sizeof(line), f)) {
		double w[FSRS_N_WEIGHTS], loss, rmse;
		struct opt_metrics m;
		char *p = line + 1;

		if (line[0] != 'W')
			continue;
		for (int i = 0; i < FSRS_N_WEIGHTS; i++)
			w[i] = strtod(p, &p);
		loss = strtod(p, &p);
		rmse = strtod(p, &p);
		cr_assert_eq(optimize_evaluate(&it, w, &m), 0);
		cr_expect(fabs(m.log_loss - loss) <= 1e-4,
		    "log loss %.6f, fsrs-rs %.6f", m.log_loss, loss);
		cr_expect(fabs(m.rmse_bins - rmse) <= 1e-4,
		    "RMSE(bins) %.6f, fsrs-rs %.6f", m.rmse_bins, rmse);
		sets++;
	}
	fclose(f);
	free(path);
	cr_expect_eq(sets, 3);
	optimize_items_free(&it);
}

/* A review of card at time t, as the log records it. */
static void
log_answer(struct store *st, int64_t card, int64_t t, enum rating r,
    enum card_state state)
{
	struct review rv = { .card_id = card, .time = t, .rating = r, .state = state };
	char *msg = NULL;

	cr_assert_eq(store_review_insert(st, &rv, &msg), 0, "%s",
	    fixture_msg(msg));
}

/* The collection's log: days cut at 04:00 UTC; a reset card starts over. */
Test(optimize, load_reads_the_log_by_study_day_and_after_resets)
{
	struct store *st = fixture_store();
	struct fixture_card fc = { .deck = "D", .question = "Q", .answer = "A" };
	int64_t a, b, t0 = fixture_utc(2026, 3, 1, 12, 0);
	struct opt_items it;
	char *msg = NULL;

	fixture_tz("UTC");
	fc.ext_id = "a";
	a = fixture_add_card(st, &fc);
	fc.ext_id = "b";
	b = fixture_add_card(st, &fc);
	/* a: learnt, then seen at 03:00 the next night (the same study day),
	 * then two days later. */
	log_answer(st, a, t0, RATING_GOOD, STATE_NEW);
	log_answer(st, a, t0 + 15 * 3600000, RATING_GOOD, STATE_REVIEW);
	log_answer(st, a, t0 + 2 * DAY_MS, RATING_AGAIN, STATE_REVIEW);
	/* b: reset while still learning (so that its answers before and
	 * after are one run of learning answers), learnt again. */
	log_answer(st, b, t0, RATING_EASY, STATE_NEW);
	log_answer(st, b, t0 + 5 * DAY_MS, RATING_GOOD, STATE_LEARNING);
	cr_assert_eq(store_card_reset(st, b, t0 + 6 * DAY_MS, &msg), 0, "%s",
	    fixture_msg(msg));
	log_answer(st, b, t0 + 7 * DAY_MS, RATING_HARD, STATE_NEW);
	log_answer(st, b, t0 + 8 * DAY_MS, RATING_GOOD, STATE_LEARNING);

	cr_assert_eq(optimize_load(st, 0, 4, &it, &msg), 0, "%s",
	    fixture_msg(msg));
	cr_expect_eq(it.n_answers, 5); /* b's two before its reset left out */
	cr_assert_eq(it.n_cards, 2);
	cr_assert_eq(it.n_items, 2);
	/* a: 0, 0 (same study day), 2 days */
	cr_expect_eq(it.reviews[it.cards[0].first + 1].delta_t, 0);
	cr_expect_eq(it.reviews[it.cards[0].first + 2].delta_t, 2);
	/* b after its reset: Hard (taken as its first), then 1 day */
	cr_expect_eq(it.cards[1].n, 2);
	cr_expect_eq(it.reviews[it.cards[1].first].rating, RATING_HARD);
	cr_expect_eq(it.reviews[it.cards[1].first + 1].delta_t, 1);
	optimize_items_free(&it);
	store_close(st);
}

/* The loader holds a card's id in 32 bits: a log naming a card past them
 * (no collection numbers its cards so far) is refused, not cut short. */
Test(optimize, load_refuses_a_card_id_past_32_bits)
{
	struct store *st = fixture_store();
	int64_t t0 = fixture_utc(2026, 3, 1, 12, 0);
	struct opt_items it;
	char *msg = NULL;

	log_answer(st, INT64_C(1) << 32 | 7, t0, RATING_GOOD, STATE_NEW);
	cr_assert_eq(optimize_load(st, 0, 4, &it, &msg), -1);
	cr_expect(strstr(fixture_msg(msg), "card id 4294967303 out of range") != NULL,
	    "%s", fixture_msg(msg));
	free(msg);
	store_close(st);
}
