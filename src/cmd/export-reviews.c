/* export-reviews.c - "rehearse export-reviews": the review log as CSV. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "cmd/cmd.h"
#include "core/deckio.h"

enum { OPT_OUTPUT = 'o' };

static const struct cmd_option options[] = {
	{ OPT_OUTPUT, 'o', "output", "FILE",
	    "write to FILE instead of standard output" },
	{ 0, 0, NULL, NULL, NULL },
};

/* The rows go out through one buffer, not a write each. */
struct out {
	FILE *f;
	struct strbuf buf;
};

static int
export_review(const struct review *r, const char *ext_id, void *ctx,
    char **errmsg)
{
	struct out *o = ctx;

	return deckio_review_add(o->f, &o->buf, ext_id, r, errmsg);
}

static int
run(const struct cmd_entry *self, struct cli *c, const struct cmd_args *a)
{
	struct cmd_output o;
	struct out out = { 0 };
	char *msg = NULL;
	int rc;

	(void)self;
	if ((rc = cmd_output_open(&o, cmd_value(a, OPT_OUTPUT))) != CLI_OK)
		return rc;
	out.f = o.f;
	if (deckio_write_reviews_header(o.f, &msg) < 0 ||
	    store_reviews_foreach(c->st, export_review, &out, &msg) != 0 ||
	    deckio_rows_flush(o.f, &out.buf, &msg) < 0)
		rc = cmd_output_fail(&o, msg);
	strbuf_free(&out.buf);
	return cmd_output_close(&o, rc);
}

const struct cmd_entry cmd_export_reviews_entry = {
	.name = "export-reviews",
	.synopsis = "[-o FILE]",
	.summary = "Write the review log as CSV, as import-reviews reads it",
	.options = options,
	.flags = CMD_COLLECTION,
	.run = run,
};
