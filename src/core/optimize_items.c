/* optimize_items.c - the optimizer's training items (see optimize.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/optimize.h"
#include "core/util.h"

static void *
grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	*cap = *cap < 64 ? 64 : *cap;
	while (*cap < need)
		*cap *= 2;
	return xrealloc(p, *cap * size);
}

/*
 * The index of the answer at which the card was last learnt from new: the
 * first of the last run of learning answers.  As fsrs-rs's convertor, a
 * card whose answers hold no learning answer gives nothing (-1).
 */
static long
last_first_learn(const struct opt_answer *a, size_t n)
{
	size_t last = 0;

	for (size_t i = n; i-- > 0;) {
		if (a[i].learning)
			last = i;
		else if (last != 0)
			break;
	}
	return n > 0 && a[last].learning ? (long)last : -1;
}

void
optimize_items_add_card(struct opt_items *it, const struct opt_answer *a,
    size_t n)
{
	long start = last_first_learn(a, n);
	struct opt_card *c;

	it->n_answers += n;
	if (start < 0 || n - (size_t)start < 2)
		return;
	a += start;
	n -= (size_t)start;
	it->cards = grow(it->cards, &it->cap_cards, it->n_cards + 1,
	    sizeof(*it->cards));
	it->reviews = grow(it->reviews, &it->cap_reviews, it->n_reviews + n,
	    sizeof(*it->reviews));
	c = &it->cards[it->n_cards];
	c->first = it->n_reviews;
	c->n = (uint32_t)n;
	for (size_t i = 0; i < n; i++) {
		int64_t d = i == 0 ? 0 : a[i].day - a[i - 1].day;
		struct opt_review *r = &it->reviews[it->n_reviews++];

		r->rating = (uint8_t)a[i].rating;
		r->delta_t = d < 0 ? 0 : d > UINT32_MAX ? UINT32_MAX
		                                        : (uint32_t)d;
		if (i == 0 || r->delta_t == 0)
			continue;
		it->items = grow(it->items, &it->cap_items, it->n_items + 1,
		    sizeof(*it->items));
		it->items[it->n_items++] = (struct opt_item){
			.card = (uint32_t)it->n_cards,
			.pos = (uint32_t)i,
			.time = a[i].time,
		};
	}
	it->n_cards++;
}

static int
by_time(const void *pa, const void *pb)
{
	const struct opt_item *a = pa, *b = pb;

	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	if (a->card != b->card)
		return a->card < b->card ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

void
optimize_items_finish(struct opt_items *it)
{
	if (it->n_items > 1)
		qsort(it->items, it->n_items, sizeof(*it->items), by_time);
}

void
optimize_items_free(struct opt_items *it)
{
	free(it->reviews);
	free(it->cards);
	free(it->items);
	memset(it, 0, sizeof(*it));
}
