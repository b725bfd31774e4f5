#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "cmd/cmd.h"
#include "core/util.h"

/* The index of key in the command's table, or -1. */
static int
index_of(const struct cmd_entry *e, int key)
{
	const struct cmd_option *o = opt_find(e->options, key);

	return o != NULL ? (int)(o - e->options) : -1;
}

const char *
cmd_value(const struct cmd_args *a, int key)
{
	int i = index_of(a->cmd, key);

	return i >= 0 ? a->values[i] : NULL;
}

bool
cmd_given(const struct cmd_args *a, int key)
{
	return cmd_value(a, key) != NULL;
}

void
cmd_print_help(const struct cmd_entry *e)
{
	printf("Usage: rehearse [--db PATH] %s%s%s\n%s.\n", e->name,
	    e->synopsis[0] != '\0' ? " " : "", e->synopsis, e->summary);
	if (e->options != NULL || e->notes != NULL || e->print_notes != NULL)
		putchar('\n');
	opt_print_help(stdout, e->options);
	if (e->notes != NULL)
		fputs(e->notes, stdout);
	if (e->print_notes != NULL)
		e->print_notes();
	printf("\nSee rehearse(1) for more.\n");
}

/* Reads the options and operands of argv into *a.  false when the command
 * is not to run, with the exit status in *status (--help answered, or a
 * usage error said). */
static bool
parse(const struct cmd_entry *e, int argc, char **argv, struct cmd_args *a,
    int *status)
{
	struct opt_parser p;
	int key, i;

	memset(a, 0, sizeof(*a));
	a->cmd = e;
	opt_init(&p, e->name, e->options, argc, argv, 1);
	while ((key = opt_next(&p)) != OPT_END) {
		if (key == OPT_HELP || key == OPT_ERROR) {
			if (key == OPT_HELP)
				cmd_print_help(e);
			*status = key == OPT_HELP ? CLI_OK : CLI_USAGE;
			return false;
		}
		i = index_of(e, key);
		if (i < 0 || i >= CMD_MAX_OPTIONS) /* a table too long */
			die("%s: option %d out of the table", e->name, key);
		a->values[i] = p.value != NULL ? p.value : "";
	}
	a->argc = argc - p.ind;
	a->argv = argv + p.ind;
	for (i = 0; i < a->argc && !p.dashdash; i++) {
		if (opt_misplaced(e->options, a->argv[i])) {
			*status = opt_usage_error(e->name,
			    "%s comes after the other arguments: options go first"
			    " (after --, it is taken as an argument)",
			    a->argv[i]);
			return false;
		}
	}
	if (a->argc >= e->min_args && (e->max_args < 0 || a->argc <= e->max_args))
		return true;
	if (e->args_error != NULL)
		*status = opt_usage_error(e->name, "%s", e->args_error);
	else if (e->max_args >= 0 && a->argc > e->max_args)
		*status = opt_usage_error(e->name, "unexpected argument \"%s\"",
		    a->argv[e->max_args]);
	else
		*status = opt_usage_error(e->name, "missing argument");
	return false;
}

static int
dispatch(const struct cmd_entry *e, struct cli *c, int argc, char **argv)
{
	struct cmd_args a;
	int rc;

	if (!parse(e, argc, argv, &a, &rc))
		return rc;
	if (e->check != NULL && (rc = e->check(e, &a)) != CLI_OK)
		return rc;
	if ((e->flags & CMD_COLLECTION) && (rc = cmd_open_collection(c)) != CLI_OK)
		return rc;
	if ((e->flags & CMD_SEED) && (rc = cmd_seed(c)) != CLI_OK)
		return rc;
	return e->run(e, c, &a);
}

int
cmd_dispatch(const struct cmd_entry *e, struct cli *c, int argc, char **argv)
{
	/* Output that could not be written is a failure, whatever the command. */
	return cmd_flush(dispatch(e, c, argc, argv));
}
