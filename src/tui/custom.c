/*
 * custom.c - custom study of a deck, from the deck list: more new cards
 * today, review ahead, a tag's cards, cram (review --extra-new, --ahead,
 * --tag, --cram).  custom_draw.c paints it.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/queue.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/util.h"
#include "tui/custom.h"

/* The bounds of review's --extra-new and --ahead. */
#define NEW_MAX 9999
#define AHEAD_MAX 3650

const struct custom_kind custom_kinds[CUSTOM_KINDS] = {
	{ ACT_CS_NEW, "More new cards today", "More new cards",
	    "Raise today's limit of new cards in this deck, then study it." },
	{ ACT_CS_AHEAD, "Review ahead", "Review ahead",
	    "The reviews due in the next days, now: answered early, FSRS "
	    "schedules them from the days that have really passed." },
	{ ACT_CS_TAG, "Study by tag", "By tag",
	    "Only the cards with one tag: today's, or all of them to cram." },
	{ ACT_CS_CRAM, "Cram (preview)", "Cram",
	    "Every card of the deck in order; nothing is recorded." },
};

void
ui_start_custom(struct ui *ui, int64_t id, const char *name,
    const struct session_custom *c, const char *what)
{
	/* name may be ui->deck_name itself */
	char *full = xasprintf("%s (%s)", name, what);

	free(ui->custom_tag);
	ui->custom_tag = c->tag != NULL ? xstrdup(c->tag) : NULL;
	ui->custom_keys = *c;
	ui->custom_keys.tag = ui->custom_tag;
	ui->custom = &ui->custom_keys;
	ui->deck_id = id;
	free(ui->deck_name);
	ui->deck_name = text_sanitize_line(full);
	free(full);
	ui_switch(ui, &ui_review_ops);
}

static int
custom_open(struct ui *ui, void *state, char **errmsg)
{
	struct custom_study *cs = state;

	cs->step = CUSTOM_MENU;
	cs->sel = 0;
	custom_tags_free(cs->tags, cs->ntags);
	cs->tags = NULL;
	cs->ntags = 0;
	return custom_tags(ui->st, ui->deck_id, &cs->tags, &cs->ntags, errmsg);
}

static void
custom_done(struct ui *ui, void *state)
{
	struct custom_study *cs = state;

	(void)ui;
	custom_tags_free(cs->tags, cs->ntags);
	cs->tags = NULL;
	cs->ntags = 0;
	ui_line_free(&cs->line);
}

static enum action_screen
custom_keys(struct ui *ui, void *state)
{
	(void)ui;
	return ((struct custom_study *)state)->step == CUSTOM_TAGS ? ACT_SCREEN_TAGS
	                                                           : ACT_SCREEN_CUSTOM;
}

/* How many cards custom study c of the deck would show now. */
static int
custom_count(struct ui *ui, const struct session_custom *c, size_t *n,
    char **errmsg)
{
	struct custom_card *v = NULL;
	int rc = custom_pick(ui->st, ui->set, ui->deck_id, c, ui_now(ui), &v, n,
	    errmsg);

	free(v);
	return rc;
}

/* Starts c when it has cards; otherwise says so (empty, on the screen). */
static int
start_if_any(struct ui *ui, const struct session_custom *c, const char *what,
    const char *empty, char **errmsg)
{
	size_t n;

	if (custom_count(ui, c, &n, errmsg) != 0)
		return -1;
	if (n == 0)
		ui_message(ui, true, "%s", empty);
	else
		ui_start_custom(ui, ui->deck_id, ui->deck_name, c, what);
	return 0;
}

/* Today's cards with the tag, or with cram every card of it. */
static int
study_tag(struct ui *ui, const char *tag, bool cram, char **errmsg)
{
	struct session_custom c = { .tag = tag, .cram = cram };
	char *what = xasprintf(cram ? "tag %s, cram: nothing recorded" : "tag %s",
	    tag);
	char *empty = xasprintf("Nothing due today tagged %s; c crams them.", tag);
	int rc = start_if_any(ui, &c, what, empty, errmsg);

	free(what);
	free(empty);
	return rc;
}

/* n more new cards today in the deck, then its queue. */
static int
more_new(struct ui *ui, long n, char **errmsg)
{
	struct queue_counts q;
	char *err = NULL;

	if (ui_add_extra_new(ui, ui->deck_id, ui->deck_name, n, &err) != 0) {
		ui_message(ui, true, "Could not add new cards: %s", err);
		free(err);
		return 0;
	}
	if (queue_counts_deck(ui->st, ui->set, ui->deck_id, ui_now(ui), &q,
		errmsg) != 0)
		return -1;
	if (q.new_cards == 0) {
		ui_message(ui, true, "%s has no new cards left to study.",
		    ui->deck_name);
		return 0;
	}
	ui_message(ui, false, "%ld more new card%s today in %s.", n,
	    n == 1 ? "" : "s", ui->deck_name);
	ui->custom = NULL;
	ui_switch(ui, &ui_review_ops);
	return 0;
}

static int
review_ahead(struct ui *ui, long days, char **errmsg)
{
	struct session_custom c = { .ahead = (int)days };
	char *what = xasprintf("ahead %ld day%s", days, days == 1 ? "" : "s");
	char *empty = days == 1 ? xstrdup("No review due in the next day.")
	                        : xasprintf("No review due in the next %ld days.", days);
	int rc = start_if_any(ui, &c, what, empty, errmsg);

	free(what);
	free(empty);
	return rc;
}

/* Starts typing for step, the line holding preset. */
static void
start_typing(struct custom_study *cs, enum custom_step step, const char *preset)
{
	cs->step = step;
	strbuf_reset(&cs->line.text);
	strbuf_adds(&cs->line.text, preset);
}

/* The kind of study k (an index of custom_kinds) chosen. */
static int
choose(struct ui *ui, struct custom_study *cs, size_t k)
{
	cs->sel = k;
	switch (custom_kinds[k].action) {
	case ACT_CS_NEW:
		start_typing(cs, CUSTOM_NEW, "10");
		break;
	case ACT_CS_AHEAD:
		start_typing(cs, CUSTOM_AHEAD, "1");
		break;
	case ACT_CS_TAG:
		cs->step = CUSTOM_TAGS;
		cs->tag_sel = 0;
		cs->tag_top = 0;
		break;
	default:
		ui_start_custom(ui, ui->deck_id, ui->deck_name,
		    &(struct session_custom){ .cram = true }, "cram: nothing recorded");
		break;
	}
	return 0;
}

static int
menu_request(struct ui *ui, struct custom_study *cs, enum action a)
{
	switch (a) {
	case ACT_ITEM_DOWN:
		if (cs->sel + 1 < CUSTOM_KINDS)
			cs->sel++;
		return 0;
	case ACT_ITEM_UP:
		if (cs->sel > 0)
			cs->sel--;
		return 0;
	case ACT_ITEM_FIRST:
		cs->sel = 0;
		return 0;
	case ACT_ITEM_LAST:
		cs->sel = CUSTOM_KINDS - 1;
		return 0;
	case ACT_CS_CHOOSE:
		return choose(ui, cs, cs->sel);
	case ACT_CS_BACK:
		ui_switch(ui, &ui_decks_ops);
		return 0;
	default:
		break;
	}
	for (size_t k = 0; k < CUSTOM_KINDS; k++)
		if (custom_kinds[k].action == a)
			return choose(ui, cs, k);
	return 0;
}

static int
tags_request(struct ui *ui, struct custom_study *cs, enum action a,
    char **errmsg)
{
	switch (a) {
	case ACT_ITEM_DOWN:
		if (cs->tag_sel + 1 < cs->ntags)
			cs->tag_sel++;
		break;
	case ACT_ITEM_UP:
		if (cs->tag_sel > 0)
			cs->tag_sel--;
		break;
	case ACT_ITEM_FIRST:
		cs->tag_sel = 0;
		break;
	case ACT_ITEM_LAST:
		cs->tag_sel = cs->ntags > 0 ? cs->ntags - 1 : 0;
		break;
	case ACT_ITEM_PAGE_DOWN:
	case ACT_ITEM_PAGE_UP:
		cs->tag_sel = ui_page_move(cs->tag_sel, cs->ntags, cs->tag_page,
		    a == ACT_ITEM_PAGE_DOWN);
		break;
	case ACT_TAG_STUDY:
	case ACT_TAG_CRAM:
		if (cs->ntags == 0) {
			ui_message(ui, true, "No card of this deck has a tag.");
			break;
		}
		return study_tag(ui, cs->tags[cs->tag_sel].name, a == ACT_TAG_CRAM,
		    errmsg);
	case ACT_TAG_TYPE:
		start_typing(cs, CUSTOM_TAG_TYPE, "");
		break;
	case ACT_TAG_BACK:
		cs->step = CUSTOM_MENU;
		break;
	default:
		break;
	}
	return 0;
}

static int
custom_request(struct ui *ui, void *state, enum action a, char **errmsg)
{
	struct custom_study *cs = state;

	if (a == ACT_REDRAW) {
		/* the deck's cards may have changed elsewhere */
		enum custom_step step = cs->step;
		size_t sel = cs->sel;
		int rc = custom_open(ui, cs, errmsg);

		cs->step = step == CUSTOM_TAGS ? CUSTOM_TAGS : CUSTOM_MENU;
		cs->sel = sel;
		if (cs->tag_sel >= cs->ntags)
			cs->tag_sel = cs->ntags > 0 ? cs->ntags - 1 : 0;
		return rc;
	}
	if (cs->step == CUSTOM_TAGS)
		return tags_request(ui, cs, a, errmsg);
	return menu_request(ui, cs, a);
}

/* The whole number typed, from 1 to max; else 0 and a message. */
static long
typed_number(struct ui *ui, const char *s, long max)
{
	long v;

	if (util_parse_whole(s, 1, max, &v) < 0) {
		ui_message(ui, true, "Give a whole number from 1 to %ld.", max);
		return 0;
	}
	return v;
}

/* The tag typed (spaces around it aside): the index of one of the
 * deck's, else -1 and a message. */
static long
typed_tag(struct ui *ui, const struct custom_study *cs, const char *s)
{
	size_t n;

	s += strspn(s, " ");
	n = strcspn(s, " ");
	if (n == 0 || s[n + strspn(s + n, " ")] != '\0') {
		ui_message(ui, true, "Give one tag, without spaces.");
		return -1;
	}
	for (size_t i = 0; i < cs->ntags; i++)
		if (strlen(cs->tags[i].name) == n && memcmp(cs->tags[i].name, s, n) == 0)
			return (long)i;
	ui_message(ui, true, "No card of this deck is tagged %.*s.", (int)n, s);
	return -1;
}

/* Enter on the line typed: its value is used, or refused with a message
 * (and the line stays). */
static int
typed(struct ui *ui, struct custom_study *cs, char **errmsg)
{
	const char *s = cs->line.text.s != NULL ? cs->line.text.s : "";
	long v;

	switch (cs->step) {
	case CUSTOM_NEW:
		if ((v = typed_number(ui, s, NEW_MAX)) > 0)
			return more_new(ui, v, errmsg);
		break;
	case CUSTOM_AHEAD:
		if ((v = typed_number(ui, s, AHEAD_MAX)) > 0)
			return review_ahead(ui, v, errmsg);
		break;
	default:
		/* back in the list on the tag, where c crams it */
		if ((v = typed_tag(ui, cs, s)) >= 0) {
			cs->step = CUSTOM_TAGS;
			cs->tag_sel = (size_t)v;
			return study_tag(ui, cs->tags[v].name, false, errmsg);
		}
		break;
	}
	return 0;
}

static bool
custom_typing(struct ui *ui, void *state)
{
	enum custom_step step = ((struct custom_study *)state)->step;

	(void)ui;
	return step == CUSTOM_NEW || step == CUSTOM_AHEAD || step == CUSTOM_TAG_TYPE;
}

static int
custom_type(struct ui *ui, void *state, int key, char **errmsg)
{
	struct custom_study *cs = state;

	switch (ui_line_key(&cs->line, key)) {
	case UI_LINE_DONE:
		return typed(ui, cs, errmsg);
	case UI_LINE_CANCEL:
		cs->step = cs->step == CUSTOM_TAG_TYPE ? CUSTOM_TAGS : CUSTOM_MENU;
		break;
	case UI_LINE_TYPING:
		break;
	}
	return 0;
}

const struct ui_screen_ops ui_custom_ops = {
	.name = "custom",
	.state_size = sizeof(struct custom_study),
	.open = custom_open,
	.keys = custom_keys,
	.draw = custom_draw,
	.request = custom_request,
	.done = custom_done,
	.typing = custom_typing,
	.type = custom_type,
};
