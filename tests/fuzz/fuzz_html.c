/* fuzz_html.c: libFuzzer target for the sanitiser and the text helpers.
 * Besides memory errors it stops on output that breaks the sanitiser's
 * promises: an element outside the allow-list, an on* or style attribute,
 * an unquoted attribute, a raw '<' in text, a script URL. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rounds/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const allowed[] = {
	"a", "abbr", "audio", "b", "blockquote", "br", "caption", "cite",
	"code", "col", "colgroup", "dd", "del", "details", "div", "dl", "dt",
	"em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
	"i", "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre",
	"q", "rp", "rt", "ruby", "s", "samp", "small", "source", "span",
	"strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
	"th", "thead", "time", "tr", "track", "u", "ul", "var", "video", "wbr",
	NULL,
};

static int known(const char *s, size_t n)
{
	const char *const *p;

	for (p = allowed; *p != NULL; p++)
		if (strlen(*p) == n && strncmp(*p, s, n) == 0)
			return 1;
	return 0;
}

static void check(const char *out)
{
	const char *p = out;

	while ((p = strchr(p, '<')) != NULL) {
		size_t n;

		p += p[1] == '/' ? 2 : 1;
		n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789");
		if (!known(p, n))
			abort();
		p += n;
		while (*p == ' ') {
			const char *v;

			p++;
			if (strncasecmp(p, "on", 2) == 0 ||
			    strncasecmp(p, "style", 5) == 0)
				abort();
			p += strspn(p, "abcdefghijklmnopqrstuvwxyz-");
			if (p[0] != '=' || p[1] != '"')
				abort();
			v = p + 2;
			while (*v == ' ')
				v++;
			if (strncasecmp(v, "javascript:", 11) == 0 ||
			    strncasecmp(v, "vbscript:", 9) == 0 ||
			    strncasecmp(v, "data:text", 9) == 0)
				abort();
			p = strchr(v, '"');
			if (p == NULL)
				abort();
			p++;
		}
		if (*p != '>')
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *out, *text, *ex;

	out = rounds_html_sanitize((const char *)data, size,
				   "https://blog.example/dir/page");
	check(out);
	free(out);
	text = rounds_html_to_text((const char *)data, size);
	ex = rounds_text_excerpt(text, size % 64);
	free(ex);
	free(text);
	return 0;
}
