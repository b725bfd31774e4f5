/*
 * names.c - see names.h.  Names are compared as arrays of code points,
 * their letters folded to lower case.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "core/names.h"
#include "core/text.h"
#include "core/util.h"

/* Longer names than this are never "close" (the distance is quadratic). */
#define NAMES_MAX_CLOSE 128

/* The n bytes at s as folded code points, terminated by L'\0' (a NUL in s
 * and an invalid byte both become U+FFFD); *len gets their number. */
static wchar_t *
fold(const char *s, size_t n, size_t *len)
{
	wchar_t *w = xcalloc(n + 1, sizeof(*w));
	size_t i = 0, k = 0;

	while (i < n) {
		uint32_t cp;

		i += text_decode(s + i, n - i, &cp);
		if (cp == TEXT_INVALID || cp == 0)
			cp = 0xfffd;
		w[k++] = (wchar_t)towlower((wint_t)cp);
	}
	w[k] = L'\0';
	*len = k;
	return w;
}

static bool
is_digit(wchar_t c)
{
	return c >= L'0' && c <= L'9';
}

/* Compares the digit runs a[*i..] and b[*j..] by value, moving past them. */
static int
compare_number(const wchar_t *a, size_t *i, const wchar_t *b, size_t *j)
{
	size_t sa, sb, ea, eb;

	while (a[*i] == L'0' && is_digit(a[*i + 1]))
		(*i)++;
	while (b[*j] == L'0' && is_digit(b[*j + 1]))
		(*j)++;
	for (sa = ea = *i; is_digit(a[ea]); ea++)
		;
	for (sb = eb = *j; is_digit(b[eb]); eb++)
		;
	*i = ea;
	*j = eb;
	if (ea - sa != eb - sb)
		return ea - sa < eb - sb ? -1 : 1;
	for (; sa < ea; sa++, sb++)
		if (a[sa] != b[sb])
			return a[sa] < b[sb] ? -1 : 1;
	return 0;
}

/* Compares the runs without digits at a[*i..] and b[*j..] by the locale's
 * collation, moving past them.  The runs are cut out in place. */
static int
compare_words(wchar_t *a, size_t *i, wchar_t *b, size_t *j)
{
	size_t ea = *i, eb = *j;
	wchar_t ca, cb;
	int c;

	while (a[ea] != L'\0' && !is_digit(a[ea]))
		ea++;
	while (b[eb] != L'\0' && !is_digit(b[eb]))
		eb++;
	ca = a[ea];
	cb = b[eb];
	a[ea] = b[eb] = L'\0';
	c = wcscoll(a + *i, b + *j);
	if (c == 0)
		c = wcscmp(a + *i, b + *j);
	a[ea] = ca;
	b[eb] = cb;
	*i = ea;
	*j = eb;
	return c;
}

int
names_compare(const char *a, size_t na, const char *b, size_t nb)
{
	size_t la, lb, i = 0, j = 0;
	wchar_t *wa = fold(a, na, &la), *wb = fold(b, nb, &lb);
	int c = 0;

	while (c == 0 && i < la && j < lb) {
		if (is_digit(wa[i]) && is_digit(wb[j]))
			c = compare_number(wa, &i, wb, &j);
		else
			c = compare_words(wa, &i, wb, &j);
	}
	if (c == 0 && (i < la || j < lb))
		c = i < la ? 1 : -1;
	free(wa);
	free(wb);
	if (c == 0) {
		c = memcmp(a, b, na < nb ? na : nb);
		if (c == 0 && na != nb)
			c = na < nb ? -1 : 1;
	}
	return c < 0 ? -1 : c > 0;
}

bool
names_same(const char *a, const char *b)
{
	size_t la, lb;
	wchar_t *fa = fold(a, strlen(a), &la), *fb = fold(b, strlen(b), &lb);
	bool same = la == lb && wmemcmp(fa, fb, la) == 0;

	free(fa);
	free(fb);
	return same;
}

size_t
names_match(const char *typed, const char *const *names, size_t n,
    size_t *out)
{
	size_t lt, k = 0;
	wchar_t *t = fold(typed, strlen(typed), &lt);

	/* an empty name starts every name but stands for none */
	for (int pass = 0; pass < (lt > 0 ? 2 : 1) && k == 0; pass++) {
		for (size_t i = 0; i < n; i++) {
			size_t ln;
			wchar_t *w = fold(names[i], strlen(names[i]), &ln);

			if ((pass == 0 ? ln == lt : ln > lt) &&
			    wmemcmp(w, t, lt) == 0)
				out[k++] = i;
			free(w);
		}
	}
	free(t);
	return k;
}

/* The edit distance of a[0, la) and b[0, lb): letters inserted, deleted,
 * replaced or two neighbours swapped, each counting one. */
static size_t
distance(const wchar_t *a, size_t la, const wchar_t *b, size_t lb)
{
	/* three rows of the table: two back, one back, this one */
	size_t *r0 = xcalloc(lb + 1, sizeof(*r0));
	size_t *r1 = xcalloc(lb + 1, sizeof(*r1));
	size_t *r2 = xcalloc(lb + 1, sizeof(*r2));
	size_t d;

	for (size_t j = 0; j <= lb; j++)
		r1[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t *t;

		r2[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t v = r1[j - 1] + (a[i - 1] != b[j - 1]);

			if (r1[j] + 1 < v)
				v = r1[j] + 1;
			if (r2[j - 1] + 1 < v)
				v = r2[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && r0[j - 2] + 1 < v)
				v = r0[j - 2] + 1;
			r2[j] = v;
		}
		t = r0;
		r0 = r1;
		r1 = r2;
		r2 = t;
	}
	d = r1[lb];
	free(r0);
	free(r1);
	free(r2);
	return d;
}

struct candidate {
	size_t index;
	size_t score; /* lower is closer */
	const char *name;
};

static int
by_score(const void *x, const void *y)
{
	const struct candidate *a = x, *b = y;

	if (a->score != b->score)
		return a->score < b->score ? -1 : 1;
	return names_compare(a->name, strlen(a->name), b->name, strlen(b->name));
}

/* How close name is to t (lt code points): a distance, or, when the name
 * holds t, one more than the most a typing slip may take; SIZE_MAX when
 * it is not close. */
static size_t
closeness(const wchar_t *t, size_t lt, const char *name)
{
	size_t ln, d = SIZE_MAX, slip = lt < 3 ? 1 : lt < 9 ? (lt + 2) / 3
	                                                    : 3;
	wchar_t *w = fold(name, strlen(name), &ln);

	if (lt <= NAMES_MAX_CLOSE && ln <= NAMES_MAX_CLOSE) {
		d = distance(t, lt, w, ln);
		if (d > slip)
			d = SIZE_MAX;
	}
	if (d == SIZE_MAX && lt >= 3 && wcsstr(w, t) != NULL)
		d = slip + 1;
	free(w);
	return d;
}

size_t
names_closest(const char *typed, const char *const *names, size_t n,
    size_t *out, size_t max)
{
	size_t lt, k = 0;
	wchar_t *t = fold(typed, strlen(typed), &lt);
	struct candidate *c = xcalloc(n ? n : 1, sizeof(*c));

	for (size_t i = 0; i < n; i++) {
		size_t d = closeness(t, lt, names[i]);

		if (d != SIZE_MAX)
			c[k++] = (struct candidate){ i, d, names[i] };
	}
	qsort(c, k, sizeof(*c), by_score);
	if (k > max)
		k = max;
	for (size_t i = 0; i < k; i++)
		out[i] = c[i].index;
	free(c);
	free(t);
	return k;
}
