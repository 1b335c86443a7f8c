/* html_int.h: what the sanitiser (html.c) and the text functions
 * (html_text.c) share: the element and attribute tables (html_policy.c)
 * and the way both drive libxml2's HTML parser. */
#ifndef ROUNDS_HTML_INT_H
#define ROUNDS_HTML_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/HTMLparser.h>
#include "rounds/buf.h"

/* Element flags. */
enum {
	EL_ALLOW = 1,   /* emitted, with its allowed attributes */
	EL_VOID = 2,    /* no content, no end tag: <br>, <img ...> */
	EL_DROP = 4,    /* removed together with everything inside; with
			 * EL_VOID the tag alone (HTML5 has no content for
			 * it, whatever libxml2 nests inside) */
	EL_INLINE = 8,  /* phrasing content: no word break in plain text */
	EL_URL = 16,    /* dropped when its URL attribute is */
	EL_BLOCK = 32,  /* ends an open p, as HTML's tree builder does */
	EL_TABLE = 64,  /* table part: kept only inside a kept table */
};

/* How an attribute value is checked before it is written. */
enum attr_kind {
	A_TEXT,         /* any text, escaped */
	A_HREF,         /* URL: http, https, mailto */
	A_SRC,          /* URL: http, https */
	A_IMGSRC,       /* URL: http, https, data:image/(png|gif|jpeg|webp) */
	A_SRCSET,       /* candidates "URL [descriptor]", each an A_SRC */
	A_INT,          /* digits */
	A_LEN,          /* digits, optionally '%' */
	A_DIR,          /* ltr, rtl, auto */
	A_LANG,         /* a language tag: letters, digits, '-' */
	A_BOOL,         /* present or not: written as name="" */
};

struct html_attr {
	const char *name;
	enum attr_kind kind;
};

/* html5_refs.c: HTML5's named character references that HTML 4, and so
 * libxml2 2.9, does not have ("check" is U+2713), sorted by name. */
struct html5_ref {
	const char *name;               /* without its ';' */
	unsigned cp, cp2;               /* cp2: a second character, or 0 */
};
extern const struct html5_ref html5_refs[];
extern const size_t html5_refs_n;

struct html_elem {
	const char *name;
	unsigned flags;
	const struct html_attr *attrs;  /* NULL-name terminated, or NULL */
};

/* The table entry for a lower-case element name; NULL when unknown
 * (unknown elements are dropped, their text kept). */
const struct html_elem *html_elem_find(const char *name);
/* The allowed element an obsolete or rare block element is written as,
 * so its text keeps its block ("<center>" as "<div>", "<menu>" and
 * "<dir>" as "<ul>", "<listing>" as "<pre>"; also fieldset, legend,
 * search); NULL for any other name.  Not for html_xml.c, which asks
 * libxml2 about names as they were written. */
const struct html_elem *html_elem_alias(const char *name);
/* Most elements the table may have (html_xml.c keeps what it learns of
 * each, and of body, in arrays of this size; html_policy.c checks it). */
#define HTML_ELEM_SLOTS 192

/* An element's place in the table, from 0 to html_elem_count() - 1. */
size_t html_elem_index(const struct html_elem *el);
size_t html_elem_count(void);
/* The rule for attribute name on element el (global ones included);
 * NULL when the attribute is not allowed. */
const struct html_attr *html_attr_find(const struct html_elem *el,
				       const char *name);

/* Whether v (leading white space allowed) is a data:image/(png|gif|jpeg|
 * webp) URL followed by ';' or ','. */
bool html_data_image(const char *v);

/* The value of the alt attribute in atts (name/value pairs, NULL-ended,
 * or NULL); NULL when there is none. */
const char *html_alt(const xmlChar **atts);

/* Brings hostile bytes into a form libxml2 reads one way only: NUL and
 * other C0 controls dropped (form feed and vertical tab become spaces,
 * CR LF and a lone CR a line feed, as HTML reads them),
 * invalid UTF-8 and the non-characters U+FFFE/U+FFFF replaced by U+FFFD.
 * With prefix, "<body>" is put in front so that libxml2 does not wrap
 * text in an implied <p>, bogus comments are dealt with (html_unbogus()),
 * and there is room for 8 more bytes after the end.  Returns a new
 * string, its length in *n. */
char *html_prepare(const char *html, size_t len, bool prefix, size_t *n);

/* html_open.c: the open elements of a fragment, modelled for
 * html_bogus.c's pass (see there).  html_open_start() for a start tag's
 * name (small letters; a void element's is not given); html_open_end()
 * says how to write an end tag: as it is, not at all, as a break between
 * words (a stray </p>), as "<br />", or as the end tag of the open
 * heading it names in as; the end tags of what it ends on the way go
 * into ends, to be written before it. */
#define HTML_OPEN_NAME 12
#define HTML_OPEN_NAMES 64
struct html_open {
	unsigned char *stack;   /* the open elements' slots in names[] */
	size_t depth, alloc;
	char names[HTML_OPEN_NAMES][HTML_OPEN_NAME];
	unsigned counts[HTML_OPEN_NAMES];       /* open, by slot */
	signed char p, li, dt, dd;      /* their slots, -1 until used */
	bool full;              /* more names than the table holds */
};
enum html_end { HTML_END_KEEP, HTML_END_DROP, HTML_END_P, HTML_END_BR,
		HTML_END_AS };
void html_open_init(struct html_open *o);
void html_open_free(struct html_open *o);
void html_open_start(struct html_open *o, const char *name);
enum html_end html_open_end(struct html_open *o, const char *name,
			    char as[HTML_OPEN_NAME], struct rounds_buf *ends);

/* html_bogus.c: buf (*n bytes, NUL and 8 bytes of room after them) with
 * bogus comments removed, a '<' that starts nothing written "&lt;" and
 * CDATA sections made text, so that neither parser swallows text with
 * them.  Returns buf, or a new string of the same kind (buf freed) and
 * its length in *n. */
char *html_unbogus(char *buf, size_t *n);

/* What the sanitiser (html.c) and the text functions (html_text.c) both
 * keep while they read a fragment.  It is the first member of each one's
 * state, so the SAX user pointer is either. */
struct html_sink {
	struct rounds_buf out;  /* capped by its caller's rounds_buf_init */
	size_t dropping;        /* open elements removed with their content */
	bool failed;            /* out went over its cap */
	/* Appends text read outside removed elements (escaped or not). */
	void (*put_text)(struct html_sink *sink, const char *p, size_t n);
	/* Forgets the reader's own state beyond the sink's, or NULL. */
	void (*reset)(struct html_sink *sink);
};

/* Reads buf (len bytes, from html_prepare with prefix; it is changed past
 * len) into sink, with start and end as the element handlers and the
 * sink's put_text for text: libxml2's XML parser first (html_xml.c), and
 * when that cannot read it the same way, the sink emptied and
 * html_parse_html(). */
void html_sink_parse(struct html_sink *sink, char *buf, size_t len,
		     startElementSAXFunc start, endElementSAXFunc end);

/* libxml2's HTML parser alone over buf (valid UTF-8): no network, no
 * errors printed, encoding declarations ignored. */
void html_parse_html(const char *buf, size_t len, const htmlSAXHandler *sax,
		     void *user);

/* Whether html_sax_parse() tries the XML parser first (true); the tests
 * turn it off to compare the two ways. */
extern bool html_xml_first;

/* The XML parser over buf (len bytes, "<body>...</body>"), passing on
 * the events the HTML parser would give.  False when it stopped and the
 * HTML parser must read the fragment. */
bool html_xml_parse(const char *buf, size_t len, const htmlSAXHandler *sax,
		    void *user);

#endif
