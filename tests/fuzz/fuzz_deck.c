/*
 * fuzz_deck.c - deck files, native CSV and Anki text (deckio_import): the
 * contract of deckio.h on every row handed over, and its promise that the
 * native format gives back every string exactly: the rows read are written
 * with deckio_write_card and read again.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deckio.h"
#include "core/util.h"
#include "fuzz.h"

/* The rows of one import, as cards. */
struct rows {
	struct card *v;
	size_t n, cap;
	size_t next; /* the row the second reading has reached */
};

static bool
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int
on_row_again(const struct deckio_row *row, void *ctx, char **errmsg)
{
	struct rows *r = ctx;
	const struct card *c = r->next < r->n ? &r->v[r->next] : NULL;

	(void)errmsg;
	if (c == NULL)
		fuzz_fail("more rows read back than written", row->question);
	if (!same(row->id, c->ext_id) || !same(row->deck, c->deck) ||
	    !same(row->question, c->question) || !same(row->answer, c->answer) ||
	    !same(row->tips, c->tips) || !same(row->tags, c->tags))
		fuzz_fail("a row does not read back the same", c->question);
	r->next++;
	return 0;
}

static void
check_round_trip(struct rows *r)
{
	char *text = NULL, *err = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (f == NULL)
		abort();
	if (deckio_write_header(f, false, &err) != 0)
		fuzz_fail("cannot write a header", err);
	for (size_t i = 0; i < r->n; i++)
		if (deckio_write_card(f, &r->v[i], false, &err) != 0)
			fuzz_fail("cannot write a card", err);
	if (fclose(f) != 0)
		abort();
	if (deckio_import(fuzz_file((const uint8_t *)text, len), NULL,
		on_row_again, r, &err) != 0)
		fuzz_fail("the cards written do not read back", err);
	if (r->next != r->n)
		fuzz_fail("fewer rows read back than written", text);
	free(text);
}

static void
keep_row(struct rows *r, const struct deckio_row *row)
{
	struct card *c;

	r->v = xgrow(r->v, &r->cap, r->n, sizeof(*r->v));
	c = &r->v[r->n++];
	memset(c, 0, sizeof(*c));
	c->ext_id = row->id;
	c->deck = row->deck;
	c->question = row->question;
	c->answer = row->answer;
	c->tips = row->tips;
	c->tags = row->tags;
	card_own(c); /* the row's text lasts only for the call */
}

static int
on_row(const struct deckio_row *row, void *ctx, char **errmsg)
{
	(void)errmsg;
	if (row->question == NULL || row->answer == NULL ||
	    row->tips == NULL || row->tags == NULL)
		fuzz_fail("a row field is NULL", NULL);
	if (row->question[strspn(row->question, " ")] == '\0')
		fuzz_fail("empty question", row->question);
	if (row->line < 1)
		fuzz_fail("line before the first", row->question);
	if (!fuzz_utf8(row->question) || !fuzz_utf8(row->answer) ||
	    !fuzz_utf8(row->tips) || !fuzz_utf8(row->tags) ||
	    (row->deck != NULL && !fuzz_utf8(row->deck)) ||
	    (row->id != NULL && !fuzz_utf8(row->id)))
		fuzz_fail("a text is not UTF-8", row->question);
	if (strpbrk(row->tags, "\t\n\v\f\r") != NULL || !fuzz_words(row->tags))
		fuzz_fail("tags not normalised", row->tags);
	keep_row(ctx, row);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rows r = { 0 };
	char *err = NULL;
	int rc = deckio_import(fuzz_file(data, size), NULL, on_row, &r, &err);

	if (rc != 0 && err == NULL)
		fuzz_fail("an import failed without a message", NULL);
	if (rc == 0 && err != NULL)
		fuzz_fail("an import succeeded with a message", err);
	free(err);
	if (r.n > 0)
		check_round_trip(&r);
	for (size_t i = 0; i < r.n; i++)
		card_clear(&r.v[i]);
	free(r.v);
	return 0;
}
