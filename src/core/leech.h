/*
 * leech.h - cards that keep lapsing.  A card becomes a leech when a lapse
 * brings it to leech-threshold lapses, and again every half threshold
 * after (as Anki counts); a leech is tagged "leech" and, by leech-action,
 * suspended.  A live answer (session.c) and a replayed review log
 * (history.c) apply the same rule here.  Over store; no printing.
 */
#ifndef REHEARSE_LEECH_H
#define REHEARSE_LEECH_H

#include <stdbool.h>
#include <stdint.h>

#include "core/store.h"

/* Whether the answer that took a card from before to after makes it a
 * leech under threshold (leech-threshold). */
bool leech_reached(int threshold, const struct sched *before,
    const struct sched *after);

/*
 * Makes card c (as stored) a leech inside the caller's transaction: tags
 * it "leech" when it is not yet, its modification time now, and suspends
 * it when action (enum settings_leech_action) is LEECH_SUSPEND and it is
 * not suspended yet.  A card whose tags have no room for one more
 * (text_join_tags: TEXT_MAX_TAGS tags, or TEXT_MAX_FIELD bytes) is not
 * tagged, so that it exports and imports again, but suspended all the
 * same.  *old_tags (old_tags may be NULL) gets a copy of the tags before
 * when they changed, else NULL; *suspended (may be NULL)
 * tells whether it was suspended here.  0, or -1 with *errmsg (the caller
 * rolls back).
 */
int leech_make(struct store *st, const struct card *c, int action, int64_t now,
    char **old_tags, bool *suspended, char **errmsg);

#endif
