/* import.c - "rehearse import": deck files into the collection. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "cmd/cmd.h"
#include "core/import.h"

enum { OPT_DECK = 'd',
	OPT_DUP = 'D' };

static const struct cmd_option options[] = {
	{ OPT_DECK, 0, "deck", "NAME", "put every card in deck NAME" },
	{ OPT_DUP, 0, "on-duplicate", "update|skip",
	    "for a card already there: update its\n"
	    "text, keeping its history (default),\n"
	    "or leave it as it is" },
	{ 0, 0, NULL, NULL, NULL },
};

/* --on-duplicate's value: 0 and *dup, or -1. */
static int
parse_dup(const char *v, enum import_dup *dup)
{
	if (v == NULL || strcmp(v, "update") == 0)
		*dup = IMPORT_UPDATE;
	else if (strcmp(v, "skip") == 0)
		*dup = IMPORT_SKIP;
	else
		return -1;
	return 0;
}

static int
check(const struct cmd_entry *self, const struct cmd_args *a)
{
	const char *deck = cmd_value(a, OPT_DECK), *dup = cmd_value(a, OPT_DUP);
	enum import_dup d;

	if (deck != NULL && deck[0] == '\0')
		return opt_usage_error(self->name, "--deck needs a name");
	/* What enters the collection is UTF-8: an export must read back. */
	if (deck != NULL && !utf8_valid(deck, strlen(deck), NULL))
		return opt_usage_error(
		    self->name, "--deck: \"%s\" is not valid UTF-8", deck);
	if (parse_dup(dup, &d) < 0)
		return opt_usage_error(self->name, "--on-duplicate takes update"
						   " or skip, not \"%s\"",
		    dup);
	return CLI_OK;
}

/* "1 image", "3 images" at the end of b, after sep when b holds text. */
static void
add_count(struct strbuf *b, long n, const char *one, const char *many)
{
	if (n == 0)
		return;
	if (b->len > 0)
		strbuf_adds(b, ", ");
	strbuf_addf(b, "%ld %s", n, n == 1 ? one : many);
}

/* What the notes of Anki files became, when they were more than cards. */
static void
print_notes(const struct deckio_notes *n)
{
	struct strbuf b = { 0 };

	if (n->cloze_notes > 0)
		strbuf_addf(&b, "%ld cloze note%s made %ld card%s", n->cloze_notes,
		    n->cloze_notes == 1 ? "" : "s", n->cloze_cards,
		    n->cloze_cards == 1 ? "" : "s");
	if (n->cloze_detected > 0)
		strbuf_addf(&b, " (%ld known as cloze by their {{c1::...}} text)",
		    n->cloze_detected);
	add_count(&b, n->reversed_cards, "reversed card", "reversed cards");
	if (b.len > 0)
		printf("converted: %s\n", b.s);
	strbuf_reset(&b);
	add_count(&b, n->images, "image", "images");
	add_count(&b, n->sounds, "sound", "sounds");
	if (b.len > 0)
		printf("shown as placeholders: %s\n", b.s);
	if (n->links > 0)
		printf("links shown as text with their address: %ld\n", n->links);
	strbuf_free(&b);
}

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	struct import_opts o = { .deck = cmd_value(a, OPT_DECK) };
	struct import_counts n;
	int rc;

	(void)self;
	parse_dup(cmd_value(a, OPT_DUP), &o.dup);
	rc = cmd_import_files(c, &o, a->argv, a->argc, &n);
	if (rc == CLI_OK) {
		printf("%ld added, %ld updated, %ld unchanged, %ld skipped\n",
		    n.added, n.updated, n.unchanged, n.skipped);
		print_notes(&n.notes);
	}
	return rc;
}

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.synopsis = "[--deck NAME] [--on-duplicate update|skip] FILE...",
	.summary = "Import cards from CSV or Anki plain-text files",
	.options = options,
	.notes = "  FILE may be - for standard input.  Nothing is imported when any\n"
		 "  row is bad: the message gives FILE:LINE.\n",
	.min_args = 1,
	.max_args = -1,
	.args_error = "import needs at least one FILE",
	.flags = CMD_COLLECTION,
	.check = check,
	.run = run,
};
