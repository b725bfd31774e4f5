/*
 * clock.h - the one place that reads the wall clock.
 *
 * REHEARSE_NOW replaces the clock, for scripts and tests: ISO 8601 or
 * seconds since the epoch, as timefmt_parse() reads them in TIMEFMT_LOCAL
 * mode, and inside the valid range of timefmt.h.
 */
#ifndef REHEARSE_CLOCK_H
#define REHEARSE_CLOCK_H

#include <stdint.h>

/* Reads REHEARSE_NOW; -1 with a message (that names the variable) when it
 * is set but not a time, or a time out of range. */
int clock_init(char **errmsg);
/* Now, in ms since the epoch: REHEARSE_NOW when set, else the real time
 * (clamped into the valid range). */
int64_t clock_now(void);

#endif
