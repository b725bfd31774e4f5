/* card.c - the rules a card's scheduling state obeys, shared by the doors
 * that let one in (the deck import) and by the collection's check. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include <string.h>

#include "core/card.h"
#include "core/timefmt.h"
#include "core/util.h"

/* The scheduler keeps stability within this many days (fsrs.c, S_MAX). */
#define CARD_STABILITY_MAX 36500.0

static bool
invalid(char **why, char *text)
{
	if (why != NULL)
		*why = text;
	else
		free(text);
	return false;
}

/* The rules every state obeys: ranges of the fields alone. */
static bool
fields_valid(const struct sched *s, char **why)
{
	if (s->state < STATE_NEW || s->state > STATE_RELEARNING)
		return invalid(why, xasprintf("state %d is not 0-3", (int)s->state));
	if (s->reps < 0 || s->lapses < 0 || s->scheduled_days < 0 ||
	    s->learning_step < 0)
		return invalid(why, xasprintf("a negative counter (reps %d, "
					      "lapses %d, interval %d, step %d)",
					s->reps, s->lapses, s->scheduled_days,
					s->learning_step));
	if (!isfinite(s->stability) || !isfinite(s->difficulty))
		return invalid(why, xasprintf("stability or difficulty is not "
					      "a number"));
	if (!timefmt_valid(s->due))
		return invalid(why, xasprintf("due time %lld is out of range "
					      "(%s)",
					(long long)s->due, TIMEFMT_RANGE_TEXT));
	if (s->last_review < 0 || !timefmt_valid(s->last_review))
		return invalid(why, xasprintf("last review time %lld is out of "
					      "range (%s)",
					(long long)s->last_review,
					TIMEFMT_RANGE_TEXT));
	return true;
}

bool
card_sched_valid(const struct sched *s, char **why)
{
	if (why != NULL)
		*why = NULL;
	if (!fields_valid(s, why))
		return false;
	if (s->state == STATE_NEW) {
		if (s->reps != 0 || s->last_review != 0)
			return invalid(why, xasprintf("a new card with reviews "
						      "(reps %d, a last review)",
						s->reps));
		return true;
	}
	if (s->reps < 1)
		return invalid(why, xasprintf("reps %d on a card in state %d",
					s->reps, (int)s->state));
	if (s->last_review <= 0)
		return invalid(why, xasprintf("a card in state %d without its "
					      "last review",
					(int)s->state));
	if (!(s->stability > 0 && s->stability <= CARD_STABILITY_MAX))
		return invalid(why, xasprintf("stability %g is not in (0, %g]",
					s->stability, CARD_STABILITY_MAX));
	if (!(s->difficulty >= 1 && s->difficulty <= 10))
		return invalid(why, xasprintf("difficulty %g is not in [1, 10]",
					s->difficulty));
	return true;
}

bool
card_has_tag(const struct card *c, const char *tag)
{
	size_t n = strlen(tag);

	for (const char *p = c->tags; p != NULL && *p != '\0';) {
		size_t len;

		p += strspn(p, " \t");
		len = strcspn(p, " \t");
		if (len == n && strncmp(p, tag, n) == 0)
			return true;
		p += len;
	}
	return false;
}

int64_t
review_duration(int64_t ms)
{
	return ms < 0 ? 0 : ms > REVIEW_DURATION_MAX_MS ? REVIEW_DURATION_MAX_MS
	                                                : ms;
}
