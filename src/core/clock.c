#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
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
	if (clock_parse(s, &fixed_now) < 0)
		return set_error(errmsg,
		    "REHEARSE_NOW=%s: not a time (use ISO 8601 such as"
		    " 2026-11-23T09:30:00Z, or seconds since the epoch)", s);
	have_fixed_now = 1;
	return 0;
}

int64_t
clock_now(void)
{
	struct timespec ts;

	if (have_fixed_now)
		return fixed_now;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		die("cannot read the clock");
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads exactly n digits. */
static int
digits(const char **p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

/* ".250" -> 250 ms; more digits than three are truncated. */
static int
fraction(const char **p, int *ms)
{
	int scale = 100;

	*ms = 0;
	if (**p != '.' && **p != ',')
		return 0;
	(*p)++;
	if (!isdigit((unsigned char)**p))
		return -1;
	while (isdigit((unsigned char)**p)) {
		*ms += (**p - '0') * scale;
		scale /= 10;
		(*p)++;
	}
	return 0;
}

static int
parse_epoch(const char *s, int64_t *ms)
{
	const char *p = s;
	char *end;
	long long secs;
	int frac;

	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	errno = 0;
	secs = strtoll(s, &end, 10);
	if (errno != 0 || secs > INT64_MAX / 1000 - 1 || secs < INT64_MIN / 1000 + 1)
		return -1;
	p = end;
	if (fraction(&p, &frac) < 0 || *p != '\0')
		return -1;
	*ms = (int64_t)secs * 1000 + (secs < 0 ? -frac : frac);
	return 0;
}

int
clock_parse(const char *s, int64_t *ms)
{
	const char *p = s;
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, sec = 0, frac = 0, off = 0;
	int zoned = 0;
	time_t t;

	if (s == NULL || *s == '\0')
		return -1;
	if (strchr(s, '-') == NULL || s[0] == '-')
		return parse_epoch(s, ms);
	if (digits(&p, 4, &y) < 0 || *p++ != '-' || digits(&p, 2, &mo) < 0 ||
	    *p++ != '-' || digits(&p, 2, &d) < 0)
		return -1;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (digits(&p, 2, &h) < 0 || *p++ != ':' || digits(&p, 2, &mi) < 0)
			return -1;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &sec) < 0 || fraction(&p, &frac) < 0)
				return -1;
		}
		if (*p == 'Z' || *p == 'z') {
			zoned = 1;
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1, oh, om = 0;

			if (digits(&p, 2, &oh) < 0)
				return -1;
			if (*p == ':')
				p++;
			if (*p != '\0' && digits(&p, 2, &om) < 0)
				return -1;
			if (oh > 23 || om > 59)
				return -1;
			zoned = 1;
			off = sign * (oh * 60 + om) * 60;
		}
	}
	if (*p != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || sec > 60)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	if (zoned) {
		t = timegm(&tm);
		t -= off;
	} else {
		tm.tm_isdst = -1;
		t = mktime(&tm);
	}
	/* mktime normalises 31 February into March: refuse such dates. */
	if (tm.tm_mday != d || tm.tm_mon != mo - 1)
		return -1;
	*ms = (int64_t)t * 1000 + frac;
	return 0;
}

static void
split_ms(int64_t ms, time_t *t, int *frac)
{
	int64_t secs = ms / 1000, rem = ms % 1000;

	if (rem < 0) {
		rem += 1000;
		secs--;
	}
	*t = (time_t)secs;
	*frac = (int)rem;
}

void
clock_format_utc(int64_t ms, char *buf, size_t n)
{
	struct tm tm;
	time_t t;
	int frac;
	size_t len;

	split_ms(ms, &t, &frac);
	if (gmtime_r(&t, &tm) == NULL) {
		snprintf(buf, n, "%lld", (long long)ms);
		return;
	}
	len = strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm);
	if (frac != 0)
		snprintf(buf + len, n - len, ".%03dZ", frac);
	else
		snprintf(buf + len, n - len, "Z");
}

void
clock_format_local(int64_t ms, char *buf, size_t n)
{
	struct tm tm;
	time_t t;
	int frac;

	split_ms(ms, &t, &frac);
	if (localtime_r(&t, &tm) == NULL || strftime(buf, n, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(buf, n, "%lld", (long long)ms);
}
