/* parse_rss.c: RSS 0.90, 0.91, 0.92, 2.0 and RSS 1.0 (RDF) onto the model,
 * with the extension modules feeds really use (dc, content, wfw, slash,
 * thr, atom, media, itunes, sy). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rounds/html.h"
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

/* The HTML in an RSS element: escaped (the usual), or inline markup. */
static const char *rss_html(struct pctx *c, const xmlNode *n, size_t *len)
{
	const xmlNode *k;

	for (k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			return px_inner_xml(c, n, len);
	return px_text(c, n, len);
}

/* True for HTML escaped twice ("&lt;p&gt;" after XML decoding, and no
 * '<' anywhere): the publisher meant markup, so it is unescaped once. */
static bool double_escaped(const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	if (memchr(s, '<', len))
		return false;
	while ((p = memchr(p, '&', (size_t)(end - p))) != NULL) {
		if (end - p > 4 && memcmp(p, "&lt;", 4) == 0 &&
		    (p[4] == '/' || p[4] == '!' ||
		     (p[4] >= 'a' && p[4] <= 'z') ||
		     (p[4] >= 'A' && p[4] <= 'Z')))
			return memmem(p, (size_t)(end - p), "&gt;", 4) != NULL;
		p++;
	}
	return false;
}

static void set_html(struct pctx *c, char **field, const xmlNode *n,
		     const char *base, bool replace)
{
	const char *s;
	size_t len;
	char *own, *once = NULL;

	if (*field && !replace)
		return;
	s = rss_html(c, n, &len);
	if (s && double_escaped(s, len)) {
		/* with no tags in it, the text of the HTML is the HTML
		 * unescaped once */
		once = rounds_html_to_text(s, len);
		s = once;
		len = strlen(once);
	}
	base = px_base(n, base, &own);
	px_set_html(field, s, len, base, replace);
	free(once);
	free(own);
}

static void set_text(struct pctx *c, char **field, const xmlNode *n,
		     bool replace)
{
	const char *s;
	size_t len;

	if (*field && !replace)
		return;
	s = px_text(c, n, &len);
	px_set_html_text(field, s, len, replace);
}

static void set_url(struct pctx *c, char **field, const xmlNode *n,
		    const char *base, bool replace)
{
	const char *s;
	size_t len;
	char *own, *v;

	if (*field && !replace)
		return;
	s = px_text(c, n, &len);
	if (s == NULL)
		return;
	v = xstrndup(s, len);
	base = px_base(n, base, &own);
	px_set_url(field, v, base, replace);
	free(own);
	free(v);
}

static void set_str(struct pctx *c, char **field, const xmlNode *n,
		    bool replace)
{
	const char *s;
	size_t len;

	if (*field && !replace)
		return;
	s = px_text(c, n, &len);
	px_set_str(field, s, len, replace);
}

static void set_count(struct pctx *c, struct rounds_entry *e,
		      const xmlNode *n)
{
	const char *s;
	size_t len;
	char *v;

	s = px_text(c, n, &len);
	if (s == NULL || len > 40)
		return;
	v = xstrndup(s, len);
	if (px_parse_count(v, &e->comment_count))
		e->has_comment_count = true;
	free(v);
}

/* dc, wfw, slash, thr, media: the same in RSS items and Atom entries. */
bool px_ext_entry(struct pctx *c, const xmlNode *n, const char *base,
		  struct rounds_entry *e)
{
	struct rounds_person p;
	const xmlNode *k;
	const char *s;
	size_t len;

	switch (px_ns(c, n)) {
	case NS_DC:
		if (named(n, "creator") || named(n, "contributor")) {
			if (named(n, "contributor") && e->n_authors)
				return true;
			memset(&p, 0, sizeof(p));
			s = px_text(c, n, &len);
			px_set_text(&p.name, s, len, true);
			px_add_author(e, &p);
		} else if (named(n, "subject")) {
			s = px_text(c, n, &len);
			px_add_category(e, s, len);
		} else if (named(n, "date") || named(n, "created") ||
			   named(n, "issued")) {
			px_set_date_node(c, &e->published, &e->has_published, n, false);
		} else if (named(n, "modified")) {
			px_set_date_node(c, &e->updated, &e->has_updated, n, false);
		} else if (named(n, "title")) {
			set_text(c, &e->title, n, false);
		} else if (named(n, "description")) {
			set_html(c, &e->summary, n, base, false);
		} else
			return false;
		return true;
	case NS_WFW:
		if (strcasecmp((const char *)n->name, "commentRss") == 0)
			set_url(c, &e->comments_feed, n, base, false);
		return true;
	case NS_SLASH:
		if (named(n, "comments") && !e->has_comment_count)
			set_count(c, e, n);
		return true;
	case NS_THR:
		if (named(n, "total"))
			set_count(c, e, n);
		else if (named(n, "in-reply-to")) {
			char *own;
			const char *b = px_base(n, base, &own);

			px_add_reply(e, px_attr(n, "ref"), px_attr(n, "href"), b);
			free(own);
		}
		return true;
	case NS_MEDIA:
		if (named(n, "content"))
			px_add_enclosure(e, px_attr(n, "url"), px_attr(n, "type"),
					 px_attr(n, "fileSize"), base);
		else if (named(n, "thumbnail"))
			px_add_enclosure(e, px_attr(n, "url"), NULL, NULL, base);
		else if (named(n, "group"))
			for (k = n->children; k; k = k->next)
				if (k->type == XML_ELEMENT_NODE)
					px_ext_entry(c, k, base, e);
		return true;
	default:
		return false;
	}
}

struct item_state {
	char *permalink;        /* guid isPermaLink, for an item with no link */
	char *itunes_author;
};

static void item_child(struct pctx *c, const xmlNode *n, const char *base,
		       struct rounds_entry *e, struct item_state *is)
{
	enum ns ns = px_ns(c, n);
	struct rounds_person p;
	const char *s;
	size_t len;

	if (core(ns)) {
		if (named(n, "title"))
			set_text(c, &e->title, n, true);
		else if (named(n, "link"))
			set_url(c, &e->link, n, base, true);
		else if (named(n, "description"))
			set_html(c, &e->summary, n, base, true);
		else if (named(n, "guid")) {
			const char *pl = px_attr(n, "isPermaLink");

			set_str(c, &e->id, n, true);
			if (e->id && rounds_url_is_http(e->id) &&
			    (pl == NULL || strcasecmp(pl, "true") == 0)) {
				free(is->permalink);
				is->permalink = xstrdup(e->id);
			}
		} else if (named(n, "pubDate"))
			px_set_date_node(c, &e->published, &e->has_published, n, true);
		else if (named(n, "author")) {
			s = px_text(c, n, &len);
			px_person_from_rss(&p, s, len);
			px_add_author(e, &p);
		} else if (named(n, "category")) {
			s = px_text(c, n, &len);
			px_add_category(e, s, len);
		} else if (named(n, "comments"))
			set_url(c, &e->comments, n, base, true);
		else if (named(n, "enclosure"))
			px_add_enclosure(e, px_attr(n, "url"), px_attr(n, "type"),
					 px_attr(n, "length"), base);
		return;
	}
	switch (ns) {
	case NS_CONTENT:
		if (named(n, "encoded"))
			set_html(c, &e->content, n, base, true);
		return;
	case NS_ATOM:
	case NS_ATOM03:
		if (named(n, "link"))
			px_atom_link(c, n, base, e);
		else if (named(n, "updated") || named(n, "modified"))
			px_set_date_node(c, &e->updated, &e->has_updated, n, true);
		else if (named(n, "published") || named(n, "issued"))
			px_set_date_node(c, &e->published, &e->has_published, n, false);
		else if (named(n, "author")) {
			px_atom_person(c, n, base, &p);
			px_add_author(e, &p);
		} else if (named(n, "id"))
			set_str(c, &e->id, n, false);
		return;
	case NS_ITUNES:
		if (named(n, "author") && is->itunes_author == NULL)
			set_text(c, &is->itunes_author, n, false);
		return;
	default:
		px_ext_entry(c, n, base, e);
	}
}

/* What the fallback id is hashed from. */
static void raw_texts(struct pctx *c, const xmlNode *it, struct px_raw *raw)
{
	const xmlNode *n, *pick[3] = { NULL, NULL, NULL };
	enum ns ns;
	int i;

	for (n = it->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		ns = px_ns(c, n);
		if (core(ns) && named(n, "title") && !pick[0])
			pick[0] = n;
		else if (((core(ns) && named(n, "pubDate")) ||
			  (ns == NS_DC && named(n, "date"))) && !pick[1])
			pick[1] = n;
		else if (ns == NS_CONTENT && named(n, "encoded"))
			pick[2] = n;
		else if (core(ns) && named(n, "description") && !pick[2])
			pick[2] = n;
	}
	for (i = 0; i < 3; i++)
		if (pick[i])
			px_raw_node(c, raw, i, pick[i]);
}

static void item(struct pctx *c, xmlNode *it, const char *base)
{
	struct rounds_entry *e = px_new_entry(c);
	struct item_state is = { NULL, NULL };
	struct px_raw raw;
	const xmlNode *n;
	const char *about;
	char *own;

	if (e == NULL)
		return;
	memset(&raw, 0, sizeof(raw));
	base = px_base(it, base, &own);
	for (n = it->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			item_child(c, n, base, e, &is);
	about = px_attr_ns(c, it, NS_RDF, "about");
	if (e->id == NULL && about)
		px_set_str(&e->id, about, strlen(about), true);
	if (e->link == NULL && is.permalink)
		px_set_url(&e->link, is.permalink, base, true);
	if (e->n_authors == 0 && is.itunes_author) {
		struct rounds_person p = { is.itunes_author, NULL, NULL };

		is.itunes_author = NULL;
		px_add_author(e, &p);
	}
	if (e->id == NULL && e->link == NULL)
		raw_texts(c, it, &raw);
	px_entry_finish(e, &raw);
	px_raw_release(&raw);
	free(is.permalink);
	free(is.itunes_author);
	free(own);
}

int64_t px_sy_period(const char *s)
{
	static const struct { const char *name; int64_t secs; } periods[] = {
		{ "hourly", 3600 }, { "daily", 86400 }, { "weekly", 604800 },
		{ "monthly", 2592000 }, { "yearly", 31536000 },
	};
	size_t i, len = strlen(s);

	while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		       s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	for (i = 0; i < sizeof(periods) / sizeof(periods[0]); i++)
		if (strlen(periods[i].name) == len &&
		    strncasecmp(s, periods[i].name, len) == 0)
			return periods[i].secs;
	return 0;
}

struct chan_state {
	int64_t ttl, sy_period, sy_freq;
	char *itunes_author;
	char *dc_creator;
};

static void image(struct pctx *c, const xmlNode *n, const char *base)
{
	const xmlNode *k;
	const char *res;

	for (k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && named(k, "url") &&
		    core(px_ns(c, k)))
			set_url(c, &c->feed->image, k, base, false);
	res = px_attr_ns(c, n, NS_RDF, "resource");
	if (res == NULL)
		res = px_attr_ns(c, n, NS_RDF, "about");
	if (res)
		px_set_url(&c->feed->image, res, base, false);
}

/* Channel elements from the extension modules. */
static void channel_ext(struct pctx *c, xmlNode *n, enum ns ns,
			const char *base, struct chan_state *cs)
{
	struct rounds_feed *f = c->feed;
	const char *s;
	size_t len;
	char *v;

	switch (ns) {
	case NS_DC:
		if (named(n, "creator"))
			set_text(c, &cs->dc_creator, n, false);
		else if (named(n, "date"))
			px_set_date_node(c, &f->updated, &f->has_updated, n, false);
		else if (named(n, "language"))
			set_str(c, &f->language, n, false);
		else if (named(n, "rights"))
			set_text(c, &f->rights, n, false);
		else if (named(n, "title"))
			set_text(c, &f->title, n, false);
		else if (named(n, "description"))
			set_text(c, &f->subtitle, n, false);
		return;
	case NS_ATOM:
	case NS_ATOM03:
		if (named(n, "link"))
			px_atom_link(c, n, base, NULL);
		else if (named(n, "id"))
			set_str(c, &f->id, n, false);
		else if (named(n, "icon"))
			set_url(c, &f->icon, n, base, false);
		return;
	case NS_SY:
		s = px_text(c, n, &len);
		v = s ? xstrndup(s, len > 40 ? 40 : len) : NULL;
		if (v && named(n, "updatePeriod"))
			cs->sy_period = px_sy_period(v);
		else if (v && named(n, "updateFrequency"))
			(void)px_parse_count(v, &cs->sy_freq);
		free(v);
		return;
	case NS_ITUNES:
		if (named(n, "author"))
			set_text(c, &cs->itunes_author, n, false);
		else if (named(n, "image"))
			px_set_url(&f->image, px_attr(n, "href"), base, false);
		return;
	case NS_MEDIA:
		if (named(n, "thumbnail"))
			px_set_url(&f->image, px_attr(n, "url"), base, false);
		return;
	default:
		return;
	}
}

static void channel_child(struct pctx *c, xmlNode *n, const char *base,
			  struct chan_state *cs)
{
	struct rounds_feed *f = c->feed;
	enum ns ns = px_ns(c, n);
	const char *s;
	size_t len;
	char *v;

	if (core(ns)) {
		if (named(n, "item"))
			item(c, n, base);
		else if (named(n, "title"))
			set_text(c, &f->title, n, true);
		else if (named(n, "link"))
			set_url(c, &f->link, n, base, true);
		else if (named(n, "description"))
			set_text(c, &f->subtitle, n, true);
		else if (named(n, "language"))
			set_str(c, &f->language, n, true);
		else if (named(n, "copyright"))
			set_text(c, &f->rights, n, true);
		else if (named(n, "managingEditor") &&
			 rounds_person_empty(&f->author)) {
			s = px_text(c, n, &len);
			px_person_from_rss(&f->author, s, len);
		} else if (named(n, "lastBuildDate"))
			px_set_date_node(c, &f->updated, &f->has_updated, n, true);
		else if (named(n, "pubDate"))
			px_set_date_node(c, &f->updated, &f->has_updated, n, false);
		else if (named(n, "generator"))
			set_str(c, &f->generator, n, true);
		else if (named(n, "image"))
			image(c, n, base);
		else if (named(n, "ttl")) {
			s = px_text(c, n, &len);
			v = s ? xstrndup(s, len > 40 ? 40 : len) : NULL;
			if (px_parse_count(v, &cs->ttl))
				cs->ttl *= 60;
			free(v);
		}
		return;
	}
	channel_ext(c, n, ns, base, cs);
}

static void channel(struct pctx *c, xmlNode *ch, const char *base,
		    struct chan_state *cs)
{
	xmlNode *n;
	const char *about, *lang;
	char *own;

	base = px_base(ch, base, &own);
	lang = (const char *)xmlNodeGetLang(ch) ;
	for (n = ch->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			channel_child(c, n, base, cs);
	about = px_attr_ns(c, ch, NS_RDF, "about");
	if (about)
		px_set_str(&c->feed->id, about, strlen(about), false);
	if (lang)
		px_set_str(&c->feed->language, lang, strlen(lang), false);
	xmlFree((xmlChar *)lang);
	free(own);
}

void px_rss(struct pctx *c, xmlNode *root, enum rounds_format fmt)
{
	struct chan_state cs;
	struct rounds_feed *f = c->feed;
	const char *base;
	xmlNode *n;
	char *own;

	memset(&cs, 0, sizeof(cs));
	base = px_base(root, c->opts->base, &own);
	if (strcmp((const char *)root->name, "channel") == 0) {
		channel(c, root, c->opts->base, &cs);
	} else {
		for (n = root->children; n; n = n->next) {
			if (n->type != XML_ELEMENT_NODE || !core(px_ns(c, n)))
				continue;
			if (named(n, "channel"))
				channel(c, n, base, &cs);
			else if (named(n, "item"))
				item(c, n, base);
			else if (named(n, "image"))
				image(c, n, base);
		}
	}
	if (rounds_person_empty(&f->author) && (cs.dc_creator ||
						cs.itunes_author)) {
		f->author.name = cs.dc_creator ? cs.dc_creator : cs.itunes_author;
		if (cs.dc_creator)
			cs.dc_creator = NULL;
		else
			cs.itunes_author = NULL;
	}
	if (cs.ttl > 0)
		f->min_interval = cs.ttl;
	if (cs.sy_period > 0) {
		int64_t sy = cs.sy_period / (cs.sy_freq > 0 ? cs.sy_freq : 1);

		if (sy > f->min_interval)
			f->min_interval = sy;
	}
	free(cs.dc_creator);
	free(cs.itunes_author);
	free(own);
}
