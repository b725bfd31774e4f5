/*
 * cmd.h - the commands of the command line, one file each (import.c,
 * export.c, ...), each defining its entry; cli.c is the table of them.
 *
 * The dispatcher reads a command's options with its table (options.h),
 * answers --help, checks the number of operands, calls the entry's check,
 * opens the collection and brings in the bundled decks when the flags say
 * so, and then calls run.  A command's functions return an exit status
 * (CLI_OK, CLI_FAIL, CLI_USAGE) after printing any message themselves.
 */
#ifndef REHEARSE_CMD_H
#define REHEARSE_CMD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cmd/cli.h"
#include "cmd/options.h"
#include "core/settings.h"
#include "core/store.h"

/* The state every command runs with. */
struct cli {
	const char *db_opt; /* --db, or NULL */
	char *db_path;      /* the collection's file, once opened */
	struct store *st;   /* the open collection, or NULL */
	struct settings set;
	int64_t now;
	cli_tui_fn tui;
	const char *script; /* scripted keys for the screens, or NULL */
};

/* The most options a command may have. */
#define CMD_MAX_OPTIONS 8

/* A command line, read. */
struct cmd_args {
	const struct cmd_entry *cmd;
	/* The value of each option of cmd->options, in table order: NULL when
	 * not given, "" for a flag given; the last one given counts. */
	const char *values[CMD_MAX_OPTIONS];
	int argc;    /* the operands */
	char **argv; /* (borrowed from main's argv) */
};

enum cmd_flags {
	CMD_COLLECTION = 1 << 0, /* opens the collection before run */
	CMD_SEED = 1 << 1,       /* brings the bundled decks into an empty one */
};

struct cmd_entry {
	const char *name;
	const char *synopsis;             /* after the name in the usage line */
	const char *summary;              /* one line, no full stop */
	const struct cmd_option *options; /* NULL: none but --help */
	const char *notes;                /* more --help lines, or NULL */
	void (*print_notes)(void);        /* more, made from a table; or NULL */
	int min_args, max_args;           /* operands; max_args -1: any */
	const char *args_error;           /* said when outside; NULL: generic */
	unsigned flags;                   /* enum cmd_flags */
	/* Before the collection opens; NULL when nothing to check. */
	int (*check)(const struct cmd_entry *self, const struct cmd_args *a);
	int (*run)(const struct cmd_entry *self, struct cli *c,
	    const struct cmd_args *a);
};

/* The value of the option with that key, or NULL when not given. */
const char *cmd_value(const struct cmd_args *a, int key);
/* Whether the option with that key was given. */
bool cmd_given(const struct cmd_args *a, int key);

/* Parses argv[1..] (argv[0] is the command's name) for e, then runs it as
 * described above; the exit status. */
int cmd_dispatch(const struct cmd_entry *e, struct cli *c, int argc,
    char **argv);
/* Usage, options and notes of e, on standard output. */
void cmd_print_help(const struct cmd_entry *e);

/* ---- shared by the commands (common.c, collection.c, seed.c) ---- */

/* "rehearse: MESSAGE" on standard error, sanitised (see opt_vwarn). */
void cmd_warn(const char *fmt, ...) UTIL_PRINTF(1, 2);
/* MESSAGE and a new line on standard output, sanitised as card text is:
 * for reports that quote ids, paths or other file text. */
void cmd_say(const char *fmt, ...) UTIL_PRINTF(1, 2);
/* Prints and frees msg; returns CLI_FAIL. */
int cmd_fail(char *msg);
/* Flushes standard output: rc, or CLI_FAIL when the output failed (said,
 * once: the error is then cleared). */
int cmd_flush(int rc);
/* The columns of the terminal standard output is, or 0 when it is none or
 * does not say. */
int cmd_tty_columns(void);
/* s as a JSON string, quoted and escaped, on standard output. */
void cmd_json_string(const char *s);

/* Output to -o FILE goes to a temporary file renamed into place once all
 * is written, so that a failure never leaves half a file.  Only a regular
 * file is replaced so (keeping its mode); a symlink is followed and its
 * target replaced; a device, a FIFO, /dev/stdout and anything else under
 * /dev or /proc is written through, never replaced. */
struct cmd_output {
	FILE *f;
	const char *path; /* as given */
	char *target;     /* the file replaced, or NULL */
	char *tmp;        /* the temporary file beside it, or NULL */
	bool direct;      /* written through: nothing to rename */
};
/* path NULL or "-": standard output.  CLI_OK or CLI_FAIL (said). */
int cmd_output_open(struct cmd_output *o, const char *path);
/* Closes o and, when rc is CLI_OK, puts the file in place; the status. */
int cmd_output_close(struct cmd_output *o, int rc);

/* Opens the collection (--db, REHEARSE_DB, the default place) into c->st
 * and loads its settings.  CLI_OK or CLI_FAIL (said). */
int cmd_open_collection(struct cli *c);
/* The id of deck (0 when deck is NULL); an unknown deck is said.  Like
 * cmd_deck_find without the name. */
int cmd_deck_id(struct cli *c, const char *deck, int64_t *deck_id);
/*
 * The deck the user means by deck: the deck of that name, else the one
 * whose name it is ignoring case, else the only one whose name it starts
 * (ignoring case).  *deck_id gets its id and *name (may be NULL) its name,
 * allocated (both 0 and NULL when deck is NULL).  When no deck or several
 * match, that is said, with the closest names or the candidates, and the
 * result is CLI_FAIL.
 */
int cmd_deck_find(struct cli *c, const char *deck, int64_t *deck_id,
    char **name);
/* The names at idx[0, k) of names, quoted and joined for a message:
 * "\"a\"", "\"a\" or \"b\"", "\"a\", \"b\" or \"c\""; allocated. */
char *cmd_name_list(const char *const *names, const size_t *idx, size_t k);
/* "no NOUN named \"typed\"" and, when names holds close ones, "; did you
 * mean ...?", else tail (may be ""); said on standard error.  Returns
 * whether names were suggested. */
bool cmd_no_such(const char *noun, const char *typed,
    const char *const *names, size_t n, const char *tail);

/* Imports files as "rehearse import" does, with progress on a terminal;
 * *counts (may be NULL) gets what was done.  CLI_OK or CLI_FAIL (said). */
struct import_opts;
struct import_counts;
int cmd_import_files(struct cli *c, struct import_opts *o, char **files,
    int n, struct import_counts *counts);
/* On first use, with no card in the collection, the bundled decks come in. */
int cmd_seed(struct cli *c);

/* The commands, in the order of rehearse --help. */
extern const struct cmd_entry cmd_review_entry, cmd_interview_entry,
    cmd_decks_entry,
    cmd_import_entry, cmd_export_entry, cmd_import_reviews_entry,
    cmd_export_reviews_entry, cmd_config_entry, cmd_list_entry, cmd_stats_entry,
    cmd_edit_entry, cmd_unsuspend_entry, cmd_check_entry, cmd_optimize_entry,
    cmd_evaluate_entry;
/* Finding and managing cards (search.c, manage.c, deck.c, add.c). */
extern const struct cmd_entry cmd_search_entry, cmd_add_entry,
    cmd_delete_entry, cmd_bury_entry, cmd_unbury_entry, cmd_suspend_entry,
    cmd_reset_entry, cmd_deck_entry;
/* The deck list, run when no command is given. */
extern const struct cmd_entry cmd_default_entry;

#endif
