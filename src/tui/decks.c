/*
 * decks.c - the deck list: each deck with what is left to do today.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/queue.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "tui/screen.h"

struct deck_row {
	int64_t id;
	char *name; /* sanitised */
	struct queue_counts c;
	int own_new, own_review; /* the deck's own daily limits; -1: none */
	int64_t leeches;         /* cards tagged leech */
};

/* The screen's state (ui_decks_ops.state_size). */
struct deck_list {
	struct deck_row *rows;
	size_t n;
	size_t sel;
	size_t top;
	size_t page; /* the rows the list showed when last drawn */
	struct queue_counts total;
	int64_t leeches;  /* in all decks */
	int64_t next_due; /* 0: nothing scheduled */
	int64_t now;
	int64_t keep; /* the deck selected when the list was last left */
};

static void
rows_free(struct deck_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		free(dl->rows[i].name);
	free(dl->rows);
	dl->rows = NULL;
	dl->n = 0;
}

/* The deck's own daily limits, to say which limit holds cards back. */
static int
own_limits(struct ui *ui, struct deck_row *r, char **errmsg)
{
	struct deck_settings ds;

	if (settings_load_deck(ui->st, ui->set, r->id, &ds, errmsg) != 0)
		return -1;
	r->own_new = settings_deck_owns(&ds, "new-per-day") ? ds.set.new_per_day : -1;
	r->own_review = settings_deck_owns(&ds, "reviews-per-day")
	                    ? ds.set.reviews_per_day
	                    : -1;
	return store_count_leeches(ui->st, r->id, &r->leeches, errmsg);
}

/* Reads the decks and their counts at now, keeping the selected deck. */
static int
load(struct ui *ui, struct deck_list *dl, char **errmsg)
{
	struct deck_info *decks = NULL;
	struct queue_counts *counts = NULL;
	size_t nd = 0, nc = 0;
	int status = -1;

	rows_free(dl);
	dl->leeches = 0;
	dl->now = ui_now(ui);
	/* Another rehearse may have changed the limits meanwhile. */
	if (ui_reload_settings(ui, errmsg) != 0 ||
	    store_decks_brief(ui->st, &decks, &nd, errmsg) != 0)
		goto out;
	if (queue_counts(ui->st, ui->set, dl->now, &counts, &nc, &dl->total,
		errmsg) != 0)
		goto out;
	if (queue_next_due(ui->st, ui->set, 0, dl->now, &dl->next_due, errmsg) != 0)
		goto out;
	dl->rows = xcalloc(nd ? nd : 1, sizeof(*dl->rows));
	for (size_t i = 0; i < nd; i++) {
		struct deck_row *r = &dl->rows[dl->n];

		/* a deck with no card has nothing to study: leave it out */
		if (decks[i].cards == 0)
			continue;
		r->id = decks[i].id;
		r->name = text_sanitize_line(decks[i].name);
		r->c.deck_id = r->id;
		for (size_t k = 0; k < nc; k++)
			if (counts[k].deck_id == r->id)
				r->c = counts[k];
		dl->n++;
		if (own_limits(ui, r, errmsg) != 0)
			goto out;
		dl->leeches += r->leeches;
	}
	dl->sel = 0;
	for (size_t i = 0; i < dl->n; i++)
		if (dl->rows[i].id == dl->keep)
			dl->sel = i;
	status = 0;
out:
	store_decks_free(decks, nd);
	free(counts);
	return status;
}

static int
decks_open(struct ui *ui, void *state, char **errmsg)
{
	/* every way back to the list comes here: the session is over */
	ui_end_session(ui);
	return load(ui, state, errmsg);
}

/* A card comes due while the list is open: its counts then show it. */
static void
decks_tick(struct ui *ui, void *state)
{
	struct deck_list *dl = state;
	char *err = NULL;
	int64_t now = ui_now(ui);

	if (dl->next_due == 0 || now < dl->next_due) {
		dl->now = now;
		return;
	}
	if (dl->n > 0)
		dl->keep = dl->rows[dl->sel].id;
	if (load(ui, dl, &err) != 0) {
		ui_message(ui, true, "Could not read the decks again: %s", err);
		free(err);
		dl->next_due = 0; /* not again every second */
	}
}

static void
decks_done(struct ui *ui, void *state)
{
	struct deck_list *dl = state;

	(void)ui;
	if (dl->n > 0)
		dl->keep = dl->rows[dl->sel].id;
	rows_free(dl);
}

static enum action_screen
decks_keys(struct ui *ui, void *state)
{
	(void)ui;
	(void)state;
	return ACT_SCREEN_DECKS;
}

static int64_t
due_total(const struct queue_counts *c)
{
	return c->new_cards + c->learning + c->review;
}

/* The three counts, right-aligned in columns ending at xend. */
static void
draw_counts(struct ui *ui, int y, int xend, const struct queue_counts *c,
    attr_t base)
{
	int64_t v[3] = { c->new_cards, c->learning, c->review };

	/* A count held back by a daily limit: more cards wait. */
	bool held[3] = { c->new_limit != QUEUE_LIMIT_NONE, false,
		c->review_limit != QUEUE_LIMIT_NONE };

	for (int i = 0; i < 3; i++) {
		char num[24];

		snprintf(num, sizeof(num), "%lld%s", (long long)v[i],
		    held[i] ? "+" : "");
		ui_puts_right(y, xend - (2 - i) * 7, num,
		    v[i] == 0 ? base | ui->a_dim : base);
	}
}

/* "Mon 23 Nov": the study day of now, so that at 02:00 with the day
 * starting at 4 it is still the day before. */
static void
study_day_text(int64_t now, int day_starts_at, char *buf, size_t n)
{
	int64_t z = timefmt_study_day(now, day_starts_at), y;
	struct tm tm;
	int m, d;

	timefmt_civil_from_days(z, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)(y - 1900);
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_wday = (int)(((z % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
	strftime(buf, n, "%a %d %b", &tm);
}

/* The title bar and the footer. */
static void
draw_frame(struct ui *ui, const struct deck_list *dl)
{
	/* On a wide screen the other screens' keys too, and custom study. */
	static const struct ui_hint hints_widest[] = {
		{ ACT_STUDY, "study" },
		{ ACT_STUDY_ALL, "all decks" },
		{ ACT_CUSTOM, "custom study" },
		{ ACT_STATS, "stats" },
		{ ACT_BROWSE, "browse" },
		{ ACT_INTERVIEW, "interview" },
		{ ACT_HELP, "help" },
		{ ACT_QUIT, "quit" },
	};
	static const struct ui_hint hints_wide[] = {
		{ ACT_STUDY, "study" },
		{ ACT_STUDY_ALL, "all decks" },
		{ ACT_STATS, "stats" },
		{ ACT_BROWSE, "browse" },
		{ ACT_INTERVIEW, "interview" },
		{ ACT_HELP, "help" },
		{ ACT_QUIT, "quit" },
	};
	static const struct ui_hint hints[] = {
		{ ACT_STUDY, "study" },
		{ ACT_STUDY_ALL, "all decks" },
		{ ACT_HELP, "help" },
		{ ACT_QUIT, "quit" },
	};
	static const struct ui_hint hints_short[] = {
		{ ACT_STUDY, "study" },
		{ ACT_STUDY_ALL, "all" },
		{ ACT_HELP, "help" },
		{ ACT_QUIT, "quit" },
	};
	char buf[128];

	ui_fill(0, ui->a_bar);
	ui_puts(0, 1, "rehearse", COLS - 2, ui->a_bar | A_BOLD);
	study_day_text(dl->now, ui->set->day_starts_at, buf, sizeof(buf));
	ui_puts_right(0, COLS - 1, buf, ui->a_bar);
	if (ui_hints_width(hints_widest, 8, 3, false) <= COLS - 2)
		ui_hints(ui, hints_widest, 8, 3, false);
	else if (ui_hints_width(hints_wide, 7, 3, false) <= COLS - 2)
		ui_hints(ui, hints_wide, 7, 3, false);
	else if (ui_hints_width(hints, 4, 3, false) <= COLS - 2)
		ui_hints(ui, hints, 4, 3, false);
	else
		ui_hints(ui, hints_short, 4, 2, false);
}

/* A deck's name and, dimmed after it when there is room, its leeches. */
static void
draw_name(struct ui *ui, int y, int x, int w, const char *name, int64_t leeches,
    attr_t a)
{
	char note[48];
	int nw = text_width(name), lw;

	ui_puts(y, x, name, w, a);
	if (leeches == 0)
		return;
	snprintf(note, sizeof(note), "%lld leech%s", (long long)leeches,
	    leeches == 1 ? "" : "es");
	lw = (int)strlen(note);
	if (nw + 2 + lw <= w)
		ui_puts(y, x + nw + 2, note, lw, a | ui->a_dim);
}

/* The decks from row top, list_h rows at most, in the text column (x, w)
 * with names name_w wide; returns the row after the last one drawn. */
static int
draw_rows(struct ui *ui, struct deck_list *dl, int top, int list_h, int x,
    int w, int name_w)
{
	int y = top;

	if (dl->sel < dl->top)
		dl->top = dl->sel;
	if (dl->sel >= dl->top + (size_t)list_h)
		dl->top = dl->sel - (size_t)list_h + 1;
	if (dl->top + (size_t)list_h > dl->n)
		dl->top = dl->n > (size_t)list_h ? dl->n - (size_t)list_h : 0;
	dl->page = (size_t)list_h;
	for (size_t i = dl->top; i < dl->n && y < top + list_h; i++, y++) {
		const struct deck_row *r = &dl->rows[i];
		attr_t a = i == dl->sel ? A_REVERSE : A_NORMAL;

		if (i == dl->sel) {
			ui_attr(A_REVERSE);
			mvhline(y, x, ' ', w);
			ui_attr(A_NORMAL);
			ui_puts(y, x, ">", 1, a | A_BOLD);
		}
		draw_name(ui, y, x + 2, name_w, r->name, r->leeches,
		    a | (i == dl->sel ? A_BOLD : 0));
		draw_counts(ui, y, x + w, &r->c, a);
	}
	if (dl->top > 0)
		ui_puts(top, x + w + 1, "^", 1, ui->a_dim);
	if (dl->top + (size_t)list_h < dl->n)
		ui_puts(y - 1, x + w + 1, "v", 1, ui->a_dim);
	return y;
}

/* "its own limit (5 a day)", "the collection's review limit (20 a day)"
 * for the limit l (called what) of a row whose own limit is own (-1:
 * none) and the collection's coll; compact: "own limit 5/day",
 * "collection review limit 20/day". */
static void
limit_words(enum queue_limit l, const char *what, int own, int coll,
    bool compact, char *buf, size_t n)
{
	bool mine = l == QUEUE_LIMIT_DECK && own >= 0;

	if (compact)
		snprintf(buf, n, "%s %s %d/day", mine ? "own" : "collection", what,
		    mine ? own : coll);
	else
		snprintf(buf, n, "%s %s (%d a day)",
		    mine ? "its own" : "the collection's", what, mine ? own : coll);
}

/* Into buf, what holds the selected deck's cards back (or all decks'),
 * in words or compact; false when nothing does. */
static bool
limit_text(struct ui *ui, const struct deck_list *dl, bool compact, char *buf,
    size_t n)
{
	const struct deck_row *r = &dl->rows[dl->sel];
	const struct queue_counts *t = &dl->total;
	const struct settings *set = ui->set;
	char nw[96], rw[96];

	/* the review limit counts new cards too, and may bite first */
	if (r->c.new_by_reviews)
		limit_words(r->c.new_limit, "review limit", r->own_review,
		    set->reviews_per_day, compact, nw, sizeof(nw));
	else
		limit_words(r->c.new_limit, "limit", r->own_new, set->new_per_day,
		    compact, nw, sizeof(nw));
	limit_words(r->c.review_limit, "limit", r->own_review, set->reviews_per_day,
	    compact, rw, sizeof(rw));
	if (r->c.new_limit != QUEUE_LIMIT_NONE && r->c.review_limit != QUEUE_LIMIT_NONE)
		snprintf(buf, n,
		    compact ? "+ new: %s; reviews: %s"
			    : "+ held back: new cards by %s, reviews by %s",
		    nw, rw);
	else if (r->c.new_limit != QUEUE_LIMIT_NONE)
		snprintf(buf, n, compact ? "+ new: %s" : "+ held back: new cards by %s",
		    nw);
	else if (r->c.review_limit != QUEUE_LIMIT_NONE)
		snprintf(buf, n, compact ? "+ reviews: %s" : "+ held back: reviews by %s",
		    rw);
	else if (t->new_limit == QUEUE_LIMIT_COLLECTION && t->new_by_reviews)
		snprintf(buf, n,
		    compact ? "+ all decks: new, collection review limit %d/day"
			    : "+ all decks: new cards held back by the"
			      " collection's review limit (%d a day)",
		    set->reviews_per_day);
	else if (t->new_limit == QUEUE_LIMIT_COLLECTION &&
		 t->review_limit == QUEUE_LIMIT_COLLECTION)
		snprintf(buf, n,
		    compact ? "+ all decks: collection limits %d new, %d reviews/day"
			    : "+ all decks: held back by the collection's limits"
			      " (%d new, %d reviews a day)",
		    set->new_per_day, set->reviews_per_day);
	else if (t->new_limit == QUEUE_LIMIT_COLLECTION)
		snprintf(buf, n,
		    compact ? "+ all decks: collection limit %d new/day"
			    : "+ all decks: held back by the collection's"
			      " limit (%d new a day)",
		    set->new_per_day);
	else if (t->review_limit == QUEUE_LIMIT_COLLECTION)
		snprintf(buf, n,
		    compact ? "+ all decks: collection limit %d reviews/day"
			    : "+ all decks: held back by the collection's"
			      " limit (%d reviews a day)",
		    set->reviews_per_day);
	else
		return false;
	return true;
}

/* At row y, when cards are due and a limit holds some of the selected
 * deck's back: which limit, for new cards and for reviews.  Too wide
 * for a line, it takes the blank row above too, and then compact words. */
static void
draw_limits(struct ui *ui, const struct deck_list *dl, int y, int x, int w)
{
	struct text_lines lines = { 0 };
	char buf[320];

	if (!limit_text(ui, dl, false, buf, sizeof(buf)))
		return;
	if (text_width(buf) <= w) {
		ui_puts(y, x, buf, w, ui->a_dim);
		return;
	}
	text_wrap(buf, w, &lines);
	if (lines.n > 2) {
		limit_text(ui, dl, true, buf, sizeof(buf));
		text_wrap(buf, w, &lines);
	}
	if (lines.n == 1)
		y++;
	for (size_t i = 0; i < lines.n && i < 2; i++)
		ui_put(y - 1 + (int)i, x + lines.v[i].indent, buf + lines.v[i].off,
		    lines.v[i].len, w - lines.v[i].indent, ui->a_dim);
	text_lines_free(&lines);
}

/* At row y, when nothing is due: when something will be. */
static void
draw_next_due(struct ui *ui, const struct deck_list *dl, int y, int x, int w)
{
	char buf[128];

	if (due_total(&dl->total) != 0) {
		draw_limits(ui, dl, y, x, w);
		return;
	}
	if (dl->next_due > 0) {
		char when[96];

		queue_format_wait(dl->now, dl->next_due, when, sizeof(when));
		snprintf(buf, sizeof(buf), "Nothing due now. Next card due %s.", when);
		/* a narrow screen keeps the part that says when */
		if (text_width(buf) > w)
			snprintf(buf, sizeof(buf), "Next card due %s.", when);
		if (text_width(buf) > w)
			snprintf(buf, sizeof(buf), "Next card %s.", when);
	} else {
		snprintf(buf, sizeof(buf), "Nothing due now, and nothing scheduled.");
	}
	ui_puts(y, x, buf, w, ui->a_accent);
}

/* Whether a daily limit holds back cards of any deck, or of all. */
static bool
any_held(const struct deck_list *dl)
{
	bool held = dl->total.new_limit != QUEUE_LIMIT_NONE ||
	            dl->total.review_limit != QUEUE_LIMIT_NONE;

	for (size_t i = 0; i < dl->n && !held; i++)
		held = dl->rows[i].c.new_limit != QUEUE_LIMIT_NONE ||
		       dl->rows[i].c.review_limit != QUEUE_LIMIT_NONE;
	return held;
}

static void
decks_draw(struct ui *ui, void *state)
{
	struct deck_list *dl = state;
	int x, w, y, list_h, name_w, head;

	ui_text_column(&x, &w);
	draw_frame(ui, dl);
	if (dl->n == 0) {
		ui_puts(2, x, "No cards yet.", w, ui->a_strong);
		ui_puts(4, x, "Add some with:  rehearse import FILE", w, A_NORMAL);
		ui_puts(5, x, "(rehearse --help lists the bundled decks too)", w,
		    ui->a_dim);
		return;
	}

	name_w = w - 2 - 3 * 7 - 1;
	/* a short screen gives the list the blank row under the title */
	head = LINES < 16 ? 1 : 2;
	ui_puts(head, x + 2, "Deck", name_w, ui->a_dim);
	ui_puts_right(head, x + w - 14, "New", ui->a_dim);
	ui_puts_right(head, x + w - 7, "Learn", ui->a_dim);
	ui_puts_right(head, x + w, "Due", ui->a_dim);

	/* every row down to the rule, the total and the message line, and
	 * two more for when the next card is due if nothing is now, or for
	 * the limit that holds cards back */
	list_h = LINES - 2 - (head + 1) - 2 -
	         (due_total(&dl->total) == 0 || any_held(dl) ? 2 : 0);
	if (list_h < 1)
		list_h = 1;
	y = draw_rows(ui, dl, head + 1, list_h, x, w, name_w);
	ui_hline(y, x, w, A_NORMAL);
	y++;
	draw_name(ui, y, x + 2, name_w, "All decks", dl->leeches, ui->a_strong);
	draw_counts(ui, y, x + w, &dl->total, ui->a_strong);
	draw_next_due(ui, dl, y + 2, x, w);
}

/* Goes to screen next on deck id (0: every deck), called name (sanitised):
 * to study it, or to see its statistics. */
static void
open_deck(struct ui *ui, int64_t id, const char *name,
    const struct ui_screen_ops *next)
{
	ui->deck_id = id;
	free(ui->deck_name);
	ui->deck_name = xstrdup(name);
	ui_switch(ui, next);
}

/* Ten more new cards today in the selected deck (review --extra-new). */
static int
more_new(struct ui *ui, struct deck_list *dl, char **errmsg)
{
	const struct deck_row *r = &dl->rows[dl->sel];
	char *err = NULL;

	if (ui_add_extra_new(ui, r->id, r->name, 10, &err) != 0) {
		ui_message(ui, true, "Could not add new cards: %s", err);
		free(err);
		return 0;
	}
	ui_message(ui, false, "Ten more new cards today in %s.", r->name);
	dl->keep = r->id;
	return load(ui, dl, errmsg);
}

static int
decks_request(struct ui *ui, void *state, enum action a, char **errmsg)
{
	struct deck_list *dl = state;

	(void)errmsg;
	switch (a) {
	case ACT_DECK_DOWN:
		if (dl->sel + 1 < dl->n)
			dl->sel++;
		break;
	case ACT_DECK_UP:
		if (dl->sel > 0)
			dl->sel--;
		break;
	case ACT_DECK_FIRST:
		dl->sel = 0;
		break;
	case ACT_DECK_LAST:
		dl->sel = dl->n > 0 ? dl->n - 1 : 0;
		break;
	case ACT_DECK_PAGE_DOWN:
	case ACT_DECK_PAGE_UP:
		dl->sel = ui_page_move(dl->sel, dl->n, dl->page,
		    a == ACT_DECK_PAGE_DOWN);
		break;
	case ACT_STUDY:
		if (dl->n > 0)
			open_deck(ui, dl->rows[dl->sel].id, dl->rows[dl->sel].name,
			    &ui_review_ops);
		break;
	case ACT_STUDY_ALL:
		if (dl->n > 0)
			open_deck(ui, 0, "All decks", &ui_review_ops);
		break;
	case ACT_STATS:
		if (dl->n > 0)
			open_deck(ui, dl->rows[dl->sel].id, dl->rows[dl->sel].name,
			    &ui_stats_ops);
		break;
	case ACT_BROWSE:
		ui_switch(ui, &ui_browse_ops);
		break;
	case ACT_INTERVIEW:
		if (dl->n > 0)
			open_deck(ui, 0, "All decks", &ui_interview_ops);
		break;
	case ACT_QUIT:
		ui->quit = true;
		break;
	case ACT_UNDO:
	case ACT_REDRAW:
		/* an undo changes the counts */
		if (a == ACT_UNDO && !ui_undo(ui))
			break;
		if (dl->n > 0)
			dl->keep = dl->rows[dl->sel].id;
		return load(ui, dl, errmsg);
	case ACT_CRAM:
		if (dl->n > 0)
			ui_start_custom(ui, dl->rows[dl->sel].id, dl->rows[dl->sel].name,
			    &(struct session_custom){ .cram = true },
			    "cram: nothing recorded");
		break;
	case ACT_CUSTOM:
		if (dl->n > 0)
			open_deck(ui, dl->rows[dl->sel].id, dl->rows[dl->sel].name,
			    &ui_custom_ops);
		break;
	case ACT_EXTRA_NEW:
		if (dl->n > 0)
			return more_new(ui, dl, errmsg);
		break;
	default:
		break;
	}
	return 0;
}

const struct ui_screen_ops ui_decks_ops = {
	.name = "decks",
	.state_size = sizeof(struct deck_list),
	.open = decks_open,
	.keys = decks_keys,
	.draw = decks_draw,
	.request = decks_request,
	.done = decks_done,
	.ticking = NULL,
	.tick = decks_tick,
};
