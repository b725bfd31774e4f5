/*
 * stats.c - the statistics of a deck or of all decks: the report of
 * core/stats_report.c, the same text `rehearse stats` prints, scrolled.
 * Tab switches between the deck it was opened on and all decks.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/interview.h"
#include "core/stats.h"
#include "core/store_interview.h"
#include "core/stats_report.h"
#include "tui/screen.h"

/* The screen's state (ui_stats_ops.state_size). */
struct stats_screen {
	int64_t deck_id;   /* the deck it was opened on (0: all decks) */
	char *deck_name;   /* that deck's name, sanitised */
	bool all;          /* showing all decks rather than the deck */
	struct stats *s;   /* the figures of the scope shown */
	char *trend;       /* the mock interviews' trend, or "" */
	int width;         /* the widest line of text */
	char *text;        /* the report */
	const char **line; /* its lines, pointing into text */
	size_t n;
	size_t top; /* the first line shown */
};

/* Splits the report into lines, in place. */
static void
split_lines(struct stats_screen *ss)
{
	size_t cap = 0;

	free(ss->line);
	ss->line = NULL;
	ss->n = 0;
	for (char *p = ss->text; p != NULL && *p != '\0';) {
		char *nl = strchr(p, '\n');

		ss->line = xgrow(ss->line, &cap, ss->n + 1, sizeof(*ss->line));
		ss->line[ss->n++] = p;
		if (nl == NULL)
			break;
		*nl = '\0';
		p = nl + 1;
	}
}

/* The trend of the mock interviews after the report: the last five.
 * Not read, it is left out, and the report is shown all the same. */
static void
load_trend(struct ui *ui, struct stats_screen *ss)
{
	struct store_interview_sum *sums;
	size_t n;
	char *err = NULL;

	free(ss->trend);
	if (store_interview_sums(ui->st, &sums, &n, &err) < 0) {
		ui_message(ui, true, "Mock interviews not shown: %s", err);
		free(err);
		ss->trend = xstrdup("");
		return;
	}
	ss->trend = interview_trend_text(sums, n, 5);
	store_interview_sums_free(sums, n);
}

/* The widest line the screen's width leaves the report (the last column
 * is the scroll marks'). */
static int
report_width(void)
{
	return COLS - 1 < STATS_REPORT_WIDTH ? COLS - 1 : STATS_REPORT_WIDTH;
}

/* The report's first column: centred, and under the title's margin when
 * a column is left for it (a narrow screen gives it to the charts). */
static int
report_x(void)
{
	int spare = COLS - 1 - report_width();

	return spare < 1 ? 0 : spare < 3 ? 1
	                                 : spare / 2;
}

/* The text of the figures loaded, laid out for the screen's width. */
static void
render(struct stats_screen *ss)
{
	int64_t deck = ss->all ? 0 : ss->deck_id;

	free(ss->text);
	ss->width = report_width();
	ss->text = stats_report(ss->s, deck != 0 ? ss->deck_name : NULL,
	    term_unicode_lines(), ss->width);
	if (ss->trend[0] != '\0') {
		char *trend = stats_report_fit(ss->trend, ss->width);
		char *text = xasprintf("%s\n%s", ss->text, trend);

		free(trend);
		free(ss->text);
		ss->text = text;
	}
	split_lines(ss);
}

/* Computes the report of the scope shown now. */
static int
stats_load(struct ui *ui, struct stats_screen *ss, char **errmsg)
{
	struct stats *s = xmalloc(sizeof(*s));
	int64_t deck = ss->all ? 0 : ss->deck_id;
	int rc = stats_compute(ui->st, &ui->set->fsrs, ui->set->day_starts_at,
	    deck, ui_now(ui), s, errmsg);

	if (rc < 0) {
		free(s);
		return rc;
	}
	free(ss->s);
	ss->s = s;
	load_trend(ui, ss);
	render(ss);
	ss->top = 0;
	return rc;
}

static void
stats_forget(struct stats_screen *ss)
{
	free(ss->text);
	free(ss->line);
	free(ss->deck_name);
	free(ss->s);
	free(ss->trend);
	ss->s = NULL;
	ss->text = ss->deck_name = ss->trend = NULL;
	ss->line = NULL;
	ss->n = 0;
}

static int
stats_open(struct ui *ui, void *state, char **errmsg)
{
	struct stats_screen *ss = state;

	stats_forget(ss);
	ss->deck_id = ui->deck_id;
	ss->deck_name = xstrdup(ui->deck_name != NULL ? ui->deck_name : "");
	ss->all = ss->deck_id == 0;
	return stats_load(ui, ss, errmsg);
}

static enum action_screen
stats_keys(struct ui *ui, void *state)
{
	(void)ui;
	(void)state;
	return ACT_SCREEN_STATS;
}

/* The lines the body shows at once. */
static size_t
page(void)
{
	int h = ui_body_height();

	return h > 1 ? (size_t)h : 1;
}

static size_t
last_top(const struct stats_screen *ss)
{
	return ss->n > page() ? ss->n - page() : 0;
}

static void
stats_draw(struct ui *ui, void *state)
{
	static const struct ui_hint hints[] = {
		{ ACT_STATS_SCOPE, "deck / all decks" },
		{ ACT_BACK, "deck list" },
		{ ACT_HELP, "help" },
	};
	struct stats_screen *ss = state;
	int x = report_x();
	size_t rows = page();

	/* resized: the report laid out again (the first line shown is
	 * kept within it below) */
	if (ss->s != NULL && ss->width != report_width())
		render(ss);

	ui_fill(0, ui->a_bar);
	ui_puts(0, 1, "Statistics", COLS - 2, ui->a_bar | A_BOLD);
	ui_puts_right(0, COLS - 1, ss->all ? "all decks" : "this deck", ui->a_bar);
	ui_hints(ui, hints, 3, 3, false);
	if (ss->top > last_top(ss))
		ss->top = last_top(ss);
	for (size_t i = 0; i < rows && ss->top + i < ss->n; i++) {
		const char *l = ss->line[ss->top + i];
		attr_t a = l[0] != ' ' && l[0] != '\0' ? ui->a_accent : A_NORMAL;

		/* the last column is the scroll marks' */
		ui_puts(1 + (int)i, x, l, COLS - x - (x == 0), a);
	}
	if (ss->top > 0)
		ui_puts(1, COLS - 1, "^", 1, ui->a_dim);
	if (ss->top < last_top(ss))
		ui_puts((int)rows, COLS - 1, "v", 1, ui->a_dim);
}

/* Moves the first line shown by delta lines, within the report. */
static void
scroll_by(struct stats_screen *ss, long delta)
{
	long top = (long)ss->top + delta;

	if (top < 0)
		top = 0;
	if ((size_t)top > last_top(ss))
		top = (long)last_top(ss);
	ss->top = (size_t)top;
}

static int
stats_request(struct ui *ui, void *state, enum action a, char **errmsg)
{
	struct stats_screen *ss = state;
	long pg = (long)page() - 1;

	switch (a) {
	case ACT_SCROLL_DOWN:
		scroll_by(ss, 1);
		break;
	case ACT_SCROLL_UP:
		scroll_by(ss, -1);
		break;
	case ACT_PAGE_DOWN:
		scroll_by(ss, pg > 0 ? pg : 1);
		break;
	case ACT_PAGE_UP:
		scroll_by(ss, pg > 0 ? -pg : -1);
		break;
	case ACT_SCROLL_TOP:
		ss->top = 0;
		break;
	case ACT_SCROLL_BOTTOM:
		ss->top = last_top(ss);
		break;
	case ACT_STATS_SCOPE:
		if (ss->deck_id == 0) {
			ui_message(ui, false, "Opened on all decks: there is no other deck"
					      " to switch to.");
			break;
		}
		ss->all = !ss->all;
		if (stats_load(ui, ss, errmsg) < 0)
			return -1;
		break;
	case ACT_BACK:
		ui_switch(ui, &ui_decks_ops);
		break;
	default:
		break;
	}
	return 0;
}

static void
stats_done(struct ui *ui, void *state)
{
	(void)ui;
	stats_forget(state);
}

const struct ui_screen_ops ui_stats_ops = {
	.name = "stats",
	.state_size = sizeof(struct stats_screen),
	.open = stats_open,
	.keys = stats_keys,
	.draw = stats_draw,
	.request = stats_request,
	.done = stats_done,
	.ticking = NULL,
	.tick = NULL,
};
