/* parse_rss.c: RSS 0.90, 0.91, 0.92, 2.0 and RSS 1.0 (RDF) onto the model.
 * RSS's own elements are dispatched through the tables here; the
 * extension modules (dc, content, wfw, slash, thr, atom, media, itunes,
 * sy) through those of ns_ext.c. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rounds/url.h"
#include "parse_int.h"

/* Elements of RSS itself: no namespace, RSS 1.0's, RSS 0.90's, or one of
 * the RSS 2.0 namespaces some feeds declare. */
static bool core(enum ns ns)
{
	return ns == NS_NONE || ns == NS_RSS10 || ns == NS_RSS090 ||
		ns == NS_RSS20;
}

static bool named(const xmlNode *n, const char *name)
{
	return strcmp((const char *)n->name, name) == 0;
}

/* The namespace as the tables name it: RSS's own elements are NS_CORE. */
static enum ns rss_ns(struct pctx *c, const xmlNode *n)
{
	enum ns ns = px_ns(c, n);

	return core(ns) ? NS_CORE : ns;
}

/* ---- items ---- */

/* Whether a guid is a relative reference to the item's page: said so
 * (isPermaLink="true") and no other scheme's URL, or, with no word on it,
 * a path from the site's root ("/2026/11/go-live").  No white space. */
static bool relative_permalink(const char *id, const char *pl)
{
	size_t scheme = strspn(id, "abcdefghijklmnopqrstuvwxyz"
			       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

	if (id[strcspn(id, " \t\r\n")] != '\0' || id[scheme] == ':')
		return false;
	return pl ? strcasecmp(pl, "true") == 0 : id[0] == '/';
}

static void h_guid(struct px_el *x, const xmlNode *n, const struct px_rule *r)
{
	const char *pl = px_attr(n, "isPermaLink");
	struct rounds_entry *e = x->e;

	px_h_str(x, n, r);
	if (e->id && x->rank[PF_ID] == r->rank &&
	    ((rounds_url_is_http(e->id) &&
	      (pl == NULL || strcasecmp(pl, "true") == 0)) ||
	     relative_permalink(e->id, pl))) {
		free(x->permalink);
		x->permalink = xstrdup(e->id);
	}
}

static void h_author(struct px_el *x, const xmlNode *n,
		     const struct px_rule *r)
{
	px_add_people(x, n);
}


static void h_enclosure(struct px_el *x, const xmlNode *n,
			const struct px_rule *r)
{
	px_add_media(x, px_attr(n, "url"), px_attr(n, "type"),
		     px_attr(n, "length"), x->base, 1);
}

/* <summary>: read once the item is read (summary_end). */
static void h_summary(struct px_el *x, const xmlNode *n,
		      const struct px_rule *r)
{
	if (x->summary == NULL)
		x->summary = n;
}

/* <summary> is the summary.  Beside a description, the first of the two
 * is the summary and the other the content, unless something else
 * (content:encoded ...) gives one. */
static void summary_end(struct px_el *x)
{
	struct px_rule r = { NS_CORE, "summary", px_h_html, PF_SUMMARY, 5 };
	struct rounds_entry *e = x->e;
	const xmlNode *k;

	if (x->summary == NULL)
		return;
	if (e->summary && x->rank[PF_SUMMARY] > r.rank) {
		for (k = x->summary->prev; k; k = k->prev)
			if (k->type == XML_ELEMENT_NODE &&
			    named(k, "description") && core(px_ns(x->c, k)))
				break;
		if (k) {        /* the description came first */
			r.field = PF_CONTENT;
			r.rank = 1;
			px_h_html(x, x->summary, &r);
			return;
		}
		if (e->content == NULL) {
			e->content = e->summary;
			x->rank[PF_CONTENT] = 1;
		} else {
			free(e->summary);
		}
		e->summary = NULL;
		x->rank[PF_SUMMARY] = 0;
	}
	px_h_html(x, x->summary, &r);
}

/* An <image> inside an item, which some publishing tools write like the
 * channel's (with a url child) or with the address as its text: the
 * entry's picture, below every namespace's. */
static void h_item_image(struct px_el *x, const xmlNode *n,
			 const struct px_rule *r)
{
	const xmlNode *k;
	const char *s;
	char *v;
	size_t len;

	for (k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			break;
	if (k) {
		for (; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE && named(k, "url") &&
			    core(px_ns(x->c, k)))
				break;
		if (k == NULL)
			return;
		n = k;
	}
	s = px_text(x->c, n, &len);
	if (s == NULL)
		return;
	v = xstrndup(s, len);
	px_put_picture(x, r->rank, v, x->base);
	free(v);
}

/* RSS's own item elements (precedence: see px_ext_item in ns_ext.c). */
static const struct px_rule item_rules[] = {
	{ NS_CORE, "title", px_h_text, PF_TITLE, 3 },
	{ NS_CORE, "link", px_h_url, PF_LINK, 3 },
	{ NS_CORE, "description", px_h_html, PF_SUMMARY, 6 },
	{ NS_CORE, "guid", h_guid, PF_ID, 3 },
	{ NS_CORE, "pubDate", px_h_date, PF_PUBLISHED, 3 },
	{ NS_CORE, "author", h_author, PF_NONE, 0 },
	{ NS_CORE, "category", px_h_category, PF_NONE, 0 },
	{ NS_CORE, "comments", px_h_url, PF_COMMENTS, 3 },
	{ NS_CORE, "enclosure", h_enclosure, PF_NONE, 0 },
	{ NS_CORE, "summary", h_summary, PF_SUMMARY, 5 },
	{ NS_CORE, "body", px_h_html, PF_CONTENT, 3 },
	{ NS_CORE, "fullitem", px_h_html, PF_CONTENT, 2 },
	{ NS_CORE, "abstract", px_h_html, PF_SUMMARY, 4 },     /* CDF */
	{ NS_CORE, "image", h_item_image, PF_IMAGE, 0 },
	{ 0, NULL, NULL, 0, 0 },
};

/* What the fallback id is hashed from: the source text of the item's
 * title, date and content (slots 0, 1, 2), each the first of its best
 * rank, but content:encoded, the last one (as it always was: ids of
 * stored items stay).  Rank 0 and 1 are what the hash was first made
 * of; the others only fill a slot that would be empty, so that items
 * told apart by another element's text (an xhtml:body, an
 * itunes:summary, a dcterms date) get ids of their own. */
static int raw_slot(struct pctx *c, const xmlNode *n, int *rank)
{
	static const struct {
		enum ns ns;
		const char *name;
		int slot, rank;
	} kinds[] = {
		{ NS_CORE, "title", 0, 0 }, { NS_DC, "title", 0, 2 },
		{ NS_MEDIA, "title", 0, 3 }, { NS_ATOM, "title", 0, 3 },
		{ NS_CORE, "pubDate", 1, 0 }, { NS_DC, "date", 1, 0 },
		{ NS_DC, "modified", 1, 2 }, { NS_DC, "issued", 1, 2 },
		{ NS_DC, "created", 1, 2 }, { NS_ATOM, "updated", 1, 2 },
		{ NS_ATOM, "published", 1, 2 },
		{ NS_CONTENT, "encoded", 2, 0 }, { NS_CORE, "description", 2, 1 },
		{ NS_XHTML, "body", 2, 2 }, { NS_CORE, "body", 2, 2 },
		{ NS_CORE, "fullitem", 2, 2 }, { NS_ATOM, "content", 2, 2 },
		{ NS_ATOM, "summary", 2, 3 }, { NS_ITUNES, "summary", 2, 3 },
		{ NS_ITUNES, "subtitle", 2, 4 }, { NS_MEDIA, "description", 2, 4 },
		{ NS_DC, "description", 2, 4 },
	};
	enum ns ns = px_ns(c, n);
	size_t i;

	if (core(ns))
		ns = NS_CORE;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].ns == ns && named(n, kinds[i].name)) {
			*rank = kinds[i].rank;
			return kinds[i].slot;
		}
	return -1;
}

static void raw_texts(struct pctx *c, const xmlNode *it, struct px_raw *raw)
{
	const xmlNode *n, *pick[3] = { NULL, NULL, NULL }, *enc = NULL;
	int i, rank, best[3] = { 99, 99, 99 };

	for (n = it->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((i = raw_slot(c, n, &rank)) < 0) {
			if (enc == NULL && core(px_ns(c, n)) &&
			    named(n, "enclosure"))
				enc = n;
			continue;
		}
		if (rank < best[i] || (rank == 0 && i == 2)) {
			pick[i] = n;
			best[i] = rank;
		}
	}
	for (i = 0; i < 3; i++)
		if (pick[i])
			px_raw_node(c, raw, i, pick[i]);
	/* an episode with nothing but its file (a podcast's bare item) */
	if (pick[2] == NULL && enc && px_attr(enc, "url")) {
		raw->own[2] = xstrdup(px_attr(enc, "url"));
		raw->s[2] = raw->own[2];
		raw->len[2] = strlen(raw->s[2]);
	}
}

/* Microsoft's CDF (an IE 4 channel, read as RSS): the page in the href
 * attribute of a CHANNEL or ITEM, its date in lastmod. */
static void cdf_attrs(struct px_el *x, const xmlNode *n)
{
	const char *href = px_attr(n, "href"), *mod = px_attr(n, "lastmod");
	struct rounds_entry *e = x->e;
	struct rounds_feed *fd = x->c->feed;

	if (href)
		px_put_url(x, PF_LINK, 1, href, x->base);
	if (mod && !(e ? e->has_updated : fd->has_updated))
		px_set_date(e ? &e->updated : &fd->updated,
			    e ? &e->has_updated : &fd->has_updated, mod, false);
}

/* The fallbacks once every child is read. */
static void item_end(struct px_el *x, const xmlNode *it)
{
	const char *about = px_attr_ns(x->c, it, NS_RDF, "about");

	cdf_attrs(x, it);
	if (about)
		px_put_str(x, PF_ID, 1, about, strlen(about));
	if (x->permalink)
		px_put_url(x, PF_LINK, 1, x->permalink, x->base);
	summary_end(x);
	px_el_entry_end(x);
}

static void item(struct pctx *c, xmlNode *it, const char *base)
{
	struct rounds_entry *e = px_new_entry(c);
	struct px_el x;
	struct px_raw raw;
	const xmlNode *n;
	enum ns ns;
	char *own;

	if (e == NULL)
		return;
	memset(&raw, 0, sizeof(raw));
	base = px_base(it, base, &own);
	px_el_init(&x, c, base, e);
	for (n = it->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		ns = rss_ns(c, n);
		if (!px_dispatch(&x, item_rules, ns, n))
			px_dispatch(&x, px_ext_item, ns, n);
	}
	item_end(&x, it);
	if (e->id == NULL && e->link == NULL)
		raw_texts(c, it, &raw);
	px_entry_finish(e, &raw);
	px_raw_release(&raw);
	px_el_release(&x);
	free(own);
}

/* ---- the channel ---- */

static void h_item(struct px_el *x, const xmlNode *n, const struct px_rule *r)
{
	item(x->c, (xmlNode *)n, x->base);
}

/* RSS 1.1's <items rdf:parseType="Collection"> holds the items themselves
 * (RSS 1.0's holds an rdf:Seq of references, which this passes over). */
static void h_items(struct px_el *x, const xmlNode *n, const struct px_rule *r)
{
	const xmlNode *k;

	(void)r;
	for (k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && named(k, "item") &&
		    rss_ns(x->c, k) == NS_CORE)
			item(x->c, (xmlNode *)k, x->base);
}

static void h_image(struct px_el *x, const xmlNode *n, const struct px_rule *r)
{
	const xmlNode *k;
	const char *res;
	char *own;

	for (k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && named(k, "url") &&
		    core(px_ns(x->c, k)))
			px_h_url(x, k, r);
	res = px_attr_ns(x->c, n, NS_RDF, "resource");
	if (res == NULL)
		res = px_attr_ns(x->c, n, NS_RDF, "about");
	if (res) {
		const char *base = px_base(n, x->base, &own);

		px_put_url(x, PF_IMAGE, r->rank, res, base);
		free(own);
	}
}

static void h_generator(struct px_el *x, const xmlNode *n,
			const struct px_rule *r)
{
	const char *s;
	size_t len;

	s = px_text(x->c, n, &len);
	px_set_str(&x->c->feed->generator, s, len, true);
}

static void h_ttl(struct px_el *x, const xmlNode *n, const struct px_rule *r)
{
	const char *s;
	size_t len;
	char *v;

	s = px_text(x->c, n, &len);
	v = s ? xstrndup(s, len > 40 ? 40 : len) : NULL;
	if (px_parse_count(v, &x->ttl))
		x->ttl *= 60;
	free(v);
}

/* RSS's own channel elements (precedence: see px_ext_chan in ns_ext.c). */
static const struct px_rule chan_rules[] = {
	{ NS_CORE, "item", h_item, PF_NONE, 0 },
	{ NS_CORE, "items", h_items, PF_NONE, 0 },      /* RSS 1.1 */
	{ NS_CORE, "title", px_h_text, PF_TITLE, 3 },
	{ NS_CORE, "link", px_h_url, PF_LINK, 3 },
	{ NS_CORE, "description", px_h_text, PF_SUBTITLE, 3 },
	{ NS_CORE, "tagline", px_h_text, PF_SUBTITLE, 2 },   /* 0.91 drafts */
	{ NS_CORE, "language", px_h_str, PF_LANGUAGE, 3 },
	{ NS_CORE, "copyright", px_h_text, PF_RIGHTS, 3 },
	{ NS_CORE, "managingEditor", px_h_feed_person, PF_AUTHOR, 5 },
	{ NS_CORE, "author", px_h_feed_person, PF_AUTHOR, 4 },
	{ NS_CORE, "lastBuildDate", px_h_date, PF_UPDATED, 4 },
	{ NS_CORE, "pubDate", px_h_date, PF_UPDATED, 3 },
	{ NS_CORE, "generator", h_generator, PF_NONE, 0 },
	{ NS_CORE, "image", h_image, PF_IMAGE, 3 },
	{ NS_CORE, "ttl", h_ttl, PF_NONE, 0 },
	{ NS_CORE, "abstract", px_h_text, PF_SUBTITLE, 1 },    /* CDF */
	{ 0, NULL, NULL, 0, 0 },
};

/* RSS 0.90 and 1.0 put items and the image beside the channel. */
static const struct px_rule rdf_rules[] = {
	{ NS_CORE, "item", h_item, PF_NONE, 0 },
	{ NS_CORE, "image", h_image, PF_IMAGE, 3 },
	{ 0, NULL, NULL, 0, 0 },
};

static void channel(struct px_el *x, xmlNode *ch)
{
	const xmlNode *n;
	const char *about, *lang, *outer = x->base;
	enum ns ns;
	char *own;

	x->base = px_base(ch, outer, &own);
	lang = (const char *)xmlNodeGetLang(ch);
	for (n = ch->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		ns = rss_ns(x->c, n);
		if (!px_dispatch(x, chan_rules, ns, n))
			px_dispatch(x, px_ext_chan, ns, n);
	}
	about = px_attr_ns(x->c, ch, NS_RDF, "about");
	if (about)
		px_put_str(x, PF_ID, 1, about, strlen(about));
	cdf_attrs(x, ch);
	if (lang)
		px_put_str(x, PF_LANGUAGE, 1, lang, strlen(lang));
	xmlFree((xmlChar *)lang);
	x->base = outer;
	free(own);
}

void px_rss(struct pctx *c, xmlNode *root, enum rounds_format fmt)
{
	struct px_el x;
	const char *base;
	xmlNode *n;
	enum ns ns;
	char *own;

	base = px_base(root, c->opts->base, &own);
	px_el_init(&x, c, base, NULL);
	if (strcmp((const char *)root->name, "channel") == 0) {
		/* CDF's BASE attribute is the channel's xml:base */
		const char *cdf = px_attr(root, "base");
		char *cdf_base = cdf ? rounds_url_resolve(c->opts->base, cdf) :
			NULL;

		x.base = cdf_base ? cdf_base : c->opts->base;
		channel(&x, root);
		x.base = NULL;
		free(cdf_base);
	} else {
		for (n = root->children; n; n = n->next) {
			if (n->type != XML_ELEMENT_NODE)
				continue;
			ns = rss_ns(c, n);
			if (ns == NS_CORE && named(n, "channel"))
				channel(&x, n);
			else
				px_dispatch(&x, rdf_rules, ns, n);
		}
	}
	px_min_interval(&x);
	px_el_release(&x);
	free(own);
}
