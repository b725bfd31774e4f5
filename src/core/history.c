#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/deckio.h"
#include "core/fsrs.h"
#include "core/history.h"
#include "core/idmap.h"
#include "core/import.h"
#include "core/leech.h"
#include "core/progress.h"
#include "core/queue.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/util.h"

/* 2000-01-01T00:00:00Z in ms.  A log's times are ms; a time before this
 * one is a time in seconds (which stays before 1970-01-12 as ms). */
#define MS_2000 INT64_C(946684800000)

/* One review of the log, its card found. */
/* 32 bytes: a million rows are held at once. */
struct hist_row {
	int64_t card_id;
	int64_t time;
	int64_t duration;
	uint32_t line; /* UINT32_MAX: that line or a later one */
	uint8_t rating;
};

/* A deck's settings: its cards are replayed under them. */
struct hist_deck {
	int64_t id;
	struct deck_settings ds;
	struct fsrs_model model; /* of ds */
};

struct hist {
	struct store *st;
	const struct settings *set;
	int64_t now;
	struct hist_row *v;
	size_t n, cap;
	char *file; /* the log's name, for messages after the reading */
	const struct progress *progress;
	FILE *fp;   /* the log, for how far the reading is */
	off_t size; /* its size in bytes; 0: not known */
	/* a one-entry cache: logs list a card's reviews together */
	char *last_ext;
	int64_t last_id;
	/* every card's id, for a large log (in time order, the cards come
	 * and go row after row) */
	struct idmap ids;
	bool have_ids;
	struct timefmt_days days; /* of the replay, at set's day_starts_at */
	/* the settings of the decks met, each loaded once (each allocated:
	 * its model points into it) */
	struct hist_deck **decks;
	size_t ndecks, capdecks;
};

/* How often the progress is reported, in rows. */
#define PROGRESS_ROWS 16384
/* The progress is in thousandths: the reading the first half, the replay
 * the second. */
#define PROGRESS_TOTAL 1000

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

static void
replay_progress(struct hist *h, size_t done)
{
	progress_report(h->progress,
	    PROGRESS_TOTAL / 2 + (uint64_t)done * (PROGRESS_TOTAL / 2) / h->n,
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
	if (h->last_ext == NULL || strcmp(h->last_ext, row->card_id) != 0) {
		if (h->have_ids)
			id = idmap_get(&h->ids, row->card_id);
		else if (store_card_id_by_ext(h->st, row->card_id, &id, errmsg) < 0)
			return -1;
		if (id == 0)
			return set_error(errmsg, "no card with id \"%s\" in the"
						 " collection (import its deck first)",
			    row->card_id);
		free(h->last_ext);
		h->last_ext = xstrdup(row->card_id);
		h->last_id = id;
	}
	if (h->n % PROGRESS_ROWS == 0)
		reading_progress(h);
	h->v = xgrow(h->v, &h->cap, h->n, sizeof(*h->v));
	h->v[h->n++] = (struct hist_row){
		.card_id = h->last_id,
		.time = row->time,
		.duration = review_duration(row->duration),
		.rating = (uint8_t)row->rating,
		.line = row->line < UINT32_MAX ? (uint32_t)row->line : UINT32_MAX,
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

/*
 * The error for the row r of the log that gives the review at its time
 * another rating than the one recorded (recorded) or given on another row
 * of the log; rating is that other rating.
 */
static int
conflict(struct hist *h, const struct hist_row *r, int rating, bool recorded,
    char **errmsg)
{
	struct card card;
	char when[TIMEFMT_SIZE], *ext;

	if (store_card_get(h->st, r->card_id, &card, errmsg) < 0)
		return -1;
	ext = text_sanitize_line(card.ext_id);
	card_clear(&card);
	timefmt_format_utc_ms(r->time, when, sizeof(when));
	set_error(errmsg,
	    "%s:%ld: conflict: card \"%s\" answered at %lld (%s) is rated %d"
	    " here but %d %s",
	    h->file, (long)r->line, ext, (long long)r->time, when, r->rating, rating,
	    recorded ? "in the collection" : "on another line of the log");
	free(ext);
	return -1;
}

/*
 * The recorded reviews old and the new rows (in time order) merged by
 * time into all (*nall gets their number); a review already recorded
 * (same card, time and rating), or given twice in rows, is not added
 * again.  The same card and time with two ratings is a conflict: -1.
 */
static int
merge(struct hist *h, int64_t card_id, const struct review *old, size_t nold,
    const struct hist_row *rows, size_t nrows, struct review *all,
    size_t *nall, char **errmsg)
{
	size_t i = 0, j = 0;

	*nall = 0;
	while (i < nold || j < nrows) {
		if (j < nrows && (j > 0 && rows[j].time == rows[j - 1].time)) {
			if (rows[j].rating != rows[j - 1].rating)
				return conflict(h, &rows[j], rows[j - 1].rating,
				    false, errmsg);
			j++; /* the same review twice in the file */
			continue;
		}
		if (j < nrows && i < nold && rows[j].time == old[i].time) {
			if (rows[j].rating != (int)old[i].rating)
				return conflict(h, &rows[j], (int)old[i].rating,
				    true, errmsg);
			j++;
			continue;
		}
		if (j >= nrows || (i < nold && old[i].time < rows[j].time)) {
			all[(*nall)++] = old[i++];
		} else {
			all[(*nall)++] = (struct review){
				.card_id = card_id,
				.time = rows[j].time,
				.rating = (enum rating)rows[j].rating,
				.duration = rows[j].duration,
			};
			j++;
		}
	}
	return 0;
}

/* The settings of deck_id's cards, loaded on first use. */
static const struct hist_deck *
deck_of(struct hist *h, int64_t deck_id, char **errmsg)
{
	struct hist_deck *d;

	for (size_t i = h->ndecks; i-- > 0;)
		if (h->decks[i]->id == deck_id)
			return h->decks[i];
	d = xcalloc(1, sizeof(*d));
	d->id = deck_id;
	if (settings_load_deck(h->st, h->set, deck_id, &d->ds, errmsg) < 0) {
		free(d);
		return NULL;
	}
	fsrs_model_init(&d->model, &d->ds.set.fsrs);
	h->decks = xgrow(h->decks, &h->capdecks, h->ndecks, sizeof(*h->decks));
	h->decks[h->ndecks++] = d;
	return d;
}

static void
free_decks(struct hist *h)
{
	for (size_t i = 0; i < h->ndecks; i++)
		free(h->decks[i]);
	free(h->decks);
}

/*
 * Where the replay of a card's history starts.  The base is the card's
 * state before its first recorded review, or its state now (cur) when it
 * has none.  A base that is not new came with its schedule (an import of
 * export --state columns) and holds a history the log does not: a history
 * that begins after the base's last review continues it.  A history with
 * an answer at or before that time is the card's whole history, replayed
 * from a new card, taken to have been added now.  A new card stays due
 * when it was added.
 */
static void
first_state(struct hist *h, const struct sched *cur, const struct review *old,
    size_t nold, int64_t first, struct sched *s)
{
	struct sched base = nold > 0 ? old[0].before : *cur;

	if (base.state != STATE_NEW && first > base.last_review) {
		*s = base;
		return;
	}
	memset(s, 0, sizeof(*s));
	s->state = STATE_NEW;
	s->due = base.state == STATE_NEW ? base.due : h->now;
}

/* Makes card_id a leech as an answer would (leech.h). */
static int
make_leech(struct hist *h, int64_t card_id, const struct hist_deck *d,
    char **errmsg)
{
	struct card c;
	int rc;

	if (store_card_get(h->st, card_id, &c, errmsg) < 0)
		return -1;
	rc = leech_make(h->st, &c, d->ds.set.leech_action, h->now, NULL, NULL,
	    errmsg);
	card_clear(&c);
	return rc;
}

/*
 * Writes the reviews all, replayed through the scheduler from s under the
 * deck's settings d, and the card's state after the last.  An answer not
 * recorded before (id 0) that makes the card a leech does so as a live
 * answer would; the answers recorded before had their turn.
 */
static int
replay(struct hist *h, int64_t card_id, const struct hist_deck *d,
    struct review *all, size_t nall, struct sched s, char **errmsg)
{
	bool leech = false;

	for (size_t k = 0; k < nall; k++) {
		struct sched next;

		queue_next_state_days(&d->model, &h->days, &s, all[k].time,
		    all[k].rating, &next);
		leech |= all[k].id == 0 &&
		         leech_reached(d->ds.set.leech_threshold, &s, &next);
		all[k].id = 0;
		all[k].state = s.state;
		all[k].before = s;
		if (store_review_insert(h->st, &all[k], errmsg) < 0)
			return -1;
		s = next;
	}
	if (store_card_set_sched(h->st, card_id, &s, errmsg) < 0)
		return -1;
	return leech ? make_leech(h, card_id, d, errmsg) : 0;
}

/* Gives card_id the history of its recorded reviews and rows; *added grows
 * by the number of reviews not recorded yet. */
static int
replay_card(struct hist *h, int64_t card_id, const struct hist_row *rows,
    size_t nrows, long *added, char **errmsg)
{
	struct review *old, *all;
	const struct hist_deck *d;
	size_t nold, nall;
	struct sched cur, s;
	int64_t deck_id;
	int rc = -1;

	if (store_card_reviews(h->st, card_id, &old, &nold, errmsg) < 0)
		return -1;
	all = xcalloc(nold + nrows, sizeof(*all));
	if (merge(h, card_id, old, nold, rows, nrows, all, &nall, errmsg) < 0)
		goto out;
	*added += (long)(nall - nold);
	if (nall == nold) {
		rc = 0;
		goto out;
	}
	if (store_card_sched(h->st, card_id, &cur, &deck_id, errmsg) < 0 ||
	    (d = deck_of(h, deck_id, errmsg)) == NULL)
		goto out;
	first_state(h, &cur, old, nold, all[0].time, &s);
	/* The log is rewritten whole for this card: every review's "before"
	 * state depends on all the reviews before it. */
	if (nold > 0 && store_card_reviews_delete(h->st, card_id, errmsg) < 0)
		goto out;
	rc = replay(h, card_id, d, all, nall, s, errmsg);
out:
	free(old);
	free(all);
	return rc;
}

/* Replays the rows read, card by card. */
static int
replay_all(struct hist *h, struct history_counts *c, char **errmsg)
{
	size_t ncards = 0;

	idmap_free(&h->ids); /* the reading is over */
	timefmt_days_init(&h->days, h->set->day_starts_at);
	order_rows(h->v, h->n);
	for (size_t i = 0; i < h->n; i++)
		ncards += i == 0 || h->v[i].card_id != h->v[i - 1].card_id;
	if (store_reviews_bulk_begin(h->st, h->n, ncards, errmsg) < 0)
		return -1;
	for (size_t i = 0; i < h->n;) {
		size_t k = i;
		long before = c->added;

		while (k < h->n && h->v[k].card_id == h->v[i].card_id)
			k++;
		if (replay_card(h, h->v[i].card_id, h->v + i, k - i, &c->added,
			errmsg) < 0)
			return -1;
		c->cards += c->added > before;
		if (i / PROGRESS_ROWS != k / PROGRESS_ROWS)
			replay_progress(h, k);
		i = k;
	}
	if (h->n > 0)
		replay_progress(h, h->n);
	c->recorded = (long)h->n - c->added;
	/* the rows are written: their memory is the indexes' to build */
	free(h->v);
	h->v = NULL;
	return store_reviews_bulk_end(h->st, errmsg);
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
	free(h.last_ext);
	free(h.file);
	free_decks(&h);
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
			.duration = review_duration(v[i].duration),
			.rating = v[i].rating,
			.line = (long)i + 1,
		};
	rc = replay_all(&h, &c, errmsg);
	if (rc == 0 && counts != NULL)
		*counts = c;
	free(h.v);
	free(h.file);
	free_decks(&h);
	return rc;
}
