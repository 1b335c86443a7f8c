/* opml.c: OPML 2.0 import and export of the subscriptions, with libxml2.
 * Import: outlines with an xmlUrl are feeds; the text of the outlines
 * around them become their tags.  Export: one outline per feed, grouped
 * under an outline per tag. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include "rounds/xmlsetup.h"
#include "rounds/buf.h"
#include "rounds/caps.h"
#include "rounds/clock.h"
#include "rounds/fsutil.h"
#include "rounds/opml.h"
#include "rounds/url.h"
#include "rounds/store.h"

#define MAX_TAG_DEPTH 16

struct opml_walk {
	const char *path;            /* the file, for messages */
	char *base;                  /* file:// URL of the file */
	const char *tags[MAX_TAG_DEPTH];
	size_t depth;
	struct rounds_listed_feed *feeds;
	size_t n, alloc;
	struct rounds_opml_stats *stats;
};

static void feeds_free(struct opml_walk *w)
{
	size_t i, j;

	for (i = 0; i < w->n; i++) {
		free(w->feeds[i].url);
		free(w->feeds[i].title);
		for (j = 0; j < w->feeds[i].n_tags; j++)
			free(w->feeds[i].tags[j]);
		free(w->feeds[i].tags);
	}
	free(w->feeds);
	free(w->base);
}

/* The attribute's value (caller frees with free), NULL when absent or
 * only white space. */
static char *attr(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	const char *p;
	char *s = NULL;
	size_t len;

	if (v == NULL)
		return NULL;
	p = (const char *)v;
	p += strspn(p, " \t\r\n");
	len = strlen(p);
	while (len > 0 && strchr(" \t\r\n", p[len - 1]))
		len--;
	if (len > 0)
		s = xstrndup(p, len);
	xmlFree(v);
	return s;
}

static void skip(struct opml_walk *w, xmlNode *n, const char *why,
		 const char *what)
{
	if (w->stats->skipped++ == 0)
		snprintf(w->stats->note, sizeof(w->stats->note),
			 "'%s' line %ld: %s%s%s%s; skipped", w->path,
			 xmlGetLineNo(n), why, what ? " '" : "",
			 what ? what : "", what ? "'" : "");
}

/* The file:// URL of a local path (made absolute), escaped. */
static char *file_url(const char *path)
{
	char *abs = realpath(path, NULL);
	xmlChar *esc;
	struct rounds_buf b;

	if (abs == NULL)
		return NULL;
	esc = xmlURIEscapeStr((const xmlChar *)abs, (const xmlChar *)"/");
	free(abs);
	if (esc == NULL)
		return NULL;
	rounds_buf_init(&b, 0);
	if (rounds_buf_printf(&b, "file://%s", (const char *)esc) < 0) {
		xmlFree(esc);
		return NULL;
	}
	xmlFree(esc);
	return rounds_buf_detach(&b);
}

static bool is_file_url(const char *u)
{
	return strncasecmp(u, "file:", 5) == 0;
}

static void add_feed(struct opml_walk *w, xmlNode *n, char *url)
{
	struct rounds_listed_feed *f = NULL;
	size_t i, j;
	bool have;

	for (i = 0; i < w->n && f == NULL; i++)
		if (strcmp(w->feeds[i].url, url) == 0)
			f = &w->feeds[i];
	if (f) {
		free(url);
	} else if (w->n >= ROUNDS_MAX_ENTRIES) {
		skip(w, n, "too many feeds in one file", NULL);
		free(url);
		return;
	} else {
		if (w->n == w->alloc) {
			w->alloc = w->alloc ? w->alloc * 2 : 16;
			w->feeds = xrealloc(w->feeds,
					    w->alloc * sizeof(*w->feeds));
		}
		f = &w->feeds[w->n++];
		memset(f, 0, sizeof(*f));
		f->url = url;
		f->title = attr(n, "title");
		if (f->title == NULL)
			f->title = attr(n, "text");
	}
	/* A feed listed under several outlines gets all their tags. */
	for (i = 0; i < w->depth; i++) {
		have = false;
		for (j = 0; j < f->n_tags && !have; j++)
			have = strcmp(f->tags[j], w->tags[i]) == 0;
		if (have)
			continue;
		f->tags = xrealloc(f->tags, (f->n_tags + 1) * sizeof(char *));
		f->tags[f->n_tags++] = xstrdup(w->tags[i]);
	}
}

static bool is_outline(xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE &&
	       xmlStrcmp(n->name, (const xmlChar *)"outline") == 0;
}

static void walk(struct opml_walk *w, xmlNode *first)
{
	xmlNode *n;
	char *xml_url, *url, *tag;

	for (n = first; n; n = n->next) {
		if (!is_outline(n))
			continue;
		xml_url = attr(n, "xmlUrl");
		if (xml_url == NULL)
			xml_url = attr(n, "xmlURL");
		if (xml_url) {
			url = rounds_url_resolve(w->base, xml_url);
			if (url == NULL || strlen(url) > ROUNDS_MAX_URL ||
			    !(rounds_url_is_http(url) || is_file_url(url))) {
				skip(w, n, "not an http(s) or file feed URL",
				     xml_url);
				free(url);
			} else {
				add_feed(w, n, url);
			}
			free(xml_url);
			walk(w, n->children);
			continue;
		}
		tag = attr(n, "type");
		if (tag && (strcasecmp(tag, "rss") == 0 ||
			    strcasecmp(tag, "atom") == 0)) {
			skip(w, n, "a feed outline without xmlUrl", NULL);
			free(tag);
			continue;
		}
		free(tag);
		tag = attr(n, "text");
		if (tag == NULL)
			tag = attr(n, "title");
		if (tag && w->depth < MAX_TAG_DEPTH) {
			w->tags[w->depth++] = tag;
			walk(w, n->children);
			w->depth--;
		} else {
			walk(w, n->children);
		}
		free(tag);
	}
}

/* The first error libxml2 reports is the one to show: later ones are
 * often only its consequences. */
struct first_error {
	int line;
	char msg[200];
	bool set;
};

static void keep_first(void *data, xmlError *e)
{
	xmlParserCtxt *ctxt = data;
	struct first_error *f = ctxt ? ctxt->_private : NULL;
	const char *m;

	if (f == NULL || f->set || e == NULL || e->level < XML_ERR_ERROR)
		return;
	m = e->message ? e->message : "?";
	f->set = true;
	f->line = e->line;
	snprintf(f->msg, sizeof(f->msg), "%.*s", (int)strcspn(m, "\n"), m);
}

/* Parses the file into w->feeds. */
static int read_opml(struct opml_walk *w, struct rounds_err *err)
{
	xmlParserCtxt *ctxt = NULL;
	xmlDoc *doc = NULL;
	xmlNode *root, *n, *body = NULL;
	struct first_error first = { 0, "", false };
	xmlError *xe;
	char *data = NULL;
	size_t len;
	int rc = -1;

	if (rounds_file_read(w->path, ROUNDS_MAX_DOC, &data, &len, err) < 0)
		return -1;
	if (len > INT_MAX) {
		rounds_err_set(err, EX_DATAERR, "'%s': too large", w->path);
		goto out;
	}
	ctxt = rounds_xml_ctxt_new();
	if (ctxt == NULL) {
		rounds_err_set(err, EX_OSERR, "out of memory");
		goto out;
	}
	ctxt->_private = &first;
	ctxt->sax->serror = keep_first;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, w->base, NULL,
				rounds_xml_options(XML_PARSE_NOERROR |
						   XML_PARSE_NOWARNING));
	if (doc == NULL || !ctxt->wellFormed) {
		xe = xmlCtxtGetLastError(ctxt);
		if (!first.set) {
			keep_first(ctxt, xe);
		}
		rounds_err_set(err, EX_DATAERR, "'%s' line %d: not well-formed"
			       " XML: %s", w->path, first.line,
			       first.set ? first.msg : "?");
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || xmlStrcmp(root->name, (const xmlChar *)"opml")) {
		rounds_err_set(err, EX_DATAERR, "'%s' line %ld: not an OPML "
			       "document (the root element is '%s', not "
			       "'opml')", w->path,
			       root ? xmlGetLineNo(root) : 1,
			       root ? (const char *)root->name : "");
		goto out;
	}
	for (n = root->children; n && body == NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(n->name, (const xmlChar *)"body") == 0)
			body = n;
	if (body == NULL) {
		rounds_err_set(err, EX_DATAERR, "'%s' line %ld: the OPML "
			       "document has no <body>", w->path,
			       xmlGetLineNo(root));
		goto out;
	}
	walk(w, body->children);
	rc = 0;
out:
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	free(data);
	return rc;
}

/* The list into the store; the counts into the stats. */
static int apply(struct rounds_store *st, struct opml_walk *w, bool sync,
		 struct rounds_err *err)
{
	struct rounds_list_counts c;

	if (rounds_store_list_apply(st, w->feeds, w->n, sync, &c, err) < 0)
		return -1;
	w->stats->added = c.added;
	w->stats->kept = c.kept;
	w->stats->removed = c.removed;
	return 0;
}

int rounds_opml_import(struct rounds_store *st, const char *path, bool sync,
		       struct rounds_opml_stats *stats, struct rounds_err *err)
{
	struct rounds_opml_stats dummy;
	struct opml_walk w;
	int rc = -1;

	memset(&w, 0, sizeof(w));
	if (stats == NULL)
		stats = &dummy;
	memset(stats, 0, sizeof(*stats));
	w.path = path;
	w.stats = stats;
	w.base = file_url(path);
	if (w.base == NULL) {
		rounds_err_set(err, EX_NOINPUT, "'%s': no such file", path);
		goto out;
	}
	if (read_opml(&w, err) < 0)
		goto out;
	if (rounds_store_begin(st, err) < 0)
		goto out;
	if (apply(st, &w, sync, err) < 0) {
		rounds_store_rollback(st);
		memset(stats, 0, sizeof(*stats));
		goto out;
	}
	if (rounds_store_commit(st, err) < 0)
		goto out;
	rc = 0;
out:
	feeds_free(&w);
	return rc;
}

int rounds_opml_sync_from_conf(struct rounds_store *st,
			       const struct rounds_conf *conf,
			       struct rounds_opml_stats *stats,
			       struct rounds_err *err)
{
	char *path = rounds_conf_get_path(conf, "feeds", "opml", NULL);
	int rc;

	if (stats)
		memset(stats, 0, sizeof(*stats));
	if (path == NULL || *path == '\0') {
		free(path);
		return 0;
	}
	rc = rounds_opml_import(st, path, true, stats, err);
	free(path);
	return rc;
}

/* RFC 822 date, as OPML 2.0 asks, in English whatever the locale. */
static void rfc822(int64_t t, char out[128])
{
	static const char days[7][4] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char months[12][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	snprintf(out, 128, "%s, %02d %s %04d %02d:%02d:%02d GMT",
		 days[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12],
		 tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void outline(xmlNode *parent, const struct rounds_sub *r)
{
	xmlNode *o = xmlNewChild(parent, NULL, (const xmlChar *)"outline",
				 NULL);
	const char *title = r->title ? r->title : r->url;

	xmlNewProp(o, (const xmlChar *)"type", (const xmlChar *)"rss");
	xmlNewProp(o, (const xmlChar *)"text", (const xmlChar *)title);
	xmlNewProp(o, (const xmlChar *)"title", (const xmlChar *)title);
	xmlNewProp(o, (const xmlChar *)"xmlUrl", (const xmlChar *)r->url);
	if (r->site_link)
		xmlNewProp(o, (const xmlChar *)"htmlUrl",
			   (const xmlChar *)r->site_link);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int rounds_opml_export(struct rounds_store *st, char **out,
		       struct rounds_err *err)
{
	return rounds_opml_write(st, true, out, err);
}

int rounds_opml_write(struct rounds_store *st, bool dated, char **out,
		      struct rounds_err *err)
{
	struct rounds_sub *rows = NULL;
	const char **tags = NULL;
	size_t n = 0, n_tags = 0, i, j, k;
	xmlDoc *doc = NULL;
	xmlNode *root, *head, *body, *group;
	xmlChar *mem = NULL;
	int size = 0, rc = -1;
	char date[128];

	*out = NULL;
	if (rounds_store_feeds(st, false, 0, &rows, &n, err) < 0)
		return -1;
	for (i = 0; i < n; i++)
		for (j = 0; j < rows[i].n_tags; j++) {
			tags = xrealloc(tags, (n_tags + 1) * sizeof(*tags));
			tags[n_tags++] = rows[i].tags[j];
		}
	if (n_tags)
		qsort(tags, n_tags, sizeof(*tags), cmp_str);

	doc = xmlNewDoc((const xmlChar *)"1.0");
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"opml", NULL);
	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, (const xmlChar *)"version", (const xmlChar *)"2.0");
	head = xmlNewChild(root, NULL, (const xmlChar *)"head", NULL);
	xmlNewTextChild(head, NULL, (const xmlChar *)"title",
			(const xmlChar *)"rounds subscriptions");
	if (dated) {
		rfc822(rounds_clock_now(), date);
		xmlNewTextChild(head, NULL, (const xmlChar *)"dateCreated",
				(const xmlChar *)date);
	}
	body = xmlNewChild(root, NULL, (const xmlChar *)"body", NULL);
	for (k = 0; k < n_tags; k++) {
		if (k > 0 && strcmp(tags[k], tags[k - 1]) == 0)
			continue;
		group = xmlNewChild(body, NULL, (const xmlChar *)"outline",
				    NULL);
		xmlNewProp(group, (const xmlChar *)"text",
			   (const xmlChar *)tags[k]);
		for (i = 0; i < n; i++)
			for (j = 0; j < rows[i].n_tags; j++)
				if (strcmp(rows[i].tags[j], tags[k]) == 0)
					outline(group, &rows[i]);
	}
	for (i = 0; i < n; i++)
		if (rows[i].n_tags == 0)
			outline(body, &rows[i]);
	xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
	if (mem == NULL) {
		rounds_err_set(err, EX_SOFTWARE, "OPML export failed");
		goto out;
	}
	*out = xstrndup((const char *)mem, (size_t)size);
	rc = 0;
out:
	xmlFree(mem);
	xmlFreeDoc(doc);
	free(tags);
	rounds_store_subs_free(rows, n);
	return rc;
}
