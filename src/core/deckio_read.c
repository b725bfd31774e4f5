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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/deckio_private.h"
#include "core/text.h"

int
dk_reader_error(struct reader *r, long line, const char *fmt, ...)
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

char
dk_ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool
dk_ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool
dk_ascii_alpha(char c)
{
	c = dk_ascii_lower(c);
	return c >= 'a' && c <= 'z';
}

bool
dk_ascii_alnum(char c)
{
	return dk_ascii_alpha(c) || dk_ascii_digit(c);
}

/* Narrows s[0..*n) to leave out surrounding ASCII whitespace. */
void
dk_trim(const char **s, size_t *n)
{
	while (*n > 0 && ascii_space(**s))
		(*s)++, (*n)--;
	while (*n > 0 && ascii_space((*s)[*n - 1]))
		(*n)--;
}

bool
dk_is_blank(const char *s, size_t n)
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

int
dk_check_utf8(struct reader *r, const char *s, size_t n, long line)
{
	size_t bad;

	if (is_ascii(s, n) || utf8_valid(s, n, &bad))
		return 0;
	return dk_reader_error(r, line + count_ends(s, bad),
	    "invalid UTF-8 (byte 0x%02X); is the file in another encoding?",
	    (unsigned char)s[bad]);
}

/* Reads fp (borrowed) when not NULL, under the name path; else opens
 * path ("-": standard input). */
int
dk_reader_open(struct reader *r, const char *path, FILE *fp, char **errmsg)
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

void
dk_reader_close(struct reader *r)
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
int
dk_reader_fill(struct reader *r)
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
int
dk_reader_line(struct reader *r, size_t pos, size_t *linelen, size_t *next)
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
		if (dk_reader_fill(r) < 0)
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
	size_t max = r->max_field > 0 ? r->max_field : MAX_FIELD;

	if (r->failed)
		return;
	if (n > max) {
		dk_reader_error(r, r->line,
		    "a field of more than %zu KiB: is this a deck file?",
		    max / 1024);
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
	    (n == 1 && dk_is_blank(r->fields[0].text.s ? r->fields[0].text.s : "",
			   r->fields[0].text.len)))
		return; /* a blank line */
	for (size_t i = 0; i < n; i++) {
		struct field *f = &r->fields[i];

		if (f->text.s == NULL)
			strbuf_add(&f->text, "", 0);
		if (dk_check_utf8(r, f->text.s, f->text.len, f->line) < 0)
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

void
dk_reader_start_csv(struct reader *r, char sep)
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
			return dk_reader_error(r, at,
			    "text after the closing quote of the field that "
			    "starts on line %ld (quotes inside a quoted field "
			    "must be doubled)",
			    r->line);
		if (r->csv.quoted)
			return dk_reader_error(r, at,
			    "text after a closing quote (quotes inside a "
			    "quoted field must be doubled)");
		return dk_reader_error(r, at,
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
		return dk_reader_error(
		    r, r->raw_line, "NUL byte: not a text file");
	return 0;
}

/* Parses from buf[pos] to the end of the file. */
int
dk_reader_run(struct reader *r, size_t pos)
{
	if (reader_feed(r, r->buf + pos, r->len - pos) < 0)
		return -1;
	while (!r->eof) {
		r->len = 0;
		if (dk_reader_fill(r) < 0 || reader_feed(r, r->buf, r->len) < 0)
			return -1;
	}
	if (csv_fini(&r->csv, on_field, on_record_end, r) != 0)
		return dk_reader_error(r, r->line, "unterminated quoted field");
	if (r->failed)
		return -1;
	reader_progress(r, true);
	return 0;
}

/* Skips a UTF-8 byte order mark at the start of the buffer. */
size_t
dk_skip_bom(struct reader *r)
{
	if (r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
		return 3;
	return 0;
}

/* ---- guessing the separator ---- */

const struct dk_sep dk_seps[N_SEPS] = {
	{ '\t', "tab", "a tab" },
	{ ';', "semicolon", "a semicolon" },
	{ ',', "comma", "a comma" },
	{ '|', "pipe", "a pipe" },
};

unsigned
dk_sep_bit(char c)
{
	for (unsigned i = 0; i < N_SEPS; i++)
		if (dk_seps[i].c == c)
			return 1u << i;
	return 0;
}

static void
sep_record(struct dk_sep_scan *sc, unsigned mask, long line, size_t from, size_t to)
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
void
dk_sep_scan(const char *s, size_t n, bool whole, long line, struct dk_sep_scan *sc)
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
			mask |= dk_sep_bit(c);
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
char
dk_sep_only(unsigned mask)
{
	for (unsigned i = 0; i < N_SEPS; i++)
		if (mask == 1u << i)
			return dk_seps[i].c;
	return 0;
}

/* The first separator in mask, or the first of all when none. */
unsigned
dk_sep_first(unsigned mask)
{
	for (unsigned i = 0; i < N_SEPS; i++)
		if (mask & (1u << i))
			return i;
	return 0;
}

/* "a semicolon and a comma" (joined by `and`) in b. */
void
dk_sep_list(struct strbuf *b, unsigned mask, const char *and)
{
	unsigned left = mask;

	for (unsigned i = 0; i < N_SEPS; i++) {
		if (!(mask & (1u << i)))
			continue;
		left &= ~(1u << i);
		strbuf_adds(b, dk_seps[i].article);
		if (left != 0)
			strbuf_adds(b, (left & (left - 1)) == 0 ? and : ", ");
	}
}

const char *
dk_field_str(struct reader *r, size_t n, int col)
{
	if (col < 0 || (size_t)col >= n)
		return NULL;
	return r->fields[col].text.s;
}

/* The n bytes at s, ASCII lower-cased and trimmed, in b. */
const char *
dk_fold_name(struct strbuf *b, const char *s, size_t n)
{
	dk_trim(&s, &n);
	strbuf_reset(b);
	for (size_t i = 0; i < n; i++)
		strbuf_addc(b, dk_ascii_lower(s[i]));
	return strbuf_str(b);
}

/* ---- numbers and times, independent of the locale ---- */

/*
 * Numbers in files are read as strictly as the command line reads them
 * (util_parse_whole): the digits and nothing else around them, no blanks,
 * no '+'.  A '-' is read, so that "-1" for a count is said to be out of
 * range rather than no number.
 */
int
dk_parse_i64(const char *s, int64_t *out)
{
	bool neg = *s == '-';
	uint64_t v = 0, lim;

	s += neg;
	if (!dk_ascii_digit(*s))
		return DK_NUM_BAD;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; dk_ascii_digit(*s); s++) {
		unsigned d = (unsigned)(*s - '0');

		if (v > (lim - d) / 10) {
			while (dk_ascii_digit(*s))
				s++;
			return *s == '\0' ? DK_NUM_RANGE : DK_NUM_BAD;
		}
		v = v * 10 + d;
	}
	if (*s != '\0')
		return DK_NUM_BAD;
	if (neg)
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	else
		*out = (int64_t)v;
	return DK_NUM_OK;
}

int
dk_parse_int_range(const char *s, long lo, long hi, long *out)
{
	int64_t v;
	int rc = dk_parse_i64(s, &v);

	if (rc != DK_NUM_OK)
		return rc;
	if (v < lo || v > hi)
		return DK_NUM_RANGE;
	*out = (long)v;
	return DK_NUM_OK;
}

enum timefmt_status
deckio_parse_time(const char *s, int64_t *ms)
{
	int64_t v;

	/* timefmt_parse allows blanks around a time a person types */
	if (*s == '\0' || *s == ' ' || s[strlen(s) - 1] == ' ')
		return TIMEFMT_EBAD;
	switch (dk_parse_i64(s, &v)) {
	case DK_NUM_OK:
		break;
	case DK_NUM_RANGE:
		return TIMEFMT_ERANGE;
	default:
		return timefmt_parse(s, TIMEFMT_UTC, ms);
	}
	if (!timefmt_valid(v))
		return TIMEFMT_ERANGE;
	*ms = v;
	return TIMEFMT_OK;
}

/* The message for field col of the record (NULL text: the record has
 * no such field) that is no number in range. */
int
dk_number_error(struct reader *r, size_t n, int col, const char *name,
    int why, const char *expected)
{
	const char *text = dk_field_str(r, n, col);
	long line = text != NULL ? r->fields[col].line : r->rec_line;

	if (why == DK_NUM_RANGE)
		return dk_reader_error(r, line,
		    "%s '%s' (field %d) is out of range (%s)", name, text,
		    col + 1, expected);
	return dk_reader_error(r, line, "%s '%s' (field %d) is not %s", name,
	    text != NULL ? text : "", col + 1, expected);
}

/*
 * Whether s is a decimal number as printf's %g and people write one: an
 * optional '-', digits, optionally '.' and digits, optionally an exponent
 * ('e' or 'E', a sign, digits).  Not strtod's wider language: no blanks,
 * no '+', no hexadecimal, no "inf" or "nan", no ".5" or "5.".
 */
static bool
decimal_syntax(const char *s)
{
	s += *s == '-';
	if (!dk_ascii_digit(*s))
		return false;
	while (dk_ascii_digit(*s))
		s++;
	if (*s == '.') {
		if (!dk_ascii_digit(*++s))
			return false;
		while (dk_ascii_digit(*s))
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		s += *s == '-' || *s == '+';
		if (!dk_ascii_digit(*s))
			return false;
		while (dk_ascii_digit(*s))
			s++;
	}
	return *s == '\0';
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

int
dk_parse_double(const char *s, double *out)
{
	locale_t c = c_numeric(), old = (locale_t)0;
	double v;

	if (!decimal_syntax(s))
		return DK_NUM_BAD;
	if (c != (locale_t)0)
		old = uselocale(c);
	/* beyond a double is infinite; too small for one reads as the
	 * nearest, as dk_add_double's digits of such a value do */
	v = strtod(s, NULL);
	if (old != (locale_t)0)
		uselocale(old);
	if (!isfinite(v))
		return DK_NUM_RANGE;
	*out = v;
	return DK_NUM_OK;
}

/*
 * The quick way for a value of at most six decimals between 1e-4 and 1e9,
 * as a card's stability and difficulty are: the fewest decimals k whose
 * m / 10^k is v again (the division of two exact doubles, rounded once as
 * strtod rounds) give the digits "%.15g" writes, since such a number has
 * at most 15 significant digits and v is within half a unit of the last
 * of them; and 0, a new card's, is "0".  False: another value, for
 * printf.
 */
static bool
add_short_decimal(struct strbuf *b, double v)
{
	static const double p10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6 };
	double a = fabs(v);

	if (v == 0 && !signbit(v)) {
		strbuf_addc(b, '0');
		return true;
	}
	if (!(a >= 1e-4 && a < 1e9))
		return false;
	for (int k = 0; k < (int)(sizeof(p10) / sizeof(p10[0])); k++) {
		double m = nearbyint(a * p10[k]);
		char buf[32], *p = buf + sizeof(buf);
		uint64_t u;
		int i;

		if (m / p10[k] != a)
			continue;
		/* the digits from the last: the decimals, then the units */
		for (u = (uint64_t)m, i = 0; i < k; i++, u /= 10)
			*--p = (char)('0' + u % 10);
		if (k > 0)
			*--p = '.';
		do {
			*--p = (char)('0' + u % 10);
			u /= 10;
		} while (u != 0);
		if (v < 0)
			*--p = '-';
		strbuf_add(b, p, (size_t)(buf + sizeof(buf) - p));
		return true;
	}
	return false;
}

/* The fewest digits that read back to the same double. */
void
dk_add_double(struct strbuf *b, double v)
{
	locale_t c = c_numeric(), old = (locale_t)0;
	char tmp[40];

	if (add_short_decimal(b, v))
		return;

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
