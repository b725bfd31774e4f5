#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tui/actions.h"
#include "cmd/cli.h"
#include "core/clock.h"
#include "core/deckio.h"
#include "core/editor.h"
#include "core/history.h"
#include "core/import.h"
#include "core/queue.h"
#include "core/text.h"
#include "core/util.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/rehearse"
#endif

/* The state every command runs with. */
struct cli {
	const char *db_opt; /* --db */
	char *db_path;
	struct store *st;
	struct settings set;
	int64_t now;
	cli_tui_fn tui;
	const char *script;
};

struct command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
	const char *args;    /* synopsis after the name */
	const char *summary; /* one line */
	const char *options; /* the option lines of CMD --help, or NULL */
};

static const struct command commands[];

static void
warnx(const char *fmt, ...) UTIL_PRINTF(1, 2);

static void
warnx(const char *fmt, ...)
{
	va_list ap;

	fputs("rehearse: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Prints and frees a message; returns CLI_FAIL. */
static int
fail(char *msg)
{
	warnx("%s", msg != NULL ? msg : "failed");
	free(msg);
	return CLI_FAIL;
}

/* ---- the collection ---- */

static int
mkdir_p(const char *path, mode_t mode, char **errmsg)
{
	char *p = xstrdup(path);

	/* Each leading directory, then the whole path. */
	for (char *s = p + 1;; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, mode) < 0 && errno != EEXIST) {
			set_error(errmsg, "%s: cannot create: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		if (c == '\0')
			break;
		*s = c;
	}
	free(p);
	return 0;
}

/* --db, then REHEARSE_DB, then $XDG_DATA_HOME/rehearse/collection.db
 * (creating that directory, private). */
static int
db_path(struct cli *c, char **errmsg)
{
	const char *env = getenv("REHEARSE_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *dir;

	if (c->db_opt != NULL) {
		c->db_path = xstrdup(c->db_opt);
		return 0;
	}
	if (env != NULL && *env != '\0') {
		c->db_path = xstrdup(env);
		return 0;
	}
	if (xdg != NULL && xdg[0] == '/')
		dir = xasprintf("%s/rehearse", xdg);
	else if (home != NULL && *home != '\0')
		dir = xasprintf("%s/.local/share/rehearse", home);
	else
		return set_error(errmsg, "neither XDG_DATA_HOME nor HOME is set;"
		    " name the collection with --db PATH");
	if (mkdir_p(dir, 0700, errmsg) < 0) {
		free(dir);
		return -1;
	}
	c->db_path = xasprintf("%s/collection.db", dir);
	free(dir);
	return 0;
}

static int
open_collection(struct cli *c)
{
	char *msg = NULL;

	if (db_path(c, &msg) < 0 || store_open(c->db_path, &c->st, &msg) < 0 ||
	    settings_load(c->st, &c->set, &msg) < 0)
		return fail(msg);
	return CLI_OK;
}

/* ---- importing decks ---- */

struct progress {
	const char *path; /* the file whose progress is on the line, or NULL */
};

/* Large files show their progress on a terminal, on one line. */
static void
import_progress(const char *path, off_t done, off_t total, void *ctx)
{
	struct progress *p = ctx;

	if (total < IMPORT_LARGE)
		return;
	fprintf(stderr, "\rrehearse: importing %s: %3d%%", path,
	    (int)(done * 100 / total));
	p->path = path;
}

static int
run_import_files(struct cli *c, struct import_opts *o, char **files, int n,
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
	warnx("%s", msg != NULL ? msg : "import failed");
	free(msg);
	warnx("nothing was imported");
	return CLI_FAIL;
}

/* ---- the bundled decks ---- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The bundled decks: the source tree's when this is the binary in the build
 * tree; else the installed ones, looked for where configure put them and
 * then beside the binary (PREFIX/bin/rehearse and PREFIX/share/rehearse),
 * so that an installation moved elsewhere still finds them.
 */
static char *
bundled_dir(void)
{
	char exe[PATH_MAX], *slash = NULL, real[PATH_MAX], *dir;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	struct stat sb;

	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			if (realpath(BUILDDIR_SRC, real) != NULL && strcmp(real, exe) == 0)
				return xstrdup(SRCDIR_DECKS);
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

#define SEEDED_KEY "internal.bundled-decks-imported"

/* On first use, with no card in the collection, the bundled decks come in. */
static int
seed(struct cli *c)
{
	char *dir, *msg = NULL, *done = NULL, **files = NULL;
	size_t n = 0, cap = 0;
	bool empty;
	DIR *d;
	struct dirent *e;
	struct import_opts o = { .dup = IMPORT_UPDATE };
	int rc;

	if (store_setting_get(c->st, SEEDED_KEY, &done, &msg) < 0 ||
	    store_is_empty(c->st, &empty, &msg) < 0)
		return fail(msg);
	if (done != NULL || !empty) {
		free(done);
		return CLI_OK;
	}
	dir = bundled_dir();
	d = opendir(dir);
	if (d == NULL) {
		warnx("no bundled decks in %s: %s (import your own with"
		    " rehearse import FILE)", dir, strerror(errno));
		free(dir);
		return CLI_OK;
	}
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len > 4 && strcmp(e->d_name + len - 4, ".csv") == 0) {
			files = xgrow(files, &cap, n, sizeof(*files));
			files[n++] = xasprintf("%s/%s", dir, e->d_name);
		}
	}
	closedir(d);
	free(dir);
	if (n > 0) /* files is NULL then, which qsort must not be given */
		qsort(files, n, sizeof(*files), cmp_str);
	rc = run_import_files(c, &o, files, (int)n, NULL);
	if (rc == CLI_OK && store_setting_set(c->st, SEEDED_KEY, "1", &msg) < 0)
		rc = fail(msg);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	return rc;
}

/* ---- option parsing ---- */

static int
usage_error(const char *cmd, const char *fmt, ...) UTIL_PRINTF(2, 3);

static int
usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("rehearse: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cmd != NULL)
		fprintf(stderr, "Try 'rehearse %s --help'.\n", cmd);
	else
		fputs("Try 'rehearse --help'.\n", stderr);
	return CLI_USAGE;
}

static const struct command *
find_command(const char *name)
{
	for (const struct command *cmd = commands; cmd->name != NULL; cmd++)
		if (strcmp(cmd->name, name) == 0)
			return cmd;
	return NULL;
}

static void
command_help(const struct command *cmd)
{
	printf("Usage: rehearse [--db PATH] %s%s%s\n%s.\n", cmd->name,
	    cmd->args[0] != '\0' ? " " : "", cmd->args, cmd->summary);
	if (cmd->options != NULL)
		printf("\n%s", cmd->options);
	printf("\nSee rehearse(1) for more.\n");
}

/*
 * getopt_long over a command's own arguments.  Returns the option, -1 at the
 * end, or OPT_ERROR after a usage message; --help is handled here (returns
 * 'h' after printing).
 */
#define OPT_ERROR 1000
static int
next_opt(const struct command *cmd, int argc, char **argv, const char *shorts,
    const struct option *longs)
{
	int ch;

	opterr = 0;
	ch = getopt_long(argc, argv, shorts, longs, NULL);
	if (ch == 'h') {
		command_help(cmd);
		return 'h';
	}
	if (ch == '?' || ch == ':') {
		if (optopt != 0 && ch == ':')
			usage_error(cmd->name, "option -%c needs a value", optopt);
		else if (optopt != 0)
			usage_error(cmd->name, "unknown option -%c", optopt);
		else
			usage_error(cmd->name, "unknown option %s", argv[optind - 1]);
		return OPT_ERROR;
	}
	return ch;
}

static const struct option help_only[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* For commands whose only option is --help. */
static int
no_options(const struct command *cmd, int argc, char **argv, int *status)
{
	int ch = next_opt(cmd, argc, argv, "+h", help_only);

	if (ch == -1)
		return 0;
	*status = ch == 'h' ? CLI_OK : CLI_USAGE;
	return -1;
}

/* ---- commands ---- */

static int
deck_option(struct cli *c, const char *deck, int64_t *deck_id)
{
	char *msg = NULL;

	*deck_id = 0;
	if (deck == NULL)
		return CLI_OK;
	if (store_deck_id(c->st, deck, false, deck_id, &msg) < 0)
		return fail(msg);
	if (*deck_id == 0) {
		warnx("no deck named \"%s\" (see rehearse decks)", deck);
		return CLI_FAIL;
	}
	return CLI_OK;
}

static int
cmd_tui(struct cli *c, const char *deck, bool review)
{
	struct cli_tui t = { .deck = deck, .review = review, .script = c->script };
	char *msg = NULL;
	int rc;

	if ((rc = open_collection(c)) != CLI_OK || (rc = seed(c)) != CLI_OK)
		return rc;
	/* An unknown deck is said here, before the screen is taken over. */
	if ((rc = deck_option(c, deck, &t.deck_id)) != CLI_OK)
		return rc;
	if (c->tui(c->st, &c->set, &t, &msg) < 0)
		return fail(msg);
	return CLI_OK;
}

static int
cmd_review(struct cli *c, int argc, char **argv)
{
	const struct command *cmd = find_command("review");
	int status;

	if (no_options(cmd, argc, argv, &status) < 0)
		return status;
	if (argc - optind > 1)
		return usage_error(cmd->name, "review takes at most one deck name");
	return cmd_tui(c, optind < argc ? argv[optind] : NULL, true);
}

static int
cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct option longs[] = {
		{ "deck", required_argument, NULL, 'd' },
		{ "on-duplicate", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = find_command("import");
	struct import_opts o = { .dup = IMPORT_UPDATE };
	struct import_counts n;
	int ch, rc;

	while ((ch = next_opt(cmd, argc, argv, "+h", longs)) != -1) {
		switch (ch) {
		case 'd':
			if (optarg[0] == '\0')
				return usage_error(cmd->name, "--deck needs a name");
			o.deck = optarg;
			break;
		case 'D':
			if (strcmp(optarg, "update") == 0)
				o.dup = IMPORT_UPDATE;
			else if (strcmp(optarg, "skip") == 0)
				o.dup = IMPORT_SKIP;
			else
				return usage_error(cmd->name, "--on-duplicate takes update"
				    " or skip, not \"%s\"", optarg);
			break;
		case 'h':
			return CLI_OK;
		default:
			return CLI_USAGE;
		}
	}
	if (optind >= argc)
		return usage_error(cmd->name, "import needs at least one FILE");
	if ((rc = open_collection(c)) != CLI_OK)
		return rc;
	rc = run_import_files(c, &o, argv + optind, argc - optind, &n);
	if (rc == CLI_OK)
		printf("%ld added, %ld updated, %ld unchanged, %ld skipped\n",
		    n.added, n.updated, n.unchanged, n.skipped);
	return rc;
}

/* Output to -o FILE goes to a temporary file renamed into place once all
 * is written, so that a failure never leaves half a file. */
struct output {
	FILE *f;
	const char *path;
	char *tmp;
};

static int
output_open(struct output *o, const char *path)
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
		warnx("%s: cannot write: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->tmp);
		return CLI_FAIL;
	}
	return CLI_OK;
}

static int
output_close(struct output *o, int rc)
{
	if (o->tmp == NULL) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			warnx("standard output: %s", strerror(errno));
			return CLI_FAIL;
		}
		return rc;
	}
	if (fclose(o->f) != 0 && rc == CLI_OK) {
		warnx("%s: %s", o->path, strerror(errno));
		rc = CLI_FAIL;
	}
	if (rc == CLI_OK && rename(o->tmp, o->path) != 0) {
		warnx("%s: %s", o->path, strerror(errno));
		rc = CLI_FAIL;
	}
	if (rc != CLI_OK)
		unlink(o->tmp);
	free(o->tmp);
	return rc;
}

struct export {
	FILE *f;
	bool state;
};

static int
export_card(const struct card *card, void *ctx, char **errmsg)
{
	struct export *ex = ctx;

	return deckio_write_card(ex->f, card, ex->state, errmsg);
}

static int
cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option longs[] = {
		{ "deck", required_argument, NULL, 'd' },
		{ "state", no_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = find_command("export");
	const char *deck = NULL, *out = NULL;
	struct export ex = { 0 };
	struct output o;
	int64_t deck_id = 0;
	char *msg = NULL;
	int ch, rc;

	while ((ch = next_opt(cmd, argc, argv, "+ho:", longs)) != -1) {
		switch (ch) {
		case 'd':
			deck = optarg;
			break;
		case 's':
			ex.state = true;
			break;
		case 'o':
			out = optarg;
			break;
		case 'h':
			return CLI_OK;
		default:
			return CLI_USAGE;
		}
	}
	if (optind < argc)
		return usage_error(cmd->name, "unexpected argument \"%s\"", argv[optind]);
	if ((rc = open_collection(c)) != CLI_OK)
		return rc;
	if ((rc = deck_option(c, deck, &deck_id)) != CLI_OK)
		return rc;
	if ((rc = output_open(&o, out)) != CLI_OK)
		return rc;
	ex.f = o.f;
	if (deckio_write_header(o.f, ex.state, &msg) < 0 ||
	    store_cards_foreach(c->st, deck_id, export_card, &ex, &msg) != 0)
		rc = fail(msg);
	return output_close(&o, rc);
}

/* ---- review history ---- */

static int
cmd_import_reviews(struct cli *c, int argc, char **argv)
{
	const struct command *cmd = find_command("import-reviews");
	struct history_counts n;
	char *msg = NULL;
	int status, rc;

	if (no_options(cmd, argc, argv, &status) < 0)
		return status;
	if (argc - optind != 1)
		return usage_error(cmd->name, "import-reviews takes one FILE");
	if ((rc = open_collection(c)) != CLI_OK)
		return rc;
	if (history_import(c->st, &c->set, c->now, argv[optind], &n, &msg) < 0) {
		warnx("%s", msg != NULL ? msg : "import failed");
		free(msg);
		warnx("nothing was imported");
		return CLI_FAIL;
	}
	printf("%ld reviews added to %zu cards, %ld already recorded\n", n.added,
	    n.cards, n.recorded);
	return CLI_OK;
}

static int
export_review(const struct review *r, const char *ext_id, void *ctx,
    char **errmsg)
{
	return deckio_write_review(ctx, ext_id, r, errmsg);
}

static int
cmd_export_reviews(struct cli *c, int argc, char **argv)
{
	static const struct option longs[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = find_command("export-reviews");
	const char *out = NULL;
	struct output o;
	char *msg = NULL;
	int ch, rc;

	while ((ch = next_opt(cmd, argc, argv, "+ho:", longs)) != -1) {
		if (ch == 'o')
			out = optarg;
		else
			return ch == 'h' ? CLI_OK : CLI_USAGE;
	}
	if (optind < argc)
		return usage_error(cmd->name, "unexpected argument \"%s\"", argv[optind]);
	if ((rc = open_collection(c)) != CLI_OK || (rc = output_open(&o, out)) != CLI_OK)
		return rc;
	if (deckio_write_reviews_header(o.f, &msg) < 0 ||
	    store_reviews_foreach(c->st, export_review, o.f, &msg) != 0)
		rc = fail(msg);
	return output_close(&o, rc);
}

/* ---- decks ---- */

static void
json_string(const char *s)
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

/* The counts of deck id among rows; zeros for a deck without cards. */
static struct queue_counts
counts_of(const struct queue_counts *rows, size_t n, int64_t id)
{
	for (size_t k = 0; k < n; k++)
		if (rows[k].deck_id == id)
			return rows[k];
	return (struct queue_counts){ .deck_id = id };
}

static int
cmd_decks(struct cli *c, int argc, char **argv)
{
	static const struct option longs[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = find_command("decks");
	struct deck_info *decks = NULL;
	struct queue_counts *rows = NULL, total;
	size_t nd = 0, nr = 0;
	bool json = false;
	char *msg = NULL;
	int64_t next = 0;
	int ch, rc, width = 4;

	while ((ch = next_opt(cmd, argc, argv, "+h", longs)) != -1) {
		if (ch == 'j')
			json = true;
		else
			return ch == 'h' ? CLI_OK : CLI_USAGE;
	}
	if (optind < argc)
		return usage_error(cmd->name, "unexpected argument \"%s\"", argv[optind]);
	if ((rc = open_collection(c)) != CLI_OK || (rc = seed(c)) != CLI_OK)
		return rc;
	if (store_decks(c->st, &decks, &nd, &msg) < 0 ||
	    queue_counts(c->st, &c->set, c->now, &rows, &nr, &total, &msg) < 0 ||
	    queue_next_due(c->st, &c->set, 0, c->now, &next, &msg) < 0) {
		store_decks_free(decks, nd);
		return fail(msg);
	}
	if (json) {
		printf("{\"decks\":[");
		for (size_t i = 0; i < nd; i++) {
			struct queue_counts q = counts_of(rows, nr, decks[i].id);

			printf("%s{\"name\":", i ? "," : "");
			json_string(decks[i].name);
			printf(",\"cards\":%lld,\"new\":%lld,\"learning\":%lld,"
			    "\"due\":%lld}", (long long)decks[i].cards,
			    (long long)q.new_cards, (long long)q.learning,
			    (long long)q.review);
		}
		printf("],\"total\":{\"new\":%lld,\"learning\":%lld,\"due\":%lld}",
		    (long long)total.new_cards, (long long)total.learning,
		    (long long)total.review);
		if (next != 0) {
			char buf[32];

			clock_format_utc(next, buf, sizeof(buf));
			printf(",\"next_due\":\"%s\"", buf);
		}
		printf("}\n");
	} else {
		char **names = xcalloc(nd ? nd : 1, sizeof(*names));

		for (size_t i = 0; i < nd; i++) {
			int w;

			names[i] = text_sanitize_line(decks[i].name);
			w = text_width(names[i]);
			if (w > width)
				width = w;
		}
		if (width > 48)
			width = 48;
		printf("%-*s %7s %8s %7s\n", width, "Deck", "New", "Learning", "Due");
		for (size_t i = 0; i < nd; i++) {
			struct queue_counts q = counts_of(rows, nr, decks[i].id);
			int w;
			size_t cut = text_prefix(names[i], strlen(names[i]), width, &w);

			printf("%.*s%*s %7lld %8lld %7lld\n", (int)cut, names[i],
			    width - w, "", (long long)q.new_cards,
			    (long long)q.learning, (long long)q.review);
			free(names[i]);
		}
		free(names);
		printf("%-*s %7lld %8lld %7lld\n", width, "Total",
		    (long long)total.new_cards, (long long)total.learning,
		    (long long)total.review);
		if (total.new_cards + total.learning + total.review == 0) {
			char buf[32];

			if (next != 0) {
				clock_format_local(next, buf, sizeof(buf));
				printf("Nothing to study now; the next card is due %s.\n", buf);
			} else if (nd == 0) {
				printf("No cards yet: import a deck with rehearse import FILE.\n");
			} else {
				printf("Nothing to study now.\n");
			}
		}
	}
	store_decks_free(decks, nd);
	free(rows);
	return output_close(&(struct output){ .f = stdout }, CLI_OK);
}

/* ---- config ---- */

static int
cmd_config(struct cli *c, int argc, char **argv)
{
	const struct command *cmd = find_command("config");
	char *msg = NULL, *v;
	int status, rc;

	if (no_options(cmd, argc, argv, &status) < 0)
		return status;
	argc -= optind;
	argv += optind;
	if (argc > 2)
		return usage_error(cmd->name, "config takes at most KEY and VALUE");
	if (argc >= 1 && settings_help(argv[0]) == NULL) {
		warnx("no setting named \"%s\"; the settings are:", argv[0]);
		for (const char *const *k = settings_keys; *k != NULL; k++)
			fprintf(stderr, "  %s\n", *k);
		return CLI_FAIL;
	}
	if ((rc = open_collection(c)) != CLI_OK)
		return rc;
	if (argc == 0) {
		for (const char *const *k = settings_keys; *k != NULL; k++) {
			v = settings_format(&c->set, *k);
			printf("%-17s %-10s %s\n", *k, *v != '\0' ? v : "\"\"",
			    settings_help(*k));
			free(v);
		}
		return output_close(&(struct output){ .f = stdout }, CLI_OK);
	}
	if (argc == 1) {
		v = settings_format(&c->set, argv[0]);
		printf("%s\n", v);
		free(v);
		return output_close(&(struct output){ .f = stdout }, CLI_OK);
	}
	if (settings_set(c->st, argv[0], argv[1], &msg) < 0 ||
	    settings_apply(&c->set, argv[0], argv[1], &msg) < 0)
		return fail(msg);
	/* Show the value back as it was stored: "OFF" as "off", "60m" as
	 * "1h". */
	v = settings_format(&c->set, argv[0]);
	printf("%s\n", v);
	free(v);
	return output_close(&(struct output){ .f = stdout }, CLI_OK);
}

/* ---- check ---- */

static int
cmd_check(struct cli *c, int argc, char **argv)
{
	const struct command *cmd = find_command("check");
	char **problems = NULL, *msg = NULL;
	size_t n = 0;
	int status, rc;

	if (no_options(cmd, argc, argv, &status) < 0)
		return status;
	if (optind < argc)
		return usage_error(cmd->name, "unexpected argument \"%s\"", argv[optind]);
	if ((rc = open_collection(c)) != CLI_OK)
		return rc;
	if (store_check(c->st, &problems, &n, &msg) < 0)
		return fail(msg);
	for (size_t i = 0; i < n; i++) {
		printf("%s: %s\n", c->db_path, problems[i]);
		free(problems[i]);
	}
	free(problems);
	if (n == 0)
		printf("%s: no problems found\n", c->db_path);
	return n == 0 ? CLI_OK : CLI_FAIL;
}

/* ---- list, unsuspend, edit ---- */

static const char *const state_names[] = { "new", "learning", "review",
	"relearning" };

struct list {
	struct cli *c;
	bool flagged, suspended;
	bool table;   /* aligned for a terminal, else tab-separated */
	int id_width; /* widest id, for the table */
	int width;    /* columns for the question in the table */
};

static bool
list_wants(const struct list *l, const struct card *card)
{
	return (!l->flagged || card->flagged) && (!l->suspended || card->suspended);
}

static int
list_measure(const struct card *card, void *ctx, char **errmsg)
{
	struct list *l = ctx;
	char *id;
	int w;

	(void)errmsg;
	if (!list_wants(l, card))
		return 0;
	id = text_sanitize_line(card->ext_id);
	w = text_width(id);
	free(id);
	if (w > l->id_width)
		l->id_width = w;
	return 0;
}

static int
list_card(const struct card *card, void *ctx, char **errmsg)
{
	struct list *l = ctx;
	char due[32] = "-", marks[4], *q, *id;
	int m = 0;

	(void)errmsg;
	if (!list_wants(l, card))
		return 0;
	if (card->s.state != STATE_NEW) {
		clock_format_local(card->s.due, due, sizeof(due));
		due[10] = '\0'; /* the date is enough here */
	}
	if (card->flagged)
		marks[m++] = '*';
	if (card->suspended)
		marks[m++] = '!';
	if (card->buried_until > l->c->now)
		marks[m++] = '-';
	marks[m] = '\0';
	id = text_sanitize_line(card->ext_id);
	q = text_sanitize_line(card->question);
	if (l->table) {
		int w, idw = text_width(id);
		size_t len = strlen(q), cut = text_prefix(q, len, l->width, &w);

		printf("%s%*s %-10s %-10s %-3s %.*s%s\n", id, l->id_width - idw, "",
		    state_names[card->s.state], due, marks, (int)cut, q,
		    cut < len ? "..." : "");
	} else {
		char *deck = text_sanitize_line(card->deck);

		printf("%s\t%s\t%s\t%s\t%s\t%s\n", id, deck,
		    state_names[card->s.state], due, marks, q);
		free(deck);
	}
	free(id);
	free(q);
	return 0;
}

static int
cmd_list(struct cli *c, int argc, char **argv)
{
	static const struct option longs[] = {
		{ "deck", required_argument, NULL, 'd' },
		{ "flagged", no_argument, NULL, 'f' },
		{ "suspended", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = find_command("list");
	struct list l = { .c = c };
	const char *deck = NULL;
	int64_t deck_id;
	char *msg = NULL;
	int ch, rc;

	while ((ch = next_opt(cmd, argc, argv, "+h", longs)) != -1) {
		switch (ch) {
		case 'd':
			deck = optarg;
			break;
		case 'f':
			l.flagged = true;
			break;
		case 's':
			l.suspended = true;
			break;
		case 'h':
			return CLI_OK;
		default:
			return CLI_USAGE;
		}
	}
	if (optind < argc)
		return usage_error(cmd->name, "unexpected argument \"%s\"", argv[optind]);
	if ((rc = open_collection(c)) != CLI_OK ||
	    (rc = deck_option(c, deck, &deck_id)) != CLI_OK)
		return rc;
	/* On a terminal a card takes one aligned line; in a pipe, fields are
	 * separated by tabs and nothing is cut. */
	l.table = isatty(STDOUT_FILENO);
	if (l.table) {
		struct winsize ws;
		int cols = ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0
		    ? ws.ws_col : 80;

		if (store_cards_foreach(c->st, deck_id, list_measure, &l, &msg) != 0)
			return fail(msg);
		l.width = cols - l.id_width - 1 - 11 - 11 - 4 - 3;
		if (l.width < 10)
			l.width = 10;
	}
	if (store_cards_foreach(c->st, deck_id, list_card, &l, &msg) != 0)
		return fail(msg);
	return output_close(&(struct output){ .f = stdout }, CLI_OK);
}

struct pick_ids {
	int64_t *v;
	size_t n, cap;
};

static void
pick_add(struct pick_ids *p, int64_t id)
{
	p->v = xgrow(p->v, &p->cap, p->n, sizeof(*p->v));
	p->v[p->n++] = id;
}

static int
collect_suspended(const struct card *card, void *ctx, char **errmsg)
{
	struct pick_ids *p = ctx;

	(void)errmsg;
	if (card->suspended)
		pick_add(p, card->id);
	return 0;
}

static int
cmd_unsuspend(struct cli *c, int argc, char **argv)
{
	static const struct option longs[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "deck", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = find_command("unsuspend");
	struct pick_ids p = { 0 };
	size_t not_suspended = 0;
	const char *deck = NULL;
	bool all = false;
	int64_t deck_id;
	char *msg = NULL;
	int ch, rc;

	while ((ch = next_opt(cmd, argc, argv, "+h", longs)) != -1) {
		if (ch == 'a')
			all = true;
		else if (ch == 'd')
			deck = optarg;
		else
			return ch == 'h' ? CLI_OK : CLI_USAGE;
	}
	if (all == (optind < argc))
		return usage_error(cmd->name, "give card ids, or --all");
	if (deck != NULL && !all)
		return usage_error(cmd->name, "--deck goes with --all");
	if ((rc = open_collection(c)) != CLI_OK ||
	    (rc = deck_option(c, deck, &deck_id)) != CLI_OK)
		return rc;
	if (store_begin(c->st, &msg) < 0)
		return fail(msg);
	if (all) {
		if (store_cards_foreach(c->st, deck_id, collect_suspended, &p, &msg) != 0)
			goto fail;
	} else {
		for (int i = optind; i < argc; i++) {
			struct card card;
			bool found;

			if (store_card_by_ext(c->st, argv[i], &card, &found, &msg) < 0)
				goto fail;
			if (!found) {
				set_error(&msg, "no card with id \"%s\" (see rehearse list)",
				    argv[i]);
				goto fail;
			}
			if (card.suspended)
				pick_add(&p, card.id);
			else
				not_suspended++;
			card_clear(&card);
		}
	}
	for (size_t i = 0; i < p.n; i++)
		if (store_card_set_suspended(c->st, p.v[i], false, &msg) < 0)
			goto fail;
	if (store_commit(c->st, &msg) < 0)
		goto fail;
	printf("%zu card%s unsuspended", p.n, p.n == 1 ? "" : "s");
	if (not_suspended > 0)
		printf(", %zu %s not suspended", not_suspended,
		    not_suspended == 1 ? "was" : "were");
	putchar('\n');
	free(p.v);
	return CLI_OK;
fail:
	store_rollback(c->st);
	free(p.v);
	return fail(msg);
}

static int
cmd_edit(struct cli *c, int argc, char **argv)
{
	const struct command *cmd = find_command("edit");
	struct editor_result r;
	struct card card;
	bool found;
	char *msg = NULL;
	int status, rc;

	if (no_options(cmd, argc, argv, &status) < 0)
		return status;
	if (argc - optind != 1)
		return usage_error(cmd->name, "edit takes one card id");
	if ((rc = open_collection(c)) != CLI_OK)
		return rc;
	if (store_card_by_ext(c->st, argv[optind], &card, &found, &msg) < 0)
		return fail(msg);
	if (!found) {
		warnx("no card with id \"%s\" (see rehearse list)", argv[optind]);
		return CLI_FAIL;
	}
	rc = editor_edit_card(&card, NULL, NULL, &r, &msg);
	if (rc < 0) {
		card_clear(&card);
		warnx("%s", msg);
		free(msg);
		warnx("the card is unchanged");
		return CLI_FAIL;
	}
	if (rc == 0) {
		printf("%s: unchanged\n", card.ext_id);
		card_clear(&card);
		return CLI_OK;
	}
	free(card.question);
	free(card.answer);
	free(card.tips);
	free(card.tags);
	card.question = r.question;
	card.answer = r.answer;
	card.tips = r.tips;
	card.tags = r.tags;
	memset(&r, 0, sizeof(r));
	/* The flag asks for an edit; the edit answers it. */
	rc = store_begin(c->st, &msg) < 0 ||
	    store_card_update_text(c->st, &card, c->now, NULL, &msg) < 0 ||
	    store_card_set_flagged(c->st, card.id, false, &msg) < 0 ||
	    store_commit(c->st, &msg) < 0;
	if (rc) {
		store_rollback(c->st);
		card_clear(&card);
		return fail(msg);
	}
	printf("%s: saved\n", card.ext_id);
	card_clear(&card);
	return CLI_OK;
}

static const struct command commands[] = {
	{ "review", cmd_review, "[DECK]",
	  "Review the cards due in DECK, or in all decks", NULL },
	{ "decks", cmd_decks, "[--json]",
	  "List the decks with their new, learning and due cards",
	  "  --json   print JSON for scripts\n" },
	{ "import", cmd_import, "[--deck NAME] [--on-duplicate update|skip] FILE...",
	  "Import cards from CSV or Anki plain-text files",
	  "  --deck NAME                   put every card in deck NAME\n"
	  "  --on-duplicate update|skip    for a card already there: update its\n"
	  "                                text, keeping its history (default),\n"
	  "                                or leave it as it is\n"
	  "  FILE may be - for standard input.  Nothing is imported when any\n"
	  "  row is bad: the message gives FILE:LINE.\n" },
	{ "export", cmd_export, "[--deck NAME] [--state] [-o FILE]",
	  "Write the cards as CSV, in the format import reads",
	  "  --deck NAME        only the cards of deck NAME\n"
	  "  --state            add state, interval, due, stability, difficulty,\n"
	  "                     reps, lapses, last_review and learning_step\n"
	  "  -o, --output FILE  write to FILE instead of standard output\n" },
	{ "import-reviews", cmd_import_reviews, "FILE",
	  "Import a review log and replay it through the scheduler",
	  "  The columns are card_id, review_time (ms since the epoch),\n"
	  "  review_rating (1-4) and, optionally, review_state and\n"
	  "  review_duration.  Reviews already recorded (same card and time)\n"
	  "  are skipped, so importing a file twice changes nothing.\n" },
	{ "export-reviews", cmd_export_reviews, "[-o FILE]",
	  "Write the review log as CSV, as import-reviews reads it",
	  "  -o, --output FILE  write to FILE instead of standard output\n" },
	{ "config", cmd_config, "[KEY [VALUE]]",
	  "Show the settings, show one, or change one",
	  "  Settings: retention, new-per-day, reviews-per-day, learning-steps,\n"
	  "  relearning-steps, max-interval, fuzz, day-starts-at.\n" },
	{ "list", cmd_list, "[--deck NAME] [--flagged] [--suspended]",
	  "List the cards with their state and due date",
	  "  --deck NAME    only the cards of deck NAME\n"
	  "  --flagged      only flagged cards (marked * while reviewing)\n"
	  "  --suspended    only suspended cards\n"
	  "  Marks: * flagged, ! suspended, - buried.  In a pipe the fields are\n"
	  "  tab-separated, with the deck second, and nothing is cut.\n" },
	{ "edit", cmd_edit, "ID",
	  "Edit a card's question, answer, tips and tags in $EDITOR",
	  "  The card's history is kept, and its flag is cleared.\n" },
	{ "unsuspend", cmd_unsuspend, "ID... | --all [--deck NAME]",
	  "Bring suspended cards back into the reviews",
	  "  --all          every suspended card (of deck NAME with --deck)\n" },
	{ "check", cmd_check, "",
	  "Check the collection; exit status 1 when a problem is found", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static void
main_help(void)
{
	printf("Usage: rehearse [--db PATH] [COMMAND [ARGS]]\n"
	       "Spaced-repetition flashcards in the terminal.  Without a command,\n"
	       "opens the deck list.\n\nCommands:\n");
	for (const struct command *cmd = commands; cmd->name != NULL; cmd++) {
		printf("  %-15s %s\n", cmd->name, cmd->summary);
	}
	printf("\nOptions:\n"
	       "  --db PATH       use the collection at PATH\n"
	       "  -h, --help      show this help (rehearse COMMAND --help for one)\n"
	       "  -V, --version   show the version\n"
	       "\nThe keys, the deck format and the settings are in rehearse(1).\n");
}

static void
version(void)
{
	printf("rehearse %s\n"
	       "Copyright (C) 2026 the rehearse authors.\n"
	       "License GPLv3+: GNU GPL version 3 or later"
	       " <https://gnu.org/licenses/gpl.html>.\n"
	       "This is free software: you are free to change and redistribute it.\n"
	       "There is NO WARRANTY, to the extent permitted by law.\n",
	    PACKAGE_VERSION);
}

/* Hidden, for tests: the command names and the key table. */
static void
dump_commands(void)
{
	for (const struct command *cmd = commands; cmd->name != NULL; cmd++)
		printf("%s\n", cmd->name);
}

static void
dump_actions(void)
{
	for (size_t s = 0; s < actions_screens_count; s++) {
		for (size_t i = 0; i < actions_count; i++) {
			const struct action_info *a = &actions_table[i];

			if (a->screens & (unsigned)actions_screens[s])
				printf("%s\t%s\t%s\n",
				    actions_screen_title(actions_screens[s]), a->keys,
				    a->help);
		}
	}
}

int
cli_main(int argc, char **argv, cli_tui_fn tui)
{
	struct cli c;
	char *msg = NULL;
	const struct command *cmd;
	int i, rc;

	memset(&c, 0, sizeof(c));
	c.tui = tui;
	c.script = getenv("REHEARSE_SCRIPT");
	if (c.script != NULL && *c.script == '\0')
		c.script = NULL;
	settings_default(&c.set);
	/* Global options come before the command. */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			main_help();
			return CLI_OK;
		} else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			version();
			return CLI_OK;
		} else if (strcmp(a, "--db") == 0 || strcmp(a, "--script") == 0) {
			if (i + 1 >= argc || argv[i + 1][0] == '\0')
				return usage_error(NULL, "%s needs a value", a);
			if (a[2] == 'd')
				c.db_opt = argv[++i];
			else
				c.script = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0 && a[5] != '\0') {
			c.db_opt = a + 5;
		} else if (strcmp(a, "--dump-commands") == 0) {
			dump_commands();
			return CLI_OK;
		} else if (strcmp(a, "--dump-actions") == 0) {
			dump_actions();
			return CLI_OK;
		} else {
			return usage_error(NULL, "unknown option %s", a);
		}
	}
	if (clock_init(&msg) < 0) {
		warnx("%s", msg);
		free(msg);
		return CLI_USAGE;
	}
	c.now = clock_now();
	if (i >= argc) {
		rc = cmd_tui(&c, NULL, false);
	} else if ((cmd = find_command(argv[i])) == NULL) {
		if (strcmp(argv[i], "help") == 0 && i + 1 < argc &&
		    (cmd = find_command(argv[i + 1])) != NULL) {
			command_help(cmd);
			return CLI_OK;
		}
		if (strcmp(argv[i], "help") == 0) {
			main_help();
			return CLI_OK;
		}
		return usage_error(NULL, "no command \"%s\"", argv[i]);
	} else {
		optind = 0; /* reset getopt for the command's own arguments */
		rc = cmd->run(&c, argc - i, argv + i);
	}
	store_close(c.st);
	free(c.db_path);
	return rc;
}
