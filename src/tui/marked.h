/*
 * marked.h - card text with its markup (core/markup.h) on the screen:
 * <b> bold, <i> italic, <u> and <code> underlined.  The text is sanitised
 * first (untrusted), then its tags become attributes, byte by byte, so
 * that wrapping and drawing work on the plain text.
 */
#ifndef REHEARSE_TUI_MARKED_H
#define REHEARSE_TUI_MARKED_H

#include <stddef.h>

#include "tui/screen.h"

struct ui_marked {
	char *text;           /* sanitised, without tags; never NULL once set */
	unsigned char *attrs; /* markup bits of each byte of text; may be NULL */
};

/* Fills m from a card's text s (m's old content freed). */
void ui_marked_set(struct ui_marked *m, const char *s);
void ui_marked_free(struct ui_marked *m);

/*
 * Draws text[off, off + n) at (y, x), at most maxw columns, in attr plus
 * each byte's own attributes; returns the columns drawn (as ui_put).
 */
int ui_put_marked(int y, int x, const struct ui_marked *m, size_t off,
    size_t n, int maxw, attr_t attr);

#endif
