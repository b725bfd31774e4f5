/*
 * query.c - the search language (query.h): a recursive-descent parser over
 * the string, "or" below "and" below "-" below a term.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/query.h"
#include "core/util.h"

const char *const query_is_names[] = { "new", "learning", "review", "due",
	"suspended", "buried", "flagged", "leech" };
const size_t query_is_count = sizeof(query_is_names) / sizeof(query_is_names[0]);
const char *const query_prop_names[] = { "lapses", "reps", "interval", "due",
	"difficulty", "stability" };
const size_t query_prop_count =
    sizeof(query_prop_names) / sizeof(query_prop_names[0]);

/* Parentheses nest at most this deep (the parser recurses). */
#define QUERY_MAX_DEPTH 64

struct parser {
	const char *s;
	size_t pos;
	int depth;
	struct query_error *err;
	bool failed;
};

/* Records the first error, at byte offset at. */
UTIL_PRINTF(3, 4)
static struct query_node *
fail(struct parser *p, size_t at, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return NULL;
	p->failed = true;
	p->err->column = (int)at + 1;
	va_start(ap, fmt);
	vsnprintf(p->err->message, sizeof(p->err->message), fmt, ap);
	va_end(ap);
	return NULL;
}

static struct query_node *
node_new(enum query_kind kind, size_t at)
{
	struct query_node *n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->column = (int)at + 1;
	return n;
}

static struct query_node *
node_pair(enum query_kind kind, struct query_node *a, struct query_node *b)
{
	struct query_node *n = node_new(kind, (size_t)a->column - 1);

	n->a = a;
	n->b = b;
	return n;
}

void
query_free(struct query_node *q)
{
	if (q == NULL)
		return;
	query_free(q->a);
	query_free(q->b);
	free(q->text);
	free(q);
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static void
skip_spaces(struct parser *p)
{
	while (is_space(p->s[p->pos]))
		p->pos++;
}

/* Whether c ends a bare word. */
static bool
word_end(char c)
{
	return c == '\0' || is_space(c) || c == '(' || c == ')';
}

/* Whether the bare word at the cursor is kw (any case). */
static bool
at_keyword(const struct parser *p, const char *kw)
{
	size_t n = strlen(kw);

	return strncasecmp(p->s + p->pos, kw, n) == 0 && word_end(p->s[p->pos + n]);
}

/* Whether text has something the index keeps: a letter or a digit (any
 * byte of a multibyte character counts). */
static bool
has_word_char(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z'))
			return true;
	}
	return false;
}

/* A quoted string starting at the quote at p->pos; *end past the closing
 * quote.  NULL (and the error) when it is not closed. */
static char *
read_quoted(struct parser *p, size_t *len)
{
	size_t open = p->pos, i = open + 1;

	while (p->s[i] != '\0' && p->s[i] != '"')
		i++;
	if (p->s[i] != '"') {
		fail(p, open, "a quote that is not closed");
		return NULL;
	}
	*len = i - open - 1;
	p->pos = i + 1;
	return xstrndup(p->s + open + 1, *len);
}

static struct query_node *
text_node(struct parser *p, size_t at, char *text, size_t len, bool phrase,
    bool prefix)
{
	struct query_node *n;

	if (!has_word_char(text, len)) {
		free(text);
		return fail(p, at, "%s has no letter or digit to search for",
		    phrase ? "the phrase" : "the word");
	}
	n = node_new(QUERY_TEXT, at);
	n->text = text;
	n->phrase = phrase;
	n->prefix = prefix;
	return n;
}

static struct query_node *
parse_phrase(struct parser *p)
{
	size_t at = p->pos, len;
	char *text = read_quoted(p, &len);
	bool prefix = false;

	if (text == NULL)
		return NULL;
	if (p->s[p->pos] == '*') {
		prefix = true;
		p->pos++;
	}
	if (!word_end(p->s[p->pos])) {
		free(text);
		return fail(p, p->pos, "a space is needed after a closing quote");
	}
	return text_node(p, at, text, len, true, prefix);
}

/* The value of deck: or tag:, quoted or bare, at p->pos. */
static struct query_node *
parse_name(struct parser *p, enum query_kind kind, size_t at)
{
	const char *what = kind == QUERY_DECK ? "deck" : "tag";
	size_t start = p->pos, len;
	char *name;
	struct query_node *n;

	if (p->s[p->pos] == '"') {
		if ((name = read_quoted(p, &len)) == NULL)
			return NULL;
		if (!word_end(p->s[p->pos])) {
			free(name);
			return fail(p, p->pos, "a space is needed after a closing quote");
		}
	} else {
		while (!word_end(p->s[p->pos]) && p->s[p->pos] != '"')
			p->pos++;
		if (p->s[p->pos] == '"')
			return fail(p, p->pos, "a quote inside a %s name: quote the"
					       " whole name",
			    what);
		len = p->pos - start;
		name = xstrndup(p->s + start, len);
	}
	if (len == 0) {
		free(name);
		return fail(p, start, "%s: needs a name", what);
	}
	/* tags are words: "a b" would find the tags a and b side by side */
	if (kind == QUERY_TAG && strpbrk(name, " \t\n") != NULL) {
		free(name);
		return fail(p, start, "tag: a tag is one word, without spaces");
	}
	n = node_new(kind, at);
	n->text = name;
	return n;
}

/* The index of the name s[0, len) in names (any case), or -1. */
static int
find_name(const char *const *names, size_t count, const char *s, size_t len)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(names[i]) == len && strncasecmp(s, names[i], len) == 0)
			return (int)i;
	return -1;
}

static struct query_node *
parse_is(struct parser *p, size_t at)
{
	size_t start = p->pos;
	struct query_node *n;
	int is;

	while (!word_end(p->s[p->pos]))
		p->pos++;
	is = find_name(query_is_names, query_is_count, p->s + start, p->pos - start);
	if (is < 0)
		return fail(p, start, "is: takes new, learning, review, due,"
				      " suspended, buried, flagged or leech");
	n = node_new(QUERY_IS, at);
	n->is = (enum query_is)is;
	return n;
}

/* A comparison operator at p->pos, or -1. */
static int
read_cmp(struct parser *p)
{
	static const struct {
		const char *op;
		enum query_cmp cmp;
	} ops[] = { { "<=", QUERY_LE }, { ">=", QUERY_GE }, { "!=", QUERY_NE },
		{ "<", QUERY_LT }, { ">", QUERY_GT }, { "=", QUERY_EQ } };

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t n = strlen(ops[i].op);

		if (strncmp(p->s + p->pos, ops[i].op, n) == 0) {
			p->pos += n;
			return (int)ops[i].cmp;
		}
	}
	return -1;
}

/* A number: [-]digits[.digits], whole when whole is true. */
static bool
read_number(struct parser *p, bool whole, double *out)
{
	size_t i = p->pos, digits = 0;
	double v = 0, scale = 1;
	bool neg = p->s[i] == '-';

	if (neg)
		i++;
	for (; p->s[i] >= '0' && p->s[i] <= '9' && digits < 12; i++, digits++)
		v = v * 10 + (p->s[i] - '0');
	if (digits == 0)
		return false;
	if (p->s[i] == '.' && !whole) {
		size_t frac = 0;

		for (i++; p->s[i] >= '0' && p->s[i] <= '9' && frac < 9; i++, frac++)
			v += (p->s[i] - '0') * (scale /= 10);
		if (frac == 0)
			return false;
	}
	if (!word_end(p->s[i]))
		return false;
	p->pos = i;
	*out = neg ? -v : v;
	return true;
}

static struct query_node *
parse_prop(struct parser *p, size_t at)
{
	size_t start = p->pos;
	struct query_node *n;
	int prop, cmp;
	double v;

	while ((p->s[p->pos] >= 'a' && p->s[p->pos] <= 'z') ||
	       (p->s[p->pos] >= 'A' && p->s[p->pos] <= 'Z'))
		p->pos++;
	prop = find_name(query_prop_names, query_prop_count, p->s + start,
	    p->pos - start);
	if (prop < 0)
		return fail(p, start, "prop: takes lapses, reps, interval, due,"
				      " difficulty or stability");
	start = p->pos;
	if ((cmp = read_cmp(p)) < 0)
		return fail(p, start, "prop:%s needs a comparison: < <= = != >= >",
		    query_prop_names[prop]);
	start = p->pos;
	if (!read_number(p, prop < QUERY_PROP_DIFFICULTY, &v))
		return fail(p, start, "prop:%s needs a %snumber here",
		    query_prop_names[prop],
		    prop < QUERY_PROP_DIFFICULTY ? "whole " : "");
	n = node_new(QUERY_PROP, at);
	n->prop = (enum query_prop)prop;
	n->cmp = (enum query_cmp)cmp;
	n->value = v;
	return n;
}

/* key: at the cursor: deck, tag, is or prop; -1 when none. */
static int
read_key(struct parser *p)
{
	static const char *const keys[] = { "deck:", "tag:", "is:", "prop:" };

	for (int i = 0; i < 4; i++) {
		size_t n = strlen(keys[i]);

		if (strncasecmp(p->s + p->pos, keys[i], n) == 0) {
			p->pos += n;
			return i;
		}
	}
	return -1;
}

static struct query_node *
parse_word(struct parser *p)
{
	size_t at = p->pos, end;
	bool prefix = false;

	switch (read_key(p)) {
	case 0:
		return parse_name(p, QUERY_DECK, at);
	case 1:
		return parse_name(p, QUERY_TAG, at);
	case 2:
		return parse_is(p, at);
	case 3:
		return parse_prop(p, at);
	default:
		break;
	}
	while (!word_end(p->s[p->pos])) {
		if (p->s[p->pos] == '"')
			return fail(p, p->pos, "a quote inside a word: put a space"
					       " before it");
		p->pos++;
	}
	end = p->pos;
	if (end > at && p->s[end - 1] == '*') {
		prefix = true;
		end--;
	}
	for (size_t i = at; i < end; i++)
		if (p->s[i] == '*')
			return fail(p, i, "'*' goes only at the end of a word");
	return text_node(p, at, xstrndup(p->s + at, end - at), end - at, false,
	    prefix);
}

static struct query_node *parse_or(struct parser *p);

static struct query_node *
parse_group(struct parser *p)
{
	size_t open = p->pos;
	struct query_node *n;

	if (++p->depth > QUERY_MAX_DEPTH)
		return fail(p, open, "parentheses nested too deep");
	p->pos++;
	n = parse_or(p);
	if (p->failed) {
		query_free(n);
		return NULL;
	}
	if (p->s[p->pos] != ')') {
		query_free(n);
		return fail(p, open, "a '(' that is not closed");
	}
	if (n == NULL)
		return fail(p, open, "nothing between the parentheses");
	p->pos++;
	p->depth--;
	return n;
}

static struct query_node *
parse_unary(struct parser *p)
{
	size_t at = p->pos;

	if (p->s[p->pos] == '-') {
		struct query_node *a, *n;

		p->pos++;
		if (word_end(p->s[p->pos]) && p->s[p->pos] != '(')
			return fail(p, at, "'-' needs a term right after it");
		if ((a = parse_unary(p)) == NULL)
			return NULL;
		n = node_new(QUERY_NOT, at);
		n->a = a;
		return n;
	}
	if (p->s[p->pos] == '(')
		return parse_group(p);
	if (p->s[p->pos] == '"')
		return parse_phrase(p);
	return parse_word(p);
}

/* Terms side by side, up to "or", ")" or the end; NULL when none. */
static struct query_node *
parse_and(struct parser *p)
{
	struct query_node *left = NULL, *n;

	for (;;) {
		skip_spaces(p);
		if (p->s[p->pos] == '\0' || p->s[p->pos] == ')' ||
		    at_keyword(p, "or"))
			return left;
		if (at_keyword(p, "and")) {
			if (left == NULL)
				return fail(p, p->pos, "'and' needs a term before it");
			p->pos += 3;
			skip_spaces(p);
			if (p->s[p->pos] == '\0' || p->s[p->pos] == ')' ||
			    at_keyword(p, "or") || at_keyword(p, "and")) {
				query_free(left);
				return fail(p, p->pos, "'and' needs a term after it");
			}
			continue;
		}
		if ((n = parse_unary(p)) == NULL) {
			query_free(left);
			return NULL;
		}
		left = left == NULL ? n : node_pair(QUERY_AND, left, n);
	}
}

static struct query_node *
parse_or(struct parser *p)
{
	struct query_node *left = parse_and(p), *right;

	while (!p->failed && at_keyword(p, "or")) {
		size_t at = p->pos;

		if (left == NULL)
			return fail(p, at, "'or' needs a term before it");
		p->pos += 2;
		if ((right = parse_and(p)) == NULL) {
			query_free(left);
			return p->failed ? NULL : fail(p, at, "'or' needs a term after it");
		}
		left = node_pair(QUERY_OR, left, right);
	}
	if (p->failed) {
		query_free(left);
		return NULL;
	}
	return left;
}

int
query_parse(const char *s, struct query_node **out, struct query_error *err)
{
	struct parser p = { .s = s, .err = err };
	struct query_node *q;

	*out = NULL;
	memset(err, 0, sizeof(*err));
	q = parse_or(&p);
	if (!p.failed && p.s[p.pos] == ')')
		fail(&p, p.pos, "a ')' without its '('");
	if (p.failed) {
		query_free(q);
		return -1;
	}
	*out = q;
	return 0;
}

static void
describe(const struct query_node *q, struct strbuf *b)
{
	static const char *const cmps[] = { "<", "<=", "=", "!=", ">=", ">" };

	switch (q->kind) {
	case QUERY_AND:
	case QUERY_OR:
		strbuf_adds(b, q->kind == QUERY_AND ? "(and " : "(or ");
		describe(q->a, b);
		strbuf_addc(b, ' ');
		describe(q->b, b);
		strbuf_addc(b, ')');
		break;
	case QUERY_NOT:
		strbuf_adds(b, "(not ");
		describe(q->a, b);
		strbuf_addc(b, ')');
		break;
	case QUERY_TEXT:
		strbuf_addf(b, "\"%s\"%s", q->text, q->prefix ? "*" : "");
		break;
	case QUERY_DECK:
	case QUERY_TAG:
		strbuf_addf(b, "%s:\"%s\"", q->kind == QUERY_DECK ? "deck" : "tag",
		    q->text);
		break;
	case QUERY_IS:
		strbuf_addf(b, "is:%s", query_is_names[q->is]);
		break;
	case QUERY_PROP:
		strbuf_addf(b, "prop:%s%s%g", query_prop_names[q->prop],
		    cmps[q->cmp], q->value);
		break;
	}
}

char *
query_describe(const struct query_node *q)
{
	struct strbuf b = { 0 };

	if (q == NULL)
		return xstrdup("(all)");
	describe(q, &b);
	return strbuf_detach(&b);
}
