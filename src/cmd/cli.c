/* cli.c - the dispatcher: the table of commands, and the options that come
 * before a command. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/clock.h"
#include "tui/actions.h"

/* The commands, in the order of rehearse --help. */
static const struct cmd_entry *const commands[] = {
	&cmd_review_entry,
	&cmd_interview_entry,
	&cmd_decks_entry,
	&cmd_import_entry,
	&cmd_export_entry,
	&cmd_import_reviews_entry,
	&cmd_export_reviews_entry,
	&cmd_config_entry,
	&cmd_list_entry,
	&cmd_search_entry,
	&cmd_add_entry,
	&cmd_delete_entry,
	&cmd_bury_entry,
	&cmd_unbury_entry,
	&cmd_suspend_entry,
	&cmd_stats_entry,
	&cmd_optimize_entry,
	&cmd_evaluate_entry,
	&cmd_edit_entry,
	&cmd_unsuspend_entry,
	&cmd_reset_entry,
	&cmd_deck_entry,
	&cmd_check_entry,
	NULL,
};

enum {
	OPT_DB = 1000,
	OPT_SCRIPT,
	OPT_VERSION,
	OPT_DUMP_COMMANDS,
	OPT_DUMP_ACTIONS,
	OPT_DUMP_OPTIONS,
};

/* Those without help are for the tests. */
static const struct cmd_option global_options[] = {
	{ OPT_DB, 0, "db", "PATH", "use the collection at PATH" },
	{ OPT_HELP, 'h', "help", NULL,
	    "show this help (rehearse COMMAND --help for one)" },
	{ OPT_VERSION, 'V', "version", NULL, "show the version" },
	{ OPT_SCRIPT, 0, "script", "FILE", NULL },
	{ OPT_DUMP_COMMANDS, 0, "dump-commands", NULL, NULL },
	{ OPT_DUMP_ACTIONS, 0, "dump-actions", NULL, NULL },
	{ OPT_DUMP_OPTIONS, 0, "dump-options", NULL, NULL },
	{ 0, 0, NULL, NULL, NULL },
};

static const struct cmd_entry *
find_command(const char *name)
{
	for (const struct cmd_entry *const *e = commands; *e != NULL; e++)
		if (strcmp((*e)->name, name) == 0)
			return *e;
	return NULL;
}

/* An unknown command, said with the closest names; the usage status. */
static int
no_command(const char *name)
{
	const char *names[sizeof(commands) / sizeof(commands[0])];
	size_t n = 0;

	for (const struct cmd_entry *const *e = commands; *e != NULL; e++)
		names[n++] = (*e)->name;
	cmd_no_such("command", name, names, n, "");
	fputs("Try 'rehearse --help'.\n", stderr);
	return CLI_USAGE;
}

static void
main_help(void)
{
	printf("Usage: rehearse [--db PATH] [COMMAND [ARGS]]\n"
	       "Spaced-repetition flashcards in the terminal.  Without a command,\n"
	       "opens the deck list.\n\nCommands:\n");
	for (const struct cmd_entry *const *e = commands; *e != NULL; e++)
		printf("  %-15s %s\n", (*e)->name, (*e)->summary);
	printf("\nOptions:\n");
	opt_print_help(stdout, global_options);
	printf("\nThe keys, the deck format and the settings are in rehearse(1).\n");
}

static void
version(void)
{
	printf("rehearse %s\n"
	       "Copyright (C) 2026 the rehearse authors.\n"
	       "License GPLv3+: GNU GPL version 3 or later"
	       " <https://gnu.org/licenses/gpl.html>.\n"
	       "This is free software: you are free to change and redistribute it.\n"
	       "There is NO WARRANTY, to the extent permitted by law.\n",
	    PACKAGE_VERSION);
}

/* Hidden, for the tests: the commands, their options and the key table. */
static void
dump_commands(void)
{
	for (const struct cmd_entry *const *e = commands; *e != NULL; e++)
		printf("%s\n", (*e)->name);
}

/* "command<TAB>-s<TAB>--long<TAB>ARG" a line; "-" for what is missing,
 * and "rehearse" for the options before the command. */
static void
dump_table(const char *name, const struct cmd_option *o)
{
	for (; o != NULL && o->long_name != NULL; o++) {
		if (o->help == NULL)
			continue;
		printf("%s\t", name);
		if (o->short_name != 0)
			printf("-%c", o->short_name);
		else
			putchar('-');
		printf("\t--%s\t%s\n", o->long_name, o->arg != NULL ? o->arg : "-");
	}
}

static void
dump_options(void)
{
	dump_table("rehearse", global_options);
	for (const struct cmd_entry *const *e = commands; *e != NULL; e++)
		dump_table((*e)->name, (*e)->options);
}

static void
dump_actions(void)
{
	for (size_t s = 0; s < actions_screens_count; s++) {
		for (size_t i = 0; i < actions_count; i++) {
			const struct action_info *a = &actions_table[i];

			if (a->screens & (unsigned)actions_screens[s])
				printf("%s\t%s\t%s\n",
				    actions_screen_title(actions_screens[s]), a->keys,
				    a->help);
		}
	}
}

/*
 * The options before the command, into c.  Returns -1 to go on to the
 * command at argv[*first], else the exit status (for --help, --version,
 * the dumps and usage errors).
 */
static int
global(struct cli *c, int argc, char **argv, int *first)
{
	struct opt_parser p;
	int key;

	opt_init(&p, NULL, global_options, argc, argv, 1);
	while ((key = opt_next(&p)) != OPT_END) {
		if (key == OPT_ERROR)
			return CLI_USAGE;
		if ((key == OPT_DB || key == OPT_SCRIPT) && p.value[0] == '\0')
			return opt_usage_error(NULL, "--%s needs a value",
			    opt_find(global_options, key)->long_name);
		switch (key) {
		case OPT_DB:
			c->db_opt = p.value;
			break;
		case OPT_SCRIPT:
			c->script = p.value;
			break;
		case OPT_HELP:
			main_help();
			return CLI_OK;
		case OPT_VERSION:
			version();
			return CLI_OK;
		case OPT_DUMP_COMMANDS:
			dump_commands();
			return CLI_OK;
		case OPT_DUMP_ACTIONS:
			dump_actions();
			return CLI_OK;
		case OPT_DUMP_OPTIONS:
			dump_options();
			return CLI_OK;
		}
	}
	*first = p.ind;
	return -1;
}

/* "rehearse help [COMMAND]" */
static int
help(int argc, char **argv)
{
	const struct cmd_entry *e;

	if (argc < 2) {
		main_help();
		return CLI_OK;
	}
	if (argc > 2)
		return opt_usage_error(NULL, "help takes one command");
	if ((e = find_command(argv[1])) == NULL)
		return no_command(argv[1]);
	cmd_print_help(e);
	return CLI_OK;
}

static int
cli_run(int argc, char **argv, cli_tui_fn tui)
{
	struct cli c;
	char *msg = NULL;
	const struct cmd_entry *e = NULL;
	int i = 1, rc;

	memset(&c, 0, sizeof(c));
	c.tui = tui;
	c.script = getenv("REHEARSE_SCRIPT");
	if (c.script != NULL && *c.script == '\0')
		c.script = NULL;
	settings_default(&c.set);
	if ((rc = global(&c, argc, argv, &i)) >= 0)
		return rc;
	if (i < argc && strcmp(argv[i], "help") == 0)
		return help(argc - i, argv + i);
	if (i < argc && (e = find_command(argv[i])) == NULL)
		return no_command(argv[i]);
	if (clock_init(&msg) < 0) {
		cmd_warn("%s", msg);
		free(msg);
		return CLI_USAGE;
	}
	c.now = clock_now();
	if (i >= argc)
		rc = cmd_dispatch(&cmd_default_entry, &c, 1, (char *[]){ argv[0] });
	else
		rc = cmd_dispatch(e, &c, argc - i, argv + i);
	store_close(c.st);
	free(c.db_path);
	return rc;
}

/*
 * A standard stream the program was started without (such as `<&-`) gets
 * /dev/null opened the wrong way round: no file opened later (the
 * collection, a spool file) takes its number and is read or written as
 * that stream, and reading or writing it still fails with EBADF, which is
 * what is said.
 */
static void
hold_closed_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		int held;

		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		held = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
		if (held >= 0 && held != fd)
			close(held);
	}
}

int
cli_main(int argc, char **argv, cli_tui_fn tui)
{
	hold_closed_std_fds();
	/* --help, --version and the dumps write too: a write error fails. */
	return cmd_flush(cli_run(argc, argv, tui));
}
