/* feedjson.c: struct rounds_feed -> the JSON of INTERFACE.md ("rounds parse
 * output").  Unknown values are left out. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include "rounds/parse.h"

static void put(json_t *o, const char *key, json_t *v)
{
	if (v)
		json_object_set_new(o, key, v);
}

/* Strict UTF-8 (what jansson accepts), ASCII eight bytes at a time;
 * *len gets the length. */
static bool utf8_ok(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s, *end;
	uint64_t w;

	*len = strlen(s);
	end = p + *len;
	while (p < end) {
		if (end - p >= 8) {
			memcpy(&w, p, 8);
			if ((w & 0x8080808080808080ULL) == 0) {
				p += 8;
				continue;
			}
		}
		if (*p < 0x80) {
			p++;
			continue;
		}
		/* the NUL at the end stops every continuation check */
		if (p[0] >= 0xC2 && p[0] <= 0xDF && (p[1] & 0xC0) == 0x80)
			p += 2;
		else if (p[0] >= 0xE0 && p[0] <= 0xEF &&
			 (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
			 !(p[0] == 0xE0 && p[1] < 0xA0) &&
			 !(p[0] == 0xED && p[1] > 0x9F))
			p += 3;
		else if (p[0] >= 0xF0 && p[0] <= 0xF4 &&
			 (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
			 (p[3] & 0xC0) == 0x80 &&
			 !(p[0] == 0xF0 && p[1] < 0x90) &&
			 !(p[0] == 0xF4 && p[1] > 0x8F))
			p += 4;
		else
			return false;
	}
	return true;
}

static void put_str(json_t *o, const char *key, const char *s)
{
	size_t len;

	/* a string that is not valid UTF-8 (never expected) is left out */
	if (s && *s && utf8_ok(s, &len))
		put(o, key, json_stringn_nocheck(s, len));
}

static void put_date(json_t *o, const char *key, int64_t t, bool has)
{
	struct tm tm;
	time_t tt = (time_t)t;
	char buf[32];

	if (!has || gmtime_r(&tt, &tm) == NULL || tm.tm_year + 1900 < 0 ||
	    tm.tm_year + 1900 > 9999)
		return;
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02dZ",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec);
	put_str(o, key, buf);
}

static json_t *person(const struct rounds_person *p)
{
	json_t *o = json_object();

	put_str(o, "name", p->name);
	put_str(o, "email", p->email);
	put_str(o, "uri", p->uri);
	if (json_object_size(o) == 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *entry(const struct rounds_entry *e)
{
	json_t *o = json_object(), *a, *x;
	size_t i, len;

	put_str(o, "id", e->id);
	put_str(o, "title", e->title);
	put_str(o, "link", e->link);
	put_date(o, "published", e->published, e->has_published);
	put_date(o, "updated", e->updated, e->has_updated);
	if (e->n_authors) {
		a = json_array();
		for (i = 0; i < e->n_authors; i++)
			if ((x = person(&e->authors[i])) != NULL)
				json_array_append_new(a, x);
		put(o, "authors", a);
	}
	if (e->n_categories) {
		a = json_array();
		for (i = 0; i < e->n_categories; i++)
			if (utf8_ok(e->categories[i], &len))
				json_array_append_new(a, json_stringn_nocheck(
					e->categories[i], len));
		put(o, "categories", a);
	}
	put_str(o, "summary", e->summary);
	put_str(o, "content", e->content);
	put_str(o, "comments", e->comments);
	put_str(o, "comments_feed", e->comments_feed);
	if (e->has_comment_count)
		put(o, "comment_count", json_integer(e->comment_count));
	if (e->n_in_reply_to) {
		a = json_array();
		for (i = 0; i < e->n_in_reply_to; i++) {
			x = json_object();
			put_str(x, "ref", e->in_reply_to[i].ref);
			put_str(x, "href", e->in_reply_to[i].href);
			json_array_append_new(a, x);
		}
		put(o, "in_reply_to", a);
	}
	if (e->n_enclosures) {
		a = json_array();
		for (i = 0; i < e->n_enclosures; i++) {
			const struct rounds_enclosure *en = &e->enclosures[i];

			x = json_object();
			put_str(x, "url", en->url);
			put_str(x, "type", en->type);
			if (en->has_length)
				put(x, "length", json_integer(en->length));
			json_array_append_new(a, x);
		}
		put(o, "enclosures", a);
	}
	return o;
}

struct json_t *rounds_feed_to_json(const struct rounds_feed *feed,
				   const char *source)
{
	json_t *o = json_object(), *f = json_object(), *a = json_array();
	size_t i;

	if (source)
		put_str(o, "source", source);
	put_str(o, "format", rounds_format_name(feed->format));
	put(o, "bozo", json_boolean(feed->bozo));
	if (feed->bozo)
		put_str(o, "bozo_message", feed->bozo_message);
	put_str(f, "title", feed->title);
	put_str(f, "subtitle", feed->subtitle);
	put_str(f, "link", feed->link);
	put_str(f, "self", feed->self);
	put_str(f, "id", feed->id);
	put_str(f, "language", feed->language);
	put_date(f, "updated", feed->updated, feed->has_updated);
	put(f, "author", person(&feed->author));
	put_str(f, "generator", feed->generator);
	put_str(f, "icon", feed->icon);
	put_str(f, "image", feed->image);
	put_str(f, "rights", feed->rights);
	put(o, "feed", f);
	for (i = 0; i < feed->n_entries; i++)
		json_array_append_new(a, entry(&feed->entries[i]));
	put(o, "entries", a);
	return o;
}
