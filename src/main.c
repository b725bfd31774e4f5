#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "cmd/cli.h"
#include "tui/ui.h"

static int
run_tui(struct store *st, struct settings *set, const struct cli_tui *t,
    char **errmsg)
{
	struct ui_opts o = { .deck = t->deck,
		.deck_id = t->deck_id,
		.review = t->review,
		.interview = t->interview,
		.questions = t->questions,
		.answer_ms = t->answer_ms,
		.script = t->script,
		.custom = t->custom };

	return ui_run(st, set, &o, errmsg);
}

/*
 * The locale of the environment.  Its character set is what the terminal
 * is taken to show, so text is converted to it and what it cannot hold is
 * shown as a code (text.h).  When the environment names no locale (C or
 * POSIX, as with env -i or over ssh with LANG unset), the characters are
 * UTF-8's all the same: every terminal today takes UTF-8, and the C
 * locale would show all card text as codes.
 */
static void
set_locale(void)
{
	static const char *const utf8[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8" };
	const char *ctype;

	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return;
	ctype = setlocale(LC_CTYPE, NULL);
	if (ctype == NULL ||
	    (strcmp(ctype, "C") != 0 && strcmp(ctype, "POSIX") != 0))
		return;
	for (size_t i = 0; i < sizeof(utf8) / sizeof(utf8[0]); i++)
		if (setlocale(LC_CTYPE, utf8[i]) != NULL)
			return;
}

int
main(int argc, char **argv)
{
	int rc, sig;

	set_locale();
	rc = cli_main(argc, argv, run_tui);
	/* interrupted: the terminal is back and the collection closed */
	sig = ui_exit_signal();
	return sig != 0 && rc == 0 ? 128 + sig : rc;
}
