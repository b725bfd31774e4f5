#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* fileno, fstat, newlocale */
#endif

#include <csv.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
#define MAX_TAGS 1000
#define MAX_FIELD ((size_t)1 << 20)

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
	long rec_line;  /* where the current record starts */
	size_t records; /* non-blank records seen, the one in hand included */

	record_fn on_record;
	void *owner;
	bool failed; /* stop: the callbacks ignore the rest of the block */
	int status;  /* what the import returns when failed */
	char **errmsg;
};

static int reader_error(struct reader *r, long line, const char *fmt, ...)
    UTIL_PRINTF(3, 4);

static int
reader_error(struct reader *r, long line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	set_error(r->errmsg, "%s:%ld: %s", r->name, line, msg);
	free(msg);
	r->failed = true;
	r->status = -1;
	return -1;
}

/*
 * The line ends in s[0, n): LF, CR, and CRLF counted once.  *cr says
 * whether the byte before s was a CR, and is left saying it of s's last.
 */
static long
count_lines(const char *s, size_t n, bool *cr)
{
	long k = 0;
	bool prev = *cr;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r' || (s[i] == '\n' && !prev))
			k++;
		prev = s[i] == '\r';
	}
	*cr = prev;
	return k;
}

/* The same for a text that stands alone. */
static long
count_ends(const char *s, size_t n)
{
	bool cr = false;

	return count_lines(s, n, &cr);
}

/*
 * Only ASCII is meant wherever the files' syntax is concerned.  <ctype.h>
 * answers for the locale's character set, and after setlocale(LC_ALL, "") a
 * single-byte locale takes bytes of UTF-8 sequences for letters and spaces.
 */
static bool
ascii_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static char
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool
ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
ascii_alpha(char c)
{
	c = ascii_lower(c);
	return c >= 'a' && c <= 'z';
}

static bool
ascii_alnum(char c)
{
	return ascii_alpha(c) || ascii_digit(c);
}

/* Narrows s[0..*n) to leave out surrounding ASCII whitespace. */
static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && ascii_space(**s))
		(*s)++, (*n)--;
	while (*n > 0 && ascii_space((*s)[*n - 1]))
		(*n)--;
}

static bool
is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

/* ASCII needs no further check; most deck text is ASCII. */
static bool
is_ascii(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char acc = 0;

	for (size_t i = 0; i < n; i++)
		acc |= u[i];
	return acc < 0x80;
}

static int
check_utf8(struct reader *r, const char *s, size_t n, long line)
{
	size_t bad;

	if (is_ascii(s, n) || utf8_valid(s, n, &bad))
		return 0;
	return reader_error(r, line + count_ends(s, bad),
	    "invalid UTF-8 (byte 0x%02X); is the file in another encoding?",
	    (unsigned char)s[bad]);
}

/* Reads fp (borrowed) when not NULL, under the name path; else opens
 * path ("-": standard input). */
static int
reader_open(struct reader *r, const char *path, FILE *fp, char **errmsg)
{
	struct stat st;

	memset(r, 0, sizeof(*r));
	r->errmsg = errmsg;
	r->line = r->raw_line = 1;
	r->next_progress = PROGRESS_STEP;
	if (fp != NULL) {
		r->name = path;
		r->fp = fp;
	} else if (strcmp(path, "-") == 0) {
		r->name = "<stdin>";
		r->fp = stdin;
	} else {
		r->name = path;
		r->fp = fopen(path, "rb");
		if (r->fp == NULL)
			return set_error(
			    errmsg, "%s: %s", path, strerror(errno));
		r->close_fp = true;
	}
	if (fstat(fileno(r->fp), &st) == 0 && S_ISREG(st.st_mode))
		r->total = st.st_size;
	r->cap = READ_BLOCK;
	r->buf = xmalloc(r->cap);
	return 0;
}

static void
reader_close(struct reader *r)
{
	if (r->close_fp)
		fclose(r->fp);
	if (r->csv_ready)
		csv_free(&r->csv);
	for (size_t i = 0; i < r->fields_cap; i++)
		strbuf_free(&r->fields[i].text);
	free(r->fields);
	free(r->buf);
}

static void
reader_progress(struct reader *r, bool last)
{
	if (r->opts == NULL || r->opts->progress == NULL)
		return;
	if (!last && r->done < r->next_progress)
		return;
	r->next_progress = r->done + PROGRESS_STEP;
	r->opts->progress(r->done, r->total, r->opts->progress_ctx);
}

/* Appends the next block to buf[len..]. */
static int
reader_fill(struct reader *r)
{
	size_t n;

	if (r->eof)
		return 0;
	if (r->cap - r->len < READ_BLOCK) {
		/* only a long first line grows it: double, to stay linear */
		r->cap = r->cap * 2 > r->len + READ_BLOCK ? r->cap * 2
		                                          : r->len + READ_BLOCK;
		r->buf = xrealloc(r->buf, r->cap);
	}
	n = fread(r->buf + r->len, 1, READ_BLOCK, r->fp);
	if (n < READ_BLOCK) {
		if (ferror(r->fp)) {
			set_error(r->errmsg, "%s: read error: %s", r->name,
			    strerror(errno));
			r->failed = true;
			r->status = -1;
			return -1;
		}
		r->eof = true;
	}
	r->len += n;
	r->done += (off_t)n;
	reader_progress(r, false);
	return 0;
}

/* The first CR or LF in s[0, n), or NULL. */
static const char *
find_eol(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' || s[i] == '\r')
			return s + i;
	return NULL;
}

/*
 * Makes sure the line starting at buf[pos] is complete in the buffer (or
 * ends the file); returns its length without the line ending (LF, CRLF or
 * CR) and in *next where the next line starts.  Each byte is looked at once,
 * however many blocks the line takes.
 */
static int
reader_line(struct reader *r, size_t pos, size_t *linelen, size_t *next)
{
	size_t from = pos;
	const char *eol;

	for (;;) {
		eol = find_eol(r->buf + from, r->len - from);
		/* a CR at the end of the buffer may be the start of a CRLF */
		if (eol != NULL &&
		    (*eol == '\n' || eol + 1 < r->buf + r->len || r->eof))
			break;
		if (eol == NULL && r->eof) {
			*next = r->len;
			*linelen = r->len - pos;
			return 0;
		}
		from = eol != NULL ? (size_t)(eol - r->buf) : r->len;
		if (reader_fill(r) < 0)
			return -1;
	}
	*linelen = (size_t)(eol - (r->buf + pos));
	*next = *linelen + pos + 1;
	if (*eol == '\r' && *next < r->len && r->buf[*next] == '\n')
		(*next)++;
	return 0;
}

static void
on_field(void *s, size_t n, void *data)
{
	struct reader *r = data;
	struct field *f;

	if (r->failed)
		return;
	if (n > MAX_FIELD) {
		reader_error(r, r->line,
		    "a field of more than %zu KiB: is this a deck file?",
		    MAX_FIELD / 1024);
		return;
	}
	if (r->nfields == r->fields_cap) {
		size_t old = r->fields_cap;

		r->fields_cap = old ? old * 2 : 16;
		r->fields =
		    xrealloc(r->fields, r->fields_cap * sizeof(*r->fields));
		memset(r->fields + old, 0,
		    (r->fields_cap - old) * sizeof(*r->fields));
	}
	r->after_cr = false;
	f = &r->fields[r->nfields++];
	if (r->nfields == 1)
		r->rec_line = r->line;
	f->line = r->line;
	strbuf_reset(&f->text);
	if (n > 0) {
		strbuf_add(&f->text, s, n);
		r->line += count_ends(s, n);
	}
}

static void
on_record_end(int c, void *data)
{
	struct reader *r = data;
	size_t n = r->nfields;

	if (r->failed)
		return;
	if (c == '\r' || (c == '\n' && !r->after_cr))
		r->line++;
	r->after_cr = c == '\r';
	r->nfields = 0;
	if (n == 0 ||
	    (n == 1 && is_blank(r->fields[0].text.s ? r->fields[0].text.s : "",
			   r->fields[0].text.len)))
		return; /* a blank line */
	for (size_t i = 0; i < n; i++) {
		struct field *f = &r->fields[i];

		if (f->text.s == NULL)
			strbuf_add(&f->text, "", 0);
		if (check_utf8(r, f->text.s, f->text.len, f->line) < 0)
			return;
	}
	r->records++;
	if (r->on_record(r, n) < 0)
		r->failed = true;
}

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
reader_start_csv(struct reader *r, char sep)
{
	/* Strict quoting; spaces are data (RFC 4180), not trimmed. */
	if (csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) !=
	    0)
		die("csv_init failed");
	r->csv_ready = true;
	csv_set_delim(&r->csv, (unsigned char)sep);
	csv_set_space_func(&r->csv, never_space);
	csv_set_blk_size(&r->csv, 65536);
}

static int
feed_part(struct reader *r, const char *p, size_t n)
{
	size_t got = csv_parse(&r->csv, p, n, on_field, on_record_end, r);

	if (r->failed)
		return -1;
	if (got < n) {
		bool cr = r->raw_cr;
		long at = r->raw_line + count_lines(p, got, &cr);

		if (csv_error(&r->csv) != CSV_EPARSE)
			die("csv: %s", csv_strerror(csv_error(&r->csv)));
		if (r->csv.quoted && r->line != at)
			return reader_error(r, at,
			    "text after the closing quote of the field that "
			    "starts on line %ld (quotes inside a quoted field "
			    "must be doubled)",
			    r->line);
		if (r->csv.quoted)
			return reader_error(r, at,
			    "text after a closing quote (quotes inside a "
			    "quoted field must be doubled)");
		return reader_error(r, at,
		    "quote inside an unquoted field (quote the whole field and "
		    "double its quotes)");
	}
	r->raw_line += count_lines(p, n, &r->raw_cr);
	return 0;
}

/* Hands bytes to libcsv, stopping at a NUL after the rows before it. */
static int
reader_feed(struct reader *r, const char *p, size_t n)
{
	const char *nul = memchr(p, '\0', n);

	if (feed_part(r, p, nul != NULL ? (size_t)(nul - p) : n) < 0)
		return -1;
	if (nul != NULL)
		return reader_error(
		    r, r->raw_line, "NUL byte: not a text file");
	return 0;
}

/* Parses from buf[pos] to the end of the file. */
static int
reader_run(struct reader *r, size_t pos)
{
	if (reader_feed(r, r->buf + pos, r->len - pos) < 0)
		return -1;
	while (!r->eof) {
		r->len = 0;
		if (reader_fill(r) < 0 || reader_feed(r, r->buf, r->len) < 0)
			return -1;
	}
	if (csv_fini(&r->csv, on_field, on_record_end, r) != 0)
		return reader_error(r, r->line, "unterminated quoted field");
	if (r->failed)
		return -1;
	reader_progress(r, true);
	return 0;
}

/* Skips a UTF-8 byte order mark at the start of the buffer. */
static size_t
skip_bom(struct reader *r)
{
	if (r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
		return 3;
	return 0;
}

/* ---- guessing the separator ---- */

static const struct {
	char c;
	const char *name;    /* as "#separator:" takes it */
	const char *article; /* in messages */
} seps[] = {
	{ '\t', "tab", "a tab" },
	{ ';', "semicolon", "a semicolon" },
	{ ',', "comma", "a comma" },
	{ '|', "pipe", "a pipe" },
};

#define N_SEPS 4
#define SEP_TAB 1u

/* What separators the records at the start of a file hold, as bit masks
 * (bit i for seps[i]), outside quotes. */
struct sep_scan {
	size_t records;
	unsigned first;     /* in the first record */
	unsigned any;       /* in some record */
	unsigned every;     /* in every record that holds any */
	long any_line;      /* where the first record that holds any starts */
	long every_lost;    /* where every became empty, 0 if it did not */
	size_t first_start; /* the first record's bytes */
	size_t first_end;
};

static unsigned
sep_bit(char c)
{
	for (unsigned i = 0; i < N_SEPS; i++)
		if (seps[i].c == c)
			return 1u << i;
	return 0;
}

static void
sep_record(struct sep_scan *sc, unsigned mask, long line, size_t from, size_t to)
{
	if (sc->records++ == 0) {
		sc->first = mask;
		sc->first_start = from;
		sc->first_end = to;
	}
	if (mask == 0)
		return;
	if (sc->any == 0)
		sc->any_line = line;
	sc->every = sc->any == 0 ? mask : sc->every & mask;
	sc->any |= mask;
	if (sc->every == 0 && sc->every_lost == 0)
		sc->every_lost = line;
}

/*
 * Scans the n bytes at s, which start on line `line`.  Unless whole (s is
 * the whole file), a last record without its line end is left out, as it may
 * go on past s: it counts only when it is the first.
 */
static void
sep_scan(const char *s, size_t n, bool whole, long line, struct sep_scan *sc)
{
	bool quoted = false, content = false, cr = false;
	unsigned mask = 0;
	long rec_line = line;
	size_t start = 0;

	memset(sc, 0, sizeof(*sc));
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool eol = c == '\n' || c == '\r';

		if (eol && !quoted && content)
			sep_record(sc, mask, rec_line, start, i);
		if (eol && !quoted)
			content = false, mask = 0;
		if (c == '\r' || (c == '\n' && !cr))
			line++;
		cr = c == '\r';
		if (c == '"')
			quoted = !quoted;
		else if (!quoted)
			mask |= sep_bit(c);
		if (!eol && c != ' ' && !content) {
			content = true;
			rec_line = line;
			start = i;
		}
	}
	if (content && (whole || sc->records == 0))
		sep_record(sc, mask, rec_line, start, n);
}

/* The one separator in mask, or 0 when there are none or several. */
static char
sep_only(unsigned mask)
{
	for (unsigned i = 0; i < N_SEPS; i++)
		if (mask == 1u << i)
			return seps[i].c;
	return 0;
}

/* The first separator in mask, or the first of all when none. */
static unsigned
sep_first(unsigned mask)
{
	for (unsigned i = 0; i < N_SEPS; i++)
		if (mask & (1u << i))
			return i;
	return 0;
}

/* "a semicolon and a comma" (joined by `and`) in b. */
static void
sep_list(struct strbuf *b, unsigned mask, const char *and)
{
	unsigned left = mask;

	for (unsigned i = 0; i < N_SEPS; i++) {
		if (!(mask & (1u << i)))
			continue;
		left &= ~(1u << i);
		strbuf_adds(b, seps[i].article);
		if (left != 0)
			strbuf_adds(b, (left & (left - 1)) == 0 ? and : ", ");
	}
}

static const char *
field_str(struct reader *r, size_t n, int col)
{
	if (col < 0 || (size_t)col >= n)
		return NULL;
	return r->fields[col].text.s;
}

/* The n bytes at s, ASCII lower-cased and trimmed, in b. */
static const char *
fold_name(struct strbuf *b, const char *s, size_t n)
{
	trim(&s, &n);
	strbuf_reset(b);
	for (size_t i = 0; i < n; i++)
		strbuf_addc(b, ascii_lower(s[i]));
	return strbuf_str(b);
}

/* ---- numbers and times, independent of the locale ---- */

static int
parse_i64(const char *s, int64_t *out)
{
	bool neg = false;
	uint64_t v = 0, lim;

	while (*s == ' ')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!ascii_digit(*s))
		return -1;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; ascii_digit(*s); s++) {
		unsigned d = (unsigned)(*s - '0');

		if (v > (lim - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	while (*s == ' ')
		s++;
	if (*s != '\0')
		return -1;
	if (neg)
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	else
		*out = (int64_t)v;
	return 0;
}

static int
parse_int_range(const char *s, long lo, long hi, long *out)
{
	int64_t v;

	if (parse_i64(s, &v) < 0 || v < lo || v > hi)
		return -1;
	*out = (long)v;
	return 0;
}

enum timefmt_status
deckio_parse_time(const char *s, int64_t *ms)
{
	int64_t v;

	if (parse_i64(s, &v) < 0)
		return timefmt_parse(s, TIMEFMT_UTC, ms);
	if (!timefmt_valid(v))
		return TIMEFMT_ERANGE;
	*ms = v;
	return TIMEFMT_OK;
}

/*
 * Files write numbers with '.', whatever LC_NUMERIC the program set, so
 * strtod and printf run under this C numeric locale: made on first use and
 * kept for the life of the program, (locale_t)0 when it cannot be made
 * (then the current locale is used and the next call tries again).
 */
static locale_t
c_numeric(void)
{
	static locale_t c;

	if (c == (locale_t)0)
		c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	return c;
}

static int
parse_double(const char *s, double *out)
{
	locale_t c = c_numeric(), old = (locale_t)0;
	char *end;
	double v;
	bool range;

	while (*s == ' ')
		s++;
	if (*s == '\0')
		return -1;
	if (c != (locale_t)0)
		old = uselocale(c);
	errno = 0;
	v = strtod(s, &end);
	range = errno == ERANGE;
	if (old != (locale_t)0)
		uselocale(old);
	while (*end == ' ')
		end++;
	if (*end != '\0' || range || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

/* The fewest digits that read back to the same double. */
static void
add_double(struct strbuf *b, double v)
{
	locale_t c = c_numeric(), old = (locale_t)0;
	char tmp[40];

	if (c != (locale_t)0)
		old = uselocale(c);
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, v);
		if (prec == 17 || strtod(tmp, NULL) == v)
			break;
	}
	if (old != (locale_t)0)
		uselocale(old);
	strbuf_adds(b, tmp);
}

/* ---- HTML to plain text, for Anki files with #html:true ---- */

static void
add_codepoint(struct strbuf *b, unsigned long cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	strbuf_add(b, u, n);
}

/* Decodes the entity at s (s[0] == '&'); returns its length, 0 if none. */
static size_t
html_entity(struct strbuf *b, const char *s)
{
	static const struct {
		const char *name;
		const char *text;
	} named[] = {
		{ "amp", "&" },
		{ "lt", "<" },
		{ "gt", ">" },
		{ "quot", "\"" },
		{ "apos", "'" },
		{ "nbsp", " " },
	};
	const char *semi = s + 1;
	size_t n;

	while (*semi != '\0' && *semi != ';' && semi - s < 12)
		semi++;
	if (*semi != ';')
		return 0;
	n = (size_t)(semi - s - 1);
	if (n >= 2 && s[1] == '#') {
		unsigned long cp = 0;
		bool hex = s[2] == 'x' || s[2] == 'X';
		size_t i = hex ? 3 : 2;

		if (i > n)
			return 0;
		for (; i <= n; i++) {
			char c = ascii_lower(s[i]);

			if (ascii_digit(c))
				cp = cp * (hex ? 16 : 10) +
				     (unsigned long)(c - '0');
			else if (hex && c >= 'a' && c <= 'f')
				cp = cp * 16 + (unsigned long)(c - 'a' + 10);
			else
				return 0;
			if (cp > 0x10FFFF)
				return 0;
		}
		if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		add_codepoint(b, cp == 0xA0 ? ' ' : cp);
		return n + 2;
	}
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		if (strlen(named[i].name) == n &&
		    strncmp(s + 1, named[i].name, n) == 0) {
			strbuf_adds(b, named[i].text);
			return n + 2;
		}
	}
	return 0;
}

static void
html_newline(struct strbuf *b)
{
	if (b->len > 0 && b->s[b->len - 1] != '\n')
		strbuf_addc(b, '\n');
}

static bool
ascii_caseeq(const char *a, const char *b, size_t n)
{
	/* a NUL in either mismatches first, so neither is read past its end */
	for (size_t i = 0; i < n; i++)
		if (ascii_lower(a[i]) != ascii_lower(b[i]))
			return false;
	return true;
}

/* True when the n bytes at name are, ignoring ASCII case, one of list. */
static bool
name_in(const char *name, size_t n, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strlen(*list) == n && ascii_caseeq(name, *list, n))
			return true;
	return false;
}

/* Skips past the end tag "</name ...>", or to the end of s. */
static const char *
skip_element(const char *s, const char *name, size_t n)
{
	for (const char *p = s; (p = strchr(p, '<')) != NULL; p++) {
		if (p[1] == '/' && ascii_caseeq(p + 2, name, n) &&
		    !ascii_alnum(p[2 + n])) {
			const char *gt = strchr(p, '>');

			return gt != NULL ? gt + 1 : p + strlen(p);
		}
	}
	return s + strlen(s);
}

/*
 * Anki's HTML to text: <br> is a line break, block elements start and end
 * lines, other tags go, <style> and <script> go with their content, the
 * common entities and all numeric ones are decoded (&nbsp; to a space), and
 * surrounding whitespace is trimmed.  Text that is not a tag stays as it is.
 */
static void
html_to_text(struct strbuf *out, const char *s)
{
	static const char *const block[] = {
		"div",
		"p",
		"li",
		"ul",
		"ol",
		"tr",
		"table",
		"blockquote",
		"pre",
		"hr",
		"h1",
		"h2",
		"h3",
		"h4",
		"h5",
		"h6",
		NULL,
	};
	static const char *const dropped[] = { "style", "script", NULL };
	static const char *const br[] = { "br", NULL };
	const char *kept, *next_gt = NULL;
	size_t keep;
	bool no_gt = false;

	strbuf_reset(out);
	while (*s != '\0') {
		size_t run = strcspn(s, "<&");
		const char *p, *name, *gt;
		size_t n;
		bool closing;

		strbuf_add(out, s, run);
		s += run;
		if (*s == '&') {
			size_t k = html_entity(out, s);

			if (k == 0)
				strbuf_addc(out, '&');
			s += k > 0 ? k : 1;
			continue;
		}
		if (*s != '<')
			break;
		if (strncmp(s, "<!--", 4) == 0) {
			const char *e = strstr(s + 4, "-->");

			s = e != NULL ? e + 3 : s + strlen(s);
			continue;
		}
		p = s + 1;
		closing = *p == '/';
		if (closing)
			p++;
		name = p;
		while (ascii_alnum(*p))
			p++;
		n = (size_t)(p - name);
		/* the next '>' is searched for once, not once per '<' */
		if (!no_gt && (next_gt == NULL || next_gt < p)) {
			next_gt = strchr(p, '>');
			no_gt = next_gt == NULL;
		}
		gt = no_gt ? NULL : next_gt;
		if (n == 0 || !ascii_alpha(*name) || gt == NULL) {
			strbuf_addc(out, '<'); /* "a < b" is text */
			s++;
			continue;
		}
		s = gt + 1;
		if (name_in(name, n, br))
			strbuf_addc(out, '\n');
		else if (name_in(name, n, block))
			html_newline(out);
		else if (!closing && name_in(name, n, dropped))
			s = skip_element(s, name, n);
	}
	if (out->s == NULL)
		return;
	kept = out->s;
	keep = out->len;
	trim(&kept, &keep);
	memmove(out->s, kept, keep);
	out->len = keep;
	out->s[keep] = '\0';
}

/* ---- deck files ---- */

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

static const char *const column_names[COL_COUNT] = {
	"id",
	"deck",
	"question",
	"answer",
	"tips",
	"tags",
	"state",
	"interval",
	"due",
	"stability",
	"difficulty",
	"reps",
	"lapses",
	"last_review",
	"learning_step",
};

/* Other names a native header may give a column. */
static const struct {
	const char *name;
	enum column col;
} column_aliases[] = {
	{ "front", COL_QUESTION },
	{ "back", COL_ANSWER },
};

#define N_ALIASES (sizeof(column_aliases) / sizeof(column_aliases[0]))

/* A native header name, or -1. */
static int
native_column(const char *folded)
{
	for (int i = 0; i < COL_COUNT; i++)
		if (strcmp(folded, column_names[i]) == 0)
			return i;
	for (size_t i = 0; i < N_ALIASES; i++)
		if (strcmp(folded, column_aliases[i].name) == 0)
			return (int)column_aliases[i].col;
	return -1;
}

/* "id, deck, question (or front), ...": every name native_column knows. */
static void
known_columns(struct strbuf *b)
{
	for (int c = 0; c < COL_COUNT; c++) {
		if (c > 0)
			strbuf_adds(b, ", ");
		strbuf_adds(b, column_names[c]);
		for (size_t i = 0; i < N_ALIASES; i++)
			if ((int)column_aliases[i].col == c)
				strbuf_addf(
				    b, " (or %s)", column_aliases[i].name);
	}
}

/* What an Anki "#columns:" name stands for, or -1 (a field we leave out). */
static int
anki_column(const char *folded)
{
	static const struct {
		const char *name;
		int col;
	} names[] = {
		{ "question", COL_QUESTION },
		{ "front", COL_QUESTION },
		{ "text", COL_QUESTION },
		{ "answer", COL_ANSWER },
		{ "back", COL_ANSWER },
		{ "tips", COL_TIPS },
		{ "tip", COL_TIPS },
		{ "hint", COL_TIPS },
		{ "hints", COL_TIPS },
		{ "extra", COL_TIPS },
		{ "back extra", COL_TIPS },
		{ "notes", COL_TIPS },
		{ "how to prepare", COL_TIPS },
		{ "deck", COL_DECK },
		{ "tags", COL_TAGS },
		{ "guid", COL_ID },
		{ "id", COL_ID },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(folded, names[i].name) == 0)
			return names[i].col;
	return -1;
}

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

	struct strbuf name, question, answer, tips, tags, scratch;
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
		    native_column(fold_name(&d->name, f->text.s, f->text.len));

		if (c < 0) {
			struct strbuf known = { 0 };

			known_columns(&known);
			reader_error(r, f->line,
			    "unknown column '%s' in the header (known: %s)",
			    f->text.s, known.s);
			strbuf_free(&known);
			return -1;
		}
		if (d->col[c] >= 0)
			return reader_error(r, f->line,
			    "column '%s' appears twice in the header",
			    f->text.s);
		d->col[c] = (int)i;
	}
	if (d->col[COL_QUESTION] < 0)
		return reader_error(
		    r, r->rec_line, "the header has no question column");
	d->max_fields = n;
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

		if (is_blank(f->text.s, f->text.len))
			continue;
		if (native_column(
			fold_name(&d->name, f->text.s, f->text.len)) >= 0) {
			if (named == NULL)
				named = f;
			k++;
		} else if (other == NULL) {
			other = f;
		}
	}
	if (named == NULL || other == NULL || k * 2 > n)
		return named != NULL;
	known_columns(&known);
	reader_error(&d->r, d->r.rec_line,
	    "is this row a header? '%s' names a column, '%s' does not "
	    "(known: %s); correct the header, or declare a file without one "
	    "with a first line '#separator:%s'",
	    named->text.s, other->text.s, known.s,
	    seps[sep_first(sep_bit(d->sep))].name);
	strbuf_free(&known);
	return -1;
}

/* A time column of a schedule; an error names it, with its line. */
static int
sched_time(struct reader *r, long line, int c, const char *text, int64_t *t)
{
	switch (deckio_parse_time(text, t)) {
	case TIMEFMT_OK:
		return 0;
	case TIMEFMT_ERANGE:
		return reader_error(r, line, "%s '%s' is out of range (%s)",
		    column_names[c], text, TIMEFMT_RANGE_TEXT);
	default:
		return reader_error(
		    r, line, "bad %s '%s'", column_names[c], text);
	}
}

static int
deck_sched(struct deck_import *d, size_t n)
{
	struct reader *r = &d->r;
	struct sched *s = &d->sched;
	long v = 0;

	memset(s, 0, sizeof(*s));
	for (int c = COL_FIRST_SCHED; c < COL_COUNT; c++) {
		const char *text = field_str(r, n, d->col[c]);
		long line;
		bool ok = true;
		double x = 0;
		int64_t t = 0;

		if (text == NULL || is_blank(text, strlen(text))) {
			if (c == COL_DUE)
				return reader_error(r, r->rec_line,
				    "a card with a state needs a due time");
			continue;
		}
		line = r->fields[d->col[c]].line;
		switch (c) {
		case COL_STATE:
			ok = parse_int_range(text, 0, 3, &v) == 0;
			s->state = (enum card_state)v;
			break;
		case COL_INTERVAL:
			ok = parse_int_range(text, 0, 1000000, &v) == 0;
			s->scheduled_days = (int)v;
			break;
		case COL_REPS:
		case COL_LAPSES:
		case COL_LEARNING_STEP:
			ok = parse_int_range(text, 0, 1000000000, &v) == 0;
			if (c == COL_REPS)
				s->reps = (int)v;
			else if (c == COL_LAPSES)
				s->lapses = (int)v;
			else
				s->learning_step = (int)v;
			break;
		case COL_DUE:
		case COL_LAST_REVIEW:
			if (sched_time(r, line, c, text, &t) < 0)
				return -1;
			if (c == COL_DUE)
				s->due = t;
			else
				s->last_review = t;
			break;
		case COL_STABILITY:
		case COL_DIFFICULTY:
			ok = parse_double(text, &x) == 0 && x >= 0;
			if (c == COL_STABILITY)
				s->stability = x;
			else
				s->difficulty = x;
			break;
		}
		if (!ok)
			return reader_error(
			    r, line, "bad %s '%s'", column_names[c], text);
	}
	return 0;
}

/* After a row callback: its failure becomes "FILE:LINE: message" and
 * stops the reading. */
static int
callback_done(struct reader *r, long line, int rc, char *msg)
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
	const char *s = field_str(r, n, d->col[COL_TAGS]);

	strbuf_reset(&d->scratch);
	if (s != NULL)
		strbuf_adds(&d->scratch, s);
	strbuf_addc(&d->scratch, ' ');
	strbuf_add(&d->scratch, strbuf_str(&d->global_tags), d->global_tags.len);
	if (text_unique_words(&d->tags, d->scratch.s, d->scratch.len,
		MAX_TAGS) < 0)
		return reader_error(r,
		    s != NULL ? r->fields[d->col[COL_TAGS]].line : r->rec_line,
		    "more than %d tags on one card", MAX_TAGS);
	return 0;
}

static int
deck_record(struct reader *r, size_t n)
{
	struct deck_import *d = r->owner;
	struct deckio_row row;
	const char *q, *s;
	char *msg = NULL;
	int rc;

	if (r->records == 1 && !d->directives) {
		int kind = first_row_kind(d, n);

		if (kind != 0)
			return kind < 0 ? -1 : deck_header(d, n);
	}
	if (d->max_fields > 0 && n > d->max_fields)
		return reader_error(r, r->rec_line,
		    "%zu fields, but the header has %zu", n, d->max_fields);

	memset(&row, 0, sizeof(row));
	row.file = r->name;
	row.line = r->rec_line;

	q = field_str(r, n, d->col[COL_QUESTION]);
	if (q == NULL)
		return reader_error(r, r->rec_line,
		    "no question (the row has %zu field%s)", n,
		    n == 1 ? "" : "s");
	if (d->html) {
		html_to_text(&d->question, q);
		q = strbuf_str(&d->question);
	}
	if (is_blank(q, strlen(q)))
		return reader_error(r, r->rec_line, "empty question");
	row.question = q;

	s = field_str(r, n, d->col[COL_ANSWER]);
	if (s != NULL && d->html) {
		html_to_text(&d->answer, s);
		s = strbuf_str(&d->answer);
	}
	row.answer = s != NULL ? s : "";
	s = field_str(r, n, d->col[COL_TIPS]);
	if (s != NULL && d->html) {
		html_to_text(&d->tips, s);
		s = strbuf_str(&d->tips);
	}
	row.tips = s != NULL ? s : "";

	s = field_str(r, n, d->col[COL_ID]);
	row.id = s != NULL && *s != '\0' ? s : NULL;
	s = field_str(r, n, d->col[COL_DECK]);
	row.deck = s != NULL && *s != '\0' ? s : d->deck;

	if (deck_tags(d, n) < 0)
		return -1;
	row.tags = strbuf_str(&d->tags);
	row.has_answer = d->col[COL_ANSWER] >= 0;
	row.has_tips = d->col[COL_TIPS] >= 0;
	row.has_tags = d->col[COL_TAGS] >= 0;

	s = field_str(r, n, d->col[COL_STATE]);
	if (s != NULL && !is_blank(s, strlen(s))) {
		if (deck_sched(d, n) < 0)
			return -1;
		row.sched = &d->sched;
	}

	rc = d->fn(&row, d->ctx, &msg);
	return callback_done(r, row.line, rc, msg);
}

/* "#key:value" with a key of letters and spaces: Anki's directive shape. */
static bool
directive_shape(const char *s, size_t n, size_t *colon)
{
	size_t i;

	if (n < 2 || s[0] != '#')
		return false;
	for (i = 1; i < n && i < 40 && (ascii_alpha(s[i]) || s[i] == ' '); i++)
		;
	if (i >= n || s[i] != ':' || is_blank(s + 1, i - 1))
		return false;
	*colon = i;
	return true;
}

/* "#separator:" value: a name (folded is value through fold_name) or a
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
	const char *key = fold_name(&d->name, line + 1, colon - 1);
	char *value = xstrndup(line + colon + 1, n - colon - 1);
	size_t len = n - colon - 1;
	struct strbuf folded = { 0 };
	const char *v = fold_name(&folded, value, len);
	int rc = 0, sp;
	long num = 0;

	if (strcmp(key, "separator") == 0) {
		if (parse_separator(value, v, &d->sep) < 0)
			rc = reader_error(r, lineno,
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
			rc = reader_error(r, lineno,
			    "bad value '%s' for #html (true or false)", value);
	} else if (strcmp(key, "columns") == 0) {
		free(d->columns);
		d->columns = value;
		d->columns_line = lineno;
		value = NULL;
	} else if (strcmp(key, "deck") == 0) {
		const char *name = value;

		trim(&name, &len);
		free(d->deck);
		d->deck = len > 0 ? xstrndup(name, len) : NULL;
	} else if (strcmp(key, "tags") == 0) {
		if (text_unique_words(&d->global_tags, value, len, MAX_TAGS) <
		    0)
			rc = reader_error(r, lineno,
			    "more than %d tags in #tags", MAX_TAGS);
	} else if (strcmp(key, "notetype") == 0) {
		/* one note type here: nothing to choose */
	} else if ((sp = special_column(key)) >= 0) {
		if (parse_int_range(value, 1, MAX_COLUMN, &num) < 0)
			rc = reader_error(r, lineno,
			    "bad column number '%s' for #%s", value, key);
		else
			d->special[sp] = num;
		d->special_line[sp] = lineno;
	} else {
		struct strbuf known = { 0 };

		for (sp = 0; sp < SP_COUNT; sp++)
			strbuf_addf(&known, ", %s", specials[sp].key);
		rc = reader_error(r, lineno,
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

		trim(&s, &len);
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
			rc = reader_error(r, d->special_line[sp],
			    "#%s %ld is out of range (#columns names %zu)",
			    specials[sp].key, d->special[sp], ncols);
			goto out;
		}
		for (int o = 0; o < sp; o++) {
			if (d->special[o] == d->special[sp]) {
				rc = reader_error(r, d->special_line[sp],
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
		c = anki_column(
		    fold_name(&d->name, names[i], strlen(names[i])));
		if (c >= 0 && d->col[c] < 0)
			d->col[c] = (int)i;
	}
	if (d->col[COL_QUESTION] < 0)
		d->col[COL_QUESTION] = free_column(d, 0, limit);
	if (d->col[COL_QUESTION] < 0) {
		rc = reader_error(
		    r, d->columns_line, "no column is left for the question");
		goto out;
	}
	if (d->col[COL_ANSWER] < 0)
		d->col[COL_ANSWER] =
		    free_column(d, (size_t)d->col[COL_QUESTION] + 1, limit);
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

		trim(&s, &len);
		if (len >= 2 && s[0] == '"' && s[len - 1] == '"')
			s++, len -= 2;
		if (native_column(fold_name(&d->name, s, len)) < 0)
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
	struct sep_scan sc;
	struct strbuf what = { 0 };
	unsigned hint;
	char sep;
	long line;

	sep_scan(r->buf + pos, r->len - pos, r->eof, r->line, &sc);
	sep = sep_only(sc.first);
	if (sep != 0 && is_header_line(d, r->buf + pos + sc.first_start,
			    sc.first_end - sc.first_start, sep))
		d->sep = sep;
	else if (sc.any == 0)
		d->sep = ',';
	else if (sc.every & SEP_TAB)
		d->sep = '\t';
	else if ((d->sep = sep_only(sc.every)) == 0) {
		if (sc.every != 0) {
			line = sc.any_line;
			strbuf_adds(&what, "every row holds ");
			sep_list(&what, sc.every, " and ");
		} else {
			line = sc.every_lost;
			strbuf_adds(&what, "not one of ");
			sep_list(&what, sc.any, " or ");
			strbuf_adds(&what, " is in every row");
		}
		hint = sep_first(sc.every != 0 ? sc.every : sc.any);
		reader_error(r, line,
		    "cannot tell the separator: %s; declare it with a header "
		    "row such as 'question%canswer' or a first line "
		    "'#separator:%s'",
		    what.s, seps[hint].c, seps[hint].name);
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

	if (reader_fill(r) < 0)
		return -1;
	pos = skip_bom(r);
	for (;;) {
		const char *line;

		if (reader_line(r, pos, &linelen, &next) < 0)
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
			return reader_error(
			    r, lineno, "NUL byte: not a text file");
		if (check_utf8(r, line, linelen, lineno) < 0)
			return -1;
		if (legacy_tags) {
			if (text_unique_words(&d->global_tags, line + 5,
				linelen - 5, MAX_TAGS) < 0)
				return reader_error(r, lineno,
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
	}
	*pos_out = pos;
	return 0;
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
	d.fn = fn;
	d.ctx = ctx;
	if (reader_open(&d.r, path, fp, errmsg) < 0)
		return -1;
	d.r.opts = opts;
	d.r.owner = &d;
	d.r.on_record = deck_record;
	rc = deck_prelude(&d, &pos);
	if (rc == 0) {
		reader_start_csv(&d.r, d.sep);
		rc = reader_run(&d.r, pos);
	}
	if (rc == 0 && !d.directives && d.r.records == 0)
		rc = reader_error(&d.r, 1, "empty file");
	if (rc != 0)
		rc = d.r.status != 0 ? d.r.status : -1;
	reader_close(&d.r);
	free(d.columns);
	free(d.deck);
	strbuf_free(&d.global_tags);
	strbuf_free(&d.name);
	strbuf_free(&d.question);
	strbuf_free(&d.answer);
	strbuf_free(&d.tips);
	strbuf_free(&d.tags);
	strbuf_free(&d.scratch);
	return rc;
}

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
		const char *name = fold_name(&ri->name, f->text.s, f->text.len);

		for (int c = 0; c < RC_COUNT; c++) {
			if (strcmp(name, review_names[c]) != 0)
				continue;
			if (ri->col[c] >= 0)
				return reader_error(r, r->fields[i].line,
				    "column '%s' appears twice in the header",
				    review_names[c]);
			ri->col[c] = (int)i;
		}
	}
	for (int c = RC_CARD; c <= RC_RATING; c++)
		if (ri->col[c] < 0)
			return reader_error(r, r->rec_line,
			    "the header has no %s column (card_id, review_time "
			    "and review_rating are required)",
			    review_names[c]);
	ri->max_fields = n;
	return 0;
}

static int
review_record(struct reader *r, size_t n)
{
	struct review_import *ri = r->owner;
	struct deckio_review_row row;
	const char *s;
	char *msg = NULL;
	long v;
	int rc;

	if (r->records == 1)
		return review_header(ri, n);
	if (n > ri->max_fields)
		return reader_error(r, r->rec_line,
		    "%zu fields, but the header has %zu", n, ri->max_fields);
	memset(&row, 0, sizeof(row));
	row.file = r->name;
	row.line = r->rec_line;

	s = field_str(r, n, ri->col[RC_CARD]);
	if (s == NULL || is_blank(s, strlen(s)))
		return reader_error(r, r->rec_line, "empty card_id");
	row.card_id = s;
	s = field_str(r, n, ri->col[RC_TIME]);
	if (s == NULL || parse_i64(s, &row.time) < 0)
		return reader_error(r, r->rec_line,
		    "review_time '%s' is not an integer (ms since the epoch)",
		    s != NULL ? s : "");
	if (!timefmt_valid(row.time))
		return reader_error(r, r->rec_line,
		    "review_time '%s' is out of range (%s)", s,
		    TIMEFMT_RANGE_TEXT);
	s = field_str(r, n, ri->col[RC_RATING]);
	if (s == NULL || parse_int_range(s, 1, 4, &v) < 0)
		return reader_error(r, r->rec_line,
		    "review_rating '%s' is not 1-4", s != NULL ? s : "");
	row.rating = (int)v;
	s = field_str(r, n, ri->col[RC_STATE]);
	row.state = -1;
	if (s != NULL && !is_blank(s, strlen(s))) {
		if (parse_int_range(s, 0, 3, &v) < 0)
			return reader_error(
			    r, r->rec_line, "review_state '%s' is not 0-3", s);
		row.state = (int)v;
	}
	s = field_str(r, n, ri->col[RC_DURATION]);
	row.duration = -1;
	if (s != NULL && !is_blank(s, strlen(s))) {
		if (parse_i64(s, &row.duration) < 0 || row.duration < 0)
			return reader_error(r, r->rec_line,
			    "review_duration '%s' is not a whole number of ms "
			    ">= 0",
			    s);
	}

	rc = ri->fn(&row, ri->ctx, &msg);
	return callback_done(r, row.line, rc, msg);
}

int
deckio_import_reviews(
    const char *path, deckio_review_fn fn, void *ctx, char **errmsg)
{
	struct review_import ri;
	size_t pos = 0;
	int rc;

	memset(&ri, 0, sizeof(ri));
	for (int c = 0; c < RC_COUNT; c++)
		ri.col[c] = -1;
	ri.fn = fn;
	ri.ctx = ctx;
	if (reader_open(&ri.r, path, NULL, errmsg) < 0)
		return -1;
	ri.r.owner = &ri;
	ri.r.on_record = review_record;
	rc = reader_fill(&ri.r);
	if (rc == 0) {
		pos = skip_bom(&ri.r);
		struct sep_scan sc;

		/* the header, which is required, has the separator */
		sep_scan(ri.r.buf + pos, ri.r.len - pos, ri.r.eof, 1, &sc);
		reader_start_csv(
		    &ri.r, sc.first != 0 ? seps[sep_first(sc.first)].c : ',');
		rc = reader_run(&ri.r, pos);
	}
	if (rc == 0 && ri.r.records == 0)
		rc = reader_error(&ri.r, 1, "empty file");
	if (rc != 0)
		rc = ri.r.status != 0 ? ri.r.status : -1;
	reader_close(&ri.r);
	strbuf_free(&ri.name);
	return rc;
}

/* ---- writing ---- */

/*
 * Quotes when reading back would otherwise change or split the text, and
 * when the text starts with '#', which Anki and others take for a comment
 * at the start of a line.
 */
static void
put_field(struct strbuf *b, const char *s)
{
	size_t n;

	if (s == NULL)
		s = "";
	n = strlen(s);
	if (n == 0 ||
	    (s[strcspn(s, ",\"\r\n")] == '\0' && s[0] != ' ' && s[0] != '\t' &&
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

static int
write_out(FILE *f, struct strbuf *b, char **errmsg)
{
	int rc = 0;

	errno = 0;
	if (fwrite(strbuf_str(b), 1, b->len, f) != b->len || ferror(f))
		rc = set_error(errmsg, "write error: %s",
		    strerror(errno != 0 ? errno : EIO));
	strbuf_free(b);
	return rc;
}

int
deckio_write_header(FILE *f, bool with_state, char **errmsg)
{
	struct strbuf b = { 0 };

	strbuf_adds(&b, "id,deck,question,answer,tips,tags");
	if (with_state)
		strbuf_adds(&b,
		    ",state,interval,due,stability,difficulty,reps,lapses,"
		    "last_review,learning_step");
	strbuf_addc(&b, '\n');
	return write_out(f, &b, errmsg);
}

int
deckio_write_card(FILE *f, const struct card *c, bool with_state, char **errmsg)
{
	struct strbuf b = { 0 };

	put_field(&b, c->ext_id);
	strbuf_addc(&b, ',');
	put_field(&b, c->deck);
	strbuf_addc(&b, ',');
	put_field(&b, c->question);
	strbuf_addc(&b, ',');
	put_field(&b, c->answer);
	strbuf_addc(&b, ',');
	put_field(&b, c->tips);
	strbuf_addc(&b, ',');
	put_field(&b, c->tags);
	if (with_state) {
		char due[TIMEFMT_SIZE];

		timefmt_format_utc_ms(c->s.due, due, sizeof(due));
		strbuf_addf(&b, ",%d,%d,%s,", (int)c->s.state,
		    c->s.scheduled_days, due);
		add_double(&b, c->s.stability);
		strbuf_addc(&b, ',');
		add_double(&b, c->s.difficulty);
		strbuf_addf(&b, ",%d,%d,", c->s.reps, c->s.lapses);
		/* Without the last review a restored card would look as if it
		 * had never been studied: FSRS counts the days since it. */
		if (c->s.last_review != 0) {
			char last[TIMEFMT_SIZE];

			timefmt_format_utc_ms(c->s.last_review, last,
			    sizeof(last));
			strbuf_adds(&b, last);
		}
		strbuf_addf(&b, ",%d", c->s.learning_step);
	}
	strbuf_addc(&b, '\n');
	return write_out(f, &b, errmsg);
}

int
deckio_write_reviews_header(FILE *f, char **errmsg)
{
	struct strbuf b = { 0 };

	strbuf_adds(&b,
	    "card_id,review_time,review_rating,review_state,review_duration\n");
	return write_out(f, &b, errmsg);
}

int
deckio_write_review(
    FILE *f, const char *ext_id, const struct review *r, char **errmsg)
{
	struct strbuf b = { 0 };

	put_field(&b, ext_id);
	strbuf_addf(&b, ",%lld,%d,%d,%lld\n",
	    (long long)timefmt_clamp(r->time), (int)r->rating, (int)r->state, (long long)r->duration);
	return write_out(f, &b, errmsg);
}
