/* apkg.c - Anki's packages: the zip archive and zstd (apkg.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include <zstd.h>

#include "core/anki_sqlite.h"
#include "core/apkg.h"
#include "core/text.h"
#include "core/util.h"

/* The collection files a package may hold, the preferred first. */
static const struct {
	const char *name;
	bool zstd;
} collections[] = {
	{ "collection.anki21b", true },
	{ "collection.anki21", false },
	{ "collection.anki2", false },
};

#define N_COLLECTIONS (sizeof(collections) / sizeof(collections[0]))

static bool
ends_with_ci(const char *s, const char *end)
{
	size_t n = strlen(s), k = strlen(end);

	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++) {
		char c = s[n - k + i];

		if ((c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) != end[i])
			return false;
	}
	return true;
}

bool
apkg_is_package(const char *path)
{
	unsigned char sig[4];
	FILE *f;
	bool zip;

	if (ends_with_ci(path, ".apkg") || ends_with_ci(path, ".colpkg"))
		return true;
	if (strcmp(path, "-") == 0 || (f = fopen(path, "rb")) == NULL)
		return false;
	zip = fread(sig, 1, 4, f) == 4 && memcmp(sig, "PK\3\4", 4) == 0;
	fclose(f);
	return zip;
}

/* Whether an entry's name could lead out of a directory it was put in. */
static bool
escapes(const char *name)
{
	const char *p = name;

	if (name[0] == '/' || name[0] == '\\' || strchr(name, '\\') != NULL ||
	    (name[0] != '\0' && name[1] == ':'))
		return true;
	while (*p != '\0') {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return true;
		p += n;
		if (*p == '/')
			p++;
	}
	return false;
}

/* Media files are named by number. */
static bool
is_media(const char *name)
{
	if (*name == '\0')
		return false;
	for (; *name != '\0'; name++)
		if (*name < '0' || *name > '9')
			return false;
	return true;
}

/*
 * Looks at every entry: none may escape; counts the media; *found gets
 * the index in collections of the collection entry to read (-1: none) and
 * *index its index in the archive.
 */
static int
scan(zip_t *z, const char *path, size_t *media, int *found, zip_int64_t *index,
    char **errmsg)
{
	zip_int64_t n = zip_get_num_entries(z, 0);

	*found = -1;
	*media = 0;
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0);

		if (name == NULL)
			return set_error(errmsg, "%s: a damaged zip archive: %s",
			    path, zip_strerror(z));
		if (escapes(name)) {
			char *shown = text_sanitize_line(name);

			set_error(errmsg,
			    "%s: refused: the entry \"%s\" would be put outside"
			    " the directory it is extracted to",
			    path, shown);
			free(shown);
			return -1;
		}
		*media += is_media(name);
		for (size_t k = 0; k < N_COLLECTIONS; k++) {
			if (strcmp(name, collections[k].name) == 0 &&
			    (*found < 0 || (int)k < *found)) {
				*found = (int)k;
				*index = i;
			}
		}
	}
	return 0;
}

/* Reads entry index, of declared size no more than the limit, into *buf. */
static int
read_entry(zip_t *z, zip_int64_t index, const char *path, void **buf,
    size_t *len, char **errmsg)
{
	zip_stat_t st;
	zip_file_t *f;
	zip_int64_t got;
	char extra;

	if (zip_stat_index(z, (zip_uint64_t)index, 0, &st) < 0 ||
	    !(st.valid & ZIP_STAT_SIZE))
		return set_error(errmsg, "%s: a damaged zip archive: %s", path,
		    zip_strerror(z));
	if (st.size > APKG_MAX_COLLECTION)
		return set_error(errmsg,
		    "%s: refused: %s would be %llu MiB once decompressed, more"
		    " than the %zu MiB a collection may be",
		    path, st.name, (unsigned long long)(st.size >> 20),
		    APKG_MAX_COLLECTION >> 20);
	if ((f = zip_fopen_index(z, (zip_uint64_t)index, 0)) == NULL)
		return set_error(errmsg, "%s: cannot read %s: %s", path,
		    st.name, zip_strerror(z));
	*len = (size_t)st.size;
	*buf = xmalloc(*len > 0 ? *len : 1);
	got = zip_fread(f, *buf, *len);
	/* more than declared is a lie about the size: stop there */
	if (got == (zip_int64_t)*len && zip_fread(f, &extra, 1) != 0)
		got = -2;
	if (got != (zip_int64_t)*len) {
		set_error(errmsg, "%s: %s: %s", path, st.name,
		    got == -2 ? "refused: larger than the archive declares"
		    : got < 0 ? zip_file_strerror(f)
			      : "shorter than the archive declares");
		zip_fclose(f);
		free(*buf);
		*buf = NULL;
		return -1;
	}
	zip_fclose(f);
	return 0;
}

/* Decompresses the zstd frame in (*buf, *len) in place of it, within the
 * limit whatever its header says. */
static int
unzstd(void **buf, size_t *len, const char *path, char **errmsg)
{
	ZSTD_DStream *ds = ZSTD_createDStream();
	ZSTD_inBuffer in = { *buf, *len, 0 };
	ZSTD_outBuffer out = { NULL, 0, 0 };
	size_t rc = 1;

	if (ds == NULL)
		die("out of memory");
	if (ZSTD_getFrameContentSize(*buf, *len) != ZSTD_CONTENTSIZE_UNKNOWN &&
	    ZSTD_getFrameContentSize(*buf, *len) != ZSTD_CONTENTSIZE_ERROR &&
	    ZSTD_getFrameContentSize(*buf, *len) > APKG_MAX_COLLECTION) {
		ZSTD_freeDStream(ds);
		free(*buf);
		*buf = NULL;
		return set_error(errmsg,
		    "%s: refused: the collection would be more than %zu MiB "
		    "once decompressed",
		    path, APKG_MAX_COLLECTION >> 20);
	}
	ZSTD_initDStream(ds);
	while (rc != 0) {
		if (out.pos == out.size) {
			if (out.size >= APKG_MAX_COLLECTION) {
				rc = (size_t)-1;
				set_error(errmsg,
				    "%s: refused: the collection would be more "
				    "than %zu MiB once decompressed",
				    path, APKG_MAX_COLLECTION >> 20);
				break;
			}
			out.size = out.size ? out.size * 2 : (size_t)1 << 20;
			out.dst = xrealloc(out.dst, out.size);
		}
		rc = ZSTD_decompressStream(ds, &out, &in);
		if (ZSTD_isError(rc)) {
			set_error(errmsg, "%s: a damaged collection: %s", path,
			    ZSTD_getErrorName(rc));
			break;
		}
		if (rc != 0 && in.pos == in.size && out.pos < out.size) {
			rc = (size_t)-1;
			set_error(errmsg, "%s: a damaged collection: it ends "
					  "too soon",
			    path);
			break;
		}
	}
	ZSTD_freeDStream(ds);
	free(*buf);
	if (rc != 0) {
		free(out.dst);
		*buf = NULL;
		return -1;
	}
	*buf = out.dst;
	*len = out.pos;
	return 0;
}

static int
read_collection(zip_t *z, const char *path, struct anki_col *col,
    size_t *media, char **errmsg)
{
	zip_int64_t index = 0;
	void *buf = NULL;
	size_t len = 0;
	int found, rc;
	char *msg = NULL;

	if (scan(z, path, media, &found, &index, errmsg) < 0)
		return -1;
	if (found < 0)
		return set_error(errmsg,
		    "%s: no Anki collection in this package (none of "
		    "collection.anki21b, collection.anki21, collection.anki2)",
		    path);
	if (read_entry(z, index, path, &buf, &len, errmsg) < 0 ||
	    (collections[found].zstd && unzstd(&buf, &len, path, errmsg) < 0))
		return -1;
	rc = anki_sqlite_read(buf, len, col, &msg);
	if (rc == 0 && col->schema == 11)
		rc = apkg_json_parse(col, &msg);
	if (rc < 0)
		set_error(errmsg, "%s: %s: %s", path, collections[found].name,
		    msg);
	free(msg);
	free(buf);
	return rc;
}

int
apkg_read(const char *path, struct anki_col *col, size_t *media,
    char **errmsg)
{
	int err = 0, rc;
	zip_t *z;

	memset(col, 0, sizeof(*col));
	*media = 0;
	z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	if (z == NULL) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, err);
		if (err == ZIP_ER_OPEN || err == ZIP_ER_READ)
			set_error(errmsg, "%s: %s", path, strerror(errno));
		else
			set_error(errmsg,
			    "%s: not a readable Anki package (zip: %s)", path,
			    zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	rc = read_collection(z, path, col, media, errmsg);
	zip_discard(z);
	return rc;
}
