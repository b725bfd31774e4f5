/*
 * names.h - names as a person reads them: deck names in a human order,
 * and a name typed by the user found among the names there are (a deck, a
 * command, a setting), or the closest of them suggested.
 *
 * Pure functions over UTF-8 strings: no I/O.  Letter case is folded with
 * towlower(), so it depends on LC_CTYPE, which the program sets (a UTF-8
 * one when the environment names none).
 */
#ifndef REHEARSE_NAMES_H
#define REHEARSE_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The order of two names as a person sorts them: letter case ignored,
 * runs of digits by their value ("Deck 9" before "Deck 10"), the rest by
 * the locale's collation (wcscoll); names equal so far are then ordered
 * by their bytes, so that only the same name compares equal.  a and b
 * are na and nb bytes, not necessarily terminated.  <0, 0 or >0.
 */
int names_compare(const char *a, size_t na, const char *b, size_t nb);

/* Whether a and b are the same name but for letter case. */
bool names_same(const char *a, const char *b);

/*
 * The names that typed stands for: the one equal to it ignoring case,
 * else every one it starts, ignoring case.  Their indexes in names[0, n)
 * go to out (room for n) in order; returns how many (0: none).
 */
size_t names_match(const char *typed, const char *const *names, size_t n,
    size_t *out);

/*
 * The names close enough to typed to be what was meant (a few letters
 * wrong, missing, extra or swapped, ignoring case), the closest first and
 * at most max of them; their indexes go to out (room for max).  Returns
 * how many (0: none is close).
 */
size_t names_closest(const char *typed, const char *const *names, size_t n,
    size_t *out, size_t max);

#endif
