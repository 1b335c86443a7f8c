/* period.h: a digest's window [since, until) in words, for people. */
#ifndef ROUNDS_PERIOD_H
#define ROUNDS_PERIOD_H

#include <stddef.h>

/* since and until are DATEs ("2026-11-16T00:00:00Z", at least the date);
 * until is exclusive, so a window ending at midnight ends the day before.
 * Writes "16–22 November 2026", "30 November – 6 December 2026",
 * "29 December 2025 – 4 January 2026" or "16 November 2026" into out;
 * returns -1 (out empty) when a date cannot be read. */
int rounds_period_text(const char *since, const char *until, char *out,
		       size_t n);

#endif
