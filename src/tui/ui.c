#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "core/clock.h"
#include "core/text.h"
#include "tui/screen.h"

/*
 * Keys.  A key is a character (its code point) or a curses function key
 * (KEY_DOWN ...), told apart by UI_FN.
 */
#define UI_FN 0x40000000
#define UI_KEY_NONE (-1)

/* The key codes of actions_key_names, by index. */
static const int key_codes[ACT_KEY_COUNT] = {
	[ACT_KEY_DOWN] = UI_FN | KEY_DOWN,
	[ACT_KEY_UP] = UI_FN | KEY_UP,
	[ACT_KEY_HOME] = UI_FN | KEY_HOME,
	[ACT_KEY_END] = UI_FN | KEY_END,
	[ACT_KEY_PGDN] = UI_FN | KEY_NPAGE,
	[ACT_KEY_PGUP] = UI_FN | KEY_PPAGE,
	[ACT_KEY_ENTER] = '\r',
	[ACT_KEY_SPACE] = ' ',
	[ACT_KEY_ESC] = 27,
	[ACT_KEY_CTRL_L] = 12,
};

/* The key a name stands for; UI_KEY_NONE for an unknown name. */
static int
key_by_name(const char *name, size_t n)
{
	uint32_t cp;

	for (size_t i = 0; i < ACT_KEY_COUNT; i++)
		if (strlen(actions_key_names[i]) == n &&
		    memcmp(actions_key_names[i], name, n) == 0) {
			/* a name added to actions.h but not here */
			if (key_codes[i] == 0)
				die("no key code for the key name %s",
				    actions_key_names[i]);
			return key_codes[i];
		}
	if (n > 0 && text_decode(name, n, &cp) == n && cp != TEXT_INVALID &&
	    cp > ' ')
		return (int)cp;
	return UI_KEY_NONE;
}

/* The same key arrives in more than one form. */
static int
key_normalise(int key)
{
	switch (key) {
	case '\n':
	case UI_FN | KEY_ENTER:
		return '\r';
	case UI_FN | KEY_C1:
		return UI_FN | KEY_END;
	case UI_FN | KEY_A1:
		return UI_FN | KEY_HOME;
	case UI_FN | KEY_C3:
		return UI_FN | KEY_NPAGE;
	case UI_FN | KEY_A3:
		return UI_FN | KEY_PPAGE;
	}
	return key;
}

/* The action key has on screen s: the first row of the table that lists it. */
static enum action
key_action(int key, enum action_screen s)
{
	key = key_normalise(key);
	for (size_t i = 0; i < actions_count; i++) {
		const char *k = actions_table[i].keys;

		if (!(actions_table[i].screens & s))
			continue;
		while (*k != '\0') {
			size_t n = strcspn(k, " ");

			if (key_by_name(k, n) == key)
				return actions_table[i].action;
			k += n;
			k += strspn(k, " ");
		}
	}
	return ACT_NONE;
}

/* ---- signals and the die hook ---- */

static volatile sig_atomic_t got_signal;
static bool curses_on;
static SCREEN *term_screen;
static struct sigaction old_int, old_term, old_hup;

static void
on_signal(int sig)
{
	got_signal = sig;
}

static bool signals_on;

static void
signals_catch(void)
{
	struct sigaction sa;

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

/* ---- the helpers screens share ---- */

void
ui_switch(struct ui *ui, const struct ui_screen_ops *next)
{
	ui->pending = next;
}

void
ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;
	char *raw;

	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	free(ui->msg);
	/* one line: the message line has no room for more */
	ui->msg = text_sanitize_line(raw);
	ui->msg_error = error;
	free(raw);
}

int64_t
ui_now(struct ui *ui)
{
	return clock_now() + ui->later;
}

int64_t
ui_mono(struct ui *ui)
{
	struct timespec ts;

	if (ui->scripted)
		return ui->fake_clock;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
ui_put(int y, int x, const char *s, size_t n, int maxw, attr_t attr)
{
	wchar_t buf[256];
	size_t k = 0, i = 0;
	int w = 0;

	if (maxw <= 0 || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return 0;
	if (maxw > COLS - x)
		maxw = COLS - x;
	move(y, x);
	ui_attr(attr);
	while (i < n) {
		uint32_t cp;
		size_t len = text_decode(s + i, n - i, &cp);
		int cw = text_cp_width(cp);

		if (cw < 0) {
			/* never let a control reach the terminal */
			cp = '?';
			cw = 1;
		}
		if (w + cw > maxw)
			break;
		/* a mark with nothing to sit on would be lost: drop it */
		if (cw == 0 && k == 0 && w == 0) {
			i += len;
			continue;
		}
		buf[k++] = (wchar_t)cp;
		w += cw;
		i += len;
		if (k >= sizeof(buf) / sizeof(buf[0]) - 1) {
			addnwstr(buf, (int)k);
			k = 0;
		}
	}
	if (k > 0)
		addnwstr(buf, (int)k);
	ui_attr(A_NORMAL);
	return w;
}

int
ui_puts(int y, int x, const char *s, int maxw, attr_t attr)
{
	return ui_put(y, x, s, strlen(s), maxw, attr);
}

int
ui_puts_right(int y, int xend, const char *s, attr_t attr)
{
	int w = text_width(s);
	int x = xend - w;

	if (x < 0)
		x = 0;
	return ui_puts(y, x, s, xend - x, attr);
}

void
ui_fill(int y, attr_t attr)
{
	ui_attr(attr);
	mvhline(y, 0, ' ', COLS);
	ui_attr(A_NORMAL);
}

/*
 * Lines.  In a UTF-8 locale the box-drawing characters are written as
 * such: every terminal that takes UTF-8 draws them, while the
 * line-drawing set (ACS) is lost by some of them when TERM says vt100.
 */
static bool unicode_lines;

static void
line_char(int y, int x, int n, wchar_t wc, chtype acs, attr_t attr, bool horiz)
{
	if (n <= 0)
		return;
	if (unicode_lines) {
		cchar_t cc;
		wchar_t s[2] = {wc, L'\0'};

		setcchar(&cc, s, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
		if (horiz)
			mvhline_set(y, x, &cc, n);
		else
			mvadd_wch(y, x, &cc);
	} else {
		ui_attr(attr);
		if (horiz)
			mvhline(y, x, acs, n);
		else
			mvaddch(y, x, acs);
		ui_attr(A_NORMAL);
	}
}

void
ui_hline(int y, int x, int n, attr_t attr)
{
	line_char(y, x, n, L'\u2500', ACS_HLINE, attr, true);
}

void
ui_vbar(int y, int x, attr_t attr)
{
	line_char(y, x, 1, L'\u2502', ACS_VLINE, attr, false);
}

void
ui_text_column(int *x, int *w)
{
	int width = COLS - 4;

	if (width > UI_TEXT_MAX)
		width = UI_TEXT_MAX;
	*w = width;
	*x = (COLS - width) / 2;
}

void
ui_format_duration(int64_t ms, char *buf, size_t n)
{
	int64_t s = ms < 0 ? 0 : ms / 1000;

	if (s >= 3600)
		snprintf(buf, n, "%d:%02d:%02d", (int)(s / 3600),
		    (int)(s / 60 % 60), (int)(s % 60));
	else
		snprintf(buf, n, "%d:%02d", (int)(s / 60), (int)(s % 60));
}

void
ui_format_due(int64_t now, int64_t due, char *buf, size_t n)
{
	char in[32], when[48];
	time_t tn = (time_t)(now / 1000), td = (time_t)(due / 1000);
	struct tm a, b;

	if (due <= now) {
		snprintf(buf, n, "now");
		return;
	}
	if (fsrs_format_interval(due - now, in, sizeof(in)) != 0)
		snprintf(in, sizeof(in), "?");
	localtime_r(&tn, &a);
	localtime_r(&td, &b);
	if (a.tm_year == b.tm_year && a.tm_yday == b.tm_yday) {
		strftime(when, sizeof(when), "today %H:%M", &b);
	} else {
		struct tm t = a;
		time_t next;

		/* the calendar day after now's, whatever DST does */
		t.tm_mday++;
		t.tm_hour = 12;
		t.tm_min = t.tm_sec = 0;
		t.tm_isdst = -1;
		next = mktime(&t);
		localtime_r(&next, &t);
		if (t.tm_year == b.tm_year && t.tm_yday == b.tm_yday)
			strftime(when, sizeof(when), "tomorrow %H:%M", &b);
		else if (a.tm_year == b.tm_year)
			strftime(when, sizeof(when), "%a %d %b", &b);
		else
			strftime(when, sizeof(when), "%a %d %b %Y", &b);
	}
	snprintf(buf, n, "in %s (%s)", in, when);
}

void
ui_end_session(struct ui *ui)
{
	session_free(ui->se);
	ui->se = NULL;
}

int
ui_body_height(void)
{
	return LINES - 4;
}

bool
ui_undo(struct ui *ui)
{
	char *err = NULL;
	int rc;

	if (!session_can_undo(ui->se)) {
		ui_message(ui, false, "Nothing to undo in this session.");
		return false;
	}
	rc = session_undo(ui->se, ui_now(ui), &err);
	if (rc < 0)
		ui_message(ui, true, "Could not undo: %s", err);
	else if (rc == SESSION_STALE)
		ui_message(ui, true, "Answer undone; the counts may be old: %s", err);
	else
		ui_message(ui, false, "Answer undone.");
	free(err);
	return rc >= 0;
}

void
ui_hints(struct ui *ui, const struct ui_hint *h, size_t n, int gap, bool all)
{
	int x = 1;

	ui_fill(LINES - 1, ui->a_bar);
	for (size_t i = 0; i < n && x < COLS - 1; i++) {
		char keys[32];

		actions_keys_text(h[i].action, all, keys, sizeof(keys));
		if (i > 0)
			x += gap;
		if (keys[0] != '\0')
			x += ui_puts(LINES - 1, x, keys, COLS - 1 - x, ui->a_bar) + 1;
		x += ui_puts(LINES - 1, x, h[i].label, COLS - 1 - x, ui->a_bar);
	}
}

int
ui_hints_width(const struct ui_hint *h, size_t n, int gap, bool all)
{
	int w = 0;

	for (size_t i = 0; i < n; i++) {
		char keys[32];

		actions_keys_text(h[i].action, all, keys, sizeof(keys));
		w += (i > 0 ? gap : 0) + text_width(h[i].label);
		if (keys[0] != '\0')
			w += text_width(keys) + 1;
	}
	return w;
}

/* ---- drawing ---- */

static void
draw_too_small(void)
{
	char line[2][64];
	int y = LINES / 2 - 1;

	if (y < 0)
		y = 0;
	snprintf(line[0], sizeof(line[0]), "Terminal too small: %dx%d", COLS, LINES);
	snprintf(line[1], sizeof(line[1]), "rehearse needs %dx%d", UI_MIN_COLS,
	    UI_MIN_LINES);
	for (int i = 0; i < 2; i++) {
		int w = text_width(line[i]);
		int x = w < COLS ? (COLS - w) / 2 : 0;

		ui_puts(y + i, x, line[i], COLS - x, i == 0 ? A_BOLD : A_NORMAL);
	}
}

static bool
too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
}

static enum action_screen
current_keys(struct ui *ui)
{
	return ui->help ? ACT_SCREEN_HELP : ui->view->ops->keys(ui, ui->view->state);
}

static void
draw(struct ui *ui)
{
	erase();
	if (too_small()) {
		draw_too_small();
	} else if (ui->help) {
		ui_help_draw(ui, ui->view->ops->keys(ui, ui->view->state));
	} else {
		ui->view->ops->draw(ui, ui->view->state);
	}
	if (ui->msg != NULL && !too_small()) {
		int y = LINES - 2;

		ui_fill(y, A_NORMAL);
		ui_puts(y, 1, ui->msg, COLS - 2, ui->msg_error ? ui->a_warn : A_BOLD);
	}
	curs_set(0);
	wnoutrefresh(stdscr);
	doupdate();
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

/* ---- keys from the terminal or from a script ---- */

struct script {
	FILE *f;
	char *line;
	size_t cap;
	const char *p; /* the rest of the current line */
	int lineno;
};

/*
 * The virtual screen as text, one line per row, trailing blanks cut.
 * Line-drawing characters are written as '-' and '|', so that a dump
 * reads the same whatever the terminal's line-drawing set.
 */
static int
dump_screen(const char *path, char **errmsg)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return set_error(errmsg, "cannot write %s: %s", path, strerror(errno));
	for (int y = 0; y < LINES; y++) {
		struct strbuf b = {0};

		for (int x = 0; x < COLS; x++) {
			cchar_t cc;
			wchar_t wch[CCHARW_MAX + 1];
			attr_t attrs;
			short pair;
			int w = 1;

			if (mvin_wch(y, x, &cc) == ERR ||
			    getcchar(&cc, wch, &attrs, &pair, NULL) == ERR) {
				strbuf_addc(&b, '?');
				continue;
			}
			if (attrs & A_ALTCHARSET) {
				strbuf_addc(&b, wch[0] == L'x' ? '|' : '-');
				continue;
			}
			if (wch[0] == L'\u2500' || wch[0] == L'\u2502') {
				strbuf_addc(&b, wch[0] == L'\u2502' ? '|' : '-');
				continue;
			}
			for (int i = 0; i < CCHARW_MAX && wch[i] != L'\0'; i++) {
				char mb[MB_LEN_MAX];
				mbstate_t st;
				size_t k;

				if (i == 0 && wcwidth(wch[0]) > 1)
					w = wcwidth(wch[0]);
				memset(&st, 0, sizeof(st));
				k = wcrtomb(mb, wch[i], &st);
				if (k == (size_t)-1)
					strbuf_addc(&b, '?');
				else
					strbuf_add(&b, mb, k);
			}
			x += w - 1; /* a wide character fills two cells */
		}
		while (b.len > 0 && b.s[b.len - 1] == ' ')
			b.s[--b.len] = '\0';
		fprintf(f, "%s\n", strbuf_str(&b));
		strbuf_free(&b);
	}
	if (fclose(f) != 0)
		return set_error(errmsg, "cannot write %s: %s", path, strerror(errno));
	return 0;
}

static void
resize_to(struct ui *ui, const char *arg)
{
	int cols, lines;

	(void)ui;
	if (sscanf(arg, "%dx%d", &cols, &lines) == 2 && cols > 0 && lines > 0)
		resizeterm(lines, cols);
}

/*
 * The next key of the script, running the commands met on the way
 * (":dump FILE", ":resize COLSxLINES", ":wait SECONDS", ":later SECONDS",
 * ":signal NAME").
 * UI_KEY_NONE at the end of the script; KEY_RESIZE after a resize.
 */
static int
script_key(struct ui *ui, struct script *sc, char **errmsg, int *status)
{
	for (;;) {
		size_t n;
		int key;

		if (sc->p == NULL || *sc->p == '\0') {
			ssize_t got = getline(&sc->line, &sc->cap, sc->f);

			if (got < 0)
				return UI_KEY_NONE;
			sc->lineno++;
			while (got > 0 && (sc->line[got - 1] == '\n' ||
			    sc->line[got - 1] == '\r'))
				sc->line[--got] = '\0';
			sc->p = sc->line + strspn(sc->line, " \t");
			if (*sc->p == '#') {
				sc->p = NULL;
				continue;
			}
			if (*sc->p == ':') {
				const char *cmd = sc->p + 1;
				const char *arg = cmd + strcspn(cmd, " ");

				arg += strspn(arg, " ");
				sc->p = NULL;
				if (strncmp(cmd, "dump ", 5) == 0) {
					draw(ui);
					if (dump_screen(arg, errmsg) != 0) {
						*status = -1;
						return UI_KEY_NONE;
					}
				} else if (strncmp(cmd, "resize ", 7) == 0) {
					resize_to(ui, arg);
					return UI_FN | KEY_RESIZE;
				} else if (strncmp(cmd, "wait ", 5) == 0) {
					ui->fake_clock += (int64_t)(atof(arg) * 1000);
				} else if (strncmp(cmd, "later ", 6) == 0) {
					ui->later += (int64_t)(atof(arg) * 1000);
					/* round the loop: the screen sees the time */
					return UI_KEY_NONE - 1;
				} else if (strncmp(cmd, "signal ", 7) == 0) {
					int sig = strcmp(arg, "HUP") == 0 ? SIGHUP :
					    strcmp(arg, "TERM") == 0 ? SIGTERM :
					    strcmp(arg, "INT") == 0 ? SIGINT : 0;

					if (sig == 0) {
						*status = set_error(errmsg,
						    "script line %d: unknown signal \"%s\"",
						    sc->lineno, arg);
						return UI_KEY_NONE;
					}
					raise(sig);
					return UI_KEY_NONE - 1;
				} else {
					*status = set_error(errmsg,
					    "script line %d: unknown command :%s",
					    sc->lineno, cmd);
					return UI_KEY_NONE;
				}
				continue;
			}
		}
		/* keys: names from the action table, blank-separated */
		sc->p += strspn(sc->p, " \t");
		n = strcspn(sc->p, " \t");
		if (n == 0) {
			sc->p = NULL;
			continue;
		}
		key = key_by_name(sc->p, n);
		if (key == UI_KEY_NONE) {
			*status = set_error(errmsg, "script line %d: unknown key \"%.*s\"",
			    sc->lineno, (int)n, sc->p);
			return UI_KEY_NONE;
		}
		sc->p += n;
		return key;
	}
}

/* The next key from the terminal; UI_KEY_NONE - 1 on a timeout or signal. */
static int
terminal_key(struct ui *ui)
{
	wint_t wc;
	int r;

	const struct ui_screen_ops *ops = ui->view->ops;

	wtimeout(stdscr, ops->ticking != NULL &&
	    ops->ticking(ui, ui->view->state) && !ui->help ? 250 : 1000);
	r = wget_wch(stdscr, &wc);
	if (r == ERR)
		return UI_KEY_NONE - 1;
	if (r == KEY_CODE_YES)
		return UI_FN | (int)wc;
	return (int)wc;
}

/* ---- the loop ---- */

/* The view of the screen ops, with its state: made on the first visit. */
static struct ui_view *
view_for(struct ui *ui, const struct ui_screen_ops *ops)
{
	struct ui_view *v;

	for (size_t i = 0; i < ui->nviews; i++)
		if (ui->views[i].ops == ops)
			return &ui->views[i];
	/* a screen added without raising UI_MAX_VIEWS */
	if (ui->nviews == UI_MAX_VIEWS)
		die("too many screens (%s)", ops->name);
	v = &ui->views[ui->nviews++];
	v->ops = ops;
	v->state = xcalloc(1, ops->state_size > 0 ? ops->state_size : 1);
	return v;
}

/* The current screen is left, if there is one. */
static void
leave(struct ui *ui)
{
	struct ui_view *v = ui->view;

	ui->view = NULL;
	if (v != NULL && v->ops->done != NULL)
		v->ops->done(ui, v->state);
}

static int
enter(struct ui *ui, const struct ui_screen_ops *next, char **errmsg)
{
	leave(ui);
	ui->view = view_for(ui, next);
	ui->help = false;
	return next->open(ui, ui->view->state, errmsg);
}

/* Enters the screens asked for with ui_switch, until none is. */
static int
enter_pending(struct ui *ui, char **errmsg)
{
	while (ui->pending != NULL) {
		const struct ui_screen_ops *next = ui->pending;

		ui->pending = NULL;
		if (enter(ui, next, errmsg) != 0)
			return -1;
	}
	return 0;
}

static int
handle(struct ui *ui, int key, char **errmsg)
{
	enum action a;

	if (key == (UI_FN | KEY_RESIZE))
		return 0;
	a = key_action(key, current_keys(ui));
	free(ui->msg);
	ui->msg = NULL;
	if (a == ACT_NONE)
		return 0;
	if (a == ACT_REDRAW) {
		clearok(curscr, TRUE);
		return 0;
	}
	/* nothing happens blind, but q and Esc still get out */
	if (too_small() && a != ACT_QUIT && a != ACT_BACK && a != ACT_HELP_CLOSE)
		return 0;
	if (ui->help) {
		if (a == ACT_HELP_CLOSE)
			ui->help = false;
		else
			ui_help_request(ui, a);
		return 0;
	}
	if (a == ACT_HELP) {
		ui->help = true;
		ui->help_top = 0;
		return 0;
	}
	if (ui->view->ops->request(ui, ui->view->state, a, errmsg) != 0)
		return -1;
	return enter_pending(ui, errmsg);
}

static int
loop(struct ui *ui, struct script *sc, char **errmsg)
{
	int status = 0;

	while (!ui->quit && status == 0) {
		int key;

		if (got_signal)
			break;
		if (ui->view->ops->tick != NULL && !too_small()) {
			ui->view->ops->tick(ui, ui->view->state);
			if (enter_pending(ui, errmsg) != 0) {
				status = -1;
				break;
			}
		}
		draw(ui);
		key = sc != NULL ? script_key(ui, sc, errmsg, &status) :
		    terminal_key(ui);
		if (status != 0)
			break;
		if (key == UI_KEY_NONE)
			break; /* the end of the script */
		if (key == UI_KEY_NONE - 1)
			continue;
		status = handle(ui, key, errmsg);
	}
	leave(ui);
	return status;
}

static int
start_curses(struct ui *ui, FILE **in, FILE **out, char **errmsg)
{
	*in = *out = NULL;
	if (ui->scripted) {
		const char *term = getenv("TERM");

		/* a terminal of LINES x COLUMNS that writes nowhere */
		*in = fopen("/dev/null", "r");
		*out = fopen("/dev/null", "w");
		if (*in == NULL || *out == NULL)
			return set_error(errmsg, "cannot open /dev/null");
		term_screen = newterm(term != NULL && *term != '\0' ? term : "xterm",
		    *out, *in);
		if (term_screen == NULL)
			return set_error(errmsg, "cannot start curses for TERM=%s",
			    term != NULL ? term : "");
	} else {
		const char *term = getenv("TERM");

		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
			return set_error(errmsg,
			    "the review screen needs a terminal (try rehearse decks)");
		term_screen = newterm(NULL, stdout, stdin);
		if (term_screen == NULL)
			return set_error(errmsg, "cannot use the terminal (TERM=%s)",
			    term != NULL ? term : "unset");
	}
	curses_on = true;
	unicode_lines = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
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

int
ui_run(struct store *st, struct settings *set, const struct ui_opts *o,
    char **errmsg)
{
	struct ui ui;
	struct script sc = {0};
	FILE *tin = NULL, *tout = NULL;
	const struct ui_screen_ops *first;
	int status = -1;

	memset(&ui, 0, sizeof(ui));
	ui.st = st;
	ui.set = set;
	ui.opts = o;
	ui.scripted = o->script != NULL;
	first = &ui_decks_ops;
	if (o->review) {
		ui.deck_id = o->deck_id;
		ui.deck_name = text_sanitize_line(o->deck != NULL ? o->deck :
		    "All decks");
		first = &ui_review_ops;
	}
	if (ui.scripted) {
		sc.f = fopen(o->script, "r");
		if (sc.f == NULL) {
			set_error(errmsg, "cannot read %s: %s", o->script, strerror(errno));
			goto out;
		}
	}
	got_signal = 0;
	signals_catch();
	util_set_die_hook(die_hook);
	if (start_curses(&ui, &tin, &tout, errmsg) != 0)
		goto out;
	if (enter(&ui, first, errmsg) == 0 && enter_pending(&ui, errmsg) == 0)
		status = loop(&ui, ui.scripted ? &sc : NULL, errmsg);
out:
	curses_stop();
	if (term_screen != NULL) {
		delscreen(term_screen);
		term_screen = NULL;
	}
	util_set_die_hook(NULL);
	signals_restore();
	leave(&ui);
	for (size_t i = 0; i < ui.nviews; i++)
		free(ui.views[i].state);
	ui_end_session(&ui);
	free(ui.deck_name);
	free(ui.msg);
	if (sc.f != NULL)
		fclose(sc.f);
	free(sc.line);
	if (tin != NULL)
		fclose(tin);
	if (tout != NULL)
		fclose(tout);
	return status;
}
