/*
 * optimize_load.h - the optimizer's items (optimize.h) from a collection.
 */
#ifndef REHEARSE_OPTIMIZE_LOAD_H
#define REHEARSE_OPTIMIZE_LOAD_H

#include "core/optimize.h"
#include "core/store.h"

/*
 * Reads the review log of deck deck_id's cards (0: every card) into *it,
 * days cut at day_starts_at o'clock local time.  -1 on a store error
 * (*errmsg set, *it empty); the caller frees *it with optimize_items_free.
 */
int optimize_load(struct store *st, int64_t deck_id, int day_starts_at,
    struct opt_items *it, char **errmsg);

#endif
