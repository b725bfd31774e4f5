/*
 * fsrs_seed.h - the fuzz's random draw for one answer, as ts-fsrs makes it
 * (an Alea generator seeded with the review time, the repetitions and
 * D times S as JavaScript prints them).  Pure; no errors.
 */
#ifndef REHEARSE_FSRS_SEED_H
#define REHEARSE_FSRS_SEED_H

#include <stdint.h>

#include "core/fsrs.h"

/* The first number, in [0, 1), of ts-fsrs's generator for the answer at
 * now (Unix ms) to a card in state cur. */
double fsrs_fuzz_draw(const struct sched *cur, int64_t now);

/* JavaScript's String(v): the shortest digits that read back as v, laid
 * out as ECMAScript's Number::toString(10) does ("0.1", "1e-7",
 * "123456789012345680000", "-Infinity"), into buf. */
#define FSRS_JS_NUMBER_SIZE 32
void fsrs_js_number(double v, char buf[FSRS_JS_NUMBER_SIZE]);

#endif
