/*
 * store_slots.c - the answers per slot counted anew from the log
 * (store_private.h, review_slots), in C and in slot order: to fill the
 * table after a large import, and to check it.  One walk of the log's
 * index on time, one slot in memory at a time, where SQL's GROUP BY would
 * sort the whole log.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "core/store_private.h"

int
store_slots_count(struct store *st, store_slot_fn *each, void *ctx,
    char **errmsg)
{
	sqlite3_stmt *sel;
	struct store_slot_counts c = { 0 };
	bool any = false;
	int rc = 0, step;

	if (sqlite3_prepare_v2(st->db,
		"SELECT time, state, rating, prev_scheduled_days FROM reviews"
		" ORDER BY time",
		-1, &sel, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "counting the answers");
	while (rc == 0 && (step = sqlite3_step(sel)) == SQLITE_ROW) {
		int64_t t = sqlite3_column_int64(sel, 0);
		int64_t slot = t / STORE_SLOT_MS - (t % STORE_SLOT_MS < 0);
		int state = sqlite3_column_int(sel, 1);
		int rating = sqlite3_column_int(sel, 2);
		int kind = state != 2                          ? 0
		           : sqlite3_column_int64(sel, 3) < 21 ? 1
		                                               : 2;

		if (any && slot != c.slot) {
			rc = each(&c, ctx, errmsg);
			memset(&c, 0, sizeof(c));
		}
		any = true;
		c.slot = slot;
		if (rating >= 1 && rating <= 4)
			c.n[kind * 4 + rating - 1]++;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_sql_error(st, errmsg, "counting the answers");
	else if (rc == 0 && any)
		rc = each(&c, ctx, errmsg);
	sqlite3_finalize(sel);
	return rc;
}

struct fill {
	struct store *st;
	sqlite3_stmt *ins;
};

static int
put_slot(const struct store_slot_counts *c, void *ctx, char **errmsg)
{
	struct fill *f = ctx;

	sqlite3_bind_int64(f->ins, 1, c->slot);
	for (int i = 0; i < 12; i++)
		sqlite3_bind_int64(f->ins, i + 2, c->n[i]);
	return store_exec_done(f->st, f->ins, errmsg, "counting the answers");
}

int
store_slots_fill(struct store *st, char **errmsg)
{
	struct fill f = { .st = st };
	int rc;

	if (store_exec_sql(st, "DELETE FROM review_slots", errmsg,
		"counting the answers") < 0)
		return -1;
	if (sqlite3_prepare_v2(st->db,
		"INSERT INTO review_slots (slot, " STORE_SLOT_COLS ") VALUES"
		" (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		-1, &f.ins, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "counting the answers");
	rc = store_slots_count(st, put_slot, &f, errmsg);
	sqlite3_finalize(f.ins);
	return rc;
}

/* review_slots read in slot order beside the counts from the log. */
struct compare {
	struct store *st;
	sqlite3_stmt *sel; /* the table's rows, in slot order */
	int step;          /* sel's last: SQLITE_ROW while a row is at hand */
	int64_t differ;
};

static bool
row_is_zero(sqlite3_stmt *sel)
{
	for (int i = 1; i <= 12; i++)
		if (sqlite3_column_int64(sel, i) != 0)
			return false;
	return true;
}

static int
advance(struct compare *cmp, char **errmsg)
{
	cmp->step = sqlite3_step(cmp->sel);
	if (cmp->step != SQLITE_ROW && cmp->step != SQLITE_DONE)
		return store_sql_error(cmp->st, errmsg, "checking the answers");
	return 0;
}

/* Rows before slot (all of them: INT64_MAX) that are not zero count as
 * differing: the log has no answer there. */
static int
skip_before(struct compare *cmp, int64_t slot, char **errmsg)
{
	while (cmp->step == SQLITE_ROW && sqlite3_column_int64(cmp->sel, 0) < slot) {
		cmp->differ += !row_is_zero(cmp->sel);
		if (advance(cmp, errmsg) < 0)
			return -1;
	}
	return 0;
}

static int
compare_slot(const struct store_slot_counts *c, void *ctx, char **errmsg)
{
	struct compare *cmp = ctx;
	bool same;

	if (skip_before(cmp, c->slot, errmsg) < 0)
		return -1;
	same = cmp->step == SQLITE_ROW && sqlite3_column_int64(cmp->sel, 0) == c->slot;
	for (int i = 0; same && i < 12; i++)
		same = sqlite3_column_int64(cmp->sel, i + 1) == c->n[i];
	cmp->differ += !same;
	if (cmp->step == SQLITE_ROW && sqlite3_column_int64(cmp->sel, 0) == c->slot)
		return advance(cmp, errmsg);
	return 0;
}

int
store_slots_check(struct store *st, int64_t *differ, char **errmsg)
{
	struct compare cmp = { .st = st };
	int rc;

	if (sqlite3_prepare_v2(st->db,
		"SELECT slot, " STORE_SLOT_COLS " FROM review_slots ORDER BY slot",
		-1, &cmp.sel, NULL) != SQLITE_OK)
		return store_sql_error(st, errmsg, "checking the answers");
	rc = advance(&cmp, errmsg);
	if (rc == 0)
		rc = store_slots_count(st, compare_slot, &cmp, errmsg);
	if (rc == 0)
		rc = skip_before(&cmp, INT64_MAX, errmsg);
	sqlite3_finalize(cmp.sel);
	*differ = cmp.differ;
	return rc;
}
