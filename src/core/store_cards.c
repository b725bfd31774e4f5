/*
 * store_cards.c - the collection's decks, cards and review log (store.h);
 * the statements and helpers are store.c's (store_private.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "core/store_private.h"
#include "core/util.h"

/* ---- decks ---- */

int
store_deck_name_check(const char *name, char **errmsg)
{
	size_t n = strlen(name), blank = strspn(name, " \t\n\r");

	if (n == 0)
		return set_error(errmsg, "a deck needs a name");
	if (!utf8_valid(name, n, NULL))
		return set_error(errmsg, "a deck's name must be UTF-8");
	if (blank == n)
		return set_error(errmsg, "a deck's name may not be blank: \"%s\"",
		    name);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return set_error(errmsg,
			    "a deck's name may not hold a control character"
			    " (such as a tab, a line break or an escape), as"
			    " ^%c at byte %zu",
			    *p == 0x7f ? '?' : *p + 0x40,
			    (size_t)(p - (const unsigned char *)name) + 1);
	return 0;
}

int
store_deck_id_any_case(struct store *st, const char *name, int64_t not_id,
    int64_t *id, char **errmsg)
{
	sqlite3_stmt *stmt = store_prep(st, S_DECK_NAMES, errmsg);
	int rc;

	*id = 0;
	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && *id == 0)
		if (sqlite3_column_int64(stmt, 0) != not_id &&
		    names_same(store_col_text(stmt, 1), name))
			*id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_sql_error(st, errmsg, "finding a deck");
	return 0;
}

int
store_deck_id(struct store *st, const char *name, bool create, int64_t *id,
    char **errmsg)
{
	sqlite3_stmt *stmt = store_prep_bind(st, S_DECK_ID, errmsg,
	    BINDS(BIND_TEXT(name)));
	bool found = false;

	if (stmt == NULL ||
	    store_exec_int(st, stmt, id, &found, errmsg, "finding a deck") < 0)
		return -1;
	if (found || !create)
		return 0;
	if (store_deck_name_check(name, errmsg) < 0)
		return -1;
	/* a deck's name is one whatever its letter case, as the command
	 * line finds it: "spanish" goes to the deck "Spanish" */
	if (store_deck_id_any_case(st, name, 0, id, errmsg) < 0)
		return -1;
	if (*id != 0)
		return 0;
	stmt = store_prep_bind(st, S_DECK_INSERT, errmsg, BINDS(BIND_TEXT(name)));
	if (stmt == NULL ||
	    store_exec_done(st, stmt, errmsg, "adding a deck") < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static int
decks_by(struct store *st, enum stmt which, struct deck_info **decks,
    size_t *n, char **errmsg)
{
	sqlite3_stmt *stmt = store_prep(st, which, errmsg);
	struct deck_info *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*decks = NULL;
	*n = 0;
	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		v = xgrow(v, &cap, len, sizeof(*v));
		v[len].id = sqlite3_column_int64(stmt, 0);
		v[len].name = xstrdup(store_col_text(stmt, 1));
		v[len].cards = sqlite3_column_int64(stmt, 2);
		len++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		store_decks_free(v, len);
		return store_sql_error(st, errmsg, "listing decks");
	}
	*decks = v;
	*n = len;
	return 0;
}

int
store_decks(struct store *st, struct deck_info **decks, size_t *n, char **errmsg)
{
	return decks_by(st, S_DECKS, decks, n, errmsg);
}

int
store_decks_brief(struct store *st, struct deck_info **decks, size_t *n,
    char **errmsg)
{
	return decks_by(st, S_DECKS_BRIEF, decks, n, errmsg);
}

void
store_decks_free(struct deck_info *decks, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(decks[i].name);
	free(decks);
}

/* ---- cards ---- */

static int
card_query(struct store *st, sqlite3_stmt *stmt, struct card *out, bool *found,
    char **errmsg)
{
	int rc = sqlite3_step(stmt);

	if (rc == SQLITE_ROW) {
		if (out != NULL)
			store_read_card(stmt, out);
		*found = true;
		sqlite3_reset(stmt);
		return 0;
	}
	sqlite3_reset(stmt);
	*found = false;
	if (rc != SQLITE_DONE)
		return store_sql_error(st, errmsg, "reading a card");
	return 0;
}

int
store_card_by_ext(struct store *st, const char *ext_id, struct card *out,
    bool *found, char **errmsg)
{
	sqlite3_stmt *stmt = store_prep_bind(st, S_CARD_BY_EXT, errmsg,
	    BINDS(BIND_TEXT(ext_id)));

	if (stmt == NULL)
		return -1;
	return card_query(st, stmt, out, found, errmsg);
}

int
store_card_id_by_ext(struct store *st, const char *ext_id, int64_t *id,
    char **errmsg)
{
	sqlite3_stmt *stmt = store_prep_bind(st, S_CARD_ID_BY_EXT, errmsg,
	    BINDS(BIND_TEXT(ext_id)));

	*id = 0;
	if (stmt == NULL)
		return -1;
	return store_exec_int(st, stmt, id, NULL, errmsg, "finding a card");
}

int
store_card_ids(struct store *st, store_card_id_fn fn, void *ctx,
    char **errmsg)
{
	sqlite3_stmt *stmt = store_prep(st, S_CARD_IDS, errmsg);
	int rc;

	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		fn(store_col_text(stmt, 0), sqlite3_column_int64(stmt, 1), ctx);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_sql_error(st, errmsg, "reading the cards");
	return 0;
}

int
store_card_sched(struct store *st, int64_t id, struct sched *out,
    int64_t *deck_id, char **errmsg)
{
	sqlite3_stmt *stmt = store_prep_bind(st, S_CARD_SCHED, errmsg,
	    BINDS(BIND_INT(id)));
	int rc;

	if (stmt == NULL)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		store_read_sched(stmt, 0, out);
		if (deck_id != NULL)
			*deck_id = sqlite3_column_int64(stmt, 9);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return set_error(errmsg, "%s: no card with id %lld", st->path,
		    (long long)id);
	if (rc != SQLITE_ROW)
		return store_sql_error(st, errmsg, "reading a card");
	return 0;
}

int
store_card_get(struct store *st, int64_t id, struct card *out, char **errmsg)
{
	sqlite3_stmt *stmt = store_prep_bind(st, S_CARD_GET, errmsg,
	    BINDS(BIND_INT(id)));
	bool found;

	if (stmt == NULL ||
	    card_query(st, stmt, out, &found, errmsg) < 0)
		return -1;
	if (!found)
		return set_error(errmsg, "%s: no card with id %lld", st->path,
		    (long long)id);
	return 0;
}

static const char *
nz(const char *s)
{
	return s != NULL ? s : "";
}

int
store_card_insert(struct store *st, struct card *c, int64_t now, char **errmsg)
{
	const struct sched *s = &c->s;
	sqlite3_stmt *stmt = store_prep_bind(st, S_CARD_INSERT, errmsg,
	    BINDS(BIND_TEXT(c->ext_id), BIND_INT(c->deck_id),
		BIND_TEXT(c->question), BIND_TEXT(nz(c->answer)),
		BIND_TEXT(nz(c->tips)), BIND_TEXT(nz(c->tags)), BIND_INT(now),
		BIND_INT(now), SCHED_BINDS(s)));

	if (stmt == NULL || store_exec_done(st, stmt, errmsg, "adding a card") < 0)
		return -1;
	c->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static bool
same_text(sqlite3_stmt *stmt, int col, const char *s)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);
	size_t n = (size_t)sqlite3_column_bytes(stmt, col);

	return t != NULL && strlen(s) == n && memcmp(t, s, n) == 0;
}

/* The columns of a card's text whose change costs an index's update
 * (deck_id: six of them), set only when they change. */
enum { TEXT_DECK = 1,
	TEXT_QUESTION = 2,
	TEXT_TAGS = 4,
	TEXT_VARIANTS = 8 };

/* The UPDATE of a card's text that sets the columns in mask, and the
 * answer, tips and modification time, prepared once for each mask
 * (store_stmt_slot STORE_CARDS_SLOT + mask). */
static sqlite3_stmt *
update_text_stmt(struct store *st, unsigned mask, char **errmsg)
{
	sqlite3_stmt **stmt = store_stmt_slot(st, STORE_CARDS_SLOT + (int)mask);
	char *sql;
	int rc;

	if (*stmt != NULL)
		return *stmt;
	/* ?1 deck, ?2 question, ?3 answer, ?4 tips, ?5 tags, ?6 now, ?7 id */
	sql = xasprintf("UPDATE cards SET answer = ?3, tips = ?4, modified = ?6"
			"%s%s%s WHERE id = ?7",
	    mask & TEXT_DECK ? ", deck_id = ?1" : "",
	    mask & TEXT_QUESTION ? ", question = ?2" : "",
	    mask & TEXT_TAGS ? ", tags = ?5" : "");
	rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt,
	    NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		store_sql_error(st, errmsg, "updating a card");
		return NULL;
	}
	return *stmt;
}

int
store_card_update_text(struct store *st, const struct card *c, int64_t now,
    bool *changed, char **errmsg)
{
	sqlite3_stmt *stmt = store_prep_bind(st, S_CARD_TEXT, errmsg,
	    BINDS(BIND_INT(c->id)));
	unsigned mask;
	bool differs;
	int rc;

	if (stmt == NULL)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(stmt);
		if (rc == SQLITE_DONE)
			return set_error(errmsg, "%s: no card with id %lld",
			    st->path, (long long)c->id);
		return store_sql_error(st, errmsg, "reading a card");
	}
	mask = (sqlite3_column_int64(stmt, 0) != c->deck_id ? TEXT_DECK : 0) |
	       (!same_text(stmt, 1, c->question) ? TEXT_QUESTION : 0) |
	       (!same_text(stmt, 4, nz(c->tags)) ? TEXT_TAGS : 0);
	differs = mask != 0 || !same_text(stmt, 2, nz(c->answer)) ||
	          !same_text(stmt, 3, nz(c->tips));
	sqlite3_reset(stmt);
	if (changed != NULL)
		*changed = differs;
	if (!differs)
		return 0;
	if ((stmt = update_text_stmt(st, mask, errmsg)) == NULL ||
	    store_bind(st, stmt, errmsg,
		BINDS(BIND_INT(c->deck_id), BIND_TEXT(c->question),
		    BIND_TEXT(nz(c->answer)), BIND_TEXT(nz(c->tips)),
		    BIND_TEXT(nz(c->tags)), BIND_INT(now), BIND_INT(c->id))) < 0)
		return -1;
	rc = store_exec_done(st, stmt, errmsg, "updating a card");
	sqlite3_clear_bindings(stmt);
	return rc == 0 ? store_cards_bulk_changed(st, errmsg) : rc;
}

/* Runs an UPDATE of one card and insists that the card existed. */
static int
update_one(struct store *st, sqlite3_stmt *stmt, int64_t id, char **errmsg)
{
	if (store_exec_done(st, stmt, errmsg, "updating a card") < 0)
		return -1;
	if (sqlite3_changes(st->db) != 1)
		return set_error(errmsg, "%s: no card with id %lld", st->path,
		    (long long)id);
	return 0;
}

int
store_card_set_sched(struct store *st, int64_t id, const struct sched *s,
    char **errmsg)
{
	sqlite3_stmt *stmt = store_prep_bind(st, S_CARD_SET_SCHED, errmsg,
	    BINDS(SCHED_BINDS(s), BIND_INT(id)));

	if (stmt == NULL)
		return -1;
	return update_one(st, stmt, id, errmsg);
}

static int
set_card_int(struct store *st, enum stmt which, int64_t id, int64_t value,
    char **errmsg)
{
	sqlite3_stmt *stmt = store_prep_bind(st, which, errmsg,
	    BINDS(BIND_INT(value), BIND_INT(id)));

	if (stmt == NULL)
		return -1;
	return update_one(st, stmt, id, errmsg);
}

int
store_card_set_suspended(struct store *st, int64_t id, bool on, char **errmsg)
{
	return set_card_int(st, S_CARD_SUSPEND, id, on, errmsg);
}

int
store_card_set_flagged(struct store *st, int64_t id, bool on, char **errmsg)
{
	return set_card_int(st, S_CARD_FLAG, id, on, errmsg);
}

int
store_card_set_buried(struct store *st, int64_t id, int64_t until, char **errmsg)
{
	return set_card_int(st, S_CARD_BURY, id, until, errmsg);
}

int
store_cards_foreach(struct store *st, int64_t deck_id, store_card_fn fn,
    void *ctx, char **errmsg)
{
	/* The walk may outlive other calls on the store (fn may query it), so
	 * it gets a statement of its own rather than the shared one. */
	const char *sql = store_sql[deck_id ? S_CARDS_DECK : S_CARDS_ALL];
	sqlite3_stmt *stmt;
	struct card c;
	int rc, ret = 0;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "listing cards");
	if (deck_id &&
	    store_bind(st, stmt, errmsg, BINDS(BIND_INT(deck_id))) < 0) {
		sqlite3_finalize(stmt);
		return -1;
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		store_read_card_borrowed(stmt, &c);
		ret = fn(&c, ctx, errmsg);
		if (ret != 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = store_sql_error(st, errmsg, "listing cards");
	sqlite3_finalize(stmt);
	return ret;
}

/* ---- the review log ---- */

int
store_review_insert(struct store *st, struct review *r, char **errmsg)
{
	sqlite3_stmt *stmt = store_prep_bind(st, S_REVIEW_INSERT, errmsg,
	    BINDS(BIND_INT(r->card_id), BIND_INT(r->time), BIND_INT(r->rating),
		BIND_INT(r->state), BIND_INT(r->duration),
		SCHED_BINDS(&r->before)));

	if (stmt == NULL ||
	    store_exec_done(st, stmt, errmsg, "recording an answer") < 0)
		return -1;
	r->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_answer(struct store *st, struct review *r, const struct sched *after,
    char **errmsg)
{
	bool own;
	int rc = -1;

	if (store_own_begin(st, &own, errmsg) < 0)
		return -1;
	if (store_review_insert(st, r, errmsg) < 0)
		goto out;
	rc = store_card_set_sched(st, r->card_id, after, errmsg);
out:
	return store_own_end(st, own, rc, errmsg);
}

int
store_undo(struct store *st, int64_t review_id, struct card *out, char **errmsg)
{
	sqlite3_stmt *stmt;
	struct review r;
	bool own;
	int rc = -1, step;

	if (store_own_begin(st, &own, errmsg) < 0)
		return -1;
	stmt = store_prep_bind(st, S_REVIEW_GET, errmsg, BINDS(BIND_INT(review_id)));
	if (stmt == NULL)
		goto out;
	step = sqlite3_step(stmt);
	if (step != SQLITE_ROW) {
		sqlite3_reset(stmt);
		if (step == SQLITE_DONE)
			set_error(errmsg, "%s: no review with id %lld to undo",
			    st->path, (long long)review_id);
		else
			store_sql_error(st, errmsg, "reading a review");
		goto out;
	}
	store_read_review(stmt, &r);
	sqlite3_reset(stmt);
	if (store_card_set_sched(st, r.card_id, &r.before, errmsg) < 0)
		goto out;
	/* An undone answer also undoes a bury made after it by the session;
	 * a bury that had ended before the answer is left as it was, so that
	 * the card is exactly as before. */
	{
		struct card cur;
		bool later;

		if (store_card_get(st, r.card_id, &cur, errmsg) < 0)
			goto out;
		later = cur.buried_until > r.time;
		card_clear(&cur);
		if (later && store_card_set_buried(st, r.card_id, 0, errmsg) < 0)
			goto out;
	}
	stmt = store_prep_bind(st, S_REVIEW_DELETE, errmsg, BINDS(BIND_INT(review_id)));
	if (stmt == NULL ||
	    store_exec_done(st, stmt, errmsg, "removing a review") < 0)
		goto out;
	rc = 0;
out:
	rc = store_own_end(st, own, rc, errmsg);
	if (rc == 0 && out != NULL)
		rc = store_card_get(st, r.card_id, out, errmsg);
	return rc;
}

int
store_log_empty(struct store *st, bool *empty, char **errmsg)
{
	int64_t none;

	if (store_pragma_int(st, "SELECT NOT EXISTS (SELECT 1 FROM reviews)",
		&none, errmsg) < 0)
		return -1;
	*empty = none != 0;
	return 0;
}

int
store_review_exists(struct store *st, int64_t card_id, int64_t time,
    bool *exists, char **errmsg)
{
	sqlite3_stmt *stmt = store_prep_bind(st, S_REVIEW_EXISTS, errmsg,
	    BINDS(BIND_INT(card_id), BIND_INT(time)));
	int64_t one;

	if (stmt == NULL)
		return -1;
	return store_exec_int(st, stmt, &one, exists, errmsg, "reading reviews");
}

/* Every card's ext_id by id, sorted by id, for the log's rows; when the
 * ids are dense (as they are but after many deletions), also a table
 * straight from id to ext_id. */
struct ext_ids {
	struct ext_id {
		int64_t id;
		char *ext;
	} * v;
	size_t n, cap;
	const char **dense; /* dense[id], up to max */
	int64_t max;
};

static void
add_ext(const char *ext_id, int64_t id, void *ctx)
{
	struct ext_ids *e = ctx;

	e->v = xgrow(e->v, &e->cap, e->n, sizeof(*e->v));
	e->v[e->n++] = (struct ext_id){ id, xstrdup(ext_id) };
}

static int
cmp_ext(const void *a, const void *b)
{
	const struct ext_id *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static void
ext_index(struct ext_ids *e)
{
	if (e->n == 0)
		return;
	qsort(e->v, e->n, sizeof(*e->v), cmp_ext);
	e->max = e->v[e->n - 1].id;
	if (e->v[0].id < 0 || e->max > (int64_t)(2 * e->n + 1024))
		return;
	e->dense = xcalloc((size_t)e->max + 1, sizeof(*e->dense));
	for (size_t i = 0; i < e->n; i++)
		e->dense[e->v[i].id] = e->v[i].ext;
}

static const char *
ext_of(const struct ext_ids *e, int64_t id)
{
	struct ext_id key = { id, NULL };

	if (e->dense != NULL)
		return id >= 0 && id <= e->max ? e->dense[id] : NULL;
	const struct ext_id *hit = e->n > 0
	                               ? bsearch(&key, e->v, e->n, sizeof(*e->v), cmp_ext)
	                               : NULL;

	return hit != NULL ? hit->ext : NULL;
}

int
store_reviews_foreach(struct store *st, store_review_fn fn, void *ctx,
    char **errmsg)
{
	struct ext_ids e = { 0 };
	sqlite3_stmt *stmt = NULL;
	struct review r;
	int rc = SQLITE_DONE, ret = store_card_ids(st, add_ext, &e, errmsg);

	if (ret == 0)
		ext_index(&e);
	if (ret == 0 && sqlite3_prepare_v2(st->db, store_sql[S_REVIEWS_ALL], -1,
			    &stmt, NULL) != SQLITE_OK)
		ret = store_sql_error(st, errmsg, "listing reviews");
	while (ret == 0 && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *ext;

		r = (struct review){ .id = sqlite3_column_int64(stmt, 0),
			.card_id = sqlite3_column_int64(stmt, 1),
			.time = sqlite3_column_int64(stmt, 2),
			.rating = (enum rating)sqlite3_column_int(stmt, 3),
			.state = (enum card_state)sqlite3_column_int(stmt, 4),
			.duration = sqlite3_column_int64(stmt, 5) };
		/* the foreign key holds every review to a card */
		if ((ext = ext_of(&e, r.card_id)) == NULL)
			die("store: review %lld of no card", (long long)r.id);
		ret = fn(&r, ext, ctx, errmsg);
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = store_sql_error(st, errmsg, "listing reviews");
	sqlite3_finalize(stmt);
	for (size_t i = 0; i < e.n; i++)
		free(e.v[i].ext);
	free(e.v);
	free(e.dense);
	return ret;
}

int
store_card_reviews_delete(struct store *st, int64_t card_id, char **errmsg)
{
	sqlite3_stmt *stmt = store_prep_bind(st, S_CARD_REVIEWS_DELETE, errmsg,
	    BINDS(BIND_INT(card_id)));

	if (stmt == NULL)
		return -1;
	return store_exec_done(st, stmt, errmsg, "rewriting a card's reviews");
}

int
store_card_reviews(struct store *st, int64_t card_id, struct review **out,
    size_t *n, char **errmsg)
{
	sqlite3_stmt *stmt;
	struct review *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	stmt = store_prep_bind(st, S_CARD_REVIEWS, errmsg, BINDS(BIND_INT(card_id)));
	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		v = xgrow(v, &cap, len, sizeof(*v));
		store_read_review(stmt, &v[len++]);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_sql_error(st, errmsg, "reading reviews");
	}
	*out = v;
	*n = len;
	return 0;
}
