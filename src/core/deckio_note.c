/*
 * deckio_note.c - the cards of one note of an Anki file: cloze notes give
 * one card per cloze number, "Basic (and reversed card)" two, "Basic
 * (optional reversed card)" two when its third field is not empty; every
 * other note one.  Card ids stay stable across imports: the note's guid
 * for its first card of a basic note, "GUID:cN" for cloze N, "GUID:rev"
 * for the reversed card.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/cloze.h"
#include "core/deckio_private.h"

enum note_kind { NOTE_BASIC,
	NOTE_REVERSED,
	NOTE_OPTIONAL_REVERSED,
	NOTE_CLOZE };

/* Whether needle (lower case ASCII) is in s, ignoring ASCII case. */
static bool
has_word(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s != '\0'; s++) {
		size_t i = 0;

		while (i < n && dk_ascii_lower(s[i]) == needle[i])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* What a note type's name says; Anki's stock names in any language are
 * not known here, only the English ones and names that hold them. */
static enum note_kind
note_kind(const struct dk_note *n)
{
	if (n->notetype == NULL || n->notetype[0] == '\0')
		return NOTE_BASIC;
	if (has_word(n->notetype, "cloze"))
		return NOTE_CLOZE;
	if (has_word(n->notetype, "optional reverse"))
		return NOTE_OPTIONAL_REVERSED;
	if (has_word(n->notetype, "reverse"))
		return NOTE_REVERSED;
	return NOTE_BASIC;
}

/* The text of field s as a card shows it, in b; NULL stays NULL.  What
 * it holds is counted when count is true (once a field). */
static const char *
convert(struct dk_note *n, struct strbuf *b, const char *s, bool count)
{
	struct deckio_notes *c = count ? &n->counts : NULL;

	if (s == NULL)
		return NULL;
	if (n->html) {
		dk_html_to_text(b, s, c);
	} else {
		strbuf_reset(b);
		dk_sounds(b, s, c);
	}
	return strbuf_str(b);
}

static const char *
field_text(struct dk_note *n, struct strbuf *b, const char *s)
{
	return convert(n, b, s, true);
}

/* Hands one card over; id_suffix is appended to the note's guid. */
static int
emit(struct dk_note *n, const char *q, const char *a, const char *t,
    const char *id_suffix, bool *by_callback, char **errmsg)
{
	struct deckio_row row = n->row;
	int rc;

	if (dk_is_blank(q, strlen(q)))
		return set_error(errmsg, "empty question");
	row.question = q;
	row.answer = a != NULL ? a : "";
	row.tips = t != NULL ? t : "";
	if (n->row.id != NULL && id_suffix != NULL) {
		strbuf_reset(&n->id);
		strbuf_addf(&n->id, "%s%s", n->row.id, id_suffix);
		row.id = strbuf_str(&n->id);
	}
	rc = n->fn(&row, n->ctx, errmsg);
	if (rc != 0)
		*by_callback = true;
	return rc;
}

/* A cloze note: card N for each cloze number N.  The answer is the text
 * with the cloze marked, then the note's second field ("Back Extra"). */
static int
cloze_cards(struct dk_note *n, bool *by_callback, char **errmsg)
{
	int nums[CLOZE_MAX];
	size_t k = cloze_numbers(n->question, nums, CLOZE_MAX);
	const char *extra = field_text(n, &n->t, n->tips);
	struct strbuf ans = { 0 }, back = { 0 };
	int rc = 0;

	n->counts.cloze_notes++;
	field_text(n, &back, n->answer);
	field_text(n, &ans, n->question); /* counted once, not per card */
	for (size_t i = 0; i < k && rc == 0; i++) {
		char suffix[16];

		snprintf(suffix, sizeof(suffix), ":c%d", nums[i]);
		strbuf_reset(&n->raw);
		cloze_render(&n->raw, n->question, nums[i], false);
		convert(n, &n->q, strbuf_str(&n->raw), false);
		strbuf_reset(&n->raw);
		cloze_render(&n->raw, n->question, nums[i], true);
		convert(n, &ans, strbuf_str(&n->raw), false);
		if (back.len > 0) {
			strbuf_adds(&ans, "\n\n");
			strbuf_add(&ans, back.s, back.len);
		}
		rc = emit(n, strbuf_str(&n->q), strbuf_str(&ans), extra,
		    suffix, by_callback, errmsg);
		n->counts.cloze_cards += rc == 0;
	}
	strbuf_free(&ans);
	strbuf_free(&back);
	return rc;
}

int
dk_note_cards(struct dk_note *n, bool *by_callback, char **errmsg)
{
	enum note_kind kind = note_kind(n);
	const char *q, *a, *t;
	bool reverse;
	int rc;

	*by_callback = false;
	n->counts.notes++;
	if (kind == NOTE_BASIC && n->detect && n->notetype == NULL &&
	    cloze_has(n->question)) {
		kind = NOTE_CLOZE;
		n->counts.cloze_detected++;
	}
	if (kind == NOTE_CLOZE && cloze_has(n->question))
		return cloze_cards(n, by_callback, errmsg);
	q = field_text(n, &n->q, n->question);
	a = field_text(n, &n->a, n->answer);
	t = field_text(n, &n->t, n->tips);
	reverse = kind == NOTE_REVERSED ||
	          (kind == NOTE_OPTIONAL_REVERSED && n->reverse != NULL &&
		      !dk_is_blank(n->reverse, strlen(n->reverse)));
	rc = emit(n, q, a, t, NULL, by_callback, errmsg);
	/* a reversed card of an empty back is no card, as in Anki */
	if (rc != 0 || !reverse || a == NULL || dk_is_blank(a, strlen(a)))
		return rc;
	rc = emit(n, a, q, t, ":rev", by_callback, errmsg);
	n->counts.reversed_cards += rc == 0;
	return rc;
}

void
dk_note_free(struct dk_note *n)
{
	strbuf_free(&n->q);
	strbuf_free(&n->a);
	strbuf_free(&n->t);
	strbuf_free(&n->id);
	strbuf_free(&n->raw);
}
