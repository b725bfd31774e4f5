/*
 * deckio.h - reading and writing deck files and review logs.
 *
 * The only module that knows CSV.  Importing hands one row at a time to a
 * callback and never touches the collection: the caller stores the rows,
 * normally inside one transaction that it rolls back when deckio_import()
 * fails, because rows before a bad one have already been handed over.
 *
 * The functions that take errmsg return 0 on success and -1 on failure,
 * except that an import stopped by its callback returns the callback's own
 * non-zero value.  On failure, when errmsg is not NULL, *errmsg is set to a
 * newly allocated message that the caller frees (a message already there is
 * freed first).  FILE below is the path given ("<stdin>" for "-").  A file
 * that cannot be opened or read gives "FILE: reason"; every other import
 * message starts with "FILE:LINE: ", LINE being the 1-based line of the
 * problem.  Writers give "write error: reason".
 *
 * Deck files (deckio_import) come in two flavours, told apart by their start:
 *
 *   native   RFC 4180 CSV, UTF-8 (a leading BOM is skipped), CRLF or LF.
 *            The first row is a header naming columns among id, deck,
 *            question (or front), answer (or back), tips, tags, and the
 *            scheduling columns state, interval, due, stability,
 *            difficulty, reps, lapses, last_review and learning_step.
 *            Names are ASCII case-insensitive, surrounding spaces
 *            ignored.  The question column is required; an unknown name is
 *            an error.  A first row is taken as a header when more than
 *            half of its fields are column names (so that a misspelt
 *            column is reported), and as a card when none is; a row in
 *            between is refused, with how to declare a file without a
 *            header ("#separator:").
 *
 *   Anki     "Notes in Plain Text" / "Cards in Plain Text": leading lines
 *            "#key:value" (separator, html, columns, deck, tags, notetype,
 *            and the 1-based "deck column", "tags column", "guid column",
 *            "notetype column"), or a first row that is no header at all.
 *            A line at the top that looks like "#word:..." is a directive;
 *            an unknown one is an error.  Directives come only at the top.
 *            Without "#columns:", the fields that are not guid, notetype,
 *            deck or tags columns are the note's fields in order: the first
 *            is the question, the second the answer, further ones ignored.
 *            With "#columns:", columns named question/front/text map to the
 *            question, answer/back to the answer, tips/tip/hint/hints/
 *            extra/back extra/notes/how to prepare to the tips, deck, tags
 *            and guid/id likewise; the question and answer, when no column
 *            is named so, are the first free columns.  "#html:true" turns
 *            the question, answer and tips from HTML into plain text.
 *            A first line "tags:a b" (Anki's older form) adds those tags
 *            to every card, as "#tags:" does, but is no directive: what
 *            follows is read as if the file started after it.
 *            Each row of an Anki file is a note, which gives its cards
 *            (deckio_note.c) by its type ("#notetype:" or the "notetype
 *            column"): a cloze note one card per cloze number, id
 *            "GUID:cN"; "Basic (and reversed card)" a second card, back
 *            to front, id "GUID:rev", as "Basic (optional reversed card)"
 *            does when its third field (or the column named "Add
 *            Reverse") is not empty.  A note of no given type whose text
 *            holds "{{cN::" is a cloze note.  HTML fields become card text
 *            with markup (markup.h; deckio_html.c says what becomes of
 *            each element), and "[sound:F]" becomes "[sound: F]".
 *
 * The separator, unless "#separator:" gives it, is guessed among tab,
 * semicolon, comma and pipe (outside quotes) from the records in the first
 * read block, and only when the evidence is plain: the one a header row
 * is split by; else the one every row holds that holds any (tab when tab
 * is one of them); comma when no row holds any.  Several in every row, or
 * none in every row, is an error saying how to declare it.  A review log's
 * separator is the first of those in its header, comma when none.
 *
 * Quoting is strict RFC 4180 in both flavours: a quote inside an unquoted
 * field, or text after a closing quote, is an error (so is a file that ends
 * inside quotes).  Spaces around fields are kept as data.  Blank lines are
 * skipped.  A row may have fewer fields than the header (missing ones are
 * empty), not more.  A line ends in LF, CRLF or a lone CR, each counted as
 * one line (in messages too).
 *
 * Limits no deck written by a person reaches: a field of more than 1 MiB
 * (TEXT_MAX_FIELD; 16 MiB of HTML in a file with "#html:true", whose
 * entities take up to six bytes a character), or a card with more than
 * 1000 different tags (its own and "#tags:" ones together), is an error;
 * so is, at the import (import.h), a card whose text or tags are more
 * than TEXT_MAX_FIELD.
 */
#ifndef REHEARSE_DECKIO_H
#define REHEARSE_DECKIO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "core/card.h"
#include "core/util.h"
#include "core/timefmt.h"
#include "core/util.h"

/*
 * One card read from a deck file.  Every pointer is owned by deckio and
 * valid only during the callback: copy what you keep.
 */
struct deckio_row {
	const char *file;     /* as in error messages */
	long line;            /* 1-based line where the record starts */
	const char *id;       /* external id (Anki's guid); NULL when none */
	const char *deck;     /* NULL when none given: the caller picks one */
	const char *question; /* never NULL, never empty or only spaces */
	const char *answer;   /* never NULL, "" when absent */
	const char *tips;     /* never NULL, "" when absent */
	const char *tags;     /* never NULL; single spaces, no leading or
	                         trailing ones, no duplicates; "" when none */
	/* Whether the file has an answer, tips or tags column: a column it
	 * lacks says nothing about a card (tags then holds only the file's
	 * "#tags:"), so a re-import keeps what the card has. */
	bool has_answer, has_tips, has_tags;
	/*
	 * The scheduling state, when the file has the scheduling columns (as
	 * written by deckio_write_card with_state) and this row's state cell is
	 * not empty; NULL otherwise (a new card).  interval is scheduled_days;
	 * due is required; empty numeric cells read as 0, and so do
	 * last_review and learning_step in a file without those columns (as
	 * written before deckio_write_card had them).  Every other cell is
	 * exactly a number in its range (deckio_private.h: digits, and for
	 * stability and difficulty a fraction and an exponent; nothing
	 * around them), or the import fails at "FILE:LINE: NAME 'TEXT'
	 * (field K) is not ..." or "... is out of range (...)".  A row
	 * without a state (an empty cell, or no state column) leaves the
	 * other scheduling cells empty, or the import fails.
	 */
	const struct sched *sched;
};

/*
 * Called once per card, in file order.  A non-zero return stops the import
 * and becomes deckio_import's return value; when the callback set *errmsg,
 * deckio prefixes it with "FILE:LINE: " of the row, and the message is
 * "FILE:LINE: import stopped" when it did not.
 */
typedef int (*deckio_row_fn)(
    const struct deckio_row *row, void *ctx, char **errmsg);

/*
 * What an import of Anki files converted, added up over the files: notes
 * read from files with Anki directives (or without a header), those of
 * them made cloze cards (by their note type, or by their "{{c1::" text
 * when the file names none: cloze_detected) and how many cards they gave,
 * the reversed cards made, and the images, sounds and links shown as text.
 */
struct deckio_notes {
	long notes;
	long cloze_notes, cloze_detected, cloze_cards;
	long reversed_cards;
	long images, sounds, links;
};

struct deckio_opts {
	/*
	 * When not NULL, called about once per MiB read and once at the end,
	 * with the bytes read so far and the file size (0 when unknown, as for
	 * a pipe).  progress_ctx is passed through.
	 */
	void (*progress)(off_t done, off_t total, void *progress_ctx);
	void *progress_ctx;
	/* When not NULL, what was converted is added to it. */
	struct deckio_notes *notes;
};

/*
 * Reads the deck file at path ("-" for standard input) and calls fn for each
 * card.  opts may be NULL.  Stops at the first problem: unterminated quote
 * (reported at the line where the quoted field starts), stray quote,
 * invalid UTF-8, NUL byte, missing or empty question, too many fields,
 * unknown or bad directive, unknown header column, bad scheduling value,
 * empty file, read error, or a failing callback.  A file with a header or
 * directives but no cards is not an error (a "tags:" line alone is no
 * directive: the file is empty).
 */
int deckio_import(const char *path, const struct deckio_opts *opts,
    deckio_row_fn fn, void *ctx, char **errmsg);

/* The same from fp (borrowed, read from its current position to its end),
 * named name in messages. */
int deckio_import_stream(FILE *fp, const char *name,
    const struct deckio_opts *opts, deckio_row_fn fn, void *ctx, char **errmsg);

/*
 * The native format.  The header is "id,deck,question,answer,tips,tags",
 * followed with_state by "state,interval,due,stability,difficulty,reps,
 * lapses,last_review,learning_step" (last_review empty when never
 * reviewed), enough to restore every card's schedule exactly.  A field is
 * quoted (quotes doubled) when it holds a comma, a quote, CR or LF, starts
 * or ends with a space or tab, or starts with '#' (a comment to Anki); so
 * deckio_import() gives back every string exactly (an empty id or deck
 * comes back as NULL).  Lines end in LF.  A NULL ext_id, deck, tips or tags
 * is written as an empty field.  due and last_review are written by
 * timefmt_format_utc_ms() (clamped into the valid range),
 * stability and difficulty with the fewest digits that read back to the
 * same double (whatever the locale).
 * A write error (checked with ferror) fails with the system's reason.
 */
int deckio_write_header(FILE *f, bool with_state, char **errmsg);

/* The names of the scheduling columns, in the order the header above
 * writes them ("state" .. "learning_step"), and how many there are: the
 * one list that export --help shows and the manual is tested against. */
const char *const *deckio_state_columns(size_t *n);
int deckio_write_card(
    FILE *f, const struct card *c, bool with_state, char **errmsg);
/*
 * The same rows through a buffer, for many cards: deckio_card_add appends
 * a row to b and writes b out to f when it has grown large;
 * deckio_rows_flush, below, writes what is left (and frees b).  It
 * returns 0, or -1 with *errmsg on a write error.
 */
int deckio_card_add(FILE *f, struct strbuf *b, const struct card *c,
    bool with_state, char **errmsg);

/* One answer read from a review log.  Pointers valid during the callback. */
struct deckio_review_row {
	const char *file;
	long line;
	const char *card_id; /* never empty */
	int64_t time;        /* ms since the epoch, timefmt_valid() */
	int rating;          /* 1..4 */
	int state;           /* 0..3; -1 when the column is absent or empty */
	int64_t duration;    /* ms >= 0; -1 when absent or empty */
};

typedef int (*deckio_review_fn)(
    const struct deckio_review_row *row, void *ctx, char **errmsg);

/*
 * Reads a review log in the FSRS tools' format: a header naming card_id,
 * review_time, review_rating (required) and review_state, review_duration
 * (optional), in any order, other columns ignored; then one answer a row.
 * review_time is an integer of ms in the valid range (timefmt.h),
 * review_duration one of 0..REVIEW_DURATION_MAX_MS; every number is
 * exactly digits (a '-' before a number that is then out of range), with
 * nothing around it, else "FILE:LINE: NAME 'TEXT' (field K) is ...".
 * Same conventions and error reporting as deckio_import.
 */
int deckio_import_reviews(
    const char *path, deckio_review_fn fn, void *ctx, char **errmsg);
/* The same from fp, already open (not closed here); path names it in
 * messages.  fp NULL: open path. */
int deckio_import_reviews_stream(FILE *fp, const char *path,
    deckio_review_fn fn, void *ctx, char **errmsg);

/*
 * Writes "card_id,review_time,review_rating,review_state,review_duration"
 * and one row per answer (all five columns, with ext_id as card_id; the
 * time clamped into the valid range, so that it reads back).
 */
int deckio_write_reviews_header(FILE *f, char **errmsg);

/*
 * Anki's HTML as card text, as for an Anki file with "#html:true" (in out,
 * reset first); what it turned into placeholders is added to counts (may
 * be NULL).
 */
void deckio_html_to_text(struct strbuf *out, const char *html,
    struct deckio_notes *counts);

/*
 * Anki's "Notes in Plain Text", which Anki's File > Import reads as it is:
 * the directives "#separator:tab", "#html:true", "#notetype:Basic" and the
 * guid (1), deck (2) and tags (5) columns, then one Basic note a card:
 * ext_id, deck, question and answer as HTML (markup.h's markup_to_html;
 * the tips, when there are any, follow the answer after an empty line),
 * tags.  Fields are quoted as deckio_write_card quotes them, for a tab.
 */
int deckio_write_anki_header(FILE *f, char **errmsg);
int deckio_write_anki_card(FILE *f, const struct card *c, char **errmsg);

int deckio_write_review(
    FILE *f, const char *ext_id, const struct review *r, char **errmsg);
/*
 * The same rows through a buffer, for a whole log: deckio_review_add
 * appends a row to b and writes b out to f when it has grown large;
 * deckio_rows_flush writes what is left (and frees b), cards' rows
 * (deckio_card_add) or answers'.  Both return 0, or -1 with *errmsg on a
 * write error.
 */
int deckio_review_add(FILE *f, struct strbuf *b, const char *ext_id,
    const struct review *r, char **errmsg);
int deckio_rows_flush(FILE *f, struct strbuf *b, char **errmsg);

/*
 * A time field of a deck file (due, last_review): ISO 8601 as
 * timefmt_parse() reads it in TIMEFMT_UTC mode, or a plain integer of
 * milliseconds since the epoch, with nothing around either (a blank
 * included).  Exports write timefmt_format_utc_ms(), e.g.
 * "2026-11-23T10:15:00.123Z".  Returns
 * TIMEFMT_OK with *ms set, TIMEFMT_ERANGE for a time outside the valid
 * range (TIMEFMT_RANGE_TEXT), or TIMEFMT_EBAD.
 */
enum timefmt_status deckio_parse_time(const char *s, int64_t *ms);

#endif
