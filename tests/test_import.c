/*
 * test_import.c - the import of deck files (src/core/import.c): new cards,
 * cards met again (updated or skipped), ids derived from deck and question,
 * decks from the row, the --deck option or the file name, a card named
 * twice, and all or nothing on failure.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/import.h"
#include "core/import_areas.h"
#include "core/store_private.h"
#include "core/text.h"
#include "core/util.h"
#include "fixtures.h"

#define NOW INT64_C(1795424400000)
#define HEADER "id,deck,question,answer,tips,tags\n"

static struct store *st;
static char tmpdir[64];
static char *paths[24];
static size_t npaths;

static const char *
m(const char *msg)
{
	return msg != NULL ? msg : "";
}

static void
setup(void)
{
	char *msg = NULL;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/rehearse-import-XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
	cr_assert_eq(store_open(":memory:", &st, &msg), 0, "%s", m(msg));
}

static void
teardown(void)
{
	store_close(st);
	st = NULL;
	for (size_t i = 0; i < npaths; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
	npaths = 0;
	rmdir(tmpdir);
}

TestSuite(import, .init = setup, .fini = teardown);

/* Writes text to the file name in the test's directory; its path. */
static char *
file(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f);
	cr_assert_geq(fputs(text, f), 0);
	cr_assert_eq(fclose(f), 0);
	cr_assert_lt(npaths, sizeof(paths) / sizeof(paths[0]));
	paths[npaths++] = path;
	return path;
}

static int
run(const struct import_opts *o, char **files, size_t n,
    struct import_counts *c, char **msg)
{
	memset(c, 0, sizeof(*c));
	return import_files(st, o, files, n, c, msg);
}

static void
ok(const struct import_opts *o, char **files, size_t n, long added,
    long updated, long unchanged, long skipped)
{
	struct import_counts c;
	char *msg = NULL;

	cr_assert_eq(run(o, files, n, &c, &msg), 0, "%s", m(msg));
	cr_expect_eq(c.added, added, "added %ld, want %ld", c.added, added);
	cr_expect_eq(c.updated, updated, "updated %ld, want %ld", c.updated,
	    updated);
	cr_expect_eq(c.unchanged, unchanged, "unchanged %ld, want %ld",
	    c.unchanged, unchanged);
	cr_expect_eq(c.skipped, skipped, "skipped %ld, want %ld", c.skipped,
	    skipped);
}

/* The card with external id ext, which must be there. */
static void
card(const char *ext, struct card *out)
{
	bool found;
	char *msg = NULL;

	cr_assert_eq(store_card_by_ext(st, ext, out, &found, &msg), 0, "%s",
	    m(msg));
	cr_assert(found, "no card %s", ext);
}

static size_t
ncards(void)
{
	bool empty;
	struct deck_info *d;
	size_t n, total = 0;
	char *msg = NULL;

	cr_assert_eq(store_is_empty(st, &empty, &msg), 0, "%s", m(msg));
	cr_assert_eq(store_decks(st, &d, &n, &msg), 0, "%s", m(msg));
	for (size_t i = 0; i < n; i++)
		total += (size_t)d[i].cards;
	store_decks_free(d, n);
	cr_assert_eq(empty, total == 0);
	return total;
}

static const struct import_opts update = { .dup = IMPORT_UPDATE, .now = NOW };

Test(import, deck_from_path)
{
	static const char *const cases[][2] = {
		{ "path/to/spanish-words.csv", "spanish-words" },
		{ "plain", "plain" },
		{ "a.b.csv", "a.b" },
		{ "dir/.hidden", ".hidden" },
		{ "-", "Default" },
		{ "dir/", "Default" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *d = import_deck_from_path(cases[i][0]);

		cr_expect_str_eq(d, cases[i][1], "%s", cases[i][0]);
		free(d);
	}
}

Test(import, derived_id)
{
	char *a = import_derived_id("Deck", "Question?");
	char *b = import_derived_id("Deck", "Question?");
	char *c = import_derived_id("Other", "Question?");
	char *d = import_derived_id("DeckQ", "uestion?");

	cr_expect_eq(strlen(a), 19);
	cr_expect_eq(strncmp(a, "dq-", 3), 0, "%s", a);
	cr_expect_eq(strspn(a + 3, "0123456789abcdef"), 16, "%s", a);
	cr_expect_str_eq(a, b);
	cr_expect_str_neq(a, c);
	cr_expect_str_neq(a, d, "the deck and the question are kept apart");
	free(a);
	free(b);
	free(c);
	free(d);
}

Test(import, new_cards_are_new_and_due_now)
{
	char *f = file("d.csv", HEADER "a1,Alpha,Q1,A1,T1,x y\na2,Alpha,Q2,A2,,\n");
	struct card c;

	ok(&update, &f, 1, 2, 0, 0, 0);
	card("a1", &c);
	cr_expect_str_eq(c.question, "Q1");
	cr_expect_str_eq(c.answer, "A1");
	cr_expect_str_eq(c.tips, "T1");
	cr_expect_str_eq(c.tags, "x y");
	cr_expect_str_eq(c.deck, "Alpha");
	cr_expect_eq(c.s.state, STATE_NEW);
	cr_expect_eq(c.s.due, NOW);
	card_clear(&c);
	cr_expect_eq(ncards(), 2);
}

Test(import, again_updates_text_keeps_schedule)
{
	char *f1 = file("v1.csv", HEADER "a1,Alpha,Q1,A1,,\na2,Alpha,Q2,A2,,\n");
	char *f2 = file("v2.csv", HEADER "a1,Alpha,Q1,New answer,,\n"
					 "a2,Alpha,Q2,A2,,\na3,Alpha,Q3,A3,,\n");
	struct import_opts later = update;
	struct card c;

	ok(&update, &f1, 1, 2, 0, 0, 0);
	later.now = NOW + 1000;
	ok(&later, &f2, 1, 1, 1, 1, 0);
	card("a1", &c);
	cr_expect_str_eq(c.answer, "New answer");
	cr_expect_eq(c.s.due, NOW, "the schedule is kept");
	card_clear(&c);
	card("a3", &c);
	cr_expect_eq(c.s.due, NOW + 1000);
	card_clear(&c);
}

Test(import, skip_leaves_cards_alone)
{
	char *f1 = file("v1.csv", HEADER "a1,Alpha,Q1,A1,,\n");
	char *f2 = file("v2.csv", HEADER "a1,Alpha,Q1,Changed,,\na2,Alpha,Q2,A2,,\n");
	struct import_opts skip = { .dup = IMPORT_SKIP, .now = NOW };
	struct card c;

	ok(&update, &f1, 1, 1, 0, 0, 0);
	ok(&skip, &f2, 1, 1, 0, 0, 1);
	card("a1", &c);
	cr_expect_str_eq(c.answer, "A1");
	card_clear(&c);
}

Test(import, deck_from_option_row_or_file)
{
	char *f = file("my-deck.csv", "id,question,answer\nn1,Q1,A1\n");
	char *g = file("other.csv", HEADER "r1,Row deck,Q,A,,\n");
	struct import_opts named = { .deck = "Named", .now = NOW };
	struct card c;

	ok(&update, &f, 1, 1, 0, 0, 0);
	card("n1", &c);
	cr_expect_str_eq(c.deck, "my-deck");
	card_clear(&c);
	ok(&update, &g, 1, 1, 0, 0, 0);
	card("r1", &c);
	cr_expect_str_eq(c.deck, "Row deck");
	card_clear(&c);
	ok(&named, &g, 1, 0, 1, 0, 0);
	card("r1", &c);
	cr_expect_str_eq(c.deck, "Named", "--deck moves the card");
	card_clear(&c);
}

Test(import, no_id_derives_one_from_deck_and_question)
{
	char *f = file("geo.csv", "deck,front,back\nGeography,Capital?,Paris\n");
	char *g = file("geo2.csv", "deck,front,back\nGeography,Capital?,Paris!\n");
	char *id = import_derived_id("Geography", "Capital?");
	struct card c;

	ok(&update, &f, 1, 1, 0, 0, 0);
	card(id, &c);
	cr_expect_str_eq(c.answer, "Paris");
	card_clear(&c);
	ok(&update, &g, 1, 0, 1, 0, 0);
	card(id, &c);
	cr_expect_str_eq(c.answer, "Paris!");
	card_clear(&c);
	free(id);
}

/* The import of files fails with a message holding each of the wants
 * (NULL-terminated), and the collection is left as it was. */
static void
fails(char **files, size_t n, const char *const *wants)
{
	struct import_counts c;
	size_t before = ncards();
	char *msg = NULL;

	cr_expect_eq(run(&update, files, n, &c, &msg), -1);
	cr_assert_not_null(msg);
	for (; *wants != NULL; wants++)
		cr_expect(strstr(msg, *wants) != NULL, "\"%s\" lacks \"%s\"", msg,
		    *wants);
	free(msg);
	cr_expect_eq(ncards(), before);
}

Test(import, a_card_twice_is_an_error_and_nothing_is_imported)
{
	char *f = file("twice.csv", HEADER "a1,D,Q1,A,,\na2,D,Q2,A,,\na1,D,Q3,A,,\n");

	fails(&f, 1, (const char *[]){ "card a1 is imported twice", "twice.csv:2)", "twice.csv:4", NULL });
	cr_expect_eq(ncards(), 0);
}

Test(import, a_card_twice_without_ids_is_named_by_deck_and_question)
{
	char *f = file("noid.csv", "deck,question,answer\nD,Q1,A\nD,Q1,B\n");
	struct import_counts c;
	char *msg = NULL;

	cr_assert_eq(run(&update, &f, 1, &c, &msg), -1);
	cr_expect(strstr(m(msg), "the card \"Q1\" of deck \"D\" is imported twice") != NULL, "%s", m(msg));
	cr_expect(strstr(m(msg), "dq-") == NULL, "%s", m(msg));
	free(msg);
	cr_expect_eq(ncards(), 0);
}

Test(import, a_card_in_two_files_is_an_error)
{
	char *f[2] = { file("one.csv", HEADER "a1,D,Q1,A,,\n"),
		file("two.csv", HEADER "b1,D,Q,A,,\na1,D,Q1,A,,\n") };

	fails(f, 2, (const char *[]){ "one.csv:2", NULL });
	cr_expect_eq(ncards(), 0);
}

Test(import, a_bad_file_rolls_back_the_good_ones)
{
	char *f[2] = { file("good.csv", HEADER "a1,D,Q1,A,,\n"),
		file("bad.csv", HEADER "b1,D,\"unterminated,A,,\n") };

	fails(f, 2, (const char *[]){ "bad.csv", NULL });
	fails((char *[]){ f[0], "/nonexistent/x.csv" }, 2,
	    (const char *[]){ "/nonexistent/x.csv", NULL });
	cr_expect_eq(ncards(), 0);
}

static size_t
found(const char *s)
{
	return fixture_found(st, s, NOW);
}

/* The new cards of an import are indexed at its end, the cards met again
 * as they change; a failed import leaves the index and what keeps it in
 * step as they were. */
Test(import, the_search_index_follows_every_import)
{
	char *f1 = file("s1.csv", HEADER "a1,D,apple,pear,,\na2,D,plum,fig,,\n");
	char *f2 = file("s2.csv", HEADER "a1,D,apple,quince,,\na3,D,cherry,lime,,\n");
	char *bad = file("s3.csv", HEADER "a4,D,melon,kiwi,,\na2,D,\"unterminated,,\n");
	struct card c = { .deck = "D", .question = "grape", .answer = "date", .tips = "", .tags = "" };
	int64_t deck = 0;
	char *msg = NULL;

	ok(&update, &f1, 1, 2, 0, 0, 0);
	cr_expect_eq(found("pear"), 1);
	cr_expect_eq(found("fig"), 1);
	ok(&update, &f2, 1, 1, 1, 0, 0);
	cr_expect_eq(found("pear"), 0, "the old answer is gone");
	cr_expect_eq(found("quince"), 1);
	cr_expect_eq(found("lime"), 1);
	cr_expect_eq(found("apple"), 1);
	fails(&bad, 1, (const char *[]){ "s3.csv", NULL });
	cr_expect_eq(found("melon"), 0);
	cr_expect_eq(found("fig"), 1);
	/* The triggers are back: a card added alone is found at once. */
	cr_assert_eq(store_deck_id(st, "D", false, &deck, &msg), 0, "%s", m(msg));
	c.deck_id = deck;
	c.ext_id = "a5";
	cr_assert_eq(store_card_insert(st, &c, NOW, &msg), 0, "%s", m(msg));
	cr_expect_eq(found("grape"), 1);
	c.answer = "olive";
	cr_assert_eq(store_card_update_text(st, &c, NOW, NULL, &msg), 0, "%s", m(msg));
	cr_expect_eq(found("date"), 0);
	cr_expect_eq(found("olive"), 1);
}

Test(import, scheduling_columns_are_kept)
{
	char *path = xasprintf("%s/state.csv", tmpdir);
	FILE *f = fopen(path, "w");
	struct card in = { .ext_id = "s1", .deck = "D", .question = "Q", .answer = "A", .tips = "", .tags = "" }, out;
	char *msg = NULL;

	paths[npaths++] = path;
	cr_assert_not_null(f);
	in.s.state = STATE_REVIEW;
	in.s.due = NOW + 5 * MS_PER_DAY;
	in.s.last_review = NOW - MS_PER_DAY;
	in.s.stability = 6.5;
	in.s.difficulty = 4.25;
	in.s.scheduled_days = 6;
	in.s.reps = 3;
	cr_assert_eq(deckio_write_header(f, true, &msg), 0, "%s", m(msg));
	cr_assert_eq(deckio_write_card(f, &in, true, &msg), 0, "%s", m(msg));
	cr_assert_eq(fclose(f), 0);
	ok(&update, &path, 1, 1, 0, 0, 0);
	card("s1", &out);
	cr_expect_eq(out.s.state, STATE_REVIEW);
	cr_expect_eq(out.s.due, in.s.due);
	cr_expect_eq(out.s.reps, 3);
	cr_expect_eq(out.s.stability, 6.5);
	card_clear(&out);
}

/* Many decks (more than the import remembers) and many ids (the set of
 * ids grows several times). */
Test(import, many_decks_and_cards)
{
	struct strbuf b = { 0 };
	char *f;
	struct deck_info *d;
	size_t n;
	char *msg = NULL;

	strbuf_adds(&b, HEADER);
	for (int i = 0; i < 3000; i++)
		strbuf_addf(&b, "id%d,Deck %d,Q%d,A,,\n", i, i % 40, i);
	f = file("many.csv", strbuf_str(&b));
	ok(&update, &f, 1, 3000, 0, 0, 0);
	cr_assert_eq(store_decks(st, &d, &n, &msg), 0, "%s", m(msg));
	cr_expect_eq(n, 40);
	for (size_t i = 0; i < n; i++)
		cr_expect_eq(d[i].cards, 75, "%s: %lld cards", d[i].name,
		    (long long)d[i].cards);
	store_decks_free(d, n);
	strbuf_addf(&b, "id17,Deck 3,Again,A,,\n");
	f = file("many-twice.csv", strbuf_str(&b));
	fails(&f, 1, (const char *[]){ "card id17 is imported twice (first at", "many-twice.csv:19)", NULL });
	strbuf_free(&b);
}

struct seen {
	const char *path;
	off_t done, total;
	int calls;
};

static void
progress(const char *path, off_t done, off_t total, void *ctx)
{
	struct seen *s = ctx;

	s->path = path;
	s->done = done;
	s->total = total;
	s->calls++;
}

Test(import, progress_names_the_file)
{
	char *f = file("p.csv", HEADER "a1,D,Q1,A,,\n");
	struct seen s = { 0 };
	struct import_opts o = update;

	o.progress = progress;
	o.progress_ctx = &s;
	ok(&o, &f, 1, 1, 0, 0, 0);
	cr_expect_geq(s.calls, 1);
	cr_expect_eq(s.path, f);
	cr_expect_eq(s.done, s.total);
	cr_expect_eq(s.total, (off_t)strlen(HEADER "a1,D,Q1,A,,\n"));
}

/* The row interface, as a caller reading the rows itself uses it. */
Test(import, rows_one_by_one)
{
	char *f = file("rows.csv", "question,answer\nQ1,A1\nQ2,A2\n");
	struct import *im = import_new(st, &update);
	char *msg = NULL;
	struct card c;
	char *id;

	cr_assert_eq(store_begin(st, &msg), 0, "%s", m(msg));
	import_set_file(im, f);
	cr_assert_eq(deckio_import(f, NULL, import_row, im, &msg), 0, "%s",
	    m(msg));
	cr_assert_eq(store_commit(st, &msg), 0, "%s", m(msg));
	cr_expect_eq(import_counts(im)->added, 2);
	import_free(im);
	id = import_derived_id("rows", "Q2");
	card(id, &c);
	cr_expect_str_eq(c.deck, "rows");
	card_clear(&c);
	free(id);
}

/* Columns a partial re-import may leave out. */
enum { P_DECK = 1,
	P_ANSWER = 2,
	P_TIPS = 4,
	P_TAGS = 8,
	P_ALL = 16 };

/* The row of card ext for the columns in mask, header first or not. */
static void
partial_row(struct strbuf *head, struct strbuf *body, int mask, const char *ext)
{
	static const struct {
		int bit;
		const char *name, *value;
	} cols[] = {
		{ P_DECK, "deck", "New" },
		{ P_ANSWER, "answer", "A1" },
		{ P_TIPS, "tips", "T1" },
		{ P_TAGS, "tags", "t1" },
	};

	if (head != NULL) {
		strbuf_adds(head, "id,question");
		for (size_t i = 0; i < 4; i++)
			if (mask & cols[i].bit)
				strbuf_addf(head, ",%s", cols[i].name);
		strbuf_addc(head, '\n');
	}
	strbuf_addf(body, "%s,Q", ext);
	for (size_t i = 0; i < 4; i++)
		if (mask & cols[i].bit)
			strbuf_addf(body, ",%s", cols[i].value);
	strbuf_addc(body, '\n');
}

Test(import, partial_reimport_keeps_absent_columns)
{
	struct strbuf all = { 0 };
	char *files[1];

	strbuf_adds(&all, HEADER);
	for (int mask = 0; mask < P_ALL; mask++)
		strbuf_addf(&all, "c%d,Orig,Q,A0,T0,t0\n", mask);
	files[0] = file("orig.csv", strbuf_str(&all));
	ok(&update, files, 1, P_ALL, 0, 0, 0);
	strbuf_free(&all);

	for (int mask = 0; mask < P_ALL; mask++) {
		struct strbuf text = { 0 };
		char *ext = xasprintf("c%d", mask), *name;
		struct card c;

		partial_row(&text, &text, mask, ext);
		name = xasprintf("partial-%d.csv", mask);
		files[0] = file(name, strbuf_str(&text));
		ok(&update, files, 1, 0, mask != 0, mask == 0, 0);
		card(ext, &c);
		cr_expect_str_eq(c.deck, mask & P_DECK ? "New" : "Orig", "%d", mask);
		cr_expect_str_eq(c.answer, mask & P_ANSWER ? "A1" : "A0", "%d", mask);
		cr_expect_str_eq(c.tips, mask & P_TIPS ? "T1" : "T0", "%d", mask);
		cr_expect_str_eq(c.tags, mask & P_TAGS ? "t1" : "t0", "%d", mask);
		card_clear(&c);
		unlink(files[0]);
		free(files[0]);
		npaths--;
		free(name);
		free(ext);
		strbuf_free(&text);
	}
	/* No deck named after a file whose cards all kept theirs. */
	{
		struct deck_info *d;
		size_t n;
		char *msg = NULL;

		cr_assert_eq(store_decks(st, &d, &n, &msg), 0, "%s", m(msg));
		cr_expect_eq(n, 2, "%zu decks", n);
		store_decks_free(d, n);
	}
}

Test(import, partial_reimport_file_tags_add)
{
	char *files[1];
	struct card c;

	files[0] = file("a.csv", HEADER "x,D,Q,A,T,old\n");
	ok(&update, files, 1, 1, 0, 0, 0);
	files[0] = file("b.txt", "#separator:comma\n#tags:new\n#columns:id,question\nx,Q\n");
	ok(&update, files, 1, 0, 1, 0, 0);
	card("x", &c);
	cr_expect_str_eq(c.tags, "old new");
	cr_expect_str_eq(c.answer, "A");
	cr_expect_str_eq(c.tips, "T");
	cr_expect_str_eq(c.deck, "D");
	card_clear(&c);
}

struct adds {
	int n;
	bool fail; /* the body fails after its cards */
};

/* Adds a->n cards, their questions in no order, to deck D. */
static int
add_cards(void *ctx, char **errmsg)
{
	struct adds *a = ctx;
	int64_t deck;
	char ext[16], q[32];

	if (store_deck_id(st, "D", true, &deck, errmsg) < 0)
		return -1;
	for (int i = 0; i < a->n; i++) {
		struct card c = { .deck_id = deck, .ext_id = ext, .question = q, .answer = "", .tips = "", .tags = "" };

		snprintf(ext, sizeof(ext), "x%d", i);
		snprintf(q, sizeof(q), "%c question %d", "qWaZm"[i % 5], i * 7919 % 1000);
		if (store_card_insert(st, &c, NOW, errmsg) < 0)
			return -1;
	}
	return a->fail ? set_error(errmsg, "the body failed") : 0;
}

/* A large import into an empty collection builds the index of questions
 * at its end: it comes back as it was, in order, and a failed one leaves
 * it as it was too. */
Test(import, a_large_import_leaves_the_question_index_whole)
{
	char *before = fixture_indexes(st), *after, *msg = NULL;
	struct adds fail = { .n = 300, .fail = true }, good = { .n = 300 };
	sqlite3_stmt *stmt;
	char prev[64] = "";
	int rows = 0;

	cr_assert_eq(import_transaction(st, true, add_cards, &fail, &msg), -1);
	free(msg);
	after = fixture_indexes(st);
	cr_expect_str_eq(after, before);
	free(after);
	cr_assert_eq(import_transaction(st, true, add_cards, &good, &msg), 0, "%s",
	    m(msg));
	after = fixture_indexes(st);
	cr_expect_str_eq(after, before);
	cr_assert_eq(sqlite3_prepare_v2(store_sqlite(st),
			 "SELECT question FROM cards INDEXED BY cards_question"
			 " ORDER BY question COLLATE NOCASE",
			 -1, &stmt, NULL),
	    SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *q = (const char *)sqlite3_column_text(stmt, 0);

		cr_expect_leq(sqlite3_stricmp(prev, q), 0, "%s before %s", prev, q);
		snprintf(prev, sizeof(prev), "%s", q);
		rows++;
	}
	sqlite3_finalize(stmt);
	cr_expect_eq(rows, 300);
	cr_expect_eq(found("question"), 300);
	free(before);
	free(after);
}

/* The areas of a new edition of the bundled decks come to a card only
 * while it has room for them: a card never has more than TEXT_MAX_TAGS
 * tags, or it would not import again. */
Test(import, areas_keep_a_card_within_its_most_tags)
{
	struct strbuf full = { 0 }, deck = { 0 };
	struct card c;
	char *files[1], *msg = NULL;
	long tagged = -1;

	for (int i = 1; i <= TEXT_MAX_TAGS; i++)
		strbuf_addf(&full, "%st%d", i > 1 ? " " : "", i);
	strbuf_addf(&deck, HEADER "full,D,Q1,A,,%s\nroom,D,Q2,A,,t1\n",
	    strbuf_str(&full));
	files[0] = file("deck.csv", strbuf_str(&deck));
	ok(&update, files, 1, 2, 0, 0, 0);
	files[0] = file("edition.csv", HEADER "full,D,Q1,A,,area:data\n"
					      "room,D,Q2,A,,area:data\n");
	cr_assert_eq(import_areas(st, files, 1, NOW, &tagged, &msg), 0, "%s",
	    m(msg));
	cr_expect_eq(tagged, 1);
	card("full", &c);
	cr_expect_str_eq(c.tags, strbuf_str(&full));
	card_clear(&c);
	card("room", &c);
	cr_expect_str_eq(c.tags, "t1 area:data");
	card_clear(&c);
	strbuf_free(&full);
	strbuf_free(&deck);
}

/* No card comes in that an export would not read back: a package's
 * question, made from its templates, or tags merged from two files, of
 * more than a deck file's field may hold. */
Test(import, cards_within_the_most_bytes)
{
	char *big = xmalloc(TEXT_MAX_FIELD + 2), *files[1], *msg = NULL;
	struct strbuf a = { 0 }, b = { 0 };
	struct deckio_row row = { .file = "p.apkg",
		.question = big,
		.answer = "",
		.tips = "",
		.tags = "",
		.deck = "D" };
	struct import *im = import_new(st, &update);
	struct card c;

	memset(big, 'x', TEXT_MAX_FIELD + 1);
	big[TEXT_MAX_FIELD + 1] = '\0';
	cr_expect_eq(import_row(&row, im, &msg), -1);
	cr_expect_str_eq(m(msg), "the question is more than 1024 KiB");
	free(msg);
	msg = NULL;
	import_free(im);
	cr_expect_eq(ncards(), 0);

	/* 500 tags of 1100 bytes in each file: 1100 KB once merged */
	strbuf_adds(&a, HEADER "x,D,Q,A,,");
	strbuf_adds(&b, "#separator:comma\n#columns:guid,question\n#tags:");
	for (int i = 0; i < 500; i++) {
		strbuf_addf(&a, " a%04d%.1095s", i, big);
		strbuf_addf(&b, " b%04d%.1095s", i, big);
	}
	strbuf_adds(&a, "\n");
	strbuf_adds(&b, "\nx,Q\n");
	files[0] = file("a.csv", strbuf_str(&a));
	ok(&update, files, 1, 1, 0, 0, 0);
	files[0] = file("b.csv", strbuf_str(&b));
	{
		struct import_counts n;

		cr_expect_eq(run(&update, files, 1, &n, &msg), -1);
		cr_expect(strstr(m(msg), "b.csv:4: tags of more than 1024 KiB "
					 "on one card") != NULL,
		    "%s", m(msg));
		free(msg);
	}
	card("x", &c);
	cr_expect_eq(strlen(c.tags), 500 * 1101 - 1);
	card_clear(&c);
	strbuf_free(&a);
	strbuf_free(&b);
	free(big);
}

/* A deck of n cards "b0".."b(n-1)", each answer word+i; the caller frees. */
static char *
deck_text(size_t n, size_t changed, const char *word)
{
	struct strbuf b = { 0 };

	strbuf_adds(&b, HEADER);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&b, "b%zu,D,question %zu,%s,,%s\n", i, i,
		    i < changed ? word : "plain", i % 7 == 0 ? "seven" : "");
	return strbuf_detach(&b);
}

/* Many cards met again with new text: past a third of the cards the
 * index is built anew at the end, below it the changed cards' entries
 * are replaced; either way it holds exactly the new text, and an import
 * that fails after thousands of changes leaves it as it was. */
Test(import, many_cards_changed_leave_the_index_in_step)
{
	static const struct {
		size_t n, changed;
	} runs[] = { { 6000, 2500 }, { 6000, 1500 }, { 9000, 2200 } };

	for (size_t r = 0; r < sizeof(runs) / sizeof(*runs); r++) {
		size_t n = runs[r].n, changed = runs[r].changed;
		char *t0 = deck_text(n, 0, ""), *t1 = deck_text(n, changed, "quince");
		char *bad = xasprintf("%sb%zu,D,\"unterminated,,\n", t1, n);
		char name[3][32], *f[3], *msg = NULL;

		store_close(st);
		cr_assert_eq(store_open(":memory:", &st, &msg), 0, "%s", m(msg));
		for (int k = 0; k < 3; k++) {
			snprintf(name[k], sizeof(name[k]), "m%zu-%d.csv", r, k);
			f[k] = file(name[k], k == 0 ? t0 : k == 1 ? t1
								  : bad);
		}
		ok(&update, &f[0], 1, (long)n, 0, 0, 0);
		cr_expect_eq(found("plain"), n, "run %zu", r);
		/* the same changes, then a broken row: nothing changes */
		fails(&f[2], 1, (const char *[]){ name[2], NULL });
		cr_expect_eq(found("quince"), 0, "run %zu", r);
		cr_expect_eq(found("plain"), n, "run %zu", r);
		ok(&update, &f[1], 1, 0, (long)changed, (long)(n - changed), 0);
		cr_expect_eq(found("quince"), changed, "run %zu", r);
		cr_expect_eq(found("plain"), n - changed, "run %zu", r);
		cr_expect_eq(found("seven"), (n + 6) / 7, "run %zu", r);
		free(t0);
		free(t1);
		free(bad);
	}
}
