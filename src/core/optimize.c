/*
 * optimize.c - the fit of FSRS-6's weights and their evaluation (see
 * optimize.h), as fsrs-rs's compute_parameters and evaluate.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/optimize_private.h"
#include "core/util.h"
#include "core/weights.h"

#define NW FSRS_N_WEIGHTS

void
optimize_default_config(struct opt_config *c, int relearning_steps)
{
	c->relearning_steps = relearning_steps < 1 ? 1 : relearning_steps;
	c->epochs = 5;
	c->batch_size = 512;
	c->learning_rate = 4e-2;
	c->seed = 2023;
}

/* fsrs-rs's recency weight of the item ranked i of n (oldest first). */
static double
recency(size_t i, size_t n)
{
	double len = n > 1 ? (double)(n - 1) : 1;
	double x = (double)i / len;

	return 0.25 + 0.75 * x * x * x;
}

/*
 * Per answer, the weight of its item (0: not an item or not kept): item k
 * of the kept ones, in time order, gets recency(k, kept).  keep may be
 * NULL (every item).
 */
static double *
answer_weights(const struct opt_items *it, const bool *keep, size_t kept)
{
	double *wt = xcalloc(it->n_reviews + 1, sizeof(double));
	size_t k = 0;

	for (size_t i = 0; i < it->n_items; i++) {
		const struct opt_item *x = &it->items[i];

		if (keep != NULL && !keep[x->card])
			continue;
		wt[it->cards[x->card].first + x->pos] = recency(k++, kept);
	}
	return wt;
}

/* fsrs-rs's RMSE(bins): the bin of an item from its interval, its number
 * of answers on distinct days, and its lapses. */
static uint64_t
bin_of(const struct opt_review *r, uint32_t pos)
{
	double dt = r[pos].delta_t;
	unsigned long long tb, lb, pb = 0;
	unsigned lt = 0, lapses = 0;

	for (uint32_t i = 0; i <= pos; i++)
		lt += r[i].delta_t > 0;
	for (uint32_t i = 0; i < pos; i++)
		lapses += r[i].rating == 1 && r[i].delta_t > 0;
	tb = (unsigned long long)llround(
	    2.48 * pow(3.62, floor(log(dt) / log(3.62))) * 100);
	lb = (unsigned long long)llround(
	    1.99 * pow(1.89, floor(log(lt + 1.0) / log(1.89))));
	if (lapses > 0)
		pb = (unsigned long long)llround(
		    1.65 * pow(1.73, floor(log((double)lapses) / log(1.73))));
	return (tb << 24) ^ (lb << 12) ^ pb ^ (UINT64_C(1) << 63);
}

struct bin {
	uint64_t key; /* 0: a free slot (bin_of never gives 0) */
	double pred, actual, count, weight;
};

/* The bins of RMSE(bins): an open-addressing table (there are a few
 * hundred bins, whatever the number of items). */
struct bins {
	struct bin *b;
	size_t cap, n;
};

/* The slot of key in t->b (free or key's); t has a free slot. */
static struct bin *
bins_slot(const struct bins *t, uint64_t key)
{
	size_t j = key % t->cap;

	while (t->b[j].key != 0 && t->b[j].key != key)
		j = (j + 1) % t->cap;
	return &t->b[j];
}

static void
bins_add(struct bins *t, uint64_t key, double pred, double y, double weight)
{
	struct bin *b;

	if (2 * (t->n + 1) > t->cap) {
		struct bins old = *t;

		t->cap = old.cap ? 2 * old.cap : 1024;
		t->b = xcalloc(t->cap, sizeof(*t->b));
		for (size_t i = 0; i < old.cap; i++)
			if (old.b[i].key != 0)
				*bins_slot(t, old.b[i].key) = old.b[i];
		free(old.b);
	}
	b = bins_slot(t, key);
	if (b->key == 0) {
		b->key = key;
		t->n++;
	}
	b->pred += pred;
	b->actual += y;
	b->count += 1;
	b->weight += weight;
}

/* RMSE over the bins, each weighted by its items' weights. */
static double
rmse_bins(const struct bins *t)
{
	double num = 0, den = 0;

	for (size_t i = 0; i < t->cap; i++) {
		const struct bin *b = &t->b[i];

		if (b->key == 0)
			continue;
		num += pow(b->pred / b->count - b->actual / b->count, 2) *
		       b->weight;
		den += b->weight;
	}
	return sqrt(num / den);
}

static const long *rank_ctx;

/* First-interval items by their group's rank, then in time order. */
static int
by_rank(const void *pa, const void *pb)
{
	const struct opt_item *a = *(const struct opt_item *const *)pa;
	const struct opt_item *b = *(const struct opt_item *const *)pb;
	long ra = rank_ctx[a->card], rb = rank_ctx[b->card];

	if (ra != rb)
		return ra < rb ? -1 : 1;
	return a < b ? -1 : a > b;
}

/*
 * The items evaluate scores, in its order, as fsrs-rs's binding prepares
 * them: the first-interval items of the groups kept for the pre-training
 * (by group), then the later items of the cards whose first interval is
 * no outlier (in time order).  Returns their number.
 */
static size_t
evaluation_order(const struct opt_items *it, const struct opt_pretrain *pt,
    const struct opt_item **out)
{
	size_t n = 0;

	for (size_t i = 0; i < it->n_items; i++) {
		const struct opt_item *x = &it->items[i];

		if (x->pos == pt->first_lt[x->card] &&
		    pt->init_rank[x->card] >= 0)
			out[n++] = x;
	}
	rank_ctx = pt->init_rank;
	qsort(out, n, sizeof(*out), by_rank);
	rank_ctx = NULL;
	for (size_t i = 0; i < it->n_items; i++) {
		const struct opt_item *x = &it->items[i];

		if (x->pos > pt->first_lt[x->card] && pt->keep_card[x->card])
			out[n++] = x;
	}
	return n;
}

int
optimize_evaluate(const struct opt_items *it,
    const double w[FSRS_N_WEIGHTS], struct opt_metrics *m)
{
	const struct opt_item **order;
	struct opt_pretrain pt;
	double *pred, loss = 0, wsum = 0;
	struct bins bins = { 0 };
	size_t n;

	opt_pretrain(it, &pt);
	order = xcalloc(it->n_items + 1, sizeof(*order));
	n = evaluation_order(it, &pt, order);
	opt_pretrain_free(&pt);
	if (n == 0) {
		free(order);
		return -1;
	}
	pred = xcalloc(it->n_reviews + 1, sizeof(double));
	for (uint32_t c = 0; c < it->n_cards; c++)
		opt_card_loss(it, c, w, NULL, NULL, pred + it->cards[c].first);
	for (size_t i = 0; i < n; i++) {
		const struct opt_item *x = order[i];
		const struct opt_review *r = it->reviews + it->cards[x->card].first;
		double p = pred[it->cards[x->card].first + x->pos];
		double y = r[x->pos].rating > 1, weight = recency(i, n);

		loss -= weight * (y * log(p) + (1 - y) * log(1 - p));
		wsum += weight;
		bins_add(&bins, bin_of(r, x->pos), p, y, weight);
	}
	m->items = n;
	m->log_loss = loss / wsum;
	m->rmse_bins = rmse_bins(&bins);
	free(bins.b);
	free(pred);
	free(order);
	return 0;
}

double
optimize_loss_grad(const struct opt_items *it,
    const double w[FSRS_N_WEIGHTS], double grad[FSRS_N_WEIGHTS])
{
	double *wt = answer_weights(it, NULL, it->n_items), loss = 0, wsum = 0;

	memset(grad, 0, NW * sizeof(double));
	for (uint32_t c = 0; c < it->n_cards; c++)
		loss += opt_card_loss(it, c, w, wt + it->cards[c].first, grad,
		    NULL);
	for (size_t i = 0; i < it->n_items; i++)
		wsum += recency(i, it->n_items);
	for (int i = 0; i < NW; i++)
		grad[i] /= wsum;
	free(wt);
	return loss / wsum;
}
