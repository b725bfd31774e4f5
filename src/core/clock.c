#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <time.h>

#include "core/clock.h"
#include "core/timefmt.h"
#include "core/util.h"

static int64_t fixed_now;
static int have_fixed_now;

int
clock_init(char **errmsg)
{
	const char *s = getenv("REHEARSE_NOW");

	have_fixed_now = 0;
	if (s == NULL || *s == '\0')
		return 0;
	switch (timefmt_parse(s, TIMEFMT_LOCAL, &fixed_now)) {
	case TIMEFMT_OK:
		have_fixed_now = 1;
		return 0;
	case TIMEFMT_ERANGE:
		return set_error(errmsg,
		    "REHEARSE_NOW=%s: out of range (" TIMEFMT_RANGE_TEXT ")", s);
	default:
		return set_error(errmsg,
		    "REHEARSE_NOW=%s: not a time (use ISO 8601 such as"
		    " 2026-11-23T09:30:00Z, or seconds since the epoch)",
		    s);
	}
}

int64_t
clock_now(void)
{
	struct timespec ts;

	if (have_fixed_now)
		return fixed_now;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		die("cannot read the clock");
	return timefmt_clamp((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}
