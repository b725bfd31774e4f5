/*
 * areas.h - the evaluation areas of an interview answer, as cards carry
 * them: tags "area:NAME" on question cards.
 *
 * Eight areas are known, the ones an interview panel for a healthcare IT
 * role judges an answer on; each has a short label for the screens.  Any
 * other NAME (a word of letters, digits and '-') is an area too, shown by
 * its name: imported decks may use their own.  No I/O.
 */
#ifndef REHEARSE_AREAS_H
#define REHEARSE_AREAS_H

#include <stdbool.h>
#include <stddef.h>

#define AREAS_PREFIX "area:"
/* The tag that makes a card a question card, which mock interviews ask. */
#define AREAS_QUESTION_TAG "question"

struct area_info {
	const char *name;  /* as in the tag: "communication" */
	const char *label; /* for the screens: "Communication" */
};

/* The known areas, in the order the manual lists them. */
extern const struct area_info areas_known[];
extern const size_t areas_known_count;

/* The label of area name (n bytes): the known label, else NULL. */
const char *areas_label(const char *name, size_t n);

/* The next word of a space-separated list (a tag, an area name) from
 * *pos, not terminated: *n bytes; NULL at the end. */
const char *areas_word(const char **pos, size_t *n);

/* Whether the space-separated tags hold tag (exactly). */
bool areas_has_tag(const char *tags, const char *tag);

/*
 * Walks the area tags of tags: each call returns the next area name
 * (after "area:", not terminated: *n bytes) from *pos, or NULL when there
 * is no more; start with *pos = tags.  Empty names ("area:") are skipped.
 */
const char *areas_next(const char **pos, size_t *n);

/* The area names of tags joined by single spaces ("communication data"),
 * allocated; "" when none. */
char *areas_list(const char *tags);

/*
 * tags with the area tags of from that it lacks appended (other tags of
 * from are ignored, tags' own kept in their order), allocated; *added (may
 * be NULL) gets how many were added.
 */
char *areas_merge(const char *tags, const char *from, int *added);

#endif
