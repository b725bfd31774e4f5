#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/settings.h"
#include "core/store.h"
#include "core/weights.h"

#define DEFAULT_TEXT                                                      \
	"0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, "  \
	"1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, " \
	"1.8729, 0.5425, 0.0912, 0.0658, 0.1542"
/* In bounds, none of them a default. */
#define CUSTOM_TEXT                                                            \
	"0.3,1.5,3,9,6,0.9,3,0.01,1.5,0.2,0.8,1.5,0.05,0.3,1.5,0.5,2,0.5,0.1," \
	"0.05,0.2"

/* The message of weights_parse(s), which must refuse s and leave w alone. */
static char *
refusal(const char *s)
{
	double w[FSRS_N_WEIGHTS], before[FSRS_N_WEIGHTS];
	char *msg = NULL;

	for (int i = 0; i < FSRS_N_WEIGHTS; i++)
		w[i] = before[i] = i;
	cr_assert_eq(weights_parse(s, w, &msg), -1, "accepted \"%s\"", s);
	cr_assert_not_null(msg);
	cr_expect_eq(memcmp(w, before, sizeof(w)), 0, "\"%s\" changed w", s);
	return msg;
}

static void
expect_refusal(const char *s, const char *part)
{
	char *msg = refusal(s);

	cr_expect_not_null(strstr(msg, part), "\"%s\": %s", s, msg);
	free(msg);
}

Test(weights, default_reads_and_shows_the_defaults)
{
	struct fsrs_params p;
	double w[FSRS_N_WEIGHTS];
	char *text;

	fsrs_default_params(&p);
	cr_assert_eq(weights_parse("default", w, NULL), 0);
	/* as numbers may have blanks around them, and in any case */
	memset(w, 0, sizeof(w));
	cr_assert_eq(weights_parse(" Default\t", w, NULL), 0);
	cr_expect_eq(w[0], p.w[0]);
	cr_expect_eq(memcmp(w, p.w, sizeof(w)), 0);
	text = weights_format(w);
	cr_expect_str_eq(text, DEFAULT_TEXT);
	free(text);
	cr_assert_eq(weights_parse(DEFAULT_TEXT, w, NULL), 0);
	cr_expect_eq(memcmp(w, p.w, sizeof(w)), 0);
}

Test(weights, format_reads_back)
{
	double w[FSRS_N_WEIGHTS], again[FSRS_N_WEIGHTS];
	char *text;

	cr_assert_eq(weights_parse(" 0.30 ,1.5,3,9,6,0.9,3,0.01,1.5,0.2,0.8,"
				   "1.5,0.05,0.3,1.5,0.5,2,0.5,0.1,0.05,0.2",
			 w, NULL),
	    0);
	text = weights_format(w);
	cr_expect_str_eq(text,
	    "0.3, 1.5, 3.0, 9.0, 6.0, 0.9, 3.0, 0.01, 1.5, 0.2, 0.8, 1.5, "
	    "0.05, 0.3, 1.5, 0.5, 2.0, 0.5, 0.1, 0.05, 0.2");
	cr_assert_eq(weights_parse(text, again, NULL), 0);
	cr_expect_eq(memcmp(w, again, sizeof(w)), 0);
	free(text);
}

Test(weights, wrong_count_is_refused)
{
	expect_refusal("1,2", "2 numbers given; give 21");
	expect_refusal("", "1 number given; give 21");
	expect_refusal(DEFAULT_TEXT ",1", "22 numbers given");
}

Test(weights, malformed_numbers_are_refused)
{
	expect_refusal("a" DEFAULT_TEXT, "w0 is not a number");
	expect_refusal("0.212,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,"
		       "0.001,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,"
		       "1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,",
	    "w20 is not a number");
	expect_refusal("0.212,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,"
		       "0.001,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,"
		       "1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,0.1234567",
	    "at most 6 decimals");
	expect_refusal("0.212,1e3,2.3065,8.2956,6.4133,0.8334,3.0194,"
		       "0.001,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,"
		       "1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,0.15",
	    "w1 is not a number");
}

/* Each weight just outside each of its bounds names itself and its range. */
Test(weights, every_bound_is_enforced)
{
	for (int i = 0; i < FSRS_N_WEIGHTS; i++) {
		double lo, hi, w[FSRS_N_WEIGHTS];
		char *text, *msg, want[64];

		fsrs_weight_bounds(i, &lo, &hi);
		cr_assert_eq(weights_parse("default", w, NULL), 0);
		for (int side = 0; side < 2; side++) {
			w[i] = side == 0 ? lo - 1e-6 : hi + 1e-6;
			text = weights_format(w);
			msg = refusal(text);
			snprintf(want, sizeof(want), "w%d = ", i);
			cr_expect_not_null(strstr(msg, want), "%s", msg);
			cr_expect_not_null(strstr(msg, "allowed"), "%s", msg);
			free(msg);
			free(text);
			/* The bound itself is allowed. */
			w[i] = side == 0 ? lo : hi;
			text = weights_format(w);
			cr_expect_eq(weights_parse(text, w, NULL), 0, "%s", text);
			free(text);
		}
	}
	expect_refusal("0.212,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,"
		       "0.9,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,"
		       "1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,0.1542",
	    "w7 = 0.9 is out of range; allowed 0.001 to 0.75");
	expect_refusal("-1,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,"
		       "0.5,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,"
		       "1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,0.1542",
	    "w0 = -1 is out of range; allowed 0.001 to 100.0");
	expect_refusal("99999999999,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,"
		       "0.5,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,"
		       "1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,0.1542",
	    "w0 = 99999999999 is out of range");
}

/* As a setting: stored, loaded, restored, and a refusal changes nothing. */
Test(weights, setting_stores_loads_and_restores)
{
	struct store *st;
	struct settings s, def;
	char *msg = NULL, *v = NULL;

	cr_assert_eq(store_open(":memory:", &st, &msg), 0, "%s", msg);
	settings_default(&def);
	cr_expect_not_null(settings_help("weights"));
	cr_assert_eq(settings_set(st, "weights", CUSTOM_TEXT, &msg), 0, "%s",
	    msg);
	cr_assert_eq(settings_load(st, &s, &msg), 0, "%s", msg);
	cr_expect_float_eq(s.fsrs.w[0], 0.3, 1e-12);
	cr_expect_float_eq(s.fsrs.w[20], 0.2, 1e-12);
	cr_expect_neq(memcmp(s.fsrs.w, def.fsrs.w, sizeof(s.fsrs.w)), 0);

	cr_expect_eq(settings_set(st, "weights", "1,2,3", &msg), -1);
	free(msg);
	msg = NULL;
	cr_assert_eq(store_setting_get(st, "weights", &v, &msg), 0);
	cr_expect_str_eq(v, "0.3, 1.5, 3.0, 9.0, 6.0, 0.9, 3.0, 0.01, 1.5, 0.2, "
			    "0.8, 1.5, 0.05, 0.3, 1.5, 0.5, 2.0, 0.5, 0.1, "
			    "0.05, 0.2");
	free(v);

	cr_assert_eq(settings_set(st, "weights", "default", &msg), 0);
	cr_assert_eq(settings_load(st, &s, &msg), 0, "%s", msg);
	cr_expect_eq(memcmp(s.fsrs.w, def.fsrs.w, sizeof(s.fsrs.w)), 0);
	v = settings_format(&s, "weights");
	cr_expect_str_eq(v, DEFAULT_TEXT);
	free(v);
	store_close(st);
}
