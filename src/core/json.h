/*
 * json.h - writing JSON into a string buffer.
 */
#ifndef REHEARSE_JSON_H
#define REHEARSE_JSON_H

#include "core/util.h"

/* Appends s as a JSON string (quoted; quotes, backslashes and control
 * characters escaped); NULL gives null.  A byte of s that is not valid
 * UTF-8 is written as \ufffd, so that the result is always valid JSON. */
void json_add_string(struct strbuf *b, const char *s);
/* Appends v >= 0 with the given decimals (whatever the locale), or null
 * when v is negative, not a number or over 1e15. */
void json_add_fixed(struct strbuf *b, double v, int decimals);
/* A ratio in 0..1 with 4 decimals, or null when v < 0 (no data). */
void json_add_ratio(struct strbuf *b, double v);

#endif
