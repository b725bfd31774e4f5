#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/progress_bar.h"
#include "core/import.h"
#include "core/import_areas.h"
#include "core/text.h"
#include "core/util.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/rehearse"
#endif

/* Beside the program in the build tree (and only there), a file naming
 * the source tree's decks: make writes it, make install leaves it. */
#define SOURCE_DECKS_FILE "source-decks"

struct import_bar {
	const char *path; /* the file whose bar is shown, or NULL */
	struct progress_bar bar;
};

/* Large files show their progress on a terminal, a bar a file. */
static void
import_progress(const char *path, off_t done, off_t total, void *ctx)
{
	struct import_bar *p = ctx;
	char *label;

	if (total < IMPORT_LARGE)
		return;
	if (p->path != path) {
		if (p->path != NULL)
			progress_bar_end(&p->bar);
		label = xasprintf("importing %s", path);
		progress_bar_start(&p->bar, label);
		free(label);
		p->path = path;
	}
	progress_bar_update(&p->bar, (uint64_t)done, (uint64_t)total);
}

int
cmd_import_files(struct cli *c, struct import_opts *o, char **files, int n,
    struct import_counts *counts)
{
	struct import_bar p = { 0 };
	char *msg = NULL;
	int rc;

	o->now = c->now;
	o->progress = import_progress;
	o->progress_ctx = &p;
	rc = import_files(c->st, o, files, (size_t)n, counts, &msg);
	if (p.path != NULL)
		progress_bar_end(&p.bar);
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

/* The edition of the bundled decks in the collection ("1" before
 * editions were counted). */
#define SEEDED_KEY "internal.bundled-decks-imported"

/* What dir/CHANGES says: the edition of the decks (its last "Edition N"
 * line; 1 without the file) and the ids dropped ("dropped ID REASON"). */
struct changes {
	long edition;
	char **dropped;
	size_t n, cap;
};

static void
read_changes(const char *dir, struct changes *ch)
{
	char *path = xasprintf("%s/CHANGES", dir), line[1024];
	FILE *f = fopen(path, "r");

	*ch = (struct changes){ .edition = 1 };
	free(path);
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		char id[256];
		long ed;

		if (sscanf(line, "Edition %ld", &ed) == 1 && ed > ch->edition)
			ch->edition = ed;
		else if (sscanf(line, "dropped %255s", id) == 1) {
			ch->dropped = xgrow(ch->dropped, &ch->cap, ch->n,
			    sizeof(*ch->dropped));
			ch->dropped[ch->n++] = xstrdup(id);
		}
	}
	fclose(f);
}

static void
free_changes(struct changes *ch)
{
	for (size_t i = 0; i < ch->n; i++)
		free(ch->dropped[i]);
	free(ch->dropped);
}

/* Suspends the dropped cards the collection holds, in one transaction;
 * *n gets how many were suspended. */
static int
suspend_dropped(struct cli *c, const struct changes *ch, long *n)
{
	char *msg = NULL;

	*n = 0;
	if (store_begin(c->st, &msg) < 0)
		return cmd_fail(msg);
	for (size_t i = 0; i < ch->n; i++) {
		struct card card;
		bool found;

		if (store_card_by_ext(c->st, ch->dropped[i], &card, &found, &msg) < 0)
			goto fail;
		if (!found)
			continue;
		if (!card.suspended) {
			if (store_card_set_suspended(c->st, card.id, true, &msg) < 0) {
				card_clear(&card);
				goto fail;
			}
			++*n;
		}
		card_clear(&card);
	}
	if (store_commit(c->st, &msg) < 0)
		goto fail;
	return CLI_OK;
fail:
	store_rollback(c->st);
	return cmd_fail(msg);
}

/* Adds the evaluation areas of the new edition to the cards the
 * collection already holds; *tagged gets how many gained one. */
static int
carry_areas(struct cli *c, char **files, size_t n, long *tagged)
{
	char *msg = NULL;

	if (import_areas(c->st, files, n, c->now, tagged, &msg) < 0)
		return cmd_fail(msg);
	return CLI_OK;
}

/* Brings a collection that has an older edition of the bundled decks up to
 * ch's: their new cards come in (the cards already there keep their text,
 * edits included, and their schedule, and gain the new edition's
 * evaluation areas), and the cards the new edition dropped are
 * suspended. */
static int
upgrade(struct cli *c, const char *dir, const struct changes *ch,
    char **files, size_t n)
{
	struct import_opts o = { .dup = IMPORT_SKIP };
	struct import_counts counts = { 0 };
	long suspended, tagged;
	int rc = cmd_import_files(c, &o, files, (int)n, &counts);

	if (rc == CLI_OK)
		rc = suspend_dropped(c, ch, &suspended);
	if (rc == CLI_OK)
		rc = carry_areas(c, files, n, &tagged);
	if (rc != CLI_OK)
		return rc;
	cmd_warn("the bundled decks are now edition %ld: %ld new cards, %ld"
		 " dropped cards suspended, %ld cards given their evaluation areas"
		 " (see %s/CHANGES; rehearse import %s/*.csv brings their new text"
		 " to the cards you had)",
	    ch->edition, counts.added, suspended, tagged, dir, dir);
	return CLI_OK;
}

/* The edition recorded in the collection: 0 when the bundled decks never
 * came in, 1 for the flag of before editions. */
static long
seeded_edition(const char *done)
{
	long ed;

	if (done == NULL)
		return 0;
	ed = strtol(done, NULL, 10);
	return ed > 0 ? ed : 1;
}

int
cmd_seed(struct cli *c)
{
	char *dir, *msg = NULL, *done = NULL, **files, value[24];
	size_t n;
	bool empty;
	struct import_opts o = { .dup = IMPORT_UPDATE };
	struct changes ch;
	long had;
	int rc;

	if (store_setting_get(c->st, SEEDED_KEY, &done, &msg) < 0 ||
	    store_is_empty(c->st, &empty, &msg) < 0)
		return cmd_fail(msg);
	had = seeded_edition(done);
	free(done);
	if (had == 0 && !empty)
		return CLI_OK; /* the learner's own cards, never the bundled ones */
	dir = bundled_dir();
	read_changes(dir, &ch);
	if (had >= ch.edition || deck_files(dir, &files, &n) < 0) {
		free_changes(&ch);
		free(dir);
		return CLI_OK;
	}
	rc = had == 0 ? cmd_import_files(c, &o, files, (int)n, NULL)
	              : upgrade(c, dir, &ch, files, n);
	snprintf(value, sizeof(value), "%ld", ch.edition);
	if (rc == CLI_OK && store_setting_set(c->st, SEEDED_KEY, value, &msg) < 0)
		rc = cmd_fail(msg);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	free_changes(&ch);
	free(dir);
	return rc;
}
