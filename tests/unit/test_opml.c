/* test_opml.c: OPML import (nested tags, relative xmlUrl, sync, errors),
 * export, and the round trip between them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/conf.h"
#include "rounds/opml.h"
#include "rounds/store.h"
#include "../tap.h"
#include "sqlq.h"

static char dir[256];

static void path_in(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

static void write_file(const char *name, const char *text)
{
	char p[512];
	FILE *f;

	path_in(p, sizeof(p), name);
	f = fopen(p, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static const char nested[] =
	"<?xml version=\"1.0\"?>\n"
	"<opml version=\"2.0\"><head><title>t</title></head><body>\n"
	"<outline text=\"Interop\">\n"
	"  <outline text=\"FHIR\">\n"
	"    <outline type=\"rss\" text=\"Desk\" xmlUrl=\"https://desk.example/feed\"/>\n"
	"  </outline>\n"
	"  <outline type=\"rss\" text=\"Local\" title=\"Local &amp; Co\" xmlUrl=\"sub/feed.xml\"/>\n"
	"</outline>\n"
	"<outline text=\"Privacy\">\n"
	"  <outline type=\"rss\" text=\"Desk again\" xmlUrl=\"https://desk.example/feed\"/>\n"
	"</outline>\n"
	"<outline type=\"rss\" text=\"Loose\" xmlUrl=\"http://loose.example/rss\"/>\n"
	"<outline type=\"rss\" text=\"Bad\" xmlUrl=\"javascript:alert(1)\"/>\n"
	"<outline type=\"rss\" text=\"No URL\"/>\n"
	"</body></opml>\n";

static const char smaller[] =
	"<?xml version=\"1.0\"?>\n"
	"<opml version=\"2.0\"><head/><body>\n"
	"<outline text=\"News\">\n"
	"  <outline type=\"rss\" text=\"Desk renamed\" xmlUrl=\"https://desk.example/feed\"/>\n"
	"</outline>\n"
	"</body></opml>\n";

static void test_import(struct rounds_store *st)
{
	struct rounds_opml_stats s;
	struct rounds_err err;
	char p[512], *want, *got;

	write_file("nested.opml", nested);
	path_in(p, sizeof(p), "nested.opml");
	rounds_err_init(&err);
	is_int(rounds_opml_import(st, p, false, &s, &err), 0, "import");
	is_int(s.added, 3, "three feeds added (one listed twice)");
	is_int(s.skipped, 2, "two outlines skipped");
	ok(strstr(s.note, "line 13") && strstr(s.note, "javascript:"),
	   "the note names the line and the URL (%s)", s.note);
	check_text(st, "SELECT group_concat(tag, ',') FROM (SELECT tag FROM"
		   " feed_tags JOIN feeds ON id = feed_id WHERE url ="
		   " 'https://desk.example/feed' ORDER BY tag)",
		   "FHIR,Interop,Privacy", "nested outlines give all tags");
	check_text(st, "SELECT user_title FROM feeds WHERE url ="
		   " 'https://desk.example/feed'", "Desk", "title from text");
	check_text(st, "SELECT origin FROM feeds LIMIT 1", "opml",
		   "origin opml");
	is_int(q_int(st, "SELECT count(*) FROM feed_tags JOIN feeds ON id ="
		     " feed_id WHERE url = 'http://loose.example/rss'"), 0,
	       "a top-level feed has no tags");

	/* The relative xmlUrl is resolved against the file. */
	want = NULL;
	{
		char *real = realpath(dir, NULL);
		struct rounds_buf b;

		rounds_buf_init(&b, 0);
		if (real && rounds_buf_printf(&b, "file://%s/sub/feed.xml",
					      real) == 0)
			want = rounds_buf_detach(&b);
		free(real);
	}
	got = q_text(st, "SELECT url FROM feeds WHERE user_title ="
		     " 'Local & Co'");
	is_str(got, want, "a relative xmlUrl becomes a file:// URL; "
	       "title from title");
	free(got);
	free(want);

	rounds_err_init(&err);
	is_int(rounds_opml_import(st, p, false, &s, &err), 0, "import again");
	is_int(s.added, 0, "nothing added the second time");
	is_int(s.kept, 3, "three already there");
	is_int(q_int(st, "SELECT count(*) FROM feeds"), 3, "still three");

	/* A feed added by hand is never removed by sync. */
	is_int(rounds_store_feed_add(st, "https://mine.example/feed", NULL,
				     NULL, 0, "cli", NULL, &err), 0,
	       "a feed added by hand");
	write_file("smaller.opml", smaller);
	path_in(p, sizeof(p), "smaller.opml");
	is_int(rounds_opml_import(st, p, true, &s, &err), 0, "sync import");
	is_int(s.removed, 2, "sync removes the two the file dropped");
	is_int(q_int(st, "SELECT count(*) FROM feeds"), 2,
	       "the listed one and the hand-added one remain");
	check_text(st, "SELECT group_concat(tag) FROM feed_tags JOIN feeds"
		   " ON id = feed_id WHERE url = 'https://desk.example/feed'",
		   "News", "sync replaces the tags");
	check_text(st, "SELECT user_title FROM feeds WHERE url ="
		   " 'https://desk.example/feed'", "Desk renamed",
		   "sync replaces the title");
}

static void test_errors(struct rounds_store *st)
{
	static const struct {
		const char *name, *text, *needle;
		int code;
	} cases[] = {
		{ "broken.opml", "<?xml version=\"1.0\"?>\n<opml version=\"2.0\">"
		  "\n<body>\n<outline text=\"x\">\n</body></opml>\n",
		  "line 5", EX_DATAERR },
		{ "rss.opml", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"/>\n",
		  "not an OPML document", EX_DATAERR },
		{ "nobody.opml", "<opml version=\"2.0\"><head/></opml>",
		  "no <body>", EX_DATAERR },
		{ "entity.opml", "<?xml version=\"1.0\"?>\n<!DOCTYPE opml ["
		  "<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<opml><body>"
		  "<outline text=\"&x;\" xmlUrl=\"https://e.example/\"/>"
		  "</body></opml>\n", "external entity", EX_DATAERR },
	};
	struct rounds_opml_stats s;
	struct rounds_err err;
	char p[512];
	size_t i;
	long long before = q_int(st, "SELECT count(*) FROM feeds");

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		write_file(cases[i].name, cases[i].text);
		path_in(p, sizeof(p), cases[i].name);
		rounds_err_init(&err);
		is_int(rounds_opml_import(st, p, false, &s, &err), -1,
		       "%s fails", cases[i].name);
		is_int(err.code, cases[i].code, "%s: exit code",
		       cases[i].name);
		ok(strstr(err.msg, cases[i].needle) &&
		   strstr(err.msg, cases[i].name),
		   "%s: message names file and problem (%s)", cases[i].name,
		   err.msg);
	}
	path_in(p, sizeof(p), "missing.opml");
	rounds_err_init(&err);
	is_int(rounds_opml_import(st, p, false, &s, &err), -1, "missing file");
	is_int(err.code, EX_NOINPUT, "missing file: EX_NOINPUT");
	is_int(q_int(st, "SELECT count(*) FROM feeds"), before,
	       "failed imports change nothing");
}

static void test_export(struct rounds_store *st)
{
	struct rounds_opml_stats s;
	struct rounds_err err;
	struct rounds_store *st2;
	char *doc = NULL, p[512], db2[512];
	xmlDoc *x;

	rounds_err_init(&err);
	is_int(rounds_opml_export(st, &doc, &err), 0, "export");
	if (doc == NULL)
		return;
	x = xmlReadMemory(doc, (int)strlen(doc), NULL, NULL, XML_PARSE_NONET);
	ok(x != NULL, "the export is well-formed XML");
	xmlFreeDoc(x);
	ok(strstr(doc, "<opml version=\"2.0\">") != NULL, "OPML 2.0");
	ok(strstr(doc, "<dateCreated>Tue, 24 Nov 2026 08:30:00 GMT"
		  "</dateCreated>") != NULL, "dateCreated in RFC 822");
	ok(strstr(doc, "<outline text=\"News\">") != NULL, "grouped by tag");
	ok(strstr(doc, "type=\"rss\" text=\"Desk renamed\" title=\"Desk "
		  "renamed\" xmlUrl=\"https://desk.example/feed\"") != NULL,
	   "feed outline attributes");
	write_file("export.opml", doc);
	{
		const char *d = strstr(doc, "    <dateCreated>");
		const char *e = d ? strchr(d, '\n') : NULL;
		char *undated = NULL;

		is_int(rounds_opml_write(st, false, &undated, &err), 0,
		       "export without the date");
		ok(undated && d && e && strncmp(undated, doc,
						(size_t)(d - doc)) == 0 &&
		   strcmp(undated + (d - doc), e + 1) == 0,
		   "... the same document but for the dateCreated line");
		free(undated);
	}
	free(doc);

	/* Round trip into a fresh database. */
	path_in(db2, sizeof(db2), "second.db");
	st2 = rounds_store_open(db2, &err);
	ok(st2 != NULL, "second database");
	if (st2 == NULL)
		return;
	path_in(p, sizeof(p), "export.opml");
	is_int(rounds_opml_import(st2, p, false, &s, &err), 0,
	       "the export imports");
	is_int(s.added, q_int(st, "SELECT count(*) FROM feeds"),
	       "every feed comes back");
	check_text(st2, "SELECT group_concat(tag) FROM feed_tags JOIN feeds"
		   " ON id = feed_id WHERE url = 'https://desk.example/feed'",
		   "News", "with its tags");
	rounds_store_close(st2);
}

static void test_conf(struct rounds_store *st)
{
	struct rounds_opml_stats s;
	struct rounds_err err;
	struct rounds_conf *c;
	char p[512];

	write_file("none.conf", "[rounds]\ndb = x.db\n");
	path_in(p, sizeof(p), "none.conf");
	rounds_err_init(&err);
	c = rounds_conf_load(p, &err);
	ok(c != NULL, "config without opml");
	if (c) {
		is_int(rounds_opml_sync_from_conf(st, c, &s, &err), 0,
		       "no opml configured: nothing to do");
		is_int(s.added + s.removed + s.kept, 0, "... and nothing done");
		rounds_conf_free(c);
	}
	write_file("with.conf", "[feeds]\nopml = nested.opml\n");
	path_in(p, sizeof(p), "with.conf");
	c = rounds_conf_load(p, &err);
	ok(c != NULL, "config with opml");
	if (c) {
		is_int(rounds_opml_sync_from_conf(st, c, &s, &err), 0,
		       "synced from the configured OPML (relative path)");
		is_int(s.added, 2, "the two feeds sync dropped come back");
		is_int(s.kept, 1, "the one still listed is kept");
		rounds_conf_free(c);
	}
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	struct rounds_store *st;
	struct rounds_err err;
	char db[512], cmd[600];

	snprintf(dir, sizeof(dir), "%s/rounds-opml.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL || rounds_clock_set("2026-11-24T08:30:00Z",
						     NULL) < 0)
		return 1;
	path_in(db, sizeof(db), "t.db");
	rounds_err_init(&err);
	st = rounds_store_open(db, &err);
	ok(st != NULL, "store opens");
	if (st) {
		test_import(st);
		test_errors(st);
		test_export(st);
		test_conf(st);
		rounds_store_close(st);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("could not remove the scratch directory");
	return done_testing();
}
