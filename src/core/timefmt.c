#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/card.h"
#include "core/timefmt.h"

/* Day numbers a study day of the range can have, with a day of margin on
 * each side for the time zones: 1969-12-30 to 10000-01-01. */
#define FIRST_DAY INT64_C(-2)
#define LAST_DAY INT64_C(2932897)

bool
timefmt_valid(int64_t ms)
{
	return ms >= TIMEFMT_MIN_MS && ms <= TIMEFMT_MAX_MS;
}

int64_t
timefmt_clamp(int64_t ms)
{
	return ms < TIMEFMT_MIN_MS   ? TIMEFMT_MIN_MS
	       : ms > TIMEFMT_MAX_MS ? TIMEFMT_MAX_MS
	                             : ms;
}

int64_t
timefmt_add(int64_t ms, int64_t delta)
{
	ms = timefmt_clamp(ms);
	/* Both differences are exact: ms is in the range. */
	if (delta > TIMEFMT_MAX_MS - ms)
		return TIMEFMT_MAX_MS;
	if (delta < TIMEFMT_MIN_MS - ms)
		return TIMEFMT_MIN_MS;
	return ms + delta;
}

/* ---- civil days ---- */

bool
timefmt_leap_year(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
timefmt_days_in_month(int64_t y, int m)
{
	static const int mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && timefmt_leap_year(y) ? 29 : mdays[m - 1];
}

/* Howard Hinnant's algorithms, in eras of 400 years (146097 days). */
int64_t
timefmt_days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
timefmt_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* ---- parsing ---- */

/* What an ISO 8601 text says, before it becomes an instant. */
struct fields {
	int y, mo, d, h, mi, sec, frac;
	bool zoned;
	int off; /* minutes east of UTC, when zoned */
};

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads exactly n digits. */
static bool
digits(const char **p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!is_digit((*p)[i]))
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

/* An optional fraction: '.' or ',' and 1-9 digits, read to the ms. */
static bool
fraction(const char **p, int *ms)
{
	int n = 0;

	*ms = 0;
	if (**p != '.' && **p != ',')
		return true;
	(*p)++;
	if (!is_digit(**p))
		return false;
	for (; is_digit(**p); (*p)++, n++) {
		if (n >= 9)
			return false;
		if (n < 3)
			*ms = *ms * 10 + (**p - '0');
	}
	for (; n < 3; n++)
		*ms *= 10;
	return true;
}

/* An optional zone: "Z", "+HH", "+HHMM", "+HH:MM" (or '-'). */
static bool
zone(const char **p, struct fields *f)
{
	int sign, oh, om = 0;

	if (**p == 'Z' || **p == 'z') {
		(*p)++;
		f->zoned = true;
		return true;
	}
	if (**p != '+' && **p != '-')
		return true;
	sign = *(*p)++ == '-' ? -1 : 1;
	if (!digits(p, 2, &oh))
		return false;
	if (**p == ':') {
		(*p)++;
		if (!digits(p, 2, &om))
			return false;
	} else if (is_digit(**p) && !digits(p, 2, &om)) {
		return false;
	}
	if (oh > 23 || om > 59)
		return false;
	f->zoned = true;
	f->off = sign * (oh * 60 + om);
	return true;
}

/* "HH:MM[:SS[.fff]][zone]"; UTC mode wants the seconds and the zone. */
static bool
clock_part(const char **p, enum timefmt_mode mode, struct fields *f)
{
	if (!digits(p, 2, &f->h) || *(*p)++ != ':' || !digits(p, 2, &f->mi))
		return false;
	if (**p == ':') {
		(*p)++;
		if (!digits(p, 2, &f->sec) || !fraction(p, &f->frac))
			return false;
	} else if (mode == TIMEFMT_UTC) {
		return false;
	}
	if (!zone(p, f))
		return false;
	return f->zoned || mode != TIMEFMT_UTC;
}

static bool
iso_fields(const char *p, enum timefmt_mode mode, struct fields *f)
{
	memset(f, 0, sizeof(*f));
	if (!digits(&p, 4, &f->y) || *p++ != '-' || !digits(&p, 2, &f->mo) ||
	    *p++ != '-' || !digits(&p, 2, &f->d))
		return false;
	if ((*p == 'T' || *p == 't' || *p == ' ') && is_digit(p[1])) {
		p++;
		if (!clock_part(&p, mode, f))
			return false;
	} else if (mode == TIMEFMT_UTC) {
		return false;
	}
	while (*p == ' ')
		p++;
	return *p == '\0' && f->mo >= 1 && f->mo <= 12 && f->d >= 1 &&
	       f->d <= timefmt_days_in_month(f->y, f->mo) && f->h <= 23 &&
	       f->mi <= 59 && f->sec <= 59;
}

/* The instant of local wall-clock fields; false when there is none. */
static bool
local_instant(const struct fields *f, int64_t *ms)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = f->y - 1900;
	tm.tm_mon = f->mo - 1;
	tm.tm_mday = f->d;
	tm.tm_hour = f->h;
	tm.tm_min = f->mi;
	tm.tm_sec = f->sec;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	/* -1 is also 1969-12-31T23:59:59Z, which is out of range anyway. */
	if (t == (time_t)-1)
		return false;
	*ms = (int64_t)t * 1000 + f->frac;
	return true;
}

static enum timefmt_status
parse_iso(const char *s, enum timefmt_mode mode, int64_t *ms)
{
	struct fields f;
	int64_t v;

	if (!iso_fields(s, mode, &f))
		return TIMEFMT_EBAD;
	if (f.zoned) {
		/* At most 10^4 years of days: far from overflowing. */
		v = timefmt_days_from_civil(f.y, f.mo, f.d) * MS_PER_DAY +
		    ((int64_t)f.h * 60 + f.mi - f.off) * MS_PER_MINUTE +
		    f.sec * INT64_C(1000) + f.frac;
	} else if (!local_instant(&f, &v)) {
		return TIMEFMT_ERANGE;
	}
	if (!timefmt_valid(v))
		return TIMEFMT_ERANGE;
	*ms = v;
	return TIMEFMT_OK;
}

/* Seconds since the epoch, with an optional fraction. */
static enum timefmt_status
parse_epoch(const char *s, int64_t *ms)
{
	const char *p = s + (*s == '-');
	bool neg = *s == '-';
	long long secs;
	char *end;
	int frac;

	if (!is_digit(*p))
		return TIMEFMT_EBAD;
	errno = 0;
	secs = strtoll(p, &end, 10);
	p = end;
	if (!fraction(&p, &frac))
		return TIMEFMT_EBAD;
	while (*p == ' ')
		p++;
	if (*p != '\0')
		return TIMEFMT_EBAD;
	if (errno == ERANGE || (neg && (secs > 0 || frac > 0)) ||
	    secs > TIMEFMT_MAX_MS / 1000)
		return TIMEFMT_ERANGE;
	*ms = (int64_t)secs * 1000 + frac;
	return TIMEFMT_OK;
}

enum timefmt_status
timefmt_parse(const char *s, enum timefmt_mode mode, int64_t *ms)
{
	while (*s == ' ')
		s++;
	/* A date has a '-' after its year; seconds have none but a sign. */
	if (mode == TIMEFMT_LOCAL && (strchr(s, '-') == NULL || *s == '-'))
		return parse_epoch(s, ms);
	return parse_iso(s, mode, ms);
}

/* ---- formatting ---- */

static void
format_utc(int64_t ms, bool millis, char *buf, size_t n)
{
	int64_t days, rem, y;
	int m, d;

	if (n == 0)
		return;
	ms = timefmt_clamp(ms);
	days = ms / MS_PER_DAY;
	rem = ms % MS_PER_DAY;
	timefmt_civil_from_days(days, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d", (int)y, m, d,
	    (int)(rem / 3600000), (int)(rem / 60000 % 60),
	    (int)(rem / 1000 % 60));
	if (millis || rem % 1000 != 0) {
		size_t len = strlen(buf);

		snprintf(buf + len, n - len, ".%03d", (int)(rem % 1000));
	}
	if (strlen(buf) + 1 < n)
		strcat(buf, "Z");
}

void
timefmt_format_utc(int64_t ms, char *buf, size_t n)
{
	format_utc(ms, false, buf, n);
}

void
timefmt_format_utc_ms(int64_t ms, char *buf, size_t n)
{
	format_utc(ms, true, buf, n);
}

void
timefmt_format_local(int64_t ms, char *buf, size_t n)
{
	time_t t = (time_t)(timefmt_clamp(ms) / 1000);
	struct tm tm;

	if (n == 0)
		return;
	if (localtime_r(&t, &tm) == NULL) {
		/* Not for a time in the range; the UTC text says it all. */
		format_utc(ms, false, buf, n);
		return;
	}
	/* East of UTC the last instants of 9999 are already in 10000. */
	if (tm.tm_year + 1900 > 9999)
		snprintf(buf, n, "9999-12-31 23:59");
	else if (strftime(buf, n, "%Y-%m-%d %H:%M", &tm) == 0)
		buf[0] = '\0';
}

/* ---- the study day ---- */

int64_t
timefmt_study_day(int64_t t, int day_starts_at)
{
	time_t s = (time_t)(timefmt_clamp(t) / 1000);
	struct tm tm;

	/* localtime_r cannot fail on a time of the range. */
	if (localtime_r(&s, &tm) == NULL)
		return timefmt_clamp(t) / MS_PER_DAY;
	return timefmt_days_from_civil((int64_t)tm.tm_year + 1900,
		   tm.tm_mon + 1, tm.tm_mday) -
	       (tm.tm_hour < day_starts_at);
}

int64_t
timefmt_day_start(int64_t day, int day_starts_at)
{
	struct tm tm;
	int64_t y;
	int m, d;

	day = day < FIRST_DAY ? FIRST_DAY : day > LAST_DAY ? LAST_DAY
	                                                   : day;
	timefmt_civil_from_days(day, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)(y - 1900);
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = day_starts_at;
	tm.tm_isdst = -1;
	/* Years 1969 to 10000 always fit a 64-bit time_t. */
	return (int64_t)mktime(&tm) * 1000;
}

/* n days, no more than the valid range spans either way. */
static int64_t
clamp_days(int64_t n)
{
	int64_t span = LAST_DAY - FIRST_DAY;

	return n < -span ? -span : n > span ? span
	                                    : n;
}

int64_t
timefmt_study_day_after(int64_t t, int64_t n, int day_starts_at)
{
	return timefmt_day_start(
	    timefmt_study_day(t, day_starts_at) + clamp_days(n), day_starts_at);
}

void
timefmt_days_init(struct timefmt_days *d, int day_starts_at)
{
	d->day_starts_at = day_starts_at;
	d->t[0] = d->t[1] = INT64_MIN;
	d->next_t = 0;
	for (size_t i = 0; i < TIMEFMT_DAYS_MEMO; i++)
		d->day[i] = INT64_MIN;
}

int64_t
timefmt_days_study_day(struct timefmt_days *d, int64_t t)
{
	int i;

	if (t == INT64_MIN)
		return timefmt_study_day(t, d->day_starts_at);
	for (i = 0; i < 2; i++)
		if (d->t[i] == t)
			return d->t_day[i];
	i = d->next_t;
	d->next_t = !i;
	d->t[i] = t;
	d->t_day[i] = timefmt_study_day(t, d->day_starts_at);
	return d->t_day[i];
}

int64_t
timefmt_days_start(struct timefmt_days *d, int64_t day)
{
	size_t i = (size_t)day % TIMEFMT_DAYS_MEMO;

	if (day == INT64_MIN)
		return timefmt_day_start(day, d->day_starts_at);
	if (d->day[i] != day) {
		d->day[i] = day;
		d->start[i] = timefmt_day_start(day, d->day_starts_at);
	}
	return d->start[i];
}

int64_t
timefmt_days_after(struct timefmt_days *d, int64_t t, int64_t n)
{
	return timefmt_days_start(d, timefmt_days_study_day(d, t) + clamp_days(n));
}
