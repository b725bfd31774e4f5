/*
 * stats_driver - times the statistics: stats_compute and stats_json over
 * the whole collection and over one deck, and stats_report alone.
 *
 * Usage: stats_driver DB [DECK] [--print]
 * Prints "name milliseconds" lines (with --print, the report instead).
 * now comes from REHEARSE_NOW when set, as in rehearse.  Used by
 * bench/stats; links src/core/librehearse.a.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/settings.h"
#include "core/stats.h"
#include "core/stats_report.h"
#include "core/store.h"

static double
ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void
check(int rc, char *msg)
{
	if (rc < 0) {
		fprintf(stderr, "stats_driver: %s\n", msg != NULL ? msg : "failed");
		exit(1);
	}
}

/* stats_compute and stats_json of deck_id; the figures stay in *s. */
static void
time_stats(const char *name, struct store *st, const struct settings *set,
    int64_t deck_id, int64_t now, struct stats *s)
{
	struct timespec t0;
	char *msg = NULL, *json;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	check(stats_compute(st, &set->fsrs, set->day_starts_at, deck_id, now, s,
		  &msg),
	    msg);
	json = stats_json(s, NULL);
	printf("%s %.3f\n", name, ms_since(&t0));
	free(json);
}

int
main(int argc, char **argv)
{
	struct store *st;
	struct settings set;
	struct stats *s = malloc(sizeof(*s));
	struct timespec t0;
	char *msg = NULL, *text;
	int64_t deck_id = 0;
	bool print = argc > 3 && strcmp(argv[3], "--print") == 0;

	if (argc < 2 || s == NULL) {
		fprintf(stderr, "usage: stats_driver DB [DECK] [--print]\n");
		return 2;
	}
	check(clock_init(&msg), msg);
	check(store_open(argv[1], &st, &msg), msg);
	check(settings_load(st, &set, &msg), msg);
	if (argc > 2 && argv[2][0] != '\0')
		check(store_deck_id(st, argv[2], false, &deck_id, &msg), msg);
	if (print) {
		check(stats_compute(st, &set.fsrs, set.day_starts_at, deck_id,
			  clock_now(), s, &msg),
		    msg);
		text = stats_report(s, deck_id != 0 ? argv[2] : NULL, true, STATS_REPORT_WIDTH);
		fputs(text, stdout);
		free(text);
		text = stats_json(s, deck_id != 0 ? argv[2] : NULL);
		fputs(text, stderr);
		free(text);
		return 0;
	}
	time_stats("all", st, &set, 0, clock_now(), s);
	if (deck_id != 0)
		time_stats("deck", st, &set, deck_id, clock_now(), s);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	text = stats_report(s, NULL, true, STATS_REPORT_WIDTH);
	printf("report %.3f\n", ms_since(&t0));
	free(text);
	store_close(st);
	free(s);
	return 0;
}
