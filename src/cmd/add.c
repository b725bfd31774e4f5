/* add.c - "rehearse add": a new card, from options or in $EDITOR. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/editor.h"
#include "core/import.h"
#include "core/text.h"
#include "core/util.h"

enum { OPT_DECK = 'd',
	OPT_QUESTION = 'q',
	OPT_ANSWER = 'a',
	OPT_TIPS = 't',
	OPT_TAGS = 'g',
	OPT_ID = 'i' };

static const struct cmd_option options[] = {
	{ OPT_DECK, 0, "deck", "NAME", "the deck (created when new; default"
				       " \"My cards\")" },
	{ OPT_QUESTION, 0, "question", "TEXT", "the question" },
	{ OPT_ANSWER, 0, "answer", "TEXT", "the answer (with --question)" },
	{ OPT_TIPS, 0, "tips", "TEXT", "how to prepare (optional)" },
	{ OPT_TAGS, 0, "tags", "TAGS", "tags separated by spaces (optional)" },
	{ OPT_ID, 0, "id", "ID", "the card's id (default: made from deck and"
				 " question, as import does)" },
	{ 0, 0, NULL, NULL, NULL },
};

#define DEFAULT_DECK "My cards"

static int
check(const struct cmd_entry *self, const struct cmd_args *a)
{
	static const int text[] = { OPT_QUESTION, OPT_ANSWER, OPT_TIPS, OPT_TAGS,
		OPT_DECK, OPT_ID };
	bool q = cmd_given(a, OPT_QUESTION);
	const char *question = q ? cmd_value(a, OPT_QUESTION) : NULL;

	if ((cmd_given(a, OPT_ANSWER) || cmd_given(a, OPT_TIPS) ||
		cmd_given(a, OPT_TAGS)) &&
	    !q)
		return opt_usage_error(self->name, "--answer, --tips and --tags go"
						   " with --question");
	/* blank is empty, as import and the editor take it */
	if (q && question[strspn(question, " \t\r\n")] == '\0')
		return opt_usage_error(self->name, "--question: empty");
	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
		const char *v = cmd_value(a, text[i]);

		if (v != NULL && !utf8_valid(v, strlen(v), NULL))
			return opt_usage_error(self->name, "\"%s\" is not valid UTF-8", v);
	}
	if (cmd_given(a, OPT_ID) && cmd_value(a, OPT_ID)[0] == '\0')
		return opt_usage_error(self->name, "--id: empty");
	if (cmd_given(a, OPT_DECK) && cmd_value(a, OPT_DECK)[0] == '\0')
		return opt_usage_error(self->name, "--deck: empty");
	if (cmd_given(a, OPT_DECK))
		return cmd_check_deck_name(self->name, "--deck",
		    cmd_value(a, OPT_DECK));
	return CLI_OK;
}

/* "ID: added to DECK", with the deck's own name: "spanish" may have gone
 * to "Spanish" (the name given when the card cannot be read back). */
static void
say_added(struct cli *c, const char *ext, const char *deck)
{
	struct card added;
	bool found = false;
	char *msg = NULL;

	if (store_card_by_ext(c->st, ext, &added, &found, &msg) == 0 && found) {
		cmd_say("%s: added to \"%s\"", ext, added.deck);
		card_clear(&added);
		return;
	}
	free(msg);
	cmd_say("%s: added to \"%s\"", ext, deck);
}

/* Adds card (text set, deck by name) as a new card. */
static int
insert(struct cli *c, struct card *card, const char *deck, const char *id)
{
	char *ext = id != NULL ? xstrdup(id) : import_derived_id(deck, card->question);
	char *tags = text_join_words(card->tags), *msg = NULL;
	int64_t old = 0;
	int rc = CLI_FAIL;

	card->ext_id = ext;
	card->tags = tags;
	card->s = (struct sched){ .state = STATE_NEW, .due = c->now };
	if (store_begin(c->st, &msg) < 0 ||
	    store_card_id_by_ext(c->st, ext, &old, &msg) < 0)
		goto out;
	if (old != 0) {
		msg = xasprintf("a card with id \"%s\" exists already (rehearse"
				" edit changes it)",
		    ext);
		goto out;
	}
	if (store_deck_id(c->st, deck, true, &card->deck_id, &msg) < 0 ||
	    store_card_insert(c->st, card, c->now, &msg) < 0 ||
	    store_commit(c->st, &msg) < 0)
		goto out;
	say_added(c, ext, deck);
	rc = CLI_OK;
out:
	if (rc != CLI_OK) {
		store_rollback(c->st);
		rc = cmd_fail(msg);
	}
	free(ext);
	free(tags);
	return rc;
}

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	const char *deck = cmd_value(a, OPT_DECK);
	struct card card = { .question = cmd_value(a, OPT_QUESTION),
		.answer = cmd_value(a, OPT_ANSWER),
		.tips = cmd_value(a, OPT_TIPS),
		.tags = cmd_value(a, OPT_TAGS) };
	struct editor_result r = { 0 };
	char *msg = NULL;
	int rc;

	(void)self;
	if (deck == NULL)
		deck = DEFAULT_DECK;
	if (card.question == NULL) {
		card = (struct card){ .question = "", .answer = "", .tips = "", .tags = "" };
		rc = editor_edit_card(&card, NULL, NULL, &r, &msg);
		if (rc <= 0) {
			if (rc < 0)
				cmd_warn("%s", msg);
			free(msg);
			cmd_warn("nothing added");
			return CLI_FAIL;
		}
		card = (struct card){ .question = r.question, .answer = r.answer, .tips = r.tips, .tags = r.tags };
	}
	if (card.answer == NULL)
		card.answer = "";
	if (card.tips == NULL)
		card.tips = "";
	if (card.tags == NULL)
		card.tags = "";
	rc = insert(c, &card, deck, cmd_value(a, OPT_ID));
	editor_result_free(&r);
	return rc;
}

const struct cmd_entry cmd_add_entry = {
	.name = "add",
	.synopsis = "[--deck NAME] [--id ID] [--question TEXT [--answer TEXT]"
		    " [--tips TEXT] [--tags TAGS]]",
	.summary = "Add a card, from the options or written in $EDITOR",
	.options = options,
	.notes = "  Without --question, $EDITOR opens on an empty card; leaving it\n"
		 "  unchanged adds nothing.\n",
	.flags = CMD_COLLECTION,
	.check = check,
	.run = run,
};
