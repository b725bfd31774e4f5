/* idmap.c - open addressing, linear probing, FNV-1a (idmap.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/idmap.h"
#include "core/util.h"

static uint64_t
hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= UINT64_C(1099511628211);
	}
	return h;
}

/* The slot of key (of hash h), or the empty slot where it would go. */
static size_t
slot(const struct idmap *m, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);
	uint32_t tag = (uint32_t)(h >> 32);

	while (m->slots[i].key != 0 &&
	       (m->slots[i].tag != tag ||
		   strcmp(m->arena + m->slots[i].key - 1, key) != 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void
grow(struct idmap *m)
{
	size_t cap = m->cap != 0 ? m->cap * 2 : 1024;
	struct idmap_slot *old = m->slots;
	size_t old_cap = m->cap;

	m->slots = xcalloc(cap, sizeof(*m->slots));
	m->cap = cap;
	for (size_t i = 0; i < old_cap; i++) {
		if (old[i].key != 0) {
			size_t j = (size_t)hash(m->arena + old[i].key - 1) & (cap - 1);

			while (m->slots[j].key != 0)
				j = (j + 1) & (cap - 1);
			m->slots[j] = old[i];
		}
	}
	free(old);
}

/* Copies key into the arena; 1 + its offset there. */
static uint32_t
keep_key(struct idmap *m, const char *key)
{
	size_t len = strlen(key) + 1, at = m->arena_len;

	if (at + len >= UINT32_MAX)
		die("idmap: more keys than it can hold");
	if (at + len > m->arena_cap) {
		m->arena_cap = m->arena_cap != 0 ? m->arena_cap * 2 : 4096;
		while (m->arena_cap < at + len)
			m->arena_cap *= 2;
		m->arena = xrealloc(m->arena, m->arena_cap);
	}
	memcpy(m->arena + at, key, len);
	m->arena_len = at + len;
	return (uint32_t)at + 1;
}

void
idmap_put(struct idmap *m, const char *key, int64_t id)
{
	uint64_t h;
	size_t i;

	if ((m->n + 1) * 2 > m->cap) /* at most half full */
		grow(m);
	h = hash(key);
	i = slot(m, key, h);
	if (m->slots[i].key == 0) {
		m->slots[i].key = keep_key(m, key);
		m->slots[i].tag = (uint32_t)(h >> 32);
		m->n++;
	}
	m->slots[i].id = id;
}

int64_t
idmap_get(const struct idmap *m, const char *key)
{
	size_t i;

	if (m->cap == 0)
		return 0;
	i = slot(m, key, hash(key));
	return m->slots[i].key != 0 ? m->slots[i].id : 0;
}

void
idmap_free(struct idmap *m)
{
	free(m->slots);
	free(m->arena);
	*m = (struct idmap){ 0 };
}
