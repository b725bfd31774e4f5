/* list.c - "rehearse list": the cards, one a line. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/clock.h"
#include "core/timefmt.h"
#include "core/text.h"

enum { OPT_DECK = 'd',
	OPT_FLAGGED = 'f',
	OPT_SUSPENDED = 's',
	OPT_LEECHES = 'l' };

static const struct cmd_option options[] = {
	{ OPT_DECK, 0, "deck", "NAME", "only the cards of deck NAME" },
	{ OPT_FLAGGED, 0, "flagged", NULL,
	    "only flagged cards (marked * while reviewing)" },
	{ OPT_SUSPENDED, 0, "suspended", NULL, "only suspended cards" },
	{ OPT_LEECHES, 0, "leeches", NULL,
	    "only leeches (cards tagged leech: they kept lapsing)" },
	{ 0, 0, NULL, NULL, NULL },
};

static const char *const state_names[] = { "new", "learning", "review",
	"relearning" };

struct list {
	struct cli *c;
	bool flagged, suspended, leeches;
	bool table;   /* aligned for a terminal, else tab-separated */
	int id_width; /* widest id, for the table */
	int width;    /* columns for the question in the table */
};

static bool
list_wants(const struct list *l, const struct card *card)
{
	return (!l->flagged || card->flagged) && (!l->suspended || card->suspended) &&
	       (!l->leeches || card_has_tag(card, "leech"));
}

static int
list_measure(const struct card *card, void *ctx, char **errmsg)
{
	struct list *l = ctx;
	char *id;
	int w;

	(void)errmsg;
	if (!list_wants(l, card))
		return 0;
	id = text_sanitize_line(card->ext_id);
	w = text_width(id);
	free(id);
	if (w > l->id_width)
		l->id_width = w;
	return 0;
}

static void
list_marks(const struct list *l, const struct card *card, char marks[4])
{
	int m = 0;

	if (card->flagged)
		marks[m++] = '*';
	if (card->suspended)
		marks[m++] = '!';
	if (card->buried_until > l->c->now)
		marks[m++] = '-';
	marks[m] = '\0';
}

static int
list_card(const struct card *card, void *ctx, char **errmsg)
{
	struct list *l = ctx;
	char due[32] = "-", marks[4], *q, *id;

	(void)errmsg;
	if (!list_wants(l, card))
		return 0;
	if (card->s.state != STATE_NEW) {
		timefmt_format_local(card->s.due, due, sizeof(due));
		due[10] = '\0'; /* the date is enough here */
	}
	list_marks(l, card, marks);
	id = text_sanitize_line(card->ext_id);
	q = text_sanitize_line(card->question);
	if (l->table) {
		int w, idw = text_width(id);
		size_t len = strlen(q), cut = text_prefix(q, len, l->width, &w);

		printf("%s%*s %-10s %-10s %-3s %.*s%s\n", id, l->id_width - idw, "",
		    state_names[card->s.state], due, marks, (int)cut, q,
		    cut < len ? "..." : "");
	} else {
		char *deck = text_sanitize_line(card->deck);

		printf("%s\t%s\t%s\t%s\t%s\t%s\n", id, deck,
		    state_names[card->s.state], due, marks, q);
		free(deck);
	}
	free(id);
	free(q);
	return 0;
}

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	struct list l = { .c = c,
		.flagged = cmd_given(a, OPT_FLAGGED),
		.suspended = cmd_given(a, OPT_SUSPENDED),
		.leeches = cmd_given(a, OPT_LEECHES) };
	int64_t deck_id;
	char *msg = NULL;
	int rc;

	(void)self;
	if ((rc = cmd_deck_id(c, cmd_value(a, OPT_DECK), &deck_id)) != CLI_OK)
		return rc;
	/* On a terminal a card takes one aligned line; in a pipe, fields are
	 * separated by tabs and nothing is cut. */
	l.table = isatty(STDOUT_FILENO);
	if (l.table) {
		int cols = cmd_tty_columns() > 0 ? cmd_tty_columns() : 80;

		if (store_cards_foreach(c->st, deck_id, list_measure, &l, &msg) != 0)
			return cmd_fail(msg);
		l.width = cols - l.id_width - 1 - 11 - 11 - 4 - 3;
		if (l.width < 10)
			l.width = 10;
	}
	if (store_cards_foreach(c->st, deck_id, list_card, &l, &msg) != 0)
		return cmd_fail(msg);
	return cmd_flush(CLI_OK);
}

const struct cmd_entry cmd_list_entry = {
	.name = "list",
	.synopsis = "[--deck NAME] [--flagged] [--suspended] [--leeches]",
	.summary = "List the cards with their state and due date",
	.options = options,
	.notes = "  Marks: * flagged, ! suspended, - buried.  In a pipe the fields are\n"
		 "  tab-separated, with the deck second, and nothing is cut.\n",
	.flags = CMD_COLLECTION,
	.run = run,
};
