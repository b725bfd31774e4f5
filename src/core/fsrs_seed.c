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
#include <stdbool.h>
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
 * " " into s0, s1 and s2 in turn, then seed into each: but the first
 * number depends on s0 alone (and c, 1 after seeding), so s1 and s2 are
 * not worked out.  The three mashes of " " are the same every time: s0
 * and the mash's n after them are constants (mash(&n, " ") three times
 * from n = 4022871197 gives s0 0.8633289230056107 on the first and n
 * 3941471299 after the third; test_fsrs's vectors from ts-fsrs check
 * them).
 */
static double
alea_first(const char *seed)
{
	double n = 3941471299.0;
	struct alea a = { .c = 1, .s0 = 0x1.ba063fa4p-1 };

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

#if LDBL_MANT_DIG >= 64
/* The powers of ten that a long double holds exactly. */
static const long double ten[] = { 1e0L, 1e1L, 1e2L, 1e3L, 1e4L, 1e5L, 1e6L,
	1e7L, 1e8L, 1e9L, 1e10L, 1e11L, 1e12L, 1e13L, 1e14L, 1e15L, 1e16L,
	1e17L, 1e18L, 1e19L, 1e20L, 1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L,
	1e27L };

/*
 * v (between 1e-11 and 1e17) times 10^k in long double, into *p and *k,
 * for the k that puts it between 1e16 and 1e17: there 10^k (k <= 27) is
 * exact and the product within 2^-8 of the exact one.  False where that
 * cannot be had, as where long double turns out to be double.
 */
static bool
scaled17(double v, long double *p, int *k)
{
	static volatile double tenth = 0.1;
	int j = 16 - (int)floor(log10(v));

	/* An emulator may give long double the precision of double (0.1 is
	 * 0.1000000000000000055..., which a double rounds away). */
	if (!(v >= 1e-11 && v < 1e17) || j < 0 || j > 27 ||
	    !((long double)tenth * ten[17] - ten[16] > 0.25L))
		return false;
	*p = (long double)v * ten[j];
	if (*p >= 1e17L && j > 0) /* log10 a hair high or low */
		*p = (long double)v * ten[--j];
	else if (*p < 1e16L && j < 27)
		*p = (long double)v * ten[++j];
	*k = j;
	return *p >= 1e16L && *p < 1e17L;
}
#endif

/*
 * Writes v (a normal double, > 0) as printf's %.16e does, 17 digits
 * correctly rounded, into d17 (size bytes, 32 at least).  Where scaled17
 * gives v * 10^k, the digits are that product rounded, unless its
 * fraction lies within 1/64 of a half, which printf is left to decide.
 */
static void
form17(double v, char *d17, size_t size)
{
#if LDBL_MANT_DIG >= 64
	long double p, f;
	int k;

	if (scaled17(v, &p, &k) && (f = p - floorl(p), fabsl(f - 0.5L) > 1.0L / 64)) {
		uint64_t n = (uint64_t)p + (f > 0.5L);
		int e = 16 - k;
		char m[17];

		if (n == UINT64_C(100000000000000000)) {
			n /= 10;
			e++;
		}
		for (int i = 16; i >= 0; i--) {
			m[i] = (char)('0' + n % 10);
			n /= 10;
		}
		put_form(d17, m, 17, e);
		return;
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

#if LDBL_MANT_DIG >= 64
/*
 * Whether the decimal n * 10^-k reads back as v (strtod's nearest
 * double), told from p, v * 10^k in long double (within 2^-8 of exact: n
 * and p below 2^57, where long double steps by 2^-7): 1 yes, 0 no, -1 too
 * close to tell.  The neighbours of v lie an ulp either side, but the one
 * below a power of two lies half as far: that case is left to strtod.
 */
static int
reads_back(double v, long double p, int k, uint64_t n)
{
	static const long double margin = 1.0L / 128;
	long double half, diff = fabsl((long double)n - p);
	int x;

	if (frexp(v, &x) == 0.5)
		return -1;
	/* half an ulp of v, 2^(x - 54), in units of 10^-k: exact */
	half = ldexpl(ten[k], x - 54);
	if (diff + margin < half)
		return 1;
	return diff - margin > half ? 0 : -1;
}

/* p / scale rounded to the nearest integer into *n, unless it lies within
 * 1/64 of a half: false. */
static bool
round_near(long double p, long double scale, uint64_t *n)
{
	long double q = p / scale, f = q - floorl(q);

	if (fabsl(f - 0.5L) <= 1.0L / 64)
		return false;
	*n = (uint64_t)q + (f > 0.5L);
	return true;
}

/*
 * The shortest digits of v (between 1e-11 and 1e17) that read back as v,
 * as the integer *digits of *ndigits digits (15, 16 or 17, trailing zeros
 * kept) and the exponent *e of the first digit; false where long double
 * cannot tell for sure, which printf and strtod are left to decide.
 */
static bool
fast_digits(double v, uint64_t *digits, int *ndigits, int *e)
{
	static const uint64_t scale[] = { 100, 10, 1 };
	static const uint64_t carried[] = { UINT64_C(1000000000000000),
		UINT64_C(10000000000000000), UINT64_C(100000000000000000) };
	long double p;
	int k;

	if (!(v >= 1e-11 && v < 1e17) || !scaled17(v, &p, &k))
		return false;
	for (int i = 0; i < 3; i++) {
		uint64_t n;
		int rb;

		if (!round_near(p, (long double)scale[i], &n))
			return false;
		rb = reads_back(v, p, k, n * scale[i]);
		if (rb < 0)
			return false;
		if (rb == 1 || i == 2) {
			*digits = n;
			*ndigits = 15 + i;
			*e = 16 - k;
			if (n == carried[i]) {
				/* rounded up to one more digit: 10^ndigits */
				*digits = n / 10;
				++*e;
			}
			return rb == 1;
		}
	}
	return false;
}
#endif

/* v's shortest digits (the digits kept: no trailing zero) into digits,
 * as characters, and the exponent of the first one; the slow way: printf
 * and strtod. */
static int
slow_digits(double v, char *digits, int *e)
{
	char tmp[40];
	int k = 0;

	/* A normal double whose shortest form has at most 15 digits reads
	 * back from its 15-digit rounding, which is that form padded with
	 * zeros (stripped below): so only 15, 16 and 17 need trying. */
	if (v >= DBL_MIN) {
		shortest_normal(v, tmp, sizeof(tmp));
	} else {
		for (int prec = 1; prec <= 17; prec++) {
			snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, v);
			if (strtod(tmp, NULL) == v)
				break;
		}
	}
	for (const char *q = tmp; *q && *q != 'e'; q++)
		if (isdigit((unsigned char)*q))
			digits[k++] = *q;
	*e = atoi(strchr(tmp, 'e') + 1);
	return k;
}

/* Appends the decimal u to *p. */
static void
put_uint(char **p, uint64_t u)
{
	char d[20];
	int n = 0;

	do {
		d[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	while (n > 0)
		*(*p)++ = d[--n];
}

/* Appends n copies of c to *p. */
static void
put_chars(char **p, char c, int n)
{
	for (int i = 0; i < n; i++)
		*(*p)++ = c;
}

/* Appends the digits d[0..k) to *p. */
static void
put_digits(char **p, const char *d, int k)
{
	memcpy(*p, d, (size_t)k);
	*p += k;
}

/*
 * Lays out 0.d[0..k) * 10^n (d without trailing zeros) by the ECMAScript
 * rules at *p: plain up to 21 integer digits, "0.000001" down to 1e-6,
 * exponent form "1e-7", "1.5e+21" beyond.
 */
static void
js_layout(char **p, const char *d, int k, int n)
{
	if (k <= n && n <= 21) {
		put_digits(p, d, k);
		put_chars(p, '0', n - k);
	} else if (0 < n && n <= 21) {
		put_digits(p, d, n);
		*(*p)++ = '.';
		put_digits(p, d + n, k - n);
	} else if (-6 < n && n <= 0) {
		put_digits(p, "0.", 2);
		put_chars(p, '0', -n);
		put_digits(p, d, k);
	} else {
		*(*p)++ = d[0];
		if (k > 1) {
			*(*p)++ = '.';
			put_digits(p, d + 1, k - 1);
		}
		*(*p)++ = 'e';
		*(*p)++ = n - 1 >= 0 ? '+' : '-';
		put_uint(p, (uint64_t)(n - 1 >= 0 ? n - 1 : 1 - n));
	}
}

void
fsrs_js_number(double v, char buf[FSRS_JS_NUMBER_SIZE])
{
	char digits[24], *p = buf;
	int k = 0, e = 0;

	if (v == 0 || !isfinite(v)) {
		strcpy(buf, v == 0 ? "0" : isnan(v) ? "NaN"
				       : v > 0      ? "Infinity"
						    : "-Infinity");
		return;
	}
	if (v < 0) {
		*p++ = '-';
		v = -v;
	}
#if LDBL_MANT_DIG >= 64
	uint64_t n;

	if (fast_digits(v, &n, &k, &e)) {
		for (int i = k; i-- > 0; n /= 10)
			digits[i] = (char)('0' + n % 10);
	} else {
		k = slow_digits(v, digits, &e);
	}
#else
	k = slow_digits(v, digits, &e);
#endif
	while (k > 1 && digits[k - 1] == '0')
		k--;
	js_layout(&p, digits, k, e + 1);
	*p = '\0';
}

/* The first number of ts-fsrs's Alea for the answer at now to cur. */
double
fsrs_fuzz_draw(const struct sched *cur, int64_t now)
{
	char seed[32 + FSRS_JS_NUMBER_SIZE], *p = seed;
	/* as a JavaScript number: no overflow at INT_MAX reps */
	int64_t reps = (int64_t)cur->reps + 1;

	/* ts-fsrs's seed: review time, reps after this answer, D times S. */
	if (now < 0) {
		*p++ = '-';
		put_uint(&p, 0 - (uint64_t)now);
	} else {
		put_uint(&p, (uint64_t)now);
	}
	*p++ = '_';
	if (reps < 0) {
		*p++ = '-';
		put_uint(&p, 0 - (uint64_t)reps);
	} else {
		put_uint(&p, (uint64_t)reps);
	}
	*p++ = '_';
	fsrs_js_number(cur->difficulty * cur->stability, p);
	return alea_first(seed);
}
