/*
 * card.h - plain data types shared by every layer of rehearse.
 *
 * No sqlite, no curses, no I/O: the shapes of cards, their scheduling
 * state and their reviews.  All times are milliseconds since the Unix epoch
 * (UTC), the unit of the FSRS review-log format and of ts-fsrs.
 */
#ifndef REHEARSE_CARD_H
#define REHEARSE_CARD_H

#include <stdbool.h>
#include <stdint.h>

/* Values are those of ts-fsrs's State enum and of the review-log CSV. */
enum card_state {
	STATE_NEW = 0,
	STATE_LEARNING = 1,
	STATE_REVIEW = 2,
	STATE_RELEARNING = 3,
};

/* Values are those of ts-fsrs's Rating enum and of the review-log CSV. */
enum rating {
	RATING_AGAIN = 1,
	RATING_HARD = 2,
	RATING_GOOD = 3,
	RATING_EASY = 4,
};

#define MS_PER_MINUTE INT64_C(60000)
#define MS_PER_DAY INT64_C(86400000)

/*
 * The scheduling state of one card, field for field ts-fsrs's Card (less
 * elapsed_days, which is derived from last_review and the review time).
 */
struct sched {
	enum card_state state;
	int64_t due;         /* ms; for a new card, when it was added */
	int64_t last_review; /* ms; 0 when never reviewed */
	double stability;    /* days; 0 for a new card */
	double difficulty;   /* 1..10; 0 for a new card */
	int scheduled_days;  /* the interval last given, in days */
	int learning_step;   /* index into the (re)learning steps */
	int reps;
	int lapses;
};

/*
 * A card as the program sees it.
 *
 * Ownership, one rule: the text fields are read-only views and are never
 * freed through them.  A card owns at most one allocation, storage, which
 * holds the strings of a card filled by the store (store_card_get and the
 * like) or by card_copy and card_own; card_clear (util.h) frees it.  A card
 * the caller fills itself points at strings the caller keeps alive while
 * the card is used, and leaves storage NULL.  A field of an owning card may
 * be pointed elsewhere (at the caller's string): its old text simply stays
 * in storage until card_clear.
 */
struct card {
	int64_t id;         /* row id in the collection */
	const char *ext_id; /* stable external id (never NULL once stored) */
	int64_t deck_id;
	const char *deck; /* deck name, may be NULL when not loaded */
	const char *question;
	const char *answer;
	const char *tips; /* "" when none */
	const char *tags; /* space-separated, "" when none */
	bool suspended;
	bool flagged;
	int64_t buried_until; /* ms; 0 when not buried */
	struct sched s;
	char *storage; /* the strings when the card owns them, else NULL */
};

/*
 * Whether s is a scheduling state the program can hold: the one set of
 * rules for every door a state comes in by (a deck's state columns,
 * import.c) and for the collection's check.  A new card has no review
 * (reps 0, no last review); any other has reps >= 1, a last review,
 * stability in (0, 36500] days and difficulty in [1, 10]; counters are
 * never negative, times within the valid range (timefmt.h).  When not,
 * false and *why (may be NULL) gets an allocated reason the caller frees;
 * when so, true and *why NULL.
 */
bool card_sched_valid(const struct sched *s, char **why);

/* Whether c's tags hold the word tag (case as written). */
bool card_has_tag(const struct card *c, const char *tag);

/*
 * The longest time an answer is recorded as taking, in ms: Anki's bound
 * (about 24.8 days), and one that the log's total time cannot overflow
 * an int64_t with.  Longer times are recorded as this one; a review log
 * that gives one is refused.
 */
#define REVIEW_DURATION_MAX_MS INT64_C(2147483647)
#define REVIEW_DURATION_RANGE_TEXT "0-2147483647"

/* ms as an answer's duration: 0 when unknown (below 0), at most
 * REVIEW_DURATION_MAX_MS. */
int64_t review_duration(int64_t ms);

/* One answer, as kept in the append-only review log. */
struct review {
	int64_t id;
	int64_t card_id;
	int64_t time; /* ms */
	enum rating rating;
	enum card_state state; /* the card's state before this answer */
	int64_t duration;      /* ms spent answering; 0 when unknown;
	                          at most REVIEW_DURATION_MAX_MS */
	struct sched before;   /* the card's full state before, for undo */
};

#endif
