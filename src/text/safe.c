/* safe.c: the TEXT and URL rules of safe.h, and the links' site policy.
 * The scheme check reads a reference the way a browser reads an href
 * attribute, so that what we let through is what a browser would follow,
 * whatever a consumer does with the value. */
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/html.h"
#include "rounds/safe.h"
#include "rounds/url.h"

static bool is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* A '<' at s[0] that HTML would read as the start of markup. */
static bool tag_start(const char *s)
{
	return s[0] == '<' && (is_alpha((unsigned char)s[1]) || s[1] == '/' ||
			       s[1] == '!' || s[1] == '?');
}

static bool bad_control(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
		c != '\f' && c != '\v') || c == 0x7f;
}

bool rounds_text_is_safe(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (tag_start(s) || bad_control((unsigned char)*s))
			return false;
	return true;
}

/* Steps 2 and 4: controls out, a space after every '<' that would start
 * markup.  t is collapsed text (no white space after a '<' is lost). */
static char *neutralise(const char *t)
{
	struct rounds_buf b;
	const char *p;

	rounds_buf_init(&b, 0);
	for (p = t; *p != '\0'; p++) {
		if (bad_control((unsigned char)*p))
			continue;
		if (rounds_buf_putc(&b, *p) < 0 ||
		    (tag_start(p) && rounds_buf_putc(&b, ' ') < 0))
			abort();        /* no cap: only out of memory */
	}
	return rounds_buf_detach(&b);
}

char *rounds_text_safe(const char *s, size_t len, bool markup)
{
	char *t, *c, *res;
	size_t i;

	if (s == NULL)
		return NULL;
	t = markup ? rounds_html_to_text(s, len) : xstrndup(s, len);
	for (i = 0; t[i] != '\0'; i++)
		if (bad_control((unsigned char)t[i]))
			t[i] = ' ';     /* "a\x01b" is two words, as on screen */
	c = rounds_text_collapse(t, strlen(t));
	free(t);
	res = rounds_text_is_safe(c) ? c : neutralise(c);
	if (res != c)
		free(c);
	if (*res == '\0') {
		free(res);
		return NULL;
	}
	return res;
}

/* ---- URLs ---- */

/* A numeric character reference at s ("&#106;", "&#x6a", ...): its code
 * point (0 for none), *n its length. */
static unsigned long numeric_ref(const char *s, size_t *n)
{
	unsigned long v = 0;
	size_t i = 2;
	bool hex;

	if (s[0] != '&' || s[1] != '#')
		return 0;       /* s[2] may be past the end */
	hex = s[2] == 'x' || s[2] == 'X';
	if (hex)
		i++;
	for (;; i++) {
		int c = (unsigned char)s[i], d;

		if (is_digit(c))
			d = c - '0';
		else if (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'))
			d = (c | 0x20) - 'a' + 10;
		else
			break;
		if (v < 0x110000)
			v = v * (hex ? 16 : 10) + (unsigned long)d;
	}
	if (i == (hex ? 3u : 2u))
		return 0;
	if (s[i] == ';')
		i++;
	*n = i;
	return v == 0 ? 0xfffd : v;
}

/* The named references that give a character that matters here. */
static int named_ref(const char *s, size_t *n)
{
	static const struct { const char *name; char c; } refs[] = {
		{ "&colon;", ':' }, { "&Tab;", '\t' }, { "&NewLine;", '\n' },
		{ "&period;", '.' }, { "&plus;", '+' },
	};
	size_t i;

	for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
		size_t k = strlen(refs[i].name);

		if (strncmp(s, refs[i].name, k) == 0) {
			*n = k;
			return refs[i].c;
		}
	}
	return -1;
}

/* The next character of url as a browser reads it, at *i (advanced);
 * -1 at the end.  Characters above ASCII come back as 0x80. */
static long browser_char(const char *url, size_t *i)
{
	size_t n = 1;
	long c = (unsigned char)url[*i];

	if (c == 0)
		return -1;
	if (c == '&') {
		unsigned long v = numeric_ref(url + *i, &n);
		int nc;

		if (v != 0)
			c = v < 0x80 ? (long)v : 0x80;
		else if ((nc = named_ref(url + *i, &n)) >= 0)
			c = nc;
		else
			n = 1;
	}
	*i += n;
	return c >= 0x80 ? 0x80 : c;
}

/* The scheme a browser finds in url, lower-cased into out (cap bytes
 * with its NUL; a longer one, which no allowed scheme is, comes back as
 * "-"); false when it finds none. */
static bool browser_scheme(const char *url, char *out, size_t cap)
{
	size_t i = 0, o = 0;
	long c;

	while ((c = browser_char(url, &i)) >= 0) {
		if (c <= 0x20 || c == 0x7f)
			continue;       /* stripped, or removed inside */
		if (c == ':')
			break;
		if (!(is_alpha((int)c) || (o > 0 && (is_digit((int)c) ||
				c == '+' || c == '-' || c == '.'))))
			return false;
		if (o + 1 < cap)
			out[o] = (char)(c | 0x20);
		o++;
	}
	if (c != ':' || o == 0)
		return false;
	if (o + 1 > cap)
		o = 1, out[0] = '-';
	out[o] = '\0';
	return true;
}

static bool allowed(const char *scheme, unsigned allow)
{
	return strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 ||
	       ((allow & ROUNDS_SAFE_MAILTO) && strcmp(scheme, "mailto") == 0) ||
	       ((allow & ROUNDS_SAFE_FILE) && strcmp(scheme, "file") == 0);
}

bool rounds_url_is_safe(const char *url, unsigned allow)
{
	char scheme[16];

	scheme[0] = '\0';
	return url != NULL && browser_scheme(url, scheme, sizeof(scheme)) &&
	       allowed(scheme, allow);
}

char *rounds_url_safe(const char *base, const char *ref, unsigned allow)
{
	char scheme[16], *res;

	if (ref == NULL)
		return NULL;
	scheme[0] = '\0';
	if (browser_scheme(ref, scheme, sizeof(scheme)) &&
	    !allowed(scheme, allow))
		return NULL;
	res = rounds_url_resolve(base, ref);
	if (res != NULL && !rounds_url_is_safe(res, allow)) {
		free(res);
		res = NULL;
	}
	return res;
}

/* ---- links ---- */

char *rounds_html_nofollow(const char *html)
{
	static const char rel[] = " rel=\"nofollow noopener\"";
	struct rounds_buf b;
	const char *p, *from, *gt;

	if (html == NULL)
		return NULL;
	rounds_buf_init(&b, 0);
	for (from = p = html; (p = strstr(p, "<a")) != NULL;) {
		if (p[2] != ' ' && p[2] != '>') {
			p += 2;
			continue;
		}
		if ((gt = strchr(p, '>')) == NULL)
			break;
		if (rounds_buf_append(&b, from, (size_t)(gt - from)) < 0 ||
		    rounds_buf_puts(&b, rel) < 0)
			abort();        /* no cap: only out of memory */
		from = p = gt;
	}
	if (rounds_buf_puts(&b, from) < 0)
		abort();
	return rounds_buf_detach(&b);
}
