/* synth_learner.c - a synthetic learner (see synth_learner.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "synth_learner.h"

#define DAY_MS INT64_C(86400000)
#define START_MS INT64_C(1704067200000) /* 2024-01-01 UTC */

const double synth_true_w[FSRS_N_WEIGHTS] = {
	0.4,
	1.8,
	4.5,
	15.0,
	5.8,
	1.1,
	2.2,
	0.02,
	1.5,
	0.25,
	1.1,
	1.9,
	0.1,
	0.35,
	1.9,
	0.45,
	2.3,
	0.4,
	0.15,
	0.08,
	0.25,
};

static uint64_t
next(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static double
uniform(uint64_t *s)
{
	return (double)(next(s) >> 11) / 9007199254740992.0;
}

static int64_t
day_of(int64_t t)
{
	return t / DAY_MS;
}

/* An answer: recalled with probability p, then Hard, Good or Easy. */
static enum rating
answer(uint64_t *rng, double p, bool first)
{
	double u = uniform(rng);

	if (uniform(rng) >= p)
		return RATING_AGAIN;
	if (u < (first ? 0.1 : 0.08))
		return RATING_HARD;
	return u < 0.9 ? RATING_GOOD : RATING_EASY;
}

/* One card's history, appended to *out. */
static void
one_card(const struct fsrs_params *truth, const struct fsrs_params *sched,
    int64_t card, int64_t start, int64_t end, uint64_t *rng,
    struct synth_review **out, size_t *n, size_t *cap)
{
	struct sched mem = { 0 }, sch = { 0 };
	int64_t now = start;

	mem.state = sch.state = STATE_NEW;
	while (now < end) {
		double p = 1;
		int elapsed = sch.last_review ? (int)(day_of(now) -
						      day_of(sch.last_review))
		                              : 0;
		enum rating r;

		if (mem.last_review != 0 && mem.stability > 0)
			p = fsrs_retrievability(truth, mem.stability,
			    (double)(now - mem.last_review) / (double)DAY_MS);
		r = answer(rng, p, sch.state == STATE_NEW);
		*out = xgrow(*out, cap, *n, sizeof(**out));
		(*out)[(*n)++] = (struct synth_review){ card, now, (int)r,
			sch.state == STATE_NEW || sch.state == STATE_LEARNING };
		fsrs_next(truth, &mem, now, elapsed, r, &mem);
		fsrs_next(sched, &sch, now, elapsed, r, &sch);
		/* On time, or up to a few hours late. */
		now = sch.due + (int64_t)(uniform(rng) * 6 * 3600 * 1000);
	}
}

size_t
synth_learner(const double true_w[FSRS_N_WEIGHTS], size_t n_cards,
    int days, uint64_t seed, struct synth_review **out)
{
	struct fsrs_params truth, sched;
	uint64_t rng = seed;
	size_t n = 0, cap = 0;
	int64_t end = START_MS + days * DAY_MS;

	fsrs_default_params(&sched);
	truth = sched;
	memcpy(truth.w, true_w, sizeof(truth.w));
	truth.fuzz = false;
	*out = NULL;
	for (size_t c = 0; c < n_cards; c++) {
		int64_t start = START_MS +
		                (int64_t)(uniform(&rng) * (double)(days / 2) *
					  (double)DAY_MS);

		one_card(&truth, &sched, (int64_t)c + 1, start, end, &rng, out,
		    &n, &cap);
	}
	return n;
}
