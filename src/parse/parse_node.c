/* parse_node.c: what the format readers ask of a libxml2 tree: which
 * namespace an element is in (matched by URI, known wrong spellings
 * included), its attributes, its text and inner markup, and its xml:base.
 * Every field is cut at ROUNDS_MAX_FIELD without splitting a character. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/tree.h>
#include "rounds/caps.h"
#include "rounds/url.h"
#include "parse_int.h"

/* ---- namespaces ---- */

static enum ns classify(const xmlChar *href)
{
	static const struct { const char *uri; enum ns id; } known[] = {
		{ "http://purl.org/rss/1.0", NS_RSS10 },
		/* RSS 1.1 (a 2005 successor, root <Channel>): read as 1.0 */
		{ "http://purl.org/net/rss1.1", NS_RSS10 },
		{ "http://my.netscape.com/rdf/simple/0.9", NS_RSS090 },
		/* the same, as some RSS 0.90 feeds and readers spell it */
		{ "http://channel.netscape.com/rdf/simple/0.9", NS_RSS090 },
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
		/* Media RSS under the RSS Advisory Board, as Squarespace
		 * declares it */
		{ "http://www.rssboard.org/media-rss", NS_MEDIA },
		{ "http://rssnamespace.org/feedburner/ext/1.0", NS_FEEDBURNER },
		/* Pheedo, an ad network, wrote FeedBurner's origLink and
		 * origEnclosureLink under its own name */
		{ "http://www.pheedo.com/namespace/pheedo", NS_FEEDBURNER },
		{ "http://purl.oclc.org/net/rss_2.0/enc", NS_ENC },
		{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
		/* the spelling of an example in Apple's first podcast spec */
		{ "http://example.com/dtds/podcast-1.0.dtd", NS_ITUNES },
		{ "http://purl.org/rss/1.0/modules/syndication", NS_SY },
		{ "http://www.google.com/schemas/play-podcasts/1.0",
		  NS_GOOGLEPLAY },
		{ "http://podcastindex.org/namespace/1.0", NS_PODCAST },
		/* the address the namespace's first documents gave */
		{ "http://github.com/podcastindex-org/podcast-namespace/blob/"
		  "main/docs/1.0.md", NS_PODCAST },
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

/* A namespace the document declares at an address of its own (a typo,
 * a copy's host) under a prefix everyone gives one module: read by the
 * prefix, as feedparser does ("content:encoded" at
 * "http://purl.org/rss/1.0/modules/content/x"). */
static enum ns by_prefix(const xmlChar *prefix)
{
	static const struct { const char *prefix; enum ns id; } known[] = {
		{ "content", NS_CONTENT }, { "dc", NS_DC },
		{ "dcterms", NS_DC }, { "media", NS_MEDIA },
		{ "itunes", NS_ITUNES }, { "slash", NS_SLASH },
		{ "wfw", NS_WFW }, { "thr", NS_THR },
		{ "feedburner", NS_FEEDBURNER }, { "sy", NS_SY },
		{ "googleplay", NS_GOOGLEPLAY }, { "podcast", NS_PODCAST },
	};
	size_t i;

	if (prefix == NULL)
		return NS_OTHER;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp((const char *)prefix, known[i].prefix) == 0)
			return known[i].id;
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
	if (c->core_href && xmlStrEqual(n->ns->href, c->core_href))
		id = c->core_id;
	else if ((id = classify(n->ns->href)) == NS_OTHER)
		id = by_prefix(n->ns->prefix);
	i = c->n_ns_cache < NS_CACHE ? c->n_ns_cache++ : (unsigned)(
		(uintptr_t)n->ns % NS_CACHE);
	c->ns_cache[i].ns = n->ns;
	c->ns_cache[i].id = id;
	return id;
}

enum ns px_ns_href(const xmlChar *href)
{
	return href ? classify(href) : NS_NONE;
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

/* Appends s (l bytes) to the scratch, cut at ROUNDS_MAX_FIELD.  False
 * when full. */
static bool add_plain(struct pctx *c, const char *s, size_t l)
{
	bool full = c->scratch.len + l > ROUNDS_MAX_FIELD;

	if (full)
		l = px_utf8_cut(s, l, ROUNDS_MAX_FIELD - c->scratch.len);
	if (rounds_buf_append(&c->scratch, s, l) < 0)
		abort();
	return !full;
}

/* Appends text s (l bytes) to the scratch, its marks (PE_MARK) replaced
 * by their sections' text, up to ROUNDS_MAX_FIELD.  False when full. */
static bool add_text(struct pctx *c, const char *s, size_t l)
{
	const char *end = s + l, *p, *t;
	size_t tl, skip;

	while (s < end) {
		p = c->marks ? memchr(s, PE_MARK[0], (size_t)(end - s)) : NULL;
		t = NULL;
		while (p && (t = pe_mark_text(c->marks, p, (size_t)(end - p),
					      &tl, &skip)) == NULL)
			p = memchr(p + 1, PE_MARK[0], (size_t)(end - p - 1));
		if (p == NULL)
			p = end;
		if (!add_plain(c, s, (size_t)(p - s)))
			return false;
		if (p == end)
			break;
		if (!add_plain(c, t, tl))
			return false;
		s = p + skip;
	}
	return true;
}

/* The text of a mark and nothing else, as it is (no copy), or NULL. */
static const char *only_mark(struct pctx *c, const char *s, size_t *len)
{
	size_t l = strlen(s), skip;
	const char *t;

	if (c->marks == NULL ||
	    (t = pe_mark_text(c->marks, s, l, len, &skip)) == NULL ||
	    skip != l)
		return NULL;
	*len = px_utf8_cut(t, *len, ROUNDS_MAX_FIELD);
	return t;
}

/* An element of HTML that parts the words around it, written as an
 * element in a text field (a line break, a block). */
static bool parts_words(const xmlNode *k)
{
	static const char *const names[] = {
		"br", "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr",
		"td", "th", "table", "blockquote", "pre", "hr", "h1", "h2",
		"h3", "h4", "h5", "h6", "section", "article", "header",
		"footer", "address",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp((const char *)k->name, names[i]) == 0)
			return true;
	return false;
}

static const char *text_of(struct pctx *c, const xmlNode *n, size_t *len,
			   bool part);

const char *px_text(struct pctx *c, const xmlNode *n, size_t *len)
{
	return text_of(c, n, len, true);
}

const char *px_text_raw(struct pctx *c, const xmlNode *n, size_t *len)
{
	return text_of(c, n, len, false);
}

/* The text of n's descendants; with part, a space where an element that
 * parts words stands. */
static const char *text_of(struct pctx *c, const xmlNode *n, size_t *len,
			   bool part)
{
	const xmlNode *k = n->children;
	const char *s;
	int depth = 0;

	*len = 0;
	if (k == NULL)
		return NULL;
	if (k->next == NULL && k->type == XML_TEXT_NODE) {
		if (k->content == NULL)
			return NULL;
		s = (const char *)k->content;
		if ((c->marks == NULL || strstr(s, PE_MARK) == NULL)) {
			*len = px_utf8_cut(s, strlen(s), ROUNDS_MAX_FIELD);
			return *len ? s : NULL;
		}
		if ((s = only_mark(c, s, len)) != NULL)
			return *len ? s : NULL;
	}
	rounds_buf_reset(&c->scratch);
	depth = 1;
	while (k && k != n) {
		if ((k->type == XML_TEXT_NODE ||
		     k->type == XML_CDATA_SECTION_NODE) && k->content &&
		    !add_text(c, (const char *)k->content,
			      strlen((const char *)k->content)))
			break;
		/* "Flu clinic<br/>moves", "<p>a</p><p>b</p>" written as
		 * elements: a line break or a block parts the words */
		if (part && k->type == XML_ELEMENT_NODE && parts_words(k))
			(void)add_text(c, " ", 1);
		if (k->type == XML_ELEMENT_NODE && k->children &&
		    depth < ROUNDS_MAX_DEPTH) {
			k = k->children;
			depth++;
			continue;
		}
		while (k != n && k->next == NULL) {
			k = k->parent;
			depth--;
			if (part && k != n && parts_words(k))
				(void)add_text(c, " ", 1);
		}
		if (k == n)
			break;
		k = k->next;
	}
	*len = c->scratch.len;
	return *len ? rounds_buf_str(&c->scratch) : NULL;
}

/* An element in a default namespace no feed format and no part of HTML
 * has (HTML's own, MathML and SVG are HTML's too; the feed's namespace is
 * HTML written as elements). */
static bool foreign(struct pctx *c, const xmlNode *k)
{
	const char *h;

	if (k->ns == NULL || k->ns->prefix != NULL || k->ns->href == NULL ||
	    px_ns(c, k) != NS_OTHER ||
	    (c->core_href && xmlStrEqual(k->ns->href, c->core_href)))
		return false;
	h = (const char *)k->ns->href;
	return strcmp(h, "http://www.w3.org/1998/Math/MathML") != 0 &&
		strcmp(h, "http://www.w3.org/2000/svg") != 0;
}

/* XHTML elements lose their prefix ("xhtml:p" -> "p") so that the HTML
 * sanitiser knows them, and text its marks (PE_MARK), so that it is
 * written escaped.  The tree is ours and freed right after. */
static void unprefix_xhtml(struct pctx *c, xmlNode *n)
{
	xmlNode *k = n->children;
	int depth = 1;

	while (k && k != n) {
		if (k->type == XML_ELEMENT_NODE && k->ns &&
		    px_ns(c, k) == NS_XHTML)
			k->ns = NULL;
		else if (k->type == XML_ELEMENT_NODE && foreign(c, k))
			/* an element of another vocabulary as the default
			 * namespace (RFC 4287 3.1.1.3: not XHTML): written as
			 * itself (<ul xmlns="urn:x">) it would read as HTML's;
			 * renamed, the sanitiser keeps its text only */
			xmlNodeSetName(k, (const xmlChar *)"rounds-foreign");
		if (k->type == XML_TEXT_NODE && k->content && c->marks &&
		    strstr((const char *)k->content, PE_MARK)) {
			rounds_buf_reset(&c->scratch);
			(void)add_text(c, (const char *)k->content,
				       strlen((const char *)k->content));
			xmlNodeSetContentLen(k, (const xmlChar *)
					     rounds_buf_str(&c->scratch),
					     (int)c->scratch.len);
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

/* n's own xml:base attribute, or NULL. */
static const xmlAttr *xml_base_attr(const xmlNode *n)
{
	const xmlAttr *a;

	for (a = n->properties; a; a = a->next)
		if (a->ns && a->ns->href &&
		    strcmp((const char *)a->name, "base") == 0 &&
		    strcmp((const char *)a->ns->href,
			   (const char *)XML_XML_NAMESPACE) == 0)
			return a;
	return NULL;
}

bool px_xml_base_in_scope(const xmlNode *n)
{
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (xml_base_attr(n))
			return true;
	return false;
}

const char *px_base(const xmlNode *n, const char *base, char **owned)
{
	const xmlAttr *a = xml_base_attr(n);
	const char *v;

	*owned = NULL;
	if (a == NULL || (v = attr_value(a)) == NULL)
		return base;
	*owned = rounds_url_resolve(base, v);
	return *owned ? *owned : base;
}
