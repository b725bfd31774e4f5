/*
 * store_search_private.h - what the two files of the search share:
 * store_search.c makes a query into a statement, store_ids.c runs a
 * search of ids with it and puts them in order.  Included after
 * store_private.h.
 */
#ifndef REHEARSE_STORE_SEARCH_PRIVATE_H
#define REHEARSE_STORE_SEARCH_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/store_search.h"
#include "core/util.h"

/* A statement being written: its SQL and its values. */
struct sqlb {
	struct strbuf sql;
	struct bind_value *v;
	size_t n, cap;
	char **owned; /* the strings bound, freed with the builder */
	size_t nowned, owned_cap;
	const struct search_opts *o;
	struct store *st; /* where deck names are looked up, or NULL */
	bool deck;        /* the decks table is needed */
	bool cards;       /* the cards' text is read, not only their ids */
	bool rest;        /* a WHERE clause was written */
};

void search_sqlb_free(struct sqlb *b);

/*
 * What a search of ids finds apart, as sets of ids, rather than in its
 * statement: the top level's text terms (pos, the AND of the positive
 * ones; neg, the OR of the negated ones, as FTS5 expressions) and its
 * tags (each its own set).  taken[i] marks the terms they hold.
 */
struct idsets {
	char *pos, *neg;
	const char **tags, **not_tags;
	size_t ntags, nnot_tags, tags_cap, not_tags_cap;
};

void search_idsets_free(struct idsets *s);

/* The cards whose tags hold a tag: bound to search_tag_fts's expression
 * and search_like_pattern's pattern (tag true). */
#define TAG_IDS                                                                         \
	"SELECT t.id FROM cards_fts CROSS JOIN cards t INDEXED BY cards_tags"           \
	" ON t.id = cards_fts.rowid WHERE cards_fts MATCH ? AND (' ' || t.tags || ' ')" \
	" LIKE ? ESCAPE '\\'"

/* Allocated. */
char *search_tag_fts(const char *tag);
char *search_like_pattern(const char *name, bool tag);

/* The statement of a search of q: its cards (cards true, in the order of
 * b->o->sort) or their ids and sort keys (in no order; the terms found
 * apart as sets of ids go to *sets, freed with search_idsets_free).  The
 * values bound are b's, freed with search_sqlb_free after the statement.
 * NULL with *errmsg on an error. */
sqlite3_stmt *search_prepare(struct store *st, const struct query_node *q,
    struct sqlb *b, bool cards, struct idsets *sets, char **errmsg);

#endif
