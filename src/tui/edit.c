/*
 * edit.c - editing the current card in the user's editor.
 *
 * editor.c does the work; curses steps aside while the editor runs.
 * Anything wrong leaves the card as it was and says why on the message
 * line.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "core/editor.h"
#include "tui/screen.h"

void
ui_step_aside(bool back, void *ctx)
{
	(void)ctx;
	if (!back) {
		def_prog_mode();
		endwin();
	} else {
		reset_prog_mode();
		clearok(curscr, TRUE);
	}
}

int
ui_edit_card(struct ui *ui, int64_t *away, char **errmsg)
{
	const struct card *c = session_card(ui->se);
	struct editor_result r;
	char *err = NULL;
	int64_t left;
	int rc, saved = 0;

	(void)errmsg;
	*away = 0;
	if (c == NULL)
		return 0;
	left = ui_mono(ui);
	rc = editor_edit_card(c, ui_step_aside, NULL, &r, &err);
	/* time in the editor is no time spent answering */
	*away = ui_mono(ui) - left;
	if (rc == 0) {
		ui_message(ui, false, "Card unchanged.");
	} else if (rc > 0) {
		int st = session_edit(ui->se, r.question, r.answer, r.tips, r.tags,
		    ui_now(ui), &err);

		if (st == 0) {
			saved = 1;
			ui_message(ui, false, "Card saved.");
		} else if (st == SESSION_STALE) {
			ui_message(ui, true, "Card saved, but it could not be read "
					     "back: %s",
			    err);
			free(err);
			err = NULL;
		}
		editor_result_free(&r);
	}
	if (err != NULL)
		ui_message(ui, true, "Not saved: %s. The card is unchanged.", err);
	free(err);
	return saved;
}
