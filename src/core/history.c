#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/deckio.h"
#include "core/history_private.h"
#include "core/import.h"
#include "core/progress.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/util.h"

/* 2000-01-01T00:00:00Z in ms.  A log's times are ms; a time before this
 * one is a time in seconds (which stays before 1970-01-12 as ms). */
#define MS_2000 INT64_C(946684800000)

static void
reading_progress(struct hist *h)
{
	off_t at;

	if (h->progress == NULL || h->size <= 0 || (at = ftello(h->fp)) < 0)
		return;
	if (at > h->size)
		at = h->size;
	progress_report(h->progress,
	    (uint64_t)at * (PROGRESS_TOTAL / 2) / (uint64_t)h->size,
	    PROGRESS_TOTAL);
}

/* A log this large (bytes) looks its cards up in a table of them all. */
#define IDS_ALL_BYTES (1 << 20)

static void
add_id(const char *ext_id, int64_t id, void *ctx)
{
	idmap_put(ctx, ext_id, id);
}

static int
all_ids(struct hist *h, char **errmsg)
{
	h->have_ids = true;
	return store_card_ids(h->st, add_id, &h->ids, errmsg);
}

static int
hist_row(const struct deckio_review_row *row, void *ctx, char **errmsg)
{
	struct hist *h = ctx;
	int64_t id;

	if (row->time < MS_2000)
		return set_error(errmsg,
		    "review_time %lld is before 2000-01-01 as ms: it looks "
		    "like seconds; multiply by 1000",
		    (long long)row->time);
	if (h->file == NULL)
		h->file = xstrdup(row->file);
	if (h->last_ext.len == 0 || strcmp(strbuf_str(&h->last_ext), row->card_id) != 0) {
		if (h->have_ids)
			id = idmap_get(&h->ids, row->card_id);
		else if (store_card_id_by_ext(h->st, row->card_id, &id, errmsg) < 0)
			return -1;
		if (id == 0)
			return set_error(errmsg, "no card with id \"%s\" in the"
						 " collection (import its deck first)",
			    row->card_id);
		strbuf_reset(&h->last_ext);
		strbuf_adds(&h->last_ext, row->card_id);
		h->last_id = id;
	}
	if (h->n % PROGRESS_ROWS == 0)
		reading_progress(h);
	h->v = xgrow(h->v, &h->cap, h->n, sizeof(*h->v));
	h->v[h->n++] = (struct hist_row){
		.card_id = h->last_id,
		.time = row->time,
		.duration = (int32_t)review_duration(row->duration),
		.rating = (uint32_t)row->rating,
		.line = row->line < HIST_LINE_MAX ? (uint32_t)row->line : HIST_LINE_MAX,
	};
	return 0;
}

static int
cmp_hist(const void *a, const void *b)
{
	const struct hist_row *x = a, *y = b;

	if (x->card_id != y->card_id)
		return x->card_id < y->card_id ? -1 : 1;
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Moves v[i] down the heap of v[0..n) ordered by cmp_hist. */
static void
sift_down(struct hist_row *v, size_t i, size_t n)
{
	for (;;) {
		size_t big = i, l = 2 * i + 1, r = l + 1;
		struct hist_row t;

		if (l < n && cmp_hist(&v[l], &v[big]) > 0)
			big = l;
		if (r < n && cmp_hist(&v[r], &v[big]) > 0)
			big = r;
		if (big == i)
			return;
		t = v[i];
		v[i] = v[big];
		v[big] = t;
		i = big;
	}
}

/* Sorts in place (a heap sort): qsort may take a copy of the million
 * rows, twice their memory. */
static void
sort_rows(struct hist_row *v, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(v, i, n);
	for (size_t end = n; end-- > 1;) {
		struct hist_row t = v[0];

		v[0] = v[end];
		v[end] = t;
		sift_down(v, 0, end);
	}
}

/* Whether v[0..n) is in cmp_hist's order. */
static bool
in_order(const struct hist_row *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (cmp_hist(&v[i - 1], &v[i]) > 0)
			return false;
	return true;
}

/*
 * Moves each row of v[0..n) to its card's place, the cards in id order,
 * where their ids lie within span of lo: bucket b (card lo + b) takes
 * count[b] rows.  In place (an American flag sort), with two arrays of
 * span positions: the rows of one card come out in no set order.
 */
static void
place_by_card(struct hist_row *v, size_t n, int64_t lo, size_t span)
{
	uint32_t *next = xcalloc(span, sizeof(*next));
	uint32_t *end = xcalloc(span, sizeof(*end));
	uint32_t at = 0;

	for (size_t i = 0; i < n; i++)
		end[v[i].card_id - lo]++;
	for (size_t b = 0; b < span; b++) {
		next[b] = at;
		at += end[b];
		end[b] = at;
	}
	for (size_t b = 0; b < span; b++) {
		while (next[b] < end[b]) {
			struct hist_row r = v[next[b]], t;
			size_t d = (size_t)(r.card_id - lo);

			while (d != b) { /* r goes to its bucket, its row on */
				t = v[next[d]];
				v[next[d]++] = r;
				r = t;
				d = (size_t)(r.card_id - lo);
			}
			v[next[b]++] = r;
		}
	}
	free(next);
	free(end);
}

/*
 * Orders v[0..n) by card, time and line.  Cards whose ids lie close
 * together (a span no larger than half the rows) are placed by card
 * first, and each card's rows then ordered; other logs are heap sorted
 * whole.
 */
static void
order_rows(struct hist_row *v, size_t n)
{
	int64_t lo, hi;

	if (n < 2)
		return;
	lo = hi = v[0].card_id;
	for (size_t i = 1; i < n; i++) {
		lo = v[i].card_id < lo ? v[i].card_id : lo;
		hi = v[i].card_id > hi ? v[i].card_id : hi;
	}
	if (n >= UINT32_MAX || (uint64_t)(hi - lo) >= n / 2) {
		sort_rows(v, n);
		return;
	}
	place_by_card(v, n, lo, (size_t)(hi - lo) + 1);
	for (size_t i = 0, k; i < n; i = k) {
		for (k = i + 1; k < n && v[k].card_id == v[i].card_id; k++)
			;
		if (!in_order(v + i, k - i))
			sort_rows(v + i, k - i);
	}
}

/* Replays the rows read. */
static int
replay_all(struct hist *h, struct history_counts *c, char **errmsg)
{
	struct store_slot_source src;
	size_t ncards = 0;
	int rc;

	idmap_free(&h->ids); /* the reading is over */
	order_rows(h->v, h->n);
	for (size_t i = 0; i < h->n; i++)
		ncards += i == 0 || h->v[i].card_id != h->v[i - 1].card_id;
	if (store_reviews_bulk_begin(h->st, h->n, ncards, errmsg) < 0 ||
	    hist_replay_cards(h, ncards, c, errmsg) < 0)
		return -1;
	c->recorded = (long)h->n - c->added;
	/* the rows are written: their memory is the indexes' to build */
	free(h->v);
	h->v = NULL;
	rc = store_reviews_bulk_end(h->st,
	    hist_tally_source(h, &src) ? &src : NULL, errmsg);
	hist_tally_free(h);
	return rc;
}

int
history_import(struct store *st, const struct settings *set, int64_t now,
    const char *path, const struct progress *progress,
    struct history_counts *counts, char **errmsg)
{
	struct hist h = { .st = st, .set = set, .now = now, .progress = progress };
	struct stat sb;
	struct history_counts c = { 0 };
	FILE *fp;
	bool ok;

	/* a pipe is read to its end before the collection is locked */
	if (import_spool(path, &fp, errmsg) < 0)
		return -1;
	/* A file is opened here, so that how far it is read can be told;
	 * deckio says what is wrong with anything else. */
	if (fp == NULL && strcmp(path, "-") != 0 && stat(path, &sb) == 0 &&
	    S_ISREG(sb.st_mode)) {
		fp = fopen(path, "rb");
		h.size = sb.st_size;
	}
	h.fp = fp;
	if (h.size >= IMPORT_LARGE)
		store_bulk_begin(st);
	if (store_begin(st, errmsg) < 0 ||
	    (h.size >= IDS_ALL_BYTES && all_ids(&h, errmsg) < 0)) {
		store_rollback(st);
		store_bulk_end(st);
		idmap_free(&h.ids);
		if (fp != NULL)
			fclose(fp);
		return -1;
	}
	ok = deckio_import_reviews_stream(fp,
		 fp != NULL && strcmp(path, "-") == 0 ? "<stdin>" : path,
		 hist_row, &h, errmsg) == 0 &&
	     replay_all(&h, &c, errmsg) == 0 && store_commit(st, errmsg) == 0;
	if (fp != NULL)
		fclose(fp);
	if (!ok) {
		store_rollback(st);
		store_reviews_bulk_cancel(st);
	}
	store_bulk_end(st);
	if (ok && counts != NULL)
		*counts = c;
	idmap_free(&h.ids);
	free(h.v);
	strbuf_free(&h.last_ext);
	free(h.file);
	hist_free_decks(&h);
	return ok ? 0 : -1;
}

int
history_replay(struct store *st, const struct settings *set, int64_t now,
    const char *name, const struct history_answer *v, size_t n,
    struct history_counts *counts, char **errmsg)
{
	struct hist h = { .st = st, .set = set, .now = now };
	struct history_counts c = { 0 };
	int rc;

	h.file = xstrdup(name);
	h.v = xcalloc(n ? n : 1, sizeof(*h.v));
	for (size_t i = 0; i < n; i++)
		h.v[h.n++] = (struct hist_row){
			.card_id = v[i].card_id,
			.time = v[i].time,
			.duration = (int32_t)review_duration(v[i].duration),
			.rating = (uint32_t)v[i].rating,
			.line = i + 1 < HIST_LINE_MAX ? (uint32_t)i + 1 : HIST_LINE_MAX,
		};
	rc = replay_all(&h, &c, errmsg);
	if (rc == 0 && counts != NULL)
		*counts = c;
	free(h.v);
	free(h.file);
	hist_free_decks(&h);
	return rc;
}
