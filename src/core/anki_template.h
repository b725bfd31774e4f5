/*
 * anki_template.h - Anki's card templates, filled from a note: {{Field}},
 * {{FrontSide}}, the sections {{#Field}}...{{/Field}} (shown when the
 * field is not empty) and {{^Field}}...{{/Field}} (when it is), and the
 * filters cloze: (cloze.h), hint: (the field), type: (nothing on the
 * front, the field on the back), text:, tts: (nothing) and any other
 * (the field).  The special fields Tags, Type, Deck, Subdeck and Card.
 * An unknown field is empty.  Pure text: no I/O.
 */
#ifndef REHEARSE_ANKI_TEMPLATE_H
#define REHEARSE_ANKI_TEMPLATE_H

#include <stdbool.h>

#include "core/anki.h"
#include "core/util.h"

struct anki_render {
	const struct anki_notetype *type;
	const struct anki_template *tmpl;
	const struct anki_note *note;
	const char *deck;  /* the card's deck name */
	int cloze;         /* the card's cloze number, 0 for other types */
	bool answer;       /* the back is being filled */
	const char *front; /* the filled front, for {{FrontSide}} */
};

/* Appends template t filled for r to out. */
void anki_template_fill(struct strbuf *out, const char *t,
    const struct anki_render *r);

/*
 * The part of a filled back that is its answer: what follows
 * <hr id=answer> (quoted or not, any case), else the back without the
 * filled front when it starts with it, else the whole back.
 */
const char *anki_template_answer(const char *back, const char *front);

#endif
