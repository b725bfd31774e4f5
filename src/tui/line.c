/*
 * line.c - a line of text typed in on a screen (a note), with the few
 * keys a one-line field needs.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <string.h>

#include "core/text.h"
#include "tui/loop.h"

/* The longest line kept, in bytes: a note, not an essay. */
#define LINE_MAX_BYTES 1000

/* Appends code point cp as UTF-8, while the line has room. */
static void
add_cp(struct strbuf *b, uint32_t cp)
{
	char u[4];
	size_t n = text_encode(cp, u);

	if (b->len + n <= LINE_MAX_BYTES)
		strbuf_add(b, u, n);
}

/* Takes back the last character (and the marks that go with it). */
static void
erase_last(struct strbuf *b)
{
	while (b->len > 0) {
		unsigned char c = (unsigned char)b->s[--b->len];

		b->s[b->len] = '\0';
		if ((c & 0xc0) != 0x80)
			break;
	}
}

enum ui_line_status
ui_line_key(struct ui_line *l, int key)
{
	switch (key) {
	case '\r':
	case '\n':
	case UI_FN | KEY_ENTER:
		return UI_LINE_DONE;
	case 27:
		return UI_LINE_CANCEL;
	case 127:
	case 8:
	case UI_FN | KEY_BACKSPACE:
		erase_last(&l->text);
		return UI_LINE_TYPING;
	case 21: /* Ctrl-U */
		strbuf_reset(&l->text);
		return UI_LINE_TYPING;
	}
	/* printable characters only: the line is shown and stored as is */
	if (key >= ' ' && !(key & UI_FN) && key <= 0x10ffff &&
	    text_cp_width((uint32_t)key) >= 0)
		add_cp(&l->text, (uint32_t)key);
	return UI_LINE_TYPING;
}

void
ui_line_draw(struct ui *ui, const struct ui_line *l, int y, const char *prompt)
{
	const char *s = l->text.s != NULL ? l->text.s : "";
	int x = 1, room;
	size_t len = strlen(s);

	ui_fill(y, A_NORMAL);
	x += ui_puts(y, x, prompt, COLS - 2, ui->a_accent);
	room = COLS - 2 - x;
	/* the end of a long line in view, where the cursor is */
	while (len > 0 && text_width_n(s, len) > room) {
		size_t skip = text_decode(s, len, &(uint32_t){ 0 });

		s += skip;
		len -= skip;
	}
	x += ui_put(y, x, s, len, room, A_NORMAL);
	ui_puts(y, x, " ", 1, A_REVERSE);
}

void
ui_line_free(struct ui_line *l)
{
	strbuf_free(&l->text);
}
