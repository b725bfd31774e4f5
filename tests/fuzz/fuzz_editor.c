/*
 * fuzz_editor.c - the card file the editor hands back (text_card_parse).
 * What it accepts must obey text.h, and must come back the same through
 * text_card_format and text_card_parse: an edit that changes nothing
 * changes nothing.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "fuzz.h"

static void
check_round_trip(char *const part[4])
{
	char *file = text_card_format(part[0], part[1], part[2], part[3]);
	char *back[4], *err = NULL;

	if (text_card_parse(file, &back[0], &back[1], &back[2], &back[3],
		&err) != 0)
		fuzz_fail("a formatted card does not parse", err);
	for (int i = 0; i < 4; i++) {
		if (strcmp(back[i], part[i]) != 0)
			fuzz_fail("a card does not read back the same", file);
		free(back[i]);
	}
	free(file);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_string(data, size);
	char *part[4], *err = NULL;

	if (text_card_parse(buf, &part[0], &part[1], &part[2], &part[3],
		&err) != 0) {
		if (err == NULL)
			fuzz_fail("a card refused without a message", NULL);
		free(err);
		free(buf);
		return 0;
	}
	if (err != NULL)
		fuzz_fail("a card accepted with a message", err);
	/* an empty answer is a card the collection can hold; a question is
	 * required */
	if (part[0][0] == '\0')
		fuzz_fail("an empty question accepted", buf);
	for (int i = 0; i < 4; i++)
		if (!fuzz_utf8(part[i]))
			fuzz_fail("a part is not UTF-8", buf);
	if (strpbrk(part[3], "\t\n\r") != NULL || !fuzz_words(part[3]))
		fuzz_fail("tags not normalised", part[3]);
	check_round_trip(part);
	for (int i = 0; i < 4; i++)
		free(part[i]);
	free(buf);
	return 0;
}
