/*
 * stats_report.h - the statistics as text: the same lines for `rehearse
 * stats` and the statistics screen, charts drawn with Unicode blocks or,
 * without a UTF-8 locale, with ASCII.  Every line fits 80 columns.
 */
#ifndef REHEARSE_STATS_REPORT_H
#define REHEARSE_STATS_REPORT_H

#include <stdbool.h>

#include "core/stats.h"

/* The widest line of a report, in columns. */
#define STATS_REPORT_WIDTH 78

/*
 * The report of s, lines ended by '\n'; allocated, the caller frees.
 * deck is the deck's name (untrusted text, shown sanitised) or NULL for
 * the whole collection; unicode chooses the block characters.
 */
char *stats_report(const struct stats *s, const char *deck, bool unicode);

/*
 * The statistics as one JSON object (the contract documented in the
 * manual), ending with '\n'; allocated, the caller frees.  deck as above
 * (written as JSON, null for the collection).
 */
char *stats_json(const struct stats *s, const char *deck);

#endif
