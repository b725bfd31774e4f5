#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/stats_report.h"
#include "core/text.h"
#include "core/util.h"

/* The characters of the charts, Unicode or ASCII. */
struct glyphs {
	const char *vbar[9]; /* a column's top cell filled 0/8 .. 8/8 */
	const char *hbar[9]; /* a row's last cell filled 0/8 .. 8/8 */
	const char *heat[5]; /* no answers, then the four quartiles */
	const char *rule;    /* the horizontal axis */
	const char *corner;  /* where the axes meet */
	const char *tick;    /* a labelled point of the vertical axis */
	const char *axis;    /* the vertical axis */
};

static const struct glyphs unicode_glyphs = {
	{ " ", "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587",
	    "\u2588" },
	{ "", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a", "\u2589",
	    "\u2588" },
	{ "\u00b7", "\u2591", "\u2592", "\u2593", "\u2588" },
	"\u2500",
	"\u2514",
	"\u2524",
	"\u2502",
};

static const struct glyphs ascii_glyphs = {
	{ " ", " ", " ", " ", "#", "#", "#", "#", "#" },
	{ "", "", "", "", "#", "#", "#", "#", "#" },
	{ ".", ":", "+", "*", "#" },
	"-",
	"+",
	"+",
	"|",
};

#define CHART_ROWS 8
#define BAR_WIDTH 30 /* of the histograms and hour bars, in cells */

static const char *const window_names[STATS_N_WINDOWS] = { "Today",
	"Yesterday", "Last 7 days", "Last 30 days", "Last 365 days", "All time" };

/* "1,234,567". */
static void
add_count(struct strbuf *b, int64_t n)
{
	char digits[32];
	int len = snprintf(digits, sizeof(digits), "%lld", (long long)n);

	for (int i = 0; i < len; i++) {
		strbuf_addc(b, digits[i]);
		if (digits[i] != '-' && (len - i - 1) % 3 == 0 && i < len - 1)
			strbuf_addc(b, ',');
	}
}

/* "85.3%", or "-" without answers. */
static void
add_percent(struct strbuf *b, double r, int width)
{
	char buf[16];

	if (r < 0)
		snprintf(buf, sizeof(buf), "-");
	else
		snprintf(buf, sizeof(buf), "%d.%d%%", (int)(r * 1000 + 0.5) / 10,
		    (int)(r * 1000 + 0.5) % 10);
	strbuf_addf(b, "%*s", width, buf);
}

/* A blank line between sections. */
static void
section(struct strbuf *b)
{
	if (b->len > 0)
		strbuf_addc(b, '\n');
}

static void
heading(struct strbuf *b, const char *title)
{
	section(b);
	strbuf_adds(b, title);
	strbuf_addc(b, '\n');
}

/* v >= 0 with the given decimals, whatever the locale's decimal point. */
static void
add_fixed(struct strbuf *b, double v, int decimals)
{
	long long scale = decimals == 0 ? 1 : decimals == 1 ? 10
	                                                    : 100;
	long long n = (long long)(v * (double)scale + 0.5);

	strbuf_addf(b, "%lld", n / scale);
	if (decimals > 0)
		strbuf_addf(b, ".%0*lld", decimals, n % scale);
}

/* A bar of v out of max in width cells, in eighths, padded to width. */
static void
add_hbar(struct strbuf *b, const struct glyphs *g, int64_t v, int64_t max,
    int width)
{
	int eighths = max > 0 ? (int)((v * width * 8 + max / 2) / max) : 0;
	int full = eighths / 8, part = eighths % 8, cells = full;

	if (v > 0 && eighths == 0)
		part = 1; /* something is never drawn as nothing */
	for (int i = 0; i < full; i++)
		strbuf_adds(b, g->hbar[8]);
	if (part > 0 && *g->hbar[part] != '\0') {
		strbuf_adds(b, g->hbar[part]);
		cells++;
	}
	for (; cells < width; cells++)
		strbuf_addc(b, ' ');
}

/* ---- today ---- */

static void
report_today(struct strbuf *b, const struct stats *s)
{
	struct stats_pass today = {
		s->retention[0][STATS_TODAY].passed + s->retention[1][STATS_TODAY].passed,
		s->retention[0][STATS_TODAY].total + s->retention[1][STATS_TODAY].total,
	};
	int64_t minutes = (s->today_ms + 30000) / 60000;

	heading(b, "Today");
	if (s->today_answers == 0) {
		strbuf_adds(b, "  Nothing studied yet today.\n");
		return;
	}
	strbuf_adds(b, "  ");
	add_count(b, s->today_cards);
	strbuf_adds(b, s->today_cards == 1 ? " card, " : " cards, ");
	add_count(b, s->today_answers);
	strbuf_adds(b, s->today_answers == 1 ? " answer" : " answers");
	if (s->today_ms < 60000)
		strbuf_addf(b, " in %lld s", (long long)((s->today_ms + 500) / 1000));
	else if (minutes >= 60)
		strbuf_addf(b, " in %lld h %02lld min", (long long)(minutes / 60),
		    (long long)(minutes % 60));
	else
		strbuf_addf(b, " in %lld min", (long long)minutes);
	strbuf_addf(b, "; Again %lld", (long long)s->today_again);
	if (today.total > 0) {
		strbuf_adds(b, "; true retention ");
		add_percent(b, stats_ratio(&today), 0);
		strbuf_addf(b, " (%lld/%lld)", (long long)today.passed,
		    (long long)today.total);
	}
	strbuf_addc(b, '\n');
}

/* ---- the forecast ---- */

static void
forecast_axis(struct strbuf *b, const struct glyphs *g)
{
	strbuf_addf(b, "%7d %s", 0, g->corner);
	for (int i = 0; i < STATS_FORECAST_DAYS * 2; i++)
		strbuf_adds(b, g->rule);
	strbuf_addc(b, '\n');
	strbuf_addf(b, "%9s%-20s%-20s%-19s+%d\n", "", "today", "+10", "+20",
	    STATS_FORECAST_DAYS - 1);
}

static void
report_forecast(struct strbuf *b, const struct stats *s, const struct glyphs *g)
{
	int64_t max = 0;

	section(b);
	strbuf_adds(b, "Forecast: cards due per day, next 30 days (total ");
	add_count(b, s->forecast_total);
	strbuf_adds(b, "; overdue counted today)\n");
	for (int i = 0; i < STATS_FORECAST_DAYS; i++)
		if (s->forecast[i] > max)
			max = s->forecast[i];
	if (max == 0) {
		strbuf_adds(b, "  Nothing is due in the next 30 days.\n");
		return;
	}
	for (int row = CHART_ROWS - 1; row >= 0; row--) {
		/* The top row is labelled with the most, the middle with half
		 * of it when that is a whole number; the axis is 0. */
		if (row == CHART_ROWS - 1 ||
		    (row == CHART_ROWS / 2 - 1 && max % 2 == 0 && max >= 4)) {
			int64_t label = row == CHART_ROWS - 1 ? max : max / 2;

			strbuf_addf(b, "%7lld %s", (long long)label, g->tick);
		} else {
			strbuf_addf(b, "%8s%s", "", g->axis);
		}
		for (int i = 0; i < STATS_FORECAST_DAYS; i++) {
			int64_t eighths = (s->forecast[i] * CHART_ROWS * 8 + max / 2) / max;
			int64_t cell = eighths - (int64_t)row * 8;

			if (s->forecast[i] > 0 && eighths == 0 && row == 0)
				cell = 1;
			cell = cell < 0 ? 0 : cell > 8 ? 8
			                               : cell;
			strbuf_adds(b, g->vbar[cell]);
			strbuf_addc(b, ' ');
		}
		strbuf_addc(b, '\n');
	}
	forecast_axis(b, g);
}

/* ---- the calendar ---- */

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The upper bounds of the first three quartiles of the days with answers. */
static void
quartiles(const struct stats *s, int64_t q[3])
{
	int64_t v[STATS_CALENDAR_DAYS];
	size_t n = 0;

	for (int i = 0; i < STATS_CALENDAR_DAYS; i++)
		if (s->calendar[i] > 0)
			v[n++] = s->calendar[i];
	if (n == 0) {
		q[0] = q[1] = q[2] = 0;
		return;
	}
	qsort(v, n, sizeof(v[0]), cmp_i64);
	for (int k = 0; k < 3; k++)
		q[k] = v[(n * (size_t)(k + 1)) / 4 < n ? (n * (size_t)(k + 1)) / 4 : n - 1];
}

static int
heat_level(int64_t v, const int64_t q[3])
{
	if (v <= 0)
		return 0;
	if (v < q[0])
		return 1;
	if (v < q[1])
		return 2;
	if (v < q[2])
		return 3;
	return 4;
}

/* The month names over the weeks where a month begins. */
static void
calendar_months(struct strbuf *b, const struct stats *s, int weeks)
{
	static const char *const names[12] = { "Jan", "Feb", "Mar", "Apr", "May",
		"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char line[128];
	int last = -1, next = 0;

	memset(line, ' ', sizeof(line));
	for (int w = 0; w < weeks; w++) {
		int day = w * 7 - s->calendar_weekday0;
		int month;

		if (day < 0)
			day = 0;
		if (day >= STATS_CALENDAR_DAYS)
			break;
		month = atoi(s->calendar_date[day] + 5) - 1;
		if (month != last && month >= 0 && month < 12 && 6 + w + 3 < 100) {
			/* a name where the month begins, if the last one
			 * ended more than a column before */
			if (w >= next)
				memcpy(line + 6 + w, names[month], 3);
			if (w >= next || last == -1)
				next = w + 4;
			last = month;
		}
	}
	line[6 + weeks + 3] = '\0';
	while (strlen(line) > 0 && line[strlen(line) - 1] == ' ')
		line[strlen(line) - 1] = '\0';
	strbuf_adds(b, line);
	strbuf_addc(b, '\n');
}

static void
report_calendar(struct strbuf *b, const struct stats *s, const struct glyphs *g)
{
	static const char *const days[7] = { "Sun", "Mon", "Tue", "Wed", "Thu",
		"Fri", "Sat" };
	int weeks = (s->calendar_weekday0 + STATS_CALENDAR_DAYS + 6) / 7;
	int64_t q[3];

	heading(b, "Calendar: answers per day, last 365 days");
	quartiles(s, q);
	calendar_months(b, s, weeks);
	for (int wd = 0; wd < 7; wd++) {
		strbuf_addf(b, "  %s ", wd % 2 == 1 ? days[wd] : "   ");
		for (int w = 0; w < weeks; w++) {
			int day = w * 7 + wd - s->calendar_weekday0;

			if (day < 0 || day >= STATS_CALENDAR_DAYS)
				strbuf_addc(b, ' ');
			else
				strbuf_adds(b, g->heat[heat_level(s->calendar[day], q)]);
		}
		strbuf_addc(b, '\n');
	}
	strbuf_addf(b, "  Less %s%s%s%s%s More   ", g->heat[0], g->heat[1],
	    g->heat[2], g->heat[3], g->heat[4]);
	strbuf_addf(b, "Studied on %lld of 365 days (%d%%)\n",
	    (long long)s->days_studied, (int)((s->days_studied * 100 + 182) / 365));
	strbuf_addf(b, "  Streak: %lld %s now, longest %lld %s\n",
	    (long long)s->streak_current, s->streak_current == 1 ? "day" : "days",
	    (long long)s->streak_longest, s->streak_longest == 1 ? "day" : "days");
}

/* ---- true retention ---- */

static void
retention_cell(struct strbuf *b, const struct stats_pass *p)
{
	char counts[40];

	add_percent(b, stats_ratio(p), 7);
	snprintf(counts, sizeof(counts), "%lld/%lld", (long long)p->passed,
	    (long long)p->total);
	strbuf_addf(b, " %-13s", counts);
}

static void
report_retention(struct strbuf *b, const struct stats *s)
{
	heading(b, "True retention: passed (Hard, Good, Easy) among review answers");
	strbuf_addf(b, "  %-15s%-21s%-21s%s\n", "", "Young (< 21 d)",
	    "Mature (>= 21 d)", "All");
	for (int w = 0; w < STATS_N_WINDOWS; w++) {
		struct stats_pass all = { s->retention[0][w].passed + s->retention[1][w].passed,
			s->retention[0][w].total + s->retention[1][w].total };

		strbuf_addf(b, "  %-15s", window_names[w]);
		retention_cell(b, &s->retention[0][w]);
		retention_cell(b, &s->retention[1][w]);
		retention_cell(b, &all);
		while (b->len > 0 && b->s[b->len - 1] == ' ')
			b->s[--b->len] = '\0';
		strbuf_addc(b, '\n');
	}
}

/* ---- cards ---- */

static void
add_counted(struct strbuf *b, int64_t n, const char *what, bool last)
{
	add_count(b, n);
	strbuf_addf(b, " %s%s", what, last ? "\n" : ", ");
}

static void
histogram(struct strbuf *b, const struct glyphs *g, const char *title,
    const struct stats_bin *bins, int decimals, double scale, const char *unit)
{
	int64_t max = 0;

	strbuf_addf(b, "  %s\n", title);
	for (int i = 0; i < STATS_BINS; i++)
		if (bins[i].cards > max)
			max = bins[i].cards;
	for (int i = 0; i < STATS_BINS; i++) {
		struct strbuf range = { 0 };

		add_fixed(&range, bins[i].min * scale, decimals);
		if (isinf(bins[i].max)) {
			strbuf_addf(&range, "%s and more", unit);
		} else {
			strbuf_addc(&range, '-');
			add_fixed(&range, bins[i].max * scale, decimals);
			strbuf_adds(&range, unit);
		}
		strbuf_addf(b, "    %-16s ", strbuf_str(&range));
		strbuf_free(&range);
		add_hbar(b, g, bins[i].cards, max, BAR_WIDTH);
		strbuf_addc(b, ' ');
		add_count(b, bins[i].cards);
		strbuf_addc(b, '\n');
	}
}

static void
report_cards(struct strbuf *b, const struct stats *s, const struct glyphs *g)
{
	heading(b, "Cards");
	strbuf_adds(b, "  ");
	add_counted(b, s->n_new, "new", false);
	add_counted(b, s->n_learning, "learning", false);
	add_counted(b, s->n_relearning, "relearning", false);
	add_counted(b, s->n_young, "young", false);
	add_counted(b, s->n_mature, "mature", true);
	strbuf_adds(b, "  ");
	add_counted(b, s->n_suspended, "suspended", false);
	add_counted(b, s->n_buried, "buried", true);
	strbuf_adds(b, "  Average predicted recall now: ");
	add_percent(b, s->average_retrievability, 0);
	strbuf_addc(b, '\n');
	histogram(b, g, "Difficulty (1 easiest, 10 hardest)", s->difficulty, 1, 1, "");
	histogram(b, g, "Stability (days until recall falls to 90%)", s->stability,
	    0, 1, " d");
	histogram(b, g, "Predicted recall now", s->retrievability, 0, 100, "%");
}

/* ---- buttons and hours ---- */

static void
report_buttons(struct strbuf *b, const struct stats *s)
{
	static const char *const kinds[STATS_N_KINDS] = { "Learning", "Young",
		"Mature" };

	heading(b, "Answer buttons, last 30 days");
	strbuf_addf(b, "  %-10s%-15s%-15s%-15s%s\n", "", "1 Again", "2 Hard",
	    "3 Good", "4 Easy");
	for (int k = 0; k < STATS_N_KINDS; k++) {
		int64_t total = 0;

		for (int r = 0; r < 4; r++)
			total += s->buttons[k][r];
		strbuf_addf(b, "  %-10s", kinds[k]);
		for (int r = 0; r < 4; r++) {
			char n[24];

			snprintf(n, sizeof(n), "%lld", (long long)s->buttons[k][r]);
			strbuf_addf(b, "%7s ", n);
			add_percent(b, total > 0 ? (double)s->buttons[k][r] / (double)total : -1, 6);
			if (r < 3)
				strbuf_addc(b, ' ');
		}
		strbuf_addc(b, '\n');
	}
}

static void
report_hours(struct strbuf *b, const struct stats *s, const struct glyphs *g)
{
	int64_t max = 0;

	heading(b, "Hours of the day, last 30 days: answers and true retention");
	for (int h = 0; h < 24; h++)
		if (s->hours[h].answers > max)
			max = s->hours[h].answers;
	for (int h = 0; h < 24; h++) {
		char n[24];

		snprintf(n, sizeof(n), "%lld", (long long)s->hours[h].answers);
		strbuf_addf(b, "  %02d:00 ", h);
		add_hbar(b, g, s->hours[h].answers, max, BAR_WIDTH);
		strbuf_addf(b, " %7s ", n);
		add_percent(b, stats_ratio(&s->hours[h].review), 6);
		strbuf_addc(b, '\n');
	}
}

/* Drops the blanks at the ends of the lines (the charts' empty cells). */
static void
trim_lines(struct strbuf *b)
{
	size_t out = 0;

	for (size_t i = 0; i < b->len; i++) {
		if (b->s[i] == '\n')
			while (out > 0 && b->s[out - 1] == ' ')
				out--;
		b->s[out++] = b->s[i];
	}
	b->len = out;
	if (b->s != NULL)
		b->s[out] = '\0';
}

char *
stats_report(const struct stats *s, const char *deck, bool unicode)
{
	const struct glyphs *g = unicode ? &unicode_glyphs : &ascii_glyphs;
	struct strbuf b = { 0 };

	if (deck != NULL) {
		char *name = text_sanitize_line(deck);

		strbuf_addf(&b, "Statistics of %s\n", name);
		free(name);
	} else {
		strbuf_adds(&b, "Statistics of all decks\n");
	}
	report_today(&b, s);
	report_forecast(&b, s, g);
	report_calendar(&b, s, g);
	report_retention(&b, s);
	report_cards(&b, s, g);
	report_buttons(&b, s);
	report_hours(&b, s, g);
	trim_lines(&b);
	return strbuf_detach(&b);
}
