/* weights.c - the FSRS-6 weights as text (see weights.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/weights.h"

/* 10^WEIGHTS_DECIMALS: weights are read and written in 1/scale units. */
static long long
scale(void)
{
	long long s = 1;

	for (int i = 0; i < WEIGHTS_DECIMALS; i++)
		s *= 10;
	return s;
}

static long long
units_of(double x)
{
	return llround(x * (double)scale());
}

/*
 * Reads one number ("-1", "0.5", ".25", "3.") at *p up to a comma or the
 * end, in 1/scale() units; *big is set when it has more whole digits than
 * any bound (it is then out of range, whatever its value).  Returns -1 on
 * anything else.  Read as text, not by strtod, so that the locale does
 * not matter and extra decimals are refused rather than rounded.
 */
static int
read_number(const char **p, long long *units, bool *big)
{
	const char *s = *p;
	bool neg = false;
	int digits = 0, decimals = -1;
	long long u = 0;

	*big = false;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; (*s >= '0' && *s <= '9') || (*s == '.' && decimals < 0); s++) {
		if (*s == '.') {
			decimals = 0;
			continue;
		}
		digits++;
		if (decimals >= 0 && ++decimals > WEIGHTS_DECIMALS) {
			if (*s != '0')
				return -1;
			continue;
		}
		if (decimals < 0 && digits > 6)
			*big = true;
		else
			u = u * 10 + (*s - '0');
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (digits == 0 || (*s != ',' && *s != '\0'))
		return -1;
	for (int d = decimals < 0 ? 0 : decimals; d < WEIGHTS_DECIMALS; d++)
		u *= 10;
	*units = neg ? -u : u;
	*p = s;
	return 0;
}

static int
count_fields(const char *s)
{
	int n = 1;

	for (; *s != '\0'; s++)
		n += *s == ',';
	return n;
}

static int
out_of_range(int i, const char *start, const char *end, char **errmsg)
{
	double lo, hi;
	char *slo, *shi;
	double b[FSRS_N_WEIGHTS] = { 0 };
	int rc;

	/* The number as given, without the blanks around it. */
	while (*start == ' ' || *start == '\t')
		start++;
	while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	fsrs_weight_bounds(i, &lo, &hi);
	b[0] = lo;
	slo = weights_format(b);
	b[0] = hi;
	shi = weights_format(b);
	/* weights_format gives "lo, 0, 0..."; keep the first field. */
	*strchr(slo, ',') = '\0';
	*strchr(shi, ',') = '\0';
	rc = set_error(errmsg, "weights: w%d = %.*s is out of range; allowed"
			       " %s to %s",
	    i, (int)(end - start), start, slo, shi);
	free(slo);
	free(shi);
	return rc;
}

int
weights_parse(const char *s, double w[FSRS_N_WEIGHTS], char **errmsg)
{
	double tmp[FSRS_N_WEIGHTS];
	const char *p = s;
	int n = count_fields(s);

	/* with blanks around it as a number may have, in any case */
	if (util_is_keyword(s, "default")) {
		struct fsrs_params def;

		fsrs_default_params(&def);
		memcpy(w, def.w, sizeof(def.w));
		return 0;
	}
	if (n != FSRS_N_WEIGHTS)
		return set_error(errmsg, "weights: %d number%s given; give %d,"
					 " w0 to w%d, separated by commas,"
					 " or \"default\"",
		    n, n == 1 ? "" : "s", FSRS_N_WEIGHTS,
		    FSRS_N_WEIGHTS - 1);
	for (int i = 0; i < FSRS_N_WEIGHTS; i++) {
		const char *start = p;
		long long u;
		bool big;
		double lo, hi;

		if (read_number(&p, &u, &big) < 0)
			return set_error(errmsg, "weights: w%d is not a number"
						 " with at most %d decimals",
			    i,
			    WEIGHTS_DECIMALS);
		fsrs_weight_bounds(i, &lo, &hi);
		if (big || u < units_of(lo) || u > units_of(hi))
			return out_of_range(i, start, p, errmsg);
		tmp[i] = (double)u / (double)scale();
		if (*p == ',')
			p++;
	}
	memcpy(w, tmp, sizeof(tmp));
	return 0;
}

char *
weights_format(const double w[FSRS_N_WEIGHTS])
{
	struct strbuf b = { 0 };
	long long sc = scale();

	for (int i = 0; i < FSRS_N_WEIGHTS; i++) {
		long long u = units_of(w[i]);
		long long a = u < 0 ? -u : u;
		char frac[32];
		int len;

		len = snprintf(frac, sizeof(frac), "%0*lld", WEIGHTS_DECIMALS,
		    a % sc);
		while (len > 1 && frac[len - 1] == '0')
			frac[--len] = '\0';
		strbuf_addf(&b, "%s%s%lld.%s", i > 0 ? ", " : "",
		    u < 0 ? "-" : "", a / sc, frac);
	}
	return strbuf_detach(&b);
}

void
weights_round(double w[FSRS_N_WEIGHTS])
{
	for (int i = 0; i < FSRS_N_WEIGHTS; i++)
		w[i] = (double)units_of(w[i]) / (double)scale();
}
