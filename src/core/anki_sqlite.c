/*
 * anki_sqlite.c - an Anki collection's SQLite file, read from memory
 * (anki_sqlite.h).  The file is untrusted: it is opened read-only from a
 * copy in memory, only tables are read, every string is copied.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/anki_proto.h"
#include "core/anki_sqlite.h"
#include "core/util.h"

struct rd {
	sqlite3 *db;
	struct anki_col *col;
	size_t cap; /* of the array the current query fills */
	char **errmsg;
	const char *what; /* of the current query, for messages */
	bool bad;         /* a value of its rows was refused */
};

typedef void (*row_fn)(struct rd *r, sqlite3_stmt *st);

static int
db_error(struct rd *r, const char *what)
{
	return set_error(r->errmsg, "cannot read its %s: %s", what,
	    sqlite3_errmsg(r->db));
}

static char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return xstrdup(s != NULL ? (const char *)s : "");
}

/*
 * Column i of the row as a whole number of lo..hi (the C type it goes
 * into).  Anki writes integers; a real without a fraction is taken, as
 * Anki's own reading takes one.  Anything else, text or a blob or NULL, a
 * fraction, a number beyond the type, would become another number (or 0)
 * if read as one: the first is refused, with the row's id, and 0 given.
 */
static int64_t
col_int(struct rd *r, sqlite3_stmt *st, int i, int64_t lo, int64_t hi)
{
	int type = sqlite3_column_type(st, i);
	const char *id, *text;
	int64_t v = 0;
	double d;

	if (type == SQLITE_INTEGER) {
		v = sqlite3_column_int64(st, i);
		if (v >= lo && v <= hi)
			return v;
	} else if (type == SQLITE_FLOAT) {
		d = sqlite3_column_double(st, i);
		if (d == floor(d)) {
			type = SQLITE_INTEGER; /* whole, maybe beyond the type */
			/* -2^63 <= d < 2^63: d converts to an int64_t */
			if (d >= -0x1p63 && d < 0x1p63 &&
			    (v = (int64_t)d) >= lo && v <= hi)
				return v;
		}
	}
	if (r->bad)
		return 0;
	r->bad = true;
	/* only now as text: sqlite3_column_text converts what it reads, and
	 * the row's other values are not read once r->bad is set */
	id = (const char *)sqlite3_column_text(st, 0);
	text = (const char *)sqlite3_column_text(st, i);
	set_error(r->errmsg,
	    "%s, id %s: %s '%.40s' is %s (Anki's Check Database may mend "
	    "it)",
	    r->what, id != NULL ? id : "NULL", sqlite3_column_name(st, i),
	    text != NULL ? text : "NULL",
	    type == SQLITE_INTEGER
		? (hi == INT32_MAX ? "out of range (a 32-bit integer)"
				   : "out of range (a 64-bit integer)")
		: "not a whole number");
	return 0;
}

static int
col_i32(struct rd *r, sqlite3_stmt *st, int i)
{
	return (int)col_int(r, st, i, INT32_MIN, INT32_MAX);
}

static int64_t
col_i64(struct rd *r, sqlite3_stmt *st, int i)
{
	return col_int(r, st, i, INT64_MIN, INT64_MAX);
}

/* Anki's collation: names compare without regard to case. */
static int
unicase(void *ctx, int na, const void *a, int nb, const void *b)
{
	int n = na < nb ? na : nb, c;

	(void)ctx;
	c = sqlite3_strnicmp(a, b, n);
	return c != 0 ? c : (na > nb) - (na < nb);
}

/* Runs sql, calling row for each row; what names the data in messages. */
static int
each_row(struct rd *r, const char *sql, const char *what, row_fn row)
{
	sqlite3_stmt *st;
	int rc;

	r->cap = 0;
	r->what = what;
	if (sqlite3_prepare_v2(r->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(r, what);
	while (!r->bad && (rc = sqlite3_step(st)) == SQLITE_ROW)
		row(r, st);
	sqlite3_finalize(st);
	if (r->bad)
		return -1;
	if (rc != SQLITE_DONE)
		return db_error(r, what);
	return 0;
}

/* Splits s at the unit separator (0x1F), Anki's field separator. */
static void
split_fields(const char *s, char ***out, size_t *n)
{
	size_t k = 1;

	for (const char *p = s; *p != '\0'; p++)
		k += *p == '\x1f';
	*out = xcalloc(k, sizeof(**out));
	*n = 0;
	for (;;) {
		size_t len = strcspn(s, "\x1f");

		(*out)[(*n)++] = xstrndup(s, len);
		if (s[len] == '\0')
			break;
		s += len + 1;
	}
}

static void
note_row(struct rd *r, sqlite3_stmt *st)
{
	struct anki_col *col = r->col;
	struct anki_note *n;
	char *flds;

	col->notes = xgrow(col->notes, &r->cap, col->nnotes, sizeof(*n));
	n = &col->notes[col->nnotes++];
	memset(n, 0, sizeof(*n));
	n->id = col_i64(r, st, 0);
	n->guid = col_text(st, 1);
	n->mid = col_i64(r, st, 2);
	n->tags = col_text(st, 3);
	flds = col_text(st, 4);
	split_fields(flds, &n->fields, &n->nfields);
	free(flds);
}

static void
card_row(struct rd *r, sqlite3_stmt *st)
{
	struct anki_col *col = r->col;

	col->cards = xgrow(col->cards, &r->cap, col->ncards, sizeof(*col->cards));
	col->cards[col->ncards++] = (struct anki_card){
		.id = col_i64(r, st, 0),
		.nid = col_i64(r, st, 1),
		.did = col_i64(r, st, 2),
		.ord = col_i32(r, st, 3),
		.queue = col_i32(r, st, 4),
		.flags = col_i32(r, st, 5),
	};
}

static void
review_row(struct rd *r, sqlite3_stmt *st)
{
	struct anki_col *col = r->col;

	col->revlog =
	    xgrow(col->revlog, &r->cap, col->nrevlog, sizeof(*col->revlog));
	col->revlog[col->nrevlog++] = (struct anki_review){
		.time = col_i64(r, st, 0),
		.cid = col_i64(r, st, 1),
		.ease = col_i32(r, st, 2),
		.type = col_i32(r, st, 3),
		.ivl = col_i32(r, st, 4),
		.factor = col_i32(r, st, 5),
		.duration = col_i64(r, st, 6),
	};
}

/* Schema 11: the JSON of note types and decks, parsed by apkg_json.c. */
static void
col_row(struct rd *r, sqlite3_stmt *st)
{
	if (r->col->models_json != NULL)
		return;
	r->col->models_json = col_text(st, 0);
	r->col->decks_json = col_text(st, 1);
}

/* ---- schema 18 ---- */

static void
notetype_row(struct rd *r, sqlite3_stmt *st)
{
	struct anki_col *col = r->col;
	struct anki_notetype *t;

	col->types = xgrow(col->types, &r->cap, col->ntypes, sizeof(*t));
	t = &col->types[col->ntypes++];
	memset(t, 0, sizeof(*t));
	t->id = col_i64(r, st, 0);
	t->name = col_text(st, 1);
	t->cloze = anki_proto_varint(sqlite3_column_blob(st, 2),
		       (size_t)sqlite3_column_bytes(st, 2), 1) == 1;
}

static struct anki_notetype *
find_type(struct anki_col *col, int64_t id)
{
	return (struct anki_notetype *)anki_notetype(col, id);
}

static void
field_row(struct rd *r, sqlite3_stmt *st)
{
	struct anki_notetype *t = find_type(r->col, col_i64(r, st, 0));

	if (t == NULL)
		return;
	t->fields = xrealloc(t->fields, (t->nfields + 1) * sizeof(*t->fields));
	t->fields[t->nfields++] = col_text(st, 2);
}

static void
template_row(struct rd *r, sqlite3_stmt *st)
{
	struct anki_notetype *t = find_type(r->col, col_i64(r, st, 0));
	const void *cfg = sqlite3_column_blob(st, 3);
	size_t n = (size_t)sqlite3_column_bytes(st, 3);
	struct anki_template *tp;

	if (t == NULL)
		return;
	t->tmpls = xrealloc(t->tmpls, (t->ntmpls + 1) * sizeof(*t->tmpls));
	tp = &t->tmpls[t->ntmpls++];
	tp->ord = col_i32(r, st, 1);
	tp->name = col_text(st, 2);
	tp->qfmt = anki_proto_string(cfg, n, 1);
	tp->afmt = anki_proto_string(cfg, n, 2);
}

static void
deck_row(struct rd *r, sqlite3_stmt *st)
{
	struct anki_col *col = r->col;
	struct strbuf b = { 0 };
	const char *s = (const char *)sqlite3_column_text(st, 1);

	col->decks = xgrow(col->decks, &r->cap, col->ndecks, sizeof(*col->decks));
	/* schema 18 separates the levels of a name with 0x1F */
	for (; s != NULL && *s != '\0'; s++)
		if (*s == '\x1f')
			strbuf_adds(&b, "::");
		else
			strbuf_addc(&b, *s);
	col->decks[col->ndecks++] = (struct anki_deck){
		.id = col_i64(r, st, 0),
		.name = strbuf_detach(&b),
	};
}

static int
read_schema18(struct rd *r)
{
	return each_row(r, "SELECT id, name, config FROM notetypes ORDER BY id",
		   "note types", notetype_row) < 0 ||
	               each_row(r,
			   "SELECT ntid, ord, name FROM fields "
			   "ORDER BY ntid, ord",
			   "fields", field_row) < 0 ||
	               each_row(r,
			   "SELECT ntid, ord, name, config FROM templates "
			   "ORDER BY ntid, ord",
			   "templates", template_row) < 0 ||
	               each_row(r, "SELECT id, name FROM decks", "decks",
			   deck_row) < 0
	           ? -1
	           : 0;
}

/* Whether the collection has table name: schema 18 has notetypes. */
static int
has_table(struct rd *r, const char *name, bool *has)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(r->db,
		"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
		-1, &st, NULL) != SQLITE_OK)
		return db_error(r, "tables");
	if (sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC) != SQLITE_OK) {
		sqlite3_finalize(st);
		return db_error(r, "tables");
	}
	rc = sqlite3_step(st);
	*has = rc == SQLITE_ROW;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return set_error(r->errmsg, "not an Anki collection: %s",
		    sqlite3_errmsg(r->db));
	return 0;
}

static int
read_all(struct rd *r)
{
	bool v18 = false;

	if (has_table(r, "notetypes", &v18) < 0)
		return -1;
	r->col->schema = v18 ? 18 : 11;
	if (v18 ? read_schema18(r) < 0
		: each_row(r, "SELECT models, decks FROM col", "note types",
		      col_row) < 0)
		return -1;
	return each_row(r,
		   "SELECT id, guid, mid, tags, flds FROM notes ORDER BY id",
		   "notes", note_row) < 0 ||
	               each_row(r,
			   "SELECT id, nid, did, ord, queue, flags FROM cards "
			   "ORDER BY nid, ord",
			   "cards", card_row) < 0 ||
	               each_row(r,
			   "SELECT id, cid, ease, type, ivl, factor, time "
			   "FROM revlog ORDER BY cid, id",
			   "review log", review_row) < 0
	           ? -1
	           : 0;
}

int
anki_sqlite_read(const void *data, size_t n, struct anki_col *col,
    char **errmsg)
{
	struct rd r = { .col = col, .errmsg = errmsg };
	unsigned char *copy;
	int rc;

	if (n < 100 || memcmp(data, "SQLite format 3", 16) != 0)
		return set_error(errmsg, "not a SQLite database");
	if (sqlite3_open_v2(":memory:", &r.db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(r.db);
		return set_error(errmsg, "cannot open an in-memory database");
	}
	/* SQLite frees the copy with the connection */
	copy = sqlite3_malloc64(n);
	if (copy == NULL)
		die("out of memory");
	memcpy(copy, data, n);
	if (sqlite3_deserialize(r.db, "main", copy, (sqlite3_int64)n,
		(sqlite3_int64)n,
		SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) !=
		SQLITE_OK ||
	    sqlite3_create_collation(r.db, "unicase", SQLITE_UTF8, NULL,
		unicase) != SQLITE_OK ||
	    sqlite3_db_config(r.db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL) !=
		SQLITE_OK ||
	    sqlite3_exec(r.db,
		"PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON",
		NULL, NULL, NULL) != SQLITE_OK) {
		rc = db_error(&r, "database");
		sqlite3_close(r.db);
		return rc;
	}
	rc = read_all(&r);
	sqlite3_close(r.db);
	return rc;
}
