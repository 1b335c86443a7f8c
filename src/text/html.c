/* html.c: the allow-list sanitiser.
 *
 * libxml2's HTML parser reads the fragment (it knows HTML's implied end
 * tags, raw-text elements, entities and tag soup); its SAX events drive a
 * writer that emits only what html_policy.c allows.  No tree is built.
 * XHTML-style fragments, most of what blogs publish, are read by libxml2's
 * XML parser instead, several times faster, with the same events
 * (html_xml.c).
 * The writer keeps its own stack of open elements and closes what it
 * opened, so the output is well-formed whatever events arrive. */
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/parserInternals.h>
#include "rounds/buf.h"
#include "rounds/caps.h"
#include "rounds/html.h"
#include "rounds/xmlsetup.h"
#include "rounds/url.h"
#include "html_int.h"

/* Most bytes of sanitised output; more gives "". */
#define OUT_CAP (8u * ROUNDS_MAX_FIELD)

enum mode { M_PASS, M_EMIT, M_DROP };

struct frame {
	const xmlChar *name;            /* interned by libxml2, or a literal */
	const struct html_elem *el;     /* NULL for unknown elements */
	enum mode mode;
};

struct san {
	struct html_sink sink;          /* first: the SAX user pointer */
	const char *base_url;
	const struct rounds_url_base *base;     /* at the first link */
	struct frame *stack;
	size_t depth, alloc;
	size_t tables;                  /* emitted table elements open */
	bool apart;     /* a block not written ended or began: the next text
			 * is a word of its own (a space, unless one is) */
};

/* ---- the base URL ---- */

/* Each thread keeps the base it parsed last, for the next fragment: the
 * items of a feed share one, and parsing it (libcurl's URL API) cost as
 * much as sanitising a short fragment. */
struct base_cache {
	char *url;
	struct rounds_url_base *b;
};

static pthread_key_t base_key;
static pthread_once_t base_once = PTHREAD_ONCE_INIT;

static void base_cache_free(void *p)
{
	struct base_cache *c = p;

	rounds_url_base_free(c->b);
	free(c->url);
	free(c);
}

static void base_init(void)
{
	(void)pthread_key_create(&base_key, base_cache_free);
}

/* The parsed base (NULL: none), valid until the thread's next call. */
static const struct rounds_url_base *thread_base(const char *url)
{
	struct base_cache *c;

	(void)pthread_once(&base_once, base_init);
	c = pthread_getspecific(base_key);
	if (c == NULL) {
		c = xcalloc(1, sizeof(*c));
		if (pthread_setspecific(base_key, c) != 0)
			abort();        /* out of memory, as in xmalloc() */
	}
	if (c->b != NULL && ((c->url == NULL && url == NULL) ||
			     (c->url && url && strcmp(c->url, url) == 0)))
		return c->b;
	rounds_url_base_free(c->b);
	free(c->url);
	c->url = url ? xstrdup(url) : NULL;
	c->b = rounds_url_base_new(url);
	return c->b;
}

/* ---- word-at-a-time byte tests ---- */

#define ONES  0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Non-zero when some byte of v is zero. */
static inline uint64_t has_zero(uint64_t v)
{
	return (v - ONES) & ~v & HIGHS;
}

/* Non-zero when some byte of v equals c. */
static inline uint64_t has_byte(uint64_t v, unsigned char c)
{
	return has_zero(v ^ (ONES * c));
}

/* Non-zero when some byte of v is below c (c <= 128; v has no byte
 * with its high bit set). */
static inline uint64_t has_less(uint64_t v, unsigned char c)
{
	return (v - ONES * c) & ~v & HIGHS;
}

/* ---- input preparation, shared with html_text.c ---- */

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xBF;
	size_t len, i;

	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	if (len == 3 && c == 0xEF && s[1] == 0xBF && s[2] >= 0xBE)
		return 0;               /* U+FFFE, U+FFFF */
	return len;
}

/* The character a reference names that HTML reads without its ';' (the
 * Latin-1 names and amp, lt, gt, quot: "&nbsp", "&copy 2024"), or that
 * HTML5 also reads in capitals ("&AMP;"), at name (k letters); 0: none. */
static unsigned legacy_value(const char *name, size_t k)
{
	static const char *const caps[] = {
		"AMP", "LT", "GT", "QUOT", "COPY", "REG",
	};
	const htmlEntityDesc *ent;
	char low[12];
	size_t i, j;

	if (k < 2 || k >= sizeof(low))
		return 0;
	memcpy(low, name, k);
	low[k] = '\0';
	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++)
		if (strcmp(low, caps[i]) == 0) {
			for (j = 0; j < k; j++)
				low[j] = (char)(low[j] | 0x20);
			break;
		}
	ent = rounds_html_entity((const xmlChar *)low);
	if (ent == NULL || ent->value > 255 || (ent->value < 160 &&
	    ent->value != 34 && ent->value != 38 && ent->value != 60 &&
	    ent->value != 62))
		return 0;
	return ent->value;
}

static int ref_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct html5_ref *)elem)->name);
}

/* The HTML5 reference named q[0, k) (followed by its ';') that libxml2
 * does not know ("&check;", "&colon;", "&NotEqualTilde;"); NULL if none. */
static const struct html5_ref *html5_ref(const char *q, size_t k)
{
	char name[40];

	if (k >= sizeof(name))
		return NULL;
	memcpy(name, q, k);
	name[k] = '\0';
	/* the common names (amp, lt, quot ...) are libxml2's: one look in
	 * its cache instead of a search of the table */
	if (rounds_html_entity((const xmlChar *)name) != NULL)
		return NULL;
	return bsearch(name, html5_refs, html5_refs_n, sizeof(html5_refs[0]),
		       ref_cmp);
}

/* References HTML reads that libxml2 does not, written out as numbers:
 * one without its ';' (the longest legacy name that fits: "&nbspfor" is
 * a space and "for"; not in a name with a ';' of its own, which libxml2
 * reads or leaves; in an attribute value not when a letter, digit or
 * '=' follows, as HTML reads it there: "?a=1&copy=3" is a query), the
 * capital AMP, LT, GT, QUOT, COPY, REG, and the names HTML5 added
 * ("&check;").  s (n bytes, NUL after) is freed when a new string is
 * made. */
/* The numeric reference after "&#" at s[0, n), read as HTML reads it:
 * no digits, and "&#" is text; zero, a surrogate or past U+10FFFF is
 * U+FFFD; 128-159 are windows-1252's characters; the ';' may be left
 * out.  Writes in rep what stands for the '&' and the bytes after it that
 * it replaces, and returns how many those are (the '#' at least), or 0
 * when libxml2 reads the reference right as it is. */
static size_t numeric_ref(const char *s, size_t n, char rep[32])
{
	size_t i = 0, digits;
	unsigned long v = 0;
	bool hex = false, big = false;
	unsigned cp;

	if (i < n && (s[i] == 'x' || s[i] == 'X')) {
		hex = true;
		i++;
	}
	for (digits = i; i < n; i++) {
		unsigned d;

		if (s[i] >= '0' && s[i] <= '9')
			d = (unsigned)(s[i] - '0');
		else if (hex && (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f')
			d = (unsigned)((s[i] | 0x20) - 'a' + 10);
		else
			break;
		if (v > 0x10FFFF)
			big = true;
		else
			v = v * (hex ? 16 : 10) + d;
	}
	if (i == digits) {
		memcpy(rep, "&amp;#", 7);       /* "&#" and what follows: text */
		return 1;
	}
	cp = (unsigned)v;
	if (big || v > 0x10FFFF || v == 0 || (v >= 0xD800 && v <= 0xDFFF))
		cp = 0xFFFD;
	else if (v >= 0x80 && v <= 0x9F && rounds_cp1252_c1((unsigned)v))
		cp = rounds_cp1252_c1((unsigned)v);
	if (cp == v && i < n && s[i] == ';')
		return 0;
	snprintf(rep, 32, "&#%u;", cp);
	return 1 + i + (i < n && s[i] == ';');
}

static char *legacy_refs(char *s, size_t *n)
{
	struct rounds_buf b;
	const char *p, *q, *from = s, *seen = s;
	const struct html5_ref *ref;
	size_t k, name;
	unsigned v = 0, v2 = 0;
	bool any = false, in_tag = false;
	char rep[32];

	for (p = memchr(s, '&', *n); p; p = q < s + *n ?
	     memchr(q, '&', (size_t)(s + *n - q)) : NULL) {
		q = p + 1;
		if (q < s + *n && *q == '#') {
			/* a number: written again when libxml2 would not
			 * read it as HTML does */
			k = numeric_ref(q + 1, (size_t)(s + *n - q - 1), rep);
			if (k == 0)
				continue;       /* as it is */
			goto out;
		}
		for (name = 0; q + name < s + *n && name < 33 &&
		     (((q[name] | 0x20) >= 'a' && (q[name] | 0x20) <= 'z') ||
		      (name > 0 && q[name] >= '0' && q[name] <= '9')); name++)
			;
		if (name == 0)
			continue;
		k = name;
		v2 = 0;
		v = q[name] == ';' && q[0] >= 'A' && q[0] <= 'Z' &&
			q[1] >= 'A' && q[1] <= 'Z' ? legacy_value(q, k) : 0;
		if (v == 0 && q[name] == ';' &&
		    (ref = html5_ref(q, name)) != NULL) {
			v = ref->cp;
			v2 = ref->cp2;
		}
		if (v == 0 && q[name] == ';')
			continue;       /* libxml2 reads it, if any reads it */
		if (v == 0) {
			for (k = name; k >= 2; k--)
				if ((v = legacy_value(q, k)) != 0)
					break;
			if (k < 2 || v == 0)
				continue;
			if ((q[k] >= '0' && q[k] <= '9') || q[k] == '=' ||
			    ((q[k] | 0x20) >= 'a' && (q[k] | 0x20) <= 'z')) {
				/* before a letter, digit or '=': not in an
				 * attribute value (inside a tag) */
				for (; seen < p; seen++)
					if (*seen == '<' &&
					    ((seen[1] | 0x20) >= 'a' &&
					     (seen[1] | 0x20) <= 'z'))
						in_tag = true;
					else if (*seen == '>')
						in_tag = false;
				if (in_tag)
					continue;
			}
		}
		if (v2 != 0)
			snprintf(rep, sizeof(rep), "&#%u;&#%u;", v, v2);
		else
			snprintf(rep, sizeof(rep), "&#%u;", v);
		k += q[k] == ';';
out:
		if (!any) {
			/* no cap: a reference written as a number is longer
			 * than its name ("&nbsp" is "&#160;", "&mid;" two
			 * bytes more); the text in is bounded */
			rounds_buf_init(&b, 0);
			if (rounds_buf_reserve(&b, *n + *n / 4 + 64) < 0)
				abort();
			any = true;
		}
		if (rounds_buf_append(&b, from, (size_t)(p - from)) < 0 ||
		    rounds_buf_puts(&b, rep) < 0)
			abort();
		q += k;
		from = q;
	}
	if (!any)
		return s;
	/* html_prepare's promise: room for 8 more bytes after the end */
	if (rounds_buf_append(&b, from, (size_t)(s + *n - from)) < 0 ||
	    rounds_buf_reserve(&b, 9) < 0)
		abort();
	free(s);
	*n = b.len;
	return rounds_buf_detach(&b);
}

char *html_prepare(const char *html, size_t len, bool prefix, size_t *n)
{
	static const char body[] = "<body>";
	const unsigned char *s = (const unsigned char *)html;
	char *out = xmalloc(sizeof(body) + 8 + len * 3);
	size_t i = 0, o = 0;

	if (prefix) {
		memcpy(out, body, sizeof(body) - 1);
		o = sizeof(body) - 1;
	}
	while (i < len) {
		unsigned char c;
		size_t k;

		/* Printable ASCII sixteen (SSE2) or eight bytes at a time:
		 * the common case. */
#ifdef __SSE2__
		while (i + 16 <= len) {
			__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
			/* signed: below 0x20 or from 0x80 up */
			if (_mm_movemask_epi8(_mm_cmplt_epi8(
				    v, _mm_set1_epi8(0x20))) != 0)
				break;
			_mm_storeu_si128((__m128i *)(out + o), v);
			i += 16;
			o += 16;
		}
#endif
		while (i + 8 <= len) {
			uint64_t v;

			memcpy(&v, s + i, 8);
			if ((v & HIGHS) != 0 || has_less(v, 0x20))
				break;
			memcpy(out + o, &v, 8);
			i += 8;
			o += 8;
		}
		if (i == len)
			break;
		c = s[i];
		if (c >= 0x20 && c < 0x80) {
			out[o++] = (char)c;
			i++;
		} else if (c < 0x20) {
			if (c == '\t' || c == '\n')
				out[o++] = (char)c;
			else if (c == '\f' || c == '\v')
				out[o++] = ' ';
			else if (c == '\r') {  /* CR LF and CR are LF */
				out[o++] = '\n';
				if (i + 1 < len && s[i + 1] == '\n')
					i++;
			}
			i++;
		} else if ((k = utf8_len(s + i, len - i)) > 0) {
			memcpy(out + o, s + i, k);
			o += k;
			i += k;
		} else {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
			i++;
		}
	}
	out[o] = '\0';
	*n = o;
	if (memchr(out, '&', o) != NULL)
		out = legacy_refs(out, n);
	return prefix ? html_unbogus(out, n) : out;
}

bool html_xml_first = true;

static void sink_text(void *user, const xmlChar *text, int len)
{
	struct html_sink *sink = user;

	if (sink->dropping == 0 && len > 0)
		sink->put_text(sink, (const char *)text, (size_t)len);
}

/* Back to nothing read (the HTML parser reads the fragment again). */
static void sink_reset(struct html_sink *sink)
{
	rounds_buf_reset(&sink->out);
	sink->dropping = 0;
	sink->failed = false;
	if (sink->reset != NULL)
		sink->reset(sink);
}

void html_sink_parse(struct html_sink *sink, char *buf, size_t len,
		     startElementSAXFunc start, endElementSAXFunc end)
{
	htmlSAXHandler sax;

	if (len > (size_t)INT32_MAX - 8)
		return;
	memset(&sax, 0, sizeof(sax));
	sax.startElement = start;
	sax.endElement = end;
	sax.characters = sink_text;
	sax.ignorableWhitespace = sink_text;
	sax.cdataBlock = sink_text;
	if (html_xml_first) {
		memcpy(buf + len, "</body>", 8);
		if (html_xml_parse(buf, len + 7, &sax, sink))
			return;
		buf[len] = '\0';
		sink_reset(sink);
	}
	html_parse_html(buf, len, &sax, sink);
}

/* ---- output ---- */

static void put(struct san *s, const char *p, size_t n)
{
	if (!s->sink.failed && rounds_buf_append(&s->sink.out, p, n) < 0)
		s->sink.failed = true;
}

static void puts_(struct san *s, const char *p)
{
	put(s, p, strlen(p));
}

/* Length of the run at p (n bytes) that needs no escaping. */
static size_t plain_run(const char *p, size_t n, bool attr)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<');
	const __m128i gt = _mm_set1_epi8('>');
	const __m128i qt = _mm_set1_epi8(attr ? '"' : '&');
	const __m128i c2 = _mm_set1_epi8((char)0xC2);

	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(p + i));
		__m128i look = _mm_or_si128(_mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, amp),
				     _mm_cmpeq_epi8(v, lt)),
			_mm_or_si128(_mm_cmpeq_epi8(v, gt),
				     _mm_cmpeq_epi8(v, qt))),
			_mm_cmpeq_epi8(v, c2));
		unsigned m = (unsigned)_mm_movemask_epi8(look);

		if (m)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
#endif

	while (i + 8 <= n) {
		uint64_t v;

		memcpy(&v, p + i, 8);
		if (has_byte(v, '&') || has_byte(v, '<') || has_byte(v, '>') ||
		    has_byte(v, 0xC2) || (attr && has_byte(v, '"')))
			break;
		i += 8;
	}
	while (i < n && p[i] != '&' && p[i] != '<' && p[i] != '>' &&
	       p[i] != '\xC2' && !(attr && p[i] == '"'))
		i++;
	return i;
}

/* Text or an attribute value, escaped: & < > always, " in attributes;
 * U+0080-U+009F (a reference such as &#146;) read as windows-1252, as
 * HTML reads such references. */
static int escape(struct rounds_buf *b, const char *p, size_t n, bool attr)
{
	size_t i, run = 0, skip;
	char c1[4];

	for (i = 0; i < n; i++) {
		const char *rep;
		unsigned cp;

		i += plain_run(p + i, n - i, attr);
		if (i == n)
			break;
		skip = 1;
		switch (p[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		case '\xC2':
			cp = i + 1 < n ? rounds_cp1252_c1((unsigned char)p[i + 1]) :
				0;
			if (cp == 0) {
				rep = NULL;
				break;
			}
			/* all are U+0152 to U+2122: two or three bytes */
			if (cp < 0x800) {
				c1[0] = (char)(0xC0 | (cp >> 6));
				c1[1] = (char)(0x80 | (cp & 0x3F));
				c1[2] = '\0';
			} else {
				c1[0] = (char)(0xE0 | (cp >> 12));
				c1[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
				c1[2] = (char)(0x80 | (cp & 0x3F));
				c1[3] = '\0';
			}
			rep = c1;
			skip = 2;
			break;
		default: rep = NULL;
		}
		if (rep == NULL)
			continue;
		if (rounds_buf_append(b, p + run, i - run) < 0 ||
		    rounds_buf_puts(b, rep) < 0)
			return -1;
		run = i + skip;
		i += skip - 1;
	}
	return rounds_buf_append(b, p + run, n - run);
}

static void put_escaped(struct san *s, const char *p, size_t n)
{
	if (!s->sink.failed && escape(&s->sink.out, p, n, false) < 0)
		s->sink.failed = true;
}

/* ---- attribute checks ---- */

static bool ieq_prefix(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

bool html_data_image(const char *v)
{
	static const char *const types[] = { "png", "gif", "jpeg", "webp" };
	size_t i;

	while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
		v++;
	if (!ieq_prefix(v, "data:image/"))
		return false;
	v += 11;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		size_t n = strlen(types[i]);

		if (strncasecmp(v, types[i], n) == 0 &&
		    (v[n] == ';' || v[n] == ','))
			return true;
	}
	return false;
}

/* The value made absolute, if its scheme is one the kind allows; else
 * NULL.  Caller frees. */
static char *check_url(struct san *s, const char *v, enum attr_kind k)
{
	char *u;

	if (s->base == NULL)
		s->base = thread_base(s->base_url);
	u = rounds_url_base_resolve(s->base, v);

	if (u == NULL)
		return NULL;
	if (rounds_url_is_http(u) ||
	    (k == A_HREF && ieq_prefix(u, "mailto:")))
		return u;
	free(u);
	return NULL;
}

static bool all_of(const char *v, const char *set, size_t min, size_t max)
{
	size_t n = strlen(v);

	return n >= min && n <= max && strspn(v, set) == n;
}

/* A srcset: candidates "URL [descriptor]" separated by commas; each URL
 * is made absolute, a candidate that cannot be is left out.  Returns the
 * rewritten list (caller frees) or NULL when nothing is left. */
static char *check_srcset(struct san *s, const char *v)
{
	struct rounds_buf b;
	const char *p = v;

	rounds_buf_init(&b, ROUNDS_MAX_FIELD);
	while (*p != '\0') {
		const char *u, *d;
		size_t ulen, dlen = 0;
		char *url, *abs;

		while (*p == ',' || *p == ' ' || *p == '\t' || *p == '\n' ||
		       *p == '\r' || *p == '\f')
			p++;
		if (*p == '\0')
			break;
		u = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' &&
		       *p != '\r' && *p != '\f')
			p++;
		ulen = (size_t)(p - u);
		while (ulen > 0 && u[ulen - 1] == ',')
			ulen--;
		d = p;
		if (ulen == (size_t)(p - u)) {
			while (*d == ' ' || *d == '\t' || *d == '\n' ||
			       *d == '\r' || *d == '\f')
				d++;
			p = d;
			while (*p != '\0' && *p != ',')
				p++;
			dlen = (size_t)(p - d);
			while (dlen > 0 && (d[dlen - 1] == ' ' ||
					    d[dlen - 1] == '\t'))
				dlen--;
		}
		url = xstrndup(u, ulen);
		abs = check_url(s, url, A_SRC);
		free(url);
		if (abs == NULL)
			continue;
		if ((b.len > 0 && rounds_buf_puts(&b, ", ") < 0) ||
		    rounds_buf_puts(&b, abs) < 0 ||
		    (dlen > 0 && (rounds_buf_putc(&b, ' ') < 0 ||
				  rounds_buf_append(&b, d, dlen) < 0))) {
			free(abs);
			return NULL;
		}
		free(abs);
	}
	if (b.len == 0) {
		rounds_buf_release(&b);
		return NULL;
	}
	return rounds_buf_detach(&b);
}

/* The value to write for attribute a, or NULL to leave it out.  When the
 * value had to be rewritten, *owned holds it for the caller to free. */
static const char *check_attr(struct san *s, const struct html_attr *a,
			      const char *v, char **owned)
{
	*owned = NULL;
	switch (a->kind) {
	case A_TEXT:
		return v;
	case A_IMGSRC:
		if (v[strspn(v, " \t\n\r\f")] == '\0')
			return NULL;    /* no picture (not the page itself) */
		if (html_data_image(v)) {
			size_t n;

			v += strspn(v, " \t\n\r");
			n = strlen(v);
			while (n > 0 && strchr(" \t\n\r", v[n - 1]) != NULL)
				n--;
			return *owned = xstrndup(v, n);
		}
		/* fall through */
	case A_HREF:
	case A_SRC:
		return *owned = check_url(s, v, a->kind);
	case A_SRCSET:
		return *owned = check_srcset(s, v);
	case A_INT:
		return all_of(v, "0123456789", 1, 9) ? v : NULL;
	case A_LEN:
		return all_of(v, "0123456789", 1, 9) ||
		       (all_of(v, "0123456789%", 2, 9) &&
			strchr(v, '%') == v + strlen(v) - 1) ? v : NULL;
	case A_DIR:
		return strcasecmp(v, "ltr") == 0 || strcasecmp(v, "rtl") == 0 ||
		       strcasecmp(v, "auto") == 0 ? v : NULL;
	case A_LANG:
		return all_of(v, "abcdefghijklmnopqrstuvwxyz"
			      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", 1, 35) ?
			v : NULL;
	case A_BOOL:
		return "";
	}
	return NULL;
}

/* Writes the start tag of el with its allowed attributes.  Returns false,
 * taking back what it wrote, when the element is pointless without the
 * URL it lost (EL_URL: a without href, img without src ...). */
static bool start_tag(struct san *s, const struct html_elem *el,
		      const xmlChar **atts)
{
	struct rounds_buf *b = &s->sink.out;
	size_t mark = b->len;
	bool has_url = false, ok;

	ok = rounds_buf_putc(b, '<') == 0 && rounds_buf_puts(b, el->name) == 0;
	for (; ok && atts != NULL && atts[0] != NULL; atts += 2) {
		const char *an = (const char *)atts[0];
		const struct html_attr *a = html_attr_find(el, an);
		const char *v;
		char *owned;

		if (a == NULL || (atts[1] == NULL && a->kind != A_BOOL))
			continue;
		v = check_attr(s, a, (const char *)atts[1], &owned);
		if (v == NULL)
			continue;
		if (a->kind == A_HREF || a->kind == A_SRC ||
		    a->kind == A_IMGSRC || a->kind == A_SRCSET)
			has_url = true;
		ok = rounds_buf_putc(b, ' ') == 0 &&
		     rounds_buf_puts(b, a->name) == 0 &&
		     rounds_buf_append(b, "=\"", 2) == 0 &&
		     escape(b, v, strlen(v), true) == 0 &&
		     rounds_buf_putc(b, '"') == 0;
		free(owned);
	}
	if (ok && (el->flags & EL_URL) && !has_url) {
		b->len = mark;          /* take the tag back */
		if (b->data != NULL)
			b->data[mark] = '\0';
		return false;
	}
	if (!ok || rounds_buf_putc(b, '>') < 0)
		s->sink.failed = true;       /* over the cap: b is freed */
	return true;
}

/* ---- SAX handlers ---- */

/* Whether el, when not written, still kept its text apart from the text
 * around it (a cell, an item, a heading): not inline. */
static bool apart(const struct html_elem *el)
{
	return el != NULL && !(el->flags & (EL_INLINE | EL_VOID));
}

static bool white(char ch)
{
	return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
}

/* The space a block left out stands for, before what is written next
 * (next: its first byte, or 0 for a tag). */
static void keep_apart(struct san *s, char next)
{
	const struct rounds_buf *b = &s->sink.out;

	if (!s->apart)
		return;
	s->apart = false;
	if (b->len > 0 && !white(b->data[b->len - 1]) && !white(next))
		put(s, " ", 1);
}

static void push(struct san *s, const xmlChar *name,
		 const struct html_elem *el, enum mode m)
{
	if (s->depth == s->alloc) {
		s->alloc = s->alloc ? s->alloc * 2 : 32;
		s->stack = xrealloc(s->stack, s->alloc * sizeof(*s->stack));
	}
	s->stack[s->depth].name = name;
	s->stack[s->depth].el = el;
	s->stack[s->depth].mode = m;
	s->depth++;
	if (m == M_EMIT && strcmp(el->name, "table") == 0)
		s->tables++;
	if (m == M_DROP)
		s->sink.dropping++;
}

/* Writes the end tag of an emitted element; its frame writes no more. */
static void end_tag(struct san *s, struct frame *f)
{
	if (f->mode != M_EMIT)
		return;
	if (strcmp(f->el->name, "table") == 0)
		s->tables--;
	if (!(f->el->flags & EL_VOID)) {
		put(s, "</", 2);
		puts_(s, f->el->name);
		put(s, ">", 1);
	}
	f->mode = M_PASS;
}

static void pop(struct san *s)
{
	struct frame *f = &s->stack[--s->depth];

	if (f->mode == M_DROP)
		s->sink.dropping--;
	else if (f->mode == M_PASS && apart(f->el))
		s->apart = true;
	else
		end_tag(s, f);
}

static bool is(const struct frame *f, const char *name)
{
	return f->mode == M_EMIT && strcmp(f->el->name, name) == 0;
}

/* Ends the emitted elements from the top of the stack down to the nearest
 * emitted one named target, unless an emitted element named in stop comes
 * first.  Their frames stay (libxml2 will end them) but write nothing. */
static void close_down_to(struct san *s, const char *target,
			  const char *const *stop)
{
	const char *const *p;
	size_t i, k;

	/* Frames past the depth cap never write, so the walk starts there. */
	for (i = s->depth < ROUNDS_MAX_DEPTH ? s->depth : ROUNDS_MAX_DEPTH;
	     i > 0; i--) {
		if (is(&s->stack[i - 1], target))
			break;
		for (p = stop; *p != NULL; p++)
			if (is(&s->stack[i - 1], *p))
				return;
	}
	if (i == 0)
		return;                 /* none open */
	for (k = s->depth; k >= i; k--)
		end_tag(s, &s->stack[k - 1]);
}

/* What HTML's tree builder does when these start, and libxml2 does not
 * when an unknown element stands between: a block ends an open p, a
 * link an open link, a list item the open item of its list, a row the
 * open row, a cell the open cell.  Without it the output would nest p in
 * p and read differently when parsed again. */
static void implied_ends(struct san *s, const struct html_elem *el)
{
	static const char *const p_scope[] = {
		"table", "td", "th", "caption", NULL,
	};
	static const char *const li_scope[] = {
		"ul", "ol", "table", "td", "th", "caption", NULL,
	};
	static const char *const dl_scope[] = {
		"dl", "table", "td", "th", "caption", NULL,
	};
	static const char *const row_scope[] = { "table", NULL };
	static const char *const cell_scope[] = { "tr", "table", NULL };
	static const char *const none[] = { NULL };
	const char *n = el->name;

	if (el->flags & EL_BLOCK)
		close_down_to(s, "p", p_scope);
	if (strcmp(n, "a") == 0) {
		close_down_to(s, "a", none);
	} else if (strcmp(n, "li") == 0) {
		close_down_to(s, "li", li_scope);
	} else if (strcmp(n, "dt") == 0 || strcmp(n, "dd") == 0) {
		close_down_to(s, "dt", dl_scope);
		close_down_to(s, "dd", dl_scope);
	} else if (strcmp(n, "tr") == 0) {
		close_down_to(s, "tr", row_scope);
	} else if (strcmp(n, "td") == 0 || strcmp(n, "th") == 0) {
		close_down_to(s, "td", cell_scope);
		close_down_to(s, "th", cell_scope);
	}
}

/* The alt text of an img that is not written (no usable src, or past the
 * depth cap): the text the picture stood for stays. */
static void put_alt(struct san *s, const xmlChar **atts)
{
	const char *alt = html_alt(atts);

	if (alt != NULL)
		put_escaped(s, alt, strlen(alt));
}

static void on_start(void *user, const xmlChar *name, const xmlChar **atts)
{
	struct san *s = user;
	const struct html_elem *el = html_elem_find((const char *)name);
	enum mode m = M_PASS;

	if (el == NULL)
		el = html_elem_alias((const char *)name);

	/* Text after a stray </body> gets an implied <p> from libxml2. */
	if (s->depth == 0 && atts == NULL &&
	    strcmp((const char *)name, "p") == 0)
		el = NULL;
	if (el != NULL && (el->flags & EL_DROP))
		m = (el->flags & EL_VOID) ? M_PASS : M_DROP;
	else if (el != NULL && (el->flags & EL_ALLOW) && s->sink.dropping == 0 &&
		 s->depth < ROUNDS_MAX_DEPTH && !s->sink.failed &&
		 (!(el->flags & EL_TABLE) || s->tables > 0)) {
		implied_ends(s, el);
		if (el->flags & EL_INLINE)
			keep_apart(s, 0);
		else
			s->apart = false;       /* a block is apart itself */
		if (start_tag(s, el, atts))
			m = M_EMIT;
	}
	if (m == M_PASS && (apart(el) || (el && (strcmp(el->name, "br") == 0 ||
						 strcmp(el->name, "input") == 0))))
		s->apart = true;        /* a line break or a field not written:
					 * a space */
	if (m != M_EMIT && s->sink.dropping == 0 && el != NULL &&
	    strcmp(el->name, "img") == 0)
		put_alt(s, atts);
	push(s, name, el, m);
}

static void on_end(void *user, const xmlChar *name)
{
	struct san *s = user;
	size_t i = s->depth;

	while (i > 0 && s->stack[i - 1].name != name &&
	       strcmp((const char *)s->stack[i - 1].name,
		      (const char *)name) != 0)
		i--;
	if (i == 0)
		return;                 /* nothing open by that name */
	while (s->depth >= i)
		pop(s);
}

static void san_text(struct html_sink *sink, const char *p, size_t n)
{
	if (n > 0)
		keep_apart((struct san *)sink, p[0]);
	put_escaped((struct san *)sink, p, n);
}

static void san_reset(struct html_sink *sink)
{
	struct san *s = (struct san *)sink;

	s->depth = 0;
	s->tables = 0;
	s->apart = false;
}

/* Text with no markup and no references: escaping is all it needs. */
static char *plain(const char *html, size_t len)
{
	struct san s;
	size_t n;
	char *in = html_prepare(html, len, false, &n);

	memset(&s, 0, sizeof(s));
	rounds_buf_init(&s.sink.out, OUT_CAP);
	put_escaped(&s, in, n);
	free(in);
	if (s.sink.failed)
		return xstrdup("");
	return rounds_buf_detach(&s.sink.out);
}

char *rounds_html_sanitize(const char *html, size_t len, const char *base)
{
	struct san s;
	size_t n;
	char *in;

	if (html == NULL || len == 0)
		return xstrdup("");
	if (memchr(html, '<', len) == NULL && memchr(html, '&', len) == NULL)
		return plain(html, len);
	memset(&s, 0, sizeof(s));
	rounds_buf_init(&s.sink.out, OUT_CAP);
	/* about as long as what comes in (URLs made absolute grow it a
	 * little): one allocation instead of a doubling series */
	n = len + len / 8 + 64;
	if (rounds_buf_reserve(&s.sink.out, n < OUT_CAP ? n : OUT_CAP) < 0)
		return xstrdup("");
	s.base_url = base;
	s.sink.put_text = san_text;
	s.sink.reset = san_reset;
	in = html_prepare(html, len, true, &n);
	html_sink_parse(&s.sink, in, n, on_start, on_end);
	free(in);
	while (s.depth > 0)
		pop(&s);
	free(s.stack);
	if (s.sink.failed) {
		rounds_buf_release(&s.sink.out);
		return xstrdup("");
	}
	return rounds_buf_detach(&s.sink.out);
}
