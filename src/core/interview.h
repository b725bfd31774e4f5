/*
 * interview.h - mock interviews: which questions to ask, the interview
 * itself (answers rated, recorded as reviews, taken back), and its report.
 *
 * The choice of questions and the report are pure functions; the
 * interview speaks to the collection through store and store_interview.
 * now is always passed in.  Every int-returning function returns 0 or -1
 * with an allocated *errmsg, and -1 means nothing changed.
 */
#ifndef REHEARSE_INTERVIEW_H
#define REHEARSE_INTERVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/card.h"
#include "core/settings.h"
#include "core/store.h"
#include "core/store_interview.h"

#define INTERVIEW_DEFAULT_QUESTIONS 6
#define INTERVIEW_MAX_QUESTIONS 50
#define INTERVIEW_DEFAULT_ANSWER_MS (2 * MS_PER_MINUTE)
/* The answer time is a second to an hour. */
#define INTERVIEW_MIN_ANSWER_MS INT64_C(1000)
#define INTERVIEW_MAX_ANSWER_MS (60 * MS_PER_MINUTE)
/* The countdown warns when this little time is left. */
#define INTERVIEW_WARN_MS INT64_C(30000)

/*
 * Reads an answer time: seconds ("90"), with units ("90s", "2m",
 * "1m30s") or as minutes and seconds ("1:30"), between
 * INTERVIEW_MIN_ANSWER_MS and INTERVIEW_MAX_ANSWER_MS.  -1 (nothing set)
 * when s is anything else.
 */
int interview_parse_duration(const char *s, int64_t *ms);

/* ---- the choice of questions ---- */

/* In the order they are asked. */
enum interview_tier {
	INTERVIEW_DUE = 0,  /* seen, and due at now */
	INTERVIEW_SEEN = 1, /* seen, not due: the weakest first */
	INTERVIEW_NEW = 2,  /* never answered */
};

/* One question that may be asked, as the choice sees it. */
struct interview_candidate {
	int64_t card_id;
	enum interview_tier tier;
	int64_t due;           /* due cards: the longest overdue first */
	double retrievability; /* seen cards: the lowest first, */
	double difficulty;     /* then the highest difficulty, */
	int lapses;            /* then the most lapses */
	uint64_t areas;        /* a bit per area (see interview_areas_mask) */
};

/* The candidate for card c at now under settings set. */
void interview_candidate(const struct card *c, const struct settings *set,
    int64_t now, uint64_t areas, struct interview_candidate *out);

/*
 * The bits of the areas of tags, one bit per distinct name met, names
 * numbered in *names (an array of allocated names that grows: the caller
 * frees each and the array; *n counts them).  Past 64 names, further ones
 * share no bit.
 */
uint64_t interview_areas_mask(const char *tags, char ***names, size_t *n);

/*
 * Chooses up to want of the n candidates into picked (indices into c,
 * room for want): due ones first, then the weakest seen ones, then new
 * ones, each tier in its order; never one twice.  Within a tier the
 * next one is the first in order whose most asked area has come up least
 * so far (a question without areas counts as having one area of its
 * own), so that the areas vary where the tier allows.  Returns how many were picked
 * (min(want, n)).  c is sorted into order in place.
 */
size_t interview_choose(struct interview_candidate *c, size_t n, size_t want,
    size_t *picked);

/* ---- the interview ---- */

struct interview;

/*
 * Chooses the questions of deck_id (0: every deck; deck its name, or
 * NULL) and starts an interview of them (planned, as recorded, is the
 * number chosen when fewer than questions could be).  Nothing is recorded until the
 * first rating.  An interview with no question to ask is no error:
 * interview_count is 0.  set and st must outlive it.
 */
int interview_open(struct store *st, const struct settings *set,
    int64_t deck_id, const char *deck, int questions, int64_t answer_ms,
    int64_t now, struct interview **out, char **errmsg);
void interview_free(struct interview *iv);

/* The questions chosen, and the number rated so far. */
size_t interview_count(const struct interview *iv);
size_t interview_rated(const struct interview *iv);
/* The time allowed for an answer, ms. */
int64_t interview_answer_time(const struct interview *iv);
/* The question to answer now (owned by the interview, valid until the
 * next rate or undo), or NULL when every one is rated. */
const struct card *interview_card(const struct interview *iv);
/* The interview's id in the collection: 0 until the first rating. */
int64_t interview_id(const struct interview *iv);

/*
 * Rates the answer to the current question: a review of the card with
 * rating r (missed, basic, solid, exceptional are Again, Hard, Good,
 * Easy) at now, lasting spoken ms (review_duration: 0 to
 * REVIEW_DURATION_MAX_MS), and the answer with its note (NULL: none), in
 * one transaction.  The next question becomes current.
 */
int interview_rate(struct interview *iv, enum rating r, int64_t spoken,
    const char *note, int64_t now, char **errmsg);
/* Whether a rating of this interview can be taken back. */
bool interview_can_undo(const struct interview *iv);
/*
 * Takes back the last rating: the card's review and the answer go, the
 * card is as before, and its question is current again; *spoken and
 * *note (allocated, the caller frees; either may be NULL) get what the
 * answer had.  An interview left with no answer is removed.
 */
int interview_undo(struct interview *iv, int64_t *spoken, char **note,
    char **errmsg);

/* ---- the report ---- */

struct interview_area_score {
	char *name;
	int questions;
	double average; /* mean rating of its questions */
};

struct interview_report {
	struct store_interview iv;
	struct store_interview_answer *answers; /* by position */
	size_t n;
	double average; /* mean rating; 0 when no answer */
	int over;       /* answers over the time allowed */
	int64_t over_total;
	struct interview_area_score *areas; /* the weakest first */
	size_t nareas;
};

/* Builds r from an interview as stored (takes iv and answers over). */
void interview_report_make(struct interview_report *r,
    struct store_interview *iv, struct store_interview_answer *answers,
    size_t n);
/* The report of interview id from the collection; *found false when there
 * is none. */
int interview_report_load(struct store *st, int64_t id,
    struct interview_report *r, bool *found, char **errmsg);
void interview_report_free(struct interview_report *r);

/*
 * The trend of the mock interviews s[0..n) (oldest first, as
 * store_interview_sums gives them), as a short section of the statistics:
 * a heading, the last `last` interviews one a line (date, questions,
 * average rating, time over), and how the recent ones compare with the
 * earlier ones.  Allocated; "" when n is 0.
 */
char *interview_trend_text(const struct store_interview_sum *s, size_t n,
    size_t last);

/* The word of the rubric for rating r: "missed", "basic", "solid",
 * "exceptional" ("?" outside 1..4). */
const char *interview_rating_word(int r);

#endif
