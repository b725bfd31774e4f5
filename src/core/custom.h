/*
 * custom.h - the cards of a custom study session (session.h's
 * session_custom): which, and in what order.  Reads the collection, never
 * the clock.
 */
#ifndef REHEARSE_CUSTOM_H
#define REHEARSE_CUSTOM_H

#include <stddef.h>
#include <stdint.h>

#include "core/session.h"

/* A card of the list and its state when the list was made. */
struct custom_card {
	int64_t id;
	enum card_state state;
};

/* The list for c over deck_id (0: all) at now; *out: the caller frees. */
int custom_pick(struct store *st, const struct settings *set, int64_t deck_id,
    const struct session_custom *c, int64_t now, struct custom_card **out,
    size_t *n, char **errmsg);

/* A tag of a deck's cards, with how many cards (not suspended) carry it. */
struct custom_tag {
	char *name;
	int64_t cards;
};

/* The tags of deck_id's cards that are not suspended (0: every deck), by
 * name (bytewise); *out (NULL when *n is 0): custom_tags_free. */
int custom_tags(struct store *st, int64_t deck_id, struct custom_tag **out,
    size_t *n, char **errmsg);
void custom_tags_free(struct custom_tag *t, size_t n);

#endif
