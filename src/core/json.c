#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "core/json.h"

void
json_add_string(struct strbuf *b, const char *s)
{
	if (s == NULL) {
		strbuf_adds(b, "null");
		return;
	}
	strbuf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			strbuf_addc(b, '\\');
			strbuf_addc(b, (char)*p);
		} else if (*p == '\n') {
			strbuf_adds(b, "\\n");
		} else if (*p < 0x20 || *p == 0x7f) {
			strbuf_addf(b, "\\u%04x", *p);
		} else {
			strbuf_addc(b, (char)*p);
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
