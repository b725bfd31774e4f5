/*
 * interview_session.c - a mock interview over the collection: the
 * questions chosen when it opens, each rating recorded as a review of its
 * card with the answer beside it, and the ratings taken back last first.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/areas.h"
#include "core/fsrs.h"
#include "core/interview.h"
#include "core/queue.h"
#include "core/timefmt.h"
#include "core/util.h"

/* What a rating left, to take it back. */
struct rated {
	int64_t answer_id, review_id, spoken;
	char *note;
};

struct interview {
	struct store *st;
	const struct settings *set;
	struct store_interview rec; /* rec.id 0 until the first rating */
	struct card *cards;         /* the questions, in the order asked */
	size_t n;
	struct rated *rated; /* one per question rated: rated[i] is cards[i]'s */
	size_t nrated;
};

/* The candidates of ids at now into *out (an array), with the cards read. */
static int
candidates(struct interview *iv, const int64_t *ids, size_t n, int64_t now,
    struct card *cards, struct interview_candidate *out, char **errmsg)
{
	char **names = NULL;
	size_t nnames = 0;
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = store_card_get(iv->st, ids[i], &cards[i], errmsg);
		if (rc == 0)
			interview_candidate(&cards[i], iv->set, now,
			    interview_areas_mask(cards[i].tags, &names, &nnames),
			    &out[i]);
	}
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* Chooses want questions of deck_id at now into iv->cards. */
static int
choose(struct interview *iv, int64_t deck_id, size_t want, int64_t now,
    char **errmsg)
{
	int64_t *ids;
	size_t n, *picked;
	struct card *all;
	struct interview_candidate *c;
	int rc;

	if (store_interview_questions(iv->st, deck_id, now, &ids, &n, errmsg) < 0)
		return -1;
	all = xcalloc(n + 1, sizeof(*all));
	c = xcalloc(n + 1, sizeof(*c));
	picked = xcalloc(want + 1, sizeof(*picked));
	rc = candidates(iv, ids, n, now, all, c, errmsg);
	if (rc == 0) {
		iv->n = interview_choose(c, n, want, picked);
		iv->cards = xcalloc(iv->n + 1, sizeof(*iv->cards));
		/* c is sorted now: find each chosen card by id */
		for (size_t k = 0; k < iv->n; k++)
			for (size_t i = 0; i < n; i++)
				if (all[i].id == c[picked[k]].card_id) {
					iv->cards[k] = all[i];
					all[i].storage = NULL;
				}
	}
	for (size_t i = 0; i < n; i++)
		card_clear(&all[i]);
	free(all);
	free(c);
	free(picked);
	free(ids);
	return rc;
}

int
interview_open(struct store *st, const struct settings *set, int64_t deck_id,
    const char *deck, int questions, int64_t answer_ms, int64_t now,
    struct interview **out, char **errmsg)
{
	struct interview *iv = xcalloc(1, sizeof(*iv));

	*out = NULL;
	iv->st = st;
	iv->set = set;
	iv->rec.started = now;
	iv->rec.deck = deck != NULL ? xstrdup(deck) : NULL;
	iv->rec.planned = questions > 0 ? questions : INTERVIEW_DEFAULT_QUESTIONS;
	iv->rec.answer_time = answer_ms;
	if (choose(iv, deck_id, (size_t)iv->rec.planned, now, errmsg) < 0) {
		interview_free(iv);
		return -1;
	}
	/* fewer questions to ask than asked for: the interview has those */
	if (iv->n > 0 && iv->n < (size_t)iv->rec.planned)
		iv->rec.planned = (int)iv->n;
	iv->rated = xcalloc(iv->n + 1, sizeof(*iv->rated));
	*out = iv;
	return 0;
}

void
interview_free(struct interview *iv)
{
	if (iv == NULL)
		return;
	for (size_t i = 0; i < iv->n; i++)
		card_clear(&iv->cards[i]);
	for (size_t i = 0; i < iv->nrated; i++)
		free(iv->rated[i].note);
	free(iv->cards);
	free(iv->rated);
	free(iv->rec.deck);
	free(iv);
}

size_t
interview_count(const struct interview *iv)
{
	return iv->n;
}

size_t
interview_rated(const struct interview *iv)
{
	return iv->nrated;
}

int64_t
interview_answer_time(const struct interview *iv)
{
	return iv->rec.answer_time;
}

const struct card *
interview_card(const struct interview *iv)
{
	return iv->nrated < iv->n ? &iv->cards[iv->nrated] : NULL;
}

int64_t
interview_id(const struct interview *iv)
{
	return iv->rec.id;
}

/*
 * The review of card c rated r at now, as a review session records one
 * (answers of a card at strictly increasing times, in the valid range):
 * into *rev, and the card's state after it into *after.
 */
static void
review_of(const struct interview *iv, const struct card *c, enum rating r,
    int64_t now, int64_t spoken, struct review *rev, struct sched *after)
{
	int64_t t = timefmt_valid(c->s.last_review) && now <= c->s.last_review
	                ? timefmt_add(c->s.last_review, 1)
	                : timefmt_clamp(now);

	memset(rev, 0, sizeof(*rev));
	rev->card_id = c->id;
	rev->time = t;
	rev->rating = r;
	rev->state = c->s.state;
	rev->duration = review_duration(spoken);
	rev->before = c->s;
	/* an early review when the card is not due: FSRS takes the days
	 * actually elapsed */
	fsrs_next(&iv->set->fsrs, &c->s, t,
	    queue_elapsed_days(c->s.last_review, t, iv->set->day_starts_at), r,
	    after);
	after->due = timefmt_clamp(after->due);
}

/* The writes of a rating, inside the caller's transaction. */
static int
record(struct interview *iv, const struct card *fresh, enum rating r,
    int64_t spoken, const char *note, int64_t now, struct rated *out,
    char **errmsg)
{
	struct store_interview_answer a = { 0 };
	struct review rev;
	struct sched after;
	int rc;

	if (iv->rec.id == 0 && store_interview_add(iv->st, &iv->rec, errmsg) < 0)
		return -1;
	review_of(iv, fresh, r, now, spoken, &rev, &after);
	if (store_answer(iv->st, &rev, &after, errmsg) < 0)
		return -1;
	a.interview_id = iv->rec.id;
	a.position = (int)iv->nrated + 1;
	a.card_id = fresh->id;
	a.review_id = rev.id;
	a.answered = rev.time;
	a.spoken = rev.duration;
	a.rating = (int)r;
	a.note = (char *)(note != NULL ? note : "");
	a.areas = areas_list(fresh->tags);
	rc = store_interview_answer_add(iv->st, &a, errmsg);
	free(a.areas);
	*out = (struct rated){ a.id, rev.id, rev.duration, xstrdup(a.note) };
	return rc;
}

int
interview_rate(struct interview *iv, enum rating r, int64_t spoken,
    const char *note, int64_t now, char **errmsg)
{
	struct card fresh;
	struct rated done;
	int64_t id = iv->rec.id;

	if (iv->nrated >= iv->n)
		return set_error(errmsg, "no question to rate");
	if (r < RATING_AGAIN || r > RATING_EASY)
		return set_error(errmsg, "no such rating: %d", (int)r);
	if (store_begin(iv->st, errmsg) < 0)
		return -1;
	/* the card as it is now: another rehearse may have answered it */
	if (store_card_get(iv->st, iv->cards[iv->nrated].id, &fresh, errmsg) < 0)
		goto fail;
	memset(&done, 0, sizeof(done));
	if (record(iv, &fresh, r, spoken, note, now, &done, errmsg) < 0 ||
	    store_commit(iv->st, errmsg) < 0) {
		free(done.note);
		card_clear(&fresh);
		goto fail;
	}
	card_clear(&fresh);
	iv->rated[iv->nrated++] = done;
	return 0;
fail:
	store_rollback(iv->st);
	iv->rec.id = id;
	return -1;
}

bool
interview_can_undo(const struct interview *iv)
{
	return iv->nrated > 0;
}

/* The undoing of the last rating's writes, inside the caller's
 * transaction; the card comes back into *card. */
static int
unrecord(struct interview *iv, const struct rated *u, struct card *card,
    char **errmsg)
{
	if (store_undo(iv->st, u->review_id, card, errmsg) < 0 ||
	    store_interview_answer_delete(iv->st, u->answer_id, errmsg) < 0)
		return -1;
	if (iv->nrated == 1 &&
	    store_interview_delete(iv->st, iv->rec.id, errmsg) < 0)
		return -1;
	return 0;
}

int
interview_undo(struct interview *iv, int64_t *spoken, char **note,
    char **errmsg)
{
	struct rated *u;
	struct card card;

	if (iv->nrated == 0)
		return set_error(errmsg, "nothing to undo");
	u = &iv->rated[iv->nrated - 1];
	memset(&card, 0, sizeof(card));
	if (store_begin(iv->st, errmsg) < 0)
		return -1;
	if (unrecord(iv, u, &card, errmsg) < 0 || store_commit(iv->st, errmsg) < 0) {
		card_clear(&card);
		store_rollback(iv->st);
		return -1;
	}
	iv->nrated--;
	if (iv->nrated == 0)
		iv->rec.id = 0;
	/* the card's state from before the rating, its text as now */
	card_clear(&iv->cards[iv->nrated]);
	iv->cards[iv->nrated] = card;
	if (spoken != NULL)
		*spoken = u->spoken;
	if (note != NULL)
		*note = u->note;
	else
		free(u->note);
	u->note = NULL;
	return 0;
}
