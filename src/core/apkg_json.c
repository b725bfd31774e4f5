/*
 * apkg_json.c - the note types and decks of a schema 11 collection, which
 * keeps them as JSON objects keyed by id in its col row (jansson).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/apkg.h"
#include "core/util.h"

/* A string member, copied; "" when absent or not a string. */
static char *
str_member(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return xstrdup(s != NULL ? s : "");
}

/*
 * The member key of o as a whole number of lo..hi (lo >= 0) into *out: a
 * JSON integer, a real without a fraction (as the tables' numbers,
 * anki_sqlite.c), or a string of exactly its digits (util_parse_whole),
 * which some writers give ids as; def when absent.  -1 with *errmsg,
 * naming what (the object's kind and key), for anything else: read as a
 * number it would become another.
 */
static int
int_member(json_t *o, const char *key, int64_t lo, int64_t hi, int64_t def,
    const char *what, int64_t *out, char **errmsg)
{
	json_t *v = json_object_get(o, key);
	const char *s = json_string_value(v);
	double d = json_real_value(v);
	long n;

	*out = def;
	if (v == NULL)
		return 0;
	if (json_is_integer(v) && json_integer_value(v) >= lo &&
	    json_integer_value(v) <= hi) {
		*out = (int64_t)json_integer_value(v);
		return 0;
	}
	/* lo <= d <= hi: d converts to an int64_t */
	if (json_is_real(v) && d == floor(d) && d >= (double)lo &&
	    d <= (double)hi && d < 0x1p63) {
		*out = (int64_t)d;
		return 0;
	}
	if (s != NULL && util_parse_whole(s, (long)lo,
			     hi > LONG_MAX ? LONG_MAX : (long)hi, &n) == 0) {
		*out = n;
		return 0;
	}
	return set_error(errmsg, "%s: \"%s\" is not a whole number in range",
	    what, key);
}

/* The id of an object keyed by its id: its "id", else the key. */
static int
object_id(json_t *o, const char *key, const char *kind, int64_t *id,
    char **errmsg)
{
	char *what = xasprintf("%s \"%.40s\"", kind, key);
	long n;
	int rc;

	if (util_parse_whole(key, 0, LONG_MAX, &n) < 0)
		n = -1; /* then "id" must give it */
	rc = int_member(o, "id", 0, INT64_MAX, n, what, id, errmsg);
	if (rc == 0 && *id < 0)
		rc = set_error(errmsg, "%s: no id (\"id\", or the key, a whole "
				       "number)",
		    what);
	free(what);
	return rc;
}

static void
read_fields(struct anki_notetype *t, json_t *flds)
{
	size_t n = json_array_size(flds);

	t->fields = xcalloc(n ? n : 1, sizeof(*t->fields));
	for (size_t i = 0; i < n; i++)
		t->fields[t->nfields++] =
		    str_member(json_array_get(flds, i), "name");
}

static int
read_templates(struct anki_notetype *t, json_t *tmpls, const char *key,
    char **errmsg)
{
	size_t n = json_array_size(tmpls);

	t->tmpls = xcalloc(n ? n : 1, sizeof(*t->tmpls));
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(tmpls, i);
		struct anki_template *tp = &t->tmpls[t->ntmpls++];
		char *what = xasprintf(
		    "note type \"%.40s\", template %zu", key, i + 1);
		int64_t ord;
		int rc = int_member(
		    o, "ord", 0, INT32_MAX, (int64_t)i, what, &ord, errmsg);

		free(what);
		tp->ord = (int)ord;
		tp->name = str_member(o, "name");
		tp->qfmt = str_member(o, "qfmt");
		tp->afmt = str_member(o, "afmt");
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* The JSON text s as an object; NULL with *errmsg. */
static json_t *
load_object(const char *s, const char *what, char **errmsg)
{
	json_error_t e;
	json_t *root = json_loads(s != NULL ? s : "", 0, &e);

	if (root == NULL || !json_is_object(root)) {
		set_error(errmsg, "the %s are not readable JSON (%s)", what,
		    root == NULL ? e.text : "not an object");
		json_decref(root);
		return NULL;
	}
	return root;
}

static int
parse_models(struct anki_col *col, char **errmsg)
{
	json_t *root = load_object(col->models_json, "note types", errmsg);
	const char *key;
	json_t *m;
	int rc = 0;

	if (root == NULL)
		return -1;
	col->types = xcalloc(json_object_size(root) + 1, sizeof(*col->types));
	json_object_foreach(root, key, m)
	{
		struct anki_notetype *t = &col->types[col->ntypes++];
		char *what = xasprintf("note type \"%.40s\"", key);
		int64_t type;

		t->name = str_member(m, "name");
		read_fields(t, json_object_get(m, "flds"));
		rc = object_id(m, key, "note type", &t->id, errmsg) < 0 ||
		             int_member(m, "type", 0, 1, 0, what, &type,
				 errmsg) < 0 ||
		             read_templates(t, json_object_get(m, "tmpls"), key,
				 errmsg) < 0
		         ? -1
		         : 0;
		free(what);
		if (rc < 0)
			break;
		t->cloze = type == 1;
	}
	json_decref(root);
	return rc;
}

static int
parse_decks(struct anki_col *col, char **errmsg)
{
	json_t *root = load_object(col->decks_json, "decks", errmsg);
	const char *key;
	json_t *d;
	int rc = 0;

	if (root == NULL)
		return -1;
	col->decks = xcalloc(json_object_size(root) + 1, sizeof(*col->decks));
	json_object_foreach(root, key, d)
	{
		struct anki_deck *k = &col->decks[col->ndecks++];

		k->name = str_member(d, "name");
		if ((rc = object_id(d, key, "deck", &k->id, errmsg)) < 0)
			break;
	}
	json_decref(root);
	return rc;
}

int
apkg_json_parse(struct anki_col *col, char **errmsg)
{
	return parse_models(col, errmsg) < 0 || parse_decks(col, errmsg) < 0
	           ? -1
	           : 0;
}
