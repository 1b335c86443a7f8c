/* parse_xml.c: an XML document read safely, its format detected and
 * handed to parse_rss.c or parse_atom.c (which read the tree through
 * parse_node.c).
 *
 * Safety: the bytes are cleaned first (parse_enc.c, which also expands
 * internal entities within caps); libxml2 then reads them with
 * XML_PARSE_RECOVER, set up by xmlsetup.h (no network, never NOENT, HUGE
 * or DTDLOAD, the external entity loader refuses everything); entity
 * declarations are ignored (a SAX hook), so libxml2 itself expands no
 * reference; libxml2's own limits (depth 256, 10 MB per text node) stay,
 * and a document it cannot read is read once more with its tags repaired
 * (parse_repair.c). */
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
