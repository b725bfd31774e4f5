/*
 * optimize_private.h - what the optimizer's files share: the FSRS-6
 * recurrence over one card with its exact gradient (optimize_model.c),
 * and the pre-training of the initial stabilities (optimize_pretrain.c).
 */
#ifndef REHEARSE_OPTIMIZE_PRIVATE_H
#define REHEARSE_OPTIMIZE_PRIVATE_H

#include "core/optimize.h"

#define OPT_S_MIN 0.001
#define OPT_S_MAX 36500.0
#define OPT_INIT_S_MAX 100.0

/*
 * Runs card c's answers through FSRS-6 with weights w.  At each answer
 * pos >= 1 whose weight[pos] is not 0, the predicted recall p is scored:
 * the sum of -weight * (y ln p + (1 - y) ln(1 - p)) is returned, y being
 * whether the answer was a recall.  When grad is not NULL, the exact
 * gradient of that sum is added to it.  When pred is not NULL, pred[pos]
 * receives each answer's predicted recall (pos >= 1).
 */
double opt_card_loss(const struct opt_items *it, uint32_t c,
    const double w[FSRS_N_WEIGHTS], const double *weight, double *grad,
    double *pred);

/* Clamps w to fsrs-rs's bounds during training (w19 from 0.01; w17 and
 * w18 capped for relearning_steps > 1). */
void opt_clip(double w[FSRS_N_WEIGHTS], int relearning_steps);

/* The outcome of the item filter and the pre-training. */
struct opt_pretrain {
	bool *keep_card;    /* per card: its items are trained on */
	uint32_t *first_lt; /* per card: its first answer on a later day */
	/* per card: the rank of the group of its first-interval item among
	 * the groups kept for the pre-training, or -1 */
	long *init_rank;
	size_t n_train;           /* items kept */
	size_t n_init;            /* items kept for the pre-training */
	double init_s[4];         /* the four initial stabilities */
	unsigned rating_count[5]; /* pre-training items by first rating */
	bool have_init;           /* init_s was fitted (else: the defaults) */
};

/* Filters the items' outliers and fits the initial stabilities. */
void opt_pretrain(const struct opt_items *it, struct opt_pretrain *pt);
void opt_pretrain_free(struct opt_pretrain *pt);

/*
 * fsrs-rs's smooth_and_fill: orders s[] (ratings with a count) and fills
 * the missing ones from those present.  -1 when none is present.
 */
int opt_smooth_and_fill(double s[4], const bool present[4],
    const unsigned count[5]);

#endif
