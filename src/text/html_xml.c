/* html_xml.c: the fast way into a fragment: libxml2's XML parser.
 *
 * Most articles are XHTML-style fragments (WordPress writes <img ... />
 * and <br />), which libxml2's XML parser reads several times faster than
 * its HTML parser.  html_sax_parse() tries this first; a fragment that is
 * not well-formed, or one the HTML parser would read differently, stops it
 * at once and goes to the HTML parser instead.  The events that reach the
 * caller are the ones the HTML parser gives for the same fragment.
 *
 * What could differ, and stops the XML reading:
 *  - names that are not plain ASCII (the HTML parser lower-cases them
 *    and reads other characters its own way);
 *  - html, head, body (past the outer one), frameset;
 *  - elements whose content the HTML parser reads as raw text (script
 *    and style; newer libxml2 also title, textarea, xmp, iframe ...):
 *    asked of it, like the rest below;
 *  - CDATA sections, which HTML does not have, and processing
 *    instructions, which HTML ends at the first '>';
 *  - a tab or line break inside an attribute value (XML makes it a space);
 *  - a named reference inside an attribute value (libxml2 keeps only the
 *    first byte of a predefined entity there) or one HTML does not know.
 * HTML's named references (&nbsp; &eacute; ...) in text are given to the
 * XML parser as predefined entities, so they need no fallback. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parserInternals.h>
#include <libxml/entities.h>
#include "rounds/xmlsetup.h"
#include "rounds/buf.h"
#include "html_int.h"

/* Distinct named references one fragment may use on this path. */
#define MAX_ENTS 48
/* Open elements on this path (libxml2 stops at 256 without XML_PARSE_HUGE) */
#define MAX_DEPTH 256

struct xent {
	xmlEntity ent;
	const htmlEntityDesc *desc;
	xmlChar utf8[8];
};

struct xfast {
	const htmlSAXHandler *sax;
	void *user;
	xmlParserCtxtPtr ctxt;
	int open[MAX_DEPTH];    /* the slots of the open elements ... */
	const xmlChar *names[MAX_DEPTH];        /* ... and their names */
	size_t depth;
	bool in_void;           /* a void element just started */
	bool bad;               /* stopped: the HTML parser must read it */
	struct xent *ents[MAX_ENTS];
	size_t n_ents;
	xmlParserInputBufferPtr kept;   /* see rounds_xml_stop() */
};

/* ---- what the HTML parser does, asked of it once per process ----
 *
 * Which start tag ends which open element (libxml2 ends a p when a ul
 * starts, an li when an li starts ...), and which elements are void.
 * Each answer comes from running libxml2's HTML parser over a two-tag
 * document, and is kept: elements of html_policy.c's table, and body,
 * have a slot; others stop the XML reading. */

#define SLOTS HTML_ELEM_SLOTS
enum { ASK = 0, NO, YES };
static _Atomic unsigned char ends_memo[SLOTS][SLOTS];
static _Atomic unsigned char void_memo[SLOTS];
static _Atomic unsigned char raw_memo[SLOTS];

struct probe {
	const char *outer;      /* the element whose end is looked for */
	bool ended;             /* it ended ... */
	bool after;             /* ... before what came after it */
	int seen;               /* starts seen */
	int next;               /* the start that comes after outer */
};

static void p_start(void *user, const xmlChar *name, const xmlChar **atts)
{
	struct probe *p = user;

	(void)name;
	(void)atts;
	if (++p->seen == p->next && !p->ended)
		p->after = true;
}

static void p_end(void *user, const xmlChar *name)
{
	struct probe *p = user;

	if (!p->after && strcmp((const char *)name, p->outer) == 0)
		p->ended = true;
}

static void p_text(void *user, const xmlChar *text, int len)
{
	struct probe *p = user;

	(void)text;
	(void)len;
	if (!p->ended)
		p->after = true;
}

void html_parse_html(const char *buf, size_t len, const htmlSAXHandler *sax,
		     void *user)
{
	htmlParserCtxtPtr ctxt;

	/* html_prepare() made the input valid UTF-8 */
	ctxt = rounds_html_sax_ctxt(buf, len, HTML_PARSE_NOERROR |
				    HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED |
				    HTML_PARSE_IGNORE_ENC);
	if (ctxt == NULL)
		return;
	memcpy(ctxt->sax, sax, sizeof(*sax));
	ctxt->userData = user;
	(void)htmlParseDocument(ctxt);  /* tag soup is expected, not an error */
	htmlFreeParserCtxt(ctxt);
}

/* Whether the HTML parser ends outer before what follows it in doc (the
 * start tag number next, or text). */
static bool ends_before(const char *doc, const char *outer, int next)
{
	htmlSAXHandler sax;
	struct probe p = { outer, false, false, 0, next };

	memset(&sax, 0, sizeof(sax));
	sax.startElement = p_start;
	sax.endElement = p_end;
	sax.characters = p_text;
	html_parse_html(doc, strlen(doc), &sax, &p);
	return p.ended;
}

static int slot(const xmlChar *name)
{
	const struct html_elem *el = html_elem_find((const char *)name);
	size_t n = html_elem_count();   /* below SLOTS: html_policy.c */

	if (el != NULL)
		return (int)html_elem_index(el);
	return strcmp((const char *)name, "body") == 0 ? (int)n : -1;
}

/* Whether starting name (slot s) ends the open element in slot top. */
static bool ends_open(const xmlChar *name, int s, const xmlChar *top_name,
		      int top)
{
	unsigned char v = ends_memo[top][s];
	char doc[128];

	if (v == ASK) {
		bool body = top == (int)html_elem_count();

		if (body)
			snprintf(doc, sizeof(doc), "<body><%s>", name);
		else
			snprintf(doc, sizeof(doc), "<body><%s><%s>", top_name,
				 name);
		v = ends_before(doc, (const char *)top_name, body ? 2 : 3) ?
			YES : NO;
		ends_memo[top][s] = v;
	}
	return v == YES;
}

/* Whether the HTML parser ends the element in slot s at once. */
static bool is_void(const xmlChar *name, int s)
{
	unsigned char v = void_memo[s];
	char doc[96];

	if (v == ASK) {
		snprintf(doc, sizeof(doc), "<body><%s>t", name);
		v = ends_before(doc, (const char *)name, 3) ? YES : NO;
		void_memo[s] = v;
	}
	return v == YES;
}

static void r_start(void *user, const xmlChar *name, const xmlChar **atts)
{
	(void)atts;
	if (strcmp((const char *)name, "b") == 0)
		*(bool *)user = true;
}

/* Whether the HTML parser reads the content of the element in slot s as
 * raw text, where the XML parser would find elements. */
static bool is_raw(const xmlChar *name, int s)
{
	unsigned char v = raw_memo[s];
	htmlSAXHandler sax;
	bool tag = false;
	char doc[96];

	if (v == ASK) {
		snprintf(doc, sizeof(doc), "<body><%s><b>", name);
		memset(&sax, 0, sizeof(sax));
		sax.startElement = r_start;
		html_parse_html(doc, strlen(doc), &sax, &tag);
		v = tag ? NO : YES;
		raw_memo[s] = v;
	}
	return v == YES;
}

static void stop(struct xfast *x)
{
	xmlParserInputBufferPtr in = rounds_xml_stop(x->ctxt);

	x->bad = true;
	if (in != NULL)
		x->kept = in;
}

/* Names the HTML parser reads the same way: ASCII letters (no upper
 * case: it lower-cases them), digits, '-', '_', '.', ':', not starting
 * with a digit, '-' or '.'. */
static bool plain_name(const xmlChar *s)
{
	if (!((*s >= 'a' && *s <= 'z') || *s == '_' || *s == ':'))
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_' || *s == '.' || *s == ':'))
			return false;
	return true;
}

static bool special(const xmlChar *name, size_t depth)
{
	const char *n = (const char *)name;

	switch (n[0]) {         /* most names start otherwise: no compare */
	case 'b': return strcmp(n, "body") == 0 && depth > 0;
	case 'h': return strcmp(n, "html") == 0 || strcmp(n, "head") == 0;
	case 'f': return strcmp(n, "frameset") == 0;
	default: return false;
	}
}

/* An attribute value with each "&#38;" made '&' again.  libxml2 writes
 * a reference to '&' (&amp; or &#38;) that way when it does not replace
 * entities, and a bare '&' cannot be in the value otherwise, so this
 * reading is the only one. */
static xmlChar *amp_back(const xmlChar *v)
{
	const char *p = (const char *)v, *q;
	struct rounds_buf b;

	rounds_buf_init(&b, 0);
	while ((q = strstr(p, "&#38;")) != NULL) {
		if (rounds_buf_append(&b, p, (size_t)(q - p) + 1) < 0)
			abort();        /* no cap: never */
		p = q + 5;
	}
	if (rounds_buf_puts(&b, p) < 0)
		abort();
	return (xmlChar *)rounds_buf_detach(&b);
}

/* Passes the start on, with attribute values as the HTML parser gives
 * them. */
static void start_with(struct xfast *x, const xmlChar *name,
		       const xmlChar **atts)
{
	const xmlChar **copy;
	bool amp = false;
	size_t n, i;

	for (n = 0; atts != NULL && atts[n] != NULL; n += 2)
		if (atts[n + 1] != NULL &&
		    strchr((const char *)atts[n + 1], '&') != NULL)
			amp = true;
	if (!amp) {
		x->sax->startElement(x->user, name, atts);
		return;
	}
	copy = xcalloc(n + 1, sizeof(*copy));
	for (i = 0; i < n; i += 2) {
		copy[i] = atts[i];
		copy[i + 1] = atts[i + 1] ? amp_back(atts[i + 1]) : NULL;
	}
	x->sax->startElement(x->user, name, copy);
	for (i = 1; i < n; i += 2)
		free((xmlChar *)copy[i]);
	free(copy);
}

/* Whether the start tag just read has a tab or line break inside an
 * attribute value: XML makes them spaces, HTML keeps them.  The tag ends
 * before the parser's position and starts at the '<' before that (XML
 * allows no '<' in values); when that is no longer in the buffer, say
 * yes. */
static bool spaces_changed(xmlParserCtxtPtr ctxt)
{
	const xmlChar *base = ctxt->input->base, *p = ctxt->input->cur;
	xmlChar quote = 0;

	if (p > base)
		p--;
	while (p > base && *p != '<')
		p--;
	if (*p != '<')
		return true;
	for (; p < ctxt->input->cur; p++) {
		if (quote == 0 && (*p == '"' || *p == '\''))
			quote = *p;
		else if (*p == quote)
			quote = 0;
		else if (quote != 0 && (*p == '\t' || *p == '\n' ||
					*p == '\r'))
			return true;
	}
	return false;
}

static void x_start(void *user, const xmlChar *name, const xmlChar **atts)
{
	struct xfast *x = user;
	const xmlChar **a;
	int s;

	if (x->bad)
		return;
	if (x->in_void || x->depth == MAX_DEPTH || !plain_name(name) ||
	    special(name, x->depth) || (s = slot(name)) < 0 ||
	    is_raw(name, s) ||
	    (x->depth > 0 && ends_open(name, s, x->names[x->depth - 1],
				       x->open[x->depth - 1])) ||
	    (atts != NULL && spaces_changed(x->ctxt))) {
		stop(x);
		return;
	}
	for (a = atts; a != NULL && a[0] != NULL; a += 2)
		if (!plain_name(a[0])) {
			stop(x);
			return;
		}
	x->names[x->depth] = name;
	x->open[x->depth++] = s;
	x->in_void = is_void(name, s);
	start_with(x, name, atts);
}

static void x_end(void *user, const xmlChar *name)
{
	struct xfast *x = user;

	if (x->bad)
		return;
	x->in_void = false;
	if (x->depth > 0)
		x->depth--;
	x->sax->endElement(x->user, name);
}

static void x_text(void *user, const xmlChar *text, int len)
{
	struct xfast *x = user;

	if (x->in_void)
		stop(x);
	if (!x->bad)
		x->sax->characters(x->user, text, len);
}

static void x_cdata(void *user, const xmlChar *text, int len)
{
	(void)text;
	(void)len;
	stop(user);
}

static void x_pi(void *user, const xmlChar *target, const xmlChar *data)
{
	(void)target;
	(void)data;
	stop(user);
}

static void x_error(void *user, const char *msg, ...)
{
	(void)msg;
	stop(user);
}

/* HTML's named references, as predefined entities: the parser passes
 * their text on as characters. */
static xmlEntityPtr x_entity(void *user, const xmlChar *name)
{
	struct xfast *x = user;
	const htmlEntityDesc *d;
	struct xent *e;
	size_t i;
	int n;

	if (x->ctxt->instate == XML_PARSER_ATTRIBUTE_VALUE)
		return NULL;            /* not well-formed: the HTML parser */
	d = rounds_html_entity(name);
	if (d == NULL)
		return NULL;
	for (i = 0; i < x->n_ents; i++)
		if (x->ents[i]->desc == d)
			return &x->ents[i]->ent;
	if (x->n_ents == MAX_ENTS)
		return NULL;
	e = xcalloc(1, sizeof(*e));
	n = xmlCopyCharMultiByte(e->utf8, (int)d->value);
	if (n <= 0 || n > 4) {
		free(e);
		return NULL;
	}
	e->desc = d;
	e->ent.type = XML_ENTITY_DECL;
	e->ent.name = (const xmlChar *)d->name;
	e->ent.etype = XML_INTERNAL_PREDEFINED_ENTITY;
	e->ent.content = e->utf8;
	e->ent.orig = e->utf8;
	e->ent.length = n;
	x->ents[x->n_ents++] = e;
	return &e->ent;
}

bool html_xml_parse(const char *buf, size_t len, const htmlSAXHandler *sax,
		    void *user)
{
	xmlSAXHandler xs;
	struct xfast x;
	bool ok;
	size_t i;

	memset(&x, 0, sizeof(x));
	x.sax = sax;
	x.user = user;
	x.ctxt = rounds_xml_sax_ctxt(buf, len, XML_PARSE_NOERROR |
				     XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC);
	if (x.ctxt == NULL)
		return false;
	/* SAX1 (initialized is 0): names as written, attributes as pairs,
	 * no namespace processing, as the HTML parser gives them */
	memset(&xs, 0, sizeof(xs));
	xs.startElement = x_start;
	xs.endElement = x_end;
	xs.characters = x_text;
	xs.ignorableWhitespace = x_text;
	xs.cdataBlock = x_cdata;
	xs.processingInstruction = x_pi;
	xs.getEntity = x_entity;
	xs.error = x_error;
	xs.fatalError = x_error;
	memcpy(x.ctxt->sax, &xs, sizeof(xs));
	x.ctxt->userData = &x;
	(void)xmlParseDocument(x.ctxt);
	ok = !x.bad && x.ctxt->wellFormed;
	rounds_xml_sax_ctxt_done(x.ctxt);
	xmlFreeParserInputBuffer(x.kept);
	for (i = 0; i < x.n_ents; i++)
		free(x.ents[i]);
	return ok;
}
