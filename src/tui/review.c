/*
 * ui_review.c - reviewing: the question, then the answer and the tips, and
 * the four grades with the interval each would give.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fsrs.h"
#include "core/text.h"
#include "tui/screen.h"

enum row_kind { ROW_QUESTION, ROW_ANSWER, ROW_TIPS, ROW_BLANK, ROW_RULE, ROW_TIPS_RULE };

struct row {
	enum row_kind kind;
	size_t off, len;
	int indent;
};

static struct {
	bool revealed;
	bool timer_hidden;  /* kept from card to card */
	int64_t shown_at;   /* ui_mono when the card appeared */
	int64_t revealed_at;
	char *q, *a, *t;    /* sanitised */
	bool flagged;
	enum card_state state;
	int top;            /* first body row shown */
	struct row *rows;
	size_t nrows, cap;
	struct text_lines lines;
	/* the rows are laid out for this width and side, unless stale */
	bool rows_stale;
	int rows_width;
	bool rows_revealed;
	size_t answer_row;
	/* the grades' due times, worked out when the answer is shown */
	int64_t due[4];
	int64_t due_now;
} rv;

static void
text_free(void)
{
	free(rv.q);
	free(rv.a);
	free(rv.t);
	rv.q = rv.a = rv.t = NULL;
	rv.rows_stale = true;
}

/*
 * Takes the session's current card into the screen.  fresh: a new card
 * (or one shown again), so it starts hidden, timed from now, at the top.
 */
static void
load_card(struct ui *ui, bool fresh)
{
	const struct card *c = session_card(ui->se);

	text_free();
	if (c == NULL)
		return;
	rv.q = text_sanitize(c->question);
	rv.a = text_sanitize(c->answer);
	rv.t = text_sanitize(c->tips);
	rv.flagged = c->flagged;
	rv.state = c->s.state;
	rv.rows_stale = true;
	if (fresh) {
		rv.revealed = false;
		rv.shown_at = ui_mono(ui);
		rv.top = 0;
	}
}

/* After an answer, bury or suspend: the next card, or the summary. */
static void
next_card(struct ui *ui)
{
	if (session_card(ui->se) == NULL) {
		text_free();
		ui_switch(ui, &ui_summary_ops);
	} else {
		load_card(ui, true);
	}
}

static int
review_open(struct ui *ui, char **errmsg)
{
	if (ui->se == NULL &&
	    session_open(ui->st, ui->set, ui->deck_id, ui_now(ui), &ui->se,
	    errmsg) != 0)
		return -1;
	next_card(ui);
	return 0;
}

static void
review_done(struct ui *ui)
{
	(void)ui;
	text_free();
	free(rv.rows);
	rv.rows = NULL;
	rv.nrows = rv.cap = 0;
	text_lines_free(&rv.lines);
}

static enum action_screen
review_keys(struct ui *ui)
{
	(void)ui;
	return rv.revealed ? ACT_SCREEN_ANSWER : ACT_SCREEN_QUESTION;
}

static bool
review_ticking(struct ui *ui)
{
	(void)ui;
	return !rv.revealed && !rv.timer_hidden;
}

static void
add_row(enum row_kind kind, size_t off, size_t len, int indent)
{
	if (rv.nrows == rv.cap) {
		rv.cap = rv.cap ? rv.cap * 2 : 64;
		rv.rows = xrealloc(rv.rows, rv.cap * sizeof(*rv.rows));
	}
	rv.rows[rv.nrows].kind = kind;
	rv.rows[rv.nrows].off = off;
	rv.rows[rv.nrows].len = len;
	rv.rows[rv.nrows].indent = indent;
	rv.nrows++;
}

static void
add_text(enum row_kind kind, const char *s, int width)
{
	text_wrap(s, width, &rv.lines);
	for (size_t i = 0; i < rv.lines.n; i++)
		add_row(kind, rv.lines.v[i].off, rv.lines.v[i].len,
		    rv.lines.v[i].indent);
}

/* Lays the body out as display rows (see layout). */
static void
lay_out(int width, size_t *answer_row)
{
	rv.nrows = 0;
	add_text(ROW_QUESTION, rv.q, width);
	*answer_row = rv.nrows;
	if (!rv.revealed)
		return;
	add_row(ROW_BLANK, 0, 0, 0);
	*answer_row = rv.nrows;
	add_row(ROW_RULE, 0, 0, 0);
	add_text(ROW_ANSWER, rv.a, width);
	if (rv.t[0] != '\0') {
		add_row(ROW_BLANK, 0, 0, 0);
		add_row(ROW_TIPS_RULE, 0, 0, 0);
		add_text(ROW_TIPS, rv.t, width - 2);
	}
}

/* The body as display rows, for the current width; *answer_row gets the
 * row of the answer's rule.  Wrapping is done again only when the text,
 * the width or the side shown has changed, not on every tick. */
static void
layout(int width, size_t *answer_row)
{
	if (!rv.rows_stale && rv.rows_width == width &&
	    rv.rows_revealed == rv.revealed) {
		*answer_row = rv.answer_row;
		return;
	}
	rv.rows_stale = false;
	rv.rows_width = width;
	rv.rows_revealed = rv.revealed;
	lay_out(width, &rv.answer_row);
	*answer_row = rv.answer_row;
}

static int
max_top(void)
{
	int m = (int)rv.nrows - ui_body_height();

	return m > 0 ? m : 0;
}

static void
draw_status(struct ui *ui)
{
	struct queue_counts c;
	char buf[64];
	int xend = COLS - 1, x;
	static const char *const label[3] = {"New", "Learn", "Due"};
	int64_t v[3];
	int current;

	session_counts(ui->se, &c);
	v[0] = c.new_cards;
	v[1] = c.learning;
	v[2] = c.review;
	current = rv.state == STATE_NEW ? 0 :
	    rv.state == STATE_REVIEW ? 2 : 1;
	ui_fill(0, ui->a_bar);
	if (!rv.timer_hidden) {
		int64_t t = (rv.revealed ? rv.revealed_at : ui_mono(ui)) - rv.shown_at;

		ui_format_duration(t, buf, sizeof(buf));
		xend -= ui_puts_right(0, xend, buf, ui->a_bar | A_BOLD) + 3;
	}
	/* the counts, right to left; the current card's queue underlined */
	for (int i = 2; i >= 0; i--) {
		snprintf(buf, sizeof(buf), "%lld", (long long)v[i]);
		xend -= ui_puts_right(0, xend, buf,
		    ui->a_bar | (i == current ? A_BOLD | A_UNDERLINE : 0));
		xend -= ui_puts_right(0, xend - 1, label[i], ui->a_bar) + 1;
		xend -= 2;
	}
	x = 1;
	if (rv.flagged) {
		x += ui_puts(0, x, "* ", 2, ui->a_bar | A_BOLD);
	}
	ui_puts(0, x, ui->deck_name, xend - x - 1, ui->a_bar | A_BOLD);
}

static void
draw_grades(struct ui *ui)
{
	static const char *const name[2][4] = {
		{"Again", "Hard", "Good", "Easy"},
		{"A", "H", "G", "E"},
	};
	static const enum action grade[4] = {ACT_AGAIN, ACT_HARD, ACT_GOOD,
	    ACT_EASY};
	char key[4][16], help[16], rest_help[32];
	int64_t now = rv.due_now;
	char ivl[4][16];
	int form, gap, x = 1, need;

	for (int i = 0; i < 4; i++) {
		if (fsrs_format_interval(rv.due[i] - now, ivl[i], sizeof(ivl[i])) != 0)
			snprintf(ivl[i], sizeof(ivl[i]), "?");
		actions_keys_text(grade[i], false, key[i], sizeof(key[i]));
	}
	actions_keys_text(ACT_HELP, false, help, sizeof(help));
	/* the full names when they fit, else their initials */
	for (form = 0; form < 2; form++) {
		for (gap = 3; gap >= 2; gap--) {
			need = 1 + 3 * gap;
			for (int i = 0; i < 4; i++)
				need += 3 + text_width(key[i]) +
				    (int)strlen(name[form][i]) + text_width(ivl[i]);
			if (need <= COLS - 1)
				goto fits;
		}
	}
	form = 1;
	gap = 2;
fits:
	ui_fill(LINES - 1, ui->a_bar);
	for (int i = 0; i < 4; i++) {
		char rest[96];

		snprintf(rest, sizeof(rest), " %s %s", name[form][i], ivl[i]);
		x += ui_puts(LINES - 1, x, key[i], COLS - 1 - x, ui->a_bar | A_BOLD);
		x += ui_puts(LINES - 1, x, rest, COLS - 1 - x, ui->a_bar);
		x += gap;
	}
	snprintf(rest_help, sizeof(rest_help), "%s help", help);
	if (x + text_width(rest_help) + 1 < COLS - 1)
		ui_puts_right(LINES - 1, COLS - 1, rest_help, ui->a_bar);
}

static void
draw_hints(struct ui *ui)
{
	static const struct ui_hint hints[] = {
		{ACT_REVEAL, "show answer"},
		{ACT_TIMER, "timer"},
		{ACT_EDIT, "edit"},
		{ACT_UNDO, "undo"},
		{ACT_HELP, "help"},
		{ACT_BACK, "back"},
	};
	static const struct ui_hint hints_short[] = {
		{ACT_REVEAL, "show answer"},
		{ACT_HELP, "help"},
		{ACT_BACK, "back"},
	};

	if (ui_hints_width(hints, 6, 3, false) <= COLS - 2)
		ui_hints(ui, hints, 6, 3, false);
	else
		ui_hints(ui, hints_short, 3, 3, false);
}

static void
draw_rule(int y, int x, int w, const char *label, attr_t attr)
{
	ui_hline(y, x, w, A_NORMAL);
	ui_puts(y, x + 2, label, w - 4, attr);
}

static void
review_draw(struct ui *ui)
{
	int x, w, h = ui_body_height();
	size_t answer_row;

	if (rv.q == NULL)
		return;
	ui_text_column(&x, &w);
	layout(w, &answer_row);
	if (rv.top > max_top())
		rv.top = max_top();
	draw_status(ui);
	for (int i = 0; i < h && (size_t)(rv.top + i) < rv.nrows; i++) {
		const struct row *r = &rv.rows[rv.top + i];
		int y = 2 + i, in = r->indent;

		switch (r->kind) {
		case ROW_QUESTION:
			ui_put(y, x + in, rv.q + r->off, r->len, w - in, A_BOLD);
			break;
		case ROW_ANSWER:
			ui_put(y, x + in, rv.a + r->off, r->len, w - in, A_NORMAL);
			break;
		case ROW_TIPS:
			ui_vbar(y, x, ui->a_accent);
			ui_put(y, x + 2 + in, rv.t + r->off, r->len, w - 2 - in,
			    A_NORMAL);
			break;
		case ROW_RULE:
			draw_rule(y, x, w, " Answer ", ui->a_dim);
			break;
		case ROW_TIPS_RULE:
			draw_rule(y, x, w, " How to prepare ", ui->a_accent);
			break;
		case ROW_BLANK:
			break;
		}
	}
	if (rv.top + h < (int)rv.nrows) {
		char more[64], line[16], page[16];
		int pct = (int)(100 * (rv.top + h) / (int)rv.nrows);

		actions_keys_text(ACT_SCROLL_DOWN, false, line, sizeof(line));
		actions_keys_text(ACT_PAGE_DOWN, false, page, sizeof(page));
		snprintf(more, sizeof(more), "more below: %s, %s  %d%%", line, page,
		    pct);
		ui_puts_right(LINES - 2, x + w, more, ui->a_dim);
	} else if (rv.top > 0) {
		char more[64], line[16], page[16];

		actions_keys_text(ACT_SCROLL_UP, false, line, sizeof(line));
		actions_keys_text(ACT_PAGE_UP, false, page, sizeof(page));
		snprintf(more, sizeof(more), "end of card  %s, %s: back up", line,
		    page);
		ui_puts_right(LINES - 2, x + w, more, ui->a_dim);
	}
	if (rv.revealed)
		draw_grades(ui);
	else
		draw_hints(ui);
}

static int
answer(struct ui *ui, enum rating r)
{
	char *err = NULL;
	int64_t spent = ui_mono(ui) - rv.shown_at;
	int rc = session_answer(ui->se, r, ui_now(ui), spent, &err);

	if (rc < 0) {
		/* the card stays; the user may try again */
		ui_message(ui, true, "Not recorded: %s", err);
		free(err);
		return 0;
	}
	if (rc == SESSION_STALE)
		ui_message(ui, true, "Recorded, but the next card could not be read: %s",
		    err);
	free(err);
	next_card(ui);
	return 0;
}

static void
scroll_by(int n)
{
	rv.top += n;
	if (rv.top > max_top())
		rv.top = max_top();
	if (rv.top < 0)
		rv.top = 0;
}

static int
review_request(struct ui *ui, enum action a, char **errmsg)
{
	char *err = NULL;
	int page = ui_body_height() > 2 ? ui_body_height() - 1 : 1;
	int rc;

	(void)errmsg;
	switch (a) {
	case ACT_REVEAL: {
		int x, w;
		size_t answer_row;

		rv.revealed = true;
		rv.revealed_at = ui_mono(ui);
		/* the intervals the grades would give, as of now */
		rv.due_now = ui_now(ui);
		session_preview(ui->se, rv.due_now, rv.due);
		ui_text_column(&x, &w);
		layout(w, &answer_row);
		/* bring the answer into view if the question filled the page */
		if ((int)answer_row >= rv.top + ui_body_height())
			rv.top = (int)answer_row;
		scroll_by(0);
		break;
	}
	case ACT_AGAIN:
		return answer(ui, RATING_AGAIN);
	case ACT_HARD:
		return answer(ui, RATING_HARD);
	case ACT_GOOD:
		return answer(ui, RATING_GOOD);
	case ACT_EASY:
		return answer(ui, RATING_EASY);
	case ACT_SCROLL_DOWN:
		scroll_by(1);
		break;
	case ACT_SCROLL_UP:
		scroll_by(-1);
		break;
	case ACT_PAGE_DOWN:
		scroll_by(page);
		break;
	case ACT_PAGE_UP:
		scroll_by(-page);
		break;
	case ACT_TIMER:
		rv.timer_hidden = !rv.timer_hidden;
		break;
	case ACT_UNDO:
		if (ui_undo(ui))
			load_card(ui, true);
		break;
	case ACT_EDIT:
		return ui_edit_card(ui, errmsg);
	case ACT_BURY:
		rc = session_bury(ui->se, ui_now(ui), &err);
		if (rc < 0) {
			ui_message(ui, true, "Could not bury: %s", err);
		} else {
			if (rc == SESSION_STALE)
				ui_message(ui, true, "Buried, but the next card could "
				    "not be read: %s", err);
			else
				ui_message(ui, false, "Buried until tomorrow.");
			next_card(ui);
		}
		break;
	case ACT_SUSPEND:
		rc = session_suspend(ui->se, ui_now(ui), &err);
		if (rc < 0) {
			ui_message(ui, true, "Could not suspend: %s", err);
		} else {
			if (rc == SESSION_STALE)
				ui_message(ui, true, "Suspended, but the next card "
				    "could not be read: %s", err);
			else
				ui_message(ui, false, "Card suspended.");
			next_card(ui);
		}
		break;
	case ACT_FLAG:
		if (session_toggle_flag(ui->se, &err) != 0) {
			ui_message(ui, true, "Could not flag: %s", err);
		} else {
			load_card(ui, false);
			ui_message(ui, false, rv.flagged ?
			    "Flagged for editing (shown as * by the deck name)." :
			    "Flag removed.");
		}
		break;
	case ACT_BACK:
		ui_switch(ui, &ui_decks_ops);
		break;
	default:
		break;
	}
	free(err);
	return 0;
}

void
ui_review_reload(struct ui *ui)
{
	load_card(ui, false);
}

void
ui_review_pause(struct ui *ui, int64_t away)
{
	(void)ui;
	if (away <= 0)
		return;
	/* the clock on screen and the answer's duration both skip it */
	rv.shown_at += away;
	if (rv.revealed)
		rv.revealed_at += away;
}

const struct ui_screen_ops ui_review_ops = {
	.name = "review",
	.open = review_open,
	.keys = review_keys,
	.draw = review_draw,
	.request = review_request,
	.done = review_done,
	.ticking = review_ticking,
};
