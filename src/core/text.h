/*
 * text.h - UTF-8 decoding, display width, word wrapping and the sanitising
 * of untrusted card text.  Pure functions: no curses, no I/O.
 *
 * Widths come from wcwidth(), so they depend on LC_CTYPE: the program sets
 * the locale from the environment.  In a locale that is not UTF-8,
 * wcwidth() calls every non-ASCII character non-printable, so that
 * text_sanitize() shows each as "<U+XXXX>".
 *
 * Sanitising.  Card text comes from files anyone can write, and must never
 * reach the terminal as control sequences.  text_sanitize() makes every
 * dangerous thing visible instead of acting on it:
 *
 *   newline                     kept (a line break)
 *   CR LF                       becomes a plain newline
 *   tab                         spaces up to the next multiple of TEXT_TAB
 *                               columns of its line
 *   other C0 controls, DEL      caret notation, as cat -v shows them:
 *                               "^@" .. "^_", "^?" (so ESC is "^[" and an
 *                               escape sequence "\e[31m" shows as "^[[31m")
 *   C1 controls U+0080-U+009F   "<U+009B>"
 *   bidi overrides and isolates "<U+202E>" (U+202A-U+202E, U+2066-U+2069)
 *   other non-printable code
 *   points (wcwidth() < 0)      "<U+XXXX>"
 *   invalid UTF-8 bytes         U+FFFD, one per byte
 *
 * The result is valid UTF-8 whose only control character is '\n', and in
 * which every code point has a display width of 0, 1 or 2.
 */
#ifndef REHEARSE_TEXT_H
#define REHEARSE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEXT_TAB 4

/* The code point text_decode gives for a byte that is not valid UTF-8. */
#define TEXT_INVALID UINT32_C(0xFFFFFFFF)

/*
 * Decodes the code point at s (n > 0 bytes available) into *cp and returns
 * the number of bytes it takes (1..4).  A byte that does not start a valid,
 * shortest-form sequence gives *cp = TEXT_INVALID and a length of 1.
 */
size_t text_decode(const char *s, size_t n, uint32_t *cp);

/* Encodes code point cp (at most 0x10FFFF) as UTF-8 into u; returns the
 * number of bytes, 1..4. */
size_t text_encode(uint32_t cp, char u[4]);

/* The display width of one code point: 0, 1 or 2; -1 when non-printable
 * (controls, invalid, unassigned in the locale's tables). */
int text_cp_width(uint32_t cp);

/*
 * The display width of the n bytes at s.  Meant for sanitised text; in
 * other text a non-printable code point counts as 0 and an invalid byte
 * as 1 (the width of the U+FFFD that would replace it).
 */
int text_width_n(const char *s, size_t n);
int text_width(const char *s);

/*
 * The number of bytes of the longest prefix of s[0..n) that fits in
 * maxwidth columns, never splitting a character or separating a
 * zero-width mark from the character before it.  *width (may be NULL)
 * gets the prefix's width.
 */
size_t text_prefix(const char *s, size_t n, int maxwidth, int *width);

/* A clean copy of s (see above), allocated; the caller frees it.  s NULL
 * gives "". */
char *text_sanitize(const char *s);
/* The same on one line, for a title, a message or a table cell: each
 * newline of the clean copy becomes a space.  Allocated; s NULL gives "". */
char *text_sanitize_line(const char *s);
/* The column, from 1, at which byte off of s (at most its length) is shown
 * once s is sanitised on one line: 1 plus the display width of the
 * sanitised bytes before it.  For a message that points into untrusted
 * text shown with text_sanitize_line, such as a query, where a count of
 * bytes would point past a wide character, a tab or a control. */
int text_column(const char *s, size_t off);

/* text_sanitize_line cut to at most maxwidth columns (at least 4): a
 * longer text keeps what fits before the ellipsis ell ("..." or the
 * one column U+2026), without the blanks before it.  Allocated. */
char *text_sanitize_cut(const char *s, int maxwidth, const char *ell);

/* One display line of wrapped text: bytes [off, off + len) of the text,
 * to be drawn indent columns in. */
struct text_line {
	size_t off;
	size_t len;
	int width; /* of the bytes, without the indent */
	int indent;
};

/* Zero-initialise; text_wrap reuses the array, text_lines_free frees it. */
struct text_lines {
	struct text_line *v;
	size_t n;
	size_t cap;
};

/*
 * Wraps sanitised text s into lines of at most width columns (width < 1
 * is taken as 1), replacing what *out held.  Newlines end lines; lines
 * break at spaces (the spaces at a break are dropped), after a
 * double-width character, between two codes of characters the locale
 * cannot show ("<U+4E2D>", each kept whole), and, for a word longer than
 * the line, wherever the width runs out.  Leading spaces of a paragraph
 * are kept, and its further lines get as many as indent.  A paragraph
 * that starts as a list item ("- ", "* ", "+ ", "1. ", "2) ", after
 * optional spaces) continues under the item's text instead: its further
 * lines get the marker's width as indent.  Either indent is given only
 * when it leaves at least half the width.  A single character wider than
 * the line gets a line of its own.  Empty text gives no lines; an empty
 * paragraph gives an empty line.
 */
void text_wrap(const char *s, int width, struct text_lines *out);
void text_lines_free(struct text_lines *l);

/* The words of s (split at blanks and line ends) joined by single spaces,
 * each word once (where it first occurs), as tags are kept; allocated. */
char *text_join_words(const char *s);

/* The most different tags a card may have, however it is made (an import,
 * add, the editor): far beyond any a person gives. */
#define TEXT_MAX_TAGS 1000
/* The most bytes a card's question, answer, tips or tags may hold, however
 * it is made: what a field of a deck file may hold (deckio.h), so that
 * every card exports and imports again.  Far beyond any a person writes. */
#define TEXT_MAX_FIELD ((size_t)1 << 20)

/* text_join_words for a card's tags: NULL, with "more than 1000 tags on
 * one card" (or "tags of more than 1024 KiB on one card") in *errmsg (see
 * set_error), when s has more than TEXT_MAX_TAGS different words, or
 * they hold more than TEXT_MAX_FIELD bytes. */
char *text_join_tags(const char *s, char **errmsg);

/*
 * The same for the len bytes at s, into out (reset first), in time linear
 * in len.  Returns 0, or -1 as soon as more than max different words are
 * found (out then holds the first max + 1); max 0 means no limit.
 */
struct strbuf;
int text_unique_words(
    struct strbuf *out, const char *s, size_t len, size_t max);

/* Whether text_join_tags takes s. */
bool text_tags_fit(const char *s);

/* 0 when each of question, answer, tips and tags (NULL: none) holds at
 * most TEXT_MAX_FIELD bytes; else -1 with "the answer is more than 1024
 * KiB" (or the question, the tips, the tags) in *errmsg. */
int text_card_fits(const char *question, const char *answer,
    const char *tips, const char *tags, char **errmsg);

/*
 * A card as a small text file to edit: a few lines of instructions, then
 * each section under its marker line, TEXT_MARK_QUESTION and so on.  The
 * strings are put in as they are (NULL as ""), except that a line of
 * theirs that reads as a marker, or as a marker after backslashes, gets
 * one backslash more in front; the result is allocated.
 */
#define TEXT_MARK_QUESTION "=== question ==="
#define TEXT_MARK_ANSWER "=== answer ==="
#define TEXT_MARK_TIPS "=== how to prepare ==="
#define TEXT_MARK_TAGS "=== tags (separated by spaces) ==="
char *text_card_format(const char *question, const char *answer,
    const char *tips, const char *tags);
/* The file of a new card: empty sections, and above them a line
 * TEXT_DECK_LINE " " deck naming its deck.  Allocated. */
#define TEXT_DECK_LINE "deck:"
char *text_card_format_new(const char *deck);
/* The deck such a file names, blanks at either end dropped (allocated;
 * it may be empty); -1 with *errmsg when the deck line is missing.  Only
 * lines above the first marker are read. */
int text_card_parse_deck(const char *buf, char **deck, char **errmsg);
/*
 * Reads such a file back.  Lines before the first marker are ignored; each
 * section loses its blank lines at either end and the line end of its last
 * line, and a line that reads as backslashes and a marker its first
 * backslash; tags go through text_join_tags.  -1 with *errmsg (nothing
 * set) when the text is not UTF-8, a marker is missing, repeated or out
 * of order, or the question is empty (an empty answer is taken); otherwise
 * the four strings are allocated for the caller.
 */
int text_card_parse(const char *buf, char **question, char **answer,
    char **tips, char **tags, char **errmsg);

#endif
