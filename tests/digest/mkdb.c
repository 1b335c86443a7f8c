/* mkdb.c: builds the digest tests' database through the real store:
 * three fictional health-IT blogs, their entries around 2026-W47 and two
 * comment threads, stored as fetch results.
 *   mkdb DB                   the fixture
 *   mkdb DB --issue W N       also records issue N for week W
 *   mkdb DB --conversations   instead: one blog whose threads go on
 *                             from 2026-W47 into W48 (ranking, the
 *                             author's replies, masking, continued)
 *   mkdb DB --bulk E C        instead: E entries and C comments in one
 *                             week (2026-W47) over 50 feeds, for timing */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "rounds/buf.h"
#include <sqlite3.h>
#include "rounds/store.h"

static int64_t utc(const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm) == NULL) {
		fprintf(stderr, "mkdb: bad time '%s'\n", s);
		exit(1);
	}
	return (int64_t)timegm(&tm);
}

struct spec {
	const char *id, *title, *link, *published, *updated;
	const char *cats;          /* "a|b" */
	const char *author, *email;
	const char *summary, *content;
	const char *comments, *comments_feed;
	int count;                 /* -1: the feed does not say */
	const char *reply_to;      /* comments: thr:in-reply-to ref */
	const char *uri;           /* the author's uri */
};

static void split_into(const char *s, char ***v, size_t *n)
{
	const char *p = s, *e;

	while (s && *p) {
		e = strchr(p, '|');
		if (e == NULL)
			e = p + strlen(p);
		*v = xrealloc(*v, (*n + 1) * sizeof(**v));
		(*v)[(*n)++] = xstrndup(p, (size_t)(e - p));
		p = *e ? e + 1 : e;
	}
}

static void fill(struct rounds_feed *f, const struct spec *s)
{
	struct rounds_entry *e = rounds_feed_add_entry(f);

	e->id = xstrdup(s->id);
	e->title = xstrdup(s->title);
	e->link = xstrdup(s->link);
	if (s->published) {
		e->published = utc(s->published);
		e->has_published = true;
	}
	if (s->updated) {
		e->updated = utc(s->updated);
		e->has_updated = true;
	}
	split_into(s->cats, &e->categories, &e->n_categories);
	if (s->author) {
		e->authors = xcalloc(1, sizeof(*e->authors));
		e->n_authors = 1;
		e->authors[0].name = xstrdup(s->author);
		e->authors[0].email = xstrdup(s->email);
		e->authors[0].uri = xstrdup(s->uri);
	}
	e->summary = xstrdup(s->summary);
	e->content = xstrdup(s->content);
	e->comments = xstrdup(s->comments);
	e->comments_feed = xstrdup(s->comments_feed);
	if (s->count >= 0) {
		e->comment_count = s->count;
		e->has_comment_count = true;
	}
	if (s->reply_to) {
		e->in_reply_to = xcalloc(1, sizeof(*e->in_reply_to));
		e->n_in_reply_to = 1;
		e->in_reply_to[0].ref = xstrdup(s->reply_to);
	}
}

static void store(struct rounds_store *st, int64_t feed_id, int64_t entry_id,
		  const char *url, const char *title, const char *site,
		  const char *started, const struct spec *specs, size_t n)
{
	struct rounds_feed *f = rounds_feed_new();
	struct rounds_fetch_result res;
	struct rounds_err err;
	size_t i;

	f->format = ROUNDS_FMT_RSS20;
	f->title = xstrdup(title);
	f->link = xstrdup(site);
	for (i = 0; i < n; i++)
		fill(f, &specs[i]);
	memset(&res, 0, sizeof(res));
	res.feed_id = feed_id;
	res.entry_id = entry_id;
	res.url = url;
	res.started = utc(started);
	res.http_status = 200;
	res.result = "ok";
	res.next_fetch = res.started + 3600;
	res.feed = f;
	rounds_err_init(&err);
	if (rounds_store_fetch_result(st, &res, NULL, &err) < 0) {
		fprintf(stderr, "mkdb: %s\n", err.msg);
		exit(1);
	}
	rounds_feed_free(f);
}

static int64_t add(struct rounds_store *st, const char *url, const char *tag)
{
	struct rounds_err err;
	const char *tags[1] = { tag };
	int64_t id;

	rounds_err_init(&err);
	if (rounds_store_feed_add(st, url, NULL, tags, tag ? 1 : 0, NULL, &id,
				  &err) < 0) {
		fprintf(stderr, "mkdb: %s\n", err.msg);
		exit(1);
	}
	return id;
}

/* Our own handle on the store's file, for what the store does not offer
 * (writing rows directly). */
static sqlite3 *raw(struct rounds_store *st)
{
	static sqlite3 *db;

	if (db == NULL) {
		if (sqlite3_open_v2(rounds_store_path(st), &db,
				    SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
			exit(1);
		sqlite3_busy_timeout(db, 5000);
	}
	return db;
}

static int64_t entry_row(struct rounds_store *st, const char *guid)
{
	sqlite3_stmt *s;
	int64_t id = 0;

	if (sqlite3_prepare_v2(raw(st), "SELECT id FROM entries"
			       " WHERE guid = ?1", -1, &s, NULL) != SQLITE_OK)
		exit(1);
	sqlite3_bind_text(s, 1, guid, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (id == 0) {
		fprintf(stderr, "mkdb: no entry '%s'\n", guid);
		exit(1);
	}
	return id;
}

#define WN "https://ward-notes.example/2026/11/"
#define ID "https://interop-desk.example/posts/"
#define QL "https://quiet-ledger.example/"

static const struct spec ward[] = {
	{ WN "ambient-scribes", "Ambient scribes after six months",
	  WN "ambient-scribes", "2026-11-17T09:00:00Z", NULL,
	  "AI|Documentation", "Priya Raman", "priya@ward-notes.example",
	  "Six months into the ambient documentation pilot, notes are "
	  "shorter and clinicians leave on time more often.",
	  "<p>Six months into the pilot, <em>notes are shorter</em>.</p>",
	  WN "ambient-scribes#comments", WN "ambient-scribes/feed", 4, NULL,
	  NULL },
	{ WN "fhir-week-three", "Our FHIR migration, week three",
	  WN "fhir-week-three?utm_source=rss", "2026-11-19T14:30:00Z", NULL,
	  "Interoperability", NULL, NULL,
	  "Mapping allergy records to FHIR resources took longer than the "
	  "whole lab interface.", NULL, NULL, NULL, -1, NULL, NULL },
	{ WN "old-news", "Last month's downtime drill",
	  WN "old-news", "2026-11-10T08:00:00Z", NULL, NULL, NULL, NULL,
	  "Outside the week.", NULL, NULL, NULL, -1, NULL, NULL },
	{ WN "next-week", "Monday morning huddle",
	  WN "next-week", "2026-11-23T00:00:00Z", NULL, NULL, NULL, NULL,
	  "Starts the next week, so it waits.", NULL, NULL, NULL, -1, NULL,
	  NULL },
};

static const struct spec ward_comments[] = {
	{ "urn:wn:c11", NULL, WN "ambient-scribes#comment-11",
	  "2026-11-17T10:00:00Z", NULL, NULL, "Dana", NULL, NULL,
	  "<p>We saw the same drop in after-hours charting.</p>",
	  NULL, NULL, -1, NULL, NULL },
	{ "urn:wn:c12", NULL, WN "ambient-scribes#comment-12",
	  "2026-11-17T11:00:00Z", NULL, NULL, "Luis", NULL, NULL,
	  "<p>Did the notes get longer for the sicker patients?</p>",
	  NULL, NULL, -1, "urn:wn:c11", NULL },
	{ "urn:wn:c13", NULL, WN "ambient-scribes#comment-13",
	  "2026-11-17T12:00:00Z", NULL, NULL, "Mei", NULL, NULL,
	  "<p>How did you get consent from patients?</p>",
	  NULL, NULL, -1, NULL, NULL },
	{ "urn:wn:c14", NULL, WN "ambient-scribes#comment-14",
	  "2026-11-18T08:00:00Z", NULL, NULL, "Dana", NULL, NULL,
	  "<p>A little, yes; the model leaves out less.</p>",
	  NULL, NULL, -1, "urn:wn:c12", NULL },
	{ "urn:wn:c15", NULL, WN "ambient-scribes#comment-15",
	  "2026-11-18T09:00:00Z", NULL, NULL, "Ola", NULL, NULL,
	  "<p>Which vendor, if you can say?</p>", NULL, NULL, -1, NULL, NULL },
};

static const struct spec desk[] = {
	{ "desk-101", "TEFCA participation: a reading list",
	  ID "tefca-reading-list", "2026-11-16T00:00:00Z", NULL, "Policy",
	  "Sam Ito", NULL,
	  "Five documents worth an afternoon before your organisation "
	  "signs on.", NULL, ID "tefca-reading-list#comments", NULL, -1,
	  NULL, NULL },
	{ "desk-102", "Our FHIR Migration \xe2\x80\x94 Week Three!",
	  ID "ward-notes-fhir", "2026-11-20T07:00:00Z", NULL, NULL, NULL,
	  NULL, "A repost, with thanks to Ward Notes.", NULL, NULL, NULL, -1,
	  NULL, NULL },
	{ "desk-103", "Prior authorization rules, explained",
	  ID "prior-auth", NULL, NULL, "Payer", NULL, NULL, NULL,
	  "<p>The new rule sets <strong>deadlines</strong> for payers.</p>",
	  NULL, NULL, -1, NULL, NULL },
};

static const struct spec desk_comments[] = {
	{ "urn:desk:k1", NULL, NULL, "2026-11-16T09:00:00Z", NULL, NULL,
	  "Anonymous", NULL, NULL, "<p>Thanks, the third one was new to "
	  "me.</p>", NULL, NULL, -1, NULL, NULL },
	{ "urn:desk:k2", NULL, NULL, "2026-11-16T10:00:00Z", NULL, NULL,
	  "Rae", NULL, NULL, "<p>Answering a comment that was removed.</p>",
	  NULL, NULL, -1, "urn:desk:k0-removed", NULL },
};

static const struct spec ledger[] = {
	{ "ql-7", "Reposted: ambient scribes after six months",
	  "https://WARD-NOTES.example/2026/11/ambient-scribes/",
	  "2026-11-18T12:00:00Z", NULL, NULL, NULL, NULL,
	  "Worth reading twice.", NULL, NULL, NULL, -1, NULL, NULL },
	{ "ql-8", "Breach reporting timelines", QL "breach-timelines",
	  "2026-11-22T23:59:59Z", "2026-11-23T10:00:00Z", "HIPAA|Compliance",
	  "R. Okafor", "ro@quiet-ledger.example",
	  "When a breach touches fewer than five hundred people, the "
	  "notice can wait for the annual log, but the patients cannot: "
	  "each of them must hear within sixty days.  We walk through the "
	  "three clocks that start the day a breach is found, what a "
	  "reasonable investigation looks like, and why the notice letter "
	  "deserves a plain-language review before it goes out.",
	  NULL, NULL, NULL, 0, NULL, NULL },
	/* The same title twice in one feed: two stories, not one. */
	{ "ql-9", "Links for the week", QL "links-47a", "2026-11-20T17:00:00Z",
	  NULL, NULL, NULL, NULL, "Audit logs, badge readers, a quiz.", NULL,
	  NULL, NULL, -1, NULL, NULL },
	{ "ql-10", "Links for the week", QL "links-47b", "2026-11-21T17:00:00Z",
	  NULL, NULL, NULL, NULL, "More on audit logs.", NULL, NULL, NULL, -1,
	  NULL, NULL },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void fixture(struct rounds_store *st)
{
	int64_t wn = add(st, "https://ward-notes.example/feed", "clinical");
	int64_t de = add(st, "https://interop-desk.example/feed", "policy");
	int64_t ql = add(st, "https://quiet-ledger.example/atom", "security");

	store(st, wn, 0, "https://ward-notes.example/feed", "Ward Notes",
	      "https://ward-notes.example/", "2026-11-23T06:00:00Z", ward,
	      N(ward));
	store(st, de, 0, "https://interop-desk.example/feed",
	      "The Interop Desk", "https://interop-desk.example/",
	      "2026-11-18T08:00:00Z", desk, N(desk));
	store(st, ql, 0, "https://quiet-ledger.example/atom", "Quiet Ledger",
	      NULL, "2026-11-23T06:00:00Z", ledger, N(ledger));
	store(st, wn, entry_row(st, WN "ambient-scribes"),
	      WN "ambient-scribes/feed", NULL, NULL, "2026-11-23T06:05:00Z",
	      ward_comments, N(ward_comments));
	store(st, de, entry_row(st, "desk-101"),
	      ID "tefca-reading-list/feed", NULL, NULL,
	      "2026-11-23T06:05:00Z", desk_comments, N(desk_comments));
}

#define BN "https://bedside.example/"
#define ANA "https://bedside.example/about/ana"

/* Bedside Notes: a discussion (B1) that goes on into W48, a thread of
 * one-off comments (B2), a quiet post, an old thread outside the comment
 * window and a new post in W48. */
static const struct spec bedside[] = {
	{ "bn-1", "Proxy access for teenagers", BN "proxy-teens",
	  "2026-11-17T09:00:00Z", NULL, NULL, "Ana Ruiz", NULL,
	  "Who sees a teenager's portal, and from what age.", NULL,
	  BN "proxy-teens#comments", NULL, -1, NULL, ANA },
	{ "bn-2", "Flu clinic hours", BN "flu-clinic",
	  "2026-11-18T09:00:00Z", NULL, NULL, "Ana Ruiz", NULL,
	  "The flu clinic opens early this season.", NULL,
	  BN "flu-clinic#comments", NULL, 6, NULL, ANA },
	{ "bn-3", "A quiet post", BN "quiet", "2026-11-19T09:00:00Z", NULL,
	  NULL, "Ana Ruiz", NULL, "Nobody answered this one.", NULL, NULL,
	  NULL, -1, NULL, ANA },
	{ "bn-0", "An old thread", BN "old-thread", "2026-11-02T09:00:00Z",
	  NULL, NULL, "Ana Ruiz", NULL, "From the start of the month.",
	  NULL, NULL, NULL, -1, NULL, ANA },
	{ "bn-5", "Week 48 post", BN "week-48", "2026-11-24T09:00:00Z", NULL,
	  NULL, "Ana Ruiz", NULL, "A new week.", NULL, NULL, NULL, -1, NULL,
	  ANA },
};

static const struct spec proxy_comments[] = {
	{ "bn-1-c1", NULL, BN "proxy-teens#c1", "2026-11-17T10:00:00Z", NULL,
	  NULL, "Tom", NULL, NULL, "<p>Our portal hides the notes at 13, "
	  "and parents ring the front desk about it.</p>", NULL, NULL, -1,
	  NULL, NULL },
	{ "bn-1-c2", NULL, BN "proxy-teens#c2", "2026-11-17T12:00:00Z", NULL,
	  NULL, "Ana Ruiz", NULL, NULL, "<p>We follow the same rule; the "
	  "letter to parents helps.</p>", NULL, NULL, -1, "bn-1-c1", ANA },
	{ "bn-1-c3", NULL, BN "proxy-teens#c3", "2026-11-18T08:00:00Z", NULL,
	  NULL, "Tom", NULL, NULL, "<p>Could you share that letter? Ours "
	  "is three pages long and nobody reads it.</p>", NULL, NULL, -1,
	  "bn-1-c2", NULL },
	/* the next week */
	{ "bn-1-c4", NULL, BN "proxy-teens#c4", "2026-11-24T09:00:00Z", NULL,
	  NULL, "Mia", NULL, NULL, "<p>Seconding Tom: a template letter "
	  "would save us a week.</p>", NULL, NULL, -1, "bn-1-c3", NULL },
	{ "bn-1-c5", NULL, BN "proxy-teens#c5", "2026-11-25T10:00:00Z", NULL,
	  NULL, "ana ruiz", NULL, NULL, "<p>It is up on the resources page "
	  "now.</p>", NULL, NULL, -1, "bn-1-c4", NULL },
	{ "bn-1-c6", NULL, BN "proxy-teens#c6", "2026-11-26T10:00:00Z", NULL,
	  NULL, "Raj", NULL, NULL, "<p>We give teenagers their own login "
	  "at 12.</p>", NULL, NULL, -1, NULL, NULL },
};

static const struct spec flu_comments[] = {
	{ "bn-2-c1", NULL, NULL, "2026-11-18T10:00:00Z", NULL, NULL, "Jo",
	  "jo@example.net", NULL, "<p>Mail me at <a href=\"mailto:jo@example"
	  ".net\">jo@example.net</a> or call 555-0134 about the 2026-11-30 "
	  "clinic.</p>", NULL, NULL, -1, NULL, "mailto:jo@example.net" },
	{ "bn-2-c2", NULL, NULL, "2026-11-18T11:00:00Z", NULL, NULL,
	  "sam@example.com", NULL, NULL, "<p>Good news.</p>", NULL, NULL, -1,
	  NULL, NULL },
	{ "bn-2-c3", NULL, NULL, "2026-11-18T12:00:00Z", NULL, NULL, "Lee",
	  NULL, NULL, "<p>Finally.</p>", NULL, NULL, -1, NULL, NULL },
	{ "bn-2-c4", NULL, NULL, "2026-11-18T13:00:00Z", NULL, NULL, "Kim",
	  NULL, NULL, "<p>Thanks.</p>", NULL, NULL, -1, NULL, NULL },
	{ "bn-2-c5", NULL, NULL, "2026-11-18T14:00:00Z", NULL, NULL, "Noor",
	  NULL, NULL, "<p>Great.</p>", NULL, NULL, -1, NULL, NULL },
	{ "bn-2-c6", NULL, NULL, "2026-11-18T15:00:00Z", NULL, NULL, "Eli",
	  NULL, NULL, "<p>See you there.</p>", NULL, NULL, -1, NULL, NULL },
	/* the next week: answers Jo, whose words are quoted masked */
	{ "bn-2-c7", NULL, BN "flu-clinic#c7", "2026-11-27T10:00:00Z", NULL,
	  NULL, "Pat", NULL, NULL, "<p>Is it open on the Saturday too?</p>",
	  NULL, NULL, -1, "bn-2-c1", NULL },
};

static const struct spec old_comments[] = {
	{ "bn-0-c1", NULL, NULL, "2026-11-25T09:00:00Z", NULL, NULL, "Zoe",
	  NULL, NULL, "<p>Late to this one.</p>", NULL, NULL, -1, NULL,
	  NULL },
};

static void conversations(struct rounds_store *st)
{
	int64_t bn = add(st, "https://bedside.example/feed", "conv");

	store(st, bn, 0, "https://bedside.example/feed", "Bedside Notes",
	      BN, "2026-11-26T12:00:00Z", bedside, N(bedside));
	store(st, bn, entry_row(st, "bn-1"), BN "proxy-teens/feed", NULL,
	      NULL, "2026-11-26T12:05:00Z", proxy_comments,
	      N(proxy_comments));
	store(st, bn, entry_row(st, "bn-2"), BN "flu-clinic/feed", NULL,
	      NULL, "2026-11-26T12:05:00Z", flu_comments, N(flu_comments));
	store(st, bn, entry_row(st, "bn-0"), BN "old-thread/feed", NULL,
	      NULL, "2026-11-26T12:05:00Z", old_comments, N(old_comments));
}

static void issue(struct rounds_store *st, const char *week, const char *n)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(raw(st), "INSERT INTO issues"
			       "(number, week, since, until, published, uid)"
			       " VALUES(?1, ?2, 0, 1, 1, ?2)", -1, &s, NULL)
	    != SQLITE_OK)
		exit(1);
	sqlite3_bind_int64(s, 1, strtoll(n, NULL, 10));
	sqlite3_bind_text(s, 2, week, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE) {
		fprintf(stderr, "mkdb: %s\n",
			sqlite3_errmsg(raw(st)));
		exit(1);
	}
	sqlite3_finalize(s);
}

/* E entries over 50 feeds, C comments spread over them, all in W47. */
static void bulk(struct rounds_store *st, long n_entries, long n_comments)
{
	struct rounds_buf url, text;
	struct rounds_err err;
	int64_t since = utc("2026-11-16T00:00:00Z"), feed = 0, *rows, *feeds;
	long i, j, per;
	sqlite3 *db = raw(st);
	sqlite3_stmt *e, *c;
	int w = 0;

	rounds_err_init(&err);
	rounds_buf_init(&url, 0);
	feeds = xcalloc((size_t)n_entries + 1, sizeof(*feeds));
	for (i = 0; i < n_entries; i++) {
		if (i % (n_entries / 50 + 1) == 0) {
			rounds_buf_reset(&url);
			w |= rounds_buf_printf(&url, "https://blog%ld.example/"
					       "feed", i);
			feed = add(st, rounds_buf_str(&url), "bulk");
		}
		feeds[i] = feed;
	}
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		exit(1);
	if (sqlite3_prepare_v2(db, "INSERT INTO entries(feed_id, guid, link,"
	    " canonical, title, categories, published, summary, content,"
	    " content_hash, comment_count, first_seen, last_seen)"
	    " VALUES(?1, ?2, ?3, ?3, ?4, '[\"Health IT\"]', ?5, ?6, ?6, 'x',"
	    " ?7, ?5, ?5)", -1, &e, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO comments(entry_id, guid,"
	    " parent_guid, author, published, content, first_seen)"
	    " VALUES(?1, ?2, ?3, '{\"name\":\"Reader\"}', ?4, ?5, ?4)", -1,
	    &c, NULL) != SQLITE_OK) {
		fprintf(stderr, "mkdb: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	rows = xcalloc((size_t)n_entries + 1, sizeof(*rows));
	rounds_buf_init(&text, 0);
	for (i = 0; i < n_entries; i++) {
		rounds_buf_reset(&url);
		rounds_buf_reset(&text);
		w |= rounds_buf_printf(&url, "https://blog.example/%ld", i);
		w |= rounds_buf_printf(&text, "<p>Entry %ld about FHIR, the "
				       "EHR and telehealth policy, with enough "
				       "words to make an excerpt worth "
				       "cutting somewhere in the middle of "
				       "this sentence and the next one.</p>",
				       i);
		sqlite3_bind_int64(e, 1, feeds[i]);
		sqlite3_bind_text(e, 2, rounds_buf_str(&url), -1,
				  SQLITE_TRANSIENT);
		sqlite3_bind_text(e, 3, rounds_buf_str(&url), -1,
				  SQLITE_TRANSIENT);
		sqlite3_bind_text(e, 4, rounds_buf_str(&text) + 3, 30,
				  SQLITE_TRANSIENT);
		sqlite3_bind_int64(e, 5, since + i * 50);
		sqlite3_bind_text(e, 6, rounds_buf_str(&text), -1,
				  SQLITE_TRANSIENT);
		sqlite3_bind_int64(e, 7, n_comments / (n_entries ? n_entries :
							1));
		if (sqlite3_step(e) != SQLITE_DONE)
			exit(1);
		sqlite3_reset(e);
		rows[i] = sqlite3_last_insert_rowid(db);
	}
	per = n_entries ? n_comments / n_entries : 0;
	for (i = 0; i < n_entries; i++)
		for (j = 0; j < per; j++) {
			char guid[64], parent[64];

			snprintf(guid, sizeof(guid), "c-%ld-%ld", i, j);
			snprintf(parent, sizeof(parent), "c-%ld-%ld", i, j / 2);
			sqlite3_bind_int64(c, 1, rows[i]);
			sqlite3_bind_text(c, 2, guid, -1, SQLITE_TRANSIENT);
			if (j > 0)
				sqlite3_bind_text(c, 3, parent, -1,
						  SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(c, 3);
			sqlite3_bind_int64(c, 4, since + i * 50 + j * 60);
			sqlite3_bind_text(c, 5, "<p>A reader's view.</p>", -1,
					  SQLITE_STATIC);
			if (sqlite3_step(c) != SQLITE_DONE)
				exit(1);
			sqlite3_reset(c);
		}
	sqlite3_finalize(e);
	sqlite3_finalize(c);
	free(rows);
	free(feeds);
	rounds_buf_release(&url);
	rounds_buf_release(&text);
	if (w < 0 || sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		exit(1);
}

int main(int argc, char **argv)
{
	struct rounds_store *st;
	struct rounds_err err;

	if (argc < 2) {
		fprintf(stderr, "usage: mkdb DB [--issue W N | --bulk E C | "
			"--conversations]\n");
		return 64;
	}
	rounds_err_init(&err);
	if ((st = rounds_store_open(argv[1], &err)) == NULL) {
		fprintf(stderr, "mkdb: %s\n", err.msg);
		return 1;
	}
	if (argc == 5 && strcmp(argv[2], "--bulk") == 0)
		bulk(st, strtol(argv[3], NULL, 10), strtol(argv[4], NULL, 10));
	else if (argc == 5 && strcmp(argv[2], "--issue") == 0)
		issue(st, argv[3], argv[4]);
	else if (argc == 3 && strcmp(argv[2], "--conversations") == 0)
		conversations(st);
	else
		fixture(st);
	rounds_store_close(st);
	return 0;
}
