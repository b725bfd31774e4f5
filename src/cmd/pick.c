/* pick.c - finding the cards a command works on (pick.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd/pick.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/util.h"

int
pick_query(const char *cmd, int argc, char **argv, struct query_node **q)
{
	struct strbuf b = { 0 };
	struct query_error err;
	int rc = CLI_OK;

	for (int i = 0; i < argc; i++) {
		if (i > 0)
			strbuf_addc(&b, ' ');
		strbuf_adds(&b, argv[i]);
	}
	if (query_parse(strbuf_str(&b), q, &err) < 0) {
		/* err.column counts bytes; the user sees the sanitised line */
		char *shown = text_sanitize_line(strbuf_str(&b));
		int col = text_column(strbuf_str(&b), (size_t)err.column - 1);

		cmd_warn("%s: the query, column %d: %s", cmd, col, err.message);
		cmd_warn("  %s", shown);
		cmd_warn("  %*s^", col - 1, "");
		free(shown);
		rc = CLI_USAGE;
	}
	strbuf_free(&b);
	return rc;
}

void
pick_search_opts(const struct cli *c, enum search_sort sort,
    struct search_opts *o)
{
	int64_t day = timefmt_study_day(c->now, c->set.day_starts_at);

	o->now = c->now;
	o->day_start = timefmt_day_start(day, c->set.day_starts_at);
	o->day_end = timefmt_day_start(day + 1, c->set.day_starts_at);
	o->sort = sort;
}

void
pick_list_add(struct pick_list *l, int64_t id)
{
	l->v = xgrow(l->v, &l->cap, l->n, sizeof(*l->v));
	l->v[l->n++] = id;
}

static int
by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

void
pick_list_unique(struct pick_list *l)
{
	size_t k = 0;

	if (l->n < 2)
		return;
	qsort(l->v, l->n, sizeof(*l->v), by_id);
	for (size_t i = 0; i < l->n; i++)
		if (k == 0 || l->v[i] != l->v[k - 1])
			l->v[k++] = l->v[i];
	l->n = k;
}

/* Frees what l holds and empties it. */
static void
pick_list_free(struct pick_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int
pick_named(struct cli *c, int argc, char **argv, struct pick_list *out)
{
	for (int i = 0; i < argc; i++) {
		char *msg = NULL;
		int64_t id;

		if (store_card_id_by_ext(c->st, argv[i], &id, &msg) < 0) {
			pick_list_free(out);
			return cmd_fail(msg);
		}
		if (id == 0) {
			cmd_warn("no card with id \"%s\" (see rehearse list or"
				 " rehearse search)",
			    argv[i]);
			pick_list_free(out);
			return CLI_FAIL;
		}
		pick_list_add(out, id);
	}
	pick_list_unique(out);
	return CLI_OK;
}

int
pick_cards(struct cli *c, const char *cmd, int argc, char **argv,
    const char *query, struct pick_list *out)
{
	struct query_node *q;
	struct search_opts o;
	char *msg = NULL, *words[1];
	int rc;

	memset(out, 0, sizeof(*out));
	if (query == NULL)
		return pick_named(c, argc, argv, out);
	/* Most often an unset shell variable: it would pick every card. */
	if (query[strspn(query, " \t\r\n")] == '\0')
		return opt_usage_error(cmd,
		    "the query is empty; to mean every card, say 'deck:*'");
	words[0] = (char *)query;
	if ((rc = pick_query(cmd, 1, words, &q)) != CLI_OK)
		return rc;
	pick_search_opts(c, SEARCH_SORT_ADDED, &o);
	rc = store_search_ids(c->st, q, &o, &out->v, &out->n, &msg);
	out->cap = out->n;
	query_free(q);
	return rc < 0 ? cmd_fail(msg) : CLI_OK;
}

bool
pick_confirm(bool yes, const char *fmt, ...)
{
	char line[64];
	va_list ap;

	if (yes)
		return true;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" [y/N] ", stderr);
	fflush(stderr);
	if (fgets(line, sizeof(line), stdin) == NULL) {
		fputc('\n', stderr);
		return false;
	}
	line[strcspn(line, "\r\n")] = '\0';
	return strcasecmp(line, "y") == 0 || strcasecmp(line, "yes") == 0;
}

int
pick_check(const struct cmd_entry *self, const struct cmd_args *a)
{
	bool query = cmd_given(a, PICK_OPT_QUERY);

	if (query && a->argc > 0)
		return opt_usage_error(self->name, "give card ids or --query, not both");
	if (!query && a->argc == 0)
		return opt_usage_error(self->name, "give card ids, or --query");
	return CLI_OK;
}

int
pick_apply(struct cli *c, const struct pick_list *l, pick_fn fn,
    const char *done)
{
	char *msg = NULL;

	if (store_begin(c->st, &msg) < 0)
		return cmd_fail(msg);
	for (size_t i = 0; i < l->n; i++)
		if (fn(c, l->v[i], &msg) < 0) {
			store_rollback(c->st);
			return cmd_fail(msg);
		}
	if (store_commit(c->st, &msg) < 0)
		return cmd_fail(msg);
	printf("%zu card%s %s\n", l->n, l->n == 1 ? "" : "s", done);
	return cmd_flush(CLI_OK);
}

int
pick_run(struct cli *c, const char *cmd, const struct cmd_args *a,
    const char *query, pick_fn fn, const char *done)
{
	struct pick_list l;
	int rc = pick_cards(c, cmd, a->argc, a->argv, query, &l);

	if (rc == CLI_OK)
		rc = pick_apply(c, &l, fn, done);
	free(l.v);
	return rc;
}
