/* html_policy.c: the allow-list.  Which elements the sanitiser keeps,
 * which it removes with their content (script, style and the document
 * head only: the text of every other element stays), and which
 * attributes each keeps.
 * The policy in words is in include/rounds/html.h; keep both in step. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "html_int.h"

static const struct html_attr global_attrs[] = {
	{ "dir", A_DIR }, { "lang", A_LANG }, { "title", A_TEXT },
	{ NULL, A_TEXT },
};

static const struct html_attr a_attrs[] = {
	{ "href", A_HREF }, { "hreflang", A_LANG }, { NULL, A_TEXT },
};

static const struct html_attr cite_attrs[] = {
	{ "cite", A_SRC }, { NULL, A_TEXT },
};

static const struct html_attr edit_attrs[] = {
	{ "cite", A_SRC }, { "datetime", A_TEXT }, { NULL, A_TEXT },
};

static const struct html_attr time_attrs[] = {
	{ "datetime", A_TEXT }, { NULL, A_TEXT },
};

static const struct html_attr img_attrs[] = {
	{ "alt", A_TEXT }, { "height", A_LEN }, { "sizes", A_TEXT },
	{ "src", A_IMGSRC }, { "srcset", A_SRCSET }, { "width", A_LEN },
	{ NULL, A_TEXT },
};

static const struct html_attr source_attrs[] = {
	{ "media", A_TEXT }, { "sizes", A_TEXT }, { "src", A_SRC },
	{ "srcset", A_SRCSET }, { "type", A_TEXT }, { NULL, A_TEXT },
};

static const struct html_attr video_attrs[] = {
	{ "controls", A_BOOL }, { "height", A_LEN }, { "loop", A_BOOL },
	{ "muted", A_BOOL }, { "poster", A_SRC }, { "preload", A_TEXT },
	{ "src", A_SRC }, { "width", A_LEN }, { NULL, A_TEXT },
};

static const struct html_attr audio_attrs[] = {
	{ "controls", A_BOOL }, { "loop", A_BOOL }, { "muted", A_BOOL },
	{ "preload", A_TEXT }, { "src", A_SRC }, { NULL, A_TEXT },
};

static const struct html_attr track_attrs[] = {
	{ "default", A_BOOL }, { "kind", A_TEXT }, { "label", A_TEXT },
	{ "src", A_SRC }, { "srclang", A_LANG }, { NULL, A_TEXT },
};

static const struct html_attr cell_attrs[] = {
	{ "abbr", A_TEXT }, { "colspan", A_INT }, { "rowspan", A_INT },
	{ "scope", A_TEXT }, { NULL, A_TEXT },
};

static const struct html_attr col_attrs[] = {
	{ "span", A_INT }, { NULL, A_TEXT },
};

static const struct html_attr ol_attrs[] = {
	{ "reversed", A_BOOL }, { "start", A_INT }, { "type", A_TEXT },
	{ NULL, A_TEXT },
};

static const struct html_attr li_attrs[] = {
	{ "value", A_INT }, { NULL, A_TEXT },
};

static const struct html_attr details_attrs[] = {
	{ "open", A_BOOL }, { NULL, A_TEXT },
};

#define A  EL_ALLOW
#define V  EL_VOID
#define D  EL_DROP
#define I  EL_INLINE
#define U  EL_URL
#define B  EL_BLOCK
#define T  EL_TABLE

/* Sorted by name (strcmp order) for bsearch. */
static const struct html_elem elems[] = {
	{ "a", A | I | U, a_attrs },
	{ "abbr", A | I, NULL },
	{ "address", A | B, NULL },
	{ "applet", 0, NULL },
	{ "article", A | B, NULL },
	{ "aside", A | B, NULL },
	{ "audio", A, audio_attrs },
	{ "b", A | I, NULL },
	{ "base", D | V, NULL },
	{ "basefont", D | V, NULL },
	{ "bdi", I, NULL },
	{ "bdo", I, NULL },
	{ "big", I, NULL },
	{ "blink", I, NULL },
	{ "blockquote", A | B, cite_attrs },
	{ "br", A | V, NULL },
	{ "button", 0, NULL },
	{ "caption", A | T, NULL },
	{ "cite", A | I, NULL },
	{ "code", A | I, NULL },
	{ "col", A | V | T, col_attrs },
	{ "colgroup", A | T, col_attrs },
	{ "data", I, NULL },
	{ "datalist", 0, NULL },
	{ "dd", A, NULL },
	{ "del", A | I, edit_attrs },
	{ "details", A | B, details_attrs },
	{ "dfn", A | I, NULL },
	{ "dialog", 0, NULL },
	{ "div", A | B, NULL },
	{ "dl", A | B, NULL },
	{ "dt", A, NULL },
	{ "em", A | I, NULL },
	{ "embed", D | V, NULL },
	{ "figcaption", A | B, NULL },
	{ "figure", A | B, NULL },
	{ "font", I, NULL },
	{ "footer", A | B, NULL },
	{ "form", 0, NULL },
	{ "frame", D | V, NULL },
	{ "frameset", 0, NULL },
	{ "h1", A | B, NULL },
	{ "h2", A | B, NULL },
	{ "h3", A | B, NULL },
	{ "h4", A | B, NULL },
	{ "h5", A | B, NULL },
	{ "h6", A | B, NULL },
	{ "head", D, NULL },
	{ "header", A | B, NULL },
	{ "hgroup", A | B, NULL },
	{ "hr", A | V | B, NULL },
	{ "i", A | I, NULL },
	{ "iframe", 0, NULL },
	{ "img", A | V | I | U, img_attrs },
	{ "input", D | V, NULL },
	{ "ins", A | I, edit_attrs },
	{ "isindex", D | V, NULL },
	{ "kbd", A | I, NULL },
	{ "keygen", D | V, NULL },
	{ "label", I, NULL },
	{ "li", A, li_attrs },
	{ "link", D | V, NULL },
	{ "main", A | B, NULL },
	{ "mark", A | I, NULL },
	{ "marquee", I, NULL },
	{ "math", I, NULL },
	{ "meta", D | V, NULL },
	{ "nav", A | B, NULL },
	{ "nobr", I, NULL },
	{ "noembed", 0, NULL },
	{ "noframes", 0, NULL },
	{ "noscript", 0, NULL },
	{ "object", 0, NULL },
	{ "ol", A | B, ol_attrs },
	{ "optgroup", 0, NULL },
	{ "option", 0, NULL },
	{ "output", I, NULL },
	{ "p", A | B, NULL },
	{ "param", D | V, NULL },
	{ "picture", A | I, NULL },
	{ "plaintext", 0, NULL },
	{ "pre", A | B, NULL },
	{ "q", A | I, cite_attrs },
	{ "rp", A | I, NULL },
	{ "rt", A | I, NULL },
	{ "ruby", A | I, NULL },
	{ "s", A | I, NULL },
	{ "samp", A | I, NULL },
	{ "script", D, NULL },
	{ "section", A | B, NULL },
	{ "select", 0, NULL },
	{ "small", A | I, NULL },
	{ "source", A | V | U, source_attrs },
	{ "span", A | I, NULL },
	{ "strike", I, NULL },
	{ "strong", A | I, NULL },
	{ "style", D, NULL },
	{ "sub", A | I, NULL },
	{ "summary", A, NULL },
	{ "sup", A | I, NULL },
	{ "svg", I, NULL },
	{ "table", A | B, NULL },
	{ "tbody", A | T, NULL },
	{ "td", A | T, cell_attrs },
	{ "template", 0, NULL },
	{ "textarea", 0, NULL },
	{ "tfoot", A | T, NULL },
	{ "th", A | T, cell_attrs },
	{ "thead", A | T, NULL },
	{ "time", A | I, time_attrs },
	{ "title", 0, NULL },
	{ "tr", A | T, NULL },
	{ "track", A | V | U, track_attrs },
	{ "tt", I, NULL },
	{ "u", A | I, NULL },
	{ "ul", A | B, NULL },
	{ "var", A | I, NULL },
	{ "video", A, video_attrs },
	{ "wbr", A | V | I, NULL },
	{ "xmp", 0, NULL },
};

#undef A
#undef V
#undef D
#undef I
#undef U
#undef B
#undef T

/* The elements by a hash of their name (open addressing, twice as many
 * slots as there are elements, built once): a look-up is one hash and
 * usually one comparison.  Names are compared as they come (the
 * parsers give lower case). */
#define ELEM_SLOTS 512

static const struct html_elem *by_hash[ELEM_SLOTS];
static pthread_once_t hash_once = PTHREAD_ONCE_INIT;

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static void build_hash(void)
{
	size_t i, k;

	for (i = 0; i < sizeof(elems) / sizeof(elems[0]); i++) {
		k = name_hash(elems[i].name) & (ELEM_SLOTS - 1);
		while (by_hash[k])
			k = (k + 1) & (ELEM_SLOTS - 1);
		by_hash[k] = &elems[i];
	}
}

_Static_assert(sizeof(elems) / sizeof(elems[0]) * 2 <= ELEM_SLOTS,
	       "ELEM_SLOTS too small for the element table");

const struct html_elem *html_elem_find(const char *name)
{
	size_t k;

	(void)pthread_once(&hash_once, build_hash);
	k = name_hash(name) & (ELEM_SLOTS - 1);
	for (; by_hash[k]; k = (k + 1) & (ELEM_SLOTS - 1))
		if (strcmp(by_hash[k]->name, name) == 0)
			return by_hash[k];
	return NULL;
}

const struct html_elem *html_elem_alias(const char *name)
{
	static const struct {
		const char *name, *as;
	} aliases[] = {
		{ "center", "div" }, { "dir", "ul" }, { "fieldset", "div" },
		{ "image", "img" }, /* HTML reads <image> as <img> */
		{ "legend", "div" }, { "listing", "pre" }, { "menu", "ul" },
		{ "search", "div" },
	};
	size_t i;

	if (strchr("cdfilms", name[0]) == NULL || name[0] == '\0')
		return NULL;            /* the quick answer for most names */
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(aliases[i].name, name) == 0)
			return html_elem_find(aliases[i].as);
	return NULL;
}

/* One slot more for body (html_xml.c). */
_Static_assert(sizeof(elems) / sizeof(elems[0]) < HTML_ELEM_SLOTS,
	       "html_xml.c needs HTML_ELEM_SLOTS raised");

size_t html_elem_index(const struct html_elem *el)
{
	return (size_t)(el - elems);
}

size_t html_elem_count(void)
{
	return sizeof(elems) / sizeof(elems[0]);
}

static const struct html_attr *in(const struct html_attr *t, const char *name)
{
	for (; t != NULL && t->name != NULL; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

const struct html_attr *html_attr_find(const struct html_elem *el,
				       const char *name)
{
	const struct html_attr *a = in(global_attrs, name);

	return a != NULL ? a : in(el->attrs, name);
}

const char *html_alt(const xmlChar **atts)
{
	for (; atts != NULL && atts[0] != NULL; atts += 2)
		if (strcmp((const char *)atts[0], "alt") == 0 &&
		    atts[1] != NULL)
			return (const char *)atts[1];
	return NULL;
}
