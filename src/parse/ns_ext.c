/* ns_ext.c: element dispatch through tables, and the extension modules
 * RSS and Atom share (the fields they set under precedence, and the
 * generic handlers, are in ns_field.c): Dublin Core, content,
 * wfw, slash, thr, Media RSS, iTunes, sy and Atom elements inside RSS.
 *
 * Each format has a table of (namespace, local name) -> handler rows; a
 * row also names the field it sets and the rank of that source.  A source
 * of higher rank replaces what a lower one set, so the order of elements
 * in the document does not matter; at equal rank the first one stays.
 * The ranks are written down beside each table. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rounds/html.h"
#include "rounds/url.h"
#include "parse_int.h"

void px_el_init(struct px_el *x, struct pctx *c, const char *base,
		struct rounds_entry *e)
{
	memset(x, 0, sizeof(*x));
	x->c = c;
	x->base = base;
	x->e = e;
}

void px_el_release(struct px_el *x)
{
	free(x->permalink);
	x->permalink = NULL;
	rounds_person_release(&x->itunes_author);
	while (x->n_contrib > 0)
		rounds_person_release(&x->contrib[--x->n_contrib]);
}

/* The people held back until the entry was read: its itunes:author, else
 * its dc:contributors, when nothing else named an author. */
void px_el_entry_end(struct px_el *x)
{
	size_t i;

	if (x->e->n_authors == 0)
		px_add_author(x->e, &x->itunes_author);
	if (x->e->n_authors == 0)
		for (i = 0; i < x->n_contrib; i++)
			px_add_author(x->e, &x->contrib[i]);
}

bool px_dispatch(struct px_el *x, const struct px_rule *t, enum ns ns,
		 const xmlNode *n)
{
	const char *name = (const char *)n->name;

	const struct px_rule *r;

	for (r = t; r->name; r++)
		if (r->ns == ns && r->name[0] == name[0] &&
		    strcmp(r->name, name) == 0) {
			r->fn(x, n, r);
			return true;
		}
	/* then in other capitals ("pubdate", "PubDate"), as readers do */
	for (r = t; r->name; r++)
		if (r->ns == ns && (r->name[0] | 0x20) == (name[0] | 0x20) &&
		    strcasecmp(r->name, name) == 0) {
			r->fn(x, n, r);
			return true;
		}
	return false;
}

/* ---- Atom links and people (Atom itself, and atom:* in RSS) ---- */

static const char *short_rel(const char *rel, char buf[64])
{
	static const char iana[] = "http://www.iana.org/assignments/relation/";
	size_t n;

	if (rel == NULL)
		return "alternate";
	rel += strspn(rel, " \t\r\n");       /* rel=" alternate " */
	n = strlen(rel);
	while (n > 0 && strchr(" \t\r\n", rel[n - 1]))
		n--;
	if (n >= 64)
		return rel;             /* longer than any registered name */
	memcpy(buf, rel, n);
	buf[n] = '\0';
	if (strncasecmp(buf, iana, sizeof(iana) - 1) == 0)
		return buf + sizeof(iana) - 1;
	return buf;
}

static void replies_link(struct px_el *x, const xmlNode *n, const char *href,
			 const char *type, const char *base)
{
	struct rounds_entry *e = x->e;
	int64_t v;

	if (type && strstr(type, "html"))
		px_put_url(x, PF_COMMENTS, 2, href, base);
	else
		px_put_url(x, PF_COMMENTS_FEED, 2, href, base);
	if (!e->has_comment_count &&
	    px_parse_count(px_attr_ns(x->c, n, NS_THR, "count"), &v)) {
		e->comment_count = v;
		e->has_comment_count = true;
	}
}

/* True when n has the attribute name (no namespace), even if empty. */
static bool has_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return true;
	return false;
}

/* An alternate that is a web page: no type, HTML or XHTML (an entry may
 * have alternates in other types too, a PDF or an audio file). */
static bool page_type(const char *type)
{
	return type == NULL || *type == '\0' ||
		strncasecmp(type, "text/html", 9) == 0 ||
		strncasecmp(type, "application/xhtml+xml", 21) == 0;
}

/* Google's (Blogger's) scheme for what kind of entry this is. */
#define BLOGGER_KIND "http://schemas.google.com/g/2005#kind"

void px_h_atom_category(struct px_el *x, const xmlNode *n,
			const struct px_rule *r)
{
	const char *s;
	size_t len;

	s = px_attr(n, "scheme");
	if (s && strcmp(s, BLOGGER_KIND) == 0)
		return;         /* says "a post", "a comment": no topic */
	s = px_attr(n, "term");
	if (s == NULL || strspn(s, " \t\r\n") == strlen(s))
		s = px_attr(n, "label");
	if (s == NULL && px_ns(x->c, n) == NS_NONE) {
		s = px_text(x->c, n, &len);
		if (s)
			px_add_category(x->e, s, len);
	} else if (s)
		px_add_category(x->e, s, strlen(s));
}

void px_atom_link(struct px_el *x, const xmlNode *n, unsigned rank)
{
	const char *href = px_attr(n, "href");
	char relbuf[64];
	const char *rel = short_rel(px_attr(n, "rel"), relbuf);
	const char *type = px_attr(n, "type");
	const char *base, *s;
	char *own, *text = NULL;
	size_t len;

	base = px_base(n, x->base, &own);
	if ((href == NULL && has_attr(n, "href")) || (href && *href == '\0')) {
		/* an empty reference is the base (RFC 3986): the page or the
		 * feed itself, never an enclosure or a comments page */
		if (strcasecmp(rel, "alternate") != 0 &&
		    strcasecmp(rel, "self") != 0) {
			free(own);
			return;
		}
		href = base;
	}
	if (href == NULL && (s = px_text(x->c, n, &len)) != NULL) {
		/* no href: the address written as the element's text, as
		 * early Atom 0.3 feeds did */
		while (len > 0 && strchr(" \t\r\n", *s)) {
			s++;
			len--;
		}
		while (len > 0 && strchr(" \t\r\n", s[len - 1]))
			len--;
		if (len > 0)
			href = text = xstrndup(s, len);
	}
	if (href == NULL) {
		free(own);
		return;
	}
	if (strcasecmp(rel, "alternate") == 0)    /* a web page first */
		px_put_url(x, PF_LINK, page_type(type) || rank == 0 ? rank :
			   rank - 1, href, base);
	else if (x->e == NULL) {
		if (strcasecmp(rel, "self") == 0)
			px_set_url(&x->c->feed->self, href, base, false);
	} else if (strcasecmp(rel, "replies") == 0)
		replies_link(x, n, href, type, base);
	else if (strcasecmp(rel, "enclosure") == 0)
		px_add_media(x, href, type, px_attr(n, "length"), base, 1);
	free(text);
	free(own);
}

static void person_uri(struct pctx *c, const xmlNode *k, const char *base,
		       struct rounds_person *p, const char *s, size_t len)
{
	char *own, *v;
	const char *b = px_base(k, base, &own);

	v = xstrndup(s, len);
	px_set_url(&p->uri, v, b, false);
	free(v);
	free(own);
}

/* A child element that says something of a person, Atom's way (uri; url
 * and homepage in Atom 0.3). */
static bool person_part(const xmlNode *k)
{
	static const char *const parts[] = {
		"name", "email", "uri", "url", "homepage",
	};
	size_t i;

	for (i = 0; k->type == XML_ELEMENT_NODE && i < 5; i++)
		if (strcmp((const char *)k->name, parts[i]) == 0)
			return true;
	return false;
}

void px_atom_person(struct pctx *c, const xmlNode *n, const char *base,
		    struct rounds_person *p)
{
	const xmlNode *k;
	const char *s, *name;
	size_t len;
	bool any = false;
	char *own;

	memset(p, 0, sizeof(*p));
	base = px_base(n, base, &own);
	for (k = n->children; k; k = k->next) {
		if (!person_part(k))
			continue;
		any = true;
		s = px_text(c, k, &len);
		name = (const char *)k->name;
		if (strcmp(name, "name") == 0)
			px_set_text(&p->name, s, len, false);
		else if (strcmp(name, "email") == 0)
			px_person_email(p, s, len);
		else if (s)
			person_uri(c, k, base, p, s, len);
	}
	/* a bare name, or one written in markup (<a>, <span>) */
	if (!any) {
		s = px_text(c, n, &len);
		px_set_text(&p->name, s, len, false);
	}
	/* a name written RSS's way, with the address in it ("Name
	 * <mail@host>"), when no email element gives one */
	if (p->name && p->email == NULL && strchr(p->name, '@')) {
		struct rounds_person q;

		px_person_from_rss(&q, p->name, strlen(p->name));
		if (q.email && q.name) {        /* a name beside it */
			free(p->name);
			p->name = q.name;
			p->email = q.email;
			q.name = q.email = NULL;
		}
		rounds_person_release(&q);
	}
	free(own);
}

/* Where the list s[0, len) splits into people: ',' or ';' outside
 * parentheses and brackets, and only when it names two addresses
 * or more ("A <a@x>, B <b@x>"); "Doe, Jane" is one person. */
static size_t next_person(const char *s, size_t len)
{
	size_t i, at = 0;
	int depth = 0;

	for (i = 0; i < len; i++)
		at += s[i] == '@';
	if (at < 2)
		return len;
	for (i = 0; i < len; i++) {
		if (s[i] == '(' || s[i] == '<' || s[i] == '[')
			depth++;
		else if ((s[i] == ')' || s[i] == '>' || s[i] == ']') &&
			 depth > 0)
			depth--;
		else if ((s[i] == ',' || s[i] == ';') && depth == 0)
			return i;
	}
	return len;
}

size_t px_people(struct px_el *x, const xmlNode *n, struct rounds_person *out,
		 size_t max)
{
	const xmlNode *k;
	const char *s;
	size_t len, cut, got = 0;

	for (k = n->children; k; k = k->next)
		if (person_part(k)) {
			/* Atom's shape; other elements (<a>, <span>) are
			 * markup around the text read below */
			px_atom_person(x->c, n, x->base, &out[0]);
			return rounds_person_empty(&out[0]) ? 0 : 1;
		}
	s = px_text(x->c, n, &len);
	while (s != NULL && len > 0 && got < max) {
		cut = next_person(s, len);
		px_person_from_rss(&out[got], s, cut);
		if (!rounds_person_empty(&out[got]))
			got++;
		if (cut == len)
			break;
		s += cut + 1;
		len -= cut + 1;
	}
	return got;
}

void px_add_people(struct px_el *x, const xmlNode *n)
{
	struct rounds_person p[8];
	size_t i, got = px_people(x, n, p, 8);

	for (i = 0; i < got; i++)
		px_add_author(x->e, &p[i]);
}

/* ---- pictures, Media RSS and iTunes ---- */

static bool image_type(const char *type)
{
	return type && strncasecmp(type, "image/", 6) == 0;
}

/* With no type given, the URL's path names a picture file. */
static bool image_path(const char *url)
{
	static const char *const ext[] = {
		".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg",
	};
	size_t n, i, k;

	if (url == NULL)
		return false;
	n = strcspn(url, "?#");
	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		k = strlen(ext[i]);
		if (n > k && strncasecmp(url + n - k, ext[i], k) == 0)
			return true;
	}
	return false;
}

/* A picture of the author, not of the article: WordPress.com puts its
 * authors' Gravatar in every item as media:content medium="image", GitHub
 * the committer's (avatars.githubusercontent.com/u/ID) as media:thumbnail,
 * and profile pictures live under /avatar(s)/ or /profile_images/. */
static bool avatar(const char *url)
{
	const char *host, *end, *p;
	size_t n;

	if (url == NULL || (host = strstr(url, "://")) == NULL)
		return false;
	host += 3;
	end = host + strcspn(host, "/?#");
	n = (size_t)(end - host);
	if ((n == 12 && strncasecmp(host, "gravatar.com", 12) == 0) ||
	    (n > 13 && strncasecmp(end - 13, ".gravatar.com", 13) == 0))
		return true;
	/* a host whose first label is avatar, avatars, avatars2, ... */
	if (n > 6 && strncasecmp(host, "avatar", 6) == 0) {
		p = host + 6;
		if (*p == 's' || *p == 'S')
			p++;
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p == '.')
			return true;
	}
	return strstr(end, "/avatar/") != NULL ||
		strstr(end, "/avatars/") != NULL ||
		strstr(end, "/profile_images/") != NULL;
}

/* A picture for the entry's image (never an author's avatar). */
void px_put_picture(struct px_el *x, unsigned rank, const char *url,
		    const char *base)
{
	if (!avatar(url))
		px_put_url(x, PF_IMAGE, rank, url, base);
}

void px_add_media(struct px_el *x, const char *url, const char *type,
		  const char *length, const char *base, unsigned rank)
{
	if (image_type(type) || ((type == NULL || *type == '\0') &&
				 image_path(url)))
		px_put_picture(x, rank, url, base);
	else
		px_add_enclosure(x->e, url, type, length, base);
}

static void media_children(struct px_el *x, const xmlNode *n)
{
	const xmlNode *k;

	for (k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			px_dispatch(x, px_ext_item, px_ns(x->c, k), k);
}

/* A media type that is a program to play something, not the thing: the
 * Flash players YouTube and others still list in media:content. */
static bool player(const char *type)
{
	return type && (strcasecmp(type, "application/x-shockwave-flash") ==
			0 || strcasecmp(type, "application/futuresplash") == 0);
}

/* A width="..." in pixels, 0 when none. */
static unsigned long width_of(const xmlNode *n)
{
	const char *w = px_attr(n, "width");
	unsigned long v = 0;

	if (w == NULL)
		return 0;
	w += strspn(w, " \t\r\n");
	for (; *w >= '0' && *w <= '9' && v < 100000; w++)
		v = v * 10 + (unsigned long)(*w - '0');
	return v;
}

/* A picture from media:content or media:thumbnail, whose element may give
 * its width: of two at the same rank that both give one, the wider (feeds
 * list one photo in several sizes, often the smallest first). */
static void put_sized_picture(struct px_el *x, unsigned rank, const char *url,
			      const xmlNode *n)
{
	unsigned long w = width_of(n);
	char *was;

	if (x->e == NULL || url == NULL) {
		px_put_picture(x, rank, url, x->base);
		return;
	}
	was = x->e->image ? xstrdup(x->e->image) : NULL;
	if (was && x->rank[PF_IMAGE] == rank && w > x->image_width &&
	    x->image_width > 0 && !avatar(url))
		px_set_url(&x->e->image, url, x->base, true);
	else
		px_put_picture(x, rank, url, x->base);
	if (x->e->image && (was == NULL || strcmp(was, x->e->image) != 0))
		x->image_width = w;
	free(was);
}

/* Whether a media:content is a picture (medium="image" or an image
 * type), not something to play or download. */
static bool content_is_picture(const xmlNode *n)
{
	const char *medium = px_attr(n, "medium");
	const char *type = px_attr(n, "type");

	return (medium && strcasecmp(medium, "image") == 0) ||
		((medium == NULL || *medium == '\0') &&
		 (image_type(type) || ((type == NULL || *type == '\0') &&
				       image_path(px_attr(n, "url")))));
}

/* Whether a media:content is an enclosure: no picture, no program. */
static bool content_is_enclosure(const xmlNode *n)
{
	const char *medium = px_attr(n, "medium");

	return !content_is_picture(n) &&
		(medium == NULL || strcasecmp(medium, "executable") != 0) &&
		!player(px_attr(n, "type"));
}

/* media:content: a picture (medium="image" or an image type) or an
 * enclosure (not a player); its own media:* children (title, thumbnail
 * ...) count too. */
static void h_media_content(struct px_el *x, const xmlNode *n,
			    const struct px_rule *r)
{
	const char *url = px_attr(n, "url");

	if (content_is_picture(n))
		put_sized_picture(x, r->rank, url, n);
	else if (content_is_enclosure(n))
		px_add_media(x, url, px_attr(n, "type"),
			     px_attr(n, "fileSize"), x->base, r->rank);
	media_children(x, n);
}

/* The picture's address: media's url, iTunes' href (or url, which some
 * podcast tools write), else the element's text (<media:thumbnail>
 * http://...</media:thumbnail>, as some feeds write it).  Caller frees. */
static char *picture_ref(struct px_el *x, const xmlNode *n,
			 const struct px_rule *r)
{
	bool href = r->ns == NS_ITUNES || r->ns == NS_GOOGLEPLAY ||
		r->ns == NS_PODCAST;
	const char *a = px_attr(n, href ? "href" : "url");
	size_t len;

	if (a == NULL && href)
		a = px_attr(n, "url");
	if (a)
		return xstrdup(a);
	a = px_text(x->c, n, &len);
	return a ? xstrndup(a, len) : NULL;
}

/* media:thumbnail (url) and itunes:image (href): the entry's picture. */
static void h_picture(struct px_el *x, const xmlNode *n,
		      const struct px_rule *r)
{
	char *ref = picture_ref(x, n, r);

	if (r->ns == NS_MEDIA)
		put_sized_picture(x, r->rank, ref, n);
	else
		px_put_picture(x, r->rank, ref, x->base);
	free(ref);
}

/* podcast:images srcset="URL 1500w, URL 600w" (Podcasting 2.0's first
 * form): the widest of the pictures it lists, else the first.  Caller
 * frees. */
static char *widest_in_srcset(const char *set)
{
	char *best = NULL;
	unsigned long best_w = 0;
	const char *p = set, *u, *e;

	while (p && *p) {
		unsigned long w = 0;
		size_t ulen;

		p += strspn(p, " \t\r\n,");
		u = p;
		ulen = strcspn(u, " \t\r\n,");
		if (ulen == 0)
			break;
		e = u + ulen;
		e += strspn(e, " \t\r\n");
		while (*e >= '0' && *e <= '9' && w < 1000000)
			w = w * 10 + (unsigned long)(*e++ - '0');
		if (*e != 'w')
			w = 0;          /* "2x" or nothing: no width */
		if (best == NULL || w > best_w) {
			free(best);
			best = xstrndup(u, ulen);
			best_w = w;
		}
		p = strchr(e, ',');
	}
	return best;
}

/* podcast:image href (Podcasting 2.0) or podcast:images srcset: the
 * entry's or the channel's picture. */
static void h_podcast_images(struct px_el *x, const xmlNode *n,
			     const struct px_rule *r)
{
	const char *set = px_attr(n, "srcset");
	char *ref = set ? widest_in_srcset(set) : picture_ref(x, n, r);

	if (x->e)
		px_put_picture(x, r->rank, ref, x->base);
	else
		px_put_url(x, r->field, r->rank, ref, x->base);
	free(ref);
}

/* The old iTunes picture: <itunes:link rel="image" href="...">. */
static void h_itunes_link(struct px_el *x, const xmlNode *n,
			  const struct px_rule *r)
{
	const char *rel = px_attr(n, "rel");

	if (rel == NULL || strcasecmp(rel, "image") != 0)
		return;
	if (x->e)
		px_put_picture(x, r->rank, px_attr(n, "href"), x->base);
	else
		px_put_url(x, r->field, r->rank, px_attr(n, "href"), x->base);
}

/* RSS 1.0's mod_enclosure: <enc:enclosure rdf:resource="..." enc:type=
 * "..." enc:length="..."/> (some feeds write the attributes without a
 * namespace, or url= for the address). */
static void h_enc_enclosure(struct px_el *x, const xmlNode *n,
			    const struct px_rule *r)
{
	const char *url = px_attr_ns(x->c, n, NS_RDF, "resource");
	const char *type = px_attr_ns(x->c, n, NS_ENC, "type");
	const char *length = px_attr_ns(x->c, n, NS_ENC, "length");

	if (url == NULL)
		url = px_attr(n, "resource");
	if (url == NULL)
		url = px_attr(n, "url");
	if (type == NULL)
		type = px_attr(n, "type");
	if (length == NULL)
		length = px_attr(n, "length");
	px_add_media(x, url, type, length, x->base, r->rank);
}

/* media:group: one thing in several forms (bit rates, formats).  Of the
 * media:content in it to play or download, one is the enclosure: the
 * one marked isDefault="true", else the first (the others' own children,
 * a title, a description, count still); pictures and the other children
 * count as they would outside. */
static void h_media_group(struct px_el *x, const xmlNode *n,
			  const struct px_rule *r)
{
	const xmlNode *k, *first = NULL, *chosen = NULL;
	const char *d;

	(void)r;
	for (k = n->children; k && chosen == NULL; k = k->next) {
		if (!px_is(x->c, k, NS_MEDIA, "content") ||
		    !content_is_enclosure(k) || px_attr(k, "url") == NULL)
			continue;
		if (first == NULL)
			first = k;
		if ((d = px_attr(k, "isDefault")) && strcasecmp(d, "true") == 0)
			chosen = k;
	}
	if (chosen == NULL)
		chosen = first;
	for (k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (k != chosen && px_is(x->c, k, NS_MEDIA, "content") &&
		    content_is_enclosure(k))
			media_children(x, k);   /* its title, description ... */
		else
			px_dispatch(x, px_ext_item, px_ns(x->c, k), k);
	}
}

static bool media_html(const xmlNode *n)
{
	const char *type = px_attr(n, "type");

	return type && strcasecmp(type, "html") == 0;
}

/* media:title (type="plain" or "html"). */
static void h_media_title(struct px_el *x, const xmlNode *n,
			  const struct px_rule *r)
{
	const char *s;
	size_t len;

	s = px_text(x->c, n, &len);
	px_put_text(x, PF_TITLE, r->rank, s, len,
		    media_html(n) ? PX_HTML : PX_PLAIN);
}

/* media:description, itunes:summary, itunes:subtitle: the summary when
 * nothing of higher rank gives one; plain text unless type="html". */
static void h_plain_summary(struct px_el *x, const xmlNode *n,
			    const struct px_rule *r)
{
	const char *s;
	size_t len;
	char *own;
	const char *base;

	if (r->ns == NS_MEDIA && media_html(n)) {
		px_h_html(x, n, r);
		return;
	}
	s = px_text(x->c, n, &len);
	/* itunes:summary may hold HTML (Apple allows a few tags, and
	 * podcast hosts write whole show notes there): read as HTML when
	 * it holds markup HTML knows */
	if (r->ns == NS_ITUNES && s && px_has_html_markup(s, len)) {
		px_h_html(x, n, r);
		return;
	}
	base = px_base(n, x->base, &own);
	px_put_plain_as_html(x, PF_SUMMARY, r->rank, s, len, base);
	free(own);
}

/* media:category (text), itunes:category (text="...", nested). */
static void h_ext_category(struct px_el *x, const xmlNode *n,
			   const struct px_rule *r)
{
	const xmlNode *k;
	const char *s;
	size_t len;

	if (r->ns == NS_MEDIA) {
		s = px_text(x->c, n, &len);
		px_add_category(x->e, s, len);
		return;
	}
	s = px_attr(n, "text");
	if (s)
		px_add_category(x->e, s, strlen(s));
	for (k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE &&
		    px_is(x->c, k, NS_ITUNES, "category"))
			h_ext_category(x, k, r);
}

/* itunes:keywords: a comma-separated list. */
static void h_keywords(struct px_el *x, const xmlNode *n,
		       const struct px_rule *r)
{
	const char *s, *end, *comma;
	size_t len;
	char *v;

	s = px_text(x->c, n, &len);
	if (s == NULL)
		return;
	v = xstrndup(s, len);
	for (s = v, end = v + len; s < end; s = comma + 1) {
		comma = memchr(s, ',', (size_t)(end - s));
		if (comma == NULL)
			comma = end;
		px_add_category(x->e, s, (size_t)(comma - s));
	}
	free(v);
}

/* ---- item / entry extensions ---- */

/* dc:date: the item's date (published, when nothing better says so) and
 * the date of its last change (updated), as readers have long taken it. */
static void h_dc_date(struct px_el *x, const xmlNode *n,
		      const struct px_rule *r)
{
	static const struct px_rule upd = {
		NS_DC, "date", px_h_date, PF_UPDATED, 1 };

	px_h_date(x, n, r);
	px_h_date(x, n, &upd);
}


static void h_atom_link(struct px_el *x, const xmlNode *n,
			const struct px_rule *r)
{
	px_atom_link(x, n, r->rank);
}

static void h_atom_author(struct px_el *x, const xmlNode *n,
			  const struct px_rule *r)
{
	struct rounds_person p;

	px_atom_person(x->c, n, x->base, &p);
	px_add_author(x->e, &p);
}

/* dc:creator, dc:author, itunes:author (in any of the shapes RSS's author
 * takes); dc:contributor only when nothing else names an author. */
static void h_person(struct px_el *x, const xmlNode *n,
		     const struct px_rule *r)
{
	struct rounds_person p;
	const char *s;
	size_t len;

	if (strcmp(r->name, "contributor") == 0) {
		if (x->n_contrib < PX_MAX_CONTRIB)
			x->n_contrib += px_people(x, n, x->contrib +
						  x->n_contrib,
						  PX_MAX_CONTRIB -
						  x->n_contrib);
		return;
	}
	if (r->ns != NS_ITUNES) {
		px_add_people(x, n);
		return;
	}
	s = px_text(x->c, n, &len);
	px_person_from_rss(&p, s, len);
	if (rounds_person_empty(&x->itunes_author))
		x->itunes_author = p;
	else
		rounds_person_release(&p);
}

void px_h_category(struct px_el *x, const xmlNode *n,
		   const struct px_rule *r)
{
	const char *s;
	size_t len;

	s = px_text(x->c, n, &len);
	px_add_category(x->e, s, len);
}

static void set_count(struct px_el *x, const xmlNode *n)
{
	const char *s;
	size_t len;
	char *v;

	s = px_text(x->c, n, &len);
	if (s == NULL || len > 40)
		return;
	v = xstrndup(s, len);
	if (px_parse_count(v, &x->e->comment_count))
		x->e->has_comment_count = true;
	free(v);
}

/* slash:comments gives way to a count already known; thr:total does not */
static void h_count(struct px_el *x, const xmlNode *n,
		    const struct px_rule *r)
{
	if (r->ns == NS_THR || !x->e->has_comment_count)
		set_count(x, n);
}

static void h_in_reply_to(struct px_el *x, const xmlNode *n,
			  const struct px_rule *r)
{
	char *own;
	const char *b = px_base(n, x->base, &own);

	px_add_reply(x->e, px_attr(n, "ref"), px_attr(n, "href"), b);
	free(own);
}

/* atom:summary, atom:content and atom:title in an RSS item, read as Atom
 * reads them (its type attribute). */
static void h_atom_html(struct px_el *x, const xmlNode *n,
			const struct px_rule *r)
{
	px_atom_text(x, n, true, r->field, r->rank);
}

static void h_atom_title(struct px_el *x, const xmlNode *n,
			 const struct px_rule *r)
{
	px_atom_text(x, n, false, r->field, r->rank);
}

/* feedburner:origEnclosureLink: the file FeedBurner's enclosure stood in
 * for (its redirect through feedproxy.google.com or feeds.feedburner.com)
 * takes that enclosure's place, as origLink takes the link's.  Nothing
 * when the item has no such enclosure. */
static void h_orig_enclosure(struct px_el *x, const xmlNode *n,
			     const struct px_rule *r)
{
	struct rounds_enclosure *enc;
	const char *s, *host;
	char *text, *url = NULL;
	size_t len, i;

	(void)r;
	if (x->e == NULL || (s = px_text(x->c, n, &len)) == NULL)
		return;
	for (i = x->e->n_enclosures; i > 0; i--) {
		enc = &x->e->enclosures[i - 1];
		host = strstr(enc->url, "://");
		if (host == NULL || (strncmp(host + 3, "feedproxy.google.com/",
					     21) != 0 &&
				     strncmp(host + 3, "feeds.feedburner.com/",
					     21) != 0))
			continue;
		text = xstrndup(s, len);
		px_set_url(&url, text, x->base, true);
		free(text);
		if (url != NULL) {
			free(enc->url);
			enc->url = url;
		}
		return;
	}
}

/* Item precedence (rank: higher wins; the format's own rows are in
 * parse_rss.c and parse_atom.c, at rank 3):
 *   title      RSS title / atom:title 3 > dc:title, atom:title in RSS 2
 *              > media:title, itunes:title 1
 *   link       feedburner:origLink 5 (the page FeedBurner's link
 *              stood in for) > RSS link / atom link 3 > atom:link in RSS 2
 *              > guid isPermaLink / atom content src 1; an alternate
 *              link that is no web page (a PDF) one rank lower
 *   id         guid / atom:id 3 > atom:id in RSS 2 > rdf:about 1
 *   summary    description / atom:summary 6 > RSS summary 5
 *              > dc:description, atom:summary in RSS 4
 *              > media:description 3
 *              > itunes:summary 2 > itunes:subtitle 1
 *   image      media:thumbnail 4 > media:content medium=image (or an
 *              image type) 3 > itunes:image, podcast:image(s) 2
 *              > googleplay:image, an enclosure or atom
 *              link rel=enclosure of an image type, itunes:link
 *              rel=image 1 > RSS <image> inside the item 0
 *   content    content:encoded / atom:content 4 > xhtml:body, RSS body,
 *              atom:content in RSS 3
 *              > RSS fullitem 2 > RSS summary beside a description 1
 *   published  pubDate / atom:published 3 > dc:date, dc:created,
 *              dc:issued, atom:created, atom:published in RSS 2
 *   updated    atom:updated 3 > dc:modified 2 > dc:date 1 (the date
 *              of the latest change, Dublin Core says: both fields)
 *   comments   RSS comments 3 > atom:link rel=replies type=html 2
 *   comments_feed  wfw:commentRss, atom:link rel=replies 2
 *   authors    RSS author, dc:creator, dc:author, atom:author each add
 *              one (px_add_author merges one person named twice);
 *              dc:contributor and itunes:author only when no other
 *              element names an author */
const struct px_rule px_ext_item[] = {
	{ NS_DC, "creator", h_person, PF_NONE, 0 },
	{ NS_DC, "author", h_person, PF_NONE, 0 },
	{ NS_DC, "contributor", h_person, PF_NONE, 0 },
	{ NS_DC, "subject", px_h_category, PF_NONE, 0 },
	{ NS_DC, "date", h_dc_date, PF_PUBLISHED, 2 },
	{ NS_DC, "created", px_h_date, PF_PUBLISHED, 2 },
	{ NS_DC, "issued", px_h_date, PF_PUBLISHED, 2 },
	{ NS_DC, "modified", px_h_date, PF_UPDATED, 2 },
	{ NS_DC, "title", px_h_text, PF_TITLE, 2 },
	{ NS_DC, "description", px_h_html, PF_SUMMARY, 4 },
	{ NS_CONTENT, "encoded", px_h_html, PF_CONTENT, 4 },
	{ NS_XHTML, "body", px_h_html, PF_CONTENT, 3 },
	{ NS_WFW, "commentRss", px_h_url, PF_COMMENTS_FEED, 2 },
	{ NS_WFW, "commentRSS", px_h_url, PF_COMMENTS_FEED, 2 },
	{ NS_WFW, "commentrss", px_h_url, PF_COMMENTS_FEED, 2 },
	{ NS_SLASH, "comments", h_count, PF_NONE, 0 },
	{ NS_THR, "total", h_count, PF_NONE, 0 },
	{ NS_THR, "in-reply-to", h_in_reply_to, PF_NONE, 0 },
	{ NS_MEDIA, "content", h_media_content, PF_IMAGE, 3 },
	{ NS_MEDIA, "thumbnail", h_picture, PF_IMAGE, 4 },
	{ NS_MEDIA, "group", h_media_group, PF_NONE, 0 },
	{ NS_MEDIA, "title", h_media_title, PF_TITLE, 1 },
	{ NS_MEDIA, "description", h_plain_summary, PF_SUMMARY, 3 },
	{ NS_MEDIA, "category", h_ext_category, PF_NONE, 0 },
	{ NS_ITUNES, "image", h_picture, PF_IMAGE, 2 },
	{ NS_PODCAST, "image", h_podcast_images, PF_IMAGE, 2 },
	{ NS_PODCAST, "images", h_podcast_images, PF_IMAGE, 2 },
	{ NS_GOOGLEPLAY, "image", h_picture, PF_IMAGE, 1 },
	{ NS_ITUNES, "link", h_itunes_link, PF_IMAGE, 1 },
	{ NS_ITUNES, "title", px_h_text, PF_TITLE, 1 },
	{ NS_ITUNES, "category", h_ext_category, PF_NONE, 0 },
	{ NS_ITUNES, "keywords", h_keywords, PF_NONE, 0 },
	{ NS_MEDIA, "keywords", h_keywords, PF_NONE, 0 },
	{ NS_ITUNES, "summary", h_plain_summary, PF_SUMMARY, 2 },
	{ NS_ITUNES, "subtitle", h_plain_summary, PF_SUMMARY, 1 },
	{ NS_ITUNES, "author", h_person, PF_NONE, 0 },
	{ NS_ATOM, "link", h_atom_link, PF_LINK, 2 },
	{ NS_ATOM03, "link", h_atom_link, PF_LINK, 2 },
	{ NS_ATOM, "updated", px_h_date, PF_UPDATED, 3 },
	{ NS_ATOM03, "modified", px_h_date, PF_UPDATED, 3 },
	{ NS_ATOM, "published", px_h_date, PF_PUBLISHED, 2 },
	{ NS_ATOM03, "issued", px_h_date, PF_PUBLISHED, 2 },
	{ NS_ATOM03, "created", px_h_date, PF_PUBLISHED, 2 },
	{ NS_ATOM, "author", h_atom_author, PF_NONE, 0 },
	{ NS_ATOM03, "author", h_atom_author, PF_NONE, 0 },
	{ NS_ATOM, "id", px_h_str, PF_ID, 2 },
	{ NS_ATOM03, "id", px_h_str, PF_ID, 2 },
	{ NS_FEEDBURNER, "origLink", px_h_url, PF_LINK, 5 },
	{ NS_FEEDBURNER, "origEnclosureLink", h_orig_enclosure, PF_NONE, 0 },
	{ NS_ATOM, "summary", h_atom_html, PF_SUMMARY, 4 },
	{ NS_ATOM03, "summary", h_atom_html, PF_SUMMARY, 4 },
	{ NS_ATOM, "content", h_atom_html, PF_CONTENT, 3 },
	{ NS_ATOM03, "content", h_atom_html, PF_CONTENT, 3 },
	{ NS_ATOM, "title", h_atom_title, PF_TITLE, 2 },
	{ NS_ATOM03, "title", h_atom_title, PF_TITLE, 2 },
	{ NS_ATOM, "category", px_h_atom_category, PF_NONE, 0 },
	{ NS_ENC, "enclosure", h_enc_enclosure, PF_NONE, 1 },
	{ 0, NULL, NULL, 0, 0 },
};

/* ---- channel / feed extensions ---- */

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

static void h_sy(struct px_el *x, const xmlNode *n, const struct px_rule *r)
{
	const char *s;
	size_t len;
	char *v;

	s = px_text(x->c, n, &len);
	v = s ? xstrndup(s, len > 40 ? 40 : len) : NULL;
	if (v && strcmp(r->name, "updatePeriod") == 0)
		x->sy_period = px_sy_period(v);
	else if (v)
		(void)px_parse_count(v, &x->sy_freq);
	free(v);
}

void px_min_interval(struct px_el *x)
{
	struct rounds_feed *f = x->c->feed;
	int64_t sy;

	if (x->ttl > 0)
		f->min_interval = x->ttl;
	if (x->sy_period > 0) {
		sy = x->sy_period / (x->sy_freq > 0 ? x->sy_freq : 1);
		if (sy > f->min_interval)
			f->min_interval = sy;
	}
}

/* feed.author from managingEditor, author, dc:author, dc:creator or
 * itunes:author: the source of highest rank names the person, the others
 * add details when they name the same one. */
void px_h_feed_person(struct px_el *x, const xmlNode *n,
		      const struct px_rule *r)
{
	struct rounds_person *a = &x->c->feed->author, p;

	if (px_people(x, n, &p, 1) == 0)
		return;         /* the first one named is the feed's */
	if (rounds_person_empty(a) || r->rank > x->rank[PF_AUTHOR]) {
		if (!px_person_merge(&p, a))
			rounds_person_release(a);
		*a = p;
		x->rank[PF_AUTHOR] = r->rank;
		return;
	}
	if (!px_person_merge(a, &p))
		rounds_person_release(&p);
}

static void h_attr_url(struct px_el *x, const xmlNode *n,
		       const struct px_rule *r)
{
	char *ref = picture_ref(x, n, r);

	px_put_url(x, r->field, r->rank, ref, x->base);
	free(ref);
}

/* atom:generator in an RSS channel: the generator, unless RSS's own
 * names one. */
static void h_atom_generator(struct px_el *x, const xmlNode *n,
			     const struct px_rule *r)
{
	const char *s;
	size_t len;

	(void)r;
	s = px_text(x->c, n, &len);
	px_set_str(&x->c->feed->generator, s, len, false);
}

/* Channel precedence (RSS's own rows in parse_rss.c):
 *   title      RSS title 3 > dc:title 2 > itunes:title 1
 *   link       RSS link 3 > atom:link 2
 *   subtitle   RSS description 3 > dc:description, tagline,
 *              atom:subtitle (Atom 0.3's tagline) 2
 *              > itunes:subtitle 1 > itunes:summary 0
 *   id         atom:id 2 > rdf:about 1
 *   language   RSS language 3 > dc:language 2 > xml:lang 1
 *   rights     copyright 3 > dc:rights, atom:rights (0.3's copyright) 2
 *   generator  RSS generator > atom:generator
 *   image      RSS image 3 > itunes:image, podcast:image(s) 2
 *              > googleplay:image, media:thumbnail,
 *              itunes:link rel=image 1
 *   updated    lastBuildDate 4 > pubDate 3 > dc:date, dc:modified,
 *              atom:updated (.NET's a10:updated) 2
 *   author     managingEditor 5 > RSS author 4 > dc:author 3
 *              > dc:creator, atom:author 2 > itunes:author 1 (the others
 *              add details to the same person) */
const struct px_rule px_ext_chan[] = {
	{ NS_DC, "creator", px_h_feed_person, PF_AUTHOR, 2 },
	{ NS_DC, "author", px_h_feed_person, PF_AUTHOR, 3 },
	{ NS_DC, "modified", px_h_date, PF_UPDATED, 2 },
	{ NS_DC, "date", px_h_date, PF_UPDATED, 2 },
	{ NS_DC, "language", px_h_str, PF_LANGUAGE, 2 },
	{ NS_DC, "rights", px_h_text, PF_RIGHTS, 2 },
	{ NS_DC, "title", px_h_text, PF_TITLE, 2 },
	{ NS_DC, "description", px_h_text, PF_SUBTITLE, 2 },
	{ NS_ATOM, "link", h_atom_link, PF_LINK, 2 },
	{ NS_ATOM03, "link", h_atom_link, PF_LINK, 2 },
	{ NS_ATOM, "id", px_h_str, PF_ID, 2 },
	{ NS_ATOM03, "id", px_h_str, PF_ID, 2 },
	{ NS_ATOM, "icon", px_h_url, PF_ICON, 2 },
	{ NS_ATOM03, "icon", px_h_url, PF_ICON, 2 },
	{ NS_ATOM, "updated", px_h_date, PF_UPDATED, 2 },
	{ NS_ATOM03, "modified", px_h_date, PF_UPDATED, 2 },
	{ NS_ATOM, "author", px_h_feed_person, PF_AUTHOR, 2 },
	{ NS_ATOM03, "author", px_h_feed_person, PF_AUTHOR, 2 },
	{ NS_ATOM, "subtitle", h_atom_title, PF_SUBTITLE, 2 },
	{ NS_ATOM03, "tagline", h_atom_title, PF_SUBTITLE, 2 },
	{ NS_ATOM, "rights", h_atom_title, PF_RIGHTS, 2 },
	{ NS_ATOM03, "copyright", h_atom_title, PF_RIGHTS, 2 },
	{ NS_ATOM, "generator", h_atom_generator, PF_NONE, 0 },
	{ NS_ATOM03, "generator", h_atom_generator, PF_NONE, 0 },
	{ NS_SY, "updatePeriod", h_sy, PF_NONE, 0 },
	{ NS_SY, "updateFrequency", h_sy, PF_NONE, 0 },
	{ NS_ITUNES, "author", px_h_feed_person, PF_AUTHOR, 1 },
	{ NS_ITUNES, "subtitle", px_h_text, PF_SUBTITLE, 1 },
	{ NS_ITUNES, "summary", px_h_text, PF_SUBTITLE, 0 },
	{ NS_ITUNES, "image", h_attr_url, PF_IMAGE, 2 },
	{ NS_PODCAST, "image", h_podcast_images, PF_IMAGE, 2 },
	{ NS_PODCAST, "images", h_podcast_images, PF_IMAGE, 2 },
	{ NS_GOOGLEPLAY, "image", h_attr_url, PF_IMAGE, 1 },
	{ NS_ITUNES, "link", h_itunes_link, PF_IMAGE, 1 },
	{ NS_MEDIA, "thumbnail", h_attr_url, PF_IMAGE, 1 },
	{ NS_ITUNES, "title", px_h_text, PF_TITLE, 1 },
	{ 0, NULL, NULL, 0, 0 },
};
