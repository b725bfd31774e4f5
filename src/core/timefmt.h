/*
 * timefmt.h - time as rehearse reads, writes and counts it: the one valid
 * range, civil days, ISO 8601 text, and the study day.
 *
 * A time is an int64_t count of milliseconds since 1970-01-01T00:00:00Z.
 * Every time that enters the program (deck files, review logs,
 * REHEARSE_NOW) must lie in [TIMEFMT_MIN_MS, TIMEFMT_MAX_MS], the years
 * 1970 to 9999 in UTC: the parsers below refuse anything else.  Inside the
 * range, adding any interval the scheduler makes cannot overflow, and
 * timefmt_add() keeps sums in it.  The formatters write any value, clamped
 * into the range, so that what they write always reads back.
 *
 * Nothing here reads the clock.  The local functions use the process's
 * time zone (TZ, as tzset() reads it).
 */
#ifndef REHEARSE_TIMEFMT_H
#define REHEARSE_TIMEFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* 1970-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z. */
#define TIMEFMT_MIN_MS INT64_C(0)
#define TIMEFMT_MAX_MS INT64_C(253402300799999)
/* The range in words, for messages. */
#define TIMEFMT_RANGE_TEXT "1970-01-01 to 9999-12-31 UTC"

/* Enough for any text the formatters write, with its NUL. */
#define TIMEFMT_SIZE 32

/* Whether ms lies in the valid range. */
bool timefmt_valid(int64_t ms);
/* ms moved into the valid range (the nearest end when outside it). */
int64_t timefmt_clamp(int64_t ms);
/* timefmt_clamp(ms) + delta, kept in the valid range: defined for any ms
 * and delta. */
int64_t timefmt_add(int64_t ms, int64_t delta);

/* ---- civil days (proleptic Gregorian calendar) ---- */

bool timefmt_leap_year(int64_t y);
/* Days in month m (1-12) of year y. */
int timefmt_days_in_month(int64_t y, int m);
/* Days since 1970-01-01 of y-m-d (m 1-12; d may be 0, the last day of the
 * month before).  Exact for |y| up to 10^15. */
int64_t timefmt_days_from_civil(int64_t y, int m, int d);
/* The date of day number z (days since 1970-01-01); the inverse of the
 * above.  Exact for |z| up to 10^17. */
void timefmt_civil_from_days(int64_t z, int64_t *y, int *m, int *d);

/* ---- ISO 8601 ---- */

enum timefmt_mode {
	/*
	 * Files: "YYYY-MM-DDTHH:MM:SS" ('T', 't' or a space between date and
	 * time), an optional fraction of 1-9 digits after '.' or ',' (read
	 * to the millisecond, the rest dropped), and a zone that must be
	 * there: "Z", "z", "+HH", "+HHMM" or "+HH:MM" (or '-').
	 */
	TIMEFMT_UTC,
	/*
	 * What a person types (REHEARSE_NOW): seconds since the epoch
	 * ("1763900000", "1763900000.5"), or "YYYY-MM-DD" optionally followed
	 * by "THH:MM", ":SS" and a fraction, with an optional zone as above;
	 * without a zone the time is local (and a bare date is its
	 * midnight).
	 */
	TIMEFMT_LOCAL,
};

/* What timefmt_parse returns. */
enum timefmt_status {
	TIMEFMT_OK = 0,
	TIMEFMT_EBAD = -1,   /* not a time in the form the mode reads */
	TIMEFMT_ERANGE = -2, /* a time, but outside TIMEFMT_MIN..MAX_MS */
};

/*
 * Parses s, blanks around it allowed, into *ms (set only on TIMEFMT_OK).
 * Dates are checked (no 31 April, 29 February only in leap years); hours
 * 0-23, minutes and seconds 0-59.  s must not be NULL.
 */
enum timefmt_status timefmt_parse(const char *s, enum timefmt_mode mode,
    int64_t *ms);

/*
 * UTC text of a time, clamped into the range (buf of n bytes, at least
 * TIMEFMT_SIZE for the whole text; always terminated when n > 0):
 * timefmt_format_utc: "2026-11-23T09:30:15.250Z", the milliseconds only
 * when not zero; timefmt_format_utc_ms: always with them (24 characters).
 */
void timefmt_format_utc(int64_t ms, char *buf, size_t n);
void timefmt_format_utc_ms(int64_t ms, char *buf, size_t n);
/* "2026-11-23 09:30" on the local clock (clamped; never past year 9999,
 * so the date is always the first 10 characters). */
void timefmt_format_local(int64_t ms, char *buf, size_t n);

/* ---- the study day ---- */

/*
 * A study day begins at day_starts_at o'clock (0-23) on the local clock,
 * so with day_starts_at 4 the night until 03:59 belongs to the day before.
 * The hour is read on the local clock, not by shifting t by a number of
 * hours, so a daylight-saving change never moves an instant to another day.
 *
 * timefmt_study_day: the study day that t falls in, as the day number
 * (timefmt_days_from_civil) of its local date: the difference of two is
 * the number of day boundaries between them.  t is clamped first.
 */
int64_t timefmt_study_day(int64_t t, int day_starts_at);
/* The instant at which study day `day` begins: day_starts_at o'clock on
 * its local date (if the clock skips that hour, the first instant after
 * the gap).  day is clamped to the days of the valid range. */
int64_t timefmt_day_start(int64_t day, int day_starts_at);
/* The instant at which the study day n days after the study day of t
 * begins (n 0: the start of t's own day; 1: its end), whatever the
 * clock does in between: a day can last 23, 24 or 25 hours. */
int64_t timefmt_study_day_after(int64_t t, int64_t n, int day_starts_at);

/*
 * The same for many times in a row with one day_starts_at and one time
 * zone (a replayed history): timefmt_days_study_day, _start and _after
 * give what timefmt_study_day, timefmt_day_start and
 * timefmt_study_day_after give, remembering the last two times and the
 * starts of any TIMEFMT_DAYS_MEMO days in a row (eleven years: a replayed
 * log's due dates, card after card, stay within such a span, and a day
 * start not remembered costs a call of mktime, which reads the zone's
 * file each time).  timefmt_days_init sets one up (nothing to free; 64
 * KiB); it is good until the time zone changes.
 */
#define TIMEFMT_DAYS_MEMO 4096
struct timefmt_days {
	int day_starts_at;
	int64_t t[2], t_day[2]; /* INT64_MIN: none */
	int next_t;
	int64_t day[TIMEFMT_DAYS_MEMO], start[TIMEFMT_DAYS_MEMO];
};
void timefmt_days_init(struct timefmt_days *d, int day_starts_at);
int64_t timefmt_days_study_day(struct timefmt_days *d, int64_t t);
int64_t timefmt_days_start(struct timefmt_days *d, int64_t day);
int64_t timefmt_days_after(struct timefmt_days *d, int64_t t, int64_t n);

#endif
