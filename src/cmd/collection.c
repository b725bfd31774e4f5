#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "core/util.h"

static int
mkdir_p(const char *path, mode_t mode, char **errmsg)
{
	char *p = xstrdup(path);

	/* Each leading directory, then the whole path. */
	for (char *s = p + 1;; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, mode) < 0 && errno != EEXIST) {
			set_error(errmsg, "%s: cannot create: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		if (c == '\0')
			break;
		*s = c;
	}
	free(p);
	return 0;
}

/* --db, then REHEARSE_DB, then $XDG_DATA_HOME/rehearse/collection.db
 * (creating that directory, private). */
static int
db_path(struct cli *c, char **errmsg)
{
	const char *env = getenv("REHEARSE_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *dir;

	if (c->db_opt != NULL) {
		c->db_path = xstrdup(c->db_opt);
		return 0;
	}
	if (env != NULL && *env != '\0') {
		c->db_path = xstrdup(env);
		return 0;
	}
	if (xdg != NULL && xdg[0] == '/')
		dir = xasprintf("%s/rehearse", xdg);
	else if (home != NULL && *home != '\0')
		dir = xasprintf("%s/.local/share/rehearse", home);
	else
		return set_error(errmsg, "neither XDG_DATA_HOME nor HOME is set;"
					 " name the collection with --db PATH");
	if (mkdir_p(dir, 0700, errmsg) < 0) {
		free(dir);
		return -1;
	}
	c->db_path = xasprintf("%s/collection.db", dir);
	free(dir);
	return 0;
}

int
cmd_open_collection(struct cli *c)
{
	char *msg = NULL;

	if (db_path(c, &msg) < 0 || store_open(c->db_path, &c->st, &msg) < 0 ||
	    settings_load(c->st, &c->set, &msg) < 0)
		return cmd_fail(msg);
	return CLI_OK;
}

int
cmd_deck_id(struct cli *c, const char *deck, int64_t *deck_id)
{
	char *msg = NULL;

	*deck_id = 0;
	if (deck == NULL)
		return CLI_OK;
	if (store_deck_id(c->st, deck, false, deck_id, &msg) < 0)
		return cmd_fail(msg);
	if (*deck_id == 0) {
		cmd_warn("no deck named \"%s\" (see rehearse decks)", deck);
		return CLI_FAIL;
	}
	return CLI_OK;
}
