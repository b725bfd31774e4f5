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
#include <criterion/parameterized.h>
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

/* A deck file's text, the cards it must give in order (id NULL: none),
 * and the counts of what was converted. */
struct note_case {
	const char *name;
	const char *text;
	size_t n;
	struct card_want {
		const char *id, *q, *a;
	} want[6];
	struct deckio_notes notes;
};

/* clang-format off */
static struct note_case note_cases[] = {
	{ "cloze: a card per number, with hints and the extra field",
	    HEAD "g1\tCloze\tThe {{c1::mitochondria}} is the "
	    "{{c2::powerhouse::role}} of the {{c1::cell}}\t<i>biology</i>\n",
	    2, {
		{ "g1:c1", "The [...] is the powerhouse of the [...]",
		    "The <b>mitochondria</b> is the powerhouse of the <b>cell</b>\n\n"
		    "<i>biology</i>" },
		{ "g1:c2", "The mitochondria is the [role] of the cell",
		    "The mitochondria is the <b>powerhouse</b> of the cell\n\n"
		    "<i>biology</i>" } },
	    { .notes = 1, .cloze_notes = 1, .cloze_cards = 2 } },
	/* in number order, without a guid: no id */
	{ "cloze: detected by its text without a note type",
	    "#separator:tab\n#html:false\n{{c2::Paris}} is in {{c1::France}}\t\n"
	    "plain\tcard\n",
	    3, {
		{ NULL, "Paris is in [...]", "Paris is in <b>France</b>" },
		{ NULL, "[...] is in France", "<b>Paris</b> is in France" },
		{ NULL, "plain", "card" } },
	    { .notes = 2, .cloze_notes = 1, .cloze_detected = 1, .cloze_cards = 2 } },
	{ "cloze: a Basic note type is not detected",
	    HEAD "g\tBasic\t{{c1::x}}\ty\n",
	    1, { { "g", "{{c1::x}}", "y" } },
	    { .notes = 1 } },
	{ "cloze: a placeholder is counted once a note",
	    HEAD "g\tCloze\t{{c1::a}} {{c2::b}} {{c3::c}} <img src=x.png>\t\n",
	    3, {
		{ "g:c1", "[...] b c [image: x.png]", "<b>a</b> b c [image: x.png]" },
		{ "g:c2", "a [...] c [image: x.png]", "a <b>b</b> c [image: x.png]" },
		{ "g:c3", "a b [...] [image: x.png]", "a b <b>c</b> [image: x.png]" } },
	    { .notes = 1, .cloze_notes = 1, .cloze_cards = 3, .images = 1 } },
	{ "reversed: both ways, and optional",
	    HEAD "a\tBasic (and reversed card)\tdog\tHund\n"
	    "b\tBasic (optional reversed card)\tcat\tKatze\ty\n"
	    "c\tBasic (optional reversed card)\tcow\tKuh\t\n"
	    "d\tBasic (and reversed card)\tempty back\t\n",
	    6, {
		{ "a", "dog", "Hund" }, { "a:rev", "Hund", "dog" },
		{ "b", "cat", "Katze" }, { "b:rev", "Katze", "cat" },
		{ "c", "cow", "Kuh" }, { "d", "empty back", "" } },
	    { .notes = 4, .reversed_cards = 2 } },
	{ "reversed: an Add Reverse column and a notetype directive",
	    "#separator:;\n#notetype:Basic (optional reversed card)\n"
	    "#columns:Add Reverse;Front;Back\ny;q;a\n;q2;a2\n",
	    3, { { NULL, "q", "a" }, { NULL, "a", "q" }, { NULL, "q2", "a2" } },
	    { .notes = 2, .reversed_cards = 1 } },
	{ "html: every element",
	    "#separator:tab\n#html:true\n"
	    "<ul><li>one</li><li>two</li></ul>"
	    "<ol><li>first</li><li>second</li></ol>\t"
	    "see <a href='https://x.org/?a=1&amp;b=2'>docs</a> or "
	    "<a href='https://y.org'>https://y.org</a>\n"
	    "<img src=cell.png> [sound:beat.mp3] <img>\t"
	    "<strong>B</strong><em>I</em><u>U</u><code>C</code>&#27;[31m"
	    "&copy;&hellip;&#x1F600;\n",
	    2, {
		{ NULL, "- one\n- two\n1. first\n2. second",
		    "see docs (https://x.org/?a=1&b=2) or https://y.org" },
		{ NULL, "[image: cell.png] [sound: beat.mp3] [image]",
		    "<b>B</b><i>I</i><u>U</u><code>C</code>[31m\xc2\xa9\xe2\x80\xa6"
		    "\xf0\x9f\x98\x80" } },
	    { .notes = 2, .images = 2, .sounds = 1, .links = 2 } },
	{ "html: nested lists are indented",
	    "#html:true\n<ol><li>a<ul><li>b</li></ul></li><li>c</li></ol>\tx\n",
	    1, { { NULL, "1. a\n  - b\n2. c", "x" } },
	    { .notes = 1 } },
	{ "html: sounds in text files too",
	    "#html:false\nq [sound:a.ogg]\ta\n",
	    1, { { NULL, "q [sound: a.ogg]", "a" } },
	    { .notes = 1, .sounds = 1 } },
};
/* clang-format on */

#define N_NOTE_CASES (sizeof(note_cases) / sizeof(note_cases[0]))

/* The tests get the cases' indices: Criterion copies a parameter to the
 * test's process byte by byte, where the table's pointers may not hold. */
ParameterizedTestParameters(notes, to_cards)
{
	static size_t index[N_NOTE_CASES];

	for (size_t i = 0; i < N_NOTE_CASES; i++)
		index[i] = i;
	return cr_make_param_array(size_t, index, N_NOTE_CASES);
}

ParameterizedTest(size_t *i, notes, to_cards)
{
	const struct note_case *c = &note_cases[*i];
	struct got g = { 0 };
	char *err = NULL;
	const struct deckio_notes *want = &c->notes, *got = &g.notes;

	cr_assert_eq(read_str(c->text, &g, &err), 0, "%s: %s", c->name, err);
	cr_assert_eq(g.n, c->n, "%s: %zu cards", c->name, g.n);
	for (size_t i = 0; i < c->n; i++)
		expect_card(&g, i, c->want[i].id, c->want[i].q, c->want[i].a);
	cr_expect_eq(got->notes, want->notes, "%s: notes", c->name);
	cr_expect_eq(got->cloze_notes, want->cloze_notes, "%s: cloze", c->name);
	cr_expect_eq(got->cloze_detected, want->cloze_detected, "%s: detected",
	    c->name);
	cr_expect_eq(got->cloze_cards, want->cloze_cards, "%s: cloze cards",
	    c->name);
	cr_expect_eq(got->reversed_cards, want->reversed_cards, "%s: reversed",
	    c->name);
	cr_expect_eq(got->images, want->images, "%s: images", c->name);
	cr_expect_eq(got->sounds, want->sounds, "%s: sounds", c->name);
	cr_expect_eq(got->links, want->links, "%s: links", c->name);
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
