/*
 * browse_edit.c - the card browser's changes that take more than a key:
 * a card edited or added in $EDITOR, cards moved to a deck picked from a
 * list or typed (browse.h).  Each is one transaction, kept for undo.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/editor.h"
#include "core/import.h"
#include "core/names.h"
#include "core/text.h"
#include "core/undo.h"
#include "tui/browse.h"
#include "tui/loop.h"

/* Where a card added here goes when no card is selected (as for
 * "rehearse add"). */
#define BROWSE_DEFAULT_DECK "My cards"

/* Saves r as card c's text, in one transaction kept for undo. */
static int
save_text(struct ui *ui, struct card *c, const struct editor_result *r,
    char **errmsg)
{
	int rc;

	c->question = r->question;
	c->answer = r->answer;
	c->tips = r->tips;
	c->tags = r->tags;
	if (store_begin(ui->st, errmsg) < 0)
		return -1;
	rc = undo_begin(ui->undo, ui->st, UNDO_EDIT, &c->id, 1, errmsg);
	if (rc == 0)
		rc = store_card_update_text(ui->st, c, ui_now(ui), NULL, errmsg);
	return browse_finish(ui, rc, errmsg);
}

void
browse_edit(struct ui *ui, struct browse *b)
{
	struct editor_result r;
	struct card c = { 0 };
	char *msg = NULL;
	int rc;

	if (b->n == 0)
		return;
	if (store_card_get(ui->st, b->ids[b->sel], &c, &msg) < 0)
		goto fail;
	rc = editor_edit_card(&c, ui_step_aside, NULL, &r, &msg);
	if (rc < 0)
		goto fail;
	if (rc == 0) {
		ui_message(ui, false, "Card unchanged.");
	} else {
		rc = save_text(ui, &c, &r, &msg);
		editor_result_free(&r);
		if (rc < 0)
			goto fail;
		ui_message(ui, false, "Card saved.");
		browse_requery(ui, b);
	}
	card_clear(&c);
	return;
fail:
	card_clear(&c);
	ui_message(ui, true, "Card unchanged: %s", msg);
	free(msg);
}

/* The deck a new card goes to at first: the selected card's. */
static char *
current_deck(struct ui *ui, const struct browse *b)
{
	struct card c;
	char *msg = NULL, *name;

	if (b->n == 0 || store_card_get(ui->st, b->ids[b->sel], &c, &msg) < 0) {
		free(msg);
		return xstrdup(BROWSE_DEFAULT_DECK);
	}
	name = xstrdup(c.deck != NULL ? c.deck : BROWSE_DEFAULT_DECK);
	card_clear(&c);
	return name;
}

/* a: a new card written in $EDITOR, in one transaction kept for undo. */
void
browse_add(struct ui *ui, struct browse *b)
{
	struct editor_result r;
	struct card c;
	char *deck = current_deck(ui, b), *msg = NULL;
	int64_t id = 0;
	int rc = editor_add_card(deck, ui_step_aside, NULL, &r, &msg);

	free(deck);
	if (rc <= 0) {
		if (rc < 0)
			ui_message(ui, true, "Nothing added: %s", msg);
		else
			ui_message(ui, false, "Nothing added.");
		free(msg);
		return;
	}
	c = (struct card){ .question = r.question, .answer = r.answer, .tips = r.tips, .tags = r.tags };
	rc = store_begin(ui->st, &msg);
	if (rc == 0)
		rc = undo_begin(ui->undo, ui->st, UNDO_ADD, NULL, 0, &msg);
	if (rc == 0)
		rc = import_add_card(ui->st, &c, r.deck, NULL, ui_now(ui), &id, NULL,
		    &msg);
	if (rc == 0)
		undo_added(ui->undo, id);
	if (browse_finish(ui, rc, &msg) < 0) {
		ui_message(ui, true, "Nothing added: %s", msg);
		free(msg);
	} else {
		char *d = text_sanitize_cut(r.deck, 30, ui_ellipsis());

		browse_requery_at(ui, b, id);
		ui_message(ui, false, "Card added to '%s'%s.", d,
		    b->n > 0 && b->ids[b->sel] == id ? "" : " (the query hides it)");
		free(d);
	}
	editor_result_free(&r);
}

/* ---- moving to another deck ---- */

/* The decks whose names match what is typed (all when nothing is). */
static void
picker_filter(struct picker *p)
{
	const char *typed = strbuf_str(&p->typed.text);
	const char **names = xcalloc(p->ndecks + 1, sizeof(*names));

	for (size_t i = 0; i < p->ndecks; i++)
		names[i] = p->decks[i].name;
	if (typed[0] == '\0') {
		for (size_t i = 0; i < p->ndecks; i++)
			p->shown[i] = i;
		p->nshown = p->ndecks;
	} else {
		p->nshown = names_match(typed, names, p->ndecks, p->shown);
	}
	free(names);
	if (p->sel > p->nshown)
		p->sel = p->nshown;
	if (p->sel == p->nshown && p->nshown > 0 && typed[0] == '\0')
		p->sel = 0;
}

void
browse_picker_open(struct ui *ui, struct browse *b)
{
	const int64_t *v;
	char *msg = NULL;

	if (browse_targets(b, &v) == 0)
		return;
	browse_picker_free(&b->pick);
	if (store_decks(ui->st, &b->pick.decks, &b->pick.ndecks, &msg) < 0) {
		ui_message(ui, true, "Could not read the decks: %s", msg);
		free(msg);
		return;
	}
	b->pick.shown = xcalloc(b->pick.ndecks + 1, sizeof(*b->pick.shown));
	picker_filter(&b->pick);
	b->moving = true;
}

/* Moves the target cards to deck name (made when new), in one
 * transaction kept for undo. */
static void
move_to(struct ui *ui, struct browse *b, const char *name)
{
	const int64_t *v;
	size_t n = browse_targets(b, &v);
	int64_t deck_id = 0;
	char *msg = NULL, *d;
	int rc = import_deck_name_check(name, &msg);

	if (rc == 0)
		rc = store_begin(ui->st, &msg);
	if (rc < 0) {
		ui_message(ui, true, "Nothing moved: %s", msg);
		free(msg);
		return;
	}
	rc = undo_begin(ui->undo, ui->st, UNDO_MOVE, v, n, &msg);
	if (rc == 0)
		rc = store_deck_id(ui->st, name, true, &deck_id, &msg);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = store_card_move(ui->st, v[i], deck_id, ui_now(ui), &msg);
	if (browse_finish(ui, rc, &msg) < 0) {
		ui_message(ui, true, "Nothing moved: %s", msg);
		free(msg);
		return;
	}
	d = text_sanitize_cut(name, 30, ui_ellipsis());
	ui_message(ui, false, "%zu card%s moved to '%s'.", n, n == 1 ? "" : "s",
	    d);
	free(d);
	browse_requery(ui, b);
}

/* A key while the deck of a move is picked. */
void
browse_picker_key(struct ui *ui, struct browse *b, int key)
{
	struct picker *p = &b->pick;
	const char *typed = strbuf_str(&p->typed.text);

	if (key == (UI_FN | KEY_DOWN) || key == (UI_FN | KEY_UP)) {
		size_t last = p->nshown - (typed[0] == '\0' && p->nshown > 0);

		if (key == (UI_FN | KEY_DOWN) && p->sel < last)
			p->sel++;
		else if (key == (UI_FN | KEY_UP) && p->sel > 0)
			p->sel--;
		return;
	}
	switch (ui_line_key(&p->typed, key)) {
	case UI_LINE_CANCEL:
		b->moving = false;
		ui_message(ui, false, "Nothing moved.");
		break;
	case UI_LINE_DONE:
		b->moving = false;
		if (p->sel < p->nshown)
			move_to(ui, b, p->decks[p->shown[p->sel]].name);
		else
			move_to(ui, b, typed);
		break;
	case UI_LINE_TYPING:
		p->sel = 0;
		picker_filter(p);
		break;
	}
}

/* The decks a move may pick, from row y to the footer. */
void
browse_draw_picker(struct ui *ui, struct browse *b, int y)
{
	struct picker *p = &b->pick;
	const char *typed = strbuf_str(&p->typed.text);
	const int64_t *v;
	size_t n = browse_targets(b, &v), rows = p->nshown, top = 0;
	int h, y0;
	char prompt[64];

	ui_hline(y++, 0, COLS, ui->a_dim);
	snprintf(prompt, sizeof(prompt), "Move %zu card%s to: ", n,
	    n == 1 ? "" : "s");
	ui_line_draw(ui, &p->typed, y++, prompt);
	rows += typed[0] != '\0';
	h = LINES - 1 - y;
	if (h < 1)
		return;
	if (p->sel >= (size_t)h)
		top = p->sel - (size_t)h + 1;
	y0 = y;
	for (size_t i = top; i < rows && y < LINES - 1; i++, y++) {
		attr_t a = i == p->sel ? A_REVERSE : A_NORMAL;
		char *name;

		if (i < p->nshown) {
			name = text_sanitize_line(p->decks[p->shown[i]].name);
		} else {
			char *t = text_sanitize_line(typed);

			name = xasprintf("new deck \"%s\"", t);
			free(t);
		}
		ui_puts(y, 2, i == p->sel ? ">" : " ", 1, a | A_BOLD);
		ui_puts(y, 4, name, COLS - 5, a);
		free(name);
	}
	if (rows == 0)
		ui_puts(y, 4, "No deck yet: type a name.", COLS - 5, ui->a_dim);
	/* more decks above or below the rows shown */
	if (top > 0)
		ui_puts(y0, COLS - 1, "^", 1, ui->a_dim);
	if (top + (size_t)h < rows)
		ui_puts(y - 1, COLS - 1, "v", 1, ui->a_dim);
}

void
browse_picker_free(struct picker *p)
{
	store_decks_free(p->decks, p->ndecks);
	free(p->shown);
	ui_line_free(&p->typed);
	memset(p, 0, sizeof(*p));
}
