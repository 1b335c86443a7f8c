/* parse_repair.c: the tags of a document libxml2 could not read, put
 * straight before it reads the document again.
 *
 * libxml2's recovery pairs an end tag with whatever element is open: one
 * unclosed <br> in an RSS description then closes the description at
 * </item>, the next <item> lands inside the first, and every later entry
 * is lost.  Real readers (browsers, feedparser's loose mode) instead close
 * the elements left open when an end tag names an element further out,
 * and ignore an end tag that names no open element.  This pass does that
 * over the cleaned text (an end tag that is plainly the innermost
 * element's name misspelt, </titl> or </tilte> in a <title>, closes it:
 * dropped, it would run the next fields into the title), and on the way
 * quotes unquoted attribute values, gives a value to a bare attribute
 * name, closes HTML's empty elements (<br>, <img>, ...), writes a '<'
 * that starts no tag as a character reference, ends an end tag that
 * lacks its '>' at the next tag, and closes an entry (<item>, <entry>)
 * left open when the next one starts.  Comments are left out, and one never
 * closed is text (its '<' a character reference), not the rest of the
 * document; processing instructions and the DOCTYPE are copied as they
 * are; the tags of the feed formats are untouched when they nest.  (A
 * CDATA section never closed ends where its element does: parse_enc.c.) */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rounds/caps.h"
#include "parse_int.h"

#define REPAIR_STACK 1024

struct open_el {
	const char *name;
	size_t len;
};

struct repair {
	const char *s;
	size_t n;
	struct rounds_buf *out;
	struct open_el stack[REPAIR_STACK];
	unsigned depth;
	unsigned overflow;      /* elements open beyond the stack */
};

static void put(struct repair *r, const char *p, size_t len)
{
	if (rounds_buf_append(r->out, p, len) < 0)
		abort();        /* no cap: cannot happen */
}

/* Text: as it is, but for a "]]>" outside any CDATA section, which XML
 * forbids there and libxml2's recovery answers by dropping the text
 * before it ("if (doses[i]]> 3)"): its '>' written as a reference. */
static void put_text(struct repair *r, const char *p, size_t len)
{
	const char *q;

	while ((q = memmem(p, len, "]]>", 3)) != NULL) {
		put(r, p, (size_t)(q - p) + 2);
		put(r, "&gt;", 4);
		len -= (size_t)(q - p) + 3;
		p = q + 3;
	}
	put(r, p, len);
}

static bool space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static bool name_end(char ch)
{
	return space(ch) || ch == '>' || ch == '/' || ch == '<' || ch == '=';
}

static bool tag_start(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		ch == '_' || ch == ':' || ch >= 0x80;
}

/* HTML's empty elements as unescaped markup in feeds writes them: <br>.
 * link and source are feed elements with content, so not among them. */
static bool html_void(const char *name, size_t len)
{
	static const char *const names[] = {
		"br", "hr", "img", "wbr", "area", "col", "embed", "input",
		"param", "meta", "basefont",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == len &&
		    strncasecmp(name, names[i], len) == 0)
			return true;
	return false;
}

/* The end of the comment, PI or declaration at s[i] ("<!" or "<?"). */
static size_t special_end(const struct repair *r, size_t i)
{
	const char *s = r->s, *e;
	size_t n = r->n, j;
	int bracket = 0;
	char q = 0;

	if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
		e = memmem(s + i + 4, n - i - 4, "-->", 3);
		return e ? (size_t)(e - s) + 3 : n;
	}
	if (s[i + 1] == '?') {
		e = memmem(s + i + 2, n - i - 2, "?>", 2);
		return e ? (size_t)(e - s) + 2 : n;
	}
	for (j = i + 2; j < n; j++) {   /* <!DOCTYPE ... [ ... ]> */
		if (q) {
			if (s[j] == q)
				q = 0;
		} else if (s[j] == '"' || s[j] == '\'') {
			q = s[j];
		} else if (s[j] == '[') {
			bracket++;
		} else if (s[j] == ']') {
			bracket--;
		} else if (s[j] == '>' && bracket <= 0) {
			return j + 1;
		}
	}
	return n;
}

/* Closes the open elements from the innermost to the k-th (from 1). */
static void close_to(struct repair *r, unsigned k)
{
	while (r->depth >= k) {
		struct open_el *o = &r->stack[--r->depth];

		put(r, "</", 2);
		put(r, o->name, o->len);
		put(r, ">", 1);
	}
}

/* Whether b[0, lb) is a[0, la) misspelt: both three letters or more, one
 * letter left out, added, changed, or two side by side swapped (letter
 * case aside). */
static bool misspelt(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i = 0, j;

	if (la < 3 || lb < 3 || (la > lb ? la - lb : lb - la) > 1)
		return false;
	while (i < la && i < lb && tolower((unsigned char)a[i]) ==
	       tolower((unsigned char)b[i]))
		i++;
	if (la != lb) {         /* one left out or added at i */
		const char *lg = la > lb ? a : b, *sh = la > lb ? b : a;
		size_t ls = la > lb ? lb : la;

		return strncasecmp(lg + i + 1, sh + i, ls - i) == 0;
	}
	if (i == la)
		return false;   /* the same name */
	j = i + 1;              /* changed at i, or i and i+1 swapped */
	if (strncasecmp(a + j, b + j, la - j) == 0)
		return true;
	return j < la && tolower((unsigned char)a[i]) ==
		tolower((unsigned char)b[j]) &&
		tolower((unsigned char)a[j]) ==
		tolower((unsigned char)b[i]) &&
		strncasecmp(a + j + 1, b + j + 1, la - j - 1) == 0;
}

/* An end tag at s[i]: closes the elements left open inside the one it
 * names; names none, it is dropped, but for the innermost element's name
 * misspelt, which closes that.  Returns where text goes on. */
static size_t end_tag(struct repair *r, size_t i)
{
	const char *s = r->s, *name = s + i + 2;
	size_t len = 0, end;
	unsigned k;

	while (i + 2 + len < r->n && !name_end(name[len]))
		len++;
	/* "</title<link>": the '>' left out ends it before the next tag */
	for (end = i + 2 + len; end < r->n && s[end] != '>' && s[end] != '<';
	     end++)
		;
	end += end < r->n && s[end] == '>';
	if (len == 0)
		return end;     /* "</>" */
	if (r->overflow > 0) {
		r->overflow--;
		put(r, s + i, end - i);
		return end;
	}
	for (k = r->depth; k > 0; k--)
		if (r->stack[k - 1].len == len &&
		    memcmp(r->stack[k - 1].name, name, len) == 0)
			break;
	for (k = k ? k : r->depth; k > 0; k--)
		if (r->stack[k - 1].len == len &&
		    strncasecmp(r->stack[k - 1].name, name, len) == 0)
			break;
	if (k == 0 && r->depth > 0 &&
	    misspelt(r->stack[r->depth - 1].name, r->stack[r->depth - 1].len,
		     name, len))
		k = r->depth;
	if (k == 0)
		return end;     /* names no open element: dropped */
	close_to(r, k);
	return end;
}

/* One attribute at s[i] (not space, not '>' or '/'): written as
 * name="value".  Returns where the tag goes on. */
static size_t attribute(struct repair *r, size_t i)
{
	const char *s = r->s;
	size_t n = r->n, j = i, v;
	char q;

	while (j < n && !name_end(s[j]))
		j++;
	if (j == i)             /* a stray '=' */
		return i + 1;
	put(r, " ", 1);
	put(r, s + i, j - i);
	for (v = j; v < n && space(s[v]); v++)
		;
	if (v >= n || s[v] != '=') {
		put(r, "=\"", 2);
		put(r, s + i, j - i);
		put(r, "\"", 1);
		return j;
	}
	for (v++; v < n && space(s[v]); v++)
		;
	put(r, "=\"", 2);
	q = v < n && (s[v] == '"' || s[v] == '\'') ? s[v++] : 0;
	for (; v < n && (q ? s[v] != q : !space(s[v]) && s[v] != '>'); v++) {
		if (s[v] == '<')
			put(r, "&#60;", 5);
		else if (s[v] == '"')
			put(r, "&#34;", 5);
		else
			put(r, s + v, 1);
	}
	put(r, "\"", 1);
	return q && v < n ? v + 1 : v;
}

/* An entry's element (RSS <item>, Atom <entry>, prefixed or not), which
 * never holds another. */
static bool entry_name(const char *name, size_t len)
{
	const char *colon = memchr(name, ':', len);

	if (colon) {
		len -= (size_t)(colon + 1 - name);
		name = colon + 1;
	}
	return (len == 4 && strncasecmp(name, "item", 4) == 0) ||
		(len == 5 && strncasecmp(name, "entry", 5) == 0);
}

/* A new entry while one of the same name is open: that one was never
 * closed (<item>...<item>), and is closed here with all it holds, or
 * every later entry would be read as inside it and lost. */
static void close_entry(struct repair *r, const char *name, size_t len)
{
	unsigned k;

	if (!entry_name(name, len) || r->overflow > 0)
		return;
	for (k = r->depth; k > 0; k--)
		if (r->stack[k - 1].len == len &&
		    strncasecmp(r->stack[k - 1].name, name, len) == 0)
			break;
	if (k > 0)
		close_to(r, k);
}

/* Whether s[i, j) can be an XML name (an attribute's): not the mark a
 * CDATA section read apart left (U+FDD0, parse_enc.c), which is none. */
static bool xml_name(const char *s, size_t i, size_t j)
{
	unsigned char c = (unsigned char)s[i];

	if (!tag_start(c) || memmem(s + i, j - i, PE_MARK, 3) != NULL)
		return false;
	for (i++; i < j; i++) {
		c = (unsigned char)s[i];
		if (!tag_start(c) && !(c >= '0' && c <= '9') && c != '-' &&
		    c != '.')
			return false;
	}
	return true;
}

/* Whether the start tag at s[i] holds only words that can be attribute
 * names: "a<b 4 mmol/L" in a title is no tag but text, and written as
 * one it would take the fields after it into itself. */
static bool names_ok(const struct repair *r, size_t i)
{
	const char *s = r->s;
	size_t n = r->n, j = i + 1, k;
	char q;

	while (j < n && !name_end(s[j]))
		j++;
	while (j < n && s[j] != '>' && s[j] != '<') {
		if (space(s[j]) || s[j] == '/') {
			j++;
			continue;
		}
		for (k = j; k < n && !name_end(s[k]); k++)
			;
		if (k == j) {           /* a stray '=' */
			j++;
			continue;
		}
		if (!xml_name(s, j, k))
			return false;
		for (j = k; j < n && space(s[j]); j++)
			;
		if (j >= n || s[j] != '=')
			continue;
		for (j++; j < n && space(s[j]); j++)
			;
		q = j < n && (s[j] == '"' || s[j] == '\'') ? s[j++] : 0;
		while (j < n && (q ? s[j] != q : !space(s[j]) && s[j] != '>'))
			j++;
		j += q && j < n;
	}
	/* "a<b in the ward</description>": no '>' before the next tag,
	 * so no tag but text (written as one, it lost every word); a tag
	 * the document ends inside was one, cut short */
	return j >= n || s[j] == '>';
}

/* Whether the element named name (len bytes) is one the feed formats
 * keep empty, everything said in attributes: its tag may end with an
 * unquoted value's '/' taken for an empty element's ("<link
 * href=http://host/page/>", "<category term=x label=LOINC/>"); in HTML
 * that '/' is the value's and the element goes on ("<a
 * href=http://host/>the page</a>"). */
static bool empty_element(const char *name, size_t len)
{
	static const char *const any[] = {
		"link", "enclosure", "in-reply-to", "thumbnail", "category",
		"player",
	};
	/* only as a module's (media:content, itunes:image ...) */
	static const char *const prefixed[] = {
		"content", "image", "images",
	};
	const char *colon = memchr(name, ':', len);
	size_t i;

	if (colon) {
		len -= (size_t)(colon + 1 - name);
		name = colon + 1;
	}
	for (i = 0; i < sizeof(any) / sizeof(any[0]); i++)
		if (strlen(any[i]) == len && strncasecmp(name, any[i], len) == 0)
			return true;
	for (i = 0; colon && i < sizeof(prefixed) / sizeof(prefixed[0]); i++)
		if (strlen(prefixed[i]) == len &&
		    strncasecmp(name, prefixed[i], len) == 0)
			return true;
	return false;
}

/* A start tag at s[i]. */
static size_t start_tag(struct repair *r, size_t i)
{
	const char *s = r->s, *name = s + i + 1;
	size_t n = r->n, len = 0, j;
	bool empty = false;

	while (i + 1 + len < n && !name_end(name[len]))
		len++;
	if (!names_ok(r, i)) {
		put(r, "&#60;", 5);     /* text, not a tag */
		return i + 1;
	}
	close_entry(r, name, len);
	put(r, s + i, len + 1);
	for (j = i + 1 + len; j < n && s[j] != '>' && s[j] != '<';) {
		if (space(s[j]) || s[j] == '/') {
			empty = s[j] == '/';
			j++;
			continue;
		}
		j = attribute(r, j);
		/* an unquoted value that ends the tag with its '/' */
		empty = j < n && s[j] == '>' && s[j - 1] == '/' &&
			empty_element(name, len);
	}
	if (html_void(name, len))
		empty = true;
	put(r, empty ? "/>" : ">", empty ? 2 : 1);
	if (!empty && r->depth < REPAIR_STACK) {
		r->stack[r->depth].name = name;
		r->stack[r->depth++].len = len;
	} else if (!empty) {
		r->overflow++;
	}
	return j < n && s[j] == '>' ? j + 1 : j;
}

void pr_repair(const char *s, size_t n, struct rounds_buf *out)
{
	struct repair *r = xcalloc(1, sizeof(*r));
	size_t i = 0, lt, open_comment = n;     /* no "-->" after this */
	const char *p;

	r->s = s;
	r->n = n;
	r->out = out;
	while (i < n) {
		p = memchr(s + i, '<', n - i);
		lt = p ? (size_t)(p - s) : n;
		put_text(r, s + i, lt - i);
		if (lt + 1 >= n) {
			if (lt < n)
				put(r, "&#60;", 5);
			break;
		}
		if (n - lt >= 4 && memcmp(s + lt, "<!--", 4) == 0 &&
		    (lt >= open_comment ||
		     memmem(s + lt + 4, n - lt - 4, "-->", 3) == NULL)) {
			put(r, "&#60;", 5);     /* a comment never closed */
			i = lt + 1;             /* hides no tag after it */
			open_comment = lt;      /* nor does any later one */
		} else if (s[lt + 1] == '!' || s[lt + 1] == '?') {
			i = special_end(r, lt);
			/* a comment goes: it holds nothing a feed says, and
			 * its "--" would be as many errors again */
			if (!(n - lt >= 4 && memcmp(s + lt, "<!--", 4) == 0))
				put(r, s + lt, i - lt);
		} else if (s[lt + 1] == '/') {
			i = end_tag(r, lt);
		} else if (tag_start((unsigned char)s[lt + 1])) {
			i = start_tag(r, lt);
		} else {
			put(r, "&#60;", 5);
			i = lt + 1;
		}
	}
	free(r);
}
