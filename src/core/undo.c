/* undo.c - the changes made to cards, taken back the last one first
 * (undo.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/settings.h"
#include "core/store_search.h"
#include "core/undo.h"
#include "core/util.h"

/* One card of a change: its row before and after (had, has: whether
 * there was one). */
struct undo_card {
	int64_t id;
	bool had, has;
	struct card_row before, after;
};

/* The new-card limit a change raised (key NULL: none): the stored value
 * before and after (NULL: not set), the cards added, the deck's name. */
struct undo_extra {
	char *key, *before, *after, *name;
	int64_t n;
};

struct undo_change {
	enum undo_kind kind;
	bool in_review;
	bool made_decks;   /* the change made decks after last_deck */
	int64_t last_deck; /* the highest deck id before the change */
	int64_t review_id;
	struct undo_extra extra;
	struct undo_card *v;
	size_t n, cap;
};

struct undo_log {
	struct undo_change *v; /* the last change last */
	size_t n, cap;
	struct undo_change open; /* the change being recorded */
	bool recording;
};

static const char *const kind_names[] = {
	[UNDO_ANSWER] = "answer",
	[UNDO_BURY] = "bury",
	[UNDO_UNBURY] = "unbury",
	[UNDO_SUSPEND] = "suspend",
	[UNDO_UNSUSPEND] = "unsuspend",
	[UNDO_FLAG] = "flag",
	[UNDO_UNFLAG] = "unflag",
	[UNDO_EDIT] = "edit",
	[UNDO_DELETE] = "delete",
	[UNDO_MOVE] = "move",
	[UNDO_RESET] = "reset",
	[UNDO_ADD] = "add",
	[UNDO_EXTRA_NEW] = "more new cards",
};

const char *
undo_kind_name(enum undo_kind k)
{
	return kind_names[k];
}

static void
change_free(struct undo_change *ch)
{
	for (size_t i = 0; i < ch->n; i++) {
		if (ch->v[i].had)
			card_clear(&ch->v[i].before.c);
		if (ch->v[i].has)
			card_clear(&ch->v[i].after.c);
	}
	free(ch->v);
	free(ch->extra.key);
	free(ch->extra.before);
	free(ch->extra.after);
	free(ch->extra.name);
	memset(ch, 0, sizeof(*ch));
}

struct undo_log *
undo_log_new(void)
{
	return xcalloc(1, sizeof(struct undo_log));
}

void
undo_log_free(struct undo_log *log)
{
	if (log == NULL)
		return;
	for (size_t i = 0; i < log->n; i++)
		change_free(&log->v[i]);
	change_free(&log->open);
	free(log->v);
	free(log);
}

size_t
undo_log_count(const struct undo_log *log)
{
	return log != NULL ? log->n : 0;
}

static struct undo_card *
add_card(struct undo_change *ch, int64_t id)
{
	struct undo_card *u;

	ch->v = xgrow(ch->v, &ch->cap, ch->n, sizeof(*ch->v));
	u = &ch->v[ch->n++];
	memset(u, 0, sizeof(*u));
	u->id = id;
	return u;
}

/* Whether a change of kind k may make a deck (an add or a move to a new
 * one), which its undo removes again when left empty. */
static bool
makes_decks(enum undo_kind k)
{
	return k == UNDO_ADD || k == UNDO_MOVE;
}

int
undo_begin(struct undo_log *log, struct store *st, enum undo_kind k,
    const int64_t *ids, size_t n, char **errmsg)
{
	if (log == NULL)
		return 0;
	change_free(&log->open);
	log->open.kind = k;
	log->recording = true;
	if (makes_decks(k) &&
	    store_deck_last_id(st, &log->open.last_deck, errmsg) < 0) {
		undo_cancel(log);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		struct undo_card *u = add_card(&log->open, ids[i]);

		if (store_card_row_get(st, ids[i], &u->before, &u->had, errmsg) < 0) {
			undo_cancel(log);
			return -1;
		}
	}
	return 0;
}

void
undo_added(struct undo_log *log, int64_t id)
{
	if (log != NULL && log->recording)
		add_card(&log->open, id);
}

int
undo_extra_new(struct undo_log *log, struct store *st, int64_t deck_id,
    int64_t day, int64_t n, const char *name, char **errmsg)
{
	struct undo_extra *x;

	if (log == NULL || !log->recording)
		return 0;
	x = &log->open.extra;
	x->key = settings_extra_new_key(deck_id, day);
	x->name = xstrdup(name);
	x->n = n;
	if (store_setting_get(st, x->key, &x->before, errmsg) < 0) {
		undo_cancel(log);
		return -1;
	}
	return 0;
}

void
undo_review(struct undo_log *log, int64_t review_id)
{
	if (log != NULL && log->recording)
		log->open.review_id = review_id;
}

void
undo_in_review(struct undo_log *log)
{
	if (log != NULL && log->recording)
		log->open.in_review = true;
}

int
undo_end(struct undo_log *log, struct store *st, char **errmsg)
{
	struct undo_change *ch;
	int64_t last = 0;

	if (log == NULL)
		return 0;
	if (!log->recording)
		die("undo_end without undo_begin");
	ch = &log->open;
	if (makes_decks(ch->kind) &&
	    store_deck_last_id(st, &last, errmsg) < 0) {
		undo_cancel(log);
		return -1;
	}
	ch->made_decks = makes_decks(ch->kind) && last > ch->last_deck;
	if (ch->extra.key != NULL &&
	    store_setting_get(st, ch->extra.key, &ch->extra.after, errmsg) < 0) {
		undo_cancel(log);
		return -1;
	}
	for (size_t i = 0; i < ch->n; i++)
		if (store_card_row_get(st, ch->v[i].id, &ch->v[i].after,
			&ch->v[i].has, errmsg) < 0) {
			undo_cancel(log);
			return -1;
		}
	log->v = xgrow(log->v, &log->cap, log->n, sizeof(*log->v));
	log->v[log->n++] = *ch;
	memset(ch, 0, sizeof(*ch));
	log->recording = false;
	return 0;
}

void
undo_cancel(struct undo_log *log)
{
	if (log == NULL)
		return;
	change_free(&log->open);
	log->recording = false;
}

/* Puts card u back as it was, in the open transaction; UNDO_CHANGED when
 * it is no longer as the change left it. */
static int
undo_card(struct store *st, const struct undo_card *u, char **errmsg)
{
	struct card_row now;
	bool there, same;

	if (store_card_row_get(st, u->id, &now, &there, errmsg) < 0)
		return -1;
	same = there == u->has && (!there || store_card_row_same(&now, &u->after));
	if (there)
		card_clear(&now.c);
	if (!same)
		return UNDO_CHANGED;
	if (!u->had)
		return there ? store_card_remove(st, u->id, errmsg) : 0;
	return store_card_row_put(st, &u->before, there, errmsg);
}

/* Puts the new-card limit back as it was, in the open transaction;
 * UNDO_CHANGED when it is no longer as the change left it. */
static int
undo_limit(struct store *st, const struct undo_extra *x, char **errmsg)
{
	char *now = NULL;
	bool same;

	if (store_setting_get(st, x->key, &now, errmsg) < 0)
		return -1;
	same = now == NULL ? x->after == NULL
	                   : x->after != NULL && strcmp(now, x->after) == 0;
	free(now);
	if (!same)
		return UNDO_CHANGED;
	return store_setting_set(st, x->key, x->before, errmsg);
}

static void
describe(const struct undo_change *ch, struct undo_done *out)
{
	const struct undo_card *u = ch->n > 0 ? &ch->v[0] : NULL;
	const char *q = "";

	memset(out, 0, sizeof(*out));
	out->kind = ch->kind;
	out->in_review = ch->in_review;
	out->n = ch->n;
	out->review_id = ch->review_id;
	out->extra_new = ch->extra.n;
	if (u != NULL) {
		out->card_id = u->id;
		q = u->had ? u->before.c.question : u->has ? u->after.c.question
		                                           : "";
	}
	if (ch->extra.name != NULL)
		q = ch->extra.name;
	out->question = xstrdup(q != NULL ? q : "");
}

int
undo_last(struct undo_log *log, struct store *st, struct undo_done *out,
    char **errmsg)
{
	struct undo_change *ch;
	int rc = 0;

	if (undo_log_count(log) == 0)
		return set_error(errmsg, "nothing to undo");
	ch = &log->v[log->n - 1];
	describe(ch, out);
	if (store_begin(st, errmsg) < 0) {
		rc = -1;
		goto out;
	}
	/* The answer first: a card's row goes back to before it. */
	if (ch->review_id != 0)
		rc = store_review_remove(st, ch->review_id, errmsg);
	for (size_t i = ch->n; i-- > 0 && rc == 0;)
		rc = undo_card(st, &ch->v[i], errmsg);
	if (rc == 0 && ch->extra.key != NULL)
		rc = undo_limit(st, &ch->extra, errmsg);
	/* A deck the change made goes with it when it is left empty. */
	if (rc == 0 && ch->made_decks)
		rc = store_decks_drop_empty_after(st, ch->last_deck, errmsg);
	if (rc == 0)
		rc = store_commit(st, errmsg);
	if (rc != 0)
		store_rollback(st);
out:
	change_free(ch);
	log->n--;
	return rc;
}

void
undo_done_free(struct undo_done *d)
{
	free(d->question);
	d->question = NULL;
}
