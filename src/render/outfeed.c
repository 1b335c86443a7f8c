/* outfeed.c: the output feeds.  Atom and RSS 2.0 through libxml2's
 * xmlTextWriter (which escapes every text and attribute), JSON Feed 1.1
 * through jansson.  The models are those of INTERFACE.md; see outfeed.h
 * for the three forms (digest, issues, river). */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libxml/xmlwriter.h>
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/date.h"
#include "rounds/jsonout.h"
#include "rounds/outfeed.h"
#include "outfeed_int.h"

#define ATOM_NS "http://www.w3.org/2005/Atom"
#define DC_NS "http://purl.org/dc/elements/1.1/"
#define JSONFEED_VERSION "https://jsonfeed.org/version/1.1"
#define GENERATOR "rounds"

/* One entry of any form, as the writers see it; strings borrowed. */
struct item {
	const char *id, *title, *link, *published, *updated;
	const char *content, *summary;
	json_t *authors;            /* array of PERSON, may be NULL */
	json_t *tags;               /* array of strings, may be NULL */
	const char *source_title, *source_link, *source_feed;
	const char *source_updated;  /* its latest entry here, see below */
};

/* The feed's head. */
struct head {
	const char *id, *title, *subtitle, *link, *self, *updated;
	const char *author;         /* a name for the feed-level author */
};

static const char *sget(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static bool has(const char *s)
{
	return s != NULL && *s != '\0';
}

/* ---- ids ---------------------------------------------------------------- */

/* "tag:HOST,YYYY:specific" from the site URL; a urn when it has no host. */
char *rounds_outfeed_tag_id(const char *site_url, const char *year,
			    const char *specific)
{
	struct rounds_buf b;
	const char *h = NULL, *e;
	size_t n = 0, i;

	if (site_url && (h = strstr(site_url, "://")) != NULL) {
		h += 3;
		if ((e = strchr(h, '@')) != NULL && e < h + strcspn(h, "/?#"))
			h = e + 1;
		n = strcspn(h, ":/?#");
	}
	rounds_buf_init(&b, 0);
	if (n > 0 && year && strlen(year) >= 4) {
		if (rounds_buf_puts(&b, "tag:") < 0)
			return NULL;
		for (i = 0; i < n; i++)         /* RFC 4151: lower-case */
			if (rounds_buf_putc(&b, tolower((unsigned char)h[i]))
			    < 0)
				return NULL;
		if (rounds_buf_putc(&b, ',') < 0 ||
		    rounds_buf_append(&b, year, 4) < 0 ||
		    rounds_buf_putc(&b, ':') < 0)
			return NULL;
	} else if (rounds_buf_puts(&b, "urn:rounds:") < 0) {
		return NULL;
	}
	if (rounds_buf_puts(&b, specific) < 0)
		return NULL;
	return rounds_buf_detach(&b);
}

/* An absolute link: base + rel when base is set, else rel. */
static char *join_url(const char *base, const char *rel)
{
	struct rounds_buf b;
	size_t n;

	rounds_buf_init(&b, 0);
	if (has(base)) {
		n = strlen(base);
		if (rounds_buf_puts(&b, base) < 0 ||
		    (base[n - 1] != '/' && rounds_buf_putc(&b, '/') < 0))
			return NULL;
	}
	if (rounds_buf_puts(&b, rel) < 0)
		return NULL;
	return rounds_buf_detach(&b);
}

/* ---- XML: Atom and RSS -------------------------------------------------- */

struct xw {
	xmlBufferPtr buf;
	xmlTextWriterPtr w;
	bool failed;
};

static int xw_open(struct xw *x, struct rounds_err *err)
{
	x->failed = false;
	x->buf = xmlBufferCreate();
	x->w = x->buf ? xmlNewTextWriterMemory(x->buf, 0) : NULL;
	if (x->w == NULL) {
		if (x->buf)
			xmlBufferFree(x->buf);
		x->buf = NULL;
		return rounds_err_set(err, EX_SOFTWARE,
				      "cannot create an XML writer");
	}
	if (xmlTextWriterSetIndent(x->w, 1) < 0 ||
	    xmlTextWriterSetIndentString(x->w, BAD_CAST "  ") < 0 ||
	    xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL) < 0)
		x->failed = true;
	return 0;
}

static void xw_close(struct xw *x)
{
	if (x->w)
		xmlFreeTextWriter(x->w);
	if (x->buf)
		xmlBufferFree(x->buf);
	x->w = NULL;
	x->buf = NULL;
}

static int xw_finish(struct xw *x, char **out, struct rounds_err *err)
{
	int rc = -1;

	if (!x->failed && xmlTextWriterEndDocument(x->w) < 0)
		x->failed = true;
	if (!x->failed && xmlTextWriterFlush(x->w) < 0)
		x->failed = true;
	if (x->failed) {
		rounds_err_set(err, EX_SOFTWARE, "cannot write the feed");
		goto out;
	}
	/* the writer's buffer itself (a feed of full issues is megabytes:
	 * no copy) */
	*out = (char *)xmlBufferDetach(x->buf);
	if (*out == NULL)
		abort();        /* what xstrdup does when memory runs out */
	rc = 0;
out:
	xw_close(x);
	return rc;
}

static void start(struct xw *x, const char *name)
{
	if (!x->failed && xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
		x->failed = true;
}

static void end(struct xw *x)
{
	if (!x->failed && xmlTextWriterEndElement(x->w) < 0)
		x->failed = true;
}

static void attr(struct xw *x, const char *name, const char *value)
{
	if (!x->failed && value &&
	    xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
					BAD_CAST value) < 0)
		x->failed = true;
}

/* <name>text</name>, skipped when text is unset. */
static void elem(struct xw *x, const char *name, const char *text)
{
	if (x->failed || !has(text))
		return;
	if (xmlTextWriterWriteElement(x->w, BAD_CAST name,
				      BAD_CAST text) < 0)
		x->failed = true;
}

static void link_el(struct xw *x, const char *rel, const char *type,
		    const char *href)
{
	if (!has(href))
		return;
	start(x, "link");
	attr(x, "rel", rel);
	attr(x, "type", type);
	attr(x, "href", href);
	end(x);
}

static void atom_person(struct xw *x, const char *el, json_t *p)
{
	const char *name = sget(p, "name"), *email = sget(p, "email");
	const char *uri = sget(p, "uri");

	if (!has(name))
		name = has(email) ? email : NULL;
	if (name == NULL)
		return;
	start(x, el);
	elem(x, "name", name);
	elem(x, "email", email);
	elem(x, "uri", uri);
	end(x);
}

static void atom_text(struct xw *x, const char *el, const char *type,
		      const char *text)
{
	if (!has(text))
		return;
	start(x, el);
	attr(x, "type", type);
	if (!x->failed && xmlTextWriterWriteString(x->w, BAD_CAST text) < 0)
		x->failed = true;
	end(x);
}

/* The feed an entry came from (RFC 4287 4.2.11): its URL as id (in the
 * normal form of RFC 3986, as ids are compared character by character),
 * title, updated, its site and itself as links.  Left out when the feed
 * has no public URL. */
static void atom_source(struct xw *x, const struct item *it)
{
	char *id;

	if (!has(it->source_feed) || !has(it->source_title))
		return;
	start(x, "source");
	id = outfeed_uri_normal(it->source_feed);
	elem(x, "id", id);
	free(id);
	atom_text(x, "title", "text", it->source_title);
	elem(x, "updated", it->source_updated);
	link_el(x, "alternate", "text/html", it->source_link);
	link_el(x, "self", NULL, it->source_feed);
	end(x);
}

static void atom_entry(struct xw *x, const struct item *it,
		       const char *fallback_updated)
{
	size_t i;
	json_t *v;
	bool author = false;
	char *id = outfeed_entry_id(it->id, it->source_feed), *html;

	start(x, "entry");
	elem(x, "id", id);
	free(id);
	start(x, "title");
	attr(x, "type", "text");
	if (!x->failed && xmlTextWriterWriteString(x->w, BAD_CAST
			(it->title ? it->title : "")) < 0)
		x->failed = true;
	end(x);
	link_el(x, "alternate", "text/html", it->link);
	elem(x, "published", it->published);
	elem(x, "updated", has(it->updated) ? it->updated :
	     has(it->published) ? it->published : fallback_updated);
	json_array_foreach(it->authors, i, v) {
		if (has(sget(v, "name")) || has(sget(v, "email"))) {
			atom_person(x, "author", v);
			author = true;
		}
	}
	if (!author && has(it->source_title)) {
		start(x, "author");
		elem(x, "name", it->source_title);
		elem(x, "uri", it->source_link);
		end(x);
	}
	json_array_foreach(it->tags, i, v) {
		if (!json_is_string(v) || !has(json_string_value(v)))
			continue;
		start(x, "category");
		attr(x, "term", json_string_value(v));
		end(x);
	}
	atom_source(x, it);
	atom_text(x, "summary", "text", it->summary);
	html = outfeed_html(it->content);
	atom_text(x, "content", "html", html);
	free(html);
	end(x);
}

static int atom_write(const struct head *h, const struct item *items,
		      size_t n, char **out, struct rounds_err *err)
{
	struct xw x;
	size_t i;

	if (xw_open(&x, err) < 0)
		return -1;
	start(&x, "feed");
	attr(&x, "xmlns", ATOM_NS);
	elem(&x, "id", h->id);
	atom_text(&x, "title", "text", h->title ? h->title : "");
	atom_text(&x, "subtitle", "text", h->subtitle);
	elem(&x, "updated", h->updated);
	if (has(h->author)) {
		start(&x, "author");
		elem(&x, "name", h->author);
		elem(&x, "uri", h->link);
		end(&x);
	}
	link_el(&x, "self", "application/atom+xml", h->self);
	link_el(&x, "alternate", "text/html", h->link);
	start(&x, "generator");
	if (!x.failed && xmlTextWriterWriteString(x.w, BAD_CAST GENERATOR) < 0)
		x.failed = true;
	end(&x);
	for (i = 0; i < n; i++)
		atom_entry(&x, &items[i], h->updated);
	end(&x);
	return xw_finish(&x, out, err);
}

/* RFC 822 date (RFC 2822 form) of an INTERFACE.md DATE, into out. */
static bool rfc822(const char *date, char out[40])
{
	static const char *const days[] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
	};
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
		"Sep", "Oct", "Nov", "Dec",
	};
	int64_t t;
	time_t tt;
	struct tm tm;

	if (!has(date) || !rounds_date_parse(date, &t))
		return false;
	tt = (time_t)t;
	if (gmtime_r(&tt, &tm) == NULL)
		return false;
	snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d +0000",
		 days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
		 tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
	return true;
}

static void rss_item(struct xw *x, const struct item *it)
{
	char date[40];
	size_t i;
	json_t *v;
	const char *name;
	char *html;

	start(x, "item");
	elem(x, "title", it->title);
	elem(x, "link", it->link);
	if (has(it->id)) {
		start(x, "guid");
		attr(x, "isPermaLink", "false");
		if (!x->failed &&
		    xmlTextWriterWriteString(x->w, BAD_CAST it->id) < 0)
			x->failed = true;
		end(x);
	}
	if (rfc822(has(it->published) ? it->published : it->updated, date))
		elem(x, "pubDate", date);
	json_array_foreach(it->authors, i, v) {
		name = sget(v, "name");
		if (has(name))
			elem(x, "dc:creator", name);
	}
	json_array_foreach(it->tags, i, v)
		if (json_is_string(v))
			elem(x, "category", json_string_value(v));
	if (has(it->source_title) && has(it->source_feed)) {
		start(x, "source");
		attr(x, "url", it->source_feed);
		if (!x->failed && xmlTextWriterWriteString(x->w,
				BAD_CAST it->source_title) < 0)
			x->failed = true;
		end(x);
	}
	html = outfeed_html(it->content);
	elem(x, "description", has(html) ? html : it->summary);
	free(html);
	end(x);
}

static int rss_write(const struct head *h, const struct item *items,
		     size_t n, char **out, struct rounds_err *err)
{
	struct xw x;
	char date[40];
	size_t i;

	if (xw_open(&x, err) < 0)
		return -1;
	start(&x, "rss");
	attr(&x, "version", "2.0");
	attr(&x, "xmlns:atom", ATOM_NS);
	attr(&x, "xmlns:dc", DC_NS);
	start(&x, "channel");
	elem(&x, "title", h->title ? h->title : "");
	/* <link> and <description> are required: never leave them out. */
	start(&x, "link");
	if (!x.failed && xmlTextWriterWriteString(x.w, BAD_CAST
			(has(h->link) ? h->link : "./")) < 0)
		x.failed = true;
	end(&x);
	start(&x, "description");
	if (!x.failed && xmlTextWriterWriteString(x.w, BAD_CAST
			(has(h->subtitle) ? h->subtitle :
			 h->title ? h->title : "")) < 0)
		x.failed = true;
	end(&x);
	if (h->self) {
		start(&x, "atom:link");
		attr(&x, "rel", "self");
		attr(&x, "type", "application/rss+xml");
		attr(&x, "href", h->self);
		end(&x);
	}
	if (rfc822(h->updated, date))
		elem(&x, "lastBuildDate", date);
	elem(&x, "generator", GENERATOR);
	elem(&x, "docs", "https://www.rssboard.org/rss-specification");
	for (i = 0; i < n; i++)
		rss_item(&x, &items[i]);
	end(&x);
	end(&x);
	return xw_finish(&x, out, err);
}

/* ---- JSON Feed 1.1 ------------------------------------------------------ */

static void jset(json_t *o, const char *key, const char *s)
{
	if (has(s))
		json_object_set_new(o, key, json_string(s));
}

static json_t *json_authors(json_t *persons)
{
	json_t *a = json_array(), *v, *p;
	size_t i;

	json_array_foreach(persons, i, v) {
		if (!has(sget(v, "name")) && !has(sget(v, "uri")))
			continue;
		p = json_object();
		jset(p, "name", sget(v, "name"));
		jset(p, "url", sget(v, "uri"));
		json_array_append_new(a, p);
	}
	return a;
}

static int json_write(const struct head *h, const struct item *items,
		      size_t n, char **out, struct rounds_err *err)
{
	json_t *feed = json_object(), *arr = json_array(), *it, *a, *tags;
	struct rounds_buf b;
	size_t i, j;
	json_t *v;
	int rc = -1;

	json_object_set_new(feed, "version", json_string(JSONFEED_VERSION));
	json_object_set_new(feed, "title", json_string(h->title ? h->title :
						       ""));
	jset(feed, "home_page_url", h->link);
	jset(feed, "feed_url", h->self);
	jset(feed, "description", h->subtitle);
	if (has(h->author)) {
		a = json_object();
		jset(a, "name", h->author);
		jset(a, "url", h->link);
		json_object_set_new(feed, "authors", json_pack("[o]", a));
	}
	json_object_set_new(feed, "language", json_string("en"));
	for (i = 0; i < n; i++) {
		it = json_object();
		json_object_set_new(it, "id", json_string(items[i].id ?
							  items[i].id : ""));
		jset(it, "url", items[i].link);
		jset(it, "title", items[i].title);
		if (has(items[i].content)) {
			char *html = outfeed_html(items[i].content);

			jset(it, "content_html", html);
			free(html);
		} else
			json_object_set_new(it, "content_text", json_string(
				items[i].summary ? items[i].summary : ""));
		jset(it, "summary", items[i].summary);
		jset(it, "date_published", items[i].published);
		jset(it, "date_modified", items[i].updated);
		a = json_authors(items[i].authors);
		if (json_array_size(a) == 0 && has(items[i].source_title)) {
			json_t *p = json_object();

			jset(p, "name", items[i].source_title);
			jset(p, "url", items[i].source_link);
			json_array_append_new(a, p);
		}
		if (json_array_size(a) > 0)
			json_object_set_new(it, "authors", a);
		else
			json_decref(a);
		tags = json_array();
		json_array_foreach(items[i].tags, j, v)
			if (json_is_string(v))
				json_array_append(tags, v);
		if (json_array_size(tags) > 0)
			json_object_set_new(it, "tags", tags);
		else
			json_decref(tags);
		json_array_append_new(arr, it);
	}
	json_object_set_new(feed, "items", arr);
	rounds_buf_init(&b, 0);
	if (rounds_json_dumpb(feed, JSON_INDENT(2) | JSON_PRESERVE_ORDER,
			      &b) < 0 || rounds_buf_putc(&b, '\n') < 0) {
		rounds_buf_release(&b);
		rounds_err_set(err, EX_SOFTWARE, "cannot encode the JSON feed");
		goto out;
	}
	*out = rounds_buf_detach(&b);
	rc = 0;
out:
	json_decref(feed);
	return rc;
}

static int write_kind(enum rounds_outfeed_kind kind, const struct head *h,
		      const struct item *items, size_t n, char **out,
		      struct rounds_err *err)
{
	switch (kind) {
	case ROUNDS_OUTFEED_ATOM:
		return atom_write(h, items, n, out, err);
	case ROUNDS_OUTFEED_RSS:
		return rss_write(h, items, n, out, err);
	case ROUNDS_OUTFEED_JSON:
		return json_write(h, items, n, out, err);
	}
	return rounds_err_set(err, EX_SOFTWARE, "unknown feed kind");
}

/* ---- the forms ---------------------------------------------------------- */

static void article_item(json_t *a, struct item *it)
{
	json_t *src = json_object_get(a, "source");

	memset(it, 0, sizeof(*it));
	it->id = sget(a, "id");
	it->title = sget(a, "title");
	it->link = sget(a, "link");
	it->published = sget(a, "published");
	it->updated = sget(a, "updated");
	it->content = sget(a, "content");
	it->summary = sget(a, "excerpt");
	it->authors = json_object_get(a, "authors");
	it->tags = json_object_get(a, "tags");
	it->source_title = sget(src, "title");
	it->source_link = sget(src, "link");
	it->source_feed = sget(src, "feed");
	if (!has(it->id))
		it->id = it->link;
}

/* A feed with no entry has been updated when it is written (validators
 * take a date before 1990 for a broken clock).  Returns out. */
static const char *now_date(char out[21])
{
	rounds_clock_format(rounds_clock_now(), out);
	return out;
}

/* The later of two DATE texts (same format, so strcmp orders them). */
static const char *later(const char *a, const char *b)
{
	if (!has(a))
		return b;
	if (!has(b))
		return a;
	return strcmp(a, b) >= 0 ? a : b;
}

/* Each item's source_updated: the latest time of the entries of its
 * source among items[0..n) (what the feed told us last, as far as these
 * entries go; it moves only when they do). */
static void source_times(struct item *items, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (!has(items[i].source_feed) || items[i].source_updated)
			continue;
		for (j = i; j < n; j++)
			if (has(items[j].source_feed) &&
			    strcmp(items[j].source_feed,
				   items[i].source_feed) == 0)
				items[i].source_updated = later(
					items[i].source_updated, later(
					items[j].updated, items[j].published));
		for (j = i + 1; j < n; j++)
			if (has(items[j].source_feed) &&
			    strcmp(items[j].source_feed,
				   items[i].source_feed) == 0)
				items[j].source_updated =
					items[i].source_updated;
	}
}

int rounds_outfeed_digest(json_t *model, enum rounds_outfeed_kind kind,
			  const char *self, char **out,
			  struct rounds_err *err)
{
	json_t *site = json_object_get(model, "site"), *sec, *a;
	struct head h;
	struct item *items = NULL;
	size_t n = 0, alloc = 0, i, j;
	const char *week = sget(model, "week"), *since = sget(model, "since");
	char *id = NULL, spec[96], now[21];
	int rc;

	memset(&h, 0, sizeof(h));
	json_array_foreach(json_object_get(model, "sections"), i, sec) {
		json_array_foreach(json_object_get(sec, "articles"), j, a) {
			if (n == alloc) {
				alloc = alloc ? 2 * alloc : 32;
				items = xrealloc(items, alloc * sizeof(*items));
			}
			article_item(a, &items[n++]);
		}
	}
	if (has(week))
		snprintf(spec, sizeof(spec), "digest/%s", week);
	else
		snprintf(spec, sizeof(spec), "digest/%s/%s",
			 since ? since : "", sget(model, "until") ?
			 sget(model, "until") : "");
	id = rounds_outfeed_tag_id(sget(site, "url"), has(week) ? week : since,
				   spec);
	h.id = id;
	h.title = sget(model, "title");
	h.subtitle = sget(site, "description");
	h.link = sget(site, "url");
	h.self = self;
	h.author = has(sget(site, "title")) ? sget(site, "title") : "rounds";
	h.updated = sget(model, "generated");
	for (i = 0; i < n; i++)
		if (!has(h.updated))
			h.updated = later(items[i].updated,
					  items[i].published);
	if (!has(h.updated))
		h.updated = now_date(now);
	source_times(items, n);
	rc = write_kind(kind, &h, items, n, out, err);
	free(items);
	free(id);
	return rc;
}

int rounds_outfeed_issues(json_t *site, json_t *issues,
			  enum rounds_outfeed_kind kind, const char *self,
			  char **out, struct rounds_err *err)
{
	size_t n = json_array_size(issues), i;
	struct item *items = xcalloc(n ? n : 1, sizeof(*items));
	char **ids = xcalloc(n ? n : 1, sizeof(*ids));
	char **links = xcalloc(n ? n : 1, sizeof(*links));
	char *feed_id = NULL, spec[96], now[21];
	const char *url = sget(site, "url"), *week, *path;
	struct head h;
	json_t *m;
	int rc = -1;

	memset(&h, 0, sizeof(h));
	json_array_foreach(issues, i, m) {
		week = sget(m, "week");
		path = sget(m, "path");
		snprintf(spec, sizeof(spec), "issue/%s", week ? week : "");
		ids[i] = rounds_outfeed_tag_id(url, week, spec);
		links[i] = path ? join_url(url, path) : NULL;
		items[i].id = ids[i];
		items[i].title = sget(m, "title");
		items[i].link = links[i];
		items[i].published = sget(m, "generated");
		items[i].updated = has(sget(m, "updated")) ?
			sget(m, "updated") : sget(m, "generated");
		items[i].content = sget(m, "html");
		items[i].summary = sget(m, "summary");
		items[i].source_title = has(sget(site, "title")) ?
			sget(site, "title") : "rounds";
		items[i].source_link = url;
		h.updated = later(h.updated, items[i].updated);
		if (ids[i] == NULL || (path && links[i] == NULL)) {
			rounds_err_set(err, EX_SOFTWARE, "out of memory");
			goto out;
		}
	}
	feed_id = rounds_outfeed_tag_id(url, has(sget(site, "first_week")) ?
			 sget(site, "first_week") : n > 0 ?
			 sget(json_array_get(issues, n - 1), "week") : NULL,
			 "issues");
	if (feed_id == NULL) {
		rounds_err_set(err, EX_SOFTWARE, "out of memory");
		goto out;
	}
	h.id = feed_id;
	h.title = has(sget(site, "title")) ? sget(site, "title") : "rounds";
	h.subtitle = sget(site, "description");
	h.link = url;
	h.self = self;
	h.author = h.title;
	if (!has(h.updated))
		h.updated = now_date(now);
	rc = write_kind(kind, &h, items, n, out, err);
out:
	for (i = 0; i < n; i++) {
		free(ids[i]);
		free(links[i]);
	}
	free(ids);
	free(links);
	free(items);
	free(feed_id);
	return rc;
}

int rounds_outfeed_river(json_t *site, json_t *articles, const char *self,
			 char **out, struct rounds_err *err)
{
	size_t n = json_array_size(articles), i;
	struct item *items = xcalloc(n ? n : 1, sizeof(*items));
	const char *url = sget(site, "url"), *title = sget(site, "title");
	struct head h;
	struct rounds_buf t;
	char now[21];
	char *feed_id = rounds_outfeed_tag_id(url, "2000", "river"), *ftitle;
	json_t *a;
	int rc;

	memset(&h, 0, sizeof(h));
	json_array_foreach(articles, i, a) {
		article_item(a, &items[i]);
		h.updated = later(h.updated, later(items[i].updated,
						   items[i].published));
	}
	rounds_buf_init(&t, 0);
	if (rounds_buf_printf(&t, "%s: the river", has(title) ? title :
			      "rounds") < 0)
		ftitle = NULL;
	else
		ftitle = rounds_buf_detach(&t);
	h.id = feed_id;
	h.title = ftitle;
	h.subtitle = "Every recent article from every source";
	h.link = url;
	h.self = self;
	h.author = has(title) ? title : "rounds";
	if (!has(h.updated))
		h.updated = now_date(now);
	source_times(items, n);
	rc = write_kind(ROUNDS_OUTFEED_ATOM, &h, items, n, out, err);
	free(items);
	free(feed_id);
	free(ftitle);
	return rc;
}
