/*
 * util.h - allocation that cannot fail, error messages, and the die hook.
 */
#ifndef REHEARSE_UTIL_H
#define REHEARSE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/card.h"

#if defined(__GNUC__)
#define UTIL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define UTIL_NORETURN __attribute__((noreturn))
#else
#define UTIL_PRINTF(f, a)
#define UTIL_NORETURN
#endif

/* These never return NULL: out of memory dies (through the die hook). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* Makes room for element n of the array p (of elements of size bytes, with
 * room for *cap of them), doubling it when full; returns the array. */
void *xgrow(void *p, size_t *cap, size_t n, size_t size);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) UTIL_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) UTIL_PRINTF(1, 0);

/*
 * Set *errmsg (when errmsg is not NULL) to a newly allocated message that the
 * caller frees; a message already there is freed first.  Returns -1, so that
 * `return set_error(errmsg, ...)` reads naturally.
 */
int set_error(char **errmsg, const char *fmt, ...) UTIL_PRINTF(2, 3);

/*
 * The die hook runs before die() prints and exits, so that the screen can
 * leave curses mode first.  NULL for none.
 */
void util_set_die_hook(void (*hook)(void));
/* For broken invariants and out-of-memory only: prints "rehearse: ..." and exits 70. */
UTIL_NORETURN void die(const char *fmt, ...) UTIL_PRINTF(1, 2);

/* A growable string.  Zero-initialise; s is NULL until something is added. */
struct strbuf {
	char *s;
	size_t len;
	size_t cap;
};
void strbuf_add(struct strbuf *b, const char *s, size_t n);
void strbuf_adds(struct strbuf *b, const char *s);
void strbuf_addc(struct strbuf *b, char c);
void strbuf_addf(struct strbuf *b, const char *fmt, ...) UTIL_PRINTF(2, 3);
/* The text so far, never NULL ("" when empty); owned by the buffer. */
const char *strbuf_str(struct strbuf *b);
/* Hands over the text (never NULL); the buffer is empty afterwards. */
char *strbuf_detach(struct strbuf *b);
void strbuf_reset(struct strbuf *b);
void strbuf_free(struct strbuf *b);

/* Frees what the card owns (its storage, see card.h) and zeroes it. */
void card_clear(struct card *c);
/* Makes c own its strings: copies every non-NULL text field into one new
 * storage and points the fields there; the old storage, if any, is freed
 * once copied from. */
void card_own(struct card *c);
/* Deep copy of src into dst, which owns its copy (dst is overwritten, not
 * freed). */
void card_copy(struct card *dst, const struct card *src);

/* True when s is valid UTF-8 (no overlongs, no surrogates); *bad gets the
 * offset of the first bad byte when it is not. */
int utf8_valid(const char *s, size_t n, size_t *bad);

/* Whether s is the keyword word (such as "default"), in any letter case
 * (ASCII) and with blanks (spaces, tabs) around it, as a setting's value
 * is typed. */
bool util_is_keyword(const char *s, const char *word);

/* s as a whole number from lo to hi (0 <= lo <= hi) in *out: decimal digits
 * only, with no sign and no blanks, so that " 5", "+5" and "5 " are refused
 * alike wherever a number is read from the command line or a setting;
 * -1 (*out unchanged) when s is no such number. */
int util_parse_whole(const char *s, long lo, long hi, long *out);

#endif
