#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/import.h"
#include "core/text.h"
#include "core/util.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/rehearse"
#endif

/* Beside the program in the build tree (and only there), a file naming
 * the source tree's decks: make writes it, make install leaves it. */
#define SOURCE_DECKS_FILE "source-decks"

struct progress {
	const char *path; /* the file whose progress is on the line, or NULL */
};

/* Large files show their progress on a terminal, on one line. */
static void
import_progress(const char *path, off_t done, off_t total, void *ctx)
{
	struct progress *p = ctx;
	char *name;

	if (total < IMPORT_LARGE)
		return;
	name = text_sanitize_line(path);
	fprintf(stderr, "\rrehearse: importing %s: %3d%%", name,
	    (int)(done * 100 / total));
	free(name);
	p->path = path;
}

int
cmd_import_files(struct cli *c, struct import_opts *o, char **files, int n,
    struct import_counts *counts)
{
	struct progress p = { 0 };
	char *msg = NULL;
	int rc;

	o->now = c->now;
	if (isatty(STDERR_FILENO)) {
		o->progress = import_progress;
		o->progress_ctx = &p;
	}
	rc = import_files(c->st, o, files, (size_t)n, counts, &msg);
	if (p.path != NULL)
		fputs("\r\033[K", stderr);
	if (rc == 0)
		return CLI_OK;
	cmd_warn("%s", msg != NULL ? msg : "import failed");
	free(msg);
	cmd_warn("nothing was imported");
	return CLI_FAIL;
}

/* The first line of the build tree's SOURCE_DECKS_FILE in dir, or NULL. */
static char *
source_decks(const char *dir)
{
	char *path = xasprintf("%s/%s", dir, SOURCE_DECKS_FILE), line[PATH_MAX];
	FILE *f = fopen(path, "r");
	bool ok;

	free(path);
	if (f == NULL)
		return NULL;
	ok = fgets(line, sizeof(line), f) != NULL;
	fclose(f);
	line[ok ? strcspn(line, "\n") : 0] = '\0';
	return line[0] != '\0' ? xstrdup(line) : NULL;
}

/*
 * The bundled decks: the source tree's when this is the program of a build
 * tree; else the installed ones, looked for where configure put them and
 * then beside the program (PREFIX/bin/rehearse and PREFIX/share/rehearse),
 * so that an installation moved elsewhere still finds them.
 */
static char *
bundled_dir(void)
{
	char exe[PATH_MAX], *slash = NULL, *dir;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	struct stat sb;

	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			if ((dir = source_decks(exe)) != NULL)
				return dir;
		}
	}
	if (stat(PKGDATADIR "/decks", &sb) == 0 || n <= 0 || slash == NULL)
		return xstrdup(PKGDATADIR "/decks");
	dir = xasprintf("%s/../share/rehearse/decks", exe);
	if (stat(dir, &sb) == 0)
		return dir;
	free(dir);
	return xstrdup(PKGDATADIR "/decks");
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .csv files of dir, sorted, into *files (NULL when none); -1 (said)
 * when dir cannot be read. */
static int
deck_files(const char *dir, char ***out, size_t *n)
{
	char **files = NULL;
	size_t cap = 0;
	DIR *d = opendir(dir);
	struct dirent *e;

	*n = 0;
	*out = NULL;
	if (d == NULL) {
		cmd_warn("no bundled decks in %s: %s (import your own with"
			 " rehearse import FILE)",
		    dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len > 4 && strcmp(e->d_name + len - 4, ".csv") == 0) {
			files = xgrow(files, &cap, *n, sizeof(*files));
			files[(*n)++] = xasprintf("%s/%s", dir, e->d_name);
		}
	}
	closedir(d);
	if (*n > 0) /* files is NULL then, which qsort must not be given */
		qsort(files, *n, sizeof(*files), cmp_str);
	*out = files;
	return 0;
}

#define SEEDED_KEY "internal.bundled-decks-imported"

int
cmd_seed(struct cli *c)
{
	char *dir, *msg = NULL, *done = NULL, **files;
	size_t n;
	bool empty;
	struct import_opts o = { .dup = IMPORT_UPDATE };
	int rc;

	if (store_setting_get(c->st, SEEDED_KEY, &done, &msg) < 0 ||
	    store_is_empty(c->st, &empty, &msg) < 0)
		return cmd_fail(msg);
	if (done != NULL || !empty) {
		free(done);
		return CLI_OK;
	}
	dir = bundled_dir();
	rc = deck_files(dir, &files, &n);
	free(dir);
	if (rc < 0)
		return CLI_OK;
	rc = cmd_import_files(c, &o, files, (int)n, NULL);
	if (rc == CLI_OK && store_setting_set(c->st, SEEDED_KEY, "1", &msg) < 0)
		rc = cmd_fail(msg);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	return rc;
}
