/*
 * ui_edit.c - editing the current card in the user's editor.
 *
 * The card goes to a private temporary file (text_card_format), curses
 * steps aside while $EDITOR (else $VISUAL, else vi) runs, and the file is
 * read back with text_card_parse.  Anything wrong leaves the card as it
 * was and says why on the message line.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "text.h"
#include "ui_screen.h"

static const char *
editor_command(void)
{
	const char *e = getenv("EDITOR");

	if (e == NULL || *e == '\0')
		e = getenv("VISUAL");
	if (e == NULL || *e == '\0')
		e = "vi";
	return e;
}

static int
write_file(int fd, const char *s, char **errmsg)
{
	size_t n = strlen(s);

	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return set_error(errmsg, "cannot write the card: %s",
			    strerror(errno));
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

static char *
read_file(const char *path, char **errmsg)
{
	FILE *f = fopen(path, "r");
	struct strbuf b = {0};
	char chunk[4096];
	size_t n;

	if (f == NULL) {
		set_error(errmsg, "cannot read the edited card: %s", strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (memchr(chunk, '\0', n) != NULL) {
			fclose(f);
			strbuf_free(&b);
			set_error(errmsg, "the edited card holds a NUL byte");
			return NULL;
		}
		strbuf_add(&b, chunk, n);
	}
	if (ferror(f)) {
		fclose(f);
		strbuf_free(&b);
		set_error(errmsg, "cannot read the edited card");
		return NULL;
	}
	fclose(f);
	return strbuf_detach(&b);
}

/* Runs the editor on path with the terminal in its normal mode; 0 when it
 * exited with status 0. */
static int
run_editor(const char *path, char **errmsg)
{
	const char *editor = editor_command();
	/* as git does: the shell splits "$EDITOR", the path stays one word */
	char *script = xasprintf("%s \"$@\"", editor);
	struct sigaction ign, old_int, old_quit;
	pid_t pid;
	int st = 0, status = -1;

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	/* Ctrl-C in the editor is the editor's, not a reason to quit */
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		execl("/bin/sh", "sh", "-c", script, editor, path, (char *)NULL);
		_exit(127);
	}
	if (pid < 0) {
		set_error(errmsg, "cannot start the editor: %s", strerror(errno));
	} else {
		while (waitpid(pid, &st, 0) < 0) {
			if (errno != EINTR) {
				set_error(errmsg, "lost the editor: %s", strerror(errno));
				goto out;
			}
		}
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
			status = 0;
		else if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
			set_error(errmsg, "could not run the editor \"%s\"", editor);
		else if (WIFEXITED(st))
			set_error(errmsg, "the editor exited with status %d",
			    WEXITSTATUS(st));
		else
			set_error(errmsg, "the editor was killed by signal %d",
			    WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	}
out:
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	free(script);
	return status;
}

int
ui_edit_card(struct ui *ui, char **errmsg)
{
	const struct card *c = session_card(ui->se);
	const char *tmpdir = getenv("TMPDIR");
	char *path, *text = NULL, *edited = NULL, *err = NULL;
	char *q = NULL, *a = NULL, *t = NULL, *g = NULL;
	int fd;

	(void)errmsg;
	if (c == NULL)
		return 0;
	if (tmpdir == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	path = xasprintf("%s/rehearse-card-XXXXXX.txt", tmpdir);
	fd = mkstemps(path, 4); /* mode 0600: the card may be private */
	if (fd < 0) {
		ui_message(ui, true, "Not edited: cannot create %s: %s", path,
		    strerror(errno));
		free(path);
		return 0;
	}
	text = text_card_format(c->question, c->answer, c->tips, c->tags);
	if (write_file(fd, text, &err) != 0) {
		close(fd);
		goto out;
	}
	close(fd);

	def_prog_mode();
	endwin();
	if (run_editor(path, &err) != 0) {
		reset_prog_mode();
		clearok(curscr, TRUE);
		goto out;
	}
	reset_prog_mode();
	clearok(curscr, TRUE);

	edited = read_file(path, &err);
	if (edited == NULL)
		goto out;
	if (strcmp(edited, text) == 0) {
		ui_message(ui, false, "Card unchanged.");
		goto out;
	}
	if (text_card_parse(edited, &q, &a, &t, &g, &err) != 0)
		goto out;
	if (session_edit(ui->se, q, a, t, g, ui_now(ui), &err) != 0)
		goto out;
	ui_review_reload(ui);
	ui_message(ui, false, "Card saved.");
out:
	if (err != NULL)
		ui_message(ui, true, "Not saved: %s. The card is unchanged.", err);
	unlink(path);
	free(path);
	free(text);
	free(edited);
	free(q);
	free(a);
	free(t);
	free(g);
	free(err);
	return 0;
}
