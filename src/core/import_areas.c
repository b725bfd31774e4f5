#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "core/areas.h"
#include "core/deckio.h"
#include "core/import_areas.h"
#include "core/text.h"
#include "core/util.h"

struct carry {
	struct store *st;
	int64_t now;
	long cards;
};

static int
carry_row(const struct deckio_row *row, void *ctx, char **errmsg)
{
	struct carry *c = ctx;
	struct card card;
	bool found, changed;
	char *tags;
	int added, rc;

	if (row->id == NULL || !row->has_tags)
		return 0;
	if (store_card_by_ext(c->st, row->id, &card, &found, errmsg) < 0)
		return -1;
	if (!found)
		return 0;
	tags = areas_merge(card.tags, row->tags, &added);
	rc = 0;
	/* a card with no room for them keeps its tags (text.h) */
	if (added > 0 && !text_tags_fit(tags))
		added = 0;
	if (added > 0) {
		card.tags = tags;
		rc = store_card_update_text(c->st, &card, c->now, &changed, errmsg);
		c->cards += rc == 0 && changed;
	}
	free(tags);
	card_clear(&card);
	return rc;
}

int
import_areas(struct store *st, char *const *files, size_t n, int64_t now,
    long *cards, char **errmsg)
{
	struct carry c = { st, now, 0 };

	*cards = 0;
	if (store_begin(st, errmsg) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (deckio_import(files[i], NULL, carry_row, &c, errmsg) != 0) {
			store_rollback(st);
			return -1;
		}
	if (store_commit(st, errmsg) < 0)
		return -1;
	*cards = c.cards;
	return 0;
}
