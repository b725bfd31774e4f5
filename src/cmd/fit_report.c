/* fit_report.c - the reports of optimize and evaluate (see fit_report.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/fit_report.h"
#include "core/json.h"
#include "core/weights.h"

static void
add_metrics(struct strbuf *b, const struct opt_metrics *m)
{
	strbuf_adds(b, "{\"log_loss\": ");
	json_add_fixed(b, m->log_loss, 6);
	strbuf_adds(b, ", \"rmse_bins\": ");
	json_add_fixed(b, m->rmse_bins, 6);
	strbuf_adds(b, "}");
}

static void
print_json(const struct fit_report *r)
{
	struct strbuf b = { 0 };

	strbuf_addf(&b, "{\"reviews\": %zu, \"items\": %zu, \"before\": ",
	    r->reviews, r->items);
	if (r->items > 0)
		add_metrics(&b, &r->before);
	else
		strbuf_adds(&b, "null");
	strbuf_adds(&b, ", \"after\": ");
	if (r->fitted)
		add_metrics(&b, &r->after);
	else
		strbuf_adds(&b, "null");
	strbuf_adds(&b, ", \"weights\": [");
	for (int i = 0; i < FSRS_N_WEIGHTS; i++) {
		strbuf_adds(&b, i > 0 ? ", " : "");
		json_add_fixed(&b, r->weights[i], WEIGHTS_DECIMALS);
	}
	strbuf_addf(&b, "], \"saved\": %s, \"seconds\": ",
	    r->saved ? "true" : "false");
	json_add_fixed(&b, r->seconds, 3);
	strbuf_adds(&b, "}\n");
	fputs(strbuf_str(&b), stdout);
	strbuf_free(&b);
}

/* The metrics in a line: "log loss 0.3512  RMSE(bins) 4.21%". */
static void
print_metrics(const char *label, const struct opt_metrics *m)
{
	/* printf's %f follows LC_NUMERIC; json.c's writer does not. */
	struct strbuf b = { 0 };

	json_add_fixed(&b, m->log_loss, 4);
	strbuf_adds(&b, "  RMSE(bins) ");
	json_add_fixed(&b, m->rmse_bins * 100, 2);
	printf("%-8s log loss %s%%\n", label, strbuf_str(&b));
	strbuf_free(&b);
}

/* "Weights: w0, w1, ..." wrapped to fit 80 columns. */
static void
print_weights(char *w)
{
	int col = printf("Weights:");

	for (char *tok = strtok(w, " "); tok != NULL; tok = strtok(NULL, " ")) {
		if (col + 1 + (int)strlen(tok) > 78)
			col = printf("\n        ") - 1;
		col += printf(" %s", tok);
	}
	printf("\n");
}

static void
print_text(const struct fit_report *r)
{
	char *w = weights_format(r->weights);

	printf("%zu reviews, %zu items (answers on a later day than the one"
	       " before)\n",
	    r->reviews, r->items);
	if (!r->fitted) {
		printf("Too few to fit: FSRS needs at least 8 items after"
		       " leaving out outliers, and\na first answer followed by"
		       " a review on a later day.  The weights are unchanged.\n");
		free(w);
		return;
	}
	print_metrics("Before", &r->before);
	print_metrics("After", &r->after);
	print_weights(w);
	if (r->saved)
		printf("Saved: the collection now schedules with these weights.\n");
	else if (!r->better)
		printf("Not saved: the current weights fit the reviews as well"
		       " or better.\n");
	else
		printf("Not saved (--dry-run).\n");
	free(w);
}

void
fit_report_print(const struct fit_report *r)
{
	if (r->json)
		print_json(r);
	else
		print_text(r);
}

void
fit_report_evaluate(bool json, size_t items, const struct opt_metrics *m)
{
	if (json) {
		struct strbuf b = { 0 };

		strbuf_addf(&b, "{\"items\": %zu, \"log_loss\": ", items);
		json_add_fixed(&b, m->log_loss, 6);
		strbuf_adds(&b, ", \"rmse_bins\": ");
		json_add_fixed(&b, m->rmse_bins, 6);
		strbuf_adds(&b, "}\n");
		fputs(strbuf_str(&b), stdout);
		strbuf_free(&b);
		return;
	}
	printf("%zu items scored (outliers of the first intervals set aside)\n",
	    items);
	print_metrics("Weights", m);
}
