/*
 * cloze.h - Anki's cloze deletions: "{{c1::text}}" or "{{c1::text::hint}}",
 * nested ones allowed ("{{c1::a {{c2::b}}}}").  A note makes one card per
 * cloze number; card N asks with its clozes hidden, the others shown.
 * Pure text functions: no I/O, nothing that fails (util.h dies on out of
 * memory).  The text may be HTML or plain: only the braces are read.
 */
#ifndef REHEARSE_CLOZE_H
#define REHEARSE_CLOZE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/util.h"

/* A note holds at most this many cloze numbers; more are left out. */
#define CLOZE_MAX 500
/* Nesting deeper than this is kept as written. */
#define CLOZE_DEPTH 16

/* Whether s holds a cloze ("{{cN::" with N >= 1 and its "}}"). */
bool cloze_has(const char *s);

/*
 * The cloze numbers of s, each once, in increasing order, in nums (room
 * for max); returns how many (at most max).
 */
size_t cloze_numbers(const char *s, int *nums, size_t max);

/*
 * Appends card n of s to out: the question (answer false) shows each cloze
 * n as "[...]", or "[hint]" when it has one; the answer shows its text
 * between <b> and </b> (markup.h).  Clozes of other numbers show their
 * text, in both.
 */
void cloze_render(struct strbuf *out, const char *s, int n, bool answer);

#endif
