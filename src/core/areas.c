#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "core/areas.h"
#include "core/util.h"

/* What a panel weighs in an answer for a healthcare IT role, in the words
 * of the manual's AREAS section. */
const struct area_info areas_known[] = {
	{ "communication", "Communication" },
	{ "leadership", "Leadership and projects" },
	{ "data", "Use of data" },
	{ "ehr", "EHR knowledge" },
	{ "troubleshooting", "Troubleshooting" },
	{ "cross-functional", "Cross-functional work" },
	{ "privacy", "Privacy and detail" },
	{ "learning", "Continuous learning" },
};

const size_t areas_known_count = sizeof(areas_known) / sizeof(areas_known[0]);

const char *
areas_label(const char *name, size_t n)
{
	for (size_t i = 0; i < areas_known_count; i++)
		if (strlen(areas_known[i].name) == n &&
		    memcmp(areas_known[i].name, name, n) == 0)
			return areas_known[i].label;
	return NULL;
}

const char *
areas_word(const char **pos, size_t *n)
{
	const char *p = *pos + strspn(*pos, " ");

	if (*p == '\0')
		return NULL;
	*n = strcspn(p, " ");
	*pos = p + *n;
	return p;
}

bool
areas_has_tag(const char *tags, const char *tag)
{
	size_t n, len = strlen(tag);
	const char *t;

	while ((t = areas_word(&tags, &n)) != NULL)
		if (n == len && memcmp(t, tag, n) == 0)
			return true;
	return false;
}

const char *
areas_next(const char **pos, size_t *n)
{
	const size_t plen = strlen(AREAS_PREFIX);
	const char *t;
	size_t tn;

	while ((t = areas_word(pos, &tn)) != NULL)
		if (tn > plen && memcmp(t, AREAS_PREFIX, plen) == 0) {
			*n = tn - plen;
			return t + plen;
		}
	return NULL;
}

char *
areas_list(const char *tags)
{
	struct strbuf b = { 0 };
	const char *a;
	size_t n;

	while ((a = areas_next(&tags, &n)) != NULL) {
		if (b.len > 0)
			strbuf_addc(&b, ' ');
		strbuf_add(&b, a, n);
	}
	return strbuf_detach(&b);
}

char *
areas_merge(const char *tags, const char *from, int *added)
{
	struct strbuf b = { 0 };
	const char *a;
	size_t n;
	int count = 0;

	strbuf_adds(&b, tags);
	while ((a = areas_next(&from, &n)) != NULL) {
		char *tag = xasprintf(AREAS_PREFIX "%.*s", (int)n, a);

		if (!areas_has_tag(strbuf_str(&b), tag)) {
			if (b.len > 0)
				strbuf_addc(&b, ' ');
			strbuf_adds(&b, tag);
			count++;
		}
		free(tag);
	}
	if (added != NULL)
		*added = count;
	return strbuf_detach(&b);
}
