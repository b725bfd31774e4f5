/*
 * fsrs_seed.c - the fuzz's random draw, as ts-fsrs makes it (fsrs_seed.h):
 * an Alea generator seeded with a string holding a JavaScript number, both
 * with JavaScript's exact semantics.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fsrs_seed.h"

/* JavaScript never fuses a multiply and an add (see fsrs.c). */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

/*
 * Alea (Johannes Baagøe's generator), as ts-fsrs uses it: doubles all the
 * way, with JavaScript's ToUint32/ToInt32 conversions spelled out.
 */
struct alea {
	double s0, s1, s2, c;
};

static double
to_uint32(double x)
{
	/* Only ever called on non-negative values below 2^53. */
	return (double)(uint32_t)(uint64_t)x;
}

static double
mash(double *n, const char *data)
{
	for (const unsigned char *p = (const unsigned char *)data; *p; p++) {
		double h;

		*n += *p;
		h = 0.02519603282416938 * *n;
		*n = to_uint32(h);
		h -= *n;
		h *= *n;
		*n = to_uint32(h);
		h -= *n;
		*n += h * 4294967296.0;
	}
	return to_uint32(*n) * 23283064365386963e-26;
}

static double
alea_next(struct alea *a)
{
	double prod = 2091639 * a->s0;
	double carry = a->c * 23283064365386963e-26;
	double t = prod + carry;

	a->s0 = a->s1;
	a->s1 = a->s2;
	a->c = (double)(int32_t)t; /* t is below 2^31: this is t | 0 */
	a->s2 = t - a->c;
	return a->s2;
}

/*
 * The first number of an Alea generator seeded with seed.  Seeding mashes
 * the seed into s0, s1 and s2 in turn, but the first number depends on s0
 * alone (and c, 1 after seeding), so s1 and s2 are not worked out.
 */
static double
alea_first(const char *seed)
{
	double n = 4022871197.0;
	struct alea a = { .c = 1 };

	a.s0 = mash(&n, " ");
	(void)mash(&n, " "); /* s1's and s2's, which move n on */
	(void)mash(&n, " ");
	a.s0 -= mash(&n, seed);
	if (a.s0 < 0)
		a.s0 += 1;
	return alea_next(&a);
}

/* Writes at p "e" and the exponent e as %+03d writes it (a sign, two
 * digits at least), and a NUL. */
static void
put_exponent(char *p, int e)
{
	char digits[12];
	int n = 0;
	unsigned u = e < 0 ? 0u - (unsigned)e : (unsigned)e;

	*p++ = 'e';
	*p++ = e < 0 ? '-' : '+';
	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (n < 2)
		digits[n++] = '0';
	while (n > 0)
		*p++ = digits[--n];
	*p = '\0';
}

/* Writes the n digits m (n >= 1) as "d.ddd" and exponent e, as %.*e lays
 * them out, at tmp (room for n + 8 characters at least). */
static void
put_form(char *tmp, const char *m, int n, int e)
{
	tmp[0] = m[0];
	tmp[1] = '.';
	memcpy(tmp + 2, m + 1, (size_t)n - 1);
	put_exponent(tmp + n + 1, e);
}

/*
 * Writes into tmp (prec + 8 characters at least) v's 17-digit form d17
 * ("d.dddddddddddddddde+X", as printf's %.16e) rounded to prec (15 or 16)
 * digits, as %.*e would round v itself: 0, or -1 when d17 cannot tell.  d17 is within half a unit of
 * its last digit of v, so the digits dropped decide the rounding unless
 * they are exactly a half ("5" or "50"), where v may lie on either side.
 */
static int
round_form(const char *d17, int prec, char *tmp)
{
	char m[18];
	int e = atoi(d17 + 19), up, i;

	m[0] = d17[0];
	memcpy(m + 1, d17 + 2, 16);
	if (prec == 16 ? m[16] == '5' : (m[15] == '5' && m[16] == '0'))
		return -1;
	up = m[prec] >= '5';
	for (i = prec - 1; up && i >= 0; i--) {
		up = m[i] == '9';
		m[i] = up ? '0' : (char)(m[i] + 1);
	}
	if (up) { /* 9.99...9 went up to 10.00...0 */
		m[0] = '1';
		e++;
	}
	put_form(tmp, m, prec, e);
	return 0;
}

/*
 * Writes v (a normal double, > 0) as printf's %.16e does, 17 digits
 * correctly rounded, into d17 (size bytes, 32 at least).  Where long double carries 64 bits or more and v is
 * between 1e-11 and 1e17, the digits are v * 10^k in long double, rounded:
 * 10^k (k <= 27) is exact there and the product within 2^-7 of the exact
 * one, so the rounding is right unless the fraction lies within 1/64 of a
 * half, which printf is left to decide, as it is where long double turns
 * out to round like double.
 */
static void
form17(double v, char *d17, size_t size)
{
#if LDBL_MANT_DIG >= 64
	static const long double ten[] = { 1e0L, 1e1L, 1e2L, 1e3L, 1e4L, 1e5L,
		1e6L, 1e7L, 1e8L, 1e9L, 1e10L, 1e11L, 1e12L, 1e13L, 1e14L, 1e15L,
		1e16L, 1e17L, 1e18L, 1e19L, 1e20L, 1e21L, 1e22L, 1e23L, 1e24L,
		1e25L, 1e26L, 1e27L };
	static volatile double tenth = 0.1;
	int e = (int)floor(log10(v)), k = 16 - e;
	long double p, f;
	uint64_t n;

	/* An emulator may give long double the precision of double (0.1 is
	 * 0.1000000000000000055..., which a double rounds away). */
	if (v >= 1e-11 && v < 1e17 && k >= 0 && k <= 27 &&
	    (long double)tenth * ten[17] - ten[16] > 0.25L) {
		p = (long double)v * ten[k];
		if (p >= 1e17L && k > 0) /* log10 a hair high or low */
			p = (long double)v * ten[--k];
		else if (p < 1e16L && k < 27)
			p = (long double)v * ten[++k];
		f = p - floorl(p);
		if (p >= 1e16L && p < 1e17L && fabsl(f - 0.5L) > 1.0L / 64) {
			n = (uint64_t)p + (f > 0.5L);
			e = 16 - k;
			if (n == UINT64_C(100000000000000000)) {
				n /= 10;
				e++;
			}
			char m[17];

			for (int i = 16; i >= 0; i--) {
				m[i] = (char)('0' + n % 10);
				n /= 10;
			}
			put_form(d17, m, 17, e);
			return;
		}
	}
#endif
	snprintf(d17, size, "%.16e", v);
}

/*
 * The shortest of v's forms in 15, 16 and 17 digits (a normal double,
 * > 0) that reads back as v, in tmp as %.*e writes it: a normal double
 * whose shortest form has at most 15 digits reads back from its 15-digit
 * rounding, which is that form padded with zeros.  One printf gives the
 * 17 digits; the 15 and 16 are rounded from them.
 */
static void
shortest_normal(double v, char *tmp, size_t size)
{
	char d17[40];

	form17(v, d17, sizeof(d17));
	for (int prec = 15; prec <= 16; prec++) {
		if (round_form(d17, prec, tmp) < 0)
			snprintf(tmp, size, "%.*e", prec - 1, v);
		if (strtod(tmp, NULL) == v)
			return;
	}
	snprintf(tmp, size, "%s", d17);
}

/*
 * JavaScript's Number::toString(10) for a finite double: the shortest
 * digit string that reads back as v, laid out by the ECMAScript rules
 * (plain up to 21 integer digits, "0.000001" down to 1e-6, exponent form
 * "1e-7", "1.5e+21" beyond).
 */
static void
js_number_string(double v, char *buf, size_t size)
{
	char tmp[40], digits[20];
	int k = 0, e = 0, prec;
	char *p = buf;

	if (v == 0 || !isfinite(v)) {
		snprintf(buf, size, "%s",
		    v == 0 ? "0" : isnan(v) ? "NaN"
			       : v > 0      ? "Infinity"
					    : "-Infinity");
		return;
	}
	if (v < 0) {
		*p++ = '-';
		size--;
		v = -v;
	}
	/* A normal double whose shortest form has at most 15 digits reads
	 * back from its 15-digit rounding, which is that form padded with
	 * zeros (stripped below): so only 15, 16 and 17 need trying. */
	if (v >= DBL_MIN) {
		shortest_normal(v, tmp, sizeof(tmp));
	} else {
		for (prec = 1; prec <= 17; prec++) {
			snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, v);
			if (strtod(tmp, NULL) == v)
				break;
		}
	}
	for (const char *q = tmp; *q && *q != 'e'; q++)
		if (isdigit((unsigned char)*q))
			digits[k++] = *q;
	while (k > 1 && digits[k - 1] == '0')
		k--;
	digits[k] = '\0';
	e = atoi(strchr(tmp, 'e') + 1);

	int n = e + 1; /* v = 0.digits * 10^n */
	if (k <= n && n <= 21) {
		snprintf(p, size, "%s%.*s", digits, n - k, "000000000000000000000");
	} else if (0 < n && n <= 21) {
		snprintf(p, size, "%.*s.%s", n, digits, digits + n);
	} else if (-6 < n && n <= 0) {
		snprintf(p, size, "0.%.*s%s", -n, "000000", digits);
	} else if (k == 1) {
		snprintf(p, size, "%se%c%d", digits, n - 1 >= 0 ? '+' : '-',
		    abs(n - 1));
	} else {
		snprintf(p, size, "%c.%se%c%d", digits[0], digits + 1,
		    n - 1 >= 0 ? '+' : '-', abs(n - 1));
	}
}

/* The first number of ts-fsrs's Alea for the answer at now to cur. */
double
fsrs_fuzz_draw(const struct sched *cur, int64_t now)
{
	char mul[64], seed[128];

	/* ts-fsrs's seed: review time, reps after this answer, D times S. */
	js_number_string(cur->difficulty * cur->stability, mul, sizeof(mul));
	snprintf(seed, sizeof(seed), "%lld_%lld_%s", (long long)now,
	    (long long)cur->reps + 1, mul);
	return alea_first(seed);
}
