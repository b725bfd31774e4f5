/*
 * deckio_columns.c - the columns of deck files: rehearse's own names, the
 * other names a native header may use, and what the names of Anki's
 * "#columns:" stand for.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "core/deckio_private.h"

const char *const dk_column_names[COL_COUNT] = {
	"id",
	"deck",
	"question",
	"answer",
	"tips",
	"tags",
	"state",
	"interval",
	"due",
	"stability",
	"difficulty",
	"reps",
	"lapses",
	"last_review",
	"learning_step",
};

const char *const *
deckio_state_columns(size_t *n)
{
	*n = COL_COUNT - COL_FIRST_SCHED;
	return dk_column_names + COL_FIRST_SCHED;
}

/* Other names a native header may give a column. */
static const struct {
	const char *name;
	enum column col;
} column_aliases[] = {
	{ "front", COL_QUESTION },
	{ "back", COL_ANSWER },
};

#define N_ALIASES (sizeof(column_aliases) / sizeof(column_aliases[0]))

/* A native header name, or -1. */
int
dk_native_column(const char *folded)
{
	for (int i = 0; i < COL_COUNT; i++)
		if (strcmp(folded, dk_column_names[i]) == 0)
			return i;
	for (size_t i = 0; i < N_ALIASES; i++)
		if (strcmp(folded, column_aliases[i].name) == 0)
			return (int)column_aliases[i].col;
	return -1;
}

/* "id, deck, question (or front), ...": every name native_column knows. */
void
dk_known_columns(struct strbuf *b)
{
	for (int c = 0; c < COL_COUNT; c++) {
		if (c > 0)
			strbuf_adds(b, ", ");
		strbuf_adds(b, dk_column_names[c]);
		for (size_t i = 0; i < N_ALIASES; i++)
			if ((int)column_aliases[i].col == c)
				strbuf_addf(
				    b, " (or %s)", column_aliases[i].name);
	}
}

/* What an Anki "#columns:" name stands for, or -1 (a field we leave out). */
int
dk_anki_column(const char *folded)
{
	static const struct {
		const char *name;
		int col;
	} names[] = {
		{ "question", COL_QUESTION },
		{ "front", COL_QUESTION },
		{ "text", COL_QUESTION },
		{ "answer", COL_ANSWER },
		{ "back", COL_ANSWER },
		{ "tips", COL_TIPS },
		{ "tip", COL_TIPS },
		{ "hint", COL_TIPS },
		{ "hints", COL_TIPS },
		{ "extra", COL_TIPS },
		{ "back extra", COL_TIPS },
		{ "notes", COL_TIPS },
		{ "how to prepare", COL_TIPS },
		{ "deck", COL_DECK },
		{ "tags", COL_TAGS },
		{ "guid", COL_ID },
		{ "id", COL_ID },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(folded, names[i].name) == 0)
			return names[i].col;
	return -1;
}
