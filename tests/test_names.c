#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "fixtures.h"

TestSuite(names, .init = fixture_utf8_locale);

static int
cmp(const char *a, const char *b)
{
	return names_compare(a, strlen(a), b, strlen(b));
}

static int
by_name(const void *x, const void *y)
{
	return cmp(*(const char *const *)x, *(const char *const *)y);
}

Test(names, order_ignores_case)
{
	cr_assert_lt(cmp("semi", "What is"), 0);
	cr_assert_lt(cmp("alpha", "Beta"), 0);
	cr_assert_lt(cmp("Ärzte", "ärzte 2"), 0);
	cr_assert_lt(cmp("ärzte", "Ärzte 2"), 0);
}

/* In a locale that collates letters, accents come with their letter. */
Test(names, order_follows_the_locale)
{
	if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL)
		cr_skip_test("the locale de_DE.UTF-8 is not installed");
	cr_assert_lt(cmp("Élan", "zebra"), 0);
	cr_assert_lt(cmp("élan", "Zebra"), 0);
	cr_assert_lt(cmp("Ärzte", "Bett"), 0);
}

Test(names, numbers_by_value)
{
	cr_assert_lt(cmp("Deck 9", "Deck 10"), 0);
	cr_assert_lt(cmp("Deck 09", "Deck 10"), 0);
	cr_assert_gt(cmp("Deck 100", "Deck 20"), 0);
	cr_assert_lt(cmp("v2.9", "v2.10"), 0);
}

Test(names, only_the_same_name_is_equal)
{
	cr_assert_eq(cmp("Deck", "Deck"), 0);
	cr_assert_neq(cmp("deck", "Deck"), 0);
	cr_assert_eq(cmp("deck", "Deck"), -cmp("Deck", "deck"));
	cr_assert_neq(cmp("Deck 1", "Deck 01"), 0);
	cr_assert_lt(cmp("Deck", "Deck 1"), 0);
	/* not terminated: the lengths count */
	cr_assert_lt(names_compare("abc", 2, "abc", 3), 0);
}

Test(names, a_list_sorts_as_a_person_would)
{
	const char *v[] = { "What is FHIR?", "semi-structured", "HL7 v2",
		"Deck 10", "behavioural", "Deck 2", "hl7 v2", "Zed" };
	const char *want[] = { "behavioural", "Deck 2", "Deck 10", "HL7 v2",
		"hl7 v2", "semi-structured", "What is FHIR?", "Zed" };

	qsort(v, 8, sizeof(v[0]), by_name);
	for (int i = 0; i < 8; i++)
		cr_assert_str_eq(v[i], want[i], "at %d", i);
}

static const char *const decks[] = { "Behavioural", "Systems",
	"System design", "Wide", "HL7 basics" };

Test(names, match_exact_ignoring_case_first)
{
	size_t out[5];

	cr_assert_eq(names_match("systems", decks, 5, out), 1);
	cr_assert_eq(out[0], 1);
	cr_assert_eq(names_match("WIDE", decks, 5, out), 1);
	cr_assert_eq(out[0], 3);
}

Test(names, match_by_prefix)
{
	size_t out[5];

	cr_assert_eq(names_match("beh", decks, 5, out), 1);
	cr_assert_eq(out[0], 0);
	cr_assert_eq(names_match("sys", decks, 5, out), 2);
	cr_assert_eq(out[0], 1);
	cr_assert_eq(out[1], 2);
	cr_assert_eq(names_match("hl7 ", decks, 5, out), 1);
	cr_assert_eq(names_match("x", decks, 5, out), 0);
	cr_assert_eq(names_match("", decks, 5, out), 0);
	cr_assert_eq(names_match("Behaviourals", decks, 5, out), 0);
}

Test(names, closest_for_a_slip)
{
	static const char *const cmds[] = { "review", "decks", "import",
		"export", "import-reviews", "config", "stats" };
	size_t out[3];

	cr_assert_eq(names_closest("reveiw", cmds, 7, out, 3), 1);
	cr_assert_str_eq(cmds[out[0]], "review");
	cr_assert_eq(names_closest("deks", cmds, 7, out, 3), 1);
	cr_assert_str_eq(cmds[out[0]], "decks");
	cr_assert_geq(names_closest("imprt", cmds, 7, out, 3), 1);
	cr_assert_str_eq(cmds[out[0]], "import");
	cr_assert_eq(names_closest("zzzzzz", cmds, 7, out, 3), 0);
	cr_assert_eq(names_closest("Sytems", decks, 5, out, 3), 1);
	cr_assert_str_eq(decks[out[0]], "Systems");
}

Test(names, closest_holds_the_word)
{
	size_t out[3];

	/* a word of the name: after the slips, in order */
	cr_assert_eq(names_closest("design", decks, 5, out, 3), 1);
	cr_assert_str_eq(decks[out[0]], "System design");
	cr_assert_eq(names_closest("stem", decks, 5, out, 1), 1);
}

Test(names, closest_of_long_text_is_none)
{
	char *s = malloc(4001);

	memset(s, 'a', 4000);
	s[4000] = '\0';
	size_t out[3];
	cr_assert_eq(names_closest(s, decks, 5, out, 3), 0);
	free(s);
}
