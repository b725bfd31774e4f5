/*
 * test_progress_bar.c - the progress bar of long jobs (progress_bar.h).
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/progress_bar.h"

struct capture {
	char *buf;
	size_t len;
	FILE *f;
};

static void
capture_open(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	cr_assert_not_null(c->f);
}

static void
capture_close(struct capture *c)
{
	fclose(c->f);
}

Test(progress_bar, draws_percent_and_erases_at_end)
{
	struct capture c;
	struct progress_bar b;

	capture_open(&c);
	progress_bar_start_on(&b, c.f, true, "importing a.csv");
	progress_bar_update(&b, 50, 100);
	progress_bar_end(&b);
	capture_close(&c);
	cr_assert_str_eq(c.buf,
	    "\rrehearse: importing a.csv [##########          ]  50%\033[K"
	    "\r\033[K");
	free(c.buf);
}

Test(progress_bar, silent_without_a_terminal)
{
	struct capture c;
	struct progress_bar b;
	struct progress hook;

	capture_open(&c);
	progress_bar_start_on(&b, c.f, false, "x");
	hook = progress_bar_hook(&b);
	progress_report(&hook, 1, 2);
	progress_bar_end(&b);
	capture_close(&c);
	cr_assert_eq(c.len, 0);
	free(c.buf);
}

Test(progress_bar, end_drawn_even_when_updates_come_fast)
{
	struct capture c;
	struct progress_bar b;
	struct progress hook;

	capture_open(&c);
	progress_bar_start_on(&b, c.f, true, "fit");
	hook = progress_bar_hook(&b);
	for (uint64_t i = 0; i <= 1000; i++)
		progress_report(&hook, i, 1000);
	fflush(c.f);
	/* Drawn at most a few times, and the last drawing is 100%. */
	cr_assert_not_null(strstr(c.buf, "100%"));
	cr_assert_lt(c.len, 400);
	progress_bar_end(&b);
	capture_close(&c);
	free(c.buf);
}

Test(progress_bar, label_is_sanitised_and_cut)
{
	struct capture c;
	struct progress_bar b;
	char label[200];

	memset(label, 'x', sizeof label - 1);
	label[sizeof label - 1] = '\0';
	label[0] = '\033';
	capture_open(&c);
	progress_bar_start_on(&b, c.f, true, label);
	progress_bar_update(&b, 7, 0);
	progress_bar_end(&b);
	capture_close(&c);
	/* The only escapes are the bar's own erase-line sequences. */
	cr_assert_not_null(strstr(c.buf, "^[xxx"));
	cr_assert_lt(strlen(c.buf), 80);
	cr_assert_not_null(strstr(c.buf, " 7\033[K"));
	free(c.buf);
}

/* A long label (a file's path) keeps its end, the file's name, and shows
 * where it was cut. */
Test(progress_bar, long_label_keeps_its_end)
{
	struct capture c;
	struct progress_bar b;
	const char *label = "importing /tmp/a/rather/long/directory/name/"
			    "here/of/many/parts/big-deck.csv";

	capture_open(&c);
	progress_bar_start_on(&b, c.f, true, label);
	progress_bar_update(&b, 1, 2);
	progress_bar_end(&b);
	capture_close(&c);
	cr_assert_not_null(strstr(c.buf, "rehearse: importing /tmp/"), "%s", c.buf);
	cr_assert_not_null(strstr(c.buf, "..."), "%s", c.buf);
	cr_assert_not_null(strstr(c.buf, "/big-deck.csv ["), "%s", c.buf);
	cr_assert_lt(strlen(c.buf), 120);
	free(c.buf);
}
