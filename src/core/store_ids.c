/*
 * store_ids.c - a search of ids (store_search.h): the statement of
 * store_search.c run over the covering index, the terms found apart as
 * sets of ids (one bit a card), the ids put in order by idsort.c or, by
 * question, read in the order of the questions' index.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/idsort.h"
#include "core/store_private.h"
#include "core/store_search.h"
#include "core/store_search_private.h"

/* A set of card ids, one bit each. */
struct idbits {
	uint64_t *w;
	size_t nw;
};

static void
bits_set(struct idbits *s, int64_t id)
{
	size_t i = (size_t)id / 64;

	if (id < 0)
		return;
	if (i >= s->nw) {
		size_t nw = i + 1 > s->nw * 2 ? i + 1 : s->nw * 2;

		s->w = xrealloc(s->w, nw * sizeof(*s->w));
		memset(s->w + s->nw, 0, (nw - s->nw) * sizeof(*s->w));
		s->nw = nw;
	}
	s->w[i] |= UINT64_C(1) << (id % 64);
}

static bool
bits_has(const struct idbits *s, int64_t id)
{
	size_t i = (size_t)id / 64;

	return id >= 0 && i < s->nw && (s->w[i] >> (id % 64) & 1) != 0;
}

/* Into *s, the ids the statement sql returns with text values v[0..n). */
static int
sql_bits(struct store *st, const char *sql, const char *const *v, size_t n,
    struct idbits *s, char **errmsg)
{
	sqlite3_stmt *stmt;
	int rc = SQLITE_DONE;

	if (sqlite3_prepare_v2(store_sqlite(st), sql, -1, &stmt, NULL) !=
	    SQLITE_OK)
		return store_sql_error(st, errmsg, "searching");
	for (size_t i = 0; i < n && rc == SQLITE_DONE; i++)
		if (sqlite3_bind_text(stmt, (int)i + 1, v[i], -1, SQLITE_STATIC) !=
		    SQLITE_OK)
			rc = SQLITE_ERROR;
	if (rc == SQLITE_DONE)
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
			bits_set(s, sqlite3_column_int64(stmt, 0));
	if (rc != SQLITE_DONE)
		store_sql_error(st, errmsg, "searching");
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The cards tagged tag, into *s. */
static int
tag_bits(struct store *st, const char *tag, struct idbits *s, char **errmsg)
{
	char *v[2] = { search_tag_fts(tag), search_like_pattern(tag, true) };
	int rc = sql_bits(st, TAG_IDS, (const char *const *)v, 2, s, errmsg);

	free(v[0]);
	free(v[1]);
	return rc;
}

/* s = s AND t (and, when not, s AND NOT t); t freed. */
static void
bits_and(struct idbits *s, struct idbits *t, bool not )
{
	for (size_t i = 0; i < s->nw; i++)
		s->w[i] &= not ? ~(i < t->nw ? t->w[i] : 0)
		               : (i < t->nw ? t->w[i] : 0);
	free(t->w);
	t->w = NULL;
	t->nw = 0;
}

/* A search's result being gathered. */
struct idlist {
	struct id_key *v;
	size_t n, cap;
	struct idbits pos, neg; /* the matches of the terms found apart */
	bool has_pos, has_neg;
};

/* The sets of sets into l: pos the cards every positive one holds, neg
 * those any negated one holds. */
static int
sets_bits(struct store *st, const struct idsets *s, struct idlist *l,
    char **errmsg)
{
	const char *pos = s->pos;
	int rc = 0;

	l->has_pos = s->pos != NULL || s->ntags > 0;
	l->has_neg = s->neg != NULL || s->nnot_tags > 0;
	if (pos != NULL)
		rc = sql_bits(st, "SELECT rowid FROM cards_fts WHERE cards_fts"
				  " MATCH ?",
		    &pos, 1, &l->pos, errmsg);
	for (size_t i = 0; i < s->ntags && rc == 0; i++) {
		struct idbits t = { 0 };

		if (i == 0 && pos == NULL) {
			rc = tag_bits(st, s->tags[i], &l->pos, errmsg);
			continue;
		}
		rc = tag_bits(st, s->tags[i], &t, errmsg);
		bits_and(&l->pos, &t, false);
	}
	if (rc == 0 && s->neg != NULL)
		rc = sql_bits(st, "SELECT rowid FROM cards_fts WHERE cards_fts"
				  " MATCH ?",
		    (const char *const *)&s->neg, 1, &l->neg, errmsg);
	for (size_t i = 0; i < s->nnot_tags && rc == 0; i++)
		rc = tag_bits(st, s->not_tags[i], &l->neg, errmsg);
	return rc;
}

static bool
wanted(const struct idlist *l, int64_t id)
{
	return !(l->has_pos && !bits_has(&l->pos, id)) &&
	       !(l->has_neg && bits_has(&l->neg, id));
}

static void
keep(struct idlist *l, struct id_key k)
{
	l->v = xgrow(l->v, &l->cap, l->n, sizeof(*l->v));
	l->v[l->n++] = k;
}

/* A row of the ids' statement, with the keys of sort. */
static struct id_key
row_key(sqlite3_stmt *stmt, enum search_sort sort)
{
	struct id_key k = { .id = sqlite3_column_int64(stmt, 0) };

	switch (sort) {
	case SEARCH_SORT_DUE:
	case SEARCH_SORT_DECK:
		k.u = idsort_int(sqlite3_column_int64(stmt, 1), 0);
		break;
	case SEARCH_SORT_STATE:
		k.u = idsort_int(sqlite3_column_int64(stmt, 1), 0);
		k.s = sqlite3_column_int(stmt, 2);
		break;
	case SEARCH_SORT_LAPSES:
		k.u = idsort_int(sqlite3_column_int64(stmt, 1), 1);
		break;
	case SEARCH_SORT_DIFFICULTY:
		k.u = idsort_real(sqlite3_column_double(stmt, 1), 1);
		break;
	default:
		break;
	}
	return k;
}

/* Steps stmt (NULL: none, then the sets alone decide), keeping its ids
 * that the sets want, with the keys of sort. */
static int
gather(struct store *st, sqlite3_stmt *stmt, enum search_sort sort,
    struct idlist *l, char **errmsg)
{
	int rc;

	if (stmt == NULL) {
		for (size_t i = 0; i < l->pos.nw; i++)
			for (uint64_t x = l->pos.w[i]; x != 0; x &= x - 1) {
				int64_t id = (int64_t)(i * 64) + __builtin_ctzll(x);

				if (wanted(l, id))
					keep(l, (struct id_key){ .id = id });
			}
		return 0;
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(stmt, 0);

		if (wanted(l, id))
			keep(l, row_key(stmt, sort));
	}
	return rc == SQLITE_DONE ? 0 : store_sql_error(st, errmsg, "searching");
}

/* By question: the cards in the order of the index cards_question (its
 * order is the question's without case, then the id), those that stmt
 * finds (NULL: every card) and the sets want. */
static int
by_question(struct store *st, sqlite3_stmt *stmt, struct idlist *l,
    char **errmsg)
{
	struct idbits found = { 0 };
	sqlite3_stmt *scan;
	int rc = 0;

	if (stmt != NULL) {
		rc = gather(st, stmt, SEARCH_SORT_ADDED, l, errmsg);
		for (size_t i = 0; i < l->n; i++)
			bits_set(&found, l->v[i].id);
		l->n = 0;
	}
	if (rc == 0 &&
	    sqlite3_prepare_v2(store_sqlite(st), "SELECT id FROM cards INDEXED BY"
						 " cards_question ORDER BY"
						 " question COLLATE NOCASE, id",
		-1, &scan, NULL) != SQLITE_OK)
		rc = store_sql_error(st, errmsg, "searching");
	if (rc == 0) {
		while ((rc = sqlite3_step(scan)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(scan, 0);

			if ((stmt == NULL || bits_has(&found, id)) && wanted(l, id))
				keep(l, (struct id_key){ .id = id });
		}
		rc = rc == SQLITE_DONE ? 0 : store_sql_error(st, errmsg, "searching");
		sqlite3_finalize(scan);
	}
	free(found.w);
	return rc;
}

struct deck_place {
	int64_t id;
	uint64_t place;
};

static int
cmp_place(const void *a, const void *b)
{
	const struct deck_place *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* By deck: each card's key u, its deck's id, becomes the deck's place in
 * the order of the names. */
static int
deck_places(struct store *st, struct idlist *l, char **errmsg)
{
	struct deck_place *v = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *stmt;
	int rc;

	if (sqlite3_prepare_v2(store_sqlite(st), "SELECT id FROM decks ORDER BY"
						 " name",
		-1, &stmt, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "searching");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		v = xgrow(v, &cap, n, sizeof(*v));
		v[n] = (struct deck_place){ sqlite3_column_int64(stmt, 0), n };
		n++;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_sql_error(st, errmsg, "searching");
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_place);
	for (size_t i = 0; i < l->n; i++) {
		struct deck_place key = { .id = (int64_t)(l->v[i].u ^ (UINT64_C(1) << 63)) }, *p;

		p = n > 0 ? bsearch(&key, v, n, sizeof(*v), cmp_place) : NULL;
		l->v[i].u = p != NULL ? p->place : n;
	}
	free(v);
	return 0;
}

/* Puts l in the order of sort (by_question's is made as it gathers). */
static int
order(struct store *st, struct idlist *l, enum search_sort sort,
    char **errmsg)
{
	switch (sort) {
	case SEARCH_SORT_STATE:
		idsort_by_key(l->v, l->n);
		idsort_by_s(l->v, l->n);
		break;
	case SEARCH_SORT_DECK:
		if (deck_places(st, l, errmsg) < 0)
			return -1;
		/* fall through */
	case SEARCH_SORT_DUE:
	case SEARCH_SORT_LAPSES:
	case SEARCH_SORT_DIFFICULTY:
		idsort_by_key(l->v, l->n);
		break;
	case SEARCH_SORT_ADDED:
	case SEARCH_SORT_QUESTION:
		break;
	}
	return 0;
}

int
store_search_ids(struct store *st, const struct query_node *q,
    const struct search_opts *o, int64_t **ids, size_t *n, char **errmsg)
{
	struct sqlb b = { .o = o };
	struct idlist l = { 0 };
	struct idsets sets;
	sqlite3_stmt *stmt = search_prepare(st, q, &b, false, &sets, errmsg);
	int rc = stmt != NULL ? 0 : -1;
	int64_t *v = NULL;

	*ids = NULL;
	*n = 0;
	if (rc == 0)
		rc = sets_bits(st, &sets, &l, errmsg);
	/* The sets alone decide when the statement has no condition of its
	 * own, and an order by id needs no pass over the cards at all. */
	if (rc == 0 && o->sort == SEARCH_SORT_QUESTION)
		rc = by_question(st, b.rest ? stmt : NULL, &l, errmsg);
	else if (rc == 0)
		rc = gather(st, !b.rest && l.has_pos && o->sort == SEARCH_SORT_ADDED ? NULL : stmt,
		    o->sort, &l, errmsg);
	if (rc == 0)
		rc = order(st, &l, o->sort, errmsg);
	sqlite3_finalize(stmt);
	search_sqlb_free(&b);
	search_idsets_free(&sets);
	free(l.pos.w);
	free(l.neg.w);
	if (rc == 0 && l.n > 0) {
		v = xcalloc(l.n, sizeof(*v));
		for (size_t i = 0; i < l.n; i++)
			v[i] = l.v[i].id;
		if (o->sort == SEARCH_SORT_ADDED)
			idsort_ids(v, l.n);
		*ids = v;
		*n = l.n;
	}
	free(l.v);
	return rc;
}
