/* jsonfeed.c: JSON Feed 1.0 and 1.1 (jansson) onto the model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <jansson.h>
#include "rounds/caps.h"
#include "rounds/date.h"
#include "parse_int.h"

static const char *jstr(const json_t *o, const char *key, size_t *len)
{
	const json_t *v = json_object_get(o, key);

	if (!json_is_string(v)) {
		*len = 0;
		return NULL;
	}
	*len = json_string_length(v);
	return json_string_value(v);
}

static const char *jstr0(const json_t *o, const char *key)
{
	size_t len;
	const char *s = jstr(o, key, &len);

	/* a string with a NUL inside is cut there; fine for URLs and dates */
	return s;
}

static void person(const json_t *a, struct rounds_person *p, const char *base)
{
	size_t len;
	const char *s;

	memset(p, 0, sizeof(*p));
	if (!json_is_object(a))
		return;
	s = jstr(a, "name", &len);
	px_set_text(&p->name, s, len, true);
	px_set_url(&p->uri, jstr0(a, "url"), base, true);
	s = jstr(a, "email", &len);
	px_set_str(&p->email, s, len, true);
}

/* One person into e's authors, or into *first when it is still empty;
 * true when p named someone. */
static bool put_person(struct rounds_person *p, struct rounds_entry *e,
		       struct rounds_person *first)
{
	bool any = !rounds_person_empty(p);

	if (e)
		px_add_author(e, p);
	else if (rounds_person_empty(first))
		*first = *p;
	else
		rounds_person_release(p);
	return any;
}

/* authors (1.1), else author (1.0), also when authors names no one (a
 * list of numbers, of empty objects): the feed's author is the first
 * one.  A bare string in authors is a name; an object, not in a list, is
 * one person. */
static void authors(const json_t *o, const char *base, struct rounds_entry *e,
		    struct rounds_person *first)
{
	const json_t *arr = json_object_get(o, "authors"), *a;
	struct rounds_person p;
	bool named = false;
	size_t i;

	if (json_is_array(arr))
		json_array_foreach(arr, i, a) {
			if (json_is_string(a)) {
				memset(&p, 0, sizeof(p));
				px_set_text(&p.name, json_string_value(a),
					    json_string_length(a), true);
			} else {
				person(a, &p, base);
			}
			named |= put_person(&p, e, first);
		}
	else if (json_is_object(arr)) {         /* one, not in a list */
		person(arr, &p, base);
		named = put_person(&p, e, first);
	}
	if (!named) {
		person(json_object_get(o, "author"), &p, base);
		put_person(&p, e, first);
	}
}

static void date(int64_t *t, bool *has, const char *s)
{
	px_set_date(t, has, s, true);
}

/* A real number as its shortest text that reads back as the same number
 * (0.1, not 0.10000000000000001): how it was most likely written. */
static void real_text(double d, char *out, size_t cap)
{
	int prec;

	for (prec = 1; prec <= 17; prec++) {
		snprintf(out, cap, "%.*g", prec, d);
		if (strtod(out, NULL) == d)
			return;
	}
}

/* "tags" given as one string, not the list JSON Feed says: its
 * comma-separated words, each a category. */
static void string_tags(struct rounds_entry *e, const char *s, size_t len)
{
	const char *end = s + len, *comma;

	while (s < end) {
		comma = memchr(s, ',', (size_t)(end - s));
		if (comma == NULL)
			comma = end;
		px_add_category(e, s, (size_t)(comma - s));
		s = comma + 1;
	}
}

static void item(struct pctx *c, const json_t *root, const json_t *it,
		 const char *base)
{
	struct rounds_entry *e;
	const json_t *v, *a;
	const char *s;
	size_t len, i;
	char num[32];
	struct px_raw raw;

	if (!json_is_object(it) || (e = px_new_entry(c)) == NULL)
		return;
	memset(&raw, 0, sizeof(raw));
	v = json_object_get(it, "id");
	if (json_is_string(v))
		px_set_str(&e->id, json_string_value(v), json_string_length(v),
			   true);
	else if (json_is_integer(v)) {
		snprintf(num, sizeof(num), "%lld",
			 (long long)json_integer_value(v));
		e->id = xstrdup(num);
	} else if (json_is_real(v)) {       /* a number is its text */
		real_text(json_real_value(v), num, sizeof(num));
		e->id = xstrdup(num);
	}
	px_set_url(&e->link, jstr0(it, "url"), base, true);
	px_set_url(&e->link, jstr0(it, "external_url"), base, false);
	s = jstr(it, "title", &len);    /* WordPress writes &#8217; there */
	px_set_html_text(&e->title, s, len, true, PX_MAYBE_HTML);
	s = jstr(it, "content_html", &len);
	px_set_html(&e->content, s, len, base, true);
	s = jstr(it, "content_text", &len);
	px_set_plain_as_html(&e->content, s, len, base, false);
	s = jstr(it, "summary", &len);
	px_set_plain_as_html(&e->summary, s, len, base, true);
	date(&e->published, &e->has_published, jstr0(it, "date_published"));
	date(&e->updated, &e->has_updated, jstr0(it, "date_modified"));
	authors(it, base, e, NULL);
	if (e->n_authors == 0)          /* the feed's, every one of them */
		authors(root, base, e, NULL);
	v = json_object_get(it, "tags");
	if (json_is_array(v))
		json_array_foreach(v, i, a)
			if (json_is_string(a))
				px_add_category(e, json_string_value(a),
						json_string_length(a));
	if (json_is_string(v))          /* not the spec's list: "a,b" */
		string_tags(e, json_string_value(v), json_string_length(v));
	/* the item's picture; its banner, or an image attachment, when it
	 * names none */
	px_set_url(&e->image, jstr0(it, "image"), base, true);
	px_set_url(&e->image, jstr0(it, "banner_image"), base, false);
	v = json_object_get(it, "attachments");
	if (json_is_array(v))
		json_array_foreach(v, i, a) {
			const json_t *sz;

			if (!json_is_object(a))
				continue;
			sz = json_object_get(a, "size_in_bytes");
			num[0] = '\0';
			if (json_is_number(sz) && json_number_value(sz) >= 0 &&
			    json_number_value(sz) < 1e18)
				snprintf(num, sizeof(num), "%lld",
					 (long long)json_number_value(sz));
			s = jstr0(a, "mime_type");
			while (s && (*s == ' ' || *s == '\t'))
				s++;
			if (s && strncasecmp(s, "image/", 6) == 0)
				px_set_url(&e->image, jstr0(a, "url"), base,
					   false);
			else
				px_add_enclosure(e, jstr0(a, "url"), s,
						 num[0] ? num : NULL, base);
		}
	raw.s[0] = jstr(it, "title", &raw.len[0]);
	raw.s[1] = jstr(it, "date_published", &raw.len[1]);
	raw.s[2] = jstr(it, "content_html", &raw.len[2]);
	if (raw.s[2] == NULL)
		raw.s[2] = jstr(it, "content_text", &raw.len[2]);
	px_entry_finish(e, &raw);
}

/* The 4 hex digits at s as a number, or -1. */
static long hex4(const char *s, const char *end)
{
	long v = 0;
	int i;

	if (end - s < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9')
			v = v * 16 + (c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v = v * 16 + ((c | 0x20) - 'a' + 10);
		else
			return -1;
	}
	return v;
}

/* The end of a NaN, Infinity or -Infinity token at p (what Python's json
 * module writes for those numbers), else NULL. */
static const char *nonfinite(const char *p, const char *end)
{
	static const char *const words[] = { "NaN", "Infinity", "-Infinity" };
	size_t i, k;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		k = strlen(words[i]);
		if ((size_t)(end - p) >= k && memcmp(p, words[i], k) == 0)
			return p + k;
	}
	return NULL;
}

/* The number with a fraction or exponent at p no double holds (1e400,
 * or more digits than 300 before its point). */
static bool overflows(const char *p, const char *end)
{
	char tok[400];
	size_t n = 0;
	double d;

	while (p + n < end && n < sizeof(tok) - 1 &&
	       ((p[n] >= '0' && p[n] <= '9') || p[n] == '.' || p[n] == 'e' ||
		p[n] == 'E' || p[n] == '+' || p[n] == '-'))
		n++;
	memcpy(tok, p, n);
	tok[n] = '\0';
	d = strtod(tok, NULL);
	return d > 1.7976931348623157e308 || d < -1.7976931348623157e308;
}

/* JSON text as jansson reads it, for what the grammar (RFC 8259) allows
 * and jansson refuses: an integer beyond 64 bits or a real beyond a
 * double (written as a string of its text: an id stays whole, a size is
 * no number), and the escapes \\u0000 and a surrogate without its pair
 * (as U+FFFD); and for NaN and Infinity, which Python's json module
 * writes though JSON has no such tokens (as strings).  Caller frees. */
static char *relaxed(const char *s, size_t n, size_t *out_n)
{
	struct rounds_buf b;
	const char *p = s, *end = s + n, *from = s, *q;
	bool in_str = false, whole;
	long v, w;

	rounds_buf_init(&b, 0);         /* NaN is "NaN": longer than n */
	if (rounds_buf_reserve(&b, n + 16) < 0)
		abort();
	while (p < end) {
		if (in_str) {
			if (*p == '"') {
				in_str = false;
				p++;
			} else if (*p != '\\' || p + 1 >= end) {
				p++;
			} else if (p[1] != 'u' || (v = hex4(p + 2, end)) < 0) {
				p += 2;
			} else if (v >= 0xD800 && v <= 0xDBFF &&
				   end - p >= 12 && p[6] == '\\' &&
				   p[7] == 'u' && (w = hex4(p + 8, end)) >=
				   0xDC00 && w <= 0xDFFF) {
				p += 12;        /* a whole pair */
			} else if (v == 0 || (v >= 0xD800 && v <= 0xDFFF)) {
				if (rounds_buf_append(&b, from, (size_t)(p -
				    from)) < 0 ||
				    rounds_buf_append(&b, "\\uFFFD", 6) < 0)
					abort();
				p += 6;
				from = p;
			} else {
				p += 6;
			}
			continue;
		}
		if (*p == '"') {
			in_str = true;
			p++;
			continue;
		}
		if ((q = nonfinite(p, end)) != NULL) {  /* NaN, Infinity */
			if (rounds_buf_append(&b, from, (size_t)(p - from)) < 0 ||
			    rounds_buf_putc(&b, '"') < 0 ||
			    rounds_buf_append(&b, p, (size_t)(q - p)) < 0 ||
			    rounds_buf_putc(&b, '"') < 0)
				abort();
			p = from = q;
			continue;
		}
		if (*p != '-' && (*p < '0' || *p > '9')) {
			p++;
			continue;
		}
		for (q = p + (*p == '-'); q < end && *q >= '0' && *q <= '9'; q++)
			;
		whole = q == end || (*q != '.' && *q != 'e' && *q != 'E');
		if (whole ? q - p > 18 : overflows(p, end)) {
			while (q < end && ((*q >= '0' && *q <= '9') ||
					   *q == '.' || *q == 'e' || *q == 'E' ||
					   *q == '+' || *q == '-'))
				q++;
			if (rounds_buf_append(&b, from, (size_t)(p - from)) < 0 ||
			    rounds_buf_putc(&b, '"') < 0 ||
			    rounds_buf_append(&b, p, (size_t)(q - p)) < 0 ||
			    rounds_buf_putc(&b, '"') < 0)
				abort();
			from = q;
		}
		while (q < end && ((*q >= '0' && *q <= '9') || *q == '.' ||
				   *q == 'e' || *q == 'E' || *q == '+' ||
				   *q == '-'))
			q++;
		p = q;
	}
	if (rounds_buf_append(&b, from, (size_t)(end - from)) < 0)
		abort();
	*out_n = b.len;
	return rounds_buf_detach(&b);
}

/* The JSON text read, else read once more relaxed() when jansson refused
 * what the grammar allows.  *again: it took the second read. */
static json_t *load(const char *s, size_t n, json_error_t *je, bool *again)
{
	json_error_t je2;
	json_t *root = json_loadb(s, n, JSON_DISABLE_EOF_CHECK, je);
	size_t fixed_n;
	char *fixed;

	*again = false;
	if (root != NULL || (strstr(je->text, "too big") == NULL &&
			     strstr(je->text, "overflow") == NULL &&
			     strstr(je->text, "invalid token") == NULL &&
			     strstr(je->text, "\\u0000") == NULL &&
			     strstr(je->text, "invalid Unicode") == NULL))
		return root;
	fixed = relaxed(s, n, &fixed_n);
	root = json_loadb(fixed, fixed_n, JSON_DISABLE_EOF_CHECK, &je2);
	free(fixed);
	*again = root != NULL;
	return root;
}

int px_parse_json(const char *bytes, size_t len,
		  const struct rounds_parse_opts *opts,
		  struct rounds_feed **out, struct rounds_err *err)
{
	struct enc_result enc;
	struct pctx c;
	json_error_t je;
	json_t *root, *items, *it;
	const char *version, *base, *s;
	char *own_base = NULL;
	size_t n, i;
	bool again;
	int rc = -1;

	memset(&c, 0, sizeof(c));
	c.opts = opts;
	pe_clean(bytes, len, opts->charset, 0, &enc);
	root = load(enc.data, enc.len, &je, &again);
	if (root == NULL) {
		rounds_err_set(err, EX_DATAERR, "no feed in the document: "
			       "not valid JSON (line %d: %s)", je.line, je.text);
		goto out;
	}
	version = jstr0(root, "version");
	items = json_object_get(root, "items");
	if (!json_is_object(root) || ((version == NULL ||
	    strncmp(version, "https://jsonfeed.org/version/", 29) != 0) &&
	    !json_is_array(items))) {
		rounds_err_set(err, EX_DATAERR, "no feed in the document: "
			       "JSON, but not a JSON Feed (no version, no items)");
		goto out;
	}
	c.feed = rounds_feed_new();
	c.feed->format = ROUNDS_FMT_JSONFEED;
	base = opts->base;
	if (base == NULL) {
		px_set_url(&own_base, jstr0(root, "feed_url"), NULL, true);
		base = own_base;
	}
	s = jstr(root, "title", &n);
	px_set_html_text(&c.feed->title, s, n, true, PX_MAYBE_HTML);
	s = jstr(root, "description", &n);
	px_set_html_text(&c.feed->subtitle, s, n, true, PX_MAYBE_HTML);
	px_set_url(&c.feed->link, jstr0(root, "home_page_url"), base, true);
	px_set_url(&c.feed->self, jstr0(root, "feed_url"), base, true);
	px_set_url(&c.feed->image, jstr0(root, "icon"), base, true);
	px_set_url(&c.feed->icon, jstr0(root, "favicon"), base, true);
	s = jstr(root, "language", &n);
	px_set_str(&c.feed->language, s, n, true);
	authors(root, base, NULL, &c.feed->author);
	if (json_is_array(items))
		json_array_foreach(items, i, it)
			item(&c, root, it, base);
	if (enc.problem) {
		c.feed->bozo = true;
		c.feed->bozo_message = xstrdup(enc.problem);
	} else if (again) {
		c.feed->bozo = true;
		c.feed->bozo_message = xstrdup("a number beyond 64 bits, "
					       "NaN or Infinity read as its "
					       "text, or a \\u0000 or "
					       "unpaired surrogate escape as "
					       "U+FFFD");
	}
	*out = c.feed;
	c.feed = NULL;
	rc = 0;
out:
	rounds_feed_free(c.feed);
	json_decref(root);
	free(own_base);
	pe_release(&enc);
	return rc;
}
