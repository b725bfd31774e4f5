/*
 * custom.h - what the custom study screen (custom.c) and its painting
 * (custom_draw.c) share.
 */
#ifndef REHEARSE_TUI_CUSTOM_H
#define REHEARSE_TUI_CUSTOM_H

#include "core/custom.h"
#include "tui/screen.h"

/* Where the screen is: the kinds of study, a number or a tag being
 * typed, the deck's tags. */
enum custom_step { CUSTOM_MENU,
	CUSTOM_NEW,
	CUSTOM_AHEAD,
	CUSTOM_TAGS,
	CUSTOM_TAG_TYPE };

/* A kind of study: its key (an action of the menu), its label (long and
 * for a narrow screen) and what it does. */
struct custom_kind {
	enum action action;
	const char *label, *short_label, *about;
};
#define CUSTOM_KINDS 4
extern const struct custom_kind custom_kinds[CUSTOM_KINDS];

/* The screen's state (ui_custom_ops.state_size). */
struct custom_study {
	enum custom_step step;
	size_t sel;              /* in custom_kinds */
	struct custom_tag *tags; /* the deck's (names not sanitised) */
	size_t ntags;
	size_t tag_sel, tag_top;
	size_t tag_page;     /* the tags shown when last drawn */
	struct ui_line line; /* the number or the tag typed */
};

void custom_draw(struct ui *ui, void *state);

#endif
