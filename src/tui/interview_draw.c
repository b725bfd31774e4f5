/*
 * interview_draw.c - the mock interview on the screen: the question with
 * its countdown in large digits, the judging page, the report.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/areas.h"
#include "core/text.h"
#include "tui/interview.h"

/* ---- pages ---- */

void
iv_page_clear(struct iv_page *pg)
{
	for (size_t i = 0; i < pg->n; i++)
		free(pg->p[i].text);
	pg->n = 0;
	pg->nrows = 0;
	pg->width = 0;
	pg->top = 0;
}

static void
add_para(struct iv_page *pg, struct iv_para p)
{
	pg->p = xgrow(pg->p, &pg->cap, pg->n, sizeof(*pg->p));
	pg->p[pg->n++] = p;
	pg->width = 0;
}

void
iv_page_add(struct iv_page *pg, attr_t attr, int indent, bool barred,
    const char *text)
{
	add_para(pg, (struct iv_para){ text_sanitize(text), attr, indent, barred,
			 false });
}

void
iv_page_rule(struct iv_page *pg, attr_t attr, const char *label)
{
	add_para(pg, (struct iv_para){ xstrdup(label), attr, 0, false, true });
}

static void
add_row(struct iv_page *pg, size_t para, size_t off, size_t len, int indent)
{
	pg->rows = xgrow(pg->rows, &pg->rcap, pg->nrows, sizeof(*pg->rows));
	pg->rows[pg->nrows++] = (struct iv_row){ para, off, len, indent };
}

/* Wraps the paragraphs for width w, unless they are already. */
static void
lay_out(struct iv_page *pg, int w)
{
	struct text_lines lines = { 0 };

	if (pg->width == w)
		return;
	pg->width = w;
	pg->nrows = 0;
	for (size_t i = 0; i < pg->n; i++) {
		const struct iv_para *p = &pg->p[i];
		int inner = w - p->indent - (p->barred ? 2 : 0);

		if (p->rule || p->text[0] == '\0') {
			add_row(pg, i, 0, 0, 0);
			continue;
		}
		text_wrap(p->text, inner, &lines);
		for (size_t k = 0; k < lines.n; k++)
			add_row(pg, i, lines.v[k].off, lines.v[k].len,
			    lines.v[k].indent);
	}
	text_lines_free(&lines);
}

static int
max_top(const struct iv_page *pg)
{
	int m = (int)pg->nrows - ui_body_height();

	return m > 0 ? m : 0;
}

void
iv_page_scroll(struct iv_page *pg, int n)
{
	pg->top += n;
	if (pg->top > max_top(pg))
		pg->top = max_top(pg);
	if (pg->top < 0)
		pg->top = 0;
}

/* The page in the body rows, and where it goes on below. */
static void
draw_page(struct ui *ui, struct iv_page *pg)
{
	int x, w, h = ui_body_height();

	ui_text_column(&x, &w);
	lay_out(pg, w);
	iv_page_scroll(pg, 0);
	for (int i = 0; i < h && (size_t)(pg->top + i) < pg->nrows; i++) {
		const struct iv_row *r = &pg->rows[pg->top + i];
		const struct iv_para *p = &pg->p[r->para];
		int y = 2 + i, in = p->indent + r->indent;

		if (p->rule) {
			ui_hline(y, x, w, A_NORMAL);
			ui_puts(y, x + 2, p->text, w - 4, p->attr);
			continue;
		}
		if (p->barred) {
			ui_vbar(y, x + p->indent, ui->a_accent);
			in += 2;
		}
		ui_put(y, x + in, p->text + r->off, r->len, w - in, p->attr);
	}
	if (pg->top + h < (int)pg->nrows)
		ui_puts_right(LINES - 2, x + w, "more below: j, PgDn", ui->a_dim);
}

/* ---- the countdown ---- */

/* Digits 0-9, '+' and ':' in 3x5 cells ('#' lit). */
static const char *const glyph[12][5] = {
	{ "###", "# #", "# #", "# #", "###" },
	{ " # ", "## ", " # ", " # ", "###" },
	{ "###", "  #", "###", "#  ", "###" },
	{ "###", "  #", "###", "  #", "###" },
	{ "# #", "# #", "###", "  #", "  #" },
	{ "###", "#  ", "###", "  #", "###" },
	{ "###", "#  ", "###", "# #", "###" },
	{ "###", "  #", "  #", "  #", "  #" },
	{ "###", "# #", "###", "# #", "###" },
	{ "###", "# #", "###", "  #", "###" },
	{ "   ", " # ", "###", " # ", "   " },
	{ " ", "#", " ", "#", " " },
};
#define BIG_ROWS 5

static int
glyph_of(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c == '+' ? 10
	                                                 : 11;
}

/* The columns text takes in large digits: each cell two wide, a gap of
 * two between characters. */
static int
big_width(const char *text)
{
	int w = 0;

	for (const char *c = text; *c != '\0'; c++)
		w += (int)strlen(glyph[glyph_of(*c)][0]) * 2 + (c[1] ? 2 : 0);
	return w;
}

/* text in large digits from (y, x), lit cells in attr; with reverse set,
 * the whole block is in reverse video (the warning without colours). */
static void
draw_big(int y, int x, const char *text, attr_t attr, bool reverse)
{
	const char *lit = term_unicode_lines() ? "\u2588\u2588" : "##";
	int w = big_width(text);

	for (int row = 0; row < BIG_ROWS; row++) {
		int cx = x;

		if (reverse) {
			ui_attr(A_REVERSE);
			mvhline(y + row, x - 2, ' ', w + 4);
			ui_attr(A_NORMAL);
		}
		for (const char *c = text; *c != '\0'; c++) {
			const char *g = glyph[glyph_of(*c)][row];

			for (; *g != '\0'; g++, cx += 2)
				if (*g == '#')
					ui_puts(y + row, cx, lit, 2,
					    attr | (reverse ? A_REVERSE : 0));
			cx += 2;
		}
	}
}

/* "m:ss" of ms, rounded up (a countdown shows 0:00 only at the end). */
static void
clock_text(int64_t ms, bool up, char *buf, size_t n)
{
	int64_t s = up ? (ms + 999) / 1000 : ms / 1000;

	if (s > 99 * 60 + 59)
		s = 99 * 60 + 59;
	snprintf(buf, n, "%d:%02d", (int)(s / 60), (int)(s % 60));
}

/* The countdown from row y: a label, then the time in large digits. */
static void
draw_countdown(struct ui *ui, const struct iv_screen *s, int y, bool big)
{
	int64_t left = interview_answer_time(s->iv) - (ui_mono(ui) - s->shown_at);
	bool over = left < 0, warn = left < INTERVIEW_WARN_MS;
	/* colour when the terminal has it, else reverse video */
	bool colour = PAIR_NUMBER(ui->a_warn) != 0;
	attr_t attr = warn && colour ? ui->a_warn : A_BOLD;
	char t[16], text[24], label[64];
	int w;

	clock_text(over ? -left : left, !over, t, sizeof(t));
	snprintf(text, sizeof(text), "%s%s", over ? "+" : "", t);
	if (over)
		snprintf(label, sizeof(label), "Over time by %s", t);
	else
		snprintf(label, sizeof(label), warn ? "Under 30 seconds left: %s" : "Time left: %s",
		    t);
	w = text_width(label);
	ui_puts(y, (COLS - w) / 2, label, w,
	    warn ? (colour ? ui->a_warn : A_REVERSE | A_BOLD) : ui->a_dim);
	if (!big)
		return;
	w = big_width(text);
	draw_big(y + 2, (COLS - w) / 2, text, attr, warn && !colour);
}

/* The title bar: the question's number, and right on the right (in
 * bold when strong). */
static void
draw_bar(struct ui *ui, const struct iv_screen *s, const char *right,
    bool strong)
{
	/* a narrow bar drops the name before the question's number */
	static const char *const forms[] = { "Mock interview  question %zu of %zu",
		"Question %zu of %zu", "%zu/%zu" };
	char buf[64];
	int xend = COLS - 1;

	ui_fill(0, ui->a_bar);
	xend -= ui_puts_right(0, xend, right, ui->a_bar | (strong ? A_BOLD : 0)) + 2;
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		snprintf(buf, sizeof(buf), forms[i], interview_rated(s->iv) + 1,
		    interview_count(s->iv));
		if (text_width(buf) <= xend - 1)
			break;
	}
	ui_puts(0, 1, buf, xend - 1, ui->a_bar | A_BOLD);
}

static void
draw_ask(struct ui *ui, struct iv_screen *s)
{
	static const struct ui_hint hints[] = {
		{ ACT_IV_DONE, "done" },
		{ ACT_IV_STAR, "STAR" },
		{ ACT_IV_UNDO, "undo" },
		{ ACT_HELP, "help" },
		{ ACT_IV_END, "end" },
	};
	static const struct ui_hint hints_short[] = {
		{ ACT_IV_DONE, "done" },
		{ ACT_HELP, "help" },
		{ ACT_IV_END, "end" },
	};
	struct text_lines lines = { 0 };
	/* the large digits need 5 rows, their label 2, STAR 2, footer 1 */
	bool big = LINES >= 18;
	int x, w, clock_y = big ? LINES - 11 : LINES - 5, qh = clock_y - 3;
	char target[32], t[16];

	ui_text_column(&x, &w);
	clock_text(interview_answer_time(s->iv), true, t, sizeof(t));
	snprintf(target, sizeof(target), "%s to answer", t);
	draw_bar(ui, s, target, false);
	text_wrap(s->question, w, &lines);
	for (size_t i = 0; i < lines.n && (int)i < qh; i++)
		ui_put(2 + (int)i, x + lines.v[i].indent, s->question + lines.v[i].off,
		    lines.v[i].len, w - lines.v[i].indent, A_BOLD);
	if ((int)lines.n > qh)
		ui_puts(2 + qh - 1, x + w - 3, "...", 3, ui->a_dim);
	text_lines_free(&lines);
	draw_countdown(ui, s, clock_y, big);
	if (!s->star_hidden) {
		const char *star = "STAR: Situation, Task, Action, Result";
		int sw = text_width(star);

		ui_puts(LINES - 3, sw < COLS ? (COLS - sw) / 2 : 0, star, COLS,
		    ui->a_accent);
	}
	if (ui_hints_width(hints, 5, 3, false) <= COLS - 2)
		ui_hints(ui, hints, 5, 3, false);
	else
		ui_hints(ui, hints_short, 3, 2, false);
}

/* ---- judging ---- */

/* The labels of the areas of tags, ", "-joined, into b. */
static void
area_labels(struct strbuf *b, const char *tags)
{
	const char *a;
	size_t n;

	while ((a = areas_next(&tags, &n)) != NULL) {
		const char *label = areas_label(a, n);

		if (b->len > 0)
			strbuf_adds(b, ", ");
		if (label != NULL)
			strbuf_adds(b, label);
		else
			strbuf_add(b, a, n);
	}
}

void
iv_judge_page(struct ui *ui, struct iv_screen *s)
{
	const struct card *c = interview_card(s->iv);
	struct strbuf b = { 0 };

	iv_page_clear(&s->page);
	if (c == NULL)
		return;
	iv_page_add(&s->page, A_BOLD, 0, false, c->question);
	iv_page_add(&s->page, A_NORMAL, 0, false, "");
	iv_page_rule(&s->page, ui->a_dim, " Outline ");
	iv_page_add(&s->page, A_NORMAL, 0, false, c->answer);
	if (c->tips[0] != '\0') {
		iv_page_add(&s->page, A_NORMAL, 0, false, "");
		iv_page_rule(&s->page, ui->a_accent, " How to prepare ");
		iv_page_add(&s->page, A_NORMAL, 0, true, c->tips);
	}
	iv_page_add(&s->page, A_NORMAL, 0, false, "");
	area_labels(&b, c->tags);
	iv_page_add(&s->page, ui->a_strong, 0, false, "Areas tested:");
	iv_page_add(&s->page, A_NORMAL, 2, false,
	    b.len > 0 ? strbuf_str(&b) : "none named (no area: tags)");
	strbuf_free(&b);
	if (s->note != NULL) {
		char *line = xasprintf("Note: %s", s->note);

		iv_page_add(&s->page, ui->a_accent, 0, false, line);
		free(line);
	}
}

static void
draw_judge(struct ui *ui, struct iv_screen *s)
{
	static const struct ui_hint hints[] = {
		{ ACT_IV_MISSED, "missed" },
		{ ACT_IV_BASIC, "basic" },
		{ ACT_IV_SOLID, "solid" },
		{ ACT_IV_EXCEPTIONAL, "exceptional" },
		{ ACT_IV_NOTE, "note" },
		{ ACT_IV_UNDO, "undo" },
		{ ACT_HELP, "help" },
		{ ACT_IV_END, "end" },
	};
	char spoke[64], t[16], target[16];
	bool over = s->spoken > interview_answer_time(s->iv);

	clock_text(s->spoken, false, t, sizeof(t));
	clock_text(interview_answer_time(s->iv), true, target, sizeof(target));
	snprintf(spoke, sizeof(spoke), "spoke %s of %s", t, target);
	draw_bar(ui, s, spoke, over);
	draw_page(ui, &s->page);
	if (s->typing) {
		ui_line_draw(ui, &s->line, LINES - 2, "Note: ");
		ui_fill(LINES - 1, ui->a_bar);
		ui_puts(LINES - 1, 1, "Enter save   Esc cancel   Backspace erase",
		    COLS - 2, ui->a_bar);
		return;
	}
	if (ui_hints_width(hints, 8, 2, false) <= COLS - 2)
		ui_hints(ui, hints, 8, 2, false);
	else if (ui_hints_width(hints, 7, 2, false) <= COLS - 2)
		ui_hints(ui, hints, 7, 2, false);
	else
		ui_hints(ui, hints, 4, 1, false);
}

/* ---- the report ---- */

static void
report_answers(struct iv_screen *s, int64_t target)
{
	for (size_t i = 0; i < s->report.n; i++) {
		const struct store_interview_answer *a = &s->report.answers[i];
		char t[16], tt[16], *line;

		clock_text(a->spoken, false, t, sizeof(t));
		clock_text(target, true, tt, sizeof(tt));
		line = xasprintf("%d. %s", a->position, a->question);
		iv_page_add(&s->page, A_BOLD, 0, false, line);
		free(line);
		line = xasprintf("%s of %s%s   rated %d, %s", t, tt,
		    a->spoken > target ? " (over)" : "", a->rating,
		    interview_rating_word(a->rating));
		iv_page_add(&s->page, A_NORMAL, 3, false, line);
		free(line);
		if (a->note[0] != '\0') {
			line = xasprintf("Note: %s", a->note);
			iv_page_add(&s->page, A_NORMAL, 3, false, line);
			free(line);
		}
	}
}

static void
report_areas(struct ui *ui, struct iv_screen *s)
{
	iv_page_add(&s->page, A_NORMAL, 0, false, "");
	iv_page_rule(&s->page, ui->a_accent, " Areas, weakest first ");
	if (s->report.nareas == 0)
		iv_page_add(&s->page, ui->a_dim, 0, false,
		    "The questions named no area (area: tags).");
	for (size_t i = 0; i < s->report.nareas; i++) {
		const struct interview_area_score *a = &s->report.areas[i];
		const char *label = areas_label(a->name, strlen(a->name));
		char *line = xasprintf("%-24s %.1f   %d question%s",
		    label != NULL ? label : a->name, a->average, a->questions,
		    a->questions == 1 ? "" : "s");

		iv_page_add(&s->page, i == 0 ? ui->a_warn : A_NORMAL, 2, false,
		    line);
		free(line);
	}
}

void
iv_report_page(struct ui *ui, struct iv_screen *s)
{
	const struct interview_report *r = &s->report;
	char over[32], *line;

	iv_page_clear(&s->page);
	if (!s->have_report) {
		iv_page_add(&s->page, ui->a_dim, 0, false, "No answer was rated.");
		return;
	}
	clock_text(r->over_total, false, over, sizeof(over));
	if (r->over > 0)
		line = xasprintf("%zu of %d questions answered, average rating"
				 " %.1f of 4; %d over time (+%s in all)",
		    r->n, r->iv.planned, r->average, r->over, over);
	else
		line = xasprintf("%zu of %d questions answered, average rating"
				 " %.1f of 4; none over time",
		    r->n, r->iv.planned, r->average);
	iv_page_add(&s->page, ui->a_strong, 0, false, line);
	free(line);
	iv_page_add(&s->page, A_NORMAL, 0, false, "");
	report_answers(s, r->iv.answer_time);
	report_areas(ui, s);
	iv_page_add(&s->page, A_NORMAL, 0, false, "");
	iv_page_add(&s->page, ui->a_dim, 0, false,
	    "Saved in the collection: rehearse interview --history lists past"
	    " interviews.");
}

static void
draw_report(struct ui *ui, struct iv_screen *s)
{
	static const struct ui_hint hints[] = {
		{ ACT_SUMMARY_DONE, "deck list" },
		{ ACT_IV_UNDO, "undo last rating" },
		{ ACT_SCROLL_DOWN, "scroll" },
		{ ACT_HELP, "help" },
	};
	char when[32] = "";

	if (s->have_report) {
		time_t t = (time_t)(s->report.iv.started / 1000);
		struct tm tm;

		localtime_r(&t, &tm);
		strftime(when, sizeof(when), "%a %d %b %H:%M", &tm);
	}
	ui_fill(0, ui->a_bar);
	ui_puts_right(0, COLS - 1, when, ui->a_bar);
	ui_puts(0, 1,
	    text_width(when) + 25 <= COLS ? "Mock interview report" : "Interview report",
	    COLS - 2 - text_width(when) - 2, ui->a_bar | A_BOLD);
	draw_page(ui, &s->page);
	ui_hints(ui, hints, 4, 3, false);
}

void
iv_draw(struct ui *ui, void *state)
{
	struct iv_screen *s = state;

	if (s->iv == NULL)
		return;
	if (s->phase == IV_ASK && s->question != NULL)
		draw_ask(ui, s);
	else if (s->phase == IV_JUDGE)
		draw_judge(ui, s);
	else if (s->phase == IV_REPORT)
		draw_report(ui, s);
}
