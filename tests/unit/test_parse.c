/* test_parse.c: the parser's C interface: formats, fetch hints, fallback
 * ids, errors, caps and the JSON writer. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "rounds/buf.h"
#include "rounds/caps.h"
#include "rounds/parse.h"
#include "parse/parse_int.h"
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

/* The writer's text, compact or pretty; NULL over the cap. */
static char *write_json(const struct rounds_feed *f, const char *source,
			bool pretty)
{
	struct rounds_buf b;

	rounds_buf_init(&b, 0);
	if (rounds_feed_write_json(f, source, pretty, &b) < 0)
		return NULL;
	return rounds_buf_detach(&b);
}

/* jansson reads text back and writes it again with flags. */
static char *jansson_again(const char *text, size_t flags)
{
	json_error_t jerr;
	json_t *j = text ? json_loads(text, 0, &jerr) : NULL;
	char *s = j ? json_dumps(j, flags | JSON_PRESERVE_ORDER) : NULL;

	json_decref(j);
	return s;
}

static void json(void)
{
	struct rounds_err err;
	struct rounds_feed *f;
	char *s;

	f = parse("<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>"
		  "<entry><id>e1</id><title></title><thr:total xmlns:thr='http:"
		  "//purl.org/syndication/thread/1.0'>0</thr:total></entry></feed>",
		  NULL, NULL, &err);
	s = f ? write_json(f, "a.xml", false) : NULL;
	is_str(s, "{\"source\":\"a.xml\",\"format\":\"atom10\",\"bozo\":false,"
	       "\"feed\":{\"title\":\"T\"},\"entries\":[{\"id\":\"e1\","
	       "\"comment_count\":0}]}", "JSON: unknown keys left out, zero kept");
	free(s);
	rounds_feed_free(f);
}

/* Strings no parser makes, written as jansson would write them. */
static void json_strings(void)
{
	static char bad[] = "caf\xC3";          /* cut UTF-8 */
	static char bad2[] = "\xED\xA0\x80";    /* a surrogate */
	static char odd[] = "q\"b\\s/\x01\x1F\b\f\n\r\t\x7F end";
	static char wide[] = "\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80 "
			     "abcdefghijklmnopqrstuvwxyz";
	static char empty[] = "";
	char *cats[] = { odd, bad, empty, wide };
	struct rounds_person people[] = {
		{ bad, NULL, NULL }, { NULL, NULL, NULL }, { wide, odd, bad },
	};
	struct rounds_reply_ref refs[] = { { bad, NULL }, { odd, wide } };
	struct rounds_enclosure enc[] = { { wide, NULL, -5, true } };
	struct rounds_entry e[2];
	struct rounds_feed f;
	char *s, *p, *again;

	memset(&f, 0, sizeof(f));
	memset(e, 0, sizeof(e));
	f.format = ROUNDS_FMT_RSS20;
	f.bozo = true;
	f.bozo_message = odd;
	f.title = bad;
	f.subtitle = wide;
	f.author.name = bad2;
	f.entries = e;
	f.n_entries = 2;
	e[0].id = odd;
	e[0].title = empty;
	e[0].published = 0;
	e[0].has_published = true;
	e[0].authors = people;
	e[0].n_authors = 3;
	e[0].categories = cats;
	e[0].n_categories = 4;
	e[0].content = wide;
	e[0].in_reply_to = refs;
	e[0].n_in_reply_to = 2;
	e[0].enclosures = enc;
	e[0].n_enclosures = 1;
	e[1].authors = people;
	e[1].n_authors = 2;             /* none has anything to say */

	s = write_json(&f, NULL, false);
	again = jansson_again(s, JSON_COMPACT);
	ok(s != NULL && again != NULL, "odd strings: jansson reads it");
	is_str(s, again, "compact: byte for byte what jansson writes");
	ok(s && strstr(s, "\"title\"") == NULL && strstr(s, "caf") == NULL,
	   "strings that are not UTF-8 are left out, empty ones too");
	ok(s && strstr(s, "\"q\\\"b\\\\s/\\u0001\\u001F\\b\\f\\n\\r\\t\x7F end\"")
	   != NULL, "quote, backslash and controls escaped; / and DEL not");
	ok(s && strstr(s, "\"published\":\"1970-01-01T00:00:00Z\"") != NULL,
	   "the epoch is a date, not unknown");
	ok(s && strstr(s, "\"feed\":{\"subtitle\"") != NULL &&
	   strstr(s, "\"author\"") == NULL,
	   "an author with nothing valid is left out");
	ok(s && strstr(s, "\"categories\":[\"q") != NULL &&
	   strstr(s, "end\",\"\",\"\xC3\xA9") != NULL,
	   "categories: a bad one left out, an empty one kept");
	ok(s && strstr(s, "\"authors\":[{\"name\":\"\xC3\xA9") != NULL &&
	   strstr(s, "\"authors\":[]") != NULL,
	   "authors: empty persons left out, the array stays");
	ok(s && strstr(s, "\"in_reply_to\":[{},{\"ref\"") != NULL,
	   "in_reply_to: an entry whose ref is bad stays, empty");
	ok(s && strstr(s, "\"length\":-5}") != NULL, "numbers as written");
	free(again);
	p = write_json(&f, "x.xml", true);
	again = jansson_again(p, JSON_INDENT(2));
	ok(p != NULL && again != NULL, "pretty: jansson reads it");
	is_str(p, again, "pretty: byte for byte jansson's JSON_INDENT(2)");
	free(again);
	free(p);
	free(s);
}

/* The tag repair run on a document libxml2 could not read. */
static void repair(void)
{
	static const struct { const char *in, *want, *what; } t[] = {
		{ "<a><b>x</a><c/>", "<a><b>x</b></a><c/>",
		  "an element left open is closed by its parent's end tag" },
		{ "<a><p>x</q>y</a>", "<a><p>xy</p></a>",
		  "an end tag that names no open element is dropped" },
		{ "<d>x<br>y<img src=a.png alt=b></d>",
		  "<d>x<br/>y<img src=\"a.png\" alt=\"b\"/></d>",
		  "HTML empty elements closed, attribute values quoted" },
		{ "<i checked a = 'q\"'>t</i>",
		  "<i checked=\"checked\" a=\"q&#34;\">t</i>",
		  "a bare attribute gets a value; quotes inside escaped" },
		{ "<t>a < b <= c</t>", "<t>a &#60; b &#60;= c</t>",
		  "a '<' that starts no tag is escaped" },
		{ "<P>x</p>", "<P>x</P>",
		  "an end tag matches its element whatever the case" },
		{ "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e \"<x>\">]>"
		  "<!-- <y> --><r>&e;</r>",
		  "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e \"<x>\">]>"
		  "<r>&e;</r>",
		  "declarations and PIs copied as they are, comments left out" },
		{ "<r><!-- a -- b --><a>x</a></r>", "<r><a>x</a></r>",
		  "a comment is left out, its '--' too" },
		{ "<r><!-- open <a>x</a></r>", "<r>&#60;!-- open <a>x</a></r>",
		  "a comment never closed is text: the tags after it stay" },
		{ "<r><a>x</a<b>y</b></r>", "<r><a>x</a><b>y</b></r>",
		  "an end tag without its '>' ends before the next tag" },
		{ "<item><title>A</titl><link>u</link></item>",
		  "<item><title>A</title><link>u</link></item>",
		  "an end tag misspelling the open element's name closes it" },
		{ "<item><title>A</b> c</title></item>",
		  "<item><title>A c</title></item>",
		  "a short name is not guessed at: dropped" },
		{ "<r><link>http://a.example/</link><source url='u'>s</source>"
		  "</r>", "<r><link>http://a.example/</link><source url=\"u\">s"
		  "</source></r>", "link and source are not HTML's empty ones" },
		{ "<r a=\"1\"", "<r a=\"1\">", "a tag cut at the end is ended" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct rounds_buf b;

		rounds_buf_init(&b, 0);
		pr_repair(t[i].in, strlen(t[i].in), &b);
		is_str(rounds_buf_str(&b), t[i].want, "repair: %s", t[i].what);
		rounds_buf_release(&b);
	}
}

/* The parser pool: every job comes back once, parsed as alone; the wake
 * hook runs once a job; jobs never taken back go to drop. */
static int wakes, drops;
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;

static void count_wake(void *arg)
{
	pthread_mutex_lock(&count_lock);
	wakes++;
	pthread_mutex_unlock(&count_lock);
}

static void count_drop(struct rounds_parse_job *job)
{
	drops++;
	rounds_feed_free(job->feed);
}

static void pool_run(int threads)
{
	enum { N = 40 };
	static struct rounds_parse_job jobs[N];
	static char docs[N][200];
	struct rounds_parse_pool *p = rounds_parse_pool_new(threads,
							    count_wake, NULL);
	struct rounds_parse_job *j;
	int i, got = 0, good = 0, seen[N] = { 0 };

	wakes = 0;
	for (i = 0; i < N; i++) {
		memset(&jobs[i], 0, sizeof(jobs[i]));
		snprintf(docs[i], sizeof(docs[i]), "<rss><channel><item>"
			 "<title>t%d</title><guid>g%d</guid></item></channel>"
			 "</rss>", i, i);
		jobs[i].bytes = docs[i];
		jobs[i].len = strlen(docs[i]);
		jobs[i].user = &seen[i];
		rounds_parse_pool_submit(p, &jobs[i]);
	}
	while ((j = rounds_parse_pool_take(p, true)) != NULL) {
		int k = (int)(j - jobs);
		char want[16];

		snprintf(want, sizeof(want), "t%d", k);
		got++;
		(*(int *)j->user)++;
		if (j->rc == 0 && j->feed && j->feed->n_entries == 1 &&
		    strcmp(j->feed->entries[0].title, want) == 0)
			good++;
		rounds_feed_free(j->feed);
	}
	for (i = 0; i < N && seen[i] == 1; i++)
		;
	ok(got == N && i == N, "pool of %d: each of %d jobs back once (%d)",
	   threads, N, got);
	ok(good == N, "pool of %d: each parsed as alone", threads);
	drops = 0;
	for (i = 0; i < 5; i++) {
		jobs[i].feed = NULL;
		rounds_parse_pool_submit(p, &jobs[i]);
	}
	rounds_parse_pool_free(p, count_drop);  /* joins: wakes are in */
	ok(threads == 0 || (wakes >= N && wakes <= N + 5),
	   "pool of %d: woken once a job parsed (%d)", threads, wakes);
	ok(drops == 5, "pool of %d: jobs not taken back are dropped (%d)",
	   threads, drops);
}

static void pool(void)
{
	pool_run(0);
	pool_run(1);
	pool_run(4);
}

/* The clean-up's fast scan (sixteen or eight bytes at a time) finds a
 * byte that needs a look wherever it stands in a run of plain text. */
static void clean_scan(void)
{
	static const struct { char c; const char *want; } odd[] = {
		{ '\x01', "" }, { '&', "&amp;" }, { '\xe9', "\xc3\xa9" },
		{ '\n', "\n" }, { '\x7f', "\x7f" },
	};
	char in[64], want[80];
	struct enc_result r;
	size_t k, o, bad = 0;

	for (o = 0; o < sizeof(odd) / sizeof(odd[0]); o++) {
		for (k = 0; k < 48; k++) {
			memset(in, 'x', 48);
			in[k] = odd[o].c;
			snprintf(want, sizeof(want), "%.*s%s%.*s", (int)k,
				 in, odd[o].want, (int)(47 - k), in + k + 1);
			pe_clean(in, 48, NULL, PE_XML, &r);
			if (r.len != strlen(want) ||
			    memcmp(r.data, want, r.len) != 0)
				bad++;
			pe_release(&r);
		}
	}
	ok(bad == 0, "clean-up: a control, '&', a byte that is not UTF-8, "
	   "white space and DEL found at each of 48 places (%zu wrong)", bad);
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
	json_strings();
	repair();
	pool();
	clean_scan();
	return done_testing();
}
