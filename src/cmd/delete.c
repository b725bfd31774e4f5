/* delete.c - "rehearse delete": cards out of the collection, their review
 * history kept. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "cmd/pick.h"

enum { OPT_YES = 'y' };

static const struct cmd_option options[] = {
	PICK_QUERY_OPTION,
	{ OPT_YES, 0, "yes", NULL, "delete without asking" },
	{ 0, 0, NULL, NULL, NULL },
};

/* Deletes the cards of l, all or none. */
static int
delete_all(struct cli *c, const struct pick_list *l)
{
	char *msg = NULL;

	if (store_cards_delete(c->st, l->v, l->n, c->now, &msg) < 0)
		return cmd_fail(msg);
	printf("%zu card%s deleted\n", l->n, l->n == 1 ? "" : "s");
	return cmd_flush(CLI_OK);
}

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	struct pick_list l;
	int rc = pick_cards(c, self->name, a->argc, a->argv,
	    cmd_value(a, PICK_OPT_QUERY), &l);

	if (rc != CLI_OK)
		return rc;
	if (l.n == 0) {
		printf("no card to delete\n");
		rc = cmd_flush(CLI_OK);
	} else if (!pick_confirm(cmd_given(a, OPT_YES), "delete %zu card%s?", l.n,
		       l.n == 1 ? "" : "s")) {
		cmd_warn("nothing deleted");
		rc = CLI_FAIL;
	} else {
		rc = delete_all(c, &l);
	}
	free(l.v);
	return rc;
}

const struct cmd_entry cmd_delete_entry = {
	.name = "delete",
	.synopsis = "[--yes] ID... | --query QUERY",
	.summary = "Delete cards (their review history stays)",
	.options = options,
	.notes = "  Asks first, on standard error, reading y or n from standard input.\n",
	.max_args = -1,
	.flags = CMD_COLLECTION,
	.check = pick_check,
	.run = run,
};
