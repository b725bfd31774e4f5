/*
 * idsort.h - putting the ids of a search's result in order
 * (store_search.c): pure functions over arrays, faster than SQLite's
 * sorter for the orders an index does not give.
 */
#ifndef REHEARSE_IDSORT_H
#define REHEARSE_IDSORT_H

#include <stddef.h>
#include <stdint.h>

/* A card of a result with its sort key u (idsort_key makes one of a
 * number) and, for an order by state, its state s. */
struct id_key {
	int64_t id;
	uint64_t u;
	int s;
};

/* The key that orders integers (idsort_int) or numbers (idsort_real) as
 * they are, or in reverse when desc. */
uint64_t idsort_int(int64_t x, int desc);
uint64_t idsort_real(double x, int desc);

/* v[0..n) in ascending order (a pass over a bit set when the ids are
 * dense enough, else a sort); no two ids alike. */
void idsort_ids(int64_t *v, size_t n);
/* v[0..n) by u, then id (no two ids alike), in time linear in n: the
 * ids first (as idsort_ids), then a stable radix sort on u. */
void idsort_by_key(struct id_key *v, size_t n);
/* v[0..n), in order of (u, id) already: by s first, the order kept within
 * each s (a stable sort); an s outside 0..3 sorts by (s, u, id). */
void idsort_by_s(struct id_key *v, size_t n);

#endif
