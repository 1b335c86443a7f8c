/* parse_xml.c: libxml2 set up safely, format detection, and the helpers
 * every XML format uses to fill fields.
 *
 * Safety: the bytes are cleaned first (parse_enc.c); libxml2 then reads
 * them with XML_PARSE_RECOVER | XML_PARSE_NONET, never NOENT, HUGE or
 * DTDLOAD; entity declarations in the internal subset are ignored (a SAX
 * hook), so no reference can expand; the external entity loader refuses
 * everything; libxml2's own limits (depth 256, 10 MB per text node) stay,
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
#include "parse_int.h"

/* ---- safe libxml2 ---- */

static xmlParserInputPtr refuse_entity(const char *url, const char *id,
				       xmlParserCtxtPtr ctxt)
{
	return NULL;
}

struct xstate {
	char *first_error;      /* "line N: reason" */
	bool entity_decls;
};

static void ignore_entity_decl(void *ctx, const xmlChar *name, int type,
			       const xmlChar *public_id,
			       const xmlChar *system_id, xmlChar *content)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xstate *st = ctxt->_private;

	st->entity_decls = true;
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

static void xml_init(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity);
}

/* ---- namespaces ---- */

static enum ns classify(const xmlChar *href)
{
	static const struct { const char *uri; enum ns id; } known[] = {
		{ "http://purl.org/rss/1.0", NS_RSS10 },
		{ "http://my.netscape.com/rdf/simple/0.9", NS_RSS090 },
		{ "http://www.w3.org/2005/atom", NS_ATOM },
		{ "http://purl.org/atom/ns", NS_ATOM03 },
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
static size_t utf8_cut(const char *s, size_t len, size_t max)
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
		*len = utf8_cut((const char *)k->content,
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
				l = utf8_cut((const char *)k->content, l,
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

const char *px_inner_xml(struct pctx *c, const xmlNode *n, size_t *len)
{
	xmlBufferPtr xb = xmlBufferCreate();
	const xmlNode *k;
	size_t l;

	*len = 0;
	if (xb == NULL)
		abort();
	for (k = n->children; k; k = k->next) {
		if (xmlNodeDump(xb, n->doc, (xmlNode *)k, 0, 0) < 0)
			break;
		if ((size_t)xmlBufferLength(xb) > ROUNDS_MAX_FIELD)
			break;
	}
	rounds_buf_reset(&c->scratch);
	l = utf8_cut((const char *)xmlBufferContent(xb),
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

/* ---- field setters ---- */

static bool space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static const char *trim(const char *s, size_t *len)
{
	size_t n = *len;

	while (n > 0 && space(*s))
		s++, n--;
	while (n > 0 && space(s[n - 1]))
		n--;
	*len = n;
	return s;
}

static void store(char **field, char *v)
{
	if (v == NULL || *v == '\0') {
		free(v);
		return;
	}
	free(*field);
	*field = v;
}

void px_set_text(char **field, const char *s, size_t len, bool replace)
{
	if (s == NULL || (*field && !replace))
		return;
	store(field, rounds_text_collapse(s, utf8_cut(s, len, ROUNDS_MAX_TITLE)));
}

void px_set_html_text(char **field, const char *s, size_t len, bool replace)
{
	if (s == NULL || (*field && !replace))
		return;
	store(field, rounds_html_to_text(s, utf8_cut(s, len, ROUNDS_MAX_TITLE)));
}

void px_set_html(char **field, const char *html, size_t len,
		 const char *base, bool replace)
{
	if (html == NULL || (*field && !replace))
		return;
	html = trim(html, &len);
	if (len == 0)
		return;
	store(field, rounds_html_sanitize(html, len, base));
}

void px_set_plain_as_html(char **field, const char *s, size_t len,
			  const char *base, bool replace)
{
	struct rounds_buf b;
	size_t i, from = 0;
	int rc = 0;

	if (s == NULL || (*field && !replace))
		return;
	s = trim(s, &len);
	if (len == 0)
		return;
	rounds_buf_init(&b, 0);
	for (i = 0; i < len && rc == 0; i++) {
		const char *rep = s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;" :
			s[i] == '&' ? "&amp;" : NULL;

		if (rep == NULL)
			continue;
		rc = rounds_buf_append(&b, s + from, i - from);
		if (rc == 0)
			rc = rounds_buf_puts(&b, rep);
		from = i + 1;
	}
	if (rc == 0)
		rc = rounds_buf_append(&b, s + from, len - from);
	if (rc < 0)
		abort();
	store(field, rounds_buf_detach(&b));
}

void px_set_url(char **field, const char *ref, const char *base,
		bool replace)
{
	size_t len;
	char *r, *u;

	if (ref == NULL || (*field && !replace))
		return;
	len = strlen(ref);
	ref = trim(ref, &len);
	if (len == 0 || len > ROUNDS_MAX_URL)
		return;
	r = xstrndup(ref, len);
	u = rounds_url_resolve(base, r);
	free(r);
	if (u && strlen(u) > ROUNDS_MAX_URL) {
		free(u);
		return;
	}
	store(field, u);
}

void px_set_str(char **field, const char *s, size_t len, bool replace)
{
	if (s == NULL || (*field && !replace))
		return;
	s = trim(s, &len);
	if (len == 0)
		return;
	store(field, xstrndup(s, utf8_cut(s, len, ROUNDS_MAX_TITLE)));
}

void px_set_date(int64_t *t, bool *has, const char *s, bool replace)
{
	char buf[128];
	size_t len;
	int64_t v;

	if (s == NULL || (*has && !replace))
		return;
	len = strlen(s);
	s = trim(s, &len);
	if (len == 0 || len >= sizeof(buf))
		return;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (rounds_date_parse(buf, &v)) {
		*t = v;
		*has = true;
	}
}

bool px_parse_count(const char *s, int64_t *out)
{
	size_t len, i;
	int64_t v = 0;

	if (s == NULL)
		return false;
	len = strlen(s);
	s = trim(s, &len);
	if (len == 0 || len > 18)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

void px_person_from_rss(struct rounds_person *p, const char *s, size_t len)
{
	const char *open, *close, *at;

	memset(p, 0, sizeof(*p));
	if (s == NULL)
		return;
	s = trim(s, &len);
	if (len == 0)
		return;
	at = memchr(s, '@', len);
	open = memchr(s, '(', len);
	close = len > 0 && s[len - 1] == ')' ? s + len - 1 : NULL;
	if (at && open && close && at < open) {
		px_set_str(&p->email, s, (size_t)(open - s), true);
		px_set_text(&p->name, open + 1, (size_t)(close - open - 1), true);
		return;
	}
	open = memchr(s, '<', len);
	close = len > 0 && s[len - 1] == '>' ? s + len - 1 : NULL;
	if (at && open && close && at > open) {
		px_set_text(&p->name, s, (size_t)(open - s), true);
		px_set_str(&p->email, open + 1, (size_t)(close - open - 1), true);
		return;
	}
	if (at && memchr(s, ' ', len) == NULL) {
		px_set_str(&p->email, s, len, true);
		return;
	}
	px_set_text(&p->name, s, len, true);
}

static bool same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

void px_add_author(struct rounds_entry *e, struct rounds_person *p)
{
	size_t i;

	if (rounds_person_empty(p))
		return;
	for (i = 0; i < e->n_authors; i++) {
		struct rounds_person *q = &e->authors[i];

		if (same(q->name, p->name) &&
		    (same(q->email, p->email) || !p->email) &&
		    (same(q->uri, p->uri) || !p->uri))
			goto drop;
		if (same(q->name, p->name) && !q->email && !q->uri) {
			/* the same name, now with more detail */
			rounds_person_release(q);
			*q = *p;
			memset(p, 0, sizeof(*p));
			return;
		}
	}
	if (e->n_authors >= ROUNDS_MAX_LIST)
		goto drop;
	e->authors = xrealloc(e->authors, (e->n_authors + 1) *
			      sizeof(*e->authors));
	e->authors[e->n_authors++] = *p;
	memset(p, 0, sizeof(*p));
	return;
drop:
	rounds_person_release(p);
}

void px_add_category(struct rounds_entry *e, const char *s, size_t len)
{
	char *v = NULL;
	size_t i;

	if (s == NULL || e->n_categories >= ROUNDS_MAX_LIST)
		return;
	px_set_text(&v, s, len, true);
	if (v == NULL)
		return;
	for (i = 0; i < e->n_categories; i++)
		if (strcmp(e->categories[i], v) == 0) {
			free(v);
			return;
		}
	e->categories = xrealloc(e->categories, (e->n_categories + 1) *
				 sizeof(*e->categories));
	e->categories[e->n_categories++] = v;
}

void px_add_enclosure(struct rounds_entry *e, const char *url,
		      const char *type, const char *length, const char *base)
{
	struct rounds_enclosure enc;
	size_t i;

	memset(&enc, 0, sizeof(enc));
	px_set_url(&enc.url, url, base, true);
	if (enc.url == NULL)
		return;
	if (type)
		px_set_str(&enc.type, type, strlen(type), true);
	enc.has_length = px_parse_count(length, &enc.length);
	for (i = 0; i < e->n_enclosures; i++) {
		struct rounds_enclosure *o = &e->enclosures[i];

		if (strcmp(o->url, enc.url) != 0)
			continue;
		if (o->type == NULL) {
			o->type = enc.type;
			enc.type = NULL;
		}
		if (!o->has_length && enc.has_length) {
			o->length = enc.length;
			o->has_length = true;
		}
		goto drop;
	}
	if (e->n_enclosures >= ROUNDS_MAX_LIST)
		goto drop;
	e->enclosures = xrealloc(e->enclosures, (e->n_enclosures + 1) *
				 sizeof(*e->enclosures));
	e->enclosures[e->n_enclosures++] = enc;
	return;
drop:
	free(enc.url);
	free(enc.type);
}

void px_add_reply(struct rounds_entry *e, const char *ref, const char *href,
		  const char *base)
{
	struct rounds_reply_ref r = { NULL, NULL };

	if (ref == NULL || e->n_in_reply_to >= ROUNDS_MAX_LIST)
		return;
	px_set_str(&r.ref, ref, strlen(ref), true);
	if (r.ref == NULL)
		return;
	px_set_url(&r.href, href, base, true);
	e->in_reply_to = xrealloc(e->in_reply_to, (e->n_in_reply_to + 1) *
				  sizeof(*e->in_reply_to));
	e->in_reply_to[e->n_in_reply_to++] = r;
}

struct rounds_entry *px_new_entry(struct pctx *c)
{
	if (c->feed->n_entries >= ROUNDS_MAX_ENTRIES)
		return NULL;
	return rounds_feed_add_entry(c->feed);
}

static uint64_t fnv(uint64_t h, const char *s, size_t len)
{
	size_t i;

	for (i = 0; s && i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

void px_entry_finish(struct rounds_entry *e, const struct px_raw *raw)
{
	char id[40];
	uint64_t h = 0xcbf29ce484222325ULL;
	int i;

	if (e->id)
		return;
	if (e->link) {
		e->id = xstrdup(e->link);
		return;
	}
	/* the source text, not our rendering of it: stays the same when the
	 * sanitiser or the date parser change */
	for (i = 0; i < 3; i++) {
		if (i > 0)
			h = fnv(h, "\n", 1);
		h = fnv(h, raw->s[i], raw->len[i]);
	}
	snprintf(id, sizeof(id), "urn:rounds:%016llx", (unsigned long long)h);
	e->id = xstrdup(id);
}

void px_raw_node(struct pctx *c, struct px_raw *raw, int i, const xmlNode *n)
{
	const char *s = px_text(c, n, &raw->len[i]);

	raw->own[i] = s ? xstrndup(s, raw->len[i]) : NULL;
	raw->s[i] = raw->own[i];
}

void px_raw_release(struct px_raw *raw)
{
	int i;

	for (i = 0; i < 3; i++)
		free(raw->own[i]);
	memset(raw, 0, sizeof(*raw));
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
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	xmlDoc *doc;

	if (ctxt == NULL)
		abort();
	ctxt->_private = st;
	ctxt->sax->entityDecl = ignore_entity_decl;
	ctxt->sax->unparsedEntityDecl = ignore_unparsed;
	ctxt->sax->serror = on_error;
	doc = xmlCtxtReadMemory(ctxt, enc->data, (int)enc->len, NULL, "UTF-8",
				XML_PARSE_RECOVER | XML_PARSE_NONET |
				XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC |
				XML_PARSE_COMPACT);
	if (doc && !ctxt->wellFormed && st->first_error == NULL)
		st->first_error = xstrdup("not well-formed");
	xmlFreeParserCtxt(ctxt);
	return doc;
}

int px_parse_xml(const char *bytes, size_t len,
		 const struct rounds_parse_opts *opts,
		 struct rounds_feed **out, struct rounds_err *err)
{
	struct enc_result enc;
	struct xstate st = { NULL, false };
	struct pctx c;
	xmlDoc *doc = NULL;
	xmlNode *root;
	enum rounds_format fmt = ROUNDS_FMT_UNKNOWN;
	int rc = -1;

	xml_init();
	memset(&c, 0, sizeof(c));
	c.opts = opts;
	rounds_buf_init(&c.scratch, 0);
	pe_clean(bytes, len, opts->charset, true, &enc);
	doc = read_xml(&enc, &st);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root)
		fmt = detect(&c, root);
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
	if (enc.problem || st.first_error || st.entity_decls ||
	    enc.entity_decls) {
		c.feed->bozo = true;
		if (enc.problem)
			c.feed->bozo_message = xstrdup(enc.problem);
		else if (st.first_error)
			c.feed->bozo_message = xstrdup(st.first_error);
		else
			c.feed->bozo_message = xstrdup("entity declarations "
				"in the DOCTYPE ignored");
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
