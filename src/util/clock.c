/* clock.c: a settable "now" for deterministic output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "rounds/clock.h"

static int64_t fixed;
static int fixed_set;

static int parse_utc(const char *s, int64_t *out)
{
	struct tm tm;
	char *end;

	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (end == NULL || (*end != 'Z' && *end != '\0') ||
	    (*end == 'Z' && end[1] != '\0'))
		return -1;
	*out = (int64_t)timegm(&tm);
	return 0;
}

int rounds_clock_set(const char *text, struct rounds_err *err)
{
	if (parse_utc(text, &fixed) < 0)
		return rounds_err_set(err, EX_USAGE,
			"'%s': not a time of the form 2026-11-24T12:00:00Z", text);
	fixed_set = 1;
	return 0;
}

int64_t rounds_clock_now(void)
{
	const char *env;

	if (fixed_set)
		return fixed;
	env = getenv("ROUNDS_NOW");
	if (env && *env && parse_utc(env, &fixed) == 0) {
		fixed_set = 1;
		return fixed;
	}
	return (int64_t)time(NULL);
}

void rounds_clock_format(int64_t t, char out[21])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
