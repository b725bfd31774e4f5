/*
 * history_replay.c - a review log's answers replayed into the collection,
 * card by card (history_private.h): each card's recorded reviews and its
 * state are read, its history worked out through the scheduler, and the
 * reviews and the state after them written.  The scheduling, which needs
 * nothing from the collection, runs on a second thread (pipeline.h) while
 * this one reads the cards ahead and writes the cards done.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/history_private.h"
#include "core/leech.h"
#include "core/pipeline.h"
#include "core/progress.h"
#include "core/queue.h"
#include "core/text.h"
#include "core/util.h"

/* Cards read ahead of those written. */
#define HIST_AHEAD 256
/* The most memory the answers per deck and slot take while counted
 * (8-bit counts, 12 bytes a slot and deck): 8 MiB, a year and a half of
 * quarters of an hour in six decks. */
#define TALLY_MAX_BYTES ((size_t)8 << 20)

/* The answers per deck and slot, counted as the replay writes them. */
struct hist_tally {
	int64_t first;     /* the first slot */
	size_t span;       /* slots from it */
	uint8_t (**n)[12]; /* per deck (h->decks' index): NULL until met */
	size_t ndecks;     /* entries of n */
	size_t bytes;      /* of the counts */
	bool overflow;     /* a count passed 255, or too many decks: no use */
	/* the reading of it (hist_tally_source): the collection's slots,
	 * then each deck's in order of id */
	const struct hist *h;
	size_t *order;  /* deck indexes by id */
	size_t at_deck; /* in order; ndecks: the collection's */
	size_t at_slot;
};

/* One card of the replay. */
struct hist_job {
	/* prepared */
	int64_t card_id;
	const struct hist_row *rows; /* its rows of the log */
	size_t nrows;
	struct review *old; /* its recorded reviews, in time order */
	size_t nold;
	struct sched cur; /* its state now */
	const struct hist_deck *deck;
	/* worked: every review, before states filled, and the state after */
	struct review *all;
	size_t nall;
	struct sched last;
	bool leech; /* a review not recorded before made it a leech */
	/* or a row whose rating clashes with another's at its time */
	const struct hist_row *clash;
	int clash_rating;
	bool clash_recorded; /* that other rating is recorded, not a row */
};

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

static bool
clash(struct hist_job *j, const struct hist_row *r, int rating, bool recorded)
{
	j->clash = r;
	j->clash_rating = rating;
	j->clash_recorded = recorded;
	return false;
}

/*
 * j's recorded reviews and new rows (in time order) merged by time into
 * j->all; a review already recorded (same card, time and rating), or
 * given twice in rows, is not added again.  The same card and time with
 * two ratings is a clash: false.
 */
static bool
merge(struct hist_job *j)
{
	const struct hist_row *rows = j->rows;
	const struct review *old = j->old;
	size_t i = 0, k = 0;

	j->all = xcalloc(j->nold + j->nrows, sizeof(*j->all));
	j->nall = 0;
	while (i < j->nold || k < j->nrows) {
		if (k < j->nrows && (k > 0 && rows[k].time == rows[k - 1].time)) {
			if (rows[k].rating != rows[k - 1].rating)
				return clash(j, &rows[k], rows[k - 1].rating, false);
			k++; /* the same review twice in the file */
			continue;
		}
		if (k < j->nrows && i < j->nold && rows[k].time == old[i].time) {
			if (rows[k].rating != (int)old[i].rating)
				return clash(j, &rows[k], (int)old[i].rating, true);
			k++;
			continue;
		}
		if (k >= j->nrows || (i < j->nold && old[i].time < rows[k].time)) {
			j->all[j->nall++] = old[i++];
		} else {
			j->all[j->nall++] = (struct review){
				.card_id = j->card_id,
				.time = rows[k].time,
				.rating = (enum rating)rows[k].rating,
				.duration = rows[k].duration,
			};
			k++;
		}
	}
	return true;
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
	d->index = h->ndecks;
	if (settings_load_deck(h->st, h->set, deck_id, &d->ds, errmsg) < 0) {
		free(d);
		return NULL;
	}
	fsrs_model_init(&d->model, &d->ds.set.fsrs);
	h->decks = xgrow(h->decks, &h->capdecks, h->ndecks, sizeof(*h->decks));
	h->decks[h->ndecks++] = d;
	return d;
}

void
hist_free_decks(struct hist *h)
{
	for (size_t i = 0; i < h->ndecks; i++)
		free(h->decks[i]);
	free(h->decks);
	h->decks = NULL;
	h->ndecks = h->capdecks = 0;
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
first_state(const struct hist *h, const struct hist_job *j, struct sched *s)
{
	struct sched base = j->nold > 0 ? j->old[0].before : j->cur;

	if (base.state != STATE_NEW && j->all[0].time > base.last_review) {
		*s = base;
		return;
	}
	memset(s, 0, sizeof(*s));
	s->state = STATE_NEW;
	s->due = base.state == STATE_NEW ? base.due : h->now;
}

static void
release(struct hist_job *j)
{
	free(j->old);
	free(j->all);
	j->old = j->all = NULL;
}

/* Reads card i's recorded reviews and state (the cards in turn). */
static int
prepare(size_t i, void *ctx, char **errmsg)
{
	struct hist *h = ctx;
	struct hist_job *j = &h->jobs[i % HIST_AHEAD];
	size_t k = h->next_row;
	int64_t deck_id;

	release(j);
	memset(j, 0, sizeof(*j));
	j->card_id = h->v[k].card_id;
	j->rows = h->v + k;
	while (k < h->n && h->v[k].card_id == j->card_id)
		k++;
	j->nrows = k - h->next_row;
	h->next_row = k;
	/* A log empty when the replay began holds only the cards' before
	 * this one: each card is replayed once. */
	if ((!h->log_empty && store_card_reviews(h->st, j->card_id, &j->old,
				  &j->nold, errmsg) < 0) ||
	    store_card_sched(h->st, j->card_id, &j->cur, &deck_id, errmsg) < 0 ||
	    (j->deck = deck_of(h, deck_id, errmsg)) == NULL)
		return -1;
	return 0;
}

/* Works out card i's history: every review's state before it, and the
 * state after the last.  Touches the job, the worker's h->days and
 * nothing else. */
static void
work(size_t i, unsigned worker, void *ctx)
{
	struct hist *h = ctx;
	struct hist_job *j = &h->jobs[i % HIST_AHEAD];
	const struct hist_deck *d = j->deck;
	struct sched s;

	if (!merge(j) || j->nall == j->nold)
		return;
	first_state(h, j, &s);
	for (size_t k = 0; k < j->nall; k++) {
		struct sched next;

		queue_next_state_days(&d->model, &h->days[worker], &s, j->all[k].time,
		    j->all[k].rating, &next);
		j->leech |= j->all[k].id == 0 &&
		            leech_reached(d->ds.set.leech_threshold, &s, &next);
		j->all[k].id = 0;
		j->all[k].state = s.state;
		j->all[k].before = s;
		s = next;
	}
	j->last = s;
}

/* Makes card_id a leech as an answer would (leech.h). */
static int
make_leech(struct hist *h, int64_t card_id, const struct hist_deck *d,
    char **errmsg)
{
	struct card c;
	int rc;

	/* the card is read whole: its schedule must be written first */
	if (store_batch_flush(h->batch, errmsg) < 0 ||
	    store_card_get(h->st, card_id, &c, errmsg) < 0)
		return -1;
	rc = leech_make(h->st, &c, d->ds.set.leech_action, h->now, NULL, NULL,
	    errmsg);
	card_clear(&c);
	return rc;
}

static int64_t
slot_of(int64_t t)
{
	return t / STORE_SLOT_MS - (t % STORE_SLOT_MS < 0);
}

/* A tally of the slots of h->v's times, or NULL when they span too many;
 * for a log empty before (its answers will be the rows' alone). */
static struct hist_tally *
tally_new(const struct hist *h)
{
	struct hist_tally *t;
	int64_t lo, hi;

	if (h->n == 0)
		return NULL;
	lo = hi = h->v[0].time;
	for (size_t i = 1; i < h->n; i++) {
		lo = h->v[i].time < lo ? h->v[i].time : lo;
		hi = h->v[i].time > hi ? h->v[i].time : hi;
	}
	if ((uint64_t)(slot_of(hi) - slot_of(lo)) >=
	    TALLY_MAX_BYTES / sizeof(uint8_t[12]))
		return NULL;
	t = xcalloc(1, sizeof(*t));
	t->first = slot_of(lo);
	t->span = (size_t)(slot_of(hi) - t->first) + 1;
	return t;
}

/* Deck d's counts, made when first met; NULL when they would pass the
 * bound (the tally is then of no use). */
static uint8_t (*tally_deck(struct hist_tally *t, size_t d))[12]
{
	if (d >= t->ndecks) {
		t->n = xrealloc(t->n, (d + 1) * sizeof(*t->n));
		while (t->ndecks <= d)
			t->n[t->ndecks++] = NULL;
	}
	if (t->n[d] == NULL) {
		if (t->bytes + t->span * sizeof(uint8_t[12]) > TALLY_MAX_BYTES) {
			t->overflow = true;
			return NULL;
		}
		t->n[d] = xcalloc(t->span, sizeof(uint8_t[12]));
		t->bytes += t->span * sizeof(uint8_t[12]);
	}
	return t->n[d];
}

/* Counts the answers all[0..n) of a card of deck d in the tally, as
 * the walk of store_slots.c does. */
static void
tally_add(struct hist_tally *t, size_t d, const struct review *all, size_t n)
{
	uint8_t(*c)[12];

	if (t == NULL || t->overflow || (c = tally_deck(t, d)) == NULL)
		return;
	for (size_t k = 0; k < n; k++) {
		int64_t at = slot_of(all[k].time) - t->first;
		int kind = all[k].state != STATE_REVIEW        ? 0
		           : all[k].before.scheduled_days < 21 ? 1
		                                               : 2;
		int r = (int)all[k].rating;

		if (at < 0 || (uint64_t)at >= t->span || r < 1 || r > 4 ||
		    ++c[at][kind * 4 + r - 1] == 0) {
			t->overflow = true; /* a time not of the rows, or 256 */
			return;
		}
	}
}

static void
tally_free(struct hist_tally *t)
{
	if (t == NULL)
		return;
	for (size_t d = 0; d < t->ndecks; d++)
		free(t->n[d]);
	free(t->n);
	free(t->order);
	free(t);
}

/* Slot i's counts, of deck d or (d == t->ndecks) of every deck summed,
 * into r; whether any is not 0. */
static bool
slot_counts(const struct hist_tally *t, size_t d, size_t i,
    struct store_slot_counts *r)
{
	bool any = false;

	r->slot = t->first + (int64_t)i;
	for (int k = 0; k < 12; k++) {
		r->n[k] = 0;
		for (size_t e = d < t->ndecks ? d : 0;
		     e < (d < t->ndecks ? d + 1 : t->ndecks); e++)
			r->n[k] += t->n[e] != NULL ? t->n[e][i][k] : 0;
		any |= r->n[k] != 0;
	}
	return any;
}

/* store_slot_source's next: the collection's slots, then each deck's. */
static bool
tally_next(void *ctx, struct store_slot_counts *r)
{
	struct hist_tally *t = ctx;

	for (;;) {
		size_t d = t->at_deck < t->ndecks ? t->order[t->at_deck] : t->ndecks;

		if (t->at_slot == t->span || (d < t->ndecks && t->n[d] == NULL)) {
			if (t->at_deck == t->ndecks)
				t->at_deck = 0; /* the collection's are done */
			else
				t->at_deck++;
			t->at_slot = 0;
			if (t->at_deck == t->ndecks)
				return false;
			continue;
		}
		r->deck_id = d < t->ndecks ? t->h->decks[d]->id : 0;
		if (slot_counts(t, d, t->at_slot++, r))
			return true;
	}
}

static const struct hist_tally *sort_tally;

static int
by_deck_id(const void *pa, const void *pb)
{
	int64_t a = sort_tally->h->decks[*(const size_t *)pa]->id;
	int64_t b = sort_tally->h->decks[*(const size_t *)pb]->id;

	return a < b ? -1 : a > b;
}

bool
hist_tally_source(struct hist *h, struct store_slot_source *src)
{
	struct hist_tally *t = h->tally;

	if (t == NULL || t->overflow)
		return false;
	t->h = h;
	t->order = xcalloc(t->ndecks + 1, sizeof(*t->order));
	for (size_t d = 0; d < t->ndecks; d++)
		t->order[d] = d;
	sort_tally = t;
	qsort(t->order, t->ndecks, sizeof(*t->order), by_deck_id);
	sort_tally = NULL;
	t->at_deck = t->ndecks; /* the collection's first */
	t->at_slot = 0;
	*src = (struct store_slot_source){ tally_next, t };
	return true;
}

void
hist_tally_free(struct hist *h)
{
	tally_free(h->tally);
	h->tally = NULL;
}

/* Writes card i's history: the log is rewritten whole for the card, as
 * every review's state before depends on all the reviews before it. */
static int
write_card(struct hist *h, const struct hist_job *j, char **errmsg)
{
	if (j->nold > 0 &&
	    store_card_reviews_delete(h->st, j->card_id, errmsg) < 0)
		return -1;
	for (size_t k = 0; k < j->nall; k++)
		if (store_batch_review(h->batch, &j->all[k], errmsg) < 0)
			return -1;
	if (store_batch_sched(h->batch, j->card_id, &j->last, errmsg) < 0)
		return -1;
	tally_add(h->tally, j->deck->index, j->all, j->nall);
	return j->leech ? make_leech(h, j->card_id, j->deck, errmsg) : 0;
}

static int
consume(size_t i, void *ctx, char **errmsg)
{
	struct hist *h = ctx;
	struct hist_job *j = &h->jobs[i % HIST_AHEAD];
	size_t before = h->done_rows;
	int rc = 0;

	if (j->clash != NULL)
		return conflict(h, j->clash, j->clash_rating, j->clash_recorded,
		    errmsg);
	if (j->nall > j->nold) {
		h->counts->added += (long)(j->nall - j->nold);
		h->counts->cards++;
		rc = write_card(h, j, errmsg);
	}
	h->done_rows += j->nrows;
	if (before / PROGRESS_ROWS != h->done_rows / PROGRESS_ROWS)
		progress_report(h->progress,
		    PROGRESS_TOTAL / 2 +
			(uint64_t)h->done_rows * (PROGRESS_TOTAL / 2) / h->n,
		    PROGRESS_TOTAL);
	release(j);
	return rc;
}

int
hist_replay_cards(struct hist *h, size_t ncards,
    struct history_counts *counts, char **errmsg)
{
	static const struct pipeline_ops ops = { prepare, work, consume };
	int rc;

	_Static_assert(sizeof(h->days) / sizeof(h->days[0]) == PIPELINE_WORKERS,
	    "a day memo for each worker");
	for (size_t i = 0; i < PIPELINE_WORKERS; i++)
		timefmt_days_init(&h->days[i], h->set->day_starts_at);
	if (store_log_empty(h->st, &h->log_empty, errmsg) < 0)
		return -1;
	h->jobs = xcalloc(HIST_AHEAD, sizeof(*h->jobs));
	h->tally = h->log_empty ? tally_new(h) : NULL;
	h->batch = store_batch_new(h->st);
	h->next_row = h->done_rows = 0;
	h->counts = counts;
	rc = pipeline_run(ncards, HIST_AHEAD, &ops, h, errmsg);
	if (rc == 0 && h->n > 0)
		progress_report(h->progress, PROGRESS_TOTAL, PROGRESS_TOTAL);
	if (rc == 0)
		rc = store_batch_flush(h->batch, errmsg);
	if (rc < 0) {
		tally_free(h->tally);
		h->tally = NULL;
	}
	for (size_t i = 0; i < HIST_AHEAD; i++)
		release(&h->jobs[i]);
	free(h->jobs);
	h->jobs = NULL;
	store_batch_free(h->batch);
	h->batch = NULL;
	return rc;
}
