/* date_int.h: what the two readers of feed dates, date.c (ISO 8601 and
 * the calendar) and date_words.c (dates written with words), share: the
 * fields read, character classes, and the pieces in date_tok.c. */
#ifndef ROUNDS_DATE_INT_H
#define ROUNDS_DATE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The fields of one date as read; checked and converted by civil(). */
struct fields {
	int year, mon, day;             /* mon 1..12 */
	int yday;                       /* ordinal day instead of mon/day */
	bool week;                      /* yday from a week date: may fall in
					   the year before or after */
	int hour, min, sec;
	int offset;                     /* zone, minutes east of UTC */
	bool us_clock;                  /* offset is a North American zone's
					   standard time; the date says
					   whether daylight time was kept */
	const char *tz;                 /* a tz database name (in the text
					   read), whose file says the offset */
	size_t tz_len;
};

struct name {
	const char *name;
	int value;
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static inline int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static inline bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool is_alpha(int c)
{
	c = lower(c);
	return c >= 'a' && c <= 'z';
}

/* A byte of a word: a letter, or any byte of a UTF-8 sequence. */
static inline bool is_word(int c)
{
	return is_alpha(c) || c >= 0x80;
}

static inline bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\f' || c == '\v';
}

/* Case-insensitive (any letters, as C.UTF-8 folds them): word (n bytes)
 * equals name. */
bool date_word_is(const char *w, size_t n, const char *name);
/* Finds word (n bytes) in t (nt names); its value in *value. */
bool date_lookup(const struct name *t, size_t nt, const char *w, size_t n,
		 int *value);
/* Reads exactly n digits at *p into *value, moving *p past them. */
bool date_digits(const char **p, int n, int *value);
/* How many digits s starts with. */
size_t date_count_digits(const char *s);
/* A zone at *p (name, military letter, numeric offset, "Etc/" name) into
 * *offset, minutes east of UTC; *p moves past it.  *us_clock: the name is
 * a North American clock's (ET, PT ...), *offset its standard time.  A
 * tz database name ("Europe/Paris") is taken too, with *offset 0: the
 * caller finds its offset once the date is known (date_tz_offset). */
bool date_zone(const char **p, int *offset, bool *us_clock);
/* date_tz.c: the length of the tz database name at s, 0 if none. */
size_t date_tz_name(const char *s);
/* Whether the machine has the zone named s[0, n) (its zoneinfo file). */
bool date_tz_known(const char *s, size_t n);
/* The offset (seconds east of UTC) the zone named s[0, n) had at the
 * wall-clock time local (seconds since 1970 as if UTC); false when the
 * machine has no such zone, or the time is skipped or repeated there. */
bool date_tz_offset(const char *s, size_t n, int64_t local, int32_t *off);
/* s past white space, one "(comment)" and RFC 9557 "[...]" suffixes at
 * the end of a date. */
const char *date_trailer(const char *s);
/* Skips a decimal fraction of a second at *p. */
void date_fraction(const char **p);
/* A two-digit year's century, as RFC 2822 section 4.3 reads it. */
int date_century(int yy);
/* date_words.c: RFC 822 and every other date written with words into
 * f; false unless all of s reads. */
bool date_words(const char *s, struct fields *f);

#endif
