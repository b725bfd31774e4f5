#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/custom.h"
#include "core/fsrs.h"
#include "core/leech.h"
#include "core/session.h"
#include "core/store_search.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/undo.h"
#include "core/util.h"

/* One answer of this session that can be taken back. */
struct undo_entry {
	int64_t review_id;
	int64_t card_id;
	enum rating rating;
	int64_t duration;
	long since_new;           /* the session's since_new before the answer */
	enum session_leech leech; /* what the answer made of the card */
	bool untagged;            /* a leech whose tags had no room for "leech" */
	char *old_tags;           /* the tags before a leech's; NULL: unchanged */
};

struct session {
	struct store *st;
	const struct settings *set;
	int64_t deck_id;
	struct card cur;
	bool have_cur;
	struct deck_settings deck; /* the settings of cur's deck */
	struct queue_counts counts;
	long since_new;       /* cards answered since the last new one */
	struct undo_log *log; /* where its changes are recorded, or NULL */
	struct undo_entry *undo;
	size_t n_undo, cap_undo;
	enum session_leech last_leech; /* of the last answer */
	bool last_untagged;            /* and whether it went untagged */
	/* Custom study: the list, the next place in it, and whether answers
	 * are recorded (not when cramming). */
	struct custom_card *list;
	size_t n_list, pos;
	bool custom, cram;
	int reviewed;
	int again;
	int64_t time_spent;
};

/* After a committed change: a failed reading is no failed change. */
static int
committed(int read_status)
{
	return read_status < 0 ? SESSION_STALE : 0;
}

/* The counts of a custom session: what is left of its list from place
 * from (the card shown included). */
static void
list_counts(struct session *se, size_t from)
{
	memset(&se->counts, 0, sizeof(se->counts));
	se->counts.deck_id = se->deck_id;
	for (size_t i = from; i < se->n_list; i++) {
		if (se->list[i].state == STATE_NEW)
			se->counts.new_cards++;
		else if (se->list[i].state == STATE_REVIEW)
			se->counts.review++;
		else
			se->counts.learning++;
	}
}

/* The counts for now; they stay as they were when they cannot be read. */
static int
read_counts(struct session *se, int64_t now, char **errmsg)
{
	struct queue_counts c;

	if (se->custom) {
		list_counts(se, se->have_cur && se->pos > 0 ? se->pos - 1 : se->pos);
		return 0;
	}
	if (queue_counts_deck(se->st, se->set, se->deck_id, now, &c, errmsg) < 0)
		return -1;
	se->counts = c;
	return 0;
}

/* Makes c the current card, with its deck's settings. */
static int
set_current(struct session *se, struct card *c, char **errmsg)
{
	if (settings_load_deck(se->st, se->set, c->deck_id, &se->deck, errmsg) < 0) {
		card_clear(c);
		return -1;
	}
	card_clear(&se->cur);
	se->cur = *c;
	se->have_cur = true;
	return 0;
}

/* The next card of a custom session's list still there to show, or 0. */
static int
list_next(struct session *se, int64_t now, int64_t *id, char **errmsg)
{
	*id = 0;
	while (*id == 0 && se->pos < se->n_list) {
		struct card c;

		if (store_card_get(se->st, se->list[se->pos++].id, &c, errmsg) < 0)
			return -1;
		/* Suspended or buried meanwhile: left out. */
		if (!c.suspended && (se->cram || c.buried_until <= now))
			*id = c.id;
		card_clear(&c);
	}
	list_counts(se, *id != 0 ? se->pos - 1 : se->pos);
	return 0;
}

/* Loads the next card and the counts for now. */
static int
advance(struct session *se, int64_t now, char **errmsg)
{
	int64_t id;

	card_clear(&se->cur);
	se->have_cur = false;
	if (se->custom) {
		if (list_next(se, now, &id, errmsg) < 0)
			return -1;
		if (id == 0)
			return 0;
		{
			struct card c;

			if (store_card_get(se->st, id, &c, errmsg) < 0)
				return -1;
			return set_current(se, &c, errmsg);
		}
	}
	if (queue_next(se->st, se->set, se->deck_id, now, se->since_new, &id,
		errmsg) < 0)
		return -1;
	if (id != 0) {
		struct card c;

		if (store_card_get(se->st, id, &c, errmsg) < 0 ||
		    set_current(se, &c, errmsg) < 0)
			return -1;
	}
	return read_counts(se, now, errmsg);
}

int
session_open(struct store *st, const struct settings *set, int64_t deck_id,
    int64_t now, struct session **out, char **errmsg)
{
	struct session *se = xcalloc(1, sizeof(*se));

	se->st = st;
	se->set = set;
	se->deck_id = deck_id;
	if (advance(se, now, errmsg) < 0) {
		session_free(se);
		*out = NULL;
		return -1;
	}
	*out = se;
	return 0;
}

int
session_open_custom(struct store *st, const struct settings *set,
    int64_t deck_id, const struct session_custom *c, int64_t now,
    struct session **out, char **errmsg)
{
	struct session *se = xcalloc(1, sizeof(*se));

	se->st = st;
	se->set = set;
	se->deck_id = deck_id;
	se->custom = true;
	se->cram = c->cram;
	if (custom_pick(st, set, deck_id, c, now, &se->list, &se->n_list, errmsg) < 0 ||
	    advance(se, now, errmsg) < 0) {
		session_free(se);
		*out = NULL;
		return -1;
	}
	*out = se;
	return 0;
}

bool
session_records(struct session *se)
{
	return !se->cram;
}

void
session_free(struct session *se)
{
	if (se == NULL)
		return;
	card_clear(&se->cur);
	free(se->list);
	for (size_t i = 0; i < se->n_undo; i++)
		free(se->undo[i].old_tags);
	free(se->undo);
	free(se);
}

const struct card *
session_card(struct session *se)
{
	return se->have_cur ? &se->cur : NULL;
}

void
session_counts(struct session *se, struct queue_counts *out)
{
	*out = se->counts;
}

int
session_refresh(struct session *se, int64_t now, char **errmsg)
{
	/* A card on screen stays there: only an empty session looks again. */
	if (se->have_cur)
		return read_counts(se, now, errmsg);
	return advance(se, now, errmsg);
}

/* Answers are recorded at strictly increasing times per card, even when
 * the clock is frozen (REHEARSE_NOW) or stepped back; the time stays in
 * the valid range, and a last review outside it (from a collection written
 * before the range was enforced) orders nothing. */
static int64_t
answer_time(const struct sched *s, int64_t now)
{
	if (!timefmt_valid(s->last_review) || now > s->last_review)
		return timefmt_clamp(now);
	return timefmt_add(s->last_review, 1);
}

static void
next_state(struct session *se, const struct sched *s, int64_t t, enum rating r,
    struct sched *out)
{
	queue_next_state(&se->deck.set.fsrs, se->set->day_starts_at, s, t, r, out);
}

void
session_preview(struct session *se, int64_t now, int64_t due[4])
{
	struct sched next;
	int64_t t;

	if (!se->have_cur) {
		memset(due, 0, 4 * sizeof(*due));
		return;
	}
	t = answer_time(&se->cur.s, now);
	for (int r = RATING_AGAIN; r <= RATING_EASY; r++) {
		next_state(se, &se->cur.s, t, (enum rating)r, &next);
		due[r - 1] = next.due;
	}
}

/* Whether the stored card is no longer the one shown: another rehearse
 * answered, rescheduled, suspended or buried it meanwhile. */
static bool
changed_since_shown(const struct card *shown, const struct card *now)
{
	const struct sched *a = &shown->s, *b = &now->s;

	return a->state != b->state || a->due != b->due ||
	       a->last_review != b->last_review || a->reps != b->reps ||
	       a->lapses != b->lapses || a->learning_step != b->learning_step ||
	       shown->suspended != now->suspended ||
	       shown->buried_until != now->buried_until;
}

/* Makes c a leech inside the answer's transaction; u records what to
 * take back. */
static int
make_leech(struct session *se, const struct card *c, int64_t now,
    struct undo_entry *u, char **errmsg)
{
	bool suspended;

	if (leech_make(se->st, c, se->deck.set.leech_action, now, &u->old_tags,
		&suspended, errmsg) < 0)
		return -1;
	u->leech = suspended ? SESSION_LEECH_SUSPENDED : SESSION_LEECH_TAGGED;
	u->untagged = u->old_tags == NULL && !card_has_tag(c, "leech");
	return 0;
}

void
session_set_undo(struct session *se, struct undo_log *log)
{
	se->log = se->cram ? NULL : log;
}

/* Starts recording a change of kind k to the current card, made here. */
static int
record(struct session *se, enum undo_kind k, char **errmsg)
{
	if (undo_begin(se->log, se->st, k, &se->cur.id, 1, errmsg) < 0)
		return -1;
	undo_in_review(se->log);
	return 0;
}

/* Runs change on the current card in a transaction of its own, recorded
 * as a change of kind k. */
static int
recorded(struct session *se, enum undo_kind k,
    int (*change)(struct session *se, int64_t arg, char **errmsg), int64_t arg,
    char **errmsg)
{
	if (store_begin(se->st, errmsg) < 0)
		return -1;
	if (record(se, k, errmsg) < 0 || change(se, arg, errmsg) < 0 ||
	    undo_end(se->log, se->st, errmsg) < 0 ||
	    store_commit(se->st, errmsg) < 0) {
		undo_cancel(se->log);
		store_rollback(se->st);
		return -1;
	}
	return 0;
}

int
session_answer(struct session *se, enum rating r, int64_t now, int64_t duration,
    char **errmsg)
{
	struct card fresh;
	struct review rev;
	struct sched after;
	struct undo_entry u = { 0 };

	if (!se->have_cur)
		return set_error(errmsg, "no card to answer");
	if (r < RATING_AGAIN || r > RATING_EASY)
		return set_error(errmsg, "no such answer: %d", (int)r);
	if (se->cram) {
		/* A preview: the card moves on, nothing is kept. */
		se->reviewed++;
		se->again += r == RATING_AGAIN;
		se->time_spent += review_duration(duration);
		return committed(advance(se, now, errmsg));
	}
	if (store_begin(se->st, errmsg) < 0)
		return -1;
	/* Read the card again inside the transaction: another rehearse on
	 * the same collection may have answered it meanwhile. */
	if (record(se, UNDO_ANSWER, errmsg) < 0 ||
	    store_card_get(se->st, se->cur.id, &fresh, errmsg) < 0)
		goto fail;
	if (changed_since_shown(&se->cur, &fresh)) {
		card_clear(&fresh);
		undo_cancel(se->log);
		store_rollback(se->st);
		/* Moving on failing leaves no current card: nothing was
		 * recorded either way. */
		if (advance(se, now, errmsg) < 0)
			return -1;
		return SESSION_CHANGED;
	}
	memset(&rev, 0, sizeof(rev));
	rev.card_id = fresh.id;
	rev.time = answer_time(&fresh.s, now);
	rev.rating = r;
	rev.state = fresh.s.state;
	rev.duration = review_duration(duration);
	rev.before = fresh.s;
	next_state(se, &fresh.s, rev.time, r, &after);
	if (store_answer(se->st, &rev, &after, errmsg) < 0 ||
	    (leech_reached(se->deck.set.leech_threshold, &fresh.s, &after) &&
		make_leech(se, &fresh, rev.time, &u, errmsg) < 0) ||
	    (undo_review(se->log, rev.id), undo_end(se->log, se->st, errmsg)) < 0 ||
	    store_commit(se->st, errmsg) < 0) {
		card_clear(&fresh);
		free(u.old_tags);
		goto fail;
	}
	card_clear(&fresh);
	if (se->n_undo == se->cap_undo) {
		se->cap_undo = se->cap_undo ? se->cap_undo * 2 : 32;
		se->undo = xrealloc(se->undo, se->cap_undo * sizeof(*se->undo));
	}
	u.review_id = rev.id;
	u.card_id = rev.card_id;
	u.rating = r;
	u.duration = rev.duration;
	u.since_new = se->since_new;
	se->undo[se->n_undo++] = u;
	se->last_leech = u.leech;
	se->last_untagged = u.untagged;
	se->reviewed++;
	se->again += r == RATING_AGAIN;
	se->time_spent += rev.duration;
	se->since_new = rev.state == STATE_NEW ? 0 : se->since_new + 1;
	return committed(advance(se, now, errmsg));
fail:
	undo_cancel(se->log);
	store_rollback(se->st);
	return -1;
}

enum session_leech
session_last_leech(struct session *se)
{
	return se->last_leech;
}

bool
session_last_leech_untagged(struct session *se)
{
	return se->last_leech != SESSION_LEECH_NONE && se->last_untagged;
}

bool
session_can_undo(struct session *se)
{
	return se->n_undo > 0;
}

/* Takes back what the answer of u made of a leech: its tag and its
 * suspension. */
static int
undo_leech(struct session *se, const struct undo_entry *u, int64_t now,
    char **errmsg)
{
	struct card c;
	int rc = 0;

	if (u->leech == SESSION_LEECH_NONE)
		return 0;
	if (store_card_get(se->st, u->card_id, &c, errmsg) < 0)
		return -1;
	if (u->old_tags != NULL) {
		c.tags = u->old_tags;
		rc = store_card_update_text(se->st, &c, now, NULL, errmsg);
	}
	if (rc == 0 && u->leech == SESSION_LEECH_SUSPENDED)
		rc = store_card_set_suspended(se->st, u->card_id, false, errmsg);
	card_clear(&c);
	return rc;
}

int
session_undo(struct session *se, int64_t now, char **errmsg)
{
	struct undo_entry *u;
	struct card restored;

	if (se->n_undo == 0)
		return set_error(errmsg, "nothing to undo");
	u = &se->undo[se->n_undo - 1];
	if (undo_leech(se, u, now, errmsg) < 0 ||
	    store_undo(se->st, u->review_id, &restored, errmsg) < 0)
		return -1;
	free(u->old_tags);
	se->last_leech = SESSION_LEECH_NONE;
	se->n_undo--;
	se->reviewed--;
	se->again -= u->rating == RATING_AGAIN;
	se->time_spent -= u->duration;
	se->since_new = u->since_new;
	if (set_current(se, &restored, errmsg) < 0) {
		card_clear(&se->cur);
		se->have_cur = false;
		return SESSION_STALE;
	}
	return committed(read_counts(se, now, errmsg));
}

static int
bury_cur(struct session *se, int64_t until, char **errmsg)
{
	return store_card_set_buried(se->st, se->cur.id, until, errmsg);
}

static int
suspend_cur(struct session *se, int64_t on, char **errmsg)
{
	return store_card_set_suspended(se->st, se->cur.id, on != 0, errmsg);
}

static int
flag_cur(struct session *se, int64_t on, char **errmsg)
{
	return store_card_set_flagged(se->st, se->cur.id, on != 0, errmsg);
}

int
session_undone(struct session *se, int64_t card_id, int64_t review_id,
    bool back, int64_t now, char **errmsg)
{
	struct card_row r;

	if (se->n_undo > 0 && review_id != 0 &&
	    se->undo[se->n_undo - 1].review_id == review_id) {
		struct undo_entry *u = &se->undo[--se->n_undo];

		free(u->old_tags);
		se->last_leech = SESSION_LEECH_NONE;
		se->reviewed--;
		se->again -= u->rating == RATING_AGAIN;
		se->time_spent -= u->duration;
		se->since_new = u->since_new;
	}
	if (card_id != 0 && (back || (se->have_cur && se->cur.id == card_id))) {
		bool found = false;

		if (store_card_row_get(se->st, card_id, &r, &found, errmsg) < 0)
			return -1;
		/* A card of another deck, or one no longer there, stays out. */
		if (found && (se->deck_id == 0 || r.c.deck_id == se->deck_id)) {
			if (set_current(se, &r.c, errmsg) < 0)
				return -1;
		} else {
			if (found)
				card_clear(&r.c);
			if (se->have_cur && se->cur.id == card_id)
				return advance(se, now, errmsg);
		}
	}
	return session_refresh(se, now, errmsg);
}

int
session_bury(struct session *se, int64_t now, char **errmsg)
{
	if (!se->have_cur)
		return set_error(errmsg, "no card to bury");
	if (recorded(se, UNDO_BURY, bury_cur,
		timefmt_study_day_after(now, 1, se->set->day_starts_at),
		errmsg) < 0)
		return -1;
	return committed(advance(se, now, errmsg));
}

int
session_suspend(struct session *se, int64_t now, char **errmsg)
{
	if (!se->have_cur)
		return set_error(errmsg, "no card to suspend");
	if (recorded(se, UNDO_SUSPEND, suspend_cur, 1, errmsg) < 0)
		return -1;
	return committed(advance(se, now, errmsg));
}

int
session_toggle_flag(struct session *se, char **errmsg)
{
	bool on = !se->cur.flagged;

	if (!se->have_cur)
		return set_error(errmsg, "no card to flag");
	if (recorded(se, on ? UNDO_FLAG : UNDO_UNFLAG, flag_cur, on, errmsg) < 0)
		return -1;
	se->cur.flagged = on;
	return 0;
}

int
session_edit(struct session *se, const char *question, const char *answer,
    const char *tips, const char *tags, int64_t now, char **errmsg)
{
	struct card c;
	char *joined;
	int rc;

	if (!se->have_cur)
		return set_error(errmsg, "no card to edit");
	if (question == NULL || question[strspn(question, " \t\r\n")] == '\0')
		return set_error(errmsg, "a card needs a question; nothing changed");
	if (!utf8_valid(question, strlen(question), NULL) ||
	    !utf8_valid(answer, strlen(answer), NULL) ||
	    !utf8_valid(tips, strlen(tips), NULL) ||
	    !utf8_valid(tags, strlen(tags), NULL))
		return set_error(errmsg, "the text is not valid UTF-8; nothing changed");
	memset(&c, 0, sizeof(c));
	c.id = se->cur.id;
	c.deck_id = se->cur.deck_id;
	c.question = question;
	c.answer = answer;
	c.tips = tips;
	c.tags = joined = text_join_words(tags);
	/* The flag asks for an edit; the edit answers it. */
	rc = store_begin(se->st, errmsg);
	if (rc == 0)
		rc = record(se, UNDO_EDIT, errmsg);
	if (rc == 0)
		rc = store_card_update_text(se->st, &c, now, NULL, errmsg);
	if (rc == 0)
		rc = store_card_set_flagged(se->st, c.id, false, errmsg);
	if (rc == 0)
		rc = undo_end(se->log, se->st, errmsg);
	if (rc == 0)
		rc = store_commit(se->st, errmsg);
	if (rc < 0) {
		undo_cancel(se->log);
		store_rollback(se->st);
	}
	free(joined);
	if (rc < 0)
		return -1;
	/* c borrowed the caller's strings: read the stored card into it afresh. */
	if (store_card_get(se->st, se->cur.id, &c, errmsg) < 0)
		return SESSION_STALE;
	card_clear(&se->cur);
	se->cur = c;
	return 0;
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The different cards the answers of the session went to. */
static int
cards_answered(const struct session *se)
{
	int64_t *ids;
	int n = 0;

	if (se->n_undo == 0)
		return 0;
	ids = xcalloc(se->n_undo, sizeof(*ids));
	for (size_t i = 0; i < se->n_undo; i++)
		ids[i] = se->undo[i].card_id;
	qsort(ids, se->n_undo, sizeof(*ids), cmp_id);
	for (size_t i = 0; i < se->n_undo; i++)
		n += i == 0 || ids[i] != ids[i - 1];
	free(ids);
	return n;
}

int
session_summary(struct session *se, int64_t now, struct session_summary *out,
    char **errmsg)
{
	memset(out, 0, sizeof(*out));
	out->reviewed = se->reviewed;
	/* A cram list shows each card once, and keeps no undo. */
	out->cards = se->cram ? se->reviewed : cards_answered(se);
	out->again = se->again;
	out->time_spent = se->time_spent;
	return queue_next_due(se->st, se->set, se->deck_id, now, &out->next_due,
	    errmsg);
}
