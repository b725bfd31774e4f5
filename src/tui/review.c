/*
 * review.c - reviewing: the question, then the answer and the tips, and
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
#include "tui/marked.h"
#include "tui/screen.h"

enum row_kind { ROW_QUESTION,
	ROW_ANSWER,
	ROW_TIPS,
	ROW_BLANK,
	ROW_RULE,
	ROW_TIPS_RULE };

struct row {
	enum row_kind kind;
	size_t off, len;
	int indent;
};

/* The screen's state (ui_review_ops.state_size): the loop keeps it from
 * one visit to the next. */
struct review_screen {
	bool revealed;
	bool timer_hidden; /* kept from card to card, and deck to deck */
	int64_t shown_at;  /* ui_mono when the card appeared */
	int64_t revealed_at;
	struct ui_marked mq, ma, mt; /* sanitised, markup as attributes */
	char *q, *a, *t;             /* their text */
	bool flagged;
	enum card_state state;
	int top; /* first body row shown */
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
};

static void
text_free(struct review_screen *rv)
{
	ui_marked_free(&rv->mq);
	ui_marked_free(&rv->ma);
	ui_marked_free(&rv->mt);
	rv->q = rv->a = rv->t = NULL;
	rv->rows_stale = true;
}

/*
 * Takes the session's current card into the screen.  fresh: a new card
 * (or one shown again), so it starts hidden, timed from now, at the top.
 */
static void
load_card(struct ui *ui, struct review_screen *rv, bool fresh)
{
	const struct card *c = session_card(ui->se);

	text_free(rv);
	if (c == NULL)
		return;
	ui_marked_set(&rv->mq, c->question);
	ui_marked_set(&rv->ma, c->answer);
	ui_marked_set(&rv->mt, c->tips);
	rv->q = rv->mq.text;
	rv->a = rv->ma.text;
	rv->t = rv->mt.text;
	rv->flagged = c->flagged;
	rv->state = c->s.state;
	rv->rows_stale = true;
	if (fresh) {
		rv->revealed = false;
		rv->shown_at = ui_mono(ui);
		rv->top = 0;
	}
}

/* After an answer, bury or suspend: the next card, or the summary. */
static void
next_card(struct ui *ui, struct review_screen *rv)
{
	if (session_card(ui->se) == NULL) {
		text_free(rv);
		ui_switch(ui, &ui_summary_ops);
	} else {
		load_card(ui, rv, true);
	}
}

static int
review_open(struct ui *ui, void *state, char **errmsg)
{
	const struct session_custom *c = ui->custom;

	if (ui->se == NULL && c != NULL &&
	    session_open_custom(ui->st, ui->set, ui->deck_id, c, ui_now(ui), &ui->se,
		errmsg) != 0)
		return -1;
	if (ui->se == NULL &&
	    session_open(ui->st, ui->set, ui->deck_id, ui_now(ui), &ui->se,
		errmsg) != 0)
		return -1;
	session_set_undo(ui->se, ui->undo);
	next_card(ui, state);
	return 0;
}

static void
review_done(struct ui *ui, void *state)
{
	struct review_screen *rv = state;

	(void)ui;
	text_free(rv);
	free(rv->rows);
	rv->rows = NULL;
	rv->nrows = rv->cap = 0;
	text_lines_free(&rv->lines);
}

static enum action_screen
review_keys(struct ui *ui, void *state)
{
	const struct review_screen *rv = state;

	(void)ui;
	return rv->revealed ? ACT_SCREEN_ANSWER : ACT_SCREEN_QUESTION;
}

static bool
review_ticking(struct ui *ui, void *state)
{
	const struct review_screen *rv = state;

	(void)ui;
	return !rv->revealed && !rv->timer_hidden;
}

static void
add_row(struct review_screen *rv, enum row_kind kind, size_t off, size_t len,
    int indent)
{
	rv->rows = xgrow(rv->rows, &rv->cap, rv->nrows, sizeof(*rv->rows));
	rv->rows[rv->nrows++] = (struct row){ kind, off, len, indent };
}

static void
add_text(struct review_screen *rv, enum row_kind kind, const char *s, int width)
{
	text_wrap(s, width, &rv->lines);
	for (size_t i = 0; i < rv->lines.n; i++)
		add_row(rv, kind, rv->lines.v[i].off, rv->lines.v[i].len,
		    rv->lines.v[i].indent);
}

/* Lays the body out as display rows (see layout). */
static void
lay_out(struct review_screen *rv, int width, size_t *answer_row)
{
	rv->nrows = 0;
	add_text(rv, ROW_QUESTION, rv->q, width);
	*answer_row = rv->nrows;
	if (!rv->revealed)
		return;
	add_row(rv, ROW_BLANK, 0, 0, 0);
	*answer_row = rv->nrows;
	add_row(rv, ROW_RULE, 0, 0, 0);
	add_text(rv, ROW_ANSWER, rv->a, width);
	if (rv->t[0] != '\0') {
		add_row(rv, ROW_BLANK, 0, 0, 0);
		add_row(rv, ROW_TIPS_RULE, 0, 0, 0);
		add_text(rv, ROW_TIPS, rv->t, width - 2);
	}
}

/* The body as display rows, for the current width; *answer_row gets the
 * row of the answer's rule.  Wrapping is done again only when the text,
 * the width or the side shown has changed, not on every tick. */
static void
layout(struct review_screen *rv, int width, size_t *answer_row)
{
	if (!rv->rows_stale && rv->rows_width == width &&
	    rv->rows_revealed == rv->revealed) {
		*answer_row = rv->answer_row;
		return;
	}
	rv->rows_stale = false;
	rv->rows_width = width;
	rv->rows_revealed = rv->revealed;
	lay_out(rv, width, &rv->answer_row);
	*answer_row = rv->answer_row;
}

static int
max_top(const struct review_screen *rv)
{
	int m = (int)rv->nrows - ui_body_height();

	return m > 0 ? m : 0;
}

/* "Cram: " or "Tag NAME: " at (0, x) in at most w columns, for a custom
 * session; the columns used. */
static int
draw_custom_kind(struct ui *ui, int x, int w)
{
	char *kind, *tag;
	int used;

	if (ui->custom == NULL || (!ui->custom->cram && ui->custom->tag == NULL))
		return 0;
	if (ui->custom->cram)
		return ui_puts(0, x, "Cram: ", w, ui->a_bar | A_BOLD);
	tag = text_sanitize_line(ui->custom->tag);
	kind = xasprintf("Tag %s: ", tag);
	used = ui_puts(0, x, kind, w, ui->a_bar | A_BOLD);
	free(kind);
	free(tag);
	return used;
}

static void
draw_status(struct ui *ui, const struct review_screen *rv)
{
	struct queue_counts c;
	char buf[64];
	int xend = COLS - 1, x;
	static const char *const labels[2][3] = { { "New", "Learn", "Due" },
		{ "N", "L", "D" } };
	const char *const *label = labels[0];
	int64_t v[3];
	int current, need = 0;

	session_counts(ui->se, &c);
	v[0] = c.new_cards;
	v[1] = c.learning;
	v[2] = c.review;
	current = rv->state == STATE_NEW ? 0 : rv->state == STATE_REVIEW ? 2
	                                                                 : 1;
	ui_fill(0, ui->a_bar);
	if (!rv->timer_hidden) {
		int64_t t = (rv->revealed ? rv->revealed_at : ui_mono(ui)) -
		            rv->shown_at;

		ui_format_duration(t, buf, sizeof(buf));
		xend -= ui_puts_right(0, xend, buf, ui->a_bar | A_BOLD) + 3;
	}
	/* the labels' initials when the full ones would cut the deck's name */
	for (int i = 0; i < 3; i++) {
		snprintf(buf, sizeof(buf), "%lld", (long long)v[i]);
		need += text_width(buf) + text_width(label[i]) + 3;
	}
	if (xend - need - 2 < text_width(ui->deck_name) + (rv->flagged ? 2 : 0))
		label = labels[1];
	/* the counts, right to left; the current card's queue underlined */
	for (int i = 2; i >= 0; i--) {
		snprintf(buf, sizeof(buf), "%lld", (long long)v[i]);
		xend -= ui_puts_right(0, xend, buf,
		    ui->a_bar | (i == current ? A_BOLD | A_UNDERLINE : 0));
		xend -= ui_puts_right(0, xend - 1, label[i], ui->a_bar) + 1;
		xend -= 2;
	}
	x = 1;
	if (rv->flagged) {
		x += ui_puts(0, x, "* ", 2, ui->a_bar | A_BOLD);
	}
	/* a name cut short loses its "(cram: ...)" or "(tag ...)": say it
	 * first */
	if (text_width(ui->deck_name) > xend - x - 1)
		x += draw_custom_kind(ui, x, xend - x - 1);
	ui_puts(0, x, ui->deck_name, xend - x - 1, ui->a_bar | A_BOLD);
}

static void
draw_grades(struct ui *ui, const struct review_screen *rv)
{
	static const char *const name[2][4] = {
		{ "Again", "Hard", "Good", "Easy" },
		{ "A", "H", "G", "E" },
	};
	static const enum action grade[4] = { ACT_AGAIN, ACT_HARD, ACT_GOOD,
		ACT_EASY };
	char key[4][16], help[16], rest_help[32];
	int64_t now = rv->due_now;
	char ivl[4][16];
	int form, gap, x = 1, need;

	for (int i = 0; i < 4; i++) {
		if (fsrs_format_interval(rv->due[i] - now, ivl[i],
			sizeof(ivl[i])) != 0)
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
		{ ACT_REVEAL, "show answer" },
		{ ACT_TIMER, "timer" },
		{ ACT_EDIT, "edit" },
		{ ACT_UNDO, "undo" },
		{ ACT_HELP, "help" },
		{ ACT_BACK, "back" },
	};
	static const struct ui_hint hints_short[] = {
		{ ACT_REVEAL, "show answer" },
		{ ACT_HELP, "help" },
		{ ACT_BACK, "back" },
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

/* Row r of the body at y, in the text column from x, w wide. */
static void
draw_row(struct ui *ui, const struct review_screen *rv, const struct row *r, int y,
    int x, int w)
{
	int in = r->indent;

	switch (r->kind) {
	case ROW_QUESTION:
		ui_put_marked(y, x + in, &rv->mq, r->off, r->len, w - in, A_BOLD);
		break;
	case ROW_ANSWER:
		ui_put_marked(y, x + in, &rv->ma, r->off, r->len, w - in, A_NORMAL);
		break;
	case ROW_TIPS:
		ui_vbar(y, x, ui->a_accent);
		ui_put_marked(y, x + 2 + in, &rv->mt, r->off, r->len, w - 2 - in,
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

/* Above the footer, ending at column xend: that the card goes on below,
 * or that its end is shown after scrolling. */
static void
draw_scroll_hint(struct ui *ui, const struct review_screen *rv, int xend)
{
	char more[64], line[16], page[16];
	int h = ui_body_height();
	bool below = rv->top + h < (int)rv->nrows;

	if (!below && rv->top == 0)
		return;
	actions_keys_text(below ? ACT_SCROLL_DOWN : ACT_SCROLL_UP, false, line,
	    sizeof(line));
	actions_keys_text(below ? ACT_PAGE_DOWN : ACT_PAGE_UP, false, page,
	    sizeof(page));
	if (below)
		snprintf(more, sizeof(more), "more below: %s, %s  %d%%", line,
		    page, (int)(100 * (rv->top + h) / (int)rv->nrows));
	else
		snprintf(more, sizeof(more), "end of card  %s, %s: back up",
		    line, page);
	ui_puts_right(LINES - 2, xend, more, ui->a_dim);
}

static void
review_draw(struct ui *ui, void *state)
{
	struct review_screen *rv = state;
	int x, w, h = ui_body_height();
	size_t answer_row;

	if (rv->q == NULL)
		return;
	ui_text_column(&x, &w);
	layout(rv, w, &answer_row);
	if (rv->top > max_top(rv))
		rv->top = max_top(rv);
	draw_status(ui, rv);
	for (int i = 0; i < h && (size_t)(rv->top + i) < rv->nrows; i++)
		draw_row(ui, rv, &rv->rows[rv->top + i], 2 + i, x, w);
	draw_scroll_hint(ui, rv, x + w);
	if (rv->revealed)
		draw_grades(ui, rv);
	else
		draw_hints(ui);
}

/*
 * What the user is told after an answer, a bury or a suspend: the text
 * before the error when it failed, the word for what was done when the
 * next card could not be read, and the message when all went well (NULL:
 * none).
 */
struct outcome {
	const char *failed;
	const char *done;
	const char *ok;
};

static const struct outcome answered = { "Not recorded", "Recorded", NULL };
static const struct outcome buried = { "Could not bury", "Buried",
	"Buried until tomorrow." };
static const struct outcome suspended = { "Could not suspend", "Suspended",
	"Card suspended." };

/* Says how a step on the session that returned rc (with err) went and,
 * unless it failed, moves on to the next card.  A failed step leaves the
 * card: the user may try again. */
static void
step_done(struct ui *ui, struct review_screen *rv, int rc, const char *err,
    const struct outcome *o)
{
	if (rc < 0) {
		ui_message(ui, true, "%s: %s", o->failed, err);
		return;
	}
	if (rc == SESSION_CHANGED)
		ui_message(ui, true, "The card changed elsewhere (another rehearse"
				     " answered it): this answer is not recorded.");
	else if (rc == SESSION_STALE)
		ui_message(ui, true, "%s, but the next card could not be read: %s",
		    o->done, err);
	else if (o->ok != NULL)
		ui_message(ui, false, "%s", o->ok);
	next_card(ui, rv);
}

/* The counts again, under settings read afresh (Ctrl-L). */
static void
refresh_counts(struct ui *ui)
{
	char *err = NULL;

	if (session_refresh(ui->se, ui_now(ui), &err) != 0)
		ui_message(ui, true, "Could not read the queue: %s", err);
	free(err);
}

/* After an answer that made its card a leech: what became of it. */
static void
say_leech(struct ui *ui)
{
	bool untagged = session_last_leech_untagged(ui->se);

	switch (session_last_leech(ui->se)) {
	case SESSION_LEECH_SUSPENDED:
		ui_message(ui, true, untagged ? "A leech, suspended; its tags are full, so"
						" no leech tag; u undoes."
					      : "A leech: that card keeps lapsing."
						" Suspended and tagged leech; u undoes.");
		break;
	case SESSION_LEECH_TAGGED:
		ui_message(ui, true, untagged ? "A leech: rewrite or split it; its tags"
						" are full, so no leech tag."
					      : "A leech: that card keeps lapsing."
						" Tagged leech: rewrite or split it.");
		break;
	case SESSION_LEECH_NONE:
		break;
	}
}

static void
answer(struct ui *ui, struct review_screen *rv, enum rating r)
{
	char *err = NULL;
	int64_t spent = ui_mono(ui) - rv->shown_at;
	int rc = session_answer(ui->se, r, ui_now(ui), spent, &err);

	step_done(ui, rv, rc, err, &answered);
	free(err);
	if (rc == 0 || rc == SESSION_STALE)
		say_leech(ui);
}

/* Buries (suspend false) or suspends the current card. */
static void
set_aside(struct ui *ui, struct review_screen *rv, bool suspend)
{
	char *err = NULL;
	int rc = suspend ? session_suspend(ui->se, ui_now(ui), &err) : session_bury(ui->se, ui_now(ui), &err);

	step_done(ui, rv, rc, err, suspend ? &suspended : &buried);
	free(err);
}

static void
toggle_flag(struct ui *ui, struct review_screen *rv)
{
	char *err = NULL;

	if (session_toggle_flag(ui->se, &err) != 0) {
		ui_message(ui, true, "Could not flag: %s", err);
	} else {
		load_card(ui, rv, false);
		ui_message(ui, false, rv->flagged ? "Flagged for editing (shown as * by the deck name)." : "Flag removed.");
	}
	free(err);
}

static void
scroll_by(struct review_screen *rv, int n)
{
	rv->top += n;
	if (rv->top > max_top(rv))
		rv->top = max_top(rv);
	if (rv->top < 0)
		rv->top = 0;
}

static void
reveal(struct ui *ui, struct review_screen *rv)
{
	int x, w;
	size_t answer_row;

	rv->revealed = true;
	rv->revealed_at = ui_mono(ui);
	/* the intervals the grades would give, as of now */
	rv->due_now = ui_now(ui);
	session_preview(ui->se, rv->due_now, rv->due);
	ui_text_column(&x, &w);
	layout(rv, w, &answer_row);
	/* bring the answer into view if the question filled the page */
	if ((int)answer_row >= rv->top + ui_body_height())
		rv->top = (int)answer_row;
	scroll_by(rv, 0);
}

static int
edit(struct ui *ui, struct review_screen *rv, char **errmsg)
{
	int64_t away = 0;
	int rc = ui_edit_card(ui, &away, errmsg);

	/* the clock on screen and the answer's duration both skip the time
	 * spent in the editor */
	if (away > 0) {
		rv->shown_at += away;
		if (rv->revealed)
			rv->revealed_at += away;
	}
	if (rc > 0)
		load_card(ui, rv, false);
	return rc < 0 ? -1 : 0;
}

static int
review_request(struct ui *ui, void *state, enum action a, char **errmsg)
{
	struct review_screen *rv = state;
	int page = ui_body_height() > 2 ? ui_body_height() - 1 : 1;

	switch (a) {
	case ACT_REVEAL:
		reveal(ui, rv);
		break;
	case ACT_AGAIN:
		answer(ui, rv, RATING_AGAIN);
		break;
	case ACT_HARD:
		answer(ui, rv, RATING_HARD);
		break;
	case ACT_GOOD:
		answer(ui, rv, RATING_GOOD);
		break;
	case ACT_EASY:
		answer(ui, rv, RATING_EASY);
		break;
	case ACT_SCROLL_DOWN:
	case ACT_SCROLL_UP:
		scroll_by(rv, a == ACT_SCROLL_DOWN ? 1 : -1);
		break;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		scroll_by(rv, a == ACT_PAGE_DOWN ? page : -page);
		break;
	case ACT_SCROLL_TOP:
		rv->top = 0;
		break;
	case ACT_SCROLL_BOTTOM:
		rv->top = max_top(rv);
		break;
	case ACT_TIMER:
		rv->timer_hidden = !rv->timer_hidden;
		break;
	case ACT_UNDO:
		if (ui_undo(ui))
			load_card(ui, rv, true);
		break;
	case ACT_EDIT:
		return edit(ui, rv, errmsg);
	case ACT_BURY:
	case ACT_SUSPEND:
		set_aside(ui, rv, a == ACT_SUSPEND);
		break;
	case ACT_FLAG:
		toggle_flag(ui, rv);
		break;
	case ACT_BACK:
		ui_switch(ui, &ui_decks_ops);
		break;
	case ACT_BROWSE:
		ui_switch(ui, &ui_browse_ops);
		break;
	case ACT_REDRAW:
		refresh_counts(ui);
		break;
	default:
		break;
	}
	return 0;
}

const struct ui_screen_ops ui_review_ops = {
	.name = "review",
	.state_size = sizeof(struct review_screen),
	.open = review_open,
	.keys = review_keys,
	.draw = review_draw,
	.request = review_request,
	.done = review_done,
	.ticking = review_ticking,
};
