/*
 * store_private.h - what the store's own files share: the SQLite handle
 * and its error reporting.  Included only by src/core/store*.c, the only
 * files that speak SQL.
 */
#ifndef REHEARSE_STORE_PRIVATE_H
#define REHEARSE_STORE_PRIVATE_H

#include <sqlite3.h>

#include "core/store.h"

/* The connection; owned by st. */
sqlite3 *store_sqlite(struct store *st);
/*
 * Statements of the store's other files, prepared once and finalized by
 * store_close: slot i of STORE_EXTRA_STMTS holds NULL until prepared.
 * Each file owns a range of slots (store_stats.c: 0 to 31).
 */
#define STORE_EXTRA_STMTS 32
sqlite3_stmt **store_stmt_slot(struct store *st, int slot);
/* Sets *errmsg to "PATH: WHAT: the error" (busy said plainly); returns -1. */
int store_sql_error(struct store *st, char **errmsg, const char *what);

#endif
