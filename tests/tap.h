/* tap.h: a tiny TAP producer for C unit tests.
 *   ok(cond, "what"), is_str(got, want, "what"), is_int(got, want, "what"),
 *   then return done_testing();  A failing check prints got/want. */
#ifndef ROUNDS_TAP_H
#define ROUNDS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static inline __attribute__((format(printf, 2, 3)))
int ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%s %d - ", cond ? "ok" : "not ok", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}

#define is_str(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	int c_ = (g_ == NULL && w_ == NULL) || \
		 (g_ && w_ && strcmp(g_, w_) == 0); \
	if (!ok(c_, __VA_ARGS__)) \
		printf("#   got:  '%s'\n#   want: '%s'\n", \
		       g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
} while (0)

#define is_int(got, want, ...) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	if (!ok(g_ == w_, __VA_ARGS__)) \
		printf("#   got:  %lld\n#   want: %lld\n", g_, w_); \
} while (0)

static inline void diag(const char *msg)
{
	printf("# %s\n", msg);
}

static inline int done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
