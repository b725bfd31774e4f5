/*
 * interview.c - a mock interview: each question alone with a countdown
 * while the answer is spoken, then the outline, the tips and the areas
 * to judge it by and the rubric's four ratings, and at the end (or when
 * it is ended early) the report.  The drawing is in interview_draw.c.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/editor.h"
#include "core/text.h"
#include "tui/interview.h"

static void
question_free(struct iv_screen *s)
{
	free(s->question);
	s->question = NULL;
	free(s->note);
	s->note = NULL;
}

/* The current question, freshly shown; none left: the report. */
static void show_report(struct ui *ui, struct iv_screen *s);

static void
ask(struct ui *ui, struct iv_screen *s)
{
	const struct card *c = interview_card(s->iv);

	question_free(s);
	if (c == NULL) {
		show_report(ui, s);
		return;
	}
	s->question = text_sanitize(c->question);
	s->phase = IV_ASK;
	s->shown_at = ui_mono(ui);
	s->spoken = 0;
}

static void
report_free(struct iv_screen *s)
{
	if (s->have_report)
		interview_report_free(&s->report);
	s->have_report = false;
}

static void
show_report(struct ui *ui, struct iv_screen *s)
{
	char *err = NULL;
	bool found = false;

	question_free(s);
	report_free(s);
	s->phase = IV_REPORT;
	if (interview_id(s->iv) != 0 &&
	    interview_report_load(ui->st, interview_id(s->iv), &s->report,
		&found, &err) < 0) {
		ui_message(ui, true, "Could not read the report: %s", err);
		free(err);
	}
	s->have_report = found;
	iv_report_page(ui, s);
}

/* The answer is spoken: on to judging it. */
static void
judge(struct ui *ui, struct iv_screen *s, int64_t spoken)
{
	s->phase = IV_JUDGE;
	s->spoken = spoken;
	iv_judge_page(ui, s);
}

static int
iv_open(struct ui *ui, void *state, char **errmsg)
{
	struct iv_screen *s = state;
	const struct ui_opts *o = ui->opts;
	int questions = o->questions > 0 ? o->questions : INTERVIEW_DEFAULT_QUESTIONS;
	int64_t answer = o->answer_ms > 0 ? o->answer_ms : INTERVIEW_DEFAULT_ANSWER_MS;

	if (interview_open(ui->st, ui->set, ui->deck_id,
		ui->deck_id != 0 ? ui->deck_name : NULL, questions, answer,
		ui_now(ui), &s->iv, errmsg) != 0)
		return -1;
	if (interview_count(s->iv) == 0) {
		ui_message(ui, true, "No question cards to ask in %s: see DECK"
				     " FILES in the manual.",
		    ui->deck_id != 0 && ui->deck_name != NULL ? ui->deck_name : "any deck");
		ui_switch(ui, &ui_decks_ops);
		return 0;
	}
	ask(ui, s);
	return 0;
}

static void
iv_done(struct ui *ui, void *state)
{
	struct iv_screen *s = state;

	(void)ui;
	/* every rating is in the collection already: nothing is lost here */
	interview_free(s->iv);
	s->iv = NULL;
	question_free(s);
	report_free(s);
	ui_line_free(&s->line);
	s->typing = false;
	iv_page_clear(&s->page);
	free(s->page.p);
	free(s->page.rows);
	memset(&s->page, 0, sizeof(s->page));
}

static enum action_screen
iv_keys(struct ui *ui, void *state)
{
	const struct iv_screen *s = state;

	(void)ui;
	return s->phase == IV_ASK ? ACT_SCREEN_IV_ASK : s->phase == IV_JUDGE ? ACT_SCREEN_IV_JUDGE
	                                                                     : ACT_SCREEN_IV_REPORT;
}

static bool
iv_ticking(struct ui *ui, void *state)
{
	const struct iv_screen *s = state;

	(void)ui;
	return s->iv != NULL && s->phase == IV_ASK;
}

static void
rate(struct ui *ui, struct iv_screen *s, enum rating r)
{
	char *err = NULL;

	if (interview_rate(s->iv, r, s->spoken, s->note, ui_now(ui), &err) < 0) {
		ui_message(ui, true, "Not recorded: %s", err);
		free(err);
		return;
	}
	ask(ui, s);
}

/* Takes back the last rating: its question is judged again, with the
 * time spoken and the note it had. */
static void
undo(struct ui *ui, struct iv_screen *s)
{
	char *err = NULL, *note = NULL;
	int64_t spoken;

	if (!interview_can_undo(s->iv)) {
		ui_message(ui, false, "Nothing to undo in this interview.");
		return;
	}
	if (interview_undo(s->iv, &spoken, &note, &err) < 0) {
		ui_message(ui, true, "Could not undo: %s", err);
		free(err);
		return;
	}
	report_free(s);
	ask(ui, s);
	s->note = note[0] != '\0' ? note : NULL;
	if (s->note == NULL)
		free(note);
	judge(ui, s, spoken);
	ui_message(ui, false, "Rating undone: rate this answer again.");
}

/* q mid-interview: the report of what is rated, or straight back. */
static void
end(struct ui *ui, struct iv_screen *s)
{
	if (interview_rated(s->iv) == 0) {
		ui_message(ui, false, "Interview ended; nothing was rated.");
		ui_switch(ui, &ui_decks_ops);
		return;
	}
	show_report(ui, s);
}

/* text on one line: control characters made visible, every run of
 * blanks and line ends one space, none at either end; allocated. */
static char *
one_line(const char *text)
{
	char *clean = text_sanitize_line(text), *out = clean;

	for (const char *p = clean; *p != '\0'; p++)
		if ((*p != ' ' && *p != '\t') ||
		    (out > clean && out[-1] != ' ' && p[1] != '\0'))
			*out++ = *p == '\t' ? ' ' : *p;
	while (out > clean && out[-1] == ' ')
		out--;
	*out = '\0';
	return clean;
}

static void
set_note(struct ui *ui, struct iv_screen *s, const char *text)
{
	char *clean = one_line(text);

	free(s->note);
	s->note = clean[0] != '\0' ? clean : NULL;
	if (s->note == NULL)
		free(clean);
	iv_judge_page(ui, s);
}

static int
iv_type(struct ui *ui, void *state, int key, char **errmsg)
{
	struct iv_screen *s = state;
	enum ui_line_status st = ui_line_key(&s->line, key);

	(void)errmsg;
	if (st == UI_LINE_DONE)
		set_note(ui, s, strbuf_str(&s->line.text));
	if (st != UI_LINE_TYPING) {
		s->typing = false;
		strbuf_reset(&s->line.text);
	}
	return 0;
}

static bool
iv_typing(struct ui *ui, void *state)
{
	const struct iv_screen *s = state;

	(void)ui;
	return s->typing;
}

static void
start_note(struct iv_screen *s)
{
	strbuf_reset(&s->line.text);
	if (s->note != NULL)
		strbuf_adds(&s->line.text, s->note);
	s->typing = true;
}

/* The note in $EDITOR, read back as one line. */
static void
note_in_editor(struct ui *ui, struct iv_screen *s)
{
	char *text = NULL, *err = NULL;

	if (editor_edit_text(s->note != NULL ? s->note : "", ui_step_aside, NULL,
		&text, &err) < 0) {
		ui_message(ui, true, "Note not changed: %s", err);
		free(err);
		return;
	}
	set_note(ui, s, text);
	free(text);
}

static void
scroll_page(struct iv_screen *s, enum action a)
{
	int page = ui_body_height() > 2 ? ui_body_height() - 1 : 1;

	switch (a) {
	case ACT_SCROLL_DOWN:
	case ACT_SCROLL_UP:
		iv_page_scroll(&s->page, a == ACT_SCROLL_DOWN ? 1 : -1);
		break;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		iv_page_scroll(&s->page, a == ACT_PAGE_DOWN ? page : -page);
		break;
	case ACT_SCROLL_TOP:
		s->page.top = 0;
		break;
	case ACT_SCROLL_BOTTOM:
		iv_page_scroll(&s->page, (int)s->page.nrows);
		break;
	default:
		break;
	}
}

static int
iv_request(struct ui *ui, void *state, enum action a, char **errmsg)
{
	struct iv_screen *s = state;

	(void)errmsg;
	switch (a) {
	case ACT_IV_DONE:
		judge(ui, s, ui_mono(ui) - s->shown_at);
		break;
	case ACT_IV_STAR:
		s->star_hidden = !s->star_hidden;
		break;
	case ACT_IV_MISSED:
	case ACT_IV_BASIC:
	case ACT_IV_SOLID:
	case ACT_IV_EXCEPTIONAL:
		rate(ui, s, (enum rating)(RATING_AGAIN + (a - ACT_IV_MISSED)));
		break;
	case ACT_IV_NOTE:
		start_note(s);
		break;
	case ACT_IV_NOTE_EDITOR:
		note_in_editor(ui, s);
		break;
	case ACT_IV_UNDO:
		undo(ui, s);
		break;
	case ACT_IV_END:
		end(ui, s);
		break;
	case ACT_BACK:
	case ACT_SUMMARY_DONE:
		ui_switch(ui, &ui_decks_ops);
		break;
	default:
		scroll_page(s, a);
		break;
	}
	return 0;
}

const struct ui_screen_ops ui_interview_ops = {
	.name = "interview",
	.state_size = sizeof(struct iv_screen),
	.open = iv_open,
	.keys = iv_keys,
	.draw = iv_draw,
	.request = iv_request,
	.done = iv_done,
	.ticking = iv_ticking,
	.tick = NULL,
	.typing = iv_typing,
	.type = iv_type,
};
