/*
 * test_apkg.c - Anki packages (apkg.c, anki_sqlite.c, apkg_json.c,
 * anki_proto.c, anki_template.c, import_apkg.c): packages made by others
 * (tests/data/anki: npm's anki-apkg-export, and collections the sqlite3
 * shell built from Anki's schema, see tools/ref/make-packages.sh), the
 * templates, the review log replayed as import-reviews replays it, and
 * every hostile package refused with the collection unchanged.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/anki.h"
#include "core/anki_proto.h"
#include "core/anki_sqlite.h"
#include "core/anki_template.h"
#include "core/apkg.h"
#include "core/history.h"
#include "core/import_apkg.h"
#include "core/settings.h"
#include "fixtures.h"

#define NOW INT64_C(1780000000000) /* 2026-05-28 */

static int
import_pkg(struct store *st, const char *name, struct apkg_counts *c,
    char **err)
{
	struct settings set;
	struct import_opts o = { .now = NOW };
	char *path = fixture_data_path(name);
	int rc;

	settings_default(&set);
	rc = import_apkg(st, &set, &o, path, NULL, c, err);
	if (*err != NULL) {
		/* messages name the package: keep the name only */
		char *slash = strstr(*err, name);

		if (slash != NULL) {
			char *m = xstrdup(slash);

			free(*err);
			*err = m;
		}
	}
	free(path);
	return rc;
}

static struct card
get(struct store *st, const char *ext)
{
	struct card c;
	bool found;
	char *err = NULL;

	cr_assert_eq(store_card_by_ext(st, ext, &c, &found, &err), 0, "%s", err);
	cr_assert(found, "no card %s", ext);
	return c;
}

static void
expect_text(struct store *st, const char *ext, const char *deck,
    const char *q, const char *a, const char *tags)
{
	struct card c = get(st, ext);

	cr_expect_str_eq(c.deck, deck, "%s", ext);
	cr_expect_str_eq(c.question, q, "%s", ext);
	cr_expect_str_eq(c.answer, a, "%s", ext);
	cr_expect_str_eq(c.tags, tags, "%s", ext);
	card_clear(&c);
}

Test(packages, legacy_basic_from_anki_apkg_export)
{
	struct store *st = fixture_store();
	struct apkg_counts c;
	char *err = NULL;

	cr_assert_eq(import_pkg(st, "anki/basic.apkg", &c, &err), 0, "%s", err);
	cr_expect_eq(c.schema, 11);
	cr_expect_eq(c.cards.added, 4);
	cr_expect_eq(c.notes, 4);
	cr_expect_eq(c.media, 1);
	cr_expect_eq(c.cards.notes.images, 1);
	cr_expect_eq(c.cards.notes.sounds, 1);
	expect_text(st, "789758def428257ba037bdc74b121bb7ab0e339a",
	    "Biology::Cells", "What is the <b>powerhouse</b> of the cell?",
	    "The mitochondria", "");
	expect_text(st, "45a448395e9ce4f839ab2c8ece10befc611ddc96",
	    "Biology::Cells", "Organelles", "- nucleus\n- ribosome",
	    "organelles lists");
	expect_text(st, "33d3f76e1470ccd52c728928ca5be327c509ee66",
	    "Biology::Cells", "Cell diagram [image: cell.png]",
	    "See the atlas (https://example.org/cell) [sound: cell.mp3]", "");
	/* in the full-text index, which is in step */
	cr_expect_eq(fixture_found(st, "mitochondria", NOW), 1);
	cr_expect_eq(fixture_found(st, "organelles", NOW), 1);
	store_close(st);
}

Test(packages, schema11_templates_decks_marks)
{
	struct store *st = fixture_store();
	struct apkg_counts c;
	struct card k;
	char *err = NULL;

	cr_assert_eq(import_pkg(st, "anki/col11.apkg", &c, &err), 0, "%s", err);
	cr_expect_eq(c.cards.added, 6);
	cr_expect_eq(c.notes, 4);
	expect_text(st, "rev-1", "Languages::German", "dog", "Hund", "animals");
	expect_text(st, "rev-1:rev", "Languages::German", "Hund", "dog",
	    "animals");
	expect_text(st, "clz-1:c1", "Biology",
	    "The [...] is the powerhouse of the cell",
	    "The <b>mitochondria</b> is the powerhouse of the cell\n"
	    "<i>biology</i>",
	    "");
	expect_text(st, "clz-1:c2", "Biology",
	    "The mitochondria is the [role] of the cell",
	    "The mitochondria is the <b>powerhouse</b> of the cell\n"
	    "<i>biology</i>",
	    "");
	/* sections, hint:, type:, the special fields */
	expect_text(st, "voc-1", "Languages::German",
	    "Haus\n<i>Das Haus ist <b>groß</b></i>",
	    "house Das Haus ist <b>groß</b> [sound: haus.mp3] [German / "
	    "Recognise / german nouns]",
	    "german nouns");
	expect_text(st, "voc-2", "Languages::German", "Baum (no example)",
	    "tree   [German / Recognise / german]", "german");
	k = get(st, "rev-1:rev");
	cr_expect(k.suspended);
	card_clear(&k);
	k = get(st, "clz-1:c1");
	cr_expect(k.flagged);
	cr_expect(!k.suspended);
	card_clear(&k);
	cr_expect_eq(c.suspended, 1);
	cr_expect_eq(c.flagged, 1);
	store_close(st);
}

Test(packages, schema18_collection)
{
	struct store *st = fixture_store();
	struct apkg_counts c;
	struct card k;
	char *err = NULL;

	cr_assert_eq(import_pkg(st, "anki/col18.colpkg", &c, &err), 0, "%s", err);
	cr_expect_eq(c.schema, 18);
	cr_expect_eq(c.cards.added, 3);
	expect_text(st, "es-1", "Spanish::Verbs", "hablar", "to speak", "spanish");
	expect_text(st, "es-1:rev", "Spanish::Verbs", "to speak", "hablar",
	    "spanish");
	expect_text(st, "es-2:c1", "Spanish::Verbs", "Yo [...] español",
	    "Yo <b>hablo</b> español", "");
	k = get(st, "es-2:c1");
	cr_expect(k.suspended);
	card_clear(&k);
	k = get(st, "es-1");
	cr_expect_eq(k.s.state, STATE_REVIEW);
	cr_expect_eq(k.s.reps, 3);
	card_clear(&k);
	store_close(st);
}

/* The answers the review log of col11 holds, once the entries that are
 * no answers are left out, as import-reviews reads them. */
static const char replayed_log[] =
    "card_id,review_time,review_rating,review_duration\n"
    "rev-1,1767225600000,3,8000\n"
    "rev-1,1767226200000,3,5000\n"
    "rev-1,1767484800000,3,6000\n"
    "rev-1,1768089600000,1,12000\n"
    "rev-1,1768090200000,3,7000\n"
    "rev-1,1768521600000,3,4000\n"
    "clz-1:c1,1767500000000,1,9000\n"
    "clz-1:c1,1767500600000,3,4000\n"
    "voc-1,1767830400000,3,5000\n"
    "voc-1,1768089700000,2,9000\n";

static void
expect_same_sched(struct store *a, struct store *b, const char *ext)
{
	struct card x = get(a, ext), y = get(b, ext);

	cr_expect_eq(x.s.state, y.s.state, "%s", ext);
	cr_expect_eq(x.s.due, y.s.due, "%s", ext);
	cr_expect_eq(x.s.last_review, y.s.last_review, "%s", ext);
	cr_expect_eq(x.s.stability, y.s.stability, "%s", ext);
	cr_expect_eq(x.s.difficulty, y.s.difficulty, "%s", ext);
	cr_expect_eq(x.s.reps, y.s.reps, "%s", ext);
	cr_expect_eq(x.s.lapses, y.s.lapses, "%s", ext);
	cr_expect_eq(x.s.scheduled_days, y.s.scheduled_days, "%s", ext);
	card_clear(&x);
	card_clear(&y);
}

static size_t
reviews_of(struct store *st, const char *ext)
{
	struct card c = get(st, ext);
	struct review *r;
	size_t n;
	char *err = NULL;

	cr_assert_eq(store_card_reviews(st, c.id, &r, &n, &err), 0, "%s", err);
	free(r);
	card_clear(&c);
	return n;
}

Test(reviews, replayed_as_import_reviews_replays_the_same_answers)
{
	struct store *st = fixture_store(), *ref = fixture_store();
	struct apkg_counts c;
	struct settings set;
	char dir[256], *path, *err = NULL;
	FILE *f;

	cr_assert_eq(import_pkg(st, "anki/col11.apkg", &c, &err), 0, "%s", err);
	cr_expect_eq(c.revlog, 16);
	cr_expect_eq(c.reviews.added, 10);
	cr_expect_eq(c.reviews.cards, 3);
	cr_expect_eq(c.ignored, 6);
	/* the same cards, then the log's answers through import-reviews */
	cr_assert_eq(import_pkg(ref, "anki/col11.apkg", &c, &err), 0, "%s", err);
	fixture_tmpdir(dir, sizeof(dir));
	path = xasprintf("%s/log.csv", dir);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(replayed_log, f);
	fclose(f);
	settings_default(&set);
	for (const char *const *e = (const char *const[]){ "rev-1", "clz-1:c1",
		 "voc-1", NULL };
	     *e != NULL; e++) {
		struct card k = get(ref, *e);

		cr_assert_eq(store_card_reviews_delete(ref, k.id, &err), 0);
		k.s = (struct sched){ .state = STATE_NEW, .due = NOW };
		cr_assert_eq(store_card_set_sched(ref, k.id, &k.s, &err), 0);
		card_clear(&k);
	}
	cr_assert_eq(history_import(ref, &set, NOW, path, NULL, NULL, &err), 0, "%s",
	    err);
	expect_same_sched(st, ref, "rev-1");
	expect_same_sched(st, ref, "clz-1:c1");
	expect_same_sched(st, ref, "voc-1");
	cr_expect_eq(reviews_of(st, "rev-1"), 6);
	cr_expect_eq(reviews_of(st, "rev-1:rev"), 0);
	fixture_tmpdir_remove(dir);
	free(path);
	store_close(st);
	store_close(ref);
}

Test(reviews, reimport_updates_in_place_and_adds_no_review)
{
	struct store *st = fixture_store();
	struct apkg_counts c;
	char *err = NULL;

	cr_assert_eq(import_pkg(st, "anki/col11.apkg", &c, &err), 0, "%s", err);
	cr_assert_eq(import_pkg(st, "anki/col11.apkg", &c, &err), 0, "%s", err);
	cr_expect_eq(c.cards.added, 0);
	cr_expect_eq(c.cards.unchanged, 6);
	cr_expect_eq(c.reviews.added, 0);
	cr_expect_eq(c.reviews.recorded, 10);
	cr_expect_eq(reviews_of(st, "rev-1"), 6);
	store_close(st);
}

static void
expect_refused(const char *name, const char *msg)
{
	struct store *st = fixture_store();
	struct apkg_counts c;
	bool empty;
	char *err = NULL;

	cr_assert_eq(import_pkg(st, name, &c, &err), -1, "%s", name);
	cr_expect_str_eq(err, msg);
	free(err);
	err = NULL;
	cr_assert_eq(store_is_empty(st, &empty, &err), 0);
	cr_expect(empty, "%s left cards behind", name);
	store_close(st);
}

Test(safety, hostile_and_broken_packages_change_nothing)
{
	expect_refused("anki/empty.apkg",
	    "anki/empty.apkg: the package holds no notes: nothing to import");
	expect_refused("anki/escape.apkg",
	    "anki/escape.apkg: refused: the entry \"../../evil.txt\" would be "
	    "put outside the directory it is extracted to");
	expect_refused("anki/bomb.apkg",
	    "anki/bomb.apkg: refused: collection.anki2 would be 4095 MiB once "
	    "decompressed, more than the 256 MiB a collection may be");
	expect_refused("anki/liar.apkg", "anki/liar.apkg: collection.anki2: "
					 "refused: larger than the archive "
					 "declares");
	expect_refused("anki/zbomb.colpkg",
	    "anki/zbomb.colpkg: refused: the collection would be more than "
	    "256 MiB once decompressed");
	expect_refused("anki/corrupt.apkg",
	    "anki/corrupt.apkg: not a readable Anki package (zip: Not a zip "
	    "archive)");
	expect_refused("anki/col11.sql",
	    "anki/col11.sql: not a readable Anki package (zip: Not a zip "
	    "archive)");
}

/* The text of the fixture name (the caller frees). */
static char *
data_text(const char *name)
{
	char *path = fixture_data_path(name), *buf;
	FILE *f = fopen(path, "rb");
	long n;

	cr_assert_not_null(f, "%s", path);
	cr_assert_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	cr_assert_geq(n, 0);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	free(path);
	return buf;
}

/* anki_sqlite_read of col11's collection changed by the SQL change:
 * its return, and its message in *err. */
static int
read_changed(const char *change, char **err)
{
	char *tables = data_text("anki/tables.sql");
	char *col = data_text("anki/col11.sql");
	struct anki_col c = { 0 };
	unsigned char *db;
	sqlite3 *h;
	sqlite3_int64 n;
	int rc;

	cr_assert_eq(sqlite3_open(":memory:", &h), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(h, tables, NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(h, col, NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(h, change, NULL, NULL, NULL), SQLITE_OK,
	    "%s: %s", change, sqlite3_errmsg(h));
	db = sqlite3_serialize(h, "main", &n, 0);
	cr_assert_not_null(db);
	rc = anki_sqlite_read(db, (size_t)n, &c, err);
	if (rc == 0 && c.schema == 11)
		rc = apkg_json_parse(&c, err);
	anki_col_free(&c);
	sqlite3_free(db);
	sqlite3_close(h);
	free(tables);
	free(col);
	return rc;
}

/* The hint that ends each message of the collection's tables. */
#define MEND " (Anki's Check Database may mend it)"

/* A number of the collection that is no whole number of its type is
 * refused, with the table, the row's id and the column: read as one, it
 * became another (an ease of 2^32 + 2 was 2, an ord of 2^32 the first
 * template, '3abc' 3). */
Test(safety, numbers_of_a_collection_are_exact)
{
	static const struct {
		const char *change, *msg;
	} bad[] = {
		{ "UPDATE revlog SET ease = 4294967298 WHERE id = 1767225600000",
		    "review log, id 1767225600000: ease '4294967298' is out of "
		    "range (a 32-bit integer)" MEND },
		{ "UPDATE revlog SET ease = '3abc' WHERE id = 1767225600000",
		    "review log, id 1767225600000: ease '3abc' is not a whole "
		    "number" MEND },
		{ "UPDATE revlog SET ease = 2.5 WHERE id = 1767225600000",
		    "review log, id 1767225600000: ease '2.5' is not a whole "
		    "number" MEND },
		{ "UPDATE revlog SET time = '5 ms' WHERE id = 1767225600000",
		    "review log, id 1767225600000: time '5 ms' is not a whole "
		    "number" MEND },
		{ "UPDATE revlog SET cid = 1e300 WHERE id = 1767225600000",
		    "review log, id 1767225600000: cid '1.0e+300' is out of "
		    "range (a 64-bit integer)" MEND },
		{ "UPDATE cards SET ord = 4294967296 WHERE id = 102",
		    "cards, id 102: ord '4294967296' is out of range (a 32-bit "
		    "integer)" MEND },
		{ "UPDATE cards SET queue = x'ff' WHERE id = 102",
		    "cards, id 102: queue '\xff' is not a whole number" MEND },
		{ "UPDATE notes SET mid = '1001x' WHERE id = 11",
		    "notes, id 11: mid '1001x' is not a whole number" MEND },
		/* and in the JSON of schema 11 */
		{ "UPDATE col SET models = json_set(models, '$.1001.id', "
		  "'1001x')",
		    "note type \"1001\": \"id\" is not a whole number in range" },
		{ "UPDATE col SET models = json_set(json_remove(models, "
		  "'$.1001'), '$.1001x', json(json_remove(json_extract(models, "
		  "'$.1001'), '$.id')))",
		    "note type \"1001x\": no id (\"id\", or the key, a whole "
		    "number)" },
		{ "UPDATE col SET models = json_set(models, "
		  "'$.1001.tmpls[1].ord', 4294967296)",
		    "note type \"1001\", template 2: \"ord\" is not a whole "
		    "number in range" },
		{ "UPDATE col SET models = json_set(models, '$.1001.type', 1.5)",
		    "note type \"1001\": \"type\" is not a whole number in "
		    "range" },
		{ "UPDATE col SET decks = json_set(decks, '$.2001.id', -3)",
		    "deck \"2001\": \"id\" is not a whole number in range" },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *err = NULL;

		cr_expect_eq(read_changed(bad[i].change, &err), -1, "%s",
		    bad[i].change);
		cr_expect_str_eq(err != NULL ? err : "", bad[i].msg);
		free(err);
	}
}

/* A real without a fraction reads as its integer, as Anki reads it; an
 * id in the JSON may be a string of its digits. */
Test(safety, whole_reals_of_a_collection_read)
{
	char *err = NULL;

	cr_expect_eq(read_changed("UPDATE col SET models = json_set(models,"
				  " '$.1001.id', '1001')",
			 &err),
	    0, "%s", err != NULL ? err : "");
	cr_expect_eq(read_changed("UPDATE col SET models = json_set(models,"
				  " '$.1001.id', 1001.0, '$.1001.type', 0.0)",
			 &err),
	    0, "%s", err != NULL ? err : "");

	cr_expect_eq(read_changed("CREATE TABLE r2 AS SELECT * FROM revlog;"
				  "DROP TABLE revlog;"
				  "CREATE TABLE revlog (id, cid, usn, ease, ivl,"
				  " lastIvl, factor, time, type);"
				  "INSERT INTO revlog SELECT id, cid, usn,"
				  " ease * 1.0, ivl * 1.0, lastIvl, factor,"
				  " time * 1.0, type FROM r2",
			 &err),
	    0, "%s", err != NULL ? err : "");
	free(err);
}

Test(safety, a_package_is_told_by_name_or_signature)
{
	char *p = fixture_data_path("anki/col11.apkg");

	cr_expect(apkg_is_package("x.APKG"));
	cr_expect(apkg_is_package("x.colpkg"));
	cr_expect(!apkg_is_package("x.txt"));
	cr_expect(!apkg_is_package("-"));
	cr_expect(apkg_is_package(p));
	free(p);
}

/* ---- templates and protocol buffers ---- */

static char *
fill(const char *tmpl, bool answer, const char *front)
{
	static char *names[] = { "Front", "Back", "Extra" };
	static char *values[] = { "F", "B", "" };
	struct anki_notetype t = { .name = "Basic", .fields = names, .nfields = 3 };
	struct anki_template tp = { .name = "Card 1" };
	struct anki_note n = { .tags = "a b", .fields = values, .nfields = 3 };
	struct anki_render r = { .type = &t, .tmpl = &tp, .note = &n, .deck = "P::C", .answer = answer, .front = front };
	struct strbuf b = { 0 };

	anki_template_fill(&b, tmpl, &r);
	return strbuf_detach(&b);
}

#define EXPECT_FILL(t, want)                           \
	do {                                           \
		char *got_ = fill(t, false, NULL);     \
		cr_expect_str_eq(got_, want, "%s", t); \
		free(got_);                            \
	} while (0)

Test(templates, fields_sections_filters)
{
	char *s;

	EXPECT_FILL("{{Front}}-{{ Back }}", "F-B");
	EXPECT_FILL("{{front}}", "F"); /* any case, when no exact name */
	EXPECT_FILL("{{Nope}}x", "x");
	EXPECT_FILL("{{#Back}}has {{Back}}{{/Back}}{{^Extra}} no extra{{/Extra}}",
	    "has B no extra");
	EXPECT_FILL("{{#Extra}}hidden{{#Back}}inner{{/Back}}{{/Extra}}end", "end");
	EXPECT_FILL("{{#Back}}a{{#Back}}b{{/Back}}c{{/Back}}", "abc");
	EXPECT_FILL("{{hint:Back}} {{text:Front}} {{tts en_US:Front}}.", "B F .");
	EXPECT_FILL("{{type:Back}}!", "!");
	EXPECT_FILL("{{Deck}} {{Subdeck}} {{Card}} {{Type}} {{Tags}}",
	    "P::C C Card 1 Basic a b");
	EXPECT_FILL("{{#Back}}never closed", "never closed");
	EXPECT_FILL("{{unclosed", "{{unclosed");
	s = fill("{{FrontSide}}<hr id=answer>{{type:Back}}", true, "Q");
	cr_expect_str_eq(s, "Q<hr id=answer>B");
	cr_expect_str_eq(anki_template_answer(s, "Q"), "B");
	free(s);
	cr_expect_str_eq(anki_template_answer("Q<br>A", "Q"), "<br>A");
	cr_expect_str_eq(anki_template_answer("<HR ID='answer'>A", "Q"), "A");
	cr_expect_str_eq(anki_template_answer("A only", "Q"), "A only");
}

Test(templates, protocol_buffers_never_read_past_the_end)
{
	static const unsigned char cfg[] = { 0x08, 0x01, 0x0a, 0x02, 'h', 'i',
		0x12, 0x03, 'a', 'b', 'c' };
	static const unsigned char bad[] = { 0x0a, 0x7f, 'x' };
	static const unsigned char cut[] = { 0x08, 0xff };
	char *s;

	cr_expect_eq(anki_proto_varint(cfg, sizeof(cfg), 1), 1);
	s = anki_proto_string(cfg, sizeof(cfg), 1);
	cr_expect_str_eq(s, "hi");
	free(s);
	s = anki_proto_string(cfg, sizeof(cfg), 2);
	cr_expect_str_eq(s, "abc");
	free(s);
	s = anki_proto_string(bad, sizeof(bad), 1);
	cr_expect_str_eq(s, "");
	free(s);
	cr_expect_eq(anki_proto_varint(cut, sizeof(cut), 1), 0);
	cr_expect_eq(anki_proto_varint(NULL, 0, 1), 0);
}
