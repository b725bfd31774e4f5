/*
 * markup.h - the small markup card text may hold: bold, italic, underline
 * and code, as the eight exact tags
 *
 *   <b> </b>   <i> </i>   <u> </u>   <code> </code>
 *
 * lower case, without attributes.  Every other '<' is plain text: "a < b"
 * and "<div>" are shown as written.  Imports from HTML (Anki) keep these
 * four elements this way (<strong> as <b>, <em> as <i>); the screens show
 * them as terminal attributes; the Anki export writes them back as the
 * same HTML elements, the rest of the text escaped.  An end tag without
 * its start, or a start never ended, is no error: an attribute simply
 * runs to the end of the text, and a stray end tag is dropped.
 *
 * No I/O; no allocation failure is reported (util.h dies on those).
 */
#ifndef REHEARSE_MARKUP_H
#define REHEARSE_MARKUP_H

#include <stddef.h>

#include "core/util.h"

enum markup_attr {
	MARKUP_BOLD = 1u << 0,
	MARKUP_ITALIC = 1u << 1,
	MARKUP_UNDERLINE = 1u << 2,
	MARKUP_CODE = 1u << 3,
};

/*
 * When s starts with one of the tags, its length (3 to 7), with *attr the
 * attribute and *closing whether it is an end tag; else 0.
 */
size_t markup_tag(const char *s, unsigned *attr, int *closing);

/*
 * The text of s without its tags, in out (reset first), and in *attrs an
 * allocated array of out->len bytes (the caller frees; NULL when out is
 * empty): the enum markup_attr bits in force at each byte.
 */
void markup_strip(const char *s, struct strbuf *out, unsigned char **attrs);

/*
 * Appends s to out as HTML: '&', '<', '>' and '"' escaped, line ends as
 * "<br>", the tags kept (a tag left open is closed at the end, so that
 * the HTML is balanced).
 */
void markup_to_html(struct strbuf *out, const char *s);

#endif
