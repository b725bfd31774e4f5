/* anki_proto.c - reading two kinds of protocol buffer fields (anki_proto.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdbool.h>

#include "core/anki_proto.h"
#include "core/util.h"

/* Reads a varint at *p (before end); false when it runs out or overflows. */
static bool
varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	*v = 0;
	for (unsigned shift = 0; shift < 64; shift += 7) {
		if (*p >= end)
			return false;
		*v |= (uint64_t)(**p & 0x7F) << shift;
		if ((*(*p)++ & 0x80) == 0)
			return true;
	}
	return false;
}

/*
 * Walks msg; for each field numbered field of wire type want (0 varint,
 * 2 length-delimited) sets *val (the varint or the length) and *data.
 */
static bool
find(const void *msg, size_t n, unsigned field, unsigned want, uint64_t *val,
    const unsigned char **data)
{
	const unsigned char *p = msg, *end;
	bool found = false;

	if (msg == NULL)
		return false;
	end = p + n;
	while (p < end) {
		uint64_t key, v;
		unsigned type;

		if (!varint(&p, end, &key))
			break;
		type = (unsigned)(key & 7);
		if (type == 0) {
			if (!varint(&p, end, &v))
				break;
		} else if (type == 2) {
			if (!varint(&p, end, &v) || v > (uint64_t)(end - p))
				break;
		} else if (type == 1 || type == 5) {
			v = type == 1 ? 8 : 4;
			if (v > (uint64_t)(end - p))
				break;
		} else {
			break; /* groups: not in these messages */
		}
		if ((key >> 3) == field && type == want) {
			*val = v;
			*data = p;
			found = true;
		}
		if (type != 0)
			p += v;
	}
	return found;
}

uint64_t
anki_proto_varint(const void *msg, size_t n, unsigned field)
{
	uint64_t v = 0;
	const unsigned char *d;

	return find(msg, n, field, 0, &v, &d) ? v : 0;
}

char *
anki_proto_string(const void *msg, size_t n, unsigned field)
{
	uint64_t len;
	const unsigned char *d;

	if (!find(msg, n, field, 2, &len, &d))
		return xstrdup("");
	return xstrndup((const char *)d, (size_t)len);
}
