/* test_text.c: plain text from HTML, white space collapsing, excerpts
 * (UTF-8 safe cuts at word boundaries). */
#include <stdlib.h>
#include <string.h>
#include "rounds/html.h"
#include "../tap.h"

#define ELL "\xe2\x80\xa6"      /* U+2026 HORIZONTAL ELLIPSIS */

static const struct {
	const char *in, *want;
} to_text[] = {
	{ "<p>Hello</p><p>World &amp; co</p>", "Hello World & co" },
	{ "H<sub>2</sub>O and CO<sub>2</sub>", "H2O and CO2" },
	{ "<script>var x = 1;</script>y&nbsp;&nbsp;z", "y\xc2\xa0\xc2\xa0z" },
	{ "&nbsp; y &nbsp;", "y" },
	{ "a<br>b", "a b" },
	/* an element HTML does not know is inline; HTML5's names */
	{ "Tele<x-hl>health</x-hl> visits", "Telehealth visits" },
	{ "Audit &check; passed&colon; yes", "Audit \xe2\x9c\x93 passed: yes" },
	{ "<ul><li>one</li><li>two</li></ul>", "one two" },
	{ "Caf&eacute; &lt;b&gt;", "Caf\xc3\xa9 <b>" },
	{ "&amp;lt;", "&lt;" },
	{ "plain   text\n here", "plain text here" },
	{ "AT&T", "AT&T" },
	{ "<style>p { color: red }</style><b>bold</b> text", "bold text" },
	{ "&#8220;quoted&#8221; &#x2014; &mdash;",
	  "\xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x80\x94 \xe2\x80\x94" },
	{ "<img src=x alt=picture>word", "word" },
	{ "tab\there", "tab here" },
	{ "<title>Title</title>body", "Title body" },
	{ "<head><title>T</title></head><body>text</body>", "text" },
	{ "<a href=x>link</a>text", "linktext" },
	{ "<em>em</em><strong>strong</strong>", "emstrong" },
	{ "<div>block</div><div>block</div>", "block block" },
	{ "<td>a</td><td>b</td>", "a b" },
	{ "x<embed src=y>z", "x z" },
	{ "<noscript>enable js</noscript>visible", "enable js visible" },
	{ "<iframe src=x>frame</iframe>after", "frame after" },
	{ "<!-- comment -->text", "text" },
	{ "<object data=x.pdf><p>fallback</p></object>after",
	  "fallback after" },
	{ "<img alt=\"no src\">word", "no srcword" },
	{ "<img src=\"javascript:x\" alt=\"js\"> word", "js word" },
	{ "<img src=\" \" alt=\"empty\">", "empty" },
	{ "<img src=\"data:image/png;base64,AA\" alt=\"d\">x", "x" },
	{ "<img src=\"https://cdn.example/i.png\" alt=\"i\">x", "x" },
	{ "one<!x>two</ y>three<?php x(); ?>four", "onetwothreefour" },
	{ "one<!DOCTYPE html two", "one<!DOCTYPE html two" },
	{ "a<![CDATA[b<c]]>d", "ab<cd" },
	{ "<article><p>a</p></article><aside>b</aside>", "a b" },
	{ "<select><option>x</option><option>y</option></select>", "x y" },
	{ "   ", "" },
	{ "", "" },
	{ "<p>  lots   of \n\n  space  </p>", "lots of space" },
	{ "1 < 2 and 3 > 2", "1 < 2 and 3 > 2" },
	{ "\xe6\x97\xa5\xe6\x9c\xac <b>\xe8\xaa\x9e</b>",
	  "\xe6\x97\xa5\xe6\x9c\xac \xe8\xaa\x9e" },
};

static const struct {
	const char *in, *want;
} collapse[] = {
	{ "  a \t\n b  ", "a b" },
	{ "a\xc2\xa0\xc2\xa0" "b", "a\xc2\xa0\xc2\xa0" "b" },  /* kept inside */
	{ "a \xc2\xa0 b", "a \xc2\xa0 b" },
	{ "\xc2\xa0 lead and trail \xc2\xa0\xc2\xa0", "lead and trail" },
	{ "\xc2\xa0", "" },
	{ " \xc2", "\xc2" },          /* a cut sequence is no space */
	{ "", "" },
	{ "   ", "" },
	{ "\xc3\xa9  \xc3\xa8", "\xc3\xa9 \xc3\xa8" },
	{ "one", "one" },
	{ "a\r\nb\fc\vd", "a b c d" },
	{ "\xc2\xa9 kept", "\xc2\xa9 kept" },       /* C2 A9 is not a space */
};

static const struct {
	const char *in;
	size_t max;
	const char *want;
} excerpt[] = {
	{ "short", 10, "short" },
	{ "exactly ten", 11, "exactly ten" },
	{ "hello world again", 11, "hello world" ELL },
	{ "hello world again", 10, "hello" ELL },
	{ "hello world again", 5, "hello" ELL },
	{ "hello world again", 4, "hell" ELL },
	{ "supercalifragilistic", 5, "super" ELL },
	{ "one, two three", 5, "one" ELL },
	{ "one; two three", 6, "one" ELL },
	{ "abc", 0, ELL },
	/* cut points inside multibyte characters back off to a boundary */
	{ "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 5,
	  "\xc3\xa9\xc3\xa9" ELL },
	{ "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 6,
	  "\xc3\xa9\xc3\xa9\xc3\xa9" ELL },
	{ "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 7, "\xe6\x97\xa5\xe6\x9c\xac" ELL },
	{ "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 8, "\xe6\x97\xa5\xe6\x9c\xac" ELL },
	{ "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 2, ELL },
	{ "\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 5, "\xf0\x9f\x98\x80" ELL },
	{ "\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 7, "\xf0\x9f\x98\x80" ELL },
	{ "a \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4, "a" ELL },
	{ "caf\xc3\xa9 cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e", 12,
	  "caf\xc3\xa9 cr\xc3\xa8me" ELL },
	{ "caf\xc3\xa9 cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e", 11,
	  "caf\xc3\xa9" ELL },
};

static int utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n = *p < 0x80 ? 0 : *p >= 0xF0 ? 3 : *p >= 0xE0 ? 2 :
			*p >= 0xC2 ? 1 : -1;

		if (n < 0)
			return 0;
		for (p++; n > 0; n--, p++)
			if ((*p & 0xC0) != 0x80)
				return 0;
	}
	return 1;
}

int main(void)
{
	size_t i, max;
	char *s;
	const char *ja = "\xe5\x81\xa5\xe5\xba\xb7\xe8\xa8\x98\xe9\x8c\xb2 "
			 "\xe3\x81\xae \xe5\x85\xb1\xe6\x9c\x89";
	int all = 1;

	for (i = 0; i < sizeof(to_text) / sizeof(to_text[0]); i++) {
		s = rounds_html_to_text(to_text[i].in, strlen(to_text[i].in));
		is_str(s, to_text[i].want, "to_text case %zu", i);
		free(s);
	}
	s = rounds_html_to_text("a\0b<i>c</i>", 11);
	is_str(s, "abc", "to_text drops NUL bytes");
	free(s);
	s = rounds_html_to_text("bad \xff byte", 10);
	is_str(s, "bad \xef\xbf\xbd byte", "to_text replaces invalid UTF-8");
	free(s);
	s = rounds_html_to_text("<b>bad \xff</b>", 11);
	is_str(s, "bad \xef\xbf\xbd", "to_text replaces invalid UTF-8 in markup");
	free(s);
	ok(rounds_html_to_text(NULL, 0) == NULL, "to_text NULL is NULL");

	for (i = 0; i < sizeof(collapse) / sizeof(collapse[0]); i++) {
		s = rounds_text_collapse(collapse[i].in, strlen(collapse[i].in));
		is_str(s, collapse[i].want, "collapse case %zu", i);
		free(s);
	}
	s = rounds_text_collapse("a  b  c", 4);
	is_str(s, "a b", "collapse reads only len bytes");
	free(s);
	ok(rounds_text_collapse(NULL, 0) == NULL, "collapse NULL is NULL");

	for (i = 0; i < sizeof(excerpt) / sizeof(excerpt[0]); i++) {
		s = rounds_text_excerpt(excerpt[i].in, excerpt[i].max);
		is_str(s, excerpt[i].want, "excerpt case %zu, max %zu", i,
		       excerpt[i].max);
		free(s);
	}
	/* Every cut point of a multibyte text gives valid UTF-8 within max. */
	for (max = 0; max <= strlen(ja); max++) {
		s = rounds_text_excerpt(ja, max);
		if (!utf8_ok(s) || (strlen(s) > max + 3))
			all = 0;
		free(s);
	}
	ok(all, "every cut of a Japanese text is valid UTF-8 within max + 3");
	ok(rounds_text_excerpt(NULL, 5) == NULL, "excerpt NULL is NULL");
	return done_testing();
}
