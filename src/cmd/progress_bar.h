/*
 * progress_bar.h - a progress bar on standard error, for long jobs.
 *
 * The bar is drawn only when standard error is a terminal whose TERM is
 * not "dumb"; otherwise every call does nothing, so a job's output in a
 * pipe or a log stays clean.  It is redrawn on one line (carriage return)
 * at most every PROGRESS_BAR_MS milliseconds and when the percentage
 * changes, and progress_bar_end() erases it, so a message printed after
 * it starts on a clean line.
 *
 *   rehearse: importing big.csv [##########          ]  50%
 */
#ifndef REHEARSE_PROGRESS_BAR_H
#define REHEARSE_PROGRESS_BAR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/progress.h"

#define PROGRESS_BAR_MS 100

struct progress_bar {
	FILE *f;       /* where it is drawn; NULL: not drawn */
	char *label;   /* sanitised, owned */
	int percent;   /* last drawn, -1: none yet */
	int64_t drawn; /* when it was last drawn, ms (monotonic) */
	bool shown;    /* something is on the line */
};

/* Starts a bar labelled label (untrusted text: it is sanitised) on
 * stderr when it is a terminal.  Never fails: without a terminal, or when
 * memory runs out, the bar stays silent. */
void progress_bar_start(struct progress_bar *b, const char *label);
/* As progress_bar_start, on f, drawn only when draw is true (tests). */
void progress_bar_start_on(
    struct progress_bar *b, FILE *f, bool draw, const char *label);
/* Shows done of total (total 0: a count without a bar). */
void progress_bar_update(struct progress_bar *b, uint64_t done, uint64_t total);
/* The hook a core job takes to update b. */
struct progress progress_bar_hook(struct progress_bar *b);
/* Erases the bar and frees what b holds. */
void progress_bar_end(struct progress_bar *b);

#endif
