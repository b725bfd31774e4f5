/*
 * format.c - times as the screens show them: a duration on the clock,
 * and when a card comes due.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <time.h>

#include "core/fsrs.h"
#include "tui/screen.h"

void
ui_format_duration(int64_t ms, char *buf, size_t n)
{
	int64_t s = ms < 0 ? 0 : ms / 1000;

	if (s >= 3600)
		snprintf(buf, n, "%d:%02d:%02d", (int)(s / 3600),
		    (int)(s / 60 % 60), (int)(s % 60));
	else
		snprintf(buf, n, "%d:%02d", (int)(s / 60), (int)(s % 60));
}

void
ui_format_due(int64_t now, int64_t due, char *buf, size_t n)
{
	char in[32], when[48];
	time_t tn = (time_t)(now / 1000), td = (time_t)(due / 1000);
	struct tm a, b;

	if (due <= now) {
		snprintf(buf, n, "now");
		return;
	}
	if (fsrs_format_interval(due - now, in, sizeof(in)) != 0)
		snprintf(in, sizeof(in), "?");
	localtime_r(&tn, &a);
	localtime_r(&td, &b);
	if (a.tm_year == b.tm_year && a.tm_yday == b.tm_yday) {
		strftime(when, sizeof(when), "today %H:%M", &b);
	} else {
		struct tm t = a;
		time_t next;

		/* the calendar day after now's, whatever DST does */
		t.tm_mday++;
		t.tm_hour = 12;
		t.tm_min = t.tm_sec = 0;
		t.tm_isdst = -1;
		next = mktime(&t);
		localtime_r(&next, &t);
		if (t.tm_year == b.tm_year && t.tm_yday == b.tm_yday)
			strftime(when, sizeof(when), "tomorrow %H:%M", &b);
		else if (a.tm_year == b.tm_year)
			strftime(when, sizeof(when), "%a %d %b", &b);
		else
			strftime(when, sizeof(when), "%a %d %b %Y", &b);
	}
	snprintf(buf, n, "in %s (%s)", in, when);
}
