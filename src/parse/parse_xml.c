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

/* Errors libxml2 may report on one read before it is stopped: each report
 * copies what it quotes, and some quote all they have read of the
 * construct ("Double hyphen within comment" quotes the comment so far), so
 * a document made of such errors costs the square of its size.  A read
 * stopped keeps what it had read. */
#define MAX_XML_ERRORS 100

struct xstate {
	char *first_error;      /* "line N: reason" */
	int well_formed;        /* libxml2 read it without recovering */
	unsigned errors;        /* reported on this read */
	xmlParserInputBufferPtr kept;   /* see rounds_xml_stop() */
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

	if (st != NULL && ++st->errors == MAX_XML_ERRORS)
		st->kept = rounds_xml_stop(ctxt);
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

/* A feed element in a namespace that is not its format's (Atom's drafts
 * named theirs by draft number, some feeds make one up or borrow
 * another's): its elements are read as the format's own, as readers have
 * always done. */
static void adopt_ns(struct pctx *c, const xmlNode *root, enum ns id)
{
	enum ns ns;

	if (root->ns == NULL || root->ns->href == NULL)
		return;
	ns = px_ns(c, root);
	if (ns == id || (id == NS_RSS20 && (ns == NS_RSS10 ||
					    ns == NS_RSS090)) ||
	    (id != NS_RSS20 && (ns == NS_ATOM || ns == NS_ATOM03)))
		return;
	c->core_href = root->ns->href;
	c->core_id = id;
	c->n_ns_cache = 0;
}

static enum rounds_format detect(struct pctx *c, xmlNode *root)
{
	const char *name = (const char *)root->name;
	const char *v;
	enum ns ns = px_ns(c, root);
	xmlNode *k;

	if (strcmp(name, "channel") == 0 && ns == NS_RSS10)
		return ROUNDS_FMT_RSS10;        /* RSS 1.1's <Channel> */
	if (strcmp(name, "rss") == 0 || strcmp(name, "channel") == 0) {
		adopt_ns(c, root, NS_RSS20);
		v = px_attr(root, "version");
		if (v && strcmp(v, "0.91") == 0)
			return ROUNDS_FMT_RSS091;
		if (v && strcmp(v, "0.92") == 0)
			return ROUNDS_FMT_RSS092;
		if (v && strcmp(v, "0.90") == 0)
			return ROUNDS_FMT_RSS090;
		return ROUNDS_FMT_RSS20;
	}
	if (strcmp(name, "RDF") == 0 && ns == NS_RSS090)
		return ROUNDS_FMT_RSS090;       /* the root in RSS 0.90's own */
	if (strcmp(name, "RDF") == 0 && (ns == NS_RDF || ns == NS_NONE)) {
		const xmlNs *d;

		for (k = root->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE &&
			    px_ns(c, k) == NS_RSS090)
				return ROUNDS_FMT_RSS090;
		/* an empty one: by the namespace it declares its own */
		for (d = root->nsDef; d; d = d->next)
			if (d->prefix == NULL &&
			    px_ns_href(d->href) == NS_RSS090)
				return ROUNDS_FMT_RSS090;
		return ROUNDS_FMT_RSS10;
	}
	if (strcmp(name, "feed") == 0 && ns != NS_XHTML) {
		v = px_attr(root, "version");
		adopt_ns(c, root, v && strcmp(v, "0.3") == 0 ? NS_ATOM03 :
			 NS_ATOM);
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
	st->errors = 0;
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
	xmlFreeParserInputBuffer(st->kept);
	st->kept = NULL;
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

/* libxml2 keeps an element or attribute whose prefix was never declared
 * under its whole name ("dc:creator") in no namespace.  Feeds forget the
 * declaration of the common prefixes often enough that readers take them
 * at their usual meaning: such a node is put in that namespace. */
static xmlNs *usual_ns(xmlNode *root, const xmlChar *qname, size_t plen)
{
	static const char *const usual[][2] = {
		{ "dc", "http://purl.org/dc/elements/1.1/" },
		{ "dcterms", "http://purl.org/dc/terms/" },
		{ "content", "http://purl.org/rss/1.0/modules/content/" },
		{ "wfw", "http://wellformedweb.org/CommentAPI/" },
		{ "slash", "http://purl.org/rss/1.0/modules/slash/" },
		{ "thr", "http://purl.org/syndication/thread/1.0" },
		{ "media", "http://search.yahoo.com/mrss/" },
		{ "itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd" },
		{ "atom", "http://www.w3.org/2005/Atom" },
		{ "xhtml", "http://www.w3.org/1999/xhtml" },
		{ "rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#" },
		{ "sy", "http://purl.org/rss/1.0/modules/syndication/" },
	};
	char prefix[16];
	xmlNs *ns;
	size_t i;

	if (plen == 0 || plen >= sizeof(prefix))
		return NULL;
	memcpy(prefix, qname, plen);
	prefix[plen] = '\0';
	for (i = 0; i < sizeof(usual) / sizeof(usual[0]); i++) {
		if (strcmp(prefix, usual[i][0]) != 0)
			continue;
		ns = xmlSearchNs(root->doc, root, (const xmlChar *)prefix);
		return ns ? ns : xmlNewNs(root, (const xmlChar *)usual[i][1],
					  (const xmlChar *)prefix);
	}
	return NULL;
}

static void adopt_prefix(xmlNode *root, xmlNode *n)
{
	const xmlChar *colon = xmlStrchr(n->name, ':');
	xmlNs *ns;

	if (n->ns != NULL || colon == NULL || colon[1] == '\0')
		return;
	ns = usual_ns(root, n->name, (size_t)(colon - n->name));
	if (ns == NULL)
		return;
	xmlNodeSetName(n, colon + 1);
	n->ns = ns;
}

static void undeclared_prefixes(xmlNode *root, xmlNode *n, unsigned depth)
{
	xmlAttr *a;

	for (; n && depth <= ROUNDS_MAX_DEPTH; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		adopt_prefix(root, n);
		for (a = n->properties; a; a = a->next)
			adopt_prefix(root, (xmlNode *)a);
		undeclared_prefixes(root, n->children, depth + 1);
	}
}

/* A feed written in capitals (<RSS><CHANNEL><ITEM><PUBDATE>) is read as
 * its format spells the names: readers match them whatever their case.
 * Each element and attribute name is folded to lower case, or to the
 * formats' own spelling of it when that has capitals. */
static void fold_name(xmlNode *n)
{
	static const char *const camel[] = {
		"RDF", "pubDate", "lastBuildDate", "managingEditor",
		"webMaster", "textInput", "skipHours", "skipDays",
		"isPermaLink", "commentRss", "fileSize", "updatePeriod",
		"updateFrequency", "updateBase",
	};
	const char *name = (const char *)n->name;
	char low[64];
	size_t i, len = strlen(name);
	bool changed = false;

	if (len >= sizeof(low))
		return;
	for (i = 0; i <= len; i++) {
		low[i] = name[i] >= 'A' && name[i] <= 'Z' ?
			(char)(name[i] + 32) : name[i];
		changed |= low[i] != name[i];
	}
	for (i = 0; i < sizeof(camel) / sizeof(camel[0]); i++)
		if (strcasecmp(low, camel[i]) == 0) {
			if (strcmp(name, camel[i]) != 0)
				xmlNodeSetName(n, (const xmlChar *)camel[i]);
			return;
		}
	if (changed)
		xmlNodeSetName(n, (const xmlChar *)low);
}

static void fold_names(xmlNode *n, unsigned depth)
{
	xmlAttr *a;

	for (; n && depth <= ROUNDS_MAX_DEPTH; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		fold_name(n);
		for (a = n->properties; a; a = a->next)
			fold_name((xmlNode *)a);
		fold_names(n->children, depth + 1);
	}
}

/* Whether name is want written in other capitals. */
static bool other_caps(const xmlChar *name, const char *want)
{
	return strcasecmp((const char *)name, want) == 0 &&
		strcmp((const char *)name, want) != 0;
}

/* True when the root is a feed's written in other capitals, or its
 * channel or items are (an RDF root spelled right around a <CHANNEL>). */
static bool shouting(const xmlNode *root)
{
	static const char *const roots[] = { "rss", "channel", "RDF", "feed" };
	static const char *const kids[] = { "channel", "item", "entry" };
	const xmlNode *n;
	size_t i;

	for (i = 0; i < sizeof(roots) / sizeof(roots[0]); i++)
		if (strcasecmp((const char *)root->name, roots[i]) == 0)
			break;
	if (i == sizeof(roots) / sizeof(roots[0]))
		return false;
	if (strcmp((const char *)root->name, roots[i]) != 0)
		return true;
	for (n = root->children; n; n = n->next)
		for (i = 0; n->type == XML_ELEMENT_NODE &&
		     i < sizeof(kids) / sizeof(kids[0]); i++)
			if (other_caps(n->name, kids[i]))
				return true;
	return false;
}

/* The address the feed gives itself (atom:link rel="self", on the feed
 * or channel), when absolute http(s): the document's own location when
 * the caller knows none (a file read without --base), as a JSON Feed's
 * feed_url is.  Caller frees. */
static char *self_base(struct pctx *c, const xmlNode *root)
{
	const xmlNode *n, *k, *levels[2] = { root, NULL };
	const char *rel, *href;
	size_t i;

	for (n = root->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, (const xmlChar *)"channel")) {
			levels[1] = n;
			break;
		}
	for (i = 0; i < 2 && levels[i]; i++)
		for (k = levels[i]->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE &&
			    xmlStrEqual(k->name, (const xmlChar *)"link") &&
			    (px_ns(c, k) == NS_ATOM ||
			     px_ns(c, k) == NS_ATOM03) &&
			    (rel = px_attr(k, "rel")) != NULL &&
			    strcmp(rel, "self") == 0 &&
			    (href = px_attr(k, "href")) != NULL &&
			    rounds_url_is_http(href))
				return xstrdup(href);
	return NULL;
}

int px_parse_xml(const char *bytes, size_t len,
		 const struct rounds_parse_opts *opts,
		 struct rounds_feed **out, struct rounds_err *err)
{
	struct rounds_parse_opts own_opts;
	char *self = NULL;
	struct enc_result enc;
	struct xstate st = { NULL, 0, 0, NULL };
	struct pctx c;
	xmlDoc *doc = NULL;
	xmlNode *root, *feed;
	enum rounds_format fmt = ROUNDS_FMT_UNKNOWN;
	int rc = -1;

	memset(&c, 0, sizeof(c));
	c.opts = opts;
	rounds_buf_init(&c.scratch, 0);
	doc = read_doc(bytes, len, opts, &enc, &st);
	c.marks = enc.marks;
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root && st.first_error)
		undeclared_prefixes(root, root, 0);
	if (root && shouting(root))
		fold_names(root, 0);
	if (root)
		fmt = detect(&c, root);
	if (root && fmt == ROUNDS_FMT_UNKNOWN &&
	    strcmp((const char *)root->name, "entry") == 0 &&
	    (px_ns(&c, root) == NS_ATOM || px_ns(&c, root) == NS_ATOM03)) {
		/* an Atom Entry Document (RFC 4287 section 2): a feed of one
		 * entry, with nothing of its own */
		fmt = px_ns(&c, root) == NS_ATOM ? ROUNDS_FMT_ATOM10 :
			ROUNDS_FMT_ATOM03;
		c.entry_doc = true;
	}
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
				       "RDF, feed or an Atom entry",
				       (const char *)root->name);
		else
			rounds_err_set(err, EX_DATAERR, "no feed in the document: "
				       "%s", st.first_error ? st.first_error :
				       "it is empty");
		goto out;
	}
	c.feed = rounds_feed_new();
	c.feed->format = fmt;
	if (opts->base == NULL && (self = self_base(&c, root)) != NULL) {
		own_opts = *opts;
		own_opts.base = self;
		c.opts = &own_opts;
		c.base_is_self = true;
	}
	if (fmt == ROUNDS_FMT_ATOM03 || fmt == ROUNDS_FMT_ATOM10)
		px_atom(&c, root, fmt);
	else
		px_rss(&c, root, fmt);
	if (enc.problem || st.first_error || enc.entity_decls || enc.minor) {
		c.feed->bozo = true;
		if (enc.problem)
			c.feed->bozo_message = xstrdup(enc.problem);
		else if (st.first_error)
			c.feed->bozo_message = xstrdup(st.first_error);
		else if (enc.minor)
			c.feed->bozo_message = xstrdup(enc.minor);
		else
			c.feed->bozo_message = xstrdup("external or "
				"parameter entity declarations ignored");
	}
	*out = c.feed;
	c.feed = NULL;
	rc = 0;
out:
	rounds_feed_free(c.feed);
	free(self);
	xmlFreeDoc(doc);
	free(st.first_error);
	pe_release(&enc);
	rounds_buf_release(&c.scratch);
	return rc;
}
