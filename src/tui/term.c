/*
 * term.c - the terminal: curses started and stopped, the colours, the
 * signals that end the program, and the die hook that gives the terminal
 * back before anything is printed.
 *
 * The terminal is one for the process, so its state is kept here and
 * nowhere else; the screens know nothing of it.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/loop.h"

static volatile sig_atomic_t got_signal;
static bool signals_on;
static struct sigaction old_int, old_term, old_hup;

static bool curses_on;
static SCREEN *term_screen;
/* /dev/null, the terminal of the scripted mode */
static FILE *null_in, *null_out;
static bool unicode_lines, ascii_lines;

static void
on_signal(int sig)
{
	got_signal = sig;
}

static void
signals_catch(void)
{
	struct sigaction sa;

	got_signal = 0;
	signals_on = true;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a signal ends a blocking read at once */
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGHUP, &sa, &old_hup);
}

static void
signals_restore(void)
{
	if (!signals_on)
		return;
	signals_on = false;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
}

static void
curses_stop(void)
{
	if (curses_on) {
		curses_on = false;
		if (!isendwin())
			endwin();
	}
}

static void
die_hook(void)
{
	curses_stop();
	signals_restore();
}

static void
setup_colours(struct ui *ui)
{
	const char *nc = getenv("NO_COLOR");

	ui->a_bar = A_REVERSE;
	ui->a_strong = A_BOLD;
	ui->a_dim = A_DIM;
	ui->a_accent = A_BOLD;
	ui->a_warn = A_BOLD;
	if (!has_colors() || (nc != NULL && nc[0] != '\0'))
		return;
	if (start_color() == ERR || use_default_colors() == ERR)
		return;
	/* default background, so both dark and light terminals work */
	init_pair(1, COLOR_CYAN, -1);
	init_pair(2, COLOR_RED, -1);
	ui->a_accent = A_BOLD | COLOR_PAIR(1);
	ui->a_warn = A_BOLD | COLOR_PAIR(2);
}

/* A terminal of LINES x COLUMNS that writes nowhere. */
static int
open_scripted(char **errmsg)
{
	const char *term = getenv("TERM");

	null_in = fopen("/dev/null", "r");
	null_out = fopen("/dev/null", "w");
	if (null_in == NULL || null_out == NULL)
		return set_error(errmsg, "cannot open /dev/null");
	term_screen = newterm(term != NULL && *term != '\0' ? term : "xterm",
	    null_out, null_in);
	if (term_screen == NULL)
		return set_error(errmsg, "cannot start curses for TERM=%s",
		    term != NULL ? term : "");
	return 0;
}

static bool
have_string(const char *cap)
{
	const char *v = tigetstr(cap);

	return v != NULL && v != (const char *)-1 && *v != '\0';
}

/*
 * Whether lines drawn with the line-drawing set (ACS) show as lines: the
 * terminal declares the set, with the horizontal and vertical line, and a
 * way to switch to it.  A terminal that declares UTF-8 mode (U8, as
 * screen and linux do) ignores the switch outside a UTF-8 locale, and
 * would show the letters that stand for the lines ("qqqq").
 */
static bool
acs_works(void)
{
	const char *acsc = tigetstr("acsc");
	bool h = false, v = false;

	if (!have_string("acsc") || !have_string("smacs") || tigetnum("U8") > 0)
		return false;
	for (size_t i = 0; acsc[i] != '\0' && acsc[i + 1] != '\0'; i += 2) {
		h |= acsc[i] == 'q';
		v |= acsc[i] == 'x';
	}
	return h && v;
}

/* Whether the terminal can put text anywhere: a dumb one (TERM=dumb, an
 * editor's shell buffer) cannot, and would show a footer alone. */
static bool
can_place_text(void)
{
	return have_string("cup");
}

static int
open_terminal(char **errmsg)
{
	const char *term = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return set_error(errmsg,
		    "the screens need a terminal: standard input and output"
		    " are no terminal (the commands work: rehearse --help)");
	term_screen = newterm(NULL, stdout, stdin);
	if (term_screen == NULL)
		return set_error(errmsg, "cannot use the terminal (TERM=%s)",
		    term != NULL ? term : "unset");
	if (!can_place_text()) {
		endwin();
		return set_error(errmsg,
		    "the screens need a terminal that can move the cursor, and"
		    " TERM=%s cannot (the commands work: rehearse --help)",
		    term != NULL ? term : "unset");
	}
	return 0;
}

int
term_start(struct ui *ui, char **errmsg)
{
	signals_catch();
	util_set_die_hook(die_hook);
	if ((ui->scripted ? open_scripted(errmsg) : open_terminal(errmsg)) != 0)
		return -1;
	curses_on = true;
	unicode_lines = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	ascii_lines = !unicode_lines && !acs_works();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	/* long enough for an arrow key over a slow link, short for Esc */
	set_escdelay(100);
	curs_set(0);
	setup_colours(ui);
	return 0;
}

void
term_stop(void)
{
	curses_stop();
	if (term_screen != NULL) {
		delscreen(term_screen);
		term_screen = NULL;
	}
	util_set_die_hook(NULL);
	signals_restore();
	if (null_in != NULL)
		fclose(null_in);
	if (null_out != NULL)
		fclose(null_out);
	null_in = null_out = NULL;
}

int
term_signal(void)
{
	return got_signal;
}

bool
term_unicode_lines(void)
{
	return unicode_lines;
}

bool
term_ascii_lines(void)
{
	return ascii_lines;
}
