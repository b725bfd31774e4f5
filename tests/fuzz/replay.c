/*
 * replay.c - main() for a fuzz target built without libFuzzer: runs the
 * target once on each file named on the command line, as a libFuzzer
 * program does when given files.  Exits 1 when a file cannot be read; a
 * finding aborts.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "fuzz.h"

static int
replay(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct strbuf b = { 0 };
	char chunk[4096];
	size_t n;
	int rc = 0;

	if (f == NULL) {
		fprintf(stderr, "%s: cannot open\n", path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		strbuf_add(&b, chunk, n);
	if (ferror(f)) {
		fprintf(stderr, "%s: cannot read\n", path);
		rc = -1;
	} else {
		LLVMFuzzerTestOneInput((const uint8_t *)strbuf_str(&b), b.len);
	}
	fclose(f);
	strbuf_free(&b);
	return rc;
}

int
main(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++)
		if (replay(argv[i]) != 0)
			status = 1;
	return status;
}
