/* digest_time.c: the digest's window: ISO 8601 weeks in a time zone, and
 * the --since/--until values (dates, RFC 3339 times, durations back from
 * now).  Calendar arithmetic is done on day numbers (days since
 * 1970-01-01, proleptic Gregorian); the time zone is consulted only to turn
 * a local midnight into UTC and a UTC instant into a local date. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "rounds/buf.h"
#include "rounds/date.h"
#include "digest_int.h"

/* Days since 1970-01-01 of a civil date (any proleptic Gregorian date). */
int64_t digest_days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void digest_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* ISO weekday of a day number: Monday 1 ... Sunday 7 (1970-01-01 was a
 * Thursday). */
static int iso_wday(int64_t days)
{
	int64_t r = (days + 3) % 7;

	return (int)(r < 0 ? r + 7 : r) + 1;
}

/* Monday of ISO week 1 of year y: the week holding 4 January. */
static int64_t week1_monday(int y)
{
	int64_t jan4 = digest_days_from_civil(y, 1, 4);

	return jan4 - iso_wday(jan4) + 1;
}

void digest_iso_week(int64_t days, int *year, int *week)
{
	int64_t thursday = days - iso_wday(days) + 4;
	int y, m, d;

	digest_civil_from_days(thursday, &y, &m, &d);
	*year = y;
	*week = (int)((thursday - digest_days_from_civil(y, 1, 1)) / 7) + 1;
}

int digest_iso_weeks_in(int year)
{
	int y, w;

	/* 28 December is always in the year's last week. */
	digest_iso_week(digest_days_from_civil(year, 12, 28), &y, &w);
	return w;
}

static bool is_utc(const char *tz)
{
	return tz == NULL || *tz == '\0' || strcmp(tz, "UTC") == 0 ||
	       strcmp(tz, "Z") == 0 || strcmp(tz, "GMT") == 0 ||
	       strcmp(tz, "Etc/UTC") == 0 || strcmp(tz, "UTC0") == 0;
}

/* glibc quietly takes a zone name it cannot find for UTC; refuse names
 * that are neither in the zone database nor a POSIX TZ rule ("EST5EDT",
 * "<+01>-1"), which always holds a digit. */
static int tz_check(const char *tz, struct rounds_err *err)
{
	const char *dir = getenv("TZDIR");
	struct rounds_buf b;
	bool found = false;

	if (strpbrk(tz, "0123456789"))
		return 0;
	if (*tz == ':')
		tz++;
	if (*tz == '/')
		return access(tz, R_OK) == 0 ? 0 :
			rounds_err_set(err, EX_CONFIG,
				       "unknown time zone '%s'", tz);
	if (strstr(tz, "..") == NULL) {
		rounds_buf_init(&b, 4096);
		if (rounds_buf_printf(&b, "%s/%s", dir && *dir ? dir :
				      "/usr/share/zoneinfo", tz) == 0)
			found = access(rounds_buf_str(&b), R_OK) == 0;
		rounds_buf_release(&b);
	}
	if (!found)
		return rounds_err_set(err, EX_CONFIG, "unknown time zone '%s' "
				      "(not in the zone database)", tz);
	return 0;
}

/* Runs with TZ set to tz, then puts the old value back. */
struct tz_saved {
	char *old;
	bool had;
};

static void tz_enter(const char *tz, struct tz_saved *s)
{
	const char *old = getenv("TZ");

	s->had = old != NULL;
	s->old = xstrdup(old);
	setenv("TZ", tz, 1);
	tzset();
}

static void tz_leave(struct tz_saved *s)
{
	if (s->had)
		setenv("TZ", s->old, 1);
	else
		unsetenv("TZ");
	tzset();
	free(s->old);
}

int digest_local_midnight(int64_t days, const char *tz, int64_t *out,
			  struct rounds_err *err)
{
	struct tz_saved saved;
	struct tm tm;
	time_t t;
	int y, m, d;

	if (is_utc(tz)) {
		*out = days * 86400;
		return 0;
	}
	if (tz_check(tz, err) < 0)
		return -1;
	digest_civil_from_days(days, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	tz_enter(tz, &saved);
	t = mktime(&tm);
	tz_leave(&saved);
	if (t == (time_t)-1)
		return rounds_err_set(err, EX_DATAERR, "%04d-%02d-%02d: no "
				      "such local time in '%s'", y, m, d, tz);
	*out = (int64_t)t;
	return 0;
}

int digest_local_days(int64_t t, const char *tz, int64_t *days,
		      struct rounds_err *err)
{
	struct tz_saved saved;
	time_t tt = (time_t)t;
	struct tm tm, *ok;

	if (is_utc(tz)) {
		*days = (t >= 0 ? t : t - 86399) / 86400;
		return 0;
	}
	if (tz_check(tz, err) < 0)
		return -1;
	tz_enter(tz, &saved);
	ok = localtime_r(&tt, &tm);
	tz_leave(&saved);
	if (ok == NULL)
		return rounds_err_set(err, EX_DATAERR,
				      "time out of range in '%s'", tz);
	*days = digest_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
				       tm.tm_mday);
	return 0;
}

static int week_window(int64_t monday, const char *tz, int64_t *since,
		       int64_t *until, struct rounds_err *err)
{
	if (digest_local_midnight(monday, tz, since, err) < 0 ||
	    digest_local_midnight(monday + 7, tz, until, err) < 0)
		return -1;
	return 0;
}

int rounds_digest_week_of(int64_t t, const char *tz, int64_t *since,
			  int64_t *until, char week[9], struct rounds_err *err)
{
	int64_t days;
	int y, w;

	if (digest_local_days(t, tz, &days, err) < 0)
		return -1;
	digest_iso_week(days, &y, &w);
	if (y < 1 || y > 9999)
		return rounds_err_set(err, EX_DATAERR, "year %d out of range",
				      y);
	snprintf(week, 9, "%04d-W%02d", y, w);
	return week_window(days - iso_wday(days) + 1, tz, since, until, err);
}

int rounds_digest_week_parse(const char *week, const char *tz, int64_t *since,
			     int64_t *until, struct rounds_err *err)
{
	int y = 0, w = 0, i;

	/* Exactly YYYY-Www: four digits, "-W", two digits. */
	for (i = 0; i < 8; i++) {
		char c = week[i];

		if (i == 4 ? c != '-' : i == 5 ? (c != 'W' && c != 'w') :
		    (c < '0' || c > '9'))
			goto bad;
		if (i < 4)
			y = y * 10 + (c - '0');
		else if (i > 5)
			w = w * 10 + (c - '0');
	}
	if (week[8] != '\0' || y < 1)
		goto bad;
	if (w < 1 || w > digest_iso_weeks_in(y))
		return rounds_err_set(err, EX_USAGE, "'%s': %04d has no week "
				      "%d (it has %d)", week, y, w,
				      digest_iso_weeks_in(y));
	return week_window(week1_monday(y) + (int64_t)(w - 1) * 7, tz, since,
			   until, err);
bad:
	return rounds_err_set(err, EX_USAGE, "'%s': not an ISO week of the "
			      "form 2026-W47", week);
}

/* "7d", "48h", "90m", "2w", "1d12h": a span in seconds. */
static bool parse_duration(const char *s, int64_t *out)
{
	int64_t total = 0, n, unit;
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	while (*s) {
		if (*s < '0' || *s > '9')
			return false;
		errno = 0;
		n = strtoll(s, &end, 10);
		if (errno || n > 1000000)
			return false;
		switch (*end) {
		case 's': unit = 1; break;
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		case 'w': unit = 7 * 86400; break;
		default: return false;
		}
		total += n * unit;
		if (total > (int64_t)100 * 366 * 86400)
			return false;
		s = end + 1;
	}
	*out = total;
	return true;
}

int digest_parse_when(const char *s, const char *tz, int64_t now,
		      int64_t *out, struct rounds_err *err)
{
	int64_t span, t;
	int y, m, d, n = 0;

	if (parse_duration(s, &span)) {
		*out = now - span;
		return 0;
	}
	if (strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3
	    && n == 10 && s[4] == '-' && s[7] == '-') {
		int yy, mm, dd;
		int64_t days = digest_days_from_civil(y, m, d);

		digest_civil_from_days(days, &yy, &mm, &dd);
		if (y < 1 || yy != y || mm != m || dd != d)
			goto bad;
		return digest_local_midnight(days, tz, out, err);
	}
	/* A full time with a zone, as RFC 3339 says. */
	if (strlen(s) > 19 && s[4] == '-' && (s[10] == 'T' || s[10] == 't' ||
	    s[10] == ' ') && rounds_date_parse(s, &t)) {
		*out = t;
		return 0;
	}
bad:
	return rounds_err_set(err, EX_USAGE, "'%s': not a date (YYYY-MM-DD), "
			      "an RFC 3339 time, or a duration such as 7d "
			      "or 48h", s);
}
