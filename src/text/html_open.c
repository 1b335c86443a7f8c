/* html_open.c: the elements open at each point of an HTML fragment, as
 * far as html_bogus.c's pass needs them to write end tags the way HTML
 * reads them before libxml2 sees them.
 *
 * libxml2's HTML parser drops an end tag that names no open element
 * without a word, where HTML reads a stray </p> as an empty paragraph,
 * </br> as a line break, any </h1>-</h6> as the end of the open heading,
 * and ignores </body> and </html> inside content; and each such end tag
 * makes libxml2 search all its open elements (a fragment of thousands of
 * unclosed elements and stray end tags took minutes).  The model: a
 * table of the names met, a stack of the open elements' places in it, a
 * count of open elements per name (is one open: no search), a paragraph closed by the blocks HTML closes it with, a list
 * item by the next item, a heading by the next heading (and, as libxml2
 * does, a heading, pre or link by a table).  A stray end tag of a block
 * parts the words around it.  Names of letters and digits only (custom
 * and prefixed elements are left to the parsers). */
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "html_int.h"

/* How far down the stack an implied end is looked for (the scope walk;
 * past it, none is). */
#define WALK 256

static unsigned hash(const char *name)
{
	unsigned h = 5381;

	while (*name)
		h = h * 33 + (unsigned char)*name++;
	return h & (HTML_OPEN_NAMES - 1);
}

/* The slot of name in the table of names (made when absent and make is
 * true), or -1. */
static int slot(struct html_open *o, const char *name, bool make)
{
	unsigned k = hash(name), tries;

	for (tries = 0; tries < HTML_OPEN_NAMES; tries++) {
		if (o->names[k][0] == '\0') {
			if (!make)
				return -1;
			memcpy(o->names[k], name, strlen(name) + 1);
			return (int)k;
		}
		if (strcmp(o->names[k], name) == 0)
			return (int)k;
		k = (k + 1) & (HTML_OPEN_NAMES - 1);
	}
	return -1;                      /* table full: not modelled */
}

/* Whether an element named name is open; *cache keeps its slot (the
 * names often asked for: p, li, dt, dd). */
static bool is_open_cached(struct html_open *o, const char *name,
			   signed char *cache)
{
	if (*cache < 0)
		*cache = (signed char)slot(o, name, false);
	return *cache >= 0 && o->counts[(unsigned char)*cache] > 0;
}

static void pop(struct html_open *o)
{
	unsigned char k = o->stack[--o->depth];

	if (o->counts[k] > 0)
		o->counts[k]--;
}

/* The name of the i-th open element (from 0, the outermost). */
static const char *at(const struct html_open *o, size_t i)
{
	return o->names[o->stack[i]];
}

static bool one_of(const char *name, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(name, *set) == 0)
			return true;
	return false;
}

/* Whether name is in set, a sorted list of n names (a binary search:
 * called for every start tag). */
static bool in_sorted(const char *name, const char *const *set, size_t n)
{
	size_t lo = 0, hi = n, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(name, set[mid]);
		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

static bool heading(const char *name)
{
	return name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
		name[2] == '\0';
}

/* Pops down to and with the nearest open element in slot k, unless one
 * named in stop (or WALK elements) comes first; with ends, the end tags
 * of what it pops on the way go there. */
static void close_slot(struct html_open *o, int k, const char *const *stop,
		       struct rounds_buf *ends)
{
	size_t i, low = o->depth > WALK ? o->depth - WALK : 0;

	if (k < 0 || o->counts[k] == 0)
		return;
	for (i = o->depth; i > low; i--) {
		if (o->stack[i - 1] == (unsigned char)k) {
			while (o->depth > i) {
				if (ends && (rounds_buf_puts(ends, "</") < 0 ||
					     rounds_buf_puts(ends, at(o,
						     o->depth - 1)) < 0 ||
					     rounds_buf_putc(ends, '>') < 0))
					abort();
				pop(o);
			}
			pop(o);
			return;
		}
		if (*stop && one_of(at(o, i - 1), stop))
			return;
	}
}

/* The same for the nearest open element named name. */
static void close_to(struct html_open *o, const char *name,
		     const char *const *stop, struct rounds_buf *ends)
{
	close_slot(o, slot(o, name, false), stop, ends);
}

void html_open_init(struct html_open *o)
{
	memset(o, 0, sizeof(*o));
	o->p = o->li = o->dt = o->dd = -1;
}

void html_open_free(struct html_open *o)
{
	free(o->stack);
	o->stack = NULL;
	o->depth = o->alloc = 0;
}

void html_open_start(struct html_open *o, const char *name)
{
	/* the blocks that end an open paragraph (HTML's "close a p
	 * element"), and where that paragraph is out of reach */
	static const char *const closes_p[] = {    /* sorted */
		"address", "article", "aside", "blockquote", "center", "dd",
		"details", "dialog", "dir", "div", "dl", "dt", "fieldset",
		"figcaption", "figure", "footer", "form", "h1", "h2", "h3",
		"h4", "h5", "h6", "header", "hgroup", "hr", "li", "listing",
		"main", "menu", "nav", "ol", "p", "pre", "search", "section",
		"summary", "table", "ul", "xmp",
	};
	static const char *const p_scope[] = {
		"table", "td", "th", "caption", "button", "object",
		"marquee", "template", "html", NULL,
	};
	static const char *const li_scope[] = {
		"ul", "ol", "table", "td", "th", "caption", "html", NULL,
	};
	static const char *const dl_scope[] = {
		"dl", "table", "td", "th", "caption", "html", NULL,
	};
	static const char *const table_ends[] = {
		"pre", "listing", "xmp", "a", NULL,
	};
	int k;

	if (name[0] == '\0' || strlen(name) >= HTML_OPEN_NAME)
		return;
	if (is_open_cached(o, "p", &o->p) &&
	    in_sorted(name, closes_p, sizeof(closes_p) / sizeof(closes_p[0])))
		close_slot(o, o->p, p_scope, NULL);
	if (name[0] == 'l' && strcmp(name, "li") == 0 &&
	    is_open_cached(o, "li", &o->li))
		close_slot(o, o->li, li_scope, NULL);
	if (name[0] == 'd' && (strcmp(name, "dt") == 0 ||
			       strcmp(name, "dd") == 0)) {
		if (is_open_cached(o, "dt", &o->dt))
			close_slot(o, o->dt, dl_scope, NULL);
		if (is_open_cached(o, "dd", &o->dd))
			close_slot(o, o->dd, dl_scope, NULL);
	}
	if (heading(name) && o->depth > 0 && heading(at(o, o->depth - 1)))
		pop(o);
	/* libxml2's own: a table ends the heading, pre or link it is
	 * written in (HTML does not), so their end tags come stray */
	while (name[0] == 't' && strcmp(name, "table") == 0 && o->depth > 0 &&
	       (heading(at(o, o->depth - 1)) ||
		one_of(at(o, o->depth - 1), table_ends)))
		pop(o);
	if ((k = slot(o, name, true)) < 0) {
		o->full = true;         /* too many names: no longer modelled */
		return;
	}
	if (o->depth == o->alloc) {
		o->alloc = o->alloc ? o->alloc * 2 : 64;
		o->stack = xrealloc(o->stack, o->alloc);
	}
	o->stack[o->depth++] = (unsigned char)k;
	o->counts[k]++;
}

enum html_end html_open_end(struct html_open *o, const char *name,
			    char as[HTML_OPEN_NAME], struct rounds_buf *ends)
{
	static const char *const none[] = { NULL };
	/* blocks whose end tag, stray, still parts the words around it
	 * (HTML ignores it, but the element libxml2 ended early, a pre
	 * before a table, had parted them) */
	static const char *const blocks[] = {
		"address", "article", "aside", "blockquote", "center", "dd",
		"details", "dialog", "dir", "div", "dl", "dt", "fieldset",
		"figcaption", "figure", "footer", "form", "header", "hgroup",
		"li", "listing", "main", "menu", "nav", "ol", "pre", "section",
		"summary", "table", "ul", "xmp", NULL,
	};
	size_t i, low;
	int k;

	as[0] = '\0';
	if ((name[0] == 'b' || name[0] == 'h') &&
	    (strcmp(name, "br") == 0 || strcmp(name, "body") == 0 ||
	     strcmp(name, "html") == 0))
		return name[1] == 'r' ? HTML_END_BR : HTML_END_DROP;
	if (name[0] == '\0' || o->full)
		return HTML_END_KEEP;   /* not modelled: as written */
	if ((k = slot(o, name, false)) >= 0 && o->counts[k] > 0) {
		/* what it ends on the way, ended in so many words: libxml2
		 * will not end an open div for a </blockquote>, </li> or
		 * </h2> (and drops that end tag instead), as HTML does */
		close_slot(o, k, none, ends);
		return HTML_END_KEEP;
	}
	if (strcmp(name, "p") == 0 || one_of(name, blocks))
		return HTML_END_P;      /* a break: see html_bogus.c */
	if (heading(name)) {            /* any heading's end ends the open one */
		low = o->depth > WALK ? o->depth - WALK : 0;
		for (i = o->depth; i > low; i--)
			if (heading(at(o, i - 1))) {
				memcpy(as, at(o, i - 1), 3);
				close_to(o, as, none, ends);
				return HTML_END_AS;
			}
		return HTML_END_P;      /* none open: a break, as a block's */
	}
	return HTML_END_DROP;
}
