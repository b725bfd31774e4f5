#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "fuzz.h"

const char *
fuzz_file(const uint8_t *data, size_t size)
{
	static FILE *in;

	/* No file system: glibc lets a program point stdin elsewhere. */
	if (in != NULL)
		fclose(in);
	in = NULL;
	if (size == 0)
		return "/dev/null";
	in = fmemopen((void *)data, size, "r");
	if (in == NULL) {
		perror("fmemopen");
		abort();
	}
	stdin = in;
	return "-";
}

char *
fuzz_string(const uint8_t *data, size_t size)
{
	return xstrndup((const char *)data, size);
}

_Noreturn void
fuzz_fail(const char *what, const char *text)
{
	fprintf(stderr, "contract broken: %s\n", what);
	if (text != NULL)
		fprintf(stderr, "in: \"%s\"\n", text);
	abort();
}

bool
fuzz_utf8(const char *s)
{
	return utf8_valid(s, strlen(s), NULL) != 0;
}

bool
fuzz_words(const char *t)
{
	size_t n = strlen(t);

	if (n == 0)
		return true;
	if (t[0] == ' ' || t[n - 1] == ' ' || strstr(t, "  ") != NULL)
		return false;
	for (const char *w = t; *w != '\0';) {
		size_t k = strcspn(w, " ");

		for (const char *v = w + k; *v == ' ';) {
			size_t j = strcspn(++v, " ");

			if (j == k && memcmp(v, w, k) == 0)
				return false;
			v += j;
		}
		w += k;
		w += *w == ' ';
	}
	return true;
}
