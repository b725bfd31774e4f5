/*
 * apkg.h - Anki's packages (.apkg, one or more decks; .colpkg, a whole
 * collection): a zip archive holding the collection as a SQLite file,
 * "collection.anki21b" (zstd-compressed, schema 18, Anki 2.1.50 and
 * later), "collection.anki21" or "collection.anki2" (schema 11), and the
 * media files, named "0", "1", ...
 *
 * Nothing is extracted to disk: the one entry read goes into memory, and
 * only when its size, as the archive declares it and as it turns out, is
 * within APKG_MAX_COLLECTION (a zip bomb is refused before anything is
 * decompressed, and a lie about the size stops the reading).  An archive
 * with an entry whose name is absolute or climbs out with ".." is refused
 * too.  The zip library, JSON and zstd are used in apkg*.c only.
 *
 * Functions return 0, or -1 with an allocated *errmsg "PATH: reason".
 */
#ifndef REHEARSE_APKG_H
#define REHEARSE_APKG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/anki.h"

/* Far beyond any collection a person has: 256 MiB of SQLite. */
#define APKG_MAX_COLLECTION ((size_t)256 << 20)

/* Whether path names a package by its extension (.apkg, .colpkg, any
 * case) or starts with a zip archive's signature. */
bool apkg_is_package(const char *path);

/*
 * Reads the package at path into *col (zeroed first; anki_col_free it even
 * on failure): its note types, decks, notes, cards and review log.
 * *media gets the number of media files it holds.
 */
int apkg_read(const char *path, struct anki_col *col, size_t *media,
    char **errmsg);

/* Fills col's note types and decks from its schema 11 JSON (apkg_json.c);
 * a message without the path on failure. */
int apkg_json_parse(struct anki_col *col, char **errmsg);

#endif
