/*
 * synth_learner.h - a synthetic learner for the optimizer's tests and its
 * benchmark: cards scheduled by rehearse's FSRS with the default weights,
 * answered by a memory that follows FSRS-6 with other, known weights.
 */
#ifndef REHEARSE_SYNTH_LEARNER_H
#define REHEARSE_SYNTH_LEARNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/fsrs.h"

struct synth_review {
	int64_t card;  /* 1.. */
	int64_t time;  /* ms */
	int rating;    /* 1-4 */
	bool learning; /* the card was new or learning before it */
};

/* Weights the learner's memory follows: in bounds, far from the defaults. */
extern const double synth_true_w[FSRS_N_WEIGHTS];

/*
 * Simulates n_cards cards, introduced over the first half of `days` days
 * from 2024-01-01 UTC and reviewed until the end, answering with recall
 * drawn from FSRS-6 with weights true_w.  The reviews, card by card in
 * time order, go to *out (the caller frees it); returns their number.
 * Deterministic for a seed.
 */
size_t synth_learner(const double true_w[FSRS_N_WEIGHTS], size_t n_cards,
    int days, uint64_t seed, struct synth_review **out);

#endif
