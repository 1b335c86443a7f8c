/* date.c: feed dates to Unix seconds, UTC.
 *
 * Two readers share one set of field checks:
 *   - iso(): text that starts like ISO 8601 (digits, or '-' and digits):
 *     RFC 3339, ISO 8601 extended and basic format, W3CDTF partial forms,
 *     reduced (-YY-MM, YYMMDD), ordinal (YYYY-DDD, YYDDD) and week dates;
 *   - date_words() (date_words.c): everything else, and what iso()
 *     refuses: RFC 822/1123/2822, RFC 850, asctime(), the US style
 *     "Tuesday, November 24, 2026 9:30 AM EST", YYYY/MM/DD, and the
 *     Greek, Hungarian and Korean forms.
 * Month, weekday and zone names come from tables, never from the C
 * locale.  A text either reads completely or is refused.  The non-English
 * names are UTF-8, compared byte for byte (ASCII letters in any case). */
#include <stddef.h>
#include <string.h>
#include "rounds/date.h"
#include "date_int.h"

/* Zone names, minutes east of UTC.  RFC 822 names first, then names in
 * common use that mean one thing only.  Names that mean several zones
 * (IST: India, Ireland, Israel; BST outside Britain is rare and taken as
 * British Summer Time) are refused unless listed.  The two-letter US
 * names (AT ET CT MT PT: "Eastern Time" without saying which half of the
 * year) are read as standard time.  Military letters: see zone_letter().
 * "Etc/" names: see date_zone(). */
static const struct name zones[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 },
	{ "est", -300 }, { "edt", -240 }, { "cst", -360 }, { "cdt", -300 },
	{ "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
	{ "at", -240 }, { "et", -300 }, { "ct", -360 }, { "mt", -420 },
	{ "pt", -480 }, { "akst", -540 }, { "akdt", -480 }, { "hst", -600 },
	{ "hdt", -540 },
	{ "ast", -240 }, { "adt", -180 }, { "nst", -210 }, { "ndt", -150 },
	{ "wet", 0 }, { "west", 60 }, { "bst", 60 },
	{ "cet", 60 }, { "cest", 120 }, { "met", 60 }, { "mest", 120 },
	{ "eet", 120 }, { "eest", 180 }, { "msk", 180 },
	{ "jst", 540 }, { "kst", 540 }, { "hkt", 480 }, { "sgt", 480 },
	{ "awst", 480 }, { "acst", 570 }, { "acdt", 630 },
	{ "aest", 600 }, { "aedt", 660 }, { "nzst", 720 }, { "nzdt", 780 },
};

/* Case-insensitive: word (n bytes) equals the lower-case name. */
bool date_word_is(const char *w, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (name[i] == '\0' ||
		    lower((unsigned char)w[i]) != (unsigned char)name[i])
			return false;
	return name[n] == '\0';
}

bool date_lookup(const struct name *t, size_t nt, const char *w, size_t n,
		 int *value)
{
	size_t i;

	for (i = 0; i < nt; i++)
		if (date_word_is(w, n, t[i].name)) {
			*value = t[i].value;
			return true;
		}
	return false;
}

/* Military single letters, as RFC 822 section 5.1 tables them: A-I are
 * -1 to -9 hours, K-M -10 to -12, N-Y +1 to +12, Z is UT; J (local time)
 * is refused.  RFC 1123 section 5.2.14 says these signs run the wrong way
 * from what the military means, and RFC 5322 says to treat the letters as
 * unknown; we read them as RFC 822's table says, as the reference feed
 * readers do, since a feed writer who uses the letters took them from it. */
static bool zone_letter(const char *w, size_t n, int *offset)
{
	int c;

	if (n != 1)
		return false;
	c = lower((unsigned char)w[0]);
	if (c < 'a' || c > 'z' || c == 'j')
		return false;
	if (c == 'z')
		*offset = 0;
	else if (c <= 'i')
		*offset = -60 * (c - 'a' + 1);
	else if (c <= 'm')
		*offset = -60 * (c - 'k' + 10);
	else
		*offset = 60 * (c - 'n' + 1);
	return true;
}

/* Reads exactly n digits at *p. */
bool date_digits(const char **p, int n, int *value)
{
	const char *s = *p;
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!is_digit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*p = s + n;
	*value = v;
	return true;
}

size_t date_count_digits(const char *s)
{
	size_t n = 0;

	while (is_digit((unsigned char)s[n]))
		n++;
	return n;
}

/* A numeric offset after its sign: hh, hhmm, hh:mm, or h (one digit). */
static bool offset_digits(const char **p, int sign, int *offset)
{
	const char *s = *p;
	size_t n = date_count_digits(s);
	int h, m = 0;

	if (n == 4) {
		if (!date_digits(&s, 2, &h) || !date_digits(&s, 2, &m))
			return false;
	} else if (n == 2 || n == 1) {
		if (!date_digits(&s, (int)n, &h))
			return false;
		if (*s == ':') {
			s++;
			if (date_count_digits(s) != 2 || !date_digits(&s, 2, &m))
				return false;
		}
	} else {
		return false;
	}
	if (h > 23 || m > 59)
		return false;
	*offset = sign * (h * 60 + m);
	*p = s;
	return true;
}

/* "Etc/GMT", "Etc/UTC" (tz database names) at *p: the zone after the
 * "Etc/".  Etc/GMT+5 and the like (POSIX signs, reversed) are refused. */
static size_t etc_prefix(const char *s)
{
	return date_word_is(s, 4, "etc/") ? 4 : 0;
}

/* A zone at *p: Z, +hh:mm, +hhmm, -hh, a name from the table, a military
 * letter, Etc/GMT, or GMT/UTC/UT followed by an offset ("GMT+0100",
 * "UTC-5").  A parenthesised comment after it, "+0100 (CET)", is skipped
 * by date_trailer(). */
bool date_zone(const char **p, int *offset)
{
	const char *s = *p;
	size_t n = 0, etc;
	int sign;

	if (*s == '+' || *s == '-') {
		sign = *s == '-' ? -1 : 1;
		s++;
		if (!offset_digits(&s, sign, offset))
			return false;
		*p = s;
		return true;
	}
	etc = etc_prefix(s);
	s += etc;
	while (is_alpha((unsigned char)s[n]))
		n++;
	if (n == 0 || is_word((unsigned char)s[n]))
		return false;
	if ((date_word_is(s, n, "gmt") || date_word_is(s, n, "utc") ||
	     date_word_is(s, n, "ut")) && (s[n] == '+' || s[n] == '-')) {
		if (etc)
			return false;
		sign = s[n] == '-' ? -1 : 1;
		s += n + 1;
		if (!offset_digits(&s, sign, offset))
			return false;
	} else if (etc ? date_lookup(zones, 3, s, n, offset) :
		   date_lookup(zones, NELEM(zones), s, n, offset) ||
		   zone_letter(s, n, offset)) {
		s += n;
	} else {
		return false;
	}
	*p = s;
	return true;
}

/* Skips white space and one "(comment)" at the end of a date. */
const char *date_trailer(const char *s)
{
	while (is_space((unsigned char)*s))
		s++;
	if (*s == '(') {
		const char *c = s + 1;

		while (*c != '\0' && *c != ')' && *c != '(')
			c++;
		if (*c != ')')
			return s;       /* unclosed: not the end */
		s = c + 1;
		while (is_space((unsigned char)*s))
			s++;
	}
	return s;
}

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

/* Optional fraction of a second: '.' or ',' and digits, ignored. */
void date_fraction(const char **p)
{
	const char *s = *p;

	if ((*s == '.' || *s == ',') && is_digit((unsigned char)s[1])) {
		s++;
		while (is_digit((unsigned char)*s))
			s++;
		*p = s;
	}
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

	if (f->year < 1 || f->year > 9999 ||
	    f->hour < 0 || f->hour > 23 || f->min < 0 || f->min > 59 ||
	    f->sec < 0 || f->sec > 60)
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

/* Two-digit years, in ISO 8601's reduced forms as in RFC 2822 section 4.3:
 * 00-49 are 2000-2049, 50-99 are 1950-1999 (fixed, not the current
 * century, so that a date reads the same every year). */
int date_century(int yy)
{
	return yy + (yy < 50 ? 2000 : 1900);
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
	if (n != 2 || !date_digits(&s, 2, &f->mon))
		return false;
	*full = *s == '-';
	if (*full) {
		s++;
		if (date_count_digits(s) != 2 || !date_digits(&s, 2, &f->day))
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
 * hh:mm[:ss[.frac]] or, basic, hhmm[ss[.frac]]; then an optional zone,
 * which may follow a space.  No zone means UTC. */
static bool iso_time(const char *s, struct fields *f)
{
	bool basic = s[0] != '\0' && s[1] != '\0' && s[2] != ':';

	if (!date_digits(&s, 2, &f->hour))
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
