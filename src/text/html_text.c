/* html_text.c: plain text from HTML, white space collapsing, excerpts. */
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/caps.h"
#include "rounds/html.h"
#include "rounds/url.h"
#include "html_int.h"

struct text {
	struct html_sink sink;  /* first: the SAX user pointer */
};

static void put(struct text *t, const char *p, size_t n)
{
	if (!t->sink.failed && rounds_buf_append(&t->sink.out, p, n) < 0)
		t->sink.failed = true;
}

/* Whether an img src is one the sanitiser keeps: http(s) once resolved
 * (a relative reference is, against any web base), or data:image/... */
static bool src_usable(const char *v)
{
	char *u;
	bool ok;

	if (v == NULL || v[strspn(v, " \t\n\r\f")] == '\0')
		return false;
	if (html_data_image(v))
		return true;
	u = rounds_url_resolve("https://base.invalid/", v);
	ok = u != NULL && rounds_url_is_http(u);
	free(u);
	return ok;
}

/* An img the sanitiser would drop reads as its alt text. */
static void img_alt(struct text *t, const xmlChar **atts)
{
	const xmlChar **a;
	const char *alt = html_alt(atts);

	if (alt == NULL || t->sink.dropping > 0)
		return;
	for (a = atts; a[0] != NULL; a += 2)
		if (strcmp((const char *)a[0], "src") == 0 &&
		    src_usable((const char *)a[1]))
			return;
	put(t, alt, strlen(alt));
}

/* Elements that are not phrasing content break words: "<p>a</p><p>b</p>"
 * reads "a b", "H<sub>2</sub>O" reads "H2O"; an element HTML does not
 * know is inline, as browsers show it ("Tele<x-hl>health</x-hl>"). */
static void on_start(void *user, const xmlChar *name, const xmlChar **atts)
{
	struct text *t = user;
	const struct html_elem *el = html_elem_find((const char *)name);

	if (el != NULL && (el->flags & EL_DROP) && !(el->flags & EL_VOID))
		t->sink.dropping++;
	else if (el != NULL && !(el->flags & EL_INLINE))
		put(t, " ", 1);
	if (el != NULL && strcmp(el->name, "img") == 0)
		img_alt(t, atts);
}

static void on_end(void *user, const xmlChar *name)
{
	struct text *t = user;
	const struct html_elem *el = html_elem_find((const char *)name);

	if (el != NULL && (el->flags & EL_DROP) && !(el->flags & EL_VOID)) {
		if (t->sink.dropping > 0)
			t->sink.dropping--;
	} else if (el != NULL && !(el->flags & EL_INLINE)) {
		put(t, " ", 1);
	}
}

static void text_put(struct html_sink *sink, const char *p, size_t n)
{
	put((struct text *)sink, p, n);
}

char *rounds_html_to_text(const char *html, size_t len)
{
	struct text t;
	size_t n;
	char *in, *res;

	if (html == NULL)
		return NULL;
	if (memchr(html, '<', len) == NULL && memchr(html, '&', len) == NULL) {
		in = html_prepare(html, len, false, &n);
		res = rounds_text_collapse(in, n);
		free(in);
		return res;
	}
	memset(&t, 0, sizeof(t));
	rounds_buf_init(&t.sink.out, ROUNDS_MAX_FIELD);
	t.sink.put_text = text_put;
	in = html_prepare(html, len, true, &n);
	html_sink_parse(&t.sink, in, n, on_start, on_end);
	free(in);
	if (t.sink.failed)
		return xstrdup("");
	res = rounds_text_collapse(rounds_buf_str(&t.sink.out), t.sink.out.len);
	rounds_buf_release(&t.sink.out);
	return res;
}

/* Length of the ASCII white space at s; 0 if none. */
static size_t space_at(const char *s)
{
	unsigned char c = (unsigned char)s[0];

	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* Whether s (n bytes left) starts with U+00A0 NO-BREAK SPACE (C2 A0). */
static bool nbsp_at(const char *s, size_t n)
{
	return n > 1 && (unsigned char)s[0] == 0xC2 &&
	       (unsigned char)s[1] == 0xA0;
}

char *rounds_text_collapse(const char *text, size_t len)
{
	char *out, *o;
	size_t i = 0;
	bool gap = false;

	if (text == NULL)
		return NULL;
	/* No-break spaces are the author's: kept, except at either end. */
	while (i < len && (space_at(text + i) || nbsp_at(text + i, len - i)))
		i += space_at(text + i) ? 1 : 2;
	while (len > i && (space_at(text + len - 1) ||
			   (len - i > 1 && nbsp_at(text + len - 2, 2))))
		len -= space_at(text + len - 1) ? 1 : 2;
	out = o = xmalloc(len - i + 1);
	while (i < len) {
		if (space_at(text + i)) {
			gap = true;
			i++;
			continue;
		}
		if (gap)
			*o++ = ' ';
		gap = false;
		*o++ = text[i++];
	}
	*o = '\0';
	return out;
}

static bool is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

char *rounds_text_excerpt(const char *text, size_t max)
{
	static const char ellipsis[] = "\xE2\x80\xA6";     /* U+2026 */
	size_t len, cut, word;
	char *out;

	if (text == NULL)
		return NULL;
	len = strlen(text);
	if (len <= max)
		return xstrdup(text);
	/* The longest prefix that ends at a word: text[cut] is a space. */
	word = 0;
	for (cut = max + 1; cut > 0; cut--)
		if (text[cut - 1] == ' ') {
			word = cut - 1;
			break;
		}
	cut = word;
	if (cut == 0) {
		/* One word longer than max: cut it at a character. */
		cut = max;
		while (cut > 0 && is_cont((unsigned char)text[cut]))
			cut--;
	}
	while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == ',' ||
			   text[cut - 1] == ';' || text[cut - 1] == ':'))
		cut--;
	out = xmalloc(cut + sizeof(ellipsis));
	memcpy(out, text, cut);
	memcpy(out + cut, ellipsis, sizeof(ellipsis));
	return out;
}
