/*
 * store_interview.h - mock interviews in the collection: the question
 * cards they may ask, each interview with its answers, and the history.
 * Part of the store (the only code that speaks SQL); the conventions of
 * store.h hold: 0 or -1 with an allocated *errmsg, times in ms.
 */
#ifndef REHEARSE_STORE_INTERVIEW_H
#define REHEARSE_STORE_INTERVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "core/store.h"

/*
 * The ids of the question cards (tagged AREAS_QUESTION_TAG) of deck_id
 * (0: every deck) that may be asked at now: not suspended, not buried
 * past now; in id order.  *ids is an array the caller frees.
 */
int store_interview_questions(struct store *st, int64_t deck_id, int64_t now,
    int64_t **ids, size_t *n, char **errmsg);

/* A mock interview: when it started, the deck it drew on (NULL: all),
 * the questions planned and the time allowed for each answer. */
struct store_interview {
	int64_t id;
	int64_t started;
	char *deck;
	int planned;
	int64_t answer_time;
};

/* Records a new interview (iv->id is set). */
int store_interview_add(struct store *st, struct store_interview *iv,
    char **errmsg);
/* Removes interview id with its answers. */
int store_interview_delete(struct store *st, int64_t id, char **errmsg);

/* One rated answer.  question is filled by the reads below only. */
struct store_interview_answer {
	int64_t id;
	int64_t interview_id;
	int position; /* 1-based, in the order asked */
	int64_t card_id;
	int64_t review_id; /* the answer's entry in the review log */
	int64_t answered;  /* when it was rated */
	int64_t spoken;    /* ms spoken */
	int rating;        /* 1 missed .. 4 exceptional (enum rating) */
	char *note;        /* "" when none */
	char *areas;       /* the card's area names then, space-separated */
	char *question;
};

/* Records a (a->id is set); note and areas must not be NULL. */
int store_interview_answer_add(struct store *st,
    struct store_interview_answer *a, char **errmsg);
int store_interview_answer_delete(struct store *st, int64_t id, char **errmsg);

/*
 * Interview id (*found false when there is none) and its answers by
 * position, question text included, into *iv and *answers (an array);
 * the caller frees both with store_interview_free.
 */
int store_interview_get(struct store *st, int64_t id, struct store_interview *iv,
    bool *found, struct store_interview_answer **answers, size_t *n,
    char **errmsg);
void store_interview_free(struct store_interview *iv,
    struct store_interview_answer *answers, size_t n);

/* The interviews with at least one answer, oldest first, summed up. */
struct store_interview_sum {
	int64_t id;
	int64_t started;
	char *deck; /* NULL: all decks */
	int planned;
	int64_t answer_time;
	int answered;
	double average;     /* mean rating, 1..4 */
	int over;           /* answers longer than the time allowed */
	int64_t over_total; /* ms spoken past the time allowed, summed */
	int64_t spoken;     /* ms spoken, summed */
};
/* *out is an array the caller frees with store_interview_sums_free. */
int store_interview_sums(struct store *st, struct store_interview_sum **out,
    size_t *n, char **errmsg);
void store_interview_sums_free(struct store_interview_sum *s, size_t n);

#endif
