#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/import.h"
#include "core/json.h"
#include "core/text.h"
#include "core/util.h"
#include "fixtures.h"

TestSuite(text, .init = fixture_utf8_locale);

/* The wrapped lines of s at width, joined with '|'. */
static char *
wrapped(const char *s, int width)
{
	struct text_lines l = { 0 };
	struct strbuf b = { 0 };

	text_wrap(s, width, &l);
	for (size_t i = 0; i < l.n; i++) {
		if (i > 0)
			strbuf_addc(&b, '|');
		for (int k = 0; k < l.v[i].indent; k++)
			strbuf_addc(&b, ' ');
		strbuf_add(&b, s + l.v[i].off, l.v[i].len);
		cr_assert_leq(l.v[i].indent + l.v[i].width, width > 1 ? width : 2,
		    "line %zu of \"%s\" is %d wide", i, s, l.v[i].width);
		cr_assert_eq(l.v[i].width, text_width_n(s + l.v[i].off, l.v[i].len));
	}
	text_lines_free(&l);
	return strbuf_detach(&b);
}

#define WRAP_EQ(s, w, expect)                                                                  \
	do {                                                                                   \
		char *got_ = wrapped((s), (w));                                                \
		cr_expect_str_eq(got_, (expect), "wrap(\"%s\", %d) = \"%s\"", (s), (w), got_); \
		free(got_);                                                                    \
	} while (0)

static void
sanitize_eq(const char *in, const char *expect)
{
	char *got = text_sanitize(in);

	cr_expect_str_eq(got, expect, "sanitize(\"%s\")", in ? in : "(null)");
	cr_expect(utf8_valid(got, strlen(got), NULL));
	free(got);
}

Test(text, decode)
{
	uint32_t cp;

	cr_expect_eq(text_decode("A", 1, &cp), 1);
	cr_expect_eq(cp, 'A');
	cr_expect_eq(text_decode("\xc3\xa9", 2, &cp), 2);
	cr_expect_eq(cp, 0xe9);
	cr_expect_eq(text_decode("\xe4\xb8\xad", 3, &cp), 3);
	cr_expect_eq(cp, 0x4e2d);
	cr_expect_eq(text_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	cr_expect_eq(cp, 0x1f600);
	/* truncated, overlong, surrogate, stray continuation, out of range */
	cr_expect_eq(text_decode("\xe4\xb8", 2, &cp), 1);
	cr_expect_eq(cp, TEXT_INVALID);
	cr_expect_eq(text_decode("\xc0\xaf", 2, &cp), 1);
	cr_expect_eq(cp, TEXT_INVALID);
	cr_expect_eq(text_decode("\xe0\x80\xaf", 3, &cp), 1);
	cr_expect_eq(cp, TEXT_INVALID);
	cr_expect_eq(text_decode("\xed\xa0\x80", 3, &cp), 1);
	cr_expect_eq(cp, TEXT_INVALID);
	cr_expect_eq(text_decode("\x80", 1, &cp), 1);
	cr_expect_eq(cp, TEXT_INVALID);
	cr_expect_eq(text_decode("\xf4\x90\x80\x80", 4, &cp), 1);
	cr_expect_eq(cp, TEXT_INVALID);
}

Test(text, width)
{
	cr_expect_eq(text_width(""), 0);
	cr_expect_eq(text_width("hello"), 5);
	cr_expect_eq(text_width("caf\xc3\xa9"), 4);              /* precomposed é */
	cr_expect_eq(text_width("cafe\xcc\x81"), 4);             /* e + combining acute */
	cr_expect_eq(text_width("\xe4\xb8\xad\xe6\x96\x87"), 4); /* 中文 */
	cr_expect_eq(text_width("\xf0\x9f\x98\x80"), 2);         /* emoji */
	cr_expect_eq(text_width("a\xe2\x80\x8b"
				"b"),
	    2);                              /* zero-width space */
	cr_expect_eq(text_width("\xff"), 1); /* shown as U+FFFD */
	cr_expect_eq(text_cp_width(0x1b), -1);
	cr_expect_eq(text_cp_width(0x85), -1);
	cr_expect_eq(text_cp_width(0x301), 0);
	cr_expect_eq(text_cp_width(0xff21), 2); /* fullwidth A */
}

Test(text, prefix)
{
	int w;

	cr_expect_eq(text_prefix("hello", 5, 3, &w), 3);
	cr_expect_eq(w, 3);
	/* a wide character that would straddle the limit is left out */
	cr_expect_eq(text_prefix("a\xe4\xb8\xad"
				 "b",
			 5, 2, &w),
	    1);
	cr_expect_eq(w, 1);
	cr_expect_eq(text_prefix("a\xe4\xb8\xad"
				 "b",
			 5, 3, &w),
	    4);
	cr_expect_eq(w, 3);
	/* a combining mark stays with its base */
	cr_expect_eq(text_prefix("e\xcc\x81x", 4, 1, &w), 3);
	cr_expect_eq(w, 1);
	cr_expect_eq(text_prefix("abc", 3, 0, &w), 0);
	cr_expect_eq(text_prefix("abc", 3, 10, NULL), 3);
}

Test(text, sanitize_plain_text_unchanged)
{
	sanitize_eq("", "");
	sanitize_eq("Tell me about a conflict.\nWhat did you do?",
	    "Tell me about a conflict.\nWhat did you do?");
	sanitize_eq("\xe4\xb8\xad\xe6\x96\x87 caf\xc3\xa9 \xf0\x9f\x98\x80",
	    "\xe4\xb8\xad\xe6\x96\x87 caf\xc3\xa9 \xf0\x9f\x98\x80");
	sanitize_eq(NULL, "");
}

Test(text, sanitize_controls)
{
	sanitize_eq("\x1b[2J\x1b[31mred", "^[[2J^[[31mred");
	sanitize_eq("\x1b]0;title\x07", "^[]0;title^G");
	sanitize_eq("a\x7f"
		    "b",
	    "a^?b");
	sanitize_eq("nul\x01\x1f", "nul^A^_");
	sanitize_eq("bell\a", "bell^G");
	sanitize_eq("back\bspace", "back^Hspace");
	sanitize_eq("form\ffeed\vtab", "form^Lfeed^Ktab");
	sanitize_eq("win\r\nline", "win\nline");
	sanitize_eq("lone\rcr", "lone^Mcr");
	/* C1 controls, as code points (CSI is U+009B) */
	sanitize_eq("\xc2\x9b"
		    "31m",
	    "<U+009B>31m");
	sanitize_eq("\xc2\x85", "<U+0085>");
}

Test(text, sanitize_tabs)
{
	sanitize_eq("\tx", "    x");
	sanitize_eq("ab\tx", "ab  x");
	sanitize_eq("abcd\tx", "abcd    x");
	sanitize_eq("a\nb\tx", "a\nb   x");
	/* columns, not bytes */
	sanitize_eq("\xe4\xb8\xad\tx", "\xe4\xb8\xad  x");
	/* after a shown code point, by its length: 8 and 9 columns */
	sanitize_eq("\xe2\x80\xae\tx", "<U+202E>    x");
	sanitize_eq("\xf0\xaf\xbf\xbe\tx", "<U+2FFFE>   x");
	sanitize_eq("\xf4\x8f\xbf\xbf\xf0\xaf\xbf\xbe\tx",
	    "<U+10FFFF><U+2FFFE> x");
}

Test(text, sanitize_line)
{
	char *got = text_sanitize_line("one\ntwo\r\nthree\tfour\x1b[2J");

	cr_expect_str_eq(got, "one two three   four^[[2J");
	free(got);
	got = text_sanitize_line(NULL);
	cr_expect_str_eq(got, "");
	free(got);
	got = text_sanitize_line("\n\n");
	cr_expect_str_eq(got, "  ");
	free(got);
}

/* Where byte off of a query is shown: a wide character takes two columns,
 * a two-byte letter one, a tab runs to its stop, a control its caret
 * notation; an offset past the end is the end. */
Test(text, column)
{
	cr_expect_eq(text_column("ab (", 3), 4);
	cr_expect_eq(text_column("\xe6\x97\xa5\xe6\x9c\xac (", 7), 6);
	cr_expect_eq(text_column("caf\xc3\xa9 \t(", 7), 9);
	cr_expect_eq(text_column("\x1b[1m(", 4), 6);
	cr_expect_eq(text_column("\xff(", 1), 2);
	cr_expect_eq(text_column("ab", 99), 3);
	cr_expect_eq(text_column(NULL, 0), 1);
}

/* JSON must be UTF-8: text from a collection that is not (changed by other
 * means, or imported before its check) comes out as U+FFFD escapes. */
Test(json, string_is_valid_utf8_whatever_the_text)
{
	struct strbuf b = { 0 };

	json_add_string(&b, "a\xff\"b\xc3\xa9\n\x01\xe6\x97");
	cr_expect_str_eq(strbuf_str(&b),
	    "\"a\\ufffd\\\"b\xc3\xa9\\n\\u0001\\ufffd\\ufffd\"");
	strbuf_free(&b);
	json_add_string(&b, "\xf0\x9f\x99\x82\xed\xa0\x80");
	cr_expect_str_eq(strbuf_str(&b),
	    "\"\xf0\x9f\x99\x82\\ufffd\\ufffd\\ufffd\"");
	strbuf_free(&b);
}

Test(text, join_words)
{
	static const char *const cases[][2] = {
		{ "", "" },
		{ "  \n\t ", "" },
		{ "a", "a" },
		{ " a\tb\r\nc  ", "a b c" },
		/* each word once, where it first occurs */
		{ "a b a", "a b" },
		{ "x x x", "x" },
		{ "b a b c a", "b a c" },
		/* words, not prefixes or case-folded forms */
		{ "ab a abc A", "ab a abc A" },
		{ "go\ngo golang go", "go golang" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = text_join_words(cases[i][0]);

		cr_expect_str_eq(got, cases[i][1], "join_words(\"%s\")",
		    cases[i][0]);
		free(got);
	}
}

Test(text, join_words_is_linear, .timeout = 10)
{
	struct strbuf b = { 0 }, out = { 0 };
	clock_t start = clock();
	char *got;

	/* 100k different words, then each again */
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < 100000; i++)
			strbuf_addf(&b, "w%d ", i);
	got = text_join_words(b.s);
	cr_expect_eq(strlen(got), b.len / 2 - 1);
	cr_expect_eq(strncmp(got, b.s, b.len / 2 - 1), 0);
	cr_expect_lt((double)(clock() - start) / CLOCKS_PER_SEC, 1.0);
	free(got);

	cr_expect_eq(text_unique_words(&out, b.s, b.len, 100000), 0);
	cr_expect_eq(text_unique_words(&out, b.s, b.len, 99999), -1);
	cr_expect_eq(text_unique_words(&out, "a a b", 5, 2), 0);
	cr_expect_str_eq(strbuf_str(&out), "a b");
	cr_expect_eq(text_unique_words(&out, " \v\f", 3, 1), 0);
	cr_expect_str_eq(strbuf_str(&out), "");
	strbuf_free(&out);
	strbuf_free(&b);
}

Test(text, sanitize_invalid_utf8)
{
	sanitize_eq("a\xff"
		    "b",
	    "a\xef\xbf\xbd"
	    "b");
	sanitize_eq("\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd");
	sanitize_eq("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	sanitize_eq("end\xe4\xb8", "end\xef\xbf\xbd\xef\xbf\xbd");
	/* a raw C1 byte is invalid UTF-8, so it cannot act as CSI either */
	sanitize_eq("\x9b"
		    "2J",
	    "\xef\xbf\xbd"
	    "2J");
}

Test(text, sanitize_bidi)
{
	sanitize_eq("abc\xe2\x80\xae"
		    "cba",
	    "abc<U+202E>cba");
	sanitize_eq("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
	    "<U+202A><U+202B><U+202C><U+202D>");
	sanitize_eq("\xe2\x81\xa6x\xe2\x81\xa9", "<U+2066>x<U+2069>");
	sanitize_eq("\xe2\x81\xa7\xe2\x81\xa8", "<U+2067><U+2068>");
}

Test(text, sanitize_result_is_safe)
{
	/* every byte value, alone and after each start of a longer sequence,
	 * among them those of U+2000-U+207F, where the bidi controls are */
	static const char *const leads[] = { "x", "\xc2", "\xe2", "\xe2\x80",
		"\xe2\x81" };

	for (int c = 1; c < 256; c++) {
		for (size_t lead = 0; lead < sizeof(leads) / sizeof(leads[0]); lead++) {
			char in[4];
			char *out;
			size_t n;

			snprintf(in, sizeof(in), "%s%c", leads[lead], c);
			out = text_sanitize(in);
			n = strlen(out);
			cr_assert(utf8_valid(out, n, NULL), "byte %#x", c);
			for (size_t i = 0; i < n;) {
				uint32_t cp;

				i += text_decode(out + i, n - i, &cp);
				cr_assert(cp == '\n' || text_cp_width(cp) >= 0,
				    "byte %#x left U+%04X", c, (unsigned)cp);
				cr_assert(!(cp >= 0x202a && cp <= 0x202e) &&
					      !(cp >= 0x2066 && cp <= 0x2069),
				    "byte %#x left U+%04X", c, (unsigned)cp);
			}
			free(out);
		}
	}
}

Test(text, wrap_words)
{
	WRAP_EQ("", 10, "");
	WRAP_EQ("hello", 10, "hello");
	WRAP_EQ("the quick brown fox", 10, "the quick|brown fox");
	WRAP_EQ("the quick brown fox", 9, "the quick|brown fox");
	WRAP_EQ("the quick brown fox", 8, "the|quick|brown|fox");
	WRAP_EQ("aaa bbb", 3, "aaa|bbb");
	WRAP_EQ("aaa   bbb", 5, "aaa|bbb");
	WRAP_EQ("trailing   ", 20, "trailing");
	WRAP_EQ("trailing   ", 8, "trailing");
}

Test(text, wrap_newlines)
{
	WRAP_EQ("one\ntwo", 10, "one|two");
	WRAP_EQ("one\n\ntwo", 10, "one||two");
	WRAP_EQ("one\n", 10, "one");
	WRAP_EQ("\n", 10, "");
	WRAP_EQ("a\n\n", 10, "a|");
	WRAP_EQ("  indented line here", 10, "  indented|  line|  here");
}

/* The lines after an indented first line keep its indent. */
Test(text, wrap_keeps_the_indent)
{
	WRAP_EQ("    deep text goes on here", 14, "    deep text|    goes on|    here");
	WRAP_EQ("  a.1 sub point text", 12, "  a.1 sub|  point text");
	/* in a list item under an indent, under the item's text */
	WRAP_EQ("    - one two three", 12, "    - one|      two|      three");
	/* more than half the width: no indent */
	WRAP_EQ("      abc def", 10, "      abc|def");
	/* spaces alone */
	WRAP_EQ("      ", 4, "    ");
}

Test(text, wrap_long_words)
{
	WRAP_EQ("abcdefghij", 4, "abcd|efgh|ij");
	WRAP_EQ("to supercalifragilistic", 8, "to|supercal|ifragili|stic");
	WRAP_EQ("abc", 1, "a|b|c");
	WRAP_EQ("abc", 0, "a|b|c");
	WRAP_EQ("https://example.com/a/very/long/path", 12,
	    "https://exam|ple.com/a/ve|ry/long/path");
}

Test(text, wrap_wide)
{
	/* 中文字符测试: six double-width characters */
	const char *cjk = "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6"
			  "\xe6\xb5\x8b\xe8\xaf\x95";

	WRAP_EQ(cjk, 4, "\xe4\xb8\xad\xe6\x96\x87|\xe5\xad\x97\xe7\xac\xa6|"
			"\xe6\xb5\x8b\xe8\xaf\x95");
	/* an odd width leaves the last column empty rather than split one */
	WRAP_EQ(cjk, 5, "\xe4\xb8\xad\xe6\x96\x87|\xe5\xad\x97\xe7\xac\xa6|"
			"\xe6\xb5\x8b\xe8\xaf\x95");
	/* a wide character on a line of width 1 gets its own line */
	WRAP_EQ("\xe4\xb8\xad\xe6\x96\x87", 1, "\xe4\xb8\xad|\xe6\x96\x87");
	/* CJK may break between characters, Latin words stay whole */
	WRAP_EQ("ab\xe4\xb8\xad\xe6\x96\x87"
		"cd efgh",
	    7,
	    "ab\xe4\xb8\xad\xe6\x96\x87|cd efgh");
	/* emoji are two columns */
	WRAP_EQ("\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 5,
	    "\xf0\x9f\x98\x80\xf0\x9f\x98\x80|\xf0\x9f\x98\x80");
}

Test(text, wrap_combining)
{
	/* "cafe" + U+0301 five times: each é is one column */
	const char *s = "e\xcc\x81"
			"e\xcc\x81"
			"e\xcc\x81"
			"e\xcc\x81";

	WRAP_EQ(s, 2, "e\xcc\x81"
		      "e\xcc\x81|e\xcc\x81"
		      "e\xcc\x81");
	WRAP_EQ("caf\xc3\xa9 cafe\xcc\x81", 4, "caf\xc3\xa9|cafe\xcc\x81");
	/* a mark stays with its base when a long word is cut */
	WRAP_EQ("abce\xcc\x81"
		"fg",
	    4, "abce\xcc\x81|fg");
}

Test(text, wrap_long_text_fits)
{
	struct strbuf b = { 0 };
	struct text_lines l = { 0 };

	for (int i = 0; i < 2000; i++)
		strbuf_adds(&b, i % 7 == 0 ? "\xe4\xb8\xad\xe6\x96\x87 " : i % 5 == 0 ? "e\xcc\x81t\xc3\xa9 "
										      : "word ");
	for (int w = 1; w < 90; w += 7) {
		size_t covered = 0;

		text_wrap(b.s, w, &l);
		for (size_t i = 0; i < l.n; i++) {
			cr_assert_leq(l.v[i].width, w < 2 ? 2 : w);
			cr_assert_geq(l.v[i].off, covered);
			covered = l.v[i].off + l.v[i].len;
		}
	}
	text_lines_free(&l);
	strbuf_free(&b);
}

Test(text, card_file_round_trip)
{
	char *f = text_card_format("Why this role?\n\nTwo lines.", "Because.",
	    "", "behavioural  motivation");
	char *q, *a, *t, *g;
	char *err = NULL;

	cr_assert_eq(text_card_parse(f, &q, &a, &t, &g, &err), 0, "%s", err);
	cr_expect_str_eq(q, "Why this role?\n\nTwo lines.");
	cr_expect_str_eq(a, "Because.");
	cr_expect_str_eq(t, "");
	cr_expect_str_eq(g, "behavioural motivation");
	free(q);
	free(a);
	free(t);
	free(g);
	free(f);
}

Test(text, card_file_edited)
{
	const char *edited =
	    "# anything\n" TEXT_MARK_QUESTION "\n\n  New question  \n\n" TEXT_MARK_ANSWER "\r\nLine 1\r\nLine 2\r\n\r\n" TEXT_MARK_TIPS "\n- tip one\n- tip two\n" TEXT_MARK_TAGS "\n a\tb\n c \n";
	char *q, *a, *t, *g;

	cr_assert_eq(text_card_parse(edited, &q, &a, &t, &g, NULL), 0);
	cr_expect_str_eq(q, "  New question  ");
	cr_expect_str_eq(a, "Line 1\r\nLine 2");
	cr_expect_str_eq(t, "- tip one\n- tip two");
	cr_expect_str_eq(g, "a b c");
	free(q);
	free(a);
	free(t);
	free(g);
}

/* The first tag is looked up among no tags yet, a buffer still NULL:
 * clang's UBSan saw an offset applied to it (run with --enable-sanitizers
 * and CC=clang). */
Test(text, card_file_tags_x_y)
{
	char *q, *a, *t, *g;

	cr_assert_eq(text_card_parse(TEXT_MARK_QUESTION "\nq\n" TEXT_MARK_ANSWER
							"\na\n" TEXT_MARK_TIPS "\n" TEXT_MARK_TAGS "\nx y\n",
			 &q, &a, &t,
			 &g, NULL),
	    0);
	cr_expect_str_eq(g, "x y");
	free(q);
	free(a);
	free(t);
	free(g);
}

/* Every card the collection can hold comes back from its file as it was:
 * an empty answer, and lines that read as the file's markers. */
Test(text, card_file_round_trip_markers_and_empty_answer)
{
	const char *question = TEXT_MARK_ANSWER "\nWhat follows?\n\\" TEXT_MARK_TAGS
						"\n\\\\" TEXT_MARK_QUESTION " \r\nend";
	const char *tips = "a\n" TEXT_MARK_TIPS "\nb";
	char *f = text_card_format(question, "", tips, "x");
	char *q, *a, *t, *g;
	char *err = NULL;

	cr_assert_eq(text_card_parse(f, &q, &a, &t, &g, &err), 0, "%s", err);
	cr_expect_str_eq(q, question);
	cr_expect_str_eq(a, "");
	cr_expect_str_eq(t, tips);
	cr_expect_str_eq(g, "x");
	free(q);
	free(a);
	free(t);
	free(g);
	free(f);
}

Test(text, card_file_refused)
{
	char *q = NULL, *a = NULL, *t = NULL, *g = NULL;
	char *err = NULL;
	char *empty_q = text_card_format("  \n", "answer", "tips", "");

	cr_expect_eq(text_card_parse(empty_q, &q, &a, &t, &g, &err), -1);
	cr_expect_str_eq(err, "the question is empty");
	cr_expect_eq(text_card_parse(TEXT_MARK_QUESTION "\nq\n" TEXT_MARK_ANSWER
							"\na\n" TEXT_MARK_TIPS "\n",
			 &q, &a, &t, &g, &err),
	    -1);
	cr_expect_str_eq(err, "the marker line \"" TEXT_MARK_TAGS "\" is missing");
	cr_expect_eq(text_card_parse(TEXT_MARK_ANSWER "\na\n" TEXT_MARK_QUESTION
						      "\nq\n",
			 &q, &a, &t, &g, &err),
	    -1);
	cr_expect_eq(text_card_parse(TEXT_MARK_QUESTION "\n\xff\n", &q, &a, &t,
			 &g, &err),
	    -1);
	cr_expect_str_eq(err, "the card is not valid UTF-8 text");
	cr_expect_eq(text_card_parse("", &q, &a, &t, &g, &err), -1);
	cr_expect_null(q);
	free(err);
	free(empty_q);
}

Test(text, wrap_list_items_hang)
{
	WRAP_EQ("- one two three four", 10, "- one two|  three|  four");
	WRAP_EQ("1. one two three four", 10, "1. one two|   three|   four");
	WRAP_EQ("12) one two three", 10, "12) one|    two|    three");
	WRAP_EQ("  * one two three", 10, "  * one|    two|    three");
	/* a marker taking more than half the line gives no indent */
	WRAP_EQ("1. one two", 5, "1.|one|two");
	/* no list item: no indent */
	WRAP_EQ("-one two three", 8, "-one two|three");
	WRAP_EQ("2.5 is a number here", 10, "2.5 is a|number|here");
	/* each paragraph by itself */
	WRAP_EQ("- a b c d\nplain text here", 6, "- a b|  c d|plain|text|here");
}

/* The code of a character the locale cannot show is one unit: a line
 * breaks before or after it, never inside. */
Test(text, wrap_never_splits_a_code)
{
	WRAP_EQ("<U+65E5><U+672C><U+8A9E>", 20, "<U+65E5><U+672C>|<U+8A9E>");
	WRAP_EQ("ab <U+1F600> cd", 10, "ab|<U+1F600>|cd");
	/* a code within a word is part of it */
	WRAP_EQ("ab c<U+202E>def", 12, "ab|c<U+202E>def");
	WRAP_EQ("x<U+FF08>", 8, "x|<U+FF08>");
	WRAP_EQ("x<U+FF08>", 9, "x<U+FF08>");
	/* wider than the line: cut, as any word */
	WRAP_EQ("<U+65E5>", 4, "<U+6|5E5>");
	/* not a code: a word like any other */
	WRAP_EQ("<U+XYZW>ab", 5, "<U+XY|ZW>ab");
}

Test(text, wrap_cjk_punctuation_never_starts_a_line)
{
	/* 日本語。: the full stop goes with the character before it */
	WRAP_EQ("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x80\x82", 6,
	    "\xe6\x97\xa5\xe6\x9c\xac|\xe8\xaa\x9e\xe3\x80\x82");
	/* 日本、語: a comma too */
	WRAP_EQ("\xe6\x97\xa5\xe6\x9c\xac\xe3\x80\x81\xe8\xaa\x9e", 4,
	    "\xe6\x97\xa5|\xe6\x9c\xac\xe3\x80\x81|\xe8\xaa\x9e");
}

Test(text, encode_round_trips)
{
	static const uint32_t cps[] = { 0x41, 0x7f, 0x80, 0xe9, 0x7ff, 0x800,
		0x20ac, 0xffff, 0x10000, 0x1f600, 0x10ffff };

	for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		char u[4];
		uint32_t back;
		size_t n = text_encode(cps[i], u);

		cr_expect_eq(text_decode(u, n, &back), n, "U+%04X", cps[i]);
		cr_expect_eq(back, cps[i], "U+%04X", cps[i]);
	}
}

Test(text, cut_keeps_what_fits_before_dots)
{
	char *s = text_sanitize_cut("Capital of a far away country?", 14, "...");

	cr_assert_str_eq(s, "Capital of...");
	free(s);
	s = text_sanitize_cut("Short", 14, "...");
	cr_assert_str_eq(s, "Short");
	free(s);
	/* a line of its own, escapes made harmless, wide characters whole */
	s = text_sanitize_cut("a\nb\x1b[2Jc", 40, "...");
	cr_assert_null(strchr(s, '\n'));
	cr_assert_null(strchr(s, '\x1b'));
	free(s);
	fixture_utf8_locale();
	s = text_sanitize_cut("日本語の質問です", 8, "...");
	cr_assert_str_eq(s, "日本...");
	free(s);
	/* the one-column ellipsis leaves room for more of the text */
	s = text_sanitize_cut("Capital of a far away country?", 14, "\u2026");
	cr_assert_str_eq(s, "Capital of a\u2026");
	free(s);
}

Test(text, new_card_file_names_its_deck)
{
	char *file = text_card_format_new("Geography"), *deck = NULL, *msg = NULL;
	char *q, *a, *t, *g;

	cr_assert_not_null(strstr(file, "\ndeck: Geography\n"));
	cr_assert_eq(text_card_parse_deck(file, &deck, &msg), 0);
	cr_assert_str_eq(deck, "Geography");
	free(deck);
	/* an empty card is refused as any card with no question */
	cr_assert_eq(text_card_parse(file, &q, &a, &t, &g, &msg), -1);
	free(msg);
	msg = NULL;
	free(file);
	cr_assert_eq(text_card_parse_deck("deck:   Two words \r\n"
					  "=== question ===\ndeck: not this\n",
			 &deck, &msg),
	    0);
	cr_assert_str_eq(deck, "Two words");
	free(deck);
	/* a deck line below the first marker is card text, not the deck */
	cr_assert_eq(text_card_parse_deck("# x\n=== question ===\ndeck: D\n", &deck,
			 &msg),
	    -1);
	cr_assert_not_null(strstr(msg, "deck: NAME"));
	free(msg);
}

Test(text, deck_names_checked)
{
	char *msg = NULL;
	char long_name[IMPORT_DECK_NAME_MAX + 2];

	cr_assert_eq(import_deck_name_check("Geography", &msg), 0);
	cr_assert_eq(import_deck_name_check("Ünïcode decks", &msg), 0);
	cr_assert_eq(import_deck_name_check("  ", &msg), -1);
	cr_assert_str_eq(msg, "the deck name is empty");
	free(msg);
	msg = NULL;
	cr_assert_eq(import_deck_name_check("a\tb", &msg), -1);
	cr_assert_not_null(strstr(msg, "control"));
	free(msg);
	msg = NULL;
	cr_assert_eq(import_deck_name_check("\xff", &msg), -1);
	free(msg);
	msg = NULL;
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	cr_assert_eq(import_deck_name_check(long_name, &msg), -1);
	cr_assert_not_null(strstr(msg, "longer"));
	free(msg);
	msg = NULL;
}

/* The editor's card holds no more than a deck file's field may: a card
 * larger would export and not import again. */
Test(text, card_file_fields_within_the_most_bytes)
{
	char *big = xmalloc(TEXT_MAX_FIELD + 2), *f, *q, *a, *t, *g;
	char *err = NULL;
	struct strbuf tags = { 0 };

	memset(big, 'x', TEXT_MAX_FIELD + 1);
	big[TEXT_MAX_FIELD + 1] = '\0';
	f = text_card_format("q", big, "", "");
	cr_expect_eq(text_card_parse(f, &q, &a, &t, &g, &err), -1);
	cr_expect_str_eq(err, "the answer is more than 1024 KiB");
	free(f);
	free(err);
	err = NULL;

	/* at the bound it reads */
	big[TEXT_MAX_FIELD] = '\0';
	f = text_card_format(big, "a", "", "");
	cr_assert_eq(text_card_parse(f, &q, &a, &t, &g, &err), 0, "%s", err);
	cr_expect_eq(strlen(q), TEXT_MAX_FIELD);
	free(q);
	free(a);
	free(t);
	free(g);
	free(f);

	/* 1000 tags of 1100 bytes */
	for (int i = 0; i < TEXT_MAX_TAGS; i++)
		strbuf_addf(&tags, "%s%04d%.1096s", i > 0 ? " " : "", i, big);
	f = text_card_format("q", "a", "", strbuf_str(&tags));
	cr_expect_eq(text_card_parse(f, &q, &a, &t, &g, &err), -1);
	cr_expect_str_eq(err, "tags of more than 1024 KiB on one card");
	cr_expect(!text_tags_fit(strbuf_str(&tags)));
	free(f);
	free(err);
	strbuf_free(&tags);
	free(big);
}
