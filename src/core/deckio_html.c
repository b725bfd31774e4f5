#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* fileno, fstat, newlocale */
#endif

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/deckio_private.h"
#include "core/text.h"

/* ---- HTML to plain text, for Anki files with #html:true ---- */

static void
add_codepoint(struct strbuf *b, unsigned long cp)
{
	char u[4];

	strbuf_add(b, u, text_encode((uint32_t)cp, u));
}

/* Named entities beyond the five of XML: those Anki's editor writes and
 * those common in typed text; the numeric forms cover the rest. */
static const struct {
	const char *name;
	const char *text;
} named[] = {
	{ "amp", "&" },
	{ "lt", "<" },
	{ "gt", ">" },
	{ "quot", "\"" },
	{ "apos", "'" },
	{ "nbsp", " " },
	{ "shy", "" },
	{ "ndash", "\u2013" },
	{ "mdash", "\u2014" },
	{ "hellip", "\u2026" },
	{ "lsquo", "\u2018" },
	{ "rsquo", "\u2019" },
	{ "ldquo", "\u201c" },
	{ "rdquo", "\u201d" },
	{ "laquo", "\u00ab" },
	{ "raquo", "\u00bb" },
	{ "bull", "\u2022" },
	{ "middot", "\u00b7" },
	{ "deg", "\u00b0" },
	{ "times", "\u00d7" },
	{ "divide", "\u00f7" },
	{ "plusmn", "\u00b1" },
	{ "micro", "\u00b5" },
	{ "copy", "\u00a9" },
	{ "reg", "\u00ae" },
	{ "trade", "\u2122" },
	{ "euro", "\u20ac" },
	{ "pound", "\u00a3" },
	{ "yen", "\u00a5" },
	{ "cent", "\u00a2" },
	{ "sect", "\u00a7" },
	{ "para", "\u00b6" },
	{ "larr", "\u2190" },
	{ "rarr", "\u2192" },
	{ "uarr", "\u2191" },
	{ "darr", "\u2193" },
	{ "harr", "\u2194" },
	{ "le", "\u2264" },
	{ "ge", "\u2265" },
	{ "ne", "\u2260" },
	{ "asymp", "\u2248" },
	{ "infin", "\u221e" },
	{ "alpha", "\u03b1" },
	{ "beta", "\u03b2" },
	{ "gamma", "\u03b3" },
	{ "delta", "\u03b4" },
	{ "mu", "\u03bc" },
	{ "pi", "\u03c0" },
	{ "sigma", "\u03c3" },
	{ "eacute", "\u00e9" },
	{ "egrave", "\u00e8" },
	{ "agrave", "\u00e0" },
	{ "ccedil", "\u00e7" },
	{ "uuml", "\u00fc" },
	{ "ouml", "\u00f6" },
	{ "auml", "\u00e4" },
	{ "szlig", "\u00df" },
	{ "ntilde", "\u00f1" },
};

/* Whether code point cp is one a terminal would act on (C0 but tab and
 * line feed, DEL, C1): never let one through. */
static bool
is_control(unsigned long cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') ||
	       (cp >= 0x7F && cp < 0xA0);
}

/* Decodes the entity at s (s[0] == '&'); returns its length, 0 if none. */
static size_t
html_entity(struct strbuf *b, const char *s)
{
	const char *semi = s + 1;
	size_t n;

	while (*semi != '\0' && *semi != ';' && semi - s < 12)
		semi++;
	if (*semi != ';')
		return 0;
	n = (size_t)(semi - s - 1);
	if (n >= 2 && s[1] == '#') {
		unsigned long cp = 0;
		bool hex = s[2] == 'x' || s[2] == 'X';
		size_t i = hex ? 3 : 2;

		if (i > n)
			return 0;
		for (; i <= n; i++) {
			char c = dk_ascii_lower(s[i]);

			if (dk_ascii_digit(c))
				cp = cp * (hex ? 16 : 10) +
				     (unsigned long)(c - '0');
			else if (hex && c >= 'a' && c <= 'f')
				cp = cp * 16 + (unsigned long)(c - 'a' + 10);
			else
				return 0;
			if (cp > 0x10FFFF)
				return 0;
		}
		if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		if (!is_control(cp))
			add_codepoint(b, cp == 0xA0 ? ' ' : cp);
		return n + 2;
	}
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		if (strlen(named[i].name) == n &&
		    strncmp(s + 1, named[i].name, n) == 0) {
			strbuf_adds(b, named[i].text);
			return n + 2;
		}
	}
	return 0;
}

static void
html_newline(struct strbuf *b)
{
	if (b->len > 0 && b->s[b->len - 1] != '\n')
		strbuf_addc(b, '\n');
}

static bool
ascii_caseeq(const char *a, const char *b, size_t n)
{
	/* a NUL in either mismatches first, so neither is read past its end */
	for (size_t i = 0; i < n; i++)
		if (dk_ascii_lower(a[i]) != dk_ascii_lower(b[i]))
			return false;
	return true;
}

/* True when the n bytes at name are, ignoring ASCII case, one of list. */
static bool
name_in(const char *name, size_t n, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strlen(*list) == n && ascii_caseeq(name, *list, n))
			return true;
	return false;
}

/* Skips past the end tag "</name ...>", or to the end of s. */
static const char *
skip_element(const char *s, const char *name, size_t n)
{
	for (const char *p = s; (p = strchr(p, '<')) != NULL; p++) {
		if (p[1] == '/' && ascii_caseeq(p + 2, name, n) &&
		    !dk_ascii_alnum(p[2 + n])) {
			const char *gt = strchr(p, '>');

			return gt != NULL ? gt + 1 : p + strlen(p);
		}
	}
	return s + strlen(s);
}

/* The elements that end a line, that are dropped with their content, and
 * the line break. */
static const char *const block[] = { "div", "p", "tr", "table", "blockquote",
	"pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6", NULL };
static const char *const dropped[] = { "style", "script", NULL };

/* The elements kept as markup (markup.h), under their markup names. */
static const struct {
	const char *html;
	const char *markup;
} kept[] = {
	{ "b", "b" },
	{ "strong", "b" },
	{ "i", "i" },
	{ "em", "i" },
	{ "u", "u" },
	{ "code", "code" },
};

#define MAX_LISTS 8

/* The state of one conversion. */
struct html {
	struct strbuf *out;
	struct deckio_notes *counts;
	struct list {
		bool ordered;
		long items;
	} lists[MAX_LISTS];
	int depth;           /* lists open; deeper ones are not indented */
	char *href;          /* of the link open, NULL when none */
	size_t link_start;   /* where its text starts in out */
	struct strbuf value; /* an attribute's value */
};

/* Drops the blanks around the text of out. */
static void
trim_out(struct strbuf *out)
{
	const char *kept_s;
	size_t keep;

	if (out->s == NULL)
		return;
	kept_s = out->s;
	keep = out->len;
	dk_trim(&kept_s, &keep);
	memmove(out->s, kept_s, keep);
	out->len = keep;
	out->s[keep] = '\0';
}

/*
 * The value of attribute name (lower case) in the tag text [p, gt), entities
 * decoded, in h->value; false when the tag has none.
 */
static bool
tag_attr(struct html *h, const char *p, const char *gt, const char *name)
{
	size_t want = strlen(name);

	while (p < gt) {
		const char *an, *v;
		size_t n, vn;
		char q = 0;

		while (p < gt && !dk_ascii_alpha(*p))
			p++;
		an = p;
		while (p < gt && (dk_ascii_alnum(*p) || *p == '-'))
			p++;
		n = (size_t)(p - an);
		while (p < gt && *p == ' ')
			p++;
		if (p >= gt || *p != '=') {
			continue;
		}
		for (p++; p < gt && *p == ' '; p++)
			;
		if (p < gt && (*p == '"' || *p == '\''))
			q = *p++;
		v = p;
		while (p < gt && (q ? *p != q : *p != ' '))
			p++;
		vn = (size_t)(p - v);
		if (q && p < gt)
			p++;
		if (n == want && ascii_caseeq(an, name, n)) {
			char *raw = xstrndup(v, vn);

			strbuf_reset(&h->value);
			for (const char *c = raw; *c != '\0';) {
				size_t k = *c == '&' ? html_entity(&h->value, c)
				                     : 0;

				if (k == 0)
					strbuf_addc(&h->value, *c++);
				else
					c += k;
			}
			free(raw);
			trim_out(&h->value);
			return h->value.len > 0;
		}
	}
	return false;
}

/* "[what: name]" for the tag's attr, or "[what]" when it has none. */
static void
placeholder(struct html *h, const char *p, const char *gt, const char *attr,
    const char *what)
{
	if (tag_attr(h, p, gt, attr))
		strbuf_addf(h->out, "[%s: %s]", what, h->value.s);
	else
		strbuf_addf(h->out, "[%s]", what);
}

static void
list_item(struct html *h)
{
	struct list *l;

	html_newline(h->out);
	if (h->depth == 0) {
		strbuf_adds(h->out, "- ");
		return;
	}
	l = &h->lists[(h->depth > MAX_LISTS ? MAX_LISTS : h->depth) - 1];
	for (int i = 1; i < h->depth && i < MAX_LISTS; i++)
		strbuf_adds(h->out, "  ");
	if (l->ordered)
		strbuf_addf(h->out, "%ld. ", ++l->items);
	else
		strbuf_adds(h->out, "- ");
}

static void
list_open(struct html *h, bool ordered)
{
	html_newline(h->out);
	if (h->depth < MAX_LISTS)
		h->lists[h->depth] = (struct list){ .ordered = ordered };
	h->depth++;
}

static void
link_close(struct html *h)
{
	const char *text = strbuf_str(h->out) + h->link_start;

	if (h->href == NULL)
		return;
	/* a link whose text is its address needs it only once */
	if (strcmp(text, h->href) != 0) {
		if (h->out->len > h->link_start)
			strbuf_addc(h->out, ' ');
		strbuf_addf(h->out, "(%s)", h->href);
	}
	if (h->counts != NULL)
		h->counts->links++;
	free(h->href);
	h->href = NULL;
}

/* The markup name of an element kept, or NULL. */
static const char *
kept_name(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		if (strlen(kept[i].html) == n && ascii_caseeq(name, kept[i].html, n))
			return kept[i].markup;
	return NULL;
}

#define IS(lit) (n == sizeof(lit) - 1 && ascii_caseeq(name, lit, n))

/* The tag name[0, n) whose attributes are [p, gt); returns where the text
 * goes on (past the element's content for a dropped one). */
static const char *
html_tag(struct html *h, const char *name, size_t n, bool closing,
    const char *p, const char *gt)
{
	const char *mark = kept_name(name, n);

	if (mark != NULL) {
		strbuf_addf(h->out, closing ? "</%s>" : "<%s>", mark);
	} else if (IS("br")) {
		strbuf_addc(h->out, '\n');
	} else if (IS("li")) {
		if (closing)
			html_newline(h->out);
		else
			list_item(h);
	} else if (IS("ul") || IS("ol")) {
		if (!closing)
			list_open(h, IS("ol"));
		else if (h->depth > 0)
			h->depth--;
		html_newline(h->out);
	} else if (IS("a")) {
		link_close(h);
		if (!closing && tag_attr(h, p, gt, "href")) {
			h->href = strbuf_detach(&h->value);
			h->link_start = h->out->len;
		}
	} else if (IS("img")) {
		placeholder(h, p, gt, "src", "image");
		if (h->counts != NULL)
			h->counts->images++;
	} else if (IS("audio") || IS("video")) {
		if (!closing) {
			placeholder(h, p, gt, "src", IS("audio") ? "sound" : "video");
			if (h->counts != NULL)
				h->counts->sounds++;
		}
	} else if (name_in(name, n, block)) {
		html_newline(h->out);
	} else if (!closing && name_in(name, n, dropped)) {
		return skip_element(gt + 1, name, n);
	}
	return gt + 1;
}

#undef IS

/* Appends s[0, n) to b without its controls (C1 ones are C2 80..C2 9F in
 * UTF-8). */
static void
add_clean(struct strbuf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < n; i++) {
		if (u[i] == 0xC2 && i + 1 < n && u[i + 1] >= 0x80 &&
		    u[i + 1] < 0xA0) {
			i++;
			continue;
		}
		if (u[i] < 0x80 && is_control(u[i]))
			continue;
		strbuf_addc(b, s[i]);
	}
}

/*
 * Appends s to b with each "[sound:F]" as "[sound: F]" (counted); when
 * clean, without controls other than tab and line feed.
 */
static void
add_sounds(struct strbuf *b, const char *s, bool clean,
    struct deckio_notes *counts)
{
	while (*s != '\0') {
		const char *snd = strstr(s, "[sound:");
		const char *end = snd != NULL ? strchr(snd + 7, ']') : NULL;
		size_t run = end != NULL ? (size_t)(snd - s) : strlen(s);

		if (clean)
			add_clean(b, s, run);
		else
			strbuf_add(b, s, run);
		s += run;
		if (end == NULL)
			break;
		strbuf_adds(b, "[sound: ");
		add_clean(b, snd + 7, (size_t)(end - snd - 7));
		strbuf_addc(b, ']');
		if (counts != NULL)
			counts->sounds++;
		s = end + 1;
	}
}

void
dk_sounds(struct strbuf *b, const char *s, struct deckio_notes *counts)
{
	add_sounds(b, s, false, counts);
}

/* The end of an HTML conversion: sounds, controls, blanks around. */
static void
text_finish(struct strbuf *b, struct deckio_notes *counts)
{
	struct strbuf t = { 0 };

	add_sounds(&t, strbuf_str(b), true, counts);
	strbuf_reset(b);
	strbuf_add(b, strbuf_str(&t), t.len);
	strbuf_free(&t);
	trim_out(b);
}

/* Appends the text s[0, n) of HTML: a line end in it is a blank, as in a
 * browser, and none is added after a blank or at the start of a line. */
static void
add_text(struct strbuf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\n' && s[i] != '\r') {
			strbuf_addc(out, s[i]);
			continue;
		}
		if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
			i++;
		if (out->len > 0 && out->s[out->len - 1] != ' ' &&
		    out->s[out->len - 1] != '\n')
			strbuf_addc(out, ' ');
	}
}

/*
 * Anki's HTML to text: <br> is a line break, block elements start and end
 * lines, list items become "- " or numbered lines, links "text (address)",
 * images and sounds placeholders; <b>, <i>, <u> and <code> (and <strong>,
 * <em>) stay as markup (markup.h); other tags go, <style> and <script> with
 * their content; entities are decoded (&nbsp; to a space), controls
 * dropped, and surrounding whitespace is trimmed.  Text that is not a tag
 * stays as it is.  counts (may be NULL) counts placeholders and links.
 */
void
dk_html_to_text(struct strbuf *out, const char *s, struct deckio_notes *counts)
{
	struct html h = { .out = out, .counts = counts };
	const char *next_gt = NULL;
	bool no_gt = false;

	strbuf_reset(out);
	while (*s != '\0') {
		size_t run = strcspn(s, "<&");
		const char *p, *name, *gt;
		size_t n;
		bool closing;

		add_text(out, s, run);
		s += run;
		if (*s == '&') {
			size_t k = html_entity(out, s);

			if (k == 0)
				strbuf_addc(out, '&');
			s += k > 0 ? k : 1;
			continue;
		}
		if (*s != '<')
			break;
		if (strncmp(s, "<!--", 4) == 0) {
			const char *e = strstr(s + 4, "-->");

			s = e != NULL ? e + 3 : s + strlen(s);
			continue;
		}
		p = s + 1;
		closing = *p == '/';
		if (closing)
			p++;
		name = p;
		while (dk_ascii_alnum(*p))
			p++;
		n = (size_t)(p - name);
		/* the next '>' is searched for once, not once per '<' */
		if (!no_gt && (next_gt == NULL || next_gt < p)) {
			next_gt = strchr(p, '>');
			no_gt = next_gt == NULL;
		}
		gt = no_gt ? NULL : next_gt;
		if (n == 0 || !dk_ascii_alpha(*name) || gt == NULL) {
			strbuf_addc(out, '<'); /* "a < b" is text */
			s++;
			continue;
		}
		s = html_tag(&h, name, n, closing, p, gt);
	}
	link_close(&h);
	strbuf_free(&h.value);
	text_finish(out, counts);
}

void
deckio_html_to_text(struct strbuf *out, const char *html,
    struct deckio_notes *counts)
{
	dk_html_to_text(out, html, counts);
}
