/* period.c: a digest's window in words ("16–22 November 2026"). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "period.h"

static const char *const months[] = { "January", "February", "March",
	"April", "May", "June", "July", "August", "September", "October",
	"November", "December" };

/* The calendar date of s ("YYYY-MM-DD..."), moved back a day when back. */
static int read_day(const char *s, int back, struct tm *tm)
{
	time_t t;

	memset(tm, 0, sizeof(*tm));
	if (s == NULL || strlen(s) < 10 ||
	    sscanf(s, "%4d-%2d-%2d", &tm->tm_year, &tm->tm_mon,
		   &tm->tm_mday) != 3 || tm->tm_mon < 1 || tm->tm_mon > 12 ||
	    tm->tm_mday < 1 || tm->tm_mday > 31)
		return -1;
	tm->tm_year -= 1900;
	tm->tm_mon -= 1;
	tm->tm_hour = 12;
	t = timegm(tm) - (time_t)back * 86400;
	return gmtime_r(&t, tm) ? 0 : -1;
}

/* True when the time of day in a DATE is midnight (or absent). */
static int at_midnight(const char *s)
{
	return strlen(s) < 19 || strncmp(s + 10, "T00:00:00", 9) == 0;
}

int rounds_period_text(const char *since, const char *until, char *out,
		       size_t n)
{
	struct tm a, b;
	int w;

	if (n)
		out[0] = '\0';
	if (read_day(since, 0, &a) < 0 || until == NULL ||
	    read_day(until, at_midnight(until), &b) < 0 || n == 0)
		return -1;
	if (a.tm_year == b.tm_year && a.tm_yday >= b.tm_yday)
		w = snprintf(out, n, "%d %s %d", a.tm_mday, months[a.tm_mon],
			     a.tm_year + 1900);
	else if (a.tm_year == b.tm_year && a.tm_mon == b.tm_mon)
		w = snprintf(out, n, "%d\u2013%d %s %d", a.tm_mday, b.tm_mday,
			     months[a.tm_mon], a.tm_year + 1900);
	else if (a.tm_year == b.tm_year)
		w = snprintf(out, n, "%d %s \u2013 %d %s %d", a.tm_mday,
			     months[a.tm_mon], b.tm_mday, months[b.tm_mon],
			     a.tm_year + 1900);
	else
		w = snprintf(out, n, "%d %s %d \u2013 %d %s %d", a.tm_mday,
			     months[a.tm_mon], a.tm_year + 1900, b.tm_mday,
			     months[b.tm_mon], b.tm_year + 1900);
	if (w < 0 || (size_t)w >= n) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}
