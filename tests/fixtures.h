/*
 * fixtures.h - what the Criterion suites share: a collection to test on,
 * cards added to it, a scratch directory, the time zone and locale pinned,
 * and the paths of tests/data.
 *
 * Every function here fails the running test (cr_assert) instead of
 * returning an error, so a test reads as the steps it takes.
 */
#ifndef REHEARSE_TESTS_FIXTURES_H
#define REHEARSE_TESTS_FIXTURES_H

#include <stddef.h>
#include <stdint.h>

#include "core/card.h"
#include "core/store.h"

/* msg, or "" when it is NULL: for the message of a failed call. */
const char *fixture_msg(const char *msg);

/* A private ":memory:" collection; the caller store_close()s it. */
struct store *fixture_store(void);

/*
 * A card to add.  deck is created when missing; ext_id NULL takes the
 * question; answer, tips and tags NULL take "".  s is stored as given.
 */
struct fixture_card {
	const char *deck;
	const char *ext_id;
	const char *question;
	const char *answer;
	const char *tips;
	const char *tags;
	struct sched s;
};

/* Inserts fc into st, created at 1000 ms; the new card's id. */
int64_t fixture_add_card(struct store *st, const struct fixture_card *fc);

/* The SQL of every index and trigger of st, "name: sql" a line, in
 * order of name (the caller frees). */
char *fixture_indexes(struct store *st);

/* How many cards the query words (query.h) finds at now; the test fails
 * unless the full-text index is in step with the cards. */
size_t fixture_found(struct store *st, const char *words, int64_t now);

/*
 * Makes a new directory /tmp/rehearse-test-XXXXXX and writes its path into
 * dir (size bytes, at least 32).  fixture_tmpdir_remove removes the files in
 * it, then it; a dir that was never made ("") is left alone.
 */
void fixture_tmpdir(char *dir, size_t size);
void fixture_tmpdir_remove(char *dir);

/* Sets TZ to tz for the rest of the test (and tzset()s). */
void fixture_tz(const char *tz);

/* Whether the time zone's data is installed. */
bool fixture_have_zone(const char *name);
/* The instant of a UTC calendar time, in ms. */
int64_t fixture_utc(int y, int mo, int d, int h, int mi);

/* Switches to a UTF-8 locale (C.UTF-8, else en_US.UTF-8). */
void fixture_utf8_locale(void);

/* The path of name in tests/data; the caller frees it. */
char *fixture_data_path(const char *name);

#endif
