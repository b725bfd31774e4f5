/* review.c - "rehearse review [DECK]", and the deck list when no command
 * is given: the screens, over the collection. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "cmd/cmd.h"

static int
run_screens(struct cli *c, const char *deck, bool review)
{
	struct cli_tui t = { .review = review, .script = c->script };
	char *msg = NULL, *name = NULL;
	int rc;

	/* An unknown deck is said here, before the screen is taken over; a
	 * deck named in part is shown by its whole name. */
	if ((rc = cmd_deck_find(c, deck, &t.deck_id, &name)) != CLI_OK)
		return rc;
	t.deck = name;
	rc = CLI_OK;
	if (c->tui(c->st, &c->set, &t, &msg) < 0)
		rc = cmd_fail(msg);
	free(name);
	return rc;
}

static int
run_review(const struct cmd_entry *self, struct cli *c,
    const struct cmd_args *a)
{
	(void)self;
	return run_screens(c, a->argc > 0 ? a->argv[0] : NULL, true);
}

static int
run_default(const struct cmd_entry *self, struct cli *c,
    const struct cmd_args *a)
{
	(void)self;
	(void)a;
	return run_screens(c, NULL, false);
}

const struct cmd_entry cmd_review_entry = {
	.name = "review",
	.synopsis = "[DECK]",
	.summary = "Review the cards due in DECK, or in all decks",
	.max_args = 1,
	.args_error = "review takes at most one deck name",
	.flags = CMD_COLLECTION | CMD_SEED,
	.run = run_review,
};

const struct cmd_entry cmd_default_entry = {
	.name = "",
	.synopsis = "",
	.summary = "Open the deck list",
	.flags = CMD_COLLECTION | CMD_SEED,
	.run = run_default,
};
