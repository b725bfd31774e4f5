/* import.c - "rehearse import": deck files into the collection. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/progress_bar.h"
#include "core/apkg.h"
#include "core/import.h"
#include "core/import_apkg.h"

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
	if (deck != NULL && cmd_check_deck_name(self->name, "--deck", deck) != CLI_OK)
		return CLI_USAGE;
	if (parse_dup(dup, &d) < 0)
		return opt_usage_error(self->name, "--on-duplicate takes update"
						   " or skip, not \"%s\"",
		    dup);
	for (int i = 0, stdin_seen = 0; i < a->argc; i++)
		/* a second read finds the input used up: "empty file" */
		if (strcmp(a->argv[i], "-") == 0 && stdin_seen++ > 0)
			return opt_usage_error(self->name, "standard input (-)"
							   " can be read only once");
	for (int i = 0; i < a->argc && a->argc > 1; i++)
		if (apkg_is_package(a->argv[i]))
			return opt_usage_error(self->name,
			    "an Anki package is imported on its own: rehearse "
			    "import %s",
			    a->argv[i]);
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

/* What a package brought besides its cards. */
static void
print_package(const struct apkg_counts *n)
{
	printf("%ld notes; review log: %ld reviews added to %zu cards, %ld "
	       "already recorded",
	    n->notes, n->reviews.added, n->reviews.cards, n->reviews.recorded);
	if (n->ignored > 0)
		printf(", %ld entries that are no answers (rescheduled, reset, "
		       "cramming) left out",
		    n->ignored);
	printf("\n");
	if (n->suspended > 0 || n->flagged > 0)
		printf("%ld suspended, %ld flagged, as in Anki\n", n->suspended,
		    n->flagged);
	if (n->empty > 0)
		printf("%ld cards left out: their question is empty\n", n->empty);
	if (n->media > 0)
		printf("%zu media files in the package are not shown: their "
		       "names stand in the cards\n",
		    n->media);
}

static int
run_package(struct cli *c, struct import_opts *o, const char *path)
{
	struct progress_bar bar;
	struct progress p;
	struct apkg_counts n;
	char *msg = NULL, *label = xasprintf("importing %s", path);
	int rc;

	progress_bar_start(&bar, label);
	free(label);
	p = progress_bar_hook(&bar);
	o->now = c->now;
	rc = import_apkg(c->st, &c->set, o, path, &p, &n, &msg);
	progress_bar_end(&bar);
	if (rc < 0) {
		cmd_warn("%s", msg != NULL ? msg : "import failed");
		free(msg);
		cmd_warn("nothing was imported");
		return CLI_FAIL;
	}
	printf("%ld added, %ld updated, %ld unchanged, %ld skipped\n",
	    n.cards.added, n.cards.updated, n.cards.unchanged, n.cards.skipped);
	print_notes(&n.cards.notes);
	print_package(&n);
	return CLI_OK;
}

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	struct import_opts o = { .deck = cmd_value(a, OPT_DECK) };
	struct import_counts n;
	int rc;

	(void)self;
	parse_dup(cmd_value(a, OPT_DUP), &o.dup);
	if (a->argc == 1 && apkg_is_package(a->argv[0]))
		return run_package(c, &o, a->argv[0]);
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
	.summary = "Import cards from CSV, Anki text files or Anki packages",
	.options = options,
	.notes = "  FILE may be - for standard input.  Nothing is imported when any\n"
		 "  row is bad: the message gives FILE:LINE.  An Anki package\n"
		 "  (.apkg, .colpkg) comes alone, with its review history.\n",
	.min_args = 1,
	.max_args = -1,
	.args_error = "import needs at least one FILE",
	.flags = CMD_COLLECTION,
	.check = check,
	.run = run,
};
