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

#include "core/editor.h"
#include "core/text.h"
#include "core/util.h"

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
	struct strbuf b = { 0 };
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

/* Runs the editor on text; 1 with out filled (deck too when with_deck)
 * when the user changed it, 0 when unchanged, -1 with *errmsg. */
static int
edit_template(const char *text, bool with_deck, editor_hook hook, void *ctx,
    struct editor_result *out, char **errmsg)
{
	const char *tmpdir = getenv("TMPDIR");
	char *path, *edited = NULL;
	int fd, rc = -1;

	memset(out, 0, sizeof(*out));
	if (tmpdir == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	path = xasprintf("%s/rehearse-card-XXXXXX.txt", tmpdir);
	fd = mkstemps(path, 4); /* mode 0600: the card may be private */
	if (fd < 0) {
		set_error(errmsg, "cannot create %s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	if (write_file(fd, text, errmsg) != 0) {
		close(fd);
		goto out;
	}
	close(fd);

	if (hook != NULL)
		hook(false, ctx);
	rc = run_editor(path, errmsg);
	if (hook != NULL)
		hook(true, ctx);
	if (rc != 0)
		goto out;
	rc = -1;
	edited = read_file(path, errmsg);
	if (edited == NULL)
		goto out;
	if (strcmp(edited, text) == 0) {
		rc = 0;
		goto out;
	}
	if (text_card_parse(edited, &out->question, &out->answer, &out->tips,
		&out->tags, errmsg) != 0)
		goto out;
	if (with_deck &&
	    text_card_parse_deck(edited, &out->deck, errmsg) != 0) {
		editor_result_free(out);
		goto out;
	}
	rc = 1;
out:
	unlink(path);
	free(path);
	free(edited);
	return rc;
}

int
editor_edit_card(const struct card *c, editor_hook hook, void *ctx,
    struct editor_result *out, char **errmsg)
{
	char *text = text_card_format(c->question, c->answer, c->tips, c->tags);
	int rc = edit_template(text, false, hook, ctx, out, errmsg);

	free(text);
	return rc;
}

int
editor_add_card(const char *deck, editor_hook hook, void *ctx,
    struct editor_result *out, char **errmsg)
{
	char *text = text_card_format_new(deck);
	int rc = edit_template(text, true, hook, ctx, out, errmsg);

	free(text);
	return rc;
}

void
editor_result_free(struct editor_result *r)
{
	free(r->question);
	free(r->answer);
	free(r->tips);
	free(r->tags);
	free(r->deck);
	memset(r, 0, sizeof(*r));
}

int
editor_edit_text(const char *text, editor_hook hook, void *ctx, char **out,
    char **errmsg)
{
	const char *tmpdir = getenv("TMPDIR");
	char *path;
	int fd, rc;

	*out = NULL;
	if (tmpdir == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	path = xasprintf("%s/rehearse-note-XXXXXX.txt", tmpdir);
	fd = mkstemps(path, 4); /* mode 0600 */
	if (fd < 0) {
		set_error(errmsg, "cannot create %s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	rc = write_file(fd, text, errmsg);
	close(fd);
	if (rc == 0) {
		if (hook != NULL)
			hook(false, ctx);
		rc = run_editor(path, errmsg);
		if (hook != NULL)
			hook(true, ctx);
	}
	if (rc == 0 && (*out = read_file(path, errmsg)) == NULL)
		rc = -1;
	if (rc == 0 && !utf8_valid(*out, strlen(*out), NULL)) {
		free(*out);
		*out = NULL;
		rc = set_error(errmsg, "the note is not valid UTF-8");
	}
	unlink(path);
	free(path);
	return rc;
}
