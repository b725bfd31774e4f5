/*
 * interview.h - what the two files of the mock interview screen share:
 * its state (interview.c: the phases and the keys) and its drawing
 * (interview_draw.c: the countdown, the judging page and the report).
 * Included by those two files only.
 */
#ifndef REHEARSE_TUI_INTERVIEW_H
#define REHEARSE_TUI_INTERVIEW_H

#include "core/interview.h"
#include "tui/screen.h"

enum iv_phase { IV_ASK,
	IV_JUDGE,
	IV_REPORT };

/* A paragraph of a page: text (sanitised, owned) drawn with attr, indent
 * columns in, behind a bar when barred; a rule when rule is set. */
struct iv_para {
	char *text;
	attr_t attr;
	int indent;
	bool barred, rule;
};

/* A page of paragraphs, wrapped into rows for a width. */
struct iv_row {
	size_t para, off, len;
	int indent;
};
struct iv_page {
	struct iv_para *p;
	size_t n, cap;
	struct iv_row *rows;
	size_t nrows, rcap;
	int width; /* the rows are for this width; 0: not laid out */
	int top;   /* the first row shown */
};

/* The screen's state (ui_interview_ops.state_size). */
struct iv_screen {
	struct interview *iv;
	enum iv_phase phase;
	int64_t shown_at; /* ui_mono when the question appeared */
	int64_t spoken;   /* ms, once the answer is done */
	bool star_hidden; /* kept from question to question */
	char *note;       /* the note of the answer being judged, or NULL */
	bool typing;
	struct ui_line line;
	char *question; /* the current question, sanitised */
	struct iv_page page;
	struct interview_report report;
	bool have_report;
};

/* interview_draw.c */
void iv_page_clear(struct iv_page *pg);
void iv_page_add(struct iv_page *pg, attr_t attr, int indent, bool barred,
    const char *text);
void iv_page_rule(struct iv_page *pg, attr_t attr, const char *label);
/* Scrolls by n rows (within the page). */
void iv_page_scroll(struct iv_page *pg, int n);
/* The judging page of the current question / the report, into s->page. */
void iv_judge_page(struct ui *ui, struct iv_screen *s);
void iv_report_page(struct ui *ui, struct iv_screen *s);
void iv_draw(struct ui *ui, void *state);

#endif
