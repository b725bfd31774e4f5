#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <string.h>

#include "tui/actions.h"

const char *const actions_key_names[ACT_KEY_COUNT] = {
#define ACTION_KEY_NAME(id, name) [ACT_KEY_##id] = (name),
	ACTIONS_KEY_NAMES(ACTION_KEY_NAME)
#undef ACTION_KEY_NAME
};

const struct action_info actions_table[] = {
#define ACTION_ROW(name, screens, keys, help) \
	{ ACT_##name, (screens), #name, (keys), (help) },
	ACTIONS(ACTION_ROW)
#undef ACTION_ROW
};

const size_t actions_count = sizeof(actions_table) / sizeof(actions_table[0]);

const enum action_screen actions_screens[] = {
	ACT_SCREEN_DECKS,
	ACT_SCREEN_CUSTOM,
	ACT_SCREEN_TAGS,
	ACT_SCREEN_QUESTION,
	ACT_SCREEN_ANSWER,
	ACT_SCREEN_SUMMARY,
	ACT_SCREEN_STATS,
	ACT_SCREEN_BROWSE,
	ACT_SCREEN_IV_ASK,
	ACT_SCREEN_IV_JUDGE,
	ACT_SCREEN_IV_REPORT,
	ACT_SCREEN_HELP,
};

const size_t actions_screens_count =
    sizeof(actions_screens) / sizeof(actions_screens[0]);

const char *
actions_screen_title(enum action_screen s)
{
	switch (s) {
	case ACT_SCREEN_DECKS:
		return "Deck list";
	case ACT_SCREEN_QUESTION:
		return "Question";
	case ACT_SCREEN_ANSWER:
		return "Answer";
	case ACT_SCREEN_SUMMARY:
		return "Session summary";
	case ACT_SCREEN_HELP:
		return "Help";
	case ACT_SCREEN_STATS:
		return "Statistics";
	case ACT_SCREEN_BROWSE:
		return "Card browser";
	case ACT_SCREEN_IV_ASK:
		return "Interview question";
	case ACT_SCREEN_IV_JUDGE:
		return "Interview judging";
	case ACT_SCREEN_IV_REPORT:
		return "Interview report";
	case ACT_SCREEN_CUSTOM:
		return "Custom study";
	case ACT_SCREEN_TAGS:
		return "Custom study by tag";
	}
	return "?";
}

const struct action_info *
actions_info(enum action a)
{
	if (a <= ACT_NONE || a >= ACT_COUNT)
		return 0;
	return &actions_table[a - 1];
}

void
actions_keys_text(enum action a, bool all, char *buf, size_t n)
{
	const struct action_info *ai = actions_info(a);
	const char *k;
	size_t len = 0;

	buf[0] = '\0';
	if (ai == NULL)
		return;
	for (k = ai->keys; *k != '\0';) {
		size_t kn = strcspn(k, " ");
		int w = snprintf(buf + len, n - len, "%s%.*s", len > 0 ? ", " : "",
		    (int)kn, k);

		if (w < 0 || (size_t)w >= n - len)
			return; /* cut by snprintf */
		len += (size_t)w;
		if (!all)
			return;
		k += kn;
		k += strspn(k, " ");
	}
}
