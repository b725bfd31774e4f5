/*
 * queue_driver - times the queue work that starting a review session does:
 * the first queue_next and queue_counts_deck, over all decks and over one
 * deck, and session_open as a whole (which adds reading the card).
 *
 * Usage: queue_driver DB [DECK]
 * Prints "name milliseconds" lines.  now comes from REHEARSE_NOW when set,
 * as in rehearse.  Used by bench/queue; links src/librehearse.a.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/clock.h"
#include "core/queue.h"
#include "core/session.h"
#include "core/settings.h"
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
		fprintf(stderr, "queue_driver: %s\n", msg != NULL ? msg : "failed");
		exit(1);
	}
}

/* The first queue_next and queue_counts_deck of a session on deck_id. */
static void
time_queue(const char *name, struct store *st, const struct settings *set,
    int64_t deck_id, int64_t now)
{
	struct queue_counts c;
	struct timespec t0;
	int64_t card = 0;
	char *msg = NULL;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	check(queue_next(st, set, deck_id, now, 0, &card, &msg), msg);
	check(queue_counts_deck(st, set, deck_id, now, &c, &msg), msg);
	printf("%s %.3f\n", name, ms_since(&t0));
	fprintf(stderr, "%s: card %lld; new %lld, learning %lld, review %lld\n",
	    name, (long long)card, (long long)c.new_cards, (long long)c.learning,
	    (long long)c.review);
}

int
main(int argc, char **argv)
{
	struct settings set;
	struct session *se;
	struct store *st;
	struct timespec t0;
	int64_t now, deck_id = 0;
	char *msg = NULL;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: queue_driver DB [DECK]\n");
		return 2;
	}
	check(clock_init(&msg), msg);
	now = clock_now();

	clock_gettime(CLOCK_MONOTONIC, &t0);
	check(store_open(argv[1], &st, &msg), msg);
	check(settings_load(st, &set, &msg), msg);
	printf("open %.3f\n", ms_since(&t0));

	time_queue("queue_all", st, &set, 0, now);
	if (argc == 3) {
		check(store_deck_id(st, argv[2], false, &deck_id, &msg), msg);
		if (deck_id == 0) {
			fprintf(stderr, "queue_driver: no deck %s\n", argv[2]);
			return 1;
		}
		time_queue("queue_deck", st, &set, deck_id, now);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	check(session_open(st, &set, 0, now, &se, &msg), msg);
	printf("session_open %.3f\n", ms_since(&t0));
	session_free(se);
	store_close(st);
	return 0;
}
