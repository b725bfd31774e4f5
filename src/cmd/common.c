#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/json.h"
#include "core/names.h"
#include "core/text.h"

int
cmd_tty_columns(void)
{
	struct winsize ws;

	if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0)
		return 0;
	return ws.ws_col;
}

void
cmd_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	opt_vwarn(fmt, ap);
	va_end(ap);
}

void
cmd_say(const char *fmt, ...)
{
	va_list ap;
	char *raw, *clean;

	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	clean = text_sanitize(raw);
	printf("%s\n", clean);
	free(clean);
	free(raw);
}

int
cmd_fail(char *msg)
{
	cmd_warn("%s", msg != NULL ? msg : "failed");
	free(msg);
	return CLI_FAIL;
}

int
cmd_flush(int rc)
{
	int flushed = fflush(stdout);

	if (flushed != 0 || ferror(stdout)) {
		cmd_warn("standard output: %s",
		    flushed != 0 ? strerror(errno) : "write error");
		/* Said once: a later flush does not say it again. */
		clearerr(stdout);
		return CLI_FAIL;
	}
	return rc;
}

void
cmd_json_string(const char *s)
{
	struct strbuf b = { 0 };

	json_add_string(&b, s);
	fputs(strbuf_str(&b), stdout);
	strbuf_free(&b);
}

/* Whether path names standard output itself rather than a file. */
static bool
is_stdout(const char *path)
{
	return strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0 ||
	       strcmp(path, "/dev/fd/1") == 0 || strcmp(path, "/proc/self/fd/1") == 0;
}

/* Opens path as it is, for what must not be replaced: a device, a FIFO,
 * anything under /dev or /proc: flags 0 creates and truncates nothing. */
static int
output_through(struct cmd_output *o, const char *path, int flags)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | flags, 0666);

	if (fd < 0 || (o->f = fdopen(fd, "w")) == NULL) {
		cmd_warn("%s: cannot write: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return CLI_FAIL;
	}
	o->direct = true;
	return CLI_OK;
}

/* A temporary file beside target, with mode: the file renamed over target
 * by cmd_output_close. */
static int
output_replace(struct cmd_output *o, const char *target, mode_t mode)
{
	int fd;

	o->target = xstrdup(target);
	o->tmp = xasprintf("%s.tmp-XXXXXX", target);
	fd = mkstemp(o->tmp);
	if (fd < 0 || fchmod(fd, mode) < 0 || (o->f = fdopen(fd, "w")) == NULL) {
		cmd_warn("%s: cannot write: %s", o->path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->tmp);
		free(o->target);
		o->tmp = o->target = NULL;
		return CLI_FAIL;
	}
	return CLI_OK;
}

int
cmd_output_open(struct cmd_output *o, const char *path)
{
	struct stat sb;
	char *real;
	mode_t mask;
	int rc;

	memset(o, 0, sizeof(*o));
	o->path = path;
	if (path == NULL || is_stdout(path)) {
		o->f = stdout;
		return CLI_OK;
	}
	if (strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0)
		return output_through(o, path, 0);
	if (stat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode)) {
			cmd_warn("%s: is a directory", path);
			return CLI_FAIL;
		}
		if (!S_ISREG(sb.st_mode))
			return output_through(o, path, 0);
		/* A symlink is followed: its target is replaced, keeping its mode. */
		if ((real = realpath(path, NULL)) == NULL) {
			cmd_warn("%s: %s", path, strerror(errno));
			return CLI_FAIL;
		}
		rc = output_replace(o, real, sb.st_mode & 07777);
		free(real);
		return rc;
	}
	if (lstat(path, &sb) == 0) /* a dangling symlink: create its target */
		return output_through(o, path, O_CREAT | O_TRUNC);
	/* A new file gets the mode any new file gets. */
	mask = umask(0);
	umask(mask);
	return output_replace(o, path, 0666 & ~mask);
}

int
cmd_output_close(struct cmd_output *o, int rc)
{
	if (o->f == stdout)
		return cmd_flush(rc);
	if (fclose(o->f) != 0 && rc == CLI_OK) {
		cmd_warn("%s: %s", o->path, strerror(errno));
		rc = CLI_FAIL;
	}
	if (o->direct)
		return rc;
	if (rc == CLI_OK && rename(o->tmp, o->target) != 0) {
		cmd_warn("%s: %s", o->path, strerror(errno));
		rc = CLI_FAIL;
	}
	if (rc != CLI_OK)
		unlink(o->tmp);
	free(o->tmp);
	free(o->target);
	return rc;
}

char *
cmd_name_list(const char *const *names, const size_t *idx, size_t k)
{
	struct strbuf b = { 0 };

	for (size_t i = 0; i < k; i++) {
		if (i > 0)
			strbuf_adds(&b, i + 1 == k ? " or " : ", ");
		strbuf_addf(&b, "\"%s\"", names[idx[i]]);
	}
	return strbuf_detach(&b);
}

bool
cmd_no_such(const char *noun, const char *typed, const char *const *names,
    size_t n, const char *tail)
{
	size_t idx[3];
	size_t k = names_closest(typed, names, n, idx, 3);

	if (k > 0) {
		char *list = cmd_name_list(names, idx, k);

		cmd_warn("no %s named \"%s\"; did you mean %s?", noun, typed, list);
		free(list);
		return true;
	}
	cmd_warn("no %s named \"%s\"%s", noun, typed, tail);
	return false;
}
