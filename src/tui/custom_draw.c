/*
 * custom_draw.c - the custom study screen painted: the kinds of study,
 * the deck's tags, the line being typed, the footer.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/custom.h"

/* The first row under the title: a short screen gives up the blank one. */
static int
first_row(void)
{
	return LINES < 16 ? 1 : 2;
}

/* Row y as the selected one of a list, in the column (x, w). */
static void
select_row(int y, int x, int w)
{
	ui_attr(A_REVERSE);
	mvhline(y, x, ' ', w);
	ui_attr(A_NORMAL);
	ui_puts(y, x, ">", 1, A_REVERSE | A_BOLD);
}

/* The kinds of study, the selected one's description under them. */
static void
draw_menu(struct ui *ui, const struct custom_study *cs, int x, int w)
{
	struct text_lines lines = { 0 };
	const char *about = custom_kinds[cs->sel].about;
	int y = first_row();

	for (size_t k = 0; k < CUSTOM_KINDS; k++, y++) {
		const struct custom_kind *ck = &custom_kinds[k];
		attr_t a = k == cs->sel ? A_REVERSE | A_BOLD : A_NORMAL;
		char key[16];

		if (k == cs->sel)
			select_row(y, x, w);
		actions_keys_text(ck->action, false, key, sizeof(key));
		ui_puts(y, x + 2, key, 3, a | (k == cs->sel ? 0 : ui->a_accent));
		ui_puts(y, x + 6, text_width(ck->label) <= w - 6 ? ck->label : ck->short_label,
		    w - 6, a);
	}
	/* the description, when it all fits above the line typed in */
	text_wrap(about, w - 2, &lines);
	y++;
	for (size_t i = 0; i < lines.n && y + (int)lines.n <= LINES - 3; i++)
		ui_put(y + (int)i, x + 2, about + lines.v[i].off, lines.v[i].len, w - 2,
		    ui->a_dim);
	text_lines_free(&lines);
}

/* The deck's tags with their cards, scrolled to keep the selected one. */
static void
draw_tags(struct ui *ui, struct custom_study *cs, int x, int w)
{
	int head = first_row(), top = head + 1, list_h = LINES - 3 - top, y = top;

	if (cs->ntags == 0) {
		ui_puts(head, x, "No card of this deck has a tag.", w, ui->a_accent);
		return;
	}
	ui_puts(head, x + 2, "Tag", w - 10, ui->a_dim);
	ui_puts_right(head, x + w, "Cards", ui->a_dim);
	if (list_h < 1)
		list_h = 1;
	if (cs->tag_sel < cs->tag_top)
		cs->tag_top = cs->tag_sel;
	if (cs->tag_sel >= cs->tag_top + (size_t)list_h)
		cs->tag_top = cs->tag_sel - (size_t)list_h + 1;
	cs->tag_page = (size_t)list_h;
	for (size_t i = cs->tag_top; i < cs->ntags && y < top + list_h; i++, y++) {
		attr_t a = i == cs->tag_sel ? A_REVERSE | A_BOLD : A_NORMAL;
		char *name = text_sanitize_line(cs->tags[i].name), num[24];

		if (i == cs->tag_sel)
			select_row(y, x, w);
		snprintf(num, sizeof(num), "%lld", (long long)cs->tags[i].cards);
		ui_puts(y, x + 2, name, w - 4 - (int)strlen(num), a);
		ui_puts_right(y, x + w, num, a);
		free(name);
	}
	if (cs->tag_top > 0)
		ui_puts(top, x + w + 1, "^", 1, ui->a_dim);
	if (cs->tag_top + (size_t)list_h < cs->ntags)
		ui_puts(y - 1, x + w + 1, "v", 1, ui->a_dim);
}

/* The line being typed, with its prompt, and the footer. */
static void
draw_bottom(struct ui *ui, const struct custom_study *cs)
{
	static const struct ui_hint typing[] = { { ACT_NONE,
	    "Enter: start  Esc: back" } };
	static const struct ui_hint menu[] = { { ACT_CS_CHOOSE, "choose" },
		{ ACT_HELP, "help" }, { ACT_CS_BACK, "back" } };
	static const struct ui_hint tags[] = { { ACT_TAG_STUDY, "study" },
		{ ACT_TAG_CRAM, "cram" }, { ACT_TAG_TYPE, "type" },
		{ ACT_TAG_BACK, "back" } };

	switch (cs->step) {
	case CUSTOM_NEW:
		ui_line_draw(ui, &cs->line, LINES - 3, "More new cards (1-9999): ");
		break;
	case CUSTOM_AHEAD:
		ui_line_draw(ui, &cs->line, LINES - 3, "Days ahead (1-3650): ");
		break;
	case CUSTOM_TAG_TYPE:
		ui_line_draw(ui, &cs->line, LINES - 3, "Tag: ");
		break;
	case CUSTOM_MENU:
		ui_hints(ui, menu, 3, 3, false);
		return;
	case CUSTOM_TAGS:
		ui_hints(ui, tags, 4, COLS < 50 ? 2 : 3, false);
		return;
	}
	ui_hints(ui, typing, 1, 3, false);
}

void
custom_draw(struct ui *ui, void *state)
{
	struct custom_study *cs = state;
	char *title = xasprintf("Custom study: %s", ui->deck_name);
	int x, w;

	ui_text_column(&x, &w);
	ui_fill(0, ui->a_bar);
	ui_puts(0, 1, title, COLS - 2, ui->a_bar | A_BOLD);
	free(title);
	if (cs->step == CUSTOM_TAGS || cs->step == CUSTOM_TAG_TYPE)
		draw_tags(ui, cs, x, w);
	else
		draw_menu(ui, cs, x, w);
	draw_bottom(ui, cs);
}
