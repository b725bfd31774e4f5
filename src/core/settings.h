/*
 * settings.h - the collection's settings: names, defaults, validation and
 * the FSRS parameters they give.  Values live in the store as text.
 */
#ifndef REHEARSE_SETTINGS_H
#define REHEARSE_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/fsrs.h"
#include "core/store.h"

struct settings {
	struct fsrs_params fsrs; /* retention, steps, max interval, fuzz */
	int new_per_day;         /* default 20 */
	int reviews_per_day;     /* default 200 */
	int day_starts_at;       /* hour, 0-23, default 4 */
};

void settings_default(struct settings *s);
/* Reads every setting from the store over the defaults. */
int settings_load(struct store *st, struct settings *s, char **errmsg);

/* The names of the settings, NULL-terminated, in display order. */
extern const char *const settings_keys[];
/* A one-line description of key (NULL for an unknown key). */
const char *settings_help(const char *key);

/*
 * Checks value for key and applies it to s; -1 with a message naming the
 * accepted range on a bad key or value (s unchanged).
 */
int settings_apply(struct settings *s, const char *key, const char *value,
    char **errmsg);
/* The value of key in s as text (allocated; NULL for an unknown key). */
char *settings_format(const struct settings *s, const char *key);
/* Validates, then stores key=value; nothing changes on a bad value. */
int settings_set(struct store *st, const char *key, const char *value,
    char **errmsg);

#endif
