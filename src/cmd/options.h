/*
 * options.h - the options of a command, as one table: the parser reads the
 * command line with it and --help is printed from it, so that the two
 * cannot drift apart.
 *
 * Options come before the operands: the first argument that is not an
 * option, "-" (standard input) included, ends them, and so does "--"
 * (which is dropped).  Long options take their value as "--name=value" or
 * in the next argument and may be shortened to any unambiguous prefix;
 * short ones as "-oVALUE" or "-o VALUE", and flags may be grouped ("-ab").
 * -h and --help are known to every table.  An operand that names one of
 * the options exactly, before any "--", is an option written too late
 * (opt_misplaced): the command line refuses it rather than take it as a
 * file, an id or words of a query.
 */
#ifndef REHEARSE_OPTIONS_H
#define REHEARSE_OPTIONS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "core/util.h"

struct cmd_option {
	int key;               /* what the parser returns for it, > 0 */
	char short_name;       /* as in -o; 0 when it has none */
	const char *long_name; /* as in --output, without the dashes */
	const char *arg;       /* the value's name ("FILE"), NULL for a flag */
	const char *help;      /* lines separated by '\n'; NULL: not shown */
};
/* A table ends with an entry whose long_name is NULL. */

enum {
	OPT_END = -1,   /* no more options: operands from p->ind */
	OPT_HELP = -2,  /* -h or --help */
	OPT_ERROR = -3, /* a bad option, already reported */
};

struct opt_parser {
	const char *cmd; /* the command, for messages; NULL: the global ones */
	const struct cmd_option *opts;
	int argc;
	char **argv;
	int ind;             /* the next argument to read */
	const char *cluster; /* the rest of a group of short options */
	const char *value;   /* the value of the option just returned */
	bool dashdash;       /* the options ended at "--" */
};

/* Reads argv from argv[first]; opts and argv are borrowed. */
void opt_init(struct opt_parser *p, const char *cmd,
    const struct cmd_option *opts, int argc, char **argv, int first);

/*
 * The next option's key (its value, when it takes one, in p->value), or
 * one of OPT_END, OPT_HELP and OPT_ERROR.  On OPT_ERROR the problem was
 * printed to standard error ("--deck needs a value", "unknown option -x").
 */
int opt_next(struct opt_parser *p);

/* Whether arg, an operand, names an option of opts or --help exactly
 * ("--name" or "--name=value"): an option written after the operands,
 * which would otherwise be taken as one of them. */
bool opt_misplaced(const struct cmd_option *opts, const char *arg);

/* The option of the table with that key, or NULL. */
const struct cmd_option *opt_find(const struct cmd_option *opts, int key);

/* Prints the options that have help text, aligned, to f. */
void opt_print_help(FILE *f, const struct cmd_option *opts);

/* "rehearse: MESSAGE" and a new line on standard error, MESSAGE
 * sanitised as card text is (text_sanitize: line breaks kept, every other
 * control character made visible). */
void opt_vwarn(const char *fmt, va_list ap) UTIL_PRINTF(1, 0);

/*
 * Prints "rehearse: MESSAGE" and where to find the usage (cmd's --help, or
 * rehearse --help when cmd is NULL) to standard error.  Returns the exit
 * status of a usage error, 2.
 */
int opt_usage_error(const char *cmd, const char *fmt, ...)
    UTIL_PRINTF(2, 3);

#endif
