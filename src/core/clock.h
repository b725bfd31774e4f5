/*
 * clock.h - the one place that reads the wall clock, and time as text.
 *
 * REHEARSE_NOW (ISO 8601 or seconds since the epoch) replaces the clock,
 * for scripts and tests.
 */
#ifndef REHEARSE_CLOCK_H
#define REHEARSE_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* Reads REHEARSE_NOW; -1 with a message when it is set but unreadable. */
int clock_init(char **errmsg);
/* Now, in ms since the epoch: REHEARSE_NOW when set, else the real time. */
int64_t clock_now(void);

/*
 * Parses a time: seconds since the epoch ("1763900000", "1763900000.5"), or
 * ISO 8601 ("2026-11-23", "2026-11-23T09:30", "2026-11-23 09:30:15.250",
 * with "Z" or "+01:00" for a zone; without a zone it is local time).
 * 0 or -1 (s malformed or out of range).
 */
int clock_parse(const char *s, int64_t *ms);

/* "2026-11-23T09:30:15.250Z" (milliseconds only when not zero).  buf of
 * at least 32 bytes. */
void clock_format_utc(int64_t ms, char *buf, size_t n);
/* "2026-11-23 09:30" in local time.  buf of at least 32 bytes. */
void clock_format_local(int64_t ms, char *buf, size_t n);

#endif
