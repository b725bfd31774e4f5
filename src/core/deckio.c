#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* fileno, fstat, newlocale */
#endif

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/deckio_private.h"
#include "core/text.h"

/* ---- deck files ---- */

/* Anki's "#... column" directives, and the column each one fills. */
enum anki_special { SP_GUID,
	SP_NOTETYPE,
	SP_DECK,
	SP_TAGS,
	SP_COUNT };

static const struct {
	const char *key; /* the directive's name, folded */
	int col;         /* enum column, -1 when rehearse has no use for it */
} specials[SP_COUNT] = {
	[SP_GUID] = { "guid column", COL_ID },
	[SP_NOTETYPE] = { "notetype column", -1 },
	[SP_DECK] = { "deck column", COL_DECK },
	[SP_TAGS] = { "tags column", COL_TAGS },
};

struct deck_import {
	struct reader r;
	deckio_row_fn fn;
	void *ctx;

	bool directives;    /* the file starts with "#key:value" lines */
	int col[COL_COUNT]; /* 0-based field of each column, -1 when none */
	size_t max_fields;  /* 0: no limit */
	bool html;
	char sep;
	char *columns; /* "#columns:" as written */
	long columns_line;
	char *deck; /* "#deck:" */
	struct strbuf global_tags;
	long special[SP_COUNT]; /* 1-based column numbers, 0 when none */
	long special_line[SP_COUNT];

	char *notetype;  /* "#notetype:" */
	int reverse_col; /* "Add Reverse" of an optional reversed note */
	bool header;     /* a native header row was read */
	struct dk_note note;

	struct strbuf name, tags, scratch;
	struct sched sched;
};

static int
deck_header(struct deck_import *d, size_t n)
{
	struct reader *r = &d->r;

	for (int c = 0; c < COL_COUNT; c++)
		d->col[c] = -1;
	for (size_t i = 0; i < n; i++) {
		const struct field *f = &r->fields[i];
		int c =
		    dk_native_column(dk_fold_name(&d->name, f->text.s, f->text.len));

		if (c < 0) {
			struct strbuf known = { 0 };

			dk_known_columns(&known);
			dk_reader_error(r, f->line,
			    "unknown column '%s' in the header (known: %s)",
			    f->text.s, known.s);
			strbuf_free(&known);
			return -1;
		}
		if (d->col[c] >= 0)
			return dk_reader_error(r, f->line,
			    "column '%s' appears twice in the header",
			    f->text.s);
		d->col[c] = (int)i;
	}
	if (d->col[COL_QUESTION] < 0)
		return dk_reader_error(
		    r, r->rec_line, "the header has no question column");
	d->max_fields = n;
	d->header = true;
	return 0;
}

/*
 * A first row is a header when more than half of its fields name columns
 * (the others are then reported as unknown), and a card when none of them
 * does; anything between is refused (a misspelt column must not become a
 * card, nor a card a header).  Returns 1 for a header, 0 for a card, -1
 * with the error set.
 */
static int
first_row_kind(struct deck_import *d, size_t n)
{
	const struct field *named = NULL, *other = NULL;
	struct strbuf known = { 0 };
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		const struct field *f = &d->r.fields[i];

		if (dk_is_blank(f->text.s, f->text.len))
			continue;
		if (dk_native_column(
			dk_fold_name(&d->name, f->text.s, f->text.len)) >= 0) {
			if (named == NULL)
				named = f;
			k++;
		} else if (other == NULL) {
			other = f;
		}
	}
	if (named == NULL || other == NULL || k * 2 > n)
		return named != NULL;
	dk_known_columns(&known);
	dk_reader_error(&d->r, d->r.rec_line,
	    "is this row a header? '%s' names a column, '%s' does not "
	    "(known: %s); correct the header, or declare a file without one "
	    "with a first line '#separator:%s'",
	    named->text.s, other->text.s, known.s,
	    dk_seps[dk_sep_first(dk_sep_bit(d->sep))].name);
	strbuf_free(&known);
	return -1;
}

/* A time column of a schedule; an error names it, with its field. */
static int
sched_time(struct deck_import *d, size_t n, int c, int64_t *t)
{
	const char *text = dk_field_str(&d->r, n, d->col[c]);

	switch (deckio_parse_time(text, t)) {
	case TIMEFMT_OK:
		return 0;
	case TIMEFMT_ERANGE:
		return dk_number_error(&d->r, n, d->col[c], dk_column_names[c],
		    DK_NUM_RANGE, TIMEFMT_RANGE_TEXT);
	default:
		return dk_number_error(&d->r, n, d->col[c], dk_column_names[c],
		    DK_NUM_BAD,
		    "a time (ISO 8601 in UTC, or ms since the epoch)");
	}
}

/* The whole-number columns of a schedule: their ranges, as messages
 * give them. */
static int
sched_whole(struct deck_import *d, size_t n, int c, int *out)
{
	static const struct {
		int col;
		long hi;
		const char *range;
	} w[] = {
		{ COL_STATE, 3, "0-3" },
		{ COL_INTERVAL, 1000000, "0-1000000" },
		{ COL_REPS, INT_MAX, "0-2147483647" },
		{ COL_LAPSES, INT_MAX, "0-2147483647" },
		{ COL_LEARNING_STEP, 1000000000, "0-1000000000" },
	};
	size_t i = 0;
	long v = 0;
	int rc;

	while (w[i].col != c)
		i++;
	rc = dk_parse_int_range(
	    dk_field_str(&d->r, n, d->col[c]), 0, w[i].hi, &v);
	if (rc != DK_NUM_OK)
		return dk_number_error(&d->r, n, d->col[c], dk_column_names[c],
		    rc, rc == DK_NUM_RANGE ? w[i].range : "a whole number");
	*out = (int)v;
	return 0;
}

/* Stability or difficulty: a number, 0 or more. */
static int
sched_real(struct deck_import *d, size_t n, int c, double *out)
{
	int rc = dk_parse_double(dk_field_str(&d->r, n, d->col[c]), out);

	if (rc == DK_NUM_OK && !(*out >= 0))
		rc = DK_NUM_RANGE;
	if (rc != DK_NUM_OK)
		return dk_number_error(&d->r, n, d->col[c], dk_column_names[c],
		    rc, rc == DK_NUM_RANGE ? "finite, 0 or more" : "a number");
	*out += 0.0; /* -0 is 0 */
	return 0;
}

/* The schedule of a row whose state cell is not empty; the other cells,
 * due aside, may be empty (0). */
static int
deck_sched(struct deck_import *d, size_t n)
{
	struct sched *s = &d->sched;
	int state = 0, rc = 0;

	memset(s, 0, sizeof(*s));
	for (int c = COL_FIRST_SCHED; c < COL_COUNT && rc == 0; c++) {
		const char *text = dk_field_str(&d->r, n, d->col[c]);

		if (text == NULL || *text == '\0') {
			if (c == COL_DUE)
				return dk_reader_error(&d->r, d->r.rec_line,
				    "a card with a state needs a due time");
			continue;
		}
		switch (c) {
		case COL_STATE:
			rc = sched_whole(d, n, c, &state);
			s->state = (enum card_state)state;
			break;
		case COL_INTERVAL:
			rc = sched_whole(d, n, c, &s->scheduled_days);
			break;
		case COL_REPS:
			rc = sched_whole(d, n, c, &s->reps);
			break;
		case COL_LAPSES:
			rc = sched_whole(d, n, c, &s->lapses);
			break;
		case COL_LEARNING_STEP:
			rc = sched_whole(d, n, c, &s->learning_step);
			break;
		case COL_DUE:
			rc = sched_time(d, n, c, &s->due);
			break;
		case COL_LAST_REVIEW:
			rc = sched_time(d, n, c, &s->last_review);
			break;
		case COL_STABILITY:
			rc = sched_real(d, n, c, &s->stability);
			break;
		case COL_DIFFICULTY:
			rc = sched_real(d, n, c, &s->difficulty);
			break;
		}
	}
	return rc;
}

/* A row without a state is a new card: a scheduling cell it fills would
 * be dropped unread, so it is refused. */
static int
sched_unread(struct deck_import *d, size_t n)
{
	for (int c = COL_FIRST_SCHED; c < COL_COUNT; c++) {
		const char *text = dk_field_str(&d->r, n, d->col[c]);

		if (c != COL_STATE && text != NULL && *text != '\0')
			return dk_reader_error(&d->r, d->r.fields[d->col[c]].line,
			    "%s '%s' (field %d) without a state: a schedule "
			    "needs its state (0-3); a new card leaves its "
			    "scheduling cells empty",
			    dk_column_names[c], text, d->col[c] + 1);
	}
	return 0;
}

/* After a row callback: its failure becomes "FILE:LINE: message" and
 * stops the reading. */
int
dk_callback_done(struct reader *r, long line, int rc, char *msg)
{
	if (rc != 0) {
		if (msg != NULL)
			set_error(r->errmsg, "%s:%ld: %s", r->name, line, msg);
		else
			set_error(
			    r->errmsg, "%s:%ld: import stopped", r->name, line);
		free(msg);
		r->status = rc;
		return -1;
	}
	free(msg);
	return 0;
}

/* The row's tags, then those for every card, each once, in d->tags. */
static int
deck_tags(struct deck_import *d, size_t n)
{
	struct reader *r = &d->r;
	const char *s = dk_field_str(r, n, d->col[COL_TAGS]);

	strbuf_reset(&d->scratch);
	if (s != NULL)
		strbuf_adds(&d->scratch, s);
	strbuf_addc(&d->scratch, ' ');
	strbuf_add(&d->scratch, strbuf_str(&d->global_tags), d->global_tags.len);
	if (text_unique_words(&d->tags, d->scratch.s, d->scratch.len,
		MAX_TAGS) < 0)
		return dk_reader_error(r,
		    s != NULL ? r->fields[d->col[COL_TAGS]].line : r->rec_line,
		    "more than %d tags on one card", MAX_TAGS);
	return 0;
}

/* A row of a native file: one card, its text as written. */
static int
deck_card(struct deck_import *d, struct deckio_row *row, const char *q, size_t n)
{
	struct reader *r = &d->r;
	const char *s;
	char *msg = NULL;
	int rc;

	if (dk_is_blank(q, strlen(q)))
		return dk_reader_error(r, r->rec_line, "empty question");
	row->question = q;
	s = dk_field_str(r, n, d->col[COL_ANSWER]);
	row->answer = s != NULL ? s : "";
	s = dk_field_str(r, n, d->col[COL_TIPS]);
	row->tips = s != NULL ? s : "";
	rc = d->fn(row, d->ctx, &msg);
	return dk_callback_done(r, row->line, rc, msg);
}

/* A row of an Anki file: a note, of one or more cards (deckio_note.c). */
static int
deck_note(struct deck_import *d, struct deckio_row *row, const char *q, size_t n)
{
	struct reader *r = &d->r;
	struct dk_note *note = &d->note;
	const char *type = dk_field_str(r, n, (int)d->special[SP_NOTETYPE] - 1);
	bool by_callback;
	char *msg = NULL;
	int rc;

	note->row = *row;
	note->question = q;
	note->answer = dk_field_str(r, n, d->col[COL_ANSWER]);
	note->tips = dk_field_str(r, n, d->col[COL_TIPS]);
	note->reverse = dk_field_str(r, n, d->reverse_col);
	note->notetype = type != NULL && *type != '\0' ? type : d->notetype;
	note->html = d->html;
	note->detect = true;
	rc = dk_note_cards(note, &by_callback, &msg);
	if (rc != 0 && !by_callback) {
		dk_reader_error(r, r->rec_line, "%s", msg);
		free(msg);
		return -1;
	}
	return dk_callback_done(r, row->line, rc, msg);
}

static int
deck_record(struct reader *r, size_t n)
{
	struct deck_import *d = r->owner;
	struct deckio_row row;
	const char *q, *s;

	if (r->records == 1 && !d->directives) {
		int kind = first_row_kind(d, n);

		if (kind != 0)
			return kind < 0 ? -1 : deck_header(d, n);
	}
	if (d->max_fields > 0 && n > d->max_fields)
		return dk_reader_error(r, r->rec_line,
		    "%zu fields, but the header has %zu", n, d->max_fields);

	memset(&row, 0, sizeof(row));
	row.file = r->name;
	row.line = r->rec_line;
	q = dk_field_str(r, n, d->col[COL_QUESTION]);
	if (q == NULL)
		return dk_reader_error(r, r->rec_line,
		    "no question (the row has %zu field%s)", n,
		    n == 1 ? "" : "s");
	s = dk_field_str(r, n, d->col[COL_ID]);
	row.id = s != NULL && *s != '\0' ? s : NULL;
	s = dk_field_str(r, n, d->col[COL_DECK]);
	row.deck = s != NULL && *s != '\0' ? s : d->deck;
	if (deck_tags(d, n) < 0)
		return -1;
	row.tags = strbuf_str(&d->tags);
	row.has_answer = d->col[COL_ANSWER] >= 0;
	row.has_tips = d->col[COL_TIPS] >= 0;
	row.has_tags = d->col[COL_TAGS] >= 0;
	s = dk_field_str(r, n, d->col[COL_STATE]);
	if (s != NULL && *s != '\0') {
		if (deck_sched(d, n) < 0)
			return -1;
		row.sched = &d->sched;
	} else if (sched_unread(d, n) < 0) {
		return -1;
	}
	if (d->header)
		return deck_card(d, &row, q, n);
	return deck_note(d, &row, q, n);
}

/* "#key:value" with a key of letters and spaces: Anki's directive shape. */
static bool
directive_shape(const char *s, size_t n, size_t *colon)
{
	size_t i;

	if (n < 2 || s[0] != '#')
		return false;
	for (i = 1; i < n && i < 40 && (dk_ascii_alpha(s[i]) || s[i] == ' '); i++)
		;
	if (i >= n || s[i] != ':' || dk_is_blank(s + 1, i - 1))
		return false;
	*colon = i;
	return true;
}

/* "#separator:" value: a name (folded is value through dk_fold_name) or a
 * single character. */
static int
parse_separator(const char *value, const char *folded, char *sep)
{
	static const struct {
		const char *name;
		char c;
	} names[] = {
		{ "comma", ',' },
		{ "semicolon", ';' },
		{ "tab", '\t' },
		{ "space", ' ' },
		{ "pipe", '|' },
		{ "colon", ':' },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(folded, names[i].name) == 0) {
			*sep = names[i].c;
			return 0;
		}
	}
	if (strlen(value) == 1 && value[0] != '"' && value[0] != '\r' &&
	    value[0] != '\n') {
		*sep = value[0];
		return 0;
	}
	return -1;
}

/* The special column a folded directive key names, or -1. */
static int
special_column(const char *key)
{
	for (int sp = 0; sp < SP_COUNT; sp++)
		if (strcmp(key, specials[sp].key) == 0)
			return sp;
	return -1;
}

static int
deck_directive(struct deck_import *d, const char *line, size_t n, size_t colon,
    long lineno, bool *sep_given)
{
	struct reader *r = &d->r;
	const char *key = dk_fold_name(&d->name, line + 1, colon - 1);
	char *value = xstrndup(line + colon + 1, n - colon - 1);
	size_t len = n - colon - 1;
	struct strbuf folded = { 0 };
	const char *v = dk_fold_name(&folded, value, len);
	int rc = 0, sp;
	long num = 0;

	if (strcmp(key, "separator") == 0) {
		if (parse_separator(value, v, &d->sep) < 0)
			rc = dk_reader_error(r, lineno,
			    "unknown separator '%s' (comma, semicolon, tab, "
			    "space, pipe, colon, or one character)",
			    value);
		*sep_given = true;
	} else if (strcmp(key, "html") == 0) {
		if (strcmp(v, "true") == 0)
			d->html = true;
		else if (strcmp(v, "false") == 0)
			d->html = false;
		else
			rc = dk_reader_error(r, lineno,
			    "bad value '%s' for #html (true or false)", value);
		r->max_field = d->html ? MAX_HTML_FIELD : 0;
	} else if (strcmp(key, "columns") == 0) {
		free(d->columns);
		d->columns = value;
		d->columns_line = lineno;
		value = NULL;
	} else if (strcmp(key, "deck") == 0) {
		const char *name = value;

		dk_trim(&name, &len);
		free(d->deck);
		d->deck = len > 0 ? xstrndup(name, len) : NULL;
	} else if (strcmp(key, "tags") == 0) {
		if (text_unique_words(&d->global_tags, value, len, MAX_TAGS) <
		    0)
			rc = dk_reader_error(r, lineno,
			    "more than %d tags in #tags", MAX_TAGS);
	} else if (strcmp(key, "notetype") == 0) {
		const char *name = value;

		dk_trim(&name, &len);
		free(d->notetype);
		d->notetype = len > 0 ? xstrndup(name, len) : NULL;
	} else if ((sp = special_column(key)) >= 0) {
		if (dk_parse_int_range(value, 1, MAX_COLUMN, &num) < 0)
			rc = dk_reader_error(r, lineno,
			    "bad column number '%s' for #%s (a whole number, "
			    "1-%d)",
			    value, key, MAX_COLUMN);
		else
			d->special[sp] = num;
		d->special_line[sp] = lineno;
	} else {
		struct strbuf known = { 0 };

		for (sp = 0; sp < SP_COUNT; sp++)
			strbuf_addf(&known, ", %s", specials[sp].key);
		rc = dk_reader_error(r, lineno,
		    "unknown directive '#%s' (separator, html, columns, deck, "
		    "tags, notetype%s)",
		    key, known.s);
		strbuf_free(&known);
	}
	strbuf_free(&folded);
	free(value);
	return rc;
}

static bool
is_special(const struct deck_import *d, size_t i)
{
	for (int sp = 0; sp < SP_COUNT; sp++)
		if (d->special[sp] == (long)i + 1)
			return true;
	return false;
}

static bool
column_used(const struct deck_import *d, size_t i)
{
	for (int c = 0; c < COL_COUNT; c++)
		if (d->col[c] == (int)i)
			return true;
	return is_special(d, i);
}

/* The first column at or after from that nothing uses yet, or -1. */
static int
free_column(const struct deck_import *d, size_t from, size_t limit)
{
	for (size_t i = from; i < limit; i++)
		if (!column_used(d, i))
			return (int)i;
	return -1;
}

/* Splits "#columns:" on the separator; names lose spaces and quotes. */
static size_t
split_columns(struct deck_import *d, char ***out)
{
	char **names = NULL;
	size_t n = 0;
	const char *s = d->columns;

	for (;;) {
		const char *e = strchr(s, d->sep);
		size_t len = e != NULL ? (size_t)(e - s) : strlen(s);

		dk_trim(&s, &len);
		if (len >= 2 && s[0] == '"' && s[len - 1] == '"')
			s++, len -= 2;
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = xstrndup(s, len);
		if (e == NULL)
			break;
		s = e + 1;
	}
	*out = names;
	return n;
}

/* The "Add Reverse" field: so named, else the first free one after the
 * answer. */
static void
reverse_column(struct deck_import *d, char **names, size_t ncols, size_t limit)
{
	for (size_t i = 0; i < ncols; i++) {
		if (!column_used(d, i) &&
		    strcmp(dk_fold_name(&d->name, names[i], strlen(names[i])),
			"add reverse") == 0) {
			d->reverse_col = (int)i;
			return;
		}
	}
	if (d->col[COL_ANSWER] >= 0)
		d->reverse_col =
		    free_column(d, (size_t)d->col[COL_ANSWER] + 1, limit);
}

/* Column roles for a file with Anki directives. */
static int
anki_mapping(struct deck_import *d)
{
	struct reader *r = &d->r;
	/*
	 * Without "#columns:" the question and answer are the first columns
	 * that no "#... column" takes; those take at most SP_COUNT, so two
	 * of the first SP_COUNT + 2 are always free.
	 */
	size_t ncols = 0, limit = SP_COUNT + 2;
	char **names = NULL;
	int rc = 0;

	if (d->columns != NULL) {
		ncols = split_columns(d, &names);
		limit = ncols;
		d->max_fields = ncols;
	}
	for (int sp = 0; sp < SP_COUNT; sp++) {
		if (d->special[sp] == 0)
			continue;
		if (ncols > 0 && (size_t)d->special[sp] > ncols) {
			rc = dk_reader_error(r, d->special_line[sp],
			    "#%s %ld is out of range (#columns names %zu)",
			    specials[sp].key, d->special[sp], ncols);
			goto out;
		}
		for (int o = 0; o < sp; o++) {
			if (d->special[o] == d->special[sp]) {
				rc = dk_reader_error(r, d->special_line[sp],
				    "#%s %ld is also the #%s", specials[sp].key,
				    d->special[sp], specials[o].key);
				goto out;
			}
		}
		if (specials[sp].col >= 0)
			d->col[specials[sp].col] = (int)d->special[sp] - 1;
	}
	for (size_t i = 0; i < ncols; i++) {
		int c;

		if (is_special(d, i))
			continue;
		c = dk_anki_column(
		    dk_fold_name(&d->name, names[i], strlen(names[i])));
		if (c >= 0 && d->col[c] < 0)
			d->col[c] = (int)i;
	}
	if (d->col[COL_QUESTION] < 0)
		d->col[COL_QUESTION] = free_column(d, 0, limit);
	if (d->col[COL_QUESTION] < 0) {
		rc = dk_reader_error(
		    r, d->columns_line, "no column is left for the question");
		goto out;
	}
	if (d->col[COL_ANSWER] < 0)
		d->col[COL_ANSWER] =
		    free_column(d, (size_t)d->col[COL_QUESTION] + 1, limit);
	reverse_column(d, names, ncols, limit);
out:
	for (size_t i = 0; i < ncols; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* Whether the n bytes at s, split at sep, are all column names. */
static bool
is_header_line(struct deck_import *d, const char *s, size_t n, char sep)
{
	const char *end = s + n;

	while (s <= end) {
		const char *e = memchr(s, sep, (size_t)(end - s));
		size_t len = e != NULL ? (size_t)(e - s) : (size_t)(end - s);

		dk_trim(&s, &len);
		if (len >= 2 && s[0] == '"' && s[len - 1] == '"')
			s++, len -= 2;
		if (dk_native_column(dk_fold_name(&d->name, s, len)) < 0)
			return false;
		if (e == NULL)
			break;
		s = e + 1;
	}
	return true;
}

/*
 * The separator of a file that does not name it, from the records in the
 * buffer: the one a header row uses; else the one every row holds (tab when
 * every row holds one, as card text has none); comma when no row holds any.
 * Anything else is refused rather than guessed.
 */
static int
deck_separator(struct deck_import *d, size_t pos)
{
	struct reader *r = &d->r;
	struct dk_sep_scan sc;
	struct strbuf what = { 0 };
	unsigned hint;
	char sep;
	long line;

	dk_sep_scan(r->buf + pos, r->len - pos, r->eof, r->line, &sc);
	sep = dk_sep_only(sc.first);
	if (sep != 0 && is_header_line(d, r->buf + pos + sc.first_start,
			    sc.first_end - sc.first_start, sep))
		d->sep = sep;
	else if (sc.any == 0)
		d->sep = ',';
	else if (sc.every & SEP_TAB)
		d->sep = '\t';
	else if ((d->sep = dk_sep_only(sc.every)) == 0) {
		if (sc.every != 0) {
			line = sc.any_line;
			strbuf_adds(&what, "every row holds ");
			dk_sep_list(&what, sc.every, " and ");
		} else {
			line = sc.every_lost;
			strbuf_adds(&what, "not one of ");
			dk_sep_list(&what, sc.any, " or ");
			strbuf_adds(&what, " is in every row");
		}
		hint = dk_sep_first(sc.every != 0 ? sc.every : sc.any);
		dk_reader_error(r, line,
		    "cannot tell the separator: %s; declare it with a header "
		    "row such as 'question%canswer' or a first line "
		    "'#separator:%s'",
		    what.s, dk_seps[hint].c, dk_seps[hint].name);
		strbuf_free(&what);
		return -1;
	}
	return 0;
}

/*
 * Reads the directives (and a BOM) at the top, settles the separator and the
 * columns, and returns in *pos where the records start.
 */
static int
deck_prelude(struct deck_import *d, size_t *pos_out)
{
	struct reader *r = &d->r;
	size_t pos, linelen, next, colon;
	bool sep_given = false, legacy_tags;
	long lineno = 1;

	if (dk_reader_fill(r) < 0)
		return -1;
	pos = dk_skip_bom(r);
	for (;;) {
		const char *line;

		if (dk_reader_line(r, pos, &linelen, &next) < 0)
			return -1;
		if (next == pos)
			break; /* end of file */
		line = r->buf + pos;
		/* Anki's older way to give tags for every note; unlike a
		 * directive it leaves header detection on. */
		legacy_tags = lineno == 1 && linelen >= 5 &&
		              memcmp(line, "tags:", 5) == 0;
		if (!legacy_tags && !directive_shape(line, linelen, &colon))
			break;
		/* libcsv never sees these lines: check them as it would */
		if (memchr(line, '\0', linelen) != NULL)
			return dk_reader_error(
			    r, lineno, "NUL byte: not a text file");
		if (dk_check_utf8(r, line, linelen, lineno) < 0)
			return -1;
		if (legacy_tags) {
			if (text_unique_words(&d->global_tags, line + 5,
				linelen - 5, MAX_TAGS) < 0)
				return dk_reader_error(r, lineno,
				    "more than %d tags in the tags: line",
				    MAX_TAGS);
		} else {
			if (deck_directive(d, line, linelen, colon, lineno,
				&sep_given) < 0)
				return -1;
			d->directives = true;
		}
		pos = next;
		lineno++;
	}
	r->line = r->raw_line = lineno;
	if (!sep_given && deck_separator(d, pos) < 0)
		return -1;
	if (d->directives) {
		if (anki_mapping(d) < 0)
			return -1;
	} else {
		/* until a header says otherwise */
		d->col[COL_QUESTION] = 0;
		d->col[COL_ANSWER] = 1;
		d->reverse_col = 2;
	}
	*pos_out = pos;
	return 0;
}

static void
add_notes(struct deckio_notes *to, const struct deckio_notes *c)
{
	to->notes += c->notes;
	to->cloze_notes += c->cloze_notes;
	to->cloze_detected += c->cloze_detected;
	to->cloze_cards += c->cloze_cards;
	to->reversed_cards += c->reversed_cards;
	to->images += c->images;
	to->sounds += c->sounds;
	to->links += c->links;
}

static int deck_import(const char *path, FILE *fp,
    const struct deckio_opts *opts, deckio_row_fn fn, void *ctx, char **errmsg);

int
deckio_import(const char *path, const struct deckio_opts *opts,
    deckio_row_fn fn, void *ctx, char **errmsg)
{
	return deck_import(path, NULL, opts, fn, ctx, errmsg);
}

int
deckio_import_stream(FILE *fp, const char *name,
    const struct deckio_opts *opts, deckio_row_fn fn, void *ctx, char **errmsg)
{
	return deck_import(name, fp, opts, fn, ctx, errmsg);
}

static int
deck_import(const char *path, FILE *fp, const struct deckio_opts *opts,
    deckio_row_fn fn, void *ctx, char **errmsg)
{
	struct deck_import d;
	size_t pos = 0;
	int rc;

	memset(&d, 0, sizeof(d));
	for (int c = 0; c < COL_COUNT; c++)
		d.col[c] = -1;
	d.reverse_col = -1;
	d.fn = fn;
	d.ctx = ctx;
	d.note.fn = fn;
	d.note.ctx = ctx;
	if (dk_reader_open(&d.r, path, fp, errmsg) < 0)
		return -1;
	d.r.opts = opts;
	d.r.owner = &d;
	d.r.on_record = deck_record;
	rc = deck_prelude(&d, &pos);
	if (rc == 0) {
		dk_reader_start_csv(&d.r, d.sep);
		rc = dk_reader_run(&d.r, pos);
	}
	if (rc == 0 && !d.directives && d.r.records == 0)
		rc = dk_reader_error(&d.r, 1, "empty file");
	if (rc != 0)
		rc = d.r.status != 0 ? d.r.status : -1;
	dk_reader_close(&d.r);
	if (opts != NULL && opts->notes != NULL)
		add_notes(opts->notes, &d.note.counts);
	dk_note_free(&d.note);
	free(d.columns);
	free(d.deck);
	free(d.notetype);
	strbuf_free(&d.global_tags);
	strbuf_free(&d.name);
	strbuf_free(&d.tags);
	strbuf_free(&d.scratch);
	return rc;
}
