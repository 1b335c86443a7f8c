/* test_mustache.c: the Mustache spec's required modules, one TAP line per
 * case, then the engine's own rules: escape modes, falsey values, errors
 * that name the line, and the limits. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/mustache.h"
#include "../tap.h"

static char *from_object(const char *name, void *arg)
{
	json_t *v = json_object_get((json_t *)arg, name);

	return json_is_string(v) ? strdup(json_string_value(v)) : NULL;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_file(const char *dir, const char *file)
{
	struct rounds_buf path;
	json_error_t jerr;
	json_t *doc, *tests, *t, *none = json_object();
	size_t i;

	rounds_buf_init(&path, 0);
	if (rounds_buf_printf(&path, "%s/%s", dir, file) < 0)
		return;
	doc = json_load_file(rounds_buf_str(&path), 0, &jerr);
	rounds_buf_release(&path);
	if (!ok(doc != NULL, "%s loads", file)) {
		printf("#   %s line %d\n", jerr.text, jerr.line);
		json_decref(none);
		return;
	}
	tests = json_object_get(doc, "tests");
	json_array_foreach(tests, i, t) {
		struct rounds_err err;
		json_t *partials = json_object_get(t, "partials");
		char *got;

		rounds_err_init(&err);
		got = rounds_mustache_render(
			json_string_value(json_object_get(t, "template")),
			json_object_get(t, "data"), from_object,
			partials ? partials : none, &err);
		is_str(got, json_string_value(json_object_get(t, "expected")),
		       "%s: %s", file,
		       json_string_value(json_object_get(t, "name")));
		if (got == NULL)
			printf("#   error: %s\n", err.msg);
		free(got);
	}
	json_decref(doc);
	json_decref(none);
}

static int run_spec(void)
{
	const char *srcdir = getenv("SRCDIR");
	char dir[4096];
	char *files[64];
	size_t n = 0, i;
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/tests/data/mustache-spec",
		 srcdir ? srcdir : ".");
	d = opendir(dir);
	if (!ok(d != NULL, "spec directory %s opens", dir))
		return 0;
	while ((de = readdir(d)) != NULL && n < 64) {
		size_t len = strlen(de->d_name);

		if (len > 5 && strcmp(de->d_name + len - 5, ".json") == 0)
			files[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(files, n, sizeof(*files), by_name);
	is_int(n, 6, "six spec modules found");
	for (i = 0; i < n; i++) {
		run_file(dir, files[i]);
		free(files[i]);
	}
	return (int)n;
}

static char *render_mode(const char *tmpl, const char *data,
			 enum rounds_mustache_escape mode)
{
	struct rounds_mustache_opts o;
	struct rounds_err err;
	json_t *j = json_loads(data, JSON_DECODE_ANY, NULL);
	char *out;

	memset(&o, 0, sizeof(o));
	o.escape = mode;
	o.name = "t";
	rounds_err_init(&err);
	out = rounds_mustache_render_opts(tmpl, j, &o, &err);
	json_decref(j);
	return out;
}

static const struct {
	const char *tmpl, *data;
	enum rounds_mustache_escape mode;
	const char *want, *what;
} cases[] = {
	{ "{{x}}", "{\"x\": \"a'b\"}", ROUNDS_ESCAPE_HTML, "a&#39;b",
	  "HTML mode escapes the apostrophe" },
	{ "{{x}}", "{\"x\": \"<a & b>\"}", ROUNDS_ESCAPE_NONE, "<a & b>",
	  "plain mode leaves text alone" },
	{ "{{x}}", "{\"x\": \"*bold* _it_ [l](u) `c` <b> a\\\\b\"}",
	  ROUNDS_ESCAPE_MARKDOWN,
	  "\\*bold\\* \\_it\\_ \\[l\\](u) \\`c\\` \\<b\\> a\\\\b",
	  "Markdown mode escapes inline markup" },
	{ "{{x}}", "{\"x\": \"# not a heading\"}", ROUNDS_ESCAPE_MARKDOWN,
	  "\\# not a heading", "Markdown: a leading # is escaped" },
	{ "{{x}}", "{\"x\": \"2026. A year\"}", ROUNDS_ESCAPE_MARKDOWN,
	  "2026\\. A year", "Markdown: a leading ordinal is escaped" },
	{ "{{x}}", "{\"x\": \"- item\"}", ROUNDS_ESCAPE_MARKDOWN,
	  "\\- item", "Markdown: a leading dash is escaped" },
	{ "{{x}}", "{\"x\": \"AT&T &amp; R&D\"}", ROUNDS_ESCAPE_MARKDOWN,
	  "AT\\&T \\&amp; R\\&D", "Markdown: & before a letter is escaped" },
	{ "{{x}}", "{\"x\": \"a & b (c)\"}", ROUNDS_ESCAPE_MARKDOWN,
	  "a & b (c)", "Markdown: & and parentheses in prose stay" },
	{ "{{x}}", "{\"x\": \"https://e.org/a_(b)\"}", ROUNDS_ESCAPE_MARKDOWN,
	  "https://e.org/a\\_\\(b\\)", "Markdown: parentheses in a URL" },
	{ "{{x}}", "{\"x\": \"one\\ntwo\\r\\nthree\"}",
	  ROUNDS_ESCAPE_MARKDOWN, "one two three",
	  "Markdown: line breaks become spaces" },
	{ "{{{x}}}", "{\"x\": \"*raw*\"}", ROUNDS_ESCAPE_MARKDOWN, "*raw*",
	  "Markdown: triple mustache is raw" },
	{ "[{{#x}}y{{/x}}]", "{\"x\": \"\"}", ROUNDS_ESCAPE_HTML, "[]",
	  "the empty string is falsey" },
	{ "[{{^x}}y{{/x}}]", "{\"x\": \"\"}", ROUNDS_ESCAPE_HTML, "[y]",
	  "the empty string opens an inverted section" },
	{ "[{{#x}}y{{/x}}]", "{\"x\": 0}", ROUNDS_ESCAPE_HTML, "[y]",
	  "zero is truthy" },
	{ "{{x}}", "{\"x\": 0.1}", ROUNDS_ESCAPE_HTML, "0.1",
	  "a real prints shortest" },
	{ "{{x}}", "{\"x\": -12345678901}", ROUNDS_ESCAPE_HTML,
	  "-12345678901", "a 64-bit integer prints whole" },
	{ "{{x}}|{{y}}", "{\"x\": true, \"y\": {\"a\": 1}}",
	  ROUNDS_ESCAPE_HTML, "true|", "true prints, objects do not" },
	{ "{{#l}}{{#@first}}<{{/@first}}{{.}}{{^@last}},{{/@last}}{{/l}}>",
	  "{\"l\": [1, 2, 3]}", ROUNDS_ESCAPE_HTML, "<1,2,3>",
	  "@first and @last mark the ends of a list" },
	{ "{{#l}}[{{#m}}{{.}}{{^@last}}-{{/@last}}{{/m}}]{{^@last}};{{/@last}}"
	  "{{/l}}", "{\"l\": [{\"m\": [1, 2]}, {\"m\": [3]}]}",
	  ROUNDS_ESCAPE_HTML, "[1-2];[3]", "@last is the innermost list's" },
	{ "{{#l.0}}has {{l.1.n}}{{/l.0}}{{^e.0}}, e empty{{/e.0}}",
	  "{\"l\": [{\"n\": \"a\"}, {\"n\": \"b\"}], \"e\": []}",
	  ROUNDS_ESCAPE_HTML, "has b, e empty", "a number picks an element" },
	{ "[{{@first}}{{x.1x}}]", "{\"x\": [1, 2]}", ROUNDS_ESCAPE_HTML,
	  "[]", "@first outside a list and a bad index are empty" },
	{ "{{#a}}{{#b}}{{c}}{{/b}}{{/a}}",
	  "{\"a\": [{\"b\": [1, 2]}], \"c\": \"!\"}", ROUNDS_ESCAPE_HTML,
	  "!!", "lookup walks the whole stack" },
};

static const struct {
	const char *tmpl, *msg, *what;
} errors[] = {
	{ "a\nb {{x\n", "line 2: unclosed tag", "an unclosed tag" },
	{ "a\n\n{{#s}}\nb\n", "line 3: unclosed section 's'",
	  "an unclosed section" },
	{ "{{#a}}\n{{#b}}\n{{/a}}\n", "line 3: section 'b' from line 2 "
	  "closed by 'a'", "a mismatched section" },
	{ "x\n{{/a}}", "line 2: closing tag with no open section: 'a'",
	  "a stray closing tag" },
	{ "{{}}", "line 1: empty tag", "an empty tag" },
	{ "{{=<% =}}", "line 1: bad set-delimiter tag",
	  "a set-delimiter tag with one delimiter" },
};

static char *self_partial(const char *name, void *arg)
{
	(void)arg;
	if (strcmp(name, "loop") == 0)
		return strdup("x{{>loop}}");
	if (strcmp(name, "bad") == 0)
		return strdup("ok\n{{#open}}");
	return NULL;
}

static void test_errors(void)
{
	struct rounds_mustache_opts o;
	struct rounds_err err;
	json_t *data = json_object();
	char *out;
	size_t i;

	memset(&o, 0, sizeof(o));
	o.name = "e.html";
	o.partials = self_partial;
	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		rounds_err_init(&err);
		out = rounds_mustache_render_opts(errors[i].tmpl, data, &o,
						  &err);
		ok(out == NULL && err.code == EX_DATAERR &&
		   strstr(err.msg, errors[i].msg) != NULL &&
		   strstr(err.msg, "e.html") != NULL,
		   "%s fails naming the line (%s)", errors[i].what, err.msg);
		free(out);
	}

	rounds_err_init(&err);
	out = rounds_mustache_render_opts("{{>loop}}", data, &o, &err);
	ok(out == NULL && err.code == EX_DATAERR &&
	   strstr(err.msg, "'loop' include itself") != NULL,
	   "a partial that includes itself stops (%s)", err.msg);
	free(out);

	rounds_err_init(&err);
	out = rounds_mustache_render_opts("{{>bad}}", data, &o, &err);
	ok(out == NULL && strstr(err.msg, "partial 'bad' line 2") != NULL,
	   "an error in a partial names the partial (%s)", err.msg);
	free(out);

	rounds_err_init(&err);
	o.max_out = 100;
	json_object_set_new(data, "l", json_pack("[iiiiiiiiii]", 1, 2, 3, 4,
						 5, 6, 7, 8, 9, 10));
	out = rounds_mustache_render_opts("{{#l}}0123456789{{/l}}!", data,
					  &o, &err);
	ok(out == NULL && strstr(err.msg, "output over 100 bytes") != NULL,
	   "output past the cap fails (%s)", err.msg);
	free(out);
	o.max_out = 101;
	rounds_err_init(&err);
	out = rounds_mustache_render_opts("{{#l}}0123456789{{/l}}!", data,
					  &o, &err);
	ok(out != NULL && strlen(out) == 101, "output at the cap is fine");
	free(out);
	json_decref(data);
}

static void test_deep_sections(void)
{
	struct rounds_buf b;
	struct rounds_err err;
	char *out;
	int i;

	rounds_buf_init(&b, 0);
	for (i = 0; i < ROUNDS_MUSTACHE_MAX_NEST + 1; i++)
		if (rounds_buf_puts(&b, "{{#a}}") < 0)
			break;
	rounds_err_init(&err);
	out = rounds_mustache_render(rounds_buf_str(&b), NULL, NULL, NULL,
				     &err);
	ok(out == NULL && strstr(err.msg, "nested too deep") != NULL,
	   "sections nested past the cap fail (%s)", err.msg);
	free(out);

	/* 2^60 visits, nothing printed: stopped by the step cap (the
	 * default cap takes seconds to reach; a lower one shows the same). */
	rounds_buf_reset(&b);
	for (i = 0; i < 60; i++)
		if (rounds_buf_puts(&b, "{{#a}}") < 0)
			break;
	for (i = 0; i < 60; i++)
		if (rounds_buf_puts(&b, "{{/a}}") < 0)
			break;
	rounds_err_init(&err);
	{
		json_t *d = json_pack("{s:[ii]}", "a", 1, 2);
		struct rounds_mustache_opts o;

		memset(&o, 0, sizeof(o));
		o.max_steps = 1000000;
		out = rounds_mustache_render_opts(rounds_buf_str(&b), d, &o,
						  &err);
		json_decref(d);
	}
	ok(out == NULL && strstr(err.msg, "more than 1000000 steps") != NULL,
	   "exponential work is cut off (%s)", err.msg);
	free(out);
	rounds_buf_release(&b);
}

int main(void)
{
	size_t i;

	run_spec();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *out = render_mode(cases[i].tmpl, cases[i].data,
					cases[i].mode);

		is_str(out, cases[i].want, "%s", cases[i].what);
		free(out);
	}
	test_errors();
	test_deep_sections();
	return done_testing();
}
