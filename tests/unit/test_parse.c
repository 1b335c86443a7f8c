/* test_parse.c: the parser's C interface: formats, fetch hints, fallback
 * ids, errors, caps and the JSON writer. */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "rounds/caps.h"
#include "rounds/parse.h"
#include "../tap.h"

static struct rounds_feed *parse(const char *doc, const char *base,
				 const char *charset, struct rounds_err *err)
{
	struct rounds_parse_opts o = { base, charset };
	struct rounds_feed *f = NULL;

	rounds_err_init(err);
	if (rounds_parse(doc, strlen(doc), &o, &f, err) < 0)
		return NULL;
	return f;
}

static void formats(void)
{
	static const struct { const char *doc; const char *fmt; } cases[] = {
		{ "<rss version='2.0'><channel/></rss>", "rss20" },
		{ "<rss><channel/></rss>", "rss20" },
		{ "<rss version='0.91'><channel/></rss>", "rss091" },
		{ "<rss version='0.92'><channel/></rss>", "rss092" },
		{ "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'"
		  " xmlns='http://purl.org/rss/1.0/'><channel/></rdf:RDF>", "rss10" },
		{ "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'"
		  " xmlns='http://my.netscape.com/rdf/simple/0.9/'><channel/>"
		  "</rdf:RDF>", "rss090" },
		{ "<feed xmlns='http://www.w3.org/2005/Atom'/>", "atom10" },
		{ "<feed version='0.3' xmlns='http://purl.org/atom/ns#'/>", "atom03" },
		{ "<feed xmlns='http://purl.org/atom/ns#'/>", "atom10" },
		{ "\xEF\xBB\xBF  <feed/>", "atom10" },
		{ " {\"version\": \"https://jsonfeed.org/version/1.1\", "
		  "\"items\": []}", "jsonfeed" },
		{ "{\"items\": []}", "jsonfeed" },
	};
	struct rounds_err err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rounds_feed *f = parse(cases[i].doc, NULL, NULL, &err);

		is_str(f ? rounds_format_name(f->format) : err.msg,
		       cases[i].fmt, "format of case %zu", i);
		rounds_feed_free(f);
	}
}

static void not_feeds(void)
{
	static const char *const docs[] = {
		"", "   \n", "<html><body>hi</body></html>", "plain words",
		"<?xml version='1.0'?>", "{\"title\": \"no items\"}", "[1, 2]",
		"{ broken json", "<svg xmlns='http://www.w3.org/2000/svg'/>",
	};
	struct rounds_err err;
	size_t i;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		struct rounds_feed *f = parse(docs[i], NULL, NULL, &err);

		ok(f == NULL && err.code == EX_DATAERR &&
		   strstr(err.msg, "no feed") != NULL,
		   "no feed in case %zu: %s", i, err.msg);
		rounds_feed_free(f);
	}
}

static void fetch_hints(void)
{
	static const struct { const char *chan; int64_t secs; } cases[] = {
		{ "<ttl>90</ttl>", 5400 },
		{ "<sy:updatePeriod>hourly</sy:updatePeriod>", 3600 },
		{ "<sy:updatePeriod> daily </sy:updatePeriod>"
		  "<sy:updateFrequency>4</sy:updateFrequency>", 21600 },
		{ "<ttl>30</ttl><sy:updatePeriod>hourly</sy:updatePeriod>", 3600 },
		{ "<ttl>120</ttl><sy:updatePeriod>hourly</sy:updatePeriod>", 7200 },
		{ "<ttl>soon</ttl>", 0 },
		{ "<sy:updatePeriod>fortnightly</sy:updatePeriod>", 0 },
		{ "", 0 },
	};
	struct rounds_err err;
	char doc[512];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rounds_feed *f;

		snprintf(doc, sizeof(doc), "<rss version='2.0' xmlns:sy='http://"
			 "purl.org/rss/1.0/modules/syndication/'><channel>%s"
			 "</channel></rss>", cases[i].chan);
		f = parse(doc, NULL, NULL, &err);
		is_int(f ? f->min_interval : -1, cases[i].secs,
		       "min_interval from '%s'", cases[i].chan);
		rounds_feed_free(f);
	}
}

static void fallback_ids(void)
{
	struct rounds_err err;
	struct rounds_feed *f;

	/* FNV-1a 64 of "Hash me\nWed, 25 Nov 2026 10:00:00 GMT\n<p>Body</p>",
	 * computed independently */
	f = parse("<rss version='2.0'><channel><item><title>Hash me</title>"
		  "<pubDate>Wed, 25 Nov 2026 10:00:00 GMT</pubDate><description>"
		  "&lt;p&gt;Body&lt;/p&gt;</description></item><item/>"
		  "</channel></rss>", NULL, NULL, &err);
	ok(f && f->n_entries == 2, "two entries");
	if (f && f->n_entries == 2) {
		is_str(f->entries[0].id, "urn:rounds:04d5bee266b43149",
		       "hash of title, date and content");
		is_str(f->entries[1].id, "urn:rounds:08547e07b5084555",
		       "an empty entry hashes too");
	}
	rounds_feed_free(f);
	f = parse("<rss version='2.0'><channel><item><title>A</title></item>"
		  "<item><title>B</title></item><item><title>A</title></item>"
		  "</channel></rss>", NULL, NULL, &err);
	ok(f && f->n_entries == 3 && strcmp(f->entries[0].id,
					    f->entries[1].id) != 0 &&
	   strcmp(f->entries[0].id, f->entries[2].id) == 0,
	   "different entries, different ids; the same, the same");
	rounds_feed_free(f);
	f = parse("<rss version='2.0'><channel><item><link>/p/1</link></item>"
		  "</channel></rss>", "http://example.org/feed", NULL, &err);
	is_str(f && f->n_entries ? f->entries[0].id : NULL,
	       "http://example.org/p/1", "no guid: the (resolved) link");
	rounds_feed_free(f);
}

static void caps(void)
{
	struct rounds_err err;
	struct rounds_feed *f = NULL;
	char *big = malloc(ROUNDS_MAX_DOC + 2);

	memset(big, ' ', ROUNDS_MAX_DOC + 1);
	big[ROUNDS_MAX_DOC + 1] = '\0';
	rounds_err_init(&err);
	ok(rounds_parse(big, ROUNDS_MAX_DOC + 1, NULL, &f, &err) < 0 &&
	   err.code == EX_DATAERR, "a document over the cap is refused");
	free(big);
	f = parse("<rss><channel><item><title>x</title></item></channel></rss>",
		  NULL, NULL, &err);
	ok(f != NULL, "NULL base and charset are fine");
	rounds_feed_free(f);
}

static void bozo(void)
{
	struct rounds_err err;
	struct rounds_feed *f;

	f = parse("<rss version='2.0'>\n<channel>\n<title>x</title>\n"
		  "<item><title>a</item>\n</channel></rss>", NULL, NULL, &err);
	ok(f && f->bozo, "mismatched tags: bozo");
	ok(f && f->bozo_message && strncmp(f->bozo_message, "line 4:", 7) == 0,
	   "the message starts with the line: %s",
	   f && f->bozo_message ? f->bozo_message : "(none)");
	rounds_feed_free(f);
	f = parse("<rss version='2.0'><channel><title>x</title></channel></rss>",
		  NULL, NULL, &err);
	ok(f && !f->bozo && f->bozo_message == NULL, "well-formed: not bozo");
	rounds_feed_free(f);
	f = parse("<rss><channel><title>caf\xE9</title></channel></rss>", NULL,
		  "iso-8859-1", &err);
	is_str(f ? f->title : NULL, "caf\xC3\xA9", "the charset option is used");
	ok(f && !f->bozo, "and the bytes are valid in it");
	rounds_feed_free(f);
}

static void json(void)
{
	struct rounds_err err;
	struct rounds_feed *f;
	json_t *j;
	char *s;

	f = parse("<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>"
		  "<entry><id>e1</id><title></title><thr:total xmlns:thr='http:"
		  "//purl.org/syndication/thread/1.0'>0</thr:total></entry></feed>",
		  NULL, NULL, &err);
	j = f ? rounds_feed_to_json(f, "a.xml") : NULL;
	s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	is_str(s, "{\"source\":\"a.xml\",\"format\":\"atom10\",\"bozo\":false,"
	       "\"feed\":{\"title\":\"T\"},\"entries\":[{\"id\":\"e1\","
	       "\"comment_count\":0}]}", "JSON: unknown keys left out, zero kept");
	free(s);
	json_decref(j);
	rounds_feed_free(f);
}

int main(void)
{
	formats();
	not_feeds();
	fetch_hints();
	fallback_ids();
	caps();
	bozo();
	json();
	return done_testing();
}
