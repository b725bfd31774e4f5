/*
 * settings.h - the collection's settings: one table of names, types,
 * ranges, defaults and help, the validation it drives, and the FSRS
 * parameters the settings give.
 *
 * Every setting is stored in the collection (the store's settings table)
 * under its key, as text in the canonical form settings_format gives; a
 * setting never stored has its default.
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
	int leech_threshold;     /* lapses that make a leech, default 8 */
	int leech_action;        /* enum settings_leech_action */
};

/* What becomes of a leech (leech-action). */
enum settings_leech_action {
	LEECH_SUSPEND, /* tagged leech and suspended */
	LEECH_TAG,     /* tagged leech only */
};

/* The kinds of value a setting takes. */
enum setting_type {
	SETTING_INT,    /* a whole number within the range */
	SETTING_REAL,   /* a number within the range, SETTINGS_DECIMALS at most */
	SETTING_BOOL,   /* on or off; true/false, yes/no and 1/0 are read too */
	SETTING_STEPS,  /* (re)learning steps such as "1m 10m" (fsrs.h) */
	SETTING_CHOICE, /* one word of a list, stored as its index */
};

/*
 * The decimals a SETTING_REAL keeps: a value with more (other than
 * trailing zeros) is refused, never rounded.
 */
#define SETTINGS_DECIMALS 3

/* One row of the table, for listings, help and documentation tests. */
struct setting_info {
	const char *key; /* as typed after rehearse config */
	enum setting_type type;
	const char *range; /* the values allowed: "0-9999", "on or off" */
	const char *def;   /* the default, as settings_format shows it */
	const char *help;  /* one line, without range or default */
	const char *line;  /* "help (range, default def)", what config
	                           lists beside each value */
};

/* The number of settings; rows 0 to settings_count() - 1 exist. */
size_t settings_count(void);
/* Row i, in display order (static; NULL when i is past the end). */
const struct setting_info *settings_info(size_t i);
/* The row of key (static; NULL for an unknown key). */
const struct setting_info *settings_find(const char *key);

/* The names of the settings, NULL-terminated, in display order. */
extern const char *const settings_keys[];
/*
 * "weights": the FSRS-6 weights (weights.h), a setting outside the table
 * and settings_keys; settings_help, _apply, _format, _set and _load
 * know it.  settings_weights_line is its help line.
 */
extern const char settings_weights_key[];
extern const char settings_weights_line[];

/* The line of key, as struct setting_info's line (NULL for an unknown key). */
const char *settings_help(const char *key);

/* Every setting at its default, the FSRS weights at fsrs_default_params. */
void settings_default(struct settings *s);
/* Reads every setting from the store over the defaults. */
int settings_load(struct store *st, struct settings *s, char **errmsg);

/*
 * Sets key from text: checks value against the table and applies it to s.
 * -1 on an unknown key or a value out of range, with a message that names
 * the key, the value and what is allowed (s unchanged).
 */
int settings_apply(struct settings *s, const char *key, const char *value,
    char **errmsg);
/*
 * Gets key as text, in canonical form ("on", "1h 1d", "0.975"), which
 * settings_apply reads back to the same value.  Allocated, the caller
 * frees it; NULL for an unknown key.
 */
char *settings_format(const struct settings *s, const char *key);
/* Validates, then stores key=value canonically; nothing changes on -1. */
int settings_set(struct store *st, const char *key, const char *value,
    char **errmsg);

/* ---- more new cards today (review --extra-new) ---- */

/* The new cards added to today's limit of deck_id (0: the collection's)
 * for study day `day` (timefmt_study_day), 0 when none; stored under
 * "extra-new/DAY" or "deck/ID/extra-new/DAY". */
int settings_extra_new(struct store *st, int64_t deck_id, int64_t day,
    int64_t *n, char **errmsg);
/* The key it is stored under, allocated. */
char *settings_extra_new_key(int64_t deck_id, int64_t day);
/* Adds n (1-9999) to it. */
int settings_add_extra_new(struct store *st, int64_t deck_id, int64_t day,
    int64_t n, char **errmsg);

/* ---- a deck's own values ---- */

/*
 * Some settings can also be given to one deck (config --deck): the daily
 * limits, the retention, the steps, the longest interval, the leech
 * threshold and action.  A deck's own value is stored under
 * "deck/ID/KEY"; a deck without one follows the collection's.  For the
 * daily limits both apply: the deck's own limit counts the deck's
 * answers of the day, the collection's all of them.
 */
bool settings_per_deck(const char *key);
/* The keys settings_per_deck accepts, NULL-terminated, in display order. */
extern const char *const settings_deck_keys[];

/* A deck's settings: base with the deck's own values over it. */
struct deck_settings {
	struct settings set;
	unsigned own; /* bit i: the deck has its own value of settings_info(i) */
};
int settings_load_deck(struct store *st, const struct settings *base,
    int64_t deck_id, struct deck_settings *out, char **errmsg);
/* Whether ds has its own value of key. */
bool settings_deck_owns(const struct deck_settings *ds, const char *key);
/* Validates, then stores the deck's own value of key canonically; value
 * NULL removes it (the collection's applies again).  -1 also for a key
 * that cannot be set per deck. */
int settings_set_deck(struct store *st, int64_t deck_id, const char *key,
    const char *value, char **errmsg);

#endif
