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

/* Decodes the entity at s (s[0] == '&'); returns its length, 0 if none. */
static size_t
html_entity(struct strbuf *b, const char *s)
{
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
	};
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
static const char *const block[] = { "div", "p", "li", "ul", "ol", "tr",
	"table", "blockquote", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
	NULL };
static const char *const dropped[] = { "style", "script", NULL };
static const char *const br[] = { "br", NULL };

/* Drops the blanks around the text of out. */
static void
trim_out(struct strbuf *out)
{
	const char *kept;
	size_t keep;

	if (out->s == NULL)
		return;
	kept = out->s;
	keep = out->len;
	dk_trim(&kept, &keep);
	memmove(out->s, kept, keep);
	out->len = keep;
	out->s[keep] = '\0';
}

/*
 * Anki's HTML to text: <br> is a line break, block elements start and end
 * lines, other tags go, <style> and <script> go with their content, the
 * common entities and all numeric ones are decoded (&nbsp; to a space), and
 * surrounding whitespace is trimmed.  Text that is not a tag stays as it is.
 */
void
dk_html_to_text(struct strbuf *out, const char *s)
{
	const char *next_gt = NULL;
	bool no_gt = false;

	strbuf_reset(out);
	while (*s != '\0') {
		size_t run = strcspn(s, "<&");
		const char *p, *name, *gt;
		size_t n;
		bool closing;

		strbuf_add(out, s, run);
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
		s = gt + 1;
		if (name_in(name, n, br))
			strbuf_addc(out, '\n');
		else if (name_in(name, n, block))
			html_newline(out);
		else if (!closing && name_in(name, n, dropped))
			s = skip_element(s, name, n);
	}
	trim_out(out);
}
