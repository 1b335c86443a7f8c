/* test_safe.c: the TEXT and URL rules (safe.h) on hostile values, and the
 * links' rel policy. */
#include <stdlib.h>
#include <string.h>
#include "rounds/safe.h"
#include "../tap.h"

static const struct {
	const char *in;
	bool markup;
	const char *want;       /* NULL: left out */
} texts[] = {
	{ "Plain title", false, "Plain title" },
	{ "  lots \t of\n space ", false, "lots of space" },
	{ "<script>alert(1)</script>", false, "< script>alert(1)< /script>" },
	{ "<img src=x onerror=alert(1)>", false,
	  "< img src=x onerror=alert(1)>" },
	{ "<IMG SRC=x>", false, "< IMG SRC=x>" },
	{ "<!-- c --><?php x ?>", false, "< !-- c -->< ?php x ?>" },
	{ "</title><script>", false, "< /title>< script>" },
	{ "vector<int>", false, "vector< int>" },
	{ "1 < 2 and 3 > 2", false, "1 < 2 and 3 > 2" },
	{ "a <3 b", false, "a <3 b" },
	{ "<<b>", false, "<< b>" },
	{ "<\n/b>", false, "< /b>" },
	{ "a\x01<\x02script>b\x7f", false, "a < script>b" },
	{ "\x01\x02", false, NULL },
	{ "", false, NULL },
	{ "&lt;script&gt;", false, "&lt;script&gt;" },
	{ "<b>Bold</b> &amp; <i>it</i>", true, "Bold & it" },
	{ "&lt;script&gt;alert(1)&lt;/script&gt;", true,
	  "< script>alert(1)< /script>" },
	{ "<script>alert(1)</script>", true, NULL },
	{ "&amp;lt;img src=x onerror=alert(1)&amp;gt;", true,
	  "&lt;img src=x onerror=alert(1)&gt;" },
	{ "Caf\xc3\xa9\xc2\xa0 au lait", false, "Caf\xc3\xa9\xc2\xa0 au lait" },
};

static void test_texts(void)
{
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char *got = rounds_text_safe(texts[i].in, strlen(texts[i].in),
					     texts[i].markup);
		char *again = got ? rounds_text_safe(got, strlen(got),
						     false) : NULL;

		is_str(got, texts[i].want, "text %zu: '%s'", i, texts[i].in);
		ok(rounds_text_is_safe(got), "text %zu: safe", i);
		is_str(again, got, "text %zu: a second pass keeps it", i);
		free(got);
		free(again);
	}
	ok(!rounds_text_is_safe("<a>"), "is_safe: a tag");
	ok(!rounds_text_is_safe("x</"), "is_safe: an end tag");
	ok(!rounds_text_is_safe("x\x01"), "is_safe: a control");
	ok(rounds_text_is_safe("a < b\tc"), "is_safe: a lone <");
}

#define B "https://blog.example/2026/post/"

static const struct {
	const char *base, *ref;
	unsigned allow;
	const char *want;       /* NULL: refused */
} urls[] = {
	{ NULL, "https://ok.example/a", 0, "https://ok.example/a" },
	{ NULL, "HTTP://OK.example/", 0, "http://OK.example/" },
	{ B, "x.html", 0, B "x.html" },
	{ B, "", 0, B },
	{ NULL, "javascript:alert(1)", 0, NULL },
	{ B, "javascript:alert(1)", 0, NULL },
	{ B, "JaVaScRiPt:alert(1)", 0, NULL },
	{ B, " javascript:alert(1)", 0, NULL },
	{ B, "\x01javascript:alert(1)", 0, NULL },
	{ B, "java\tscript:alert(1)", 0, NULL },
	{ B, "java\nscript:alert(1)", 0, NULL },
	{ B, "java\x01script:alert(1)", 0, NULL },
	{ B, "java&#x09;script:alert(1)", 0, NULL },
	{ B, "java&#9;script:alert(1)", 0, NULL },
	{ B, "java&Tab;script:alert(1)", 0, NULL },
	{ B, "java&NewLine;script:alert(1)", 0, NULL },
	{ B, "&#106;avascript:alert(1)", 0, NULL },
	{ B, "&#106avascript:alert(1)", 0, NULL },
	{ B, "&#x6A;avascript:alert(1)", 0, NULL },
	{ B, "&#0000106;avascript:alert(1)", 0, NULL },
	{ B, "javascript&colon;alert(1)", 0, NULL },
	{ B, "javascript&#58;alert(1)", 0, NULL },
	{ B, "vbscript:msgbox(1)", 0, NULL },
	{ B, "VBScript:msgbox(1)", 0, NULL },
	{ B, "data:text/html,<script>alert(1)</script>", 0, NULL },
	{ B, "data:text/html;base64,PHNjcmlwdD4=", 0, NULL },
	{ B, "data:image/png;base64,AAAA", 0, NULL },
	{ B, "livescript:x", 0, NULL },
	{ B, "feed:https://x.example/", 0, NULL },
	{ B, "ftp://x.example/f", 0, NULL },
	{ B, "mailto:someone@blog.example", 0, NULL },
	{ B, "mailto:someone@blog.example", ROUNDS_SAFE_MAILTO,
	  "mailto:someone@blog.example" },
	{ B, "javascript:alert(1)", ROUNDS_SAFE_MAILTO | ROUNDS_SAFE_FILE,
	  NULL },
	{ B, "file:///etc/passwd", 0, NULL },
	{ "file:///srv/feeds/a.xml", "file:///srv/feeds/b.xml",
	  ROUNDS_SAFE_FILE, "file:///srv/feeds/b.xml" },
	{ "file:///srv/feeds/a.xml", "b.xml", ROUNDS_SAFE_FILE,
	  "file:///srv/feeds/b.xml" },
	{ "file:///srv/feeds/a.xml", "b.xml", 0, NULL },
	/* no scheme as a browser reads it: a path under the base */
	{ B, "java&amp;#x09;script:alert(1)", 0,
	  B "java&amp;#x09;script:alert(1)" },
	{ B, "averyveryverylongrelativename/x", 0,
	  B "averyveryverylongrelativename/x" },
	{ B, "averyveryverylongschemename:x", 0, NULL },
	{ NULL, "//evil.example/x", 0, NULL },
	{ NULL, "x.html", 0, NULL },
	{ B, "\xd0\xb0vascript:x", 0, B "%D0%B0vascript:x" },
};

static void test_urls(void)
{
	size_t i;

	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		char *got = rounds_url_safe(urls[i].base, urls[i].ref,
					    urls[i].allow);
		char *again = got ? rounds_url_safe(NULL, got,
						    urls[i].allow) : NULL;

		if (urls[i].want == NULL)
			ok(got == NULL, "url %zu: '%s' refused (got '%s')", i,
			   urls[i].ref, got ? got : "");
		else
			is_str(got, urls[i].want, "url %zu: '%s'", i,
			       urls[i].ref);
		is_str(again, got, "url %zu: a second pass keeps it", i);
		free(got);
		free(again);
	}
	ok(rounds_url_is_safe("https://x.example/", 0), "is_safe: https");
	ok(!rounds_url_is_safe("x.html", 0), "is_safe: relative");
	ok(!rounds_url_is_safe("java&#09;script:x", 0), "is_safe: js");
	ok(!rounds_url_is_safe(NULL, 0), "is_safe: NULL");
	{       /* found by fuzz_parse: a '&' that ends the string */
		char *t = strdup("a&"), *got = t ? rounds_url_safe(B, t, 0) :
			NULL;

		is_str(got, B "a&", "url: a '&' at the very end, nothing read "
		       "past it");
		free(got);
		free(t);
	}
}

static const struct {
	const char *in, *want;
} links[] = {
	{ "<p>no links</p>", "<p>no links</p>" },
	{ "<a href=\"https://x.example/\">x</a>",
	  "<a href=\"https://x.example/\" rel=\"nofollow noopener\">x</a>" },
	{ "<abbr title=\"t\">a</abbr><a href=\"h\">1</a><a href=\"i\">2</a>",
	  "<abbr title=\"t\">a</abbr><a href=\"h\" rel=\"nofollow noopener\">1"
	  "</a><a href=\"i\" rel=\"nofollow noopener\">2</a>" },
	{ "<p>&lt;a href=x&gt;</p>", "<p>&lt;a href=x&gt;</p>" },
	{ "<a href=\"x\"", "<a href=\"x\"" },
	{ "", "" },
};

static void test_links(void)
{
	size_t i;

	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		char *got = rounds_html_nofollow(links[i].in);

		is_str(got, links[i].want, "nofollow %zu", i);
		free(got);
	}
	ok(rounds_html_nofollow(NULL) == NULL, "nofollow: NULL");
}

int main(void)
{
	test_texts();
	test_urls();
	test_links();
	return done_testing();
}
