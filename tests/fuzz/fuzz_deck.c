/*
 * fuzz_deck.c - deck files, native CSV and Anki text (deckio_import), and
 * the contract of deckio.h on every row handed over.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/deckio.h"
#include "fuzz.h"

static int
on_row(const struct deckio_row *row, void *ctx, char **errmsg)
{
	(void)ctx;
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
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *err = NULL;
	int rc = deckio_import(fuzz_file(data, size), NULL, on_row, NULL, &err);

	if (rc != 0 && err == NULL)
		fuzz_fail("an import failed without a message", NULL);
	if (rc == 0 && err != NULL)
		fuzz_fail("an import succeeded with a message", err);
	free(err);
	return 0;
}
