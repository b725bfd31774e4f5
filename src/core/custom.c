/*
 * custom.c - the cards of a custom study session: cram, review ahead and
 * a tag's cards of the day; the tags to choose from (custom.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/custom.h"
#include "core/queue.h"
#include "core/timefmt.h"
#include "core/util.h"

/* The walk's state: the rule, and the cards kept with their sort keys. */
struct pick {
	const struct session_custom *c;
	int64_t now, day_start, day_end, ahead_end;
	int64_t new_left;
	struct kept {
		struct custom_card card;
		int group; /* 0 learning, 1 review, 2 new */
		int64_t key;
	} * v;
	size_t n, cap;
};

static void
keep(struct pick *p, const struct card *c, int group, int64_t key)
{
	p->v = xgrow(p->v, &p->cap, p->n, sizeof(*p->v));
	p->v[p->n++] = (struct kept){ { c->id, c->s.state }, group, key };
}

/* Today's queue, as far as one card goes: its group, or -1. */
static int
group_today(const struct pick *p, const struct card *c)
{
	bool interday = c->s.last_review < p->day_start;

	switch (c->s.state) {
	case STATE_NEW:
		return 2;
	case STATE_LEARNING:
	case STATE_RELEARNING:
		if (!interday)
			return c->s.due <= timefmt_add(p->now, QUEUE_LEARN_AHEAD) ? 0 : -1;
		return c->s.due < p->day_end ? 1 : -1;
	case STATE_REVIEW:
		return c->s.due < p->day_end ? 1 : -1;
	}
	return -1;
}

static int
consider(const struct card *c, void *ctx, char **errmsg)
{
	struct pick *p = ctx;
	int g;

	(void)errmsg;
	if (c->suspended || (p->c->tag != NULL && !card_has_tag(c, p->c->tag)))
		return 0;
	if (p->c->cram) {
		keep(p, c, 0, 0);
		return 0;
	}
	if (c->buried_until > p->now)
		return 0;
	if (p->c->ahead > 0) {
		if (c->s.state == STATE_REVIEW && c->s.due < p->ahead_end)
			keep(p, c, 1, c->s.due);
		return 0;
	}
	g = group_today(p, c);
	if (g == 2 && p->new_left-- <= 0)
		return 0;
	/* New cards keep the walk's order: their key is their place. */
	if (g >= 0)
		keep(p, c, g, g == 2 ? (int64_t)p->n : c->s.due);
	return 0;
}

static int
by_group_then_key(const void *a, const void *b)
{
	const struct kept *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return 0;
}

int
custom_pick(struct store *st, const struct settings *set, int64_t deck_id,
    const struct session_custom *c, int64_t now, struct custom_card **out,
    size_t *n, char **errmsg)
{
	struct pick p = { .c = c, .now = now };
	struct queue_counts left;

	*out = NULL;
	*n = 0;
	p.day_start = timefmt_study_day_after(now, 0, set->day_starts_at);
	p.day_end = timefmt_study_day_after(now, 1, set->day_starts_at);
	p.ahead_end = timefmt_study_day_after(now, 1 + (c->ahead > 0 ? c->ahead : 0),
	    set->day_starts_at);
	if (queue_counts_deck(st, set, deck_id, now, &left, errmsg) < 0)
		return -1;
	p.new_left = left.new_cards;
	if (store_cards_foreach(st, deck_id, consider, &p, errmsg) != 0) {
		free(p.v);
		return -1;
	}
	/* A cram list stays in the walk's order (deck, then card id); an
	 * empty one has no array to sort (qsort of a null pointer). */
	if (!c->cram && p.n > 1)
		qsort(p.v, p.n, sizeof(*p.v), by_group_then_key);
	*out = xcalloc(p.n ? p.n : 1, sizeof(**out));
	for (size_t i = 0; i < p.n; i++)
		(*out)[i] = p.v[i].card;
	*n = p.n;
	free(p.v);
	return 0;
}

/* The tags found so far. */
struct tags {
	struct custom_tag *v;
	size_t n, cap;
};

static void
count_tag(struct tags *t, const char *name, size_t len)
{
	for (size_t i = 0; i < t->n; i++)
		if (strlen(t->v[i].name) == len && memcmp(t->v[i].name, name, len) == 0) {
			t->v[i].cards++;
			return;
		}
	t->v = xgrow(t->v, &t->cap, t->n, sizeof(*t->v));
	t->v[t->n++] = (struct custom_tag){ xstrndup(name, len), 1 };
}

static int
tags_of(const struct card *c, void *ctx, char **errmsg)
{
	(void)errmsg;
	if (c->suspended)
		return 0;
	/* as card_has_tag reads them: words apart by spaces and tabs */
	for (const char *p = c->tags; p != NULL && *p != '\0';) {
		size_t len;

		p += strspn(p, " \t");
		len = strcspn(p, " \t");
		if (len > 0)
			count_tag(ctx, p, len);
		p += len;
	}
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct custom_tag *)a)->name,
	    ((const struct custom_tag *)b)->name);
}

int
custom_tags(struct store *st, int64_t deck_id, struct custom_tag **out,
    size_t *n, char **errmsg)
{
	struct tags t = { 0 };

	*out = NULL;
	*n = 0;
	if (store_cards_foreach(st, deck_id, tags_of, &t, errmsg) != 0) {
		custom_tags_free(t.v, t.n);
		return -1;
	}
	if (t.n > 0)
		qsort(t.v, t.n, sizeof(*t.v), by_name);
	*out = t.v;
	*n = t.n;
	return 0;
}

void
custom_tags_free(struct custom_tag *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(t[i].name);
	free(t);
}
