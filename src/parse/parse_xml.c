/* parse_xml.c: libxml2 set up safely, format detection, and the helpers
 * every XML format uses to fill fields.
 *
 * Safety: the bytes are cleaned first (parse_enc.c, which also expands
 * internal entities within caps); libxml2 then reads them with
 * XML_PARSE_RECOVER, set up by xmlsetup.h (no network, never NOENT, HUGE
 * or DTDLOAD, the external entity loader refuses everything); entity
 * declarations are ignored (a SAX hook), so libxml2 itself expands no
 * reference; libxml2's
 * own limits (depth 256, 10 MB per text node) stay, and a document it
 * cannot read is read once more with its tags repaired (parse_repair.c),
 * and each field is cut at ROUNDS_MAX_FIELD. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include "rounds/caps.h"
#include "rounds/date.h"
#include "rounds/html.h"
#include "rounds/url.h"
#include "rounds/xmlsetup.h"
#include "parse_int.h"

/* ---- safe libxml2 ---- */

struct xstate {
	char *first_error;      /* "line N: reason" */
	int well_formed;        /* libxml2 read it without recovering */
};

static void ignore_entity_decl(void *ctx, const xmlChar *name, int type,
			       const xmlChar *public_id,
			       const xmlChar *system_id, xmlChar *content)
{
	/* parse_enc.c expanded the internal ones; the rest stay out */
}

static void ignore_unparsed(void *ctx, const xmlChar *name,
			    const xmlChar *public_id, const xmlChar *system_id,
			    const xmlChar *notation)
{
}

static void on_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xstate *st = ctxt ? ctxt->_private : NULL;
	struct rounds_buf b;
	size_t n;

	if (st == NULL || e == NULL || e->level < XML_ERR_ERROR ||
	    st->first_error)
		return;
	rounds_buf_init(&b, 400);
	n = e->message ? strlen(e->message) : 0;
	while (n > 0 && (e->message[n - 1] == '\n' || e->message[n - 1] == ' '))
		n--;
	if (rounds_buf_printf(&b, "line %d: %.*s", e->line,
			      (int)(n > 300 ? 300 : n),
			      e->message ? e->message : "not well-formed") == 0)
		st->first_error = rounds_buf_detach(&b);
	rounds_buf_release(&b);
}

/* ---- namespaces ---- */

static enum ns classify(const xmlChar *href)
{
	static const struct { const char *uri; enum ns id; } known[] = {
		{ "http://purl.org/rss/1.0", NS_RSS10 },
		{ "http://my.netscape.com/rdf/simple/0.9", NS_RSS090 },
		{ "http://www.w3.org/2005/atom", NS_ATOM },
		{ "http://purl.org/atom/ns", NS_ATOM03 },
		/* Atom's drafts before 0.3 (Echo, Pie), still served */
		{ "http://purl.org/echo", NS_ATOM03 },
		{ "http://purl.org/pie", NS_ATOM03 },
		{ "http://example.com/newformat", NS_ATOM03 },
		{ "http://example.com/necho", NS_ATOM03 },
		{ "http://www.w3.org/1999/02/22-rdf-syntax-ns", NS_RDF },
		{ "http://purl.org/dc/elements/1.1", NS_DC },
		{ "http://purl.org/dc/elements/1.0", NS_DC },
		{ "http://purl.org/dc/terms", NS_DC },
		{ "http://purl.org/rss/1.0/modules/content", NS_CONTENT },
		{ "http://wellformedweb.org/commentapi", NS_WFW },
		{ "http://purl.org/rss/1.0/modules/slash", NS_SLASH },
		{ "http://purl.org/syndication/thread/1.0", NS_THR },
		{ "http://search.yahoo.com/mrss", NS_MEDIA },
		{ "http://video.search.yahoo.com/mrss", NS_MEDIA },
		{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
		{ "http://purl.org/rss/1.0/modules/syndication", NS_SY },
		{ "http://www.w3.org/1999/xhtml", NS_XHTML },
		{ "http://backend.userland.com/rss2", NS_RSS20 },
		{ "http://backend.userland.com/rss", NS_RSS20 },
		{ "http://blogs.law.harvard.edu/tech/rss", NS_RSS20 },
	};
	char u[128];
	const char *h = (const char *)href;
	size_t n, i;

	while (*h == ' ' || *h == '\t' || *h == '\n' || *h == '\r')
		h++;
	if (strncasecmp(h, "uri/of/echo/namespace", 21) == 0)
		return NS_ATOM03;       /* an early Echo draft's placeholder */
	if (strncasecmp(h, "https://", 8) == 0)
		h += 5;                 /* compare as http:// below */
	else if (strncasecmp(h, "http://", 7) == 0)
		h += 4;
	else
		return NS_OTHER;
	n = strlen(h);
	while (n > 0 && (h[n - 1] == '/' || h[n - 1] == '#' ||
			 h[n - 1] == ' ' || h[n - 1] == '\n'))
		n--;
	if (n + 4 >= sizeof(u))
		return NS_OTHER;
	memcpy(u, "http", 4);
	for (i = 0; i < n; i++)
		u[4 + i] = (char)((h[i] >= 'A' && h[i] <= 'Z') ? h[i] + 32 : h[i]);
	u[4 + n] = '\0';
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(u, known[i].uri) == 0)
			return known[i].id;
	/* every Userland RSS namespace (rss, rss2, the RSS 2.1 one ...) */
	if (strncmp(u, "http://backend.userland.com/rss", 31) == 0)
		return NS_RSS20;
	return NS_OTHER;
}

enum ns px_ns(struct pctx *c, const xmlNode *n)
{
	unsigned i;
	enum ns id;

	if (n->ns == NULL || n->ns->href == NULL)
		return NS_NONE;
	for (i = 0; i < c->n_ns_cache; i++)
		if (c->ns_cache[i].ns == n->ns)
			return c->ns_cache[i].id;
	id = classify(n->ns->href);
	i = c->n_ns_cache < NS_CACHE ? c->n_ns_cache++ : (unsigned)(
		(uintptr_t)n->ns % NS_CACHE);
	c->ns_cache[i].ns = n->ns;
	c->ns_cache[i].id = id;
	return id;
}

bool px_is(struct pctx *c, const xmlNode *n, enum ns ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
		strcmp((const char *)n->name, name) == 0 && px_ns(c, n) == ns;
}

static const char *attr_value(const xmlAttr *a)
{
	if (a->children && a->children->type == XML_TEXT_NODE &&
	    a->children->next == NULL)
		return (const char *)a->children->content;
	return NULL;    /* empty, or pieces: treat as absent */
}

const char *px_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return attr_value(a);
	return NULL;
}

static const char *attr_ns(struct pctx *c, const xmlNode *n, enum ns ns,
			   const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a; a = a->next) {
		if (a->ns == NULL || strcmp((const char *)a->name, name) != 0)
			continue;
		if (classify(a->ns->href) == ns)
			return attr_value(a);
	}
	return NULL;
}

const char *px_attr_ns(struct pctx *c, const xmlNode *n, enum ns ns,
		       const char *name)
{
	return attr_ns(c, n, ns, name);
}

/* ---- text ---- */

/* Cuts len to at most max bytes without splitting a UTF-8 sequence. */
size_t px_utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	len = max;
	while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--;
	return len;
}

const char *px_text(struct pctx *c, const xmlNode *n, size_t *len)
{
	const xmlNode *k = n->children;
	int depth = 0;

	*len = 0;
	if (k == NULL)
		return NULL;
	if (k->next == NULL && k->type == XML_TEXT_NODE) {
		if (k->content == NULL)
			return NULL;
		*len = px_utf8_cut((const char *)k->content,
				strlen((const char *)k->content),
				ROUNDS_MAX_FIELD);
		return *len ? (const char *)k->content : NULL;
	}
	rounds_buf_reset(&c->scratch);
	depth = 1;
	while (k && k != n) {
		if ((k->type == XML_TEXT_NODE ||
		     k->type == XML_CDATA_SECTION_NODE) && k->content) {
			size_t l = strlen((const char *)k->content);

			if (c->scratch.len + l > ROUNDS_MAX_FIELD) {
				l = px_utf8_cut((const char *)k->content, l,
					     ROUNDS_MAX_FIELD - c->scratch.len);
				if (rounds_buf_append(&c->scratch, k->content,
						      l) < 0)
					abort();
				break;
			}
			if (rounds_buf_append(&c->scratch, k->content, l) < 0)
				abort();
		}
		if (k->type == XML_ELEMENT_NODE && k->children &&
		    depth < ROUNDS_MAX_DEPTH) {
			k = k->children;
			depth++;
			continue;
		}
		while (k != n && k->next == NULL) {
			k = k->parent;
			depth--;
		}
		if (k == n)
			break;
		k = k->next;
	}
	*len = c->scratch.len;
	return *len ? rounds_buf_str(&c->scratch) : NULL;
}

/* XHTML elements lose their prefix ("xhtml:p" -> "p") so that the HTML
 * sanitiser knows them.  The tree is ours and freed right after. */
static void unprefix_xhtml(struct pctx *c, xmlNode *n)
{
	xmlNode *k = n->children;
	int depth = 1;

	while (k && k != n) {
		if (k->type == XML_ELEMENT_NODE && k->ns &&
		    px_ns(c, k) == NS_XHTML)
			k->ns = NULL;
		if (k->type == XML_ELEMENT_NODE && k->children &&
		    depth < ROUNDS_MAX_DEPTH) {
			k = k->children;
			depth++;
			continue;
		}
		while (k != n && k->next == NULL) {
			k = k->parent;
			depth--;
		}
		if (k == n)
			break;
		k = k->next;
	}
}

const char *px_inner_xml(struct pctx *c, const xmlNode *n, size_t *len)
{
	xmlBufferPtr xb = xmlBufferCreate();
	const xmlNode *k;
	size_t l;

	*len = 0;
	if (xb == NULL)
		abort();
	unprefix_xhtml(c, (xmlNode *)n);
	for (k = n->children; k; k = k->next) {
		if (xmlNodeDump(xb, n->doc, (xmlNode *)k, 0, 0) < 0)
			break;
		if ((size_t)xmlBufferLength(xb) > ROUNDS_MAX_FIELD)
			break;
	}
	rounds_buf_reset(&c->scratch);
	l = px_utf8_cut((const char *)xmlBufferContent(xb),
		     (size_t)xmlBufferLength(xb), ROUNDS_MAX_FIELD);
	if (rounds_buf_append(&c->scratch, xmlBufferContent(xb), l) < 0)
		abort();
	xmlBufferFree(xb);
	*len = c->scratch.len;
	return *len ? rounds_buf_str(&c->scratch) : NULL;
}

const char *px_base(const xmlNode *n, const char *base, char **owned)
{
	const xmlAttr *a;
	const char *v;

	*owned = NULL;
	for (a = n->properties; a; a = a->next) {
		if (a->ns == NULL || strcmp((const char *)a->name, "base") != 0 ||
		    a->ns->href == NULL ||
		    strcmp((const char *)a->ns->href,
			   (const char *)XML_XML_NAMESPACE) != 0)
			continue;
		v = attr_value(a);
		if (v == NULL)
			return base;
		*owned = rounds_url_resolve(base, v);
		return *owned ? *owned : base;
	}
	return base;
}

/* ---- the document ---- */

static enum rounds_format detect(struct pctx *c, xmlNode *root)
{
	const char *name = (const char *)root->name;
	const char *v;
	enum ns ns = px_ns(c, root);
	xmlNode *k;

	if (strcmp(name, "rss") == 0 || strcmp(name, "channel") == 0) {
		v = px_attr(root, "version");
		if (v && strcmp(v, "0.91") == 0)
			return ROUNDS_FMT_RSS091;
		if (v && strcmp(v, "0.92") == 0)
			return ROUNDS_FMT_RSS092;
		if (v && strcmp(v, "0.90") == 0)
			return ROUNDS_FMT_RSS090;
		return ROUNDS_FMT_RSS20;
	}
	if (strcmp(name, "RDF") == 0 && (ns == NS_RDF || ns == NS_NONE)) {
		for (k = root->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE &&
			    px_ns(c, k) == NS_RSS090)
				return ROUNDS_FMT_RSS090;
		return ROUNDS_FMT_RSS10;
	}
	if (strcmp(name, "feed") == 0 && ns != NS_XHTML) {
		v = px_attr(root, "version");
		if (v && strcmp(v, "0.3") == 0)
			return ROUNDS_FMT_ATOM03;
		return ROUNDS_FMT_ATOM10;
	}
	return ROUNDS_FMT_UNKNOWN;
}

static xmlDoc *read_xml(const struct enc_result *enc, struct xstate *st)
{
	xmlParserCtxtPtr ctxt = rounds_xml_ctxt_new();
	xmlDoc *doc;

	if (ctxt == NULL)
		abort();
	ctxt->_private = st;
	ctxt->sax->entityDecl = ignore_entity_decl;
	ctxt->sax->unparsedEntityDecl = ignore_unparsed;
	ctxt->sax->serror = on_error;
	doc = xmlCtxtReadMemory(ctxt, enc->data, (int)enc->len, NULL, "UTF-8",
				rounds_xml_options(XML_PARSE_RECOVER |
						   XML_PARSE_NOCDATA |
						   XML_PARSE_IGNORE_ENC |
						   XML_PARSE_COMPACT));
	if (doc && !ctxt->wellFormed && st->first_error == NULL)
		st->first_error = xstrdup("not well-formed");
	st->well_formed = ctxt->wellFormed;
	xmlFreeParserCtxt(ctxt);
	return doc;
}

/* The feed element: the root, or for a feed wrapped in an HTML page the
 * first rss, RDF or feed element inside it (depth first). */
static xmlNode *find_feed(struct pctx *c, xmlNode *n, unsigned depth,
			  enum rounds_format *fmt)
{
	xmlNode *k, *r;

	if (n->type != XML_ELEMENT_NODE || depth > ROUNDS_MAX_DEPTH)
		return NULL;
	*fmt = detect(c, n);
	if (*fmt != ROUNDS_FMT_UNKNOWN)
		return n;
	for (k = n->children; k; k = k->next)
		if ((r = find_feed(c, k, depth + 1, fmt)) != NULL)
			return r;
	return NULL;
}

/* The document libxml2 could not read, put straight for a second read:
 * its tags repaired (parse_repair.c) and the predefined entity references
 * written as character references.  libxml2 2.9's xmlParseReference
 * returns without a word for every entity reference in content once the
 * document is known not to be well-formed (the check of ctxt->wellFormed
 * before the predefined entities are inlined), but it reads character
 * references before that check. */
static void repaired(const char *bytes, size_t len,
		     const struct rounds_parse_opts *opts,
		     struct enc_result *enc)
{
	struct rounds_buf b;

	pe_clean(bytes, len, opts->charset, PE_XML | PE_PREDEF_REFS, enc);
	rounds_buf_init(&b, 0);
	pr_repair(enc->data, enc->len, &b);
	free(enc->buf);
	enc->len = b.len;
	enc->alloc = 0;
	enc->buf = rounds_buf_detach(&b);
	enc->data = enc->buf;
}

/* Reads the cleaned document; when libxml2 had to recover, reads it again
 * repaired, and keeps the first read's message. */
static xmlDoc *read_doc(const char *bytes, size_t len,
			const struct rounds_parse_opts *opts,
			struct enc_result *enc, struct xstate *st)
{
	xmlDoc *doc;
	char *first;

	pe_clean(bytes, len, opts->charset, PE_XML, enc);
	doc = read_xml(enc, st);
	if (st->well_formed)
		return doc;
	xmlFreeDoc(doc);
	pe_release(enc);
	first = st->first_error;
	st->first_error = NULL;
	repaired(bytes, len, opts, enc);
	doc = read_xml(enc, st);
	free(st->first_error);
	st->first_error = first;
	return doc;
}

int px_parse_xml(const char *bytes, size_t len,
		 const struct rounds_parse_opts *opts,
		 struct rounds_feed **out, struct rounds_err *err)
{
	struct enc_result enc;
	struct xstate st = { NULL, 0 };
	struct pctx c;
	xmlDoc *doc = NULL;
	xmlNode *root, *feed;
	enum rounds_format fmt = ROUNDS_FMT_UNKNOWN;
	int rc = -1;

	memset(&c, 0, sizeof(c));
	c.opts = opts;
	rounds_buf_init(&c.scratch, 0);
	doc = read_doc(bytes, len, opts, &enc, &st);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root)
		fmt = detect(&c, root);
	if (root && fmt == ROUNDS_FMT_UNKNOWN &&
	    (feed = find_feed(&c, root, 0, &fmt)) != NULL) {
		root = feed;
		if (st.first_error == NULL)
			st.first_error = xstrdup("the feed is inside an HTML "
						 "page");
	}
	if (fmt == ROUNDS_FMT_UNKNOWN) {
		if (root)
			rounds_err_set(err, EX_DATAERR, "no feed in the document: "
				       "the root element is <%.60s>, not rss, "
				       "RDF or feed", (const char *)root->name);
		else
			rounds_err_set(err, EX_DATAERR, "no feed in the document: "
				       "%s", st.first_error ? st.first_error :
				       "it is empty");
		goto out;
	}
	c.feed = rounds_feed_new();
	c.feed->format = fmt;
	if (fmt == ROUNDS_FMT_ATOM03 || fmt == ROUNDS_FMT_ATOM10)
		px_atom(&c, root, fmt);
	else
		px_rss(&c, root, fmt);
	if (enc.problem || st.first_error || enc.entity_decls) {
		c.feed->bozo = true;
		if (enc.problem)
			c.feed->bozo_message = xstrdup(enc.problem);
		else if (st.first_error)
			c.feed->bozo_message = xstrdup(st.first_error);
		else
			c.feed->bozo_message = xstrdup("external or "
				"parameter entity declarations ignored");
	}
	*out = c.feed;
	c.feed = NULL;
	rc = 0;
out:
	rounds_feed_free(c.feed);
	xmlFreeDoc(doc);
	free(st.first_error);
	pe_release(&enc);
	rounds_buf_release(&c.scratch);
	return rc;
}
