/* parse_enc.c: any bytes -> clean UTF-8 before libxml2 or jansson sees them.
 *
 * The charset is settled and other charsets converted by parse_charset.c.
 * Then one pass over the UTF-8 text: bytes that are not valid UTF-8 are read as
 * windows-1252 (what such feeds almost always are), control characters XML
 * forbids are removed, and (XML only) references to HTML entities that XML
 * does not define (&nbsp; &eacute; ...) become character references, while
 * a '&' that starts no reference is escaped.  Comments, processing
 * instructions and the DOCTYPE are left alone.  A CDATA section's text is
 * cleaned and kept apart, a mark (PE_MARK) in its place: libxml2 then
 * reads only the document's frame, not the HTML most sections hold, and
 * px_text puts the text back.  The input is copied only when something
 * changes. */
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <pthread.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>
#include "rounds/caps.h"
#include "rounds/html.h"
#include "rounds/xmlsetup.h"
#include "parse_int.h"

enum { C_OK = 0, C_AMP, C_LT, C_CTRL, C_HIGH };

static unsigned char cls[256];

static void cls_build(void)
{
	int b;

	for (b = 0; b < 0x20; b++)
		cls[b] = C_CTRL;
	cls['\t'] = cls['\n'] = cls['\r'] = C_OK;
	for (b = 0x80; b < 0x100; b++)
		cls[b] = C_HIGH;
	cls['<'] = C_LT;
	cls['&'] = C_AMP;
}

/* Builds the table once, whichever parser thread comes first. */
static void cls_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	(void)pthread_once(&once, cls_build);
}

struct clean {
	const char *in;
	size_t len;
	size_t done;            /* input bytes already copied to out */
	struct rounds_buf out;
	bool copying;
	bool c1_cp1252;         /* U+0080-U+009F are windows-1252 bytes */
	bool predef_refs;       /* write &lt; &gt; &amp; ... as &#N; */
	bool top;               /* the whole document (not an entity's text) */
	bool external_dtd;      /* the DOCTYPE names an external subset, which
				 * may declare the HTML entities (RSS 0.91's) */
	unsigned depth;         /* > 0 inside an entity's value */
	bool no_marks;          /* CDATA sections stay in the document */
	bool saw_mark;          /* the text holds U+FDD0 (PE_MARK) itself */
	size_t no_comment_end;  /* > 0: no "-->" at or after this - 1 */
	size_t pair_low;        /* > 0: the reference to a low surrogate
				 * here was read with the high one before */
	const char *line_in;    /* for line numbers: the whole document, */
	size_t line_at;         /* where in it in[0] is (else in, 0) */
	iconv_t cp1252;
	struct pe_ents *ents;
	struct enc_result *res;
};

static size_t line_of(const char *s, size_t pos)
{
	size_t line = 1;
	const char *p = s, *end = s + pos, *nl;

	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p = nl + 1;
	}
	return line;
}

static void say(struct clean *c, char **slot, size_t pos, const char *what)
{
	struct rounds_buf b;

	if (*slot)
		return;
	rounds_buf_init(&b, 0);
	if (rounds_buf_printf(&b, "line %zu: %s",
			      line_of(c->line_in ? c->line_in : c->in,
				      c->line_at + pos), what) == 0)
		*slot = rounds_buf_detach(&b);
	rounds_buf_release(&b);
}

static void problem(struct clean *c, size_t pos, const char *what)
{
	say(c, &c->res->problem, pos, what);
}

/* Each parser thread keeps the buffer of the document it cleaned last for
 * the next one (up to SPARE_MAX bytes): no allocation, and no fresh pages
 * to fault in, for each document.  Freed when the thread ends. */
#define SPARE_MAX ((size_t)8 << 20)

static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;

static void spare_free(void *p)
{
	struct rounds_buf *b = p;

	rounds_buf_release(b);
	free(b);
}

static void spare_init(void)
{
	(void)pthread_key_create(&spare_key, spare_free);
}

static struct rounds_buf *spare(void)
{
	struct rounds_buf *b;

	(void)pthread_once(&spare_once, spare_init);
	b = pthread_getspecific(spare_key);
	if (b == NULL) {
		b = xcalloc(1, sizeof(*b));
		rounds_buf_init(b, 0);
		if (pthread_setspecific(spare_key, b) != 0) {
			free(b);
			return NULL;
		}
	}
	return b;
}

/* Starts the copy: in the thread's spare buffer for a whole document,
 * with room for all of it, so that it is not copied again as it grows. */
static void start_copy(struct clean *c)
{
	struct rounds_buf *sp = c->top ? spare() : NULL;

	rounds_buf_init(&c->out, 0);
	if (sp && sp->data) {
		c->out = *sp;           /* the spare's memory is ours now */
		rounds_buf_init(sp, 0);
		rounds_buf_reset(&c->out);
	}
	if (rounds_buf_reserve(&c->out, c->len + c->len / 16 + 64) < 0)
		abort();
	c->copying = true;
}

/* Replaces in[pos, pos + n) with rep (rep_len bytes). */
static void replace(struct clean *c, size_t pos, size_t n, const char *rep,
		    size_t rep_len)
{
	if (!c->copying)
		start_copy(c);
	if (rounds_buf_append(&c->out, c->in + c->done, pos - c->done) < 0 ||
	    rounds_buf_append(&c->out, rep, rep_len) < 0)
		abort();        /* no cap: cannot happen */
	c->done = pos + n;
}

static const char fffd[] = "\xEF\xBF\xBD";

/* Replaces in[pos, pos + n) with windows-1252 byte b as UTF-8. */
static void cp1252_at(struct clean *c, size_t pos, size_t n, char b)
{
	char in1 = b, outb[8];
	char *ip = &in1, *op = outb;
	size_t il = 1, ol = sizeof(outb);

	if (c->cp1252 == (iconv_t)-1)
		c->cp1252 = pe_iconv_open("UTF-8", "WINDOWS-1252");
	if (c->cp1252 == (iconv_t)-1 ||
	    iconv(c->cp1252, &ip, &il, &op, &ol) == (size_t)-1) {
		replace(c, pos, n, fffd, 3);
		return;
	}
	replace(c, pos, n, outb, (size_t)(op - outb));
}

static void byte_as_cp1252(struct clean *c, size_t pos)
{
	cp1252_at(c, pos, 1, c->in[pos]);
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char b = s[0];

	if (b >= 0xC2 && b <= 0xDF)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (b >= 0xE0 && b <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if ((b == 0xE0 && s[1] < 0xA0) || (b == 0xED && s[1] > 0x9F))
			return 0;
		return 3;
	}
	if (b >= 0xF0 && b <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if ((b == 0xF0 && s[1] < 0x90) || (b == 0xF4 && s[1] > 0x8F))
			return 0;
		return 4;
	}
	return 0;
}

/* Non-zero when none of the eight bytes in w needs a look: all ASCII,
 * none below 0x20, none '&' or '<'. */
static uint64_t plain8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
	uint64_t amp = w ^ (ones * '&'), lt = w ^ (ones * '<');

	if (w & high)
		return 0;
	if (((w - ones * 0x20) & ~w & high) ||
	    ((amp - ones) & ~amp & high) || ((lt - ones) & ~lt & high))
		return 0;
	return 1;
}

/* The end of the run of plain bytes (ASCII text and white space: no '&',
 * '<', other control or non-ASCII byte) at s[i], at most end: sixteen
 * bytes at a time with SSE2, else eight. */
static size_t plain_run(const unsigned char *s, size_t i, size_t end)
{
#ifdef __SSE2__
	const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<');
	const __m128i sp = _mm_set1_epi8(0x20), nl = _mm_set1_epi8('\n');
	const __m128i cr = _mm_set1_epi8('\r'), tab = _mm_set1_epi8('\t');

	while (end - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		/* signed: below 0x20 or from 0x80 up */
		__m128i odd = _mm_cmplt_epi8(v, sp);
		__m128i ws = _mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_or_si128(
			_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, tab)));
		__m128i look = _mm_or_si128(_mm_andnot_si128(ws, odd),
			_mm_or_si128(_mm_cmpeq_epi8(v, amp),
				     _mm_cmpeq_epi8(v, lt)));
		unsigned m = (unsigned)_mm_movemask_epi8(look);

		if (m)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
#endif
	while (end - i >= 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (plain8(w) == 0)
			break;
		i += 8;
	}
	return i;
}

static const char *find(const char *s, size_t from, size_t len,
			const char *needle)
{
	size_t nl = strlen(needle);
	const char *p = s + from, *end = s + len;

	if (from >= len)
		return NULL;
	while ((p = memchr(p, needle[0], (size_t)(end - p))) != NULL) {
		if ((size_t)(end - p) < nl)
			return NULL;
		if (memcmp(p, needle, nl) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* The internal subset in[from, to): its entity declarations (none are
 * read inside an entity's text). */
static void collect_entities(struct clean *c, size_t from, size_t to)
{
	if (c->depth > 0)
		return;
	if (!pe_ents_declare(&c->ents, c->in, from, to))
		c->res->entity_decls = true;
}

/* Where a CDATA section at s[i] that is never closed ends: where the
 * element it opens in ends (the end tag of the start tag just before it,
 * "<description><![CDATA[...</description>"), else at the end: read to
 * the end, it would hide every tag after it. */
static size_t cdata_open_end(const char *s, size_t i, size_t n)
{
	size_t j = i, name, len = 0, k;

	while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t' ||
			 s[j - 1] == '\r' || s[j - 1] == '\n'))
		j--;
	if (j == 0 || s[j - 1] != '>')
		return n;
	while (j > 0 && s[j - 1] != '<')
		j--;
	if (j == 0 || s[j] == '/' || s[j] == '!' || s[j] == '?')
		return n;
	name = j;
	while (name + len < i && s[name + len] != '>' && s[name + len] != '/' &&
	       s[name + len] != ' ' && s[name + len] != '\t' &&
	       s[name + len] != '\r' && s[name + len] != '\n')
		len++;
	if (len == 0)
		return n;
	for (k = i + 9; k + 2 + len < n; k++)
		if (s[k] == '<' && s[k + 1] == '/' &&
		    memcmp(s + k + 2, s + name, len) == 0 &&
		    (s[k + 2 + len] == '>' || s[k + 2 + len] == ' ' ||
		     s[k + 2 + len] == '\t' || s[k + 2 + len] == '\r' ||
		     s[k + 2 + len] == '\n'))
			return k;
	return n;
}

static void clean_utf8(struct clean *c, bool xml);

/* Replaces the reference in[i, i + n) with the text of the entity name,
 * itself cleaned (once: references in it to declared entities were
 * replaced already, and none is expanded again).  0 when done, -1 when
 * name is no entity of the document, -2 when it is refused. */
static int expand(struct clean *c, size_t i, size_t n, const char *name)
{
	struct enc_result sub_res;
	struct clean sub;
	const char *text;
	size_t len;
	bool refused;

	if (c->depth > 0 || c->ents == NULL)
		return -1;
	text = pe_ents_expand(c->ents, name, &len, &refused);
	if (text == NULL)
		return refused ? -2 : -1;
	memset(&sub_res, 0, sizeof(sub_res));
	memset(&sub, 0, sizeof(sub));
	sub.in = text;
	sub.len = len;
	sub.depth = c->depth + 1;
	sub.cp1252 = (iconv_t)-1;
	sub.res = &sub_res;
	clean_utf8(&sub, true);
	if (sub.cp1252 != (iconv_t)-1)
		pe_iconv_close(sub.cp1252);
	if (sub.saw_mark)
		c->saw_mark = true;
	if (sub_res.buf)
		replace(c, i, n, sub_res.buf, sub_res.len);
	else
		replace(c, i, n, text, len);
	pe_release(&sub_res);
	return 0;
}

/* The end (exclusive) of the markup declaration, comment, CDATA section or
 * PI starting at in[i] == '<'; i when it is an ordinary tag. */
static size_t special_end(struct clean *c, size_t i)
{
	const char *s = c->in, *e;
	size_t n = c->len, j;

	if (i + 1 >= n || (s[i + 1] != '!' && s[i + 1] != '?'))
		return i;
	if (s[i + 1] == '?')
		e = find(s, i + 2, n, "?>");
	else if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
		/* once no end was found, none is after: not looked for
		 * again (many open comments would cost n each) */
		e = c->no_comment_end > 0 && i + 1 >= c->no_comment_end ?
			NULL : find(s, i + 4, n, "-->");
		if (e == NULL) {
			c->no_comment_end = i + 1;
			return i;       /* never closed: hides nothing (the
					 * repair writes its '<' as text) */
		}
	} else if (n - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0)
		e = find(s, i + 9, n, "]]>");
	else if (n - i >= 9 && memcmp(s + i, "<!DOCTYPE", 9) == 0) {
		for (j = i + 9; j < n && s[j] != '[' && s[j] != '>'; j++)
			if ((s[j] == 'S' && n - j > 6 &&
			     memcmp(s + j, "SYSTEM", 6) == 0) ||
			    (s[j] == 'P' && n - j > 6 &&
			     memcmp(s + j, "PUBLIC", 6) == 0))
				c->external_dtd = true;
		if (j < n && s[j] == '[') {
			e = find(s, j, n, "]");
			while (e) {
				size_t k = (size_t)(e - s) + 1;

				while (k < n && (s[k] == ' ' || s[k] == '\t' ||
						 s[k] == '\r' || s[k] == '\n'))
					k++;
				if (k < n && s[k] == '>') {
					e = s + k - 1;
					break;
				}
				e = find(s, k, n, "]");
			}
		} else {
			e = j < n ? s + j - 1 : NULL;
		}
		collect_entities(c, i, e ? (size_t)(e - s) : n);
		return e ? (size_t)(e - s) + 2 : n;
	} else
		return i;
	return e ? (size_t)(e - s) + strlen(s[i + 1] == '?' ? "?>" :
			s[i + 3] == '-' ? "-->" : "]]>") : n;
}

/* The five references XML predefines are left as they are, or (after
 * libxml2 failed on the document: its recovery drops entity references
 * that follow an error, but never character references) written as
 * character references.  True when name is one of them. */
static bool predefined(struct clean *c, size_t i, size_t n, const char *name)
{
	static const struct { const char *name, *ref; } pre[] = {
		{ "lt", "&#60;" }, { "gt", "&#62;" }, { "amp", "&#38;" },
		{ "quot", "&#34;" }, { "apos", "&#39;" },
	};
	size_t k;

	for (k = 0; k < sizeof(pre) / sizeof(pre[0]); k++) {
		if (strcmp(name, pre[k].name) != 0)
			continue;
		if (c->predef_refs)
			replace(c, i, n, pre[k].ref, 5);
		return true;
	}
	return false;
}

/* A '&' at in[i] followed by the name in[i + 1, end) and no ';': the
 * entities HTML reads without one (amp, lt, gt, quot and those of
 * Latin-1: "AT&amp T", "&copy 2004"), the longest that fits, become
 * character references.  Not when a letter, digit or '=' follows it, as
 * HTML does in attribute values: "?a=1&not=2" is a query, not a sign. */
static bool legacy(struct clean *c, size_t i, size_t end)
{
	const char *s = c->in;
	const htmlEntityDesc *ent;
	char name[12], rep[16];
	size_t k, after;
	int w;

	for (k = end - i - 1 < sizeof(name) - 1 ? end - i - 1 :
	     sizeof(name) - 1; k >= 2; k--) {
		memcpy(name, s + i + 1, k);
		name[k] = '\0';
		ent = rounds_html_entity((const xmlChar *)name);
		if (ent == NULL || (ent->value > 255 ||
				    (ent->value < 160 && ent->value != 34 &&
				     ent->value != 38 && ent->value != 60 &&
				     ent->value != 62)))
			continue;
		after = i + 1 + k;
		if (after < c->len && ((s[after] >= 'a' && s[after] <= 'z') ||
				       (s[after] >= 'A' && s[after] <= 'Z') ||
				       (s[after] >= '0' && s[after] <= '9') ||
				       s[after] == '='))
			return false;
		w = snprintf(rep, sizeof(rep), "&#%u;", ent->value);
		problem(c, i, "entity reference without ';' read as its "
			"character");
		replace(c, i, 1 + k, rep, (size_t)w);
		return true;
	}
	return false;
}

/* The low surrogate a character reference at in[j] names, or 0. */
static unsigned long low_surrogate_at(const struct clean *c, size_t j)
{
	const char *s = c->in + j, *end;
	bool hex;
	unsigned long v;

	if (c->len - j < 8 || s[0] != '&' || s[1] != '#')
		return 0;
	hex = s[2] == 'x' || s[2] == 'X';
	if (!(hex ? isxdigit((unsigned char)s[3]) :
	      isdigit((unsigned char)s[2])))
		return 0;
	v = strtoul(s + (hex ? 3 : 2), (char **)&end, hex ? 16 : 10);
	return end < c->in + c->len && *end == ';' && v >= 0xDC00 &&
		v <= 0xDFFF ? v : 0;
}

/* The character reference in[i, i + n) ("&#...;"), as HTML reads it:
 * one to U+0080-U+009F is windows-1252's character (&#146; is U+2019),
 * one to no character (0, a surrogate, beyond U+10FFFF, U+FFFE/FFFF) is
 * U+FFFD, one to a control character XML forbids is removed, as such
 * characters themselves are (a vertical tab or form feed, Word's line
 * and page breaks, is a space).  A high surrogate and the low one right
 * after it (what some UTF-16 escapers write, "&#55357;&#56960;") are the
 * one character they encode.  One to U+FDD0 is noted (PE_MARK).  True
 * when it was replaced. */
static bool char_ref(struct clean *c, size_t i, size_t n)
{
	const char *s = c->in + i;
	bool hex = s[2] == 'x' || s[2] == 'X';
	unsigned long v = strtoul(s + (hex ? 3 : 2), NULL, hex ? 16 : 10), lo;
	char rep[16];

	if (v >= 0x20 && v < 0x80)
		return false;
	if (v >= 0xD800 && v <= 0xDBFF &&
	    (lo = low_surrogate_at(c, i + n)) != 0) {
		problem(c, i, "a surrogate pair of references read as the "
			"character it encodes");
		snprintf(rep, sizeof(rep), "&#x%lX;",
			 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00));
		replace(c, i, n, rep, strlen(rep));
		c->pair_low = i + n;
		return true;
	}
	if (c->pair_low > 0 && i == c->pair_low) {
		replace(c, i, n, "", 0);        /* read with the high one */
		return true;
	}
	if (v == 0xFDD0)
		c->saw_mark = true;
	if (v >= 0x80 && v <= 0x9F && rounds_cp1252_c1((unsigned)v)) {
		snprintf(rep, sizeof(rep), "&#%u;", rounds_cp1252_c1((unsigned)v));
		replace(c, i, n, rep, strlen(rep));
		return true;
	}
	if (v == 0 || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF ||
	    v == 0xFFFE || v == 0xFFFF) {
		problem(c, i, "reference to no character read as U+FFFD");
		replace(c, i, n, "&#xFFFD;", 8);
		return true;
	}
	if (v == 0x0B || v == 0x0C) {
		problem(c, i, "reference to a line or page break read as a "
			"space");
		replace(c, i, n, " ", 1);
		return true;
	}
	if (v < 0x20 && v != '\t' && v != '\n' && v != '\r') {
		problem(c, i, "reference to a control character removed");
		replace(c, i, n, "", 0);
		return true;
	}
	return false;
}

/* A '&' at in[i]: a reference XML knows is left, an HTML entity becomes a
 * character reference, anything else is escaped. */
static void amp(struct clean *c, size_t i)
{
	const char *s = c->in;
	size_t n = c->len, j = i + 1;
	char name[40], rep[24];
	const htmlEntityDesc *ent;
	struct rounds_buf msg;
	int x;

	if (j < n && s[j] == '#') {
		j++;
		bool upper_x = j < n && s[j] == 'X';

		if (j < n && (s[j] == 'x' || s[j] == 'X')) {
			j++;
			while (j < n && j - i < 16 && s[j] &&
			       strchr("0123456789abcdefABCDEF", s[j]))
				j++;
		} else {
			while (j < n && j - i < 16 && s[j] >= '0' && s[j] <= '9')
				j++;
		}
		if (j < n && s[j] == ';' && s[j - 1] != '#' && s[j - 1] != 'x' &&
		    s[j - 1] != 'X') {
			if (!char_ref(c, i, j + 1 - i) &&
			    upper_x)    /* &#X41;: XML wants a small x */
				replace(c, i, 3, "&#x", 3);
			return;
		}
		goto bare;
	}
	if (j >= n || !pe_name_start((unsigned char)s[j]))
		goto bare;
	while (j < n && j - i < sizeof(name) - 1 &&
	       pe_name_char((unsigned char)s[j]))
		j++;
	if (j >= n || s[j] != ';') {
		if (legacy(c, i, j))
			return;
		goto bare;
	}
	memcpy(name, s + i + 1, j - i - 1);
	name[j - i - 1] = '\0';
	if (predefined(c, i, j + 1 - i, name))
		return;
	x = expand(c, i, j + 1 - i, name);
	if (x == 0)
		return;
	if (x == -2) {
		rounds_buf_init(&msg, 200);
		if (rounds_buf_printf(&msg, "entity '&%s;' not expanded: too "
				      "large or too deep", name) == 0)
			problem(c, i, rounds_buf_str(&msg));
		rounds_buf_release(&msg);
		c->res->entity_decls = true;
		replace(c, i, 1, "&amp;", 5);
		return;
	}
	ent = rounds_html_entity((const xmlChar *)name);
	if (ent) {
		int k = snprintf(rep, sizeof(rep), "&#%u;", ent->value);

		/* undeclared: not well-formed (said once, for the first) */
		if (!c->external_dtd && c->res->minor == NULL) {
			rounds_buf_init(&msg, 200);
			if (rounds_buf_printf(&msg, "undefined entity '&%s;' "
					      "read as the HTML character",
					      name) == 0)
				say(c, &c->res->minor, i,
				    rounds_buf_str(&msg));
			rounds_buf_release(&msg);
		}

		replace(c, i, j + 1 - i, rep, (size_t)k);
		return;
	}
	rounds_buf_init(&msg, 200);
	if (rounds_buf_printf(&msg, "undefined entity '&%s;' read as text",
			      name) == 0)
		problem(c, i, rounds_buf_str(&msg));
	rounds_buf_release(&msg);
	replace(c, i, 1, "&amp;", 5);
	return;
bare:
	problem(c, i, "'&' that starts no entity reference read as text");
	replace(c, i, 1, "&amp;", 5);
}

/* The length of the reference XML reads as it is at s ("&lt;", "&amp;",
 * "&#38;", "&#x26;" ...), or 0 for any other '&' (amp() looks at it). */
static size_t plain_ref(const struct clean *c, const unsigned char *s,
			size_t n)
{
	size_t j;

	if (c->predef_refs || n < 4)
		return 0;
	if (s[1] == 'l' && s[2] == 't' && s[3] == ';')
		return 4;
	if (s[1] == 'g' && s[2] == 't' && s[3] == ';')
		return 4;
	if (n >= 5 && memcmp(s + 1, "amp;", 4) == 0)
		return 5;
	if (n >= 6 && (memcmp(s + 1, "quot;", 5) == 0 ||
		       memcmp(s + 1, "apos;", 5) == 0))
		return 6;
	if (s[1] != '#')
		return 0;
	if (s[2] == 'x') {
		for (j = 3; j < n && j < 10 && ((s[j] >= '0' && s[j] <= '9') ||
						((s[j] | 0x20) >= 'a' &&
						 (s[j] | 0x20) <= 'f')); j++)
			;
		return j > 3 && j < n && s[j] == ';' ? j + 1 : 0;
	}
	for (j = 2; j < n && j < 10 && s[j] >= '0' && s[j] <= '9'; j++)
		;
	return j > 2 && j < n && s[j] == ';' ? j + 1 : 0;
}

/* The CDATA section in[i, end + 3) read apart (PE_MARK), when it is in the
 * document itself and holds more than white space.  Its text is cleaned
 * as any text is, without escaping.  False when it stays. */
static bool cdata_apart(struct clean *c, size_t i, size_t end)
{
	const char *in = c->in + i + 9, *p, *q;
	size_t n = end - (i + 9), k, nl = 0;
	struct enc_result sub_res;
	struct pe_marks *m;
	struct pe_mark *at;
	struct clean sub;
	char mark[PE_MARK_LEN + 1];

	if (!c->top || c->no_marks)
		return false;
	for (k = 0; k < n && (in[k] == ' ' || in[k] == '\t' ||
			      in[k] == '\r' || in[k] == '\n'); k++)
		;
	if (k == n)
		return false;
	memset(&sub_res, 0, sizeof(sub_res));
	memset(&sub, 0, sizeof(sub));
	sub.in = in;
	sub.len = n;
	sub.cp1252 = c->cp1252;
	sub.c1_cp1252 = c->c1_cp1252;
	sub.line_in = c->in;
	sub.line_at = i + 9;
	sub.res = &sub_res;
	clean_utf8(&sub, false);
	c->cp1252 = sub.cp1252;
	if (sub.saw_mark)
		c->saw_mark = true;
	if (sub_res.problem && c->res->problem == NULL) {
		c->res->problem = sub_res.problem;
		sub_res.problem = NULL;
	}
	if ((m = c->res->marks) == NULL) {
		m = c->res->marks = xcalloc(1, sizeof(*m));
		rounds_buf_init(&m->text, 0);
		/* the sections to come hold at most the rest of the
		 * document: one allocation, not a doubling series */
		if (rounds_buf_reserve(&m->text, c->len - i) < 0)
			abort();
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 16;
		m->at = xrealloc(m->at, m->cap * sizeof(*m->at));
	}
	at = &m->at[m->n];
	at->off = m->text.len;
	at->len = sub_res.buf ? sub_res.len : n;
	if (rounds_buf_append(&m->text, sub_res.buf ? sub_res.buf : in,
			      at->len) < 0 ||
	    rounds_buf_putc(&m->text, '\0') < 0)
		abort();
	pe_release(&sub_res);
	for (p = in, q = in + n; (p = memchr(p, '\n', (size_t)(q - p))); p++)
		nl++;
	at->nl = nl;
	snprintf(mark, sizeof(mark), PE_MARK "%08zx", m->n);
	m->n++;
	replace(c, i, end + 3 - i, mark, PE_MARK_LEN);
	for (; nl > 0; nl--)
		if (rounds_buf_putc(&c->out, '\n') < 0)
			abort();
	return true;
}

const char *pe_mark_text(const struct pe_marks *m, const char *s, size_t n,
			 size_t *len, size_t *skip)
{
	size_t idx = 0, k;
	const struct pe_mark *at;

	if (m == NULL || n < PE_MARK_LEN || memcmp(s, PE_MARK, 3) != 0)
		return NULL;
	for (k = 3; k < PE_MARK_LEN; k++) {
		char d = s[k];

		if (d >= '0' && d <= '9')
			idx = idx * 16 + (size_t)(d - '0');
		else if (d >= 'a' && d <= 'f')
			idx = idx * 16 + (size_t)(d - 'a' + 10);
		else
			return NULL;
	}
	if (idx >= m->n)
		return NULL;
	at = &m->at[idx];
	if (n - PE_MARK_LEN < at->nl)
		return NULL;
	for (k = 0; k < at->nl; k++)
		if (s[PE_MARK_LEN + k] != '\n')
			return NULL;
	*len = at->len;
	*skip = PE_MARK_LEN + at->nl;
	return m->text.data + at->off;
}

static void clean_utf8(struct clean *c, bool xml)
{
	const unsigned char *s = (const unsigned char *)c->in;
	size_t n = c->len, i = 0, skip = 0, cd_end = 0, cd_none = n, k;
	bool in_cd = false, cd_open = false;
	char msg[64];

	cls_init();
	while (i < n) {
		unsigned char b = s[i];

		if (in_cd && i >= cd_end) {
			if (!cd_open) {
				replace(c, i, 3, "", 0);        /* "]]>" */
				i += 3;
			}
			in_cd = false;
			continue;
		}
		switch (cls[b]) {
		case C_OK:
			i = plain_run(s, i + 1, in_cd ? cd_end : n);
			break;
		case C_LT:
			if (in_cd) {
				replace(c, i, 1, "&#60;", 5);
			} else if (xml && i >= skip && n - i >= 9 &&
				   memcmp(s + i, "<![CDATA[", 9) == 0) {
				/* CDATA becomes text: libxml2 reads that much
				 * faster, and it means the same */
				/* (once none was found, none is after) */
				const char *e = i < cd_none ?
					find(c->in, i + 9, n, "]]>") : NULL;

				if (e && cdata_apart(c, i, (size_t)(e - c->in))) {
					i = (size_t)(e - c->in) + 3;
					break;
				}
				cd_end = e ? (size_t)(e - c->in) :
					cdata_open_end(c->in, i, n);
				cd_open = e == NULL;
				if (e == NULL) {
					cd_none = i;
					problem(c, i, "CDATA section not closed");
				}
				replace(c, i, 9, "", 0);
				in_cd = true;
				i += 9;
				break;
			} else if (xml && i >= skip && i + 1 < n &&
				   (s[i + 1] == '!' || s[i + 1] == '?')) {
				skip = special_end(c, i);
			}
			i++;
			break;
		case C_AMP:
			if (in_cd)
				replace(c, i, 1, "&#38;", 5);
			else if (xml && i >= skip &&
				 (k = plain_ref(c, s + i, n - i)) > 0) {
				if (s[i + 1] == '#')
					(void)char_ref(c, i, k);
				i += k;         /* &lt; &amp; &#38; ... as it is */
				break;
			} else if (xml && i >= skip)
				amp(c, i);
			i++;
			break;
		case C_CTRL:
			/* a vertical tab or form feed (Word's line and page
			 * breaks) parts words: a space */
			snprintf(msg, sizeof(msg), b == 0x0B || b == 0x0C ?
				 "control character 0x%02X read as a space" :
				 "control character 0x%02X removed", b);
			problem(c, i, msg);
			replace(c, i, 1, b == 0x0B || b == 0x0C ? " " : "",
				b == 0x0B || b == 0x0C);
			i++;
			break;
		default:
			k = utf8_len(s + i, n - i);
			if (k == 0) {
				problem(c, i, "bytes not valid UTF-8 read as "
					"windows-1252");
				byte_as_cp1252(c, i);
				i++;
			} else {
				if (k == 3 && b == 0xEF && s[i + 1] == 0xBF &&
				    s[i + 2] >= 0xBE)
					replace(c, i, 3, fffd, 3);
				else if (k == 3 && b == 0xEF && s[i + 1] == 0xB7 &&
					 s[i + 2] == 0x90)
					c->saw_mark = true;
				else if (k == 2 && b == 0xC2 && s[i + 1] < 0xA0 &&
					 c->c1_cp1252)
					cp1252_at(c, i, 2, (char)(s[i + 1]));
				i += k;
			}
		}
	}
	if (c->copying) {
		replace(c, n, 0, "", 0);
		c->res->len = c->out.len;
		c->res->alloc = c->top ? c->out.alloc : 0;
		c->res->buf = rounds_buf_detach(&c->out);
		if (c->res->buf[0] == '\0')
			c->res->len = 0;
	}
}


void pe_clean(const char *bytes, size_t len, const char *charset,
	      unsigned flags, struct enc_result *res)
{
	struct pe_text t;
	struct clean c;
	char *decoded = NULL;   /* pe_decode's problem */
	bool no_marks = false;

	pe_decode(bytes, len, charset, flags & PE_XML, &t, &decoded);
	for (;;) {
		memset(res, 0, sizeof(*res));
		memset(&c, 0, sizeof(c));
		res->problem = decoded ? xstrdup(decoded) : NULL;
		c.cp1252 = (iconv_t)-1;
		c.res = res;
		c.in = t.bytes;
		c.len = t.len;
		c.c1_cp1252 = t.c1_cp1252;
		c.predef_refs = flags & PE_PREDEF_REFS;
		c.top = true;
		c.no_marks = no_marks;
		clean_utf8(&c, flags & PE_XML);
		pe_ents_free(c.ents);
		if (c.cp1252 != (iconv_t)-1)
			pe_iconv_close(c.cp1252);
		if (!c.saw_mark || res->marks == NULL)
			break;
		/* U+FDD0 is in the text itself: no section is read apart */
		res->alloc = 0;
		pe_release(res);
		no_marks = true;
	}
	free(decoded);
	if (res->buf) {                 /* cleaned into a new copy */
		free(t.owned);
		res->data = res->buf;
	} else {                        /* clean: the input or the conversion */
		res->buf = t.owned;
		res->data = t.bytes;
		res->len = t.len;
	}
}

void pe_release(struct enc_result *res)
{
	struct rounds_buf *sp = res->buf && res->alloc &&
		res->alloc <= SPARE_MAX ? spare() : NULL;

	if (sp && sp->alloc < res->alloc) {     /* back to the spare */
		rounds_buf_release(sp);
		sp->data = res->buf;
		sp->alloc = res->alloc;
		rounds_buf_reset(sp);
		res->buf = NULL;
	}
	free(res->buf);
	free(res->problem);
	free(res->minor);
	if (res->marks) {
		rounds_buf_release(&res->marks->text);
		free(res->marks->at);
		free(res->marks);
	}
	memset(res, 0, sizeof(*res));
}
