/* review.c - "rehearse review [DECK]", and the deck list when no command
 * is given: the screens, over the collection. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/custom.h"
#include "core/timefmt.h"
#include "core/util.h"

enum { OPT_TAG = 't',
	OPT_EXTRA_NEW = 'n',
	OPT_AHEAD = 'a',
	OPT_CRAM = 'c' };

static const struct cmd_option options[] = {
	{ OPT_TAG, 0, "tag", "TAG",
	    "only cards tagged TAG: today's (outside the daily limits,\n"
	    "new cards within them), or with --cram or --ahead, theirs" },
	{ OPT_EXTRA_NEW, 0, "extra-new", "N",
	    "N more new cards today than the limits give (1-9999), in DECK\n"
	    "or in the collection; they stay added for the day" },
	{ OPT_AHEAD, 0, "ahead", "DAYS",
	    "review ahead: the cards due in the next DAYS days (1-3650),\n"
	    "answered now as early reviews" },
	{ OPT_CRAM, 0, "cram", NULL,
	    "every card of DECK (or TAG), in order, as a preview: nothing\n"
	    "changes, neither schedule nor history" },
	{ 0, 0, NULL, NULL, NULL },
};

static int
run_screens(struct cli *c, const char *deck, bool review,
    const struct session_custom *custom)
{
	struct cli_tui t = { .review = review, .script = c->script, .custom = custom };
	char *msg = NULL, *name = NULL;
	int rc;

	/* An unknown deck is said here, before the screen is taken over; a
	 * deck named in part is shown by its whole name. */
	if ((rc = cmd_deck_find(c, deck, &t.deck_id, &name)) != CLI_OK)
		return rc;
	t.deck = name;
	rc = CLI_OK;
	if (c->tui(c->st, &c->set, &t, &msg) < 0)
		rc = cmd_fail(msg);
	free(name);
	return rc;
}

/* A whole number from lo to hi in the value of option name. */
static int
number(const char *name, const char *v, long lo, long hi, long *out)
{
	if (util_parse_whole(v, lo, hi, out) < 0) {
		cmd_warn("--%s: \"%s\": give a whole number from %ld to %ld", name, v,
		    lo, hi);
		return CLI_USAGE;
	}
	return CLI_OK;
}

/* The tag of --tag without the spaces around it, as the custom study
 * screen takes a typed one, in *tag (allocated); refused, said, when it is
 * no single word or no card of deck (not suspended) carries it, which
 * would otherwise give a session with nothing to study. */
static int
tag_value(struct cli *c, const char *deck, const char *given, char **tag)
{
	const char *s = given + strspn(given, " ");
	size_t n = strcspn(s, " \t"), nt = 0;
	struct custom_tag *tags = NULL;
	int64_t deck_id;
	char *msg = NULL;
	int rc;

	*tag = NULL;
	if (n == 0 || s[n + strspn(s + n, " ")] != '\0') {
		cmd_warn("--tag: give one tag, without spaces");
		return CLI_USAGE;
	}
	if ((rc = cmd_deck_id(c, deck, &deck_id)) != CLI_OK)
		return rc;
	if (custom_tags(c->st, deck_id, &tags, &nt, &msg) < 0)
		return cmd_fail(msg);
	for (size_t i = 0; i < nt && *tag == NULL; i++)
		if (strlen(tags[i].name) == n && memcmp(tags[i].name, s, n) == 0)
			*tag = xstrndup(s, n);
	custom_tags_free(tags, nt);
	if (*tag != NULL)
		return CLI_OK;
	cmd_warn("no card%s is tagged %.*s (suspended cards aside)",
	    deck != NULL ? " of the deck" : "", (int)n, s);
	return CLI_FAIL;
}

static int
run_review(const struct cmd_entry *self, struct cli *c,
    const struct cmd_args *a)
{
	const char *deck = a->argc > 0 ? a->argv[0] : NULL;
	struct session_custom custom = { .tag = cmd_value(a, OPT_TAG),
		.cram = cmd_given(a, OPT_CRAM) };
	long ahead = 0, extra = 0;
	int64_t deck_id;
	char *msg = NULL, *tag = NULL;
	int rc;

	(void)self;
	if ((cmd_given(a, OPT_AHEAD) &&
		(rc = number("ahead", cmd_value(a, OPT_AHEAD), 1, 3650, &ahead)) !=
		    CLI_OK) ||
	    (cmd_given(a, OPT_EXTRA_NEW) &&
		(rc = number("extra-new", cmd_value(a, OPT_EXTRA_NEW), 1, 9999,
		     &extra)) != CLI_OK))
		return rc;
	if (custom.tag != NULL &&
	    (rc = tag_value(c, deck, custom.tag, &tag)) != CLI_OK)
		return rc;
	custom.tag = tag;
	custom.ahead = (int)ahead;
	if (extra > 0 &&
	    ((rc = cmd_deck_id(c, deck, &deck_id)) != CLI_OK ||
		settings_add_extra_new(c->st, deck_id,
		    timefmt_study_day(c->now, c->set.day_starts_at), extra,
		    &msg) < 0))
		rc = msg != NULL ? cmd_fail(msg) : rc;
	else
		rc = run_screens(c, deck, true,
		    custom.tag != NULL || custom.cram || custom.ahead > 0
			? &custom
			: NULL);
	free(tag);
	return rc;
}

static int
run_default(const struct cmd_entry *self, struct cli *c,
    const struct cmd_args *a)
{
	(void)self;
	(void)a;
	return run_screens(c, NULL, false, NULL);
}

const struct cmd_entry cmd_review_entry = {
	.name = "review",
	.synopsis = "[--tag TAG] [--extra-new N] [--ahead DAYS] [--cram] [DECK]",
	.summary = "Review the cards due in DECK, or in all decks",
	.options = options,
	.max_args = 1,
	.args_error = "review takes at most one deck name",
	.flags = CMD_COLLECTION | CMD_SEED,
	.run = run_review,
};

const struct cmd_entry cmd_default_entry = {
	.name = "",
	.synopsis = "",
	.summary = "Open the deck list",
	.flags = CMD_COLLECTION | CMD_SEED,
	.run = run_default,
};
