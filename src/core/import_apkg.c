/* import_apkg.c - an Anki package into the collection (import_apkg.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/anki_template.h"
#include "core/apkg.h"
#include "core/deckio.h"
#include "core/import_apkg.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/util.h"

/* Anki's review log: its kinds of entry. */
enum { REV_LEARN = 0,
	REV_REVIEW = 1,
	REV_RELEARN = 2,
	REV_FILTERED = 3,
	REV_MANUAL = 4 };

struct ia {
	struct store *st;
	const struct settings *set;
	const struct import_opts *o;
	const char *path;
	const struct progress *p;
	struct anki_col col;
	struct import *im;
	struct apkg_counts *c;
	struct strbuf front, back, q, a;
	int64_t *ids; /* the collection's id of each card, 0 when left out */
	uint64_t done, total;
};

static int
cmp_note_id(const void *key, const void *elem)
{
	int64_t k = *(const int64_t *)key, id = ((const struct anki_note *)elem)->id;

	return (k > id) - (k < id);
}

static const struct anki_note *
find_note(const struct anki_col *col, int64_t id)
{
	return bsearch(&id, col->notes, col->nnotes, sizeof(*col->notes),
	    cmp_note_id);
}

static bool
blank(const char *s)
{
	return s[strspn(s, " \t\n\r")] == '\0';
}

static const struct anki_template *
find_template(const struct anki_notetype *t, int ord)
{
	if (t->cloze)
		return t->ntmpls > 0 ? &t->tmpls[0] : NULL;
	for (size_t i = 0; i < t->ntmpls; i++)
		if (t->tmpls[i].ord == ord)
			return &t->tmpls[i];
	return NULL;
}

/* The card's id: stable across imports (import_apkg.h). */
static char *
card_ext(const struct anki_note *n, const struct anki_notetype *t, int ord)
{
	if (t->cloze)
		return xasprintf("%s:c%d", n->guid, ord + 1);
	if (ord == 0)
		return xstrdup(n->guid);
	if (ord == 1)
		return xasprintf("%s:rev", n->guid);
	return xasprintf("%s:t%d", n->guid, ord + 1);
}

static void
tick(struct ia *ia)
{
	if (++ia->done % 1024 == 0 || ia->done == ia->total)
		progress_report(ia->p, ia->done, ia->total);
}

/* Fills the card's question and answer as text into ia->q, ia->a. */
static void
card_text(struct ia *ia, const struct anki_card *card,
    const struct anki_note *note, const struct anki_notetype *t,
    const struct anki_template *tp, const char *deck, bool count)
{
	struct anki_render r = {
		.type = t,
		.tmpl = tp,
		.note = note,
		.deck = deck,
		.cloze = t->cloze ? card->ord + 1 : 0,
	};
	struct deckio_notes *n = count ? &ia->c->cards.notes : NULL;

	strbuf_reset(&ia->front);
	strbuf_reset(&ia->back);
	anki_template_fill(&ia->front, tp->qfmt, &r);
	r.answer = true;
	r.front = strbuf_str(&ia->front);
	anki_template_fill(&ia->back, tp->afmt, &r);
	deckio_html_to_text(&ia->q, strbuf_str(&ia->front), n);
	deckio_html_to_text(&ia->a,
	    anki_template_answer(strbuf_str(&ia->back), strbuf_str(&ia->front)),
	    n);
}

/* Anki's suspension and flag, carried over. */
static int
card_marks(struct ia *ia, const struct anki_card *card, int64_t id,
    char **errmsg)
{
	bool suspended = card->queue == -1, flagged = (card->flags & 7) != 0;

	ia->c->suspended += suspended;
	ia->c->flagged += flagged;
	return store_card_set_suspended(ia->st, id, suspended, errmsg) < 0 ||
	               store_card_set_flagged(ia->st, id, flagged, errmsg) < 0
	           ? -1
	           : 0;
}

/* What the card is, in the summary's terms. */
static void
count_kind(struct deckio_notes *n, const struct anki_notetype *t,
    const struct anki_card *card, bool first)
{
	if (t->cloze) {
		n->cloze_notes += first;
		n->cloze_cards++;
	} else if (card->ord == 1) {
		n->reversed_cards++;
	}
}

static int
import_card(struct ia *ia, size_t i, char **errmsg)
{
	const struct anki_card *card = &ia->col.cards[i];
	const struct anki_note *note = find_note(&ia->col, card->nid);
	const struct anki_notetype *t =
	    note != NULL ? anki_notetype(&ia->col, note->mid) : NULL;
	const struct anki_template *tp = t != NULL ? find_template(t, card->ord) : NULL;
	const struct anki_deck *d = anki_deck(&ia->col, card->did);
	const char *deck = ia->o->deck != NULL               ? ia->o->deck
	                   : d != NULL && d->name[0] != '\0' ? d->name
	                                                     : "Default";
	bool first = i == 0 || ia->col.cards[i - 1].nid != card->nid;
	struct deckio_row row = { .file = ia->path, .deck = deck };
	char *ext, *tags;
	int rc;

	ia->c->notes += first;
	if (tp == NULL) {
		ia->c->empty++;
		return 0;
	}
	card_text(ia, card, note, t, tp, deck, first);
	if (blank(strbuf_str(&ia->q))) {
		ia->c->empty++;
		return 0;
	}
	/* the guid makes the card's id: without one, import_row would make
	 * another id up and the card could not be found again by this one */
	if (note->guid[0] == '\0')
		return set_error(errmsg, "note %lld: no guid (Anki's id of the"
					 " note)",
		    (long long)note->id);
	if (!utf8_valid(ia->q.s, ia->q.len, NULL) ||
	    !utf8_valid(strbuf_str(&ia->a), ia->a.len, NULL) ||
	    !utf8_valid(deck, strlen(deck), NULL) ||
	    !utf8_valid(note->tags, strlen(note->tags), NULL) ||
	    !utf8_valid(note->guid, strlen(note->guid), NULL))
		return set_error(errmsg, "note %lld: text that is not UTF-8",
		    (long long)note->id);
	ext = card_ext(note, t, card->ord);
	tags = text_join_tags(note->tags, errmsg);
	row.id = ext;
	row.question = ia->q.s;
	row.answer = strbuf_str(&ia->a);
	row.tips = "";
	row.tags = tags;
	row.has_answer = row.has_tags = true;
	rc = tags != NULL ? import_row(&row, ia->im, errmsg) : -1;
	if (rc < 0 && *errmsg != NULL) {
		/* the entry at fault, as a file's line would be */
		char *why = *errmsg;

		*errmsg = xasprintf("note %lld, card %lld: %s",
		    (long long)note->id, (long long)card->id, why);
		free(why);
	}
	if (rc == 0)
		rc = store_card_id_by_ext(ia->st, ext, &ia->ids[i], errmsg);
	if (rc == 0)
		rc = card_marks(ia, card, ia->ids[i], errmsg);
	if (rc == 0)
		count_kind(&ia->c->cards.notes, t, card, first);
	free(ext);
	free(tags);
	return rc;
}

/* ---- the review log ---- */

/* Cards by Anki id, to find a review's card. */
struct by_cid {
	int64_t cid;
	size_t index;
};

static int
cmp_cid(const void *a, const void *b)
{
	int64_t x = ((const struct by_cid *)a)->cid,
		y = ((const struct by_cid *)b)->cid;

	return (x > y) - (x < y);
}

/*
 * The answers of one card's log g[0, k) that make its history, as fsrs-rs
 * reads Anki's log: manual entries (rescheduled, reset) and cramming in a
 * filtered deck (factor 0) are no answers, and a card reset and learnt
 * again starts over: only what follows a reset ("Forget": a manual entry
 * of interval 0) counts, and of that only the last learning run and what
 * follows.  Unlike fsrs-rs's training data, a history without a learning
 * entry is kept whole, so the card still continues where it was.
 */
static size_t
card_answers(const struct anki_review *g, size_t k, int64_t card_id,
    struct history_answer *out)
{
	size_t from = 0, n = 0, learn = 0;
	bool seen = false;

	for (size_t j = 0; j < k; j++)
		if (g[j].type == REV_MANUAL && g[j].ivl == 0)
			from = j + 1;
	for (size_t j = from; j < k; j++) {
		if (g[j].type == REV_MANUAL || g[j].ease < 1 || g[j].ease > 4 ||
		    (g[j].type == REV_FILTERED && g[j].factor == 0) ||
		    !timefmt_valid(g[j].time))
			continue;
		out[n++] = (struct history_answer){ .card_id = card_id,
			.time = g[j].time,
			.rating = g[j].ease,
			.duration = g[j].duration };
		if (g[j].type == REV_LEARN && (n == 1 || !seen))
			learn = n - 1;
		seen = g[j].type == REV_LEARN;
	}
	if (learn > 0) {
		memmove(out, out + learn, (n - learn) * sizeof(*out));
		n -= learn;
	}
	return n;
}

/* Replays ans[0, n) (each card's answers together) a few thousand at a
 * time, so that the progress moves on. */
static int
replay_in_steps(struct ia *ia, const struct history_answer *ans, size_t n,
    char **errmsg)
{
	struct history_counts *sum = &ia->c->reviews;

	for (size_t i = 0; i < n;) {
		struct history_counts c;
		size_t k = i + 4096 < n ? i + 4096 : n;

		while (k < n && ans[k].card_id == ans[k - 1].card_id)
			k++;
		if (history_replay(ia->st, ia->set, ia->o->now, ia->path,
			ans + i, k - i, &c, errmsg) < 0)
			return -1;
		sum->added += c.added;
		sum->cards += c.cards;
		sum->recorded += c.recorded;
		ia->done += k - i;
		progress_report(ia->p, ia->done, ia->total);
		i = k;
	}
	return 0;
}

static int
import_reviews(struct ia *ia, char **errmsg)
{
	const struct anki_col *col = &ia->col;
	struct by_cid *idx = xcalloc(col->ncards + 1, sizeof(*idx));
	struct history_answer *ans = xcalloc(col->nrevlog + 1, sizeof(*ans));
	size_t n = 0;
	int rc;

	for (size_t i = 0; i < col->ncards; i++)
		idx[i] = (struct by_cid){ col->cards[i].id, i };
	qsort(idx, col->ncards, sizeof(*idx), cmp_cid);
	for (size_t j = 0; j < col->nrevlog;) {
		struct by_cid key = { col->revlog[j].cid, 0 }, *hit;
		size_t k = j, got = 0;

		while (k < col->nrevlog && col->revlog[k].cid == key.cid)
			k++;
		hit = bsearch(&key, idx, col->ncards, sizeof(*idx), cmp_cid);
		if (hit != NULL && ia->ids[hit->index] != 0)
			got = card_answers(col->revlog + j, k - j,
			    ia->ids[hit->index], ans + n);
		n += got;
		ia->c->ignored += (long)(k - j - got);
		j = k;
	}
	ia->c->revlog = (long)col->nrevlog;
	rc = replay_in_steps(ia, ans, n, errmsg);
	free(idx);
	free(ans);
	return rc;
}

static int
import_all(struct ia *ia, char **errmsg)
{
	char *msg = NULL;

	for (size_t i = 0; i < ia->col.ncards; i++) {
		if (import_card(ia, i, &msg) < 0) {
			set_error(errmsg, "%s: %s", ia->path,
			    msg != NULL ? msg : "import stopped");
			free(msg);
			return -1;
		}
		tick(ia);
	}
	if (import_reviews(ia, &msg) < 0) {
		set_error(errmsg, "%s", msg != NULL ? msg : "import stopped");
		free(msg);
		return -1;
	}
	progress_report(ia->p, ia->total, ia->total);
	return 0;
}

static int
all_body(void *ctx, char **errmsg)
{
	return import_all(ctx, errmsg);
}

int
import_apkg(struct store *st, const struct settings *set,
    const struct import_opts *o, const char *path, const struct progress *p,
    struct apkg_counts *counts, char **errmsg)
{
	struct apkg_counts c = { 0 };
	struct ia ia = { .st = st, .set = set, .o = o, .path = path, .p = p, .c = &c };
	bool ok;

	if (apkg_read(path, &ia.col, &c.media, errmsg) < 0) {
		anki_col_free(&ia.col);
		return -1;
	}
	c.schema = ia.col.schema;
	if (ia.col.nnotes == 0 || ia.col.ncards == 0) {
		anki_col_free(&ia.col);
		return set_error(errmsg, "%s: the package holds no notes: "
					 "nothing to import",
		    path);
	}
	ia.ids = xcalloc(ia.col.ncards, sizeof(*ia.ids));
	/* the cards, then the review log's rows (of which some are left out) */
	ia.total = ia.col.ncards + ia.col.nrevlog;
	ia.im = import_new(st, o);
	import_set_file(ia.im, path);
	ok = import_transaction(st, ia.col.ncards > 5000, all_body, &ia,
		 errmsg) == 0;
	{
		struct deckio_notes held = c.cards.notes;

		c.cards = *import_counts(ia.im);
		c.cards.notes = held;
		c.cards.notes.notes = c.notes;
	}
	if (ok && counts != NULL)
		*counts = c;
	import_free(ia.im);
	free(ia.ids);
	anki_col_free(&ia.col);
	strbuf_free(&ia.front);
	strbuf_free(&ia.back);
	strbuf_free(&ia.q);
	strbuf_free(&ia.a);
	return ok ? 0 : -1;
}
