/*
 * timehelp.h - what the suites that handle time share: UTC instants and
 * time zones.  Included by test programs only (static functions).
 */
#ifndef REHEARSE_TESTS_TIMEHELP_H
#define REHEARSE_TESTS_TIMEHELP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* Sets TZ for the rest of the test (tests run one per process). */
static inline void
use_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* Whether the zone's data is installed. */
static inline bool
have_zone(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", name);
	return access(path, R_OK) == 0;
}

/* The instant of a UTC calendar time, in ms. */
static inline int64_t
utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm = { 0 };

	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	return (int64_t)timegm(&tm) * 1000;
}

#endif
