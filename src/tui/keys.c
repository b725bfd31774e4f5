/*
 * keys.c - key presses become actions: key names (the action table's,
 * which scripts use too) turned into key codes, and the keys read from
 * the terminal.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <wchar.h>

#include "core/text.h"
#include "tui/loop.h"

/* The key codes of actions_key_names, by index. */
static const int key_codes[ACT_KEY_COUNT] = {
	[ACT_KEY_DOWN] = UI_FN | KEY_DOWN,
	[ACT_KEY_UP] = UI_FN | KEY_UP,
	[ACT_KEY_HOME] = UI_FN | KEY_HOME,
	[ACT_KEY_END] = UI_FN | KEY_END,
	[ACT_KEY_PGDN] = UI_FN | KEY_NPAGE,
	[ACT_KEY_PGUP] = UI_FN | KEY_PPAGE,
	[ACT_KEY_ENTER] = '\r',
	[ACT_KEY_SPACE] = ' ',
	[ACT_KEY_ESC] = 27,
	[ACT_KEY_TAB] = '\t',
	[ACT_KEY_CTRL_L] = 12,
	[ACT_KEY_BACKSPACE] = 127,
};

int
keys_by_name(const char *name, size_t n)
{
	uint32_t cp;

	for (size_t i = 0; i < ACT_KEY_COUNT; i++)
		if (strlen(actions_key_names[i]) == n &&
		    memcmp(actions_key_names[i], name, n) == 0) {
			/* a name added to actions.h but not here */
			if (key_codes[i] == 0)
				die("no key code for the key name %s",
				    actions_key_names[i]);
			return key_codes[i];
		}
	if (n > 0 && text_decode(name, n, &cp) == n && cp != TEXT_INVALID &&
	    cp > ' ')
		return (int)cp;
	return UI_KEY_NONE;
}

/* The same key arrives in more than one form. */
static int
key_normalise(int key)
{
	switch (key) {
	case '\n':
	case UI_FN | KEY_ENTER:
		return '\r';
	case UI_FN | KEY_C1:
		return UI_FN | KEY_END;
	case UI_FN | KEY_A1:
		return UI_FN | KEY_HOME;
	case UI_FN | KEY_C3:
		return UI_FN | KEY_NPAGE;
	case UI_FN | KEY_A3:
		return UI_FN | KEY_PPAGE;
	}
	return key;
}

enum action
keys_action(int key, enum action_screen s)
{
	key = key_normalise(key);
	for (size_t i = 0; i < actions_count; i++) {
		const char *k = actions_table[i].keys;

		if (!(actions_table[i].screens & s))
			continue;
		while (*k != '\0') {
			size_t n = strcspn(k, " ");

			if (keys_by_name(k, n) == key)
				return actions_table[i].action;
			k += n;
			k += strspn(k, " ");
		}
	}
	return ACT_NONE;
}

int
keys_from_terminal(struct ui *ui)
{
	const struct ui_screen_ops *ops = ui->view->ops;
	wint_t wc;
	int r;

	wtimeout(stdscr, ops->ticking != NULL &&
				 ops->ticking(ui, ui->view->state) && !ui->help
			     ? 250
			     : 1000);
	r = wget_wch(stdscr, &wc);
	if (r == ERR)
		return UI_KEY_AGAIN;
	if (r == KEY_CODE_YES)
		return UI_FN | (int)wc;
	return (int)wc;
}
