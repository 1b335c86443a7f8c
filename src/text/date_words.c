/* date_words.c: feed dates written with words (RFC 822/1123/2822, RFC
 * 850, asctime(), the US style, YYYY/MM/DD, M/D/YYYY when plain, D.M.YYYY,
 * and the Greek, Hungarian, Korean, Chinese and Japanese, Portuguese,
 * Spanish, French, German, Italian, Dutch, Nordic, Finnish, Polish, Czech,
 * Turkish, Indonesian and Russian forms): date_words() of date.c's
 * overview. */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "date_int.h"

/* Full month names and the abbreviations feeds use: English; Hungarian
 * (hu_HU: full names and the dotted abbreviations "márc." "szept.", and
 * the misspellings "februári" "máujus" some Hungarian feeds carry); Greek
 * (el_GR abbreviations, with and without their accents, as Greek-locale
 * feeds write them: "Κυρ, 11 Ιούλ 2004", and the older spellings "Μάώ"
 * "Μαϊ" "Ιον" "Ιολ" of some Greek feeds). */
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
	{ "okt", 10 }, { "februári", 2 }, { "máujus", 5 },
	{ "Ιαν", 1 }, { "Φεβ", 2 },
	{ "Μάρ", 3 }, { "Μαρ", 3 }, { "Μάώ", 3 }, { "Μαώ", 3 },
	{ "Απρ", 4 }, { "Μάι", 5 }, { "Μαΐ", 5 }, { "Μαι", 5 },
	{ "Μαϊ", 5 }, { "Ιούν", 6 }, { "Ιουν", 6 }, { "Ιον", 6 },
	{ "Ιούλ", 7 }, { "Ιουλ", 7 }, { "Ιολ", 7 }, { "Αύγ", 8 }, { "Αυγ", 8 },
	{ "Σεπ", 9 }, { "Οκτ", 10 }, { "Νοέ", 11 }, { "Νοε", 11 },
	{ "Δεκ", 12 },
	/* Portuguese (UOL and other Brazilian CMSs write "Seg, 24 Set 2018"),
	 * Spanish, French, German, Italian, Dutch: full names and the
	 * abbreviations of their locales.  No name means another month in
	 * another of these languages, so none is a guess. */
	{ "janeiro", 1 }, { "fev", 2 }, { "fevereiro", 2 }, { "março", 3 },
	{ "abr", 4 }, { "abril", 4 }, { "mai", 5 }, { "maio", 5 },
	{ "junho", 6 }, { "julho", 7 }, { "ago", 8 }, { "agosto", 8 },
	{ "set", 9 }, { "setembro", 9 }, { "out", 10 }, { "outubro", 10 },
	{ "novembro", 11 }, { "dez", 12 }, { "dezembro", 12 },
	{ "ene", 1 }, { "enero", 1 }, { "febrero", 2 }, { "marzo", 3 },
	{ "mayo", 5 }, { "junio", 6 }, { "julio", 7 }, { "septiembre", 9 },
	{ "setiembre", 9 }, { "octubre", 10 }, { "noviembre", 11 },
	{ "dic", 12 }, { "diciembre", 12 },
	{ "janv", 1 }, { "janvier", 1 }, { "févr", 2 }, { "fév", 2 },
	{ "février", 2 }, { "mars", 3 }, { "avr", 4 }, { "avril", 4 },
	{ "juin", 6 }, { "juil", 7 }, { "juillet", 7 }, { "août", 8 },
	{ "aout", 8 }, { "septembre", 9 }, { "octobre", 10 },
	{ "novembre", 11 }, { "déc", 12 }, { "décembre", 12 },
	{ "januar", 1 }, { "jänner", 1 }, { "februar", 2 }, { "mär", 3 },
	{ "mrz", 3 }, { "märz", 3 }, { "juni", 6 }, { "juli", 7 },
	{ "oktober", 10 }, { "dezember", 12 },
	{ "gen", 1 }, { "gennaio", 1 }, { "febbraio", 2 }, { "aprile", 4 },
	{ "mag", 5 }, { "maggio", 5 }, { "giu", 6 }, { "giugno", 6 },
	{ "lug", 7 }, { "luglio", 7 }, { "settembre", 9 }, { "ott", 10 },
	{ "ottobre", 10 }, { "dicembre", 12 },
	{ "januari", 1 }, { "februari", 2 }, { "mrt", 3 }, { "maart", 3 },
	{ "mei", 5 }, { "augustus", 8 },
	/* Swedish, Danish, Norwegian; Finnish (the locale's short names, and
	 * the full ones with and without the "-ta" of "22. lokakuuta");
	 * Indonesian; Turkish; Polish and Czech (short, nominative and the
	 * genitive of "22 października"); Russian (the same).  Again no
	 * name means another month elsewhere in the table. */
	{ "maj", 5 }, { "augusti", 8 }, { "des", 12 }, { "desember", 12 },
	{ "tammi", 1 }, { "tammikuu", 1 }, { "tammikuuta", 1 },
	{ "helmi", 2 }, { "helmikuu", 2 }, { "helmikuuta", 2 },
	{ "maalis", 3 }, { "maaliskuu", 3 }, { "maaliskuuta", 3 },
	{ "huhti", 4 }, { "huhtikuu", 4 }, { "huhtikuuta", 4 },
	{ "touko", 5 }, { "toukokuu", 5 }, { "toukokuuta", 5 },
	{ "kesä", 6 }, { "kesäkuu", 6 }, { "kesäkuuta", 6 },
	{ "heinä", 7 }, { "heinäkuu", 7 }, { "heinäkuuta", 7 },
	{ "elo", 8 }, { "elokuu", 8 }, { "elokuuta", 8 },
	{ "syys", 9 }, { "syyskuu", 9 }, { "syyskuuta", 9 },
	{ "loka", 10 }, { "lokakuu", 10 }, { "lokakuuta", 10 },
	{ "marras", 11 }, { "marraskuu", 11 }, { "marraskuuta", 11 },
	{ "joulu", 12 }, { "joulukuu", 12 }, { "joulukuuta", 12 },
	{ "maret", 3 }, { "agu", 8 }, { "agt", 8 }, { "ags", 8 },
	{ "agustus", 8 },
	{ "oca", 1 }, { "ocak", 1 }, { "şub", 2 }, { "şubat", 2 },
	{ "mart", 3 }, { "nis", 4 }, { "nisan", 4 }, { "mayıs", 5 },
	{ "haz", 6 }, { "haziran", 6 }, { "tem", 7 }, { "temmuz", 7 },
	{ "ağu", 8 }, { "ağustos", 8 }, { "eyl", 9 }, { "eylül", 9 },
	{ "eki", 10 }, { "ekim", 10 }, { "kas", 11 }, { "kasım", 11 },
	{ "ara", 12 }, { "aralık", 12 },
	{ "sty", 1 }, { "styczeń", 1 }, { "stycznia", 1 },
	{ "lut", 2 }, { "luty", 2 }, { "lutego", 2 },
	{ "marzec", 3 }, { "marca", 3 },
	{ "kwi", 4 }, { "kwiecień", 4 }, { "kwietnia", 4 }, { "maja", 5 },
	{ "cze", 6 }, { "czerwiec", 6 }, { "czerwca", 6 },
	{ "lip", 7 }, { "lipiec", 7 }, { "lipca", 7 },
	{ "sie", 8 }, { "sierpień", 8 }, { "sierpnia", 8 },
	{ "wrz", 9 }, { "wrzesień", 9 }, { "września", 9 },
	{ "paź", 10 }, { "październik", 10 }, { "października", 10 },
	{ "lis", 11 }, { "listopad", 11 }, { "listopada", 11 },
	{ "gru", 12 }, { "grudzień", 12 }, { "grudnia", 12 },
	{ "led", 1 }, { "leden", 1 }, { "ledna", 1 },
	{ "úno", 2 }, { "únor", 2 }, { "února", 2 },
	{ "bře", 3 }, { "březen", 3 }, { "března", 3 },
	{ "dub", 4 }, { "duben", 4 }, { "dubna", 4 },
	{ "kvě", 5 }, { "květen", 5 }, { "května", 5 },
	{ "čer", 6 }, { "červen", 6 }, { "června", 6 },
	{ "čvc", 7 }, { "červenec", 7 }, { "července", 7 },
	{ "srp", 8 }, { "srpen", 8 }, { "srpna", 8 },
	{ "zář", 9 }, { "září", 9 }, { "říj", 10 }, { "říjen", 10 },
	{ "října", 10 }, { "listopadu", 11 },
	{ "pro", 12 }, { "prosinec", 12 }, { "prosince", 12 },
	{ "янв", 1 }, { "январь", 1 }, { "января", 1 },
	{ "фев", 2 }, { "февраль", 2 }, { "февраля", 2 },
	{ "мар", 3 }, { "март", 3 }, { "марта", 3 },
	{ "апр", 4 }, { "апрель", 4 }, { "апреля", 4 },
	{ "май", 5 }, { "мая", 5 },
	{ "июн", 6 }, { "июнь", 6 }, { "июня", 6 },
	{ "июл", 7 }, { "июль", 7 }, { "июля", 7 },
	{ "авг", 8 }, { "август", 8 }, { "августа", 8 },
	{ "сен", 9 }, { "сент", 9 }, { "сентябрь", 9 }, { "сентября", 9 },
	{ "окт", 10 }, { "октябрь", 10 }, { "октября", 10 },
	{ "ноя", 11 }, { "нояб", 11 }, { "ноябрь", 11 }, { "ноября", 11 },
	{ "дек", 12 }, { "декабрь", 12 }, { "декабря", 12 },
};

/* Weekdays (read and ignored): English, with the odd abbreviations feeds
 * use ("Tues", "Wedn", "Thurs"), Greek (el_GR abbreviations), and the
 * languages of the months above, but for the "mar" (Tuesday) of Spanish,
 * French and Italian: it is March ("Mar 24, 2026") unless a comma follows
 * (romance_tuesday()). */
static const char *const weekdays[] = {
	"mon", "monday", "tue", "tues", "tuesday", "wed", "wedn", "weds",
	"wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday",
	"sat", "saturday", "sun", "sunday",
	"Κυρ", "Δευ", "Τρι", "Τρί", "Τετ", "Πεμ", "Πέμ", "Παρ", "Σαβ", "Σάβ",
	"dom", "domingo", "seg", "segunda", "ter", "terça", "qua", "quarta",
	"qui", "quinta", "sex", "sexta", "sáb", "sab", "sábado",
	"lun", "lunes", "martes", "mié", "mie", "miércoles", "jue", "jueves",
	"vie", "viernes",
	"lundi", "mardi", "mer", "mercredi", "jeu", "jeudi", "ven",
	"vendredi", "sam", "samedi", "dim", "dimanche",
	"mo", "montag", "di", "dienstag", "mi", "mittwoch", "do", "donnerstag",
	"fr", "freitag", "sa", "samstag", "so", "sonntag",
	"lunedì", "martedì", "mercoledì", "gio", "giovedì", "venerdì",
	"sabato", "domenica",
	"ma", "maandag", "dinsdag", "wo", "woensdag", "donderdag", "vr",
	"vrijdag", "za", "zaterdag", "zo", "zondag",
};

static bool is_weekday(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < NELEM(weekdays); i++)
		if (date_word_is(w, n, weekdays[i]))
			return true;
	return false;
}

/* "mar" before a comma ("mar., 01 déc. 2020", "Mar, 24 Sep"): Tuesday in
 * Spanish, French and Italian; a month is not written so. */
static bool romance_tuesday(const char *s, size_t n)
{
	if (!date_word_is(s, n, "mar"))
		return false;
	s += n;
	if (*s == '.')
		s++;
	return *s == ',';
}

/* A word of another language where the weekday goes, first in the text
 * and followed by a comma ("Selasa, 22 Okt 2019", "Вт, 22 окт 2019"):
 * ignored, as the weekdays above are (the date still has to read whole,
 * and a month or zone name is never taken for it). */
static bool other_weekday(const char *s, size_t n)
{
	const char *t = s + n;

	if (*t == '.')
		t++;
	return n <= 24 && *t == ',';
}

/* What date_words() has read so far. */
struct seen {
	bool day, mon, year, time, ampm, zone, zone2;
	bool any;                       /* anything but a weekday */
	bool after_time;                /* last token was the time */
	bool numeric;                   /* the date was YYYY-MM-DD/YYYY/MM/DD */
	bool korean;                    /* Korean markers: zone +09:00 */
	int pre_ampm;                   /* 'a'/'p' read before the time */
};

/* One or two digits at *s into *v. */
static bool one_or_two(const char **s, int *v)
{
	size_t n = date_count_digits(*s);

	return n >= 1 && n <= 2 && date_digits(s, (int)n, v);
}

/* h:m[:s[.frac]] at *p, each of one or two digits ("4:05:06", and the
 * "4:5:6" some generators write); with sep '.', h.mm[.ss] (Finnish,
 * Danish: "klo 10.12"). */
static bool word_time(const char **p, struct fields *f, char sep)
{
	const char *s = *p;

	if (!one_or_two(&s, &f->hour) || *s++ != sep ||
	    !one_or_two(&s, &f->min))
		return false;
	if (*s == sep && is_digit((unsigned char)s[1])) {
		s++;
		if (!one_or_two(&s, &f->sec))
			return false;
		if (sep == ':')
			date_fraction(&s);
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

/* The same markers in Chinese and Japanese ("2019年10月22日"); two
 * countries' zones, so none is implied. */
static const struct name cjk_marks[] = {
	{ "年", 'y' }, { "月", 'm' }, { "日", 'd' },
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
	return (date_word_is(s, 2, "st") || date_word_is(s, 2, "nd") ||
		date_word_is(s, 2, "rd") || date_word_is(s, 2, "th")) &&
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

	if ((sep != '-' && sep != '/') || !date_digits(&s, 4, &v[0]))
		return false;
	for (i = 1; i < 3; i++) {
		if (*s++ != sep)
			return false;
		n = date_count_digits(s);
		if (n < 1 || n > 2 || (sep == '-' && n != 2))
			return false;
		(void)date_digits(&s, (int)n, &v[i]);
	}
	f->year = v[0];
	f->mon = v[1];
	f->day = v[2];
	*p = s;
	return true;
}

/* M/D/YYYY (the US order) or D/M/YYYY, one- or two-digit month and day,
 * only when one of the two cannot be a month: 09/15/2014 is September,
 * 15/09/2014 too; 09/10/2014 could be either and is refused.  The same
 * with '-' (22-10-2019).  With dots the order is always day, month
 * (22.10.2019, 05.06.2019: German, Russian, Polish, Nordic ...; no one
 * writes the US order so), and 10.22.2019 is refused. */
static bool slash_date(const char **p, struct fields *f)
{
	const char *s = *p;
	char sep = s[date_count_digits(s)];
	int v[2], year, i;
	size_t n;

	for (i = 0; i < 2; i++) {
		n = date_count_digits(s);
		if (n < 1 || n > 2 || !date_digits(&s, (int)n, &v[i]) ||
		    *s++ != sep)
			return false;
	}
	if (date_count_digits(s) != 4 || !date_digits(&s, 4, &year) ||
	    v[0] < 1 || v[1] < 1)
		return false;
	if (sep == '.' ? v[1] > 12 : (v[0] <= 12) == (v[1] <= 12))
		return false;
	f->year = year;
	f->mon = sep != '.' && v[0] <= 12 ? v[0] : v[1];
	f->day = sep != '.' && v[0] <= 12 ? v[1] : v[0];
	*p = s;
	return true;
}

/* A number followed by a Korean, Chinese or Japanese marker: the field
 * the marker names. */
static bool marked_number(int v, size_t n, int mark, struct fields *f,
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
	return true;
}

/* A two- or three-digit year (after day and month), RFC 2822 section 4.3:
 * two digits as date_century() says, three digits plus 1900. */
static bool short_year(int v, size_t n, struct fields *f, struct seen *z)
{
	if (z->year || !z->day || !z->mon || n < 2 || n > 3)
		return false;
	f->year = n == 2 ? date_century(v) : v + 1900;
	z->year = true;
	return true;
}

/* A number that is not a time: YYYY-MM-DD, M/D/YYYY when plain, a
 * four-digit year, the day,
 * a short year, or a Korean field.  A dot after it ends it (Hungarian
 * "2004. július 13."). */
static bool word_number(const char **p, struct fields *f, struct seen *z)
{
	const char *s = *p;
	size_t n = date_count_digits(s), k;
	int v, mark;

	if (n == 4 && !z->year && !z->mon && !z->day && numeric_date(&s, f)) {
		z->year = z->mon = z->day = z->numeric = z->any = true;
	} else if (n <= 2 && (s[n] == '/' || s[n] == '-' || s[n] == '.') &&
		   !z->year && !z->mon && !z->day && slash_date(&s, f)) {
		z->year = z->mon = z->day = z->numeric = z->any = true;
	} else if (n > 4 || !date_digits(&s, (int)n, &v)) {
		return false;
	} else if ((k = prefix(korean_marks, NELEM(korean_marks), s,
			       &mark)) != 0) {
		if (!marked_number(v, n, mark, f, z))
			return false;
		z->korean = true;
		s += k;
	} else if ((k = prefix(cjk_marks, NELEM(cjk_marks), s, &mark)) != 0) {
		if (!marked_number(v, n, mark, f, z))
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
	const char *at = *p;
	size_t tz;
	int off;
	bool us;

	if (!(z->time || (z->year && !z->numeric)) || z->zone2 ||
	    !date_zone(p, &off, &us))
		return false;
	tz = date_tz_name(at) == (size_t)(*p - at) ? (size_t)(*p - at) : 0;
	if (z->zone) {
		if (off != f->offset || us != f->us_clock || tz > 0 ||
		    f->tz != NULL)
			return false;
		z->zone2 = true;
	}
	f->offset = off;
	f->us_clock = us;
	f->tz = tz > 0 ? at : NULL;
	f->tz_len = tz;
	z->zone = z->any = true;
	return true;
}

/* At the '.' after a number: a time written h.mm once the whole date is
 * read ("22.10.2019 klo 10.12", "22 Oct 2019 10.12.00 +0200"). */
static bool dotted_time(const char *t, const struct seen *z)
{
	return z->day && z->mon && z->year && !z->time &&
	       is_digit((unsigned char)t[1]) && is_digit((unsigned char)t[2]) &&
	       !is_digit((unsigned char)t[3]);
}

/* Whether a time (after white space) is what comes at t. */
static bool time_next(const char *t, const struct seen *z)
{
	while (is_space((unsigned char)*t))
		t++;
	if (!is_digit((unsigned char)*t))
		return false;
	t += date_count_digits(t);
	return *t == ':' || (*t == '.' && dotted_time(t, z));
}

/* The word that joins a date to its time: "October 22, 2019 at 10:12 am",
 * "22. Oktober 2019 um 10:12", "22 octobre 2019 à 10:12", "om", "às",
 * "alle"; only right before the time. */
static bool time_joiner(const char *s, size_t n, const struct seen *z)
{
	static const char *const words[] = {
		"at", "um", "à", "às", "alle", "om", "kl", "klo",
	};
	const char *t = s + n;
	size_t i;

	if (!z->day || !z->mon || z->time || z->zone)
		return false;
	if (*t == '.')
		t++;
	if (!time_next(t, z))
		return false;
	for (i = 0; i < NELEM(words); i++)
		if (date_word_is(s, n, words[i]))
			return true;
	return false;
}

/* A word: weekday (first only, value ignored), month, AM/PM (after the
 * time, or in Korean before it), zone; the "de" between the parts of a
 * Portuguese or Spanish date. */
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
	if (!z->any && (is_weekday(s, n) || romance_tuesday(s, n))) {
		s += n;
	} else if (z->any && !z->time && (date_word_is(s, n, "de") ||
					  date_word_is(s, n, "del"))) {
		s += n;         /* "24 de setembro de 2018" */
	} else if (time_joiner(s, n, z)) {
		s += n;
	} else if (!z->mon && date_lookup(months, NELEM(months), s, n, &v)) {
		f->mon = v;
		z->mon = z->any = true;
		s += n;
	} else if (!z->any && other_weekday(s, n)) {
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
static bool time_token(const char **p, struct fields *f, struct seen *z,
		       char sep)
{
	/* a zone comes after the time it is the zone of: "2019 CT 10:12"
	 * names no instant */
	if (z->time || z->zone || !z->day || !z->mon ||
	    !word_time(p, f, sep))
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

/* '@' or a '-' standing alone between a whole date and its time
 * ("Oct 22, 2019 @ 10:12", Drupal's "Tue, 10/22/2019 - 10:12"): not a
 * zone's sign. */
static bool before_time(const char *s, const struct seen *z)
{
	return z->day && z->mon && z->year && !z->time && !z->zone &&
	       (*s == '@' || *s == '-') && is_space((unsigned char)s[1]) &&
	       time_next(s + 1, z);
}

/* Whether the token from start to end was a number with a Chinese or
 * Japanese marker, after which the next number follows at once
 * ("2019年10月22日"). */
static bool after_cjk_mark(const char *start, const char *end)
{
	int v;

	return end - start > 3 && is_digit((unsigned char)*end) &&
	       prefix(cjk_marks, NELEM(cjk_marks), end - 3, &v) == 3;
}

/* One token at *p. */
static bool token(const char **p, struct fields *f, struct seen *z)
{
	const char *s = *p, *start = *p;
	bool was_time = false;

	if (*s == '+' || *s == '-') {
		if (!zone_token(&s, f, z))
			return false;
	} else if (is_digit((unsigned char)*s)) {
		const char *t = s + date_count_digits(s);

		if (*t == ':' || (*t == '.' && dotted_time(t, z))) {
			if (!time_token(&s, f, z, *t))
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
	       after_cjk_mark(start, s) ||
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
 *   2019年10月22日 10:12                         Chinese, Japanese
 *   October 22, 2019 at 10:12 am, 22.10.2019 um 10:12, 10/22/2019 - 10:12,
 *   22.10.2019 klo 10.12 (a time with dots once the date is whole)
 * Spaces and commas between tokens are free; '-' and '/' separate the
 * date's parts; a sign after the time or year starts a numeric zone; a
 * zone is never before the time.
 * Korean dates with no zone are in Korea's only zone, +09:00. */
bool date_words(const char *s, struct fields *f)
{
	struct seen z;

	memset(&z, 0, sizeof(z));
	for (;;) {
		while (is_space((unsigned char)*s) || *s == ',')
			s++;
		if (*s == '\0' || *s == '(')
			break;
		if (date_sep(s, &z) || t_before_time(s, &z) ||
		    before_time(s, &z)) {
			s++;
			continue;
		}
		if (!token(&s, f, &z))
			return false;
	}
	if (z.korean && !z.zone)
		f->offset = 540;
	return z.day && z.mon && z.year && (!z.pre_ampm || z.time) &&
	       *date_trailer(s) == '\0';
}

