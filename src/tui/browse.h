/*
 * browse.h - what the card browser's two files share: its state, and the
 * functions of browse.c (the list, its query and the changes that need no
 * editor) and browse_edit.c (editing, adding, moving to another deck)
 * call in each other.  Private to the browser.
 */
#ifndef REHEARSE_TUI_BROWSE_H
#define REHEARSE_TUI_BROWSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/store_search.h"
#include "tui/screen.h"

#define QUERY_MAX 200

/* The decks a move picks from, and the name typed (ACT_CARD_MOVE). */
struct picker {
	struct deck_info *decks;
	size_t ndecks;
	size_t *shown;      /* the decks matching what is typed, by index */
	size_t nshown, sel; /* sel == nshown: the typed name, a new deck */
	struct ui_line typed;
};

/* The screen's state (ui_browse_ops.state_size). */
struct browse {
	char query[QUERY_MAX + 1];
	bool typing;     /* keys go to the query line */
	bool confirming; /* a y/n for a delete is awaited */
	char error[200]; /* what is wrong with the query, or "" */
	int64_t *ids;    /* the matches, in sort order */
	size_t n, sel, top;
	size_t page;     /* the rows the list showed when last drawn */
	int64_t *marked; /* the marked card ids, unordered */
	size_t nmarked, marked_cap;
	enum search_sort sort;
	bool moving; /* the deck of a move is being picked */
	struct picker pick;
};

/* ---- browse.c ---- */

/* The cards an action works on: the marked ones, else the selected one.
 * *v points into the state; 0 when there is none. */
size_t browse_targets(struct browse *b, const int64_t **v);
/* Runs the query again, selecting card keep when it matches (requery:
 * the selected card). */
void browse_requery_at(struct ui *ui, struct browse *b, int64_t keep);
void browse_requery(struct ui *ui, struct browse *b);
/* Ends a change begun with store_begin and undo_begin: kept and committed
 * when rc is 0, else rolled back; 0 or -1 with *errmsg. */
int browse_finish(struct ui *ui, int rc, char **errmsg);

/* ---- browse_edit.c ---- */

/* e: the selected card in $EDITOR; a: a new card in $EDITOR, to the
 * selected card's deck; each one transaction, kept for undo. */
void browse_edit(struct ui *ui, struct browse *b);
void browse_add(struct ui *ui, struct browse *b);
/* M: the deck picker opens over the preview; browse_picker_key takes
 * every key while it is open (b->moving). */
void browse_picker_open(struct ui *ui, struct browse *b);
void browse_picker_key(struct ui *ui, struct browse *b, int key);
void browse_picker_free(struct picker *p);
/* The picker, from row y to the footer. */
void browse_draw_picker(struct ui *ui, struct browse *b, int y);

#endif
