/*
 * test_idmap.c - the table from ext_ids to ids (src/core/idmap.c): every
 * key put is found with its last id, keys alike but for a byte or their
 * length are told apart, a key not put is not found, across growth.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <stdio.h>

#include "core/idmap.h"

Test(idmap, an_empty_map_finds_nothing)
{
	struct idmap m = { 0 };

	cr_expect_eq(idmap_get(&m, "a"), 0);
	idmap_free(&m);
}

Test(idmap, every_key_found_across_growth)
{
	struct idmap m = { 0 };
	char key[32];

	for (int i = 0; i < 100000; i++) {
		snprintf(key, sizeof(key), "c%06d", i);
		idmap_put(&m, key, i + 1);
	}
	/* a second put sets the id, adding no key */
	for (int i = 0; i < 100000; i += 7) {
		snprintf(key, sizeof(key), "c%06d", i);
		idmap_put(&m, key, -(int64_t)i - 1);
	}
	cr_expect_eq(m.n, 100000);
	for (int i = 0; i < 100000; i++) {
		snprintf(key, sizeof(key), "c%06d", i);
		cr_assert_eq(idmap_get(&m, key), i % 7 == 0 ? -(int64_t)i - 1 : i + 1,
		    "%s", key);
	}
	cr_expect_eq(idmap_get(&m, "c100000"), 0);
	cr_expect_eq(idmap_get(&m, "c00000"), 0, "a prefix of a key");
	cr_expect_eq(idmap_get(&m, "c0000000"), 0, "a key and one more byte");
	cr_expect_eq(idmap_get(&m, ""), 0);
	idmap_free(&m);
	cr_expect_eq(m.cap, 0);
}

Test(idmap, keys_of_any_bytes)
{
	struct idmap m = { 0 };

	idmap_put(&m, "\xc3\xa9t\xc3\xa9", 1);
	idmap_put(&m, "\xc3\xa9t\xc3", 2);
	idmap_put(&m, "x y,z\"", 3);
	cr_expect_eq(idmap_get(&m, "\xc3\xa9t\xc3\xa9"), 1);
	cr_expect_eq(idmap_get(&m, "\xc3\xa9t\xc3"), 2);
	cr_expect_eq(idmap_get(&m, "x y,z\""), 3);
	idmap_free(&m);
}
