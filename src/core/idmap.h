/*
 * idmap.h - a table from strings (cards' ext_ids) to ids, for looking up
 * many names fast.  Keys are copied; the map owns them.  Never fails
 * (out of memory dies, as everywhere).
 */
#ifndef REHEARSE_IDMAP_H
#define REHEARSE_IDMAP_H

#include <stddef.h>
#include <stdint.h>

struct idmap {
	char **keys; /* NULL: an empty slot */
	int64_t *ids;
	uint32_t *tags; /* the high half of each key's hash: most keys that
	                   differ are told apart without reading them */
	size_t cap;     /* a power of two, or 0 */
	size_t n;
};

/* Adds key -> id, or sets the id of a key already there. */
void idmap_put(struct idmap *m, const char *key, int64_t id);
/* The id of key, or 0 when it is not in m. */
int64_t idmap_get(const struct idmap *m, const char *key);
void idmap_free(struct idmap *m);

#endif
