/*
 * fuzz_text.c - the sanitiser and what works on its output (text.h): the
 * clean copy is UTF-8 whose only control is a newline and whose every code
 * point has a width of 0 to 2; wrapping and prefixes stay inside the text
 * and the width asked; joined words are kept as tags are.  The first byte
 * of the input is the width to wrap and cut at, the rest the text.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "fuzz.h"

static void
check_clean(const char *s, const char *keep)
{
	size_t n = strlen(s);

	if (!fuzz_utf8(s))
		fuzz_fail("sanitised text is not UTF-8", s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);

		if ((cp < 0x20 && strchr(keep, (int)cp) == NULL) || cp == 0x7f)
			fuzz_fail("a control character survived", s);
		if (cp != '\n' && text_cp_width(cp) < 0)
			fuzz_fail("a non-printable code point survived", s);
		i += k;
	}
}

static void
check_wrap(const char *s, int width)
{
	struct text_lines l = { 0 };
	size_t n = strlen(s), end = 0;
	int w = width < 1 ? 1 : width;

	text_wrap(s, width, &l);
	for (size_t i = 0; i < l.n; i++) {
		const struct text_line *t = &l.v[i];

		if (t->off < end || t->len > n || t->off > n - t->len)
			fuzz_fail("a wrapped line outside the text", s);
		if (t->width != text_width_n(s + t->off, t->len))
			fuzz_fail("a wrapped line's width is wrong", s);
		if (t->indent < 0 || (t->indent + t->width > w && t->width > 2))
			fuzz_fail("a wrapped line wider than asked", s);
		end = t->off + t->len;
	}
	text_lines_free(&l);
}

static void
check_prefix(const char *s, int width)
{
	size_t n = strlen(s);
	int got = -1;
	size_t k = text_prefix(s, n, width, &got);

	/* zero-width characters fit in a width of 0 or less */
	if (k > n || got != text_width_n(s, k) || (got > width && got > 0))
		fuzz_fail("a prefix beyond the text or the width", s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool locale_set;
	char *s, *clean, *line, *words;
	int width;

	if (!locale_set) {
		setlocale(LC_ALL, "C.UTF-8");
		locale_set = true;
	}
	if (size == 0)
		return 0;
	width = (int)(signed char)data[0];
	s = fuzz_string(data + 1, size - 1);
	clean = text_sanitize(s);
	check_clean(clean, "\n");
	line = text_sanitize_line(s);
	check_clean(line, "");
	check_wrap(clean, width);
	check_prefix(clean, width);
	words = text_join_words(s);
	if (strpbrk(words, "\t\n\r") != NULL || !fuzz_words(words))
		fuzz_fail("joined words not normalised", words);
	free(words);
	free(line);
	free(clean);
	free(s);
	return 0;
}
