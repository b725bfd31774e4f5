/*
 * cli.h - the command line as main.c sees it: one call that reads argv,
 * runs the command and gives the exit status.  The commands themselves are
 * in cmd.h, one file each.
 */
#ifndef REHEARSE_CLI_H
#define REHEARSE_CLI_H

#include <stdbool.h>

#include "core/session.h"
#include "core/settings.h"
#include "core/store.h"

/* What the interactive program is asked to do. */
struct cli_tui {
	const char *deck;                    /* NULL: all decks */
	int64_t deck_id;                     /* deck's id (0: all decks) */
	bool review;                         /* straight to reviewing rather than the deck list */
	bool interview;                      /* straight to a mock interview */
	int questions;                       /* its questions (0: the default) */
	int64_t answer_ms;                   /* its time for each answer (0: the default) */
	const char *script;                  /* scripted-keys mode (tests), else NULL */
	const struct session_custom *custom; /* custom study, else NULL */
};

/* Runs the interactive program; supplied by main.c so that the core never
 * links curses.  0 or -1 with an allocated *errmsg. */
typedef int (*cli_tui_fn)(struct store *st, struct settings *set,
    const struct cli_tui *t, char **errmsg);

/* Exit statuses. */
enum {
	CLI_OK = 0,
	CLI_FAIL = 1,  /* bad input, problems found, a failing operation */
	CLI_USAGE = 2, /* a bad command line */
};

/* Parses argv, runs the command and returns the exit status. */
int cli_main(int argc, char **argv, cli_tui_fn tui);

#endif
