/* anki.c - an Anki collection as plain data (anki.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "core/anki.h"

static void
free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
anki_col_free(struct anki_col *c)
{
	for (size_t i = 0; i < c->ntypes; i++) {
		struct anki_notetype *t = &c->types[i];

		free(t->name);
		free_strings(t->fields, t->nfields);
		for (size_t k = 0; k < t->ntmpls; k++) {
			free(t->tmpls[k].name);
			free(t->tmpls[k].qfmt);
			free(t->tmpls[k].afmt);
		}
		free(t->tmpls);
	}
	free(c->types);
	for (size_t i = 0; i < c->ndecks; i++)
		free(c->decks[i].name);
	free(c->decks);
	for (size_t i = 0; i < c->nnotes; i++) {
		free(c->notes[i].guid);
		free(c->notes[i].tags);
		free_strings(c->notes[i].fields, c->notes[i].nfields);
	}
	free(c->notes);
	free(c->cards);
	free(c->revlog);
	free(c->models_json);
	free(c->decks_json);
}

const struct anki_notetype *
anki_notetype(const struct anki_col *c, int64_t id)
{
	for (size_t i = 0; i < c->ntypes; i++)
		if (c->types[i].id == id)
			return &c->types[i];
	return NULL;
}

const struct anki_deck *
anki_deck(const struct anki_col *c, int64_t id)
{
	for (size_t i = 0; i < c->ndecks; i++)
		if (c->decks[i].id == id)
			return &c->decks[i];
	return NULL;
}
