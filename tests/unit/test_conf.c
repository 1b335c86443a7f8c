/* test_conf.c: INI loading, defaults, and errors that name the line. */
#include <stdio.h>
#include <stdlib.h>
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

int main(void)
{
	struct rounds_err err;
	struct rounds_conf *c;
	char *path, *p;

	rounds_err_init(&err);
	path = write_tmp("[rounds]\ndb = data/r.db\n[fetch]\njobs = 8\n"
			 "comments = no\n[topics]\nEHR = epic, cerner\n"
			 "FHIR = fhir, smart\n");
	c = rounds_conf_load(path, &err);
	ok(c != NULL, "a valid file loads");
	is_str(rounds_conf_get(c, "Fetch", "JOBS", NULL), "8",
	       "sections and keys are case-insensitive");
	is_int(rounds_conf_get_int(c, "fetch", "jobs", 16), 8, "integer value");
	is_int(rounds_conf_get_int(c, "fetch", "missing", 16), 16,
	       "missing integer gives the default");
	ok(!rounds_conf_get_bool(c, "fetch", "comments", true), "boolean no");
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

	c = rounds_conf_load("/nonexistent/rounds.conf", &err);
	ok(c == NULL && err.code == EX_NOINPUT, "a named file that is missing "
	   "is EX_NOINPUT");
	return done_testing();
}
