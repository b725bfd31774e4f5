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
#define BAR_WIDTH 30 /* of the histograms and hour bars, at the most */
#define BAR_MIN 4    /* the narrowest bar, in cells */
/* The widest lines of the full layouts: narrower, a compact one. */
#define FORECAST_FULL 71
#define RETENTION_FULL 78
#define BUTTONS_FULL 71
#define LEGEND_FULL 60

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

/* The columns a bar gets of width after the others' used columns. */
static int
bar_cells(int width, int used)
{
	int cells = width - used;

	return cells > BAR_WIDTH ? BAR_WIDTH : cells < BAR_MIN ? BAR_MIN
	                                                       : cells;
}

/* The digits of n >= 0. */
static int
digits(int64_t n)
{
	int d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* The columns of the last line of b (its text is ASCII). */
static int
line_width(const struct strbuf *b)
{
	size_t start = b->len;

	while (start > 0 && b->s[start - 1] != '\n')
		start--;
	return (int)(b->len - start);
}

/*
 * Appends sep then item to a line of items, where the line is ended
 * first (sep's trailing blank dropped) when the item would pass width;
 * the next line starts with two blanks.
 */
static void
add_item(struct strbuf *b, const char *sep, const char *item, int width)
{
	size_t n = strlen(sep);

	if (line_width(b) + (int)n + (int)strlen(item) > width) {
		while (n > 0 && sep[n - 1] == ' ')
			n--;
		strbuf_add(b, sep, n);
		strbuf_adds(b, "\n  ");
	} else {
		strbuf_adds(b, sep);
	}
	strbuf_adds(b, item);
}

/* ---- today ---- */

static void
report_today(struct strbuf *b, const struct stats *s, int width)
{
	struct stats_pass today = {
		s->retention[0][STATS_TODAY].passed + s->retention[1][STATS_TODAY].passed,
		s->retention[0][STATS_TODAY].total + s->retention[1][STATS_TODAY].total,
	};
	int64_t minutes = (s->today_ms + 30000) / 60000;
	struct strbuf item = { 0 };

	heading(b, "Today");
	if (s->today_answers == 0) {
		strbuf_adds(b, "  Nothing studied yet today.\n");
		return;
	}
	strbuf_adds(b, "  ");
	add_count(b, s->today_cards);
	strbuf_adds(b, s->today_cards == 1 ? " card" : " cards");
	add_count(&item, s->today_answers);
	strbuf_adds(&item, s->today_answers == 1 ? " answer" : " answers");
	if (s->today_ms < 60000)
		strbuf_addf(&item, " in %lld s", (long long)((s->today_ms + 500) / 1000));
	else if (minutes >= 60)
		strbuf_addf(&item, " in %lld h %02lld min", (long long)(minutes / 60),
		    (long long)(minutes % 60));
	else
		strbuf_addf(&item, " in %lld min", (long long)minutes);
	add_item(b, ", ", strbuf_str(&item), width);
	strbuf_reset(&item);
	strbuf_addf(&item, "Again %lld", (long long)s->today_again);
	add_item(b, "; ", strbuf_str(&item), width);
	if (today.total > 0) {
		strbuf_reset(&item);
		strbuf_adds(&item, "true retention ");
		add_percent(&item, stats_ratio(&today), 0);
		strbuf_addf(&item, " (%lld/%lld)", (long long)today.passed,
		    (long long)today.total);
		add_item(b, "; ", strbuf_str(&item), width);
	}
	strbuf_free(&item);
	strbuf_addc(b, '\n');
}

/* ---- the forecast ---- */

/*
 * The forecast's layout: the width of the labels of the vertical axis,
 * and the columns of a day (its bar, then a gap in the full layout).
 */
struct forecast_layout {
	int label;
	int day;
};

static void
forecast_axis(struct strbuf *b, const struct glyphs *g,
    const struct forecast_layout *l)
{
	int day = l->day * 10;

	strbuf_addf(b, "%*d %s", l->label, 0, g->corner);
	for (int i = 0; i < STATS_FORECAST_DAYS * l->day; i++)
		strbuf_adds(b, g->rule);
	strbuf_addc(b, '\n');
	strbuf_addf(b, "%*s%-*s%-*s%-*s+%d\n", l->label + 2, "", day, "today",
	    day, "+10", day - l->day + 1, "+20", STATS_FORECAST_DAYS - 1);
}

/* One row of the forecast's bars, row 0 at the bottom. */
static void
forecast_row(struct strbuf *b, const struct stats *s, const struct glyphs *g,
    int64_t max, int row, int day)
{
	for (int i = 0; i < STATS_FORECAST_DAYS; i++) {
		int64_t eighths = (s->forecast[i] * CHART_ROWS * 8 + max / 2) / max;
		int64_t cell = eighths - (int64_t)row * 8;

		if (s->forecast[i] > 0 && eighths == 0 && row == 0)
			cell = 1;
		cell = cell < 0 ? 0 : cell > 8 ? 8
		                               : cell;
		strbuf_adds(b, g->vbar[cell]);
		if (day > 1)
			strbuf_addc(b, ' ');
	}
	strbuf_addc(b, '\n');
}

static void
report_forecast(struct strbuf *b, const struct stats *s, const struct glyphs *g,
    int width)
{
	int64_t max = 0;
	struct forecast_layout l = { 7, 2 };

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
	if (width < FORECAST_FULL)
		l = (struct forecast_layout){ digits(max) > 4 ? digits(max) : 4, 1 };
	for (int row = CHART_ROWS - 1; row >= 0; row--) {
		/* The top row is labelled with the most, the middle with half
		 * of it when that is a whole number; the axis is 0. */
		if (row == CHART_ROWS - 1 ||
		    (row == CHART_ROWS / 2 - 1 && max % 2 == 0 && max >= 4)) {
			int64_t label = row == CHART_ROWS - 1 ? max : max / 2;

			strbuf_addf(b, "%*lld %s", l.label, (long long)label, g->tick);
		} else {
			strbuf_addf(b, "%*s%s", l.label + 1, "", g->axis);
		}
		forecast_row(b, s, g, max, row, l.day);
	}
	forecast_axis(b, g, &l);
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

/* The month names over the weeks [first, weeks) where a month begins. */
static void
calendar_months(struct strbuf *b, const struct stats *s, int first, int weeks)
{
	static const char *const names[12] = { "Jan", "Feb", "Mar", "Apr", "May",
		"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char line[128];
	int last = -1, next = 0;

	memset(line, ' ', sizeof(line));
	for (int w = 0; w < weeks - first; w++) {
		int day = (first + w) * 7 - s->calendar_weekday0;
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
	line[6 + weeks - first + 3] = '\0';
	while (strlen(line) > 0 && line[strlen(line) - 1] == ' ')
		line[strlen(line) - 1] = '\0';
	strbuf_adds(b, line);
	strbuf_addc(b, '\n');
}

static void
report_calendar(struct strbuf *b, const struct stats *s, const struct glyphs *g,
    int width)
{
	static const char *const days[7] = { "Sun", "Mon", "Tue", "Wed", "Thu",
		"Fri", "Sat" };
	int weeks = (s->calendar_weekday0 + STATS_CALENDAR_DAYS + 6) / 7;
	/* the last weeks only, where the width is short of them all */
	int first = weeks - (width - 9) > 0 ? weeks - (width - 9) : 0;
	int64_t q[3];

	heading(b, "Calendar: answers per day, last 365 days");
	if (first > 0) {
		b->len--;
		strbuf_addf(b, " (the last %d weeks shown)\n", weeks - first);
	}
	quartiles(s, q);
	calendar_months(b, s, first, weeks);
	for (int wd = 0; wd < 7; wd++) {
		strbuf_addf(b, "  %s ", wd % 2 == 1 ? days[wd] : "   ");
		for (int w = first; w < weeks; w++) {
			int day = w * 7 + wd - s->calendar_weekday0;

			if (day < 0 || day >= STATS_CALENDAR_DAYS)
				strbuf_addc(b, ' ');
			else
				strbuf_adds(b, g->heat[heat_level(s->calendar[day], q)]);
		}
		strbuf_addc(b, '\n');
	}
	strbuf_addf(b, "  Less %s%s%s%s%s More", g->heat[0], g->heat[1],
	    g->heat[2], g->heat[3], g->heat[4]);
	strbuf_adds(b, width < LEGEND_FULL ? "\n  " : "   ");
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
report_retention(struct strbuf *b, const struct stats *s, int width)
{
	bool full = width >= RETENTION_FULL;

	heading(b, "True retention: passed (Hard, Good, Easy) among review answers");
	if (full)
		strbuf_addf(b, "  %-15s%-21s%-21s%s\n", "", "Young (< 21 d)",
		    "Mature (>= 21 d)", "All");
	else
		strbuf_addf(b, "  Young < 21 d, mature >= 21 d\n  %-13s%7s%7s%7s\n",
		    "", "Young", "Mature", "All");
	for (int w = 0; w < STATS_N_WINDOWS; w++) {
		struct stats_pass all = { s->retention[0][w].passed + s->retention[1][w].passed,
			s->retention[0][w].total + s->retention[1][w].total };

		if (!full) {
			strbuf_addf(b, "  %-13s", window_names[w]);
			add_percent(b, stats_ratio(&s->retention[0][w]), 7);
			add_percent(b, stats_ratio(&s->retention[1][w]), 7);
			add_percent(b, stats_ratio(&all), 7);
			strbuf_addc(b, '\n');
			continue;
		}
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

/* "N what" as an item of a line (add_item); the first of a line is
 * preceded by its indent. */
static void
add_counted(struct strbuf *b, int64_t n, const char *what, bool first,
    int width)
{
	struct strbuf item = { 0 };

	add_count(&item, n);
	strbuf_addf(&item, " %s", what);
	if (first) {
		strbuf_adds(b, "  ");
		strbuf_adds(b, strbuf_str(&item));
	} else {
		add_item(b, ", ", strbuf_str(&item), width);
	}
	strbuf_free(&item);
}

/* The look of a histogram: its title, the bins' ranges as text, and the
 * widest line. */
struct histogram_look {
	const char *title;
	int decimals;
	double scale;
	const char *unit;
	int width;
};

static void
histogram(struct strbuf *b, const struct glyphs *g, const struct stats_bin *bins,
    const struct histogram_look *look)
{
	int64_t max = 0;
	int decimals = look->decimals;
	double scale = look->scale;
	const char *unit = look->unit;
	int cells;

	strbuf_addf(b, "  %s\n", look->title);
	for (int i = 0; i < STATS_BINS; i++)
		if (bins[i].cards > max)
			max = bins[i].cards;
	/* the counts are written with commas: 1,234 */
	cells = bar_cells(look->width, 22 + digits(max) + (digits(max) - 1) / 3);
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
		add_hbar(b, g, bins[i].cards, max, cells);
		strbuf_addc(b, ' ');
		add_count(b, bins[i].cards);
		strbuf_addc(b, '\n');
	}
}

static void
report_cards(struct strbuf *b, const struct stats *s, const struct glyphs *g,
    int width)
{
	const struct histogram_look looks[3] = {
		{ "Difficulty (1 easiest, 10 hardest)", 1, 1, "", width },
		{ "Stability (days until recall falls to 90%)", 0, 1, " d", width },
		{ "Predicted recall now", 0, 100, "%", width },
	};

	heading(b, "Cards");
	add_counted(b, s->n_new, "new", true, width);
	add_counted(b, s->n_learning, "learning", false, width);
	add_counted(b, s->n_relearning, "relearning", false, width);
	add_counted(b, s->n_young, "young", false, width);
	add_counted(b, s->n_mature, "mature", false, width);
	strbuf_addc(b, '\n');
	add_counted(b, s->n_suspended, "suspended", true, width);
	add_counted(b, s->n_buried, "buried", false, width);
	strbuf_adds(b, "\n  Average predicted recall now: ");
	add_percent(b, s->average_retrievability, 0);
	strbuf_addc(b, '\n');
	histogram(b, g, s->difficulty, &looks[0]);
	histogram(b, g, s->stability, &looks[1]);
	histogram(b, g, s->retrievability, &looks[2]);
}

/* ---- buttons and hours ---- */

static void
report_buttons(struct strbuf *b, const struct stats *s, int width)
{
	static const char *const kinds[STATS_N_KINDS] = { "Learning", "Young",
		"Mature" };
	bool full = width >= BUTTONS_FULL;

	heading(b, "Answer buttons, last 30 days");
	if (full)
		strbuf_addf(b, "  %-10s%-15s%-15s%-15s%s\n", "", "1 Again", "2 Hard",
		    "3 Good", "4 Easy");
	else
		strbuf_addf(b, "  %-8s%7s%7s%7s%7s\n", "", "Again", "Hard", "Good",
		    "Easy");
	for (int k = 0; k < STATS_N_KINDS; k++) {
		int64_t total = 0;

		for (int r = 0; r < 4; r++)
			total += s->buttons[k][r];
		strbuf_addf(b, full ? "  %-10s" : "  %-8s", kinds[k]);
		for (int r = 0; r < 4; r++) {
			char n[24];
			double share = total > 0 ? (double)s->buttons[k][r] / (double)total : -1;

			if (!full) {
				add_percent(b, share, 7);
				continue;
			}
			snprintf(n, sizeof(n), "%lld", (long long)s->buttons[k][r]);
			strbuf_addf(b, "%7s ", n);
			add_percent(b, share, 6);
			if (r < 3)
				strbuf_addc(b, ' ');
		}
		strbuf_addc(b, '\n');
	}
}

static void
report_hours(struct strbuf *b, const struct stats *s, const struct glyphs *g,
    int width)
{
	int64_t max = 0;
	int cells = bar_cells(width, 23);

	heading(b, "Hours of the day, last 30 days: answers and true retention");
	for (int h = 0; h < 24; h++)
		if (s->hours[h].answers > max)
			max = s->hours[h].answers;
	for (int h = 0; h < 24; h++) {
		char n[24];

		snprintf(n, sizeof(n), "%lld", (long long)s->hours[h].answers);
		strbuf_addf(b, "  %02d:00 ", h);
		add_hbar(b, g, s->hours[h].answers, max, cells);
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

/* The lines of text wider than width wrapped at blanks, in b. */
static void
add_fitted(struct strbuf *b, const char *text, int width)
{
	struct text_lines l = { 0 };

	for (const char *p = text; *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, n);

		if (text_width(line) <= width) {
			strbuf_adds(b, line);
			strbuf_addc(b, '\n');
		} else {
			text_wrap(line, width, &l);
			for (size_t i = 0; i < l.n; i++) {
				strbuf_addf(b, "%*s", l.v[i].indent, "");
				strbuf_add(b, line + l.v[i].off, l.v[i].len);
				strbuf_addc(b, '\n');
			}
		}
		free(line);
		p += n + (nl != NULL);
	}
	text_lines_free(&l);
}

char *
stats_report_fit(const char *text, int width)
{
	struct strbuf b = { 0 };

	add_fitted(&b, text, width);
	if (b.s == NULL)
		return xstrdup("");
	return strbuf_detach(&b);
}

char *
stats_report(const struct stats *s, const char *deck, bool unicode, int width)
{
	const struct glyphs *g = unicode ? &unicode_glyphs : &ascii_glyphs;
	struct strbuf b = { 0 };
	char *text;

	width = width > STATS_REPORT_WIDTH       ? STATS_REPORT_WIDTH
	        : width < STATS_REPORT_MIN_WIDTH ? STATS_REPORT_MIN_WIDTH
	                                         : width;
	if (deck != NULL) {
		char *name = text_sanitize_line(deck);

		strbuf_addf(&b, "Statistics of %s\n", name);
		free(name);
	} else {
		strbuf_adds(&b, "Statistics of all decks\n");
	}
	report_today(&b, s, width);
	report_forecast(&b, s, g, width);
	report_calendar(&b, s, g, width);
	report_retention(&b, s, width);
	report_cards(&b, s, g, width);
	report_buttons(&b, s, width);
	report_hours(&b, s, g, width);
	trim_lines(&b);
	text = stats_report_fit(strbuf_str(&b), width);
	strbuf_free(&b);
	return text;
}
