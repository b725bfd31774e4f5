/*
 * optimize.h - fitting FSRS-6's 21 weights to a review log, and scoring
 * weights on it, as the FSRS optimizer (fsrs-rs) does.
 *
 * The review log becomes training items (optimize_items.c): one card's
 * answers, each with the study days since the one before, and a
 * prediction to score at each answer on a later study day than the one
 * before.  The fit (optimize.c) pre-trains the four initial stabilities
 * from the first answers, then runs Adam on the recency-weighted binary
 * cross-entropy of the predicted recall, with exact gradients (forward
 * mode through the FSRS-6 recurrence), a cosine learning rate, clipping
 * to the weights' bounds after every step and a pull toward the defaults.
 *
 * Pure: no I/O, no clock; deterministic (same items, same weights, byte
 * for byte).  Out-of-memory dies (util.h); nothing else fails.
 */
#ifndef REHEARSE_OPTIMIZE_H
#define REHEARSE_OPTIMIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/fsrs.h"
#include "core/progress.h"

/* One answer of a card, as the optimizer sees it. */
struct opt_review {
	uint8_t rating;   /* 1-4 */
	uint32_t delta_t; /* study days since the card's previous answer */
};

/* One card's answers: reviews[first .. first + n - 1]. */
struct opt_card {
	size_t first;
	uint32_t n;
};

/*
 * A prediction to score: the recall of card `card` at its answer `pos`
 * (>= 1, delta_t > 0) from the answers before it; `time` is that
 * answer's (ms).
 */
struct opt_item {
	uint32_t card;
	uint32_t pos;
	int64_t time;
};

struct opt_items {
	struct opt_review *reviews;
	size_t n_reviews;
	struct opt_card *cards;
	size_t n_cards;
	struct opt_item *items; /* in order (oldest answer first) */
	size_t n_items;
	size_t n_answers; /* answers read, kept or not */
	size_t cap_reviews, cap_cards, cap_items;
};

/* One answer as the review log gives it, for optimize_items_add_card. */
struct opt_answer {
	int64_t time;  /* ms */
	int64_t day;   /* its study day (timefmt_study_day) */
	int rating;    /* 1-4 */
	bool learning; /* answered as a new or learning card */
};

/*
 * Adds one card's answers (in time order) as the FSRS convertor does: the
 * answers before the card's last first learning are dropped (a card
 * reset and learnt again starts over), and each answer after the first
 * is an item when it falls on a later study day than the one before.
 */
void optimize_items_add_card(struct opt_items *it, const struct opt_answer *a,
    size_t n);
/* Orders the items by the time of their answer (then card, then answer);
 * call after the last card. */
void optimize_items_finish(struct opt_items *it);
/* Frees everything it holds and empties it. */
void optimize_items_free(struct opt_items *it);

/* Log loss and RMSE(bins) as fsrs-rs's evaluate computes them. */
struct opt_metrics {
	size_t items; /* the items scored */
	double log_loss;
	double rmse_bins;
};

/*
 * Scores weights w as fsrs-rs's evaluate does (through its binding): on
 * the items left once the outliers of the first intervals are set aside,
 * recency-weighted.  -1 when no item is left.
 */
int optimize_evaluate(const struct opt_items *it,
    const double w[FSRS_N_WEIGHTS], struct opt_metrics *m);

/* What optimize_fit did. */
enum opt_outcome {
	OPT_FITTED = 0,     /* pre-training and gradient descent */
	OPT_PRETRAINED = 1, /* too few items for descent: initial stabilities */
	OPT_TOO_FEW = 2,    /* too few items: the defaults */
};

struct opt_config {
	int relearning_steps; /* bounds w17, w18 (as fsrs-rs); >= 1 */
	int epochs;           /* 5 */
	int batch_size;       /* 512 */
	double learning_rate; /* 0.04 */
	uint64_t seed;        /* of the batch order */
};

/* fsrs-rs's training settings. */
void optimize_default_config(struct opt_config *c, int relearning_steps);

/*
 * Fits the weights to the items into w (the defaults when there are too
 * few), rounded to the decimals `config weights` keeps.  Reports the
 * batches done to progress (may be NULL).
 */
enum opt_outcome optimize_fit(const struct opt_items *it,
    const struct opt_config *c, const struct progress *progress,
    double w[FSRS_N_WEIGHTS]);

/*
 * The loss that optimize_fit descends for one set of items, and its exact
 * gradient: the recency-weighted mean cross-entropy over every item.
 * For tests (gradients against finite differences).
 */
double optimize_loss_grad(const struct opt_items *it,
    const double w[FSRS_N_WEIGHTS], double grad[FSRS_N_WEIGHTS]);

#endif
