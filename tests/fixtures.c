/*
 * fixtures.c - what the Criterion suites share (see fixtures.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/query.h"
#include "core/store_private.h"
#include "core/store_search.h"
#include "core/util.h"
#include "fixtures.h"

#ifndef TEST_DATA_DIR
#define TEST_DATA_DIR "tests/data"
#endif

const char *
fixture_msg(const char *msg)
{
	return msg != NULL ? msg : "";
}

struct store *
fixture_store(void)
{
	struct store *st = NULL;
	char *msg = NULL;

	cr_assert_eq(store_open(":memory:", &st, &msg), 0, "%s",
	    fixture_msg(msg));
	return st;
}

/* The casts: struct card holds the strings it is given without owning
 * them here, and store_card_insert only reads them. */
int64_t
fixture_add_card(struct store *st, const struct fixture_card *fc)
{
	struct card c = { 0 };
	char *msg = NULL;

	cr_assert_eq(store_deck_id(st, fc->deck, true, &c.deck_id, &msg), 0,
	    "%s", fixture_msg(msg));
	c.ext_id = (fc->ext_id != NULL ? fc->ext_id : fc->question);
	c.question = fc->question;
	c.answer = (fc->answer != NULL ? fc->answer : "");
	c.tips = (fc->tips != NULL ? fc->tips : "");
	c.tags = (fc->tags != NULL ? fc->tags : "");
	c.s = fc->s;
	cr_assert_eq(store_card_insert(st, &c, 1000, &msg), 0, "%s",
	    fixture_msg(msg));
	return c.id;
}

void
fixture_tmpdir(char *dir, size_t size)
{
	static const char pattern[] = "/tmp/rehearse-test-XXXXXX";

	cr_assert_geq(size, sizeof(pattern));
	memcpy(dir, pattern, sizeof(pattern));
	cr_assert_not_null(mkdtemp(dir), "cannot make %s", pattern);
}

void
fixture_tmpdir_remove(char *dir)
{
	DIR *d;
	struct dirent *e;

	if (dir[0] == '\0' || (d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *p;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
	dir[0] = '\0';
}

void
fixture_tz(const char *tz)
{
	cr_assert_eq(setenv("TZ", tz, 1), 0);
	tzset();
}

bool
fixture_have_zone(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", name);
	return access(path, R_OK) == 0;
}

int64_t
fixture_utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm = { 0 };

	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	return (int64_t)timegm(&tm) * 1000;
}

void
fixture_utf8_locale(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		cr_assert_not_null(setlocale(LC_ALL, "en_US.UTF-8"),
		    "a UTF-8 locale is needed");
}

char *
fixture_data_path(const char *name)
{
	return xasprintf("%s/%s", TEST_DATA_DIR, name);
}

size_t
fixture_found(struct store *st, const char *words, int64_t now)
{
	struct query_node *q;
	struct query_error qe;
	struct search_opts o = { .now = now };
	int64_t *ids;
	size_t n;
	bool in_step;
	char *err = NULL;

	cr_assert_eq(store_search_index_check(st, &in_step, &err), 0, "%s",
	    fixture_msg(err));
	cr_assert(in_step, "the search index is out of step");
	cr_assert_eq(query_parse(words, &q, &qe), 0, "%s: %s", words, qe.message);
	cr_assert_eq(store_search_ids(st, q, &o, &ids, &n, &err), 0, "%s",
	    fixture_msg(err));
	free(ids);
	query_free(q);
	return n;
}

char *
fixture_indexes(struct store *st)
{
	sqlite3_stmt *stmt;
	struct strbuf b = { 0 };
	char *s;

	cr_assert_eq(sqlite3_prepare_v2(store_sqlite(st),
			 "SELECT name || ': ' || ifnull(sql, '') FROM sqlite_schema"
			 " WHERE type IN ('index', 'trigger') ORDER BY name",
			 -1, &stmt, NULL),
	    SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		strbuf_addf(&b, "%s\n", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	s = xstrdup(strbuf_str(&b));
	strbuf_free(&b);
	return s;
}
