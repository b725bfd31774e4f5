/*
 * fuzz_reviews.c - review logs (deckio_import_reviews), and the ranges
 * deckio.h promises for every answer handed over.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "core/deckio.h"
#include "fuzz.h"

static int
on_review(const struct deckio_review_row *row, void *ctx, char **errmsg)
{
	(void)ctx;
	(void)errmsg;
	if (row->card_id == NULL || row->card_id[0] == '\0')
		fuzz_fail("a review without a card id", NULL);
	if (!fuzz_utf8(row->card_id))
		fuzz_fail("the card id is not UTF-8 text", row->card_id);
	if (row->rating < 1 || row->rating > 4)
		fuzz_fail("rating out of 1..4", row->card_id);
	if (row->state < -1 || row->state > 3)
		fuzz_fail("state out of -1..3", row->card_id);
	if (row->duration < -1)
		fuzz_fail("negative duration", row->card_id);
	if (row->duration > REVIEW_DURATION_MAX_MS)
		fuzz_fail("a duration beyond REVIEW_DURATION_MAX_MS",
		    row->card_id);
	if (row->line < 1)
		fuzz_fail("line before the first", row->card_id);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *err = NULL;
	int rc = deckio_import_reviews(fuzz_file(data, size), on_review, NULL,
	    &err);

	if (rc != 0 && err == NULL)
		fuzz_fail("a review import failed without a message", NULL);
	if (rc == 0 && err != NULL)
		fuzz_fail("a review import succeeded with a message", err);
	free(err);
	return 0;
}
