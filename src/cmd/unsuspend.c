/* unsuspend.c - "rehearse unsuspend": suspended cards back in the reviews. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "cmd/cmd.h"
#include "cmd/pick.h"
#include "core/util.h"

enum { OPT_ALL = 'a',
	OPT_DECK = 'd' };

static const struct cmd_option options[] = {
	{ OPT_ALL, 0, "all", NULL, "every suspended card" },
	{ OPT_DECK, 0, "deck", "NAME", "with --all: only the cards of deck NAME" },
	{ 0, 0, NULL, NULL, NULL },
};

static int
collect_suspended(const struct card *card, void *ctx, char **errmsg)
{
	struct pick_list *p = ctx;

	(void)errmsg;
	if (card->suspended)
		pick_list_add(p, card->id);
	return 0;
}

static int
check(const struct cmd_entry *self, const struct cmd_args *a)
{
	bool all = cmd_given(a, OPT_ALL);

	if (all && a->argc > 0)
		return opt_usage_error(self->name, "give card ids or --all, not both");
	if (!all && a->argc == 0)
		return opt_usage_error(self->name, "give card ids, or --all");
	if (cmd_given(a, OPT_DECK) && !all)
		return opt_usage_error(self->name, "--deck goes with --all");
	return CLI_OK;
}

/* The suspended cards among the ids named; *not_suspended counts the
 * others. */
static int
pick_named(struct cli *c, const struct cmd_args *a, struct pick_list *p,
    size_t *not_suspended, char **errmsg)
{
	for (int i = 0; i < a->argc; i++) {
		struct card card;
		bool found;

		if (store_card_by_ext(c->st, a->argv[i], &card, &found, errmsg) < 0)
			return -1;
		if (!found)
			return set_error(errmsg, "no card with id \"%s\" (see rehearse"
						 " list)",
			    a->argv[i]);
		if (card.suspended)
			pick_list_add(p, card.id);
		else
			++*not_suspended;
		card_clear(&card);
	}
	pick_list_unique(p);
	return 0;
}

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	struct pick_list p = { 0 };
	size_t not_suspended = 0;
	int64_t deck_id;
	char *msg = NULL;
	int rc;

	(void)self;
	if ((rc = cmd_deck_id(c, cmd_value(a, OPT_DECK), &deck_id)) != CLI_OK)
		return rc;
	if (store_begin(c->st, &msg) < 0)
		return cmd_fail(msg);
	if (cmd_given(a, OPT_ALL)
		? store_cards_foreach(c->st, deck_id, collect_suspended, &p, &msg) != 0
		: pick_named(c, a, &p, &not_suspended, &msg) < 0)
		goto fail;
	for (size_t i = 0; i < p.n; i++)
		if (store_card_set_suspended(c->st, p.v[i], false, &msg) < 0)
			goto fail;
	if (store_commit(c->st, &msg) < 0)
		goto fail;
	printf("%zu card%s unsuspended", p.n, p.n == 1 ? "" : "s");
	if (not_suspended > 0)
		printf(", %zu %s not suspended", not_suspended,
		    not_suspended == 1 ? "was" : "were");
	putchar('\n');
	free(p.v);
	return CLI_OK;
fail:
	store_rollback(c->st);
	free(p.v);
	return cmd_fail(msg);
}

const struct cmd_entry cmd_unsuspend_entry = {
	.name = "unsuspend",
	.synopsis = "ID... | --all [--deck NAME]",
	.summary = "Bring suspended cards back into the reviews",
	.options = options,
	.max_args = -1,
	.flags = CMD_COLLECTION,
	.check = check,
	.run = run,
};
