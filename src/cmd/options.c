#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cli.h"
#include "cmd/options.h"
#include "core/text.h"

/* The widest "-o, --output FILE" column of --help. */
#define HELP_COLUMN_MAX 30

void
opt_vwarn(const char *fmt, va_list ap)
{
	char *raw = xvasprintf(fmt, ap);
	/* Messages quote file names, options and file text: shown as card text
	 * is, so that no escape sequence reaches the terminal.  Line breaks
	 * stay. */
	char *clean = text_sanitize(raw);

	fprintf(stderr, "rehearse: %s\n", clean);
	free(clean);
	free(raw);
}

int
opt_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	opt_vwarn(fmt, ap);
	va_end(ap);
	if (cmd != NULL)
		fprintf(stderr, "Try 'rehearse %s --help'.\n", cmd);
	else
		fputs("Try 'rehearse --help'.\n", stderr);
	return CLI_USAGE;
}

void
opt_init(struct opt_parser *p, const char *cmd,
    const struct cmd_option *opts, int argc, char **argv, int first)
{
	memset(p, 0, sizeof(*p));
	p->cmd = cmd;
	p->opts = opts;
	p->argc = argc;
	p->argv = argv;
	p->ind = first;
}

bool
opt_misplaced(const struct cmd_option *opts, const char *arg)
{
	size_t len;

	if (strncmp(arg, "--", 2) != 0)
		return false;
	arg += 2;
	len = strcspn(arg, "=");
	if (len == 4 && strncmp(arg, "help", 4) == 0)
		return true;
	for (; opts != NULL && opts->long_name != NULL; opts++)
		if (strlen(opts->long_name) == len &&
		    strncmp(opts->long_name, arg, len) == 0)
			return true;
	return false;
}

const struct cmd_option *
opt_find(const struct cmd_option *opts, int key)
{
	for (; opts != NULL && opts->long_name != NULL; opts++)
		if (opts->key == key)
			return opts;
	return NULL;
}

/* The option's value from the next argument, for "-o FILE" and
 * "--output FILE"; dashes and name say how the option was written. */
static int
take_next(struct opt_parser *p, const struct cmd_option *o,
    const char *dashes, const char *name)
{
	if (p->ind >= p->argc) {
		opt_usage_error(p->cmd, "%s%s needs a value", dashes, name);
		return OPT_ERROR;
	}
	p->value = p->argv[p->ind++];
	return o->key;
}

/* The long option name[0..len): exact, else the one it begins. */
static const struct cmd_option *
find_long(struct opt_parser *p, const char *name, size_t len, bool *ambiguous)
{
	const struct cmd_option *found = NULL;

	*ambiguous = false;
	for (const struct cmd_option *o = p->opts; o != NULL && o->long_name != NULL;
	     o++) {
		if (strncmp(o->long_name, name, len) != 0)
			continue;
		if (o->long_name[len] == '\0')
			return o;
		*ambiguous = found != NULL;
		found = o;
	}
	return *ambiguous ? NULL : found;
}

static int
long_option(struct opt_parser *p, const char *arg)
{
	const char *name = arg + 2, *eq = strchr(name, '=');
	size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
	const struct cmd_option *o;
	bool ambiguous;

	p->ind++;
	if (len == 0) {
		opt_usage_error(p->cmd, "unknown option %s", arg);
		return OPT_ERROR;
	}
	o = find_long(p, name, len, &ambiguous);
	if (o == NULL && !ambiguous && eq == NULL &&
	    strncmp("help", name, len) == 0)
		return OPT_HELP;
	if (o == NULL) {
		opt_usage_error(p->cmd, "%s option --%.*s",
		    ambiguous ? "ambiguous" : "unknown", (int)len, name);
		return OPT_ERROR;
	}
	if (o->arg == NULL && eq != NULL) {
		opt_usage_error(p->cmd, "--%s takes no value", o->long_name);
		return OPT_ERROR;
	}
	if (o->arg == NULL)
		return o->key;
	if (eq != NULL) {
		p->value = eq + 1;
		return o->key;
	}
	return take_next(p, o, "--", o->long_name);
}

static int
short_option(struct opt_parser *p)
{
	char c = *p->cluster++;
	const struct cmd_option *o = p->opts;
	char name[3] = { '-', c, '\0' };

	while (o != NULL && o->long_name != NULL && o->short_name != c)
		o++;
	if (*p->cluster == '\0') {
		p->cluster = NULL;
		p->ind++;
	}
	if (o == NULL || o->long_name == NULL) {
		if (c == 'h')
			return OPT_HELP;
		opt_usage_error(p->cmd, "unknown option %s", name);
		return OPT_ERROR;
	}
	if (o->arg == NULL)
		return o->key;
	if (p->cluster != NULL) { /* -oFILE */
		p->value = p->cluster;
		p->cluster = NULL;
		p->ind++;
		return o->key;
	}
	return take_next(p, o, "", name);
}

int
opt_next(struct opt_parser *p)
{
	const char *arg;

	p->value = NULL;
	if (p->cluster != NULL)
		return short_option(p);
	if (p->ind >= p->argc)
		return OPT_END;
	arg = p->argv[p->ind];
	if (strcmp(arg, "--") == 0) {
		p->ind++;
		p->dashdash = true;
		return OPT_END;
	}
	if (arg[0] != '-' || arg[1] == '\0')
		return OPT_END;
	if (arg[1] == '-')
		return long_option(p, arg);
	p->cluster = arg + 1;
	return short_option(p);
}

/* "  -o, --output FILE" */
static int
left_column(char *buf, size_t size, const struct cmd_option *o)
{
	char s[5] = "";

	if (o->short_name != 0)
		snprintf(s, sizeof(s), "-%c, ", o->short_name);
	return snprintf(buf, size, "  %s--%s%s%s", s, o->long_name,
	    o->arg != NULL ? " " : "", o->arg != NULL ? o->arg : "");
}

void
opt_print_help(FILE *f, const struct cmd_option *opts)
{
	char left[96];
	int col = 0;

	for (const struct cmd_option *o = opts; o != NULL && o->long_name != NULL;
	     o++) {
		int w = left_column(left, sizeof(left), o);

		if (o->help != NULL && w > col && w <= HELP_COLUMN_MAX)
			col = w;
	}
	for (const struct cmd_option *o = opts; o != NULL && o->long_name != NULL;
	     o++) {
		const char *h = o->help;

		if (h == NULL)
			continue;
		left_column(left, sizeof(left), o);
		/* Each line of the help, the first beside the option. */
		for (int first = 1;; first = 0) {
			size_t len = strcspn(h, "\n");

			fprintf(f, "%-*s   %.*s\n", col, first ? left : "", (int)len, h);
			if (h[len] == '\0')
				break;
			h += len + 1;
		}
	}
}
