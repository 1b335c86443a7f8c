/* test_html_head.c: rounds_html_comment_feed() over article pages as
 * blog platforms write their heads. */
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include "rounds/html.h"
#include "../tap.h"

#define POST "https://blog.example/2026/11/go-live/"

/* A WordPress single post: the site's feed, the site's comment feed and
 * the post's own comment feed, titles with entities. */
static const char wp[] =
	"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
	"<title>Go-live week &#8211; Ward Notes</title>"
	"<link rel=\"alternate\" type=\"application/rss+xml\""
	" title=\"Ward Notes &raquo; Feed\" href=\"https://blog.example/feed/\">"
	"<link rel=\"alternate\" type=\"application/rss+xml\""
	" title=\"Ward Notes &raquo; Comments Feed\""
	" href=\"https://blog.example/comments/feed/\">"
	"<link rel=\"alternate\" type=\"application/rss+xml\""
	" title=\"Ward Notes &raquo; Go-live week Comments Feed\""
	" href=\"https://blog.example/2026/11/go-live/feed/\">"
	"</head><body><p>text</p></body></html>";

static const struct {
	const char *what, *html, *page, *article, *title, *want;
} cases[] = {
	{ "WordPress: the post's comment feed, not the site's", wp, POST,
	  POST, "Go-live week", "https://blog.example/2026/11/go-live/feed/" },
	{ "the site's comment feed alone is not taken",
	  "<head><link rel=alternate type=application/rss+xml"
	  " title=\"Comments\" href=\"/comments/feed/\"></head>", POST, POST,
	  "Go-live week", NULL },
	{ "?feed=comments-rss2 is the site's",
	  "<head><link rel=alternate type=application/rss+xml"
	  " title=\"Go-live week comments\" href=\"/?feed=comments-rss2\">"
	  "</head>", POST, POST, "Go-live week", NULL },
	{ "relative href under the article, URL says comments",
	  "<html><head><LINK REL=\"Alternate Feed\""
	  " TYPE=\"application/atom+xml; charset=utf-8\""
	  " HREF=\"comments.atom\"></head></html>", POST, POST, NULL,
	  "https://blog.example/2026/11/go-live/comments.atom" },
	{ "base href is honoured",
	  "<head><base href=\"https://cdn.example/x/\"><link rel=alternate"
	  " type=application/rss+xml title=\"Go-live week: comments\""
	  " href=\"c.xml\"></head>", POST, POST, "Go-live week",
	  "https://cdn.example/x/c.xml" },
	{ "title marks it and names the article (other host)",
	  "<head><link rel=alternate type=application/atom+xml"
	  " title=\"Kommentare zu: Go-live week\""
	  " href=\"https://feeds.example/p/77\"></head>", POST, POST,
	  "Go-live week", "https://feeds.example/p/77" },
	{ "a feed not marked as comments is not taken",
	  "<head><link rel=alternate type=application/rss+xml"
	  " title=\"Go-live week\" href=\"" POST "feed/\"></head>", POST, POST,
	  "Go-live week", NULL },
	{ "rel must be alternate",
	  "<head><link rel=stylesheet type=application/rss+xml"
	  " title=\"Comments\" href=\"" POST "feed/\"></head>", POST, POST,
	  NULL, NULL },
	{ "the type must be a feed's",
	  "<head><link rel=alternate type=text/html"
	  " title=\"Comments\" href=\"" POST "comments/\"></head>", POST, POST,
	  NULL, NULL },
	{ "links in the body do not count",
	  "<head><title>x</title></head><body><link rel=alternate"
	  " type=application/rss+xml title=\"Comments\""
	  " href=\"" POST "feed/\"></body>", POST, POST, NULL, NULL },
	{ "both signs beat one",
	  "<head><link rel=alternate type=application/rss+xml"
	  " title=\"Comments on Go-live week\" href=\"https://o.example/c\">"
	  "<link rel=alternate type=application/rss+xml"
	  " title=\"Comments on Go-live week\" href=\"" POST "feed/\">"
	  "</head>", POST, POST, "Go-live week", POST "feed/" },
	{ "an article at the site's root has no path to lie under",
	  "<head><link rel=alternate type=application/rss+xml"
	  " title=\"Comments\" href=\"https://blog.example/c.xml\"></head>",
	  "https://blog.example/", "https://blog.example/?p=12", NULL, NULL },
	{ "only a URL the fetcher could read",
	  "<head><link rel=alternate type=application/rss+xml"
	  " title=\"Go-live week comments\" href=\"javascript:alert(1)\">"
	  "<link rel=alternate type=application/rss+xml"
	  " title=\"Go-live week comments\" href=\"ftp://b.example/c\">"
	  "</head>", POST, POST, "Go-live week", NULL },
	{ "no head at all", "just text", POST, POST, "Go-live week", NULL },
	{ "an empty page", "", POST, POST, NULL, NULL },
};

int main(void)
{
	size_t i;

	xmlInitParser();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = rounds_html_comment_feed(cases[i].html,
						     strlen(cases[i].html),
						     cases[i].page,
						     cases[i].article,
						     cases[i].title);

		is_str(got, cases[i].want, "%s", cases[i].what);
		free(got);
	}
	/* a NUL byte and invalid UTF-8 do not hide what follows */
	{
		static const char bin[] = "<head>\0\xff<link rel=alternate "
			"type=application/rss+xml title=Comments href=feed/>";
		char *got = rounds_html_comment_feed(bin, sizeof(bin) - 1,
						     POST, POST, NULL);

		is_str(got, POST "feed/", "NUL and bad bytes are skipped");
		free(got);
	}
	return done_testing();
}
