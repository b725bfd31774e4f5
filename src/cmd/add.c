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
	char *ext = NULL, *msg = NULL;

	if (store_begin(c->st, &msg) < 0 ||
	    import_add_card(c->st, card, deck, id, c->now, NULL, &ext, &msg) < 0 ||
	    store_commit(c->st, &msg) < 0) {
		store_rollback(c->st);
		free(ext);
		return cmd_fail(msg);
	}
	say_added(c, ext, deck);
	free(ext);
	return CLI_OK;
}

/* The card written in $EDITOR, its deck from the deck line. */
static int
write_card(struct cli *c, const char *deck, const char *id)
{
	struct editor_result r = { 0 };
	struct card card;
	char *msg = NULL;
	int rc = editor_add_card(deck, NULL, NULL, &r, &msg);

	if (rc <= 0) {
		if (rc < 0)
			cmd_warn("%s", msg);
		free(msg);
		cmd_warn("nothing added");
		return CLI_FAIL;
	}
	card = (struct card){ .question = r.question, .answer = r.answer, .tips = r.tips, .tags = r.tags };
	rc = insert(c, &card, r.deck, id);
	editor_result_free(&r);
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

	(void)self;
	if (deck == NULL)
		deck = DEFAULT_DECK;
	if (card.question == NULL)
		return write_card(c, deck, cmd_value(a, OPT_ID));
	return insert(c, &card, deck, cmd_value(a, OPT_ID));
}

const struct cmd_entry cmd_add_entry = {
	.name = "add",
	.synopsis = "[--deck NAME] [--id ID] [--question TEXT [--answer TEXT]"
		    " [--tips TEXT] [--tags TAGS]]",
	.summary = "Add a card, from the options or written in $EDITOR",
	.options = options,
	.notes = "  Without --question, $EDITOR opens on an empty card under a line\n"
		 "  \"deck: NAME\" naming its deck (--deck's, else \"My cards\"); the\n"
		 "  deck written there is the card's.  Leaving it unchanged adds\n"
		 "  nothing.\n",
	.flags = CMD_COLLECTION,
	.check = check,
	.run = run,
};
