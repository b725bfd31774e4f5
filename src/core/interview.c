#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/areas.h"
#include "core/fsrs.h"
#include "core/interview.h"
#include "core/util.h"

/* The bit of the questions without an area, in the counts of the choice. */
#define NO_AREA 64

void
interview_candidate(const struct card *c, const struct settings *set,
    int64_t now, uint64_t areas, struct interview_candidate *out)
{
	memset(out, 0, sizeof(*out));
	out->card_id = c->id;
	out->areas = areas;
	out->due = c->s.due;
	out->difficulty = c->s.difficulty;
	out->lapses = c->s.lapses;
	if (c->s.state == STATE_NEW) {
		out->tier = INTERVIEW_NEW;
		return;
	}
	out->tier = c->s.due <= now ? INTERVIEW_DUE : INTERVIEW_SEEN;
	if (c->s.stability > 0 && now >= c->s.last_review)
		out->retrievability = fsrs_retrievability(&set->fsrs,
		    c->s.stability,
		    (double)((now - c->s.last_review) / MS_PER_DAY));
}

uint64_t
interview_areas_mask(const char *tags, char ***names, size_t *n)
{
	uint64_t mask = 0;
	const char *a;
	size_t len, i;

	while ((a = areas_next(&tags, &len)) != NULL) {
		for (i = 0; i < *n; i++)
			if (strlen((*names)[i]) == len &&
			    memcmp((*names)[i], a, len) == 0)
				break;
		if (i == *n) {
			*names = xrealloc(*names, (*n + 1) * sizeof(**names));
			(*names)[(*n)++] = xstrndup(a, len);
		}
		if (i < 64)
			mask |= UINT64_C(1) << i;
	}
	return mask;
}

static int
cmp3(double a, double b)
{
	return (a > b) - (a < b);
}

/* The order of the choice: tier, then each tier's own order, then id. */
static int
cmp_candidate(const void *pa, const void *pb)
{
	const struct interview_candidate *a = pa, *b = pb;
	int d = (int)a->tier - (int)b->tier;

	if (d == 0 && a->tier == INTERVIEW_DUE)
		d = cmp3((double)a->due, (double)b->due);
	if (d == 0 && a->tier == INTERVIEW_SEEN) {
		d = cmp3(a->retrievability, b->retrievability);
		if (d == 0)
			d = cmp3(b->difficulty, a->difficulty);
		if (d == 0)
			d = b->lapses - a->lapses;
	}
	return d != 0 ? d : cmp3((double)a->card_id, (double)b->card_id);
}

/* How often the least asked of c's areas has come up. */
static int
area_score(const struct interview_candidate *c, const int *count)
{
	int best = -1;

	if (c->areas == 0)
		return count[NO_AREA];
	for (int bit = 0; bit < 64; bit++)
		if ((c->areas >> bit & 1) && (best < 0 || count[bit] < best))
			best = count[bit];
	return best;
}

size_t
interview_choose(struct interview_candidate *c, size_t n, size_t want,
    size_t *picked)
{
	int count[NO_AREA + 1] = { 0 };
	bool *used = xcalloc(n > 0 ? n : 1, sizeof(*used));
	size_t k, first = 0;

	if (n > 0)
		qsort(c, n, sizeof(*c), cmp_candidate);
	for (k = 0; k < want && k < n; k++) {
		size_t best;
		int best_score;

		while (used[first])
			first++;
		best = first;
		best_score = area_score(&c[first], count);
		for (size_t j = first + 1; j < n && c[j].tier == c[first].tier; j++) {
			int s;

			if (used[j] || (s = area_score(&c[j], count)) >= best_score)
				continue;
			best = j;
			best_score = s;
		}
		used[best] = true;
		picked[k] = best;
		if (c[best].areas == 0)
			count[NO_AREA]++;
		for (int bit = 0; bit < 64; bit++)
			count[bit] += (int)(c[best].areas >> bit & 1);
	}
	free(used);
	return k;
}

const char *
interview_rating_word(int r)
{
	static const char *const word[] = { "missed", "basic", "solid",
		"exceptional" };

	return r >= 1 && r <= 4 ? word[r - 1] : "?";
}

/* ---- the report ---- */

static int
cmp_area(const void *pa, const void *pb)
{
	const struct interview_area_score *a = pa, *b = pb;
	int d = cmp3(a->average, b->average);

	if (d == 0)
		d = b->questions - a->questions;
	return d != 0 ? d : strcmp(a->name, b->name);
}

/* Adds rating to area name (len bytes) of r. */
static void
score_area(struct interview_report *r, const char *name, size_t len,
    int rating)
{
	size_t i;

	for (i = 0; i < r->nareas; i++)
		if (strlen(r->areas[i].name) == len &&
		    memcmp(r->areas[i].name, name, len) == 0)
			break;
	if (i == r->nareas) {
		r->areas = xrealloc(r->areas, (r->nareas + 1) * sizeof(*r->areas));
		r->areas[r->nareas++] = (struct interview_area_score){
			xstrndup(name, len), 0, 0
		};
	}
	/* the sum for now; the mean once all are in */
	r->areas[i].questions++;
	r->areas[i].average += rating;
}

void
interview_report_make(struct interview_report *r, struct store_interview *iv,
    struct store_interview_answer *answers, size_t n)
{
	double sum = 0;

	memset(r, 0, sizeof(*r));
	r->iv = *iv;
	r->answers = answers;
	r->n = n;
	for (size_t i = 0; i < n; i++) {
		const struct store_interview_answer *a = &answers[i];
		const char *pos = a->areas, *name;
		size_t len;

		sum += a->rating;
		if (a->spoken > iv->answer_time) {
			r->over++;
			r->over_total += a->spoken - iv->answer_time;
		}
		while ((name = areas_word(&pos, &len)) != NULL)
			score_area(r, name, len, a->rating);
	}
	r->average = n > 0 ? sum / (double)n : 0;
	for (size_t i = 0; i < r->nareas; i++)
		r->areas[i].average /= r->areas[i].questions;
	if (r->nareas > 0)
		qsort(r->areas, r->nareas, sizeof(*r->areas), cmp_area);
}

int
interview_report_load(struct store *st, int64_t id, struct interview_report *r,
    bool *found, char **errmsg)
{
	struct store_interview iv;
	struct store_interview_answer *answers;
	size_t n;

	memset(r, 0, sizeof(*r));
	if (store_interview_get(st, id, &iv, found, &answers, &n, errmsg) < 0)
		return -1;
	interview_report_make(r, &iv, answers, n);
	return 0;
}

void
interview_report_free(struct interview_report *r)
{
	store_interview_free(&r->iv, r->answers, r->n);
	for (size_t i = 0; i < r->nareas; i++)
		free(r->areas[i].name);
	free(r->areas);
	memset(r, 0, sizeof(*r));
}
