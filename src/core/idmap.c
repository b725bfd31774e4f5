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

	while (m->keys[i] != NULL &&
	       (m->tags[i] != tag || strcmp(m->keys[i], key) != 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void
grow(struct idmap *m)
{
	struct idmap bigger = { .cap = m->cap != 0 ? m->cap * 2 : 1024 };

	bigger.keys = xcalloc(bigger.cap, sizeof(*bigger.keys));
	bigger.ids = xcalloc(bigger.cap, sizeof(*bigger.ids));
	bigger.tags = xcalloc(bigger.cap, sizeof(*bigger.tags));
	for (size_t i = 0; i < m->cap; i++) {
		if (m->keys[i] != NULL) {
			size_t j = slot(&bigger, m->keys[i], hash(m->keys[i]));

			bigger.keys[j] = m->keys[i];
			bigger.ids[j] = m->ids[i];
			bigger.tags[j] = m->tags[i];
		}
	}
	bigger.n = m->n;
	free(m->keys);
	free(m->ids);
	free(m->tags);
	*m = bigger;
}

void
idmap_put(struct idmap *m, const char *key, int64_t id)
{
	uint64_t h = hash(key);
	size_t i;

	if ((m->n + 1) * 2 > m->cap) /* at most half full */
		grow(m);
	i = slot(m, key, h);
	if (m->keys[i] == NULL) {
		m->keys[i] = xstrdup(key);
		m->tags[i] = (uint32_t)(h >> 32);
		m->n++;
	}
	m->ids[i] = id;
}

int64_t
idmap_get(const struct idmap *m, const char *key)
{
	size_t i;

	if (m->cap == 0)
		return 0;
	i = slot(m, key, hash(key));
	return m->keys[i] != NULL ? m->ids[i] : 0;
}

void
idmap_free(struct idmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->ids);
	free(m->tags);
	*m = (struct idmap){ 0 };
}
