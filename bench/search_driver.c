/*
 * search_driver - times searches of a collection: each query parsed and
 * run with store_search_ids (every match, sorted), the best of RUNS runs;
 * and, as the baseline of the same run, the search a collection without
 * an index would make: a scan of the cards' text with LIKE for one word.
 *
 * Usage: search_driver DB RUNS [N]
 * Prints "milliseconds cpu-milliseconds matches query" lines, the baseline
 * first: wall-clock time and the process's CPU time, each the best of the
 * runs (on a busy machine the CPU time is the steadier figure).  Used by
 * bench/search; links src/core/librehearse.a.  With N, only the query at
 * that place of the list (from 0), without the baseline: for a profiler
 * such as callgrind.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/clock.h"
#include "core/query.h"
#include "core/store.h"
#include "core/store_search.h"

static const struct {
	const char *query;
	enum search_sort sort;
} queries[] = {
	{ "", SEARCH_SORT_ADDED },
	{ "", SEARCH_SORT_DUE },
	{ "patient", SEARCH_SORT_ADDED },
	{ "the", SEARCH_SORT_DUE },
	{ "café", SEARCH_SORT_ADDED },
	{ "pat*", SEARCH_SORT_ADDED },
	{ "\"patient record\"", SEARCH_SORT_ADDED },
	{ "audit backup server", SEARCH_SORT_ADDED },
	{ "audit -backup", SEARCH_SORT_ADDED },
	{ "-audit", SEARCH_SORT_ADDED },
	{ "audit or zürich", SEARCH_SORT_ADDED },
	{ "deck:Databases", SEARCH_SORT_ADDED },
	{ "deck:Databases latency", SEARCH_SORT_DUE },
	{ "tag:hl7", SEARCH_SORT_ADDED },
	{ "is:due", SEARCH_SORT_DUE },
	{ "is:new", SEARCH_SORT_ADDED },
	{ "is:suspended or is:buried", SEARCH_SORT_ADDED },
	{ "prop:lapses>3", SEARCH_SORT_LAPSES },
	{ "prop:difficulty>8 prop:due<7", SEARCH_SORT_DIFFICULTY },
	{ "(network or cluster) -deck:Security* is:review", SEARCH_SORT_DUE },
	/* the browser's orders, over every card */
	{ "", SEARCH_SORT_QUESTION },
	{ "", SEARCH_SORT_DECK },
	{ "", SEARCH_SORT_STATE },
	{ "", SEARCH_SORT_LAPSES },
	{ "-tag:hl7", SEARCH_SORT_DIFFICULTY },
};

static const char *const sort_names[] = {
	[SEARCH_SORT_ADDED] = "",
	[SEARCH_SORT_DUE] = " (by due)",
	[SEARCH_SORT_LAPSES] = " (by lapses)",
	[SEARCH_SORT_DIFFICULTY] = " (by difficulty)",
	[SEARCH_SORT_QUESTION] = " (by question)",
	[SEARCH_SORT_DECK] = " (by deck)",
	[SEARCH_SORT_STATE] = " (by state)",
};

/* A start: wall clock and CPU time. */
struct stamp {
	struct timespec wall, cpu;
};

static void
stamp(struct stamp *s)
{
	clock_gettime(CLOCK_MONOTONIC, &s->wall);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &s->cpu);
}

static double
diff_ms(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e3 +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

/* Keeps the least wall and CPU time since t0 in best[0], best[1]. */
static void
keep_best(const struct stamp *t0, double best[2])
{
	struct stamp t1;
	double w, c;

	stamp(&t1);
	w = diff_ms(&t0->wall, &t1.wall);
	c = diff_ms(&t0->cpu, &t1.cpu);
	if (w < best[0])
		best[0] = w;
	if (c < best[1])
		best[1] = c;
}

static void
baseline(const char *path, int runs)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	double best[2] = { 1e9, 1e9 };
	long n = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT id FROM cards WHERE question LIKE ?1"
				   " OR answer LIKE ?1 OR tips LIKE ?1 OR tags LIKE ?1",
		-1, &stmt, NULL) != SQLITE_OK) {
		fprintf(stderr, "search_driver: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	sqlite3_bind_text(stmt, 1, "%zürich%", -1, SQLITE_STATIC);
	for (int r = 0; r < runs; r++) {
		struct stamp t0;

		stamp(&t0);
		for (n = 0; sqlite3_step(stmt) == SQLITE_ROW; n++)
			;
		sqlite3_reset(stmt);
		keep_best(&t0, best);
	}
	printf("%.2f %.2f %ld baseline: LIKE scan for one word\n", best[0],
	    best[1], n);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

int
main(int argc, char **argv)
{
	struct store *st;
	char *msg = NULL;
	int64_t now;
	int runs, only = -1;

	if (argc < 3 || argc > 4 || (runs = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: search_driver DB RUNS [N]\n");
		return 2;
	}
	if (argc == 4)
		only = atoi(argv[3]);
	else
		baseline(argv[1], runs);
	now = clock_now();
	if (store_open(argv[1], &st, &msg) < 0) {
		fprintf(stderr, "search_driver: %s\n", msg);
		return 1;
	}
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		struct search_opts o = { .now = now,
			.day_start = now - now % 86400000,
			.day_end = now - now % 86400000 + 86400000,
			.sort = queries[i].sort };
		struct query_error err;
		struct query_node *q;
		double best[2] = { 1e9, 1e9 };
		size_t n = 0;

		if (only >= 0 && (size_t)only != i)
			continue;
		for (int r = 0; r < runs; r++) {
			struct stamp t0;
			int64_t *ids;

			stamp(&t0);
			if (query_parse(queries[i].query, &q, &err) < 0 ||
			    store_search_ids(st, q, &o, &ids, &n, &msg) < 0) {
				fprintf(stderr, "search_driver: %s: %s\n",
				    queries[i].query, msg != NULL ? msg : err.message);
				return 1;
			}
			keep_best(&t0, best);
			free(ids);
			query_free(q);
		}
		printf("%.2f %.2f %zu %s%s\n", best[0], best[1], n, queries[i].query,
		    sort_names[queries[i].sort]);
	}
	store_close(st);
	return 0;
}
