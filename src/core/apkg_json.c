/*
 * apkg_json.c - the note types and decks of a schema 11 collection, which
 * keeps them as JSON objects keyed by id in its col row (jansson).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <jansson.h>
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

static int64_t
int_member(json_t *o, const char *key, int64_t def)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : def;
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

static void
read_templates(struct anki_notetype *t, json_t *tmpls)
{
	size_t n = json_array_size(tmpls);

	t->tmpls = xcalloc(n ? n : 1, sizeof(*t->tmpls));
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(tmpls, i);
		struct anki_template *tp = &t->tmpls[t->ntmpls++];

		tp->ord = (int)int_member(o, "ord", (int64_t)i);
		tp->name = str_member(o, "name");
		tp->qfmt = str_member(o, "qfmt");
		tp->afmt = str_member(o, "afmt");
	}
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

	if (root == NULL)
		return -1;
	col->types = xcalloc(json_object_size(root) + 1, sizeof(*col->types));
	json_object_foreach(root, key, m)
	{
		struct anki_notetype *t = &col->types[col->ntypes++];

		t->id = int_member(m, "id", strtoll(key, NULL, 10));
		t->name = str_member(m, "name");
		t->cloze = int_member(m, "type", 0) == 1;
		read_fields(t, json_object_get(m, "flds"));
		read_templates(t, json_object_get(m, "tmpls"));
	}
	json_decref(root);
	return 0;
}

static int
parse_decks(struct anki_col *col, char **errmsg)
{
	json_t *root = load_object(col->decks_json, "decks", errmsg);
	const char *key;
	json_t *d;

	if (root == NULL)
		return -1;
	col->decks = xcalloc(json_object_size(root) + 1, sizeof(*col->decks));
	json_object_foreach(root, key, d)
	{
		struct anki_deck *k = &col->decks[col->ndecks++];

		k->id = int_member(d, "id", strtoll(key, NULL, 10));
		k->name = str_member(d, "name");
	}
	json_decref(root);
	return 0;
}

int
apkg_json_parse(struct anki_col *col, char **errmsg)
{
	return parse_models(col, errmsg) < 0 || parse_decks(col, errmsg) < 0
	           ? -1
	           : 0;
}
