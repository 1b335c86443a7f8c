/* date.c: feed dates to Unix seconds, UTC.
 *
 * Two readers share one set of field checks:
 *   - iso(): text that starts with four digits and a '-' (or eight digits):
 *     RFC 3339, ISO 8601 extended and basic format, W3CDTF partial forms;
 *   - words(): everything else with a month name: RFC 822/1123/2822, RFC 850,
 *     asctime(), and the US style "Tuesday, November 24, 2026 9:30 AM EST".
 * Month, weekday and zone names come from tables below, never from the C
 * locale.  A text either reads completely or is refused. */
#include <stddef.h>
#include <string.h>
#include "rounds/date.h"

/* The fields of one date as read; checked and converted by civil(). */
struct fields {
	int year, mon, day;             /* mon 1..12 */
	int hour, min, sec;
	int offset;                     /* zone, minutes east of UTC */
};

struct name {
	const char *name;
	int value;
};

/* Full month names and the abbreviations feeds use. */
static const struct name months[] = {
	{ "jan", 1 }, { "january", 1 }, { "feb", 2 }, { "february", 2 },
	{ "mar", 3 }, { "march", 3 }, { "apr", 4 }, { "april", 4 },
	{ "may", 5 }, { "jun", 6 }, { "june", 6 }, { "jul", 7 },
	{ "july", 7 }, { "aug", 8 }, { "august", 8 }, { "sep", 9 },
	{ "sept", 9 }, { "september", 9 }, { "oct", 10 }, { "october", 10 },
	{ "nov", 11 }, { "november", 11 }, { "dec", 12 }, { "december", 12 },
};

static const char *const weekdays[] = {
	"mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday",
	"thu", "thur", "thurs", "thursday", "fri", "friday", "sat",
	"saturday", "sun", "sunday",
};

/* Zone names, minutes east of UTC.  RFC 822 names first, then names in
 * common use that mean one thing only.  Names that mean several zones
 * (IST: India, Ireland, Israel; BST outside Britain is rare and taken as
 * British Summer Time) are refused unless listed.  Military letters: see
 * zone_letter(). */
static const struct name zones[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 },
	{ "est", -300 }, { "edt", -240 }, { "cst", -360 }, { "cdt", -300 },
	{ "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
	{ "akst", -540 }, { "akdt", -480 }, { "hst", -600 },
	{ "ast", -240 }, { "adt", -180 }, { "nst", -210 }, { "ndt", -150 },
	{ "wet", 0 }, { "west", 60 }, { "bst", 60 },
	{ "cet", 60 }, { "cest", 120 }, { "met", 60 }, { "mest", 120 },
	{ "eet", 120 }, { "eest", 180 }, { "msk", 180 },
	{ "jst", 540 }, { "kst", 540 }, { "hkt", 480 }, { "sgt", 480 },
	{ "awst", 480 }, { "acst", 570 }, { "acdt", 630 },
	{ "aest", 600 }, { "aedt", 660 }, { "nzst", 720 }, { "nzdt", 780 },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(int c)
{
	c = lower(c);
	return c >= 'a' && c <= 'z';
}

static bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\f' || c == '\v';
}

/* Case-insensitive: word (n bytes) equals the lower-case name. */
static bool word_is(const char *w, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (name[i] == '\0' || lower((unsigned char)w[i]) != name[i])
			return false;
	return name[n] == '\0';
}

static bool lookup(const struct name *t, size_t nt, const char *w, size_t n,
		   int *value)
{
	size_t i;

	for (i = 0; i < nt; i++)
		if (word_is(w, n, t[i].name)) {
			*value = t[i].value;
			return true;
		}
	return false;
}

static bool is_weekday(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < NELEM(weekdays); i++)
		if (word_is(w, n, weekdays[i]))
			return true;
	return false;
}

/* Military single letters: RFC 822 gave them the wrong signs, so RFC 5322
 * section 4.3 says to read every one but Z as -0000, i.e. UTC.  J (local
 * time) is refused. */
static bool zone_letter(const char *w, size_t n, int *offset)
{
	int c;

	if (n != 1)
		return false;
	c = lower((unsigned char)w[0]);
	if (c < 'a' || c > 'z' || c == 'j')
		return false;
	*offset = 0;
	return true;
}

/* Reads exactly n digits at *p. */
static bool digits(const char **p, int n, int *value)
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

static size_t count_digits(const char *s)
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
	size_t n = count_digits(s);
	int h, m = 0;

	if (n == 4) {
		if (!digits(&s, 2, &h) || !digits(&s, 2, &m))
			return false;
	} else if (n == 2 || n == 1) {
		if (!digits(&s, (int)n, &h))
			return false;
		if (*s == ':') {
			s++;
			if (count_digits(s) != 2 || !digits(&s, 2, &m))
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

/* A zone at *p: Z, +hh:mm, +hhmm, -hh, a name from the table, a military
 * letter, or GMT/UTC/UT followed by an offset ("GMT+0100", "UTC-5").
 * A parenthesised comment after it, "+0100 (CET)", is skipped. */
static bool zone(const char **p, int *offset)
{
	const char *s = *p;
	size_t n = 0;
	int sign;

	if (*s == '+' || *s == '-') {
		sign = *s == '-' ? -1 : 1;
		s++;
		if (!offset_digits(&s, sign, offset))
			return false;
	} else {
		while (is_alpha((unsigned char)s[n]))
			n++;
		if (n == 0)
			return false;
		if ((word_is(s, n, "gmt") || word_is(s, n, "utc") ||
		     word_is(s, n, "ut")) && (s[n] == '+' || s[n] == '-')) {
			sign = s[n] == '-' ? -1 : 1;
			s += n + 1;
			if (!offset_digits(&s, sign, offset))
				return false;
		} else if (lookup(zones, NELEM(zones), s, n, offset) ||
			   zone_letter(s, n, offset)) {
			s += n;
		} else {
			return false;
		}
	}
	*p = s;
	return true;
}

/* Skips white space and one "(comment)" at the end of a date. */
static const char *trailer(const char *s)
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

/* Range-checks every field and converts; false for any field out of range.
 * A leap second (:60) is accepted and counted as the next second. */
static bool civil(const struct fields *f, int64_t *out)
{
	int64_t t;

	if (f->year < 1 || f->year > 9999 || f->mon < 1 || f->mon > 12 ||
	    f->day < 1 || f->day > month_days(f->year, f->mon) ||
	    f->hour < 0 || f->hour > 23 || f->min < 0 || f->min > 59 ||
	    f->sec < 0 || f->sec > 60)
		return false;
	t = days_from_civil(f->year, f->mon, f->day) * 86400;
	t += (int64_t)f->hour * 3600 + f->min * 60 + f->sec;
	*out = t - (int64_t)f->offset * 60;
	return true;
}

/* Optional fraction of a second: '.' or ',' and digits, ignored. */
static void fraction(const char **p)
{
	const char *s = *p;

	if ((*s == '.' || *s == ',') && is_digit((unsigned char)s[1])) {
		s++;
		while (is_digit((unsigned char)*s))
			s++;
		*p = s;
	}
}

/* The time and zone of an ISO 8601 date, after the 'T' (or the space):
 * hh:mm[:ss[.frac]] or, basic, hhmm[ss[.frac]]; then an optional zone,
 * which may follow a space.  No zone means UTC. */
static bool iso_time(const char *s, bool basic, struct fields *f)
{
	if (!digits(&s, 2, &f->hour))
		return false;
	if (!basic && *s++ != ':')
		return false;
	if (!digits(&s, 2, &f->min))
		return false;
	if (basic ? is_digit((unsigned char)*s) : *s == ':') {
		if (!basic)
			s++;
		if (!digits(&s, 2, &f->sec))
			return false;
		fraction(&s);
	}
	while (*s == ' ')
		s++;
	if (*s != '\0' && !is_space((unsigned char)*s)) {
		if (!zone(&s, &f->offset))
			return false;
	}
	return *trailer(s) == '\0';
}

/* RFC 3339 / ISO 8601 / W3CDTF: YYYY, YYYY-MM, YYYY-MM-DD,
 * YYYY-MM-DD(T|t| )hh:mm[:ss[.frac]][zone], and the basic format
 * YYYYMMDD[Thhmm[ss]][zone]. */
static bool iso(const char *s, struct fields *f)
{
	bool basic = count_digits(s) == 8;

	if (!digits(&s, 4, &f->year))
		return false;
	f->mon = f->day = 1;
	if (basic) {
		if (!digits(&s, 2, &f->mon) || !digits(&s, 2, &f->day))
			return false;
	} else if (*s == '-') {
		s++;
		if (count_digits(s) != 2 || !digits(&s, 2, &f->mon))
			return false;
		if (*s == '-') {
			s++;
			if (count_digits(s) != 2 || !digits(&s, 2, &f->day))
				return false;
		} else {
			return *trailer(s) == '\0';
		}
	} else {
		return *trailer(s) == '\0';
	}
	if (*s == 'T' || *s == 't' ||
	    (*s == ' ' && is_digit((unsigned char)s[1])))
		return iso_time(s + 1, basic, f);
	return *trailer(s) == '\0';
}

/* What words() has read so far. */
struct seen {
	bool day, mon, year, time, ampm, zone;
	bool any;                       /* anything but a weekday */
	bool after_time;                /* last token was the time */
};

/* hh:mm[:ss[.frac]] at *p (one- or two-digit hour). */
static bool word_time(const char **p, struct fields *f)
{
	const char *s = *p;
	size_t n = count_digits(s);

	if (n < 1 || n > 2 || !digits(&s, (int)n, &f->hour) || *s++ != ':')
		return false;
	if (count_digits(s) != 2 || !digits(&s, 2, &f->min))
		return false;
	if (*s == ':') {
		s++;
		if (count_digits(s) != 2 || !digits(&s, 2, &f->sec))
			return false;
		fraction(&s);
	}
	*p = s;
	return true;
}

/* AM/PM after a 12-hour time: "am", "pm", "a.m.", "p.m.". */
static bool meridian(const char **p, struct fields *f)
{
	const char *s = *p;
	int c = lower((unsigned char)*s);

	if (c != 'a' && c != 'p')
		return false;
	s++;
	if (*s == '.')
		s++;
	if (lower((unsigned char)*s) != 'm')
		return false;
	s++;
	if (*s == '.')
		s++;
	if (is_alpha((unsigned char)*s))
		return false;
	if (f->hour < 1 || f->hour > 12)
		return false;
	f->hour = f->hour % 12 + (c == 'p' ? 12 : 0);
	*p = s;
	return true;
}

/* An ordinal suffix after a day: "1st", "22nd", "3rd", "24th". */
static bool ordinal(const char *s)
{
	return (word_is(s, 2, "st") || word_is(s, 2, "nd") ||
		word_is(s, 2, "rd") || word_is(s, 2, "th")) &&
	       !is_alpha((unsigned char)s[2]);
}

/* A number that is not a time: the day, then the year. */
static bool word_number(const char **p, struct fields *f, struct seen *z)
{
	const char *s = *p;
	size_t n = count_digits(s);
	int v;

	if (n > 4 || !digits(&s, (int)n, &v))
		return false;
	if (!z->day && n <= 2) {
		f->day = v;
		z->day = true;
		if (ordinal(s))
			s += 2;
	} else if (!z->year && z->day && z->mon) {
		/* RFC 2822 section 4.3: two digits, <50 is 20xx, else 19xx;
		 * three digits, add 1900. */
		if (n == 2)
			v += v < 50 ? 2000 : 1900;
		else if (n == 3)
			v += 1900;
		else if (n != 4)
			return false;
		f->year = v;
		z->year = true;
	} else {
		return false;
	}
	*p = s;
	return true;
}

/* A word: weekday (first only, value ignored), month, AM/PM, zone. */
static bool word(const char **p, struct fields *f, struct seen *z)
{
	const char *s = *p;
	size_t n = 0;
	int v;

	if (z->after_time && !z->ampm && meridian(&s, f)) {
		z->ampm = true;
		*p = s;
		return true;
	}
	while (is_alpha((unsigned char)s[n]))
		n++;
	if (!z->any && is_weekday(s, n)) {
		s += n;
	} else if (!z->mon && lookup(months, NELEM(months), s, n, &v)) {
		f->mon = v;
		z->mon = z->any = true;
		s += n;
	} else if (!z->zone && (z->time || z->year) && zone(&s, &f->offset)) {
		z->zone = z->any = true;
	} else {
		return false;
	}
	if (*s == '.')                  /* "Nov.", "Tue." */
		s++;
	*p = s;
	return true;
}

/* Dates with a month name, tokens in the orders feeds write them:
 *   [Tue,] 24 Nov 2026 [09:30[:00]] [zone]      RFC 822/1123/2822
 *   [Tuesday,] 24-Nov-26 09:30:00 GMT          RFC 850
 *   Tue Nov 24 09:30:00 [zone] 2026            asctime(), date(1)
 *   [Tuesday,] November 24[th], 2026 [9:30 AM] [zone]
 * Spaces and commas between tokens are free; '-' and '/' separate the
 * date's parts; a sign after the time or year starts a numeric zone. */
static bool words(const char *s, struct fields *f)
{
	struct seen z;

	memset(&z, 0, sizeof(z));
	for (;;) {
		bool was_time = false;

		while (is_space((unsigned char)*s) || *s == ',')
			s++;
		if (*s == '\0' || *s == '(')
			break;
		if ((*s == '-' || *s == '/') && !z.time && !z.year &&
		    z.any && (is_alpha((unsigned char)s[1]) ||
			      is_digit((unsigned char)s[1]))) {
			s++;
			continue;
		}
		if (*s == '+' || *s == '-') {
			if (z.zone || !(z.time || z.year) ||
			    !zone(&s, &f->offset))
				return false;
			z.zone = true;
		} else if (is_digit((unsigned char)*s)) {
			const char *t = s + count_digits(s);

			if (*t == ':') {
				if (z.time || !z.day || !z.mon ||
				    !word_time(&s, f))
					return false;
				z.time = z.any = was_time = true;
			} else if (!word_number(&s, f, &z)) {
				return false;
			}
			z.any = true;
		} else if (is_alpha((unsigned char)*s)) {
			if (!word(&s, f, &z))
				return false;
		} else {
			return false;
		}
		z.after_time = was_time;
		if (*s != '\0' && !is_space((unsigned char)*s) && *s != ',' &&
		    *s != '-' && *s != '/' && *s != '+' && *s != '(' &&
		    !(was_time && is_alpha((unsigned char)*s)))
			return false;
	}
	return z.day && z.mon && z.year && *trailer(s) == '\0';
}

bool rounds_date_parse(const char *text, int64_t *out)
{
	struct fields f;
	const char *s = text;
	size_t n;

	if (s == NULL)
		return false;
	memset(&f, 0, sizeof(f));
	while (is_space((unsigned char)*s))
		s++;
	n = count_digits(s);
	if ((n == 4 && (s[4] == '-' || *trailer(s + 4) == '\0')) || n == 8) {
		if (!iso(s, &f))
			return false;
	} else if (!words(s, &f)) {
		return false;
	}
	return civil(&f, out);
}
