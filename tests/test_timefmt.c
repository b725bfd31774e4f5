/*
 * test_timefmt.c - the time module: the valid range, civil days, ISO 8601
 * in both modes, the formatters, the study day (with day-starts-at, across
 * daylight-saving changes), and REHEARSE_NOW at the door.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/card.h"
#include "core/clock.h"
#include "core/timefmt.h"
#include "fixtures.h"

#define HOUR (60 * MS_PER_MINUTE)

static void
setup(void)
{
	fixture_tz("UTC");
}

/* Switches to a zone, or skips the test when its data is not installed. */
#define NEED_ZONE(name)                                                 \
	do {                                                            \
		if (!fixture_have_zone(name))                           \
			cr_skip_test("no /usr/share/zoneinfo/" name     \
				     ": time zone data not installed"); \
		fixture_tz(name);                                       \
	} while (0)

/* The local hour of t in the current TZ. */
static int
local_hour(int64_t t)
{
	time_t s = (time_t)(t / 1000);
	struct tm tm;

	cr_assert_not_null(localtime_r(&s, &tm));
	return tm.tm_hour;
}

/* 2026-11-23 10:00 UTC: a Monday morning, well inside a day. */
#define NOW fixture_utc(2026, 11, 23, 10, 0)

TestSuite(range, .init = setup);
TestSuite(civil, .init = setup);
TestSuite(parse, .init = setup);
TestSuite(format, .init = setup);
TestSuite(day, .init = setup);
TestSuite(clock, .init = setup);

/* ---- the range ---- */

Test(range, ends)
{
	cr_expect_eq(TIMEFMT_MIN_MS, fixture_utc(1970, 1, 1, 0, 0));
	cr_expect_eq(TIMEFMT_MAX_MS, fixture_utc(10000, 1, 1, 0, 0) - 1);
	cr_expect(timefmt_valid(TIMEFMT_MIN_MS));
	cr_expect(timefmt_valid(TIMEFMT_MAX_MS));
	cr_expect(timefmt_valid(NOW));
	cr_expect_not(timefmt_valid(TIMEFMT_MIN_MS - 1));
	cr_expect_not(timefmt_valid(TIMEFMT_MAX_MS + 1));
	cr_expect_not(timefmt_valid(INT64_MIN));
	cr_expect_not(timefmt_valid(INT64_MAX));
}

Test(range, clamp)
{
	cr_expect_eq(timefmt_clamp(INT64_MIN), TIMEFMT_MIN_MS);
	cr_expect_eq(timefmt_clamp(-1), TIMEFMT_MIN_MS);
	cr_expect_eq(timefmt_clamp(0), 0);
	cr_expect_eq(timefmt_clamp(NOW), NOW);
	cr_expect_eq(timefmt_clamp(TIMEFMT_MAX_MS), TIMEFMT_MAX_MS);
	cr_expect_eq(timefmt_clamp(TIMEFMT_MAX_MS + 1), TIMEFMT_MAX_MS);
	cr_expect_eq(timefmt_clamp(INT64_MAX), TIMEFMT_MAX_MS);
}

/* Defined for any operands (the sanitizer build checks there is no
 * overflow), and the sum stays in the range. */
Test(range, add_saturates)
{
	static const int64_t v[] = { INT64_MIN, INT64_MIN + 1, -MS_PER_DAY, -1,
		0, 1, MS_PER_DAY, TIMEFMT_MAX_MS, TIMEFMT_MAX_MS + 1, INT64_MAX - 1,
		INT64_MAX };
	size_t n = sizeof(v) / sizeof(v[0]);

	cr_expect_eq(timefmt_add(NOW, MS_PER_DAY), NOW + MS_PER_DAY);
	cr_expect_eq(timefmt_add(NOW, -MS_PER_DAY), NOW - MS_PER_DAY);
	cr_expect_eq(timefmt_add(TIMEFMT_MAX_MS, 0), TIMEFMT_MAX_MS);
	cr_expect_eq(timefmt_add(TIMEFMT_MAX_MS, 1), TIMEFMT_MAX_MS);
	cr_expect_eq(timefmt_add(TIMEFMT_MAX_MS - 1, 1), TIMEFMT_MAX_MS);
	cr_expect_eq(timefmt_add(0, -1), TIMEFMT_MIN_MS);
	cr_expect_eq(timefmt_add(INT64_MAX, INT64_MAX), TIMEFMT_MAX_MS);
	cr_expect_eq(timefmt_add(INT64_MIN, INT64_MIN), TIMEFMT_MIN_MS);
	cr_expect_eq(timefmt_add(INT64_MAX, INT64_MIN), TIMEFMT_MIN_MS);
	cr_expect_eq(timefmt_add(INT64_MAX, -MS_PER_DAY),
	    TIMEFMT_MAX_MS - MS_PER_DAY);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			int64_t r = timefmt_add(v[i], v[j]);

			cr_assert(timefmt_valid(r), "%lld + %lld = %lld",
			    (long long)v[i], (long long)v[j], (long long)r);
		}
}

/* ---- civil days ---- */

Test(civil, known_days)
{
	cr_expect_eq(timefmt_days_from_civil(1970, 1, 1), 0);
	cr_expect_eq(timefmt_days_from_civil(1969, 12, 31), -1);
	cr_expect_eq(timefmt_days_from_civil(2000, 3, 1), 11017);
	cr_expect_eq(timefmt_days_from_civil(2026, 11, 23), 20780);
	cr_expect_eq(timefmt_days_from_civil(0, 1, 1), -719528);
	cr_expect_eq(timefmt_days_from_civil(10000, 1, 1), 2932897);
	cr_expect_eq(timefmt_days_from_civil(-1, 12, 31), -719529);
	/* Day 0 of a month is the last of the month before. */
	cr_expect_eq(timefmt_days_from_civil(2024, 3, 0),
	    timefmt_days_from_civil(2024, 2, 29));
	cr_expect_eq(timefmt_days_from_civil(2026, 1, 0),
	    timefmt_days_from_civil(2025, 12, 31));
}

Test(civil, leap_years)
{
	cr_expect(timefmt_leap_year(2000));
	cr_expect(timefmt_leap_year(2024));
	cr_expect(timefmt_leap_year(1600));
	cr_expect(timefmt_leap_year(0));
	cr_expect_not(timefmt_leap_year(1900));
	cr_expect_not(timefmt_leap_year(2100));
	cr_expect_not(timefmt_leap_year(2026));
	cr_expect_not(timefmt_leap_year(9999));
	cr_expect_eq(timefmt_days_in_month(2000, 2), 29);
	cr_expect_eq(timefmt_days_in_month(1900, 2), 28);
	cr_expect_eq(timefmt_days_in_month(2024, 2), 29);
	cr_expect_eq(timefmt_days_in_month(2026, 2), 28);
	cr_expect_eq(timefmt_days_in_month(2026, 4), 30);
	cr_expect_eq(timefmt_days_in_month(2026, 12), 31);
	/* A leap year has 366 days, a century that is not one 365. */
	cr_expect_eq(timefmt_days_from_civil(2001, 1, 1) -
			 timefmt_days_from_civil(2000, 1, 1),
	    366);
	cr_expect_eq(timefmt_days_from_civil(1901, 1, 1) -
			 timefmt_days_from_civil(1900, 1, 1),
	    365);
	cr_expect_eq(timefmt_days_from_civil(2400, 3, 1) -
			 timefmt_days_from_civil(2400, 2, 28),
	    2);
	cr_expect_eq(timefmt_days_from_civil(2100, 3, 1) -
			 timefmt_days_from_civil(2100, 2, 28),
	    1);
}

/* Every day from year 0 to beyond 10000: the next day is the next date,
 * and the two functions are inverses. */
Test(civil, every_day_round_trips)
{
	int64_t y = 0;
	int m = 1, d = 1;

	for (int64_t z = -719528; z <= 2932897 + 400; z++) {
		int64_t yy;
		int mm, dd;

		timefmt_civil_from_days(z, &yy, &mm, &dd);
		if (yy != y || mm != m || dd != d)
			cr_assert_fail("day %lld: %lld-%d-%d, expected %lld-%d-%d",
			    (long long)z, (long long)yy, mm, dd, (long long)y, m, d);
		if (timefmt_days_from_civil(y, m, d) != z)
			cr_assert_fail("%lld-%d-%d is not day %lld", (long long)y,
			    m, d, (long long)z);
		if (++d > timefmt_days_in_month(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
}

Test(civil, agrees_with_timegm)
{
	for (int y = 1970; y <= 9999; y += 7)
		for (int m = 1; m <= 12; m += 5) {
			int64_t want = fixture_utc(y, m, 28, 0, 0) / MS_PER_DAY;

			cr_assert_eq(timefmt_days_from_civil(y, m, 28), want,
			    "%d-%d-28", y, m);
		}
}

/* ---- parsing: files (UTC) ---- */

static void
expect_time(const char *s, enum timefmt_mode mode, int64_t want)
{
	int64_t ms = -7;

	cr_assert_eq(timefmt_parse(s, mode, &ms), TIMEFMT_OK, "'%s'", s);
	cr_expect_eq(ms, want, "'%s': %lld, expected %lld", s, (long long)ms,
	    (long long)want);
}

static void
expect_utc(const char *s, int64_t want)
{
	expect_time(s, TIMEFMT_UTC, want);
}

static void
expect_status(const char *s, enum timefmt_mode mode, enum timefmt_status st)
{
	int64_t ms = -7;

	cr_expect_eq(timefmt_parse(s, mode, &ms), st, "'%s' in mode %d", s,
	    (int)mode);
	cr_expect_eq(ms, -7, "'%s': *ms set on failure", s);
}

Test(parse, utc_forms)
{
	int64_t t = fixture_utc(2026, 11, 23, 10, 15);

	expect_utc("2026-11-23T10:15:00Z", t);
	expect_utc("2026-11-23t10:15:00z", t);
	expect_utc("2026-11-23 10:15:00Z", t);
	expect_utc("  2026-11-23T10:15:00Z  ", t);
	expect_utc("2026-11-23T10:15:00.1Z", t + 100);
	expect_utc("2026-11-23T10:15:00,25Z", t + 250);
	expect_utc("2026-11-23T10:15:00.123Z", t + 123);
	expect_utc("2026-11-23T10:15:00.123456789Z", t + 123);
	expect_utc("2026-11-23T12:15:00+02:00", t);
	expect_utc("2026-11-23T12:15:00+0200", t);
	expect_utc("2026-11-23T12:15:00+02", t);
	expect_utc("2026-11-23T05:15:00-05:00", t);
	expect_utc("2026-11-23T04:45:00-05:30", t);
	expect_utc("2026-11-24T00:14:00+13:59", t);
	expect_utc("2024-02-29T00:00:00Z", fixture_utc(2024, 2, 29, 0, 0));
	expect_utc("2000-02-29T23:59:59Z", fixture_utc(2000, 3, 1, 0, 0) - 1000);
}

Test(parse, utc_refuses)
{
	static const char *const bad[] = { "", " ", "2026-11-23",
		"2026-11-23T10:15", "2026-11-23T10:15Z", "2026-11-23T10:15:00",
		"2026-11-23T10:15:00.Z", "2026-11-23T10:15:00.1234567890Z",
		"2026-11-23T24:00:00Z", "2026-11-23T10:60:00Z",
		"2026-11-23T10:15:60Z", "2026-13-01T00:00:00Z",
		"2026-00-01T00:00:00Z", "2026-11-00T00:00:00Z",
		"2026-11-31T00:00:00Z", "2026-02-29T00:00:00Z",
		"1900-02-29T00:00:00Z", "2026-11-23T10:15:00+24:00",
		"2026-11-23T10:15:00+02:60", "2026-11-23T10:15:00+2",
		"2026-11-23T10:15:00+02:0", "2026-11-23T10:15:00Zx",
		"2026-11-23T10:15:00Z x", "26-11-23T10:15:00Z",
		"2026/11/23T10:15:00Z", "2026-11-23X10:15:00Z", "1795428900123",
		"2026-11-23T1:15:00Z", "+2026-11-23T10:15:00Z" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_status(bad[i], TIMEFMT_UTC, TIMEFMT_EBAD);
}

Test(parse, utc_range_edges)
{
	expect_utc("1970-01-01T00:00:00Z", TIMEFMT_MIN_MS);
	expect_utc("1970-01-01T01:00:00+01:00", TIMEFMT_MIN_MS);
	expect_utc("9999-12-31T23:59:59.999Z", TIMEFMT_MAX_MS);
	expect_utc("9999-12-31T22:59:59.999-01:00", TIMEFMT_MAX_MS);
	expect_utc("9999-12-31T23:59:59.999+01:00", TIMEFMT_MAX_MS - HOUR);
	expect_status("1969-12-31T23:59:59.999Z", TIMEFMT_UTC, TIMEFMT_ERANGE);
	expect_status("1970-01-01T00:00:00+00:01", TIMEFMT_UTC, TIMEFMT_ERANGE);
	expect_status("9999-12-31T23:59:59-00:01", TIMEFMT_UTC, TIMEFMT_ERANGE);
	expect_status("0000-01-01T00:00:00Z", TIMEFMT_UTC, TIMEFMT_ERANGE);
	expect_status("1066-10-14T09:00:00Z", TIMEFMT_UTC, TIMEFMT_ERANGE);
}

/* ---- parsing: what a person types (local) ---- */

static void
expect_local(const char *s, int64_t want)
{
	expect_time(s, TIMEFMT_LOCAL, want);
}

Test(parse, local_forms_in_utc)
{
	int64_t t = fixture_utc(2026, 11, 23, 9, 30);

	expect_local("1763900000", INT64_C(1763900000000));
	expect_local("1763900000.5", INT64_C(1763900000500));
	expect_local("1763900000,25", INT64_C(1763900000250));
	expect_local(" 1763900000 ", INT64_C(1763900000000));
	expect_local("0", 0);
	expect_local("253402300799", TIMEFMT_MAX_MS - 999);
	expect_local("2026-11-23", fixture_utc(2026, 11, 23, 0, 0));
	expect_local("2026-11-23T09:30", t);
	expect_local("2026-11-23 09:30", t);
	expect_local("2026-11-23 09:30:15", t + 15000);
	expect_local("2026-11-23 09:30:15.250", t + 15250);
	expect_local("2026-11-23T09:30Z", t);
	expect_local("2026-11-23T10:30+01:00", t);
	expect_local("2026-11-23T10:30+01", t);
	expect_local("2026-11-23T04:30:00-0500", t);
	expect_local("2026-11-23 ", fixture_utc(2026, 11, 23, 0, 0));
}

Test(parse, local_refuses)
{
	static const char *const bad[] = { "", "yesterday", "12abc", "1.",
		"1.5.5", "2026-13-01", "2026-02-30T10:00", "2026-11-23T25:00",
		"2026-11-23T10", "2026-11-23T10:15:0", "2026-11-23Z",
		"2026-11-23T10:15+25", "--1", "- 1", "0x10" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_status(bad[i], TIMEFMT_LOCAL, TIMEFMT_EBAD);
}

Test(parse, local_range)
{
	expect_status("253402300800", TIMEFMT_LOCAL, TIMEFMT_ERANGE);
	/* The REHEARSE_NOW that overflowed the queue's arithmetic. */
	expect_status("9223372036854774", TIMEFMT_LOCAL, TIMEFMT_ERANGE);
	expect_status("9223372036854775808", TIMEFMT_LOCAL, TIMEFMT_ERANGE);
	expect_status("99999999999999999999999", TIMEFMT_LOCAL,
	    TIMEFMT_ERANGE);
	expect_status("-1", TIMEFMT_LOCAL, TIMEFMT_ERANGE);
	expect_status("-0.5", TIMEFMT_LOCAL, TIMEFMT_ERANGE);
	expect_status("1969-12-31T23:59", TIMEFMT_LOCAL, TIMEFMT_ERANGE);
	expect_status("0001-01-01", TIMEFMT_LOCAL, TIMEFMT_ERANGE);
	expect_local("9999-12-31T23:59:59.999", TIMEFMT_MAX_MS);
	expect_local("1970-01-01", 0);
}

Test(parse, local_new_york)
{
	int64_t ms = 0;

	NEED_ZONE("America/New_York");
	expect_local("2026-11-23", fixture_utc(2026, 11, 23, 5, 0));
	expect_local("2026-07-01T09:30", fixture_utc(2026, 7, 1, 13, 30));
	expect_local("2026-07-01T09:30Z", fixture_utc(2026, 7, 1, 9, 30));
	/* 02:30 does not exist on 8 March: the clock jumps from 02:00 EST to
	 * 03:00 EDT; it is read as 03:30 EDT (mktime's rule). */
	expect_local("2026-03-08T02:30", fixture_utc(2026, 3, 8, 7, 30));
	/* 01:30 on 1 November comes twice: either is right. */
	cr_assert_eq(timefmt_parse("2026-11-01T01:30", TIMEFMT_LOCAL, &ms), 0);
	cr_expect(ms == fixture_utc(2026, 11, 1, 5, 30) || ms == fixture_utc(2026, 11, 1, 6, 30));
	/* West of UTC, local midnight of 1970 is inside the range, the last
	 * hours of 9999 are not. */
	expect_local("1969-12-31T19:00", 0);
	expect_status("1969-12-31T18:59", TIMEFMT_LOCAL, TIMEFMT_ERANGE);
	expect_status("9999-12-31T23:00", TIMEFMT_LOCAL, TIMEFMT_ERANGE);
	expect_local("9999-12-31T18:59:59.999", TIMEFMT_MAX_MS);
}

/* ---- formatting ---- */

Test(format, utc)
{
	char buf[TIMEFMT_SIZE];

	timefmt_format_utc(fixture_utc(2026, 11, 23, 9, 30) + 15250, buf, sizeof(buf));
	cr_expect_str_eq(buf, "2026-11-23T09:30:15.250Z");
	timefmt_format_utc(fixture_utc(2026, 11, 23, 9, 30), buf, sizeof(buf));
	cr_expect_str_eq(buf, "2026-11-23T09:30:00Z");
	timefmt_format_utc_ms(fixture_utc(2026, 11, 23, 9, 30), buf, sizeof(buf));
	cr_expect_str_eq(buf, "2026-11-23T09:30:00.000Z");
	timefmt_format_utc_ms(INT64_C(1795428900123), buf, sizeof(buf));
	cr_expect_str_eq(buf, "2026-11-23T10:15:00.123Z");
	timefmt_format_utc_ms(INT64_C(951825600000), buf, sizeof(buf));
	cr_expect_str_eq(buf, "2000-02-29T12:00:00.000Z");
	timefmt_format_utc_ms(0, buf, sizeof(buf));
	cr_expect_str_eq(buf, "1970-01-01T00:00:00.000Z");
	timefmt_format_utc_ms(TIMEFMT_MAX_MS, buf, sizeof(buf));
	cr_expect_str_eq(buf, "9999-12-31T23:59:59.999Z");
	timefmt_format_utc(TIMEFMT_MAX_MS - 999, buf, sizeof(buf));
	cr_expect_str_eq(buf, "9999-12-31T23:59:59Z");
}

/* Outside the range the text is the nearest end: four-digit years, so
 * that it always reads back (and `list` never shows "292278994-"). */
Test(format, utc_clamps)
{
	char buf[TIMEFMT_SIZE];
	int64_t back;

	timefmt_format_utc_ms(INT64_MIN, buf, sizeof(buf));
	cr_expect_str_eq(buf, "1970-01-01T00:00:00.000Z");
	timefmt_format_utc_ms(-1, buf, sizeof(buf));
	cr_expect_str_eq(buf, "1970-01-01T00:00:00.000Z");
	timefmt_format_utc(INT64_MAX, buf, sizeof(buf));
	cr_expect_str_eq(buf, "9999-12-31T23:59:59.999Z");
	cr_assert_eq(timefmt_parse(buf, TIMEFMT_UTC, &back), TIMEFMT_OK);
	cr_expect_eq(back, TIMEFMT_MAX_MS);
	timefmt_format_utc_ms(TIMEFMT_MAX_MS + 1, buf, sizeof(buf));
	cr_expect_str_eq(buf, "9999-12-31T23:59:59.999Z");
}

Test(format, small_buffers)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	timefmt_format_utc(NOW, buf, 0);
	cr_expect_eq(buf[0], 'x');
	timefmt_format_utc(NOW, buf, 5);
	cr_expect_str_eq(buf, "2026");
	timefmt_format_utc_ms(NOW + 1, buf, sizeof(buf));
	cr_expect_str_eq(buf, "2026-11");
	timefmt_format_local(NOW, buf, 0);
	cr_expect_eq(buf[0], '2');
	timefmt_format_local(NOW, buf, 1);
	cr_expect_str_eq(buf, "");
}

/* Every ms the formatter writes reads back, around the leap day of 2000
 * and the epoch. */
Test(format, round_trips)
{
	char buf[TIMEFMT_SIZE];

	for (int64_t base = 0; base < 3 * MS_PER_DAY; base += 3599999) {
		int64_t t[2] = { base, base + INT64_C(951868800000) - MS_PER_DAY };

		for (int i = 0; i < 2; i++) {
			int64_t back = -1;

			timefmt_format_utc(t[i], buf, sizeof(buf));
			cr_assert_eq(timefmt_parse(buf, TIMEFMT_UTC, &back), 0,
			    "%s", buf);
			cr_assert_eq(back, t[i], "%s", buf);
			timefmt_format_utc_ms(t[i], buf, sizeof(buf));
			cr_assert_eq(timefmt_parse(buf, TIMEFMT_LOCAL, &back), 0,
			    "%s", buf);
			cr_assert_eq(back, t[i], "%s", buf);
		}
	}
}

static void
expect_local_text(int64_t ms, const char *want)
{
	char buf[TIMEFMT_SIZE];

	timefmt_format_local(ms, buf, sizeof(buf));
	cr_expect_str_eq(buf, want, "%lld", (long long)ms);
}

Test(format, local)
{
	expect_local_text(fixture_utc(2026, 11, 23, 9, 30) + 59999, "2026-11-23 09:30");
	expect_local_text(INT64_MAX, "9999-12-31 23:59");
	expect_local_text(INT64_MIN, "1970-01-01 00:00");
}

Test(format, local_new_york)
{
	NEED_ZONE("America/New_York");
	expect_local_text(fixture_utc(2026, 11, 23, 9, 30), "2026-11-23 04:30");
	expect_local_text(fixture_utc(2026, 7, 1, 9, 30), "2026-07-01 05:30");
	expect_local_text(INT64_MAX, "9999-12-31 18:59");
	expect_local_text(INT64_MIN, "1969-12-31 19:00");
}

/* East of UTC the end of the range is already year 10000 on the local
 * clock: the text stays at four digits. */
Test(format, local_far_east)
{
	NEED_ZONE("Pacific/Kiritimati");
	expect_local_text(TIMEFMT_MAX_MS, "9999-12-31 23:59");
	expect_local_text(fixture_utc(2026, 11, 23, 9, 30), "2026-11-23 23:30");
}

/* ---- the day boundary ---- */

Test(day, utc_day_starts_at_4)
{
	int64_t before = fixture_utc(2026, 11, 23, 3, 59), at = fixture_utc(2026, 11, 23, 4, 0);

	cr_assert_eq(timefmt_study_day(at, 4) - timefmt_study_day(before, 4), 1);
	cr_assert_eq(timefmt_study_day(at, 4), timefmt_study_day(fixture_utc(2026, 11, 24, 3, 59), 4));
	cr_assert_eq(timefmt_study_day_after(before, 0, 4), fixture_utc(2026, 11, 22, 4, 0));
	cr_assert_eq(timefmt_study_day_after(before, 1, 4), at);
	cr_assert_eq(timefmt_study_day_after(at, 0, 4), at);
	cr_assert_eq(timefmt_study_day_after(at, 1, 4), fixture_utc(2026, 11, 24, 4, 0));
	cr_assert_eq(timefmt_study_day_after(NOW, 0, 4), at);
	/* With the boundary at midnight, 03:59 and 04:00 are the same day. */
	cr_assert_eq(timefmt_study_day(at, 0), timefmt_study_day(before, 0));
	cr_assert_eq(timefmt_study_day_after(before, 0, 0), fixture_utc(2026, 11, 23, 0, 0));
	cr_assert_eq(timefmt_study_day_after(before, 1, 0), fixture_utc(2026, 11, 24, 0, 0));
	/* The last millisecond of a day. */
	cr_assert_eq(timefmt_study_day(at - 1, 4), timefmt_study_day(before, 4));
	cr_assert_eq(timefmt_study_day_after(at - 1, 1, 4), at);
}

Test(day, utc_day_starts_at_23)
{
	int64_t t = fixture_utc(2026, 11, 23, 22, 30);

	cr_assert_eq(timefmt_study_day_after(t, 0, 23), fixture_utc(2026, 11, 22, 23, 0));
	cr_assert_eq(timefmt_study_day_after(t, 1, 23), fixture_utc(2026, 11, 23, 23, 0));
	cr_assert_eq(timefmt_study_day(fixture_utc(2026, 11, 23, 23, 0), 23) -
			 timefmt_study_day(t, 23),
	    1);
}

/* Whatever the zone: a day contains its start, ends where the next one
 * begins, and starts at day-starts-at o'clock local time. */
static void
check_days(int64_t from, int64_t to, int64_t step, int dsa)
{
	for (int64_t t = from; t < to; t += step) {
		int64_t s = timefmt_study_day_after(t, 0, dsa);
		int64_t e = timefmt_study_day_after(t, 1, dsa);
		int64_t d = timefmt_study_day(t, dsa);
		char when[64];
		time_t secs = (time_t)(t / 1000);
		struct tm tm;

		localtime_r(&secs, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M %Z", &tm);
		cr_assert(s <= t && t < e, "%s, day-starts-at %d: day [%lld, %lld)"
					   " does not contain it (%lld)",
		    when, dsa, (long long)s,
		    (long long)e, (long long)t);
		cr_assert_eq(timefmt_study_day(s, dsa), d, "%s: start in another day", when);
		cr_assert_eq(timefmt_study_day(e - 1, dsa), d, "%s: end - 1 in another day",
		    when);
		cr_assert_eq(timefmt_study_day(e, dsa), d + 1, "%s: end not in the next day",
		    when);
		cr_assert_eq(local_hour(s), dsa, "%s: the day starts at %d:00", when,
		    local_hour(s));
		cr_assert(e - s >= 23 * HOUR && e - s <= 25 * HOUR, "%s: a day of %lld"
								    " ms",
		    when, (long long)(e - s));
	}
}

/* Where the day of t begins and ends, day-starts-at 4. */
struct day_case {
	const char *what;
	int64_t t, start, end;
};

static void
check_cases(const struct day_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		cr_assert_eq(timefmt_study_day_after(c[i].t, 0, 4), c[i].start,
		    "%s: start", c[i].what);
		cr_assert_eq(timefmt_study_day_after(c[i].t, 1, 4), c[i].end,
		    "%s: end", c[i].what);
	}
}

/* Every 7 minutes of four days from `from`, for three day starts. */
static void
check_four_days(int64_t from)
{
	static const int dsa[] = { 4, 0, 23 };

	for (size_t i = 0; i < sizeof(dsa) / sizeof(dsa[0]); i++)
		check_days(from, from + 4 * MS_PER_DAY, 7 * MS_PER_MINUTE, dsa[i]);
}

/*
 * 2026-03-08: 02:00 EST becomes 03:00 EDT.  The day that starts at 04:00
 * EDT (08:00 UTC) follows one that started at 04:00 EST (09:00 UTC) and
 * lasted 23 hours.
 * 2026-11-01: 02:00 EDT becomes 01:00 EST.  The day that started at 04:00
 * EDT on 31 October (08:00 UTC) lasts 25 hours, to 04:00 EST (09:00 UTC).
 */
Test(day, new_york_clock_changes)
{
	const struct day_case c[] = {
		{ "03-08 04:30 EDT", fixture_utc(2026, 3, 8, 8, 30), fixture_utc(2026, 3, 8, 8, 0),
		    fixture_utc(2026, 3, 9, 8, 0) },
		{ "03-08 03:59 EDT", fixture_utc(2026, 3, 8, 7, 59), fixture_utc(2026, 3, 7, 9, 0),
		    fixture_utc(2026, 3, 8, 8, 0) },
		{ "11-01 03:30 EST", fixture_utc(2026, 11, 1, 8, 30),
		    fixture_utc(2026, 10, 31, 8, 0), fixture_utc(2026, 11, 1, 9, 0) },
		{ "11-01 04:00 EST", fixture_utc(2026, 11, 1, 9, 0), fixture_utc(2026, 11, 1, 9, 0),
		    fixture_utc(2026, 11, 2, 9, 0) },
		{ "11-01 03:59 EST", fixture_utc(2026, 11, 1, 8, 59),
		    fixture_utc(2026, 10, 31, 8, 0), fixture_utc(2026, 11, 1, 9, 0) },
	};

	NEED_ZONE("America/New_York");
	check_cases(c, sizeof(c) / sizeof(c[0]));
	check_four_days(fixture_utc(2026, 3, 6, 0, 0));
	check_four_days(fixture_utc(2026, 10, 30, 0, 0));
}

Test(day, new_york_whole_year)
{
	NEED_ZONE("America/New_York");
	/* 04:00 local in winter is 09:00 UTC. */
	cr_assert_eq(timefmt_study_day(fixture_utc(2026, 1, 15, 9, 0), 4) -
			 timefmt_study_day(fixture_utc(2026, 1, 15, 8, 59), 4),
	    1);
	cr_assert_eq(timefmt_study_day_after(fixture_utc(2026, 1, 15, 12, 0), 0, 4), fixture_utc(2026, 1, 15, 9, 0));
	check_days(fixture_utc(2026, 1, 1, 0, 0), fixture_utc(2027, 1, 1, 0, 0), 53 * MS_PER_MINUTE, 4);
}

/* Issue 10's examples: N days after the study day of an answer is a
 * count of study days, not of 24-hour periods. */
Test(day, days_after_across_daylight_saving)
{
	int64_t t;

	NEED_ZONE("America/New_York");
	/* Sat 2026-03-07 03:30 EST belongs to the study day of 6 March;
	 * two days later is 8 March, from 04:00 EDT (08:00 UTC). */
	t = fixture_utc(2026, 3, 7, 8, 30);
	cr_expect_eq(timefmt_study_day_after(t, 2, 4), fixture_utc(2026, 3, 8, 8, 0));
	cr_expect_eq(timefmt_study_day(fixture_utc(2026, 3, 8, 8, 0), 4) -
			 timefmt_study_day(t, 4),
	    2);
	/* 48 hours later would be 04:30 EDT on 9 March: the day after. */
	cr_expect_eq(timefmt_study_day(t + 48 * HOUR, 4) -
			 timefmt_study_day(t, 4),
	    3);
	/* Sat 2026-10-31 04:30 EDT: two days later is 2 November, from
	 * 04:00 EST (09:00 UTC). */
	t = fixture_utc(2026, 10, 31, 8, 30);
	cr_expect_eq(timefmt_study_day_after(t, 2, 4), fixture_utc(2026, 11, 2, 9, 0));
	cr_expect_eq(timefmt_study_day(t + 48 * HOUR, 4) -
			 timefmt_study_day(t, 4),
	    1);
	/* Backwards, and a whole year of days. */
	cr_expect_eq(timefmt_study_day_after(t, -1, 4), fixture_utc(2026, 10, 30, 8, 0));
	cr_expect_eq(timefmt_study_day_after(fixture_utc(2026, 1, 15, 12, 0), 365, 0),
	    fixture_utc(2027, 1, 15, 5, 0));
	for (int n = 0; n < 400; n++) {
		int64_t s = timefmt_study_day_after(t, n, 4);

		cr_assert_eq(timefmt_study_day(s, 4), timefmt_study_day(t, 4) + n);
		cr_assert_eq(local_hour(s), 4, "%d days after", n);
	}
}

/* A memo of study days gives what the plain functions give, across the
 * clock changes of a year and at the range's ends. */
Test(day, remembered_days_are_the_same)
{
	struct timefmt_days d;
	int64_t from = fixture_utc(2026, 1, 1, 0, 0);

	NEED_ZONE("America/New_York");
	timefmt_days_init(&d, 4);
	for (int64_t t = from; t < from + 366 * MS_PER_DAY; t += 37 * MS_PER_MINUTE) {
		int64_t n = (t / MS_PER_MINUTE) % 40 - 5;

		cr_assert_eq(timefmt_days_study_day(&d, t), timefmt_study_day(t, 4));
		cr_assert_eq(timefmt_days_after(&d, t, n),
		    timefmt_study_day_after(t, n, 4), "%lld, %lld days", (long long)t,
		    (long long)n);
	}
	for (int64_t t = INT64_MIN; t != INT64_MAX; t = t < 0 ? 0 : INT64_MAX) {
		cr_assert_eq(timefmt_days_study_day(&d, t), timefmt_study_day(t, 4));
		cr_assert_eq(timefmt_days_after(&d, t, INT64_MAX),
		    timefmt_study_day_after(t, INT64_MAX, 4));
		cr_assert_eq(timefmt_days_start(&d, t), timefmt_day_start(t, 4));
	}
}

Test(day, day_start_of_a_day_number)
{
	int64_t d = timefmt_days_from_civil(2026, 11, 23);

	cr_expect_eq(timefmt_day_start(d, 0), fixture_utc(2026, 11, 23, 0, 0));
	cr_expect_eq(timefmt_day_start(d, 4), fixture_utc(2026, 11, 23, 4, 0));
	cr_expect_eq(timefmt_study_day(fixture_utc(2026, 11, 23, 4, 0), 4), d);
	cr_expect_eq(timefmt_study_day(fixture_utc(2026, 11, 23, 3, 59), 4), d - 1);
	cr_expect_eq(timefmt_study_day(0, 0), 0);
	cr_expect_eq(timefmt_study_day(0, 4), -1);
	cr_expect_eq(timefmt_day_start(0, 0), 0);
}

/* Any input, however far out, gives a defined answer near the range. */
Test(day, range_edges)
{
	int64_t last = timefmt_days_from_civil(9999, 12, 31);

	cr_expect_eq(timefmt_study_day(TIMEFMT_MAX_MS, 0), last);
	cr_expect_eq(timefmt_study_day(INT64_MAX, 0), last);
	cr_expect_eq(timefmt_study_day(INT64_MIN, 0), 0);
	cr_expect_eq(timefmt_study_day_after(TIMEFMT_MAX_MS, 0, 4),
	    fixture_utc(9999, 12, 31, 4, 0));
	cr_expect_eq(timefmt_study_day_after(TIMEFMT_MAX_MS, 1, 0),
	    TIMEFMT_MAX_MS + 1);
	cr_expect_eq(timefmt_study_day_after(INT64_MAX, INT64_MAX, 0),
	    timefmt_study_day_after(TIMEFMT_MAX_MS, 1, 0));
	cr_expect_eq(timefmt_study_day_after(INT64_MIN, INT64_MIN, 0),
	    timefmt_day_start(-2, 0));
	cr_expect_eq(timefmt_day_start(INT64_MAX, 0), timefmt_day_start(last + 1, 0));
	cr_expect_eq(timefmt_day_start(INT64_MIN, 0), -2 * MS_PER_DAY);
}

/* ---- REHEARSE_NOW, refused at the door ---- */

static int
init_with(const char *value, char **msg)
{
	*msg = NULL;
	setenv("REHEARSE_NOW", value, 1);
	return clock_init(msg);
}

Test(clock, rehearse_now)
{
	char *msg;

	cr_assert_eq(init_with("2026-11-23T09:00:00Z", &msg), 0);
	cr_expect_eq(clock_now(), fixture_utc(2026, 11, 23, 9, 0));
	cr_assert_eq(init_with("1795424400", &msg), 0);
	cr_expect_eq(clock_now(), fixture_utc(2026, 11, 23, 9, 0));
	cr_assert_eq(init_with("9999-12-31T23:59:59.999Z", &msg), 0);
	cr_expect_eq(clock_now(), TIMEFMT_MAX_MS);
	cr_assert_eq(init_with("", &msg), 0);
	cr_expect(timefmt_valid(clock_now()));
	cr_expect_gt(clock_now(), fixture_utc(2026, 1, 1, 0, 0));
	unsetenv("REHEARSE_NOW");
}

Test(clock, rehearse_now_refused)
{
	char *msg;

	cr_assert_eq(init_with("9223372036854774", &msg), -1);
	cr_expect_str_eq(msg, "REHEARSE_NOW=9223372036854774: out of range (" TIMEFMT_RANGE_TEXT ")");
	free(msg);
	cr_assert_eq(init_with("1969-12-31T23:59:59Z", &msg), -1);
	cr_expect(strstr(msg, "out of range") != NULL, "%s", msg);
	free(msg);
	cr_assert_eq(init_with("tomorrow", &msg), -1);
	cr_expect_str_eq(msg, "REHEARSE_NOW=tomorrow: not a time (use ISO 8601"
			      " such as 2026-11-23T09:30:00Z, or seconds since the epoch)");
	free(msg);
	/* A refused value leaves the real clock. */
	cr_expect_gt(clock_now(), fixture_utc(2026, 1, 1, 0, 0));
	unsetenv("REHEARSE_NOW");
}
