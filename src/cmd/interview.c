/*
 * interview.c - "rehearse interview [DECK]": a mock interview on the
 * screen, or with --history the past ones.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/interview.h"
#include "core/json.h"
#include "core/store_interview.h"
#include "core/timefmt.h"
#include "core/util.h"

enum { OPT_QUESTIONS = 'n',
	OPT_TIME = 't',
	OPT_HISTORY = 1000,
	OPT_JSON };

static const struct cmd_option options[] = {
	{ OPT_QUESTIONS, 'n', "questions", "N",
	    "ask N questions (1-50; default 6)" },
	{ OPT_TIME, 't', "answer-time", "DURATION",
	    "time for each answer: 90, 90s, 2m, 1m30s or 1:30\n"
	    "(1 second to 60 minutes; default 2m)" },
	{ OPT_HISTORY, 0, "history", NULL, "list the past mock interviews" },
	{ OPT_JSON, 0, "json", NULL, "with --history: print JSON for scripts" },
	{ 0, 0, NULL, NULL, NULL },
};

/* N of --questions; -1 when it is no count in range. */
static int
questions_value(const char *s)
{
	long n;

	if (s == NULL)
		return 0;
	if (util_parse_whole(s, 1, INTERVIEW_MAX_QUESTIONS, &n) < 0)
		return -1;
	return (int)n;
}

static int
check(const struct cmd_entry *self, const struct cmd_args *a)
{
	const char *time = cmd_value(a, OPT_TIME);
	int64_t ms;

	if (cmd_given(a, OPT_HISTORY)) {
		if (cmd_given(a, OPT_QUESTIONS) || time != NULL || a->argc > 0)
			return opt_usage_error(self->name, "--history takes no deck,"
							   " --questions or --answer-time");
		return CLI_OK;
	}
	if (cmd_given(a, OPT_JSON))
		return opt_usage_error(self->name, "--json goes with --history");
	if (questions_value(cmd_value(a, OPT_QUESTIONS)) < 0)
		return opt_usage_error(self->name, "--questions takes a number"
						   " from 1 to %d, not \"%s\"",
		    INTERVIEW_MAX_QUESTIONS, cmd_value(a, OPT_QUESTIONS));
	if (time != NULL && interview_parse_duration(time, &ms) < 0)
		return opt_usage_error(self->name, "--answer-time takes a time such"
						   " as 90s, 2m or 1:30 (1 second to 60 minutes),"
						   " not \"%s\"",
		    time);
	return CLI_OK;
}

/* v with two decimals, whatever the locale. */
static void
print_fixed(double v)
{
	struct strbuf b = { 0 };

	json_add_fixed(&b, v, 2);
	fputs(strbuf_str(&b), stdout);
	strbuf_free(&b);
}

static void
print_json(const struct store_interview_sum *s, size_t n)
{
	printf("{\"interviews\":[");
	for (size_t i = 0; i < n; i++) {
		char when[32];

		timefmt_format_utc(s[i].started, when, sizeof(when));
		printf("%s{\"started\":\"%s\",\"deck\":", i ? "," : "", when);
		cmd_json_string(s[i].deck);
		printf(",\"planned\":%d,\"answered\":%d,\"average\":",
		    s[i].planned, s[i].answered);
		print_fixed(s[i].average);
		printf(",\"answer_time_ms\":%lld,\"over\":%d,\"over_ms\":%lld,"
		       "\"spoken_ms\":%lld}",
		    (long long)s[i].answer_time, s[i].over,
		    (long long)s[i].over_total, (long long)s[i].spoken);
	}
	printf("]}\n");
}

/* "m:ss" of ms. */
static void
mss(int64_t ms, char *buf, size_t n)
{
	int64_t s = ms / 1000;

	snprintf(buf, n, "%lld:%02d", (long long)(s / 60), (int)(s % 60));
}

static void
print_text(const struct store_interview_sum *s, size_t n)
{
	if (n == 0) {
		printf("No mock interviews yet: rehearse interview starts one.\n");
		return;
	}
	printf("%-16s  %-9s  %-7s  %-16s  %s\n", "Date", "Questions", "Average",
	    "Over target", "Deck");
	for (size_t i = 0; i < n; i++) {
		char when[32], over[24], count[16], cell[40];

		timefmt_format_local(s[i].started, when, sizeof(when));
		mss(s[i].over_total, over, sizeof(over));
		snprintf(count, sizeof(count), "%d of %d", s[i].answered,
		    s[i].planned);
		snprintf(cell, sizeof(cell), "%d (+%s)", s[i].over, over);
		cmd_say("%-16s  %-9s  %-7.2f  %-16s  %s", when, count, s[i].average,
		    cell, s[i].deck != NULL ? s[i].deck : "All decks");
	}
}

static int
history(struct cli *c, bool json)
{
	struct store_interview_sum *s;
	size_t n;
	char *msg = NULL;

	if (store_interview_sums(c->st, &s, &n, &msg) < 0)
		return cmd_fail(msg);
	if (json)
		print_json(s, n);
	else
		print_text(s, n);
	store_interview_sums_free(s, n);
	return cmd_flush(CLI_OK);
}

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	const char *deck = a->argc > 0 ? a->argv[0] : NULL;
	struct cli_tui t = { .deck = deck, .interview = true, .script = c->script };
	int64_t *ids;
	size_t n;
	char *msg = NULL, *name = NULL;
	int rc;

	(void)self;
	if (cmd_given(a, OPT_HISTORY))
		return history(c, cmd_given(a, OPT_JSON));
	t.questions = questions_value(cmd_value(a, OPT_QUESTIONS));
	if (cmd_value(a, OPT_TIME) != NULL)
		interview_parse_duration(cmd_value(a, OPT_TIME), &t.answer_ms);
	if ((rc = cmd_deck_find(c, deck, &t.deck_id, &name)) != CLI_OK)
		return rc;
	/* Said before the screen is taken over, with the deck's full name. */
	if (store_interview_questions(c->st, t.deck_id, c->now, &ids, &n, &msg) < 0) {
		free(name);
		return cmd_fail(msg);
	}
	free(ids);
	if (n == 0) {
		cmd_warn("no question cards to ask in %s (cards tagged question;"
			 " see DECK FILES in rehearse(1))",
		    name != NULL ? name : "the collection");
		free(name);
		return CLI_FAIL;
	}
	/* the history keeps the deck's name, not what was typed of it */
	t.deck = name;
	rc = c->tui(c->st, &c->set, &t, &msg) < 0 ? cmd_fail(msg) : CLI_OK;
	free(name);
	return rc;
}

const struct cmd_entry cmd_interview_entry = {
	.name = "interview",
	.synopsis = "[DECK] [--questions N] [--answer-time DURATION] | --history [--json]",
	.summary = "A mock interview: timed spoken answers, rated, with a report",
	.options = options,
	.max_args = 1,
	.args_error = "interview takes at most one deck name",
	.flags = CMD_COLLECTION | CMD_SEED,
	.check = check,
	.run = run,
};
