/*
 * idmap.h - a table from strings (cards' ext_ids) to ids, for looking up
 * many names fast.  Keys are copied; the map owns them.  Never fails
 * (out of memory dies, as everywhere).
 */
#ifndef REHEARSE_IDMAP_H
#define REHEARSE_IDMAP_H

#include <stddef.h>
#include <stdint.h>

/* One slot: a probe reads one slot, and the key only when its tag (the
 * high half of its hash) matches. */
struct idmap_slot {
	int64_t id;
	uint32_t tag;
	uint32_t key; /* 1 + the key's offset in the arena; 0: an empty slot */
};

struct idmap {
	struct idmap_slot *slots;
	size_t cap; /* a power of two, or 0 */
	size_t n;
	char *arena; /* the keys, each ended by a NUL */
	size_t arena_len, arena_cap;
};

/* Adds key -> id, or sets the id of a key already there. */
void idmap_put(struct idmap *m, const char *key, int64_t id);
/* The id of key, or 0 when it is not in m. */
int64_t idmap_get(const struct idmap *m, const char *key);
void idmap_free(struct idmap *m);

#endif
