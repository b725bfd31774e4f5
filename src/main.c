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
	struct ui_opts o = { .deck = t->deck, .deck_id = t->deck_id, .review = t->review, .script = t->script, .custom = t->custom };

	return ui_run(st, set, &o, errmsg);
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	return cli_main(argc, argv, run_tui);
}
