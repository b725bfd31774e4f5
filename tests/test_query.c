/* test_query.c - the search language's parser (core/query.c). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/query.h"

/* The tree of s, described; the test fails when s does not parse. */
static void
parses_as(const char *s, const char *want)
{
	struct query_node *q;
	struct query_error err;
	char *got;

	cr_assert_eq(query_parse(s, &q, &err), 0, "%s: column %d: %s", s,
	    err.column, err.message);
	got = query_describe(q);
	cr_expect_str_eq(got, want, "%s", s);
	free(got);
	query_free(q);
}

/* s is refused at column, with a message holding what. */
static void
fails_at(const char *s, int column, const char *what)
{
	struct query_node *q = (struct query_node *)1;
	struct query_error err;

	cr_assert_eq(query_parse(s, &q, &err), -1, "%s parsed", s);
	cr_expect_null(q);
	cr_expect_eq(err.column, column, "%s: column %d, not %d (%s)", s,
	    err.column, column, err.message);
	cr_expect(strstr(err.message, what) != NULL, "%s: \"%s\" lacks \"%s\"", s,
	    err.message, what);
}

Test(query, empty_matches_all)
{
	parses_as("", "(all)");
	parses_as("   \t ", "(all)");
}

Test(query, words_and_prefix)
{
	parses_as("hl7", "\"hl7\"");
	parses_as("hl7 fhir", "(and \"hl7\" \"fhir\")");
	parses_as("inter*", "\"inter\"*");
	parses_as("a b c", "(and (and \"a\" \"b\") \"c\")");
	parses_as("e-mail", "\"e-mail\"");
}

Test(query, phrases)
{
	parses_as("\"clinical safety\"", "\"clinical safety\"");
	parses_as("\"clinical saf\"*", "\"clinical saf\"*");
	parses_as("x \"a b\" y", "(and (and \"x\" \"a b\") \"y\")");
}

Test(query, negation)
{
	parses_as("-word", "(not \"word\")");
	parses_as("a -deck:X", "(and \"a\" (not deck:\"X\"))");
	parses_as("-(a or b)", "(not (or \"a\" \"b\"))");
	parses_as("--a", "(not (not \"a\"))");
}

Test(query, or_binds_looser_than_and)
{
	parses_as("a b or c", "(or (and \"a\" \"b\") \"c\")");
	parses_as("a OR b Or c", "(or (or \"a\" \"b\") \"c\")");
	parses_as("a (b or c)", "(and \"a\" (or \"b\" \"c\"))");
	parses_as("a and b", "(and \"a\" \"b\")");
	parses_as("orange android", "(and \"orange\" \"android\")");
}

Test(query, keys)
{
	parses_as("deck:Security", "deck:\"Security\"");
	parses_as("deck:\"Clinical safety\" x",
	    "(and deck:\"Clinical safety\" \"x\")");
	parses_as("DECK:sec*", "deck:\"sec*\"");
	parses_as("tag:hl7", "tag:\"hl7\"");
	parses_as("is:due is:NEW", "(and is:due is:new)");
	parses_as("is:learning is:review is:suspended is:buried is:flagged"
		  " is:leech",
	    "(and (and (and (and (and is:learning is:review) is:suspended)"
	    " is:buried) is:flagged) is:leech)");
	parses_as("http://x", "\"http://x\"");
}

Test(query, props)
{
	parses_as("prop:lapses>3", "prop:lapses>3");
	parses_as("prop:reps<=10", "prop:reps<=10");
	parses_as("prop:interval!=1", "prop:interval!=1");
	parses_as("prop:due=-2", "prop:due=-2");
	parses_as("prop:difficulty>=7.5", "prop:difficulty>=7.5");
	parses_as("prop:stability<0.25", "prop:stability<0.25");
	parses_as("prop:Lapses=0", "prop:lapses=0");
}

Test(query, errors_say_where)
{
	fails_at("a \"b c", 3, "quote");
	fails_at("(a b", 1, "not closed");
	fails_at("a b)", 4, "without its '('");
	fails_at("()", 1, "nothing between");
	fails_at("or a", 1, "'or' needs a term before");
	fails_at("a or", 3, "'or' needs a term after");
	fails_at("a or or b", 3, "'or' needs a term after");
	fails_at("a - b", 3, "'-' needs a term");
	fails_at("is:old", 4, "is: takes");
	fails_at("prop:size>3", 6, "prop: takes");
	fails_at("prop:lapses", 12, "comparison");
	fails_at("prop:lapses>x", 13, "whole number");
	fails_at("prop:lapses>1.5", 13, "whole number");
	fails_at("prop:difficulty>", 17, "number");
	fails_at("deck:", 6, "needs a name");
	fails_at("tag:\"\"", 5, "needs a name");
	fails_at("a tag:\"a b\"", 7, "one word, without spaces");
	fails_at("a*b", 2, "'*' goes only at the end");
	fails_at("*ab", 1, "'*' goes only at the end");
	fails_at("x \"ab\"c", 7, "space is needed");
	fails_at("ab\"c\"", 3, "quote inside a word");
	fails_at("deck:a\"b\"", 7, "quote inside a deck name");
	fails_at("hello &&", 7, "no letter or digit");
	fails_at("\"  \"", 1, "no letter or digit");
	fails_at("and x", 1, "'and' needs a term before");
	fails_at("x and", 6, "'and' needs a term after");
}

Test(query, deep_nesting_refused)
{
	char s[300];

	memset(s, '(', 200);
	strcpy(s + 200, "a");
	memset(s + 201, ')', 200 < 98 ? 0 : 98);
	s[299] = '\0';
	fails_at(s, 65, "too deep");
}

Test(query, every_byte_is_safe)
{
	/* Every short string of a few telling bytes either parses or fails
	 * with a column inside the string (or just past it). */
	static const char alphabet[] = "a\"()-*: oR";
	char s[5];
	size_t k = sizeof(alphabet) - 1;

	for (size_t n = 0; n < k * k * k * k; n++) {
		struct query_node *q;
		struct query_error err;
		size_t m = n;

		for (int i = 0; i < 4; i++, m /= k)
			s[i] = alphabet[m % k];
		s[4] = '\0';
		if (query_parse(s, &q, &err) == 0)
			query_free(q);
		else
			cr_assert(err.column >= 1 && err.column <= 5, "%s: %d", s,
			    err.column);
	}
}
