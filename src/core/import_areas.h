/*
 * import_areas.h - the evaluation areas of a newer edition of a deck
 * carried onto the cards a collection already holds.
 *
 * Over deckio (the files) and store (the cards); no printing.
 */
#ifndef REHEARSE_IMPORT_AREAS_H
#define REHEARSE_IMPORT_AREAS_H

#include <stddef.h>
#include <stdint.h>

#include "core/store.h"

/*
 * For each card of the deck files that the collection holds (found by
 * id), the file's "area:" tags that the card lacks are added to its tags.
 * Nothing else of the card changes: not its other tags, its text (the
 * learner's edits included), its schedule or its history.  Rows without
 * an id, files without a tags column and cards the collection lacks are
 * passed over.  One transaction: on failure (-1 with *errmsg, a file
 * that cannot be read included) nothing has changed.  *cards gets how
 * many cards gained a tag.
 */
int import_areas(struct store *st, char *const *files, size_t n, int64_t now,
    long *cards, char **errmsg);

#endif
