/* anki_template.c - Anki's card templates (anki_template.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <strings.h>

#include "core/anki_template.h"
#include "core/cloze.h"

/* The first place needle (ASCII, lower case) is in s, ignoring ASCII case. */
static const char *
find_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s != '\0'; s++)
		if (strncasecmp(s, needle, n) == 0)
			return s;
	return NULL;
}

/* Sections nested deeper than this are left out. */
#define MAX_DEPTH 32

static bool
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* [s, e) without surrounding blanks. */
static void
trim(const char **s, const char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\t' || **s == '\n'))
		(*s)++;
	while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t' ||
			      (*e)[-1] == '\n'))
		(*e)--;
}

static bool
name_is(const char *s, size_t n, const char *name)
{
	return strlen(name) == n && strncmp(s, name, n) == 0;
}

/* The note's value of field name[0, n), by exact name then ignoring case;
 * the special fields; "" when unknown. */
static const char *
field(const struct anki_render *r, const char *name, size_t n)
{
	const struct anki_notetype *t = r->type;

	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < t->nfields; i++)
			if (strlen(t->fields[i]) == n &&
			    (pass == 0 ? strncmp(t->fields[i], name, n)
				       : strncasecmp(t->fields[i], name, n)) ==
				0)
				return i < r->note->nfields ? r->note->fields[i]
				                            : "";
	if (name_is(name, n, "Tags"))
		return r->note->tags;
	if (name_is(name, n, "Type"))
		return t->name;
	if (name_is(name, n, "Deck") && r->deck != NULL)
		return r->deck;
	if (name_is(name, n, "Subdeck") && r->deck != NULL) {
		const char *last = strstr(r->deck, "::"), *p;

		for (p = last; p != NULL; p = strstr(p + 2, "::"))
			last = p;
		return last != NULL ? last + 2 : r->deck;
	}
	if (name_is(name, n, "Card") && r->tmpl != NULL)
		return r->tmpl->name;
	return "";
}

/* The tag [s, e): "filter:filter:Field" or "Field". */
static void
fill_field(struct strbuf *out, const char *s, const char *e,
    const struct anki_render *r)
{
	const char *name = s, *value;
	bool cloze = false, type = false, nothing = false;

	for (const char *p = s; p < e; p++) {
		size_t n;

		if (*p != ':')
			continue;
		/* a filter's name is its first word ("tts en_US") */
		n = strcspn(name, " :");
		cloze |= name_is(name, n, "cloze");
		type |= name_is(name, n, "type");
		nothing |= name_is(name, n, "tts");
		name = p + 1;
	}
	if (name_is(name, (size_t)(e - name), "FrontSide") && name == s) {
		strbuf_adds(out, r->front != NULL ? r->front : "");
		return;
	}
	value = field(r, name, (size_t)(e - name));
	if (nothing || (type && (!r->answer || cloze)))
		return; /* the typed answer shows as the answer itself */
	if (cloze)
		cloze_render(out, value, r->cloze, r->answer);
	else
		strbuf_adds(out, value);
}

/* The "{{/name}}" that closes the section opened before s, or NULL. */
static const char *
section_end(const char *s, const char *lim, const char *name, size_t n,
    const char **after)
{
	int depth = 0;

	for (const char *p = s; (p = strstr(p, "{{")) != NULL && p < lim;
	     p += 2) {
		const char *close = strstr(p + 2, "}}"), *a, *b;

		if (close == NULL || close > lim)
			return NULL;
		a = p + 2;
		b = close;
		trim(&a, &b);
		if (a < b && (*a == '#' || *a == '^' || *a == '/')) {
			const char *x = a + 1;

			trim(&x, &b);
			if ((size_t)(b - x) != n || strncmp(x, name, n) != 0)
				continue;
			if (*a != '/') {
				depth++;
			} else if (depth-- == 0) {
				*after = close + 2;
				return p;
			}
		}
	}
	return NULL;
}

static void
fill(struct strbuf *out, const char *s, const char *lim,
    const struct anki_render *r, int depth)
{
	while (s < lim) {
		const char *open = strstr(s, "{{"), *close, *a, *b;

		if (open == NULL || open >= lim ||
		    (close = strstr(open + 2, "}}")) == NULL || close + 2 > lim) {
			strbuf_add(out, s, (size_t)(lim - s));
			return;
		}
		strbuf_add(out, s, (size_t)(open - s));
		a = open + 2;
		b = close;
		trim(&a, &b);
		s = close + 2;
		if (a < b && (*a == '#' || *a == '^')) {
			const char *name = a + 1, *end, *after = lim;
			bool show;

			trim(&name, &b);
			end = section_end(s, lim, name, (size_t)(b - name), &after);
			if (end == NULL)
				end = lim;
			show = !blank(field(r, name, (size_t)(b - name)));
			if (show == (*a == '#') && depth < MAX_DEPTH)
				fill(out, s, end, r, depth + 1);
			s = after;
		} else if (a < b && *a != '/' && *a != '!') {
			fill_field(out, a, b, r);
		}
	}
}

void
anki_template_fill(struct strbuf *out, const char *t,
    const struct anki_render *r)
{
	fill(out, t, t + strlen(t), r, 0);
}

const char *
anki_template_answer(const char *back, const char *front)
{
	size_t n = front != NULL ? strlen(front) : 0;

	for (const char *p = back; (p = find_ci(p, "<hr")) != NULL; p++) {
		const char *gt = strchr(p, '>');
		const char *id = gt != NULL ? find_ci(p, "answer") : NULL;

		if (id != NULL && id < gt && find_ci(p, "id") < id)
			return gt + 1;
	}
	if (n > 0 && strncmp(back, front, n) == 0)
		return back + n;
	return back;
}
