/* html_bogus.c: markup that is not a tag, made so that no parser can
 * swallow text with it.
 *
 * HTML reads "<!x>", "</ x>", "</3>", "<?php ... >" and a "<!DOCTYPE ...>"
 * inside content as comments that end at the first '>', "<!-->" as an
 * empty comment, and a '<' that starts none of these as text.  libxml2's
 * HTML parser reads some of them its own way: "<!-->" and a "<!DOCTYPE"
 * with no '>' before the next tag swallow what follows, "<!x>" and "</ x>"
 * come out as text.  This pass, run on the prepared fragment before either
 * parser sees it (so the fast and the slow path read the same bytes):
 *  - removes a bogus comment that ends ('>') before the next '<';
 *  - writes a '<' that starts no tag, no comment and no complete bogus
 *    comment as "&lt;", text;
 *  - replaces a CDATA section, which HTML content does not have, by its
 *    text, escaped;
 *  - writes the text of a textarea, title, xmp or plaintext the way HTML
 *    shows it: as text, markup and all;
 *  - closes the start tag of a void element written the HTML way
 *    ("<br>", "<img src=...>" become "<br />", "<img src=... />"), which
 *    both parsers read alike, so that the fast XML path can take the
 *    fragment (until the first element whose content HTML reads as raw
 *    text, script, style, textarea ...: after it nothing is touched);
 *  - leaves other real tags (quoted attribute values may hold '<' and
 *    '>'), comments (an unterminated one still runs to the end, as in
 *    HTML) and everything else alone.
 * Nothing is copied when nothing needs it. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rounds/buf.h"
#include "rounds/html.h"
#include "html_int.h"

struct fix {
	const char *in;
	size_t n;
	size_t done;            /* in[0..done) is written to out */
	struct rounds_buf out;
	bool copying;           /* out holds the text so far */
	bool raw;               /* past a raw-text element's start tag */
	unsigned tables;        /* <table> start tags not yet ended */
	size_t no_cdata_end;    /* no "]]>" from here on (0: not known) */
	struct html_open open;  /* the elements open here (html_open.c) */
	bool in_head;           /* after a <head> tag, before the body's */
};

static bool letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Writes in[done..at) and then rep (len bytes) in place of in[at..to). */
static void replace(struct fix *f, size_t at, size_t to, const char *rep,
		    size_t len)
{
	if (!f->copying) {
		/* about the input's length: one allocation, with room for
		 * what html_sink_parse() adds after it */
		rounds_buf_init(&f->out, 0);
		if (rounds_buf_reserve(&f->out, f->n + f->n / 16 + 64) < 0)
			abort();
		f->copying = true;
	}
	/* never behind what is written (two changes to one tag must come
	 * in order; were they not, the later one starts where it can) */
	if (at < f->done)
		at = f->done;
	if (to < at)
		to = at;
	if (rounds_buf_append(&f->out, f->in + f->done, at - f->done) < 0 ||
	    rounds_buf_append(&f->out, rep, len) < 0)
		abort();        /* no cap: never */
	f->done = to;
}

/* What follows a closing quote at in[i - 1] in a tag: white space, '>'
 * or '/', or the next attribute written without a space before it
 * ('"age>65"title="..."': a name and '='), where a value ends; a quote in
 * text is followed by more text, or ends it. */
static bool closes_tag(const struct fix *f, size_t i)
{
	size_t k;

	if (i >= f->n)
		return false;
	if (f->in[i] == ' ' || f->in[i] == '\t' || f->in[i] == '\n' ||
	    f->in[i] == '\r' || f->in[i] == '>' || f->in[i] == '/')
		return true;
	for (k = i; k < f->n && k - i < 32 &&
	     (((f->in[k] | 0x20) >= 'a' && (f->in[k] | 0x20) <= 'z') ||
	      (k > i && ((f->in[k] >= '0' && f->in[k] <= '9') ||
			 f->in[k] == '-' || f->in[k] == '_' ||
			 f->in[k] == ':'))); k++)
		;
	return k > i && k < f->n && f->in[k] == '=' && k + 1 < f->n &&
	       (f->in[k + 1] == '"' || f->in[k + 1] == '\'');
}

/* The end of the tag starting at in[i] ('<' then a letter, or "</" then a
 * letter): after its '>', skipping quoted attribute values.  A value with
 * a '>' whose quote is never closed, or closed by a quote that is not
 * followed by what ends a value (white space, '>' or '/': so a quote in
 * the text after it), is taken to end at that '>', as feed readers do:
 * *unclosed is then where the quote (*quote) belongs, else 0. */
static size_t tag_end(const struct fix *f, size_t i, bool *closed,
		      size_t *unclosed, char *quote)
{
	const char *in = f->in, *q, *g;
	size_t start = i, k;
	char c = 0;

	*closed = false;
	*unclosed = 0;
	for (i++; i < f->n; i++) {
		while (i < f->n && (c = in[i]) != '>' && c != '"' && c != '\'')
			i++;
		if (i >= f->n)
			break;
		if (c == '>') {
			*closed = true;
			return i + 1;
		}
		/* a quote opens a value only after '=' (white space between) */
		for (k = i; k > start + 1 && (in[k - 1] == ' ' ||
					      in[k - 1] == '\t' ||
					      in[k - 1] == '\n'); k--)
			;
		if (in[k - 1] != '=')
			continue;
		q = memchr(in + i + 1, c, f->n - i - 1);
		g = memchr(in + i + 1, '>', (q ? (size_t)(q - in) : f->n) - i - 1);
		if (g && (q == NULL || !closes_tag(f, (size_t)(q - in) + 1))) {
			*unclosed = (size_t)(g - in);
			*quote = c;
			*closed = true;
			return *unclosed + 1;
		}
		if (q == NULL)
			break;
		i = (size_t)(q - in);
	}
	return f->n;
}

/* The name of the tag at in[i] ('<' then a letter; for an end tag, i is
 * its '/'), in small letters, in name (cap bytes); empty when it is
 * longer or not all letters and digits (a custom element such as img-x
 * is no img). */
static void tag_name(const struct fix *f, size_t i, char *name, size_t cap)
{
	size_t k = 0;

	for (i++; i < f->n && k + 1 < cap && (letter(f->in[i]) ||
		(k > 0 && f->in[i] >= '0' && f->in[i] <= '9')); i++)
		name[k++] = (char)(f->in[i] | 0x20);
	if (i < f->n && f->in[i] != ' ' && f->in[i] != '\t' &&
	    f->in[i] != '\n' && f->in[i] != '\r' && f->in[i] != '\f' &&
	    f->in[i] != '/' && f->in[i] != '>')
		k = 0;          /* longer, or not all letters (img-x) */
	name[k] = '\0';
}

enum tag_kind { T_OTHER, T_VOID, T_RAW };

/* Whether a tag name is a void element's (no content, no end tag) or a
 * raw-text element's (HTML reads its content as text or not at all). */
static enum tag_kind kind(const char *n)
{
#define IS(word) (strcmp(n, word) == 0)
	switch (n[0]) {
	case 'a': return IS("area") ? T_VOID : T_OTHER;
	case 'b': return IS("br") || IS("base") ? T_VOID : T_OTHER;
	case 'c': return IS("col") ? T_VOID : T_OTHER;
	case 'e': return IS("embed") ? T_VOID : T_OTHER;
	case 'h': return IS("hr") ? T_VOID : T_OTHER;
	case 'i': return IS("img") || IS("input") ? T_VOID :
		IS("iframe") ? T_RAW : T_OTHER;
	case 'k': return IS("keygen") ? T_VOID : T_OTHER;
	case 'l': return IS("link") ? T_VOID : T_OTHER;
	case 'm': return IS("meta") ? T_VOID : T_OTHER;
	case 'n': return IS("noembed") || IS("noframes") || IS("noscript") ?
		T_RAW : T_OTHER;
	case 'p': return IS("param") ? T_VOID : IS("plaintext") ? T_RAW :
		T_OTHER;
	case 's': return IS("source") ? T_VOID :
		IS("script") || IS("style") ? T_RAW : T_OTHER;
	case 't': return IS("track") ? T_VOID : IS("textarea") ||
		IS("title") || IS("template") ? T_RAW : T_OTHER;
	case 'w': return IS("wbr") ? T_VOID : T_OTHER;
	case 'x': return IS("xmp") ? T_RAW : T_OTHER;
	default: return T_OTHER;
	}
#undef IS
}

bool rounds_html_raw_text(const char *p, const char *end)
{
	char name[12];
	size_t k = 0;

	for (; p < end && letter(*p); p++) {
		if (k + 1 == sizeof(name))
			return false;           /* longer than any of them */
		name[k++] = (char)(*p | 0x20);
	}
	if (k == 0 || (p < end && *p >= '0' && *p <= '9'))
		return false;
	name[k] = '\0';
	return kind(name) == T_RAW;
}

/* Whether in[i] starts the end tag of name (len letters, any case). */
static bool end_tag_at(const struct fix *f, size_t i, const char *name,
		       size_t len)
{
	char c;

	if (i + 2 + len > f->n || f->in[i] != '<' || f->in[i + 1] != '/' ||
	    strncasecmp(f->in + i + 2, name, len) != 0)
		return false;
	if (i + 2 + len == f->n)
		return true;
	c = f->in[i + 2 + len];
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' ||
	       c == '\r' || c == '\f';
}

/* The text of a textarea, title, xmp or plaintext from in[from] up to its
 * end tag (a plaintext has none): HTML shows it as written, markup and
 * all ("<textarea><script>..." is a code sample), which libxml2's HTML
 * parser does not know; so each '<' in it is written "&lt;", and in xmp
 * and plaintext, where references are not read either, each '&' "&amp;".
 * Returns where its end tag starts. */
static size_t literal(struct fix *f, size_t from, const char *name)
{
	bool plain = strcmp(name, "plaintext") == 0;
	bool amp = plain || strcmp(name, "xmp") == 0;
	size_t len = strlen(name), i;

	for (i = from; i < f->n && (plain || !end_tag_at(f, i, name, len));
	     i++) {
		if (f->in[i] == '<')
			replace(f, i, i + 1, "&lt;", 4);
		else if (amp && f->in[i] == '&')
			replace(f, i, i + 1, "&amp;", 5);
	}
	return i;
}

/* Whether a tag's name (tag_name()'s) is that of an element whose text
 * HTML shows as it is written, markup and all. */
static bool literal_kind(const char *name)
{
	switch (name[0]) {
	case 't': return strcmp(name, "textarea") == 0 ||
		strcmp(name, "title") == 0;
	case 'x': return strcmp(name, "xmp") == 0;
	case 'p': return strcmp(name, "plaintext") == 0;
	default: return false;
	}
}

/* A start tag at in[i]: a void element's is closed ("/>") when it is not;
 * returns where to go on. */
/* The parts of a table HTML ignores outside one. */
static bool table_part(const char *n)
{
	static const char *const parts[] = {
		"td", "th", "tr", "tbody", "thead", "tfoot", "caption", "col",
		"colgroup",
	};
	size_t i;

	if (n[0] != 't' && n[0] != 'c')
		return false;           /* the quick answer */
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (strcmp(n, parts[i]) == 0)
			return true;
	return false;
}

/* Whether the end tag at in[i] is a table part's. */
static bool stray_part_end(const struct fix *f, size_t i)
{
	char name[12];
	size_t k = 0, j;

	for (j = i + 2; j < f->n && k + 1 < sizeof(name) && letter(f->in[j]);
	     j++)
		name[k++] = (char)(f->in[j] | 0x20);
	name[k] = '\0';
	return (j == f->n || !letter(f->in[j])) && table_part(name);
}

/* Whether a tag's name is a script's or a style's, whose body is code,
 * never shown. */
static bool code_kind(const char *name)
{
	return name[0] == 's' && (strcmp(name, "script") == 0 ||
				  strcmp(name, "style") == 0);
}

/* The body of a script or style from in[i] (after its start tag) goes:
 * it ends where HTML ends it, at the first "</script" ("</style"), not
 * at the first end tag of any element ("</p>" in a string), which
 * libxml2's HTML parser takes for the end and then shows the rest of
 * the code as text; in a script whose body opens an HTML comment, a
 * "<script>...</script>" inside the comment does not end it.  What
 * follows is read as any markup is.  Returns where to go on: the end
 * tag, or the end of the input when there is none. */
static size_t code(struct fix *f, size_t i, const char *name)
{
	size_t len = strlen(name), j = i, from = i;
	const char *open, *close;

	if (strcmp(name, "script") == 0) {
		while (from < f->n && (f->in[from] == ' ' ||
				       f->in[from] == '\n' ||
				       f->in[from] == '\t' ||
				       f->in[from] == '\r'))
			from++;
		if (f->n - from >= 4 && memcmp(f->in + from, "<!--", 4) == 0 &&
		    (close = memmem(f->in + from, f->n - from, "-->", 3)) !=
		    NULL &&
		    ((open = memmem(f->in + from, (size_t)(close - f->in) -
				    from, "<script", 7)) != NULL ||
		     (open = memmem(f->in + from, (size_t)(close - f->in) -
				    from, "<SCRIPT", 7)) != NULL))
			j = (size_t)(close - f->in) + 3;
	}
	for (; j < f->n; j++)
		if (f->in[j] == '<' && end_tag_at(f, j, name, len))
			break;
	if (j > i)
		replace(f, i, j, "", 0);
	return j;
}

/* A whole page pasted into an item: its <html>, <head> and <body> tags
 * (the fragment is read as a body's content already) go, and so does
 * the head's title, which a page does not show; the head's other
 * elements go as they would anywhere (meta, link, style, script).
 * libxml2 put what follows a <head> into it, and the sanitiser drops
 * a head with all it holds: the whole text could go with it.  True when
 * the tag at in[i, e) was such a tag. */
static bool page_tag(struct fix *f, size_t i, size_t e, const char *name)
{
	static const char *const in_head[] = {
		"meta", "link", "style", "script", "base", "noscript",
		"title", NULL,
	};
	size_t k;

	if (name[0] != 'h' && name[0] != 'b') {         /* the quick answer */
		if (!f->in_head)
			return false;
	} else if (strcmp(name, "head") == 0) {
		f->in_head = true;
		replace(f, i, e, "", 0);
		return true;
	}
	if (strcmp(name, "html") != 0 &&
	    !(strcmp(name, "body") == 0 && i > 0)) {
		for (k = 0; f->in_head && in_head[k] &&
		     strcmp(name, in_head[k]) != 0; k++)
			;
		if (f->in_head && in_head[k] == NULL)
			f->in_head = false;     /* the body's content */
		return false;
	}
	if (strcmp(name, "body") == 0)
		f->in_head = false;
	replace(f, i, e, "", 0);
	return true;
}

/* The <title> of a pasted page's head, from in[i] (its start tag ends at
 * e): it goes, with its end tag. */
static size_t head_title(struct fix *f, size_t i, size_t e)
{
	size_t j;

	for (j = e; j < f->n && !end_tag_at(f, j, "title", 5); j++)
		;
	if (j < f->n)
		while (j < f->n && f->in[j++] != '>')
			;
	replace(f, i, j, "", 0);
	return j;
}

/* Whether the start tag in[i, e) ends with "/>" that is no part of an
 * unquoted value: "<x/>", "<x a=\"1\"/>", but not "<a href=http://h/>",
 * whose '/' is the address's (HTML keeps that element open). */
static bool self_closed(const struct fix *f, size_t i, size_t e)
{
	size_t j;

	if (e < i + 3 || f->in[e - 2] != '/')
		return false;
	for (j = e - 3; j > i; j--) {
		char c = f->in[j];

		if (c == '"' || c == '\'' || c == ' ' || c == '\t' ||
		    c == '\n' || c == '\r' || c == '\f')
			return true;    /* after a quoted value or a name */
		if (c == '=')
			return false;   /* the end of an unquoted value */
	}
	return true;                    /* "<x/>" */
}

/* Whether the start tag at in[i], which the input ends inside, was one:
 * a name alone ("<i"), or one with an attribute's value begun
 * ("<img src=\"https://host/ch", "<a href=").  Words after a '<' and a
 * letter, with no '=' among them, were text. */
static bool cut_tag(const struct fix *f, size_t i)
{
	size_t j;

	for (j = i + 1; j < f->n; j++)
		if (f->in[j] == '=')
			return true;
	for (j = i + 1; j < f->n; j++)
		if (f->in[j] == ' ' || f->in[j] == '\n' || f->in[j] == '\t' ||
		    f->in[j] == '\r' || f->in[j] == '\f')
			return false;
	return true;
}

static size_t start_tag(struct fix *f, size_t i)
{
	char name[12], quote = '"';
	bool closed, lit;
	size_t unclosed, e = tag_end(f, i, &closed, &unclosed, &quote);
	enum tag_kind k;

	/* (what replaces the whole tag comes before the quote put in an
	 * unclosed value, which writes the tag up to it) */
	if (f->raw) {
		if (unclosed > 0)
			replace(f, unclosed, unclosed, &quote, 1);
		return e;
	}
	if (!closed && cut_tag(f, i)) {
		/* the input ends inside the tag (a summary cut at a fixed
		 * length: "<img src=\"https://host/ch"): HTML drops it */
		replace(f, i, f->n, "", 0);
		return f->n;
	}
	if (!closed) {
		/* "where a<b in the table get a call.": words, no tag; as
		 * one, every word after it would go.  With no '>' after it
		 * at all, no '<' after it starts a tag either: all text. */
		size_t j;

		if (memchr(f->in + i, '>', f->n - i) != NULL) {
			replace(f, i, i + 1, "&lt;", 4);
			return i + 1;
		}
		for (j = i; j < f->n; j++)
			if (f->in[j] == '<')
				replace(f, j, j + 1, "&lt;", 4);
		return f->n;
	}
	tag_name(f, i, name, sizeof(name));
	lit = literal_kind(name);
	if (lit && f->in_head && strcmp(name, "title") == 0)
		return head_title(f, i, e);
	if (page_tag(f, i, e, name))
		return e;
	if (unclosed > 0)
		replace(f, unclosed, unclosed, &quote, 1);
	if (lit) {
		html_open_start(&f->open, name);
		return literal(f, e, name);
	}
	if (code_kind(name)) {
		html_open_start(&f->open, name);
		return code(f, e, name);
	}
	if (strcmp(name, "table") == 0)
		f->tables++;
	else if (f->tables == 0 && table_part(name)) {
		/* a cell or row outside any table: HTML ignores it, and
		 * libxml2 would let no </div> or </p> end while it is open
		 * (the text after it moved into the block): closed at once,
		 * it still keeps the words around it apart */
		replace(f, e, e, "</", 2);
		replace(f, e, e, name, strlen(name));
		replace(f, e, e, ">", 1);
		return e;
	}
	k = kind(name);
	if (k == T_RAW)
		f->raw = true;
	else if (k == T_VOID && closed && f->in[e - 2] != '/')
		replace(f, e - 1, e - 1, " /", 2);
	else if (k == T_OTHER && !self_closed(f, i, e))
		html_open_start(&f->open, name);  /* "<x/>": libxml2 ends it */
	return e;
}

/* A bogus comment from in[i]: removed when its '>' comes before the next
 * '<', else its '<' is text.  Returns where to go on. */
static size_t bogus(struct fix *f, size_t i)
{
	size_t k;

	for (k = i + 1; k < f->n && f->in[k] != '<'; k++)
		if (f->in[k] == '>') {
			replace(f, i, k + 1, "", 0);
			return k + 1;
		}
	replace(f, i, i + 1, "&lt;", 4);
	return i + 1;
}

/* A CDATA section at in[i]: its text, escaped.  Unterminated: bogus. */
static size_t cdata(struct fix *f, size_t i)
{
	const char *s = f->in + i + 9, *end = f->in + f->n;
	const char *e = NULL;
	struct rounds_buf t;

	/* once none was found, none is after: one search, not one per
	 * "<![CDATA[" (which made a run of them quadratic) */
	if (f->no_cdata_end == 0 || i + 9 < f->no_cdata_end)
		e = memmem(s, (size_t)(end - s), "]]>", 3);
	if (e == NULL) {
		if (f->no_cdata_end == 0 || i + 9 < f->no_cdata_end)
			f->no_cdata_end = i + 9;
		return bogus(f, i);
	}
	rounds_buf_init(&t, 0);
	for (; s < e; s++) {
		int r = *s == '<' ? rounds_buf_puts(&t, "&lt;") :
			*s == '&' ? rounds_buf_puts(&t, "&amp;") :
			rounds_buf_putc(&t, *s);

		if (r < 0)
			abort();
	}
	replace(f, i, (size_t)(e + 3 - f->in), rounds_buf_str(&t), t.len);
	rounds_buf_release(&t);
	return (size_t)(e + 3 - f->in);
}

/* A comment at in[i] ("<!--"): past its end; the empty "<!-->" and
 * "<!--->" removed; unterminated, the rest (HTML reads it all as the
 * comment, and so do the parsers). */
static size_t comment(struct fix *f, size_t i)
{
	const char *s = f->in + i + 4, *end = f->in + f->n, *e;

	if (s < end && *s == '>') {
		replace(f, i, i + 5, "", 0);
		return i + 5;
	}
	if (s + 1 < end && s[0] == '-' && s[1] == '>') {
		replace(f, i, i + 6, "", 0);
		return i + 6;
	}
	for (e = s; e + 3 <= end; e++) {
		if (memcmp(e, "-->", 3) == 0)
			return (size_t)(e + 3 - f->in);
		if (e + 4 <= end && memcmp(e, "--!>", 4) == 0)
			return (size_t)(e + 4 - f->in);     /* HTML ends it too */
	}
	return f->n;
}

/* What the '<' at in[i] starts; returns where to go on. */
/* The end tag in[i, e) written as HTML reads it (html_open.c); true when
 * it stays as written (what it ends on the way written before it): a stray
 * </p> a break between words (HTML's empty paragraph), </br> a line
 * break, an end tag of another
 * heading level the open heading's, </body>, </html> and an end tag
 * that names no open element nothing. */
static bool end_as_html(struct fix *f, size_t i, size_t e)
{
	char name[HTML_OPEN_NAME], as[HTML_OPEN_NAME];
	struct rounds_buf ends;
	enum html_end how;

	tag_name(f, i + 1, name, sizeof(name));
	if (strcmp(name, "head") == 0) {        /* see page_tag() */
		f->in_head = false;
		replace(f, i, e, "", 0);
		return false;
	}
	rounds_buf_init(&ends, 0);
	how = html_open_end(&f->open, name, as, &ends);
	if (ends.len > 0)
		replace(f, i, i, rounds_buf_str(&ends), ends.len);
	rounds_buf_release(&ends);
	switch (how) {
	case HTML_END_KEEP:
		return true;
	case HTML_END_DROP:
		replace(f, i, e, "", 0);
		break;
	case HTML_END_P:
		/* HTML's empty paragraph, a break between the words around
		 * it; written as the empty cell that keeps words apart and
		 * writes nothing (start_tag), not as a <p></p> in the text */
		replace(f, i, e, "<td></td>", 9);
		break;
	case HTML_END_BR:
		replace(f, i, e, "<br />", 6);
		break;
	case HTML_END_AS:
		replace(f, i, e, "</", 2);
		replace(f, e, e, as, strlen(as));
		replace(f, e, e, ">", 1);
		break;
	}
	return false;
}

static size_t markup(struct fix *f, size_t i)
{
	const char *s = f->in + i;
	size_t left = f->n - i, unclosed, e;
	bool closed;
	char quote;

	if (left > 1 && letter(s[1]))
		return start_tag(f, i);
	if (left > 2 && s[1] == '/' && letter(s[2])) {
		if (f->tables > 0 && end_tag_at(f, i, "table", 5))
			f->tables--;
		e = tag_end(f, i, &closed, &unclosed, &quote);
		if (f->tables == 0 && closed && !f->raw &&
		    stray_part_end(f, i)) {
			/* as its start tag is (start_tag): the end of a cell
			 * outside any table, written as an empty one, keeps
			 * the words apart and ends nothing */
			replace(f, i, e, "<td></td>", 9);
			return e;
		}
		if (!closed && !f->raw) {
			replace(f, i, f->n, "", 0);     /* cut: as above */
			return e;
		}
		/* (before the quote put in an unclosed value, which writes
		 * the tag up to it) */
		if ((f->raw || end_as_html(f, i, e)) && unclosed > 0)
			replace(f, unclosed, unclosed, &quote, 1);
		return e;
	}
	if (left > 2 && s[1] == '/' && s[2] == '>') {
		replace(f, i, i + 3, "", 0);    /* "</>": nothing */
		return i + 3;
	}
	if (left > 3 && memcmp(s, "<!--", 4) == 0)
		return comment(f, i);
	if (left > 8 && memcmp(s, "<![CDATA[", 9) == 0)
		return cdata(f, i);
	if (left > 1 && (s[1] == '!' || s[1] == '?' || s[1] == '/'))
		return bogus(f, i);
	replace(f, i, i + 1, "&lt;", 4);        /* a '<' that is text */
	return i + 1;
}

char *html_unbogus(char *buf, size_t *n)
{
	struct fix f;
	const char *p;
	size_t i = 0;
	char *out;

	memset(&f, 0, sizeof(f));
	f.in = buf;
	f.n = *n;
	html_open_init(&f.open);
	while (i < f.n && (p = memchr(buf + i, '<', f.n - i)) != NULL)
		i = markup(&f, (size_t)(p - buf));
	html_open_free(&f.open);
	if (!f.copying)
		return buf;
	replace(&f, f.n, f.n, "", 0);
	if (rounds_buf_reserve(&f.out, 9) < 0)  /* the caller's "</body>" */
		abort();
	*n = f.out.len;
	out = rounds_buf_detach(&f.out);
	free(buf);
	return out;
}
