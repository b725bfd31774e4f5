/* check.c - "rehearse check": the collection's integrity. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "cmd/cmd.h"

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	char **problems = NULL, *msg = NULL;
	size_t n = 0;

	(void)self;
	(void)a;
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
	.synopsis = "",
	.summary = "Check the collection; exit status 1 when a problem is found",
	.flags = CMD_COLLECTION,
	.run = run,
};
