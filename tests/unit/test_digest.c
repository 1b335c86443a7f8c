/* test_digest.c: the digest's parts: ISO weeks and windows, --since
 * values, word rules and topics, title keys, comment threads, excerpts. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/conf.h"
#include "rounds/thread.h"
#include "digest/digest_int.h"
#include "../tap.h"

static int64_t utc(const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm) == NULL)
		abort();
	return (int64_t)timegm(&tm);
}

static void test_week_of(void)
{
	static const struct {
		const char *t, *tz, *week, *since, *until;
	} cases[] = {
		{ "2021-01-03T12:00:00Z", "UTC", "2020-W53",
		  "2020-12-28T00:00:00Z", "2021-01-04T00:00:00Z" },
		{ "2021-01-04T00:00:00Z", "UTC", "2021-W01",
		  "2021-01-04T00:00:00Z", "2021-01-11T00:00:00Z" },
		{ "2020-12-31T23:59:59Z", NULL, "2020-W53",
		  "2020-12-28T00:00:00Z", "2021-01-04T00:00:00Z" },
		{ "2024-12-30T08:00:00Z", "UTC", "2025-W01",
		  "2024-12-30T00:00:00Z", "2025-01-06T00:00:00Z" },
		{ "2026-11-24T12:00:00Z", "UTC", "2026-W48",
		  "2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z" },
		{ "2027-01-03T23:59:59Z", "UTC", "2026-W53",
		  "2026-12-28T00:00:00Z", "2027-01-04T00:00:00Z" },
		{ "2016-01-03T10:00:00Z", "UTC", "2015-W53",
		  "2015-12-28T00:00:00Z", "2016-01-04T00:00:00Z" },
		{ "1969-12-31T23:00:00Z", "UTC", "1970-W01",
		  "1969-12-29T00:00:00Z", "1970-01-05T00:00:00Z" },
		/* An hour east of UTC: 23:30Z on Sunday is Monday already. */
		{ "2021-01-03T23:30:00Z", "<+01>-1", "2021-W01",
		  "2021-01-03T23:00:00Z", "2021-01-10T23:00:00Z" },
		/* Five hours west: 02:00Z on Monday is still Sunday. */
		{ "2021-01-04T02:00:00Z", "<-05>5", "2020-W53",
		  "2020-12-28T05:00:00Z", "2021-01-04T05:00:00Z" },
	};
	struct rounds_err err;
	char week[9], a[21], b[21];
	int64_t since, until;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rounds_err_init(&err);
		memset(week, 0, sizeof(week));
		ok(rounds_digest_week_of(utc(cases[i].t), cases[i].tz, &since,
					 &until, week, &err) == 0,
		   "week of %s in %s", cases[i].t,
		   cases[i].tz ? cases[i].tz : "(default)");
		is_str(week, cases[i].week, "  its week");
		rounds_clock_format(since, a);
		rounds_clock_format(until, b);
		is_str(a, cases[i].since, "  its start");
		is_str(b, cases[i].until, "  its end");
	}
}

static void test_week_parse(void)
{
	static const struct {
		const char *week, *tz;
		int code;
		const char *since, *until;
	} cases[] = {
		{ "2020-W53", "UTC", 0, "2020-12-28T00:00:00Z",
		  "2021-01-04T00:00:00Z" },
		{ "2026-W53", "UTC", 0, "2026-12-28T00:00:00Z",
		  "2027-01-04T00:00:00Z" },
		{ "2026-W01", "UTC", 0, "2025-12-29T00:00:00Z",
		  "2026-01-05T00:00:00Z" },
		{ "2026-w47", "UTC", 0, "2026-11-16T00:00:00Z",
		  "2026-11-23T00:00:00Z" },
		{ "2026-W47", "<+01>-1", 0, "2026-11-15T23:00:00Z",
		  "2026-11-22T23:00:00Z" },
		{ "2027-W53", "UTC", EX_USAGE, NULL, NULL },
		{ "2026-W54", "UTC", EX_USAGE, NULL, NULL },
		{ "2026-W00", "UTC", EX_USAGE, NULL, NULL },
		{ "2026W47", "UTC", EX_USAGE, NULL, NULL },
		{ "2026-W4", "UTC", EX_USAGE, NULL, NULL },
		{ "2026-W477", "UTC", EX_USAGE, NULL, NULL },
		{ "26-W47", "UTC", EX_USAGE, NULL, NULL },
		{ "", "UTC", EX_USAGE, NULL, NULL },
		{ "2026-W47", "Nowhere/Atlantis", EX_CONFIG, NULL, NULL },
	};
	struct rounds_err err;
	char a[21], b[21];
	int64_t since, until;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rounds_err_init(&err);
		rc = rounds_digest_week_parse(cases[i].week, cases[i].tz,
					      &since, &until, &err);
		if (cases[i].code) {
			is_int(err.code, cases[i].code, "'%s' in %s refused",
			       cases[i].week, cases[i].tz);
			ok(rc == -1 && strstr(err.msg, cases[i].tz[0] == 'N' ?
			   cases[i].tz : cases[i].week) != NULL,
			   "  the message names it: %s", err.msg);
			continue;
		}
		ok(rc == 0, "'%s' in %s", cases[i].week, cases[i].tz);
		rounds_clock_format(since, a);
		rounds_clock_format(until, b);
		is_str(a, cases[i].since, "  its start");
		is_str(b, cases[i].until, "  its end");
	}
}

/* Daylight saving time moves the week's end by an hour. */
static void test_week_dst(void)
{
	struct rounds_err err;
	int64_t since, until;
	char a[21], b[21], week[9];
	const char *tz_before = getenv("TZ");

	if (access("/usr/share/zoneinfo/Europe/Berlin", R_OK) != 0) {
		ok(1, "# SKIP no zone database");
		return;
	}
	rounds_err_init(&err);
	ok(rounds_digest_week_parse("2026-W13", "Europe/Berlin", &since,
				    &until, &err) == 0, "2026-W13 in Berlin");
	rounds_clock_format(since, a);
	rounds_clock_format(until, b);
	is_str(a, "2026-03-22T23:00:00Z", "  starts at midnight CET");
	is_str(b, "2026-03-29T22:00:00Z", "  ends at midnight CEST");
	is_int(until - since, 7 * 86400 - 3600, "  a week an hour short");
	ok(rounds_digest_week_of(utc("2026-03-29T22:30:00Z"), "Europe/Berlin",
				 &since, &until, week, &err) == 0 &&
	   strcmp(week, "2026-W14") == 0, "00:30 CEST on Monday is W14");
	ok((tz_before == NULL) == (getenv("TZ") == NULL) &&
	   (tz_before == NULL || strcmp(tz_before, getenv("TZ")) == 0),
	   "TZ is put back");
}

static void test_when(void)
{
	static const struct {
		const char *in, *tz;
		const char *want;        /* NULL: refused */
	} cases[] = {
		{ "7d", "UTC", "2026-11-17T12:00:00Z" },
		{ "48h", "UTC", "2026-11-22T12:00:00Z" },
		{ "1d12h", "UTC", "2026-11-23T00:00:00Z" },
		{ "2w", "UTC", "2026-11-10T12:00:00Z" },
		{ "30m", "UTC", "2026-11-24T11:30:00Z" },
		{ "2026-11-16", "UTC", "2026-11-16T00:00:00Z" },
		{ "2026-11-16", "<+01>-1", "2026-11-15T23:00:00Z" },
		{ "2026-11-16T08:00:00+01:00", "UTC", "2026-11-16T07:00:00Z" },
		{ "2026-11-16T08:00:00Z", "<+01>-1", "2026-11-16T08:00:00Z" },
		{ "2026-02-30", "UTC", NULL },
		{ "2026-13-01", "UTC", NULL },
		{ "7", "UTC", NULL },
		{ "d", "UTC", NULL },
		{ "7x", "UTC", NULL },
		{ "-7d", "UTC", NULL },
		{ "", "UTC", NULL },
		{ "last week", "UTC", NULL },
		{ "99999999999d", "UTC", NULL },
	};
	int64_t now = utc("2026-11-24T12:00:00Z"), t;
	struct rounds_err err;
	char buf[21];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rounds_err_init(&err);
		t = 0;
		if (cases[i].want == NULL) {
			ok(digest_parse_when(cases[i].in, cases[i].tz, now, &t,
					     &err) == -1 &&
			   err.code == EX_USAGE, "'%s' refused", cases[i].in);
			ok(strstr(err.msg, cases[i].in) != NULL,
			   "  the message names it: %s", err.msg);
			continue;
		}
		ok(digest_parse_when(cases[i].in, cases[i].tz, now, &t,
				     &err) == 0, "'%s' in %s", cases[i].in,
		   cases[i].tz);
		rounds_clock_format(t, buf);
		is_str(buf, cases[i].want, "  its time");
	}
}

static void test_calendar(void)
{
	int y, m, d, bad = 0;
	int64_t z;

	/* Day numbers and dates agree across four centuries. */
	for (z = -146097; z < 146097 * 2; z += 13) {
		digest_civil_from_days(z, &y, &m, &d);
		bad += digest_days_from_civil(y, m, d) != z;
	}
	is_int(bad, 0, "day numbers round-trip");
	is_int(digest_iso_weeks_in(2020), 53, "2020 has 53 weeks");
	is_int(digest_iso_weeks_in(2026), 53, "2026 has 53 weeks");
	is_int(digest_iso_weeks_in(2027), 52, "2027 has 52 weeks");
	is_int(digest_iso_weeks_in(2004), 53, "2004 (leap, from Thursday)");
	is_int(digest_iso_weeks_in(2100), 52, "2100 has 52 weeks");
}

static void test_terms(void)
{
	static const struct {
		const char *rules, *text;
		bool match;
	} cases[] = {
		{ "fhir", "New FHIR server released", true },
		{ "fhir", "fhirbase internals", false },
		{ "fhir", "the hl7-fhir bridge", true },
		{ "ehr", "Three EHRs compared", true },
		{ "ehr", "EHRA annual meeting", false },
		{ "ai", "How AI reads charts", true },
		{ "ai", "Email campaigns", false },
		{ "ai", "a naive approach", false },
		{ "\"prior authorization\"", "Prior\n  Authorization rules",
		  true },
		{ "\"prior authorization\"", "prior notes on authorization",
		  false },
		{ "cms, onc", "ONC's new rule", true },
		{ "\"value-based care\"", "Value-Based Care contracts", true },
		{ "hipaa", "caf\xc3\xa9hipaa", false },
		{ "fhir", "FHIR\xe2\x80\x94the standard", true },
		{ "fhir", "\xe2\x80\x9c" "FHIR\xe2\x80\x9d", true },
		{ "fhir", "\xc2\xab" "FHIR\xc2\xbb", true },
		{ " , ,", "anything", false },
		{ "\"a, b\"", "list: a, b, c", true },
		{ "fhir", "fhirbase first, FHIR later", true },
		{ "ehr", "ehrsx and ehrx", false },
		{ "ai", "\xf0\x9f\xa9\xba" "ai", false },
		{ "ai", "\xf0\x9f\xa9\xba ai", true },
		{ "zeta, \"beta gamma\", ai", "said beta gamma.", true },
	};
	struct digest_terms t;
	const char *parts[1];
	char *hay;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		digest_terms_parse(cases[i].rules, &t);
		parts[0] = cases[i].text;
		hay = digest_haystack(parts, 1);
		is_int(digest_terms_match(&t, hay), cases[i].match,
		       "[%s] %s '%s'", cases[i].rules,
		       cases[i].match ? "matches" : "does not match",
		       cases[i].text);
		free(hay);
		digest_terms_release(&t);
	}
	digest_terms_parse("Alpha,  \"Beta  Gamma\" ,delta", &t);
	is_int(t.n, 3, "three terms");
	if (t.n == 3) {
		is_str(t.v[0], "alpha", "  lower-cased");
		is_str(t.v[1], "beta gamma", "  quotes dropped, spaces one");
		is_str(t.v[2], "delta", "  trimmed");
	}
	digest_terms_release(&t);
	/* A phrase never spans two parts (title, then body). */
	{
		const char *two[2] = { "Prior", "Authorization today" };

		digest_terms_parse("\"prior authorization\"", &t);
		hay = digest_haystack(two, 2);
		ok(!digest_terms_match(&t, hay), "phrases stay in one part");
		free(hay);
		digest_terms_release(&t);
	}
}

static void test_topics(void)
{
	struct rounds_conf *conf;
	struct digest_topics t;
	struct rounds_err err;
	const char *parts[3];
	size_t idx[32], n;
	char *hay, path[] = "/tmp/test_digest_XXXXXX";
	FILE *f;
	int fd;

	/* The built-in set. */
	digest_topics_load(NULL, &t);
	ok(t.n >= 7, "built-in topics: %zu", t.n);
	parts[0] = "Ambient AI scribes meet the EHR";
	parts[1] = "A pilot with an LLM drafting notes.";
	parts[2] = "HIPAA";
	hay = digest_haystack(parts, 3);
	n = digest_topics_match(&t, hay, idx);
	ok(n == 3 && strcmp(t.v[idx[0]].name, "EHR") == 0 &&
	   strcmp(t.v[idx[1]].name, "Privacy & Security") == 0 &&
	   strcmp(t.v[idx[2]].name, "AI") == 0,
	   "several topics, in topic order (category counts)");
	free(hay);
	digest_topics_release(&t);

	/* The config's own set replaces it, in file order. */
	fd = mkstemp(path);
	f = fdopen(fd, "w");
	fputs("[topics]\nWaiting rooms = queue, \"waiting room\"\n"
	      "Labs = lab, \"lab results\"\n", f);
	fclose(f);
	rounds_err_init(&err);
	conf = rounds_conf_load(path, &err);
	ok(conf != NULL, "config with [topics] loads");
	digest_topics_load(conf, &t);
	is_int(t.n, 2, "the config's topics replace the built-in ones");
	if (t.n == 2) {
		is_str(t.v[0].name, "Waiting rooms", "  in file order");
		parts[0] = "Lab results in the waiting room";
		hay = digest_haystack(parts, 1);
		n = digest_topics_match(&t, hay, idx);
		ok(n == 2 && idx[0] == 0 && idx[1] == 1, "  both match");
		free(hay);
	}
	digest_topics_release(&t);
	rounds_conf_free(conf);
	unlink(path);
}

static void test_title_key(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "FHIR R5: What's New?", "fhir r5 what s new" },
		{ "  fhir r5 -- what's   new ", "fhir r5 what s new" },
		{ "Caf\xc3\xa9 EHR", "caf\xc3\xa9 ehr" },
		{ "Our FHIR Migration \xe2\x80\x94 Week Three!",
		  "our fhir migration week three" },
		{ "\xc2\xab" "Quoted\xc2\xbb title\xe2\x80\xa6",
		  "quoted title" },
		{ "!!!", NULL },
		{ "", NULL },
	};
	size_t i;
	char *k;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		k = digest_title_key(cases[i].in);
		is_str(k, cases[i].want, "title key %zu", i);
		free(k);
	}
}

/* Builds a thread from "id:parent" pairs and prints it as
 * "a(b(c) d) e": replies in parentheses, shown nodes only. */
static void show(const struct rounds_thread_node *n, size_t i,
		 struct rounds_buf *b)
{
	bool first = true;
	size_t k;

	for (; i != ROUNDS_THREAD_NONE; i = n[i].next) {
		if (!n[i].shown)
			continue;
		if (!first && rounds_buf_putc(b, ' ') < 0)
			return;
		first = false;
		if (rounds_buf_puts(b, n[i].id) < 0)
			return;
		for (k = n[i].child; k != ROUNDS_THREAD_NONE; k = n[k].next)
			if (n[k].shown)
				break;
		if (k != ROUNDS_THREAD_NONE) {
			if (rounds_buf_putc(b, '(') < 0)
				return;
			show(n, n[i].child, b);
			if (rounds_buf_putc(b, ')') < 0)
				return;
		}
	}
}

static void test_thread(void)
{
	static const struct {
		const char *pairs;   /* id:parent ..., written order */
		size_t max;
		const char *want;
		size_t shown;
	} cases[] = {
		{ "a: b:a c:b d:a e:", 10, "a(b(c) d) e", 5 },
		{ "a: b:a c:b d:a e:", 3, "a(b(c))", 3 },
		{ "a: b:a c:b d:a e:", 4, "a(b(c) d)", 4 },
		{ "a: b:a c:b d:a e:", 0, "", 0 },
		/* Orphans (unknown parent) and self-replies: top level. */
		{ "a: b:zz c:c d:a", 10, "a(d) b c", 4 },
		/* A cycle is broken at its first member. */
		{ "a:b b:a c:a", 10, "a(b c)", 3 },
		{ "a:c b:a c:b d:", 10, "a(b(c)) d", 4 },
		/* A reply written before its parent is still nested. */
		{ "r:p p: q:", 10, "p(r) q", 3 },
		{ "", 5, "", 0 },
	};
	struct rounds_thread_node nodes[16];
	char ids[16][4], pars[16][4];
	struct rounds_buf b;
	size_t i, n, root, shown;
	const char *p;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(nodes, 0, sizeof(nodes));
		for (n = 0, p = cases[i].pairs; *p && n < 16; n++) {
			size_t k = 0;

			while (*p == ' ')
				p++;
			while (*p && *p != ':' && k < 3)
				ids[n][k++] = *p++;
			ids[n][k] = '\0';
			p += *p == ':';
			for (k = 0; *p && *p != ' ' && k < 3;)
				pars[n][k++] = *p++;
			pars[n][k] = '\0';
			nodes[n].id = ids[n];
			nodes[n].parent = k ? pars[n] : NULL;
		}
		root = rounds_thread_build(nodes, n);
		shown = rounds_thread_trim(nodes, n, root, cases[i].max);
		rounds_buf_init(&b, 0);
		show(nodes, root, &b);
		is_str(rounds_buf_str(&b), cases[i].want, "thread [%s] max %zu",
		       cases[i].pairs, cases[i].max);
		is_int(shown, cases[i].shown, "  %zu shown", cases[i].shown);
		rounds_buf_release(&b);
	}
}

/* A long chain (each comment answers the one before) and a long cycle:
 * linked and trimmed whole. */
static void test_thread_long(void)
{
	enum { N = 20000 };
	struct rounds_thread_node *nodes = xcalloc(N, sizeof(*nodes));
	char (*ids)[8] = xcalloc(N, sizeof(*ids));
	size_t i, root, shown, depth = 0;

	for (i = 0; i < N; i++) {
		snprintf(ids[i], sizeof(ids[i]), "c%zu", i);
		nodes[i].id = ids[i];
		nodes[i].parent = i > 0 ? ids[i - 1] : NULL;
	}
	root = rounds_thread_build(nodes, N);
	for (i = root; i != ROUNDS_THREAD_NONE; i = nodes[i].child)
		depth++;
	ok(root == 0 && depth == N, "a chain of %d is one thread", N);
	shown = rounds_thread_trim(nodes, N, root, 5);
	ok(shown == 5 && nodes[4].shown && !nodes[5].shown,
	   "  trimmed to its first five");
	nodes[0].parent = ids[N - 1];     /* close the loop */
	root = rounds_thread_build(nodes, N);
	ok(root == 0 && nodes[0].up == ROUNDS_THREAD_NONE &&
	   nodes[N - 1].up == N - 2, "a cycle of %d opens at its first", N);
	free(nodes);
	free(ids);
}

static void test_dedupe(void)
{
	static const struct {
		int64_t row;
		size_t feed;
		const char *canonical, *title;
		int64_t when;
		bool dropped;
	} in[] = {
		/* 0..2: one link in three feeds; the first is row 11. */
		{ 10, 0, "https://a.example/p", "Post", 300, false },
		{ 11, 1, "https://a.example/p", "Repost", 200, false },
		{ 12, 2, "https://a.example/p", "Mirror", 200, false },
		/* 3, 4: one title in two feeds, different links. */
		{ 13, 0, "https://a.example/q", "FHIR: Week Three!", 100, false },
		{ 14, 1, "https://b.example/r", "fhir week three", 150, false },
		/* 5, 6: one title twice in one feed: two stories. */
		{ 15, 2, "https://c.example/1", "Links", 100, false },
		{ 16, 2, "https://c.example/2", "Links", 110, false },
		/* 7: the same link, but filtered out already. */
		{ 17, 3, "https://a.example/p", "Post", 50, true },
		/* 8, 9: no link; titles differ. */
		{ 18, 0, NULL, "One", 10, false },
		{ 19, 1, NULL, "Two", 10, false },
	};
	struct digest_article arts[10];
	size_t *also, n_also, i;

	memset(arts, 0, sizeof(arts));
	for (i = 0; i < 10; i++) {
		arts[i].row = in[i].row;
		arts[i].feed = in[i].feed;
		arts[i].canonical = (char *)in[i].canonical;
		arts[i].title = (char *)in[i].title;
		arts[i].when = in[i].when;
		arts[i].dropped = in[i].dropped;
		arts[i].main = (size_t)-1;
	}
	also = digest_dedupe(arts, 10, &n_also);
	is_int(n_also, 3, "three duplicates");
	ok(!arts[1].dropped && arts[1].main == 1 && arts[1].n_also == 2,
	   "the earliest (then lowest row) of a link is the main");
	ok(arts[0].dropped && arts[2].dropped && arts[0].main == 1 &&
	   arts[2].main == 1, "  the others are its duplicates");
	ok(n_also == 3 && also[arts[1].also] == 2 &&
	   also[arts[1].also + 1] == 0, "  listed by time, then row");
	ok(!arts[3].dropped && arts[4].dropped && arts[4].main == 3 &&
	   arts[3].n_also == 1 && also[arts[3].also] == 4,
	   "the same title from another feed is the same story");
	ok(!arts[5].dropped && !arts[6].dropped,
	   "the same title in one feed: two stories");
	ok(arts[7].dropped && arts[7].main == (size_t)-1,
	   "filtered articles take no part");
	ok(!arts[8].dropped && !arts[9].dropped, "no link, other titles: kept");
	free(also);
}

static bool utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int k;

	while (*p) {
		k = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 :
			(*p & 0xf0) == 0xe0 ? 2 : (*p & 0xf8) == 0xf0 ? 3 : -1;
		if (k < 0)
			return false;
		for (p++; k > 0; k--, p++)
			if ((*p & 0xc0) != 0x80)
				return false;
	}
	return true;
}

static void test_excerpt(void)
{
	const char *summary = "<p>Interoperability \xe2\x80\x94 the word "
			      "everyone uses and nobody funds.</p>";
	char *ex;

	ex = digest_excerpt(summary, "<p>ignored body</p>", 280);
	is_str(ex, "Interoperability \xe2\x80\x94 the word everyone uses "
	       "and nobody funds.", "the summary's text, whole");
	free(ex);
	ex = digest_excerpt(NULL, "<p>Body <b>text</b> only.</p>", 280);
	is_str(ex, "Body text only.", "no summary: the content's text");
	free(ex);
	ex = digest_excerpt("", "<p>Body.</p>", 280);
	is_str(ex, "Body.", "an empty summary counts as none");
	free(ex);
	ex = digest_excerpt("<p><img src=\"x.png\"></p>", "<p>Body.</p>", 280);
	is_str(ex, "Body.", "a summary without text counts as none");
	free(ex);
	ok(digest_excerpt(NULL, NULL, 280) == NULL, "no text: NULL");
	ok(digest_excerpt("<p> </p>", NULL, 280) == NULL, "blank: NULL");
	/* Cut at 19 bytes: inside the dash; a word boundary before it. */
	ex = digest_excerpt(summary, NULL, 19);
	ok(ex != NULL && utf8_ok(ex), "a cut excerpt is valid UTF-8");
	ok(ex != NULL && strncmp(ex, "Interoperability", 16) == 0 &&
	   strlen(ex) <= 19 + strlen("\xe2\x80\xa6"),
	   "  and within the length: '%s'", ex ? ex : "(null)");
	ok(ex != NULL && strstr(ex, "\xe2\x80\xa6") != NULL,
	   "  and says it was cut");
	free(ex);
	ex = digest_excerpt(summary, NULL, 30);
	ok(ex != NULL && strncmp(ex, "Interoperability \xe2\x80\x94 the",
				 24) == 0 && strstr(ex, "wor\xe2\x80\xa6") ==
	   NULL, "cut at a word boundary: '%s'", ex ? ex : "(null)");
	free(ex);
}

int main(void)
{
	test_calendar();
	test_week_of();
	test_week_parse();
	test_week_dst();
	test_when();
	test_terms();
	test_topics();
	test_title_key();
	test_thread();
	test_thread_long();
	test_dedupe();
	test_excerpt();
	return done_testing();
}
