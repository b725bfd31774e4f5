/*
 * change.c - four commands that set one thing on the cards named or
 * found, which differ only in that thing, and so share one file:
 * "rehearse bury", "unbury", "suspend" and "reset".
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "cmd/pick.h"
#include "core/util.h"

static const struct cmd_option options[] = {
	PICK_QUERY_OPTION,
	{ 0, 0, NULL, NULL, NULL },
};

static int
bury(struct cli *c, int64_t id, char **errmsg)
{
	struct search_opts o;

	pick_search_opts(c, SEARCH_SORT_ADDED, &o);
	return store_card_set_buried(c->st, id, o.day_end, errmsg);
}

static int
unbury(struct cli *c, int64_t id, char **errmsg)
{
	return store_card_set_buried(c->st, id, 0, errmsg);
}

static int
suspend(struct cli *c, int64_t id, char **errmsg)
{
	return store_card_set_suspended(c->st, id, true, errmsg);
}

static int
reset(struct cli *c, int64_t id, char **errmsg)
{
	return store_card_reset(c->st, id, c->now, errmsg);
}

/* What each command does, and says it did, by name. */
static const struct {
	const char *name;
	pick_fn fn;
	const char *done;
} changes[] = {
	{ "bury", bury, "buried until tomorrow" },
	{ "unbury", unbury, "unburied" },
	{ "suspend", suspend, "suspended" },
	{ "reset", reset, "reset to new" },
};

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	for (size_t i = 0; i < sizeof(changes) / sizeof(changes[0]); i++)
		if (strcmp(changes[i].name, self->name) == 0)
			return pick_run(c, self->name, a, cmd_value(a, PICK_OPT_QUERY),
			    changes[i].fn, changes[i].done);
	die("change: no change named %s", self->name);
}

#define CHANGE_ENTRY(cmd, text)                      \
	const struct cmd_entry cmd_##cmd##_entry = { \
		.name = #cmd,                        \
		.synopsis = "ID... | --query QUERY", \
		.summary = text,                     \
		.options = options,                  \
		.max_args = -1,                      \
		.flags = CMD_COLLECTION,             \
		.check = pick_check,                 \
		.run = run,                          \
	}

CHANGE_ENTRY(bury, "Bury cards until the next day begins");
CHANGE_ENTRY(unbury, "Bring buried cards back today");
CHANGE_ENTRY(suspend, "Take cards out of the reviews (unsuspend brings them back)");
CHANGE_ENTRY(reset, "Make cards new again, keeping their review history");
