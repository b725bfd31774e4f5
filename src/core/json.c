#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "core/json.h"
#include "core/text.h"

void
json_add_string(struct strbuf *b, const char *s)
{
	size_t n;

	if (s == NULL) {
		strbuf_adds(b, "null");
		return;
	}
	n = strlen(s);
	strbuf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;

		if (c >= 0x80) {
			/* JSON is UTF-8: a byte that is not (text from a file
			 * or a collection changed by other means) is U+FFFD */
			size_t len = text_decode(s + i, n - i, &cp);

			if (cp == TEXT_INVALID)
				strbuf_adds(b, "\\ufffd");
			else
				strbuf_add(b, s + i, len);
			i += len - 1;
		} else if (c == '"' || c == '\\') {
			strbuf_addc(b, '\\');
			strbuf_addc(b, (char)c);
		} else if (c == '\n') {
			strbuf_adds(b, "\\n");
		} else if (c < 0x20 || c == 0x7f) {
			strbuf_addf(b, "\\u%04x", c);
		} else {
			strbuf_addc(b, (char)c);
		}
	}
	strbuf_addc(b, '"');
}

/* Numbers are written by hand rather than with printf's %f, whose decimal
 * point follows the locale (a comma in many). */
void
json_add_fixed(struct strbuf *b, double v, int decimals)
{
	long long scale = 1, n;

	if (!(v >= 0) || v > 1e15) {
		strbuf_adds(b, "null");
		return;
	}
	for (int i = 0; i < decimals; i++)
		scale *= 10;
	n = (long long)(v * (double)scale + 0.5);
	strbuf_addf(b, "%lld", n / scale);
	if (decimals > 0)
		strbuf_addf(b, ".%0*lld", decimals, n % scale);
}

void
json_add_ratio(struct strbuf *b, double v)
{
	json_add_fixed(b, v, 4);
}
