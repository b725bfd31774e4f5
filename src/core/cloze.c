/* cloze.c - cloze deletions (cloze.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/cloze.h"

/* How many bytes the search for the ends of clozes may read in a text of
 * len bytes: enough for any note, linear in its length. */
#define BUDGET(len) ((long)(len)*16 + 65536)

/* One cloze found in a text. */
struct cloze {
	int n;            /* its number */
	const char *text; /* what it hides */
	size_t text_len;
	const char *hint; /* NULL when none */
	size_t hint_len;
	const char *end; /* past its "}}" */
};

/*
 * Whether s starts a cloze that ends before lim; fills *c.  The end is the
 * "}}" that closes it, counting the "{{" met inside; the hint follows the
 * first "::" that is not inside a nested pair.
 */
static bool
cloze_at(const char *s, const char *lim, struct cloze *c, long *budget)
{
	const char *p = s + 3, *hint_sep = NULL;
	long n = 0;
	int depth = 0;

	if (lim - s < 7 || strncmp(s, "{{c", 3) != 0 || *p < '0' || *p > '9')
		return false;
	for (; p < lim && *p >= '0' && *p <= '9'; p++)
		if ((n = n * 10 + (*p - '0')) > 1000000)
			return false;
	if (n < 1 || lim - p < 2 || p[0] != ':' || p[1] != ':')
		return false;
	c->text = p += 2;
	if (*budget < 0 || lim - p > *budget)
		lim = p + (*budget > 0 ? *budget : 0);
	for (; p + 1 < lim; p++) {
		if (p[0] == '{' && p[1] == '{') {
			depth++, p++;
		} else if (p[0] == '}' && p[1] == '}') {
			if (depth-- == 0)
				break;
			p++;
		} else if (depth == 0 && hint_sep == NULL && p[0] == ':' &&
			   p[1] == ':') {
			hint_sep = p++;
		}
	}
	/* openers never closed would make the search quadratic: past a
	 * budget linear in the text, the rest is taken as plain text */
	*budget -= (long)(p - s);
	if (p + 1 >= lim || *budget < 0)
		return false;
	c->n = (int)n;
	c->text_len = (size_t)((hint_sep != NULL ? hint_sep : p) - c->text);
	c->hint = hint_sep != NULL ? hint_sep + 2 : NULL;
	c->hint_len = hint_sep != NULL ? (size_t)(p - c->hint) : 0;
	c->end = p + 2;
	return true;
}

/* The next cloze of [s, lim), or NULL. */
static const char *
next_cloze(const char *s, const char *lim, struct cloze *c, long *budget)
{
	for (const char *p = s; p < lim; p++) {
		p = memchr(p, '{', (size_t)(lim - p));
		if (p == NULL)
			return NULL;
		if (cloze_at(p, lim, c, budget))
			return p;
	}
	return NULL;
}

bool
cloze_has(const char *s)
{
	struct cloze c;
	size_t len = strlen(s);
	long budget = BUDGET(len);

	return next_cloze(s, s + len, &c, &budget) != NULL;
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Adds the numbers of [s, lim), nested ones too, to nums. */
static void
numbers(const char *s, const char *lim, int *nums, size_t *k, size_t max,
    int depth, long *budget)
{
	struct cloze c;
	const char *p;

	while ((p = next_cloze(s, lim, &c, budget)) != NULL) {
		bool seen = false;

		for (size_t i = 0; i < *k && !seen; i++)
			seen = nums[i] == c.n;
		if (!seen && *k < max)
			nums[(*k)++] = c.n;
		if (depth < CLOZE_DEPTH)
			numbers(c.text, c.text + c.text_len, nums, k, max,
			    depth + 1, budget);
		s = c.end;
	}
}

size_t
cloze_numbers(const char *s, int *nums, size_t max)
{
	size_t k = 0, len = strlen(s);
	long budget = BUDGET(len);

	numbers(s, s + len, nums, &k, max, 0, &budget);
	if (k > 1)
		qsort(nums, k, sizeof(*nums), cmp_int);
	return k;
}

static void
render(struct strbuf *out, const char *s, const char *lim, int n, bool answer,
    int depth, long *budget)
{
	struct cloze c;
	const char *p;

	while ((p = depth < CLOZE_DEPTH ? next_cloze(s, lim, &c, budget) : NULL) !=
	       NULL) {
		strbuf_add(out, s, (size_t)(p - s));
		if (c.n == n && !answer) {
			strbuf_addc(out, '[');
			if (c.hint != NULL && c.hint_len > 0)
				strbuf_add(out, c.hint, c.hint_len);
			else
				strbuf_adds(out, "...");
			strbuf_addc(out, ']');
		} else {
			if (c.n == n)
				strbuf_adds(out, "<b>");
			render(out, c.text, c.text + c.text_len, n, answer,
			    depth + 1, budget);
			if (c.n == n)
				strbuf_adds(out, "</b>");
		}
		s = c.end;
	}
	strbuf_add(out, s, (size_t)(lim - s));
}

void
cloze_render(struct strbuf *out, const char *s, int n, bool answer)
{
	size_t len = strlen(s);
	long budget = BUDGET(len);

	render(out, s, s + len, n, answer, 0, &budget);
}
