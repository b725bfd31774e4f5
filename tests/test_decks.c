/*
 * test_decks.c - the bundled decks (the CSV files in decks/), imported by
 * the code of "rehearse import" (src/core/import.c) into a fresh in-memory
 * collection, and checked card by card: unique ids, a question and an answer on every card, tips on
 * every interview-question card, tags from the known list, exactly one of
 * the kinds "question" and "fact", and text that fits an 80-column terminal.
 *
 * Each failure names the file, the line and the id of the card at fault.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/areas.h"
#include "core/deckio.h"
#include "core/import.h"
#include "core/store.h"
#include "core/text.h"
#include "core/util.h"
#include "fixtures.h"

#define DECKS_DIR TEST_DATA_DIR "/../../decks"

#define MIN_DECKS 10
#define MIN_CARDS 350
/* An 80-column screen less the two-column indent of the card's text;
 * tips are shown behind a bar and take two columns more. */
#define MAX_LINE_WIDTH 78
#define MAX_TIPS_WIDTH 76
#define MAX_CARD_LINES 15
/* Long enough for a scenario, short enough to take in at a glance. */
#define MAX_QUESTION 120

static const char *const known_tags[] = {
	"behavioural",
	"security",
	"leadership",
	"collaboration",
	"project-management",
	"ehr",
	"communication",
	"patient-safety",
	"hipaa",
	"training",
	"change-management",
	"interview-craft",
	"trends",
	"fact",
	"question",
	"privacy",
	"interoperability",
	"analytics",
	"regulation",
	"workflow",
	"implementation",
	"general",
};

/* One card as read from its file, copied. */
struct row {
	char *file; /* base name, e.g. "security.csv" */
	long line;
	char *id;   /* "" when the file gave none */
	char *deck; /* "" when the file gave none */
	char *question, *answer, *tips, *tags;
};

static struct store *st;
static struct row *rows;
static size_t nrows, cap;
static char **files;
static size_t nfiles;

/* Where a card is, for messages: "security.csv:12 [sec-fact-phi]". */
static char where[512];

static const char *
at(const struct row *r)
{
	snprintf(where, sizeof(where), "%s:%ld [%s]", r->file, r->line,
	    r->id[0] != '\0' ? r->id : "no id");
	return where;
}

struct import_ctx {
	const char *base;
	struct import *im;
};

/* Keeps a copy of each row for the checks below and hands it to the real
 * import, as "rehearse import" does; rows the checks report (no id, no
 * deck, an id met before) are kept out of the collection, so that the
 * checks, not the import, say what is wrong with them. */
static int
keep_row(const struct deckio_row *in, void *ctx, char **errmsg)
{
	struct import_ctx *im = ctx;
	struct row r = {
		.file = xstrdup(im->base),
		.line = in->line,
		.id = xstrdup(in->id != NULL ? in->id : ""),
		.deck = xstrdup(in->deck != NULL ? in->deck : ""),
		.question = xstrdup(in->question),
		.answer = xstrdup(in->answer),
		.tips = xstrdup(in->tips),
		.tags = xstrdup(in->tags),
	};
	bool found;

	if (nrows == cap) {
		cap = cap ? cap * 2 : 256;
		rows = xrealloc(rows, cap * sizeof(*rows));
	}
	rows[nrows++] = r;
	if (r.id[0] == '\0' || r.deck[0] == '\0')
		return 0; /* reported by the tests below */
	if (store_card_by_ext(st, r.id, NULL, &found, errmsg) < 0)
		return -1;
	if (found)
		return 0; /* a duplicate id: reported by unique_ids */
	return import_row(in, im->im, errmsg);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
load(void)
{
	char *msg = NULL;
	DIR *d;
	struct dirent *e;
	struct import *importer;

	fixture_utf8_locale();
	cr_assert_eq(store_open(":memory:", &st, &msg), 0, "%s",
	    msg ? msg : "");
	d = opendir(DECKS_DIR);
	cr_assert_not_null(d, "cannot open %s", DECKS_DIR);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len > 4 && strcmp(e->d_name + len - 4, ".csv") == 0) {
			files = xrealloc(files, (nfiles + 1) * sizeof(*files));
			files[nfiles++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	qsort(files, nfiles, sizeof(*files), cmp_str);
	importer = import_new(st, &(struct import_opts){ .dup = IMPORT_UPDATE,
				      .now = 1000 });
	cr_assert_eq(store_begin(st, &msg), 0, "%s", msg ? msg : "");
	for (size_t i = 0; i < nfiles; i++) {
		struct import_ctx im = { .base = files[i], .im = importer };
		char *path = xasprintf("%s/%s", DECKS_DIR, files[i]);

		import_set_file(importer, path);
		cr_assert_eq(deckio_import(path, NULL, keep_row, &im, &msg), 0,
		    "%s", msg ? msg : "");
		free(path);
	}
	cr_expect_eq(import_counts(importer)->added, (long)nrows);
	import_free(importer);
	cr_assert_eq(store_commit(st, &msg), 0, "%s", msg ? msg : "");
}

static void
unload(void)
{
	for (size_t i = 0; i < nrows; i++) {
		struct row *r = &rows[i];

		free(r->file);
		free(r->id);
		free(r->deck);
		free(r->question);
		free(r->answer);
		free(r->tips);
		free(r->tags);
	}
	free(rows);
	rows = NULL;
	nrows = cap = 0;
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	files = NULL;
	nfiles = 0;
	store_close(st);
	st = NULL;
}

TestSuite(decks, .init = load, .fini = unload);

static bool
blank(const char *s)
{
	return s[strspn(s, " \t\n")] == '\0';
}

/* Whether the space-separated list has the word. */
static bool
has_tag(const char *tags, const char *tag)
{
	size_t n = strlen(tag);

	for (const char *p = tags; *p != '\0';) {
		size_t len = strcspn(p, " ");

		if (len == n && strncmp(p, tag, n) == 0)
			return true;
		p += len;
		p += strspn(p, " ");
	}
	return false;
}

static bool
known_tag(const char *tag, size_t len)
{
	size_t plen = strlen(AREAS_PREFIX);

	/* an evaluation area: one of the eight the program labels */
	if (len > plen && strncmp(tag, AREAS_PREFIX, plen) == 0)
		return areas_label(tag + plen, len - plen) != NULL;
	for (size_t i = 0; i < sizeof(known_tags) / sizeof(*known_tags); i++)
		if (strlen(known_tags[i]) == len &&
		    strncmp(known_tags[i], tag, len) == 0)
			return true;
	return false;
}

static int
count_card(const struct card *c, void *ctx, char **errmsg)
{
	(void)c;
	(void)errmsg;
	++*(size_t *)ctx;
	return 0;
}

Test(decks, all_imported_into_a_fresh_collection)
{
	struct deck_info *decks;
	size_t ndecks, ncards = 0;
	char *msg = NULL;

	cr_expect_geq(nfiles, MIN_DECKS, "%zu deck files in %s, want %d or more",
	    nfiles, DECKS_DIR, MIN_DECKS);
	cr_expect_geq(nrows, MIN_CARDS, "%zu cards, want %d or more", nrows,
	    MIN_CARDS);
	cr_assert_eq(store_decks(st, &decks, &ndecks, &msg), 0, "%s",
	    msg ? msg : "");
	cr_expect_eq(ndecks, nfiles, "%zu decks in the collection from %zu"
				     " files",
	    ndecks, nfiles);
	for (size_t i = 0; i < ndecks; i++)
		cr_expect_gt(decks[i].cards, 0, "deck \"%s\" is empty",
		    decks[i].name);
	store_decks_free(decks, ndecks);
	cr_assert_eq(store_cards_foreach(st, 0, count_card, &ncards, &msg), 0,
	    "%s", msg ? msg : "");
	cr_expect_eq(ncards, nrows, "%zu cards read but %zu in the collection",
	    nrows, ncards);
}

Test(decks, one_named_deck_per_file)
{
	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];

		cr_expect(r->deck[0] != '\0', "%s: no deck name", at(r));
		for (size_t k = 0; k < i; k++) {
			if (strcmp(rows[k].file, r->file) == 0) {
				cr_expect_str_eq(r->deck, rows[k].deck,
				    "%s: deck \"%s\", but the file's first card is in"
				    " \"%s\"",
				    at(r), r->deck, rows[k].deck);
				break;
			}
		}
		for (size_t k = 0; k < i; k++) {
			if (strcmp(rows[k].file, r->file) != 0 &&
			    strcmp(rows[k].deck, r->deck) == 0) {
				cr_expect_fail("%s: deck \"%s\" is also %s's", at(r),
				    r->deck, rows[k].file);
				break;
			}
		}
	}
}

Test(decks, ids_present_and_unique)
{
	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];

		cr_expect(r->id[0] != '\0', "%s: no id (an id keeps the"
					    " learner's history when the deck is updated)",
		    at(r));
		if (r->id[0] == '\0')
			continue;
		for (size_t k = 0; k < i; k++) {
			if (strcmp(rows[k].id, r->id) == 0) {
				cr_expect_fail("%s: id already used at %s:%ld", at(r),
				    rows[k].file, rows[k].line);
				break;
			}
		}
	}
}

Test(decks, question_and_answer_not_empty)
{
	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];

		cr_expect(!blank(r->question), "%s: empty question", at(r));
		cr_expect(!blank(r->answer), "%s: empty answer", at(r));
	}
}

Test(decks, known_tags_only)
{
	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];

		for (const char *p = r->tags; *p != '\0';) {
			size_t len = strcspn(p, " ");

			cr_expect(known_tag(p, len), "%s: unknown tag \"%.*s\"", at(r),
			    (int)len, p);
			p += len;
			p += strspn(p, " ");
		}
	}
}

Test(decks, question_or_fact)
{
	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];
		bool q = has_tag(r->tags, "question"), f = has_tag(r->tags, "fact");

		cr_expect(q != f, "%s: tagged %s; want exactly one of question,"
				  " fact",
		    at(r), q ? "both question and fact" : "neither");
	}
}

/* Every question card names one to three areas; fact cards none. */
Test(decks, question_cards_have_areas)
{
	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];
		const char *pos = r->tags;
		size_t n, count = 0;

		while (areas_next(&pos, &n) != NULL)
			count++;
		if (has_tag(r->tags, "question"))
			cr_expect(count >= 1 && count <= 3,
			    "%s: %zu evaluation areas; want 1 to 3", at(r), count);
		else
			cr_expect(count == 0, "%s: a fact card with areas", at(r));
	}
}

Test(decks, interview_questions_have_tips)
{
	size_t questions = 0;

	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];

		if (!has_tag(r->tags, "question"))
			continue;
		questions++;
		cr_expect(!blank(r->tips), "%s: interview question without tips",
		    at(r));
	}
	cr_expect_gt(questions, 0, "no card is tagged question");
}

/* Every line of s at most max columns. */
static void
expect_lines_fit(const struct row *r, const char *field, const char *s,
    int max)
{
	long n = 1;

	for (const char *p = s;; n++) {
		size_t len = strcspn(p, "\n");
		int w = text_width_n(p, len);

		cr_expect_leq(w, max, "%s: %s line %ld is %d columns wide"
				      " (max %d): %.*s",
		    at(r), field, n, w, max, (int)len, p);
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
}

Test(decks, fits_80_columns)
{
	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];

		expect_lines_fit(r, "question", r->question, MAX_LINE_WIDTH);
		expect_lines_fit(r, "answer", r->answer, MAX_LINE_WIDTH);
		expect_lines_fit(r, "tips", r->tips, MAX_TIPS_WIDTH);
	}
}

Test(decks, questions_short)
{
	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];
		size_t chars = 0;

		for (const unsigned char *p = (const unsigned char *)r->question;
		     *p != '\0'; p++)
			chars += (*p & 0xC0) != 0x80;
		cr_expect_leq(chars, MAX_QUESTION, "%s: question is %zu characters"
						   " (max %d)",
		    at(r), chars, MAX_QUESTION);
		cr_expect(strchr(r->question, '\n') == NULL,
		    "%s: question runs over more than one line", at(r));
	}
}

/* Lines of s. */
static size_t
count_lines(const char *s)
{
	size_t n = 1;

	if (blank(s))
		return 0;
	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

/*
 * Answers and tips are lists of short lines, not paragraphs: together at
 * most MAX_CARD_LINES, so that a card with its one-line question fits one
 * 80x24 screen (title, question, two section rules, key bar) unscrolled.
 */
Test(decks, fits_one_screen)
{
	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];
		size_t a = count_lines(r->answer), t = count_lines(r->tips);

		cr_expect_leq(a + t, MAX_CARD_LINES, "%s: answer (%zu lines) and"
						     " tips (%zu) take %zu lines (max %d)",
		    at(r), a, t, a + t,
		    MAX_CARD_LINES);
	}
}

/*
 * What "rehearse import" does with a card already in the collection:
 * only its text changes; its schedule and its review history stay.
 */
Test(decks, new_text_keeps_history)
{
	struct card c, after;
	struct review r = { 0 }, *log;
	struct sched next;
	size_t n;
	bool found, changed;
	char *msg = NULL;

	cr_assert_gt(nrows, 0);
	cr_assert_eq(store_card_by_ext(st, rows[0].id, &c, &found, &msg), 0,
	    "%s", msg ? msg : "");
	cr_assert(found, "%s not in the collection", at(&rows[0]));
	r.card_id = c.id;
	r.time = 2000;
	r.rating = RATING_GOOD;
	r.state = c.s.state;
	r.before = c.s;
	next = c.s;
	next.state = STATE_REVIEW;
	next.last_review = 2000;
	next.due = 2000 + 3 * MS_PER_DAY;
	next.stability = 3.1;
	next.difficulty = 5.5;
	next.scheduled_days = 3;
	next.reps = 1;
	cr_assert_eq(store_answer(st, &r, &next, &msg), 0, "%s", msg ? msg : "");

	c.answer = "- A corrected answer";
	cr_assert_eq(store_card_update_text(st, &c, 3000, &changed, &msg), 0,
	    "%s", msg ? msg : "");
	cr_expect(changed);
	cr_assert_eq(store_card_get(st, c.id, &after, &msg), 0, "%s",
	    msg ? msg : "");
	cr_expect_str_eq(after.answer, "- A corrected answer");
	cr_expect_str_eq(after.question, c.question);
	cr_expect_eq(after.s.state, STATE_REVIEW);
	cr_expect_eq(after.s.due, next.due);
	cr_expect_eq(after.s.reps, 1);
	cr_expect_eq(after.s.stability, 3.1);
	cr_assert_eq(store_card_reviews(st, c.id, &log, &n, &msg), 0, "%s",
	    msg ? msg : "");
	cr_expect_eq(n, 1);
	if (n == 1)
		cr_expect_eq(log[0].time, 2000);
	free(log);
	card_clear(&after);
	card_clear(&c);
}

/*
 * The shape of a fact card: it asks for at most MAX_FACT_ITEMS things (an
 * item is a line starting with "- " or "N. ", at any indent), in at most
 * MAX_FACT_LINES lines.  A longer list is split, grouped, or turned into a
 * question card whose outline the candidate rehearses.
 */
#define MAX_FACT_ITEMS 3
#define MAX_FACT_LINES 6

/* Whether the line starting at p opens an item. */
static bool
item_line(const char *p)
{
	p += strspn(p, " ");
	if (p[0] == '-' && p[1] == ' ')
		return true;
	if (*p < '0' || *p > '9')
		return false;
	p += strspn(p, "0123456789");
	return p[0] == '.' && p[1] == ' ';
}

static size_t
count_items(const char *s)
{
	size_t n = 0;

	for (const char *p = s;; p++) {
		n += item_line(p);
		p = strchr(p, '\n');
		if (p == NULL)
			return n;
	}
}

Test(decks, fact_cards_ask_for_three_things_at_most)
{
	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];

		if (!has_tag(r->tags, "fact"))
			continue;
		cr_expect_leq(count_items(r->answer), MAX_FACT_ITEMS, "%s: fact"
								      " card with %zu items (max %d)",
		    at(r),
		    count_items(r->answer), MAX_FACT_ITEMS);
		cr_expect_leq(count_lines(r->answer), MAX_FACT_LINES, "%s: fact"
								      " answer of %zu lines (max %d)",
		    at(r),
		    count_lines(r->answer), MAX_FACT_LINES);
	}
}

Test(decks, item_counting)
{
	cr_expect_eq(count_items("- a\n  b\n- c"), 2);
	cr_expect_eq(count_items("1. a\n2. b\n  - c\n- d"), 4);
	cr_expect_eq(count_items("e.g. 3 things\n-not an item\n12.5 mg"), 0);
}

/* Whether s starts with the lower-case ASCII prefix, ignoring case. */
static bool
starts_with_ci(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++)
		if (*s == '\0' || (*s | 0x20) != *prefix)
			return false;
	return true;
}

/* Tips tell the candidate what to do, not what the panel does. */
Test(decks, tips_are_actions)
{
	static const char *const panel[] = { "the panel", "panels",
		"the interviewer" };

	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];

		for (const char *p = r->tips; *p != '\0';) {
			size_t len = strcspn(p, "\n");
			const char *t = p + strspn(p, " ");

			if (*t == '-')
				t += 1 + strspn(t + 1, " ");
			for (size_t k = 0; k < sizeof(panel) / sizeof(*panel); k++)
				cr_expect(!starts_with_ci(t, panel[k]), "%s: tip describes the"
									" panel instead of an action: %.*s",
				    at(r),
				    (int)len, p);
			p += len;
			p += *p == '\n';
		}
	}
}

/* The words of the lines of DECKS_DIR/name that start with word. */
static char **
lines_starting(const char *name, const char *word, size_t *n)
{
	char *path = xasprintf("%s/%s", DECKS_DIR, name);
	FILE *f = fopen(path, "r");
	char line[4096], **v = NULL;

	*n = 0;
	cr_assert_not_null(f, "cannot open %s", path);
	free(path);
	while (fgets(line, sizeof(line), f) != NULL) {
		size_t w = strlen(word);
		char *id, *end;

		if (strncmp(line, word, w) != 0 || line[w] != ' ')
			continue;
		id = line + w + 1;
		end = id + strcspn(id, " \n");
		v = xrealloc(v, (*n + 1) * sizeof(*v));
		v[(*n)++] = xstrndup(id, (size_t)(end - id));
	}
	fclose(f);
	return v;
}

static void
free_words(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Every card names its sources in decks/SOURCES ("card ID KEY..."). */
Test(decks, every_card_traced_to_a_source)
{
	size_t n;
	char **ids = lines_starting("SOURCES", "card", &n);

	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];
		size_t k = 0;

		while (k < n && strcmp(ids[k], r->id) != 0)
			k++;
		cr_expect(k < n, "%s: no \"card %s\" line in decks/SOURCES",
		    at(r), r->id);
	}
	free_words(ids, n);
}

/*
 * Ids are stable: every id an edition shipped (decks/IDS) is still in a
 * deck, or decks/CHANGES says why it was dropped; a dropped id is gone.
 */
Test(decks, shipped_ids_kept_or_dropped)
{
	size_t nd, ne;
	char **dropped = lines_starting("CHANGES", "dropped", &nd);
	char *path = xasprintf("%s/IDS", DECKS_DIR);
	FILE *f = fopen(path, "r");
	char line[4096];
	bool found;
	char *msg = NULL;

	cr_assert_not_null(f, "cannot open %s", path);
	ne = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *save = NULL, *w;

		if (strncmp(line, "edition ", 8) != 0)
			continue;
		strtok_r(line, " \n", &save);
		strtok_r(NULL, " \n", &save);
		while ((w = strtok_r(NULL, " \n", &save)) != NULL) {
			bool gone = false;

			ne++;
			for (size_t k = 0; k < nd; k++)
				gone = gone || strcmp(dropped[k], w) == 0;
			cr_assert_eq(store_card_by_ext(st, w, NULL, &found, &msg), 0,
			    "%s", msg ? msg : "");
			if (gone)
				cr_expect(!found, "%s is dropped in decks/CHANGES"
						  " but still in a deck",
				    w);
			else
				cr_expect(found, "%s was shipped but is in no deck,"
						 " and decks/CHANGES does not drop it",
				    w);
		}
	}
	fclose(f);
	free(path);
	cr_expect_geq(ne, nrows, "decks/IDS lists %zu ids for %zu cards", ne,
	    nrows);
	free_words(dropped, nd);
}
