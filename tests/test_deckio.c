/*
 * test_deckio.c - src/deckio.c: deck files (native and Anki), review logs,
 * their writers, and every way a file can be wrong.
 *
 * Fixtures live in tests/data/deckio/ and tests/data/anki-*.txt; small
 * cases are written to temporary files here.  An error test checks the
 * exact "FILE:LINE: " prefix and that the callback saw exactly the rows
 * before the bad one.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <criterion/criterion.h>
#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/deckio.h"
#include "core/util.h"
#include "fixtures.h"

/* ---- helpers ---- */

struct got_row {
	long line;
	char *id, *deck, *question, *answer, *tips, *tags;
	bool has_sched;
	struct sched sched;
};

struct got {
	struct got_row rows[64];
	size_t n;
	long fail_at_line;    /* the callback fails on this row's line */
	const char *fail_msg; /* with this message (NULL: none) */
	int fail_rc;
};

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static int
collect(const struct deckio_row *row, void *ctx, char **errmsg)
{
	struct got *g = ctx;
	struct got_row *r;

	cr_assert_str_not_empty(row->question);
	cr_assert_not_null(row->answer);
	cr_assert_not_null(row->tips);
	cr_assert_not_null(row->tags);
	if (g->fail_at_line != 0 && row->line == g->fail_at_line) {
		if (g->fail_msg != NULL)
			*errmsg = xstrdup(g->fail_msg);
		return g->fail_rc;
	}
	cr_assert_lt(g->n, sizeof(g->rows) / sizeof(g->rows[0]));
	r = &g->rows[g->n++];
	r->line = row->line;
	r->id = dup_or_null(row->id);
	r->deck = dup_or_null(row->deck);
	r->question = xstrdup(row->question);
	r->answer = xstrdup(row->answer);
	r->tips = xstrdup(row->tips);
	r->tags = xstrdup(row->tags);
	r->has_sched = row->sched != NULL;
	if (row->sched != NULL)
		r->sched = *row->sched;
	return 0;
}

static void
got_free(struct got *g)
{
	for (size_t i = 0; i < g->n; i++) {
		struct got_row *r = &g->rows[i];

		free(r->id);
		free(r->deck);
		free(r->question);
		free(r->answer);
		free(r->tips);
		free(r->tags);
	}
	g->n = 0;
}

/* Writes n bytes to a new temporary file; the caller unlinks and frees. */
static char *
temp_file(const char *data, size_t n)
{
	char *path = xstrdup("/tmp/test_deckio-XXXXXX");
	int fd = mkstemp(path);
	FILE *f;

	cr_assert_geq(fd, 0);
	f = fdopen(fd, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(data, 1, n, f), n);
	cr_assert_eq(fclose(f), 0);
	return path;
}

/* Imports n bytes from a temporary file; the message's file name becomes "T".
 */
static int
import_mem(const char *data, size_t n, struct got *g, char **err)
{
	char *path = temp_file(data, n);
	int rc = deckio_import(path, NULL, collect, g, err);

	if (*err != NULL) {
		/* make messages comparable: replace the temp name with "T" */
		size_t plen = strlen(path);

		cr_assert(strncmp(*err, path, plen) == 0,
		    "message '%s' lacks the file name", *err);
		char *m = xasprintf("T%s", *err + plen);
		free(*err);
		*err = m;
	}
	unlink(path);
	free(path);
	return rc;
}

static int
import_str(const char *s, struct got *g, char **err)
{
	return import_mem(s, strlen(s), g, err);
}

/* Imports a fixture; the message's file name is replaced with "F". */
static int
import_data(const char *name, struct got *g, char **err)
{
	char *path = fixture_data_path(name);
	int rc = deckio_import(path, NULL, collect, g, err);

	if (*err != NULL) {
		size_t plen = strlen(path);

		cr_assert(strncmp(*err, path, plen) == 0,
		    "message '%s' lacks the file name", *err);
		char *m = xasprintf("F%s", *err + plen);
		free(*err);
		*err = m;
	}
	free(path);
	return rc;
}

/* Expect a failure with exactly this message after exactly nrows rows. */
static void
expect_error(const char *data, const char *msg, size_t nrows)
{
	struct got g = { 0 };
	char *err = NULL;

	cr_assert_eq(import_str(data, &g, &err), -1, "no error for: %s", data);
	cr_assert_not_null(err);
	cr_expect_str_eq(err, msg);
	cr_expect_eq(
	    g.n, nrows, "%zu rows before '%s', expected %zu", g.n, err, nrows);
	free(err);
	got_free(&g);
}

/* Imports the text s into g, which must succeed with n rows. */
static void
import_ok(const char *s, struct got *g, size_t n)
{
	char *err = NULL;

	cr_assert_eq(import_str(s, g, &err), 0, "%s", err);
	cr_assert_eq(g->n, n, "%zu rows, expected %zu", g->n, n);
}

/* Imports the fixture name into g, which must succeed with n rows. */
static void
data_ok(const char *name, struct got *g, size_t n)
{
	char *err = NULL;

	cr_assert_eq(import_data(name, g, &err), 0, "%s", err);
	cr_assert_eq(g->n, n, "%zu rows, expected %zu", g->n, n);
}

/* The fixture name fails with exactly this message after nrows rows. */
static void
expect_data_error(const char *name, const char *msg, size_t nrows)
{
	struct got g = { 0 };
	char *err = NULL;

	cr_assert_eq(import_data(name, &g, &err), -1, "no error for %s", name);
	cr_expect_str_eq(err, msg);
	cr_expect_eq(g.n, nrows, "%zu rows before '%s', expected %zu", g.n, err,
	    nrows);
	free(err);
	got_free(&g);
}

static void
expect_row(const struct got_row *r, long line, const char *q, const char *a)
{
	cr_expect_eq(r->line, line, "line %ld, expected %ld (question '%s')",
	    r->line, line, r->question);
	cr_expect_str_eq(r->question, q);
	cr_expect_str_eq(r->answer, a);
}

/* Counts rows that start every `step` lines from `next_line`. */
struct line_counter {
	long next_line, step;
	int rows;
};

static int
count_rows(const struct deckio_row *row, void *ctx, char **errmsg)
{
	struct line_counter *lc = ctx;

	(void)errmsg;
	if (lc->step > 0) {
		cr_assert_eq(row->line, lc->next_line,
		    "row %d at line %ld, expected %ld", lc->rows, row->line,
		    lc->next_line);
		lc->next_line += lc->step;
	}
	lc->rows++;
	return 0;
}

/* ---- native format ---- */

Test(native, basic_header_and_rows)
{
	struct got g = { 0 };

	import_ok("id,deck,question,answer,tips,tags\n"
		  "x1,Geo,Capital of France?,Paris,Think of the "
		  "Eiffel tower,  europe \t capitals  europe\n"
		  ",,Only a question,,,\n",
	    &g, 2);
	expect_row(&g.rows[0], 2, "Capital of France?", "Paris");
	cr_expect_str_eq(g.rows[0].id, "x1");
	cr_expect_str_eq(g.rows[0].deck, "Geo");
	cr_expect_str_eq(g.rows[0].tips, "Think of the Eiffel tower");
	cr_expect_str_eq(g.rows[0].tags, "europe capitals");
	cr_expect_not(g.rows[0].has_sched);
	expect_row(&g.rows[1], 3, "Only a question", "");
	cr_expect_null(g.rows[1].id);
	cr_expect_null(g.rows[1].deck);
	cr_expect_str_eq(g.rows[1].tags, "");
	got_free(&g);
}

Test(native, bom_and_crlf)
{
	struct got g = { 0 };

	data_ok("deckio/bom-crlf.csv", &g, 3);
	expect_row(&g.rows[0], 2, "Capital of Italy?", "Rome");
	cr_expect_str_eq(g.rows[0].id, "c1");
	cr_expect_str_eq(g.rows[0].tags, "europe capitals");
	/* a CRLF inside a quoted field is kept */
	expect_row(&g.rows[1], 4, "Capital of\r\nSpain?", "Madrid");
	cr_expect_str_eq(g.rows[1].tips, "Think \"M\"");
	expect_row(&g.rows[2], 6, "Capital of Japan?", "東京");
	cr_expect_null(g.rows[2].deck);
	got_free(&g);
}

Test(native, multiline_fields_keep_line_numbers)
{
	struct got g = { 0 };

	data_ok("deckio/multiline.csv", &g, 4);
	expect_row(&g.rows[0], 2, "one", "1");
	expect_row(&g.rows[1], 3, "two\nlines", "2");
	expect_row(&g.rows[2], 5, "three\n\nlines", "and\nan answer\non lines");
	expect_row(&g.rows[3], 11, "last", "x");
	got_free(&g);
}

Test(native, line_numbers_across_read_blocks)
{
	/* Rows with quoted newlines spread over several 64 KiB read blocks. */
	struct strbuf b = { 0 };
	struct got g = { 0 };
	char *err = NULL;
	char *path;
	long line = 2;
	int rc;

	strbuf_adds(&b, "question,answer\n");
	for (int i = 0; i < 3000; i++) {
		strbuf_addf(&b, "\"q%d\n", i);
		for (int k = 0; k < 200; k++)
			strbuf_addc(&b, 'x');
		strbuf_adds(&b, "\",a\n\n");
	}
	strbuf_adds(&b, "final,\"broken\n");
	path = temp_file(b.s, b.len);

	struct line_counter lc = { .next_line = 2, .step = 3 };
	rc = deckio_import(path, NULL, count_rows, &lc, &err);
	cr_assert_eq(rc, -1);
	line += 3 * 3000;
	char *want = xasprintf("%s:%ld: unterminated quoted field", path, line);
	cr_expect_str_eq(err, want);
	cr_expect_eq(lc.rows, 3000);
	free(want);
	free(err);
	unlink(path);
	free(path);
	strbuf_free(&b);
	got_free(&g);
}

Test(native, alternate_header_names)
{
	struct got g = { 0 };

	data_ok("deckio/alt-headers.csv", &g, 1);
	expect_row(&g.rows[0], 2, "front text", "back text");
	cr_expect_str_eq(g.rows[0].tags, "a b");
	cr_expect_str_eq(g.rows[0].deck, "Mine");
	got_free(&g);
}

Test(native, fewer_fields_blank_lines_and_spaces)
{
	struct got g = { 0 };

	import_ok("question,answer,tips\n\n  \nq1\n\n\nq2,a2\n  q3 ,\" a3 \"\n", &g, 3);
	expect_row(&g.rows[0], 4, "q1", "");
	expect_row(&g.rows[1], 7, "q2", "a2");
	/* spaces are data, as RFC 4180 says */
	expect_row(&g.rows[2], 8, "  q3 ", " a3 ");
	got_free(&g);
}

Test(native, no_final_newline_and_only_header)
{
	struct got g = { 0 };
	char *err = NULL;

	import_ok("question\nlast one", &g, 1);
	expect_row(&g.rows[0], 2, "last one", "");
	got_free(&g);
	cr_assert_eq(
	    import_str("id,deck,question,answer,tips,tags\n", &g, &err), 0,
	    "%s", err);
	cr_expect_eq(g.n, 0);
}

Test(native, headerless_two_columns)
{
	struct got g = { 0 };

	/* no field of the first row names a column: a card */
	import_ok("Capital?,Paris\nq2,a2\n", &g, 2);
	expect_row(&g.rows[0], 1, "Capital?", "Paris");
	got_free(&g);
	/* the same declared as a file without a header */
	import_ok("#separator:comma\nQuestion,What is it?\n", &g, 1);
	expect_row(&g.rows[0], 2, "Question", "What is it?");
	got_free(&g);
}

Test(guessing, half_a_header_is_refused)
{
	static const char known[] =
	    "(known: id, deck, question (or front), answer (or back), tips, "
	    "tags, state, interval, due, stability, difficulty, reps, lapses, "
	    "last_review, learning_step)";
	char *want;

	/* a misspelt column of two is not imported as a card */
	want = xasprintf("T:1: is this row a header? 'question' names a "
			 "column, 'answr' does not %s; correct the header, or "
			 "declare a file without one with a first line "
			 "'#separator:comma'",
	    known);
	expect_error("question,answr\nq,a\n", want, 0);
	free(want);
	want = xasprintf("T:2: is this row a header? 'Question' names a "
			 "column, 'What is it?' does not %s; correct the "
			 "header, or declare a file without one with a first "
			 "line '#separator:semicolon'",
	    known);
	expect_error("\nQuestion;What is it?\nq2;a2\n", want, 0);
	free(want);
}

Test(guessing, separator_only_when_every_row_agrees)
{
	struct got g = { 0 };
	char *err = NULL;

	/* a semicolon in the first question: the comma is in every row */
	import_ok("Why; how?,because\nq2,a2\n", &g, 2);
	expect_row(&g.rows[0], 1, "Why; how?", "because");
	expect_row(&g.rows[1], 2, "q2", "a2");
	got_free(&g);
	/* the rows disagree: refused, where they stop agreeing */
	expect_error("a;b\nc,d\n",
	    "T:2: cannot tell the separator: not one of a semicolon or a comma "
	    "is in every row; declare it with a header row such as "
	    "'question;answer' or a first line '#separator:semicolon'",
	    0);
	expect_error("x\n\na;b,c\nd;e,f\n",
	    "T:3: cannot tell the separator: every row holds a semicolon and a "
	    "comma; declare it with a header row such as 'question;answer' or "
	    "a first line '#separator:semicolon'",
	    0);
	expect_error("a|b,c\n",
	    "T:1: cannot tell the separator: every row holds a comma and a "
	    "pipe; declare it with a header row such as 'question,answer' or "
	    "a first line '#separator:comma'",
	    0);
	/* a header row settles it, whatever the rows hold */
	import_ok("question;answer\nWhy, then?\nq2;a, b|c\n", &g, 2);
	expect_row(&g.rows[0], 2, "Why, then?", "");
	expect_row(&g.rows[1], 3, "q2", "a, b|c");
	got_free(&g);
	/* so does "#separator:" */
	cr_assert_eq(import_str("#separator:semicolon\na,b;c\n", &g, &err), 0,
	    "%s", err);
	expect_row(&g.rows[0], 2, "a,b", "c");
	got_free(&g);
	/* rows without any separator are questions alone: no evidence */
	cr_assert_eq(import_str("q1;a1\nonly, a question\n", &g, &err), -1);
	free(err);
	err = NULL;
	import_ok("q1;a1\nonly a question\nq3;a3\n", &g, 3);
	expect_row(&g.rows[1], 2, "only a question", "");
	got_free(&g);
}

Test(native, scheduling_columns_pass_through)
{
	struct got g = { 0 };

	data_ok("deckio/with-state.csv", &g, 3);
	cr_assert(g.rows[0].has_sched);
	cr_expect_eq(g.rows[0].sched.state, STATE_NEW);
	cr_expect_eq(g.rows[0].sched.due, INT64_C(1793491200000));
	cr_assert(g.rows[1].has_sched);
	cr_expect_eq(g.rows[1].sched.state, STATE_REVIEW);
	cr_expect_eq(g.rows[1].sched.scheduled_days, 12);
	cr_expect_eq(g.rows[1].sched.due, INT64_C(1795428900123));
	cr_expect_eq(g.rows[1].sched.stability, 15.300000000000001);
	cr_expect_eq(g.rows[1].sched.difficulty, 4.7);
	cr_expect_eq(g.rows[1].sched.reps, 5);
	cr_expect_eq(g.rows[1].sched.lapses, 1);
	cr_expect_eq(g.rows[1].sched.last_review, 0);
	cr_expect_not(g.rows[2].has_sched);
	got_free(&g);
}

/* ---- native errors ---- */

Test(errors, unterminated_quote_reports_its_start)
{
	expect_data_error("deckio/unterminated.csv", "F:5: unterminated quoted field", 2);
	expect_error(
	    "question\nx\n\"open,\n\n", "T:3: unterminated quoted field", 1);
	/* a quote swallowing later rows ends at a stray character */
	expect_error("question,answer\na,\"b\nc,\"d\"x\n",
	    "T:3: text after the closing quote of the field that starts on "
	    "line 2 (quotes inside a quoted field must be doubled)",
	    0);
}

Test(errors, stray_quotes)
{
	expect_error("question,answer\nok,1\nsay \"hi\",2\n",
	    "T:3: quote inside an unquoted field (quote the whole field and "
	    "double its quotes)",
	    1);
	expect_error("question,answer\nok,1\n\"hi\" there,2\n",
	    "T:3: text after a closing quote (quotes inside a quoted field "
	    "must be doubled)",
	    1);
}

Test(errors, invalid_utf8_reports_the_bad_byte_line)
{
	expect_data_error("deckio/bad-utf8.csv",
	    "F:4: invalid UTF-8 (byte 0xFF); is the file in another encoding?", 1);
	/* Latin-1 text; an overlong; a surrogate; in the header */
	expect_error("question\ncaf\xe9\n",
	    "T:2: invalid UTF-8 (byte 0xE9); is the file in another encoding?",
	    0);
	expect_error("question\nok\n\xc0\xaf\n",
	    "T:3: invalid UTF-8 (byte 0xC0); is the file in another encoding?",
	    1);
	expect_error("question\n\xed\xa0\x80\n",
	    "T:2: invalid UTF-8 (byte 0xED); is the file in another encoding?",
	    0);
	expect_error("questi\xffon\nq\n",
	    "T:1: invalid UTF-8 (byte 0xFF); is the file in another encoding?",
	    0);
}

Test(errors, missing_or_empty_question)
{
	expect_error("deck,question,answer\nD,q,a\nD\n",
	    "T:3: no question (the row has 1 field)", 1);
	expect_error("question,answer\nq,a\n,a\n", "T:3: empty question", 1);
	expect_error(
	    "question,answer\nq,a\n\"  \",a\n", "T:3: empty question", 1);
	expect_error(
	    "answer,tags\na,t\n", "T:1: the header has no question column", 0);
}

Test(errors, too_many_fields)
{
	expect_data_error("deckio/too-many.csv", "F:3: 3 fields, but the header has 2", 1);
}

Test(errors, unknown_or_repeated_header_column)
{
	expect_data_error("deckio/unknown-column.csv",
	    "F:1: unknown column 'notes' in the header (known: id, deck, "
	    "question (or front), answer (or back), tips, tags, state, "
	    "interval, due, stability, difficulty, reps, lapses, "
	    "last_review, learning_step)",
	    0);
	expect_error("question,Front\nq,f\n",
	    "T:1: column 'Front' appears twice in the header", 0);
}

Test(errors, empty_files)
{
	struct got g = { 0 };
	char *err = NULL;

	cr_assert_eq(import_data("deckio/empty.csv", &g, &err), -1);
	cr_expect_str_eq(err, "F:1: empty file");
	free(err);
	err = NULL;
	cr_assert_eq(import_data("deckio/blank.csv", &g, &err), -1);
	cr_expect_str_eq(err, "F:1: empty file");
	free(err);
	expect_error("\xef\xbb\xbf", "T:1: empty file", 0);
}

Test(errors, nul_byte)
{
	struct got g = { 0 };
	char *err = NULL;

	cr_assert_eq(import_data("deckio/nul.csv", &g, &err), -1);
	cr_expect_str_eq(err, "F:4: NUL byte: not a text file");
	cr_expect_eq(g.n, 2);
	free(err);
	err = NULL;
	got_free(&g);
	{
		static const char d[] = "#separator:tab\n#html:tr\0ue\n";

		cr_assert_eq(import_mem(d, sizeof(d) - 1, &g, &err), -1);
		cr_expect_str_eq(err, "T:2: NUL byte: not a text file");
		free(err);
	}
}

Test(errors, bad_scheduling_values)
{
	const char *h =
	    "question,state,interval,due,stability,difficulty,reps,lapses\n";
	char *s;

	s = xasprintf("%sok,0,0,2026-01-01T00:00:00Z,0,0,0,0\nq,4,0,2026-01-"
		      "01T00:00:00Z,0,0,0,0\n",
	    h);
	expect_error(s, "T:3: state '4' (field 2) is out of range (0-3)", 1);
	free(s);
	s = xasprintf("%sq,2,1,2026-13-01T00:00:00Z,1,1,1,0\n", h);
	expect_error(s, "T:2: due '2026-13-01T00:00:00Z' (field 4) is not a time "
			"(ISO 8601 in UTC, or ms since the epoch)",
	    0);
	free(s);
	s = xasprintf("%sq,2,1,0300-01-01T00:00:00Z,1,1,1,0\n", h);
	expect_error(s,
	    "T:2: due '0300-01-01T00:00:00Z' (field 4) is out of range"
	    " (" TIMEFMT_RANGE_TEXT ")",
	    0);
	free(s);
	s = xasprintf("%sq,2,1,9223372036854775807,1,1,1,0\n", h);
	expect_error(s,
	    "T:2: due '9223372036854775807' (field 4) is out of range"
	    " (" TIMEFMT_RANGE_TEXT ")",
	    0);
	free(s);
	s = xasprintf("%s,last_review\nq,2,1,2026-01-01T00:00:00Z,1,1,1,0,-5\n",
	    "question,state,interval,due,stability,difficulty,reps,lapses");
	expect_error(s,
	    "T:2: last_review '-5' (field 9) is out of range (" TIMEFMT_RANGE_TEXT ")",
	    0);
	free(s);
	s = xasprintf("%sq,2,1,,1,1,1,0\n", h);
	expect_error(s, "T:2: a card with a state needs a due time", 0);
	free(s);
	s = xasprintf("%sq,2,1,2026-01-01T00:00:00Z,-1,1,1,0\n", h);
	expect_error(s, "T:2: stability '-1' (field 5) is out of range (finite, 0 "
			"or more)",
	    0);
	free(s);
	s = xasprintf("%sq,2,1,2026-01-01T00:00:00Z,1,x,1,0\n", h);
	expect_error(s, "T:2: difficulty 'x' (field 6) is not a number", 0);
	free(s);
	s = xasprintf("%sq,2,1.5,2026-01-01T00:00:00Z,1,1,1,0\n", h);
	expect_error(s, "T:2: interval '1.5' (field 3) is not a whole number", 0);
	free(s);
}

/* The row "q,2,1,DUE,1,1,1,0" with its field k (1-based) replaced by v,
 * under the header of bad_scheduling_values. */
static char *
sched_row(int k, const char *v)
{
	const char *f[] = { "q", "2", "1", "2026-01-01T00:00:00Z", "1", "1",
		"1", "0" };
	struct strbuf b = { 0 };

	strbuf_adds(&b,
	    "question,state,interval,due,stability,difficulty,reps,lapses\n");
	for (int i = 0; i < 8; i++)
		strbuf_addf(&b, "%s%s", i > 0 ? "," : "", i + 1 == k ? v : f[i]);
	strbuf_addc(&b, '\n');
	return strbuf_detach(&b);
}

static void
expect_sched_error(int k, const char *name, const char *v, const char *why)
{
	char *s = sched_row(k, v);
	char *msg = xasprintf("T:2: %s '%s' (field %d) %s", name, v, k, why);

	expect_error(s, msg, 0);
	free(msg);
	free(s);
}

/* A number in a schedule is exactly a number: nothing around it, no '+',
 * no other notation, and in its range. */
Test(errors, scheduling_numbers_are_exact)
{
	static const char *const not_whole[] = { " 3", "3 ", "\t3", "+3",
		"3abc", "0x1", "1e0", "3.0", "-", " ", "٣" };
	static const char *const not_real[] = { " 1", "1 ", "+1", "1abc",
		"0x1p3", "inf", "-inf", "nan", "NaN", "infinity", "1.", ".5",
		"1e", "1e+", " ", "- 1" };
	static const char *const not_time[] = { " 2026-01-01T00:00:00Z",
		"2026-01-01T00:00:00Z ", "+1767225600000", "1767225600000 ",
		"1767225600000.0", " " };
	static const struct {
		int field;
		const char *name, *range;
	} whole[] = {
		{ 2, "state", "is out of range (0-3)" },
		{ 3, "interval", "is out of range (0-1000000)" },
		{ 7, "reps", "is out of range (0-2147483647)" },
		{ 8, "lapses", "is out of range (0-2147483647)" },
	};

	for (size_t i = 0; i < sizeof(whole) / sizeof(whole[0]); i++) {
		for (size_t j = 0; j < sizeof(not_whole) / sizeof(not_whole[0]);
		     j++) {
			expect_sched_error(whole[i].field, whole[i].name,
			    not_whole[j], "is not a whole number");
		}
		expect_sched_error(whole[i].field, whole[i].name,
		    "99999999999999999999999", whole[i].range);
	}
	expect_sched_error(2, "state", "-1", "is out of range (0-3)");
	expect_sched_error(7, "reps", "-1", "is out of range (0-2147483647)");
	expect_sched_error(
	    8, "lapses", "2147483648", "is out of range (0-2147483647)");
	for (size_t j = 0; j < sizeof(not_real) / sizeof(not_real[0]); j++) {
		expect_sched_error(5, "stability", not_real[j], "is not a number");
		expect_sched_error(6, "difficulty", not_real[j], "is not a number");
	}
	expect_sched_error(
	    5, "stability", "1e400", "is out of range (finite, 0 or more)");
	expect_sched_error(
	    6, "difficulty", "-1e-3", "is out of range (finite, 0 or more)");
	for (size_t j = 0; j < sizeof(not_time) / sizeof(not_time[0]); j++)
		expect_sched_error(4, "due", not_time[j],
		    "is not a time (ISO 8601 in UTC, or ms since the epoch)");
	expect_sched_error(4, "due", "-9223372036854775809",
	    "is out of range (" TIMEFMT_RANGE_TEXT ")");
}

/* A row without a state is a new card; a scheduling cell it fills would
 * be dropped unread, and is refused (as "3abc" was, silently). */
Test(errors, scheduling_cells_without_a_state)
{
	struct got g = { 0 };

	expect_error("question,state,due,stability\nq,,garbage,3abc\n",
	    "T:2: due 'garbage' (field 3) without a state: a schedule needs "
	    "its state (0-3); a new card leaves its scheduling cells empty",
	    0);
	expect_error("question,stability\nok,\nq,3abc\n",
	    "T:3: stability '3abc' (field 2) without a state: a schedule "
	    "needs its state (0-3); a new card leaves its scheduling cells "
	    "empty",
	    1);
	/* empty cells, as an export writes for no schedule, read */
	import_ok("question,state,interval,due,last_review\nq,,,,\n", &g, 1);
	cr_expect(!g.rows[0].has_sched);
	got_free(&g);
}

/* What exporters write still reads: printf's %g forms, a trailing ".0",
 * leading zeros (as the command line takes them), -0. */
Test(errors, scheduling_numbers_as_written)
{
	static const struct {
		int field;
		const char *text;
		double want;
	} ok[] = {
		{ 5, "1e-05", 1e-05 },
		{ 5, "3.0", 3.0 },
		{ 5, "1E2", 100 },
		{ 5, "2.5e+03", 2500 },
		{ 5, "15.300000000000001", 15.300000000000001 },
		{ 6, "4.7", 4.7 },
		{ 6, "-0", 0 },
		{ 6, "4.9406564584124654e-324", 4.9406564584124654e-324 },
		{ 2, "02", 2 },
		{ 7, "007", 7 },
		{ 7, "2147483647", 2147483647 },
	};

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct got g = { 0 };
		char *s = sched_row(ok[i].field, ok[i].text);
		const struct sched *sc;

		import_ok(s, &g, 1);
		sc = &g.rows[0].sched;
		switch (ok[i].field) {
		case 2:
			cr_expect_eq((double)sc->state, ok[i].want, "%s", s);
			break;
		case 5:
			cr_expect_eq(sc->stability, ok[i].want, "%s", s);
			break;
		case 6:
			cr_expect_eq(sc->difficulty, ok[i].want, "%s", s);
			cr_expect(!signbit(sc->difficulty), "%s", s);
			break;
		default:
			cr_expect_eq((double)sc->reps, ok[i].want, "%s", s);
		}
		got_free(&g);
		free(s);
	}
}

static int
fail_always(const struct deckio_row *row, void *ctx, char **errmsg)
{
	(void)ctx;
	if (row->line == 3) {
		*errmsg = xstrdup("duplicate id 'x'");
		return -1;
	}
	return 0;
}

Test(errors, callback_failure_is_prefixed_and_returned)
{
	struct got g = {
		.fail_at_line = 3,
		.fail_msg = "deck 'D' is full",
		.fail_rc = -1
	};
	char *err = NULL;

	cr_assert_eq(
	    import_str("question,deck\nq1,D\nq2,D\nq3,D\n", &g, &err), -1);
	cr_expect_str_eq(err, "T:3: deck 'D' is full");
	cr_expect_eq(g.n, 1);
	free(err);
	got_free(&g);

	/* a positive status passes through; no message gets a generic one */
	g = (struct got){ .fail_at_line = 2, .fail_rc = 7 };
	err = NULL;
	cr_assert_eq(import_str("question\nq1\nq2\n", &g, &err), 7);
	cr_expect_str_eq(err, "T:2: import stopped");
	free(err);

	char *path = temp_file("question\nq1\nq2\n", 15);
	err = NULL;
	cr_assert_eq(deckio_import(path, NULL, fail_always, NULL, &err), -1);
	char *want = xasprintf("%s:3: duplicate id 'x'", path);
	cr_expect_str_eq(err, want);
	free(want);
	free(err);
	/* errmsg may be NULL */
	cr_assert_eq(deckio_import(path, NULL, fail_always, NULL, NULL), -1);
	unlink(path);
	free(path);
}

Test(errors, missing_file)
{
	char *err = NULL;

	cr_assert_eq(
	    deckio_import("/nonexistent/deck.csv", NULL, collect, NULL, &err),
	    -1);
	cr_expect_str_eq(
	    err, "/nonexistent/deck.csv: No such file or directory");
	free(err);
}

/* ---- Anki ---- */

Test(anki, notes_export_with_directives_and_html)
{
	struct got g = { 0 };

	data_ok("anki-basic.txt", &g, 5);
	/* bold stays, as markup */
	expect_row(&g.rows[0], 7, "<b>犬</b>", "dog\n(いぬ)");
	cr_expect_str_eq(g.rows[0].id, "b`4Fq]d9A!");
	cr_expect_str_eq(g.rows[0].deck, "Japanese::Vocabulary");
	cr_expect_str_eq(g.rows[0].tags, "japanese noun");
	cr_expect_str_eq(g.rows[0].tips, "");
	expect_row(&g.rows[1], 8, "What does \"猫\" mean?", "cat\n(ねこ)");
	cr_expect_str_eq(g.rows[1].id, "#Kq/7x{L2(");
	cr_expect_str_eq(g.rows[1].tags, "japanese noun");
	expect_row(&g.rows[2], 9, "Two\nlines", "He said \"hi\" & left");
	cr_expect_str_eq(g.rows[2].deck, "Default");
	cr_expect_str_eq(g.rows[2].tags, "");
	/* "Basic (and reversed card)": both ways, the second as GUID:rev */
	expect_row(&g.rows[3], 10, "2 < 3?", "yes \xe2\x80\x94 \xe2\x9c\x93");
	cr_expect_str_eq(g.rows[3].tags, "maths::basics");
	cr_expect_str_eq(g.rows[3].id, "pX:3?a@9zR");
	expect_row(&g.rows[4], 10, "yes \xe2\x80\x94 \xe2\x9c\x93", "2 < 3?");
	cr_expect_str_eq(g.rows[4].id, "pX:3?a@9zR:rev");
	cr_expect_str_eq(g.rows[4].tags, "maths::basics");
	got_free(&g);
}

Test(anki, cards_export_without_html)
{
	struct got g = { 0 };

	data_ok("anki-cards.txt", &g, 2);
	expect_row(&g.rows[0], 3, "What is the capital of France?", "Paris");
	expect_row(&g.rows[1], 4, "2 + 2", "4");
	cr_expect_null(g.rows[0].id);
	cr_expect_null(g.rows[0].deck);
	got_free(&g);
}

Test(anki, plain_file_without_directives)
{
	struct got g = { 0 };

	data_ok("anki-plain.txt", &g, 4);
	expect_row(&g.rows[0], 1, "Bonjour", "Hello");
	cr_expect_str_eq(
	    g.rows[0].tips, ""); /* an unnamed third field is left out */
	expect_row(&g.rows[1], 2, "Merci", "Thank you");
	expect_row(&g.rows[2], 4, "Au revoir\nÀ bientôt", "Goodbye");
	expect_row(&g.rows[3], 6, "Oui", "Yes");
	got_free(&g);
}

Test(anki, columns_deck_and_global_tags)
{
	struct got g = { 0 };

	import_ok("#separator:Semicolon\n"
		  "#columns:Notes;Back;Front;Tags\n"
		  "#deck: French::Basics \n"
		  "#tags:imported  french\n"
		  "tip 1;answer 1;question 1;verb french\n"
		  "tip 2;answer 2;question 2\n",
	    &g, 2);
	expect_row(&g.rows[0], 5, "question 1", "answer 1");
	cr_expect_str_eq(g.rows[0].tips, "tip 1");
	cr_expect_str_eq(g.rows[0].deck, "French::Basics");
	cr_expect_str_eq(g.rows[0].tags, "verb french imported");
	expect_row(&g.rows[1], 6, "question 2", "answer 2");
	cr_expect_str_eq(g.rows[1].tags, "imported french");
	got_free(&g);

	/* unnamed columns: the first free ones are question and answer */
	import_ok("#separator:tab\n#columns:Word\tMeaning\tHow "
		  "to prepare\tExtra2\n"
		  "#tags column:4\n"
		  "w\tm\tp\tt1\n",
	    &g, 1);
	expect_row(&g.rows[0], 4, "w", "m");
	cr_expect_str_eq(g.rows[0].tips, "p");
	cr_expect_str_eq(g.rows[0].tags, "t1");
	got_free(&g);

	/* more fields than #columns names */
	expect_error("#separator:comma\n#columns:Front,Back\nq,a\nq,a,x\n",
	    "T:4: 3 fields, but the header has 2", 1);
}

Test(anki, separators_by_name_and_character)
{
	struct got g = { 0 };
	char *err = NULL;

	cr_assert_eq(
	    import_str("#separator:PIPE\nq|a,b\n", &g, &err), 0, "%s", err);
	expect_row(&g.rows[0], 2, "q", "a,b");
	got_free(&g);
	cr_assert_eq(
	    import_str("#separator:space\nq a\n", &g, &err), 0, "%s", err);
	expect_row(&g.rows[0], 2, "q", "a");
	got_free(&g);
	cr_assert_eq(
	    import_str("#separator:Colon\n#html:FALSE\nq:a<br>\n", &g, &err), 0,
	    "%s", err);
	expect_row(&g.rows[0], 3, "q", "a<br>");
	got_free(&g);
	cr_assert_eq(import_str("#separator:^\nq^a\n", &g, &err), 0, "%s", err);
	expect_row(&g.rows[0], 2, "q", "a");
	got_free(&g);
	/* the legacy first line "tags:" */
	cr_assert_eq(
	    import_str("tags:old style\nq\ta\n", &g, &err), 0, "%s", err);
	expect_row(&g.rows[0], 2, "q", "a");
	cr_expect_str_eq(g.rows[0].tags, "old style");
	got_free(&g);
}

Test(anki, legacy_tags_line_is_checked_like_a_directive)
{
	expect_error("tags:caf\xe9\nq\ta\n",
	    "T:1: invalid UTF-8 (byte 0xE9); is the file in another encoding?",
	    0);
	{
		static const char d[] = "tags:a\0b\nq\ta\n";
		struct got g = { 0 };
		char *err = NULL;

		cr_assert_eq(import_mem(d, sizeof(d) - 1, &g, &err), -1);
		cr_expect_str_eq(err, "T:1: NUL byte: not a text file");
		cr_expect_eq(g.n, 0);
		free(err);
	}
}

Test(anki, legacy_tags_line_is_no_directive)
{
	struct got g = { 0 };
	char *err = NULL;

	/* the header after it is still a header */
	import_ok("tags:x\nquestion,answer\nq,a\n", &g, 1);
	expect_row(&g.rows[0], 3, "q", "a");
	cr_expect_str_eq(g.rows[0].tags, "x");
	got_free(&g);
	import_ok("tags:x y\r\n Front ;Back\r\nq1;a1\r\n", &g, 1);
	expect_row(&g.rows[0], 3, "q1", "a1");
	cr_expect_str_eq(g.rows[0].tags, "x y");
	got_free(&g);
	/* a misspelt header is reported, not imported */
	expect_error("tags:x\nquestion,answr,tips\nq,a,t\n",
	    "T:2: unknown column 'answr' in the header (known: id, deck, "
	    "question (or front), answer (or back), tips, tags, state, "
	    "interval, due, stability, difficulty, reps, lapses, "
	    "last_review, learning_step)",
	    0);
	/* and a file with nothing after it is empty */
	expect_error("tags:x\n", "T:1: empty file", 0);
	expect_error("tags:x\n\n", "T:1: empty file", 0);
	/* while directives alone are not */
	cr_assert_eq(import_str("#tags:x\n", &g, &err), 0, "%s", err);
	cr_expect_eq(g.n, 0);
}

Test(anki, bad_directives)
{
	expect_error("#separator:tab\n#colour:red\nq\ta\n",
	    "T:2: unknown directive '#colour' (separator, html, columns, deck, "
	    "tags, notetype, guid column, notetype column, deck column, tags "
	    "column)",
	    0);
	expect_error("#html:maybe\nq\ta\n",
	    "T:1: bad value 'maybe' for #html (true or false)", 0);
	expect_error("#separator:tab\n#separator:dash\n",
	    "T:2: unknown separator 'dash' (comma, semicolon, tab, space, "
	    "pipe, colon, or one character)",
	    0);
	expect_error("#guid column:one\nq\ta\n",
	    "T:1: bad column number 'one' for #guid column (a whole "
	    "number, 1-4096)",
	    0);
	expect_error("#deck column: 2\nq\ta\n",
	    "T:1: bad column number ' 2' for #deck column (a whole "
	    "number, 1-4096)",
	    0);
	expect_error("#deck column:2 \nq\ta\n",
	    "T:1: bad column number '2 ' for #deck column (a whole "
	    "number, 1-4096)",
	    0);
	expect_error("#tags column:+3\nq\ta\n",
	    "T:1: bad column number '+3' for #tags column (a whole "
	    "number, 1-4096)",
	    0);
	expect_error("#guid column:99999999999999999999\nq\ta\n",
	    "T:1: bad column number '99999999999999999999' for #guid column "
	    "(a whole number, 1-4096)",
	    0);
	expect_error("#deck column:0\nq\ta\n",
	    "T:1: bad column number '0' for #deck column (a whole "
	    "number, 1-4096)",
	    0);
	expect_error(
	    "#separator:tab\n#columns:Front\tBack\n#tags column:3\nq\ta\n",
	    "T:3: #tags column 3 is out of range (#columns names 2)", 0);
	expect_error("#guid column:1\n#deck column:1\nq\ta\n",
	    "T:2: #deck column 1 is also the #guid column", 0);
	expect_error("#separator:comma\n#columns:guid\n#guid column:1\nx\n",
	    "T:2: no column is left for the question", 0);
}

Test(anki, notetype_directives_are_accepted)
{
	struct got g = { 0 };

	import_ok("#notetype:Basic\n#notetype column:1\nBasic\tq\ta\n", &g, 1);
	expect_row(&g.rows[0], 3, "q", "a");
	got_free(&g);
}

Test(anki, hash_line_that_is_no_directive_is_data)
{
	struct got g = { 0 };

	import_ok("#1 rule?,Never give up\n", &g, 1);
	expect_row(&g.rows[0], 1, "#1 rule?", "Never give up");
	got_free(&g);
}

/*
 * In a single-byte locale <ctype.h> takes the bytes of UTF-8 letters for
 * letters too; directive keys and tag names are ASCII whatever the locale.
 */
Test(anki, syntax_is_ascii_whatever_the_locale)
{
	const char *names[] = { "fr_FR.ISO-8859-1", "fr_FR.iso88591",
		"de_DE.ISO-8859-1", "de_DE.iso88591", "en_US.ISO-8859-1",
		"en_US.iso88591", NULL };
	struct got g = { 0 };
	int i;

	for (i = 0; names[i] != NULL; i++)
		if (setlocale(LC_ALL, names[i]) != NULL && isalpha(0xC2) &&
		    isalpha(0xAA))
			break;
	if (names[i] == NULL)
		cr_skip_test("no Latin-1 locale installed");
	/* U+00AA is C2 AA, two letters in Latin-1 */
	import_ok("#\xc2\xaa:x,y\n", &g, 1);
	expect_row(&g.rows[0], 1, "#\xc2\xaa:x", "y");
	got_free(&g);
	import_ok("#html:true\n<\xc3\xa9t\xc3\xa9> a\tb\n", &g, 1);
	expect_row(&g.rows[0], 2, "<\xc3\xa9t\xc3\xa9> a", "b");
	got_free(&g);
	setlocale(LC_ALL, "C");
}

Test(anki, html_conversion)
{
	struct got g = { 0 };

	import_ok("#separator:tab\n#html:true\n"
		  "a<br>b<br/>c<BR "
		  "/>d\t<p>one</p><p>two</p>\t<ul><li>x</li><li>y</li></ul>\n"
		  "&lt;tag&gt; &amp;amp; &#65;&#x42; &bogus; a < b\t<!-- hidden "
		  "-->shown<script>bad()</script>!\t<div><br></div>x\n",
	    &g, 2);
	expect_row(&g.rows[0], 3, "a\nb\nc\nd", "one\ntwo");
	cr_expect_str_eq(g.rows[0].tips, "");
	expect_row(&g.rows[1], 4, "<tag> &amp; AB &bogus; a < b", "shown!");
	got_free(&g);
	/* a field that is only markup is an empty question */
	expect_error(
	    "#html:true\n<div><br></div>\tx\n", "T:2: empty question", 0);
}

Test(anki, separator_detection)
{
	struct got g = { 0 };
	char *err = NULL;

	/* tab wins over the others */
	cr_assert_eq(import_str("a,b;c\td\n", &g, &err), 0, "%s", err);
	expect_row(&g.rows[0], 1, "a,b;c", "d");
	got_free(&g);
	/* semicolon and comma in every row: refused (tests below) */
	/* only outside quotes: the semicolon inside does not count */
	cr_assert_eq(import_str("\"a;b\",c\n", &g, &err), 0, "%s", err);
	expect_row(&g.rows[0], 1, "a;b", "c");
	got_free(&g);
	/* pipe; the first record spans lines */
	cr_assert_eq(
	    import_str("\n\"multi\nline, here\"|x\n", &g, &err), 0, "%s", err);
	expect_row(&g.rows[0], 2, "multi\nline, here", "x");
	got_free(&g);
	/* nothing: one column */
	cr_assert_eq(import_str("just a question\n", &g, &err), 0, "%s", err);
	expect_row(&g.rows[0], 1, "just a question", "");
	got_free(&g);
}

/* ---- round trip ---- */

static const char *const nasty[] = {
	"plain",
	"comma, inside",
	"\"quoted\" and \"\"doubled\"\"",
	"line\nfeed",
	"carriage\rreturn",
	"crlf\r\ninside\r\n",
	" leading space",
	"trailing space ",
	"\ttabs\t",
	"Unicode: café, Ωμέγα, 日本語の文, emoji 😀👍🏽",
	"#hash first",
	"'single' \\backslash\\",
	"\"",
	",",
	"a\n\nb\n",
};

Test(roundtrip, every_nasty_string_comes_back)
{
	size_t n = sizeof(nasty) / sizeof(nasty[0]);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct got g = { 0 };
	char *err = NULL;
	struct card cards[32];
	char id[32];

	cr_assert_not_null(f);
	cr_assert_eq(deckio_write_header(f, true, &err), 0);
	for (size_t i = 0; i < n; i++) {
		struct card *c = &cards[i];

		memset(c, 0, sizeof(*c));
		snprintf(id, sizeof(id), "id-%zu", i);
		c->ext_id = id;
		c->deck = i % 3 == 0 ? NULL : nasty[(i + 1) % n];
		c->question = nasty[i];
		c->answer = i % 4 == 0 ? "" : nasty[(i + 2) % n];
		c->tips = i % 2 == 0 ? NULL : nasty[(i + 3) % n];
		c->tags = i % 2 == 0 ? "" : "t1 t2::sub";
		card_own(c); /* id is reused for the next card */
		c->s.state = (enum card_state)(i % 4);
		c->s.scheduled_days = (int)i * 7;
		c->s.due = INT64_C(1795428900123) + (int64_t)i * 86400123;
		c->s.stability = i == 0 ? 0.1 : 1.0 / (double)(i + 2) * 1000;
		c->s.difficulty = i == 1 ? 10 : 5.123456789012345 + (double)i;
		c->s.reps = (int)i;
		c->s.lapses = (int)i / 2;
		cr_assert_eq(deckio_write_card(f, c, true, &err), 0);
	}
	cr_assert_eq(fclose(f), 0);

	cr_assert_eq(import_mem(buf, len, &g, &err), 0, "%s\n%s", err, buf);
	cr_assert_eq(g.n, n);
	for (size_t i = 0; i < n; i++) {
		struct card *c = &cards[i];
		struct got_row *r = &g.rows[i];

		cr_expect_str_eq(r->id, c->ext_id);
		if (c->deck == NULL)
			cr_expect_null(r->deck);
		else
			cr_expect_str_eq(r->deck, c->deck);
		cr_expect_str_eq(r->question, c->question, "row %zu", i);
		cr_expect_str_eq(r->answer, c->answer);
		cr_expect_str_eq(r->tips, c->tips != NULL ? c->tips : "");
		cr_expect_str_eq(r->tags, c->tags);
		cr_assert(r->has_sched);
		cr_expect_eq(r->sched.state, c->s.state);
		cr_expect_eq(r->sched.scheduled_days, c->s.scheduled_days);
		cr_expect_eq(r->sched.due, c->s.due);
		cr_expect_eq(r->sched.stability, c->s.stability,
		    "%.17g vs %.17g", r->sched.stability, c->s.stability);
		cr_expect_eq(r->sched.difficulty, c->s.difficulty);
		cr_expect_eq(r->sched.reps, c->s.reps);
		cr_expect_eq(r->sched.lapses, c->s.lapses);
		card_clear(c);
	}
	/* the shortest form: 0.1 is written as 0.1 */
	cr_expect(strstr(buf, ",0.1,") != NULL, "%s", buf);
	free(buf);
	got_free(&g);
}

/* The fewest of 15, 16 or 17 significant digits that read back to v, as
 * printf and strtod give them. */
static void
shortest_by_printf(double v, char *out, size_t n)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, n, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

/* Stability and difficulty as printf's shortest form writes them, at the
 * edges of the quick way for short decimals and beyond them. */
Test(roundtrip, numbers_as_printf_writes_them)
{
	static const double v[] = { 0.0, -0.0, 1e-5, 0.0001, 0.00012,
		0.00099999, 0.1, 0.3, 1.0 / 3, 2.5, 100, 123.4567, 9.87654321,
		36500.123456, 0.000123456, 999999999.5, 999999999.999999, 1e9,
		1e9 + 0.5, -7.25, 1e17, 5e-324 };
	size_t n = sizeof(v) / sizeof(v[0]);

	for (size_t i = 0; i + 1 < n; i++) {
		char *buf = NULL, want[64], expect[160];
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		struct card c = { .question = "q" };
		int k;

		cr_assert_not_null(f);
		c.s.stability = v[i];
		c.s.difficulty = v[i + 1];
		cr_assert_eq(deckio_write_card(f, &c, true, NULL), 0);
		cr_assert_eq(fclose(f), 0);
		shortest_by_printf(v[i], want, sizeof(want));
		k = snprintf(expect, sizeof(expect), ",%s,", want);
		shortest_by_printf(v[i + 1], want, sizeof(want));
		snprintf(expect + k, sizeof(expect) - (size_t)k, "%s,", want);
		cr_expect(strstr(buf, expect) != NULL, "%.17g, %.17g: %s, not %s",
		    v[i], v[i + 1], buf, expect);
		free(buf);
	}
}

Test(roundtrip, without_state_and_quoting_rule)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct card c = { 0 };
	char *err = NULL;

	cr_assert_eq(deckio_write_header(f, false, &err), 0);
	c.question = "a,b";
	c.answer = " x";
	c.tags = "t";
	cr_assert_eq(deckio_write_card(f, &c, false, &err), 0);
	c.ext_id = "#e";
	c.deck = "D";
	c.question = "say \"hi\"";
	c.answer = "plain";
	c.tips = "";
	cr_assert_eq(deckio_write_card(f, &c, false, &err), 0);
	cr_assert_eq(fclose(f), 0);
	cr_expect_str_eq(buf, "id,deck,question,answer,tips,tags\n"
			      ",,\"a,b\",\" x\",,t\n"
			      "\"#e\",D,\"say \"\"hi\"\"\",plain,,t\n");
	free(buf);
}

Test(roundtrip, write_error_is_reported)
{
	FILE *f = fopen("/dev/full", "w");
	struct card c = { 0 };
	char *err = NULL;

	if (f == NULL)
		cr_skip_test("no /dev/full");
	setvbuf(f, NULL, _IONBF, 0);
	c.question = "q";
	cr_expect_eq(deckio_write_card(f, &c, false, &err), -1);
	cr_expect_str_eq(err, "write error: No space left on device");
	free(err);
	err = NULL;
	cr_expect_eq(deckio_write_header(f, true, &err), -1);
	free(err);
	fclose(f);
}

Test(roundtrip, numbers_ignore_the_locale)
{
	const char *names[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", NULL
	};
	char *buf = NULL;
	size_t len = 0;
	struct card c = { 0 };
	FILE *f;
	int i;

	for (i = 0; names[i] != NULL; i++)
		if (setlocale(LC_NUMERIC, names[i]) != NULL)
			break;
	if (names[i] == NULL)
		cr_skip_test("no locale with a decimal comma installed");
	f = open_memstream(&buf, &len);
	c.question = "q";
	c.s.stability = 2.5;
	c.s.difficulty = 0.25;
	cr_assert_eq(deckio_write_card(f, &c, true, NULL), 0);
	fclose(f);
	cr_expect(strstr(buf, ",2.5,0.25,") != NULL, "%s", buf);
	free(buf);

	struct got g = { 0 };
	char *err = NULL;

	cr_assert_eq(
	    import_data("deckio/with-state.csv", &g, &err), 0, "%s", err);
	cr_expect_eq(g.rows[1].sched.stability, 15.300000000000001);
	cr_expect_eq(g.rows[1].sched.difficulty, 4.7);
	got_free(&g);
}

Test(roundtrip, the_thread_locale_is_given_back)
{
	char *buf = NULL;
	size_t len = 0;
	struct card c = { 0 };
	struct got g = { 0 };
	char *err = NULL;
	FILE *f = open_memstream(&buf, &len);

	c.question = "q";
	c.s.stability = 2.5;
	for (int i = 0; i < 3; i++)
		cr_assert_eq(deckio_write_card(f, &c, true, NULL), 0);
	fclose(f);
	free(buf);
	cr_expect(uselocale((locale_t)0) == LC_GLOBAL_LOCALE);
	cr_assert_eq(
	    import_data("deckio/with-state.csv", &g, &err), 0, "%s", err);
	cr_expect(g.rows[1].has_sched);
	cr_expect_eq(g.rows[1].sched.stability, 15.300000000000001);
	cr_expect(uselocale((locale_t)0) == LC_GLOBAL_LOCALE);
	got_free(&g);
}

/* ---- times ---- */

Test(time, deck_time_fields)
{
	char buf[TIMEFMT_SIZE];
	int64_t ms;

	cr_assert_eq(deckio_parse_time("2026-11-23T10:15:00.123Z", &ms), 0);
	cr_expect_eq(ms, INT64_C(1795428900123));
	cr_assert_eq(deckio_parse_time("2026-11-23 10:15:00Z", &ms), 0);
	cr_expect_eq(ms, INT64_C(1795428900000));
	cr_assert_eq(
	    deckio_parse_time("2026-11-23T12:15:00.1234+02:00", &ms), 0);
	cr_expect_eq(ms, INT64_C(1795428900123));
	cr_assert_eq(deckio_parse_time("2026-11-23T05:15:00.5-0500", &ms), 0);
	cr_expect_eq(ms, INT64_C(1795428900500));
	cr_assert_eq(deckio_parse_time("1795428900123", &ms), 0);
	cr_expect_eq(ms, INT64_C(1795428900123));
	cr_assert_eq(deckio_parse_time("0", &ms), 0);
	cr_expect_eq(ms, 0);
	/* exactly a time: nothing around it, no sign but a '-' */
	ms = 7;
	cr_expect_eq(deckio_parse_time(" 0", &ms), TIMEFMT_EBAD);
	cr_expect_eq(deckio_parse_time("0 ", &ms), TIMEFMT_EBAD);
	cr_expect_eq(deckio_parse_time("+1795428900123", &ms), TIMEFMT_EBAD);
	cr_expect_eq(deckio_parse_time(" 2026-11-23T10:15:00Z", &ms),
	    TIMEFMT_EBAD);
	cr_expect_eq(deckio_parse_time("2026-11-23T10:15:00Z ", &ms),
	    TIMEFMT_EBAD);
	cr_expect_eq(deckio_parse_time("", &ms), TIMEFMT_EBAD);
	cr_expect_eq(deckio_parse_time("12abc", &ms), TIMEFMT_EBAD);
	cr_expect_eq(ms, 7);

	/* One range, both forms, both ends. */
	cr_assert_eq(deckio_parse_time("9999-12-31T23:59:59.999Z", &ms), 0);
	cr_expect_eq(ms, TIMEFMT_MAX_MS);
	cr_assert_eq(deckio_parse_time("253402300799999", &ms), 0);
	cr_expect_eq(ms, TIMEFMT_MAX_MS);
	cr_assert_eq(deckio_parse_time("1970-01-01T00:00:00Z", &ms), 0);
	cr_expect_eq(ms, TIMEFMT_MIN_MS);
	ms = 7;
	cr_expect_eq(deckio_parse_time("1969-12-31T23:59:59.999Z", &ms),
	    TIMEFMT_ERANGE);
	cr_expect_eq(deckio_parse_time("0000-01-01T00:00:00.000Z", &ms),
	    TIMEFMT_ERANGE);
	cr_expect_eq(deckio_parse_time("9999-12-31T23:59:59-00:01", &ms),
	    TIMEFMT_ERANGE);
	cr_expect_eq(deckio_parse_time("-1", &ms), TIMEFMT_ERANGE);
	cr_expect_eq(deckio_parse_time("253402300800000", &ms), TIMEFMT_ERANGE);
	cr_expect_eq(
	    deckio_parse_time("9223372036854775807", &ms), TIMEFMT_ERANGE);
	cr_expect_eq(
	    deckio_parse_time("-9223372036854775808", &ms), TIMEFMT_ERANGE);
	cr_expect_eq(ms, 7);

	cr_expect_eq(deckio_parse_time("2026-02-29T00:00:00Z", &ms), -1);
	cr_expect_eq(deckio_parse_time("2026-11-23T10:15:00", &ms), -1);
	cr_expect_eq(deckio_parse_time("2026-11-23T24:00:00Z", &ms), -1);
	cr_expect_eq(deckio_parse_time("2026-11-23", &ms), -1);
	cr_expect_eq(deckio_parse_time("", &ms), -1);
	cr_expect_eq(deckio_parse_time("2026-11-23T10:15:00.Z", &ms), -1);
	/* a number, beyond any time */
	cr_expect_eq(deckio_parse_time("9223372036854775808", &ms), TIMEFMT_ERANGE);

	/* What an export writes reads back: every hour or so of a few days
	 * after the epoch and around 2000-03-01. */
	for (int64_t base = 0; base < 3 * MS_PER_DAY; base += 3599999) {
		int64_t t = base, back;

		timefmt_format_utc_ms(t, buf, sizeof(buf));
		cr_assert_eq(deckio_parse_time(buf, &back), 0, "%s", buf);
		cr_assert_eq(back, t, "%s", buf);
		t = base + INT64_C(951868800000) - MS_PER_DAY;
		timefmt_format_utc_ms(t, buf, sizeof(buf));
		cr_assert_eq(deckio_parse_time(buf, &back), 0, "%s", buf);
		cr_assert_eq(back, t, "%s", buf);
	}
}

/* An export of a card whose times lie outside the range (a collection
 * from before the range was enforced) writes times that import again. */
Test(time, export_clamps_into_the_range)
{
	struct card c;
	char *err = NULL, *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	memset(&c, 0, sizeof(c));
	c.question = "q";
	c.answer = "a";
	c.s.state = STATE_REVIEW;
	c.s.due = INT64_MAX;
	c.s.last_review = INT64_MIN;
	c.s.stability = 1;
	c.s.difficulty = 5;
	c.s.reps = 1;
	cr_assert_not_null(f);
	cr_assert_eq(deckio_write_card(f, &c, true, &err), 0, "%s", err);
	cr_assert_eq(fclose(f), 0);
	cr_expect(strstr(text, ",9999-12-31T23:59:59.999Z,") != NULL, "%s", text);
	cr_expect(strstr(text, ",1970-01-01T00:00:00.000Z,") != NULL, "%s", text);
	free(text);
}

/* ---- review logs ---- */

struct got_reviews {
	struct deckio_review_row rows[16];
	char *ids[16];
	size_t n;
};

static int
collect_review(const struct deckio_review_row *row, void *ctx, char **errmsg)
{
	struct got_reviews *g = ctx;

	(void)errmsg;
	cr_assert_lt(g->n, 16);
	g->rows[g->n] = *row;
	g->ids[g->n] = xstrdup(row->card_id);
	g->n++;
	return 0;
}

static void
reviews_free(struct got_reviews *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->ids[i]);
	g->n = 0;
}

static void
expect_review_error(const char *data, const char *msg, size_t nrows)
{
	char *path = temp_file(data, strlen(data));
	struct got_reviews g = { 0 };
	char *err = NULL;
	char *want = xasprintf("%s%s", path, msg);

	cr_assert_eq(deckio_import_reviews(path, collect_review, &g, &err), -1,
	    "no error for %s", data);
	cr_expect_str_eq(err, want);
	cr_expect_eq(g.n, nrows);
	free(want);
	free(err);
	reviews_free(&g);
	unlink(path);
	free(path);
}

Test(reviews, read_any_column_order)
{
	char *path = fixture_data_path("deckio/reviews.csv");
	struct got_reviews g = { 0 };
	char *err = NULL;

	cr_assert_eq(deckio_import_reviews(path, collect_review, &g, &err), 0,
	    "%s", err);
	cr_assert_eq(g.n, 3);
	cr_expect_str_eq(g.ids[0], "c1");
	cr_expect_eq(g.rows[0].line, 2);
	cr_expect_eq(g.rows[0].time, INT64_C(1767225600000));
	cr_expect_eq(g.rows[0].rating, 3);
	cr_expect_eq(g.rows[0].state, 0);
	cr_expect_eq(g.rows[0].duration, 5230);
	cr_expect_str_eq(g.ids[1], "c,2");
	cr_expect_eq(g.rows[1].rating, 1);
	cr_expect_eq(g.rows[1].state, -1);
	cr_expect_eq(g.rows[1].duration, -1);
	cr_expect_eq(g.rows[2].state, 2);
	reviews_free(&g);
	free(path);
}

Test(reviews, optional_columns_absent)
{
	char *path = temp_file(
	    "card_id,review_time,review_rating,extra\nc,1,4,whatever\n",
	    strlen(
		"card_id,review_time,review_rating,extra\nc,1,4,whatever\n"));
	struct got_reviews g = { 0 };
	char *err = NULL;

	cr_assert_eq(deckio_import_reviews(path, collect_review, &g, &err), 0,
	    "%s", err);
	cr_assert_eq(g.n, 1);
	cr_expect_eq(g.rows[0].state, -1);
	cr_expect_eq(g.rows[0].duration, -1);
	cr_expect_eq(g.rows[0].rating, 4);
	reviews_free(&g);
	unlink(path);
	free(path);
}

Test(reviews, round_trip)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct review in[3] = {
		{ .time = INT64_C(1767225600000),
		    .rating = RATING_GOOD,
		    .state = STATE_NEW,
		    .duration = 5230 },
		{ .time = INT64_C(1767225660001),
		    .rating = RATING_AGAIN,
		    .state = STATE_LEARNING,
		    .duration = 0 },
		{ .time = INT64_C(5),
		    .rating = RATING_EASY,
		    .state = STATE_RELEARNING,
		    .duration = 123456789 },
	};
	const char *ids[3] = { "plain", "with \"quote\", comma", "日本 😀" };
	struct got_reviews g = { 0 };
	char *err = NULL;
	char *path;

	cr_assert_eq(deckio_write_reviews_header(f, &err), 0);
	for (int i = 0; i < 3; i++)
		cr_assert_eq(deckio_write_review(f, ids[i], &in[i], &err), 0);
	fclose(f);
	cr_expect(
	    strncmp(buf,
		"card_id,review_time,review_rating,review_state,review_"
		"duration\nplain,1767225600000,3,0,5230\n",
		strlen("card_id,review_time,review_rating,review_state,review_"
		       "duration\nplain,1767225600000,3,0,5230\n")) == 0,
	    "%s", buf);
	path = temp_file(buf, len);
	cr_assert_eq(deckio_import_reviews(path, collect_review, &g, &err), 0,
	    "%s", err);
	cr_assert_eq(g.n, 3);
	for (int i = 0; i < 3; i++) {
		cr_expect_str_eq(g.ids[i], ids[i]);
		cr_expect_eq(g.rows[i].time, in[i].time);
		cr_expect_eq(g.rows[i].rating, (int)in[i].rating);
		cr_expect_eq(g.rows[i].state, (int)in[i].state);
		cr_expect_eq(g.rows[i].duration, in[i].duration);
	}
	reviews_free(&g);
	unlink(path);
	free(path);
	free(buf);
}

Test(reviews, errors)
{
	const char *h =
	    "card_id,review_time,review_rating,review_state,review_duration\n";
	const char *ok = "c,1000,3,0,10\n";
	char *s;

	expect_review_error("card_id,review_time\nc,1\n",
	    ":1: the header has no review_rating column (card_id, review_time "
	    "and review_rating are required)",
	    0);
	s = xasprintf("%s%sc,12.5,3,0,10\n", h, ok);
	expect_review_error(s,
	    ":3: review_time '12.5' (field 2) is not a whole number (ms "
	    "since the epoch)",
	    1);
	free(s);
	s = xasprintf("%s%sc,9223372036854775807,3,0,10\n", h, ok);
	expect_review_error(s,
	    ":3: review_time '9223372036854775807' (field 2) is out of "
	    "range"
	    " (" TIMEFMT_RANGE_TEXT ")",
	    1);
	free(s);
	s = xasprintf("%s%sc,-1,3,0,10\n", h, ok);
	expect_review_error(s,
	    ":3: review_time '-1' (field 2) is out of range (" TIMEFMT_RANGE_TEXT ")", 1);
	free(s);
	s = xasprintf("%s%sc,1000,5,0,10\n", h, ok);
	expect_review_error(s, ":3: review_rating '5' (field 3) is out of range (1-4)", 1);
	free(s);
	s = xasprintf("%s%sc,1000,0,0,10\n", h, ok);
	expect_review_error(s, ":3: review_rating '0' (field 3) is out of range (1-4)", 1);
	free(s);
	s = xasprintf("%s%sc,1000,3,4,10\n", h, ok);
	expect_review_error(s, ":3: review_state '4' (field 4) is out of range (0-3)", 1);
	free(s);
	s = xasprintf("%s%sc,1000,3,0,-1\n", h, ok);
	expect_review_error(
	    s, ":3: review_duration '-1' (field 5) is out of range "
	       "(0-2147483647)",
	    1);
	free(s);
	s = xasprintf("%s%s,1000,3,0,1\n", h, ok);
	expect_review_error(s, ":3: empty card_id", 1);
	free(s);
	s = xasprintf("%s%sc\xff,1000,3,0,1\n", h, ok);
	expect_review_error(s,
	    ":3: invalid UTF-8 (byte 0xFF); is the file in another encoding?",
	    1);
	free(s);
	s = xasprintf("%s%s\"c\n,1000,3,0,1\n", h, ok);
	expect_review_error(s, ":3: unterminated quoted field", 1);
	free(s);
	s = xasprintf("%s%sc,1,3,0,1,9\n", h, ok);
	expect_review_error(s, ":3: 6 fields, but the header has 5", 1);
	free(s);
	expect_review_error("", ":1: empty file", 0);
}

/* A review log's numbers are exact as well: what rehearse and the FSRS
 * tools write, nothing around it. */
Test(reviews, numbers_are_exact)
{
	static const char *const h =
	    "card_id,review_time,review_rating,review_state,review_duration\n";
	static const struct {
		int field;
		const char *name, *text, *why;
	} bad[] = {
		{ 2, "review_time", " 1767225600000",
		    "is not a whole number (ms since the epoch)" },
		{ 2, "review_time", "1767225600000 ",
		    "is not a whole number (ms since the epoch)" },
		{ 2, "review_time", "+1767225600000",
		    "is not a whole number (ms since the epoch)" },
		{ 2, "review_time", "1767225600000.0",
		    "is not a whole number (ms since the epoch)" },
		{ 2, "review_time", "", "is not a whole number (ms since the epoch)" },
		{ 3, "review_rating", " 3", "is not a whole number" },
		{ 3, "review_rating", "3 ", "is not a whole number" },
		{ 3, "review_rating", "+3", "is not a whole number" },
		{ 3, "review_rating", "3.0", "is not a whole number" },
		{ 3, "review_rating", "3abc", "is not a whole number" },
		{ 3, "review_rating", "", "is not a whole number" },
		{ 3, "review_rating", "99999999999999999999",
		    "is out of range (1-4)" },
		{ 4, "review_state", " 1", "is not a whole number" },
		{ 4, "review_state", " ", "is not a whole number" },
		{ 4, "review_state", "+1", "is not a whole number" },
		{ 4, "review_state", "-1", "is out of range (0-3)" },
		{ 5, "review_duration", " 5", "is not a whole number of ms" },
		{ 5, "review_duration", "5.5", "is not a whole number of ms" },
		{ 5, "review_duration", "+5", "is not a whole number of ms" },
		{ 5, "review_duration", "nan", "is not a whole number of ms" },
		{ 5, "review_duration", "2147483648",
		    "is out of range (0-2147483647)" },
		{ 5, "review_duration", "9223372036854775807",
		    "is out of range (0-2147483647)" },
	};
	const char *row[] = { "c", "1767225600000", "3", "1", "5230" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct strbuf b = { 0 };
		char *msg;

		strbuf_adds(&b, h);
		for (int k = 1; k <= 5; k++)
			strbuf_addf(&b, "%s%s", k > 1 ? "," : "",
			    k == bad[i].field ? bad[i].text : row[k - 1]);
		strbuf_addc(&b, '\n');
		msg = xasprintf(":2: %s '%s' (field %d) %s", bad[i].name,
		    bad[i].text, bad[i].field, bad[i].why);
		expect_review_error(strbuf_str(&b), msg, 0);
		free(msg);
		strbuf_free(&b);
	}
}

/* The longest duration reads; an empty state and duration are none. */
Test(reviews, numbers_at_their_bounds)
{
	const char *data =
	    "card_id,review_time,review_rating,review_state,review_duration\n"
	    "c,1767225600000,4,03,2147483647\n"
	    "c,1767225700000,1,,\n";
	char *path = temp_file(data, strlen(data));
	struct got_reviews g = { 0 };
	char *err = NULL;

	cr_assert_eq(deckio_import_reviews(path, collect_review, &g, &err), 0,
	    "%s", err);
	cr_assert_eq(g.n, 2);
	cr_expect_eq(g.rows[0].state, 3);
	cr_expect_eq(g.rows[0].duration, INT64_C(2147483647));
	cr_expect_eq(g.rows[1].state, -1);
	cr_expect_eq(g.rows[1].duration, -1);
	reviews_free(&g);
	unlink(path);
	free(path);
}

/* ---- stdin and progress ---- */

struct progress_log {
	int calls;
	off_t last_done, last_total;
};

static void
on_progress(off_t done, off_t total, void *ctx)
{
	struct progress_log *p = ctx;

	cr_assert_geq(done, p->last_done);
	p->calls++;
	p->last_done = done;
	p->last_total = total;
}

Test(io, progress_reports_size)
{
	struct strbuf b = { 0 };
	struct progress_log log = { 0 };
	struct deckio_opts opts = { .progress = on_progress, .progress_ctx = &log };
	char *err = NULL;
	char *path;
	int rows = 0;

	strbuf_adds(&b, "question\n");
	while (b.len < (size_t)3 << 20) {
		strbuf_addf(&b,
		    "question number %d with some padding to make it longer\n",
		    rows);
		rows++;
	}
	path = temp_file(b.s, b.len);
	struct line_counter lc = { 0 };
	cr_assert_eq(
	    deckio_import(path, &opts, count_rows, &lc, &err), 0, "%s", err);
	cr_expect_eq(lc.rows, rows);
	cr_expect_geq(log.calls, 3);
	cr_expect_leq(log.calls, 6);
	cr_expect_eq(log.last_done, (off_t)b.len);
	cr_expect_eq(log.last_total, (off_t)b.len);
	unlink(path);
	free(path);
	strbuf_free(&b);
}

Test(io, stdin_is_dash)
{
	char *path = temp_file("question,answer\nq,a\nq2,\"a\n",
	    strlen("question,answer\nq,a\nq2,\"a\n"));
	struct got g = { 0 };
	char *err = NULL;

	cr_assert_not_null(freopen(path, "rb", stdin));
	cr_assert_eq(deckio_import("-", NULL, collect, &g, &err), -1);
	cr_expect_str_eq(err, "<stdin>:3: unterminated quoted field");
	cr_expect_eq(g.n, 1);
	free(err);
	got_free(&g);
	unlink(path);
	free(path);
}

/* ---- randomised ---- */

static unsigned long rng_state = 12345;

static unsigned
rng(unsigned n)
{
	rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(rng_state >> 33) % n;
}

static char *
random_text(bool nonblank)
{
	static const char *const pieces[] = {
		"a",
		"b",
		"Z",
		"0",
		" ",
		"  ",
		"\t",
		",",
		";",
		"|",
		"\"",
		"\"\"",
		"\n",
		"\r",
		"\r\n",
		"#",
		"&amp;",
		"<br>",
		"é",
		"日本",
		"😀",
		"\xc2\xa0",
		"'",
		"\\",
	};
	struct strbuf b = { 0 };
	unsigned n = rng(12);

	if (nonblank)
		strbuf_adds(&b, "q");
	for (unsigned i = 0; i < n; i++)
		strbuf_adds(
		    &b, pieces[rng(sizeof(pieces) / sizeof(pieces[0]))]);
	return strbuf_detach(&b);
}

Test(roundtrip, random_cards)
{
	enum { N = 60 };
	struct card cards[N];
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct got g = { 0 };
	char *err = NULL;

	cr_assert_eq(deckio_write_header(f, false, &err), 0);
	for (int i = 0; i < N; i++) {
		struct card *c = &cards[i];

		char id[16], *deck, *question, *answer, *tips;

		snprintf(id, sizeof(id), "r%d", i);
		deck = random_text(true);
		/* the question ends in a letter at one end: never blank */
		question = random_text(rng(2) == 0);
		if (question[0] == '\0' ||
		    strspn(question, " \t\r\n") == strlen(question)) {
			free(question);
			question = xstrdup("fallback");
		}
		answer = random_text(false);
		tips = random_text(false);
		*c = (struct card){ .ext_id = id, .deck = deck, .question = question, .answer = answer, .tips = tips, .tags = i % 2 ? "x y" : "" };
		card_own(c);
		free(deck);
		free(question);
		free(answer);
		free(tips);
		cr_assert_eq(deckio_write_card(f, c, false, &err), 0);
	}
	fclose(f);
	cr_assert_eq(import_mem(buf, len, &g, &err), 0, "%s", err);
	cr_assert_eq(g.n, N);
	for (int i = 0; i < N; i++) {
		cr_expect_str_eq(g.rows[i].question, cards[i].question);
		cr_expect_str_eq(g.rows[i].answer, cards[i].answer);
		cr_expect_str_eq(g.rows[i].tips, cards[i].tips);
		cr_expect_str_eq(g.rows[i].deck, cards[i].deck);
		cr_expect_str_eq(g.rows[i].tags, cards[i].tags);
		card_clear(&cards[i]);
	}
	got_free(&g);
	free(buf);
}

static int
accept_all(const struct deckio_row *row, void *ctx, char **errmsg)
{
	(void)errmsg;
	cr_assert_geq(row->line, 1);
	cr_assert_str_not_empty(row->question);
	(*(int *)ctx)++;
	return 0;
}

static int
count_review(const struct deckio_review_row *row, void *ctx, char **errmsg)
{
	(void)row;
	(void)errmsg;
	((struct got_reviews *)ctx)->n++;
	return 0;
}

Test(robustness, garbage_never_crashes)
{
	static const char bytes[] = "ab,;\t|\"\"\n\r #:\xff\xc3\xa9<>&";

	for (int round = 0; round < 400; round++) {
		char data[300];
		size_t n = rng(sizeof(data));
		char *path, *err = NULL;
		int rows = 0, rc;

		for (size_t i = 0; i < n; i++)
			data[i] = bytes[rng(sizeof(bytes) - 1)];
		if (round % 4 == 0 && n > 10)
			memcpy(data, "#html:true\n", 11);
		path = temp_file(data, n);
		rc = deckio_import(path, NULL, accept_all, &rows, &err);
		cr_assert(rc == 0 || rc == -1);
		if (rc == -1) {
			size_t plen = strlen(path);

			cr_assert_not_null(err);
			cr_assert(
			    strncmp(err, path, plen) == 0 && err[plen] == ':' &&
				err[plen + 1] >= '1' && err[plen + 1] <= '9',
			    "bad message '%s'", err);
		}
		free(err);
		err = NULL;
		struct got_reviews gr = { 0 };

		rc = deckio_import_reviews(path, count_review, &gr, &err);
		cr_assert(rc == 0 || rc == -1);
		free(err);
		unlink(path);
		free(path);
	}
}

/* ---- limits: work stays linear, and files no person writes are refused */

Test(limits, many_tags_are_refused_quickly, .timeout = 10)
{
	struct strbuf b = { 0 };
	struct got g = { 0 };
	char *err = NULL;

	strbuf_adds(&b, "question,tags\nq,");
	for (int i = 0; i < 100000; i++)
		strbuf_addf(&b, "t%d ", i);
	strbuf_adds(&b, "\n");
	cr_assert_eq(import_mem(b.s, b.len, &g, &err), -1);
	cr_expect_str_eq(err, "T:2: more than 1000 tags on one card");
	cr_expect_eq(g.n, 0);
	free(err);
	strbuf_free(&b);
}

Test(limits, global_tags_are_joined_in_linear_time, .timeout = 10)
{
	struct strbuf b = { 0 };
	struct line_counter lc = { 0 };
	char *err = NULL, *path;
	clock_t start = clock();

	strbuf_adds(&b, "#separator:comma\n#columns:question,answer,tags\n"
			"#tags:");
	for (int i = 0; i < 1000; i++)
		strbuf_addf(&b, "g%d ", i);
	strbuf_adds(&b, "\n");
	for (int i = 0; i < 2000; i++)
		strbuf_addf(&b, "q%d,a,own%d g1\n", i, i);
	path = temp_file(b.s, b.len);
	cr_assert_eq(deckio_import(path, NULL, count_rows, &lc, &err), -1);
	/* every row has its own tag and the 1000 global ones: over the cap */
	cr_expect(strstr(err, ":4: more than 1000 tags on one card") != NULL,
	    "%s", err);
	free(err);
	err = NULL;
	unlink(path);
	free(path);

	/* 1000 global tags, 2000 rows whose tags repeat them: accepted */
	strbuf_reset(&b);
	strbuf_adds(&b, "#separator:comma\n#columns:question,answer,tags\n"
			"#tags:");
	for (int i = 0; i < 1000; i++)
		strbuf_addf(&b, "g%d ", i);
	strbuf_adds(&b, "\n");
	for (int i = 0; i < 2000; i++)
		strbuf_addf(&b, "q%d,a,g%d g1\n", i, i % 1000);
	path = temp_file(b.s, b.len);
	lc.rows = 0;
	cr_assert_eq(deckio_import(path, NULL, count_rows, &lc, &err), 0,
	    "%s", err);
	cr_expect_eq(lc.rows, 2000);
	cr_expect_lt((double)(clock() - start) / CLOCKS_PER_SEC, 2.0);
	unlink(path);
	free(path);
	strbuf_free(&b);
}

Test(limits, tags_keep_their_order_without_repeats)
{
	struct got g = { 0 };

	import_ok("#separator:comma\n#tags:b  c b\n"
		  "#columns:question,tags\nq,a c\td\n",
	    &g, 1);
	cr_expect_str_eq(g.rows[0].tags, "a c d b");
	got_free(&g);
}

Test(limits, html_without_closing_brackets_is_linear, .timeout = 10)
{
	struct strbuf b = { 0 };
	struct got g = { 0 };
	char *err = NULL;
	clock_t start = clock();

	strbuf_adds(&b, "#separator:tab\n#html:true\n\"");
	for (int i = 0; i < 450000; i++)
		strbuf_adds(&b, "<a");
	strbuf_adds(&b, "\"\tx<span>y</span>\n");
	cr_assert_eq(import_mem(b.s, b.len, &g, &err), 0, "%s", err);
	cr_assert_eq(g.n, 1);
	cr_expect_eq(strlen(g.rows[0].question), 900000);
	cr_expect_str_eq(g.rows[0].answer, "xy");
	cr_expect_lt((double)(clock() - start) / CLOCKS_PER_SEC, 2.0);
	got_free(&g);
	strbuf_free(&b);
}

Test(limits, huge_field_is_refused)
{
	struct strbuf b = { 0 };
	struct got g = { 0 };
	char *err = NULL;

	strbuf_adds(&b, "question,answer\nq1,a1\nq2,\"");
	for (int i = 0; i < (1 << 20) + 1; i++)
		strbuf_addc(&b, 'x');
	strbuf_adds(&b, "\"\n");
	cr_assert_eq(import_mem(b.s, b.len, &g, &err), -1);
	cr_expect_str_eq(
	    err, "T:3: a field of more than 1024 KiB: is this a deck file?");
	cr_expect_eq(g.n, 1);
	free(err);
	got_free(&g);
	strbuf_free(&b);
}

/* "#separator:tab", "#html:" html, then one note: q and n times unit. */
static void
html_note(struct strbuf *b, const char *html, size_t n, const char *unit)
{
	strbuf_reset(b);
	strbuf_addf(b, "#separator:tab\n#html:%s\nq\t", html);
	for (size_t i = 0; i < n; i++)
		strbuf_adds(b, unit);
	strbuf_adds(b, "\n");
}

/* A field of an HTML file holds HTML, whose entities take up to six bytes
 * a character: what export --anki writes of a card of 1 MiB reads back;
 * the card's text still holds at most 1 MiB. */
Test(limits, html_fields_hold_the_html_of_a_card)
{
	struct strbuf b = { 0 };
	struct got g = { 0 };
	char *err = NULL;

	html_note(&b, "true", (size_t)1 << 20, "&quot;");
	cr_assert_eq(import_mem(b.s, b.len, &g, &err), 0, "%s", err);
	cr_assert_eq(g.n, 1);
	cr_expect_eq(strlen(g.rows[0].answer), (size_t)1 << 20);
	got_free(&g);

	/* without #html:true a field is text, and 1 MiB the most */
	html_note(&b, "false", (size_t)1 << 20, "&quot;");
	cr_assert_eq(import_mem(b.s, b.len, &g, &err), -1);
	cr_expect_str_eq(
	    err, "T:3: a field of more than 1024 KiB: is this a deck file?");
	free(err);
	err = NULL;
	got_free(&g);

	/* and an HTML field beyond 16 MiB is no deck's */
	html_note(&b, "true", ((size_t)16 << 20) + 1, "x");
	cr_assert_eq(import_mem(b.s, b.len, &g, &err), -1);
	cr_expect_str_eq(
	    err, "T:3: a field of more than 16384 KiB: is this a deck file?");
	free(err);
	got_free(&g);
	strbuf_free(&b);
}

/* ---- line ends: LF, CRLF and a lone CR all end a line ---- */

Test(line_ends, lone_cr_counts_lines)
{
	struct got g = { 0 };

	import_ok("question,answer\rq1,a1\r\"q\r2\",a2\r\nq3,a3\n", &g, 3);
	expect_row(&g.rows[0], 2, "q1", "a1");
	expect_row(&g.rows[1], 3, "q\r2", "a2");
	expect_row(&g.rows[2], 5, "q3", "a3");
	got_free(&g);

	expect_error("question,answer\rq1,a1\rq2,\"a\"x\r",
	    "T:3: text after a closing quote (quotes inside a quoted field "
	    "must be doubled)",
	    1);
	expect_error("question,answer\rq1,a1\r\rq2,\"x\r",
	    "T:4: unterminated quoted field", 1);
	expect_error("question,answer\rq1,a1\rq2,\xff\r",
	    "T:3: invalid UTF-8 (byte 0xFF); is the file in another encoding?",
	    1);
	expect_error("question,answer\rq1,a1\rq2,a\"\r",
	    "T:3: quote inside an unquoted field (quote the whole field and "
	    "double its quotes)",
	    1);
}

Test(line_ends, directives_end_at_a_lone_cr)
{
	struct got g = { 0 };

	expect_error("#separator:comma\r#html:maybe\rq,a\r",
	    "T:2: bad value 'maybe' for #html (true or false)", 0);
	expect_error("#separator:comma\r\n#colour:red\r\nq,a\r\n",
	    "T:2: unknown directive '#colour' (separator, html, columns, deck, "
	    "tags, notetype, guid column, notetype column, deck column, tags "
	    "column)",
	    0);
	import_ok("#separator:semicolon\r#html:true\r"
		  "q1;<span>a1</span>\rq2;a2\r",
	    &g, 2);
	expect_row(&g.rows[0], 3, "q1", "a1");
	expect_row(&g.rows[1], 4, "q2", "a2");
	got_free(&g);
}

Test(line_ends, crlf_split_across_read_blocks)
{
	/* a directive line whose CR ends one read block and LF starts the
	 * next, then a row whose CRLF does the same */
	struct strbuf b = { 0 };
	struct got g = { 0 };
	char *err = NULL;

	strbuf_adds(&b, "#deck:");
	while (b.len < 64 * 1024 - 1)
		strbuf_addc(&b, 'd');
	strbuf_adds(&b, "\r\n#separator:comma\r\nq1,a1\r\nq2,a2\r\n");
	cr_assert_eq(import_mem(b.s, b.len, &g, &err), 0, "%s", err);
	cr_assert_eq(g.n, 2);
	expect_row(&g.rows[0], 3, "q1", "a1");
	expect_row(&g.rows[1], 4, "q2", "a2");
	got_free(&g);
	strbuf_free(&b);
}
