/* digest_weeks.c: which weeks hold articles, for a week that has none. */
#include <string.h>
#include "rounds/digest.h"
#include "rounds/store.h"

int rounds_digest_weeks_before(struct rounds_store *st, const char *tz,
			       int64_t before, char (*weeks)[9], size_t max,
			       size_t *n, struct rounds_err *err)
{
	int64_t at, since, until;
	bool found = true;

	*n = 0;
	while (*n < max) {
		if (rounds_store_entry_before(st, before, &at, &found,
					      err) < 0)
			return -1;
		if (!found)
			break;
		if (rounds_digest_week_of(at, tz, &since, &until, weeks[*n],
					  err) < 0)
			return -1;
		(*n)++;
		before = since;
	}
	return 0;
}
