/*
 * evaluate.c - "rehearse evaluate": how well FSRS-6's weights (the
 * collection's, or those given) predict the review log.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "cmd/cmd.h"
#include "cmd/fit_report.h"
#include "core/optimize.h"
#include "core/optimize_load.h"
#include "core/weights.h"

enum { OPT_WEIGHTS = 'w',
	OPT_JSON = 'j' };

static const struct cmd_option options[] = {
	{ OPT_WEIGHTS, 0, "weights", "W0,...,W20",
	    "score these weights instead of the collection's" },
	{ OPT_JSON, 0, "json", NULL, "print JSON for scripts" },
	{ 0, 0, NULL, NULL, NULL },
};

/* Bad weights are said before the collection is opened. */
static int
check(const struct cmd_entry *self, const struct cmd_args *a)
{
	const char *given = cmd_value(a, OPT_WEIGHTS);
	double w[FSRS_N_WEIGHTS];
	char *msg = NULL;

	(void)self;
	if (given != NULL && weights_parse(given, w, &msg) < 0)
		return cmd_fail(msg);
	return CLI_OK;
}

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	const char *given = cmd_value(a, OPT_WEIGHTS);
	struct opt_items it;
	struct opt_metrics m;
	char *msg = NULL;
	int rc;

	(void)self;
	if (given != NULL && weights_parse(given, c->set.fsrs.w, &msg) < 0)
		return cmd_fail(msg);
	if (optimize_load(c->st, 0, c->set.day_starts_at, &it, &msg) < 0)
		return cmd_fail(msg);
	rc = optimize_evaluate(&it, c->set.fsrs.w, &m);
	if (rc == 0)
		fit_report_evaluate(cmd_given(a, OPT_JSON), m.items, &m);
	optimize_items_free(&it);
	if (rc < 0)
		return cmd_fail(xstrdup("nothing to evaluate: no answer on a"
					" later day than the card's answer before,"
					" once the outliers are set aside"));
	return cmd_flush(CLI_OK);
}

const struct cmd_entry cmd_evaluate_entry = {
	.name = "evaluate",
	.synopsis = "[--weights W0,...,W20] [--json]",
	.summary = "Score the FSRS weights on your reviews: log loss, RMSE",
	.options = options,
	.flags = CMD_COLLECTION,
	.check = check,
	.run = run,
};
