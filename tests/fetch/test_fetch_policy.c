/* test_fetch_policy.c: the fetcher's decisions that need no network. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include "fetch/fetch_int.h"
#include "rounds/log.h"
#include "../tap.h"

static const struct { const char *ip; bool priv; } addrs[] = {
	{ "127.0.0.1", true },       { "127.255.0.9", true },
	{ "10.1.2.3", true },        { "172.16.0.1", true },
	{ "172.31.255.255", true },  { "172.32.0.1", false },
	{ "192.168.1.1", true },     { "169.254.169.254", true },
	{ "0.0.0.0", true },         { "100.64.0.1", true },
	{ "224.0.0.1", true },       { "255.255.255.255", true },
	{ "8.8.8.8", false },        { "93.184.216.34", false },
	{ "::1", true },             { "::", true },
	{ "fe80::1", true },         { "febf::1", true },
	{ "fc00::1", true },         { "fdff::1", true },
	{ "::ffff:127.0.0.1", true },{ "::ffff:10.0.0.1", true },
	{ "::ffff:8.8.8.8", false }, { "64:ff9b::7f00:1", true },
	{ "2002:7f00:1::", true },   { "2001:db8::1", false },
	{ "2606:4700::1111", false }, { "ff02::1", true },
	{ "not an address", true },
};

static const struct { const char *ct, *cs; } charsets[] = {
	{ "application/rss+xml; charset=UTF-8", "UTF-8" },
	{ "text/xml;charset=\"windows-1252\"", "windows-1252" },
	{ "text/xml; foo=bar; CHARSET = iso-8859-1", "iso-8859-1" },
	{ "application/atom+xml", NULL },
	{ "text/xml; charset=", NULL },
	{ "text/xml; charset=<script>", NULL },
	{ NULL, NULL },
};

static const struct { const char *in, *out; } hostports[] = {
	{ "http://Example.ORG/feed", "example.org:80" },
	{ "https://example.org/feed", "example.org:443" },
	{ "http://127.0.0.1:8080/x?y", "127.0.0.1:8080" },
	{ "http://[::1]:81/", "[::1]:81" },
	{ "file:///tmp/feed.xml", NULL },
	{ "ftp://example.org/", NULL },
};

static const struct { const char *feed, *url; bool ok; } comment_urls[] = {
	{ "https://a.example/feed", "https://b.example/c/feed", true },
	{ "https://a.example/feed", "http://b.example/c/feed", true },
	{ "https://a.example/feed", "file:///etc/passwd", false },
	{ "https://a.example/feed", "gopher://x/", false },
	{ "file:///srv/blog/feed.xml", "file:///srv/blog/c/1.xml", true },
	{ "file:///srv/blog/feed.xml", "file:///srv/other/1.xml", false },
	{ "file:///srv/blog/feed.xml", "file:///srv/blog/../x.xml", false },
	{ "file:///srv/blog/feed.xml", "file:///srv/blog/%2e%2e/x", false },
	{ "file:///srv/blog/feed.xml", "file://evil.example/srv/blog/x", false },
};

/* --all overrides rounds' schedule, never a server's word. */
static void forced(void)
{
	struct rounds_sub s;
	const int64_t now = 1795075200;
	char when[40];

	memset(&s, 0, sizeof(s));
	s.status = ROUNDS_FEED_ACTIVE;
	s.next_fetch = now + 3600;
	ok(fetch_forced_decision(&s, now) == FETCH_FORCED_ASK,
	   "--all asks a feed not due on rounds' own schedule");
	s.error_count = 3;
	s.last_status = 500;
	ok(fetch_forced_decision(&s, now) == FETCH_FORCED_ASK,
	   "--all asks a feed backing off after 500s");
	s.last_status = 429;
	ok(fetch_forced_decision(&s, now) == FETCH_FORCED_WAIT,
	   "--all does not ask a feed that answered 429 before its time");
	s.last_status = 503;
	ok(fetch_forced_decision(&s, now) == FETCH_FORCED_WAIT,
	   "nor one that answered 503");
	s.next_fetch = now;
	ok(fetch_forced_decision(&s, now) == FETCH_FORCED_ASK,
	   "once its time has come it is asked");
	s.status = ROUNDS_FEED_GONE;
	s.last_status = 410;
	ok(fetch_forced_decision(&s, now) == FETCH_FORCED_GONE,
	   "a feed gone (410) is never asked");
	s.status = ROUNDS_FEED_PAUSED;
	s.last_status = 200;
	ok(fetch_forced_decision(&s, now) == FETCH_FORCED_PAUSED,
	   "a paused feed is not asked");

	is_int(fetch_failure_level(false, "error", 0), LOG_ERROR,
	       "a feed failing for the first time is shown under -q");
	is_int(fetch_failure_level(false, "error", 1), LOG_WARN,
	       "its next failures are not");
	is_int(fetch_failure_level(false, "rate_limited", 0), LOG_WARN,
	       "nor is a server asking for patience");
	is_int(fetch_failure_level(true, "error", 0), LOG_WARN,
	       "nor a comment feed's failure");

	/* 1795075200 is 2026-11-19 08:00 UTC */
	fetch_when_text(now + 3600, now, when, sizeof(when));
	is_str(when, "09:00 UTC", "a retry later today: the time only");
	fetch_when_text(now + 16 * 3600, now, when, sizeof(when));
	is_str(when, "2026-11-20 00:00 UTC",
	       "a retry tomorrow, under 20 hours away, says the date");
	fetch_when_text(now + 3 * 86400, now, when, sizeof(when));
	is_str(when, "2026-11-22 08:00 UTC", "a retry days away says the date");
}

/* WordPress's per-post comment feed, the page a look reads, the wait
 * after a look that found none. */
static void looks(void)
{
	static const struct { const char *in, *out; } wp[] = {
		{ "https://b.example/2026/11/post/",
		  "https://b.example/2026/11/post/feed/" },
		{ "https://b.example/2026/11/post",
		  "https://b.example/2026/11/post/feed/" },
		{ "https://b.example/post/#comments",
		  "https://b.example/post/feed/" },
		{ "https://b.example/?p=41", "https://b.example/?p=41&feed=rss2" },
		{ "file:///srv/post/", NULL },
		{ NULL, NULL },
	};
	static const struct { int misses; int64_t wait; } waits[] = {
		{ 0, 86400 }, { 1, 2 * 86400 }, { 2, 4 * 86400 },
		{ 3, 7 * 86400 }, { 40, 7 * 86400 },
	};
	char *got;
	size_t i;

	for (i = 0; i < sizeof(wp) / sizeof(wp[0]); i++) {
		got = fetch_wp_comment_feed(wp[i].in);
		is_str(got, wp[i].out, "WordPress comment feed of %s",
		       wp[i].in ? wp[i].in : "(null)");
		free(got);
	}
	got = fetch_look_page("https://b.example/p/#respond",
			      "https://b.example/p/");
	is_str(got, "https://b.example/p/", "the comments page, no fragment");
	free(got);
	got = fetch_look_page(NULL, "https://b.example/p/#top");
	is_str(got, "https://b.example/p/", "else the article's own link");
	free(got);
	ok(fetch_generator_wordpress("https://wordpress.org/?v=6.6.2"),
	   "generator: wordpress.org");
	ok(fetch_generator_wordpress("WordPress.com"), "generator: WordPress.com");
	ok(!fetch_generator_wordpress("Hugo 0.128.0") &&
	   !fetch_generator_wordpress(NULL), "generator: not WordPress");
	for (i = 0; i < sizeof(waits) / sizeof(waits[0]); i++)
		is_int(fetch_next_look(1000, waits[i].misses) - 1000,
		       waits[i].wait, "next look after %d misses",
		       waits[i].misses);
}

/* A feed's looks that keep finding none: steps of results, each with
 * the state and change it leads to (t: seconds after 1000). */
static void paused_looks(void)
{
	static const struct {
		const char *result;
		bool missed;              /* the article was missed before */
		int64_t t;
		enum fetch_looks_change change;
		int misses, pauses;
		int64_t until;            /* seconds after 1000 */
	} steps[] = {
		{ "none",  false, 0, FETCH_LOOKS_COUNTED, 1, 0, -1000 },
		{ "none",  true,  0, FETCH_LOOKS_SAME,    1, 0, -1000 },
		{ "error", false, 0, FETCH_LOOKS_SAME,    1, 0, -1000 },
		{ "none",  false, 0, FETCH_LOOKS_COUNTED, 2, 0, -1000 },
		{ "none",  false, 0, FETCH_LOOKS_COUNTED, 3, 0, -1000 },
		{ "none",  false, 0, FETCH_LOOKS_COUNTED, 4, 0, -1000 },
		/* the fifth article in a row: a week's pause */
		{ "none",  false, 0, FETCH_LOOKS_PAUSED,  5, 1, 7 * 86400 },
		/* a look begun before it counts, and changes no pause */
		{ "none",  false, 5, FETCH_LOOKS_COUNTED, 6, 1, 7 * 86400 },
		{ "none",  true,  5, FETCH_LOOKS_SAME,    6, 1, 7 * 86400 },
		{ "error", false, 5, FETCH_LOOKS_SAME,    6, 1, 7 * 86400 },
		/* after it, one look: none again doubles the pause */
		{ "none",  false, 7 * 86400, FETCH_LOOKS_PAUSED, 7, 2,
		  21 * 86400 },
		{ "none",  true,  21 * 86400, FETCH_LOOKS_PAUSED, 7, 3,
		  49 * 86400 },
		{ "none",  false, 49 * 86400, FETCH_LOOKS_PAUSED, 8, 4,
		  77 * 86400 },
		/* a failed look after a pause waits for the next one */
		{ "error", false, 77 * 86400, FETCH_LOOKS_SAME, 8, 4,
		  77 * 86400 },
		/* a find ends it all */
		{ "found", false, 77 * 86400, FETCH_LOOKS_RESUMED, 0, 0,
		  -1000 },
		{ "found", false, 77 * 86400, FETCH_LOOKS_SAME, 0, 0, -1000 },
		{ "none",  false, 78 * 86400, FETCH_LOOKS_COUNTED, 1, 0,
		  -1000 },
		{ "found", false, 78 * 86400, FETCH_LOOKS_COUNTED, 0, 0,
		  -1000 },
	};
	struct rounds_look_state t = { 0, 0, 0 };
	enum fetch_looks_change ch;
	size_t i;

	is_int(fetch_looks_pause(1), 7 * 86400, "the first pause: a week");
	is_int(fetch_looks_pause(2), 14 * 86400, "the second: two");
	is_int(fetch_looks_pause(3), 28 * 86400, "the third: four");
	is_int(fetch_looks_pause(1000), 28 * 86400, "never more than four");
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		ch = fetch_looks_after(&t, steps[i].result, steps[i].missed,
				       1000 + steps[i].t);
		ok(ch == steps[i].change && t.misses == steps[i].misses &&
		   t.pauses == steps[i].pauses &&
		   (t.pauses == 0 || t.until == 1000 + steps[i].until),
		   "look %zu (%s%s at +%lld s): change %d, %d misses, %d "
		   "pauses, until +%lld", i + 1, steps[i].result,
		   steps[i].missed ? ", missed before" : "",
		   (long long)steps[i].t, (int)ch, t.misses, t.pauses,
		   (long long)(t.until - 1000));
		ok(fetch_looks_paused(&t, 1000 + steps[i].t) ==
		   (steps[i].pauses > 0 && steps[i].until > steps[i].t),
		   "look %zu: paused %s", i + 1,
		   t.pauses > 0 && t.until > 1000 + steps[i].t ? "yes" :
		   "no");
	}
}

int main(void)
{
	struct fetch_conf fc;
	struct rounds_conf *conf;
	struct rounds_err err;
	int64_t now = 1795509000, t;
	size_t i;

	rounds_err_init(&err);
	conf = rounds_conf_load("/dev/null", &err);
	ok(conf != NULL, "an empty config loads");
	fetch_conf_init(&fc, conf);
	is_int(fc.interval, 3600, "default interval is an hour");
	is_int(fc.jobs, 16, "default jobs");
	is_int(fc.per_host, 2, "two per host");
	is_int(fc.comment_window, 14 * 86400, "comment window 14 days");
	ok(strncmp(fc.user_agent, "rounds/", 7) == 0, "user agent '%s'",
	   fc.user_agent);

	is_int(fetch_next_ok(&fc, now, 0), now + 3600, "default interval");
	is_int(fetch_next_ok(&fc, now, 60), now + 3600,
	       "a short ttl does not speed fetching up");
	is_int(fetch_next_ok(&fc, now, 7200), now + 7200, "ttl of 2 h kept");
	is_int(fetch_next_ok(&fc, now, 30 * 86400), now + 86400,
	       "a ttl of a month is clamped to a day");
	is_int(fetch_next_error(&fc, now, 0), now + 900, "first failure 15 min");
	is_int(fetch_next_error(&fc, now, 1), now + 1800, "second 30 min");
	is_int(fetch_next_error(&fc, now, 3), now + 7200, "fourth 2 h");
	is_int(fetch_next_error(&fc, now, 7), now + 86400, "capped at 24 h");
	is_int(fetch_next_error(&fc, now, 1000), now + 86400,
	       "no overflow with many failures");

	ok(fetch_retry_after(&fc, "120", now, &t) && t == now + 120,
	   "Retry-After in seconds");
	ok(fetch_retry_after(&fc, "Tue, 24 Nov 2026 10:00:00 GMT", now, &t) &&
	   t == 1795514400, "Retry-After as an HTTP-date");
	ok(fetch_retry_after(&fc, "0", now, &t) && t == now + 60,
	   "Retry-After 0 waits a minute at least");
	ok(fetch_retry_after(&fc, "99999999999999", now, &t) &&
	   t == now + 86400, "a huge Retry-After is capped");
	ok(fetch_retry_after(&fc, "Mon, 01 Jan 2001 00:00:00 GMT", now, &t) &&
	   t == now + 60, "a date in the past waits a minute");
	ok(!fetch_retry_after(&fc, "soon", now, &t), "nonsense is ignored");
	ok(!fetch_retry_after(&fc, NULL, now, &t), "absent");

	for (i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++)
		ok(fetch_ip_text_private(addrs[i].ip) == addrs[i].priv,
		   "%s is %s", addrs[i].ip, addrs[i].priv ? "private" : "public");
	{
		struct sockaddr_in in;
		struct sockaddr_in6 in6;

		memset(&in, 0, sizeof(in));
		in.sin_family = AF_INET;
		in.sin_addr.s_addr = htonl(0x7f000002);
		ok(fetch_addr_private((struct sockaddr *)&in),
		   "sockaddr 127.0.0.2 is private");
		in.sin_addr.s_addr = htonl(0x08080404);
		ok(!fetch_addr_private((struct sockaddr *)&in),
		   "sockaddr 8.8.4.4 is public");
		memset(&in6, 0, sizeof(in6));
		in6.sin6_family = AF_INET6;
		ok(inet_pton(AF_INET6, "::ffff:192.168.0.1",
			     &in6.sin6_addr) == 1 &&
		   fetch_addr_private((struct sockaddr *)&in6),
		   "sockaddr ::ffff:192.168.0.1 is private");
	}

	for (i = 0; i < sizeof(charsets) / sizeof(charsets[0]); i++) {
		char *cs = fetch_content_charset(charsets[i].ct);

		is_str(cs, charsets[i].cs, "charset of '%s'",
		       charsets[i].ct ? charsets[i].ct : "(none)");
		free(cs);
	}
	for (i = 0; i < sizeof(hostports) / sizeof(hostports[0]); i++) {
		char *hp = fetch_url_hostport(hostports[i].in);

		is_str(hp, hostports[i].out, "host:port of %s", hostports[i].in);
		free(hp);
	}
	for (i = 0; i < sizeof(comment_urls) / sizeof(comment_urls[0]); i++)
		ok(fetch_comment_url_allowed(comment_urls[i].feed,
					     comment_urls[i].url) ==
		   comment_urls[i].ok, "comment feed %s from %s %s",
		   comment_urls[i].url, comment_urls[i].feed,
		   comment_urls[i].ok ? "allowed" : "refused");
	ok(fetch_url_host_private("http://127.0.0.2:81/x"), "name check: 127.0.0.2");
	ok(fetch_url_host_private("http://LocalHost/x"), "name check: localhost");
	ok(fetch_url_host_private("http://a.localhost/x"), "name check: a.localhost");
	ok(fetch_url_host_private("http://[::1]/x"), "name check: [::1]");
	ok(fetch_url_host_private("http://[::ffff:10.0.0.1]/x"),
	   "name check: [::ffff:10.0.0.1]");
	ok(!fetch_url_host_private("https://example.org/x"),
	   "name check: example.org");
	ok(!fetch_url_host_private("http://93.184.216.34/x"),
	   "name check: a public address");
	{
		char *p = fetch_file_path("file:///srv/my%20feeds/a.xml");

		is_str(p, "/srv/my feeds/a.xml", "file URL to path, decoded");
		free(p);
		p = fetch_file_path("https://example.org/a.xml");
		is_str(p, NULL, "no path for https");
		free(p);
	}
	forced();
	looks();
	paused_looks();
	fetch_conf_release(&fc);
	rounds_conf_free(conf);
	return done_testing();
}
