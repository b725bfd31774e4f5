/* markup.c - the four tags of card text (markup.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/markup.h"

static const struct {
	const char *name;
	unsigned attr;
} tags[] = {
	{ "b", MARKUP_BOLD },
	{ "i", MARKUP_ITALIC },
	{ "u", MARKUP_UNDERLINE },
	{ "code", MARKUP_CODE },
};

#define N_TAGS (sizeof(tags) / sizeof(tags[0]))

size_t
markup_tag(const char *s, unsigned *attr, int *closing)
{
	const char *p = s;
	int end;

	if (*p++ != '<')
		return 0;
	end = *p == '/';
	p += end;
	for (size_t i = 0; i < N_TAGS; i++) {
		size_t n = strlen(tags[i].name);

		if (strncmp(p, tags[i].name, n) == 0 && p[n] == '>') {
			*attr = tags[i].attr;
			*closing = end;
			return (size_t)(p + n + 1 - s);
		}
	}
	return 0;
}

/* How deep each attribute is open, so that <b><b>x</b>y</b> stays bold. */
struct depth {
	unsigned char n[N_TAGS];
};

static unsigned
depth_apply(struct depth *d, unsigned attr, int closing)
{
	unsigned mask = 0;

	for (size_t i = 0; i < N_TAGS; i++) {
		if (tags[i].attr == attr) {
			if (closing && d->n[i] > 0)
				d->n[i]--;
			else if (!closing && d->n[i] < 255)
				d->n[i]++;
		}
		if (d->n[i] > 0)
			mask |= tags[i].attr;
	}
	return mask;
}

void
markup_strip(const char *s, struct strbuf *out, unsigned char **attrs)
{
	struct depth d = { 0 };
	unsigned now = 0;
	size_t cap = 0;

	strbuf_reset(out);
	*attrs = NULL;
	while (*s != '\0') {
		unsigned attr;
		int closing;
		size_t k = markup_tag(s, &attr, &closing);

		if (k > 0) {
			now = depth_apply(&d, attr, closing);
			s += k;
			continue;
		}
		*attrs = xgrow(*attrs, &cap, out->len, 1);
		(*attrs)[out->len] = (unsigned char)now;
		strbuf_addc(out, *s++);
	}
}

void
markup_to_html(struct strbuf *out, const char *s)
{
	struct depth d = { 0 };

	for (; *s != '\0'; s++) {
		unsigned attr;
		int closing;
		size_t k = markup_tag(s, &attr, &closing);

		if (k > 0) {
			depth_apply(&d, attr, closing);
			strbuf_add(out, s, k);
			s += k - 1;
		} else if (*s == '&') {
			strbuf_adds(out, "&amp;");
		} else if (*s == '<') {
			strbuf_adds(out, "&lt;");
		} else if (*s == '>') {
			strbuf_adds(out, "&gt;");
		} else if (*s == '"') {
			strbuf_adds(out, "&quot;");
		} else if (*s == '\n') {
			strbuf_adds(out, "<br>");
		} else if (*s != '\r') {
			strbuf_addc(out, *s);
		}
	}
	for (size_t i = N_TAGS; i-- > 0;)
		for (; d.n[i] > 0; d.n[i]--)
			strbuf_addf(out, "</%s>", tags[i].name);
}
