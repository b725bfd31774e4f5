/*
 * fit_report.h - what optimize and evaluate print: log loss and
 * RMSE(bins), as text or JSON, on standard output.
 */
#ifndef REHEARSE_FIT_REPORT_H
#define REHEARSE_FIT_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/optimize.h"

struct fit_report {
	bool json;
	size_t reviews, items;
	struct opt_metrics before, after;
	double weights[FSRS_N_WEIGHTS]; /* fitted, or the current ones */
	bool fitted;                    /* there were enough items to fit */
	bool better;                    /* the fitted weights have the lower log loss */
	bool dry_run;                   /* --dry-run */
	bool saved;
	double seconds;
};

/* optimize's report. */
void fit_report_print(const struct fit_report *r);

/* evaluate's report of metrics m on `items` items. */
void fit_report_evaluate(bool json, size_t items, const struct opt_metrics *m);

#endif
