/* parse_field.c: turning source text into model fields: plain text, HTML
 * (sanitised), URLs (resolved), dates, counts, people, categories,
 * enclosures, replies, and the fallback entry id.  Each setter leaves the
 * field alone when the value is empty or bad. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>
#include "rounds/caps.h"
#include "rounds/date.h"
#include "rounds/html.h"
#include "rounds/safe.h"
#include "rounds/url.h"
#include "parse_int.h"

static bool space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static const char *trim(const char *s, size_t *len)
{
	size_t n = *len;

	while (n > 0 && space(*s))
		s++, n--;
	while (n > 0 && space(s[n - 1]))
		n--;
	*len = n;
	return s;
}

static void store(char **field, char *v)
{
	if (v == NULL || *v == '\0') {
		free(v);
		return;
	}
	free(*field);
	*field = v;
}

void px_set_text(char **field, const char *s, size_t len, bool replace)
{
	if (s == NULL || (*field && !replace))
		return;
	store(field, rounds_text_collapse(s, px_utf8_cut(s, len, ROUNDS_MAX_TITLE)));
}

/* Elements libxml2's table (HTML 4) does not know: HTML5's, and the old
 * ones browsers still render. */
static bool html5_name(const char *name)
{
	static const char *const names[] = {
		"article", "aside", "audio", "bdi", "blink", "canvas", "data",
		"datalist", "details", "dialog", "figcaption", "figure",
		"footer", "header", "hgroup", "main", "mark", "marquee",
		"math", "meter", "nav", "nobr", "output", "picture",
		"progress", "rp", "rt", "ruby", "search", "section", "slot",
		"source", "summary", "svg", "template", "time", "track",
		"video", "wbr",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* Whether the tag at q (after "<" or "</" and its name) is one: white
 * space or '/' then, up to its '>'; with attrs, whether it has an
 * attribute with a value. */
static bool tag_closes(const char *q, const char *end, bool *attrs)
{
	*attrs = false;
	if (q < end && strchr(" \t\r\n/>", *q) == NULL)
		return false;
	for (; q < end && *q != '<'; q++) {
		if (*q == '>')
			return true;
		if (*q == '=')
			*attrs = true;
	}
	return false;
}

/* True when s[0, len) holds markup that HTML knows, as its writer meant
 * it: a comment, an end tag of an HTML element ("</b>"), a start tag of
 * one with attributes ("<a href=...>"), or a line break or picture
 * ("<br>", "<wbr>", "<img src=...>").  A lone "<details>" or "<p>" in a
 * title is its writer naming the element, a character as every reader of
 * such a title takes it (and feedparser: HTML only with an end tag). */
bool px_has_html_markup(const char *s, size_t len)
{
	const char *p = s, *end = s + len, *q;
	char name[16];
	bool closing, attrs;
	size_t k;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		q = ++p;
		closing = q < end && *q == '/';
		if (closing)
			q++;
		else if (end - q >= 3 && memcmp(q, "!--", 3) == 0)
			return true;
		for (k = 0; q < end && k + 1 < sizeof(name) &&
		     (((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z') ||
		      (k > 0 && *q >= '0' && *q <= '9')); q++)
			name[k++] = (char)(*q | 0x20);
		name[k] = '\0';
		if (k == 0 || !tag_closes(q, end, &attrs) ||
		    (htmlTagLookup((const xmlChar *)name) == NULL &&
		     !html5_name(name)))
			continue;
		if (closing || attrs || strcmp(name, "br") == 0 ||
		    strcmp(name, "wbr") == 0)
			return true;
	}
	return false;
}

void px_lt_as_text(struct rounds_buf *b, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((s[i] == '<' ? rounds_buf_append(b, "&lt;", 4) :
		     rounds_buf_putc(b, s[i])) < 0)
			abort();
}

void px_set_html_text(char **field, const char *s, size_t len, bool replace,
		      enum px_markup how)
{
	struct rounds_buf b;

	if (s == NULL || (*field && !replace))
		return;
	len = px_utf8_cut(s, len, ROUNDS_MAX_TITLE);
	if (how == PX_HTML || memchr(s, '<', len) == NULL ||
	    px_has_html_markup(s, len)) {
		store(field, rounds_html_to_text(s, len));
		return;
	}
	rounds_buf_init(&b, 0);        /* every '<' is text: say so */
	px_lt_as_text(&b, s, len);
	store(field, rounds_html_to_text(rounds_buf_str(&b), b.len));
	rounds_buf_release(&b);
}

void px_set_html(char **field, const char *html, size_t len,
		 const char *base, bool replace)
{
	if (html == NULL || (*field && !replace))
		return;
	html = trim(html, &len);
	if (len == 0)
		return;
	store(field, rounds_html_sanitize(html, len, base));
}

/* The end of the blank line(s) at s[i] (a newline, then white space up
 * to another newline, and so on), or i when s[i] starts none. */
static size_t blank_lines(const char *s, size_t len, size_t i)
{
	size_t j, end = i, lines = 0;

	for (j = i; j < len && space(s[j]); j++)
		if (s[j] == '\n' && ++lines >= 2)
			end = j + 1;
	return lines >= 2 ? end : i;
}

/* Plain text as HTML: escaped, and a text with blank lines in it put in
 * paragraphs, one per run of lines (the way JSON Feed's content_text and
 * Atom's text constructs are written; single line breaks stay, HTML
 * flows them). */
void px_set_plain_as_html(char **field, const char *s, size_t len,
			  const char *base, bool replace)
{
	struct rounds_buf b;
	size_t i, from = 0, end;
	bool paras;
	int rc = 0;

	if (s == NULL || (*field && !replace))
		return;
	s = trim(s, &len);
	if (len == 0)
		return;
	paras = false;
	for (i = 0; i < len && !paras; i++)
		paras = s[i] == '\n' && blank_lines(s, len, i) > i;
	rounds_buf_init(&b, 0);
	if (paras)
		rc = rounds_buf_puts(&b, "<p>");
	for (i = 0; i < len && rc == 0; i++) {
		const char *rep = s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;" :
			s[i] == '&' ? "&amp;" : NULL;

		end = paras && s[i] == '\n' ? blank_lines(s, len, i) : i;
		if (end > i) {
			/* the paragraph's own trailing white space goes */
			size_t last = i;

			while (last > from && space(s[last - 1]))
				last--;
			rc = rounds_buf_append(&b, s + from, last - from);
			if (rc == 0)
				rc = rounds_buf_puts(&b, "</p><p>");
			while (end < len && space(s[end]))
				end++;
			from = end;
			i = end - 1;
			continue;
		}
		if (rep == NULL)
			continue;
		rc = rounds_buf_append(&b, s + from, i - from);
		if (rc == 0)
			rc = rounds_buf_puts(&b, rep);
		from = i + 1;
	}
	if (rc == 0)
		rc = rounds_buf_append(&b, s + from, len - from);
	if (rc == 0 && paras)
		rc = rounds_buf_puts(&b, "</p>");
	if (rc < 0)
		abort();
	store(field, rounds_buf_detach(&b));
}

void px_set_url(char **field, const char *ref, const char *base,
		bool replace)
{
	size_t len;
	char *r, *u;

	if (ref == NULL || (*field && !replace))
		return;
	len = strlen(ref);
	ref = trim(ref, &len);
	if (len == 0 || len > ROUNDS_MAX_URL)
		return;
	r = xstrndup(ref, len);
	/* refused here, a later source of the field may still fill it;
	 * parse_safe.c narrows mailto: and file: to where they belong */
	u = rounds_url_safe(base, r, ROUNDS_SAFE_MAILTO | ROUNDS_SAFE_FILE);
	free(r);
	if (u && strlen(u) > ROUNDS_MAX_URL) {
		free(u);
		return;
	}
	store(field, u);
}

void px_set_str(char **field, const char *s, size_t len, bool replace)
{
	if (s == NULL || (*field && !replace))
		return;
	s = trim(s, &len);
	if (len == 0)
		return;
	store(field, xstrndup(s, px_utf8_cut(s, len, ROUNDS_MAX_TITLE)));
}

void px_set_date_node(struct pctx *c, int64_t *t, bool *has,
		      const xmlNode *n, bool replace)
{
	const char *s;
	size_t len;
	char *v;

	if (*has && !replace)
		return;
	s = px_text(c, n, &len);
	if (s == NULL || len > 100)
		return;
	v = xstrndup(s, len);
	px_set_date(t, has, v, replace);
	free(v);
}

void px_set_date(int64_t *t, bool *has, const char *s, bool replace)
{
	char buf[128];
	size_t len;
	int64_t v;

	if (s == NULL || (*has && !replace))
		return;
	len = strlen(s);
	s = trim(s, &len);
	if (len == 0 || len >= sizeof(buf))
		return;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (rounds_date_parse(buf, &v)) {
		*t = v;
		*has = true;
	}
}

bool px_parse_count(const char *s, int64_t *out)
{
	size_t len, i;
	int64_t v = 0;

	if (s == NULL)
		return false;
	len = strlen(s);
	s = trim(s, &len);
	if (len == 0 || len > 24)
		return false;
	for (i = 0; i < len; i++) {
		/* a thousands separator between groups of three: "1,204" */
		if (i > 0 && s[i] == ',' && s[i - 1] != ',' &&
		    i + 4 <= len && strspn(s + i + 1, "0123456789") >= 3 &&
		    (i + 4 == len || s[i + 4] == ','))
			continue;
		if (s[i] < '0' || s[i] > '9' || v > INT64_MAX / 10 - 9)
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool looks_email(const char *s, size_t len)
{
	const char *at = memchr(s, '@', len);

	return at && at > s && at < s + len - 1 && !memchr(s, ' ', len);
}

/* s[0..len) as an address: "mailto:" and a mailto link's "?subject=..."
 * dropped. */
static void set_email(struct rounds_person *p, const char *s, size_t len)
{
	const char *q;

	s = trim(s, &len);
	if (len > 7 && strncasecmp(s, "mailto:", 7) == 0)
		s += 7, len -= 7;
	if ((q = memchr(s, '?', len)) != NULL)
		len = (size_t)(q - s);
	px_set_str(&p->email, s, len, true);
}

/* A name that only repeats the address ("a@host (a@host)") is none. */
static void drop_echo(struct rounds_person *p)
{
	if (p->name && p->email && strcasecmp(p->name, p->email) == 0) {
		free(p->name);
		p->name = NULL;
	}
}

void px_person_email(struct rounds_person *p, const char *s, size_t len)
{
	if (s == NULL || p->email != NULL)
		return;
	s = trim(s, &len);
	if (len > 7 && strncasecmp(s, "mailto:", 7) == 0)
		s += 7, len -= 7;
	if (looks_email(s, len))
		set_email(p, s, len);
}

/* "a (b)", "a <b>" or "a [b]": the part outside and the part inside. */
static bool split_pair(const char *s, size_t len, char open, char close,
		       size_t *outer, const char **in, size_t *in_len)
{
	const char *o;

	if (len < 3 || s[len - 1] != close)
		return false;
	o = memchr(s, open, len);
	if (o == NULL)
		return false;
	*outer = (size_t)(o - s);
	*in = o + 1;
	*in_len = len - *outer - 2;
	return true;
}

/* "(Name) mail@host": the name first, in brackets. */
static bool name_first(struct rounds_person *p, const char *s, size_t len)
{
	const char *close = s[0] == '(' ? memchr(s, ')', len) : NULL;
	const char *rest;
	size_t rlen;

	if (close == NULL)
		return false;
	rest = close + 1;
	rlen = len - (size_t)(rest - s);
	rest = trim(rest, &rlen);
	if (!looks_email(rest, rlen))
		return false;
	set_email(p, rest, rlen);
	px_set_text(&p->name, s + 1, (size_t)(close - s - 1), true);
	return true;
}

/* The forms px_person_from_rss reads. */
static void person_forms(struct rounds_person *p, const char *s, size_t len)
{
	const char *in;
	size_t out, in_len, olen;

	if (name_first(p, s, len))
		return;
	if (split_pair(s, len, '(', ')', &out, &in, &in_len) ||
	    split_pair(s, len, '<', '>', &out, &in, &in_len) ||
	    split_pair(s, len, '[', ']', &out, &in, &in_len)) {
		olen = out;
		(void)trim(s, &olen);
		if (looks_email(s, olen)) {
			set_email(p, s, olen);
			px_set_text(&p->name, in, in_len, true);
			return;
		}
		in = trim(in, &in_len);
		if (looks_email(in, in_len)) {
			set_email(p, in, in_len);
			/* RFC 5322's quoted display name: the quotes are
			 * syntax ("Ines Moura" <im@host>) */
			if (olen >= 2 && s[0] == '"' && s[olen - 1] == '"' &&
			    memchr(s + 1, '"', olen - 2) == NULL)
				px_set_text(&p->name, s + 1, olen - 2, true);
			else
				px_set_text(&p->name, s, out, true);
			return;
		}
	}
	if (looks_email(s, len)) {
		set_email(p, s, len);
		return;
	}
	px_set_text(&p->name, s, len, true);
}

/* "mail@host (Name)", "Name (mail@host)", "Name <mail@host>",
 * "Name [mail@host]", "(Name) mail@host", "mail@host", "Name". */
void px_person_from_rss(struct rounds_person *p, const char *s, size_t len)
{
	memset(p, 0, sizeof(*p));
	if (s == NULL)
		return;
	s = trim(s, &len);
	if (len == 0)
		return;
	person_forms(p, s, len);
	drop_echo(p);
}

static bool same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static bool same_ci(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

/* One person named twice: the same name or address (or web page, when
 * one of the two has no name: a page may be shared by several people),
 * and no field that says otherwise. */
static bool same_person(const struct rounds_person *q,
			const struct rounds_person *p)
{
	if (!(same(q->name, p->name) && q->name) && !same_ci(q->email, p->email) &&
	    !(q->uri && same(q->uri, p->uri) && (!q->name || !p->name)))
		return false;
	if (q->name && p->name && !same(q->name, p->name))
		return false;
	if (q->email && p->email && !same_ci(q->email, p->email))
		return false;
	return !(q->uri && p->uri && !same(q->uri, p->uri));
}

static void fill(char **to, char **from)
{
	if (*to == NULL) {
		*to = *from;
		*from = NULL;
	}
}

/* Merges p into q when they are one person; true when it did. */
bool px_person_merge(struct rounds_person *q, struct rounds_person *p)
{
	if (rounds_person_empty(q) || !same_person(q, p))
		return false;
	fill(&q->name, &p->name);
	fill(&q->email, &p->email);
	fill(&q->uri, &p->uri);
	rounds_person_release(p);
	return true;
}

void px_add_author(struct rounds_entry *e, struct rounds_person *p)
{
	size_t i;

	if (rounds_person_empty(p))
		return;
	for (i = 0; i < e->n_authors; i++)
		if (px_person_merge(&e->authors[i], p))
			return;
	if (e->n_authors >= ROUNDS_MAX_LIST) {
		rounds_person_release(p);
		return;
	}
	e->authors = xrealloc(e->authors, (e->n_authors + 1) *
			      sizeof(*e->authors));
	e->authors[e->n_authors++] = *p;
	memset(p, 0, sizeof(*p));
}

void px_add_category(struct rounds_entry *e, const char *s, size_t len)
{
	char *v = NULL;
	size_t i;

	if (s == NULL || e->n_categories >= ROUNDS_MAX_LIST)
		return;
	px_set_text(&v, s, len, true);
	if (v == NULL)
		return;
	for (i = 0; i < e->n_categories; i++)
		if (strcmp(e->categories[i], v) == 0) {
			free(v);
			return;
		}
	e->categories = xrealloc(e->categories, (e->n_categories + 1) *
				 sizeof(*e->categories));
	e->categories[e->n_categories++] = v;
}

void px_add_enclosure(struct rounds_entry *e, const char *url,
		      const char *type, const char *length, const char *base)
{
	struct rounds_enclosure enc;
	size_t i;

	memset(&enc, 0, sizeof(enc));
	px_set_url(&enc.url, url, base, true);
	if (enc.url == NULL)
		return;
	if (type)
		px_set_str(&enc.type, type, strlen(type), true);
	/* 0 is what feeds write for a size they do not know */
	enc.has_length = px_parse_count(length, &enc.length) &&
		enc.length > 0;
	for (i = 0; i < e->n_enclosures; i++) {
		struct rounds_enclosure *o = &e->enclosures[i];

		if (strcmp(o->url, enc.url) != 0)
			continue;
		if (o->type == NULL) {
			o->type = enc.type;
			enc.type = NULL;
		}
		if (!o->has_length && enc.has_length) {
			o->length = enc.length;
			o->has_length = true;
		}
		goto drop;
	}
	if (e->n_enclosures >= ROUNDS_MAX_LIST)
		goto drop;
	e->enclosures = xrealloc(e->enclosures, (e->n_enclosures + 1) *
				 sizeof(*e->enclosures));
	e->enclosures[e->n_enclosures++] = enc;
	return;
drop:
	free(enc.url);
	free(enc.type);
}

void px_add_reply(struct rounds_entry *e, const char *ref, const char *href,
		  const char *base)
{
	struct rounds_reply_ref r = { NULL, NULL };

	if (e->n_in_reply_to >= ROUNDS_MAX_LIST)
		return;
	if (ref)
		px_set_str(&r.ref, ref, strlen(ref), true);
	px_set_url(&r.href, href, base, true);
	if (r.ref == NULL && r.href == NULL)
		return;         /* names nothing (an href alone will do) */
	e->in_reply_to = xrealloc(e->in_reply_to, (e->n_in_reply_to + 1) *
				  sizeof(*e->in_reply_to));
	e->in_reply_to[e->n_in_reply_to++] = r;
}

struct rounds_entry *px_new_entry(struct pctx *c)
{
	if (c->feed->n_entries >= ROUNDS_MAX_ENTRIES)
		return NULL;
	return rounds_feed_add_entry(c->feed);
}

static uint64_t fnv(uint64_t h, const char *s, size_t len)
{
	size_t i;

	for (i = 0; s && i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

void px_entry_finish(struct rounds_entry *e, const struct px_raw *raw)
{
	char id[40];
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t k;
	int i;

	if (e->id)
		return;
	if (e->link) {
		e->id = xstrdup(e->link);
		return;
	}
	/* the source text, not our rendering of it: stays the same when the
	 * sanitiser or the date parser change */
	for (i = 0; i < 3; i++) {
		if (i > 0)
			h = fnv(h, "\n", 1);
		h = fnv(h, raw->s[i], raw->len[i]);
	}
	/* none of those (ids of entries that have one stay as they were):
	 * the picture is what the entry is (a picture of the day), else who
	 * wrote it and what about */
	if (raw->len[0] == 0 && raw->len[1] == 0 && raw->len[2] == 0) {
		if (e->image)
			h = fnv(h, e->image, strlen(e->image));
		for (k = 0; e->image == NULL && k < e->n_authors; k++)
			if (e->authors[k].name)
				h = fnv(h, e->authors[k].name,
					strlen(e->authors[k].name));
		for (k = 0; e->image == NULL && k < e->n_categories; k++)
			h = fnv(h, e->categories[k], strlen(e->categories[k]));
	}
	snprintf(id, sizeof(id), "urn:rounds:%016llx", (unsigned long long)h);
	e->id = xstrdup(id);
}

void px_raw_node(struct pctx *c, struct px_raw *raw, int i, const xmlNode *n)
{
	/* as read before words were parted at elements: ids stay the same */
	const char *s = px_text_raw(c, n, &raw->len[i]);

	raw->own[i] = s ? xstrndup(s, raw->len[i]) : NULL;
	raw->s[i] = raw->own[i];
}

void px_raw_release(struct px_raw *raw)
{
	int i;

	for (i = 0; i < 3; i++)
		free(raw->own[i]);
	memset(raw, 0, sizeof(*raw));
}
