/*
 * optimize_pretrain.c - before the descent, as fsrs-rs does it: the items
 * whose first interval is an outlier for their first rating are left out,
 * and the four initial stabilities are fitted to the recall after the
 * first interval, one first rating at a time.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/optimize_private.h"
#include "core/util.h"

/* Items whose answer is the card's first on a later day (a first
 * interval), by first rating and interval. */
struct group {
	int rating;
	uint32_t delta_t;
	size_t count, recalled;
	bool keep; /* kept for the pre-training */
	bool removed;
};

struct groups {
	struct group *g;
	size_t n, cap;
};

static struct group *
group_of(struct groups *gs, int rating, uint32_t delta_t)
{
	for (size_t i = 0; i < gs->n; i++)
		if (gs->g[i].rating == rating && gs->g[i].delta_t == delta_t)
			return &gs->g[i];
	gs->g = xgrow(gs->g, &gs->cap, gs->n, sizeof(*gs->g));
	gs->g[gs->n] = (struct group){ .rating = rating, .delta_t = delta_t };
	return &gs->g[gs->n++];
}

/* The index in the card of its first answer on a later day (0: none). */
static uint32_t
first_long_term(const struct opt_items *it, uint32_t c)
{
	const struct opt_review *r = it->reviews + it->cards[c].first;

	for (uint32_t i = 1; i < it->cards[c].n; i++)
		if (r[i].delta_t > 0)
			return i;
	return 0;
}

/* fsrs-rs's order within a rating, walked backwards: fewest first, then
 * the shorter interval first. */
static int
by_count(const void *pa, const void *pb)
{
	const struct group *a = pa, *b = pb;

	if (a->rating != b->rating)
		return a->rating - b->rating;
	if (a->count != b->count)
		return a->count < b->count ? -1 : 1;
	return a->delta_t < b->delta_t ? -1 : a->delta_t > b->delta_t;
}

/* Marks each group kept for the pre-training, or removed (an outlier). */
static void
judge_groups(struct groups *gs)
{
	if (gs->n > 1)
		qsort(gs->g, gs->n, sizeof(*gs->g), by_count);
	for (size_t i = 0; i < gs->n;) {
		size_t j = i, total = 0, removed = 0;

		while (j < gs->n && gs->g[j].rating == gs->g[i].rating)
			total += gs->g[j++].count;
		for (size_t k = i; k < j; k++) {
			struct group *g = &gs->g[k];
			size_t limit = total / 20 > 20 ? total / 20 : 20;

			if (removed + g->count >= limit) {
				g->keep = g->count >= 6 &&
				          g->delta_t <= (g->rating != 4 ? 100u : 365u);
				g->removed = !g->keep;
			} else {
				removed += g->count;
				g->removed = true;
			}
		}
		i = j;
	}
}

/* The pre-training's loss of initial stability s for one rating. */
static double
init_loss(const struct group *g, size_t n, double avg, double s, double def)
{
	double decay = -0.1542, factor = pow(0.9, 1 / decay) - 1, loss = 0;

	for (size_t i = 0; i < n; i++) {
		double y = pow(g[i].delta_t / s * factor + 1, decay);
		double real = (double)g[i].recalled / (double)g[i].count;
		double rc = (real * (double)g[i].count + avg) /
		            ((double)g[i].count + 1);

		loss -= (rc * log(y) + (1 - rc) * log(1 - y)) * (double)g[i].count;
	}
	return loss + fabs(s - def) / 16;
}

/* Ternary search of the initial stability of one rating's groups. */
static double
search_s0(const struct group *g, size_t n, double avg, double def)
{
	double lo = OPT_S_MIN, hi = OPT_INIT_S_MAX, best = def;

	for (int iter = 0; hi - lo > DBL_EPSILON && iter < 1000; iter++) {
		double m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;

		if (init_loss(g, n, avg, m1, def) < init_loss(g, n, avg, m2, def))
			hi = m2;
		else
			lo = m1;
		best = (hi + lo) / 2;
	}
	return best;
}

static void
fit_initial(struct groups *gs, double avg, struct opt_pretrain *pt)
{
	struct fsrs_params def;
	struct group *kept = xcalloc(gs->n + 1, sizeof(*kept));
	bool present[4] = { false };

	fsrs_default_params(&def);
	memcpy(pt->init_s, def.w, sizeof(pt->init_s));
	for (int r = 1; r <= 4; r++) {
		size_t n = 0;

		for (size_t i = 0; i < gs->n; i++)
			if (gs->g[i].keep && gs->g[i].rating == r) {
				kept[n++] = gs->g[i];
				pt->rating_count[r] += (unsigned)gs->g[i].count;
				pt->n_init += gs->g[i].count;
			}
		if (n == 0)
			continue;
		present[r - 1] = true;
		pt->init_s[r - 1] = search_s0(kept, n, avg, def.w[r - 1]);
	}
	free(kept);
	pt->have_init =
	    opt_smooth_and_fill(pt->init_s, present, pt->rating_count) == 0;
}

void
opt_pretrain(const struct opt_items *it, struct opt_pretrain *pt)
{
	struct groups gs = { 0 };
	size_t recalled = 0;

	memset(pt, 0, sizeof(*pt));
	pt->keep_card = xcalloc(it->n_cards + 1, sizeof(bool));
	pt->first_lt = xcalloc(it->n_cards + 1, sizeof(uint32_t));
	pt->init_rank = xcalloc(it->n_cards + 1, sizeof(long));
	for (uint32_t c = 0; c < it->n_cards; c++) {
		uint32_t f = first_long_term(it, c);
		const struct opt_review *r = it->reviews + it->cards[c].first;
		struct group *g;

		pt->first_lt[c] = f;
		if (f == 0)
			continue;
		g = group_of(&gs, r[0].rating, r[f].delta_t);
		g->count++;
		g->recalled += r[f].rating > 1;
	}
	judge_groups(&gs);
	for (uint32_t c = 0; c < it->n_cards; c++) {
		uint32_t f = pt->first_lt[c];
		const struct opt_review *r = it->reviews + it->cards[c].first;

		pt->keep_card[c] = f > 0;
		pt->init_rank[c] = -1;
		for (size_t i = 0; f > 0 && i < gs.n; i++) {
			if (gs.g[i].rating != r[0].rating ||
			    gs.g[i].delta_t != r[f].delta_t)
				continue;
			pt->keep_card[c] = !gs.g[i].removed;
			pt->init_rank[c] = gs.g[i].keep ? (long)i : -1;
		}
	}
	for (size_t k = 0; k < it->n_items; k++) {
		const struct opt_item *x = &it->items[k];

		if (!pt->keep_card[x->card])
			continue;
		pt->n_train++;
		recalled += it->reviews[it->cards[x->card].first + x->pos].rating > 1;
	}
	fit_initial(&gs, pt->n_train ? (double)recalled / (double)pt->n_train : 0,
	    pt);
	free(gs.g);
}

void
opt_pretrain_free(struct opt_pretrain *pt)
{
	free(pt->keep_card);
	free(pt->first_lt);
	free(pt->init_rank);
	pt->keep_card = NULL;
	pt->first_lt = NULL;
	pt->init_rank = NULL;
}

/* a^x * b^(1 - x): a stability between (or beyond) two others. */
static double
between(double a, double b, double x)
{
	return pow(a, x) * pow(b, 1 - x);
}

/* Fills the missing ratings from two present ones, as fsrs-rs does. */
static void
fill_from_two(double s[5], const bool p[5])
{
	const double w1 = 0.41, w2 = 0.54;

	if (p[3] && p[4]) {
		s[2] = between(s[3], s[4], 1 / (1 - w2));
		s[1] = between(s[2], s[3], 1 / w1);
	} else if (p[2] && p[4]) {
		s[3] = between(s[2], s[4], 1 - w2);
		s[1] = between(s[2], s[3], 1 / w1);
	} else if (p[2] && p[3]) {
		s[4] = between(s[2], s[3], 1 - 1 / w2);
		s[1] = between(s[2], s[3], 1 / w1);
	} else if (p[1] && p[4]) {
		double k = w1 + w2 - w1 * w2;

		s[2] = between(s[1], s[4], w1 / k);
		s[3] = between(s[1], s[4], 1 - w2 / k);
	} else if (p[1] && p[3]) {
		s[2] = between(s[1], s[3], w1);
		s[4] = between(s[2], s[3], 1 - 1 / w2);
	} else if (p[1] && p[2]) {
		s[3] = between(s[1], s[2], 1 - 1 / (1 - w1));
		s[4] = between(s[2], s[3], 1 - 1 / w2);
	}
}

static void
fill_from_three(double s[5], const bool p[5])
{
	const double w1 = 0.41, w2 = 0.54;

	if (!p[1])
		s[1] = between(s[2], s[3], 1 / w1);
	else if (!p[2])
		s[2] = between(s[1], s[3], w1);
	else if (!p[3])
		s[3] = between(s[2], s[4], 1 - w2);
	else if (!p[4])
		s[4] = between(s[2], s[3], 1 - 1 / w2);
}

int
opt_smooth_and_fill(double s4[4], const bool present[4],
    const unsigned count[5])
{
	static const int pairs[6][2] = { { 1, 2 }, { 2, 3 }, { 3, 4 },
		{ 1, 3 }, { 2, 4 }, { 1, 4 } };
	struct fsrs_params def;
	double s[5] = { 0, s4[0], s4[1], s4[2], s4[3] };
	bool p[5] = { false, present[0], present[1], present[2], present[3] };
	int n = p[1] + p[2] + p[3] + p[4];

	fsrs_default_params(&def);
	for (int i = 0; i < 6; i++) {
		int a = pairs[i][0], b = pairs[i][1];

		if (!p[a] || !p[b] || s[a] <= s[b])
			continue;
		if (count[a] > count[b])
			s[b] = s[a];
		else
			s[a] = s[b];
	}
	if (n == 0)
		return -1;
	if (n == 1) {
		int r = p[1] ? 1 : p[2] ? 2
		               : p[3]   ? 3
		                        : 4;
		double factor = s[r] / def.w[r - 1];

		/* The defaults rise with the rating: no sort needed. */
		for (int i = 1; i <= 4; i++)
			s[i] = def.w[i - 1] * factor;
	} else if (n == 2) {
		fill_from_two(s, p);
	} else if (n == 3) {
		fill_from_three(s, p);
	}
	for (int i = 0; i < 4; i++)
		s4[i] = fmin(fmax(s[i + 1], OPT_S_MIN), OPT_INIT_S_MAX);
	return 0;
}
