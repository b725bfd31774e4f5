/* decks.c - "rehearse decks": the decks and what is due in each. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/clock.h"
#include "core/timefmt.h"
#include "core/queue.h"
#include "core/text.h"
#include "core/util.h"

enum { OPT_JSON = 'j' };

static const struct cmd_option options[] = {
	{ OPT_JSON, 0, "json", NULL, "print JSON for scripts" },
	{ 0, 0, NULL, NULL, NULL },
};

/* What the listing shows. */
struct overview {
	struct deck_info *decks;
	size_t nd;
	struct queue_counts *rows, total;
	size_t nr;
	int64_t *leeches; /* per deck of decks */
	int64_t all_leeches;
	int64_t next; /* when the next card is due; 0: none */
	int64_t now;
};

/* The counts of deck id among rows; zeros for a deck without cards. */
static struct queue_counts
counts_of(const struct overview *v, int64_t id)
{
	for (size_t k = 0; k < v->nr; k++)
		if (v->rows[k].deck_id == id)
			return v->rows[k];
	return (struct queue_counts){ .deck_id = id };
}

static void
print_json(const struct overview *v)
{
	printf("{\"decks\":[");
	for (size_t i = 0; i < v->nd; i++) {
		struct queue_counts q = counts_of(v, v->decks[i].id);

		printf("%s{\"name\":", i ? "," : "");
		cmd_json_string(v->decks[i].name);
		printf(",\"cards\":%lld,\"new\":%lld,\"learning\":%lld,"
		       "\"due\":%lld,\"leeches\":%lld}",
		    (long long)v->decks[i].cards,
		    (long long)q.new_cards, (long long)q.learning,
		    (long long)q.review, (long long)v->leeches[i]);
	}
	printf("],\"total\":{\"new\":%lld,\"learning\":%lld,\"due\":%lld,"
	       "\"leeches\":%lld}",
	    (long long)v->total.new_cards, (long long)v->total.learning,
	    (long long)v->total.review, (long long)v->all_leeches);
	if (v->next != 0) {
		char buf[32];

		timefmt_format_utc(v->next, buf, sizeof(buf));
		printf(",\"next_due\":\"%s\"", buf);
	}
	printf("}\n");
}

/* The line under the table when nothing is to be studied now. */
static void
print_nothing(const struct overview *v)
{
	char buf[64];

	if (v->next != 0) {
		queue_format_wait(v->now, v->next, buf, sizeof(buf));
		printf("Nothing to study now; the next card is due %s.\n", buf);
	} else if (v->nd == 0) {
		printf("No cards yet: import a deck with rehearse import FILE.\n");
	} else {
		printf("Nothing to study now.\n");
	}
}

/* New, learning and due, a count held back by a limit marked "+". */
static void
print_counts(const struct queue_counts *q)
{
	char n[24], r[24];

	snprintf(n, sizeof(n), "%lld%s", (long long)q->new_cards,
	    q->new_limit != QUEUE_LIMIT_NONE ? "+" : "");
	snprintf(r, sizeof(r), "%lld%s", (long long)q->review,
	    q->review_limit != QUEUE_LIMIT_NONE ? "+" : "");
	printf("%7s %8lld %7s\n", n, (long long)q->learning, r);
}

static void
print_table(const struct overview *v)
{
	char **names = xcalloc(v->nd ? v->nd : 1, sizeof(*names));
	int width = 5; /* "Total" */
	bool held = false;

	for (size_t i = 0; i < v->nd; i++) {
		int w;

		names[i] = text_sanitize_line(v->decks[i].name);
		w = text_width(names[i]);
		if (w > width)
			width = w;
	}
	if (width > 48)
		width = 48;
	printf("%-*s %7s %8s %7s\n", width, "Deck", "New", "Learning", "Due");
	for (size_t i = 0; i < v->nd; i++) {
		struct queue_counts q = counts_of(v, v->decks[i].id);
		int w;
		size_t cut = text_prefix(names[i], strlen(names[i]), width, &w);

		printf("%.*s%*s ", (int)cut, names[i], width - w, "");
		print_counts(&q);
		held = held || q.new_limit != QUEUE_LIMIT_NONE ||
		       q.review_limit != QUEUE_LIMIT_NONE;
		free(names[i]);
	}
	free(names);
	printf("%-*s ", width, "Total");
	print_counts(&v->total);
	if (held || v->total.new_limit != QUEUE_LIMIT_NONE ||
	    v->total.review_limit != QUEUE_LIMIT_NONE)
		printf("+ more cards held back by a daily limit (rehearse config,"
		       " config --deck)\n");
	if (v->all_leeches > 0)
		printf("%lld leech%s, cards that keep lapsing: rehearse list --leeches\n",
		    (long long)v->all_leeches, v->all_leeches == 1 ? "" : "es");
	if (v->total.new_cards + v->total.learning + v->total.review == 0)
		print_nothing(v);
}

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	struct overview v = { 0 };
	char *msg = NULL;

	(void)self;
	v.now = c->now;
	/* Only the JSON says how many cards a deck has. */
	if ((cmd_given(a, OPT_JSON)
		    ? store_decks(c->st, &v.decks, &v.nd, &msg)
		    : store_decks_brief(c->st, &v.decks, &v.nd, &msg)) < 0 ||
	    queue_counts(c->st, &c->set, c->now, &v.rows, &v.nr, &v.total,
		&msg) < 0 ||
	    queue_next_due(c->st, &c->set, 0, c->now, &v.next, &msg) < 0) {
		store_decks_free(v.decks, v.nd);
		return cmd_fail(msg);
	}
	v.leeches = xcalloc(v.nd ? v.nd : 1, sizeof(*v.leeches));
	for (size_t i = 0; i < v.nd; i++) {
		if (store_count_leeches(c->st, v.decks[i].id, &v.leeches[i], &msg) < 0) {
			store_decks_free(v.decks, v.nd);
			free(v.rows);
			free(v.leeches);
			return cmd_fail(msg);
		}
		v.all_leeches += v.leeches[i];
	}
	if (cmd_given(a, OPT_JSON))
		print_json(&v);
	else
		print_table(&v);
	store_decks_free(v.decks, v.nd);
	free(v.rows);
	free(v.leeches);
	return cmd_flush(CLI_OK);
}

const struct cmd_entry cmd_decks_entry = {
	.name = "decks",
	.synopsis = "[--json]",
	.summary = "List the decks with their new, learning and due cards",
	.options = options,
	.flags = CMD_COLLECTION | CMD_SEED,
	.run = run,
};
