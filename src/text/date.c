/* date.c: feed dates to Unix seconds, UTC.
 *
 * Two readers share one set of field checks:
 *   - iso(): text that starts like ISO 8601 (digits, or '-' and digits):
 *     RFC 3339, ISO 8601 extended and basic format, W3CDTF partial forms,
 *     reduced (-YY-MM, YYMMDD), ordinal (YYYY-DDD, YYDDD) and week dates;
 *   - date_words() (date_words.c): everything else, and what iso()
 *     refuses: RFC 822/1123/2822, RFC 850, asctime(), the US style
 *     "Tuesday, November 24, 2026 9:30 AM EST", YYYY/MM/DD, M/D/YYYY
 *     when plain, D.M.YYYY, and the forms of a score of other languages.
 * Month, weekday and zone names come from tables, never from the C
 * locale.  A text either reads completely or is refused; failing that, it
 * is read once more without its "(comments)" (RFC 2822).  The non-English
 * names are UTF-8, compared in any case (C.UTF-8's case table).  ET, PT
 * and the other North American clock names keep daylight time as the
 * date says (us_clock()); a tz database name ("Europe/Paris") has the
 * offset its zoneinfo file gives for the date (date_tz.c). */
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

/* The day of month of the n-th Sunday (n 1..4; 0: the last) of y-m. */
static int sunday(int64_t y, int m, int n)
{
	int first = 1 + (6 - weekday_of(days_from_civil(y, m, 1))) % 7;

	if (n > 0)
		return first + 7 * (n - 1);
	return first + 7 * ((month_days(y, m) - first) / 7);
}

/* A North American clock's time (f->offset its standard time's): whether
 * daylight time was kept, by the rules of the US and Canada since 1987:
 * from 2:00 on the first Sunday of April to 2:00 on the last Sunday of
 * October, and since 2007 from the second Sunday of March to the first
 * Sunday of November.  The hour the clocks skip and the hour they repeat
 * name no single instant: refused, as are years before those rules. */
static bool us_clock(struct fields *f)
{
	int on_m = f->year >= 2007 ? 3 : 4, off_m = f->year >= 2007 ? 11 : 10;
	int on_d, off_d, md, on, off;

	if (f->year < 1987 || f->yday != 0 || f->week)
		return false;
	on_d = sunday(f->year, on_m, f->year >= 2007 ? 2 : 1);
	off_d = sunday(f->year, off_m, f->year >= 2007 ? 1 : 0);
	/* minutes from the start of the year's month 1, enough to compare */
	md = (f->mon * 32 + f->day) * 1440 + f->hour * 60 + f->min;
	on = (on_m * 32 + on_d) * 1440 + 120;       /* 2:00 standard */
	off = (off_m * 32 + off_d) * 1440 + 60;     /* 1:00 standard */
	if ((md >= on && md < on + 60) || (md >= off && md < off + 60))
		return false;
	if (md >= on + 60 && md < off)
		f->offset += 60;
	f->us_clock = false;
	return true;
}

/* Range-checks every field and converts; false for any field out of range.
 * A leap second (:60) is accepted and counted as the next second. */
static bool civil(struct fields *f, int64_t *out)
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
	if (f->us_clock && !us_clock(f))
		return false;
	t = t * 86400 + (int64_t)f->hour * 3600 + f->min * 60 + f->sec;
	if (f->tz != NULL) {
		int32_t off;

		if (!date_tz_offset(f->tz, f->tz_len, t, &off))
			return false;
		*out = t - off;
		return true;
	}
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
		const char *at = s;

		if (!date_zone(&s, &f->offset, &f->us_clock))
			return false;
		if (date_tz_name(at) == (size_t)(s - at)) {
			f->tz = at;
			f->tz_len = (size_t)(s - at);
		}
		/* the same zone named again: "-07:00 PDT" */
		if (*s == ' ' && is_alpha((unsigned char)s[1])) {
			const char *t = s + 1;
			int off;
			bool us;

			if (!date_zone(&t, &off, &us) || us || f->tz ||
			    date_tz_name(s + 1) == (size_t)(t - s - 1) ||
			    off != f->offset)
				return false;
			s = t;
		}
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
		return iso_time(s[0] == ' ' || s[1] != ' ' ? s + 1 : s + 2, f);
	/* a stray space beside the 'T': "2026-03-02 T09:15:00Z" */
	if (full && *s == ' ' && (s[1] == 'T' || s[1] == 't'))
		return iso_time(s[2] == ' ' ? s + 3 : s + 2, f);
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

/* s without its parenthesised comments, which RFC 2822 section 3.3 allows
 * between any two parts ("Fri(day), 05 Nov(ember) 94 13:15:30 GMT"),
 * and with no-break spaces (U+00A0, a CMS's &nbsp;) as spaces; false when
 * there is nothing to take out or it does not fit. */
static bool plain_copy(const char *s, char *out, size_t size)
{
	size_t i = 0;
	int depth = 0;
	bool changed = false;

	for (; *s != '\0'; s++) {
		if (*s == '(' || (*s == ')' && depth > 0)) {
			depth += *s == '(' ? 1 : -1;
			changed = true;
			if (depth == 0 && i + 1 < size)
				out[i++] = ' ';
			continue;
		}
		if (depth > 0)
			continue;
		if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
			s++;
			changed = true;
			if (i + 1 < size)
				out[i++] = ' ';
			continue;
		}
		if (i + 1 >= size)
			return false;
		out[i++] = *s;
	}
	out[i] = '\0';
	return changed && depth == 0;
}

static bool read_fields(const char *s, struct fields *f)
{
	memset(f, 0, sizeof(*f));
	while (is_space((unsigned char)*s))
		s++;
	if (iso_like(s, date_count_digits(s)) && iso(s, f))
		return true;
	memset(f, 0, sizeof(*f));
	return date_words(s, f);
}

bool rounds_date_parse(const char *text, int64_t *out)
{
	struct fields f;
	char plain[256];

	if (text == NULL)
		return false;
	if (!read_fields(text, &f) &&
	    (!plain_copy(text, plain, sizeof(plain)) ||
	     !read_fields(plain, &f)))
		return false;
	return civil(&f, out);
}
