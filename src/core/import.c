#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/import.h"
#include "core/text.h"
#include "core/util.h"

/* A set of the ids met in one import, to catch a file that names a card
 * twice. */
struct idset {
	struct idslot {
		char *id;
		const char *file; /* as deckio gave it */
		long line;
	} * v;
	size_t cap, n;
};

struct import {
	struct store *st;
	struct import_opts o;
	char *file_deck; /* the deck of cards whose file names none */
	const char *path;
	struct idset seen;
	/* Deck ids met so far: files often interleave a few decks. */
	struct deck_cache {
		char *name;
		int64_t id;
	} decks[16];
	size_t ndecks;
	struct import_counts counts;
};

#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)

static uint64_t
fnv1a(const char *s, uint64_t h)
{
	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

/* The slot holding id, or the empty one where it would go. */
static struct idslot *
idset_slot(const struct idset *set, const char *id)
{
	size_t i = fnv1a(id, FNV_OFFSET) & (set->cap - 1);

	while (set->v[i].id != NULL && strcmp(set->v[i].id, id) != 0)
		i = (i + 1) & (set->cap - 1);
	return &set->v[i];
}

/* Adds id, met at file:line; returns the slot of its first meeting when it
 * was there already, else NULL. */
static const struct idslot *
idset_add(struct idset *set, const char *id, const char *file, long line)
{
	struct idslot *slot;

	if (set->n * 2 >= set->cap) {
		struct idset bigger = { 0 };

		bigger.cap = set->cap ? set->cap * 2 : 1024;
		bigger.v = xcalloc(bigger.cap, sizeof(*bigger.v));
		for (size_t k = 0; k < set->cap; k++)
			if (set->v[k].id != NULL)
				*idset_slot(&bigger, set->v[k].id) = set->v[k];
		bigger.n = set->n;
		free(set->v);
		*set = bigger;
	}
	slot = idset_slot(set, id);
	if (slot->id != NULL)
		return slot;
	slot->id = xstrdup(id);
	slot->file = file;
	slot->line = line;
	set->n++;
	return NULL;
}

static void
idset_free(struct idset *set)
{
	for (size_t k = 0; k < set->cap; k++)
		free(set->v[k].id);
	free(set->v);
	memset(set, 0, sizeof(*set));
}

char *
import_derived_id(const char *deck, const char *question)
{
	uint64_t h = fnv1a(deck, FNV_OFFSET);

	h = fnv1a("\x1f", h);
	h = fnv1a(question, h);
	return xasprintf("dq-%016llx", (unsigned long long)h);
}

char *
import_deck_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base != NULL ? base + 1 : path;
	if (strcmp(path, "-") == 0 || *base == '\0')
		return xstrdup("Default");
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		return xstrdup(base);
	return xstrndup(base, (size_t)(dot - base));
}

struct import *
import_new(struct store *st, const struct import_opts *o)
{
	struct import *im = xcalloc(1, sizeof(*im));

	im->st = st;
	im->o = *o;
	im->file_deck = xstrdup("Default");
	return im;
}

void
import_free(struct import *im)
{
	if (im == NULL)
		return;
	idset_free(&im->seen);
	free(im->file_deck);
	for (size_t d = 0; d < im->ndecks; d++)
		free(im->decks[d].name);
	free(im);
}

void
import_set_file(struct import *im, const char *path)
{
	im->path = path;
	free(im->file_deck);
	im->file_deck = import_deck_from_path(path);
}

const struct import_counts *
import_counts(const struct import *im)
{
	return &im->counts;
}

/* The id of deck, from the cache or the store (creating the deck). */
static int
deck_id(struct import *im, const char *deck, int64_t *id, char **errmsg)
{
	size_t d;

	for (d = 0; d < im->ndecks && strcmp(im->decks[d].name, deck) != 0; d++)
		;
	if (d < im->ndecks) {
		*id = im->decks[d].id;
		return 0;
	}
	if (store_deck_id(im->st, deck, true, id, errmsg) < 0)
		return -1;
	if (im->ndecks < sizeof(im->decks) / sizeof(im->decks[0])) {
		im->decks[im->ndecks].name = xstrdup(deck);
		im->decks[im->ndecks++].id = *id;
	}
	return 0;
}

/* The card's tags and the row's, each once; NULL with *errmsg when they
 * are more than a card may have. */
static char *
merged_tags(const char *old, const char *add, char **errmsg)
{
	char *both = xasprintf("%s %s", old != NULL ? old : "", add);
	char *tags = text_join_tags(both, errmsg);

	free(both);
	return tags;
}

/*
 * The card, known by its id, is already in the collection.  Only what the
 * file says changes: a column it lacks keeps the card's text, and the deck
 * changes only when the row or the import names one (deck_id != 0).
 */
static int
import_known(struct import *im, const struct deckio_row *row,
    struct card *card, char **errmsg)
{
	struct card old;
	char *tags = NULL;
	bool changed;
	int rc;

	if (im->o.dup == IMPORT_SKIP) {
		im->counts.skipped++;
		return 0;
	}
	if (store_card_get(im->st, card->id, &old, errmsg) < 0)
		return -1;
	if (card->deck_id == 0)
		card->deck_id = old.deck_id;
	if (!row->has_answer)
		card->answer = old.answer;
	if (!row->has_tips)
		card->tips = old.tips;
	if (!row->has_tags &&
	    (card->tags = tags = merged_tags(old.tags, row->tags, errmsg)) == NULL) {
		card_clear(&old);
		return -1;
	}
	/* Text only: the card's history and schedule stay as they are. */
	rc = store_card_update_text(im->st, card, im->o.now, &changed, errmsg);
	if (rc == 0 && changed)
		im->counts.updated++;
	else if (rc == 0)
		im->counts.unchanged++;
	free(tags);
	card_clear(&old);
	return rc;
}

/* A card named twice: by its id, or by deck and question when the file
 * gives none (the derived id means nothing to a reader). */
static void
twice(const struct deckio_row *row, const char *deck,
    const struct idslot *first, char **errmsg)
{
	/* a package's cards have no line: line 0 */
	char *where = first->line > 0
	                  ? xasprintf("at %s:%ld", first->file, first->line)
	                  : xasprintf("in %s", first->file);

	if (row->id != NULL && row->id[0] != '\0')
		set_error(errmsg, "card %s is imported twice (first %s)", row->id,
		    where);
	else
		set_error(errmsg,
		    "the card \"%s\" of deck \"%s\" is imported twice (first "
		    "%s)",
		    row->question, deck, where);
	free(where);
}

int
import_row(const struct deckio_row *row, void *ctx, char **errmsg)
{
	struct import *im = ctx;
	const char *given = im->o.deck != NULL                          ? im->o.deck
	                    : row->deck != NULL && row->deck[0] != '\0' ? row->deck
	                                                                : NULL;
	const char *deck = given != NULL ? given : im->file_deck;
	char *ext = row->id != NULL && row->id[0] != '\0' ? xstrdup(row->id)
	                                                  : import_derived_id(deck, row->question);
	const struct idslot *first;
	struct card card;
	char *why;
	int rc = -1;

	memset(&card, 0, sizeof(card));
	/* Text an export would not read back never comes in (a package's
	 * cards, made from its templates, have no bound of their own). */
	if (text_card_fits(row->question, row->answer, row->tips, row->tags,
		errmsg) < 0)
		goto out;
	/* A schedule that check would call corruption never comes in. */
	if (row->sched != NULL && !card_sched_valid(row->sched, &why)) {
		set_error(errmsg, "impossible schedule: %s", why);
		free(why);
		goto out;
	}
	if ((first = idset_add(&im->seen, ext, row->file, row->line)) != NULL) {
		twice(row, deck, first, errmsg);
		goto out;
	}
	card.ext_id = ext;
	card.question = row->question;
	card.answer = row->answer;
	card.tips = row->tips;
	card.tags = row->tags;
	if (store_card_id_by_ext(im->st, ext, &card.id, errmsg) < 0)
		goto out;
	if ((card.id == 0 || given != NULL) &&
	    deck_id(im, deck, &card.deck_id, errmsg) < 0)
		goto out;
	if (card.id != 0) {
		rc = import_known(im, row, &card, errmsg);
		goto out;
	}
	if (row->sched != NULL) {
		card.s = *row->sched;
	} else {
		card.s.state = STATE_NEW;
		card.s.due = im->o.now;
	}
	if (store_card_insert(im->st, &card, im->o.now, errmsg) < 0)
		goto out;
	im->counts.added++;
	rc = 0;
out:
	free(ext);
	return rc;
}

static void
progress(off_t done, off_t total, void *ctx)
{
	struct import *im = ctx;

	im->o.progress(im->path, done, total, im->o.progress_ctx);
}

/* One file to import: fp is the spooled copy of a pipe, else NULL. */
struct input {
	const char *path;
	FILE *fp;
};

/* Copies from to a new unlinked temporary file: *out, at its start. */
static int
spool_copy(FILE *from, const char *name, FILE **out, char **errmsg)
{
	const char *dir = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/rehearse.XXXXXX",
	    dir != NULL && dir[0] == '/' ? dir : "/tmp");
	int fd = mkstemp(tmpl);
	char buf[65536];
	size_t n;

	if (fd < 0 || unlink(tmpl) < 0 || (*out = fdopen(fd, "w+b")) == NULL) {
		set_error(errmsg, "%s: cannot create a temporary file: %s", tmpl,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		free(tmpl);
		return -1;
	}
	free(tmpl);
	while ((n = fread(buf, 1, sizeof(buf), from)) > 0)
		if (fwrite(buf, 1, n, *out) != n)
			break;
	if (ferror(from) || ferror(*out) || fflush(*out) != 0 ||
	    fseeko(*out, 0, SEEK_SET) != 0) {
		set_error(errmsg, "%s: %s", name, strerror(errno));
		fclose(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/*
 * Standard input, a FIFO or a device may keep the writer waiting for a long
 * time: it is read to its end before the collection is locked, so that
 * other rehearse commands work meanwhile.
 */
int
import_spool(const char *path, FILE **fp, char **errmsg)
{
	struct stat sb;
	FILE *from;
	int rc;

	*fp = NULL;
	if (strcmp(path, "-") == 0)
		return spool_copy(stdin, "<stdin>", fp, errmsg);
	if (stat(path, &sb) < 0 || S_ISREG(sb.st_mode) || S_ISDIR(sb.st_mode))
		return 0; /* deckio says what is wrong with it */
	if ((from = fopen(path, "rb")) == NULL)
		return set_error(errmsg, "%s: %s", path, strerror(errno));
	rc = spool_copy(from, path, fp, errmsg);
	fclose(from);
	return rc;
}

static int
spool(struct input *in, char **errmsg)
{
	return import_spool(in->path, &in->fp, errmsg);
}

static void
inputs_free(struct input *in, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (in[i].fp != NULL)
			fclose(in[i].fp);
	free(in);
}

/* The files, the pipes among them read to their end; NULL on failure. */
static struct input *
inputs_read(char *const *files, size_t n, char **errmsg)
{
	struct input *in = xcalloc(n ? n : 1, sizeof(*in));

	for (size_t i = 0; i < n; i++) {
		in[i].path = files[i];
		if (spool(&in[i], errmsg) < 0) {
			inputs_free(in, i);
			return NULL;
		}
	}
	return in;
}

static bool
large_input(const struct input *in, size_t n)
{
	struct stat sb;
	off_t total = 0;

	for (size_t i = 0; i < n; i++)
		if ((in[i].fp != NULL ? fstat(fileno(in[i].fp), &sb)
				      : stat(in[i].path, &sb)) == 0 &&
		    S_ISREG(sb.st_mode))
			total += sb.st_size;
	return total >= IMPORT_LARGE;
}

/* Each file in turn; ids name cards across files too. */
static int
import_each(struct import *im, const struct input *in, size_t n, char **errmsg)
{
	struct deckio_opts opts = { .notes = &im->counts.notes };

	if (im->o.progress != NULL) {
		opts.progress = progress;
		opts.progress_ctx = im;
	}
	for (size_t i = 0; i < n; i++) {
		import_set_file(im, in[i].path);
		if ((in[i].fp != NULL
			    ? deckio_import_stream(in[i].fp,
				  strcmp(in[i].path, "-") == 0 ? "<stdin>" : in[i].path,
				  &opts, import_row, im, errmsg)
			    : deckio_import(in[i].path, &opts, import_row, im, errmsg)) != 0)
			return -1;
	}
	return 0;
}

int
import_transaction(struct store *st, bool large,
    int (*body)(void *ctx, char **errmsg), void *ctx, char **errmsg)
{
	bool ok;

	if (large)
		store_bulk_begin(st);
	/* The new cards' full-text entries at the end, whatever the size:
	 * the one way of writing them, which every import takes. */
	ok = store_begin(st, errmsg) == 0 &&
	     store_cards_bulk_begin(st, large, errmsg) == 0 && body(ctx, errmsg) == 0 &&
	     store_cards_bulk_end(st, errmsg) == 0 && store_commit(st, errmsg) == 0;
	if (!ok) {
		store_rollback(st);
		store_cards_bulk_cancel(st);
	}
	store_bulk_end(st);
	return ok ? 0 : -1;
}

struct each_ctx {
	struct import *im;
	const struct input *in;
	size_t n;
};

static int
each_body(void *ctx, char **errmsg)
{
	struct each_ctx *e = ctx;

	return import_each(e->im, e->in, e->n, errmsg);
}

int
import_files(struct store *st, const struct import_opts *o,
    char *const *files, size_t nfiles, struct import_counts *counts,
    char **errmsg)
{
	struct input *in = inputs_read(files, nfiles, errmsg);
	struct import *im;
	bool ok;

	if (in == NULL)
		return -1;
	im = import_new(st, o);
	ok = import_transaction(st, large_input(in, nfiles), each_body,
		 &(struct each_ctx){ im, in, nfiles }, errmsg) == 0;
	if (ok && counts != NULL)
		*counts = im->counts;
	import_free(im);
	inputs_free(in, nfiles);
	return ok ? 0 : -1;
}

int
import_deck_name_check(const char *name, char **errmsg)
{
	size_t n = strlen(name);

	if (!utf8_valid(name, n, NULL))
		return set_error(errmsg, "the deck name is not valid UTF-8");
	if (name[strspn(name, " \t")] == '\0')
		return set_error(errmsg, "the deck name is empty");
	if (n > IMPORT_DECK_NAME_MAX)
		return set_error(errmsg, "the deck name is longer than %d bytes",
		    IMPORT_DECK_NAME_MAX);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)name[i] < ' ' || name[i] == 0x7f)
			return set_error(errmsg, "the deck name has a control"
						 " character");
	return 0;
}

int
import_add_card(struct store *st, const struct card *card, const char *deck,
    const char *ext, int64_t now, int64_t *id, char **ext_out, char **errmsg)
{
	struct card c = *card;
	char *own_ext = ext != NULL ? xstrdup(ext)
	                            : import_derived_id(deck, card->question);
	char *tags = text_card_fits(card->question, card->answer, card->tips,
			 NULL, errmsg) == 0
	                 ? text_join_tags(card->tags != NULL ? card->tags : "",
			       errmsg)
	                 : NULL;
	int64_t old = 0;
	int rc = -1;

	if (tags == NULL) {
		free(own_ext);
		return -1;
	}
	c.ext_id = own_ext;
	c.tags = tags;
	c.answer = c.answer != NULL ? c.answer : "";
	c.tips = c.tips != NULL ? c.tips : "";
	c.s = (struct sched){ .state = STATE_NEW, .due = now };
	c.suspended = c.flagged = false;
	c.buried_until = 0;
	if (import_deck_name_check(deck, errmsg) < 0 ||
	    store_card_id_by_ext(st, own_ext, &old, errmsg) < 0)
		goto out;
	if (old != 0) {
		set_error(errmsg, "a card with id \"%s\" exists already (rehearse"
				  " edit changes it)",
		    own_ext);
		goto out;
	}
	if (store_deck_id(st, deck, true, &c.deck_id, errmsg) < 0 ||
	    store_card_insert(st, &c, now, errmsg) < 0)
		goto out;
	if (id != NULL)
		*id = c.id;
	rc = 0;
out:
	if (rc == 0 && ext_out != NULL)
		*ext_out = own_ext;
	else
		free(own_ext);
	free(tags);
	return rc;
}
