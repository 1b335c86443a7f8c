/* fuzz_parse.c: libFuzzer target for the whole parse path: bytes ->
 * rounds_parse -> rounds_feed_write_json -> jansson reads it back ->
 * free.  The first byte picks
 * the options, so the charset and base paths are reached too.  Every
 * field must keep safe.h's promises: no TEXT with a tag or a control
 * character, no URL with a scheme other than http(s) (mailto: in a
 * person's uri); a violation aborts. */
#include <stdint.h>
#include <stdlib.h>
#include <jansson.h>
#include "rounds/buf.h"
#include "rounds/parse.h"
#include "rounds/safe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void text(const char *s)
{
	if (s != NULL && (*s == '\0' || !rounds_text_is_safe(s)))
		abort();
}

static void url(const char *s, unsigned allow)
{
	if (s != NULL && !rounds_url_is_safe(s, allow))
		abort();
}

static void person(const struct rounds_person *p)
{
	text(p->name);
	text(p->email);
	url(p->uri, ROUNDS_SAFE_MAILTO);
}

static void check_entry(const struct rounds_entry *e)
{
	size_t i;

	if (e->id == NULL)
		abort();
	text(e->id);
	text(e->title);
	url(e->link, 0);
	for (i = 0; i < e->n_authors; i++)
		person(&e->authors[i]);
	for (i = 0; i < e->n_categories; i++)
		text(e->categories[i]);
	url(e->comments, 0);
	url(e->comments_feed, 0);
	for (i = 0; i < e->n_in_reply_to; i++) {
		text(e->in_reply_to[i].ref);
		url(e->in_reply_to[i].href, 0);
	}
	for (i = 0; i < e->n_enclosures; i++) {
		url(e->enclosures[i].url, 0);
		text(e->enclosures[i].type);
	}
	url(e->image, 0);
}

static void check_feed(const struct rounds_feed *f)
{
	size_t i;

	text(f->bozo_message);
	text(f->title);
	text(f->subtitle);
	url(f->link, 0);
	url(f->self, 0);
	text(f->id);
	text(f->language);
	person(&f->author);
	text(f->generator);
	url(f->icon, 0);
	url(f->image, 0);
	text(f->rights);
	for (i = 0; i < f->n_entries; i++)
		check_entry(&f->entries[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const charsets[] = {
		NULL, "windows-1252", "utf-16", "shift_jis", "x-unknown",
	};
	struct rounds_parse_opts o = { NULL, NULL };
	struct rounds_feed *feed = NULL;
	struct rounds_err err;
	struct rounds_buf b;
	json_error_t jerr;
	json_t *j;
	int pretty;

	if (size > 0 && data[0] == 0x01 && size > 1) {
		o.charset = charsets[data[1] % 5];
		o.base = "http://fuzz.example/feeds/a.xml";
		data += 2;
		size = size > 2 ? size - 2 : 0;
	}
	rounds_err_init(&err);
	if (rounds_parse((const char *)data, size, &o, &feed, &err) < 0)
		return 0;
	check_feed(feed);
	for (pretty = 0; pretty < 2; pretty++) {
		rounds_buf_init(&b, 0);
		if (rounds_feed_write_json(feed, "fuzz", pretty, &b) < 0)
			abort();
		/* the output must always be JSON */
		j = json_loads(rounds_buf_str(&b), 0, &jerr);
		if (j == NULL)
			abort();
		json_decref(j);
		rounds_buf_release(&b);
	}
	rounds_feed_free(feed);
	return 0;
}
