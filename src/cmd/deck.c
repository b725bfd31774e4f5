/* deck.c - "rehearse deck rename OLD NEW" and "rehearse deck delete NAME". */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "cmd/pick.h"
#include "core/text.h"
#include "core/util.h"

enum { OPT_YES = 'y' };

static const struct cmd_option options[] = {
	{ OPT_YES, 0, "yes", NULL, "with delete: delete without asking" },
	{ 0, 0, NULL, NULL, NULL },
};

static int
check(const struct cmd_entry *self, const struct cmd_args *a)
{
	const char *what = a->argv[0];

	if (strcmp(what, "rename") == 0) {
		if (a->argc != 3)
			return opt_usage_error(self->name, "rename takes OLD and NEW");
		if (a->argv[2][0] == '\0' ||
		    !utf8_valid(a->argv[2], strlen(a->argv[2]), NULL))
			return opt_usage_error(self->name, "a deck's name is text"
							   " in UTF-8, not empty");
		return cmd_check_deck_name(self->name, "NEW", a->argv[2]);
	}
	if (strcmp(what, "delete") == 0) {
		if (a->argc != 2)
			return opt_usage_error(self->name, "delete takes one NAME");
		return CLI_OK;
	}
	return opt_usage_error(self->name, "rename or delete, not \"%s\"", what);
}

/* old is the deck's name as the collection has it, not as typed. */
static int
rename_deck(struct cli *c, const struct cmd_args *a, int64_t id,
    const char *old)
{
	char *msg = NULL;

	if (store_deck_rename(c->st, id, a->argv[2], &msg) < 0)
		return cmd_fail(msg);
	cmd_say("deck \"%s\" renamed \"%s\"", old, a->argv[2]);
	return CLI_OK;
}

/* The deck's full name is asked about and said: "beh" may stand for
 * "Behavioural questions". */
static int
delete_deck(struct cli *c, const struct cmd_args *a, int64_t id,
    const char *full)
{
	char *msg = NULL, *name = text_sanitize_line(full);
	int64_t n;
	bool yes;

	if (store_deck_count(c->st, id, &n, &msg) < 0) {
		free(name);
		return cmd_fail(msg);
	}
	yes = pick_confirm(cmd_given(a, OPT_YES), "delete deck \"%s\" and its"
						  " %lld card%s?",
	    name, (long long)n, n == 1 ? "" : "s");
	free(name);
	if (!yes) {
		cmd_warn("nothing deleted");
		return CLI_FAIL;
	}
	if (store_deck_delete(c->st, id, c->now, &n, &msg) < 0)
		return cmd_fail(msg);
	cmd_say("deck \"%s\" deleted with %lld card%s", full, (long long)n,
	    n == 1 ? "" : "s");
	return CLI_OK;
}

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	int64_t id;
	char *name = NULL;
	int rc;

	(void)self;
	if ((rc = cmd_deck_find(c, a->argv[1], &id, &name)) != CLI_OK)
		return rc;
	rc = strcmp(a->argv[0], "rename") == 0 ? rename_deck(c, a, id, name)
	                                       : delete_deck(c, a, id, name);
	free(name);
	return rc;
}

const struct cmd_entry cmd_deck_entry = {
	.name = "deck",
	.synopsis = "rename OLD NEW | deck [--yes] delete NAME",
	.summary = "Rename a deck, or delete it with its cards",
	.options = options,
	.notes = "  delete asks first, on standard error, reading y or n from\n"
		 "  standard input; the cards' review history stays.\n",
	.min_args = 2,
	.max_args = 3,
	.args_error = "deck takes rename OLD NEW, or delete NAME",
	.flags = CMD_COLLECTION,
	.check = check,
	.run = run,
};
