/*
 * deckio_private.h - what the files of the deck parser share: the reader
 * (libcsv, line counting, progress), the guessing of separators, numbers
 * and HTML.  Included only by src/core/deckio*.c.  Errors go into
 * r->errmsg as "FILE:LINE: message"; functions returning int return 0 or
 * -1 (the error set).
 */
#ifndef REHEARSE_DECKIO_PRIVATE_H
#define REHEARSE_DECKIO_PRIVATE_H

#include <csv.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "core/deckio.h"
#include "core/text.h"
#include "core/util.h"

/*
 * Reading.  libcsv does the quoting; it does not know line numbers, so they
 * are counted here.  With CSV_REPALL_NL every unquoted CR and LF reaches the
 * end-of-record callback, and every line end inside a quoted field is in
 * the field's text: counting the line ends of both, as the callbacks
 * arrive, gives the exact line where each field starts, whatever the block
 * boundaries.  A line ends in LF, CRLF or a lone CR (old Mac files).
 */

#define READ_BLOCK ((size_t)64 * 1024)
#define PROGRESS_STEP ((off_t)1 << 20)
#define MAX_COLUMN 4096 /* for Anki's column numbers */
/* Far beyond any deck a person writes; a file past them is no deck. */
#define MAX_TAGS TEXT_MAX_TAGS
#define MAX_FIELD TEXT_MAX_FIELD
/* A field of an HTML file ("#html:true") is HTML: its text, the card's, is
 * at most MAX_FIELD, and its entities may take six bytes a character
 * ("&quot;"), its answer the tips too (deckio_write_anki_card). */
#define MAX_HTML_FIELD (16 * MAX_FIELD)

struct field {
	struct strbuf text; /* kept across records: reset, never freed */
	long line;          /* where the field starts */
};

struct reader;
/* Handles the record in r->fields[0..n): 0, or -1 with the error set. */
typedef int (*record_fn)(struct reader *r, size_t n);

struct reader {
	const char *name; /* for messages */
	FILE *fp;
	bool close_fp;
	char *buf;
	size_t cap, len;
	bool eof;
	off_t done, total, next_progress;
	const struct deckio_opts *opts;

	struct csv_parser csv;
	bool csv_ready;
	long line;     /* line of the first byte the callbacks have not seen */
	long raw_line; /* line of the first byte not yet handed to libcsv */
	bool raw_cr;   /* the last byte handed to libcsv was a CR */
	bool after_cr; /* the last callback was the end of a line at a CR */
	struct field *fields;
	size_t nfields, fields_cap;
	size_t max_field; /* the most bytes of a field; 0: MAX_FIELD */
	long rec_line;    /* where the current record starts */
	size_t records;   /* non-blank records seen, the one in hand included */

	record_fn on_record;
	void *owner;
	bool failed; /* stop: the callbacks ignore the rest of the block */
	int status;  /* what the import returns when failed */
	char **errmsg;
};

/* The separators a file may use, as "#separator:" names them. */
struct dk_sep {
	char c;
	const char *name;    /* as "#separator:" takes it */
	const char *article; /* in messages */
};
#define N_SEPS 4
extern const struct dk_sep dk_seps[N_SEPS];
#define SEP_TAB 1u

/* What separators the records at the start of a file hold, as bit masks
 * (bit i for dk_seps[i]), outside quotes. */
struct dk_sep_scan {
	size_t records;
	unsigned first;     /* in the first record */
	unsigned any;       /* in some record */
	unsigned every;     /* in every record that holds any */
	long any_line;      /* where the first record that holds any starts */
	long every_lost;    /* where every became empty, 0 if it did not */
	size_t first_start; /* the first record's bytes */
	size_t first_end;
};

/*
 * Numbers in files: exactly a number, nothing around it (deckio_read.c).
 * They return DK_NUM_OK with *out set, DK_NUM_BAD for text that is no
 * such number, DK_NUM_RANGE for one outside lo..hi (or beyond an int64_t,
 * or a double).  dk_parse_double reads '-', digits, a fraction and an
 * exponent ("1e-05", "3.0"); no blanks, '+', hexadecimal, "inf" or "nan".
 */
enum { DK_NUM_OK = 0,
	DK_NUM_BAD = -1,
	DK_NUM_RANGE = -2 };
int dk_parse_int_range(const char *s, long lo, long hi, long *out);
/* "FILE:LINE: NAME 'TEXT' (field COL+1) is not EXPECTED", or "is out of
 * range (EXPECTED)" when why is DK_NUM_RANGE; returns -1. */
int dk_number_error(struct reader *r, size_t n, int col, const char *name,
    int why, const char *expected);
int dk_reader_error(struct reader *r, long line, const char *fmt, ...) UTIL_PRINTF(3, 4);
int dk_parse_i64(const char *s, int64_t *out);
int dk_check_utf8(struct reader *r, const char *s, size_t n, long line);
void dk_reader_close(struct reader *r);
bool dk_is_blank(const char *s, size_t n);
void dk_trim(const char **s, size_t *n);
void dk_reader_start_csv(struct reader *r, char sep);
unsigned dk_sep_bit(char c);
unsigned dk_sep_first(unsigned mask);
void dk_add_double(struct strbuf *b, double v);
int dk_reader_fill(struct reader *r);
char dk_ascii_lower(char c);
bool dk_ascii_digit(char c);
size_t dk_skip_bom(struct reader *r);
int dk_parse_double(const char *s, double *out);
int dk_reader_run(struct reader *r, size_t pos);
void dk_sep_list(struct strbuf *b, unsigned mask, const char *and);
int dk_reader_open(struct reader *r, const char *path, FILE *fp, char **errmsg);
int dk_reader_line(struct reader *r, size_t pos, size_t *linelen, size_t *next);
bool dk_ascii_alpha(char c);
const char *dk_fold_name(struct strbuf *b, const char *s, size_t n);
void dk_sep_scan(const char *s, size_t n, bool whole, long line, struct dk_sep_scan *sc);
bool dk_ascii_alnum(char c);
const char *dk_field_str(struct reader *r, size_t n, int col);
char dk_sep_only(unsigned mask);
void dk_html_to_text(struct strbuf *out, const char *s, struct deckio_notes *counts);
/* Appends s to b, each "[sound:F]" as "[sound: F]" (counted). */
void dk_sounds(struct strbuf *b, const char *s, struct deckio_notes *counts);
int dk_callback_done(struct reader *r, long line, int rc, char *msg);
/* Appends s (NULL: empty) as a field separated by sep, quoted (quotes
 * doubled) when reading it back would otherwise change or split it. */
void dk_put_field(struct strbuf *b, const char *s, char sep);
/* Writes b to f and frees it; "write error: reason" on failure. */
int dk_write_out(FILE *f, struct strbuf *b, char **errmsg);

/* The columns of a native deck file (deckio_columns.c). */
enum column {
	COL_ID,
	COL_DECK,
	COL_QUESTION,
	COL_ANSWER,
	COL_TIPS,
	COL_TAGS,
	COL_STATE,
	COL_INTERVAL,
	COL_DUE,
	COL_STABILITY,
	COL_DIFFICULTY,
	COL_REPS,
	COL_LAPSES,
	COL_LAST_REVIEW,
	COL_LEARNING_STEP,
	COL_COUNT,
	COL_FIRST_SCHED = COL_STATE,
};
extern const char *const dk_column_names[COL_COUNT];
/* A native header name (folded), or -1. */
int dk_native_column(const char *folded);
/* "id, deck, question (or front), ...": every name a header may use. */
void dk_known_columns(struct strbuf *b);
/* What an Anki "#columns:" name (folded) stands for, or -1. */
int dk_anki_column(const char *folded);

/*
 * Notes of Anki files (deckio_note.c).  A note's fields, as in the file,
 * become one card, two for the reversed note types, one per cloze number
 * for a cloze note.
 */
struct dk_note {
	const char *question;  /* the note's first field */
	const char *answer;    /* its second, NULL when none */
	const char *tips;      /* NULL when none */
	const char *reverse;   /* "Add Reverse" of the optional reversed type */
	const char *notetype;  /* NULL when the file names none */
	bool html;             /* the fields are HTML */
	bool detect;           /* without a notetype, "{{c1::" makes a cloze */
	struct deckio_row row; /* all but question, answer and tips; row.id
	                          is the note's guid or NULL */
	deckio_row_fn fn;
	void *ctx;
	struct deckio_notes counts;
	struct strbuf q, a, t, id, raw; /* kept across notes */
};

/*
 * Hands the cards of note n to n->fn.  0; or -1 with *errmsg a message
 * about the note (no position); or, when the callback fails, its return
 * value with *by_callback set and *errmsg its message (may be NULL).
 */
int dk_note_cards(struct dk_note *n, bool *by_callback, char **errmsg);
void dk_note_free(struct dk_note *n);

#endif
