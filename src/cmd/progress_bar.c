/*
 * progress_bar.c - a progress bar on standard error (progress_bar.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/progress_bar.h"
#include "core/text.h"

#define BAR_WIDTH 20
#define LABEL_COLUMNS 40

static int64_t
monotonic_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool
stderr_is_terminal(void)
{
	const char *term = getenv("TERM");

	return isatty(STDERR_FILENO) && term != NULL && *term != '\0' &&
	       strcmp(term, "dumb") != 0;
}

void
progress_bar_start_on(
    struct progress_bar *b, FILE *f, bool draw, const char *label)
{
	char *clean = text_sanitize_line(label != NULL ? label : "");

	*b = (struct progress_bar){ .percent = -1 };
	if (!draw) {
		free(clean);
		return;
	}
	/* A long label is cut to LABEL_COLUMNS columns. */
	clean[text_prefix(clean, strlen(clean), LABEL_COLUMNS, NULL)] = '\0';
	b->label = clean;
	b->f = f;
}

void
progress_bar_start(struct progress_bar *b, const char *label)
{
	progress_bar_start_on(b, stderr, stderr_is_terminal(), label);
}

static void
draw(struct progress_bar *b, uint64_t done, uint64_t total, int percent)
{
	char bar[BAR_WIDTH + 1];
	int filled = percent * BAR_WIDTH / 100;

	if (total == 0) {
		fprintf(b->f, "\rrehearse: %s %llu\033[K", b->label,
		    (unsigned long long)done);
	} else {
		memset(bar, '#', (size_t)filled);
		memset(bar + filled, ' ', (size_t)(BAR_WIDTH - filled));
		bar[BAR_WIDTH] = '\0';
		fprintf(b->f, "\rrehearse: %s [%s] %3d%%\033[K", b->label, bar,
		    percent);
	}
	fflush(b->f);
	b->shown = true;
}

void
progress_bar_update(struct progress_bar *b, uint64_t done, uint64_t total)
{
	int64_t now;
	int percent;

	if (b->f == NULL)
		return;
	if (total != 0 && done > total)
		done = total;
	percent = total == 0 ? 0 : (int)(done * 100 / total);
	now = monotonic_ms();
	if (b->percent >= 0 && now - b->drawn < PROGRESS_BAR_MS &&
	    !(total != 0 && done == total && percent != b->percent))
		return;
	if (total != 0 && percent == b->percent)
		return;
	draw(b, done, total, percent);
	b->percent = percent;
	b->drawn = now;
}

static void
hook_report(void *ctx, uint64_t done, uint64_t total)
{
	progress_bar_update(ctx, done, total);
}

struct progress
progress_bar_hook(struct progress_bar *b)
{
	return (struct progress){ .report = hook_report, .ctx = b };
}

void
progress_bar_end(struct progress_bar *b)
{
	if (b->f != NULL && b->shown) {
		fputs("\r\033[K", b->f);
		fflush(b->f);
	}
	free(b->label);
	*b = (struct progress_bar){ .percent = -1 };
}
