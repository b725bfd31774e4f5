/*
 * loop.h - what the parts of the loop share: the terminal (term.c), keys
 * from the terminal (keys.c) or from a script (script.c), and the repaint
 * (draw.c), around the loop itself (ui.c).  The screens use screen.h
 * only.
 */
#ifndef REHEARSE_TUI_LOOP_H
#define REHEARSE_TUI_LOOP_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/screen.h"

/*
 * Keys.  A key is a character (its code point) or a curses function key
 * (KEY_DOWN ...), told apart by UI_FN.  UI_KEY_NONE: no key (an unknown
 * name, the end of a script); UI_KEY_AGAIN: no key, but the loop goes
 * round (a timeout, a signal, a script that moved the clock on).
 */
#define UI_FN 0x40000000
#define UI_KEY_NONE (-1)
#define UI_KEY_AGAIN (-2)

/* Starts curses on the terminal, or in scripted mode (ui->scripted) on a
 * LINES x COLUMNS terminal that writes nowhere; catches SIGINT, SIGTERM
 * and SIGHUP and sets the die hook that gives the terminal back; sets the
 * attributes of ui for the terminal.  -1 with *errmsg; term_stop is due
 * in both cases. */
int term_start(struct ui *ui, char **errmsg);
/* Undoes what term_start did, as far as it got; idempotent. */
void term_stop(void);
/* The signal caught since term_start (0: none); the loop ends on it. */
int term_signal(void);

/* The key a name of the action table stands for (n bytes of name);
 * UI_KEY_NONE for an unknown name. */
int keys_by_name(const char *name, size_t n);
/* The action key has on screen s: the first row of the table that lists
 * it, ACT_NONE if none does. */
enum action keys_action(int key, enum action_screen s);
/* The next key from the terminal; UI_KEY_AGAIN on a timeout (short while
 * the current screen is ticking) or a signal. */
int keys_from_terminal(struct ui *ui);

/* A key script (see tests/ui/README). */
struct script;
/* NULL with *errmsg when path cannot be read; script_close frees. */
struct script *script_open(const char *path, char **errmsg);
void script_close(struct script *sc);
/* The next key of the script, running the commands met on the way
 * (":dump FILE", ":resize COLSxLINES", ":wait SECONDS", ":later SECONDS",
 * ":signal NAME").  UI_KEY_NONE at the end of the script, or on an error
 * (then -1 in *status, with *errmsg); UI_FN | KEY_RESIZE after a resize;
 * UI_KEY_AGAIN after ":later" and ":signal". */
int script_key(struct ui *ui, struct script *sc, int *status, char **errmsg);

/* Below UI_MIN_COLS x UI_MIN_LINES: the screens are not drawn. */
bool ui_too_small(void);
/* Paints the whole screen: the current screen or the help over it, the
 * message line, or a "too small" note; then updates the terminal. */
void ui_repaint(struct ui *ui);

#endif
