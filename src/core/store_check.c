#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "core/store_private.h"
#include "core/store_search.h"
#include "core/text.h"
#include "core/util.h"

/* ---- maintenance ---- */

static void
add_problem(char ***problems, size_t *n, char *msg)
{
	*problems = xrealloc(*problems, (*n + 1) * sizeof(**problems));
	(*problems)[(*n)++] = msg;
}

/* The program's own invariants, each a query counting the rows that break
 * it, with what to say about them. */
static const struct {
	const char *sql;
	const char *what;
} invariants[] = {
	/* A card's repetitions are those of the state before its first
	 * recorded review (a schedule imported with the card holds a history
	 * the log does not) and one for each review. */
	/* A card reset to new counts from its reset on. */
	{ "SELECT count(*) FROM cards c WHERE EXISTS (SELECT 1 FROM reviews r"
	  " WHERE r.card_id = c.id AND r.time > c.reset_at) AND c.reps <>"
	  " (SELECT count(*) FROM reviews r WHERE r.card_id = c.id"
	  " AND r.time > c.reset_at) + (SELECT r.prev_reps FROM reviews r"
	  " WHERE r.card_id = c.id AND r.time > c.reset_at ORDER BY r.time LIMIT 1)",
	    "cards whose repetition count differs from"
	    " their review log" },
	/* A deleted card's reviews stay, with the record of the card. */
	{ "SELECT count(*) FROM reviews r WHERE NOT EXISTS (SELECT 1 FROM cards c"
	  " WHERE c.id = r.card_id) AND NOT EXISTS (SELECT 1 FROM cards_deleted d"
	  " WHERE d.id = r.card_id)",
	    "reviews of a card that never was" },
	{ "SELECT count(*) FROM reviews WHERE time <= 0",
	    "reviews with an impossible time" },
	{ "SELECT count(*) FROM cards WHERE trim(tags) <> tags OR"
	  " tags GLOB '*  *'",
	    "cards with badly spaced tags" },
	/* What an import refuses, written before the bounds held for every
	 * way a card is made: an export of them would not import again. */
	{ "SELECT count(*) FROM cards WHERE"
	  " length(CAST(question AS BLOB)) > 1048576 OR"
	  " length(CAST(answer AS BLOB)) > 1048576 OR"
	  " length(CAST(tips AS BLOB)) > 1048576 OR"
	  " length(CAST(tags AS BLOB)) > 1048576 OR"
	  " length(tags) - length(replace(tags, ' ', '')) >= 1000",
	    "cards with more text or tags than an import reads (1 MiB a field,"
	    " 1000 tags)" },
	{ "SELECT count(*) FROM reviews WHERE duration > 2147483647",
	    "answers lasting more than an import reads (2147483647 ms)" },
};
_Static_assert(TEXT_MAX_FIELD == 1048576 && TEXT_MAX_TAGS == 1000 &&
		   REVIEW_DURATION_MAX_MS == 2147483647,
    "the bounds of the invariants above");

/* The cards whose schedule breaks the rules of card.h, the first named. */
struct bad_sched {
	long count;
	char *first;
};

static int
check_sched(const struct card *c, void *ctx, char **errmsg)
{
	struct bad_sched *b = ctx;
	char *why, *ext;

	(void)errmsg;
	if (card_sched_valid(&c->s, &why))
		return 0;
	if (b->count++ == 0) {
		ext = text_sanitize_line(c->ext_id);
		b->first = xasprintf("card \"%s\": %s", ext, why);
		free(ext);
	}
	free(why);
	return 0;
}

static int
check_scheds(struct store *st, char ***problems, size_t *n, char **errmsg)
{
	struct bad_sched b = { 0 };

	if (store_cards_foreach(st, 0, check_sched, &b, errmsg) < 0) {
		free(b.first);
		return -1;
	}
	if (b.count > 0)
		add_problem(problems, n, xasprintf("%ld cards with impossible "
						   "scheduling values (%s)",
					     b.count, b.first));
	free(b.first);
	return 0;
}

/* The answers per slot (store_private.h) are those of the log, and so are
 * those per deck, of the cards now in each deck. */
static int
check_slots(struct store *st, char ***problems, size_t *n, char **errmsg)
{
	int64_t differ, deck_differ;

	if (store_slots_check(st, &differ, &deck_differ, errmsg) < 0)
		return -1;
	if (differ > 0)
		add_problem(problems, n, xasprintf("%lld statistics slots (quarters"
						   " of an hour) whose answers differ"
						   " from the review log",
					     (long long)differ));
	if (deck_differ > 0)
		add_problem(problems, n, xasprintf("%lld statistics slots of a deck"
						   " whose answers differ from the"
						   " review log",
					     (long long)deck_differ));
	return 0;
}

int
store_check(struct store *st, char ***problems, size_t *n, char **errmsg)
{
	sqlite3_stmt *stmt;
	bool in_step;
	int rc;

	*problems = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(store_sqlite(st), "PRAGMA integrity_check", -1, &stmt,
		NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "checking");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(stmt, 0);

		if (msg != NULL && strcmp(msg, "ok") != 0)
			add_problem(problems, n, xasprintf("database: %s", msg));
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_sql_error(st, errmsg, "checking");
	if (*n > 0)
		return 0; /* a damaged file makes the finer checks meaningless */

	if (sqlite3_prepare_v2(store_sqlite(st), "PRAGMA foreign_key_check", -1, &stmt,
		NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "checking");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		add_problem(problems, n, xasprintf("%s row %lld refers to a missing %s", sqlite3_column_text(stmt, 0), (long long)sqlite3_column_int64(stmt, 1), sqlite3_column_text(stmt, 2)));
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_sql_error(st, errmsg, "checking");

	if (store_search_index_check(st, &in_step, errmsg) < 0)
		return -1;
	if (!in_step)
		add_problem(problems, n, xstrdup("the search index is out of step with"
						 " the cards (rehearse check --repair"
						 " rebuilds it)"));
	if (check_scheds(st, problems, n, errmsg) < 0 ||
	    check_slots(st, problems, n, errmsg) < 0)
		return -1;
	for (size_t i = 0; i < sizeof(invariants) / sizeof(invariants[0]); i++) {
		int64_t count = 0;

		if (store_pragma_int(st, invariants[i].sql, &count, errmsg) < 0)
			return -1;
		if (count > 0)
			add_problem(problems, n, xasprintf("%lld %s", (long long)count, invariants[i].what));
	}
	return 0;
}
