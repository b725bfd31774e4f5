/*
 * actions.h - every key of the interactive program, in one table.
 *
 * A key press becomes an enum action in one place (keys.c reads this table);
 * the help screen lists the table's rows for the current screen, and the
 * man page's KEYS section is tested against it.  No curses here: key
 * names are text, as the man page prints them ("j", "Down", "Enter",
 * "Space", "PgUp", "Esc", "Ctrl-L", "?"), and keys.c turns them into key
 * codes.  A key name is a single printable character or one of
 * actions_key_names.
 *
 * ACTION(name, screens, keys, help):
 *   name     the enum action is ACT_<name>
 *   screens  where the keys work: a mask of enum action_screen
 *   keys     key names separated by single spaces
 *   help     one line for the help screen and the man page
 */
#ifndef REHEARSE_ACTIONS_H
#define REHEARSE_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

enum action_screen {
	ACT_SCREEN_DECKS = 1 << 0,    /* the deck list */
	ACT_SCREEN_QUESTION = 1 << 1, /* a card, answer hidden */
	ACT_SCREEN_ANSWER = 1 << 2,   /* a card, answer shown */
	ACT_SCREEN_SUMMARY = 1 << 3,  /* the end of a session */
	ACT_SCREEN_HELP = 1 << 4,     /* this help */
	ACT_SCREEN_STATS = 1 << 5,    /* the statistics */
	ACT_SCREEN_BROWSE = 1 << 6,   /* the card browser */
	/* a mock interview: answering, judging, the report */
	ACT_SCREEN_IV_ASK = 1 << 7,
	ACT_SCREEN_IV_JUDGE = 1 << 8,
	ACT_SCREEN_IV_REPORT = 1 << 9,
	/* custom study: its kinds, and a deck's tags to study by */
	ACT_SCREEN_CUSTOM = 1 << 10,
	ACT_SCREEN_TAGS = 1 << 11,
};
#define ACT_SCREEN_CARD (ACT_SCREEN_QUESTION | ACT_SCREEN_ANSWER)
#define ACT_SCREEN_IV \
	(ACT_SCREEN_IV_ASK | ACT_SCREEN_IV_JUDGE | ACT_SCREEN_IV_REPORT)
#define ACT_SCREEN_ALL                                               \
	(ACT_SCREEN_DECKS | ACT_SCREEN_CARD | ACT_SCREEN_SUMMARY |   \
	    ACT_SCREEN_HELP | ACT_SCREEN_STATS | ACT_SCREEN_BROWSE | \
	    ACT_SCREEN_IV | ACT_SCREEN_CUSTOM | ACT_SCREEN_TAGS)
/* The screens that scroll a text. */
#define ACT_SCREEN_SCROLLS                                      \
	(ACT_SCREEN_CARD | ACT_SCREEN_HELP | ACT_SCREEN_STATS | \
	    ACT_SCREEN_IV_JUDGE | ACT_SCREEN_IV_REPORT)

/* In the order the help screen and the man page show them. */
#define ACTIONS(ACTION)                                                                                                  \
	ACTION(DECK_DOWN, ACT_SCREEN_DECKS, "j Down", "Select the next deck")                                            \
	ACTION(DECK_UP, ACT_SCREEN_DECKS, "k Up", "Select the previous deck")                                            \
	ACTION(DECK_FIRST, ACT_SCREEN_DECKS, "g Home", "Select the first deck")                                          \
	ACTION(DECK_LAST, ACT_SCREEN_DECKS, "G End", "Select the last deck")                                             \
	ACTION(DECK_PAGE_DOWN, ACT_SCREEN_DECKS, "PgDn", "Select the deck a page down")                                  \
	ACTION(DECK_PAGE_UP, ACT_SCREEN_DECKS, "PgUp", "Select the deck a page up")                                      \
	ACTION(STUDY, ACT_SCREEN_DECKS, "Enter Space",                                                                   \
	    "Study the selected deck")                                                                                   \
	ACTION(STUDY_ALL, ACT_SCREEN_DECKS, "a", "Study all decks together")                                             \
	ACTION(STATS, ACT_SCREEN_DECKS, "s",                                                                             \
	    "Statistics of the selected deck")                                                                           \
	ACTION(INTERVIEW, ACT_SCREEN_DECKS, "i", "Mock interview: questions from every deck")                            \
	ACTION(BROWSE, ACT_SCREEN_DECKS | ACT_SCREEN_CARD, "/ b",                                                        \
	    "Browse and search the cards")                                                                               \
	ACTION(CRAM, ACT_SCREEN_DECKS, "c", "Cram the deck: all cards, nothing recorded")                                \
	ACTION(EXTRA_NEW, ACT_SCREEN_DECKS, "+", "Ten more new cards today in the deck")                                 \
	ACTION(CUSTOM, ACT_SCREEN_DECKS, "C",                                                                            \
	    "Custom study: more new, review ahead, tag, cram")                                                           \
	ACTION(ITEM_DOWN, ACT_SCREEN_CUSTOM | ACT_SCREEN_TAGS, "j Down", "Select the next line")                         \
	ACTION(ITEM_UP, ACT_SCREEN_CUSTOM | ACT_SCREEN_TAGS, "k Up", "Select the previous line")                         \
	ACTION(ITEM_FIRST, ACT_SCREEN_CUSTOM | ACT_SCREEN_TAGS, "g Home", "Select the first line")                       \
	ACTION(ITEM_LAST, ACT_SCREEN_CUSTOM | ACT_SCREEN_TAGS, "G End", "Select the last line")                          \
	ACTION(ITEM_PAGE_DOWN, ACT_SCREEN_TAGS, "PgDn", "Select the line a page down")                                   \
	ACTION(ITEM_PAGE_UP, ACT_SCREEN_TAGS, "PgUp", "Select the line a page up")                                       \
	ACTION(CS_CHOOSE, ACT_SCREEN_CUSTOM, "Enter Space", "Choose the selected kind of study")                         \
	ACTION(CS_NEW, ACT_SCREEN_CUSTOM, "n", "More new cards today: type how many, then study")                        \
	ACTION(CS_AHEAD, ACT_SCREEN_CUSTOM, "a",                                                                         \
	    "Review ahead: type how many days, then study")                                                              \
	ACTION(CS_TAG, ACT_SCREEN_CUSTOM, "t", "Study by tag: choose one of the deck's tags")                            \
	ACTION(CS_CRAM, ACT_SCREEN_CUSTOM, "c", "Cram the deck: all cards, nothing recorded")                            \
	ACTION(CS_BACK, ACT_SCREEN_CUSTOM, "q Esc", "Back to the deck list")                                             \
	ACTION(TAG_STUDY, ACT_SCREEN_TAGS, "Enter Space", "Study today's cards with the tag")                            \
	ACTION(TAG_CRAM, ACT_SCREEN_TAGS, "c", "Cram the tag's cards: all, nothing recorded")                            \
	ACTION(TAG_TYPE, ACT_SCREEN_TAGS, "/", "Type a tag instead of choosing one")                                     \
	ACTION(TAG_BACK, ACT_SCREEN_TAGS, "q Esc", "Back to the kinds of custom study")                                  \
	ACTION(QUIT, ACT_SCREEN_DECKS, "q", "Quit")                                                                      \
	ACTION(REVEAL, ACT_SCREEN_QUESTION, "Space Enter",                                                               \
	    "Show the answer and the tips")                                                                              \
	ACTION(AGAIN, ACT_SCREEN_ANSWER, "1",                                                                            \
	    "Again: forgotten, show it again soon")                                                                      \
	ACTION(HARD, ACT_SCREEN_ANSWER, "2", "Hard: recalled with difficulty")                                           \
	ACTION(GOOD, ACT_SCREEN_ANSWER, "3 Space Enter", "Good: recalled")                                               \
	ACTION(EASY, ACT_SCREEN_ANSWER, "4", "Easy: recalled without effort")                                            \
	ACTION(IV_DONE, ACT_SCREEN_IV_ASK, "Space Enter", "Done answering: show the outline")                            \
	ACTION(IV_STAR, ACT_SCREEN_IV_ASK, "t", "Hide or show the STAR reminder")                                        \
	ACTION(IV_MISSED, ACT_SCREEN_IV_JUDGE, "1", "Missed: could not answer (Again)")                                  \
	ACTION(IV_BASIC, ACT_SCREEN_IV_JUDGE, "2", "Basic answer (Hard)")                                                \
	ACTION(IV_SOLID, ACT_SCREEN_IV_JUDGE, "3", "Solid answer (Good)")                                                \
	ACTION(IV_EXCEPTIONAL, ACT_SCREEN_IV_JUDGE, "4", "Exceptional answer (Easy)")                                    \
	ACTION(IV_NOTE, ACT_SCREEN_IV_JUDGE, "n", "Note what to improve (one line)")                                     \
	ACTION(IV_NOTE_EDITOR, ACT_SCREEN_IV_JUDGE, "N", "Write the note in $EDITOR")                                    \
	ACTION(SCROLL_DOWN, ACT_SCREEN_SCROLLS, "j Down",                                                                \
	    "Scroll down a line")                                                                                        \
	ACTION(SCROLL_UP, ACT_SCREEN_SCROLLS, "k Up",                                                                    \
	    "Scroll up a line")                                                                                          \
	ACTION(PAGE_DOWN, ACT_SCREEN_SCROLLS, "PgDn",                                                                    \
	    "Scroll down a page")                                                                                        \
	ACTION(PAGE_UP, ACT_SCREEN_SCROLLS, "PgUp",                                                                      \
	    "Scroll up a page")                                                                                          \
	ACTION(SCROLL_TOP, ACT_SCREEN_SCROLLS, "g Home", "Go to the top")                                                \
	ACTION(SCROLL_BOTTOM, ACT_SCREEN_SCROLLS, "G End", "Go to the bottom")                                           \
	ACTION(STATS_SCOPE, ACT_SCREEN_STATS, "Tab",                                                                     \
	    "Switch between the deck and all decks")                                                                     \
	ACTION(TIMER, ACT_SCREEN_CARD, "t", "Hide or show the timer")                                                    \
	ACTION(IV_UNDO, ACT_SCREEN_IV, "u", "Undo the last answer (again for the one before)")                           \
	ACTION(EDIT, ACT_SCREEN_CARD, "e", "Edit the card in $EDITOR")                                                   \
	ACTION(BURY, ACT_SCREEN_CARD, "-", "Bury the card until tomorrow")                                               \
	ACTION(SUSPEND, ACT_SCREEN_CARD, "!", "Suspend the card")                                                        \
	ACTION(FLAG, ACT_SCREEN_CARD, "*",                                                                               \
	    "Flag or unflag the card for later editing")                                                                 \
	ACTION(CARD_DOWN, ACT_SCREEN_BROWSE, "j Down", "Select the next card")                                           \
	ACTION(CARD_UP, ACT_SCREEN_BROWSE, "k Up", "Select the previous card")                                           \
	ACTION(CARD_FIRST, ACT_SCREEN_BROWSE, "g Home", "Select the first card")                                         \
	ACTION(CARD_LAST, ACT_SCREEN_BROWSE, "G End", "Select the last card")                                            \
	ACTION(CARD_PAGE_DOWN, ACT_SCREEN_BROWSE, "PgDn", "A page down")                                                 \
	ACTION(CARD_PAGE_UP, ACT_SCREEN_BROWSE, "PgUp", "A page up")                                                     \
	ACTION(QUERY, ACT_SCREEN_BROWSE, "/",                                                                            \
	    "Type the query; the list follows it")                                                                       \
	ACTION(MARK, ACT_SCREEN_BROWSE, "Space m",                                                                       \
	    "Mark or unmark the card")                                                                                   \
	ACTION(SORT, ACT_SCREEN_BROWSE, "o",                                                                             \
	    "Sort by the next column")                                                                                   \
	ACTION(CARD_EDIT, ACT_SCREEN_BROWSE, "e", "Edit the card in $EDITOR")                                            \
	ACTION(CARD_DELETE, ACT_SCREEN_BROWSE, "d",                                                                      \
	    "Delete the card(s), after y to confirm")                                                                    \
	ACTION(CARD_SUSPEND, ACT_SCREEN_BROWSE, "!",                                                                     \
	    "Suspend or unsuspend the card(s)")                                                                          \
	ACTION(CARD_BURY, ACT_SCREEN_BROWSE, "-",                                                                        \
	    "Bury until tomorrow, or unbury, the card(s)")                                                               \
	ACTION(CARD_FLAG, ACT_SCREEN_BROWSE, "*", "Flag or unflag the card(s)")                                          \
	ACTION(CARD_RESET, ACT_SCREEN_BROWSE, "r",                                                                       \
	    "Reset the card(s) to new, keeping the history")                                                             \
	ACTION(CARD_MOVE, ACT_SCREEN_BROWSE, "M",                                                                        \
	    "Move the card(s) to another deck, picked or typed")                                                         \
	ACTION(CARD_ADD, ACT_SCREEN_BROWSE, "a",                                                                         \
	    "Add a card in $EDITOR, to the selected card's deck")                                                        \
	ACTION(UNDO, ACT_SCREEN_DECKS | ACT_SCREEN_CARD | ACT_SCREEN_SUMMARY | ACT_SCREEN_BROWSE, "u",                   \
	    "Undo the last change, made on any screen")                                                                  \
	ACTION(BACK, ACT_SCREEN_CARD | ACT_SCREEN_SUMMARY | ACT_SCREEN_STATS | ACT_SCREEN_BROWSE | ACT_SCREEN_IV_REPORT, \
	    "q Esc",                                                                                                     \
	    "Back to the deck list")                                                                                     \
	ACTION(IV_END, ACT_SCREEN_IV_ASK | ACT_SCREEN_IV_JUDGE, "q Esc", "End the interview: report what is rated")      \
	ACTION(SUMMARY_DONE, ACT_SCREEN_SUMMARY | ACT_SCREEN_IV_REPORT, "Enter Space",                                   \
	    "Back to the deck list")                                                                                     \
	ACTION(HELP_CLOSE, ACT_SCREEN_HELP, "q Esc ?", "Close the help")                                                 \
	ACTION(HELP, ACT_SCREEN_ALL & ~ACT_SCREEN_HELP, "?",                                                             \
	    "Show the keys of this screen")                                                                              \
	ACTION(REDRAW, ACT_SCREEN_ALL, "Ctrl-L", "Redraw the screen")

enum action {
	ACT_NONE = 0,
#define ACTION_ENUM(name, screens, keys, help) ACT_##name,
	ACTIONS(ACTION_ENUM)
#undef ACTION_ENUM
	    ACT_COUNT
};

struct action_info {
	enum action action;
	unsigned screens; /* mask of enum action_screen */
	const char *name; /* "DECK_DOWN" */
	const char *keys; /* "j Down" */
	const char *help;
};

/* The keys with a name, besides the printable characters: keys.c gives
 * each its key code by index. */
#define ACTIONS_KEY_NAMES(KEY) \
	KEY(DOWN, "Down")      \
	KEY(UP, "Up")          \
	KEY(HOME, "Home")      \
	KEY(END, "End")        \
	KEY(PGDN, "PgDn")      \
	KEY(PGUP, "PgUp")      \
	KEY(ENTER, "Enter")    \
	KEY(SPACE, "Space")    \
	KEY(ESC, "Esc")        \
	KEY(TAB, "Tab")        \
	KEY(CTRL_L, "Ctrl-L")  \
	KEY(BACKSPACE, "Backspace")

enum action_key {
#define ACTION_KEY_ENUM(id, name) ACT_KEY_##id,
	ACTIONS_KEY_NAMES(ACTION_KEY_ENUM)
#undef ACTION_KEY_ENUM
	    ACT_KEY_COUNT
};

extern const char *const actions_key_names[ACT_KEY_COUNT];

/* The table, in ACTIONS order: actions_table[i].action == i + 1. */
extern const struct action_info actions_table[];
extern const size_t actions_count;

/* The screens in display order, and the title of one ("Deck list"). */
extern const enum action_screen actions_screens[];
extern const size_t actions_screens_count;
const char *actions_screen_title(enum action_screen s);

/* The row of an action; NULL for ACT_NONE or an out-of-range value. */
const struct action_info *actions_info(enum action a);

/* The keys of a as a footer or the help shows them into buf (n > 0
 * bytes, cut to fit): the first key only ("j"), or all of them ("j, Down").
 * "" for an action without a row. */
void actions_keys_text(enum action a, bool all, char *buf, size_t n);

#endif
