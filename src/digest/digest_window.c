/* digest_window.c: which window a digest covers: --week, --since/--until,
 * or the last complete week; one place for every command and the site. */
#include <stdio.h>
#include <string.h>
#include "digest_int.h"

int rounds_digest_last_week(int64_t t, const char *tz, int64_t *since,
			    int64_t *until, char week[9],
			    struct rounds_err *err)
{
	int64_t s, u;

	if (rounds_digest_week_of(t, tz, &s, &u, week, err) < 0)
		return -1;
	return rounds_digest_week_of(s - 1, tz, since, until, week, err);
}

/* --since S [--until U]: U defaults to now; the window must not be empty. */
static int range(const char *since, const char *until, const char *tz,
		 int64_t now, struct rounds_digest_window *w,
		 struct rounds_err *err)
{
	if (digest_parse_when(since, tz, now, &w->since, err) < 0)
		return -1;
	w->until = now;
	if (until && digest_parse_when(until, tz, now, &w->until, err) < 0)
		return -1;
	if (w->until <= w->since)
		return rounds_err_set(err, EX_USAGE, "the window from '%s' to "
				      "'%s' is empty", since,
				      until ? until : "now");
	return 0;
}

int rounds_digest_window(const char *week, const char *since,
			 const char *until, const char *tz, int64_t now,
			 struct rounds_digest_window *w,
			 struct rounds_err *err)
{
	memset(w, 0, sizeof(*w));
	if (week) {
		if (rounds_digest_week_parse(week, tz, &w->since, &w->until,
					     err) < 0)
			return -1;
		snprintf(w->week, sizeof(w->week), "%s", week);
		/* "2026-w47" is accepted; the model says "2026-W47". */
		w->week[5] = 'W';
		return 0;
	}
	if (since)
		return range(since, until, tz, now, w, err);
	return rounds_digest_last_week(now, tz, &w->since, &w->until, w->week,
				       err);
}
