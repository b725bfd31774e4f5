/*
 * ui.h - the interactive program: the deck list, reviewing, help.
 *
 * The only part of rehearse that uses curses.  It reads the collection
 * through store, queue and session, and never prints outside curses.
 */
#ifndef REHEARSE_UI_H
#define REHEARSE_UI_H

#include <stdbool.h>

#include "core/session.h"
#include "core/settings.h"
#include "core/store.h"

struct ui_opts {
	const char *deck;  /* NULL: all decks */
	int64_t deck_id;   /* the id of deck, which exists (0: all decks) */
	bool review;       /* true: straight to reviewing (deck or all); false: the deck list */
	bool interview;    /* true: straight to a mock interview (deck or all) */
	int questions;     /* of a mock interview; 0: the default */
	int64_t answer_ms; /* the time for each answer; 0: the default */
	/*
	 * Scripted-keys mode, for tests: the path of a key script, else NULL.
	 * Keys are read from the script instead of the terminal and nothing is
	 * written to the terminal; the size comes from LINES and COLUMNS.  See
	 * tests/ui/README for the script language.
	 */
	const char *script;
	/* Custom study (session_open_custom) instead of today's queue, with
	 * review; else NULL. */
	const struct session_custom *custom;
};

/*
 * Runs the TUI until the user quits.  0 on a normal exit (including a quit
 * by SIGINT, SIGTERM or SIGHUP: see ui_exit_signal); -1 with *errmsg
 * (allocated, the caller frees).  Always leaves the terminal as it found
 * it, also when die() is called while it runs.  Every answer is committed
 * as it is given, so a signal loses none.
 */
int ui_run(struct store *st, struct settings *set, const struct ui_opts *o,
    char **errmsg);

/* The signal (SIGINT, SIGTERM, SIGHUP) that ended the last ui_run, 0 when
 * none did: the program then exits with 128 + that number, as a shell
 * reports a program the signal killed. */
int ui_exit_signal(void);

#endif
