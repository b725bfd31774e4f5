/*
 * optimize_driver.c - writes the synthetic learner's collection for
 * bench/optimize: a deck file of its cards and its review log in the
 * CSV of import-reviews.
 *
 *     optimize_driver N_CARDS DAYS SEED CARDS.csv REVIEWS.csv
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>

#include "synth_learner.h"

int
main(int argc, char **argv)
{
	struct synth_review *r;
	size_t n;
	FILE *cards, *log;
	long n_cards;

	if (argc != 6) {
		fprintf(stderr, "usage: optimize_driver N_CARDS DAYS SEED"
				" CARDS.csv REVIEWS.csv\n");
		return 2;
	}
	n_cards = strtol(argv[1], NULL, 10);
	n = synth_learner(synth_true_w, (size_t)n_cards,
	    (int)strtol(argv[2], NULL, 10), strtoull(argv[3], NULL, 10), &r);
	cards = fopen(argv[4], "w");
	log = fopen(argv[5], "w");
	if (cards == NULL || log == NULL) {
		perror("optimize_driver");
		return 1;
	}
	fprintf(cards, "id,deck,question,answer\n");
	for (long c = 1; c <= n_cards; c++)
		fprintf(cards, "c%ld,Synthetic,Question %ld,Answer %ld\n", c, c,
		    c);
	fprintf(log, "card_id,review_time,review_rating\n");
	for (size_t i = 0; i < n; i++)
		fprintf(log, "c%lld,%lld,%d\n", (long long)r[i].card,
		    (long long)r[i].time, r[i].rating);
	free(r);
	if (fclose(cards) != 0 || fclose(log) != 0) {
		perror("optimize_driver");
		return 1;
	}
	fprintf(stderr, "%zu reviews of %ld cards\n", n, n_cards);
	return 0;
}
