/*
 * optimize.c - "rehearse optimize": FSRS-6's weights fitted to the review
 * log, compared with the current ones on the same items, and saved when
 * they are better.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd/cmd.h"
#include "cmd/fit_report.h"
#include "cmd/progress_bar.h"
#include "core/optimize.h"
#include "core/optimize_load.h"
#include "core/weights.h"

enum { OPT_DECK = 'd',
	OPT_DRY_RUN = 'n',
	OPT_JSON = 'j' };

static const struct cmd_option options[] = {
	{ OPT_DECK, 0, "deck", "NAME", "fit to the reviews of deck NAME only" },
	{ OPT_DRY_RUN, 0, "dry-run", NULL, "show the fit, save nothing" },
	{ OPT_JSON, 0, "json", NULL, "print JSON for scripts" },
	{ 0, 0, NULL, NULL, NULL },
};

static double
seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Fits, with a bar on a terminal. */
static enum opt_outcome
fit(struct cli *c, const struct opt_items *it, double w[FSRS_N_WEIGHTS])
{
	struct opt_config conf;
	struct progress_bar bar;
	struct progress p;
	enum opt_outcome out;

	optimize_default_config(&conf, c->set.fsrs.n_relearning_steps);
	progress_bar_start(&bar, "Optimizing");
	p = progress_bar_hook(&bar);
	out = optimize_fit(it, &conf, &p, w);
	progress_bar_end(&bar);
	return out;
}

static int
save(struct cli *c, const double w[FSRS_N_WEIGHTS])
{
	char *text = weights_format(w), *msg = NULL;
	int rc = settings_set(c->st, settings_weights_key, text, &msg);

	free(text);
	if (rc < 0)
		return cmd_fail(msg);
	memcpy(c->set.fsrs.w, w, sizeof(c->set.fsrs.w));
	return CLI_OK;
}

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	struct fit_report r = { .json = cmd_given(a, OPT_JSON) };
	struct opt_items it;
	int64_t deck_id;
	char *msg = NULL;
	double t0 = seconds_now();
	int rc;

	(void)self;
	if ((rc = cmd_deck_id(c, cmd_value(a, OPT_DECK), &deck_id)) != CLI_OK)
		return rc;
	if (optimize_load(c->st, deck_id, c->set.day_starts_at, &it, &msg) < 0)
		return cmd_fail(msg);
	r.reviews = it.n_answers;
	r.items = it.n_items;
	memcpy(r.weights, c->set.fsrs.w, sizeof(r.weights));
	if (optimize_evaluate(&it, c->set.fsrs.w, &r.before) == 0 &&
	    fit(c, &it, r.weights) != OPT_TOO_FEW) {
		r.fitted = true;
		optimize_evaluate(&it, r.weights, &r.after);
		r.better = r.after.log_loss < r.before.log_loss;
	}
	optimize_items_free(&it);
	r.dry_run = cmd_given(a, OPT_DRY_RUN);
	if (r.fitted && r.better && !r.dry_run) {
		if ((rc = save(c, r.weights)) != CLI_OK)
			return rc;
		r.saved = true;
	}
	r.seconds = seconds_now() - t0;
	fit_report_print(&r);
	return cmd_flush(CLI_OK);
}

const struct cmd_entry cmd_optimize_entry = {
	.name = "optimize",
	.synopsis = "[--deck NAME] [--dry-run] [--json]",
	.summary = "Fit the FSRS weights to your reviews; keep them if better",
	.options = options,
	.flags = CMD_COLLECTION,
	.run = run,
};
