/*
 * stats_report.h - the statistics as text: the same lines for `rehearse
 * stats` and the statistics screen, charts drawn with Unicode blocks or,
 * without a UTF-8 locale, with ASCII.  Every line fits the width asked
 * for, from STATS_REPORT_MIN_WIDTH to STATS_REPORT_WIDTH columns: the
 * charts narrow, the tables drop their counts, and prose wraps.
 */
#ifndef REHEARSE_STATS_REPORT_H
#define REHEARSE_STATS_REPORT_H

#include <stdbool.h>

#include "core/stats.h"

/* The widest line of a report, in columns, and the narrowest width a
 * report is laid out for. */
#define STATS_REPORT_WIDTH 78
#define STATS_REPORT_MIN_WIDTH 38

/*
 * The report of s, lines ended by '\n'; allocated, the caller frees.
 * deck is the deck's name (untrusted text, shown sanitised) or NULL for
 * the whole collection; unicode chooses the block characters; width is
 * the widest line wanted, taken within STATS_REPORT_MIN_WIDTH and
 * STATS_REPORT_WIDTH.
 */
char *stats_report(const struct stats *s, const char *deck, bool unicode,
    int width);

/*
 * The lines of text (sanitised) that are wider than width wrapped at
 * blanks, the others as they are; every line ended by '\n'.  Allocated,
 * the caller frees.
 */
char *stats_report_fit(const char *text, int width);

/*
 * The statistics as one JSON object (the contract documented in the
 * manual), ending with '\n'; allocated, the caller frees.  deck as above
 * (written as JSON, null for the collection).
 */
char *stats_json(const struct stats *s, const char *deck);

#endif
