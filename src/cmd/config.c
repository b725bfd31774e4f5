/* config.c - "rehearse config": the settings, shown and changed. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "cmd/cmd.h"

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

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	char *msg = NULL, *v;

	(void)self;
	if (a->argc == 0) {
		for (const char *const *k = settings_keys; *k != NULL; k++) {
			v = settings_format(&c->set, *k);
			printf("%-17s %-10s %s\n", *k, *v != '\0' ? v : "\"\"",
			    settings_help(*k));
			free(v);
		}
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
}

const struct cmd_entry cmd_config_entry = {
	.name = "config",
	.synopsis = "[KEY [VALUE]]",
	.summary = "Show the settings, show one, or change one",
	.print_notes = print_settings,
	.max_args = 2,
	.args_error = "config takes at most KEY and VALUE",
	.flags = CMD_COLLECTION,
	.check = check,
	.run = run,
};
