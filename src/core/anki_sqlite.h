/*
 * anki_sqlite.h - reading an Anki collection's SQLite file, held in memory
 * (never written, never on disk).  This file and store*.c are the only
 * ones to include <sqlite3.h>: store*.c speak rehearse's own schema, this
 * one reads Anki's (schema 11: note types and decks as JSON in col;
 * schema 18: the notetypes, fields, templates and decks tables).
 */
#ifndef REHEARSE_ANKI_SQLITE_H
#define REHEARSE_ANKI_SQLITE_H

#include <stddef.h>

#include "core/anki.h"

/*
 * Reads the n bytes at db (borrowed, unchanged) as a collection into col:
 * notes, cards, review log, and the note types and decks (schema 18) or
 * their JSON (schema 11: col->models_json, decks_json).  Every number it
 * reads is a whole number of its C type (a real without a fraction taken
 * as one), or the reading fails: "TABLE, id ID: COLUMN 'VALUE' is not a
 * whole number" or "... is out of range (a 32-bit integer)", with a hint
 * at Anki's Check Database.  0, or -1 with an allocated *errmsg (no path
 * in it).
 */
int anki_sqlite_read(const void *db, size_t n, struct anki_col *col,
    char **errmsg);

#endif
