#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/text.h"
#include "core/util.h"

size_t
text_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0];
	size_t len;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		v = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		v = c & 0x07;
	} else {
		goto bad;
	}
	if (len > n)
		goto bad;
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xc0) != 0x80)
			goto bad;
		v = (v << 6) | (s[k] & 0x3f);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
	    (v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff)
		goto bad;
	*cp = v;
	return len;
bad:
	*cp = TEXT_INVALID;
	return 1;
}

size_t
text_encode(uint32_t cp, char u[4])
{
	if (cp < 0x80) {
		u[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (char)(0xF0 | (cp >> 18));
	u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static bool
is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

int
text_cp_width(uint32_t cp)
{
	int w;

	if (cp == TEXT_INVALID || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return -1;
	if (cp < 0x7f)
		return 1;
	w = wcwidth((wchar_t)cp);
	if (w > 2)
		w = 2;
	return w;
}

int
text_width_n(const char *s, size_t n)
{
	size_t i = 0;
	int w = 0;

	while (i < n) {
		uint32_t cp;
		int cw;

		i += text_decode(s + i, n - i, &cp);
		if (cp == TEXT_INVALID)
			cw = 1;
		else
			cw = text_cp_width(cp);
		if (cw > 0)
			w += cw;
	}
	return w;
}

int
text_width(const char *s)
{
	return text_width_n(s, strlen(s));
}

/* The width a character counts for when laying text out. */
static int
layout_width(uint32_t cp)
{
	int w;

	if (cp == TEXT_INVALID)
		return 1;
	w = text_cp_width(cp);
	return w < 0 ? 0 : w;
}

size_t
text_prefix(const char *s, size_t n, int maxwidth, int *width)
{
	size_t i = 0;
	int w = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = text_decode(s + i, n - i, &cp);
		int cw = layout_width(cp);

		if (cw > 0 && w + cw > maxwidth)
			break;
		w += cw;
		i += len;
	}
	if (width != NULL)
		*width = w;
	return i;
}

char *
text_sanitize(const char *str)
{
	struct strbuf b = { 0 };
	size_t n, i = 0;
	int col = 0; /* display column in the current output line */

	if (str == NULL)
		return xstrdup("");
	n = strlen(str);
	while (i < n) {
		uint32_t cp;
		size_t len = text_decode(str + i, n - i, &cp);
		int w;

		if (cp == '\n') {
			strbuf_addc(&b, '\n');
			col = 0;
		} else if (cp == '\r' && i + 1 < n && str[i + 1] == '\n') {
			/* CR LF is a line end written on another system */
		} else if (cp == '\t') {
			do {
				strbuf_addc(&b, ' ');
				col++;
			} while (col % TEXT_TAB != 0);
		} else if (cp < 0x20 || cp == 0x7f) {
			char caret[3] = { '^', (char)(cp == 0x7f ? '?' : cp + 0x40), 0 };

			strbuf_add(&b, caret, 2);
			col += 2;
		} else if (cp == TEXT_INVALID) {
			strbuf_adds(&b, "\xef\xbf\xbd");
			col += 1;
		} else if (is_bidi_control(cp) || (w = text_cp_width(cp)) < 0) {
			size_t before = b.len;

			/* ASCII: one column a byte, and "<U+1FFFE>" has nine */
			strbuf_addf(&b, "<U+%04X>", (unsigned)cp);
			col += (int)(b.len - before);
		} else {
			strbuf_add(&b, str + i, len);
			col += w;
		}
		i += len;
	}
	return strbuf_detach(&b);
}

char *
text_sanitize_line(const char *s)
{
	char *line = text_sanitize(s);

	/* sanitised text has no control character but the newline */
	for (char *p = line; (p = strchr(p, '\n')) != NULL; p++)
		*p = ' ';
	return line;
}

int
text_column(const char *s, size_t off)
{
	size_t len = s != NULL ? strlen(s) : 0;
	char *head = xstrndup(s != NULL ? s : "", off < len ? off : len);
	char *clean = text_sanitize_line(head);
	int col = 1 + text_width(clean);

	free(clean);
	free(head);
	return col;
}

char *
text_sanitize_cut(const char *s, int maxwidth, const char *ell)
{
	char *line = text_sanitize_line(s), *cut;
	size_t n = strlen(line);

	if (maxwidth < 4)
		maxwidth = 4;
	if (text_width_n(line, n) <= maxwidth)
		return line;
	n = text_prefix(line, n, maxwidth - text_width(ell), NULL);
	/* no blank before the dots */
	while (n > 0 && line[n - 1] == ' ')
		n--;
	cut = xasprintf("%.*s%s", (int)n, line, ell);
	free(line);
	return cut;
}

static void
add_line(struct text_lines *out, size_t off, size_t len, int width, int indent)
{
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->v = xrealloc(out->v, out->cap * sizeof(*out->v));
	}
	out->v[out->n].off = off;
	out->v[out->n].len = len;
	out->v[out->n].width = width;
	out->v[out->n].indent = indent;
	out->n++;
}

/* The width of a list item's marker and the spaces after it at the start
 * of s[0, n) ("  - ", "12. "), or 0 when the paragraph is no list item. */
static int
list_marker(const char *s, size_t n)
{
	size_t i = 0, digits = 0;

	while (i < n && s[i] == ' ')
		i++;
	if (i < n && (s[i] == '-' || s[i] == '*' || s[i] == '+')) {
		i++;
	} else {
		while (i < n && s[i] >= '0' && s[i] <= '9' && digits < 3) {
			i++;
			digits++;
		}
		if (digits == 0 || i >= n || (s[i] != '.' && s[i] != ')'))
			return 0;
		i++;
	}
	if (i >= n || s[i] != ' ')
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	return i < n ? (int)i : 0;
}

/* Whether the character at s is punctuation that must not start a line
 * (the commonest of the Japanese and Chinese line-start rules). */
static bool
closes(const char *s, size_t n)
{
	static const uint32_t no_start[] = {
		0x3001,
		0x3002,
		0xff0c,
		0xff0e,
		0xff1a,
		0xff1b,
		0xff01,
		0xff1f,
		0xff09,
		0x300d,
		0x300f,
		0x3011,
		0x3015,
		0x3009,
		0x300b,
		0x30fc,
	};
	uint32_t cp;

	text_decode(s, n, &cp);
	for (size_t k = 0; k < sizeof(no_start) / sizeof(no_start[0]); k++)
		if (cp == no_start[k])
			return true;
	return false;
}

/* The length of the code text_sanitize shows for a character the locale
 * cannot show ("<U+4E2D>") at s[i, end), or 0 when there is none. */
static size_t
placeholder_at(const char *s, size_t i, size_t end)
{
	size_t k = i + 3;

	if (end - i < 8 || memcmp(s + i, "<U+", 3) != 0)
		return 0;
	while (k < end && k - i < 9 &&
	       ((s[k] >= '0' && s[k] <= '9') || (s[k] >= 'A' && s[k] <= 'F')))
		k++;
	if (k - i < 7 || k >= end || s[k] != '>')
		return 0;
	return k + 1 - i;
}

/* One character wider than the line, with the marks that combine with it,
 * from s[i]: a line of its own.  Returns where the line ends; *w grows by
 * its width. */
static size_t
take_wide(const char *s, size_t i, size_t end, int *w)
{
	uint32_t cp;

	i += text_decode(s + i, end - i, &cp);
	*w += layout_width(cp);
	while (i < end) {
		size_t len = text_decode(s + i, end - i, &cp);

		if (layout_width(cp) != 0)
			break;
		i += len;
	}
	return i;
}

/* Where a line that starts at s[line] ends: its last byte (end), where
 * the next line starts (next) and its width. */
struct brk {
	size_t end, next;
	int w;
	bool found;
};

/* A break at i after w columns, the next line starting at next. */
static void
brk_at(struct brk *b, size_t i, size_t next, int w)
{
	b->found = true;
	b->end = i;
	b->next = next;
	b->w = w;
}

/*
 * Lays out the line of at most width columns that starts at s[line],
 * within s[line, end).  Returns true when the rest of the paragraph fits
 * (*b then ends it, trailing spaces dropped); else *b is the break.
 */
static bool
break_line(const char *s, size_t line, size_t end, int width, struct brk *b)
{
	size_t i = line, len;
	int w = 0;
	bool seen_text = false;

	b->found = false;
	for (; i < end; i += len) {
		uint32_t cp;
		int cw;

		if ((len = placeholder_at(s, i, end)) > 0 && (int)len <= width) {
			/* a code is one character: never split, and a line
			 * may break between codes as between CJK characters */
			if (w + (int)len > width)
				break;
			seen_text = true;
			w += (int)len;
			if (placeholder_at(s, i + len, end) > 0)
				brk_at(b, i + len, i + len, w);
			continue;
		}
		len = text_decode(s + i, end - i, &cp);
		cw = layout_width(cp);
		if (cp == ' ' && seen_text && s[i - 1] != ' ') {
			size_t next = i;

			while (next < end && s[next] == ' ')
				next++;
			brk_at(b, i, next, w);
		}
		if (cw > 0 && w + cw > width)
			break;
		seen_text |= cp != ' ';
		w += cw;
		/* text in CJK scripts may break after any character */
		if (cw == 2 && !(i + len < end && closes(s + i + len, end - i - len)))
			brk_at(b, i + len, i + len, w);
	}
	if (i == end) {
		size_t e = end;

		while (e > line && s[e - 1] == ' ')
			e--;
		brk_at(b, e, end, text_width_n(s + line, e - line));
		return true;
	}
	if (!b->found) {
		if (i == line)
			i = take_wide(s, i, end, &w);
		brk_at(b, i, i, w);
	}
	return false;
}

/* The indent of the lines after a paragraph's first: under a list item's
 * text, else as deep as its first line, when that leaves half the width. */
static int
hanging_indent(const char *s, size_t n, int width)
{
	int hang = list_marker(s, n);

	if (hang == 0)
		while ((size_t)hang < n && s[hang] == ' ')
			hang++;
	if ((size_t)hang == n || hang * 2 > width)
		hang = 0;
	return hang;
}

/* Wraps the paragraph s[start, end) (no newline in it). */
static void
wrap_paragraph(const char *s, size_t start, size_t end, int full_width,
    struct text_lines *out)
{
	size_t line = start;
	int hang = hanging_indent(s + start, end - start, full_width);

	if (start == end) {
		add_line(out, start, 0, 0, 0);
		return;
	}
	while (line < end) {
		int indent = line == start ? 0 : hang;
		struct brk b = { 0 };
		bool last = break_line(s, line, end, full_width - indent, &b);

		if (!last || b.end > line || line == start)
			add_line(out, line, b.end - line, b.w, indent);
		if (last)
			return;
		line = b.next;
		/* a break on a space drops the spaces after it */
		while (line < end && s[line] == ' ')
			line++;
	}
}

void
text_wrap(const char *s, int width, struct text_lines *out)
{
	size_t n = strlen(s), p = 0;

	out->n = 0;
	if (width < 1)
		width = 1;
	if (n == 0)
		return;
	for (;;) {
		const char *nl = memchr(s + p, '\n', n - p);
		size_t e = nl != NULL ? (size_t)(nl - s) : n;

		wrap_paragraph(s, p, e, width, out);
		if (nl == NULL)
			break;
		p = e + 1;
		if (p == n) {
			/* a final newline ends the last line; no empty line after */
			break;
		}
	}
}

void
text_lines_free(struct text_lines *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static const char *const card_mark[4] = { TEXT_MARK_QUESTION,
	TEXT_MARK_ANSWER, TEXT_MARK_TIPS, TEXT_MARK_TAGS };

/*
 * The line p[0, n) as the card file's reader sees it (trailing blanks and
 * CR dropped): -1 when it is no marker line; else the number of
 * backslashes before the marker, 0 for a marker itself, and *which (may
 * be NULL) its index in card_mark.  A card's own
 * line that looks like a marker is written with one backslash more, and
 * read with one less.
 */
static int
marker_depth(const char *p, size_t n, int *which)
{
	size_t k = 0;

	while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' '))
		n--;
	while (k < n && p[k] == '\\')
		k++;
	for (int i = 0; i < 4; i++)
		if (strlen(card_mark[i]) == n - k &&
		    memcmp(p + k, card_mark[i], n - k) == 0) {
			if (which != NULL)
				*which = i;
			return k > INT_MAX ? INT_MAX : (int)k;
		}
	return -1;
}

/* Adds s, a backslash before each line that looks like a marker. */
static void
add_escaped(struct strbuf *b, const char *s)
{
	while (*s != '\0') {
		size_t n = strcspn(s, "\n");

		if (marker_depth(s, n, NULL) >= 0)
			strbuf_addc(b, '\\');
		strbuf_add(b, s, n + (s[n] == '\n'));
		s += n + (s[n] == '\n');
	}
}

/* Drops the backslash add_escaped put before a line, in place. */
static void
unescape_lines(char *s)
{
	char *w = s;

	while (*s != '\0') {
		size_t n = strcspn(s, "\n");

		if (marker_depth(s, n, NULL) > 0) {
			s++;
			n--;
		}
		n += s[n] == '\n';
		memmove(w, s, n);
		w += n;
		s += n;
	}
	*w = '\0';
}

/* The four sections of a card file under their markers, into b. */
static void
add_sections(struct strbuf *b, const char *const part[4])
{
	for (int i = 0; i < 4; i++) {
		const char *s = part[i] != NULL ? part[i] : "";
		size_t n = strlen(s);

		strbuf_addf(b, "\n%s\n", card_mark[i]);
		add_escaped(b, s);
		if (n > 0 && s[n - 1] != '\n')
			strbuf_addc(b, '\n');
	}
}

char *
text_card_format(const char *question, const char *answer, const char *tips,
    const char *tags)
{
	const char *const part[4] = { question, answer, tips, tags };
	struct strbuf b = { 0 };

	strbuf_adds(&b,
	    "# Edit the card, then save and quit.  Each part goes under its\n"
	    "# marker line; keep the four marker lines as they are.  An empty\n"
	    "# question leaves the card unchanged.  Lines above the first\n"
	    "# marker are ignored.\n");
	add_sections(&b, part);
	return strbuf_detach(&b);
}

char *
text_card_format_new(const char *deck)
{
	const char *const part[4] = { "", "", "", "" };
	struct strbuf b = { 0 };

	strbuf_adds(&b,
	    "# Write the new card, then save and quit.  Each part goes under\n"
	    "# its marker line; keep the four marker lines as they are.  The\n"
	    "# deck line names the card's deck (a new name makes a new deck).\n"
	    "# Leaving the file unchanged adds nothing.\n\n");
	strbuf_addf(&b, "%s %s\n", TEXT_DECK_LINE, deck);
	add_sections(&b, part);
	return strbuf_detach(&b);
}

int
text_card_parse_deck(const char *buf, char **deck, char **errmsg)
{
	const char *p = buf;
	size_t k = strlen(TEXT_DECK_LINE);

	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);

		if (marker_depth(p, n, NULL) == 0)
			break;
		if (n >= k && memcmp(p, TEXT_DECK_LINE, k) == 0) {
			const char *s = p + k, *e = p + n;

			while (s < e && (*s == ' ' || *s == '\t'))
				s++;
			while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
				e--;
			*deck = xstrndup(s, (size_t)(e - s));
			return 0;
		}
		p = nl != NULL ? nl + 1 : p + n;
	}
	return set_error(errmsg, "the line \"%s NAME\" above the question is"
				 " missing",
	    TEXT_DECK_LINE);
}

static bool
is_blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/* A section's text, from its lines [s, e): blank lines at either end and
 * the final line end dropped. */
static char *
section_text(const char *s, const char *e)
{
	const char *nl;

	while (s < e) {
		nl = memchr(s, '\n', (size_t)(e - s));
		if (nl == NULL || !is_blank_line(s, (size_t)(nl - s)))
			break;
		s = nl + 1;
	}
	while (e > s) {
		const char *ls = e;

		if (ls[-1] == '\n')
			ls--;
		while (ls > s && ls[-1] != '\n')
			ls--;
		if (!is_blank_line(ls, (size_t)(e - ls)))
			break;
		e = ls;
	}
	while (e > s && (e[-1] == '\n' || e[-1] == '\r'))
		e--;
	return xstrndup(s, (size_t)(e - s));
}

/* Words are split at ASCII blanks and line ends. */
static bool
word_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static size_t
word_hash(const char *w, size_t n)
{
	uint64_t h = UINT64_C(14695981039346656037); /* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * UINT64_C(1099511628211);
	return (size_t)h;
}

/* The number of words in s[0, len). */
static size_t
count_words(const char *s, size_t len)
{
	size_t k = 0;

	for (size_t i = 0; i < len; i++)
		if (!word_space(s[i]) && (i == 0 || word_space(s[i - 1])))
			k++;
	return k;
}

/*
 * A hash set of the words already in out, as offsets into out (which may
 * move as it grows): one probe sequence per word keeps the join linear.
 */
struct word_set {
	size_t *at; /* offset + 1 into out->s; 0 for an empty slot */
	size_t *len;
	size_t mask;
};

/* Adds w[0, n) to out and the set unless it is there already. */
static bool
word_set_add(struct word_set *set, struct strbuf *out, const char *w, size_t n)
{
	size_t i = word_hash(w, n) & set->mask;

	for (; set->at[i] != 0; i = (i + 1) & set->mask)
		if (set->len[i] == n && memcmp(out->s + set->at[i] - 1, w, n) == 0)
			return false;
	if (out->len > 0)
		strbuf_addc(out, ' ');
	set->at[i] = out->len + 1;
	set->len[i] = n;
	strbuf_add(out, w, n);
	return true;
}

int
text_unique_words(struct strbuf *out, const char *s, size_t len, size_t max)
{
	size_t cap = 16, total = count_words(s, len), kept = 0;
	const char *end = s + len;
	struct word_set set;
	int rc = 0;

	strbuf_reset(out);
	if (total == 0)
		return 0;
	while (cap < 2 * total)
		cap *= 2;
	set.at = xcalloc(cap, sizeof(*set.at));
	set.len = xcalloc(cap, sizeof(*set.len));
	set.mask = cap - 1;
	while (s < end) {
		const char *e;

		while (s < end && word_space(*s))
			s++;
		for (e = s; e < end && !word_space(*e); e++)
			;
		if (e > s && word_set_add(&set, out, s, (size_t)(e - s)) &&
		    max > 0 && ++kept > max) {
			rc = -1;
			break;
		}
		s = e;
	}
	free(set.at);
	free(set.len);
	return rc;
}

char *
text_join_words(const char *s)
{
	struct strbuf b = { 0 };

	text_unique_words(&b, s, strlen(s), 0);
	return strbuf_detach(&b);
}

char *
text_join_tags(const char *s, char **errmsg)
{
	struct strbuf b = { 0 };

	if (text_unique_words(&b, s, strlen(s), TEXT_MAX_TAGS) < 0) {
		strbuf_free(&b);
		set_error(errmsg, "more than %d tags on one card", TEXT_MAX_TAGS);
		return NULL;
	}
	if (b.len > TEXT_MAX_FIELD) {
		strbuf_free(&b);
		set_error(errmsg, "tags of more than %zu KiB on one card",
		    TEXT_MAX_FIELD / 1024);
		return NULL;
	}
	return strbuf_detach(&b);
}

bool
text_tags_fit(const char *s)
{
	char *tags = text_join_tags(s, NULL);

	free(tags);
	return tags != NULL;
}

int
text_card_fits(const char *question, const char *answer, const char *tips,
    const char *tags, char **errmsg)
{
	const char *text[] = { question, answer, tips, tags };
	const char *name[] = { "question is", "answer is", "tips are",
		"tags are" };

	for (int i = 0; i < 4; i++)
		if (text[i] != NULL && strlen(text[i]) > TEXT_MAX_FIELD)
			return set_error(errmsg, "the %s more than %zu KiB",
			    name[i], TEXT_MAX_FIELD / 1024);
	return 0;
}

int
text_card_parse(const char *buf, char **question, char **answer, char **tips,
    char **tags, char **errmsg)
{
	const char *start[4] = { 0 }, *end[4] = { 0 };
	const char *p = buf;
	size_t len = strlen(buf);
	int cur = -1;
	char *out[4];

	if (!utf8_valid(buf, len, NULL))
		return set_error(errmsg, "the card is not valid UTF-8 text");
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		const char *next = nl != NULL ? nl + 1 : p + n;
		int m = -1;

		if (marker_depth(p, n, &m) == 0) {
			if (m != cur + 1)
				return set_error(errmsg,
				    "the marker line \"%s\" is repeated or out of order",
				    card_mark[m]);
			if (cur >= 0)
				end[cur] = p;
			cur = m;
			start[m] = next;
		}
		p = next;
	}
	if (cur < 3)
		return set_error(errmsg, "the marker line \"%s\" is missing",
		    card_mark[cur + 1]);
	end[3] = p;
	for (int i = 0; i < 4; i++) {
		out[i] = section_text(start[i], end[i]);
		unescape_lines(out[i]);
	}
	/* An empty answer is a card the collection can hold (an import
	 * gives them); a card needs its question. */
	if (out[0][0] == '\0') {
		for (int k = 0; k < 4; k++)
			free(out[k]);
		return set_error(errmsg, "the question is empty");
	}
	*tags = text_card_fits(out[0], out[1], out[2], NULL, errmsg) == 0
	            ? text_join_tags(out[3], errmsg)
	            : NULL;
	free(out[3]);
	if (*tags == NULL) {
		for (int k = 0; k < 3; k++)
			free(out[k]);
		return -1;
	}
	*question = out[0];
	*answer = out[1];
	*tips = out[2];
	return 0;
}
