/*
 * fuzz_anki.c - the text work of Anki notes: cloze deletions (cloze.h),
 * card templates (anki_template.h), the markup (markup.h), Anki's HTML to
 * card text (deckio_html_to_text) and the protocol buffers of schema 18
 * (anki_proto.h).  None may crash or read out of bounds; HTML of valid
 * UTF-8 gives valid UTF-8 without a control but tab and newline; the
 * markup's attributes cover its text exactly; every cloze number found
 * renders.  The whole input is each function's text.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/anki_proto.h"
#include "core/anki_template.h"
#include "core/cloze.h"
#include "core/deckio.h"
#include "core/markup.h"
#include "fuzz.h"

static void
check_cloze(const char *s)
{
	int nums[8];
	size_t k = cloze_numbers(s, nums, 8);
	struct strbuf b = { 0 };

	for (size_t i = 0; i < k; i++) {
		if (nums[i] < 1 || (i > 0 && nums[i] <= nums[i - 1]))
			fuzz_fail("cloze numbers not increasing", s);
		strbuf_reset(&b);
		cloze_render(&b, s, nums[i], false);
		strbuf_reset(&b);
		cloze_render(&b, s, nums[i], true);
	}
	if ((k > 0) != cloze_has(s))
		fuzz_fail("cloze_has and cloze_numbers disagree", s);
	strbuf_free(&b);
}

static void
check_template(const char *s)
{
	static char *names[] = { "Front", "Back" };
	static char *values[] = { "{{c1::x::h}} <b>y</b>", "" };
	struct anki_notetype t = { .name = "T", .fields = names, .nfields = 2 };
	struct anki_note n = { .tags = "a", .fields = values, .nfields = 2 };
	struct anki_render r = { .type = &t, .note = &n, .deck = "A::B", .cloze = 1, .front = "F" };
	struct strbuf b = { 0 };
	const char *a;

	anki_template_fill(&b, s, &r);
	r.answer = true;
	anki_template_fill(&b, s, &r);
	a = anki_template_answer(strbuf_str(&b), "F");
	if (a < strbuf_str(&b) || a > strbuf_str(&b) + b.len)
		fuzz_fail("the answer is outside the back", s);
	strbuf_free(&b);
}

static void
check_html(const char *s)
{
	struct strbuf b = { 0 }, plain = { 0 };
	unsigned char *attrs;

	deckio_html_to_text(&b, s, NULL);
	if (fuzz_utf8(s)) {
		if (!fuzz_utf8(strbuf_str(&b)))
			fuzz_fail("HTML of UTF-8 gave another encoding", s);
		for (const unsigned char *p = (const unsigned char *)strbuf_str(&b);
		     *p != '\0'; p++)
			if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f ||
			    (p[0] == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0))
				fuzz_fail("a control survived the HTML", s);
	}
	markup_strip(strbuf_str(&b), &plain, &attrs);
	if ((plain.len == 0) != (attrs == NULL))
		fuzz_fail("attributes without text, or text without them", s);
	strbuf_reset(&plain);
	markup_to_html(&plain, s);
	free(attrs);
	strbuf_free(&plain);
	strbuf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);

	check_cloze(s);
	check_template(s);
	check_html(s);
	free(anki_proto_string(data, size, 1));
	(void)anki_proto_varint(data, size, 1);
	free(s);
	return 0;
}
