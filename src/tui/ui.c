/*
 * ui.c - the loop of the interactive program: screens entered and left,
 * keys turned into actions and handed to the current screen or the help,
 * and the helpers of the screens that speak to the session and the
 * clocks.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/undo.h"
#include "tui/loop.h"

void
ui_switch(struct ui *ui, const struct ui_screen_ops *next)
{
	ui->pending = next;
}

void
ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;
	char *raw;

	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	free(ui->msg);
	/* one line: the message line has no room for more */
	ui->msg = text_sanitize_line(raw);
	ui->msg_error = error;
	free(raw);
}

int64_t
ui_now(struct ui *ui)
{
	return clock_now() + ui->later;
}

int64_t
ui_mono(struct ui *ui)
{
	struct timespec ts;

	if (ui->scripted)
		return ui->fake_clock;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
ui_reload_settings(struct ui *ui, char **errmsg)
{
	struct settings s;

	if (settings_load(ui->st, &s, errmsg) < 0)
		return -1;
	*ui->set = s;
	return 0;
}

void
ui_end_session(struct ui *ui)
{
	session_free(ui->se);
	ui->se = NULL;
	ui->custom = NULL;
	free(ui->custom_tag);
	ui->custom_tag = NULL;
}

/* "Undid: suspend of 'Capital of...'" and the like, or why not: short
 * enough for the message line of 80 columns. */
static void
say_undone(struct ui *ui, int rc, const struct undo_done *d, const char *err)
{
	char *q = text_sanitize_cut(d->question, rc == 0 ? 40 : 32, ui_ellipsis());
	const char *what = undo_kind_name(d->kind);

	if (rc == UNDO_CHANGED)
		ui_message(ui, true, "Not undone (%s): '%s' changed elsewhere", what,
		    q);
	else if (rc < 0)
		ui_message(ui, true, "Not undone (%s): %s", what, err);
	else if (d->kind == UNDO_EXTRA_NEW)
		ui_message(ui, false, "Undid: %lld more new card%s in '%s'",
		    (long long)d->extra_new, d->extra_new == 1 ? "" : "s", q);
	else if (d->n > 1)
		ui_message(ui, false, "Undid: %s of %zu cards", what, d->n);
	else
		ui_message(ui, false, "Undid: %s of '%s'", what, q);
	free(q);
}

bool
ui_undo(struct ui *ui)
{
	struct undo_done d;
	char *err = NULL;
	int rc;

	if (undo_log_count(ui->undo) == 0) {
		ui_message(ui, false, "Nothing to undo.");
		return false;
	}
	rc = undo_last(ui->undo, ui->st, &d, &err);
	say_undone(ui, rc, &d, err);
	free(err);
	err = NULL;
	if (rc == 0 && ui->se != NULL &&
	    session_undone(ui->se, d.card_id, d.review_id, d.in_review,
		ui_now(ui), &err) < 0) {
		ui_message(ui, true, "Undone, but the queue could not be read: %s",
		    err);
		free(err);
	}
	undo_done_free(&d);
	return rc == 0;
}

int
ui_add_extra_new(struct ui *ui, int64_t id, const char *name, int64_t n,
    char **errmsg)
{
	int64_t day = timefmt_study_day(ui_now(ui), ui->set->day_starts_at);

	if (store_begin(ui->st, errmsg) < 0)
		return -1;
	if (undo_begin(ui->undo, ui->st, UNDO_EXTRA_NEW, NULL, 0, errmsg) == 0 &&
	    undo_extra_new(ui->undo, ui->st, id, day, n, name, errmsg) == 0 &&
	    settings_add_extra_new(ui->st, id, day, n, errmsg) == 0 &&
	    undo_end(ui->undo, ui->st, errmsg) == 0 && store_commit(ui->st, errmsg) == 0)
		return 0;
	undo_cancel(ui->undo);
	store_rollback(ui->st);
	return -1;
}

/* ---- the loop ---- */

/* The view of the screen ops, with its state: made on the first visit. */
static struct ui_view *
view_for(struct ui *ui, const struct ui_screen_ops *ops)
{
	struct ui_view *v;

	for (size_t i = 0; i < ui->nviews; i++)
		if (ui->views[i].ops == ops)
			return &ui->views[i];
	/* a screen added without raising UI_MAX_VIEWS */
	if (ui->nviews == UI_MAX_VIEWS)
		die("too many screens (%s)", ops->name);
	v = &ui->views[ui->nviews++];
	v->ops = ops;
	v->state = xcalloc(1, ops->state_size > 0 ? ops->state_size : 1);
	return v;
}

/* The current screen is left, if there is one. */
static void
leave(struct ui *ui)
{
	struct ui_view *v = ui->view;

	ui->view = NULL;
	if (v != NULL && v->ops->done != NULL)
		v->ops->done(ui, v->state);
}

static int
enter(struct ui *ui, const struct ui_screen_ops *next, char **errmsg)
{
	leave(ui);
	ui->view = view_for(ui, next);
	ui->help = false;
	return next->open(ui, ui->view->state, errmsg);
}

/* Enters the screens asked for with ui_switch, until none is. */
static int
enter_pending(struct ui *ui, char **errmsg)
{
	while (ui->pending != NULL) {
		const struct ui_screen_ops *next = ui->pending;

		ui->pending = NULL;
		if (enter(ui, next, errmsg) != 0)
			return -1;
	}
	return 0;
}

static enum action_screen
current_keys(struct ui *ui)
{
	return ui->help ? ACT_SCREEN_HELP : ui->view->ops->keys(ui, ui->view->state);
}

static int
handle(struct ui *ui, int key, char **errmsg)
{
	enum action a;

	if (key == (UI_FN | KEY_RESIZE))
		return 0;
	if (!ui->help && !ui_too_small() && ui->view->ops->text != NULL &&
	    ui->view->ops->text(ui, ui->view->state, key))
		return enter_pending(ui, errmsg);
	if (!ui->help && ui->view->ops->typing != NULL &&
	    ui->view->ops->typing(ui, ui->view->state)) {
		free(ui->msg);
		ui->msg = NULL;
		if (ui->view->ops->type(ui, ui->view->state, key, errmsg) != 0)
			return -1;
		return enter_pending(ui, errmsg);
	}
	a = keys_action(key, current_keys(ui));
	free(ui->msg);
	ui->msg = NULL;
	if (a == ACT_NONE)
		return 0;
	if (a == ACT_REDRAW) {
		/* Ctrl-L also reads again what another rehearse may have
		 * changed: the settings, and the screen's cards. */
		char *err = NULL;

		clearok(curscr, TRUE);
		if (ui_reload_settings(ui, &err) < 0) {
			ui_message(ui, true, "Could not read the settings: %s", err);
			free(err);
			return 0;
		}
		if (ui->help)
			return 0;
		return ui->view->ops->request(ui, ui->view->state, a, errmsg);
	}
	/* nothing happens blind, but q and Esc still get out */
	if (ui_too_small() && a != ACT_QUIT && a != ACT_BACK && a != ACT_HELP_CLOSE)
		return 0;
	if (ui->help) {
		if (a == ACT_HELP_CLOSE)
			ui->help = false;
		else
			ui_help_request(ui, a);
		return 0;
	}
	if (a == ACT_HELP) {
		ui->help = true;
		ui->help_top = 0;
		return 0;
	}
	if (ui->view->ops->request(ui, ui->view->state, a, errmsg) != 0)
		return -1;
	return enter_pending(ui, errmsg);
}

static int
loop(struct ui *ui, struct script *sc, char **errmsg)
{
	int status = 0;

	while (!ui->quit && status == 0) {
		int key;

		if (term_signal() != 0)
			break;
		if (ui->view->ops->tick != NULL && !ui_too_small()) {
			ui->view->ops->tick(ui, ui->view->state);
			if (enter_pending(ui, errmsg) != 0) {
				status = -1;
				break;
			}
		}
		ui_repaint(ui);
		key = sc != NULL ? script_key(ui, sc, &status, errmsg) : keys_from_terminal(ui);
		if (status != 0)
			break;
		if (key == UI_KEY_NONE)
			break; /* the end of the script */
		if (key == UI_KEY_AGAIN)
			continue;
		status = handle(ui, key, errmsg);
	}
	leave(ui);
	return status;
}

int
ui_exit_signal(void)
{
	return term_signal();
}

int
ui_run(struct store *st, struct settings *set, const struct ui_opts *o,
    char **errmsg)
{
	struct ui ui;
	struct script *sc = NULL;
	const struct ui_screen_ops *first;
	int status = -1;

	memset(&ui, 0, sizeof(ui));
	ui.undo = undo_log_new();
	ui.st = st;
	ui.set = set;
	ui.opts = o;
	ui.custom = o->custom;
	ui.scripted = o->script != NULL;
	first = &ui_decks_ops;
	if (o->review || o->interview) {
		ui.deck_id = o->deck_id;
		char *name = xasprintf("%s%s", o->deck != NULL ? o->deck : "All decks",
		    o->custom != NULL && o->custom->cram ? " (cram: nothing recorded)" : "");

		ui.deck_name = text_sanitize_line(name);
		free(name);
		first = o->interview ? &ui_interview_ops : &ui_review_ops;
	}
	if (ui.scripted && (sc = script_open(o->script, errmsg)) == NULL)
		goto out;
	if (term_start(&ui, errmsg) != 0)
		goto out;
	if (enter(&ui, first, errmsg) == 0 && enter_pending(&ui, errmsg) == 0)
		status = loop(&ui, sc, errmsg);
out:
	term_stop();
	leave(&ui);
	for (size_t i = 0; i < ui.nviews; i++)
		free(ui.views[i].state);
	ui_end_session(&ui);
	undo_log_free(ui.undo);
	free(ui.deck_name);
	free(ui.msg);
	script_close(sc);
	return status;
}
