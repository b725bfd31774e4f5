/*
 * fsrs.h - the FSRS-6 scheduler: pure maths and learning steps.
 *
 * Given a card's scheduling state, an answer and the time of the answer,
 * compute the card's next state.  The results are those of the reference
 * implementation ts-fsrs 5.x (npm), down to its rounding and its fuzz, so
 * that review logs replayed elsewhere agree with rehearse.
 *
 * Nothing here reads the clock or the time zone, allocates, prints or keeps
 * state between calls: every function is safe to call from anywhere.
 */
#ifndef REHEARSE_FSRS_H
#define REHEARSE_FSRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/card.h"

#define FSRS_N_WEIGHTS 21
#define FSRS_MAX_STEPS 16

/*
 * The longest (re)learning step accepted by fsrs_parse_steps.  Both
 * FSRS_MAX_STEP_DAYS and FSRS_MAX_STEPS must stay plain integer literals:
 * fsrs_steps_strerror spells them out in its messages.
 */
#define FSRS_MAX_STEP_DAYS 365
#define FSRS_MAX_STEP_MINUTES (FSRS_MAX_STEP_DAYS * 1440)

struct fsrs_params {
	/*
	 * The model's weights.  Out-of-range weights are clamped on use,
	 * exactly as ts-fsrs clamps them (including its lower ceiling for w17
	 * and w18 when there are two or more relearning steps).
	 */
	double w[FSRS_N_WEIGHTS];
	double retention; /* desired retention, in (0, 1]; the caller keeps it
	                      in a sane range such as 0.70..0.99 (a value
	                      outside (0, 1] is taken as 0.9) */
	int max_interval; /* days, >= 1 (0 or less is taken as 36500) */
	bool fuzz;        /* spread review intervals a little (default on) */
	/*
	 * ts-fsrs's enable_short_term (default true).  When false, learning
	 * steps are not used at all: every answer schedules whole days, as
	 * ts-fsrs's long-term scheduler does.
	 */
	bool short_term;
	/*
	 * Steps in minutes.  A step below 1440 minutes keeps the card in
	 * (re)learning; a step of 1440 minutes or more moves the card to the
	 * Review state with that delay (ts-fsrs behaviour), and its
	 * scheduled_days is the whole number of days in the step.  Each list
	 * holds 0..FSRS_MAX_STEPS steps, each step > 0 (fsrs_parse_steps
	 * ensures both).
	 */
	int learning_steps[FSRS_MAX_STEPS];
	int n_learning_steps;
	int relearning_steps[FSRS_MAX_STEPS];
	int n_relearning_steps;
};

/*
 * Fill *p with the defaults: FSRS-6's 21 default weights, retention 0.9,
 * maximum interval 36500 days, fuzz on, short-term on, learning steps
 * 1m 10m, relearning steps 10m.  (ts-fsrs itself defaults to fuzz off.)
 */
void fsrs_default_params(struct fsrs_params *p);

/*
 * The bounds of weight i (0..FSRS_N_WEIGHTS-1) that the FSRS optimizer
 * clamps to when it loads parameters: those ts-fsrs clamps to, with w17
 * and w18 up to 2 and w19 from 0 (ts-fsrs raises w19 to 0.01 when
 * short-term scheduling is on, and caps w17 and w18 lower with several
 * relearning steps; fsrs_next applies both).
 */
void fsrs_weight_bounds(int i, double *lo, double *hi);

/*
 * The state of a card after answering `r` at `now` (ms since the epoch).
 *
 * `cur` is the state before the answer; a new card has state STATE_NEW and
 * stability = difficulty = 0.  `next` receives the state after it (it may
 * be the same object as `cur`): last_review = now, reps + 1, and due,
 * state, stability, difficulty, scheduled_days, learning_step and lapses
 * as ts-fsrs's fsrs(params).next(card, now, r) gives them.  Any now is
 * defined (due saturates at INT64_MAX rather than overflow); callers keep
 * now in the valid range of timefmt.h, in which due is exact.
 *
 * `elapsed_days` is the number of calendar days from the day of
 * cur->last_review to the day of `now`, days being cut at the user's day
 * boundary: 0 for a second review on the same day, 1 for the next day,
 * however few hours apart.  With the boundary at midnight UTC this is
 * exactly ts-fsrs's dateDiffInDays(last_review, now), i.e.
 *   floor(now / MS_PER_DAY) - floor(last_review / MS_PER_DAY)
 * (floor division).  It is ignored (taken as 0) for a new card or when
 * cur->last_review is 0, and a negative value is taken as 0.
 *
 * The fuzz, when p->fuzz is set, is deterministic: the same card, time and
 * answer always give the same interval, the one ts-fsrs gives.
 *
 * A state that ts-fsrs would reject (a reviewed card with difficulty < 1 or
 * stability < 0.001, or either of them NaN) is treated as if it had no
 * memory state yet.  reps and lapses stop at INT_MAX.
 */
void fsrs_next(const struct fsrs_params *p, const struct sched *cur,
    int64_t now, int elapsed_days, enum rating r,
    struct sched *next);

/*
 * The parameters p worked out once for many answers (a replayed history):
 * after fsrs_model_init, fsrs_next_model(m, ...) gives what
 * fsrs_next(p, ...) gives.  p must stay, unchanged, as long as m is used.
 */
struct fsrs_model {
	const struct fsrs_params *p;
	double w[FSRS_N_WEIGHTS]; /* clamped as on use */
	double decay;             /* -w20 */
	double factor;            /* chosen so that R(S, S) = 0.9 */
	double interval_modifier;
	int max_interval;
	bool fuzz;
	bool short_term;
};
void fsrs_model_init(struct fsrs_model *m, const struct fsrs_params *p);
void fsrs_next_model(const struct fsrs_model *m, const struct sched *cur,
    int64_t now, int elapsed_days, enum rating r, struct sched *next);

/*
 * The probability of recall, in [0, 1] and rounded to 8 decimals as
 * ts-fsrs rounds it, of a memory of the given stability (days, > 0) after
 * elapsed_days days (>= 0).  ts-fsrs's own get_retrievability passes the
 * whole days elapsed, floor((now - last_review) / MS_PER_DAY), and the
 * stability rounded to 8 decimals.
 */
double fsrs_retrievability(const struct fsrs_params *p, double stability,
    double elapsed_days);

/* The forgetting curve of p, worked out once for many cards:
 * fsrs_curve_at(c, s, t) equals fsrs_retrievability(p, s, t). */
struct fsrs_curve {
	double decay, factor;
};
void fsrs_curve_init(struct fsrs_curve *c, const struct fsrs_params *p);
double fsrs_curve_at(const struct fsrs_curve *c, double stability,
    double elapsed_days);

/* Results of fsrs_parse_steps; fsrs_steps_strerror describes them. */
enum fsrs_steps_status {
	FSRS_STEPS_OK = 0,
	FSRS_STEPS_BAD_NUMBER = -1, /* a step does not start with digits */
	FSRS_STEPS_BAD_UNIT = -2,   /* a unit other than m, h or d */
	FSRS_STEPS_ZERO = -3,       /* a step of zero length */
	FSRS_STEPS_TOO_LONG = -4,   /* a step over FSRS_MAX_STEP_MINUTES */
	FSRS_STEPS_TOO_MANY = -5,   /* more than FSRS_MAX_STEPS steps */
};

/*
 * Parse a list of steps such as "1m 10m 1h 1d" (blank-separated; units m,
 * h, d; "" or only blanks is the empty list) into minutes.  On success
 * returns FSRS_STEPS_OK and stores the steps in steps[0..*n-1].  On
 * failure returns a negative enum fsrs_steps_status, leaves *n unchanged,
 * and, when errpos is not NULL, stores in it the offset in s of the step
 * that was refused.  s must not be NULL.
 */
int fsrs_parse_steps(const char *s, int steps[FSRS_MAX_STEPS], int *n,
    size_t *errpos);

/* A static English sentence for a fsrs_parse_steps status; never NULL. */
const char *fsrs_steps_strerror(int status);

/*
 * Format n steps (minutes) as fsrs_parse_steps reads them, each in the
 * largest unit that divides it: {1, 10, 60, 1440} -> "1m 10m 1h 1d";
 * no steps -> "".  Returns 0, or -1 when buf (of `size` bytes) is too
 * small, in which case buf holds a truncated, terminated string (if
 * size > 0).
 */
int fsrs_format_steps(const int *steps, int n, char *buf, size_t size);

/*
 * Format a delay (e.g. due - now, ms) in the short form of the answer
 * buttons: "30s", "10m", "1h", "1.5h", "2d", "3.5mo", "1.2y".  Seconds,
 * minutes and days are rounded to whole units; hours, months (30 days)
 * and years (365 days) keep one decimal, dropped when it is 0.  A negative
 * delay is shown as "0s".  Returns 0, or -1 when buf is too small
 * (16 bytes is always enough).
 */
int fsrs_format_interval(int64_t ms, char *buf, size_t size);

#endif
