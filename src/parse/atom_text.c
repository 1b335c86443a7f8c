/* atom_text.c: Atom's text constructs (RFC 4287 3.1: type text, html,
 * xhtml, another MIME type; Atom 0.3's mode escaped, base64, xml), for
 * Atom's own elements (parse_atom.c) and atom:* inside RSS (ns_ext.c). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rounds/buf.h"
#include "parse_int.h"

static bool named(const xmlNode *n, const char *name)
{
	return strcmp((const char *)n->name, name) == 0;
}

/* T_BASE64: any other MIME type, base64-encoded (RFC 4287 4.1.3.3);
 * kept as text when it decodes to text.  T_MAYBE: Atom 0.3's escaped
 * content of no type: text/plain by the 0.3 draft, though feeds put HTML
 * there; HTML when it plainly is (px_has_html_markup). */
enum tkind { T_TEXT, T_HTML, T_XHTML, T_BASE64, T_MAYBE };

static enum tkind text_kind(const xmlNode *n, bool *base64)
{
	const char *type = px_attr(n, "type");
	const char *mode = px_attr(n, "mode");
	size_t len;

	*base64 = mode && strcasecmp(mode, "base64") == 0;
	if (mode && strcasecmp(mode, "xml") == 0)
		return T_XHTML;
	if (type == NULL || *type == '\0')
		return mode && strcasecmp(mode, "escaped") == 0 ? T_MAYBE :
			T_TEXT;
	if (strcasecmp(type, "text") == 0 || strcasecmp(type, "text/plain") == 0)
		return T_TEXT;
	if (strcasecmp(type, "html") == 0 || strcasecmp(type, "text/html") == 0)
		return T_HTML;
	if (strcasecmp(type, "xhtml") == 0 ||
	    strcasecmp(type, "application/xhtml+xml") == 0)
		return mode && strcasecmp(mode, "escaped") == 0 ? T_HTML : T_XHTML;
	len = strlen(type);
	if (strncasecmp(type, "text/", 5) == 0)
		return T_TEXT;
	if ((len > 4 && strcasecmp(type + len - 4, "+xml") == 0) ||
	    (len > 4 && strcasecmp(type + len - 4, "/xml") == 0))
		return T_XHTML;
	if (mode && !*base64)
		return T_TEXT;  /* Atom 0.3: the mode says how it is written */
	*base64 = true;
	return T_BASE64;
}

static int b64(int ch)
{
	if (ch >= 'A' && ch <= 'Z')
		return ch - 'A';
	if (ch >= 'a' && ch <= 'z')
		return ch - 'a' + 26;
	if (ch >= '0' && ch <= '9')
		return ch - '0' + 52;
	if (ch == '+')
		return 62;
	if (ch == '/')
		return 63;
	return -1;
}

/* Atom 0.3 mode="base64": decoded in place into a new string. */
static char *unbase64(const char *s, size_t len, size_t *out_len)
{
	char *o = xmalloc(len / 4 * 3 + 4);
	unsigned acc = 0;
	int bits = 0, v;
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		v = b64((unsigned char)s[i]);
		if (v < 0)
			continue;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			o[n++] = (char)((acc >> bits) & 0xFF);
		}
	}
	o[n] = '\0';
	*out_len = n;
	return o;
}

/* Decoded bytes that are text: UTF-8, no NUL, no control character but
 * tab and line ends. */
static bool is_text(const char *s, size_t len)
{
	size_t i;

	if (s == NULL || strlen(s) != len || !xmlCheckUTF8((const xmlChar *)s))
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t' &&
		    s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

/* The first xhtml:div child, whose content is the value (RFC 4287 3.1.1.3). */
static const xmlNode *xhtml_div(struct pctx *c, const xmlNode *n)
{
	const xmlNode *k, *div = NULL;

	for (k = n->children; k; k = k->next) {
		if (k->type == XML_ELEMENT_NODE) {
			if (div || !named(k, "div"))
				return n;
			div = k;
		} else if (k->type == XML_TEXT_NODE && k->content &&
			   strspn((const char *)k->content, " \t\r\n") !=
			   strlen((const char *)k->content))
			return n;
	}
	return div ? div : n;
}

static bool element_child(const xmlNode *n)
{
	const xmlNode *k;

	for (k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			return true;
	return false;
}

/* Escaped text without markup HTML knows (T_MAYBE): its references are
 * read, and each '<' is text. */
static void maybe_html(struct px_el *x, enum px_field f, unsigned rank,
		       const char *s, size_t len, const char *base)
{
	struct rounds_buf b;

	rounds_buf_init(&b, 0);         /* each '<' grows to "&lt;" */
	px_lt_as_text(&b, s, len);
	px_put_html(x, f, rank, rounds_buf_str(&b), b.len, base);
	rounds_buf_release(&b);
}

void px_atom_text(struct px_el *x, const xmlNode *n, bool html,
		  enum px_field f, unsigned rank)
{
	bool is64;
	enum tkind k;
	const char *s, *base;
	char *own = NULL, *dec = NULL;
	size_t len;

	k = text_kind(n, &is64);
	/* Markup written as elements in a construct that says it holds
	 * escaped HTML or text (or Atom 0.3's, whose mode defaults to
	 * "xml"): the elements are what the writer meant, not their text. */
	if (!is64 && (k == T_HTML || k == T_TEXT || k == T_MAYBE) &&
	    element_child(n))
		k = T_XHTML;
	if (k == T_XHTML)
		s = px_inner_xml(x->c, xhtml_div(x->c, n), &len);
	else
		s = px_text(x->c, n, &len);
	if (s && is64) {
		dec = unbase64(s, len, &len);
		s = dec;
	}
	if (k == T_BASE64) {
		if (!is_text(s, len))
			goto out;       /* binary: nothing a reader can show */
		k = T_TEXT;
	}
	if (k == T_MAYBE && s && px_has_html_markup(s, len))
		k = T_HTML;
	base = px_base(n, x->base, &own);
	if (html && k == T_MAYBE && s)
		maybe_html(x, f, rank, s, len, base);
	else if (html && k == T_TEXT)
		px_put_plain_as_html(x, f, rank, s, len, base);
	else if (html)
		px_put_html(x, f, rank, s, len, base);
	else
		px_put_text(x, f, rank, s, len, k == T_MAYBE ? PX_MAYBE_HTML :
			    k != T_TEXT ? PX_HTML : PX_PLAIN);
out:
	free(dec);
	free(own);
}
