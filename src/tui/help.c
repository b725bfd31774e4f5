/*
 * help.c - the keys of the current screen, straight from the action
 * table (actions.h), so that the help cannot drift from the key map.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "tui/screen.h"

#define KEY_COL 18
/* Narrower than this, a key's help goes on the lines under it. */
#define KEY_HELP_MIN 24

struct group {
	const char *title; /* NULL: no heading */
	unsigned all;      /* rows whose screens include all of these */
	unsigned none;     /* and none of these */
};

/* The rows of the help, in order: headings and keys. */
static size_t
groups_for(enum action_screen s, struct group g[3])
{
	if (s & ACT_SCREEN_CARD) {
		/* both sides of a card in one help, each key where it works */
		g[0] = (struct group){ "Before the answer is shown",
			ACT_SCREEN_QUESTION, ACT_SCREEN_ANSWER };
		g[1] = (struct group){ "Once the answer is shown",
			ACT_SCREEN_ANSWER, ACT_SCREEN_QUESTION };
		g[2] = (struct group){ "Any time", ACT_SCREEN_CARD, 0 };
		return 3;
	}
	g[0] = (struct group){ NULL, s, 0 };
	return 1;
}

static const char *
title_for(enum action_screen s)
{
	return (s & ACT_SCREEN_CARD) ? "Reviewing" : actions_screen_title(s);
}

/* Draws the lines of the help from row top on, at y0 until bottom; with
 * y0 < 0 only counts them.  Returns the number of lines. */
static int
walk(struct ui *ui, enum action_screen s, int y0, int top, int bottom)
{
	struct group g[3];
	size_t ng = groups_for(s, g);
	struct text_lines lines = { 0 };
	int x, w, row = 0, col = KEY_COL;
	size_t stacked = 0;

	ui_text_column(&x, &w);
	if (w - 2 - KEY_COL < KEY_HELP_MIN) {
		stacked = 1;
		col = 4;
	}
	for (size_t k = 0; k < ng; k++) {
		if (g[k].title != NULL) {
			if (row > 0)
				row++;
			if (y0 >= 0 && row >= top && y0 + row - top < bottom)
				ui_puts(y0 + row - top, x, g[k].title, w, ui->a_accent);
			row++;
		}
		for (size_t i = 0; i < actions_count; i++) {
			const struct action_info *ai = &actions_table[i];
			char keys[64];

			if ((ai->screens & g[k].all) != g[k].all ||
			    (ai->screens & g[k].none) != 0)
				continue;
			/* a help too long for the line goes on under itself;
			 * on a narrow screen it goes under the keys */
			text_wrap(ai->help, w - 2 - col, &lines);
			for (size_t l = 0; l < lines.n + stacked; l++, row++) {
				int y = y0 + row - top;

				if (y0 < 0 || row < top || y >= bottom)
					continue;
				actions_keys_text(ai->action, true, keys, sizeof(keys));
				if (l == 0)
					ui_puts(y, x + 2, keys, w - 2, A_BOLD);
				if (l >= stacked)
					ui_put(y, x + 2 + col,
					    ai->help + lines.v[l - stacked].off,
					    lines.v[l - stacked].len, w - 2 - col, A_NORMAL);
			}
		}
	}
	text_lines_free(&lines);
	return row;
}

void
ui_help_draw(struct ui *ui, enum action_screen for_screen)
{
	static const struct ui_hint hints[] = {
		{ ACT_HELP_CLOSE, "close the help" },
		{ ACT_NONE, "man rehearse for more" },
	};
	char title[64];
	int total = walk(ui, for_screen, -1, 0, 0);

	if (ui->help_top > total - ui_body_height())
		ui->help_top = total - ui_body_height();
	if (ui->help_top < 0)
		ui->help_top = 0;
	ui_fill(0, ui->a_bar);
	snprintf(title, sizeof(title), "Keys: %s", title_for(for_screen));
	ui_puts(0, 1, title, COLS - 2, ui->a_bar | A_BOLD);
	walk(ui, for_screen, 2, ui->help_top, 2 + ui_body_height());
	if (ui->help_top + ui_body_height() < total) {
		char down[16], page[16], more[48];

		actions_keys_text(ACT_SCROLL_DOWN, false, down, sizeof(down));
		actions_keys_text(ACT_PAGE_DOWN, false, page, sizeof(page));
		snprintf(more, sizeof(more), "more below: %s, %s", down, page);
		ui_puts_right(LINES - 2, COLS - 2, more, ui->a_dim);
	}
	ui_hints(ui, hints, sizeof(hints) / sizeof(hints[0]), 3, true);
}

void
ui_help_request(struct ui *ui, enum action a)
{
	int page = ui_body_height() > 2 ? ui_body_height() - 1 : 1;

	switch (a) {
	case ACT_SCROLL_DOWN:
		ui->help_top++;
		break;
	case ACT_SCROLL_UP:
		ui->help_top--;
		break;
	case ACT_PAGE_DOWN:
		ui->help_top += page;
		break;
	case ACT_PAGE_UP:
		ui->help_top -= page;
		break;
	case ACT_SCROLL_TOP:
		ui->help_top = 0;
		break;
	case ACT_SCROLL_BOTTOM:
		ui->help_top = INT_MAX / 2;
		break;
	default:
		break;
	}
	/* ui_help_draw keeps help_top in range */
	if (ui->help_top < 0)
		ui->help_top = 0;
}
