/* test_url.c: RFC 3986 reference resolution (section 5.4's examples),
 * the clean-up of careless references, and the canonical form. */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/caps.h"
#include "rounds/url.h"
#include "../tap.h"

#define RFC_BASE "http://a/b/c/d;p?q"

static const struct {
	const char *base, *ref, *want;          /* want NULL: no result */
} resolve[] = {
	/* RFC 3986 section 5.4.1, normal examples */
	{ RFC_BASE, "g:h", "g:h" },
	{ RFC_BASE, "g", "http://a/b/c/g" },
	{ RFC_BASE, "./g", "http://a/b/c/g" },
	{ RFC_BASE, "g/", "http://a/b/c/g/" },
	{ RFC_BASE, "/g", "http://a/g" },
	/* RFC: "http://g"; libcurl writes the empty path as "/", the same
	 * URL for http (RFC 3986 section 6.2.3) */
	{ RFC_BASE, "//g", "http://g/" },
	{ RFC_BASE, "?y", "http://a/b/c/d;p?y" },
	{ RFC_BASE, "g?y", "http://a/b/c/g?y" },
	{ RFC_BASE, "#s", "http://a/b/c/d;p?q#s" },
	{ RFC_BASE, "g#s", "http://a/b/c/g#s" },
	{ RFC_BASE, "g?y#s", "http://a/b/c/g?y#s" },
	{ RFC_BASE, ";x", "http://a/b/c/;x" },
	{ RFC_BASE, "g;x", "http://a/b/c/g;x" },
	{ RFC_BASE, "g;x?y#s", "http://a/b/c/g;x?y#s" },
	{ RFC_BASE, "", "http://a/b/c/d;p?q" },
	{ RFC_BASE, ".", "http://a/b/c/" },
	{ RFC_BASE, "./", "http://a/b/c/" },
	{ RFC_BASE, "..", "http://a/b/" },
	{ RFC_BASE, "../", "http://a/b/" },
	{ RFC_BASE, "../g", "http://a/b/g" },
	{ RFC_BASE, "../..", "http://a/" },
	{ RFC_BASE, "../../", "http://a/" },
	{ RFC_BASE, "../../g", "http://a/g" },
	/* RFC 3986 section 5.4.2, abnormal examples */
	{ RFC_BASE, "../../../g", "http://a/g" },
	{ RFC_BASE, "../../../../g", "http://a/g" },
	{ RFC_BASE, "/./g", "http://a/g" },
	{ RFC_BASE, "/../g", "http://a/g" },
	{ RFC_BASE, "g.", "http://a/b/c/g." },
	{ RFC_BASE, ".g", "http://a/b/c/.g" },
	{ RFC_BASE, "g..", "http://a/b/c/g.." },
	{ RFC_BASE, "..g", "http://a/b/c/..g" },
	{ RFC_BASE, "./../g", "http://a/b/g" },
	{ RFC_BASE, "./g/.", "http://a/b/c/g/" },
	{ RFC_BASE, "g/./h", "http://a/b/c/g/h" },
	{ RFC_BASE, "g/../h", "http://a/b/c/h" },
	{ RFC_BASE, "g;x=1/./y", "http://a/b/c/g;x=1/y" },
	{ RFC_BASE, "g;x=1/../y", "http://a/b/c/y" },
	{ RFC_BASE, "g?y/./x", "http://a/b/c/g?y/./x" },
	{ RFC_BASE, "g?y/../x", "http://a/b/c/g?y/../x" },
	{ RFC_BASE, "g#s/./x", "http://a/b/c/g#s/./x" },
	{ RFC_BASE, "g#s/../x", "http://a/b/c/g#s/../x" },
	{ RFC_BASE, "http:g", "http:g" },
	/* protocol-relative, absolute references */
	{ "https://blog.example/2026/11/post", "//cdn.example/x.png",
	  "https://cdn.example/x.png" },
	{ "https://blog.example/a/", "HTTPS://Other.example/x",
	  "https://Other.example/x" },
	{ "https://blog.example/a/", "mailto:editor@blog.example",
	  "mailto:editor@blog.example" },
	{ "https://blog.example/a/", "http://x.example/a/../b",
	  "http://x.example/b" },
	/* careless references */
	{ "https://blog.example/a/", "my file.png",
	  "https://blog.example/a/my%20file.png" },
	{ "https://blog.example/a/", "caf\xc3\xa9.html",
	  "https://blog.example/a/caf%C3%A9.html" },
	{ "https://blog.example/a/", "  /padded  ",
	  "https://blog.example/padded" },
	{ "https://blog.example/a/", "/split\n/over/\tlines",
	  "https://blog.example/split/over/lines" },
	{ "https://blog.example/a/", "a%2Fb", "https://blog.example/a/a%2Fb" },
	{ "https://blog.example/a/", "x?u=http%3A%2F%2Fy",
	  "https://blog.example/a/x?u=http%3A%2F%2Fy" },
	{ "https://blog.example/a/", "100%", "https://blog.example/a/100%25" },
	{ "https://blog.example/a/", "%41b", "https://blog.example/a/%41b" },
	{ "https://blog.example/a/", "x#one#two",
	  "https://blog.example/a/x#one%23two" },
	{ "https://blog.example/a/", "q?a=<b>&c=\"d\"",
	  "https://blog.example/a/q?a=%3Cb%3E&c=%22d%22" },
	{ "https://blog.example/a/", "back\\slash",
	  "https://blog.example/a/back%5Cslash" },
	{ "https://blog.example/my dir/x", "y",
	  "https://blog.example/my%20dir/y" },
	/* nothing absolute to be had */
	{ NULL, "relative/path", NULL },
	{ NULL, "/rooted", NULL },
	{ NULL, "https://blog.example/x", "https://blog.example/x" },
	{ "", "g", NULL },
	{ "/not/absolute", "g", NULL },
	{ "https://blog.example/", NULL, NULL },
};

static const struct {
	const char *in, *want;
} canon[] = {
	{ "HTTP://Example.ORG:80/Path/?utm_source=rss&utm_medium=feed&id=7#c",
	  "http://example.org/Path?id=7" },
	{ "https://example.org:443/", "https://example.org" },
	{ "https://example.org", "https://example.org" },
	{ "https://example.org:8443/a/", "https://example.org:8443/a" },
	{ "http://example.org:443/a", "http://example.org:443/a" },
	{ "http://example.org/a?utm_campaign=x", "http://example.org/a" },
	{ "http://example.org/a?b=1&utm_x=2&c=3", "http://example.org/a?b=1&c=3" },
	{ "http://example.org/a?UTM_Source=x&b", "http://example.org/a?b" },
	{ "http://example.org/a?", "http://example.org/a" },
	{ "http://example.org/a//", "http://example.org/a" },
	{ "http://example.org/a/#top", "http://example.org/a" },
	{ "http://Editor@Example.org/a", "http://Editor@example.org/a" },
	{ "http://[2001:DB8::1]:80/x", "http://[2001:db8::1]/x" },
	{ "http://example.org/a b", "http://example.org/a%20b" },
	{ "http://example.org/a/./b/../c", "http://example.org/a/c" },
	{ "http://example.org:/x", "http://example.org/x" },
	{ "ftp://example.org/", NULL },
	{ "/relative", NULL },
	{ "mailto:a@example.org", NULL },
	{ "http://", NULL },
	{ NULL, NULL },
};

/* A string as a test name: control characters shown as '?'. */
static const char *name(const char *in, char *buf, size_t size)
{
	size_t i;

	if (in == NULL)
		return "(null)";
	for (i = 0; in[i] != '\0' && i < size - 1; i++)
		buf[i] = (unsigned char)in[i] < 0x20 ? '?' : in[i];
	buf[i] = '\0';
	return buf;
}

/* Absolute URLs, some of which take the shortcut past libcurl: the
 * result must be what libcurl itself writes. */
static const char *const absolutes[] = {
	"https://blog.example/2026/11/post", "https://blog.example/",
	"http://blog.example:8080/a?b=c#d", "https://blog.example",
	"https://Blog.Example/a", "HTTPS://blog.example/a",
	"https://blog.example/a/./b", "https://blog.example/a/../b",
	"https://blog.example/a/.", "https://blog.example/a/..",
	"https://blog.example/a/.hidden", "https://blog.example/a/..x",
	"https://blog.example/a?x=/../y", "https://blog.example/a#/./",
	"https://user@blog.example/a", "https://blog.example:/a",
	"https://[2001:db8::1]/a", "https://blog.example/%7euser/",
	"https://blog.example/a%2Fb", "http://192.0.2.1/x",
};

/* Relative references, some of which take the shortcut past libcurl. */
static const char *const relatives[] = {
	"/", "/a", "/a/b.png", "/a/b?c=d#e", "/a/./b", "/a/../b", "/a/.",
	"/..", "/.x", "/a:b", "//other.example/x", "x", "x.png", "x/y?z",
	"x/./y", "x/../y", ".", "..", "./x", "../x", ".x", "..x", "1x:y",
	"x/y:z", "?q", "x#f", "a%20b/c", "%2E%2E/x",
};

static char *curl_form(const char *base, const char *url)
{
	CURLU *h = curl_url();
	char *u = NULL, *res = NULL;

	if ((base == NULL || curl_url_set(h, CURLUPART_URL, base,
					  CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK) &&
	    curl_url_set(h, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) ==
	    CURLUE_OK && curl_url_get(h, CURLUPART_URL, &u, 0) == CURLUE_OK)
		res = strdup(u);
	curl_free(u);
	curl_url_cleanup(h);
	return res;
}

int main(void)
{
	char n1[128], n2[128];
	struct rounds_url_base *base;
	struct rounds_buf b;
	size_t i;
	char *s, *t;

	for (i = 0; i < sizeof(resolve) / sizeof(resolve[0]); i++) {
		s = rounds_url_resolve(resolve[i].base, resolve[i].ref);
		is_str(s, resolve[i].want, "resolve '%s' against '%s'",
		       name(resolve[i].ref, n1, sizeof(n1)),
		       name(resolve[i].base, n2, sizeof(n2)));
		free(s);
	}

	/* One parsed base gives the same answers as the one-shot call. */
	base = rounds_url_base_new(RFC_BASE);
	for (i = 0; i < sizeof(resolve) / sizeof(resolve[0]); i++) {
		if (resolve[i].base == NULL ||
		    strcmp(resolve[i].base, RFC_BASE) != 0)
			continue;
		s = rounds_url_base_resolve(base, resolve[i].ref);
		is_str(s, resolve[i].want, "parsed base: resolve '%s'",
		       resolve[i].ref);
		free(s);
	}
	rounds_url_base_free(base);
	base = rounds_url_base_new(NULL);
	s = rounds_url_base_resolve(base, "g");
	ok(s == NULL, "no base: a relative reference gives NULL");
	free(s);
	s = rounds_url_base_resolve(base, "https://x.example/");
	is_str(s, "https://x.example/", "no base: an absolute one is kept");
	free(s);
	rounds_url_base_free(base);
	rounds_url_base_free(NULL);

	for (i = 0; i < sizeof(absolutes) / sizeof(absolutes[0]); i++) {
		s = rounds_url_resolve(NULL, absolutes[i]);
		t = curl_form(NULL, absolutes[i]);
		is_str(s, t, "'%s' as libcurl writes it", absolutes[i]);
		free(s);
		free(t);
	}

	{
		static const char *const bases[] = {
			"https://blog.example/2026/11/post?p=1#top",
			"https://blog.example/dir/", "https://blog.example",
			"http://blog.example:8080/a/b", "HTTPS://Blog.Example/x/y",
		};
		size_t j;

		for (j = 0; j < sizeof(bases) / sizeof(bases[0]); j++) {
			base = rounds_url_base_new(bases[j]);
			for (i = 0; i < sizeof(relatives) / sizeof(relatives[0]); i++) {
				s = rounds_url_base_resolve(base, relatives[i]);
				t = curl_form(bases[j], relatives[i]);
				is_str(s, t, "'%s' against '%s' as libcurl "
				       "resolves it", relatives[i], bases[j]);
				free(s);
				free(t);
			}
			rounds_url_base_free(base);
		}
	}

	/* A reference longer than ROUNDS_MAX_URL is refused. */
	rounds_buf_init(&b, 0);
	ok(rounds_buf_puts(&b, "https://blog.example/") == 0, "long url");
	for (i = 0; i < ROUNDS_MAX_URL; i++)
		if (rounds_buf_putc(&b, 'x') < 0)
			break;
	s = rounds_url_resolve(NULL, rounds_buf_str(&b));
	ok(s == NULL, "an over-long URL gives NULL");
	free(s);
	rounds_buf_release(&b);

	ok(rounds_url_is_http("http://x.example/"), "http: is http");
	ok(rounds_url_is_http("HTTPS://x.example/"), "HTTPS: is http");
	ok(!rounds_url_is_http("ftp://x.example/"), "ftp: is not");
	ok(!rounds_url_is_http("httpx://x.example/"), "httpx: is not");
	ok(!rounds_url_is_http("javascript:alert(1)"), "javascript: is not");
	ok(!rounds_url_is_http(NULL), "NULL is not");

	for (i = 0; i < sizeof(canon) / sizeof(canon[0]); i++) {
		s = rounds_url_canonical(canon[i].in);
		is_str(s, canon[i].want, "canonical '%s'",
		       canon[i].in ? canon[i].in : "(null)");
		free(s);
	}

	/* The variants a feed and a share button write are one link. */
	s = rounds_url_canonical("https://Blog.Example/2026/11/24/post/"
				 "?utm_source=feed#comments");
	t = rounds_url_canonical("https://blog.example:443/2026/11/24/post");
	ok(s && t && strcmp(s, t) == 0, "variants of one link agree");
	free(s);
	free(t);
	return done_testing();
}
