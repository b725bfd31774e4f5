/*
 * deckio_anki.c - writing the cards as Anki's "Notes in Plain Text": tab
 * separated, HTML fields, with the directives that let Anki's File >
 * Import map the columns itself.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "core/deckio_private.h"
#include "core/markup.h"

int
deckio_write_anki_header(FILE *f, char **errmsg)
{
	struct strbuf b = { 0 };

	strbuf_adds(&b, "#separator:tab\n"
			"#html:true\n"
			"#notetype:Basic\n"
			"#guid column:1\n"
			"#deck column:2\n"
			"#tags column:5\n");
	return dk_write_out(f, &b, errmsg);
}

int
deckio_write_anki_card(FILE *f, const struct card *c, char **errmsg)
{
	struct strbuf b = { 0 }, html = { 0 };

	dk_put_field(&b, c->ext_id, '\t');
	strbuf_addc(&b, '\t');
	dk_put_field(&b, c->deck, '\t');
	strbuf_addc(&b, '\t');
	markup_to_html(&html, c->question);
	dk_put_field(&b, strbuf_str(&html), '\t');
	strbuf_addc(&b, '\t');
	strbuf_reset(&html);
	markup_to_html(&html, c->answer != NULL ? c->answer : "");
	/* Basic has two fields: the tips follow the answer */
	if (c->tips != NULL && c->tips[0] != '\0') {
		strbuf_adds(&html, "<br><br>");
		markup_to_html(&html, c->tips);
	}
	dk_put_field(&b, strbuf_str(&html), '\t');
	strbuf_addc(&b, '\t');
	dk_put_field(&b, c->tags, '\t');
	strbuf_addc(&b, '\n');
	strbuf_free(&html);
	return dk_write_out(f, &b, errmsg);
}
