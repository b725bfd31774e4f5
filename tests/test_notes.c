/*
 * test_notes.c - notes of Anki text files to cards (deckio_note.c): cloze
 * notes, the reversed note types, the HTML of fields (deckio_html.c), the
 * counts of what was converted; and the cloze (cloze.c) and markup
 * (markup.c) functions they use.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cloze.h"
#include "core/deckio.h"
#include "core/markup.h"
#include "core/util.h"

struct card_got {
	char *id, *q, *a, *t;
};

struct got {
	struct card_got c[32];
	size_t n;
	struct deckio_notes notes;
};

static int
collect(const struct deckio_row *row, void *ctx, char **errmsg)
{
	struct got *g = ctx;

	(void)errmsg;
	cr_assert_lt(g->n, 32);
	g->c[g->n].id = row->id != NULL ? xstrdup(row->id) : NULL;
	g->c[g->n].q = xstrdup(row->question);
	g->c[g->n].a = xstrdup(row->answer);
	g->c[g->n].t = xstrdup(row->tips);
	g->n++;
	return 0;
}

static void
got_free(struct got *g)
{
	for (size_t i = 0; i < g->n; i++) {
		free(g->c[i].id);
		free(g->c[i].q);
		free(g->c[i].a);
		free(g->c[i].t);
	}
	memset(g, 0, sizeof(*g));
}

/* Reads the text s as a deck file into g; 0 or -1 with *err. */
static int
read_str(const char *s, struct got *g, char **err)
{
	FILE *f = fmemopen((void *)s, strlen(s), "r");
	struct deckio_opts o = { .notes = &g->notes };
	int rc;

	cr_assert_not_null(f);
	rc = deckio_import_stream(f, "T", &o, collect, g, err);
	fclose(f);
	return rc;
}

static void
expect_card(const struct got *g, size_t i, const char *id, const char *q,
    const char *a)
{
	cr_assert_lt(i, g->n, "card %zu of %zu", i, g->n);
	if (id == NULL)
		cr_expect_null(g->c[i].id);
	else
		cr_expect_str_eq(g->c[i].id, id);
	cr_expect_str_eq(g->c[i].q, q);
	cr_expect_str_eq(g->c[i].a, a);
}

#define HEAD "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n"

Test(cloze, one_card_per_number_with_hints_and_extra)
{
	struct got g = { 0 };
	char *err = NULL;

	cr_assert_eq(read_str(HEAD "g1\tCloze\tThe {{c1::mitochondria}} is the "
				   "{{c2::powerhouse::role}} of the {{c1::cell}}"
				   "\t<i>biology</i>\n",
			 &g, &err),
	    0, "%s", err);
	cr_assert_eq(g.n, 2);
	expect_card(&g, 0, "g1:c1", "The [...] is the powerhouse of the [...]",
	    "The <b>mitochondria</b> is the powerhouse of the <b>cell</b>\n\n"
	    "<i>biology</i>");
	expect_card(&g, 1, "g1:c2", "The mitochondria is the [role] of the cell",
	    "The mitochondria is the <b>powerhouse</b> of the cell\n\n"
	    "<i>biology</i>");
	cr_expect_eq(g.notes.notes, 1);
	cr_expect_eq(g.notes.cloze_notes, 1);
	cr_expect_eq(g.notes.cloze_cards, 2);
	cr_expect_eq(g.notes.cloze_detected, 0);
	got_free(&g);
}

Test(cloze, detected_by_its_text_without_a_notetype)
{
	struct got g = { 0 };
	char *err = NULL;

	cr_assert_eq(read_str("#separator:tab\n#html:false\n"
			      "{{c2::Paris}} is in {{c1::France}}\t\n"
			      "plain\tcard\n",
			 &g, &err),
	    0, "%s", err);
	cr_assert_eq(g.n, 3);
	/* in number order, without a guid: no id */
	expect_card(&g, 0, NULL, "Paris is in [...]", "Paris is in <b>France</b>");
	expect_card(&g, 1, NULL, "[...] is in France", "<b>Paris</b> is in France");
	expect_card(&g, 2, NULL, "plain", "card");
	cr_expect_eq(g.notes.cloze_detected, 1);
	cr_expect_eq(g.notes.notes, 2);
	got_free(&g);
}

Test(cloze, a_basic_notetype_is_not_detected)
{
	struct got g = { 0 };
	char *err = NULL;

	cr_assert_eq(read_str(HEAD "g\tBasic\t{{c1::x}}\ty\n", &g, &err), 0,
	    "%s", err);
	cr_assert_eq(g.n, 1);
	expect_card(&g, 0, "g", "{{c1::x}}", "y");
	got_free(&g);
}

Test(cloze, nested_and_unclosed)
{
	struct strbuf b = { 0 };
	int nums[4];

	cr_assert_eq(cloze_numbers("{{c1::a {{c2::b}} c}} {{c1::d}}", nums, 4), 2);
	cr_expect_eq(nums[0], 1);
	cr_expect_eq(nums[1], 2);
	cloze_render(&b, "{{c1::a {{c2::b}} c}}", 2, false);
	cr_expect_str_eq(b.s, "a [...] c");
	strbuf_reset(&b);
	cloze_render(&b, "{{c1::a {{c2::b}} c}}", 1, true);
	cr_expect_str_eq(b.s, "<b>a b c</b>");
	strbuf_reset(&b);
	cloze_render(&b, "{{c1::open and {{c0::zero}}", 1, false);
	cr_expect_str_eq(b.s, "{{c1::open and {{c0::zero}}");
	cr_expect(!cloze_has("{{c1::never closed"));
	cr_expect(!cloze_has("{{c::x}}"));
	cr_expect(cloze_has("x {{c12::y}}"));
	strbuf_free(&b);
}

Test(cloze, unclosed_openers_stay_linear, .timeout = 10)
{
	struct strbuf b = { 0 };
	int nums[4];

	for (int i = 0; i < 100000; i++)
		strbuf_adds(&b, "{{c1::{{");
	cr_expect_eq(cloze_numbers(b.s, nums, 4), 0);
	strbuf_free(&b);
}

Test(reversed, both_ways_and_optional)
{
	struct got g = { 0 };
	char *err = NULL;

	cr_assert_eq(read_str(HEAD "a\tBasic (and reversed card)\tdog\tHund\n"
				   "b\tBasic (optional reversed card)\tcat\tKatze\ty\n"
				   "c\tBasic (optional reversed card)\tcow\tKuh\t\n"
				   "d\tBasic (and reversed card)\tempty back\t\n",
			 &g, &err),
	    0, "%s", err);
	cr_assert_eq(g.n, 6);
	expect_card(&g, 0, "a", "dog", "Hund");
	expect_card(&g, 1, "a:rev", "Hund", "dog");
	expect_card(&g, 2, "b", "cat", "Katze");
	expect_card(&g, 3, "b:rev", "Katze", "cat");
	expect_card(&g, 4, "c", "cow", "Kuh");
	expect_card(&g, 5, "d", "empty back", "");
	cr_expect_eq(g.notes.reversed_cards, 2);
	got_free(&g);
}

Test(reversed, named_add_reverse_column_and_notetype_directive)
{
	struct got g = { 0 };
	char *err = NULL;

	cr_assert_eq(read_str("#separator:;\n#notetype:Basic (optional reversed "
			      "card)\n#columns:Add Reverse;Front;Back\n"
			      "y;q;a\n;q2;a2\n",
			 &g, &err),
	    0, "%s", err);
	cr_assert_eq(g.n, 3);
	expect_card(&g, 0, NULL, "q", "a");
	expect_card(&g, 1, NULL, "a", "q");
	expect_card(&g, 2, NULL, "q2", "a2");
	got_free(&g);
}

Test(html, every_element)
{
	struct got g = { 0 };
	char *err = NULL;

	cr_assert_eq(
	    read_str("#separator:tab\n#html:true\n"
		     "<ul><li>one</li><li>two</li></ul>"
		     "<ol><li>first</li><li>second</li></ol>\t"
		     "see <a href='https://x.org/?a=1&amp;b=2'>docs</a> or "
		     "<a href='https://y.org'>https://y.org</a>\n"
		     "<img src=cell.png> [sound:beat.mp3] <img>\t"
		     "<strong>B</strong><em>I</em><u>U</u><code>C</code>&#27;[31m"
		     "&copy;&hellip;&#x1F600;\n",
		&g, &err),
	    0, "%s", err);
	cr_assert_eq(g.n, 2);
	expect_card(&g, 0, NULL, "- one\n- two\n1. first\n2. second",
	    "see docs (https://x.org/?a=1&b=2) or https://y.org");
	expect_card(&g, 1, NULL, "[image: cell.png] [sound: beat.mp3] [image]",
	    "<b>B</b><i>I</i><u>U</u><code>C</code>[31m\xc2\xa9\xe2\x80\xa6"
	    "\xf0\x9f\x98\x80");
	cr_expect_eq(g.notes.images, 2);
	cr_expect_eq(g.notes.sounds, 1);
	cr_expect_eq(g.notes.links, 2);
	got_free(&g);
}

Test(html, nested_lists_are_indented)
{
	struct got g = { 0 };
	char *err = NULL;

	cr_assert_eq(read_str("#html:true\n<ol><li>a<ul><li>b</li></ul></li>"
			      "<li>c</li></ol>\tx\n",
			 &g, &err),
	    0, "%s", err);
	cr_assert_eq(g.n, 1);
	expect_card(&g, 0, NULL, "1. a\n  - b\n2. c", "x");
	got_free(&g);
}

Test(html, sounds_in_text_files_too)
{
	struct got g = { 0 };
	char *err = NULL;

	cr_assert_eq(read_str("#html:false\nq [sound:a.ogg]\ta\n", &g, &err), 0,
	    "%s", err);
	expect_card(&g, 0, NULL, "q [sound: a.ogg]", "a");
	cr_expect_eq(g.notes.sounds, 1);
	got_free(&g);
}

Test(markup, strip_gives_attributes)
{
	struct strbuf b = { 0 };
	unsigned char *attrs;

	markup_strip("a<b>b<i>c</b>d</i>e < f <div>", &b, &attrs);
	cr_assert_str_eq(b.s, "abcde < f <div>");
	cr_expect_eq(attrs[0], 0);
	cr_expect_eq(attrs[1], MARKUP_BOLD);
	cr_expect_eq(attrs[2], MARKUP_BOLD | MARKUP_ITALIC);
	cr_expect_eq(attrs[3], MARKUP_ITALIC);
	cr_expect_eq(attrs[4], 0);
	free(attrs);
	markup_strip("<u></u>", &b, &attrs);
	cr_expect_eq(b.len, 0);
	cr_expect_null(attrs);
	strbuf_free(&b);
}

Test(markup, to_html_escapes_and_balances)
{
	struct strbuf b = { 0 };

	markup_to_html(&b, "x < y & \"z\"\n<b>bold<code>c");
	cr_expect_str_eq(b.s, "x &lt; y &amp; &quot;z&quot;<br><b>bold<code>c"
			      "</code></b>");
	strbuf_free(&b);
}

/* HTML -> text -> HTML gives the same markup elements back. */
Test(markup, html_round_trip)
{
	struct got g = { 0 };
	struct strbuf b = { 0 };
	char *err = NULL;

	cr_assert_eq(read_str("#html:true\n<b>x</b> &lt; <i>y</i><br><u>z</u> "
			      "<code>a&amp;b</code>\tq\n",
			 &g, &err),
	    0, "%s", err);
	markup_to_html(&b, g.c[0].q);
	cr_expect_str_eq(b.s, "<b>x</b> &lt; <i>y</i><br><u>z</u> "
			      "<code>a&amp;b</code>");
	strbuf_free(&b);
	got_free(&g);
}

Test(cloze, placeholders_are_counted_once_a_note)
{
	struct got g = { 0 };
	char *err = NULL;

	cr_assert_eq(read_str(HEAD "g\tCloze\t{{c1::a}} {{c2::b}} {{c3::c}} "
				   "<img src=x.png>\t\n",
			 &g, &err),
	    0, "%s", err);
	cr_assert_eq(g.n, 3);
	cr_expect_eq(g.notes.images, 1);
	expect_card(&g, 2, "g:c3", "a b [...] [image: x.png]",
	    "a b <b>c</b> [image: x.png]");
	got_free(&g);
}
