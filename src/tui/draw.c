/*
 * draw.c - painting: the text, lines and footers the screens draw with,
 * and the repaint of the whole screen (the current screen or the help,
 * the message line, or a "too small" note).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "core/text.h"
#include "tui/loop.h"

/* The width of the character cp as ui_put draws it: a control as '?'. */
static int
put_width(uint32_t cp)
{
	int cw = text_cp_width(cp);

	return cw < 0 ? 1 : cw;
}

/* The bytes of s[0, n) that fit in maxw columns as ui_put draws them. */
static size_t
fit(const char *s, size_t n, int maxw)
{
	size_t i = 0;
	int w = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = text_decode(s + i, n - i, &cp);

		w += put_width(cp);
		if (w > maxw)
			break;
		i += len;
	}
	return i;
}

/* Draws s[0, n) from the cursor in at most maxw columns; the columns used. */
static int
put_text(const char *s, size_t n, int maxw)
{
	wchar_t buf[256];
	size_t k = 0, i = 0;
	int w = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = text_decode(s + i, n - i, &cp);
		int cw = put_width(cp);

		/* never let a control reach the terminal */
		if (text_cp_width(cp) < 0)
			cp = '?';
		if (w + cw > maxw)
			break;
		/* a mark with nothing to sit on would be lost: drop it */
		if (cw == 0 && k == 0 && w == 0) {
			i += len;
			continue;
		}
		buf[k++] = (wchar_t)cp;
		w += cw;
		i += len;
		if (k >= sizeof(buf) / sizeof(buf[0]) - 1) {
			addnwstr(buf, (int)k);
			k = 0;
		}
	}
	if (k > 0)
		addnwstr(buf, (int)k);
	return w;
}

const char *
ui_ellipsis(void)
{
	return term_unicode_lines() ? "\u2026" : "...";
}

int
ui_put(int y, int x, const char *s, size_t n, int maxw, attr_t attr)
{
	/* text cut short ends in an ellipsis, so that it shows it is cut */
	const char *ell = ui_ellipsis();
	int ell_w = term_unicode_lines() ? 1 : 3, w;

	if (maxw <= 0 || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return 0;
	if (maxw > COLS - x)
		maxw = COLS - x;
	move(y, x);
	ui_attr(attr);
	if (maxw > ell_w && fit(s, n, maxw) < n) {
		size_t m = fit(s, n, maxw - ell_w);

		/* "one…", not "one …" */
		while (m > 0 && s[m - 1] == ' ')
			m--;
		w = put_text(s, m, maxw - ell_w);
		w += put_text(ell, strlen(ell), ell_w);
	} else {
		w = put_text(s, n, maxw);
	}
	ui_attr(A_NORMAL);
	return w;
}

int
ui_puts(int y, int x, const char *s, int maxw, attr_t attr)
{
	return ui_put(y, x, s, strlen(s), maxw, attr);
}

int
ui_puts_right(int y, int xend, const char *s, attr_t attr)
{
	int w = text_width(s);
	int x = xend - w;

	if (x < 0)
		x = 0;
	return ui_puts(y, x, s, xend - x, attr);
}

void
ui_fill(int y, attr_t attr)
{
	ui_attr(attr);
	mvhline(y, 0, ' ', COLS);
	ui_attr(A_NORMAL);
}

/*
 * Lines.  In a UTF-8 locale the box-drawing characters are written as
 * such: every terminal that takes UTF-8 draws them, while the
 * line-drawing set (ACS) is lost by some of them when TERM says vt100.
 */
static void
line_char(int y, int x, int n, wchar_t wc, chtype acs, attr_t attr, bool horiz)
{
	if (n <= 0)
		return;
	if (term_unicode_lines()) {
		cchar_t cc;
		wchar_t s[2] = { wc, L'\0' };

		setcchar(&cc, s, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
		if (horiz)
			mvhline_set(y, x, &cc, n);
		else
			mvadd_wch(y, x, &cc);
	} else {
		if (term_ascii_lines())
			acs = horiz ? '-' : '|';
		ui_attr(attr);
		if (horiz)
			mvhline(y, x, acs, n);
		else
			mvaddch(y, x, acs);
		ui_attr(A_NORMAL);
	}
}

void
ui_hline(int y, int x, int n, attr_t attr)
{
	line_char(y, x, n, L'\u2500', ACS_HLINE, attr, true);
}

void
ui_vbar(int y, int x, attr_t attr)
{
	line_char(y, x, 1, L'\u2502', ACS_VLINE, attr, false);
}

void
ui_text_column(int *x, int *w)
{
	int width = COLS - 4;

	if (width > UI_TEXT_MAX)
		width = UI_TEXT_MAX;
	*w = width;
	*x = (COLS - width) / 2;
}

int
ui_body_height(void)
{
	return LINES - 4;
}

size_t
ui_page_move(size_t sel, size_t n, size_t page, bool down)
{
	if (page == 0)
		page = 1;
	if (!down)
		return sel > page ? sel - page : 0;
	if (n == 0)
		return 0;
	return sel + page < n ? sel + page : n - 1;
}

void
ui_hints(struct ui *ui, const struct ui_hint *h, size_t n, int gap, bool all)
{
	int x = 1;

	ui_fill(LINES - 1, ui->a_bar);
	for (size_t i = 0; i < n && x < COLS - 1; i++) {
		char keys[32];

		actions_keys_text(h[i].action, all, keys, sizeof(keys));
		if (i > 0)
			x += gap;
		/* a hint is shown whole or not at all */
		if (x + ui_hints_width(&h[i], 1, gap, all) > COLS - 1)
			break;
		if (keys[0] != '\0')
			x += ui_puts(LINES - 1, x, keys, COLS - 1 - x, ui->a_bar) + 1;
		x += ui_puts(LINES - 1, x, h[i].label, COLS - 1 - x, ui->a_bar);
	}
}

int
ui_hints_width(const struct ui_hint *h, size_t n, int gap, bool all)
{
	int w = 0;

	for (size_t i = 0; i < n; i++) {
		char keys[32];

		actions_keys_text(h[i].action, all, keys, sizeof(keys));
		w += (i > 0 ? gap : 0) + text_width(h[i].label);
		if (keys[0] != '\0')
			w += text_width(keys) + 1;
	}
	return w;
}

static void
draw_too_small(void)
{
	char line[2][64];
	int y = LINES / 2 - 1;

	if (y < 0)
		y = 0;
	snprintf(line[0], sizeof(line[0]), "Terminal too small: %dx%d", COLS, LINES);
	snprintf(line[1], sizeof(line[1]), "rehearse needs %dx%d", UI_MIN_COLS,
	    UI_MIN_LINES);
	for (int i = 0; i < 2; i++) {
		int w = text_width(line[i]);
		int x = w < COLS ? (COLS - w) / 2 : 0;

		ui_puts(y + i, x, line[i], COLS - x, i == 0 ? A_BOLD : A_NORMAL);
	}
}

bool
ui_too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
}

void
ui_repaint(struct ui *ui)
{
	erase();
	if (ui_too_small()) {
		draw_too_small();
	} else if (ui->help) {
		ui_help_draw(ui, ui->view->ops->keys(ui, ui->view->state));
	} else {
		ui->view->ops->draw(ui, ui->view->state);
	}
	if (ui->msg != NULL && !ui_too_small()) {
		int y = LINES - 2;

		ui_fill(y, A_NORMAL);
		ui_puts(y, 1, ui->msg, COLS - 2, ui->msg_error ? ui->a_warn : A_BOLD);
	}
	curs_set(0);
	wnoutrefresh(stdscr);
	doupdate();
}
