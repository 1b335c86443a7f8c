/* html_head.c: an article page's <head> read for the comment feed it
 * announces (rounds_html_comment_feed() in html.h). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rounds/buf.h"
#include "rounds/html.h"
#include "rounds/url.h"
#include "html_int.h"

#define MAX_LINKS 64

struct head_link {
	char *href, *title;
};

struct head {
	char *base;
	struct head_link links[MAX_LINKS];
	size_t n;
};

static const char *attr(const xmlChar **atts, const char *name)
{
	size_t i;

	for (i = 0; atts && atts[i]; i += 2)
		if (strcasecmp((const char *)atts[i], name) == 0)
			return atts[i + 1] ? (const char *)atts[i + 1] : "";
	return NULL;
}

/* Whether the space-separated list holds word (any case). */
static bool has_token(const char *list, const char *word)
{
	size_t n = strlen(word), k;

	while (list && *list) {
		list += strspn(list, " \t\n\f\r");
		k = strcspn(list, " \t\n\f\r");
		if (k == n && strncasecmp(list, word, n) == 0)
			return true;
		list += k;
	}
	return false;
}

static bool feed_type(const char *type)
{
	static const char *const types[] = { "application/rss+xml",
		"application/atom+xml", "application/rdf+xml" };
	size_t i, n;

	for (i = 0; type && i < sizeof(types) / sizeof(types[0]); i++) {
		n = strlen(types[i]);
		if (strncasecmp(type, types[i], n) == 0 &&
		    (type[n] == '\0' || type[n] == ';' || type[n] == ' '))
			return true;
	}
	return false;
}

static void on_start(void *user, const xmlChar *name, const xmlChar **atts)
{
	struct head *h = user;
	const char *href = attr(atts, "href");

	if (href == NULL)
		return;
	if (strcasecmp((const char *)name, "base") == 0 && h->base == NULL) {
		h->base = xstrdup(href);
		return;
	}
	if (strcasecmp((const char *)name, "link") != 0 ||
	    h->n == MAX_LINKS || !has_token(attr(atts, "rel"), "alternate") ||
	    !feed_type(attr(atts, "type")))
		return;
	h->links[h->n].href = xstrdup(href);
	h->links[h->n].title = xstrdup(attr(atts, "title"));
	h->n++;
}

static bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; hay && *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

static bool marked(const char *title, const char *url)
{
	static const char *const words[] = { "comment", "koment", "komment",
					     "coment" };
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (contains_ci(title, words[i]) || contains_ci(url, words[i]))
			return true;
	return false;
}

/* A site's feed of every comment, not one article's. */
static bool site_wide(const char *url)
{
	const char *q = strchr(url, '?'), *end = q ? q : url + strcspn(url,
								       "#");
	size_t n = (size_t)(end - url);

	while (n > 0 && url[n - 1] == '/')
		n--;
	if (q && contains_ci(q, "feed=comments-"))
		return true;
	return (n >= 14 && strncasecmp(url + n - 14, "/comments/feed", 14)
		== 0) ||
	       (n >= 23 && strncasecmp(url + n - 23, "/feeds/comments/default",
				       23) == 0);
}

/* The article's address without query, fragment and trailing slash, when
 * it has a path of its own (caller frees), else NULL. */
static char *stem(const char *url)
{
	const char *p;
	size_t n;

	if (url == NULL || (p = strstr(url, "://")) == NULL)
		return NULL;
	p = strchr(p + 3, '/');
	n = p ? (size_t)(p - url) + strcspn(p, "?#") : 0;
	while (p && n > (size_t)(p - url) && url[n - 1] == '/')
		n--;
	if (p == NULL || n <= (size_t)(p - url))
		return NULL;
	return xstrndup(url, n);
}

static bool under(const char *url, const char *st)
{
	size_t n = st ? strlen(st) : 0;

	return n > 0 && strncmp(url, st, n) == 0 &&
	       (url[n] == '/' || url[n] == '?' || url[n] == '\0');
}

/* http, https, or file (a file page's neighbour; the fetcher decides). */
static bool fetchable(const char *url)
{
	return rounds_url_is_http(url) || strncasecmp(url, "file:", 5) == 0;
}

/* 0: not this article's comment feed; else how sure (1 or 2). */
static int score(const char *url, const char *ltitle, const char *st,
		 const char *title)
{
	int s = 0;

	if (url == NULL || !fetchable(url) || !marked(ltitle, url) ||
	    site_wide(url))
		return 0;
	if (under(url, st))
		s++;
	if (title && strlen(title) >= 4 && contains_ci(ltitle, title))
		s++;
	return s;
}

static char *choose(struct head *h, const char *page_url,
		    const char *article_url, const char *title)
{
	char *base = h->base ? rounds_url_resolve(page_url, h->base) : NULL;
	char *st = stem(article_url ? article_url : page_url), *best = NULL;
	int best_s = 0, s;
	size_t i;

	for (i = 0; i < h->n; i++) {
		char *url = rounds_url_resolve(base ? base : page_url,
					       h->links[i].href);

		s = score(url, h->links[i].title, st, title);
		if (s > best_s) {
			free(best);
			best = url;
			best_s = s;
		} else {
			free(url);
		}
	}
	free(base);
	free(st);
	return best;
}

/* The page up to its <body>: the links that matter are in the head. */
static size_t head_len(const char *html, size_t len)
{
	size_t i;

	for (i = 0; i + 5 <= len; i++)
		if (html[i] == '<' && strncasecmp(html + i + 1, "body", 4) == 0)
			return i;
	return len;
}

char *rounds_html_comment_feed(const char *html, size_t len,
			       const char *page_url, const char *article_url,
			       const char *title)
{
	htmlSAXHandler sax;
	struct head h;
	char *in, *found;
	size_t n, i;

	if (html == NULL)
		return NULL;
	memset(&h, 0, sizeof(h));
	memset(&sax, 0, sizeof(sax));
	sax.startElement = on_start;
	in = html_prepare(html, head_len(html, len), false, &n);
	html_parse_html(in, n, &sax, &h);
	free(in);
	found = choose(&h, page_url, article_url, title);
	for (i = 0; i < h.n; i++) {
		free(h.links[i].href);
		free(h.links[i].title);
	}
	free(h.base);
	return found;
}
