/*
 * stats.h - a learner's statistics, computed from the collection: today,
 * the forecast, the calendar and streaks, true retention, the cards by
 * state and memory, the answer buttons and the hours of the day.
 *
 * Days are study days: they start at day_starts_at o'clock in the local
 * time zone (TZ), as everywhere else in rehearse.  Everything is counted in
 * SQL over the collection's indexes; nothing here reads the clock (now is
 * passed in) or prints.  stats_report turns the figures into lines of text
 * for the command line and the screen alike.
 */
#ifndef REHEARSE_STATS_H
#define REHEARSE_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/fsrs.h"
#include "core/store.h"

#define STATS_FORECAST_DAYS 30
#define STATS_CALENDAR_DAYS 365
/* Buttons and hours cover the last month of study days. */
#define STATS_RECENT_DAYS 30
/* A review card is mature from this interval (days) on, as in Anki. */
#define STATS_MATURE_DAYS 21
#define STATS_BINS 10

/* The windows of the true-retention table. */
enum stats_window {
	STATS_TODAY,
	STATS_YESTERDAY,
	STATS_WEEK,  /* the last 7 study days, today included */
	STATS_MONTH, /* 30 */
	STATS_YEAR,  /* 365 */
	STATS_ALL,
	STATS_N_WINDOWS
};

/* Answers to review-state cards: how many, how many passed (Hard or
 * better). */
struct stats_pass {
	int64_t passed;
	int64_t total;
};

/* What the answer buttons got in one kind of card. */
enum stats_kind { STATS_LEARNING,
	STATS_YOUNG,
	STATS_MATURE,
	STATS_N_KINDS };

struct stats_hour {
	int64_t answers;
	struct stats_pass review; /* answers to review-state cards */
};

/* One histogram bin: [min, max) except the last, which holds max too. */
struct stats_bin {
	double min, max;
	int64_t cards;
};

struct stats {
	int day_starts_at;
	int64_t today_start; /* the instant today's study day began */

	/* Today. */
	int64_t today_cards; /* distinct cards answered */
	int64_t today_answers;
	int64_t today_again;
	int64_t today_ms; /* time spent answering */

	/* Cards due per study day, today (overdue included) first. */
	int64_t forecast[STATS_FORECAST_DAYS];
	int64_t forecast_total;
	/* The date ("YYYY-MM-DD") of each forecast day. */
	char forecast_date[STATS_FORECAST_DAYS][11];
	/* The days of the forecast: STATS_FORECAST_DAYS, but fewer when the
	 * last day dates reach (9999-12-31) comes sooner; the others are
	 * empty. */
	int forecast_days;

	/* Answers per study day, oldest first; the last is today. */
	int64_t calendar[STATS_CALENDAR_DAYS];
	char calendar_date[STATS_CALENDAR_DAYS][11];
	int calendar_weekday0; /* weekday of calendar[0], 0 Sunday */
	int64_t days_studied;  /* of the calendar's days */
	/* Consecutive study days with answers, ending today (or yesterday,
	 * when nothing has been answered yet today), and the longest run in
	 * the whole history. */
	int64_t streak_current;
	int64_t streak_longest;

	/* True retention: [young or mature][window]. */
	struct stats_pass retention[2][STATS_N_WINDOWS];

	/* Cards.  Suspended and buried cards count only as such. */
	int64_t n_new, n_learning, n_relearning, n_young, n_mature;
	int64_t n_suspended, n_buried;
	struct stats_bin difficulty[STATS_BINS];
	struct stats_bin stability[STATS_BINS];
	struct stats_bin retrievability[STATS_BINS];
	double average_retrievability; /* < 0: no card has a memory yet */

	/* The last STATS_RECENT_DAYS study days. */
	int64_t buttons[STATS_N_KINDS][4];
	struct stats_hour hours[24];
};

/*
 * Computes the statistics of deck_id (0: the whole collection) at now.
 * p gives the forgetting curve for the retrievability.  0, or -1 with an
 * allocated *errmsg.
 */
int stats_compute(struct store *st, const struct fsrs_params *p,
    int day_starts_at, int64_t deck_id, int64_t now, struct stats *out,
    char **errmsg);

/*
 * The same, counting every answer of the log one by one, as stats_compute
 * does only when the study days are no runs of whole quarters of an hour
 * (a time zone off them), rather than reading the counts the store keeps
 * per quarter of an hour: slower, and the same figures, which the tests
 * hold the counts to.
 */
int stats_compute_by_answer(struct store *st, const struct fsrs_params *p,
    int day_starts_at, int64_t deck_id, int64_t now, struct stats *out,
    char **errmsg);

/* passed / total, or a negative value when total is 0. */
double stats_ratio(const struct stats_pass *p);

#endif
