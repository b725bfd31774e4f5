/* config.c - "rehearse config": the settings, shown and changed. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"

enum { OPT_DECK = 'd' };

static const struct cmd_option options[] = {
	{ OPT_DECK, 0, "deck", "NAME",
	    "the deck's own settings: a value, or \"(collection)\" where\n"
	    "the deck follows the collection's; the value \"collection\"\n"
	    "removes the deck's own" },
	{ 0, 0, NULL, NULL, NULL },
};

/* An unknown key is said before the collection is opened. */
static int
check(const struct cmd_entry *self, const struct cmd_args *a)
{
	(void)self;
	if (a->argc < 1 || settings_help(a->argv[0]) != NULL)
		return CLI_OK;
	if (cmd_no_such("setting", a->argv[0], settings_keys, settings_count(),
		"; the settings are:"))
		return CLI_FAIL;
	for (const char *const *k = settings_keys; *k != NULL; k++)
		fprintf(stderr, "  %s\n", *k);
	return CLI_FAIL;
}

static void
print_value(const struct settings *set, const char *key)
{
	char *v = settings_format(set, key);

	printf("%s\n", v);
	free(v);
}

/* The weights' line of the listing: whether they are the defaults. */
static void
print_weights_line(const struct settings *set)
{
	struct settings def;

	settings_default(&def);
	printf("%-17s %-10s %s\n", settings_weights_key,
	    memcmp(def.fsrs.w, set->fsrs.w, sizeof(def.fsrs.w)) == 0 ? "default"
								     : "custom",
	    settings_weights_line);
}

/* The deck's value of key, or "(collection)" where it has none. */
static char *
deck_value(const struct deck_settings *ds, const char *key)
{
	if (!settings_deck_owns(ds, key))
		return xstrdup("(collection)");
	return settings_format(&ds->set, key);
}

/* config --deck NAME [KEY [VALUE]]. */
static int
run_deck(struct cli *c, const struct cmd_args *a)
{
	struct deck_settings ds;
	const char *value = a->argc == 2 ? a->argv[1] : NULL;
	char *msg = NULL, *v, *cv;
	int64_t id;
	int rc;

	if ((rc = cmd_deck_id(c, cmd_value(a, OPT_DECK), &id)) != CLI_OK)
		return rc;
	if (a->argc > 0 && !settings_per_deck(a->argv[0]))
		return cmd_fail(xasprintf("%s is the collection's only; a deck can"
					  " have its own new-per-day, reviews-per-day,"
					  " retention, learning-steps, relearning-steps"
					  " or max-interval",
		    a->argv[0]));
	/* "collection", as on and off are, in any case and with blanks */
	if (a->argc == 2 &&
	    settings_set_deck(c->st, id, a->argv[0],
		util_is_keyword(value, "collection") ? NULL : value, &msg) < 0)
		return cmd_fail(msg);
	if (settings_load_deck(c->st, &c->set, id, &ds, &msg) < 0)
		return cmd_fail(msg);
	if (a->argc > 0) {
		v = deck_value(&ds, a->argv[0]);
		printf("%s\n", v);
		free(v);
		return cmd_flush(CLI_OK);
	}
	for (const char *const *k = settings_deck_keys; *k != NULL; k++) {
		v = deck_value(&ds, *k);
		cv = settings_format(&c->set, *k);
		printf("%-17s %-12s collection: %s\n", *k, *v != '\0' ? v : "\"\"",
		    *cv != '\0' ? cv : "\"\"");
		free(v);
		free(cv);
	}
	return cmd_flush(CLI_OK);
}

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	char *msg = NULL, *v;

	(void)self;
	if (cmd_given(a, OPT_DECK))
		return run_deck(c, a);
	if (a->argc == 0) {
		for (const char *const *k = settings_keys; *k != NULL; k++) {
			v = settings_format(&c->set, *k);
			printf("%-17s %-10s %s\n", *k, *v != '\0' ? v : "\"\"",
			    settings_help(*k));
			free(v);
		}
		print_weights_line(&c->set);
		return cmd_flush(CLI_OK);
	}
	if (a->argc == 2 &&
	    (settings_set(c->st, a->argv[0], a->argv[1], &msg) < 0 ||
		settings_apply(&c->set, a->argv[0], a->argv[1], &msg) < 0))
		return cmd_fail(msg);
	/* The value, after a change as it was stored: "OFF" as "off", "60m"
	 * as "1h". */
	print_value(&c->set, a->argv[0]);
	return cmd_flush(CLI_OK);
}

/* The settings of --help, from the table that validates them. */
static void
print_settings(void)
{
	printf("  Settings:\n");
	for (size_t i = 0; i < settings_count(); i++) {
		const struct setting_info *si = settings_info(i);

		printf("    %-17s %s\n    %-17s (%s, default %s)\n", si->key,
		    si->help, "", si->range, si->def);
	}
	printf("    %-17s %s\n    %-17s (\"w0,...,w20\" or \"default\";"
	       " rehearse config weights shows them)\n",
	    settings_weights_key, settings_weights_line, "");
}

const struct cmd_entry cmd_config_entry = {
	.name = "config",
	.synopsis = "[--deck NAME] [KEY [VALUE]]",
	.summary = "Show the settings, show one, or change one",
	.options = options,
	.print_notes = print_settings,
	.max_args = 2,
	.args_error = "config takes at most KEY and VALUE",
	.flags = CMD_COLLECTION,
	.check = check,
	.run = run,
};
