/* date_tok.c: the pieces both readers of dates read (date.c's ISO 8601
 * and date_words.c's dates written with words): digits, names from a
 * table, zones, fractions of a second, two-digit years and what may trail
 * a date. */
#include <locale.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wctype.h>
#include "date_int.h"

/* Zone names, minutes east of UTC.  RFC 822 names first, then names in
 * common use that mean one thing only.  Names that mean several zones
 * (IST: India, Ireland, Israel; BST outside Britain is rare and taken as
 * British Summer Time) are refused unless listed.  The two-letter North
 * American names (AT ET CT MT PT: "Eastern Time", the clock on the wall)
 * are given as standard time and marked: the date decides whether
 * daylight time was kept (date.c's us_clock()).  Military letters: see
 * zone_letter().  "Etc/" names: see date_zone(). */
static const struct name zones[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 },
	{ "est", -300 }, { "edt", -240 }, { "cst", -360 }, { "cdt", -300 },
	{ "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
	{ "akst", -540 }, { "akdt", -480 }, { "hst", -600 },
	{ "hdt", -540 },
	{ "ast", -240 }, { "adt", -180 }, { "nst", -210 }, { "ndt", -150 },
	{ "wet", 0 }, { "west", 60 }, { "bst", 60 },
	{ "cet", 60 }, { "cest", 120 }, { "met", 60 }, { "mest", 120 },
	{ "mez", 60 }, { "mesz", 120 },         /* CET and CEST in German */
	{ "eet", 120 }, { "eest", 180 }, { "msk", 180 },
	{ "jst", 540 }, { "kst", 540 }, { "hkt", 480 }, { "sgt", 480 },
	{ "awst", 480 }, { "acst", 570 }, { "acdt", 630 },
	{ "aest", 600 }, { "aedt", 660 }, { "nzst", 720 }, { "nzdt", 780 },
	/* national zones of Asia, Africa and South America */
	{ "wib", 420 }, { "wita", 480 }, { "wit", 540 },      /* Indonesia */
	{ "pht", 480 }, { "myt", 480 }, { "ict", 420 }, { "pkt", 300 },
	{ "sast", 120 }, { "cat", 120 }, { "eat", 180 }, { "wat", 60 },
	{ "brt", -180 }, { "art", -180 },
};

/* The two-letter North American names, standard time (see above). */
static const struct name us_clocks[] = {
	{ "at", -240 }, { "et", -300 }, { "ct", -360 }, { "mt", -420 },
	{ "pt", -480 },
};

/* The lower case of the character at s (n bytes left), its length in
 * *len: ASCII by hand, the rest through the C.UTF-8 locale's case table
 * (towlower_l; a locale object, so no thread's setlocale matters).
 * Without that locale, or for bytes that are not UTF-8, the byte itself. */
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;
static locale_t fold_loc = (locale_t)0;

static void fold_init(void)
{
	fold_loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

static uint32_t fold(const unsigned char *s, size_t n, size_t *len)
{
	uint32_t c;
	size_t k, i;

	*len = 1;
	if (s[0] < 0x80)
		return (uint32_t)lower(s[0]);
	k = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
	if (k == 0 || k > n)
		return s[0];
	c = s[0] & (0x7F >> k);
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return s[0];
		c = c << 6 | (s[i] & 0x3F);
	}
	*len = k;
	(void)pthread_once(&fold_once, fold_init);
	if (fold_loc != (locale_t)0)
		c = (uint32_t)towlower_l((wint_t)c, fold_loc);
	return c;
}

/* Case-insensitive, for any letters: word (n bytes) equals name. */
bool date_word_is(const char *w, size_t n, const char *name)
{
	const unsigned char *a = (const unsigned char *)w;
	const unsigned char *b = (const unsigned char *)name;
	size_t i = 0, j = 0, la, lb;

	while (i < n) {
		if (b[j] == '\0')
			return false;
		if ((a[i] | b[j]) < 0x80) {     /* the common case */
			if (lower(a[i]) != lower(b[j]))
				return false;
			i++;
			j++;
			continue;
		}
		if (fold(a + i, n - i, &la) != fold(b + j, strlen(name + j),
						     &lb))
			return false;
		i += la;
		j += lb;
	}
	return b[j] == '\0';
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
 * letter, Etc/GMT, GMT/UTC/UT followed by an offset ("GMT+0100",
 * "UTC-5"), or a tz database name (offset 0 here: see date_int.h).  A parenthesised comment after it, "+0100 (CET)", is skipped
 * by date_trailer().  *us_clock: a North American clock name (ET ...),
 * whose offset is standard time's. */
bool date_zone(const char **p, int *offset, bool *us_clock)
{
	const char *s = *p;
	size_t n = 0, etc;
	int sign;

	*us_clock = false;

	if (*s == '+' || *s == '-') {
		sign = *s == '-' ? -1 : 1;
		s++;
		if (!offset_digits(&s, sign, offset))
			return false;
		*p = s;
		return true;
	}
	/* a zone the machine knows; else read as before ("GMT/UTC") */
	if ((n = date_tz_name(s)) > 0 && date_tz_known(s, n)) {
		*offset = 0;            /* the date decides: see date_tz.c */
		*p = s + n;
		return true;
	}
	n = 0;
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
	} else if (!etc && date_lookup(us_clocks, NELEM(us_clocks), s, n,
				       offset)) {
		*us_clock = true;
		s += n;
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

/* Skips white space and one "(comment)" at the end of a date, and the
 * bracketed suffixes of RFC 9557 ("+01:00[Europe/Paris]", "[u-ca=...]"):
 * the offset before them says the instant. */
const char *date_trailer(const char *s)
{
	while (is_space((unsigned char)*s))
		s++;
	while (*s == '[') {
		const char *c = s + 1;

		while (*c != '\0' && *c != ']' && *c != '[' &&
		       !is_space((unsigned char)*c))
			c++;
		if (*c != ']' || c == s + 1)
			return s;
		s = c + 1;
	}
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

/* Two-digit years, in ISO 8601's reduced forms as in RFC 2822 section 4.3:
 * 00-49 are 2000-2049, 50-99 are 1950-1999 (fixed, not the current
 * century, so that a date reads the same every year). */
int date_century(int yy)
{
	return yy + (yy < 50 ? 2000 : 1900);
}
