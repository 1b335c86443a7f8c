/* date.c: feed dates to Unix seconds, UTC.
 *
 * Two readers share one set of field checks:
 *   - iso(): text that starts like ISO 8601 (digits, or '-' and digits):
 *     RFC 3339, ISO 8601 extended and basic format, W3CDTF partial forms,
 *     reduced (-YY-MM, YYMMDD), ordinal (YYYY-DDD, YYDDD) and week dates;
 *   - words(): everything else, and what iso() refuses: RFC 822/1123/2822,
 *     RFC 850, asctime(), the US style "Tuesday, November 24, 2026 9:30 AM
 *     EST", YYYY/MM/DD, and the Greek, Hungarian and Korean forms.
 * Month, weekday and zone names come from tables below, never from the C
 * locale.  A text either reads completely or is refused.  The non-English
 * names are UTF-8, compared byte for byte (ASCII letters in any case). */
#include <stddef.h>
#include <string.h>
#include "rounds/date.h"

/* The fields of one date as read; checked and converted by civil(). */
struct fields {
	int year, mon, day;             /* mon 1..12 */
	int yday;                       /* ordinal day instead of mon/day */
	bool week;                      /* yday from a week date: may fall in
					   the year before or after */
	int hour, min, sec;
	int offset;                     /* zone, minutes east of UTC */
};

struct name {
	const char *name;
	int value;
};

/* Full month names and the abbreviations feeds use: English; Hungarian
 * (hu_HU: full names and the dotted abbreviations "márc." "szept."); Greek
 * (el_GR abbreviations, with and without their accents, as Greek-locale
 * feeds write them: "Κυρ, 11 Ιούλ 2004"). */
static const struct name months[] = {
	{ "jan", 1 }, { "january", 1 }, { "feb", 2 }, { "february", 2 },
	{ "mar", 3 }, { "march", 3 }, { "apr", 4 }, { "april", 4 },
	{ "may", 5 }, { "jun", 6 }, { "june", 6 }, { "jul", 7 },
	{ "july", 7 }, { "aug", 8 }, { "august", 8 }, { "sep", 9 },
	{ "sept", 9 }, { "september", 9 }, { "oct", 10 }, { "october", 10 },
	{ "nov", 11 }, { "november", 11 }, { "dec", 12 }, { "december", 12 },
	{ "január", 1 }, { "február", 2 }, { "febr", 2 },
	{ "március", 3 }, { "márc", 3 }, { "április", 4 }, { "ápr", 4 },
	{ "május", 5 }, { "máj", 5 }, { "június", 6 }, { "jún", 6 },
	{ "július", 7 }, { "júl", 7 }, { "augusztus", 8 },
	{ "szeptember", 9 }, { "szept", 9 }, { "október", 10 },
	{ "okt", 10 }, { "Ιαν", 1 }, { "Φεβ", 2 },
	{ "Μάρ", 3 }, { "Μαρ", 3 }, { "Απρ", 4 }, { "Μάι", 5 },
	{ "Μαΐ", 5 }, { "Μαι", 5 }, { "Ιούν", 6 }, { "Ιουν", 6 },
	{ "Ιούλ", 7 }, { "Ιουλ", 7 }, { "Αύγ", 8 }, { "Αυγ", 8 },
	{ "Σεπ", 9 }, { "Οκτ", 10 }, { "Νοέ", 11 }, { "Νοε", 11 },
	{ "Δεκ", 12 },
};

/* Weekdays (read and ignored): English, with the odd abbreviations feeds
 * use ("Tues", "Wedn", "Thurs"), and Greek (el_GR abbreviations). */
static const char *const weekdays[] = {
	"mon", "monday", "tue", "tues", "tuesday", "wed", "wedn", "weds",
	"wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday",
	"sat", "saturday", "sun", "sunday",
	"Κυρ", "Δευ", "Τρι", "Τρί", "Τετ", "Πεμ", "Πέμ", "Παρ", "Σαβ", "Σάβ",
};

/* Zone names, minutes east of UTC.  RFC 822 names first, then names in
 * common use that mean one thing only.  Names that mean several zones
 * (IST: India, Ireland, Israel; BST outside Britain is rare and taken as
 * British Summer Time) are refused unless listed.  The two-letter US
 * names (AT ET CT MT PT: "Eastern Time" without saying which half of the
 * year) are read as standard time.  Military letters: see zone_letter().
 * "Etc/" names: see zone(). */
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

/* A byte of a word: a letter, or any byte of a UTF-8 sequence. */
static bool is_word(int c)
{
	return is_alpha(c) || c >= 0x80;
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
		if (name[i] == '\0' ||
		    lower((unsigned char)w[i]) != (unsigned char)name[i])
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

/* "Etc/GMT", "Etc/UTC" (tz database names) at *p: the zone after the
 * "Etc/".  Etc/GMT+5 and the like (POSIX signs, reversed) are refused. */
static size_t etc_prefix(const char *s)
{
	return word_is(s, 4, "etc/") ? 4 : 0;
}

/* A zone at *p: Z, +hh:mm, +hhmm, -hh, a name from the table, a military
 * letter, Etc/GMT, or GMT/UTC/UT followed by an offset ("GMT+0100",
 * "UTC-5").  A parenthesised comment after it, "+0100 (CET)", is skipped
 * by trailer(). */
static bool zone(const char **p, int *offset)
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
	if ((word_is(s, n, "gmt") || word_is(s, n, "utc") ||
	     word_is(s, n, "ut")) && (s[n] == '+' || s[n] == '-')) {
		if (etc)
			return false;
		sign = s[n] == '-' ? -1 : 1;
		s += n + 1;
		if (!offset_digits(&s, sign, offset))
			return false;
	} else if (etc ? lookup(zones, 3, s, n, offset) :
		   lookup(zones, NELEM(zones), s, n, offset) ||
		   zone_letter(s, n, offset)) {
		s += n;
	} else {
		return false;
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
static int century(int yy)
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

	if (!digits(&s, 2, &w))
		return false;
	if (ext ? *s == '-' && is_digit((unsigned char)s[1]) :
	    is_digit((unsigned char)*s)) {
		s += ext;
		if (!digits(&s, 1, &d))
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
	size_t n = count_digits(s);

	if (*s == 'W' || *s == 'w')
		return iso_week(p, true, f);
	if (n == 3 && s[0] == '0' && s[3] == '-') {
		s++;
		n = 2;
	} else if (n == 3) {
		if (!digits(&s, 3, &f->yday) || f->yday == 0)
			return false;
		*p = s;
		return true;
	}
	if (n != 2 || !digits(&s, 2, &f->mon))
		return false;
	*full = *s == '-';
	if (*full) {
		s++;
		if (count_digits(s) != 2 || !digits(&s, 2, &f->day))
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
		if (!digits(&s, 2, &yy) || (*s == '-' && *++s == '\0') ||
		    count_digits(s) != 2 || !digits(&s, 2, &f->mon))
			return false;
	} else if (n == 2) {
		if (!digits(&s, 2, &yy) || *s++ != '-' ||
		    count_digits(s) != 2 || !digits(&s, 2, &f->mon) ||
		    *s++ != '-' || count_digits(s) != 2 ||
		    !digits(&s, 2, &f->day))
			return false;
	} else if (n == 8 || n == 6) {
		if (!digits(&s, (int)n - 4, &yy) || !digits(&s, 2, &f->mon) ||
		    !digits(&s, 2, &f->day))
			return false;
	} else if (!digits(&s, (int)n - 3, &yy) || !digits(&s, 3, &f->yday) ||
		   f->yday == 0) {
		return false;
	}
	f->year = n == 8 || n == 7 ? yy : century(yy);
	*p = s;
	return true;
}

/* The date part of an ISO 8601 text; *full: a whole day was named. */
static bool iso_date(const char **p, struct fields *f, bool *full)
{
	const char *s = *p;
	size_t n = count_digits(s);

	f->mon = f->day = 1;
	*full = true;
	if (*s == '-' || n != 4) {
		if (!iso_short(&s, n, f, full))
			return false;
	} else {
		(void)digits(&s, 4, &f->year);
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
	return *trailer(s) == '\0';
}

/* Whether the text starts like an ISO 8601 date (n: its leading digits):
 * "-03-12", "2026-...", "2026W48", "2026", "03-12-31", or 5 to 8 digits. */
static bool iso_like(const char *s, size_t n)
{
	if (n == 0)
		return *s == '-' && is_digit((unsigned char)s[1]);
	if (n == 4)
		return s[4] == '-' || s[4] == 'W' || s[4] == 'w' ||
		       *trailer(s + 4) == '\0';
	if (n == 2)
		return s[2] == '-' && is_digit((unsigned char)s[3]);
	return n >= 5 && n <= 8;
}

/* What words() has read so far. */
struct seen {
	bool day, mon, year, time, ampm, zone, zone2;
	bool any;                       /* anything but a weekday */
	bool after_time;                /* last token was the time */
	bool numeric;                   /* the date was YYYY-MM-DD/YYYY/MM/DD */
	bool korean;                    /* Korean markers: zone +09:00 */
	int pre_ampm;                   /* 'a'/'p' read before the time */
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

/* A 12-hour clock's hour (1..12) to 0..23. */
static bool twelve(struct fields *f, int ampm)
{
	if (f->hour < 1 || f->hour > 12)
		return false;
	f->hour = f->hour % 12 + (ampm == 'p' ? 12 : 0);
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
	if (is_alpha((unsigned char)*s) || !twelve(f, c))
		return false;
	*p = s;
	return true;
}

/* Korean: AM/PM words written before the time, and the markers after the
 * numbers of a date ("2004년 05월 28일", year, month, day). */
static const struct name korean_ampm[] = {
	{ "오전", 'a' }, { "오후", 'p' },
};

static const struct name korean_marks[] = {
	{ "년", 'y' }, { "월", 'm' }, { "일", 'd' },
};

/* The length of the name from t that starts s (its value in *v), or 0. */
static size_t prefix(const struct name *t, size_t nt, const char *s, int *v)
{
	size_t i, n;

	for (i = 0; i < nt; i++) {
		n = strlen(t[i].name);
		if (strncmp(s, t[i].name, n) == 0) {
			*v = t[i].value;
			return n;
		}
	}
	return 0;
}

/* An ordinal suffix after a day: "1st", "22nd", "3rd", "24th". */
static bool ordinal(const char *s)
{
	return (word_is(s, 2, "st") || word_is(s, 2, "nd") ||
		word_is(s, 2, "rd") || word_is(s, 2, "th")) &&
	       !is_alpha((unsigned char)s[2]);
}

/* YYYY-MM-DD or YYYY/MM/DD (one- or two-digit month and day after '/')
 * as one token, where a weekday or a Korean AM/PM word goes with it. */
static bool numeric_date(const char **p, struct fields *f)
{
	const char *s = *p;
	char sep = s[4];
	int v[3], i;
	size_t n;

	if ((sep != '-' && sep != '/') || !digits(&s, 4, &v[0]))
		return false;
	for (i = 1; i < 3; i++) {
		if (*s++ != sep)
			return false;
		n = count_digits(s);
		if (n < 1 || n > 2 || (sep == '-' && n != 2))
			return false;
		(void)digits(&s, (int)n, &v[i]);
	}
	f->year = v[0];
	f->mon = v[1];
	f->day = v[2];
	*p = s;
	return true;
}

/* A number followed by a Korean marker: the field the marker names. */
static bool korean_number(int v, size_t n, int mark, struct fields *f,
			  struct seen *z)
{
	if (mark == 'y' && n == 4 && !z->year) {
		f->year = v;
		z->year = true;
	} else if (mark == 'm' && n <= 2 && !z->mon) {
		f->mon = v;
		z->mon = true;
	} else if (mark == 'd' && n <= 2 && !z->day) {
		f->day = v;
		z->day = true;
	} else {
		return false;
	}
	z->korean = true;
	return true;
}

/* A two- or three-digit year (after day and month), RFC 2822 section 4.3:
 * two digits as century() says, three digits plus 1900. */
static bool short_year(int v, size_t n, struct fields *f, struct seen *z)
{
	if (z->year || !z->day || !z->mon || n < 2 || n > 3)
		return false;
	f->year = n == 2 ? century(v) : v + 1900;
	z->year = true;
	return true;
}

/* A number that is not a time: YYYY-MM-DD, a four-digit year, the day,
 * a short year, or a Korean field.  A dot after it ends it (Hungarian
 * "2004. július 13."). */
static bool word_number(const char **p, struct fields *f, struct seen *z)
{
	const char *s = *p;
	size_t n = count_digits(s), k;
	int v, mark;

	if (n == 4 && !z->year && !z->mon && !z->day && numeric_date(&s, f)) {
		z->year = z->mon = z->day = z->numeric = z->any = true;
	} else if (n > 4 || !digits(&s, (int)n, &v)) {
		return false;
	} else if ((k = prefix(korean_marks, NELEM(korean_marks), s,
			       &mark)) != 0) {
		if (!korean_number(v, n, mark, f, z))
			return false;
		s += k;
	} else if (n == 4 && !z->year) {
		f->year = v;
		z->year = true;
	} else if (!z->day && n <= 2) {
		f->day = v;
		z->day = true;
		if (ordinal(s))
			s += 2;
	} else if (!short_year(v, n, f, z)) {
		return false;
	}
	if (*s == '.' && (s[1] == ' ' || s[1] == ',' || s[1] == '\0'))
		s++;
	*p = s;
	return true;
}

/* A zone, after the time or the year (after the time only when the date
 * was all digits); a second one is taken only when it names the same
 * offset ("EST EST", "-0500 EST"). */
static bool zone_token(const char **p, struct fields *f, struct seen *z)
{
	int off;

	if (!(z->time || (z->year && !z->numeric)) || z->zone2 ||
	    !zone(p, &off))
		return false;
	if (z->zone) {
		if (off != f->offset)
			return false;
		z->zone2 = true;
	}
	f->offset = off;
	z->zone = z->any = true;
	return true;
}

/* A word: weekday (first only, value ignored), month, AM/PM (after the
 * time, or in Korean before it), zone. */
static bool word(const char **p, struct fields *f, struct seen *z)
{
	const char *s = *p;
	size_t n = 0;
	int v = 0;

	if (z->after_time && !z->ampm && meridian(&s, f)) {
		z->ampm = true;
		*p = s;
		return true;
	}
	while (is_word((unsigned char)s[n]))
		n++;
	if (!z->any && is_weekday(s, n)) {
		s += n;
	} else if (!z->mon && lookup(months, NELEM(months), s, n, &v)) {
		f->mon = v;
		z->mon = z->any = true;
		s += n;
	} else if (!z->time && !z->pre_ampm &&
		   prefix(korean_ampm, NELEM(korean_ampm), s, &v) == n) {
		z->pre_ampm = v;
		z->korean = true;
		s += n;
	} else if (!zone_token(&s, f, z)) {
		return false;
	}
	if (*s == '.')                  /* "Nov.", "Tue." */
		s++;
	*p = s;
	return true;
}

/* The time token, and a Korean AM/PM word before it. */
static bool time_token(const char **p, struct fields *f, struct seen *z)
{
	if (z->time || !z->day || !z->mon || !word_time(p, f))
		return false;
	if (z->pre_ampm && !twelve(f, z->pre_ampm))
		return false;
	z->ampm = z->pre_ampm != 0;
	z->time = z->any = true;
	return true;
}

/* A 'T' between a whole date written with a month name and its time
 * ("2004-július-13T9:15"). */
static bool t_before_time(const char *s, const struct seen *z)
{
	return (*s == 'T' || *s == 't') && is_digit((unsigned char)s[1]) &&
	       z->day && z->mon && z->year && !z->time && !z->numeric;
}

/* '-' or '/' between a date's parts (not a zone's sign). */
static bool date_sep(const char *s, const struct seen *z)
{
	int c = (unsigned char)s[1];

	return (*s == '-' || *s == '/') && !z->time && z->any &&
	       (is_word(c) || (is_digit(c) && !(z->day && z->mon && z->year)));
}

/* One token at *p. */
static bool token(const char **p, struct fields *f, struct seen *z)
{
	const char *s = *p;
	bool was_time = false;

	if (*s == '+' || *s == '-') {
		if (!zone_token(&s, f, z))
			return false;
	} else if (is_digit((unsigned char)*s)) {
		const char *t = s + count_digits(s);

		if (*t == ':') {
			if (!time_token(&s, f, z))
				return false;
			was_time = true;
		} else if (!word_number(&s, f, z)) {
			return false;
		}
		z->any = true;
	} else if (!is_word((unsigned char)*s) || !word(&s, f, z)) {
		return false;
	}
	z->after_time = was_time;
	*p = s;
	return *s == '\0' || is_space((unsigned char)*s) || *s == ',' ||
	       *s == '-' || *s == '/' || *s == '+' || *s == '(' ||
	       t_before_time(s, z) || (was_time && is_word((unsigned char)*s));
}

/* Dates with a month name, tokens in the orders feeds write them:
 *   [Tue,] 24 Nov 2026 [09:30[:00]] [zone]      RFC 822/1123/2822
 *   [Tuesday,] 24-Nov-26 09:30:00 GMT          RFC 850
 *   Tue Nov 24 09:30:00 [zone] 2026            asctime(), date(1)
 *   [Tuesday,] November 24[th], 2026 [9:30 AM] [zone]
 *   [Fri,] 2006/09/15 08:19:53 EDT             YYYY/MM/DD
 *   Κυρ, 11 Ιούλ 2004 11:17:18 EEST            Greek
 *   2004. július 13. 23:18:12, 2004-július-13T9:15-05:00   Hungarian
 *   2004-05-25 오후 11:23:17, 2004년 05월 28일 01:31:15      Korean
 * Spaces and commas between tokens are free; '-' and '/' separate the
 * date's parts; a sign after the time or year starts a numeric zone.
 * Korean dates with no zone are in Korea's only zone, +09:00. */
static bool words(const char *s, struct fields *f)
{
	struct seen z;

	memset(&z, 0, sizeof(z));
	for (;;) {
		while (is_space((unsigned char)*s) || *s == ',')
			s++;
		if (*s == '\0' || *s == '(')
			break;
		if (date_sep(s, &z) || t_before_time(s, &z)) {
			s++;
			continue;
		}
		if (!token(&s, f, &z))
			return false;
	}
	if (z.korean && !z.zone)
		f->offset = 540;
	return z.day && z.mon && z.year && (!z.pre_ampm || z.time) &&
	       *trailer(s) == '\0';
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
	if (!iso_like(s, count_digits(s)) || !iso(s, &f)) {
		memset(&f, 0, sizeof(f));
		if (!words(s, &f))
			return false;
	}
	return civil(&f, out);
}
