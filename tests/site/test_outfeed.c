/* test_outfeed.c: the feed writers on a hand-written model full of
 * characters that need escaping: the output parses, and every text comes
 * back as it went in; ids, dates and the draft-note reader. */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include "rounds/outfeed.h"
#include "rounds/site.h"
#include "render/outfeed_int.h"
#include "../tap.h"

#define NASTY_TITLE \
	"Q&A: <b>FHIR</b> ]]> \"quotes\" & 'apostrophes' — ünïcødé"
#define NASTY_HTML "<p>a &amp; b</p></content><script>x()</script>]]>"

static const char model_json[] =
	"{\"title\": \"Rounds — 2026-W47\", \"issue\": 3,"
	" \"week\": \"2026-W47\", \"since\": \"2026-11-16T00:00:00Z\","
	" \"until\": \"2026-11-23T00:00:00Z\","
	" \"generated\": \"2026-11-24T12:00:00Z\","
	" \"site\": {\"title\": \"Rounds <test>\","
	"            \"url\": \"https://editor@rounds.example:8443/digest/\"},"
	" \"sections\": [{\"title\": \"S\", \"articles\": [{"
	"   \"id\": \"urn:x:1\", \"title\": \"\","
	"   \"link\": \"https://a.example/1?x=1&y=2\","
	"   \"published\": \"2026-11-17T08:30:00Z\","
	"   \"authors\": [{\"name\": \"Dr. A & B\"}],"
	"   \"tags\": [\"EHR\", \"<tag>\"],"
	"   \"source\": {\"title\": \"Blog\", \"link\": \"https://a.example/\","
	"                \"feed\": \"https://a.example/feed\"},"
	"   \"excerpt\": \"short\", \"content\": \"\"}]}],"
	" \"article_count\": 1, \"comment_count\": 0}";

static char *xpath_text(xmlDoc *doc, const char *expr)
{
	xmlXPathContext *ctx = xmlXPathNewContext(doc);
	xmlXPathObject *o;
	char *s = NULL;

	xmlXPathRegisterNs(ctx, BAD_CAST "a",
			   BAD_CAST "http://www.w3.org/2005/Atom");
	o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	if (o && o->nodesetval && o->nodesetval->nodeNr > 0) {
		xmlChar *c = xmlNodeGetContent(o->nodesetval->nodeTab[0]);

		s = strdup((const char *)c);
		xmlFree(c);
	}
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	return s;
}

/* Which article ids an Atom entry may carry as they are (RFC 4287 4.2.6:
 * an absolute IRI; RFC 4151 tag:, RFC 2141 urn:), and which are replaced
 * by a urn:rounds:entry: id. */
static const struct {
	const char *id;
	bool kept;
} entry_ids[] = {
	{ "https://blog.example/?p=632", true },
	{ "http://blog.example/2026/11/post.html#x", true },
	{ "tag:minimum-necessary.example,2026:post-3119", true },
	{ "tag:blogger.com,1999:blog-1.post-2", true },
	{ "tag:a.example,2026-11-24:x", true },
	{ "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", true },
	{ "mailto:editor@rounds.example", true },
	{ "https://blog.example/%E2%9C%93", true },
	{ "1234", false },
	{ "post 12", false },
	{ "<script>alert('id')</script>", false },
	{ "https://blog.example/ünïcødé", false },
	{ "https://blog.example/a b", false },
	{ "https:///path-without-host", false },
	{ "https://", false },
	{ "tag:blog.example:no-date", false },
	{ "tag:blog.example,26:short-year", false },
	{ "urn:x:one-letter-nid", false },
	{ "urn:isbn:", false },
	{ "https://blog.example/%zz", false },
	{ ":no-scheme", false },
	{ "", false },
};

static void test_entry_ids(void)
{
	size_t i;
	char *a, *b, *c;

	for (i = 0; i < sizeof(entry_ids) / sizeof(entry_ids[0]); i++) {
		a = outfeed_entry_id(entry_ids[i].id, "https://blog.example/f");
		if (entry_ids[i].kept)
			ok(strcmp(a, entry_ids[i].id) == 0,
			   "atom id kept: '%s' (got %s)", entry_ids[i].id, a);
		else
			ok(strncmp(a, "urn:rounds:entry:", 17) == 0 &&
			   strlen(a) == 17 + 32 && outfeed_iri_ok(a),
			   "atom id replaced: '%s' -> %s", entry_ids[i].id, a);
		free(a);
	}
	a = outfeed_entry_id("1234", "https://one.example/feed");
	b = outfeed_entry_id("1234", "https://one.example/feed");
	c = outfeed_entry_id("1234", "https://two.example/feed");
	ok(strcmp(a, b) == 0, "a replaced id is the same on every run");
	ok(strcmp(a, c) != 0, "... and differs between feeds with one guid");
	free(a);
	free(b);
	free(c);
}

/* The normal form of a URI (RFC 3986 6.2.2, 6.2.3): ids compared
 * character by character, as the feed validator compares them. */
static const struct {
	const char *in, *out;
} normal_uris[] = {
	{ "HTTP://Example.COM/a", "http://example.com/a" },
	{ "http://example.com:80/a", "http://example.com/a" },
	{ "https://example.com:443/a", "https://example.com/a" },
	{ "http://example.com:443/a", "http://example.com:443/a" },
	{ "https://example.com:/a", "https://example.com/a" },
	{ "http://example.com:0080/a", "http://example.com/a" },
	{ "http://example.com:8080/a", "http://example.com:8080/a" },
	{ "http://example.com", "http://example.com/" },
	{ "http://example.com?q=1", "http://example.com/?q=1" },
	{ "http://example.com/a%2fb%c3%a9", "http://example.com/a%2Fb%C3%A9" },
	{ "http://example.com/%7euser/%41%2d%5F", "http://example.com/~user/A-_" },
	{ "http://example.com/a/./b/../c/%2E%2E/d", "http://example.com/a/d" },
	{ "http://example.com/..", "http://example.com/" },
	{ "http://example.com/a/b/..", "http://example.com/a/" },
	{ "http://example.com/A/B?X=%7e%3d#Frag%2f",
	  "http://example.com/A/B?X=~%3D#Frag%2F" },
	{ "http://User%3a:Pw@Example.COM:80/", "http://User%3A:Pw@example.com/" },
	{ "http://[2001:DB8::1]:80/", "http://[2001:db8::1]/" },
	{ "http://[2001:DB8::1]/", "http://[2001:db8::1]/" },
	{ "HTTPS://Clinic-Notes.EXAMPLE:443/feed/%7eatom",
	  "https://clinic-notes.example/feed/~atom" },
	{ "https://rounds.example/feed.xml", "https://rounds.example/feed.xml" },
	{ "tag:Blog.Example,2026:Post/%7e1", "tag:Blog.Example,2026:Post/~1" },
	{ "URN:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
	  "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a" },
	{ "urn:rounds:entry:0123abcd", "urn:rounds:entry:0123abcd" },
	{ "post 12", "post 12" },
	{ "https://example.com/%zz%4", "https://example.com/%zz%4" },
};

static void test_normal_uris(void)
{
	size_t i;
	char *s, *t;

	for (i = 0; i < sizeof(normal_uris) / sizeof(normal_uris[0]); i++) {
		s = outfeed_uri_normal(normal_uris[i].in);
		is_str(s, normal_uris[i].out, "normal form: '%s'",
		       normal_uris[i].in);
		t = outfeed_uri_normal(s);
		is_str(t, s, "... which is its own normal form");
		free(s);
		free(t);
	}
	ok(outfeed_uri_normal(NULL) == NULL, "normal form: NULL stays NULL");
}

/* HTML as feed content carries it: the attributes the feed validator
 * does not accept in content go, whatever their value; all else stays
 * byte for byte. */
static const struct {
	const char *in, *out;
} feed_html[] = {
	{ "<video src=\"https://v.example/a.mp4\" controls=\"\">fallback</video>",
	  "<video src=\"https://v.example/a.mp4\">fallback</video>" },
	{ "<audio controls src=\"https://v.example/a.mp3\"></audio>",
	  "<audio src=\"https://v.example/a.mp3\"></audio>" },
	{ "<video controls=\"controls\" poster=\"https://v.example/p.png\">",
	  "<video poster=\"https://v.example/p.png\">" },
	{ "<VIDEO CONTROLS Muted LOOP>", "<VIDEO Muted LOOP>" },
	{ "<track default kind=\"captions\" src=\"https://v.example/t.vtt\">",
	  "<track default kind=\"captions\" src=\"https://v.example/t.vtt\">" },
	{ "<details open><summary>More</summary>text</details>",
	  "<details open><summary>More</summary>text</details>" },
	{ "<ul class=\"tags\" aria-label=\"Tags\"><li>EHR</li></ul>",
	  "<ul class=\"tags\"><li>EHR</li></ul>" },
	{ "<p onclick=\"x()\" style=\"color: red\" data-x=1>a</p>",
	  "<p>a</p>" },
	{ "<p title=\"a > b controls=&quot;&quot;\">controls=\"\" &lt;video controls&gt;</p>",
	  "<p title=\"a > b controls=&quot;&quot;\">controls=\"\" &lt;video controls&gt;</p>" },
	{ "<a href='https://a.example/?x=1&amp;y=2' rel=nofollow controls=x>a</a>",
	  "<a href='https://a.example/?x=1&amp;y=2' rel=nofollow>a</a>" },
	{ "<br /><br/><hr  class=\"x\"  >", "<br /><br/><hr  class=\"x\"  >" },
	{ "<!-- <video controls> --><video controls></video>",
	  "<!-- <video controls> --><video></video>" },
	{ "1 < 2 and 3 <= 4</p>", "1 < 2 and 3 <= 4</p>" },
	{ "<video controls", "<video" },
	{ "<p title=\"unclosed", "<p title=\"unclosed" },
	{ NASTY_HTML, NASTY_HTML },
	{ "", "" },
};

static void test_feed_html(void)
{
	size_t i;
	char *s;

	for (i = 0; i < sizeof(feed_html) / sizeof(feed_html[0]); i++) {
		s = outfeed_html(feed_html[i].in);
		is_str(s, feed_html[i].out, "feed html: '%s'", feed_html[i].in);
		free(s);
	}
	ok(outfeed_html(NULL) == NULL, "feed html: NULL stays NULL");
}

static void check_xpath(xmlDoc *doc, const char *expr, const char *want,
			const char *what)
{
	char *got = doc ? xpath_text(doc, expr) : NULL;

	is_str(got, want, "%s", what);
	free(got);
}

int main(void)
{
	json_error_t jerr;
	json_t *model = json_loads(model_json, 0, &jerr), *a, *issues, *jf;
	struct rounds_err err;
	char *out = NULL, *s;
	xmlDoc *doc;

	rounds_err_init(&err);
	if (!ok(model != NULL, "the hand-written model loads"))
		return done_testing();
	a = json_array_get(json_object_get(json_array_get(json_object_get(
		model, "sections"), 0), "articles"), 0);
	json_object_set_new(a, "title", json_string(NASTY_TITLE));
	json_object_set_new(a, "content", json_string(NASTY_HTML));

	/* Atom, digest form */
	ok(rounds_outfeed_digest(model, ROUNDS_OUTFEED_ATOM,
				 "https://rounds.example/d/2026-W47.atom", &out,
				 &err) == 0,
	   "atom: written");
	doc = out ? xmlReadMemory(out, (int)strlen(out), "a.xml", NULL,
				  XML_PARSE_NONET) : NULL;
	ok(doc != NULL, "atom: well-formed");
	check_xpath(doc, "/a:feed/a:entry/a:title", NASTY_TITLE,
		    "atom: a title with markup characters comes back intact");
	check_xpath(doc, "/a:feed/a:entry/a:content", NASTY_HTML,
		    "atom: HTML content comes back intact");
	check_xpath(doc, "/a:feed/a:entry/a:content/@type", "html",
		    "atom: content type=html");
	check_xpath(doc, "/a:feed/a:entry/a:link/@href",
		    "https://a.example/1?x=1&y=2", "atom: a link with &");
	check_xpath(doc, "/a:feed/a:id",
		    "tag:rounds.example,2026:digest/2026-W47",
		    "atom: the feed id is a tag: URI of the site and week");
	check_xpath(doc, "/a:feed/a:entry/a:updated", "2026-11-17T08:30:00Z",
		    "atom: updated falls back to published");
	check_xpath(doc, "/a:feed/a:entry/a:category[2]/@term", "<tag>",
		    "atom: categories");
	check_xpath(doc, "/a:feed/a:author/a:name", "Rounds <test>",
		    "atom: the feed's author is the site");
	check_xpath(doc, "/a:feed/a:link[@rel='self']/@href",
		    "https://rounds.example/d/2026-W47.atom",
		    "atom: the self link it is given");
	xmlFreeDoc(doc);
	free(out);
	out = NULL;

	/* RSS */
	ok(rounds_outfeed_digest(model, ROUNDS_OUTFEED_RSS, NULL, &out,
				 &err) == 0,
	   "rss: written");
	doc = out ? xmlReadMemory(out, (int)strlen(out), "r.xml", NULL,
				  XML_PARSE_NONET) : NULL;
	ok(doc != NULL, "rss: well-formed");
	ok(out && strstr(out, "rel=\"self\"") == NULL,
	   "rss: no self link without an address");
	check_xpath(doc, "/rss/channel/item/title", NASTY_TITLE,
		    "rss: the title comes back intact");
	check_xpath(doc, "/rss/channel/item/description", NASTY_HTML,
		    "rss: the description comes back intact");
	check_xpath(doc, "/rss/channel/item/pubDate",
		    "Tue, 17 Nov 2026 08:30:00 +0000", "rss: RFC 822 date");
	check_xpath(doc, "/rss/channel/item/guid/@isPermaLink", "false",
		    "rss: guid is not a permalink");
	xmlFreeDoc(doc);
	free(out);
	out = NULL;

	/* JSON Feed */
	ok(rounds_outfeed_digest(model, ROUNDS_OUTFEED_JSON, NULL, &out,
				 &err) == 0,
	   "json: written");
	jf = out ? json_loads(out, 0, &jerr) : NULL;
	is_str(json_string_value(json_object_get(jf, "version")),
	       "https://jsonfeed.org/version/1.1", "json: version 1.1");
	a = json_array_get(json_object_get(jf, "items"), 0);
	is_str(json_string_value(json_object_get(a, "title")), NASTY_TITLE,
	       "json: the title round-trips");
	is_str(json_string_value(json_object_get(a, "content_html")),
	       NASTY_HTML, "json: content_html round-trips");
	is_str(json_string_value(json_object_get(json_array_get(
		json_object_get(a, "authors"), 0), "name")), "Dr. A & B",
	       "json: authors");
	json_decref(jf);
	free(out);
	out = NULL;

	/* The site form: one entry per issue. */
	issues = json_array();
	json_object_set_new(model, "html", json_string(NASTY_HTML));
	json_object_set_new(model, "path", json_string("issues/2026-W47.html"));
	json_array_append(issues, model);
	ok(rounds_outfeed_issues(json_object_get(model, "site"), issues,
				 ROUNDS_OUTFEED_ATOM, "https://x.example/f.xml",
				 &out, &err) == 0, "issues: written");
	doc = out ? xmlReadMemory(out, (int)strlen(out), "i.xml", NULL,
				  XML_PARSE_NONET) : NULL;
	check_xpath(doc, "/a:feed/a:entry/a:id",
		    "tag:rounds.example,2026:issue/2026-W47",
		    "issues: a stable id per issue");
	check_xpath(doc, "/a:feed/a:entry/a:link/@href",
		    "https://editor@rounds.example:8443/digest/issues/"
		    "2026-W47.html", "issues: the link is the site URL + path");
	check_xpath(doc, "/a:feed/a:link[@rel='self']/@href",
		    "https://x.example/f.xml", "issues: the self link");
	check_xpath(doc, "/a:feed/a:entry/a:content", NASTY_HTML,
		    "issues: the issue's HTML as content");
	check_xpath(doc, "/a:feed/a:id", "tag:rounds.example,2026:issues",
		    "issues: the feed id has the year of its oldest issue");
	xmlFreeDoc(doc);
	free(out);
	/* A site whose first issue went out the year before: the feed keeps
	 * the id it had then, whichever issues it holds now. */
	json_object_set_new(json_object_get(model, "site"), "first_week",
			    json_string("2025-W50"));
	ok(rounds_outfeed_issues(json_object_get(model, "site"), issues,
				 ROUNDS_OUTFEED_ATOM, NULL, &out, &err) == 0,
	   "issues: written with the first week");
	doc = out ? xmlReadMemory(out, (int)strlen(out), "i.xml", NULL,
				  XML_PARSE_NONET) : NULL;
	check_xpath(doc, "/a:feed/a:id", "tag:rounds.example,2025:issues",
		    "issues: the feed id keeps the first issue's year");
	json_object_del(json_object_get(model, "site"), "first_week");
	xmlFreeDoc(doc);
	free(out);
	json_decref(issues);

	/* ids */
	s = rounds_outfeed_tag_id(NULL, "2026-W47", "issue/2026-W47");
	is_str(s, "urn:rounds:issue/2026-W47", "no site URL: a urn");
	free(s);
	s = rounds_outfeed_tag_id("https://rounds.example",
				  "2026-11-01T00:00:00Z", "x");
	is_str(s, "tag:rounds.example,2026:x", "the year of a DATE");
	free(s);
	s = rounds_outfeed_tag_id("HTTPS://Rounds.Example:443/", "2026-W47",
				  "issue/2026-W47");
	is_str(s, "tag:rounds.example,2026:issue/2026-W47",
	       "a tag: URI's host is lower-case (RFC 4151)");
	a = json_string(s);
	free(s);
	s = outfeed_entry_id(json_string_value(a), NULL);
	is_str(s, json_string_value(a), "... and an entry keeps it as its id");
	free(s);
	json_decref(a);

	test_entry_ids();
	test_normal_uris();
	test_feed_html();
	json_decref(model);
	return done_testing();
}
