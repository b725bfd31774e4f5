/*
 * fuzz.h - what the fuzz targets share.
 *
 * Each target defines LLVMFuzzerTestOneInput.  Built with --enable-fuzzing,
 * libFuzzer supplies main(); otherwise replay.c does, and runs the target
 * once on each file named on its command line (make check replays the
 * committed corpus so).  A target checks the contracts its header states
 * and calls fuzz_fail() when one does not hold: a finding, like a crash.
 */
#ifndef REHEARSE_FUZZ_H
#define REHEARSE_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * A path that reads back data[0, size): "-", with stdin made a stream over
 * data (valid until the next call), or /dev/null for no data.  No file
 * system in the loop, for speed.  Dies when the stream cannot be made.
 */
const char *fuzz_file(const uint8_t *data, size_t size);

/* data[0, size) as an allocated string, cut at its first NUL byte. */
char *fuzz_string(const uint8_t *data, size_t size);

/* Prints "contract broken: what" with the input's text and aborts. */
_Noreturn void fuzz_fail(const char *what, const char *text);

/* Whether s is valid UTF-8. */
bool fuzz_utf8(const char *s);

/* Whether s holds words joined by single spaces, none at either end, no
 * word twice, as tags are kept. */
bool fuzz_words(const char *s);

#endif
