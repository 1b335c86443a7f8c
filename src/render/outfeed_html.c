/* outfeed_html.c: the HTML a feed entry carries.  Pages may use every
 * attribute the sanitiser keeps (html.h); feed content keeps only those
 * the feed validator accepts in HTML content (its SecurityRiskAttr
 * warning names any other, whatever its value: controls="" draws it as
 * controls="controls" would), so that a reader that strips unknown
 * attributes shows the entry as we wrote it.  Of what the sanitiser and
 * the templates write, only audio and video's controls goes.
 *
 * The input is HTML rounds wrote (sanitised fragments, rendered
 * templates); it is read the way an HTML tokenizer reads tags: text and
 * comments are copied as they are, and each start tag keeps its name and
 * the attributes on the list, each as written. */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rounds/buf.h"
#include "outfeed_int.h"

/* The attributes feed content may carry (the validator accepts more;
 * these are the ones rounds' HTML can hold), sorted for bsearch.
 * tests/site/feedcheck.py's PLAIN_ATTRS is the same list. */
static const char *const plain_attrs[] = {
	"abbr", "alt", "cite", "class", "colspan", "datetime", "default",
	"dir", "height", "href", "hreflang", "id", "kind", "label", "lang",
	"loop", "media", "muted", "name", "open", "poster", "preload", "rel",
	"reversed", "rowspan", "scope", "sizes", "span", "src", "srclang",
	"srcset", "start", "target", "title", "type", "value", "width",
};

static int cmp_name(const void *key, const void *elem)
{
	return strcasecmp(key, *(const char *const *)elem);
}

static bool plain(const char *name, size_t n)
{
	char key[16];

	if (n >= sizeof(key))
		return false;
	memcpy(key, name, n);
	key[n] = '\0';
	return bsearch(key, plain_attrs, sizeof(plain_attrs) /
		       sizeof(plain_attrs[0]), sizeof(plain_attrs[0]),
		       cmp_name) != NULL;
}

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The end of the attribute starting at p (its name, then = and a value
 * when it has one), and the length of its name in *name_len. */
static const char *attr_end(const char *p, size_t *name_len)
{
	const char *q = p + 1;  /* a name's first character may be '=' */
	const char *v;

	while (*q && !space(*q) && *q != '/' && *q != '>' && *q != '=')
		q++;
	*name_len = (size_t)(q - p);
	v = q;
	while (space(*v))
		v++;
	if (*v != '=')
		return q;
	v++;
	while (space(*v))
		v++;
	if (*v == '"' || *v == '\'') {
		const char *close = strchr(v + 1, *v);

		return close ? close + 1 : v + strlen(v);
	}
	while (*v && !space(*v) && *v != '>')
		v++;
	return v;
}

/* Copies the start tag at p ("<name ...>") into b, leaving out the
 * attributes not on the list; what stays is byte for byte as written.
 * Returns where the tag ends. */
static const char *start_tag(struct rounds_buf *b, const char *p, bool *fail)
{
	const char *q = p + 1, *ws, *e;
	size_t n;

	while (*q && !space(*q) && *q != '/' && *q != '>')
		q++;
	*fail |= rounds_buf_append(b, p, (size_t)(q - p)) < 0;
	for (;;) {
		ws = q;
		while (space(*q) || (*q == '/' && q[1] != '>'))
			q++;
		if (*q == '\0' || *q == '>' || *q == '/')
			break;
		e = attr_end(q, &n);
		if (plain(q, n))
			*fail |= rounds_buf_append(b, ws, (size_t)(e - ws)) < 0;
		q = e;
	}
	e = q + strcspn(q, ">");
	if (*e == '>')
		e++;
	*fail |= rounds_buf_append(b, ws, (size_t)(e - ws)) < 0;
	return e;
}

/* Where the markup at p that is no start tag ends: a comment at its
 * "-->", an end tag, a declaration or a processing instruction at '>'. */
static const char *other_end(const char *p)
{
	const char *e;

	if (strncmp(p, "<!--", 4) == 0) {
		e = strstr(p + 4, "-->");
		return e ? e + 3 : p + strlen(p);
	}
	e = strchr(p, '>');
	return e ? e + 1 : p + strlen(p);
}

char *outfeed_html(const char *html)
{
	struct rounds_buf b;
	const char *p = html, *lt;
	bool fail = false;

	if (html == NULL)
		return NULL;
	rounds_buf_init(&b, 0);
	while (!fail && *p) {
		lt = strchr(p, '<');
		if (lt == NULL)
			lt = p + strlen(p);
		fail |= rounds_buf_append(&b, p, (size_t)(lt - p)) < 0;
		p = lt;
		if (*p == '\0')
			break;
		if (isalpha((unsigned char)p[1])) {
			p = start_tag(&b, p, &fail);
		} else if (p[1] == '/' || p[1] == '!' || p[1] == '?') {
			lt = other_end(p);
			fail |= rounds_buf_append(&b, p, (size_t)(lt - p)) < 0;
			p = lt;
		} else {
			fail |= rounds_buf_putc(&b, '<') < 0;    /* text */
			p++;
		}
	}
	if (fail)
		abort();        /* the buffer has no cap: out of memory */
	return rounds_buf_detach(&b);
}
