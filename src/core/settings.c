#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/settings.h"
#include "core/util.h"
#include "core/weights.h"

#define STR_(x) #x
#define STR(x) STR_(x)

/*
 * The settings, in display order.  Each kind of row is a macro, so that
 * the range shown is spelled from the very numbers validation uses and
 * the line of config is composed at compile time:
 *
 *   INT(key, member, lo, hi, default, what, help)
 *   REAL(key, member, lo, hi, default, help)
 *   BOOL(key, member, default, help)
 *   STEPS(key, steps member, count member, default, help)
 *   CHOICE(key, member, words, default, range, help)
 *
 * `member` is the field of struct settings; `words` a NULL-terminated
 * list whose index the member holds; `what` names the number in
 * messages ("give an hour from 0 to 23").  The default is text read by
 * the same validation as the user's (settings_default).
 */
#define SETTINGS_TABLE(INT, REAL, BOOL, STEPS, CHOICE)                      \
	REAL("retention", fsrs.retention, 0.70, 0.99, "0.90",               \
	    "desired retention, the chance of recall FSRS aims for")        \
	INT("new-per-day", new_per_day, 0, 9999, "20", "a whole number",    \
	    "new cards introduced per day")                                 \
	INT("reviews-per-day", reviews_per_day, 0, 99999, "200",            \
	    "a whole number", "reviews shown per day")                      \
	STEPS("learning-steps", fsrs.learning_steps, fsrs.n_learning_steps, \
	    "1m 10m", "steps of a new card, e.g. \"1m 10m\"")               \
	STEPS("relearning-steps", fsrs.relearning_steps,                    \
	    fsrs.n_relearning_steps, "10m",                                 \
	    "steps after a lapse, e.g. \"10m\", or empty for none")         \
	INT("max-interval", fsrs.max_interval, 1, 36500, "36500",           \
	    "a number of days", "longest interval in days")                 \
	BOOL("fuzz", fsrs.fuzz, "on",                                       \
	    "spread intervals a little so cards do not bunch")              \
	INT("day-starts-at", day_starts_at, 0, 23, "4", "an hour",          \
	    "hour at which a new day starts, local time")                   \
	INT("leech-threshold", leech_threshold, 1, 99, "8",                 \
	    "a number of lapses", "lapses that make a card a leech")        \
	CHOICE("leech-action", leech_action, leech_actions, "suspend",      \
	    "suspend or tag", "what becomes of a leech: suspended, or only" \
			      " tagged")

/* The words of leech-action, in the order of enum settings_leech_action. */
static const char *const leech_actions[] = { "suspend", "tag", NULL };

#define STEPS_RANGE \
	"up to " STR(FSRS_MAX_STEPS) " steps of 1m-" STR(FSRS_MAX_STEP_DAYS) "d"
#define LINE(help, range, def) help " (" range ", default " def ")"

/* The offset of member in struct settings, if it has type T. */
#define MEMBER(m, T)                          \
	_Generic(((struct settings *)0)->m, T \
		 : offsetof(struct settings, m))

struct setting {
	struct setting_info info;
	const char *what;              /* numbers: "a whole number" */
	const char *lo_text, *hi_text; /* numbers: the range as written */
	double lo, hi;                 /* numbers: the range */
	size_t member;                 /* where the value is in struct settings */
	size_t count;                  /* steps: where their number is */
	const char *const *words;      /* choices: the words */
};

#define ROW_INT(k, m, l, h, d, w, hl)                                          \
	{ { k, SETTING_INT, #l "-" #h, d, hl, LINE(hl, #l "-" #h, d) }, w, #l, \
		#h, l, h, MEMBER(m, int), 0, NULL },
#define ROW_REAL(k, m, l, h, d, hl)                                      \
	{ { k, SETTING_REAL, #l "-" #h, d, hl, LINE(hl, #l "-" #h, d) }, \
		"a number", #l, #h, l, h, MEMBER(m, double), 0, NULL },
#define ROW_BOOL(k, m, d, hl)                                                \
	{ { k, SETTING_BOOL, "on or off", d, hl, LINE(hl, "on or off", d) }, \
		NULL, NULL, NULL, 0, 0, MEMBER(m, bool), 0, NULL },
#define ROW_STEPS(k, m, n, d, hl)                                             \
	{ { k, SETTING_STEPS, STEPS_RANGE, d, hl, LINE(hl, STEPS_RANGE, d) }, \
		NULL, NULL, NULL, 0, 0, MEMBER(m, int *), MEMBER(n, int), NULL },
#define ROW_CHOICE(k, m, ws, d, r, hl)                                 \
	{ { k, SETTING_CHOICE, r, d, hl, LINE(hl, r, d) }, NULL, NULL, \
		NULL, 0, 0, MEMBER(m, int), 0, ws },

static const struct setting table[] = {
	SETTINGS_TABLE(ROW_INT, ROW_REAL, ROW_BOOL, ROW_STEPS, ROW_CHOICE)
};

#define KEY_OF(k, ...) k,
const char *const settings_keys[] = {
	SETTINGS_TABLE(KEY_OF, KEY_OF, KEY_OF, KEY_OF, KEY_OF) NULL,
};

#define N_SETTINGS (sizeof(table) / sizeof(table[0]))

/*
 * The weights are a setting of their own kind, kept out of the table (and
 * out of settings_keys, whose values fit one line): weights.c reads and
 * writes them, and these lines route the key there.
 */
const char settings_weights_key[] = "weights";
const char settings_weights_line[] =
    "the 21 FSRS-6 parameters w0..w20 (bounded, default FSRS-6's)";

static bool
is_weights(const char *key)
{
	return strcmp(key, settings_weights_key) == 0;
}

size_t
settings_count(void)
{
	return N_SETTINGS;
}

const struct setting_info *
settings_info(size_t i)
{
	return i < N_SETTINGS ? &table[i].info : NULL;
}

static const struct setting *
find(const char *key)
{
	for (size_t i = 0; i < N_SETTINGS; i++)
		if (strcmp(table[i].info.key, key) == 0)
			return &table[i];
	return NULL;
}

const struct setting_info *
settings_find(const char *key)
{
	const struct setting *e = find(key);

	return e != NULL ? &e->info : NULL;
}

const char *
settings_help(const char *key)
{
	const struct setting *e = find(key);

	if (is_weights(key))
		return settings_weights_line;
	return e != NULL ? e->info.line : NULL;
}

/* The member of s at offset `member` (from MEMBER). */
static void *
at(struct settings *s, size_t member)
{
	return (char *)s + member;
}

static const void *
at_const(const struct settings *s, size_t member)
{
	return (const char *)s + member;
}

static int
parse_int(const char *v, double lo, double hi, int *out)
{
	long n;

	if (util_parse_whole(v, (long)lo, (long)hi, &n) < 0)
		return -1;
	*out = (int)n;
	return 0;
}

/* 10^SETTINGS_DECIMALS: a SETTING_REAL is read and shown in 1/scale units. */
static long
real_scale(void)
{
	long scale = 1;

	for (int i = 0; i < SETTINGS_DECIMALS; i++)
		scale *= 10;
	return scale;
}

/* x >= 0 in units of 1/real_scale(), to the nearest. */
static long
real_units(double x)
{
	return (long)(x * (double)real_scale() + 0.5);
}

/*
 * Reads digits with an optional point ("0.975", ".85", "1") as a whole
 * number of 1/real_scale() units.  Read as text, not by strtod, so that
 * a value with more decimals than are kept is refused, not rounded.
 */
static int
parse_real(const char *v, double lo, double hi, double *out)
{
	long units = 0, scale = real_scale();
	int digits = 0, decimals = -1;

	for (const char *p = v; *p != '\0'; p++) {
		if (*p == '.' && decimals < 0) {
			decimals = 0;
			continue;
		}
		if (*p < '0' || *p > '9')
			return -1;
		digits++;
		if (decimals >= 0 && ++decimals > SETTINGS_DECIMALS) {
			if (*p != '0')
				return -1;
			continue;
		}
		if (units > LONG_MAX / 10 / scale)
			return -1; /* far beyond any range */
		units = units * 10 + (*p - '0');
	}
	if (digits == 0)
		return -1;
	for (int d = decimals < 0 ? 0 : decimals; d < SETTINGS_DECIMALS; d++)
		units *= 10;
	if (units < real_units(lo) || units > real_units(hi))
		return -1;
	*out = (double)units / (double)scale;
	return 0;
}

/* x with SETTINGS_DECIMALS decimals, trailing zeros dropped down to two. */
static char *
format_real(double x)
{
	long units = real_units(x), scale = real_scale();
	char *s = xasprintf("%ld.%0*ld", units / scale, SETTINGS_DECIMALS,
	    units % scale);
	size_t len = strlen(s);

	while (len > 0 && s[len - 1] == '0' &&
	       len - (size_t)(strchr(s, '.') - s) - 1 > 2)
		s[--len] = '\0';
	return s;
}

static int
parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "on", "true", "yes", "1" };
	static const char *const no[] = { "off", "false", "no", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

static int
apply_steps(const struct setting *e, struct settings *s, const char *v,
    char **errmsg)
{
	int tmp[FSRS_MAX_STEPS] = { 0 }, nt = 0;
	size_t pos = 0;
	int rc = fsrs_parse_steps(v, tmp, &nt, &pos);

	if (rc != FSRS_STEPS_OK)
		return set_error(errmsg, "%s: \"%s\": %s (at \"%s\"); give %s,"
					 " such as \"1m 10m 1h 1d\"",
		    e->info.key, v,
		    fsrs_steps_strerror(rc), v + pos, e->info.range);
	memcpy(at(s, e->member), tmp, sizeof(tmp));
	*(int *)at(s, e->count) = nt;
	return 0;
}

/* Reads v into row e of s; s may be partly changed on -1. */
static int
apply(const struct setting *e, struct settings *s, const char *v,
    char **errmsg)
{
	switch (e->info.type) {
	case SETTING_INT:
		if (parse_int(v, e->lo, e->hi, at(s, e->member)) == 0)
			return 0;
		return set_error(errmsg, "%s: \"%s\": give %s from %s to %s",
		    e->info.key, v, e->what, e->lo_text, e->hi_text);
	case SETTING_REAL:
		if (parse_real(v, e->lo, e->hi, at(s, e->member)) == 0)
			return 0;
		return set_error(errmsg, "%s: \"%s\": give %s from %s to %s"
					 " with at most " STR(SETTINGS_DECIMALS) " decimals, e.g. %s",
		    e->info.key, v, e->what, e->lo_text, e->hi_text, e->info.def);
	case SETTING_BOOL:
		if (parse_bool(v, at(s, e->member)) == 0)
			return 0;
		return set_error(errmsg, "%s: \"%s\": give %s", e->info.key, v,
		    e->info.range);
	case SETTING_STEPS:
		return apply_steps(e, s, v, errmsg);
	case SETTING_CHOICE:
		for (int i = 0; e->words[i] != NULL; i++)
			if (strcasecmp(v, e->words[i]) == 0) {
				*(int *)at(s, e->member) = i;
				return 0;
			}
		return set_error(errmsg, "%s: \"%s\": give %s", e->info.key, v,
		    e->info.range);
	}
	die("settings: %s has no type", e->info.key);
}

int
settings_apply(struct settings *s, const char *key, const char *v,
    char **errmsg)
{
	const struct setting *e = find(key);
	struct settings t = *s;

	if (is_weights(key))
		return weights_parse(v, s->fsrs.w, errmsg);
	if (e == NULL)
		return set_error(errmsg,
		    "no setting named \"%s\" (see rehearse config)", key);
	if (apply(e, &t, v, errmsg) < 0)
		return -1;
	*s = t;
	return 0;
}

void
settings_default(struct settings *s)
{
	memset(s, 0, sizeof(*s));
	fsrs_default_params(&s->fsrs);
	for (size_t i = 0; i < N_SETTINGS; i++) {
		char *msg = NULL;

		if (apply(&table[i], s, table[i].info.def, &msg) < 0)
			die("settings: the default is refused: %s", msg);
	}
}

char *
settings_format(const struct settings *s, const char *key)
{
	const struct setting *e = find(key);
	const void *v;
	char buf[256];

	if (is_weights(key))
		return weights_format(s->fsrs.w);
	if (e == NULL)
		return NULL;
	v = at_const(s, e->member);
	switch (e->info.type) {
	case SETTING_INT:
		return xasprintf("%d", *(const int *)v);
	case SETTING_REAL:
		return format_real(*(const double *)v);
	case SETTING_BOOL:
		return xstrdup(*(const bool *)v ? "on" : "off");
	case SETTING_CHOICE:
		return xstrdup(e->words[*(const int *)v]);
	case SETTING_STEPS:
		if (fsrs_format_steps(v, *(const int *)at_const(s, e->count), buf,
			sizeof(buf)) < 0)
			die("settings_format: %s too long", key);
		return xstrdup(buf);
	}
	die("settings: %s has no type", key);
}

int
settings_load(struct store *st, struct settings *s, char **errmsg)
{
	settings_default(s);
	for (size_t i = 0; i <= N_SETTINGS; i++) {
		const char *key =
		    i < N_SETTINGS ? table[i].info.key : settings_weights_key;
		char *v = NULL, *msg = NULL;
		int rc;

		if (store_setting_get(st, key, &v, errmsg) < 0)
			return -1;
		if (v == NULL)
			continue;
		rc = settings_apply(s, key, v, &msg);
		free(v);
		if (rc < 0) {
			set_error(errmsg, "the collection's setting %s", msg);
			free(msg);
			return -1;
		}
	}
	return 0;
}

int
settings_set(struct store *st, const char *key, const char *value,
    char **errmsg)
{
	struct settings s;
	char *canon;
	int rc;

	settings_default(&s);
	if (settings_apply(&s, key, value, errmsg) < 0)
		return -1;
	/* Store the canonical form: "ON" is kept as "on", "60m" as "1h". */
	canon = settings_format(&s, key);
	rc = store_setting_set(st, key, canon, errmsg);
	free(canon);
	return rc;
}

/* ---- a deck's own values ---- */

const char *const settings_deck_keys[] = {
	"retention",
	"new-per-day",
	"reviews-per-day",
	"learning-steps",
	"relearning-steps",
	"max-interval",
	"leech-threshold",
	"leech-action",
	NULL,
};

bool
settings_per_deck(const char *key)
{
	for (const char *const *k = settings_deck_keys; *k != NULL; k++)
		if (strcmp(*k, key) == 0)
			return true;
	return false;
}

static char *
deck_key(int64_t deck_id, const char *key)
{
	return xasprintf("deck/%lld/%s", (long long)deck_id, key);
}

int
settings_load_deck(struct store *st, const struct settings *base,
    int64_t deck_id, struct deck_settings *out, char **errmsg)
{
	out->set = *base;
	out->own = 0;
	for (size_t i = 0; i < N_SETTINGS; i++) {
		const char *key = table[i].info.key;
		char *k, *v = NULL, *msg = NULL;
		int rc;

		if (!settings_per_deck(key))
			continue;
		k = deck_key(deck_id, key);
		rc = store_setting_get(st, k, &v, errmsg);
		free(k);
		if (rc < 0)
			return -1;
		if (v == NULL)
			continue;
		rc = settings_apply(&out->set, key, v, &msg);
		free(v);
		if (rc < 0) {
			set_error(errmsg, "a deck's setting %s", msg);
			free(msg);
			return -1;
		}
		out->own |= 1u << i;
	}
	return 0;
}

bool
settings_deck_owns(const struct deck_settings *ds, const char *key)
{
	for (size_t i = 0; i < N_SETTINGS; i++)
		if (strcmp(table[i].info.key, key) == 0)
			return (ds->own >> i) & 1u;
	return false;
}

int
settings_set_deck(struct store *st, int64_t deck_id, const char *key,
    const char *value, char **errmsg)
{
	struct settings s;
	char *canon = NULL, *k;
	int rc;

	if (!settings_per_deck(key))
		return set_error(errmsg, "%s cannot be set for one deck", key);
	if (value != NULL) {
		settings_default(&s);
		if (settings_apply(&s, key, value, errmsg) < 0)
			return -1;
		canon = settings_format(&s, key);
	}
	k = deck_key(deck_id, key);
	rc = store_setting_set(st, k, canon, errmsg);
	free(k);
	free(canon);
	return rc;
}

/* ---- more new cards today ---- */

char *
settings_extra_new_key(int64_t deck_id, int64_t day)
{
	return deck_id ? xasprintf("deck/%lld/extra-new/%lld", (long long)deck_id,
			     (long long)day)
	               : xasprintf("extra-new/%lld", (long long)day);
}

int
settings_extra_new(struct store *st, int64_t deck_id, int64_t day, int64_t *n,
    char **errmsg)
{
	char *k = settings_extra_new_key(deck_id, day), *v = NULL;
	int rc = store_setting_get(st, k, &v, errmsg);

	free(k);
	*n = 0;
	if (rc < 0)
		return -1;
	if (v != NULL) {
		int x = 0;

		/* Written by settings_add_extra_new only; anything else is 0. */
		if (parse_int(v, 0, 99999999, &x) == 0)
			*n = x;
		free(v);
	}
	return 0;
}

int
settings_add_extra_new(struct store *st, int64_t deck_id, int64_t day,
    int64_t n, char **errmsg)
{
	int64_t have;
	char *k, *v;
	int rc;

	if (n < 1 || n > 9999)
		return set_error(errmsg, "--extra-new: give a number from 1 to 9999");
	if (settings_extra_new(st, deck_id, day, &have, errmsg) < 0)
		return -1;
	k = settings_extra_new_key(deck_id, day);
	v = xasprintf("%lld", (long long)(have + n));
	rc = store_setting_set(st, k, v, errmsg);
	free(k);
	free(v);
	return rc;
}
