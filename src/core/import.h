/*
 * import.h - what importing deck files means: each row becomes a card of
 * the collection, found again by its id, or by its deck and question when
 * the file gives no id.  Over deckio (the files) and store (the cards); no
 * printing.
 *
 * A card met for the first time is added, new and due at `now` (or with
 * the scheduling state the file gives); a card already in the collection
 * gets its text updated, its schedule and history kept (IMPORT_UPDATE), or
 * is left as it is (IMPORT_SKIP).  An update changes only what the file
 * has a column for: without an answer, tips or tags column the card keeps
 * its own ("#tags:" then adds its tags to the card's), and its deck
 * changes only when the row's deck column, "#deck:" or opts.deck names
 * one.  A card named twice in one import is an
 * error.
 *
 * Functions that take errmsg return 0 on success and -1 on failure with an
 * allocated *errmsg that the caller frees.
 */
#ifndef REHEARSE_IMPORT_H
#define REHEARSE_IMPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/deckio.h"
#include "core/store.h"

/* Files together this large are imported with the store in bulk mode, and
 * a file this large is worth showing progress for. */
#define IMPORT_LARGE ((off_t)8 << 20)

enum import_dup {
	IMPORT_UPDATE, /* a card already there gets the file's text */
	IMPORT_SKIP,   /* a card already there stays as it is */
};

struct import_counts {
	long added, updated, unchanged, skipped;
	struct deckio_notes notes; /* what the Anki files' notes became */
};

/* Called about once per MiB of path read: bytes done of total (0 when not
 * known, as for a pipe). */
typedef void (*import_progress_fn)(
    const char *path, off_t done, off_t total, void *ctx);

struct import_opts {
	const char *deck; /* every card into this deck; NULL: the row's, else
	                     the file's (import_deck_from_path) */
	enum import_dup dup;
	int64_t now;                 /* the time of the import, ms since the epoch */
	import_progress_fn progress; /* NULL: none */
	void *progress_ctx;
};

struct import;

/* A new import into st (borrowed, open) with a copy of *o (whose strings
 * must outlive the import).  Never NULL; free with import_free(). */
struct import *import_new(struct store *st, const struct import_opts *o);
void import_free(struct import *im);

/* The cards of rows without a deck go to the deck named after path from
 * now on; path is borrowed until the next call. */
void import_set_file(struct import *im, const char *path);

/* A deckio_row_fn: ctx is the struct import.  Adds or updates the card of
 * row as described above.  Call it inside a transaction. */
int import_row(const struct deckio_row *row, void *ctx, char **errmsg);

/* What the import did so far. */
const struct import_counts *import_counts(const struct import *im);

/*
 * Runs body(ctx, errmsg) in one transaction of st, committed when it
 * returns 0 and rolled back otherwise: all or nothing.  large: the store
 * in bulk mode meanwhile (store_bulk_begin).  The new cards' full-text
 * entries are written at the end (store_cards_bulk_begin).
 */
int import_transaction(struct store *st, bool large,
    int (*body)(void *ctx, char **errmsg), void *ctx, char **errmsg);

/*
 * Imports the files ("-" for standard input) in one transaction of st, in
 * bulk mode when they are large: all of them or, on failure, nothing (the
 * transaction is rolled back).  *counts (may be NULL) gets what was done.
 */
int import_files(struct store *st, const struct import_opts *o,
    char *const *files, size_t nfiles, struct import_counts *counts,
    char **errmsg);

/*
 * Standard input ("-"), a FIFO or a device may keep a writer waiting for a
 * long time: import_spool reads it to its end into an unlinked temporary
 * file, *fp (at its start; the caller closes it), before the collection is
 * locked, so that other rehearse commands work meanwhile.  For a regular
 * file (or one that cannot be looked at) *fp is NULL: read path itself.
 */
int import_spool(const char *path, FILE **fp, char **errmsg);

/* "path/to/spanish-words.csv" -> "spanish-words"; "-" or a path ending in
 * '/' -> "Default".  Allocated. */
char *import_deck_from_path(const char *path);

/* The id of a card given without one: "dq-" and 16 hex digits of a hash of
 * deck and question.  Allocated. */
char *import_derived_id(const char *deck, const char *question);

/* Whether name can be a deck's name: not blank, valid UTF-8, no control
 * characters, at most IMPORT_DECK_NAME_MAX bytes; -1 with *errmsg saying
 * why not. */
#define IMPORT_DECK_NAME_MAX 200
int import_deck_name_check(const char *name, char **errmsg);

/*
 * Adds card (question, answer, tips and tags set; tags joined here) as a
 * new card of deck (by name, made when new), new and due at now, with
 * external id ext (NULL: import_derived_id), inside the caller's
 * transaction.  Refused when the deck name is not one
 * (import_deck_name_check) or the external id is taken.  *id (may be
 * NULL) gets the new card's id, *ext_out (may be NULL) its external id
 * (allocated).
 */
int import_add_card(struct store *st, const struct card *card,
    const char *deck, const char *ext, int64_t now, int64_t *id,
    char **ext_out, char **errmsg);

#endif
