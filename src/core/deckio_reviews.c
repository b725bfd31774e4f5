#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* fileno, fstat, newlocale */
#endif

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/deckio_private.h"
#include "core/text.h"

/* ---- review logs ---- */

enum review_column {
	RC_CARD,
	RC_TIME,
	RC_RATING,
	RC_STATE,
	RC_DURATION,
	RC_COUNT
};

static const char *const review_names[RC_COUNT] = {
	"card_id",
	"review_time",
	"review_rating",
	"review_state",
	"review_duration",
};

struct review_import {
	struct reader r;
	deckio_review_fn fn;
	void *ctx;
	int col[RC_COUNT];
	size_t max_fields;
	struct strbuf name;
};

static int
review_header(struct review_import *ri, size_t n)
{
	struct reader *r = &ri->r;

	for (size_t i = 0; i < n; i++) {
		const struct field *f = &r->fields[i];
		const char *name = dk_fold_name(&ri->name, f->text.s, f->text.len);

		for (int c = 0; c < RC_COUNT; c++) {
			if (strcmp(name, review_names[c]) != 0)
				continue;
			if (ri->col[c] >= 0)
				return dk_reader_error(r, r->fields[i].line,
				    "column '%s' appears twice in the header",
				    review_names[c]);
			ri->col[c] = (int)i;
		}
	}
	for (int c = RC_CARD; c <= RC_RATING; c++)
		if (ri->col[c] < 0)
			return dk_reader_error(r, r->rec_line,
			    "the header has no %s column (card_id, review_time "
			    "and review_rating are required)",
			    review_names[c]);
	ri->max_fields = n;
	return 0;
}

/* The whole number of column c (1 for an optional one that is absent or
 * empty, 0 when read, -1 with the error set). */
static int
review_whole(struct review_import *ri, size_t n, int c, int64_t *out)
{
	static const struct {
		int64_t lo, hi;
		const char *what, *range;
	} w[RC_COUNT] = {
		[RC_TIME] = { 0, INT64_MAX, "a whole number (ms since the epoch)",
		    TIMEFMT_RANGE_TEXT },
		[RC_RATING] = { 1, 4, "a whole number", "1-4" },
		[RC_STATE] = { 0, 3, "a whole number", "0-3" },
		[RC_DURATION] = { 0, REVIEW_DURATION_MAX_MS,
		    "a whole number of ms", REVIEW_DURATION_RANGE_TEXT },
	};
	const char *s = dk_field_str(&ri->r, n, ri->col[c]);
	int rc;

	if (c >= RC_STATE && (s == NULL || *s == '\0'))
		return 1;
	rc = s != NULL ? dk_parse_i64(s, out) : DK_NUM_BAD;
	if (rc == DK_NUM_OK && (*out < w[c].lo || *out > w[c].hi ||
				   (c == RC_TIME && !timefmt_valid(*out))))
		rc = DK_NUM_RANGE;
	if (rc != DK_NUM_OK)
		return dk_number_error(&ri->r, n, ri->col[c], review_names[c],
		    rc, rc == DK_NUM_RANGE ? w[c].range : w[c].what);
	return 0;
}

static int
review_record(struct reader *r, size_t n)
{
	struct review_import *ri = r->owner;
	struct deckio_review_row row;
	const char *s;
	char *msg = NULL;
	int64_t v;
	int rc;

	if (r->records == 1)
		return review_header(ri, n);
	if (n > ri->max_fields)
		return dk_reader_error(r, r->rec_line,
		    "%zu fields, but the header has %zu", n, ri->max_fields);
	memset(&row, 0, sizeof(row));
	row.file = r->name;
	row.line = r->rec_line;

	s = dk_field_str(r, n, ri->col[RC_CARD]);
	if (s == NULL || dk_is_blank(s, strlen(s)))
		return dk_reader_error(r, r->rec_line, "empty card_id");
	row.card_id = s;
	if (review_whole(ri, n, RC_TIME, &row.time) < 0 ||
	    review_whole(ri, n, RC_RATING, &v) < 0)
		return -1;
	row.rating = (int)v;
	if ((rc = review_whole(ri, n, RC_STATE, &v)) < 0)
		return -1;
	row.state = rc == 0 ? (int)v : -1;
	if ((rc = review_whole(ri, n, RC_DURATION, &row.duration)) < 0)
		return -1;
	if (rc > 0)
		row.duration = -1;

	rc = ri->fn(&row, ri->ctx, &msg);
	return dk_callback_done(r, row.line, rc, msg);
}

int
deckio_import_reviews(
    const char *path, deckio_review_fn fn, void *ctx, char **errmsg)
{
	return deckio_import_reviews_stream(NULL, path, fn, ctx, errmsg);
}

int
deckio_import_reviews_stream(FILE *fp, const char *path, deckio_review_fn fn,
    void *ctx, char **errmsg)
{
	struct review_import ri;
	size_t pos = 0;
	int rc;

	memset(&ri, 0, sizeof(ri));
	for (int c = 0; c < RC_COUNT; c++)
		ri.col[c] = -1;
	ri.fn = fn;
	ri.ctx = ctx;
	if (dk_reader_open(&ri.r, path, fp, errmsg) < 0)
		return -1;
	ri.r.owner = &ri;
	ri.r.on_record = review_record;
	rc = dk_reader_fill(&ri.r);
	if (rc == 0) {
		pos = dk_skip_bom(&ri.r);
		struct dk_sep_scan sc;

		/* the header, which is required, has the separator */
		dk_sep_scan(ri.r.buf + pos, ri.r.len - pos, ri.r.eof, 1, &sc);
		dk_reader_start_csv(
		    &ri.r, sc.first != 0 ? dk_seps[dk_sep_first(sc.first)].c : ',');
		rc = dk_reader_run(&ri.r, pos);
	}
	if (rc == 0 && ri.r.records == 0)
		rc = dk_reader_error(&ri.r, 1, "empty file");
	if (rc != 0)
		rc = ri.r.status != 0 ? ri.r.status : -1;
	dk_reader_close(&ri.r);
	strbuf_free(&ri.name);
	return rc;
}

/* ---- writing ---- */

/*
 * Quotes when reading back would otherwise change or split the text, and
 * when the text starts with '#', which Anki and others take for a comment
 * at the start of a line.
 */
void
dk_put_field(struct strbuf *b, const char *s, char sep)
{
	const char special[] = { sep, '"', '\r', '\n', '\0' };
	size_t n;

	if (s == NULL)
		s = "";
	n = strlen(s);
	if (n == 0 ||
	    (s[strcspn(s, special)] == '\0' && s[0] != ' ' && s[0] != '\t' &&
		s[0] != '#' && s[n - 1] != ' ' && s[n - 1] != '\t')) {
		strbuf_add(b, s, n);
		return;
	}
	strbuf_addc(b, '"');
	for (;;) {
		size_t k = strcspn(s, "\"");

		strbuf_add(b, s, k);
		s += k;
		if (*s == '\0')
			break;
		strbuf_add(b, "\"\"", 2);
		s++;
	}
	strbuf_addc(b, '"');
}

/* Writes b out to f and empties it, keeping its memory. */
static int
write_buf(FILE *f, struct strbuf *b, char **errmsg)
{
	int rc = 0;

	errno = 0;
	if (fwrite(strbuf_str(b), 1, b->len, f) != b->len || ferror(f))
		rc = set_error(errmsg, "write error: %s",
		    strerror(errno != 0 ? errno : EIO));
	strbuf_reset(b);
	return rc;
}

int
dk_write_out(FILE *f, struct strbuf *b, char **errmsg)
{
	int rc = write_buf(f, b, errmsg);

	strbuf_free(b);
	return rc;
}

/* The decimal digits of v, without printf's parsing of a format. */
static void
add_int(struct strbuf *b, int64_t v)
{
	char buf[24], *p = buf + sizeof(buf);
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	strbuf_add(b, p, (size_t)(buf + sizeof(buf) - p));
}

/* A time as timefmt_format_utc_ms writes it. */
static void
add_time(struct strbuf *b, int64_t ms)
{
	char t[TIMEFMT_SIZE];

	timefmt_format_utc_ms(ms, t, sizeof(t));
	strbuf_adds(b, t);
}

/* ",v" */
static void
add_int_field(struct strbuf *b, int64_t v)
{
	strbuf_addc(b, ',');
	add_int(b, v);
}

/* One card's row, its line break included. */
static void
add_card(struct strbuf *b, const struct card *c, bool with_state)
{
	const char *text[] = { c->ext_id, c->deck, c->question, c->answer,
		c->tips, c->tags };

	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
		if (i > 0)
			strbuf_addc(b, ',');
		dk_put_field(b, text[i], ',');
	}
	if (with_state) {
		add_int_field(b, (int)c->s.state);
		add_int_field(b, c->s.scheduled_days);
		strbuf_addc(b, ',');
		add_time(b, c->s.due);
		strbuf_addc(b, ',');
		dk_add_double(b, c->s.stability);
		strbuf_addc(b, ',');
		dk_add_double(b, c->s.difficulty);
		add_int_field(b, c->s.reps);
		add_int_field(b, c->s.lapses);
		strbuf_addc(b, ',');
		/* Without the last review a restored card would look as if it
		 * had never been studied: FSRS counts the days since it. */
		if (c->s.last_review != 0)
			add_time(b, c->s.last_review);
		add_int_field(b, c->s.learning_step);
	}
	strbuf_addc(b, '\n');
}

/* What a buffer of rows holds before it is written out. */
#define ROW_BUFFER (64 * 1024)

int
deckio_write_card(FILE *f, const struct card *c, bool with_state, char **errmsg)
{
	struct strbuf b = { 0 };

	add_card(&b, c, with_state);
	return dk_write_out(f, &b, errmsg);
}

/* Writes the rows in b out once they fill the buffer. */
static int
rows_added(FILE *f, struct strbuf *b, char **errmsg)
{
	return b->len < ROW_BUFFER ? 0 : write_buf(f, b, errmsg);
}

int
deckio_card_add(FILE *f, struct strbuf *b, const struct card *c,
    bool with_state, char **errmsg)
{
	add_card(b, c, with_state);
	return rows_added(f, b, errmsg);
}

int
deckio_write_header(FILE *f, bool with_state, char **errmsg)
{
	struct strbuf b = { 0 };

	strbuf_adds(&b, "id,deck,question,answer,tips,tags");
	if (with_state) {
		size_t n;
		const char *const *col = deckio_state_columns(&n);

		for (size_t i = 0; i < n; i++)
			strbuf_addf(&b, ",%s", col[i]);
	}
	strbuf_addc(&b, '\n');
	return dk_write_out(f, &b, errmsg);
}

int
deckio_write_reviews_header(FILE *f, char **errmsg)
{
	struct strbuf b = { 0 };

	strbuf_adds(&b,
	    "card_id,review_time,review_rating,review_state,review_duration\n");
	return dk_write_out(f, &b, errmsg);
}

static void
add_review(struct strbuf *b, const char *ext_id, const struct review *r)
{
	dk_put_field(b, ext_id, ',');
	strbuf_addc(b, ',');
	add_int(b, timefmt_clamp(r->time));
	strbuf_addc(b, ',');
	add_int(b, (int)r->rating);
	strbuf_addc(b, ',');
	add_int(b, (int)r->state);
	strbuf_addc(b, ',');
	add_int(b, r->duration);
	strbuf_addc(b, '\n');
}

int
deckio_review_add(FILE *f, struct strbuf *b, const char *ext_id,
    const struct review *r, char **errmsg)
{
	add_review(b, ext_id, r);
	return rows_added(f, b, errmsg);
}

int
deckio_rows_flush(FILE *f, struct strbuf *b, char **errmsg)
{
	return dk_write_out(f, b, errmsg);
}

int
deckio_write_review(
    FILE *f, const char *ext_id, const struct review *r, char **errmsg)
{
	struct strbuf b = { 0 };

	add_review(&b, ext_id, r);
	return dk_write_out(f, &b, errmsg);
}
