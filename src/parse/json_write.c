/* json_write.c: struct rounds_feed -> the JSON of INTERFACE.md ("rounds parse
 * output"), written straight into a buffer.  Unknown values are left out.
 *
 * `rounds parse` spends most of its time here on the bodies of articles,
 * so the text is written as it is checked: runs of bytes that need no
 * escaping are copied eight at a time.  The layout is jansson's (compact,
 * or JSON_INDENT(2)), and the tests read every document back with it. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "rounds/buf.h"
#include "rounds/parse.h"

struct jw {
	struct rounds_buf *b;
	bool pretty;
	bool first;             /* nothing yet in the innermost container */
	int depth;
	bool failed;            /* the buffer went over its cap */
};

#define ONES  0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Non-zero when a byte of v needs a look: below 0x20, '"', '\\' or not
 * ASCII. */
static inline uint64_t special8(uint64_t v)
{
	uint64_t q = v ^ (ONES * '"'), s = v ^ (ONES * '\\');

	return (((v - ONES * 0x20) & ~v) | ((q - ONES) & ~q) |
		((s - ONES) & ~s) | v) & HIGHS;
}

static void raw(struct jw *w, const char *p, size_t n)
{
	if (!w->failed && rounds_buf_append(w->b, p, n) < 0)
		w->failed = true;
}

/* Length of the strict UTF-8 sequence at s, 0 when invalid (the NUL at
 * the end of the string stops every continuation check). */
static size_t utf8_seq(const unsigned char *p)
{
	if (p[0] >= 0xC2 && p[0] <= 0xDF && (p[1] & 0xC0) == 0x80)
		return 2;
	if (p[0] >= 0xE0 && p[0] <= 0xEF && (p[1] & 0xC0) == 0x80 &&
	    (p[2] & 0xC0) == 0x80 && !(p[0] == 0xE0 && p[1] < 0xA0) &&
	    !(p[0] == 0xED && p[1] > 0x9F))
		return 3;
	if (p[0] >= 0xF0 && p[0] <= 0xF4 && (p[1] & 0xC0) == 0x80 &&
	    (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80 &&
	    !(p[0] == 0xF0 && p[1] < 0x90) && !(p[0] == 0xF4 && p[1] > 0x8F))
		return 4;
	return 0;
}

/* The end of the run of bytes at p (before last) that need no look:
 * none below 0x20, '"', '\\' or non-ASCII; sixteen at a time with SSE2,
 * else eight. */
static const unsigned char *plain_end(const unsigned char *p,
				      const unsigned char *last)
{
#ifdef __SSE2__
	const __m128i sp = _mm_set1_epi8(0x20), q = _mm_set1_epi8('"');
	const __m128i bs = _mm_set1_epi8('\\');

	while (last - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)p);
		/* signed: below 0x20 or from 0x80 up */
		__m128i look = _mm_or_si128(_mm_cmplt_epi8(v, sp), _mm_or_si128(
			_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, bs)));
		unsigned m = (unsigned)_mm_movemask_epi8(look);

		if (m)
			return p + __builtin_ctz(m);
		p += 16;
	}
#endif
	while (last - p >= 8) {
		uint64_t v;

		memcpy(&v, p, 8);
		if (special8(v) != 0)
			break;
		p += 8;
	}
	while (p < last && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
		p++;
	return p;
}

/* s as a JSON string.  False when s is not valid UTF-8 (what was written
 * is then the caller's to take back).  UTF-8 is written as it is (checked,
 * within the run); only '"', '\\' and controls are escaped. */
static bool string(struct jw *w, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p, *last;
	char esc[8];
	size_t k;

	last = p + strlen(s);
	raw(w, "\"", 1);
	for (;;) {
		p = plain_end(p, last);
		if (p < last && *p >= 0x80) {
			if ((k = utf8_seq(p)) == 0)
				return false;
			p += k;
			continue;
		}
		raw(w, (const char *)run, (size_t)(p - run));
		if (p == last)
			break;
		switch (*p) {
		case '"': memcpy(esc, "\\\"", 3); break;
		case '\\': memcpy(esc, "\\\\", 3); break;
		case '\b': memcpy(esc, "\\b", 3); break;
		case '\f': memcpy(esc, "\\f", 3); break;
		case '\n': memcpy(esc, "\\n", 3); break;
		case '\r': memcpy(esc, "\\r", 3); break;
		case '\t': memcpy(esc, "\\t", 3); break;
		default: snprintf(esc, sizeof(esc), "\\u%04X", *p);
		}
		raw(w, esc, strlen(esc));
		run = ++p;
	}
	raw(w, "\"", 1);
	return true;
}

/* What comes before a member or element: a comma after the first, and in
 * pretty output a new line indented to the depth. */
static void sep(struct jw *w)
{
	static const char spaces[] = "                                ";
	size_t n;

	if (!w->first)
		raw(w, ",", 1);
	w->first = false;
	if (!w->pretty)
		return;
	raw(w, "\n", 1);
	for (n = 2 * (size_t)w->depth; n > 0; n -= n < 32 ? n : 32)
		raw(w, spaces, n < 32 ? n : 32);
}

static void key(struct jw *w, const char *k)
{
	sep(w);
	(void)string(w, k);             /* our own ASCII keys */
	raw(w, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
}

static void begin(struct jw *w, const char *k, char c)
{
	if (k)
		key(w, k);
	raw(w, &c, 1);
	w->first = true;
	w->depth++;
}

static void end(struct jw *w, char c)
{
	w->depth--;
	if (!w->first && w->pretty) {
		w->first = true;        /* no comma before the end */
		sep(w);
	}
	raw(w, &c, 1);
	w->first = false;
}

/* A string member (an array element when k is NULL), left out when s is
 * NULL, or "" unless keep_empty, or not valid UTF-8. */
static void str_kept(struct jw *w, const char *k, const char *s,
		     bool keep_empty)
{
	size_t mark = w->b->len;
	bool first = w->first;

	if (s == NULL || (*s == '\0' && !keep_empty))
		return;
	if (k)
		key(w, k);
	else
		sep(w);
	if (!string(w, s) && !w->failed) {
		w->b->len = mark;       /* take the member back */
		w->b->data[mark] = '\0';
		w->first = first;
	}
}

static void str(struct jw *w, const char *k, const char *s)
{
	str_kept(w, k, s, false);
}

static void integer(struct jw *w, const char *k, int64_t v)
{
	char n[24];

	key(w, k);
	snprintf(n, sizeof(n), "%" PRId64, v);
	raw(w, n, strlen(n));
}

/* v (0 <= v < 10^n) as n decimal digits at p. */
static void digits(char *p, int v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

static void date(struct jw *w, const char *k, int64_t t, bool has)
{
	struct tm tm;
	time_t tt = (time_t)t;
	char buf[32];

	if (!has || gmtime_r(&tt, &tm) == NULL || tm.tm_year + 1900 < 0 ||
	    tm.tm_year + 1900 > 9999)
		return;
	/* YYYY-MM-DDTHH:MM:SSZ, digit by digit (snprintf took 1.5% of a
	 * parse's instructions) */
	digits(buf, tm.tm_year + 1900, 4);
	buf[4] = '-';
	digits(buf + 5, tm.tm_mon + 1, 2);
	buf[7] = '-';
	digits(buf + 8, tm.tm_mday, 2);
	buf[10] = 'T';
	digits(buf + 11, tm.tm_hour, 2);
	buf[13] = ':';
	digits(buf + 14, tm.tm_min, 2);
	buf[16] = ':';
	digits(buf + 17, tm.tm_sec, 2);
	memcpy(buf + 19, "Z", 2);
	str(w, k, buf);
}

static bool has_text(const char *s)
{
	return s != NULL && *s != '\0';
}

/* A person, left out when it has nothing to say (an array element when
 * k is NULL). */
static void person(struct jw *w, const char *k, const struct rounds_person *p)
{
	size_t mark = w->b->len;
	bool first = w->first;

	if (!has_text(p->name) && !has_text(p->email) && !has_text(p->uri))
		return;
	if (k)
		begin(w, k, '{');
	else {
		sep(w);
		begin(w, NULL, '{');
	}
	str(w, "name", p->name);
	str(w, "email", p->email);
	str(w, "uri", p->uri);
	if (w->first && !w->failed) {  /* only invalid UTF-8 in it */
		w->b->len = mark;
		w->b->data[mark] = '\0';
		w->first = first;
		w->depth--;
		return;
	}
	end(w, '}');
}

static void links(struct jw *w, const struct rounds_entry *e)
{
	size_t i;

	if (e->n_in_reply_to) {
		begin(w, "in_reply_to", '[');
		for (i = 0; i < e->n_in_reply_to; i++) {
			sep(w);
			begin(w, NULL, '{');
			str(w, "ref", e->in_reply_to[i].ref);
			str(w, "href", e->in_reply_to[i].href);
			end(w, '}');
		}
		end(w, ']');
	}
	if (e->n_enclosures) {
		begin(w, "enclosures", '[');
		for (i = 0; i < e->n_enclosures; i++) {
			const struct rounds_enclosure *en = &e->enclosures[i];

			sep(w);
			begin(w, NULL, '{');
			str(w, "url", en->url);
			str(w, "type", en->type);
			if (en->has_length)
				integer(w, "length", en->length);
			end(w, '}');
		}
		end(w, ']');
	}
}

static void entry(struct jw *w, const struct rounds_entry *e)
{
	size_t i;

	sep(w);
	begin(w, NULL, '{');
	str(w, "id", e->id);
	str(w, "title", e->title);
	str(w, "link", e->link);
	date(w, "published", e->published, e->has_published);
	date(w, "updated", e->updated, e->has_updated);
	if (e->n_authors) {
		begin(w, "authors", '[');
		for (i = 0; i < e->n_authors; i++)
			person(w, NULL, &e->authors[i]);
		end(w, ']');
	}
	if (e->n_categories) {
		begin(w, "categories", '[');
		for (i = 0; i < e->n_categories; i++)
			str_kept(w, NULL, e->categories[i], true);
		end(w, ']');
	}
	str(w, "summary", e->summary);
	str(w, "content", e->content);
	str(w, "comments", e->comments);
	str(w, "comments_feed", e->comments_feed);
	if (e->has_comment_count)
		integer(w, "comment_count", e->comment_count);
	links(w, e);
	str(w, "image", e->image);
	end(w, '}');
}

int rounds_feed_write_json(const struct rounds_feed *feed, const char *source,
			   bool pretty, struct rounds_buf *out)
{
	struct jw w = { out, pretty, true, 0, false };
	size_t i;

	begin(&w, NULL, '{');
	str(&w, "source", source);
	str(&w, "format", rounds_format_name(feed->format));
	key(&w, "bozo");
	raw(&w, feed->bozo ? "true" : "false", feed->bozo ? 4 : 5);
	if (feed->bozo)
		str(&w, "bozo_message", feed->bozo_message);
	begin(&w, "feed", '{');
	str(&w, "title", feed->title);
	str(&w, "subtitle", feed->subtitle);
	str(&w, "link", feed->link);
	str(&w, "self", feed->self);
	str(&w, "id", feed->id);
	str(&w, "language", feed->language);
	date(&w, "updated", feed->updated, feed->has_updated);
	person(&w, "author", &feed->author);
	str(&w, "generator", feed->generator);
	str(&w, "icon", feed->icon);
	str(&w, "image", feed->image);
	str(&w, "rights", feed->rights);
	end(&w, '}');
	begin(&w, "entries", '[');
	for (i = 0; i < feed->n_entries; i++)
		entry(&w, &feed->entries[i]);
	end(&w, ']');
	end(&w, '}');
	return w.failed ? -1 : 0;
}
