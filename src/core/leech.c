/* leech.c - cards that keep lapsing (leech.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "core/leech.h"
#include "core/settings.h"
#include "core/text.h"
#include "core/util.h"

bool
leech_reached(int threshold, const struct sched *before,
    const struct sched *after)
{
	int every = threshold / 2 > 0 ? threshold / 2 : 1;

	return after->lapses > before->lapses && after->lapses >= threshold &&
	       (after->lapses - threshold) % every == 0;
}

int
leech_make(struct store *st, const struct card *c, int action, int64_t now,
    char **old_tags, bool *suspended, char **errmsg)
{
	struct card t = *c;
	int rc = 0;

	if (old_tags != NULL)
		*old_tags = NULL;
	if (suspended != NULL)
		*suspended = false;
	if (!card_has_tag(c, "leech")) {
		char *with = xasprintf("%s leech", c->tags);
		/* NULL: the card has the most tags a card may have already
		 * (text.h) */
		char *tags = text_join_tags(with, NULL);

		free(with);
		if (tags != NULL) {
			t.tags = tags;
			rc = store_card_update_text(st, &t, now, NULL, errmsg);
			free(tags);
			if (rc == 0 && old_tags != NULL)
				*old_tags = xstrdup(c->tags);
		}
	}
	if (rc == 0 && action == LEECH_SUSPEND && !c->suspended) {
		rc = store_card_set_suspended(st, c->id, true, errmsg);
		if (rc == 0 && suspended != NULL)
			*suspended = true;
	}
	return rc;
}
