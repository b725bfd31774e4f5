/*
 * session.h - a review session: the current card, the answer previews, the
 * answers themselves (each committed to the collection before the next card
 * is chosen), undo, bury, suspend, flag and edit.
 *
 * now is always passed in by the caller.  Every int-returning function
 * returns 0 or -1 with an allocated *errmsg, and -1 means nothing changed.
 * The ones that change the collection and then read it again (answer,
 * undo, bury, suspend, edit) return SESSION_STALE instead of -1 when the
 * change is committed but the reading failed: *errmsg says why, the
 * counts are the ones from before, after an edit the current card keeps
 * its old text, and after answer, bury and suspend there may be no
 * current card until a session_refresh succeeds.
 */
#ifndef REHEARSE_SESSION_H
#define REHEARSE_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/card.h"
#include "core/queue.h"
#include "core/settings.h"
#include "core/store.h"

struct session;

/* The change is made; the queue could not be read again (see above). */
#define SESSION_STALE 1
/* session_answer only: the card changed since it was shown (another
 * rehearse on the collection answered, suspended or rescheduled it): the
 * answer is not recorded and the session has moved on to the next card. */
#define SESSION_CHANGED 2

/* Starts a session over deck_id (0: all decks).  The store and settings
 * must outlive it. */
int session_open(struct store *st, const struct settings *set, int64_t deck_id,
    int64_t now, struct session **out, char **errmsg);

/*
 * Custom study: a session over a list of cards of deck_id (0: all) chosen
 * when it opens, shown in that order, outside the daily limits:
 *   cram   every card not suspended (of tag, when given), in the order they
 *          were added; answers show their previews but change nothing:
 *          no schedule, no review log, no undo;
 *   ahead  (> 0) the Review cards due on the next `ahead` study days, by
 *          due, answered now as early reviews;
 *   tag    alone: the cards with that tag that today's queue holds:
 *          learning cards due, reviews due today, and as many new cards
 *          as today's new limit leaves, in that order.
 * A card answered into (re)learning does not come back in the session.
 */
struct session_custom {
	const char *tag; /* NULL: any */
	int ahead;
	bool cram;
};
int session_open_custom(struct store *st, const struct settings *set,
    int64_t deck_id, const struct session_custom *c, int64_t now,
    struct session **out, char **errmsg);
/* Whether answers are recorded (false in a cram session). */
bool session_records(struct session *se);
void session_free(struct session *se);

/* The card to show, or NULL when the session is over.  Owned by the
 * session; valid until the next call that changes the session. */
const struct card *session_card(struct session *se);
/* What is left (new, learning, review), as the status line shows it. */
void session_counts(struct session *se, struct queue_counts *out);
/* Re-reads the queue at now (e.g. after a pause, so a learning card whose
 * step has passed comes back).  A card on screen stays current; without
 * one, the next card due at now (learn-ahead included) becomes current. */
int session_refresh(struct session *se, int64_t now, char **errmsg);

/* The due time each rating would give the current card at now, indexed
 * by rating - 1. */
void session_preview(struct session *se, int64_t now, int64_t due[4]);

/* Answers the current card; committed when it returns 0 or SESSION_STALE,
 * not when it returns SESSION_CHANGED (or -1).  duration is the time spent
 * on the card in ms. */
int session_answer(struct session *se, enum rating r, int64_t now,
    int64_t duration, char **errmsg);
/* What the last answer (if it was given in this session and not undone)
 * made of its card: SESSION_LEECH_NONE, or a leech, tagged "leech" and,
 * by leech-action, suspended.  A card becomes a leech when a lapse brings
 * it to leech-threshold lapses, and again every half threshold after. */
enum session_leech { SESSION_LEECH_NONE,
	SESSION_LEECH_TAGGED,
	SESSION_LEECH_SUSPENDED };
enum session_leech session_last_leech(struct session *se);
/* Whether that leech went without the tag "leech", its tags having no
 * room for one more (leech.h). */
bool session_last_leech_untagged(struct session *se);

/* Whether there is an answer of this session to take back. */
bool session_can_undo(struct session *se);
/* Takes back the last answer of the session: that card becomes current again
 * in exactly its previous state, a leech's tag and suspension taken back
 * too (SESSION_STALE: only the counts are old). */
int session_undo(struct session *se, int64_t now, char **errmsg);

/* Where the session records its changes for undo.h (NULL: nowhere; a
 * cram session records none).  The log must outlive the session. */
struct undo_log;
void session_set_undo(struct session *se, struct undo_log *log);
/*
 * After undo_last took back a change to card card_id: when review_id is
 * the session's last answer, it is no longer counted; when back (the
 * change was made in a review) or the card is the current one, the card
 * becomes current as it now is (when it is of the session's deck; else
 * the next card comes); the counts are read again.
 */
int session_undone(struct session *se, int64_t card_id, int64_t review_id,
    bool back, int64_t now, char **errmsg);

/* Buries the current card until the next day boundary / suspends it; both
 * move on to the next card (SESSION_STALE: done, no next card read). */
int session_bury(struct session *se, int64_t now, char **errmsg);
int session_suspend(struct session *se, int64_t now, char **errmsg);
/* Toggles the current card's flag (stays on the card). */
int session_toggle_flag(struct session *se, char **errmsg);
/* Replaces the current card's text (history kept; tags normalised) and
 * clears its flag (SESSION_STALE: done, the card not read back). */
int session_edit(struct session *se, const char *question, const char *answer,
    const char *tips, const char *tags, int64_t now, char **errmsg);

struct session_summary {
	int reviewed;       /* answers given (undone ones not counted) */
	int cards;          /* the different cards they were given to */
	int again;          /* of which Again */
	int64_t time_spent; /* sum of durations, ms */
	int64_t next_due;   /* earliest due card of the deck after now; 0: none */
};
int session_summary(struct session *se, int64_t now, struct session_summary *out,
    char **errmsg);

#endif
