/* check.c - "rehearse check": the collection's integrity. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "cmd/cmd.h"
#include "core/store_search.h"

enum { OPT_REPAIR = 'r' };

static const struct cmd_option options[] = {
	{ OPT_REPAIR, 0, "repair", NULL,
	    "first rebuild what can be rebuilt (the search index)" },
	{ 0, 0, NULL, NULL, NULL },
};

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	char **problems = NULL, *msg = NULL;
	size_t n = 0;

	(void)self;
	if (cmd_given(a, OPT_REPAIR)) {
		if (store_search_index_rebuild(c->st, &msg) < 0)
			return cmd_fail(msg);
		cmd_say("%s: search index rebuilt", c->db_path);
	}
	if (store_check(c->st, &problems, &n, &msg) < 0)
		return cmd_fail(msg);
	for (size_t i = 0; i < n; i++) {
		cmd_say("%s: %s", c->db_path, problems[i]);
		free(problems[i]);
	}
	free(problems);
	if (n == 0)
		cmd_say("%s: no problems found", c->db_path);
	return n == 0 ? CLI_OK : CLI_FAIL;
}

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.synopsis = "[--repair]",
	.options = options,
	.summary = "Check the collection; exit status 1 when a problem is found",
	.flags = CMD_COLLECTION,
	.run = run,
};
