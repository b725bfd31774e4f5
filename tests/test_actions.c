#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <ctype.h>
#include <string.h>

#include "tui/actions.h"

/* A key the program understands: a printable character, or a name of
 * the list src/tui/keys.c takes its key codes from. */
static bool
valid_key(const char *k, size_t n)
{
	if (n == 1)
		return isgraph((unsigned char)k[0]);
	for (size_t i = 0; i < ACT_KEY_COUNT; i++)
		if (strlen(actions_key_names[i]) == n &&
		    memcmp(actions_key_names[i], k, n) == 0)
			return true;
	return false;
}

Test(actions, key_names_are_distinct_words)
{
	for (size_t i = 0; i < ACT_KEY_COUNT; i++) {
		const char *k = actions_key_names[i];

		cr_assert_not_null(k, "key name %zu is missing", i);
		cr_expect(strlen(k) > 1 && strcspn(k, " ") == strlen(k),
		    "key name \"%s\"", k);
		for (size_t j = i + 1; j < ACT_KEY_COUNT; j++)
			cr_expect_str_neq(k, actions_key_names[j]);
	}
	cr_expect(valid_key("Ctrl-L", 6));
	cr_expect(valid_key("PgDn", 4));
	cr_expect(valid_key("Tab", 3));
	cr_expect(valid_key("Backspace", 9));
	cr_expect(!valid_key("Insert", 6));
}

Test(actions, keys_text)
{
	char buf[32];

	actions_keys_text(ACT_DECK_DOWN, false, buf, sizeof(buf));
	cr_expect_str_eq(buf, "j");
	actions_keys_text(ACT_DECK_DOWN, true, buf, sizeof(buf));
	cr_expect_str_eq(buf, "j, Down");
	actions_keys_text(ACT_HELP_CLOSE, true, buf, sizeof(buf));
	cr_expect_str_eq(buf, "q, Esc, ?");
	actions_keys_text(ACT_REVEAL, false, buf, sizeof(buf));
	cr_expect_str_eq(buf, "Space");
	actions_keys_text(ACT_NONE, true, buf, sizeof(buf));
	cr_expect_str_eq(buf, "");
	actions_keys_text(ACT_HELP_CLOSE, true, buf, 5);
	cr_expect_str_eq(buf, "q, E", "cut to fit");
}

Test(actions, table_is_in_enum_order)
{
	cr_assert_eq(actions_count, ACT_COUNT - 1);
	for (size_t i = 0; i < actions_count; i++) {
		cr_expect_eq(actions_table[i].action, (enum action)(i + 1));
		cr_expect_eq(actions_info(actions_table[i].action), &actions_table[i]);
	}
	cr_expect_null(actions_info(ACT_NONE));
	cr_expect_null(actions_info(ACT_COUNT));
}

Test(actions, every_key_is_a_known_name)
{
	for (size_t i = 0; i < actions_count; i++) {
		const struct action_info *a = &actions_table[i];
		const char *k = a->keys;

		cr_expect(k[0] != '\0' && k[0] != ' ' && k[strlen(k) - 1] != ' ',
		    "%s: keys \"%s\"", a->name, a->keys);
		while (*k != '\0') {
			size_t n = strcspn(k, " ");

			cr_expect(valid_key(k, n), "%s: unknown key \"%.*s\"",
			    a->name, (int)n, k);
			k += n;
			cr_expect(strncmp(k, "  ", 2) != 0, "%s: double blank", a->name);
			k += strspn(k, " ");
		}
	}
}

Test(actions, no_key_does_two_things_on_one_screen)
{
	for (size_t s = 0; s < actions_screens_count; s++) {
		unsigned scr = actions_screens[s];

		for (size_t i = 0; i < actions_count; i++) {
			const struct action_info *a = &actions_table[i];
			const char *k = a->keys;

			if (!(a->screens & scr))
				continue;
			while (*k != '\0') {
				size_t n = strcspn(k, " ");

				for (size_t j = i + 1; j < actions_count; j++) {
					const struct action_info *b = &actions_table[j];
					const char *m = b->keys;

					if (!(b->screens & scr))
						continue;
					while (*m != '\0') {
						size_t l = strcspn(m, " ");

						cr_expect(!(l == n && memcmp(k, m, n) == 0),
						    "%s: \"%.*s\" is both %s and %s",
						    actions_screen_title(scr), (int)n, k,
						    a->name, b->name);
						m += l;
						m += strspn(m, " ");
					}
				}
				k += n;
				k += strspn(k, " ");
			}
		}
	}
}

static bool
screen_has(unsigned scr, enum action act)
{
	return (actions_info(act)->screens & scr) != 0;
}

Test(actions, every_screen_has_help_and_a_way_out)
{
	for (size_t s = 0; s < actions_screens_count; s++) {
		unsigned scr = actions_screens[s];
		bool out = screen_has(scr, ACT_QUIT) || screen_has(scr, ACT_BACK) ||
		           screen_has(scr, ACT_HELP_CLOSE) ||
		           screen_has(scr, ACT_IV_END) ||
		           screen_has(scr, ACT_CS_BACK) ||
		           screen_has(scr, ACT_TAG_BACK);

		cr_expect(out, "%s has no way out", actions_screen_title(scr));
		if (scr != ACT_SCREEN_HELP)
			cr_expect(screen_has(scr, ACT_HELP), "%s has no help",
			    actions_screen_title(scr));
		cr_expect(screen_has(scr, ACT_REDRAW));
		cr_expect_str_neq(actions_screen_title(scr), "?");
	}
}

Test(actions, grades_are_1_to_4_on_the_answer)
{
	static const enum action grade[4] = { ACT_AGAIN, ACT_HARD, ACT_GOOD,
		ACT_EASY };

	for (int i = 0; i < 4; i++) {
		const struct action_info *a = actions_info(grade[i]);

		cr_expect_eq(a->screens, ACT_SCREEN_ANSWER);
		cr_expect_eq(a->keys[0], '1' + i);
	}
}

Test(actions, help_texts_read_alike)
{
	for (size_t i = 0; i < actions_count; i++) {
		const char *h = actions_table[i].help;
		size_t n = strlen(h);

		cr_expect(n > 0 && n <= 50, "%s: help of %zu characters",
		    actions_table[i].name, n);
		cr_expect(isupper((unsigned char)h[0]) || h[0] == '$',
		    "%s: help starts with \"%c\"", actions_table[i].name, h[0]);
		cr_expect(n == 0 || h[n - 1] != '.', "%s: help ends with a full stop",
		    actions_table[i].name);
	}
}
