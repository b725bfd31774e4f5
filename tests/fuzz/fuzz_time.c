/*
 * fuzz_time.c - the parser of times (core/timefmt.c), in both modes: the
 * strict one of deck files and review logs, and the local one of
 * REHEARSE_NOW.  A time it accepts must lie in the valid range and format
 * to text that parses back to the same instant; deckio_parse_time, the
 * time of a deck file, accepts nothing with a blank at either end.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include <string.h>

#include "core/deckio.h"
#include "core/timefmt.h"
#include "fuzz.h"

static void
check(const char *s, enum timefmt_mode mode)
{
	char buf[TIMEFMT_SIZE];
	int64_t ms, back;

	if (timefmt_parse(s, mode, &ms) != TIMEFMT_OK)
		return;
	if (ms < TIMEFMT_MIN_MS || ms > TIMEFMT_MAX_MS)
		fuzz_fail("a time outside the valid range is accepted", s);
	timefmt_format_utc_ms(ms, buf, sizeof(buf));
	if (timefmt_parse(buf, TIMEFMT_UTC, &back) != TIMEFMT_OK)
		fuzz_fail("a formatted time does not parse", buf);
	if (back != ms)
		fuzz_fail("a time does not read back the same", buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	size_t n = strlen(s);
	int64_t ms;

	check(s, TIMEFMT_UTC);
	check(s, TIMEFMT_LOCAL);
	if (deckio_parse_time(s, &ms) == TIMEFMT_OK &&
	    (n == 0 || s[0] == ' ' || s[n - 1] == ' ' || !timefmt_valid(ms)))
		fuzz_fail("a deck file's time with blanks, or out of range", s);
	free(s);
	return 0;
}
