/* stats.c - "rehearse stats": the statistics of the collection or a deck. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/stats.h"
#include "core/stats_report.h"
#include "core/util.h"

enum { OPT_DECK = 'd',
	OPT_JSON = 'j' };

static const struct cmd_option options[] = {
	{ OPT_DECK, 0, "deck", "NAME", "only the cards of deck NAME" },
	{ OPT_JSON, 0, "json", NULL, "print JSON for scripts" },
	{ 0, 0, NULL, NULL, NULL },
};

/* The width of the text report: the terminal's, when standard output is
 * one; else COLUMNS, when set; else 80 columns. */
static int
report_width(void)
{
	const char *env = getenv("COLUMNS");
	long cols = cmd_tty_columns();

	if (cols <= 0 && (env == NULL || util_parse_whole(env, 1, 9999, &cols) < 0))
		cols = 0;
	if (cols <= 0 || cols > 80)
		cols = 80;
	return cols >= 80 ? STATS_REPORT_WIDTH : (int)cols;
}

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	const char *deck = cmd_value(a, OPT_DECK);
	struct stats *s;
	int64_t deck_id;
	char *msg = NULL, *text, *name = NULL;
	int rc;

	(void)self;
	/* the report names the deck as the collection does: --deck beh is
	 * "Behavioural questions" */
	if ((rc = cmd_deck_find(c, deck, &deck_id, &name)) != CLI_OK)
		return rc;
	s = xmalloc(sizeof(*s));
	if (stats_compute(c->st, &c->set.fsrs, c->set.day_starts_at, deck_id,
		c->now, s, &msg) < 0) {
		free(s);
		free(name);
		return cmd_fail(msg);
	}
	/* The charts' block characters only where the locale can show them. */
	if (cmd_given(a, OPT_JSON))
		text = stats_json(s, name);
	else
		text = stats_report(s, name,
		    strcmp(nl_langinfo(CODESET), "UTF-8") == 0, report_width());
	fputs(text, stdout);
	free(text);
	free(s);
	free(name);
	return cmd_flush(CLI_OK);
}

const struct cmd_entry cmd_stats_entry = {
	.name = "stats",
	.synopsis = "[--deck NAME] [--json]",
	.summary = "Show the statistics: today, forecast, calendar, retention",
	.options = options,
	.flags = CMD_COLLECTION | CMD_SEED,
	.run = run,
};
