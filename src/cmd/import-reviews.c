/* import-reviews.c - "rehearse import-reviews": a review log, replayed. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "cmd/cmd.h"
#include "cmd/progress_bar.h"
#include "core/util.h"
#include "core/history.h"

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	struct history_counts n;
	struct progress_bar bar;
	struct progress hook;
	char *msg = NULL, *label = xasprintf("importing %s", a->argv[0]);
	int rc;

	(void)self;
	progress_bar_start(&bar, label);
	free(label);
	hook = progress_bar_hook(&bar);
	rc = history_import(c->st, &c->set, c->now, a->argv[0], &hook, &n, &msg);
	progress_bar_end(&bar);
	if (rc < 0) {
		cmd_warn("%s", msg != NULL ? msg : "import failed");
		free(msg);
		cmd_warn("nothing was imported");
		return CLI_FAIL;
	}
	printf("%ld reviews added to %zu cards, %ld already recorded\n", n.added,
	    n.cards, n.recorded);
	return CLI_OK;
}

const struct cmd_entry cmd_import_reviews_entry = {
	.name = "import-reviews",
	.synopsis = "FILE",
	.summary = "Import a review log and replay it through the scheduler",
	.notes = "  The columns are card_id, review_time (ms since the epoch),\n"
		 "  review_rating (1-4) and, optionally, review_state and\n"
		 "  review_duration.  Reviews already recorded (same card and time)\n"
		 "  are skipped, so importing a file twice changes nothing.\n",
	.min_args = 1,
	.max_args = 1,
	.args_error = "import-reviews takes one FILE",
	.flags = CMD_COLLECTION,
	.run = run,
};
