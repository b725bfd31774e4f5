/* search.c - "rehearse search": the cards a query finds, one a line. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "cmd/pick.h"
#include "core/json.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/util.h"

enum { OPT_JSON = 'j',
	OPT_SORT = 's' };

static const struct cmd_option options[] = {
	{ OPT_JSON, 0, "json", NULL, "print a JSON array of cards" },
	{ OPT_SORT, 0, "sort", "ORDER",
	    "due, added (the default), lapses or difficulty" },
	{ 0, 0, NULL, NULL, NULL },
};

static const char *const state_names[] = { "new", "learning", "review",
	"relearning" };

static const struct {
	const char *name;
	enum search_sort sort;
} sorts[] = { { "added", SEARCH_SORT_ADDED }, { "due", SEARCH_SORT_DUE },
	{ "lapses", SEARCH_SORT_LAPSES }, { "difficulty", SEARCH_SORT_DIFFICULTY } };

struct out {
	struct cli *c;
	bool json;
	size_t n;
	struct strbuf b;
};

static int
sort_of(const char *name, enum search_sort *sort)
{
	if (name == NULL) {
		*sort = SEARCH_SORT_ADDED;
		return 0;
	}
	for (size_t i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++)
		if (strcmp(name, sorts[i].name) == 0) {
			*sort = sorts[i].sort;
			return 0;
		}
	return -1;
}

static int
check(const struct cmd_entry *self, const struct cmd_args *a)
{
	enum search_sort sort;

	if (sort_of(cmd_value(a, OPT_SORT), &sort) < 0)
		return opt_usage_error(self->name, "--sort takes due, added, lapses"
						   " or difficulty");
	return CLI_OK;
}

/* The due date of a card, "-" for a new one. */
static void
due_text(const struct card *card, char *buf, size_t n)
{
	snprintf(buf, n, "-");
	if (card->s.state != STATE_NEW) {
		timefmt_format_local(card->s.due, buf, n);
		if (n > 10)
			buf[10] = '\0';
	}
}

static void
json_card(struct out *o, const struct card *card)
{
	struct strbuf *b = &o->b;
	char due[40];

	strbuf_adds(b, o->n == 0 ? "[\n  {\"id\": " : ",\n  {\"id\": ");
	json_add_string(b, card->ext_id);
	strbuf_adds(b, ", \"deck\": ");
	json_add_string(b, card->deck);
	strbuf_addf(b, ", \"state\": \"%s\", \"due\": ", state_names[card->s.state]);
	if (card->s.state == STATE_NEW) {
		strbuf_adds(b, "null");
	} else {
		timefmt_format_utc(card->s.due, due, sizeof(due));
		json_add_string(b, due);
	}
	strbuf_adds(b, ", \"question\": ");
	json_add_string(b, card->question);
	strbuf_adds(b, ", \"answer\": ");
	json_add_string(b, card->answer);
	strbuf_adds(b, ", \"tips\": ");
	json_add_string(b, card->tips);
	strbuf_adds(b, ", \"tags\": ");
	json_add_string(b, card->tags);
	strbuf_addf(b, ", \"suspended\": %s, \"flagged\": %s, \"buried\": %s,"
		       " \"reps\": %d, \"lapses\": %d, \"difficulty\": ",
	    card->suspended ? "true" : "false", card->flagged ? "true" : "false",
	    card->buried_until > o->c->now ? "true" : "false", card->s.reps,
	    card->s.lapses);
	json_add_fixed(b, card->s.difficulty, 2);
	strbuf_adds(b, ", \"stability\": ");
	json_add_fixed(b, card->s.stability, 2);
	strbuf_adds(b, "}");
}

static int
print_card(const struct card *card, void *ctx, char **errmsg)
{
	struct out *o = ctx;

	(void)errmsg;
	if (o->json) {
		json_card(o, card);
		fputs(strbuf_str(&o->b), stdout);
		strbuf_reset(&o->b);
	} else {
		char due[40], *id = text_sanitize_line(card->ext_id),
			      *deck = text_sanitize_line(card->deck),
			      *q = text_sanitize_line(card->question);

		due_text(card, due, sizeof(due));
		printf("%s\t%s\t%s\t%s\t%s\n", id, deck, state_names[card->s.state],
		    due, q);
		free(id);
		free(deck);
		free(q);
	}
	o->n++;
	return 0;
}

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	struct out o = { .c = c, .json = cmd_given(a, OPT_JSON) };
	struct query_node *q;
	struct search_opts so;
	enum search_sort sort = SEARCH_SORT_ADDED;
	char *msg = NULL;
	int rc;

	if ((rc = pick_query(self->name, a->argc, a->argv, &q)) != CLI_OK)
		return rc;
	sort_of(cmd_value(a, OPT_SORT), &sort);
	pick_search_opts(c, sort, &so);
	rc = store_search_cards(c->st, q, &so, print_card, &o, &msg);
	query_free(q);
	strbuf_free(&o.b);
	if (rc != 0)
		return cmd_fail(msg);
	if (o.json)
		fputs(o.n == 0 ? "[]\n" : "\n]\n", stdout);
	return cmd_flush(CLI_OK);
}

const struct cmd_entry cmd_search_entry = {
	.name = "search",
	.synopsis = "[--json] [--sort ORDER] QUERY...",
	.summary = "Find cards by their words, deck, tags, state and figures",
	.options = options,
	.notes = "  One card a line: id, deck, state, due date and question, separated\n"
		 "  by tabs.  The words of QUERY are joined by spaces; the query\n"
		 "  language is in rehearse(1), SEARCHING.  No QUERY: every card.\n",
	.max_args = -1,
	.flags = CMD_COLLECTION,
	.check = check,
	.run = run,
};
