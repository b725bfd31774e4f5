/*
 * pick.h - what the commands that find or change cards share (pick.c):
 * a query from the command line, the search's day, the cards named by
 * id or found by a query, and asking before a change that cannot be
 * taken back.  Functions returning int return CLI_OK, or CLI_FAIL or
 * CLI_USAGE after saying why.
 */
#ifndef REHEARSE_CMD_PICK_H
#define REHEARSE_CMD_PICK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmd/cmd.h"
#include "core/query.h"
#include "core/store_search.h"

/* The words of argv[0..argc) joined by spaces, parsed into *q (NULL: every
 * card); a bad query is said with its column (CLI_USAGE). */
int pick_query(const char *cmd, int argc, char **argv, struct query_node **q);

/* A search at c->now over today's study day, in sort order. */
void pick_search_opts(const struct cli *c, enum search_sort sort,
    struct search_opts *o);

/* Card ids, allocated (free v). */
struct pick_list {
	int64_t *v;
	size_t n, cap;
};
void pick_list_add(struct pick_list *l, int64_t id);
/* Each id of l once (in id order): a card named twice is one card, which a
 * second delete would not find. */
void pick_list_unique(struct pick_list *l);

/* The cards named by their ids (argv; an unknown one fails, saying which)
 * or, when query is not NULL, those it finds. */
int pick_cards(struct cli *c, const char *cmd, int argc, char **argv,
    const char *query, struct pick_list *out);

/* Asks question (with " [y/N] ") on standard error and reads the answer
 * from standard input; true for y or yes.  yes given: true at once. */
bool pick_confirm(bool yes, const char *fmt, ...) UTIL_PRINTF(2, 3);

/* The check of a command taking ID... or --query QUERY (PICK_OPT_QUERY):
 * one or the other. */
int pick_check(const struct cmd_entry *self, const struct cmd_args *a);

/* What a command does to one card, inside the command's transaction. */
typedef int (*pick_fn)(struct cli *c, int64_t id, char **errmsg);
/* Does fn to every card of l in one transaction, then says "N cards
 * <done>" (CLI_OK), or fails changing nothing. */
int pick_apply(struct cli *c, const struct pick_list *l, pick_fn fn,
    const char *done);
/* pick_cards (query NULL: the ids of a), then pick_apply. */
int pick_run(struct cli *c, const char *cmd, const struct cmd_args *a,
    const char *query, pick_fn fn, const char *done);

/* The option --query QUERY of these commands, and its row. */
#define PICK_OPT_QUERY 'q'
#define PICK_QUERY_OPTION                                         \
	{                                                         \
		PICK_OPT_QUERY, 0, "query", "QUERY",              \
		    "the cards QUERY finds (see rehearse search)" \
	}

#endif
