/*
 * optimize_fit.c - the descent of optimize_fit (see optimize.h): fsrs-rs's
 * training, with batches of whole cards so that each card's answers are
 * run through the model once per batch.
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
/* fsrs-rs's longest item: items with more answers are not trained on. */
#define MAX_SEQ_LEN 256

static const double params_stddev[NW] = {
	6.43,
	9.66,
	17.58,
	27.85,
	0.57,
	0.28,
	0.6,
	0.12,
	0.39,
	0.18,
	0.33,
	0.3,
	0.09,
	0.16,
	0.57,
	0.25,
	1.03,
	0.31,
	0.32,
	0.14,
	0.27,
};

/* A batch: cards batch_cards[first .. first + n - 1], `items` items. */
struct batch {
	size_t first, n, items;
};

struct trainer {
	const struct opt_items *it;
	const struct opt_config *c;
	double *weight;  /* per answer: its item's weight, 0 if none */
	uint32_t *cards; /* the cards trained on, batch by batch */
	size_t *n_items; /* per card: its items trained on */
	struct batch *batches;
	size_t n_batches, total;
	double init[NW];
};

/* splitmix64: the batch order's random numbers. */
static uint64_t
next_random(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Weights of the kept items (recency over the kept, in time order), the
 * long ones then dropped; counts the items of each card. */
static void
weigh_items(struct trainer *t, const struct opt_pretrain *pt)
{
	const struct opt_items *it = t->it;
	size_t k = 0;

	t->weight = xcalloc(it->n_reviews + 1, sizeof(double));
	t->n_items = xcalloc(it->n_cards + 1, sizeof(size_t));
	for (size_t i = 0; i < it->n_items; i++) {
		const struct opt_item *x = &it->items[i];
		double len = pt->n_train > 1 ? (double)(pt->n_train - 1) : 1;
		double r;

		if (!pt->keep_card[x->card])
			continue;
		r = (double)k++ / len;
		if (x->pos + 1 > MAX_SEQ_LEN)
			continue;
		t->weight[it->cards[x->card].first + x->pos] =
		    0.25 + 0.75 * r * r * r;
		t->n_items[x->card]++;
		t->total++;
	}
}

static const struct trainer *sort_ctx;

/* Cards by their number of answers, then by index. */
static int
by_length(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	uint32_t la = sort_ctx->it->cards[a].n, lb = sort_ctx->it->cards[b].n;

	if (la != lb)
		return la < lb ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* Cards with items, shortest first, cut into batches of about batch_size
 * items (a card is never split). */
static void
make_batches(struct trainer *t)
{
	const struct opt_items *it = t->it;
	size_t n = 0, cap = 0;

	t->cards = xcalloc(it->n_cards + 1, sizeof(uint32_t));
	for (uint32_t c = 0; c < it->n_cards; c++)
		if (t->n_items[c] > 0)
			t->cards[n++] = c;
	sort_ctx = t;
	qsort(t->cards, n, sizeof(uint32_t), by_length);
	sort_ctx = NULL;
	for (size_t i = 0; i < n; i++) {
		size_t items = t->n_items[t->cards[i]];
		struct batch *b = t->n_batches ? &t->batches[t->n_batches - 1]
		                               : NULL;

		if (b == NULL || b->items + items > (size_t)t->c->batch_size) {
			t->batches = xgrow(t->batches, &cap, t->n_batches,
			    sizeof(*t->batches));
			b = &t->batches[t->n_batches++];
			*b = (struct batch){ .first = i };
		}
		b->n++;
		b->items += items;
	}
}

/* The batch's summed loss gradient, plus the pull toward the start. */
static void
batch_grad(const struct trainer *t, const struct batch *b,
    const double w[NW], double grad[NW])
{
	double scale = (double)b->items / (double)t->total;

	memset(grad, 0, NW * sizeof(double));
	for (size_t i = b->first; i < b->first + b->n; i++) {
		uint32_t c = t->cards[i];

		opt_card_loss(t->it, c, w, t->weight + t->it->cards[c].first,
		    grad, NULL);
	}
	for (int i = 0; i < NW; i++)
		grad[i] += 2 * (w[i] - t->init[i]) /
		           (params_stddev[i] * params_stddev[i]) * scale;
}

struct adam {
	double m[NW], v[NW];
	int t;
};

static void
adam_step(struct adam *a, double w[NW], const double grad[NW], double lr)
{
	const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
	double c1, c2;

	a->t++;
	c1 = 1 - pow(b1, a->t);
	c2 = 1 - pow(b2, a->t);
	for (int i = 0; i < NW; i++) {
		a->m[i] = b1 * a->m[i] + (1 - b1) * grad[i];
		a->v[i] = b2 * a->v[i] + (1 - b2) * grad[i] * grad[i];
		w[i] -= lr * (a->m[i] / c1) / (sqrt(a->v[i] / c2) + eps);
	}
}

/* The cosine learning rate of step k (0-based) of t_max. */
static double
cosine_lr(double lr0, double k, double t_max)
{
	return lr0 * (1 + cos(M_PI * k / t_max)) / 2;
}

static void
descend(struct trainer *t, const struct progress *progress, double w[NW])
{
	const struct opt_config *c = t->c;
	size_t *order = xcalloc(t->n_batches + 1, sizeof(size_t));
	double t_max = (double)((t->total / (size_t)c->batch_size + 1) *
				(size_t)c->epochs);
	uint64_t rng = c->seed, step = 0, steps = t->n_batches * (uint64_t)c->epochs;
	struct adam adam = { 0 };

	for (int e = 0; e < c->epochs; e++) {
		for (size_t i = 0; i < t->n_batches; i++)
			order[i] = i;
		for (size_t i = t->n_batches; i > 1; i--) {
			size_t j = (size_t)(next_random(&rng) % i), tmp = order[i - 1];

			order[i - 1] = order[j];
			order[j] = tmp;
		}
		for (size_t i = 0; i < t->n_batches; i++) {
			double grad[NW];

			batch_grad(t, &t->batches[order[i]], w, grad);
			adam_step(&adam, w, grad,
			    cosine_lr(c->learning_rate, (double)step, t_max));
			opt_clip(w, c->relearning_steps);
			progress_report(progress, ++step, steps);
		}
	}
	free(order);
}

enum opt_outcome
optimize_fit(const struct opt_items *it, const struct opt_config *c,
    const struct progress *progress, double w[FSRS_N_WEIGHTS])
{
	struct opt_pretrain pt;
	struct trainer t = { .it = it, .c = c };
	struct fsrs_params def;
	enum opt_outcome out = OPT_FITTED;

	fsrs_default_params(&def);
	memcpy(w, def.w, sizeof(def.w));
	opt_pretrain(it, &pt);
	if (pt.n_train < 8 || !pt.have_init) {
		opt_pretrain_free(&pt);
		return OPT_TOO_FEW;
	}
	memcpy(w, pt.init_s, sizeof(pt.init_s));
	if (pt.n_train == pt.n_init || pt.n_train < 64) {
		out = OPT_PRETRAINED;
	} else {
		bool present[4];

		memcpy(t.init, w, sizeof(t.init));
		weigh_items(&t, &pt);
		make_batches(&t);
		descend(&t, progress, w);
		for (int r = 0; r < 4; r++)
			present[r] = pt.rating_count[r + 1] > 0;
		opt_smooth_and_fill(w, present, pt.rating_count);
	}
	weights_round(w);
	free(t.weight);
	free(t.n_items);
	free(t.cards);
	free(t.batches);
	opt_pretrain_free(&pt);
	return out;
}
