/*
 * store_search.c - a query tree (query.h) made into one SELECT with ?
 * binds (store_search.h).  Words and phrases go to the full-text index
 * (cards_fts, kept in step by triggers, store.c's migrations) as an FTS5
 * expression that is itself bound, each word quoted; the rest are plain
 * conditions on the cards' columns.  When the top level of a query holds
 * text terms, the statement starts from the index, so that a search costs
 * what its matches cost, not what the collection does.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/store_private.h"
#include "core/store_search.h"
#include "core/store_search_private.h"
#include "core/util.h"

static void
add_value(struct sqlb *b, struct bind_value v)
{
	b->v = xgrow(b->v, &b->cap, b->n, sizeof(*b->v));
	b->v[b->n++] = v;
}

/* Binds s, which the builder now owns. */
static void
add_text(struct sqlb *b, char *s)
{
	b->owned = xgrow(b->owned, &b->owned_cap, b->nowned, sizeof(*b->owned));
	b->owned[b->nowned++] = s;
	add_value(b, BIND_TEXT(s));
}

void
search_sqlb_free(struct sqlb *b)
{
	for (size_t i = 0; i < b->nowned; i++)
		free(b->owned[i]);
	free(b->owned);
	free(b->v);
	strbuf_free(&b->sql);
}

/* ---- the full-text part ---- */

/* Whether q can be said wholly in FTS5's language: words and phrases,
 * "and", "or", and "not" on the right of an "and". */
static bool
fts_able(const struct query_node *q)
{
	switch (q->kind) {
	case QUERY_TEXT:
		return true;
	case QUERY_OR:
		return fts_able(q->a) && fts_able(q->b);
	case QUERY_AND:
		if (!fts_able(q->a) && !fts_able(q->b))
			return false;
		if (fts_able(q->a) && fts_able(q->b))
			return true;
		if (fts_able(q->a))
			return q->b->kind == QUERY_NOT && fts_able(q->b->a);
		return q->a->kind == QUERY_NOT && fts_able(q->a->a);
	default:
		return false;
	}
}

/* A word or phrase as an FTS5 string: in double quotes (doubled inside),
 * so that nothing the user typed is FTS5 syntax; "..." * for a prefix. */
static void
fts_term(struct strbuf *e, const struct query_node *q)
{
	strbuf_addc(e, '"');
	for (const char *s = q->text; *s != '\0'; s++) {
		if (*s == '"')
			strbuf_addc(e, '"');
		strbuf_addc(e, *s);
	}
	strbuf_adds(e, q->prefix ? "\" *" : "\"");
}

/* q, fts_able, as an FTS5 expression. */
static void
fts_expr(struct strbuf *e, const struct query_node *q)
{
	const struct query_node *pos, *neg;

	if (q->kind == QUERY_TEXT) {
		fts_term(e, q);
		return;
	}
	pos = q->a;
	neg = q->b;
	if (q->kind == QUERY_AND && !fts_able(q->a)) {
		pos = q->b;
		neg = q->a;
	}
	strbuf_addc(e, '(');
	fts_expr(e, pos);
	if (q->kind == QUERY_OR) {
		strbuf_adds(e, ") OR (");
		fts_expr(e, neg);
	} else if (fts_able(neg)) {
		strbuf_adds(e, ") AND (");
		fts_expr(e, neg);
	} else {
		strbuf_adds(e, ") NOT (");
		fts_expr(e, neg->a);
	}
	strbuf_addc(e, ')');
}

/* ---- the rest ---- */

/* Whether s has a letter or a digit, which the index keeps. */
static bool
has_word(const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z'))
			return true;
	}
	return false;
}

/* A deck: or tag: name as a LIKE pattern: its own %, _ and \ escaped,
 * * for any run of characters; around spaces for a tag, which is one of
 * the words of the tags column. */
char *
search_like_pattern(const char *name, bool tag)
{
	struct strbuf b = { 0 };

	if (tag)
		strbuf_adds(&b, "% ");
	for (const char *s = name; *s != '\0'; s++) {
		if (*s == '*') {
			strbuf_addc(&b, '%');
			continue;
		}
		if (*s == '%' || *s == '_' || *s == '\\')
			strbuf_addc(&b, '\\');
		strbuf_addc(&b, *s);
	}
	if (tag)
		strbuf_adds(&b, " %");
	return strbuf_detach(&b);
}

/* A tag is one of the words of the tags column.  Without a *, the
 * index's tags column finds the few cards that can have it (the tag is a
 * phrase of it) and LIKE reads only their rows. */
static bool
tag_indexed(const char *tag)
{
	return strchr(tag, '*') == NULL && has_word(tag);
}

/* The FTS5 expression of the cards whose tags hold tag as a phrase. */
char *
search_tag_fts(const char *tag)
{
	struct strbuf e = { 0 };

	strbuf_adds(&e, "{tags} : \"");
	for (const char *s = tag; *s != '\0'; s++) {
		if (*s == '"')
			strbuf_addc(&e, '"');
		strbuf_addc(&e, *s);
	}
	strbuf_addc(&e, '"');
	return strbuf_detach(&e);
}

static void
compile_tag(struct sqlb *b, const char *tag)
{
	if (tag_indexed(tag)) {
		strbuf_adds(&b->sql, "c.id IN (" TAG_IDS ")");
		add_text(b, search_tag_fts(tag));
	} else {
		strbuf_adds(&b->sql, "(' ' || c.tags || ' ') LIKE ? ESCAPE '\\'");
	}
	add_text(b, search_like_pattern(tag, true));
}

/* The ids of the decks named by pattern (a LIKE one), in the statement
 * as values: a test of the card's own column, with no subquery to probe
 * for each card.  -1 when they cannot be read (the caller falls back on
 * the subquery). */
static int
deck_ids(struct sqlb *b, const char *pattern)
{
	sqlite3_stmt *stmt;
	struct strbuf sql = { 0 };
	size_t n = 0;
	int rc;

	if (b->st == NULL ||
	    sqlite3_prepare_v2(store_sqlite(b->st), "SELECT id FROM decks WHERE"
						    " name LIKE ? ESCAPE '\\'",
		-1, &stmt, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_bind_text(stmt, 1, pattern, -1, SQLITE_STATIC) != SQLITE_OK) {
		sqlite3_finalize(stmt);
		return -1;
	}
	strbuf_adds(&sql, "c.deck_id IN (");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		strbuf_adds(&sql, n++ > 0 ? ", ?" : "?");
		add_value(b, BIND_INT(sqlite3_column_int64(stmt, 0)));
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		b->n -= n;
		strbuf_free(&sql);
		return -1;
	}
	strbuf_adds(&b->sql, n > 0 ? strbuf_str(&sql) : "0");
	if (n > 0)
		strbuf_addc(&b->sql, ')');
	strbuf_free(&sql);
	return 0;
}

static void
compile_deck(struct sqlb *b, const char *name)
{
	char *pattern = search_like_pattern(name, false);

	if (deck_ids(b, pattern) == 0) {
		free(pattern);
		return;
	}
	strbuf_adds(&b->sql, "c.deck_id IN (SELECT id FROM decks"
			     " WHERE name LIKE ? ESCAPE '\\')");
	add_text(b, pattern);
}

static void
compile_is(struct sqlb *b, enum query_is is)
{
	switch (is) {
	case QUERY_IS_NEW:
		strbuf_adds(&b->sql, "c.state = 0");
		break;
	case QUERY_IS_LEARNING:
		strbuf_adds(&b->sql, "c.state IN (1, 3)");
		break;
	case QUERY_IS_REVIEW:
		strbuf_adds(&b->sql, "c.state = 2");
		break;
	case QUERY_IS_DUE:
		strbuf_adds(&b->sql, "(c.state <> 0 AND c.due < ? AND"
				     " c.suspended = 0 AND c.buried_until <= ?)");
		add_value(b, BIND_INT(b->o->day_end));
		add_value(b, BIND_INT(b->o->now));
		break;
	case QUERY_IS_SUSPENDED:
		strbuf_adds(&b->sql, "c.suspended = 1");
		break;
	case QUERY_IS_BURIED:
		strbuf_adds(&b->sql, "c.buried_until > ?");
		add_value(b, BIND_INT(b->o->now));
		break;
	case QUERY_IS_FLAGGED:
		strbuf_adds(&b->sql, "c.flagged = 1");
		break;
	case QUERY_IS_LEECH:
		compile_tag(b, "leech");
		break;
	}
}

static const char *const cmp_sql[] = { " < ", " <= ", " = ", " <> ", " >= ",
	" > " };

/* prop:due: the day a card is due on, counted from today, compared by
 * the bounds of that day so that the due column's index serves. */
static void
compile_prop_due(struct sqlb *b, enum query_cmp cmp, int64_t days)
{
	int64_t from = b->o->day_start + days * MS_PER_DAY, to = from + MS_PER_DAY;

	strbuf_adds(&b->sql, "(c.state <> 0 AND ");
	switch (cmp) {
	case QUERY_LT:
	case QUERY_GE:
		strbuf_adds(&b->sql, cmp == QUERY_LT ? "c.due < ?" : "c.due >= ?");
		add_value(b, BIND_INT(from));
		break;
	case QUERY_LE:
	case QUERY_GT:
		strbuf_adds(&b->sql, cmp == QUERY_LE ? "c.due < ?" : "c.due >= ?");
		add_value(b, BIND_INT(to));
		break;
	case QUERY_EQ:
	case QUERY_NE:
		strbuf_adds(&b->sql, cmp == QUERY_EQ ? "c.due >= ? AND c.due < ?"
						     : "(c.due < ? OR c.due >= ?)");
		add_value(b, BIND_INT(from));
		add_value(b, BIND_INT(to));
		break;
	}
	strbuf_addc(&b->sql, ')');
}

static void
compile_prop(struct sqlb *b, const struct query_node *q)
{
	static const char *const cols[] = { "c.lapses", "c.reps",
		"c.scheduled_days", NULL, "c.difficulty", "c.stability" };

	if (q->prop == QUERY_PROP_DUE) {
		compile_prop_due(b, q->cmp, (int64_t)q->value);
		return;
	}
	/* A new card has no difficulty or stability to compare. */
	if (q->prop >= QUERY_PROP_DIFFICULTY)
		strbuf_adds(&b->sql, "(c.state <> 0 AND ");
	strbuf_adds(&b->sql, cols[q->prop]);
	strbuf_adds(&b->sql, cmp_sql[q->cmp]);
	strbuf_addc(&b->sql, '?');
	if (q->prop >= QUERY_PROP_DIFFICULTY) {
		add_value(b, BIND_REAL(q->value));
		strbuf_addc(&b->sql, ')');
	} else {
		add_value(b, BIND_INT((long long)q->value));
	}
}

static void
compile(struct sqlb *b, const struct query_node *q)
{
	if (fts_able(q)) {
		struct strbuf e = { 0 };

		fts_expr(&e, q);
		strbuf_adds(&b->sql, "c.id IN (SELECT rowid FROM cards_fts"
				     " WHERE cards_fts MATCH ?)");
		add_text(b, strbuf_detach(&e));
		return;
	}
	switch (q->kind) {
	case QUERY_AND:
	case QUERY_OR:
		strbuf_addc(&b->sql, '(');
		compile(b, q->a);
		strbuf_adds(&b->sql, q->kind == QUERY_AND ? " AND " : " OR ");
		compile(b, q->b);
		strbuf_addc(&b->sql, ')');
		break;
	case QUERY_NOT:
		strbuf_adds(&b->sql, "NOT (");
		compile(b, q->a);
		strbuf_addc(&b->sql, ')');
		break;
	case QUERY_DECK:
		compile_deck(b, q->text);
		break;
	case QUERY_TAG:
		compile_tag(b, q->text);
		break;
	case QUERY_IS:
		compile_is(b, q->is);
		break;
	case QUERY_PROP:
		compile_prop(b, q);
		break;
	case QUERY_TEXT:
		die("search: a word not sent to the index");
	}
}

/* ---- the statement ---- */

/* The terms joined by "and" at the top of q, in order. */
static void
conjuncts(const struct query_node *q, const struct query_node ***v, size_t *n,
    size_t *cap)
{
	if (q->kind == QUERY_AND && !fts_able(q)) {
		conjuncts(q->a, v, n, cap);
		conjuncts(q->b, v, n, cap);
		return;
	}
	*v = xgrow(*v, cap, *n, sizeof(**v));
	(*v)[(*n)++] = q;
}

/* The FTS5 expression of the top level's text terms, NULL when it has
 * no positive one; taken[i] tells which conjuncts it holds. */
static char *
top_fts(const struct query_node **v, size_t n, bool *taken)
{
	struct strbuf e = { 0 };
	bool any = false;

	for (size_t i = 0; i < n; i++)
		if (fts_able(v[i])) {
			strbuf_adds(&e, any ? " AND (" : "(");
			fts_expr(&e, v[i]);
			strbuf_addc(&e, ')');
			taken[i] = any = true;
		}
	if (!any) {
		strbuf_free(&e);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (v[i]->kind == QUERY_NOT && fts_able(v[i]->a)) {
			strbuf_adds(&e, " NOT (");
			fts_expr(&e, v[i]->a);
			strbuf_addc(&e, ')');
			taken[i] = true;
		}
	return strbuf_detach(&e);
}

static const char *const order_sql[] = {
	[SEARCH_SORT_ADDED] = "c.id",
	[SEARCH_SORT_DUE] = "c.due, c.id",
	[SEARCH_SORT_LAPSES] = "c.lapses DESC, c.id",
	[SEARCH_SORT_DIFFICULTY] = "c.difficulty DESC, c.id",
	[SEARCH_SORT_QUESTION] = "c.question COLLATE NOCASE, c.id",
	[SEARCH_SORT_DECK] = "d.name, c.id",
	[SEARCH_SORT_STATE] = "c.state, c.due, c.id",
};

void
search_idsets_free(struct idsets *s)
{
	free(s->pos);
	free(s->neg);
	free(s->tags);
	free(s->not_tags);
	memset(s, 0, sizeof(*s));
}

/* The tag a term is, when it is one the index finds (NULL otherwise). */
static const char *
indexed_tag(const struct query_node *q)
{
	if (q->kind == QUERY_TAG && tag_indexed(q->text))
		return q->text;
	if (q->kind == QUERY_IS && q->is == QUERY_IS_LEECH)
		return "leech";
	return NULL;
}

static void
push_tag(const char ***v, size_t *n, size_t *cap, const char *tag)
{
	*v = xgrow(*v, cap, *n, sizeof(**v));
	(*v)[(*n)++] = tag;
}

static void
split_sets(const struct query_node **v, size_t n, bool *taken,
    struct idsets *out)
{
	struct strbuf p = { 0 }, m = { 0 };

	for (size_t i = 0; i < n; i++) {
		const struct query_node *t = v[i];
		bool not = t->kind == QUERY_NOT;
		const char *tag = indexed_tag(not ? t->a : t);
		struct strbuf *e = not ? &m : &p;

		if (tag != NULL) {
			if (not )
				push_tag(&out->not_tags, &out->nnot_tags,
				    &out->not_tags_cap, tag);
			else
				push_tag(&out->tags, &out->ntags, &out->tags_cap, tag);
			taken[i] = true;
			continue;
		}
		if (not ? !fts_able(t->a) : !fts_able(t))
			continue;
		strbuf_adds(e, e->len > 0 ? (e == &p ? " AND (" : " OR (") : "(");
		fts_expr(e, not ? t->a : t);
		strbuf_addc(e, ')');
		taken[i] = true;
	}
	out->pos = p.len > 0 ? strbuf_detach(&p) : NULL;
	out->neg = m.len > 0 ? strbuf_detach(&m) : NULL;
	strbuf_free(&p);
	strbuf_free(&m);
}

/*
 * The FROM and WHERE of q into from and b.  For the cards' text, the
 * matches of the index lead (a join from cards_fts).  For ids alone the
 * statement reads the covering index cards_search, never the rows, and
 * the terms found apart as sets of ids are left to the caller in *sets.
 */
static void
build_where(struct sqlb *b, struct strbuf *from, const struct query_node *q,
    struct idsets *sets)
{
	const struct query_node **v = NULL;
	size_t n = 0, cap = 0;
	bool *taken, first = true;
	char *fts = NULL;

	memset(sets, 0, sizeof(*sets));
	strbuf_adds(from, b->cards ? " FROM cards c"
				   : " FROM cards c INDEXED BY cards_search");
	if (q == NULL)
		return;
	conjuncts(q, &v, &n, &cap);
	taken = xcalloc(n, sizeof(*taken));
	if (!b->cards)
		split_sets(v, n, taken, sets);
	else if ((fts = top_fts(v, n, taken)) != NULL) {
		strbuf_reset(from);
		strbuf_adds(from, " FROM cards_fts CROSS JOIN cards c"
				  " ON c.id = cards_fts.rowid");
		strbuf_adds(&b->sql, " WHERE cards_fts MATCH ?");
		add_text(b, fts);
		first = false;
	}
	for (size_t i = 0; i < n; i++) {
		if (taken[i])
			continue;
		strbuf_adds(&b->sql, first ? " WHERE " : " AND ");
		first = false;
		compile(b, v[i]);
	}
	b->rest = !first;
	free(taken);
	free(v);
}

/* What a search of ids reads besides the id, by its order: the keys that
 * idsort.c sorts in linear time, faster than SQLite's sorter (a search
 * by question reads the index of the questions instead). */
static const char *const ids_keys[] = {
	[SEARCH_SORT_ADDED] = "",
	[SEARCH_SORT_DUE] = ", c.due",
	[SEARCH_SORT_LAPSES] = ", c.lapses",
	[SEARCH_SORT_DIFFICULTY] = ", c.difficulty",
	[SEARCH_SORT_QUESTION] = "",
	[SEARCH_SORT_DECK] = ", c.deck_id",
	[SEARCH_SORT_STATE] = ", c.due, c.state",
};

/* Prepares the search: SELECT cols FROM ... WHERE ... ORDER BY ...  The
 * values bound are b's, which the caller frees after the statement. */
sqlite3_stmt *
search_prepare(struct store *st, const struct query_node *q, struct sqlb *b,
    bool cards, struct idsets *sets, char **errmsg)
{
	struct strbuf from = { 0 }, sql = { 0 };
	sqlite3_stmt *stmt = NULL;
	enum search_sort sort = b->o->sort;

	b->cards = cards;
	b->st = st;
	build_where(b, &from, q, sets);
	b->deck = cards;
	strbuf_adds(&sql, "SELECT ");
	strbuf_adds(&sql, cards ? CARD_COLS : "c.id");
	if (!cards)
		strbuf_adds(&sql, ids_keys[sort]);
	strbuf_adds(&sql, strbuf_str(&from));
	if (b->deck)
		strbuf_adds(&sql, " JOIN decks d ON d.id = c.deck_id");
	strbuf_adds(&sql, strbuf_str(&b->sql));
	if (cards) {
		strbuf_adds(&sql, " ORDER BY ");
		strbuf_adds(&sql, order_sql[sort]);
	}
	if (sqlite3_prepare_v2(store_sqlite(st), strbuf_str(&sql), -1, &stmt,
		NULL) != SQLITE_OK) {
		store_sql_error(st, errmsg, "searching");
		stmt = NULL;
	} else if (store_bind(st, stmt, errmsg, b->v, b->n) < 0) {
		sqlite3_finalize(stmt);
		stmt = NULL;
	}
	strbuf_free(&sql);
	strbuf_free(&from);
	return stmt;
}

/* The cards ids[0..n), read one by one, to fn. */
static int
cards_of_ids(struct store *st, const int64_t *ids, size_t n, store_card_fn fn,
    void *ctx, char **errmsg)
{
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		struct card c;

		if (store_card_get(st, ids[i], &c, errmsg) < 0)
			return -1;
		rc = fn(&c, ctx, errmsg);
		card_clear(&c);
	}
	return rc;
}

int
store_search_cards(struct store *st, const struct query_node *q,
    const struct search_opts *o, store_card_fn fn, void *ctx, char **errmsg)
{
	struct sqlb b = { .o = o };
	struct idsets sets;
	sqlite3_stmt *stmt;
	int rc = SQLITE_DONE, frc = 0;

	/* An order other than the rows' own is a sort: of the ids and keys
	 * alone (store_search_ids), then the cards read in it, where SQLite
	 * would sort the cards whole, their text with them, in memory. */
	if (o->sort != SEARCH_SORT_ADDED) {
		int64_t *ids;
		size_t n;

		if (store_search_ids(st, q, o, &ids, &n, errmsg) < 0)
			return -1;
		frc = cards_of_ids(st, ids, n, fn, ctx, errmsg);
		free(ids);
		return frc;
	}
	stmt = search_prepare(st, q, &b, true, &sets, errmsg);
	if (stmt != NULL)
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			struct card c;

			store_read_card_borrowed(stmt, &c);
			if ((frc = fn(&c, ctx, errmsg)) != 0)
				break;
		}
	if (stmt != NULL && frc == 0 && rc != SQLITE_DONE)
		frc = store_sql_error(st, errmsg, "searching");
	sqlite3_finalize(stmt);
	search_sqlb_free(&b);
	search_idsets_free(&sets);
	return stmt == NULL ? -1 : frc;
}

/* ---- the index itself ---- */

int
store_search_index_check(struct store *st, bool *in_step, char **errmsg)
{
	sqlite3 *db = store_sqlite(st);
	int rc = sqlite3_exec(db, "INSERT INTO cards_fts (cards_fts, rank)"
				  " VALUES ('integrity-check', 1)",
	    NULL, NULL, NULL);

	*in_step = rc == SQLITE_OK;
	if (rc == SQLITE_OK || (sqlite3_errcode(db) & 0xff) == SQLITE_CORRUPT)
		return 0;
	return store_sql_error(st, errmsg, "checking the search index");
}

int
store_search_index_rebuild(struct store *st, char **errmsg)
{
	if (sqlite3_exec(store_sqlite(st), "INSERT INTO cards_fts (cards_fts)"
					   " VALUES ('rebuild')",
		NULL, NULL, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "rebuilding the search index");
	return 0;
}
