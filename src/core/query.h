/*
 * query.h - the search language, parsed into a tree; no SQL here (the
 * store turns a tree into a statement with ? binds, store_search.c).
 *
 *   word          cards whose question, answer, tips or tags hold the word
 *   word*         ... a word beginning so
 *   "two words"   ... the words one after the other
 *   -term         cards that do not match term
 *   a b           both (juxtaposition is "and"; the word "and" is allowed)
 *   a or b        either; "and" binds tighter than "or"
 *   ( ... )       grouping
 *   deck:NAME     cards of the deck NAME (deck:"two words"; * matches any
 *                 run of characters; letters in either case)
 *   tag:T         cards with the tag T (* as in deck:)
 *   is:new, is:learning, is:review, is:due, is:suspended, is:buried,
 *   is:flagged, is:leech
 *   prop:P<N      P one of lapses, reps, interval, due (days from today),
 *                 difficulty, stability; < <= = != >= >
 *
 * Every string in a tree is owned by the tree; query_free frees it all.
 */
#ifndef REHEARSE_QUERY_H
#define REHEARSE_QUERY_H

#include <stdbool.h>
#include <stddef.h>

enum query_kind {
	QUERY_AND,  /* a and b */
	QUERY_OR,   /* a or b */
	QUERY_NOT,  /* not a */
	QUERY_TEXT, /* text: a word or a phrase */
	QUERY_DECK, /* text: the deck's name, * wildcards */
	QUERY_TAG,  /* text: the tag, * wildcards */
	QUERY_IS,   /* is */
	QUERY_PROP, /* prop, cmp, value */
};

enum query_is {
	QUERY_IS_NEW,
	QUERY_IS_LEARNING,
	QUERY_IS_REVIEW,
	QUERY_IS_DUE,
	QUERY_IS_SUSPENDED,
	QUERY_IS_BURIED,
	QUERY_IS_FLAGGED,
	QUERY_IS_LEECH,
};

enum query_prop {
	QUERY_PROP_LAPSES,
	QUERY_PROP_REPS,
	QUERY_PROP_INTERVAL,
	QUERY_PROP_DUE,
	QUERY_PROP_DIFFICULTY,
	QUERY_PROP_STABILITY,
};

enum query_cmp {
	QUERY_LT,
	QUERY_LE,
	QUERY_EQ,
	QUERY_NE,
	QUERY_GE,
	QUERY_GT,
};

struct query_node {
	enum query_kind kind;
	struct query_node *a, *b; /* AND, OR: both; NOT: a */
	char *text;               /* TEXT, DECK, TAG */
	bool prefix;              /* TEXT: a word given as word* */
	bool phrase;              /* TEXT: given in quotes */
	enum query_is is;
	enum query_prop prop;
	enum query_cmp cmp;
	double value; /* PROP: whole for lapses, reps, interval, due */
	int column;   /* where the term starts, from 1 */
};

/* Where a query is wrong: the column (from 1, in bytes) and what. */
struct query_error {
	int column;
	char message[160];
};

/*
 * Parses s.  On success returns 0 and *out is the tree, NULL for a query
 * with no term (which matches every card).  On failure returns -1, *out is
 * NULL and *err says where and why.
 */
int query_parse(const char *s, struct query_node **out, struct query_error *err);
void query_free(struct query_node *q);

/* The tree as text, for tests and messages: (and A B), (or A B), (not A),
 * "word", "word"*, deck:"N", tag:"T", is:due, prop:lapses>3.  Allocated. */
char *query_describe(const struct query_node *q);

/* The names of the is: values and the prop: properties, by enum value. */
extern const char *const query_is_names[];
extern const size_t query_is_count;
extern const char *const query_prop_names[];
extern const size_t query_prop_count;

#endif
