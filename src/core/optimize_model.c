/*
 * optimize_model.c - FSRS-6 as the optimizer trains it (fsrs-rs's model:
 * no rounding, clamps on stability and difficulty), with the exact
 * gradient in forward mode: along a card, the derivatives of stability
 * and difficulty by the 21 weights are carried, each step applying its
 * own partial derivatives (derived by hand below) by the chain rule.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "core/optimize_private.h"

#define NW FSRS_N_WEIGHTS
#define D_MIN 1.0
#define D_MAX 10.0
#define P_MIN 1e-7
#define P_MAX (1.0 - 1e-7)

/* What every step of a card shares. */
struct model {
	const double *w;
	double decay, factor, dfactor; /* the curve; dfactor = d factor/d w20 */
	double easy_d, deasy_d5;       /* init difficulty of Easy, d/d w5 */
};

/* A memory state and, when grad is wanted, its derivatives. */
struct state {
	double s, d;
	double ds[NW], dd[NW];
};

static void
model_init(struct model *m, const double w[NW])
{
	m->w = w;
	m->decay = -w[20];
	/* factor = 0.9^(1/decay) - 1 = exp(-ln 0.9 / w20) - 1 */
	m->factor = exp(-log(0.9) / w[20]) - 1;
	m->dfactor = (m->factor + 1) * log(0.9) / (w[20] * w[20]);
	m->easy_d = w[4] - exp(3 * w[5]) + 1;
	m->deasy_d5 = -3 * exp(3 * w[5]);
}

/* v = a * v + b * u */
static void
axpby(double *v, double a, const double *u, double b)
{
	for (int i = 0; i < NW; i++)
		v[i] = a * v[i] + b * u[i];
}

/* The recall after t days, and its partials by s and w20. */
static double
recall(const struct model *m, double t, double s, double *r_s, double *r_w20)
{
	double base = 1 + m->factor * t / s, r = pow(base, m->decay);

	*r_s = r * m->w[20] * m->factor * t / (s * s * base);
	*r_w20 = r * (-log(base) - m->w[20] * t / s * m->dfactor / base);
	return r;
}

/* Partials of the new stability: by s (direct), by d, by r, and by a few
 * weights (idx[k], val[k], k < *n). */
struct partials {
	double s, d, r;
	int n, idx[6];
	double val[6];
};

static void
add_w(struct partials *p, int i, double v)
{
	p->idx[p->n] = i;
	p->val[p->n++] = v;
}

static double
after_success(const struct model *m, double s, double d, double r,
    int rating, struct partials *p)
{
	const double *w = m->w;
	double hp = rating == 2 ? w[15] : 1, eb = rating == 4 ? w[16] : 1;
	double ex = exp((1 - r) * w[10]), e = ex - 1;
	double base = exp(w[8]) * (11 - d) * pow(s, -w[9]);
	double a = base * e * hp * eb, ns = s * (1 + a);

	p->s = 1 + a + s * a * -w[9] / s;
	p->d = s * -base * e * hp * eb / (11 - d);
	p->r = s * base * hp * eb * ex * -w[10];
	add_w(p, 8, s * a);
	add_w(p, 9, s * a * -log(s));
	add_w(p, 10, s * base * hp * eb * ex * (1 - r));
	if (rating == 2)
		add_w(p, 15, s * base * e * eb);
	if (rating == 4)
		add_w(p, 16, s * base * e * hp);
	return ns;
}

static double
after_failure(const struct model *m, double s, double d, double r,
    struct partials *p)
{
	const double *w = m->w;
	double pw = pow(s + 1, w[13]), q = pw - 1;
	double ns = w[11] * pow(d, -w[12]) * q * exp((1 - r) * w[14]);
	double floor_s = s * exp(-w[17] * w[18]);

	if (ns > floor_s) {
		p->s = exp(-w[17] * w[18]);
		add_w(p, 17, -w[18] * floor_s);
		add_w(p, 18, -w[17] * floor_s);
		return floor_s;
	}
	p->s = ns / q * w[13] * pw / (s + 1);
	p->d = ns * -w[12] / d;
	p->r = -w[14] * ns;
	add_w(p, 11, ns / w[11]);
	add_w(p, 12, -log(d) * ns);
	add_w(p, 13, ns / q * pw * log(s + 1));
	add_w(p, 14, (1 - r) * ns);
	return ns;
}

static double
short_term(const struct model *m, double s, int rating, struct partials *p)
{
	const double *w = m->w;
	double sinc = exp(w[17] * (rating - 3 + w[18])) * pow(s, -w[19]);
	double ns;

	if (rating >= 2 && sinc < 1) {
		p->s = 1;
		return s;
	}
	ns = s * sinc;
	p->s = sinc * (1 - w[19]);
	add_w(p, 17, ns * (rating - 3 + w[18]));
	add_w(p, 18, ns * w[17]);
	add_w(p, 19, -ns * log(s));
	return ns;
}

/* The new difficulty, and into st->dd its derivatives when grad. */
static double
next_difficulty(const struct model *m, struct state *st, double d,
    bool d_free, int rating, bool grad)
{
	const double *w = m->w;
	double k = -w[6] * (rating - 3) / 9.0, nd0 = d + (10 - d) * k;
	double nd = w[7] * m->easy_d + (1 - w[7]) * nd0;

	if (!grad)
		return nd;
	if (nd < D_MIN || nd > D_MAX) {
		memset(st->dd, 0, sizeof(st->dd));
		return nd;
	}
	/* nd0 by d: 1 - k; nd by nd0: 1 - w7 */
	axpby(st->dd, d_free ? (1 - w[7]) * (1 - k) : 0, st->dd, 0);
	st->dd[6] += (1 - w[7]) * (10 - d) * -(rating - 3) / 9.0;
	st->dd[7] += m->easy_d - nd0;
	st->dd[4] += w[7];
	st->dd[5] += w[7] * m->deasy_d5;
	return nd;
}

/*
 * One answer after the first.  Returns the recall predicted for it (1
 * when delta_t is 0); with grad, dr receives its derivatives.
 */
static double
step(const struct model *m, struct state *st, uint32_t delta_t, int rating,
    bool grad, double dr[NW])
{
	bool s_free = st->s >= OPT_S_MIN && st->s <= OPT_S_MAX;
	bool d_free = st->d >= D_MIN && st->d <= D_MAX;
	double s = fmin(fmax(st->s, OPT_S_MIN), OPT_S_MAX);
	double d = fmin(fmax(st->d, D_MIN), D_MAX);
	double r = 1, r_s = 0, r_w20 = 0, ns;
	struct partials p = { 0 };

	if (delta_t == 0) {
		ns = short_term(m, s, rating, &p);
	} else {
		r = recall(m, delta_t, s, &r_s, &r_w20);
		ns = rating == 1 ? after_failure(m, s, d, r, &p)
		                 : after_success(m, s, d, r, rating, &p);
	}
	if (grad) {
		double ss = s_free ? p.s + p.r * r_s : 0;
		double sd = d_free ? p.d : 0;

		if (!s_free)
			memset(st->ds, 0, sizeof(st->ds));
		if (delta_t > 0) {
			memcpy(dr, st->ds, sizeof(st->ds));
			axpby(dr, r_s, st->ds, 0);
			dr[20] += r_w20;
		}
		axpby(st->ds, ss, st->dd, sd);
		st->ds[20] += p.r * r_w20;
		for (int k = 0; k < p.n; k++)
			st->ds[p.idx[k]] += p.val[k];
		if (ns < OPT_S_MIN || ns > OPT_S_MAX)
			memset(st->ds, 0, sizeof(st->ds));
	}
	st->d = next_difficulty(m, st, d, d_free, rating, grad);
	st->s = ns;
	return r;
}

/* The first answer's state. */
static void
first(const struct model *m, struct state *st, int rating, bool grad)
{
	const double *w = m->w;
	double e = exp(w[5] * (rating - 1));

	st->s = w[rating - 1];
	st->d = w[4] - e + 1;
	if (!grad)
		return;
	memset(st->ds, 0, sizeof(st->ds));
	memset(st->dd, 0, sizeof(st->dd));
	if (st->s >= OPT_S_MIN && st->s <= OPT_S_MAX)
		st->ds[rating - 1] = 1;
	if (st->d >= D_MIN && st->d <= D_MAX) {
		st->dd[4] = 1;
		st->dd[5] = -(rating - 1) * e;
	}
}

/* Adds the cross-entropy of recall r for answer `rating` to *loss, and
 * its gradient times weight to grad. */
static void
score(double r, const double dr[NW], int rating, double weight,
    double *loss, double *grad)
{
	double p = r < P_MIN ? P_MIN : r > P_MAX ? P_MAX
	                                         : r;
	double y = rating > 1, g;

	*loss -= weight * (y * log(p) + (1 - y) * log(1 - p));
	if (grad == NULL || r <= P_MIN || r >= P_MAX)
		return;
	g = -weight * (y / p - (1 - y) / (1 - p));
	for (int i = 0; i < NW; i++)
		grad[i] += g * dr[i];
}

double
opt_card_loss(const struct opt_items *it, uint32_t c,
    const double w[FSRS_N_WEIGHTS], const double *weight, double *grad,
    double *pred)
{
	const struct opt_review *rv = it->reviews + it->cards[c].first;
	uint32_t n = it->cards[c].n;
	struct model m;
	struct state st;
	double loss = 0, dr[NW];

	model_init(&m, w);
	first(&m, &st, rv[0].rating, grad != NULL);
	for (uint32_t t = 1; t < n; t++) {
		double r = step(&m, &st, rv[t].delta_t, rv[t].rating,
		    grad != NULL, dr);

		if (rv[t].delta_t == 0)
			continue;
		if (pred != NULL)
			pred[t] = r;
		if (weight != NULL && weight[t] != 0)
			score(r, dr, rv[t].rating, weight[t], &loss, grad);
	}
	return loss;
}

void
opt_clip(double w[FSRS_N_WEIGHTS], int relearning_steps)
{
	double ceiling = 2;

	if (relearning_steps > 1) {
		double v = -(log(w[11]) + log(pow(2, w[13]) - 1) + w[14] * 0.3) /
		           relearning_steps;

		ceiling = fmin(sqrt(fmax(v, 0.01)), 2);
	}
	for (int i = 0; i < NW; i++) {
		double lo, hi;

		fsrs_weight_bounds(i, &lo, &hi);
		if (i == 19)
			lo = 0.01;
		if (i == 17 || i == 18)
			hi = ceiling;
		w[i] = fmin(fmax(w[i], lo), hi);
	}
}
