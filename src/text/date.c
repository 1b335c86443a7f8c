/* date.c: feed dates to Unix seconds, UTC.
 *
 * Two readers share one set of field checks:
 *   - iso(): text that starts like ISO 8601 (digits, or '-' and digits):
 *     RFC 3339, ISO 8601 extended and basic format, W3CDTF partial forms,
 *     reduced (-YY-MM, YYMMDD), ordinal (YYYY-DDD, YYDDD) and week dates;
 *   - date_words() (date_words.c): everything else, and what iso()
 *     refuses: RFC 822/1123/2822, RFC 850, asctime(), the US style
 *     "Tuesday, November 24, 2026 9:30 AM EST", YYYY/MM/DD, M/D/YYYY
 *     when plain, and the Greek, Hungarian, Korean, Portuguese, Spanish,
 *     French, German, Italian and Dutch forms.
 * Month, weekday and zone names come from tables, never from the C
 * locale.  A text either reads completely or is refused.  The non-English
 * names are UTF-8, compared byte for byte (ASCII letters in any case). */
#include <stddef.h>
#include <string.h>
#include "rounds/date.h"
#include "date_int.h"

static bool leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int64_t y, int m)
{
	static const int len[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};

	return m == 2 && leap(y) ? 29 : len[m - 1];
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar.
 * Counts in 400-year eras of 146097 days, with the year starting on
 * 1 March so that the leap day falls at its end. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;                            /* 0..399 */
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  /* 0..365 */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;    /* 0..146096 */
	return era * 146097 + doe - 719468;
}

/* Monday 0 .. Sunday 6, for days since 1970-01-01 (a Thursday). */
static int weekday_of(int64_t days)
{
	return (int)(((days % 7) + 7 + 3) % 7);
}

/* Range-checks every field and converts; false for any field out of range.
 * A leap second (:60) is accepted and counted as the next second. */
static bool civil(const struct fields *f, int64_t *out)
{
	int64_t t;

	/* 24:00:00 is the end of the day: the next one's midnight */
	if (f->year < 1 || f->year > 9999 || f->hour < 0 ||
	    (f->hour > 23 && (f->hour != 24 || f->min != 0 || f->sec != 0)) ||
	    f->min < 0 || f->min > 59 || f->sec < 0 || f->sec > 60)
		return false;
	if (f->yday != 0 || f->week) {
		if (!f->week && f->yday > 365 + leap(f->year))
			return false;
		t = days_from_civil(f->year, 1, 1) + f->yday - 1;
	} else {
		if (f->mon < 1 || f->mon > 12 || f->day < 1 ||
		    f->day > month_days(f->year, f->mon))
			return false;
		t = days_from_civil(f->year, f->mon, f->day);
	}
	t = t * 86400 + (int64_t)f->hour * 3600 + f->min * 60 + f->sec;
	*out = t - (int64_t)f->offset * 60;
	return true;
}

/* ISO 8601 week w (1..52, or 53 in a long year), day d (1 Monday .. 7) of
 * f->year, as an ordinal day that may fall before or after the year. */
static bool week_date(struct fields *f, int w, int d)
{
	int jan1 = weekday_of(days_from_civil(f->year, 1, 1));
	int weeks = 52 + (jan1 == 3 || (jan1 == 2 && leap(f->year)));

	if (w < 1 || w > weeks || d < 1 || d > 7)
		return false;
	/* Week 1 holds 4 January; its Monday is ordinal day 4 - wd(4 Jan). */
	f->yday = 4 - (jan1 + 3) % 7 + (w - 1) * 7 + d - 1;
	f->week = true;
	return true;
}

/* At the 'W' of a week date: Www[-D] (extended) or Www[D] (basic). */
static bool iso_week(const char **p, bool ext, struct fields *f)
{
	const char *s = *p + 1;
	int w, d = 1;

	if (!date_digits(&s, 2, &w))
		return false;
	if (ext ? *s == '-' && is_digit((unsigned char)s[1]) :
	    is_digit((unsigned char)*s)) {
		s += ext;
		if (!date_digits(&s, 1, &d))
			return false;
	}
	*p = s;
	return week_date(f, w, d);
}

/* After "YYYY-": MM[-DD], MMM-DD with the month zero-padded to three
 * digits ("2003-012-31", seen in the wild), DDD (ordinal day) or
 * Www[-D].  *full: a day was named, so a time may follow. */
static bool iso_ext(const char **p, struct fields *f, bool *full)
{
	const char *s = *p;
	size_t n = date_count_digits(s);

	if (*s == 'W' || *s == 'w')
		return iso_week(p, true, f);
	if (n == 3 && s[0] == '0' && s[3] == '-') {
		s++;
		n = 2;
	} else if (n == 3) {
		if (!date_digits(&s, 3, &f->yday) || f->yday == 0)
			return false;
		*p = s;
		return true;
	}
	/* a month or day of one digit: "2004-1-5T9:07:00Z" */
	if ((n != 1 && n != 2) || !date_digits(&s, (int)n, &f->mon))
		return false;
	*full = *s == '-';
	if (*full) {
		s++;
		n = date_count_digits(s);
		if ((n != 1 && n != 2) || !date_digits(&s, (int)n, &f->day))
			return false;
	}
	*p = s;
	return true;
}

/* The reduced forms: -YYMM and -YY-MM (a month of the implied century),
 * YY-MM-DD; and the basic forms by their digit count: YYYYMMDD, YYYYDDD,
 * YYMMDD, YYDDD. */
static bool iso_short(const char **p, size_t n, struct fields *f, bool *full)
{
	const char *s = *p;
	int yy = 0;

	if (*s == '-') {
		s++;
		*full = false;
		if (!date_digits(&s, 2, &yy) || (*s == '-' && *++s == '\0') ||
		    date_count_digits(s) != 2 || !date_digits(&s, 2, &f->mon))
			return false;
	} else if (n == 2) {
		if (!date_digits(&s, 2, &yy) || *s++ != '-' ||
		    date_count_digits(s) != 2 || !date_digits(&s, 2, &f->mon) ||
		    *s++ != '-' || date_count_digits(s) != 2 ||
		    !date_digits(&s, 2, &f->day))
			return false;
	} else if (n == 8 || n == 6) {
		if (!date_digits(&s, (int)n - 4, &yy) || !date_digits(&s, 2, &f->mon) ||
		    !date_digits(&s, 2, &f->day))
			return false;
	} else if (!date_digits(&s, (int)n - 3, &yy) || !date_digits(&s, 3, &f->yday) ||
		   f->yday == 0) {
		return false;
	}
	f->year = n == 8 || n == 7 ? yy : date_century(yy);
	*p = s;
	return true;
}

/* The date part of an ISO 8601 text; *full: a whole day was named. */
static bool iso_date(const char **p, struct fields *f, bool *full)
{
	const char *s = *p;
	size_t n = date_count_digits(s);

	f->mon = f->day = 1;
	*full = true;
	if (*s == '-' || n != 4) {
		if (!iso_short(&s, n, f, full))
			return false;
	} else {
		(void)date_digits(&s, 4, &f->year);
		if (*s == 'W' || *s == 'w') {
			if (!iso_week(&s, false, f))
				return false;
		} else if (*s == '-') {
			s++;
			if (!iso_ext(&s, f, full))
				return false;
		} else {
			*full = false;
		}
	}
	*p = s;
	return true;
}

/* The time and zone of an ISO 8601 date, after the 'T' (or the space):
 * hh:mm[:ss[.frac]] (h:mm too) or, basic, hhmm[ss[.frac]]; then an
 * optional zone, which may follow a space.  No zone means UTC. */
static bool iso_time(const char *s, struct fields *f)
{
	bool short_hour = is_digit((unsigned char)s[0]) && s[1] == ':';
	bool basic = !short_hour && s[0] != '\0' && s[1] != '\0' &&
		s[2] != ':';

	if (!date_digits(&s, short_hour ? 1 : 2, &f->hour))
		return false;
	if (!basic && *s++ != ':')
		return false;
	if (!date_digits(&s, 2, &f->min))
		return false;
	if (basic ? is_digit((unsigned char)*s) : *s == ':') {
		if (!basic)
			s++;
		if (!date_digits(&s, 2, &f->sec))
			return false;
		date_fraction(&s);
	}
	while (*s == ' ')
		s++;
	if (*s != '\0' && !is_space((unsigned char)*s)) {
		if (!date_zone(&s, &f->offset))
			return false;
	}
	return *date_trailer(s) == '\0';
}

/* RFC 3339 / ISO 8601 / W3CDTF: a date (see iso_date()), then for a whole
 * day (T|t| )hh:mm[:ss[.frac]][zone] or basic hhmm[ss][zone]. */
static bool iso(const char *s, struct fields *f)
{
	bool full;

	if (!iso_date(&s, f, &full))
		return false;
	if (full && (*s == 'T' || *s == 't' ||
		     (*s == ' ' && is_digit((unsigned char)s[1]))))
		return iso_time(s + 1, f);
	return *date_trailer(s) == '\0';
}

/* Whether the text starts like an ISO 8601 date (n: its leading digits):
 * "-03-12", "2026-...", "2026W48", "2026", "03-12-31", or 5 to 8 digits. */
static bool iso_like(const char *s, size_t n)
{
	if (n == 0)
		return *s == '-' && is_digit((unsigned char)s[1]);
	if (n == 4)
		return s[4] == '-' || s[4] == 'W' || s[4] == 'w' ||
		       *date_trailer(s + 4) == '\0';
	if (n == 2)
		return s[2] == '-' && is_digit((unsigned char)s[3]);
	return n >= 5 && n <= 8;
}

bool rounds_date_parse(const char *text, int64_t *out)
{
	struct fields f;
	const char *s = text;

	if (s == NULL)
		return false;
	memset(&f, 0, sizeof(f));
	while (is_space((unsigned char)*s))
		s++;
	if (!iso_like(s, date_count_digits(s)) || !iso(s, &f)) {
		memset(&f, 0, sizeof(f));
		if (!date_words(s, &f))
			return false;
	}
	return civil(&f, out);
}
