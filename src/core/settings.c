#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/settings.h"
#include "core/util.h"

const char *const settings_keys[] = {
	"retention", "new-per-day", "reviews-per-day", "learning-steps",
	"relearning-steps", "max-interval", "fuzz", "day-starts-at", NULL,
};

static const struct {
	const char *key;
	const char *help;
} helps[] = {
	{ "retention", "desired retention, the chance of recall FSRS aims for"
	  " (0.70-0.99, default 0.90)" },
	{ "new-per-day", "new cards introduced per day (0-9999, default 20)" },
	{ "reviews-per-day", "reviews shown per day (0-99999, default 200)" },
	{ "learning-steps", "steps of a new card, e.g. \"1m 10m\" (units m, h, d;"
	  " default 1m 10m)" },
	{ "relearning-steps", "steps after a lapse, e.g. \"10m\" (default 10m;"
	  " empty for none)" },
	{ "max-interval", "longest interval in days (1-36500, default 36500)" },
	{ "fuzz", "spread intervals a little so cards do not bunch (on or off,"
	  " default on)" },
	{ "day-starts-at", "hour at which a new day starts, local time (0-23,"
	  " default 4)" },
};

void
settings_default(struct settings *s)
{
	memset(s, 0, sizeof(*s));
	fsrs_default_params(&s->fsrs);
	s->new_per_day = 20;
	s->reviews_per_day = 200;
	s->day_starts_at = 4;
}

const char *
settings_help(const char *key)
{
	for (size_t i = 0; i < sizeof(helps) / sizeof(helps[0]); i++)
		if (strcmp(helps[i].key, key) == 0)
			return helps[i].help;
	return NULL;
}

static int
parse_int(const char *v, long lo, long hi, int *out)
{
	char *end;
	long n;

	if (*v == '\0')
		return -1;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < lo || n > hi)
		return -1;
	*out = (int)n;
	return 0;
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
apply_steps(const char *key, const char *v, int *steps, int *n, char **errmsg)
{
	int tmp[FSRS_MAX_STEPS], nt = 0;
	size_t pos = 0;
	int rc = fsrs_parse_steps(v, tmp, &nt, &pos);

	if (rc != FSRS_STEPS_OK)
		return set_error(errmsg, "%s: \"%s\": %s (at \"%s\"); steps look like"
		    " \"1m 10m 1h 1d\"", key, v, fsrs_steps_strerror(rc), v + pos);
	memcpy(steps, tmp, sizeof(tmp));
	*n = nt;
	return 0;
}

int
settings_apply(struct settings *s, const char *key, const char *v, char **errmsg)
{
	struct settings t = *s;

	if (strcmp(key, "retention") == 0) {
		char *end;
		double r;

		errno = 0;
		r = strtod(v, &end);
		if (*v == '\0' || errno != 0 || *end != '\0' || !(r >= 0.70 && r <= 0.99))
			return set_error(errmsg, "retention: \"%s\": give a number from"
			    " 0.70 to 0.99, e.g. 0.90", v);
		t.fsrs.retention = r;
	} else if (strcmp(key, "new-per-day") == 0) {
		if (parse_int(v, 0, 9999, &t.new_per_day) < 0)
			return set_error(errmsg, "new-per-day: \"%s\": give a whole"
			    " number from 0 to 9999", v);
	} else if (strcmp(key, "reviews-per-day") == 0) {
		if (parse_int(v, 0, 99999, &t.reviews_per_day) < 0)
			return set_error(errmsg, "reviews-per-day: \"%s\": give a whole"
			    " number from 0 to 99999", v);
	} else if (strcmp(key, "learning-steps") == 0) {
		if (apply_steps(key, v, t.fsrs.learning_steps,
			&t.fsrs.n_learning_steps, errmsg) < 0)
			return -1;
	} else if (strcmp(key, "relearning-steps") == 0) {
		if (apply_steps(key, v, t.fsrs.relearning_steps,
			&t.fsrs.n_relearning_steps, errmsg) < 0)
			return -1;
	} else if (strcmp(key, "max-interval") == 0) {
		if (parse_int(v, 1, 36500, &t.fsrs.max_interval) < 0)
			return set_error(errmsg, "max-interval: \"%s\": give a number"
			    " of days from 1 to 36500", v);
	} else if (strcmp(key, "fuzz") == 0) {
		if (parse_bool(v, &t.fsrs.fuzz) < 0)
			return set_error(errmsg, "fuzz: \"%s\": give on or off", v);
	} else if (strcmp(key, "day-starts-at") == 0) {
		if (parse_int(v, 0, 23, &t.day_starts_at) < 0)
			return set_error(errmsg, "day-starts-at: \"%s\": give an hour"
			    " from 0 to 23", v);
	} else {
		return set_error(errmsg, "no setting named \"%s\" (see rehearse config)",
		    key);
	}
	*s = t;
	return 0;
}

char *
settings_format(const struct settings *s, const char *key)
{
	char buf[256];

	if (strcmp(key, "retention") == 0)
		return xasprintf("%.2f", s->fsrs.retention);
	if (strcmp(key, "new-per-day") == 0)
		return xasprintf("%d", s->new_per_day);
	if (strcmp(key, "reviews-per-day") == 0)
		return xasprintf("%d", s->reviews_per_day);
	if (strcmp(key, "learning-steps") == 0 || strcmp(key, "relearning-steps") == 0) {
		bool learn = key[0] == 'l';

		if (fsrs_format_steps(learn ? s->fsrs.learning_steps
					    : s->fsrs.relearning_steps,
			learn ? s->fsrs.n_learning_steps : s->fsrs.n_relearning_steps,
			buf, sizeof(buf)) < 0)
			die("settings_format: steps too long");
		return xstrdup(buf);
	}
	if (strcmp(key, "max-interval") == 0)
		return xasprintf("%d", s->fsrs.max_interval);
	if (strcmp(key, "fuzz") == 0)
		return xstrdup(s->fsrs.fuzz ? "on" : "off");
	if (strcmp(key, "day-starts-at") == 0)
		return xasprintf("%d", s->day_starts_at);
	return NULL;
}

int
settings_load(struct store *st, struct settings *s, char **errmsg)
{
	settings_default(s);
	for (const char *const *k = settings_keys; *k != NULL; k++) {
		char *v = NULL, *msg = NULL;
		int rc;

		if (store_setting_get(st, *k, &v, errmsg) < 0)
			return -1;
		if (v == NULL)
			continue;
		rc = settings_apply(s, *k, v, &msg);
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
settings_set(struct store *st, const char *key, const char *value, char **errmsg)
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
