#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <locale.h>

#include "cmd/cli.h"
#include "tui/ui.h"

static int
run_tui(struct store *st, struct settings *set, const struct cli_tui *t,
    char **errmsg)
{
	struct ui_opts o = { .deck = t->deck, .deck_id = t->deck_id, .review = t->review, .script = t->script };

	return ui_run(st, set, &o, errmsg);
}

int
main(int argc, char **argv)
{
	int rc, sig;

	setlocale(LC_ALL, "");
	rc = cli_main(argc, argv, run_tui);
	/* interrupted: the terminal is back and the collection closed */
	sig = ui_exit_signal();
	return sig != 0 && rc == 0 ? 128 + sig : rc;
}
