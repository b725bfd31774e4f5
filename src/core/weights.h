/*
 * weights.h - the 21 FSRS-6 weights as text: read, checked and written.
 *
 * The text is the weights w0..w20 separated by commas (blanks around them
 * allowed), each a decimal number with at most WEIGHTS_DECIMALS decimals
 * and within the bounds the FSRS optimizer clamps to (fsrs_weight_bounds).
 * Reading and writing do not depend on the locale.  No I/O.
 */
#ifndef REHEARSE_WEIGHTS_H
#define REHEARSE_WEIGHTS_H

#include "core/fsrs.h"

/* The decimals kept: more than this in a weight is refused, not rounded. */
#define WEIGHTS_DECIMALS 6

/*
 * Reads s into w.  "default" gives FSRS-6's default weights.  On a wrong
 * count, a malformed number or a value out of bounds returns -1 with a
 * message naming the weight (w0..w20) and its allowed range, w unchanged.
 */
int weights_parse(const char *s, double w[FSRS_N_WEIGHTS], char **errmsg);

/*
 * The canonical text of w, which weights_parse reads back to the same
 * values, separated by ", ": each weight rounded to WEIGHTS_DECIMALS
 * decimals, trailing zeros dropped.  Allocated; the caller frees it.
 */
char *weights_format(const double w[FSRS_N_WEIGHTS]);

/* w rounded as weights_format writes it (in place). */
void weights_round(double w[FSRS_N_WEIGHTS]);

#endif
