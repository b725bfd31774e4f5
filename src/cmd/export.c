/* export.c - "rehearse export": the cards as a deck file. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "cmd/cmd.h"
#include "core/deckio.h"

enum { OPT_DECK = 'd',
	OPT_STATE = 's',
	OPT_ANKI = 'a',
	OPT_OUTPUT = 'o' };

static const struct cmd_option options[] = {
	{ OPT_DECK, 0, "deck", "NAME", "only the cards of deck NAME" },
	{ OPT_STATE, 0, "state", NULL,
	    "add each card's schedule (the columns below)" },
	{ OPT_ANKI, 0, "anki", NULL,
	    "Anki's \"Notes in Plain Text\" instead of CSV,\n"
	    "for Anki's File > Import" },
	{ OPT_OUTPUT, 'o', "output", "FILE",
	    "write to FILE instead of standard output" },
	{ 0, 0, NULL, NULL, NULL },
};

struct export
{
	FILE *f;
	bool state, anki;
	struct strbuf buf; /* the rows not yet written out */
};

static int
export_card(const struct card *card, void *ctx, char **errmsg)
{
	struct export *ex = ctx;

	if (ex->anki)
		return deckio_write_anki_card(ex->f, card, errmsg);
	return deckio_card_add(ex->f, &ex->buf, card, ex->state, errmsg);
}

/* The schedule's columns, from the table the export writes them by. */
static void
print_columns(void)
{
	size_t n, w = 0;
	const char *const *col = deckio_state_columns(&n);

	printf("\n  The columns --state adds:\n   ");
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(col[i]) + 1;

		if (w + len > 60) {
			printf("\n   ");
			w = 0;
		}
		printf(" %s", col[i]);
		w += len;
	}
	putchar('\n');
}

static int
check(const struct cmd_entry *self, const struct cmd_args *a)
{
	if (cmd_given(a, OPT_STATE) && cmd_given(a, OPT_ANKI))
		return opt_usage_error(self->name,
		    "--state and --anki do not go together: Anki's text "
		    "format has no schedule");
	return CLI_OK;
}

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	struct export ex = { .state = cmd_given(a, OPT_STATE),
		.anki = cmd_given(a, OPT_ANKI) };
	struct cmd_output o;
	int64_t deck_id;
	char *msg = NULL;
	int rc;

	(void)self;
	if ((rc = cmd_deck_id(c, cmd_value(a, OPT_DECK), &deck_id)) != CLI_OK ||
	    (rc = cmd_output_open(&o, cmd_value(a, OPT_OUTPUT))) != CLI_OK)
		return rc;
	ex.f = o.f;
	if ((ex.anki ? deckio_write_anki_header(o.f, &msg)
		     : deckio_write_header(o.f, ex.state, &msg)) < 0 ||
	    store_cards_foreach(c->st, deck_id, export_card, &ex, &msg) != 0 ||
	    deckio_rows_flush(o.f, &ex.buf, &msg) < 0)
		rc = cmd_output_fail(&o, msg);
	strbuf_free(&ex.buf);
	return cmd_output_close(&o, rc);
}

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.synopsis = "[--deck NAME] [--state | --anki] [-o FILE]",
	.summary = "Write the cards as CSV, in the format import reads",
	.options = options,
	.print_notes = print_columns,
	.flags = CMD_COLLECTION,
	.check = check,
	.run = run,
};
