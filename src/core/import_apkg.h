/*
 * import_apkg.h - what importing an Anki package means: every card of the
 * package becomes a card of the collection (its note filled into its
 * template's front and back, HTML to card text), in its deck
 * ("Parent::Child"), with the note's tags, suspended and flagged as in
 * Anki; and the review log is replayed through the scheduler so that each
 * card continues where it was (history.h).  A card's id is the note's guid
 * for its first card, "GUID:rev" for the second of other types, "GUID:tN"
 * for card N past that, "GUID:cN" for cloze N: importing the package again
 * updates the same cards, and reviews already recorded are not added
 * again.  Over apkg (the package), import (the cards) and history (the
 * reviews); no printing.
 */
#ifndef REHEARSE_IMPORT_APKG_H
#define REHEARSE_IMPORT_APKG_H

#include <stddef.h>

#include "core/history.h"
#include "core/import.h"
#include "core/progress.h"
#include "core/settings.h"

struct apkg_counts {
	struct import_counts cards; /* the cards, and what their notes held */
	long notes;
	long empty;     /* cards left out: an empty question */
	long suspended; /* cards suspended, as in Anki */
	long flagged;
	size_t media; /* media files in the package */
	long revlog;  /* rows of the review log */
	long ignored; /* of them: manual, cramming, before a reset */
	struct history_counts reviews;
	int schema; /* of the collection read: 11 or 18 */
};

/*
 * Imports the package at path into st in one transaction: all of it or,
 * on failure, nothing.  o->deck, when set, takes every card; o->now is the
 * time of the import.  p (may be NULL) hears of the cards and reviews
 * done.  0, or -1 with an allocated *errmsg that starts with the path.
 */
int import_apkg(struct store *st, const struct settings *set,
    const struct import_opts *o, const char *path, const struct progress *p,
    struct apkg_counts *counts, char **errmsg);

#endif
