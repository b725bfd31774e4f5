/*
 * summary.c - the end of a session: how it went and when to come back.
 * When the next card comes due while the summary is open, the session
 * goes on with it.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>

#include "core/text.h"
#include "core/undo.h"
#include "tui/screen.h"

/* The screen's state (ui_summary_ops.state_size). */
struct summary {
	struct session_summary s;
	int64_t now;
};

static int
summary_open(struct ui *ui, void *state, char **errmsg)
{
	struct summary *sm = state;

	sm->now = ui_now(ui);
	return session_summary(ui->se, sm->now, &sm->s, errmsg);
}

static void
summary_tick(struct ui *ui, void *state)
{
	struct summary *sm = state;
	char *err = NULL;

	sm->now = ui_now(ui);
	if (sm->s.next_due == 0 || sm->now < sm->s.next_due)
		return;
	if (session_refresh(ui->se, sm->now, &err) != 0 ||
	    session_summary(ui->se, sm->now, &sm->s, &err) != 0) {
		ui_message(ui, true, "Could not look for cards due: %s", err);
		free(err);
		sm->s.next_due = 0; /* not again every second */
		return;
	}
	if (session_card(ui->se) != NULL) {
		ui_message(ui, false, "A card is due again.");
		ui_switch(ui, &ui_review_ops);
	}
}

static enum action_screen
summary_keys(struct ui *ui, void *state)
{
	(void)ui;
	(void)state;
	return ACT_SCREEN_SUMMARY;
}

static void
line(struct ui *ui, int y, int x, int w, const char *label, const char *value)
{
	ui_puts(y, x, label, w, ui->a_dim);
	ui_puts(y, x + 16, value, w - 16, A_BOLD);
}

static void
line_next_due(struct ui *ui, const struct summary *sm, int y, int x, int w)
{
	char buf[96];

	if (sm->s.next_due > 0)
		queue_format_wait(sm->now, sm->s.next_due, buf, sizeof(buf));
	else
		snprintf(buf, sizeof(buf), "nothing scheduled");
	/* on a narrow screen, a shorter label leaves the time its room */
	if (text_width(buf) > w - 16) {
		ui_puts(y, x, "Next due", w, ui->a_dim);
		ui_puts(y, x + 10, buf, w - 10, A_BOLD);
		return;
	}
	line(ui, y, x, w, "Next card due", buf);
}

static void
summary_draw(struct ui *ui, void *state)
{
	static const struct ui_hint hints[] = {
		{ ACT_SUMMARY_DONE, "deck list" },
		{ ACT_UNDO, "undo" },
		{ ACT_HELP, "help" },
	};
	static const struct ui_hint hints_no_undo[] = {
		{ ACT_SUMMARY_DONE, "deck list" },
		{ ACT_HELP, "help" },
	};
	const struct summary *sm = state;
	int x, w, y = 2;
	char buf[96];

	ui_text_column(&x, &w);
	ui_fill(0, ui->a_bar);
	ui_puts(0, 1, ui->deck_name, COLS - 2, ui->a_bar | A_BOLD);
	if (undo_log_count(ui->undo) > 0)
		ui_hints(ui, hints, 3, 3, false);
	else
		ui_hints(ui, hints_no_undo, 2, 3, false);

	if (sm->s.reviewed == 0) {
		ui_puts(y, x, "Nothing to study here right now.", w, ui->a_accent);
		line_next_due(ui, sm, y + 2, x, w);
		return;
	}
	ui_puts(y, x,
	    session_records(ui->se) ? "Session complete."
				    : "Cramming complete: nothing was recorded.",
	    w, ui->a_accent);
	y += 2;
	/* a card answered Again comes back: answers may outnumber cards */
	snprintf(buf, sizeof(buf), "%d", sm->s.cards);
	line(ui, y++, x, w, "Cards reviewed", buf);
	snprintf(buf, sizeof(buf), "%d", sm->s.reviewed);
	line(ui, y++, x, w, "Answers given", buf);
	snprintf(buf, sizeof(buf), "%d", sm->s.again);
	line(ui, y++, x, w, "Again", buf);
	ui_format_duration(sm->s.time_spent, buf, sizeof(buf));
	line(ui, y++, x, w, "Time spent", buf);
	line_next_due(ui, sm, y, x, w);
}

static int
summary_request(struct ui *ui, void *state, enum action a, char **errmsg)
{
	(void)state;
	(void)errmsg;
	switch (a) {
	case ACT_UNDO:
		if (ui_undo(ui) && session_card(ui->se) != NULL)
			ui_switch(ui, &ui_review_ops);
		break;
	case ACT_BACK:
	case ACT_SUMMARY_DONE:
		ui_switch(ui, &ui_decks_ops);
		break;
	default:
		break;
	}
	return 0;
}

const struct ui_screen_ops ui_summary_ops = {
	.name = "summary",
	.state_size = sizeof(struct summary),
	.open = summary_open,
	.keys = summary_keys,
	.draw = summary_draw,
	.request = summary_request,
	.done = NULL,
	.ticking = NULL,
	.tick = summary_tick,
};
