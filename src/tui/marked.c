/* marked.c - card text with its markup on the screen (marked.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "core/markup.h"
#include "core/text.h"
#include "tui/marked.h"

void
ui_marked_free(struct ui_marked *m)
{
	free(m->text);
	free(m->attrs);
	m->text = NULL;
	m->attrs = NULL;
}

void
ui_marked_set(struct ui_marked *m, const char *s)
{
	char *clean = text_sanitize(s);
	struct strbuf b = { 0 };

	ui_marked_free(m);
	markup_strip(clean, &b, &m->attrs);
	free(clean);
	m->text = strbuf_detach(&b);
}

static attr_t
curses_attr(unsigned bits)
{
	attr_t a = A_NORMAL;

	if (bits & MARKUP_BOLD)
		a |= A_BOLD;
	if (bits & MARKUP_ITALIC)
		a |= A_ITALIC;
	if (bits & (MARKUP_UNDERLINE | MARKUP_CODE))
		a |= A_UNDERLINE;
	return a;
}

int
ui_put_marked(int y, int x, const struct ui_marked *m, size_t off, size_t n,
    int maxw, attr_t attr)
{
	int w = 0;

	if (m->attrs == NULL)
		return ui_put(y, x, m->text + off, n, maxw, attr);
	for (size_t i = 0; i < n && w < maxw;) {
		unsigned bits = m->attrs[off + i];
		size_t k = i;

		/* a run of one attribute; UTF-8 sequences never straddle one */
		while (k < n && m->attrs[off + k] == bits)
			k++;
		w += ui_put(y, x + w, m->text + off + i, k - i, maxw - w,
		    attr | curses_attr(bits));
		i = k;
	}
	return w;
}
