/*
 * script.c - the scripted-keys mode, for tests: keys read from a file,
 * with commands that dump the screen as text, resize it, move the clocks
 * on and send signals (tests/ui/README has the language).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/loop.h"

struct script {
	FILE *f;
	char *line;
	size_t cap;
	const char *p; /* the rest of the current line */
	int lineno;
};

struct script *
script_open(const char *path, char **errmsg)
{
	struct script *sc = xcalloc(1, sizeof(*sc));

	sc->f = fopen(path, "r");
	if (sc->f == NULL) {
		set_error(errmsg, "cannot read %s: %s", path, strerror(errno));
		free(sc);
		return NULL;
	}
	return sc;
}

void
script_close(struct script *sc)
{
	if (sc == NULL)
		return;
	fclose(sc->f);
	free(sc->line);
	free(sc);
}

/*
 * The cell at (y, x) as text into b; returns the columns it takes.
 * Line-drawing characters are written as '-' and '|', so that a dump
 * reads the same whatever the terminal's line-drawing set.
 */
static int
dump_cell(int y, int x, struct strbuf *b)
{
	cchar_t cc;
	wchar_t wch[CCHARW_MAX + 1];
	attr_t attrs;
	short pair;
	int w = 1;

	if (mvin_wch(y, x, &cc) == ERR ||
	    getcchar(&cc, wch, &attrs, &pair, NULL) == ERR) {
		strbuf_addc(b, '?');
		return 1;
	}
	if (attrs & A_ALTCHARSET) {
		strbuf_addc(b, wch[0] == L'x' ? '|' : '-');
		return 1;
	}
	if (wch[0] == L'\u2500' || wch[0] == L'\u2502') {
		strbuf_addc(b, wch[0] == L'\u2502' ? '|' : '-');
		return 1;
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
			strbuf_addc(b, '?');
		else
			strbuf_add(b, mb, k);
	}
	return w; /* a wide character fills two cells */
}

/* The virtual screen as text, one line per row, trailing blanks cut. */
static int
dump_screen(const char *path, char **errmsg)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return set_error(errmsg, "cannot write %s: %s", path, strerror(errno));
	for (int y = 0; y < LINES; y++) {
		struct strbuf b = { 0 };

		for (int x = 0; x < COLS; x += dump_cell(y, x, &b))
			;
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
resize_to(const char *arg)
{
	int cols, lines;

	if (sscanf(arg, "%dx%d", &cols, &lines) == 2 && cols > 0 && lines > 0)
		resizeterm(lines, cols);
}

/* What run_command returns when the script goes on to its next line:
 * no key name stands for 0. */
#define GO_ON 0

/*
 * Runs the command cmd (a line after its ':').  Returns GO_ON, or what
 * script_key returns next: UI_FN | KEY_RESIZE after a resize, UI_KEY_AGAIN
 * when the loop should go round, UI_KEY_NONE on an error (-1 in *status,
 * with *errmsg).
 */
static int
run_command(struct ui *ui, struct script *sc, const char *cmd, int *status,
    char **errmsg)
{
	const char *arg = cmd + strcspn(cmd, " ");

	arg += strspn(arg, " ");
	if (strncmp(cmd, "dump ", 5) == 0) {
		ui_repaint(ui);
		if (dump_screen(arg, errmsg) != 0)
			*status = -1;
		return *status != 0 ? UI_KEY_NONE : GO_ON;
	}
	if (strncmp(cmd, "resize ", 7) == 0) {
		resize_to(arg);
		return UI_FN | KEY_RESIZE;
	}
	if (strncmp(cmd, "wait ", 5) == 0) {
		ui->fake_clock += (int64_t)(atof(arg) * 1000);
		return GO_ON;
	}
	if (strncmp(cmd, "later ", 6) == 0) {
		ui->later += (int64_t)(atof(arg) * 1000);
		/* round the loop: the screen sees the time */
		return UI_KEY_AGAIN;
	}
	if (strncmp(cmd, "signal ", 7) == 0) {
		int sig = strcmp(arg, "HUP") == 0 ? SIGHUP : strcmp(arg, "TERM") == 0 ? SIGTERM
		                                         : strcmp(arg, "INT") == 0    ? SIGINT
		                                                                      : 0;

		if (sig == 0) {
			*status = set_error(errmsg,
			    "script line %d: unknown signal \"%s\"", sc->lineno, arg);
			return UI_KEY_NONE;
		}
		raise(sig);
		return UI_KEY_AGAIN;
	}
	*status = set_error(errmsg, "script line %d: unknown command :%s",
	    sc->lineno, cmd);
	return UI_KEY_NONE;
}

/* Reads the next line into sc->p, cut of its line end and leading
 * blanks; false at the end of the script. */
static bool
next_line(struct script *sc)
{
	ssize_t got = getline(&sc->line, &sc->cap, sc->f);

	if (got < 0)
		return false;
	sc->lineno++;
	while (got > 0 && (sc->line[got - 1] == '\n' || sc->line[got - 1] == '\r'))
		sc->line[--got] = '\0';
	sc->p = sc->line + strspn(sc->line, " \t");
	return true;
}

int
script_key(struct ui *ui, struct script *sc, int *status, char **errmsg)
{
	for (;;) {
		size_t n;
		int key;

		if (sc->p == NULL || *sc->p == '\0') {
			if (!next_line(sc))
				return UI_KEY_NONE;
			if (*sc->p == '#') {
				sc->p = NULL;
				continue;
			}
			if (*sc->p == ':') {
				const char *cmd = sc->p + 1;

				sc->p = NULL;
				key = run_command(ui, sc, cmd, status, errmsg);
				if (key != GO_ON)
					return key;
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
		key = keys_by_name(sc->p, n);
		if (key == UI_KEY_NONE) {
			*status = set_error(errmsg, "script line %d: unknown key \"%.*s\"",
			    sc->lineno, (int)n, sc->p);
			return UI_KEY_NONE;
		}
		sc->p += n;
		return key;
	}
}
