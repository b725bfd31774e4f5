#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "core/names.h"
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

/* The deck deck stands for among decks[0, nd): its index, or -1 when none
 * or several do (said). */
static int
deck_among(const char *deck, const struct deck_info *decks, size_t nd)
{
	const char **names = xcalloc(nd ? nd : 1, sizeof(*names));
	size_t *idx = xcalloc(nd ? nd : 1, sizeof(*idx));
	size_t k;
	int found = -1;

	for (size_t i = 0; i < nd; i++)
		names[i] = decks[i].name;
	k = names_match(deck, names, nd, idx);
	if (k == 1) {
		found = (int)idx[0];
	} else if (k > 1) {
		char *list = cmd_name_list(names, idx, k > 5 ? 5 : k);

		cmd_warn("\"%s\" could be %s%s: give more of the name", deck,
		    k > 5 ? "any of " : "", list);
		free(list);
	} else {
		cmd_no_such("deck", deck, names, nd, " (see rehearse decks)");
	}
	free(names);
	free(idx);
	return found;
}

int
cmd_deck_find(struct cli *c, const char *deck, int64_t *deck_id, char **name)
{
	struct deck_info *decks = NULL;
	size_t nd = 0;
	char *msg = NULL;
	int i;

	*deck_id = 0;
	if (name != NULL)
		*name = NULL;
	if (deck == NULL)
		return CLI_OK;
	if (store_deck_id(c->st, deck, false, deck_id, &msg) < 0)
		return cmd_fail(msg);
	if (*deck_id != 0) {
		if (name != NULL)
			*name = xstrdup(deck);
		return CLI_OK;
	}
	if (store_decks(c->st, &decks, &nd, &msg) < 0)
		return cmd_fail(msg);
	if ((i = deck_among(deck, decks, nd)) >= 0) {
		*deck_id = decks[i].id;
		if (name != NULL)
			*name = xstrdup(decks[i].name);
	}
	store_decks_free(decks, nd);
	return *deck_id != 0 ? CLI_OK : CLI_FAIL;
}

int
cmd_deck_id(struct cli *c, const char *deck, int64_t *deck_id)
{
	return cmd_deck_find(c, deck, deck_id, NULL);
}
