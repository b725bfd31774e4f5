/*
 * test_options.c - the option parser of the command line (src/cmd/
 * options.c): long and short names, values in every spelling, shortened
 * long names, the end of the options, and the messages of a bad option.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <string.h>

#include "cmd/options.h"

enum { DECK = 'd',
	STATE = 's',
	OUTPUT = 'o',
	DEBUG = 'D' };

static const struct cmd_option opts[] = {
	{ DECK, 0, "deck", "NAME", "only the cards of deck NAME" },
	{ STATE, 's', "state", NULL, "add the schedule,\nover two lines" },
	{ OUTPUT, 'o', "output", "FILE", "write to FILE" },
	{ DEBUG, 0, "debug", NULL, NULL },
	{ 0, 0, NULL, NULL, NULL },
};

/* The keys and values that argv gives, as "k=value k k=value": into out;
 * the last key (OPT_END, OPT_HELP, OPT_ERROR) returned. */
static int
parse(char **argv, char *out, size_t size, int *ind)
{
	struct opt_parser p;
	int argc = 0, key;

	while (argv[argc] != NULL)
		argc++;
	out[0] = '\0';
	opt_init(&p, "test", opts, argc, argv, 1);
	while ((key = opt_next(&p)) > 0) {
		size_t len = strlen(out);

		snprintf(out + len, size - len, "%s%c%s%s", len ? " " : "", key,
		    p.value != NULL ? "=" : "", p.value != NULL ? p.value : "");
	}
	*ind = p.ind;
	return key;
}

#define PARSE(out, ind, ...) \
	parse((char *[]){ "cmd", __VA_ARGS__, NULL }, out, sizeof(out), &ind)

Test(options, spellings_of_values)
{
	char out[256];
	int ind;

	cr_expect_eq(PARSE(out, ind, "--deck", "A", "--deck=B", "-o", "f",
			 "-og", "--output=", "--out", "h", "-s", "x"),
	    OPT_END);
	cr_expect_str_eq(out, "d=A d=B o=f o=g o= o=h s");
	cr_expect_eq(ind, 11);
}

Test(options, grouped_short_flags_and_value)
{
	char out[256];
	int ind;

	cr_expect_eq(PARSE(out, ind, "-sso", "file", "rest"), OPT_END);
	cr_expect_str_eq(out, "s s o=file");
	cr_expect_eq(ind, 3);
}

Test(options, operands_end_the_options)
{
	char out[256];
	int ind;

	cr_expect_eq(PARSE(out, ind, "-s", "-", "--deck", "x"), OPT_END);
	cr_expect_str_eq(out, "s");
	cr_expect_eq(ind, 2, "\"-\" is an operand");
	cr_expect_eq(PARSE(out, ind, "--", "--deck"), OPT_END);
	cr_expect_str_eq(out, "");
	cr_expect_eq(ind, 2, "\"--\" is dropped");
	cr_expect_eq(PARSE(out, ind, "file", "-s"), OPT_END);
	cr_expect_eq(ind, 1);
}

Test(options, help)
{
	char out[256];
	int ind;

	cr_expect_eq(PARSE(out, ind, "-s", "--help"), OPT_HELP);
	cr_expect_eq(PARSE(out, ind, "-h"), OPT_HELP);
	cr_expect_eq(PARSE(out, ind, "--he"), OPT_HELP);
}

/* The parse of argv fails with a message holding want. */
static void
bad(char **argv, const char *want)
{
	char out[256], err[512] = "";
	int ind;
	size_t n;

	cr_redirect_stderr();
	cr_expect_eq(parse(argv, out, sizeof(out), &ind), OPT_ERROR, "%s",
	    argv[1]);
	fflush(stderr);
	n = fread(err, 1, sizeof(err) - 1, cr_get_redirected_stderr());
	err[n] = '\0';
	cr_expect(strstr(err, want) != NULL, "\"%s\" lacks \"%s\"", err, want);
	cr_expect(strstr(err, "Try 'rehearse test --help'.") != NULL, "%s", err);
}

#define BAD(want, ...) bad((char *[]){ "cmd", __VA_ARGS__, NULL }, want)

Test(options, missing_value)
{
	BAD("rehearse: --deck needs a value", "--deck");
}

Test(options, missing_short_value)
{
	BAD("rehearse: -o needs a value", "-s", "-o");
}

Test(options, shortened_missing_value)
{
	BAD("rehearse: --output needs a value", "--outp");
}

Test(options, unknown_long)
{
	BAD("rehearse: unknown option --bogus", "--bogus=1");
}

Test(options, unknown_short)
{
	BAD("rehearse: unknown option -x", "-sx");
}

Test(options, ambiguous)
{
	BAD("rehearse: ambiguous option --de", "--de", "x");
}

Test(options, flag_with_value)
{
	BAD("rehearse: --state takes no value", "--state=yes");
}

Test(options, empty_long_name)
{
	BAD("rehearse: unknown option --=x", "--=x");
}

Test(options, help_from_the_table)
{
	char buf[1024] = "";
	size_t n;

	cr_redirect_stdout();
	opt_print_help(stdout, opts);
	fflush(stdout);
	n = fread(buf, 1, sizeof(buf) - 1, cr_get_redirected_stdout());
	buf[n] = '\0';
	cr_expect_str_eq(buf,
	    "  --deck NAME         only the cards of deck NAME\n"
	    "  -s, --state         add the schedule,\n"
	    "                      over two lines\n"
	    "  -o, --output FILE   write to FILE\n");
}

Test(options, find)
{
	cr_expect_eq(opt_find(opts, OUTPUT), &opts[2]);
	cr_expect_null(opt_find(opts, 'z'));
	cr_expect_null(opt_find(NULL, 'z'));
}
