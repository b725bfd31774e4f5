/*
 * progress.h - how a long job in the core says how far it is.
 *
 * The core never prints: a job that can take seconds (an import, a replay
 * of a review log, a fit of the scheduler's parameters) takes a
 * struct progress and calls progress_report() now and then; the caller
 * decides what to show (src/cmd/progress_bar.c draws a bar on a terminal).
 */
#ifndef REHEARSE_PROGRESS_H
#define REHEARSE_PROGRESS_H

#include <stdint.h>

struct progress {
	/* done of total units (total 0: not known).  NULL: nobody listens. */
	void (*report)(void *ctx, uint64_t done, uint64_t total);
	void *ctx;
};

/* Passes done and total on to p's listener; p may be NULL. */
static inline void
progress_report(const struct progress *p, uint64_t done, uint64_t total)
{
	if (p != NULL && p->report != NULL)
		p->report(p->ctx, done, total);
}

#endif
