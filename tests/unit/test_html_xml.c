/* test_html_xml.c: the XML parser's fast way into fragments (html_xml.c)
 * against libxml2's HTML parser.  Fragments that are well-formed XML must
 * come out of the sanitiser and the text conversion exactly as they do
 * through the HTML parser; the ones the HTML parser reads differently must
 * be handed over to it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/html.h"
#include "text/html_int.h"
#include "../tap.h"

#define BASE "https://blog.example/2026/post/"

static void no_start(void *u, const xmlChar *n, const xmlChar **a)
{
	(void)u, (void)n, (void)a;
}

static void no_end(void *u, const xmlChar *n)
{
	(void)u, (void)n;
}

static void no_text(void *u, const xmlChar *t, int n)
{
	(void)u, (void)t, (void)n;
}

/* Whether the XML parser reads the fragment all the way. */
static bool fast(const char *frag)
{
	htmlSAXHandler sax;
	size_t n;
	char *in = html_prepare(frag, strlen(frag), true, &n);
	bool ok;

	memset(&sax, 0, sizeof(sax));
	sax.startElement = no_start;
	sax.endElement = no_end;
	sax.characters = no_text;
	memcpy(in + n, "</body>", 8);
	ok = html_xml_parse(in, n + 7, &sax, NULL);
	free(in);
	return ok;
}

/* Sanitised (or as text) both ways; 1 when they agree. */
static int same(const char *frag, bool text, char **a, char **b)
{
	html_xml_first = true;
	*a = text ? rounds_html_to_text(frag, strlen(frag)) :
		rounds_html_sanitize(frag, strlen(frag), BASE);
	html_xml_first = false;
	*b = text ? rounds_html_to_text(frag, strlen(frag)) :
		rounds_html_sanitize(frag, strlen(frag), BASE);
	html_xml_first = true;
	return strcmp(*a, *b) == 0;
}

/* frag on one line, for a test's name. */
static const char *shown(const char *frag)
{
	static char line[200];
	size_t i;

	for (i = 0; frag[i] != '\0' && i + 1 < sizeof(line); i++)
		line[i] = frag[i] == '\n' ? '|' : frag[i] == '\r' ? '<' :
			  frag[i] == '\t' ? '>' : frag[i];
	line[i] = '\0';
	return line;
}

static void check(const char *frag, bool want_fast, const char *why)
{
	char *a, *b;
	int t;

	ok(fast(frag) == want_fast, "%s: %s (%s)", want_fast ? "XML" :
	   "HTML parser", why, shown(frag));
	for (t = 0; t < 2; t++) {
		same(frag, t, &a, &b);
		is_str(a, b, "%s the same both ways", t ? "text" :
		       "sanitised");
		free(a);
		free(b);
	}
}

/* Raw-text and other odd elements of HTML: whichever way reads them,
 * the output is the HTML parser's. */
static void odd_elements(void)
{
	static const char *const names[] = {
		"xmp", "plaintext", "textarea", "title", "noscript", "iframe",
		"noembed", "noframes", "listing", "template", "svg", "math",
		"select", "option", "object", "applet", "frame", "isindex",
		"base", "meta", "link", "param", "embed", "area", "col", "nobr",
	};
	char frag[160], *a, *b;
	size_t i;
	int t;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(frag, sizeof(frag), "<p>a<%s>b<b>c</b>&amp;d</%s>e</p>"
			 "<%s />f", names[i], names[i], names[i]);
		for (t = 0; t < 2; t++) {
			same(frag, t, &a, &b);
			is_str(a, b, "%s: %s the same both ways", names[i],
			       t ? "text" : "sanitised");
			free(a);
			free(b);
		}
	}
}

static void cases(void)
{
	check("<p>Plain <b>bold</b> and <a href='x/'>a link</a>.</p>", true,
	      "XHTML");
	check("<p>a<br />b</p><img src='i.png' alt='' />", true,
	      "void elements closed the XML way");
	check("<p>caf&eacute; &nbsp;&rsquo;&hellip;&amp;&lt;&#8217;&#x2014;</p>",
	      true, "HTML's named references in text");
	check("<a href='?a=1&amp;b=2&#38;c=3' title='x &amp;amp; y'>q</a>",
	      true, "& in attribute values");
	check("<p title='a\nb'>x</p>", false, "a new line in an attribute");
	check("<p title='a\nb'><b>x</b></p>", false,
	      "a new line in an attribute, a tag right after");
	check("<p><img src='i.png' alt='a\tb'/><b>x</b></p>", false,
	      "a tab in an attribute of a void element");
	check("<p title='a b' class='c'\n\tid='x'>x</p>", true,
	      "new lines between attributes");
	check("<p>a<div>b</div>c</p>", false, "a block inside p");
	check("<ul><li>a<li>b</li></li></ul>", false, "li in li");
	check("<a href='/1'>x<a href='/2'>y</a></a>", false, "a in a");
	check("<table><tr><td>1<td>2</td></td></tr></table>", false,
	      "td in td");
	check("<div>a<div>b<span>c<span>d</span></span></div></div>", true,
	      "div in div, span in span");
	check("<ul><li>a<ul><li>b</li></ul></li></ul><ol><li>c</li></ol>",
	      true, "lists in lists");
	check("<table><tbody><tr><th>h</th><td>1</td></tr></tbody></table>",
	      true, "a table");
	check("<p>a\r\nb\rc</p>", true, "carriage returns");
	check("<p>x</p><!-- note --><p>y</p>", true, "comments");
	check("<p>x</p><?php echo '<b>y</b>'; ?><p>z</p>", true,
	      "a processing instruction (its '<' made text before)");
	check("<p>x</p><?php echo 1; ?><p>z</p>", true,
	      "a processing instruction (removed before)");
	check("<a title='x>y' href='/'>q</a>", true, "'>' in a value");
	check("<a h\xC3\xA9='x>y' href='/'>q</a>", false,
	      "a name that is not ASCII");
	check("<o:p>office</o:p><svg:rect/>", false, "prefixed names");
	/* the end tags of void elements: </img> goes, </br> is a line
	 * break, as HTML reads them (html_bogus.c), and XML reads the rest */
	check("<img src='i.png'>text</img>", true, "content in a void element");
	check("<p><img src='i.png'></img><br></br></p>", true,
	      "void elements ended by end tags (closed first, so the end "
	      "tags are left over)");
	check("<p><img src='i.png'/><br/></p>", true,
	      "void elements closed the XML way");
	check("<p>a<br>b<img src=\"i.png\" alt='a>b'>c<wbr>d</p><hr>", true,
	      "void elements written the HTML way (closed before)");
	check("<p>a<br\n>b<img\tsrc='i.png'\n></p>", true,
	      "void elements with white space before '>'");
	check("<p>a<img src=i.png>b</p>", false,
	      "an unquoted value (closed, but not XML)");
	check("<p>a<br>b</p><script>x</script><br>", false,
	      "after a raw-text element nothing is closed");
	check("<textarea><br></textarea><p>a<br>b</p>", true,
	      "a textarea's text is escaped, what follows closed");
	check("<iframe><br></iframe><p>a<br>b</p>", false,
	      "a void tag inside other raw text is left alone");
	check("<p>a<BR>b</p>", false, "an upper-case void element");
	check("<p>a<img-x src='i.png'>b</img-x>c</p>", false,
	      "a custom element named like a void one is not closed");
	check("<P>upper</P>", false, "upper-case element");
	check("<p CLASS='x'>upper</p>", false, "upper-case attribute");
	check("<p>a<script>if (a) b();</script>c</p>", false, "script");
	check("<style>p { color: red }</style><p>x</p>", false, "style");
	/* a pasted page's html, head and body tags go before either parser
	 * reads the fragment (html_bogus.c) */
	check("<body><p>x</p></body>", true, "a body inside");
	check("<html><p>x</p></html>", true, "html");
	check("<html><head><title>t</title><x-a>n</x-a></head><body><p>x</p>",
	      false, "a whole page");
	check("<p><![CDATA[a<b]]></p>", true, "CDATA (made text before)");
	check("<img alt='caf&eacute;' src='i.png' />", false,
	      "a named reference in an attribute");
	check("<p>&bogus; x</p>", false, "a reference HTML does not know");
	check("<p>a & b</p>", false, "a bare &");
	check("<p>a</p>]]><p>b</p>", false, "]]> in text");
	check("<p>a<!x>b</ x>c</3>d</>e<!-->f</p>", true,
	      "bogus comments (removed before)");
	check("<p>a<!DOCTYPE html b</p><p>c</p>", true,
	      "an unterminated DOCTYPE (its '<' made text before)");
	check("<p>a<!DOCTYPE html>b</p>", true, "a DOCTYPE (removed before)");
	check("<p>1 < 2</p>", true, "a '<' that is text");
	check("<iframe src='/e'>fallback <b>x</b></iframe><noscript>n</noscript>"
	      "<object data='o'>o</object>", true, "fallback content");
	check("<img alt='no src' /><img src='javascript:x' alt='js' />", true,
	      "img without a usable src");
	check("<p>a<section>b</section></p>", false,
	      "a section inside p (it ends the p, so the </p> after it is "
	      "a stray one, HTML's empty paragraph: a break the HTML parser "
	      "reads)");
	check("<article><header>h</header><section>s</section></article>",
	      true, "HTML5 sections");
}

/* ---- generated fragments ---- */

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static unsigned pick(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void text(struct rounds_buf *b)
{
	static const char *const bits[] = {
		"word", " ", "\n", "\t", "  ", "&amp;", "&lt;", "&gt;",
		"&nbsp;", "&eacute;", "&rsquo;", "&hellip;", "&#8217;",
		"&#x2014;", "\"", "'", "caf\xC3\xA9", ".", "x > y", "&copy;",
	};
	unsigned i, n = 1 + pick(5);

	for (i = 0; i < n; i++)
		if (rounds_buf_puts(b, bits[pick(sizeof(bits) /
					       sizeof(bits[0]))]) < 0)
			abort();
}

static void attrs(struct rounds_buf *b)
{
	static const char *const bits[] = {
		" href=\"/notes/1/\"", " href=\"https://x.example/?a=1&amp;b=2\"",
		" href=\"javascript:alert(1)\"", " title=\"T &amp; U\"",
		" class=\"c\"", " style=\"color:red\"", " onclick=\"x()\"",
		" src=\"i.png\"", " alt=\"\"", " width=\"640\"", " lang=\"en\"",
		" title=\"a\nb\"", " dir=\"rtl\"", " colspan=\"2\"",
	};
	unsigned i, n = pick(3);

	for (i = 0; i < n; i++)
		if (rounds_buf_puts(b, bits[pick(sizeof(bits) /
					       sizeof(bits[0]))]) < 0)
			abort();
}

static void element(struct rounds_buf *b, int depth)
{
	static const char *const names[] = {
		"p", "div", "span", "a", "b", "strong", "em", "i", "ul", "ol",
		"li", "blockquote", "h2", "h3", "pre", "code", "table", "tr",
		"td", "th", "dl", "dt", "dd", "figure", "figcaption", "sub",
		"sup", "q", "abbr", "section", "article", "iframe", "form",
		"font", "o:p", "caption", "tbody", "thead", "u", "s", "small",
		"center", "nav", "aside", "address", "del", "ins", "cite",
	};
	static const char *const voids[] = { "br", "hr", "img", "input",
					     "wbr" };
	unsigned i, n;

	if (depth > 5 || pick(4) == 0) {
		text(b);
		return;
	}
	if (pick(8) == 0) {
		if (rounds_buf_printf(b, "<%s", voids[pick(5)]) < 0)
			abort();
		attrs(b);
		if (rounds_buf_puts(b, " />") < 0)
			abort();
		return;
	}
	i = pick(sizeof(names) / sizeof(names[0]));
	if (rounds_buf_printf(b, "<%s", names[i]) < 0)
		abort();
	attrs(b);
	if (rounds_buf_putc(b, '>') < 0)
		abort();
	for (n = pick(4); n > 0; n--)
		element(b, depth + 1);
	if (rounds_buf_printf(b, "</%s>", names[i]) < 0)
		abort();
}

static void generated(void)
{
	int i, read_fast = 0, differ = 0, t;

	for (i = 0; i < 3000; i++) {
		struct rounds_buf b;
		char *frag, *x, *h;

		rounds_buf_init(&b, 0);
		element(&b, 0);
		element(&b, 0);
		frag = rounds_buf_detach(&b);
		read_fast += fast(frag);
		for (t = 0; t < 2; t++) {
			if (!same(frag, t, &x, &h)) {
				if (differ++ < 5)
					fprintf(stderr, "# %s\n#  XML:  %s\n"
						"#  HTML: %s\n", frag, x, h);
			}
			free(x);
			free(h);
		}
		free(frag);
	}
	ok(read_fast > 1000, "3000 generated XHTML fragments: the XML parser "
	   "reads %d", read_fast);
	ok(differ == 0, "and sanitised and as text the same both ways "
	   "(%d differ)", differ);
}

int main(void)
{
	cases();
	odd_elements();
	generated();
	return done_testing();
}
