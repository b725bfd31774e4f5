/*
 * anki.h - an Anki collection as plain data, as the package readers fill
 * it (apkg.c: the zip and zstd; apkg_json.c: note types and decks of the
 * older schema; anki_sqlite.c: the collection's SQLite file) and as
 * import_apkg.c turns it into cards.  No I/O here.
 */
#ifndef REHEARSE_ANKI_H
#define REHEARSE_ANKI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct anki_template {
	int ord;
	char *name;
	char *qfmt, *afmt; /* the front and back templates */
};

struct anki_notetype {
	int64_t id;
	char *name;
	bool cloze;
	char **fields; /* names, in order */
	size_t nfields;
	struct anki_template *tmpls;
	size_t ntmpls;
};

struct anki_deck {
	int64_t id;
	char *name; /* "Parent::Child" */
};

struct anki_note {
	int64_t id, mid;
	char *guid;
	char *tags; /* space separated */
	char **fields;
	size_t nfields;
};

struct anki_card {
	int64_t id, nid, did;
	int ord;
	int queue; /* -1: suspended */
	int flags; /* the low three bits: the flag's colour, 0 none */
};

/* One row of Anki's review log. */
struct anki_review {
	int64_t time; /* ms: the row's id */
	int64_t cid;
	int ease; /* 1..4, 0 for a manual entry */
	int type; /* 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual */
	int ivl;  /* the interval given: days, or -seconds */
	int factor;
	int64_t duration; /* ms */
};

struct anki_col {
	int schema; /* 11 or 18 */
	struct anki_notetype *types;
	size_t ntypes;
	struct anki_deck *decks;
	size_t ndecks;
	struct anki_note *notes;
	size_t nnotes;
	struct anki_card *cards;
	size_t ncards;
	struct anki_review *revlog;
	size_t nrevlog;
	/* schema 11: the JSON of col.models and col.decks, until parsed */
	char *models_json, *decks_json;
};

void anki_col_free(struct anki_col *c);
const struct anki_notetype *anki_notetype(const struct anki_col *c, int64_t id);
const struct anki_deck *anki_deck(const struct anki_col *c, int64_t id);

#endif
