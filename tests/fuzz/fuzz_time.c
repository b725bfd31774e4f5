/*
 * fuzz_time.c - the parser of times in deck files and review logs.  A time
 * it accepts within the years it writes (0000-9999) must format to text
 * that parses back to the same instant.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "core/deckio.h"
#include "fuzz.h"

/* 0000-01-01 and 10000-01-01 in ms since the epoch. */
#define FIRST_MS (INT64_C(-62167219200000))
#define END_MS (INT64_C(253402300800000))

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	char buf[DECKIO_TIME_SIZE];
	int64_t ms, back;

	if (deckio_parse_time(s, &ms) == 0 && ms >= FIRST_MS && ms < END_MS) {
		deckio_format_time(ms, buf);
		if (deckio_parse_time(buf, &back) != 0)
			fuzz_fail("a formatted time does not parse", buf);
		if (back != ms)
			fuzz_fail("a time does not read back the same", buf);
	}
	free(s);
	return 0;
}
