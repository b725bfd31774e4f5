#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/settings.h"
#include "core/store.h"
#include "core/util.h"

static struct store *st;

static void
setup(void)
{
	char *msg = NULL;

	cr_assert_eq(store_open(":memory:", &st, &msg), 0, "%s", msg ? msg : "");
}

static void
teardown(void)
{
	store_close(st);
	st = NULL;
}

TestSuite(settings, .init = setup, .fini = teardown);

/* What the collection shows for key after settings_set(key, value). */
static char *
stored_text(const char *key, const char *value)
{
	struct settings s;
	char *msg = NULL;

	cr_assert_eq(settings_set(st, key, value, &msg), 0, "%s", msg ? msg : "");
	cr_assert_eq(settings_load(st, &s, &msg), 0, "%s", msg ? msg : "");
	return settings_format(&s, key);
}

Test(settings, retention_keeps_three_decimals)
{
	char *v = stored_text("retention", "0.975");

	cr_expect_str_eq(v, "0.975");
	free(v);
}

/* ---- the table ---- */

Test(settings, table_walks_in_key_order)
{
	size_t n = settings_count();

	cr_assert_gt(n, 0);
	for (size_t i = 0; i < n; i++) {
		const struct setting_info *in = settings_info(i);

		cr_assert_not_null(in);
		cr_assert_not_null(settings_keys[i], "settings_keys ends at %zu", i);
		cr_expect_str_eq(in->key, settings_keys[i]);
		cr_expect_eq(settings_find(in->key), in);
		cr_expect_eq(settings_help(in->key), in->line);
	}
	cr_expect_null(settings_keys[n]);
	cr_expect_null(settings_info(n));
	cr_expect_null(settings_find("no-such-key"));
	cr_expect_null(settings_help("no-such-key"));
	cr_expect_null(settings_find(""));
}

Test(settings, line_is_help_range_and_default)
{
	for (size_t i = 0; i < settings_count(); i++) {
		const struct setting_info *in = settings_info(i);
		char *want = xasprintf("%s (%s, default %s)", in->help,
		    in->range, in->def);

		cr_expect_str_eq(in->line, want);
		cr_expect_null(strchr(in->line, '\n'), "%s: one line", in->key);
		free(want);
	}
}

/* The defaults of the table are what settings_default sets and shows. */
Test(settings, defaults_show_as_the_table_says)
{
	struct settings s;
	struct fsrs_params p;

	settings_default(&s);
	for (size_t i = 0; i < settings_count(); i++) {
		const struct setting_info *in = settings_info(i);
		char *v = settings_format(&s, in->key);

		cr_assert_not_null(v);
		cr_expect_str_eq(v, in->def, "%s", in->key);
		free(v);
	}
	/* The collection's defaults agree with the scheduler's own. */
	fsrs_default_params(&p);
	for (int i = 0; i < FSRS_N_WEIGHTS; i++)
		cr_expect_eq(s.fsrs.w[i], p.w[i]);
	cr_expect_eq(s.fsrs.retention, p.retention);
	cr_expect_eq(s.fsrs.max_interval, p.max_interval);
	cr_expect_eq(s.fsrs.fuzz, p.fuzz);
	cr_expect_eq(s.fsrs.short_term, p.short_term);
	cr_expect_eq(s.fsrs.n_learning_steps, p.n_learning_steps);
	for (int i = 0; i < p.n_learning_steps; i++)
		cr_expect_eq(s.fsrs.learning_steps[i], p.learning_steps[i]);
	cr_expect_eq(s.fsrs.n_relearning_steps, p.n_relearning_steps);
	for (int i = 0; i < p.n_relearning_steps; i++)
		cr_expect_eq(s.fsrs.relearning_steps[i], p.relearning_steps[i]);
	cr_expect_eq(s.new_per_day, 20);
	cr_expect_eq(s.reviews_per_day, 200);
	cr_expect_eq(s.day_starts_at, 4);
}

Test(settings, format_unknown_key_is_null)
{
	struct settings s;

	settings_default(&s);
	cr_expect_null(settings_format(&s, "no-such-key"));
}

/* ---- validation: every setting's edges ---- */

/*
 * Values at and just past the edge of every setting, written out here
 * rather than taken from the table, so that a change of range shows.
 * `shown` is what config shows back; NULL for a refused value.
 */
static const struct edge {
	const char *key, *value, *shown;
} edges[] = {
	{ "retention", "0.70", "0.70" },
	{ "retention", "0.7", "0.70" },
	{ "retention", "0.699", NULL },
	{ "retention", "0.69", NULL },
	{ "retention", "0.99", "0.99" },
	{ "retention", "0.990", "0.99" },
	{ "retention", "0.991", NULL },
	{ "retention", "1", NULL },
	{ "retention", "0.975", "0.975" },
	{ "retention", "0.9750", "0.975" },
	{ "retention", "0.9755", NULL },
	{ "retention", "0.9751", NULL },
	{ "retention", ".85", "0.85" },
	{ "retention", "0.80000000", "0.80" },
	{ "retention", "0.8000001", NULL },
	{ "retention", "9e-1", NULL },
	{ "retention", "-0.9", NULL },
	{ "retention", " 0.9", NULL },
	{ "retention", "0.9.1", NULL },
	{ "retention", ".", NULL },
	{ "retention", "", NULL },
	{ "retention", "99999999999999999999999", NULL },
	{ "retention", "92233720368547758", NULL },
	{ "retention", "9223372036854775.807", NULL },
	{ "leech-threshold", "1", "1" },
	{ "leech-threshold", "0", NULL },
	{ "leech-threshold", "99", "99" },
	{ "leech-threshold", "100", NULL },
	{ "leech-action", "suspend", "suspend" },
	{ "leech-action", "TAG", "tag" },
	{ "leech-action", "delete", NULL },
	{ "leech-action", "", NULL },
	{ "new-per-day", "0", "0" },
	{ "new-per-day", "-1", NULL },
	{ "new-per-day", "9999", "9999" },
	{ "new-per-day", "10000", NULL },
	{ "new-per-day", "007", "7" },
	{ "new-per-day", "1.5", NULL },
	{ "new-per-day", "", NULL },
	{ "reviews-per-day", "0", "0" },
	{ "reviews-per-day", "-1", NULL },
	{ "reviews-per-day", "99999", "99999" },
	{ "reviews-per-day", "100000", NULL },
	{ "reviews-per-day", "99999999999999999999999", NULL },
	{ "learning-steps", "", "" },
	{ "learning-steps", "1m", "1m" },
	{ "learning-steps", "0m", NULL },
	{ "learning-steps", "365d", "365d" },
	{ "learning-steps", "525600m", "365d" },
	{ "learning-steps", "366d", NULL },
	{ "learning-steps", "525601m", NULL },
	{ "learning-steps", "60m  1440m", "1h 1d" },
	{ "learning-steps",
	    "1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 11m 12m 13m 14m 15m 16m",
	    "1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 11m 12m 13m 14m 15m 16m" },
	{ "learning-steps",
	    "1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 11m 12m 13m 14m 15m 16m 17m", NULL },
	{ "learning-steps", "1x", NULL },
	{ "relearning-steps", "", "" },
	{ "relearning-steps", "10m", "10m" },
	{ "relearning-steps", "0m", NULL },
	{ "relearning-steps", "365d", "365d" },
	{ "relearning-steps", "366d", NULL },
	{ "relearning-steps", "10m -5m", NULL },
	{ "relearning-steps",
	    "1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d",
	    "1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d" },
	{ "relearning-steps",
	    "1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d 1d", NULL },
	{ "max-interval", "1", "1" },
	{ "max-interval", "0", NULL },
	{ "max-interval", "36500", "36500" },
	{ "max-interval", "36501", NULL },
	{ "fuzz", "on", "on" },
	{ "fuzz", "off", "off" },
	{ "fuzz", "OFF", "off" },
	{ "fuzz", "yes", "on" },
	{ "fuzz", "no", "off" },
	{ "fuzz", "True", "on" },
	{ "fuzz", "false", "off" },
	{ "fuzz", "1", "on" },
	{ "fuzz", "0", "off" },
	{ "fuzz", "maybe", NULL },
	{ "fuzz", "2", NULL },
	{ "fuzz", "", NULL },
	{ "day-starts-at", "0", "0" },
	{ "day-starts-at", "-1", NULL },
	{ "day-starts-at", "23", "23" },
	{ "day-starts-at", "24", NULL },
};

#define N_EDGES (sizeof(edges) / sizeof(edges[0]))

/*
 * What a refusal of in must say besides the key and the value: the
 * numbers of the range ("from 0 to 23") or its words ("on or off").
 */
static char *
range_words(const struct setting_info *in)
{
	const char *dash = strchr(in->range, '-');

	if (in->type != SETTING_INT && in->type != SETTING_REAL)
		return xstrdup(in->range);
	cr_assert_not_null(dash, "%s: range \"%s\"", in->key, in->range);
	return xasprintf("from %.*s to %s", (int)(dash - in->range), in->range,
	    dash + 1);
}

/* a and b show the same value for every setting. */
static void
expect_same(const struct settings *a, const struct settings *b)
{
	for (size_t i = 0; i < settings_count(); i++) {
		const char *key = settings_info(i)->key;
		char *va = settings_format(a, key), *vb = settings_format(b, key);

		cr_expect_str_eq(va, vb, "%s", key);
		free(va);
		free(vb);
	}
}

/* Applies value to key over the defaults and checks the outcome. */
static void
check_value(const char *key, const char *value, const char *shown)
{
	const struct setting_info *in = settings_find(key);
	struct settings s, before;
	char *msg = NULL, *v;
	int rc;

	cr_assert_not_null(in, "%s", key);
	settings_default(&s);
	before = s;
	rc = settings_apply(&s, key, value, &msg);
	if (shown != NULL) {
		cr_expect_eq(rc, 0, "%s \"%s\": %s", key, value, msg ? msg : "");
		v = settings_format(&s, key);
		cr_expect_str_eq(v, shown, "%s \"%s\"", key, value);
		free(v);
	} else {
		char *words = range_words(in);

		cr_expect_eq(rc, -1, "%s \"%s\" was accepted", key, value);
		cr_assert_not_null(msg, "%s \"%s\": no message", key, value);
		cr_expect_eq(strncmp(msg, key, strlen(key)), 0, "%s", msg);
		cr_expect_not_null(strstr(msg, words), "\"%s\" lacks \"%s\"", msg,
		    words);
		expect_same(&s, &before);
		free(words);
	}
	free(msg);
}

Test(settings, edges_of_every_setting)
{
	for (size_t i = 0; i < N_EDGES; i++)
		check_value(edges[i].key, edges[i].value, edges[i].shown);
}

/* Every setting of the table has a good and a refused value above. */
Test(settings, edges_cover_the_table)
{
	for (size_t i = 0; i < settings_count(); i++) {
		const char *key = settings_info(i)->key;
		bool good = false, bad = false;

		for (size_t j = 0; j < N_EDGES; j++) {
			if (strcmp(edges[j].key, key) != 0)
				continue;
			good = good || edges[j].shown != NULL;
			bad = bad || edges[j].shown == NULL;
		}
		cr_expect(good && bad, "%s: no edge tested", key);
	}
	for (size_t j = 0; j < N_EDGES; j++)
		cr_expect_not_null(settings_find(edges[j].key), "%s", edges[j].key);
}

/*
 * The number one unit of the last place of value above (n = 1) or below
 * (n = -1) it, the last place of "0.70" being the third decimal.
 */
static char *
nudge(const char *value, int n)
{
	const char *point = strchr(value, '.');
	long units;

	if (point == NULL)
		return xasprintf("%ld", strtol(value, NULL, 10) + n);
	cr_assert_eq(strlen(point + 1), 2, "nudge: %s", value);
	units = strtol(value, NULL, 10) * 1000 +
	        strtol(point + 1, NULL, 10) * 10 + n;
	return xasprintf("%ld.%03ld", units / 1000, units % 1000);
}

/*
 * The ranges the table shows are the ones validation keeps: each end is
 * accepted, and the next value past it refused.
 */
Test(settings, range_text_is_what_validation_keeps)
{
	for (size_t i = 0; i < settings_count(); i++) {
		const struct setting_info *in = settings_info(i);
		const char *dash = strchr(in->range, '-');
		char *lo, *hi, *below, *above;

		if (in->type != SETTING_INT && in->type != SETTING_REAL)
			continue;
		lo = xasprintf("%.*s", (int)(dash - in->range), in->range);
		hi = xstrdup(dash + 1);
		below = nudge(lo, -1);
		above = nudge(hi, 1);
		check_value(in->key, lo, lo);
		check_value(in->key, hi, hi);
		check_value(in->key, below, NULL);
		check_value(in->key, above, NULL);
		free(lo);
		free(hi);
		free(below);
		free(above);
	}
}

/* Every retention that can be typed is kept, and read back the same. */
Test(settings, every_retention_round_trips)
{
	for (int units = 700; units <= 990; units++) {
		char *typed = xasprintf("0.%03d", units), *shown, *msg = NULL;
		struct settings s, again;

		settings_default(&s);
		cr_assert_eq(settings_apply(&s, "retention", typed, &msg), 0,
		    "%s", msg ? msg : "");
		cr_expect_eq(s.fsrs.retention, units / 1000.0, "%s", typed);
		shown = settings_format(&s, "retention");
		cr_expect_eq(strtod(shown, NULL), strtod(typed, NULL), "%s as %s",
		    typed, shown);
		settings_default(&again);
		cr_assert_eq(settings_apply(&again, "retention", shown, &msg), 0);
		cr_expect_eq(again.fsrs.retention, s.fsrs.retention, "%s", typed);
		free(typed);
		free(shown);
	}
}

/* What settings_format gives, settings_apply reads back to the same. */
Test(settings, format_reads_back)
{
	struct settings s, again;
	char *msg = NULL;

	settings_default(&s);
	cr_assert_eq(settings_apply(&s, "learning-steps", "5m 2h 3d", &msg), 0);
	cr_assert_eq(settings_apply(&s, "fuzz", "off", &msg), 0);
	cr_assert_eq(settings_apply(&s, "retention", "0.815", &msg), 0);
	settings_default(&again);
	for (size_t i = 0; i < settings_count(); i++) {
		const char *key = settings_info(i)->key;
		char *v = settings_format(&s, key);

		cr_expect_eq(settings_apply(&again, key, v, &msg), 0, "%s \"%s\"",
		    key, v);
		free(v);
	}
	expect_same(&s, &again);
}

Test(settings, unknown_key_is_refused)
{
	struct settings s, before;
	char *msg = NULL;

	settings_default(&s);
	before = s;
	cr_expect_eq(settings_apply(&s, "no-such-key", "1", &msg), -1);
	cr_assert_not_null(msg);
	cr_expect_not_null(strstr(msg, "no-such-key"), "%s", msg);
	expect_same(&s, &before);
	free(msg);
	msg = NULL;
	cr_expect_eq(settings_set(st, "no-such-key", "1", &msg), -1);
	free(msg);
}

/* ---- in the collection ---- */

Test(settings, stored_canonically)
{
	char *v = NULL, *msg = NULL;

	cr_assert_eq(settings_set(st, "fuzz", "YES", &msg), 0);
	cr_assert_eq(store_setting_get(st, "fuzz", &v, &msg), 0);
	cr_expect_str_eq(v, "on");
	free(v);
	cr_assert_eq(settings_set(st, "learning-steps", "60m 1440m", &msg), 0);
	cr_assert_eq(store_setting_get(st, "learning-steps", &v, &msg), 0);
	cr_expect_str_eq(v, "1h 1d");
	free(v);
	v = stored_text("retention", "0.8");
	cr_expect_str_eq(v, "0.80");
	free(v);
}

Test(settings, refused_value_is_not_stored)
{
	char *v = NULL, *msg = NULL;

	cr_assert_eq(settings_set(st, "retention", "0.85", &msg), 0);
	cr_expect_eq(settings_set(st, "retention", "0.855555", &msg), -1);
	cr_assert_not_null(msg);
	cr_expect_not_null(strstr(msg, "retention"), "%s", msg);
	cr_expect_not_null(strstr(msg, "at most 3 decimals"), "%s", msg);
	free(msg);
	cr_assert_eq(store_setting_get(st, "retention", &v, NULL), 0);
	cr_expect_str_eq(v, "0.85");
	free(v);
}

Test(settings, load_over_defaults)
{
	struct settings s;
	char *msg = NULL;

	cr_assert_eq(settings_set(st, "day-starts-at", "7", &msg), 0);
	cr_assert_eq(settings_load(st, &s, &msg), 0);
	cr_expect_eq(s.day_starts_at, 7);
	cr_expect_eq(s.new_per_day, 20);
}

/* A value the store holds but the table refuses names the setting. */
Test(settings, load_refuses_a_bad_stored_value)
{
	struct settings s;
	char *msg = NULL;

	cr_assert_eq(store_setting_set(st, "max-interval", "0", NULL), 0);
	cr_expect_eq(settings_load(st, &s, &msg), -1);
	cr_assert_not_null(msg);
	cr_expect_not_null(strstr(msg, "the collection's setting max-interval"),
	    "%s", msg);
	free(msg);
}

/* ---- the manual ---- */

#define STR_(x) #x
#define STR(x) STR_(x)

/* The whole of man/rehearse.1 (allocated). */
static char *
read_page(void)
{
	const char *path = TEST_DATA_DIR "/../../man/rehearse.1";
	FILE *f = fopen(path, "r");
	char *page = NULL;
	size_t len = 0, got;
	char buf[4096];

	cr_assert_not_null(f, "%s", path);
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
		page = xrealloc(page, len + got + 1);
		memcpy(page + len, buf, got);
		len += got;
	}
	cr_assert(!ferror(f));
	fclose(f);
	cr_assert_not_null(page);
	page[len] = '\0';
	return page;
}

/*
 * The text of the ".It Li key" item of SCHEDULING, up to the next item or
 * the end of the list, its lines joined by spaces and the mdoc macros at
 * their starts dropped (allocated; NULL when there is no such item).
 */
static char *
page_item(const char *page, const char *key)
{
	const char *sec = strstr(page, "\n.Sh SCHEDULING\n"), *p, *end;
	char *head = xasprintf("\n.It Li %s\n", key), *out, *o;

	cr_assert_not_null(sec);
	p = strstr(sec, head);
	free(head);
	if (p == NULL || ((end = strstr(sec + 1, "\n.Sh ")) != NULL && p > end))
		return NULL;
	p = strchr(p + 1, '\n') + 1;
	out = o = xstrdup(p);
	while (*p != '\0' && strncmp(p, ".It ", 4) != 0 &&
	       strncmp(p, ".El", 3) != 0) {
		if (p[0] == '.' && p[1] >= 'A' && p[1] <= 'Z')
			p += p[3] == ' ' ? 4 : 3; /* ".Li on ." -> "on ." */
		while (*p != '\0' && *p != '\n')
			*o++ = *p++;
		if (*p == '\n') {
			*o++ = ' ';
			p++;
		}
	}
	*o = '\0';
	return out;
}

/*
 * Each setting of the table has its item in the manual, which gives the
 * range that validation keeps and the default.
 */
Test(settings, manual_gives_each_range)
{
	char *page = read_page();

	for (size_t i = 0; i < settings_count(); i++) {
		const struct setting_info *in = settings_info(i);
		char *item = page_item(page, in->key), *want;

		cr_expect_not_null(item, "no item for %s in SCHEDULING", in->key);
		if (item == NULL)
			continue;
		switch (in->type) {
		case SETTING_INT:
		case SETTING_REAL:
			want = range_words(in);
			break;
		case SETTING_BOOL:
			want = xstrdup("on to");
			cr_expect_not_null(strstr(item, "off for"), "%s: %s",
			    in->key, item);
			break;
		case SETTING_STEPS:
			want = xstrdup("at most " STR(FSRS_MAX_STEPS) " steps of at most " STR(FSRS_MAX_STEP_DAYS) " days");
			break;
		case SETTING_CHOICE:
			want = xstrdup(in->range);
			break;
		default:
			cr_assert_fail("%s: a type without a check", in->key);
		}
		cr_expect_not_null(strstr(item, want), "%s: \"%s\" not in \"%s\"",
		    in->key, want, item);
		if (in->type == SETTING_REAL)
			cr_expect_not_null(strstr(item, "at most " STR(SETTINGS_DECIMALS) " decimals"), "%s", item);
		free(want);
		want = xasprintf("Default %s", in->def);
		cr_expect_not_null(strstr(item, want), "%s: \"%s\" not in \"%s\"",
		    in->key, want, item);
		free(want);
		free(item);
	}
	free(page);
}
