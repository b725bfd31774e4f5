/*
 * browse.c - the card browser: a query line that filters the list as it
 * is typed, the list of matching cards (question, deck, state, due), a
 * preview of the selected card, and actions on the selected card or on
 * the marked ones.  Each action is one transaction of the store.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/query.h"
#include "core/store_search.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/undo.h"
#include "tui/loop.h"
#include "tui/screen.h"

#include "tui/browse.h"

enum change { CH_DELETE,
	CH_SUSPEND,
	CH_BURY,
	CH_FLAG,
	CH_RESET };

static const enum search_sort sorts[] = { SEARCH_SORT_ADDED,
	SEARCH_SORT_QUESTION, SEARCH_SORT_DECK, SEARCH_SORT_STATE,
	SEARCH_SORT_DUE };
static const char *const sort_names[] = { "added", "question", "deck",
	"state", "due" };
static const char *const state_names[] = { "new", "learning", "review",
	"relearning" };
#define NSORTS (sizeof(sorts) / sizeof(sorts[0]))

/* The place of the list's order in sorts. */
static size_t
sort_index(const struct browse *b)
{
	for (size_t i = 0; i < NSORTS; i++)
		if (sorts[i] == b->sort)
			return i;
	return 0;
}

/* "357 cards, 2 marked" in buf. */
static void
counts_text(const struct browse *b, char *buf, size_t n)
{
	int k = snprintf(buf, n, "%zu card%s", b->n, b->n == 1 ? "" : "s");

	if (b->nmarked > 0 && k > 0 && (size_t)k < n)
		snprintf(buf + k, n - (size_t)k, ", %zu marked", b->nmarked);
}

/* Whether "   sorted by ..." fits in the title bar beside the counts. */
static bool
sort_fits(const struct browse *b)
{
	char buf[64];

	counts_text(b, buf, sizeof(buf));
	return (int)strlen(buf) + 15 + (int)strlen(sort_names[sort_index(b)]) <
	       COLS - 9;
}

static void
search_opts(struct ui *ui, const struct browse *b, struct search_opts *o)
{
	int64_t now = ui_now(ui);
	int64_t day = timefmt_study_day(now, ui->set->day_starts_at);

	o->now = now;
	o->day_start = timefmt_day_start(day, ui->set->day_starts_at);
	o->day_end = timefmt_day_start(day + 1, ui->set->day_starts_at);
	o->sort = b->sort;
}

/* When the next study day begins. */
static int64_t
tomorrow(struct ui *ui)
{
	int64_t day = timefmt_study_day(ui_now(ui), ui->set->day_starts_at);

	return timefmt_day_start(day + 1, ui->set->day_starts_at);
}

/* Runs the query again, selecting card keep when it matches.  A query
 * that does not parse keeps the last list and says why. */
void
browse_requery_at(struct ui *ui, struct browse *b, int64_t keep)
{
	struct query_node *q;
	struct query_error err;
	struct search_opts o;
	int64_t *ids;
	size_t n;
	char *msg = NULL;

	if (query_parse(b->query, &q, &err) < 0) {
		snprintf(b->error, sizeof(b->error), "column %d: %s",
		    text_column(b->query, (size_t)err.column - 1), err.message);
		return;
	}
	b->error[0] = '\0';
	search_opts(ui, b, &o);
	if (store_search_ids(ui->st, q, &o, &ids, &n, &msg) < 0) {
		ui_message(ui, true, "Could not search: %s", msg);
		free(msg);
		query_free(q);
		return;
	}
	query_free(q);
	free(b->ids);
	b->ids = ids;
	b->n = n;
	b->sel = 0;
	for (size_t i = 0; i < n; i++)
		if (ids[i] == keep)
			b->sel = i;
}

/* The same, keeping the selected card when it still matches. */
void
browse_requery(struct ui *ui, struct browse *b)
{
	browse_requery_at(ui, b, b->n > 0 ? b->ids[b->sel] : 0);
}

static int
browse_open(struct ui *ui, void *state, char **errmsg)
{
	struct browse *b = state;

	(void)errmsg;
	ui_end_session(ui);
	b->typing = true;
	b->confirming = false;
	browse_requery(ui, b);
	return 0;
}

static void
browse_done(struct ui *ui, void *state)
{
	struct browse *b = state;

	(void)ui;
	free(b->ids);
	free(b->marked);
	b->ids = NULL;
	b->marked = NULL;
	b->n = b->nmarked = b->marked_cap = 0;
	browse_picker_free(&b->pick);
	b->moving = false;
}

static enum action_screen
browse_keys(struct ui *ui, void *state)
{
	(void)ui;
	(void)state;
	return ACT_SCREEN_BROWSE;
}

static bool
is_marked(const struct browse *b, int64_t id, size_t *at)
{
	for (size_t i = 0; i < b->nmarked; i++)
		if (b->marked[i] == id) {
			if (at != NULL)
				*at = i;
			return true;
		}
	return false;
}

static void
toggle_mark(struct browse *b)
{
	size_t at;

	if (b->n == 0)
		return;
	if (is_marked(b, b->ids[b->sel], &at)) {
		b->marked[at] = b->marked[--b->nmarked];
	} else {
		b->marked = xgrow(b->marked, &b->marked_cap, b->nmarked,
		    sizeof(*b->marked));
		b->marked[b->nmarked++] = b->ids[b->sel];
	}
	if (b->sel + 1 < b->n)
		b->sel++;
}

/* The cards an action works on: the marked ones, else the selected one.
 * *v points into the state; n 0 when there is none. */
size_t
browse_targets(struct browse *b, const int64_t **v)
{
	if (b->nmarked > 0) {
		*v = b->marked;
		return b->nmarked;
	}
	*v = b->n > 0 ? &b->ids[b->sel] : NULL;
	return b->n > 0 ? 1 : 0;
}

/* ---- actions ---- */

/* Applies ch to card c (read just before), in the open transaction. */
static int
change_one(struct ui *ui, enum change ch, const struct card *c, bool on,
    char **errmsg)
{
	int64_t now = ui_now(ui);

	switch (ch) {
	case CH_DELETE:
		return store_card_delete(ui->st, c->id, now, errmsg);
	case CH_SUSPEND:
		return store_card_set_suspended(ui->st, c->id, on, errmsg);
	case CH_BURY:
		return store_card_set_buried(ui->st, c->id, on ? tomorrow(ui) : 0,
		    errmsg);
	case CH_FLAG:
		return store_card_set_flagged(ui->st, c->id, on, errmsg);
	case CH_RESET:
		return store_card_reset(ui->st, c->id, now, errmsg);
	}
	return 0;
}

/* Whether ch would turn its thing on for card c. */
static bool
turns_on(struct ui *ui, enum change ch, const struct card *c)
{
	switch (ch) {
	case CH_SUSPEND:
		return !c->suspended;
	case CH_BURY:
		return c->buried_until <= ui_now(ui);
	case CH_FLAG:
		return !c->flagged;
	default:
		return true;
	}
}

static const char *const change_words[][2] = {
	[CH_DELETE] = { "deleted", "deleted" },
	[CH_SUSPEND] = { "unsuspended", "suspended" },
	[CH_BURY] = { "unburied", "buried until tomorrow" },
	[CH_FLAG] = { "unflagged", "flagged" },
	[CH_RESET] = { "reset to new", "reset to new" },
};

/* What the undo calls each change, turning its thing off and on. */
static const enum undo_kind change_kinds[][2] = {
	[CH_DELETE] = { UNDO_DELETE, UNDO_DELETE },
	[CH_SUSPEND] = { UNDO_UNSUSPEND, UNDO_SUSPEND },
	[CH_BURY] = { UNDO_UNBURY, UNDO_BURY },
	[CH_FLAG] = { UNDO_UNFLAG, UNDO_FLAG },
	[CH_RESET] = { UNDO_RESET, UNDO_RESET },
};

/* Reads cards v[0..n) into out (an array of n, allocated). */
static int
read_cards(struct ui *ui, const int64_t *v, size_t n, struct card **out,
    char **errmsg)
{
	*out = xcalloc(n > 0 ? n : 1, sizeof(**out));
	for (size_t i = 0; i < n; i++)
		if (store_card_get(ui->st, v[i], &(*out)[i], errmsg) < 0)
			return -1;
	return 0;
}

static void
cards_free(struct card *v, size_t n)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		card_clear(&v[i]);
	free(v);
}

/* Ends a change begun with store_begin and undo_begin: kept and committed
 * when rc is 0, else rolled back; 0 or -1. */
int
browse_finish(struct ui *ui, int rc, char **errmsg)
{
	if (rc == 0 && undo_end(ui->undo, ui->st, errmsg) == 0 &&
	    store_commit(ui->st, errmsg) == 0)
		return 0;
	undo_cancel(ui->undo);
	store_rollback(ui->st);
	return -1;
}

/* Applies ch to the target cards in one transaction, and says so. */
static void
apply(struct ui *ui, struct browse *b, enum change ch)
{
	const int64_t *v;
	size_t n = browse_targets(b, &v);
	struct card *before = NULL;
	bool on = false;
	char *msg = NULL;
	int rc;

	/* A toggle over several cards turns the thing on unless every one
	 * of them has it. */
	if (n == 0)
		return;
	if (store_begin(ui->st, &msg) < 0)
		goto fail;
	rc = read_cards(ui, v, n, &before, &msg);
	for (size_t i = 0; i < n && rc == 0; i++)
		on = on || turns_on(ui, ch, &before[i]);
	if (rc == 0)
		rc = undo_begin(ui->undo, ui->st, change_kinds[ch][on], v, n, &msg);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = change_one(ui, ch, &before[i], on, &msg);
	cards_free(before, n);
	if (browse_finish(ui, rc, &msg) < 0)
		goto fail;
	ui_message(ui, false, "%zu card%s %s.", n, n == 1 ? "" : "s",
	    change_words[ch][on]);
	if (ch == CH_DELETE)
		b->nmarked = 0;
	browse_requery(ui, b);
	return;
fail:
	ui_message(ui, true, "Nothing changed: %s", msg);
	free(msg);
}

/* Whether a works on the marked or selected cards. */
static bool
acts_on_cards(enum action a)
{
	return a == ACT_MARK || a == ACT_CARD_EDIT || a == ACT_CARD_DELETE ||
	       a == ACT_CARD_SUSPEND || a == ACT_CARD_BURY || a == ACT_CARD_FLAG ||
	       a == ACT_CARD_RESET || a == ACT_CARD_MOVE;
}

static int
browse_request(struct ui *ui, void *state, enum action a, char **errmsg)
{
	struct browse *b = state;
	const int64_t *v;

	(void)errmsg;
	/* a key for the cards with none to work on says so */
	if (acts_on_cards(a) && browse_targets(b, &v) == 0) {
		ui_message(ui, false, "No card to work on: %s.",
		    b->query[0] != '\0' ? "the query matches none" : "a adds one");
		return 0;
	}
	switch (a) {
	case ACT_CARD_DOWN:
		if (b->sel + 1 < b->n)
			b->sel++;
		break;
	case ACT_CARD_UP:
		if (b->sel > 0)
			b->sel--;
		break;
	case ACT_CARD_FIRST:
		b->sel = 0;
		break;
	case ACT_CARD_LAST:
		b->sel = b->n > 0 ? b->n - 1 : 0;
		break;
	case ACT_CARD_PAGE_DOWN:
		b->sel = ui_page_move(b->sel, b->n, b->page, true);
		break;
	case ACT_CARD_PAGE_UP:
		b->sel = ui_page_move(b->sel, b->n, b->page, false);
		break;
	case ACT_QUERY:
		b->typing = true;
		break;
	case ACT_MARK:
		toggle_mark(b);
		break;
	case ACT_SORT:
		b->sort = sorts[(sort_index(b) + 1) % NSORTS];
		browse_requery(ui, b);
		/* a narrow title bar has no room to say it */
		if (!sort_fits(b))
			ui_message(ui, false, "Sorted by %s.", sort_names[sort_index(b)]);
		break;
	case ACT_CARD_EDIT:
		browse_edit(ui, b);
		break;
	case ACT_CARD_DELETE:
		if (b->n > 0)
			b->confirming = true;
		break;
	case ACT_CARD_SUSPEND:
		apply(ui, b, CH_SUSPEND);
		break;
	case ACT_CARD_BURY:
		apply(ui, b, CH_BURY);
		break;
	case ACT_CARD_FLAG:
		apply(ui, b, CH_FLAG);
		break;
	case ACT_CARD_RESET:
		apply(ui, b, CH_RESET);
		break;
	case ACT_UNDO:
		if (ui_undo(ui))
			browse_requery(ui, b);
		break;
	case ACT_CARD_ADD:
		browse_add(ui, b);
		break;
	case ACT_CARD_MOVE:
		browse_picker_open(ui, b);
		break;
	case ACT_BACK:
		ui_switch(ui, &ui_decks_ops);
		break;
	default:
		break;
	}
	return 0;
}

/* Removes the last character (all its bytes) of the query. */
static void
query_backspace(char *q)
{
	size_t n = strlen(q);

	while (n > 0 && ((unsigned char)q[n - 1] & 0xc0) == 0x80)
		n--;
	if (n > 0)
		n--;
	q[n] = '\0';
}

static size_t utf8_put(uint32_t cp, char *buf);

/* Keys while the query is typed, and the y/n of a delete. */
static bool
browse_text(struct ui *ui, void *state, int key)
{
	struct browse *b = state;
	char buf[8];
	size_t n, len;

	if (b->moving) {
		browse_picker_key(ui, b, key);
		return true;
	}
	if (b->confirming) {
		b->confirming = false;
		if (key == 'y' || key == 'Y')
			apply(ui, b, CH_DELETE);
		else
			ui_message(ui, false, "Nothing deleted.");
		return true;
	}
	if (!b->typing)
		return false;
	if (key == '\r' || key == '\n' || key == 27 || key == '\t' ||
	    key == (UI_FN | KEY_DOWN)) {
		b->typing = false;
		return true;
	}
	if (key == 127 || key == 8 || key == (UI_FN | KEY_BACKSPACE)) {
		query_backspace(b->query);
		browse_requery(ui, b);
		return true;
	}
	if (key < ' ' || key >= 0x110000 || (key & UI_FN) != 0)
		return true;
	n = utf8_put((uint32_t)key, buf);
	len = strlen(b->query);
	if (n == 0 || len + n > QUERY_MAX)
		return true;
	memcpy(b->query + len, buf, n);
	b->query[len + n] = '\0';
	browse_requery(ui, b);
	return true;
}

/* UTF-8 of code point cp into buf (4 bytes at most); its length. */
static size_t
utf8_put(uint32_t cp, char *buf)
{
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		buf[0] = (char)(0xc0 | cp >> 6);
		buf[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp >= 0xd800 && cp < 0xe000)
		return 0;
	if (cp < 0x10000) {
		buf[0] = (char)(0xe0 | cp >> 12);
		buf[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		buf[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	buf[0] = (char)(0xf0 | cp >> 18);
	buf[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	buf[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	buf[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* ---- drawing ---- */

static void
draw_header(struct ui *ui, const struct browse *b)
{
	char buf[96];

	counts_text(b, buf, sizeof(buf));
	/* the order only where it fits beside the title */
	if (sort_fits(b))
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
		    "   sorted by %s", sort_names[sort_index(b)]);
	ui_fill(0, ui->a_bar);
	ui_puts(0, 1, "Browse", COLS - 2, ui->a_bar | A_BOLD);
	ui_puts_right(0, COLS - 1, buf, ui->a_bar);
}

/* The columns of the list: question, deck, state, due. */
#define COL_DECK_W 14
#define COL_STATE_W 10
#define COL_DUE_W 10
/* A narrow screen drops the due date, then the state, so that the
 * question keeps room. */
static int
state_width(void)
{
	return COLS >= 60 ? COL_STATE_W : 0;
}

static int
due_width(void)
{
	return COLS >= 72 ? COL_DUE_W : 0;
}

static int
question_width(void)
{
	int sw = state_width(), dw = due_width();

	return COLS - 4 - 1 - COL_DECK_W - 1 - (sw > 0 ? sw + 1 : 0) -
	       (dw > 0 ? dw + 1 : 0);
}

/* Puts the state and due columns (either may be dropped) of a row y
 * whose deck column starts at x. */
static void
put_tail(int y, int x, const char *state, const char *due, attr_t a)
{
	x += COL_DECK_W + 1;
	if (state_width() > 0) {
		ui_puts(y, x, state, COL_STATE_W, a);
		x += COL_STATE_W + 1;
	}
	if (due_width() > 0)
		ui_puts(y, x, due, COL_DUE_W, a);
}

static void
draw_query(struct ui *ui, const struct browse *b)
{
	int x = 1, w = COLS - 2;
	char *q = text_sanitize_line(b->query);

	x += ui_puts(1, x, "Search: ", w, ui->a_strong);
	x += ui_puts(1, x, q, COLS - 2 - x, b->typing ? A_UNDERLINE : A_NORMAL);
	if (b->typing)
		ui_puts(1, x, "_", 1, A_BLINK);
	free(q);
	if (b->error[0] != '\0') {
		ui_puts(2, 1, b->error, w, ui->a_warn);
		return;
	}
	x = 4 + question_width() + 1;
	ui_puts(2, 4, "Question", question_width(), ui->a_dim);
	ui_puts(2, x, "Deck", COL_DECK_W, ui->a_dim);
	put_tail(2, x, "State", "Due", ui->a_dim);
}

/* One card of the list at row y. */
static void
draw_row(struct ui *ui, const struct browse *b, size_t i, int y)
{
	struct card c;
	char *msg = NULL, due[40] = "-", *q, *deck;
	bool sel = i == b->sel;
	attr_t a = sel ? A_REVERSE : A_NORMAL;
	int qw = question_width(), x = 4 + qw + 1;

	if (store_card_get(ui->st, b->ids[i], &c, &msg) < 0) {
		free(msg);
		return;
	}
	if (sel) {
		ui_attr(A_REVERSE);
		mvhline(y, 0, ' ', COLS);
		ui_attr(A_NORMAL);
	}
	if (c.s.state != STATE_NEW) {
		timefmt_format_local(c.s.due, due, sizeof(due));
		due[10] = '\0';
	}
	q = text_sanitize_line(c.question);
	deck = text_sanitize_line(c.deck);
	if (sel)
		ui_puts(y, 0, ">", 1, a | A_BOLD);
	ui_puts(y, 1, is_marked(b, c.id, NULL) ? "+" : " ", 1, a | A_BOLD);
	ui_puts(y, 2, c.suspended ? "!" : c.flagged                 ? "*"
				      : c.buried_until > ui_now(ui) ? "-"
								    : " ",
	    1,
	    a | A_BOLD);
	ui_puts(y, 4, q, qw, a);
	ui_puts(y, x, deck, COL_DECK_W, a);
	put_tail(y, x, state_names[c.s.state], due, a);
	free(q);
	free(deck);
	card_clear(&c);
}

/* The selected card's question and answer, from row y to the footer. */
static void
draw_preview(struct ui *ui, const struct browse *b, int y)
{
	struct text_lines l = { 0 };
	struct strbuf t = { 0 };
	struct card c;
	char *msg = NULL, *clean;

	ui_hline(y++, 0, COLS, ui->a_dim);
	if (b->n == 0 || store_card_get(ui->st, b->ids[b->sel], &c, &msg) < 0) {
		free(msg);
		return;
	}
	strbuf_adds(&t, c.question);
	strbuf_adds(&t, "\n\n");
	strbuf_adds(&t, c.answer);
	clean = text_sanitize(strbuf_str(&t));
	text_wrap(clean, COLS - 2, &l);
	for (size_t i = 0; i < l.n && y < LINES - 1; i++, y++)
		ui_put(y, 1 + l.v[i].indent, clean + l.v[i].off, l.v[i].len,
		    COLS - 2 - l.v[i].indent, i == 0 ? A_BOLD : A_NORMAL);
	free(clean);
	text_lines_free(&l);
	strbuf_free(&t);
	card_clear(&c);
}

static void
browse_draw(struct ui *ui, void *state)
{
	static const struct ui_hint typing[] = { { ACT_NONE,
	    "Enter or Esc: to the list" } };
	/* on a narrow screen the last hints go first */
	static const struct ui_hint picking[] = { { ACT_NONE, "Enter: move" },
		{ ACT_NONE, "Esc: cancel" }, { ACT_NONE, "Up/Down: pick" },
		{ ACT_NONE, "type: filter or name a new deck" } };
	static const struct ui_hint hints[] = { { ACT_QUERY, "search" },
		{ ACT_MARK, "mark" }, { ACT_CARD_DELETE, "delete" },
		{ ACT_CARD_SUSPEND, "suspend" }, { ACT_CARD_EDIT, "edit" },
		{ ACT_HELP, "help" }, { ACT_BACK, "back" } };
	/* a narrow screen keeps the way to the help and back */
	static const struct ui_hint hints_short[] = { { ACT_QUERY, "search" },
		{ ACT_MARK, "mark" }, { ACT_HELP, "help" }, { ACT_BACK, "back" } };
	struct browse *b = state;
	int list_top = 3, list_h = (LINES - 5) / 2, y = list_top;

	draw_header(ui, b);
	draw_query(ui, b);
	if (b->sel < b->top)
		b->top = b->sel;
	if (b->sel >= b->top + (size_t)list_h)
		b->top = b->sel - (size_t)list_h + 1;
	b->page = (size_t)list_h;
	for (size_t i = b->top; i < b->n && y < list_top + list_h; i++, y++)
		draw_row(ui, b, i, y);
	/* A blank query matches every card: none means none at all. */
	if (b->n == 0)
		ui_puts(list_top, 2,
		    b->query[strspn(b->query, " ")] == '\0'
			? "No cards yet: a adds one."
			: "No card matches.",
		    COLS - 4, ui->a_dim);
	if (b->moving)
		browse_draw_picker(ui, b, list_top + list_h);
	else
		draw_preview(ui, b, list_top + list_h);
	if (b->moving) {
		ui_hints(ui, picking, 4, 2, false);
	} else if (b->confirming) {
		char buf[64];
		const int64_t *v;

		snprintf(buf, sizeof(buf), "Delete %zu card%s? y/n",
		    browse_targets(b, &v), browse_targets(b, &v) == 1 ? "" : "s");
		ui_fill(LINES - 1, ui->a_warn);
		ui_puts(LINES - 1, 1, buf, COLS - 2, ui->a_warn | A_BOLD);
	} else if (b->typing) {
		ui_hints(ui, typing, 1, 3, false);
	} else if (ui_hints_width(hints, 7, 2, false) <= COLS - 2) {
		ui_hints(ui, hints, 7, 2, false);
	} else {
		ui_hints(ui, hints_short, 4, 2, false);
	}
}

const struct ui_screen_ops ui_browse_ops = {
	.name = "browse",
	.state_size = sizeof(struct browse),
	.open = browse_open,
	.keys = browse_keys,
	.draw = browse_draw,
	.request = browse_request,
	.done = browse_done,
	.text = browse_text,
};
