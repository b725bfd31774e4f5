/* edit.c - "rehearse edit": a card's text in $EDITOR. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/editor.h"
#include "core/util.h"

/* Saves the edited text r into card, clearing its flag: the flag asks for
 * an edit, and the edit answers it. */
static int
save(struct cli *c, struct card *card, struct editor_result *r)
{
	char *msg = NULL;

	card->question = r->question;
	card->answer = r->answer;
	card->tips = r->tips;
	card->tags = r->tags;
	card_own(card);
	editor_result_free(r);
	if (store_begin(c->st, &msg) < 0 ||
	    store_card_update_text(c->st, card, c->now, NULL, &msg) < 0 ||
	    store_card_set_flagged(c->st, card->id, false, &msg) < 0 ||
	    store_commit(c->st, &msg) < 0) {
		store_rollback(c->st);
		return cmd_fail(msg);
	}
	cmd_say("%s: saved", card->ext_id);
	return CLI_OK;
}

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	struct editor_result r;
	struct card card;
	bool found;
	char *msg = NULL;
	int rc;

	(void)self;
	if (store_card_by_ext(c->st, a->argv[0], &card, &found, &msg) < 0)
		return cmd_fail(msg);
	if (!found) {
		cmd_warn("no card with id \"%s\" (see rehearse list)", a->argv[0]);
		return CLI_FAIL;
	}
	rc = editor_edit_card(&card, NULL, NULL, &r, &msg);
	if (rc < 0) {
		cmd_warn("%s", msg);
		free(msg);
		cmd_warn("the card is unchanged");
		rc = CLI_FAIL;
	} else if (rc == 0) {
		cmd_say("%s: unchanged", card.ext_id);
		rc = CLI_OK;
	} else {
		rc = save(c, &card, &r);
	}
	card_clear(&card);
	return rc;
}

const struct cmd_entry cmd_edit_entry = {
	.name = "edit",
	.synopsis = "ID",
	.summary = "Edit a card's question, answer, tips and tags in $EDITOR",
	.notes = "  The card's history is kept, and its flag is cleared.\n",
	.min_args = 1,
	.max_args = 1,
	.args_error = "edit takes one card id",
	.flags = CMD_COLLECTION,
	.run = run,
};
