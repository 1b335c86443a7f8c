/* clock.h: the time "now", which tests can fix with ROUNDS_NOW or --now. */
#ifndef ROUNDS_CLOCK_H
#define ROUNDS_CLOCK_H

#include <stdint.h>
#include "err.h"

/* Fixes the clock from an RFC 3339 UTC text ("2026-11-24T12:00:00Z"). */
int rounds_clock_set(const char *text, struct rounds_err *err) ROUNDS_WUR;
/* Unix seconds: the fixed time if set (or ROUNDS_NOW), else the real one. */
int64_t rounds_clock_now(void);
/* Formats t as YYYY-MM-DDTHH:MM:SSZ into out (at least 21 bytes). */
void rounds_clock_format(int64_t t, char out[21]);

#endif
