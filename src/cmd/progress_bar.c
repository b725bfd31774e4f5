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
#include "core/util.h"

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

/*
 * A label wider than LABEL_COLUMNS loses its middle to "...": its end,
 * where a path has the file's name, is kept.  Takes clean (sanitised)
 * and returns the label, allocated.
 */
static char *
cut_label(char *clean)
{
	size_t n = strlen(clean), tail = n, head;
	int tail_w = 0;
	char *label;

	if (text_width(clean) <= LABEL_COLUMNS)
		return clean;
	/* the end: whole characters, LABEL_COLUMNS / 2 columns at most */
	for (size_t k = n; k > 0; k--) {
		if (((unsigned char)clean[k - 1] & 0xc0) == 0x80)
			continue;
		if (text_width(clean + k - 1) > LABEL_COLUMNS / 2)
			break;
		tail = k - 1;
	}
	tail_w = text_width(clean + tail);
	head = text_prefix(clean, tail, LABEL_COLUMNS - 3 - tail_w, NULL);
	label = xasprintf("%.*s...%s", (int)head, clean, clean + tail);
	free(clean);
	return label;
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
	b->label = cut_label(clean);
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
