#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/text.h"

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
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cmd_warn("standard output: %s", strerror(errno));
		return CLI_FAIL;
	}
	return rc;
}

void
cmd_json_string(const char *s)
{
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", stdout);
		else if (*p < 0x20 || *p == 0x7f)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

int
cmd_output_open(struct cmd_output *o, const char *path)
{
	mode_t mask;
	int fd;

	memset(o, 0, sizeof(*o));
	o->path = path;
	if (path == NULL || strcmp(path, "-") == 0) {
		o->f = stdout;
		return CLI_OK;
	}
	o->tmp = xasprintf("%s.tmp-XXXXXX", path);
	fd = mkstemp(o->tmp);
	/* mkstemp makes the file private; give it the mode any new file gets. */
	mask = umask(0);
	umask(mask);
	if (fd < 0 || fchmod(fd, 0666 & ~mask) < 0 ||
	    (o->f = fdopen(fd, "w")) == NULL) {
		cmd_warn("%s: cannot write: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->tmp);
		return CLI_FAIL;
	}
	return CLI_OK;
}

int
cmd_output_close(struct cmd_output *o, int rc)
{
	if (o->tmp == NULL)
		return cmd_flush(rc);
	if (fclose(o->f) != 0 && rc == CLI_OK) {
		cmd_warn("%s: %s", o->path, strerror(errno));
		rc = CLI_FAIL;
	}
	if (rc == CLI_OK && rename(o->tmp, o->path) != 0) {
		cmd_warn("%s: %s", o->path, strerror(errno));
		rc = CLI_FAIL;
	}
	if (rc != CLI_OK)
		unlink(o->tmp);
	free(o->tmp);
	return rc;
}
