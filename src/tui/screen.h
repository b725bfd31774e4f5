/*
 * screen.h - what the screens of the interactive program share.
 *
 * Each screen is one file with a small table of functions (tig's
 * view_ops): open when it becomes current, keys to say which rows of the
 * action table apply now, draw to paint stdscr, request to act on an
 * action, done when it is left, tick to keep up with the clock.  A screen
 * keeps its state in a struct of its own, state_size bytes that the loop
 * allocates and hands to every function of the table; a screen file has
 * no state of its own.  ui.c owns the loop and the switching between
 * screens (its parts share loop.h); the helpers declared here draw text
 * and speak to the session.
 */
#ifndef REHEARSE_TUI_SCREEN_H
#define REHEARSE_TUI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "tui/actions.h"
#include "core/session.h"
#include "core/settings.h"
#include "core/store.h"
#include "tui/ui.h"
#include "core/util.h"

/* Below this size the screens give way to a "too small" message. */
#define UI_MIN_COLS 40
#define UI_MIN_LINES 10
/* Text is set in a column no wider than this, centred on wide terminals. */
#define UI_TEXT_MAX 78

struct ui;

/*
 * state is the screen's own: state_size bytes, zeroed, that the loop
 * allocates when the screen is first entered and frees when ui_run
 * returns (after done), so that a screen may remember something from one
 * visit to the next.  What state points to may be freed by done.
 */
struct ui_screen_ops {
	const char *name;
	size_t state_size;
	/* The screen becomes current; -1 with *errmsg ends the program. */
	int (*open)(struct ui *ui, void *state, char **errmsg);
	/* The rows of the action table its keys come from now. */
	enum action_screen (*keys)(struct ui *ui, void *state);
	/* Paints stdscr (already erased, at least UI_MIN_COLS x UI_MIN_LINES). */
	void (*draw)(struct ui *ui, void *state);
	/* Acts on a; -1 with *errmsg ends the program (an error that leaves
	 * the user able to go on is a message instead). */
	int (*request)(struct ui *ui, void *state, enum action a,
	    char **errmsg);
	/* The screen is left (may be NULL). */
	void (*done)(struct ui *ui, void *state);
	/* Whether it shows a running clock (input then times out to redraw;
	 * may be NULL: it does not). */
	bool (*ticking)(struct ui *ui, void *state);
	/* Before each redraw, at least once a second (may be NULL): brings
	 * what depends on the time up to date; may ui_switch.  A failure is
	 * a message, the screen keeps what it showed. */
	void (*tick)(struct ui *ui, void *state);
	/* Sees each key before the action table does (may be NULL): true
	 * when it took the key as text (a query being typed, a y/n). */
	bool (*text)(struct ui *ui, void *state, int key);
	/* Whether a line of text is being typed in (may be NULL: never);
	 * then every key goes to type, as it is, instead of becoming an
	 * action.  type's -1 with *errmsg ends the program. */
	bool (*typing)(struct ui *ui, void *state);
	int (*type)(struct ui *ui, void *state, int key, char **errmsg);
};

/* A screen entered at least once, with its state. */
struct ui_view {
	const struct ui_screen_ops *ops;
	void *state;
};
#define UI_MAX_VIEWS 8

extern const struct ui_screen_ops ui_decks_ops;
extern const struct ui_screen_ops ui_review_ops;
extern const struct ui_screen_ops ui_summary_ops;
extern const struct ui_screen_ops ui_stats_ops;
extern const struct ui_screen_ops ui_browse_ops;
extern const struct ui_screen_ops ui_interview_ops;
extern const struct ui_screen_ops ui_custom_ops;

struct ui {
	struct store *st;
	struct settings *set;
	const struct ui_opts *opts;

	struct ui_view *view;                /* the current screen */
	const struct ui_screen_ops *pending; /* switch after this request */
	struct ui_view views[UI_MAX_VIEWS];  /* the screens entered so far */
	size_t nviews;
	bool help; /* the help is over the screen */
	int help_top;
	bool quit;

	/* The deck being studied: 0 and "All decks" for every deck. */
	int64_t deck_id;
	char *deck_name; /* sanitised */
	struct session *se;
	/* Every change made to cards in this run, for u (owned). */
	struct undo_log *undo;
	/* The custom study of the next session (NULL: today's queue), and
	 * the one the deck list's keys start. */
	const struct session_custom *custom;
	struct session_custom custom_keys;
	char *custom_tag; /* custom_keys' tag, owned */

	char *msg; /* a line for the user until the next key; sanitised */
	bool msg_error;

	bool scripted;
	int64_t fake_clock; /* ms: the monotonic clock in scripted mode */
	int64_t later;      /* ms the script moved the collection's clock on */

	/* Attributes, chosen for the terminal (no colour on vt100, NO_COLOR). */
	attr_t a_bar, a_accent, a_warn, a_dim, a_strong;
};

/* ---- ui.c: the loop, the session and the clocks ---- */

/* Makes next the current screen once the current request returns. */
void ui_switch(struct ui *ui, const struct ui_screen_ops *next);
/* Sets the message line (printf-like); error selects the warning look. */
void ui_message(struct ui *ui, bool error, const char *fmt, ...)
    UTIL_PRINTF(3, 4);

/* The time for the collection (clock_now: REHEARSE_NOW honoured), moved
 * on by a script's ":later". */
int64_t ui_now(struct ui *ui);
/* A monotonic clock in ms, for the answer timer; frozen in scripted mode
 * except for the script's ":wait". */
int64_t ui_mono(struct ui *ui);

/* Closes the session, if any (the deck list does, when it opens). */
void ui_end_session(struct ui *ui);
/* Reads the settings from the collection again (another rehearse may have
 * changed them); on -1 they stay as they were. */
int ui_reload_settings(struct ui *ui, char **errmsg);
/* Takes back the last change made to cards, on any screen (undo.h), and
 * says how it went on the message line; true when it is undone (a
 * session, if open, has taken it in: its card may be current again). */
bool ui_undo(struct ui *ui);
/* n (1-9999) more new cards today in deck id (0: every deck), called name,
 * as one change kept for undo; 0, or -1 with *errmsg (nothing changed). */
int ui_add_extra_new(struct ui *ui, int64_t id, const char *name, int64_t n,
    char **errmsg);

/* ---- custom.c: custom study ---- */

/* Starts custom study c (its tag copied) of deck id, called name
 * (sanitised), the review screen's title saying what after the name:
 * "Systems (cram: nothing recorded)". */
void ui_start_custom(struct ui *ui, int64_t id, const char *name,
    const struct session_custom *c, const char *what);

/* ---- draw.c: text, lines and footers ---- */

/* Whether lines and charts are drawn with Unicode characters (a UTF-8
 * locale) rather than the terminal's line-drawing set and ASCII (term.c). */
bool term_unicode_lines(void);
/* Whether they are drawn with '-' and '|' instead: a terminal whose
 * line-drawing set would not show outside a UTF-8 locale (term.c). */
bool term_ascii_lines(void);
/* The ellipsis that ends text cut short: U+2026 with Unicode lines,
 * "..." otherwise. */
const char *ui_ellipsis(void);

/* Draws UTF-8 text at (y, x) in at most maxw columns with attr; returns
 * the columns used.  Text that is not sanitised is still shown safely
 * (anything non-printable becomes '?'). */
int ui_put(int y, int x, const char *s, size_t n, int maxw, attr_t attr);
int ui_puts(int y, int x, const char *s, int maxw, attr_t attr);
/* Like ui_puts, right-aligned so that the text ends at column xend. */
int ui_puts_right(int y, int xend, const char *s, attr_t attr);
/* Paints row y (all columns) with attr. */
void ui_fill(int y, attr_t attr);
/* Sets the attributes, colour pair included, for what is drawn next. */
static inline void
ui_attr(attr_t a)
{
	attr_set(a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
}
/* A horizontal line of n cells from (y, x); a vertical bar at (y, x). */
void ui_hline(int y, int x, int n, attr_t attr);
void ui_vbar(int y, int x, attr_t attr);
/* The left margin and width of the text column for the current width. */
void ui_text_column(int *x, int *w);
/* The rows between the title bar and the footer that text scrolls in. */
int ui_body_height(void);
/* The selection sel of a list of n rows moved a page of page rows (0
 * counts as 1) down or up, clamped to the first and the last row. */
size_t ui_page_move(size_t sel, size_t n, size_t page, bool down);

/* A footer of key hints: the keys of action (the first, or all), then
 * label; ACT_NONE for a label alone.  Keys come from the action table, so
 * the footer follows the key map. */
struct ui_hint {
	enum action action;
	const char *label;
};
/* Paints the footer (the last row): the hints gap columns apart. */
void ui_hints(struct ui *ui, const struct ui_hint *h, size_t n, int gap,
    bool all);
/* The columns such a footer takes. */
int ui_hints_width(const struct ui_hint *h, size_t n, int gap, bool all);

/* ---- format.c: times as text ---- */

/* "4:05", "1:02:03" */
void ui_format_duration(int64_t ms, char *buf, size_t n);

/* ---- line.c: a line of text typed in ---- */

struct ui_line {
	struct strbuf text; /* UTF-8, no control characters */
};
enum ui_line_status { UI_LINE_TYPING,
	UI_LINE_DONE,
	UI_LINE_CANCEL };
/* Applies a key as a screen's type receives it: a printable character
 * is added; Backspace takes the last one back, Ctrl-U all; Enter ends the
 * line, Esc gives it up; other keys do nothing. */
enum ui_line_status ui_line_key(struct ui_line *l, int key);
/* Draws prompt and the line on row y, its end in view, with a cursor. */
void ui_line_draw(struct ui *ui, const struct ui_line *l, int y,
    const char *prompt);
void ui_line_free(struct ui_line *l);

/* ---- help.c: the help, drawn over the current screen's keys ---- */

void ui_help_draw(struct ui *ui, enum action_screen for_screen);
void ui_help_request(struct ui *ui, enum action a);

/* ---- edit.c ---- */

/* Edits the current card of the session in $EDITOR; the outcome is a
 * message.  *away gets the ms spent in the editor (no time spent on the
 * card).  1 when the card was saved and read back (the screen should take
 * its text again), 0 when it was not, -1 only on an error that should end
 * the program. */
int ui_edit_card(struct ui *ui, int64_t *away, char **errmsg);
/* An editor_hook (core/editor.h) that puts curses aside while the editor
 * runs and brings it back after. */
void ui_step_aside(bool back, void *ctx);

#endif
