#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/settings.h"
#include "core/store.h"

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
