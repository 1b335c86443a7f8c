/* test_conf.c: INI loading, defaults, and errors that name the line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "rounds/conf.h"
#include "rounds/err.h"
#include "../tap.h"

static char *write_tmp(const char *text)
{
	char *path = strdup("/tmp/rounds-conf-XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	fputs(text, f);
	fclose(f);
	return path;
}

/* text fails to load with EX_CONFIG and a message holding want and
 * want2 (NULL: anything). */
static void bad(const char *text, const char *want, const char *want2)
{
	struct rounds_err err;
	struct rounds_conf *c;
	char *path = write_tmp(text);

	rounds_err_init(&err);
	c = rounds_conf_load(path, &err);
	ok(c == NULL && err.code == EX_CONFIG, "refused with EX_CONFIG: %s",
	   err.msg);
	ok(strstr(err.msg, path) && strstr(err.msg, want) &&
	   (want2 == NULL || strstr(err.msg, want2)),
	   "names the file and '%s'", want);
	rounds_conf_free(c);
	unlink(path);
	free(path);
}

static void bad_cases(void)
{
	bad("[fetch]\njobs = 4\nfrobnicate = 1\n", "line 3",
	    "[fetch] has no key 'frobnicate'");
	bad("[fetch]\nintervall = 60\n", "line 2", "did you mean `interval`?");
	bad("[rounds]\n\n[nosuch]\nx = 1\n", "line 4",
	    "unknown section [nosuch]");
	bad("[fetsh]\njobs = 1\n", "did you mean [fetch]?", NULL);
	bad("[fetch]\njobs = lots\n", "[fetch] jobs = 'lots'",
	    "a whole number from 1 to 256");
	bad("[rounds]\nlock_wait = soon\n", "line 2",
	    "[rounds] lock_wait = 'soon'");
	bad("[fetch]\ninterval = -5\n", "interval = '-5'", "from 0 to");
	bad("[fetch]\njobs = 99999999999999999999\n", "jobs", "from 1");
	bad("[digest]\ngroup = author\n", "one of source|topic", NULL);
	bad("[site]\njobs = 2\n", "did you mean to put it under [fetch]?",
	    NULL);
	bad("jobs = 2\n", "outside any [section]", "[fetch]");
	bad("; a comment\n[fetch]\n# another\n\njobs = 0\n", "line 5",
	    NULL);
	bad("[feed:ward]\nurl = https://w.example/feed\ncomments = some\n",
	    "line 3", "[feed:ward] comments = 'some': expected one of "
	    "auto|feed-only|off");
	bad("[feeds]\ncomments = maybe\n", "line 2", "auto|feed-only|off");
	bad("[feed:ward]\ncomments = off\n", "line 2",
	    "[feed:ward] names no feed");
	bad("[feed:]\nurl = x\n", "unknown section [feed:]", NULL);
	bad("[feed:ward]\nurl = x\ninterval = 5\n",
	    "[feed:ward] has no key 'interval'", NULL);
}

/* [feed:NAME] sections: a feed's own setting, else [feeds], else def. */
static void feed_sections(void)
{
	struct rounds_err err;
	struct rounds_conf *c;
	char *path = write_tmp("[feeds]\ncomments = feed-only\n"
			       "[feed:ward]\nurl = https://w.example/feed\n"
			       "comments = off\n"
			       "[feed:lab]\nurl = https://l.example/atom\n");

	rounds_err_init(&err);
	c = rounds_conf_load(path, &err);
	ok(c != NULL, "[feed:NAME] sections load: %s", err.msg);
	is_str(rounds_conf_feed_get(c, "https://w.example/feed", "comments",
				    "auto"), "off", "a feed's own value");
	is_str(rounds_conf_feed_get(c, "https://l.example/atom", "comments",
				    "auto"), "feed-only",
	       "a section without the key: [feeds]");
	is_str(rounds_conf_feed_get(c, "https://W.example/feed", "comments",
				    "auto"), "feed-only",
	       "the URL is matched as written");
	rounds_conf_free(c);
	unlink(path);
	free(path);
	is_str(rounds_conf_feed_get(NULL, "https://w.example/feed",
				    "comments", "auto"), "auto",
	       "no file: the default");
}

/* Every row is findable and its default passes its own check. */
static void table_is_sane(void)
{
	const struct rounds_conf_key *k;
	struct rounds_err err;
	char *path = write_tmp("");
	struct rounds_conf *c = rounds_conf_load(path, &err);
	int bad_rows = 0;
	char *end;

	unlink(path);
	free(path);

	for (k = rounds_conf_keys; k->section; k++) {
		if (rounds_conf_key_find(k->section, k->key) != k)
			bad_rows++;
		if (k->type == ROUNDS_CONF_INT && k->def &&
		    strtol(k->def, &end, 10) >= k->min && *end == '\0' &&
		    rounds_conf_set(c, k->section, k->key, k->def, &err) < 0)
			bad_rows++;
	}
	is_int(bad_rows, 0, "every table row is found and its default fits");
	ok(rounds_conf_set(c, "fetch", "jobs", "0", &err) < 0 &&
	   strstr(err.msg, "command line"), "a command-line value is checked"
	   " too: %s", err.msg);
	ok(rounds_conf_set(c, "fetch", "jobs", "3", &err) == 0 &&
	   rounds_conf_where(c, "fetch", "jobs") == -1,
	   "and its origin is the command line");
	rounds_conf_free(c);
}

int main(void)
{
	struct rounds_err err;
	struct rounds_conf *c;
	char *path, *p;

	rounds_err_init(&err);
	path = write_tmp("[rounds]\ndb = data/r.db\n[fetch]\njobs = 8\n"
			 "[feeds]\nsilent_weeks = 3\n[topics]\nEHR = epic, cerner\n"
			 "FHIR = fhir, smart\n");
	c = rounds_conf_load(path, &err);
	ok(c != NULL, "a valid file loads");
	is_str(rounds_conf_get(c, "Fetch", "JOBS", NULL), "8",
	       "sections and keys are case-insensitive");
	is_int(rounds_conf_get_int(c, "fetch", "jobs", 16), 8, "integer value");
	is_int(rounds_conf_get_int(c, "fetch", "missing", 16), 16,
	       "missing integer gives the default");
	is_int(rounds_conf_get_int(c, "feeds", "silent_weeks", 4), 3,
	       "a second section");
	is_int(rounds_conf_where(c, "fetch", "jobs"), 4, "the key's line");
	is_int(rounds_conf_where(c, "fetch", "interval"), 0,
	       "an unset key is the default");
	p = rounds_conf_get_path(c, "rounds", "db", "rounds.db");
	ok(p && strncmp(p, "/tmp/", 5) == 0 && strstr(p, "/data/r.db"),
	   "relative paths are taken against the config's directory (%s)", p);
	free(p);
	rounds_conf_free(c);
	unlink(path);
	free(path);

	path = write_tmp("[rounds]\ndb = x\nthis line is wrong\n");
	c = rounds_conf_load(path, &err);
	ok(c == NULL, "a syntax error fails");
	is_int(err.code, EX_CONFIG, "with EX_CONFIG");
	ok(strstr(err.msg, "line 3") != NULL, "naming the line: %s", err.msg);
	unlink(path);
	free(path);

	bad_cases();
	table_is_sane();
	feed_sections();
	c = rounds_conf_load("/nonexistent/rounds.conf", &err);
	ok(c == NULL && err.code == EX_NOINPUT, "a named file that is missing "
	   "is EX_NOINPUT");
	return done_testing();
}
