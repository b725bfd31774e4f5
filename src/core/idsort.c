/* idsort.c - putting the ids of a search's result in order (idsort.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/idsort.h"
#include "core/util.h"

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

void
idsort_ids(int64_t *v, size_t n)
{
	int64_t lo, hi;
	uint64_t *bits;
	size_t span, k = 0;

	if (n < 2)
		return;
	lo = hi = v[0];
	for (size_t i = 1; i < n; i++) {
		lo = v[i] < lo ? v[i] : lo;
		hi = v[i] > hi ? v[i] : hi;
	}
	/* Ids handed out one after the other fill most of their range: one
	 * bit each, read back in order, beats any comparison sort. */
	if ((uint64_t)hi - (uint64_t)lo >= 16 * (uint64_t)n + 4096) {
		qsort(v, n, sizeof(*v), cmp_id);
		return;
	}
	span = (size_t)((uint64_t)hi - (uint64_t)lo) + 1;
	bits = xcalloc(span / 64 + 1, sizeof(*bits));
	for (size_t i = 0; i < n; i++) {
		size_t b = (size_t)((uint64_t)v[i] - (uint64_t)lo);

		bits[b / 64] |= UINT64_C(1) << (b % 64);
	}
	for (size_t w = 0; w <= span / 64; w++)
		for (uint64_t x = bits[w]; x != 0; x &= x - 1)
			v[k++] = lo + (int64_t)(w * 64 + (size_t)__builtin_ctzll(x));
	free(bits);
}

uint64_t
idsort_int(int64_t x, int desc)
{
	uint64_t u = (uint64_t)x ^ (UINT64_C(1) << 63);

	return desc ? ~u : u;
}

uint64_t
idsort_real(double x, int desc)
{
	uint64_t u;

	if (x == 0)
		x = 0; /* -0 as 0 */
	memcpy(&u, &x, sizeof(u));
	u = (u >> 63) != 0 ? ~u : u | (UINT64_C(1) << 63);
	return desc ? ~u : u;
}

static int
cmp_key_id(const void *a, const void *b)
{
	const struct id_key *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* v[0..n) by id: into the slot of each id when they are dense enough. */
static void
by_id(struct id_key *v, size_t n, struct id_key *tmp)
{
	int64_t lo = v[0].id, hi = v[0].id;
	size_t span, k = 0;
	uint64_t *bits;
	size_t *slot;

	for (size_t i = 1; i < n; i++) {
		lo = v[i].id < lo ? v[i].id : lo;
		hi = v[i].id > hi ? v[i].id : hi;
	}
	if ((uint64_t)hi - (uint64_t)lo >= 4 * (uint64_t)n + 4096) {
		qsort(v, n, sizeof(*v), cmp_key_id);
		return;
	}
	span = (size_t)((uint64_t)hi - (uint64_t)lo) + 1;
	bits = xcalloc(span / 64 + 1, sizeof(*bits));
	slot = xcalloc(span, sizeof(*slot));
	for (size_t i = 0; i < n; i++) {
		size_t b = (size_t)((uint64_t)v[i].id - (uint64_t)lo);

		bits[b / 64] |= UINT64_C(1) << (b % 64);
		slot[b] = i;
	}
	for (size_t w = 0; w <= span / 64; w++)
		for (uint64_t x = bits[w]; x != 0; x &= x - 1)
			tmp[k++] = v[slot[w * 64 + (size_t)__builtin_ctzll(x)]];
	memcpy(v, tmp, n * sizeof(*v));
	free(bits);
	free(slot);
}

void
idsort_by_key(struct id_key *v, size_t n)
{
	struct id_key *tmp, *from = v, *to;

	if (n < 2)
		return;
	tmp = xcalloc(n, sizeof(*tmp));
	to = tmp;
	by_id(v, n, tmp);
	/* Least significant byte first, each pass stable; a byte the same in
	 * every key is no pass at all. */
	for (int shift = 0; shift < 64; shift += 8) {
		size_t count[257] = { 0 };
		struct id_key *t;

		for (size_t i = 0; i < n; i++)
			count[(from[i].u >> shift & 0xff) + 1]++;
		if (count[(from[0].u >> shift & 0xff) + 1] == n)
			continue;
		for (int b = 0; b < 256; b++)
			count[b + 1] += count[b];
		for (size_t i = 0; i < n; i++)
			to[count[from[i].u >> shift & 0xff]++] = from[i];
		t = from;
		from = to;
		to = t;
	}
	if (from != v)
		memcpy(v, from, n * sizeof(*v));
	free(tmp);
}

static int
cmp_skid(const void *a, const void *b)
{
	const struct id_key *x = a, *y = b;

	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->u != y->u)
		return x->u < y->u ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

void
idsort_by_s(struct id_key *v, size_t n)
{
	size_t count[4] = { 0 }, at[4];
	struct id_key *out;

	for (size_t i = 0; i < n; i++) {
		if (v[i].s < 0 || v[i].s > 3) {
			qsort(v, n, sizeof(*v), cmp_skid);
			return;
		}
		count[v[i].s]++;
	}
	if (n < 2)
		return;
	at[0] = 0;
	for (int s = 1; s < 4; s++)
		at[s] = at[s - 1] + count[s - 1];
	out = xcalloc(n, sizeof(*out));
	for (size_t i = 0; i < n; i++)
		out[at[v[i].s]++] = v[i];
	memcpy(v, out, n * sizeof(*v));
	free(out);
}
