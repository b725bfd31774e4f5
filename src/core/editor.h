/*
 * editor.h - editing a card's text in the user's editor.
 *
 * The card goes to a private temporary file (text_card_format), $EDITOR
 * (else $VISUAL, else vi) runs on it, and the file is read back with
 * text_card_parse.  No curses: a screen that must step aside passes a hook.
 */
#ifndef REHEARSE_EDITOR_H
#define REHEARSE_EDITOR_H

#include <stdbool.h>

#include "core/card.h"

/* Called with false just before the editor starts and true once it has
 * ended, whatever happened. */
typedef void (*editor_hook)(bool back, void *ctx);

struct editor_result {
	char *question, *answer, *tips, *tags; /* allocated; caller frees */
	char *deck;                            /* editor_add_card's (may be empty); NULL otherwise */
};

/*
 * Returns 1 when the user changed the text (*out filled), 0 when the file
 * came back unchanged, and -1 with *errmsg when the editor could not run,
 * failed, or left text that is not a card (empty question or answer, a
 * missing marker, invalid UTF-8).
 */
int editor_edit_card(const struct card *c, editor_hook hook, void *ctx,
    struct editor_result *out, char **errmsg);
/*
 * A new card written in the editor: the file of text_card_format_new with
 * deck filled in; out->deck is the deck the user left on its line (not
 * checked).  The same returns: 0 (nothing written) when the file came
 * back unchanged; -1 too when the deck line is gone.
 */
int editor_add_card(const char *deck, editor_hook hook, void *ctx,
    struct editor_result *out, char **errmsg);
void editor_result_free(struct editor_result *r);

/*
 * Edits a short text (a note) in the editor the same way: text goes to a
 * private temporary file, and what the editor leaves there comes back in
 * *out (allocated, the caller frees; valid UTF-8, no NUL).  0 when it
 * did, -1 with *errmsg when the editor could not run or failed, or left
 * a file that is not text.
 */
int editor_edit_text(const char *text, editor_hook hook, void *ctx,
    char **out, char **errmsg);

#endif
