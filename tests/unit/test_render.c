/* test_render.c: template lookup and overrides, the bundled templates
 * against golden files (a fixed model in tests/data/render/), what each
 * output must hold whatever its look, and Markdown in safe mode.
 * ROUNDS_REGEN=1 rewrites the golden files instead of comparing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "rounds/buf.h"
#include "rounds/conf.h"
#include "rounds/fsutil.h"
#include "rounds/render.h"
#include "../tap.h"

static const char *srcdir;
static char tmpdir[] = "/tmp/rounds-render-XXXXXX";

static char *path_of(const char *dir, const char *file)
{
	struct rounds_buf b;

	rounds_buf_init(&b, 0);
	if (rounds_buf_printf(&b, "%s/%s", dir, file) < 0)
		abort();
	return rounds_buf_detach(&b);
}

static char *slurp(const char *path)
{
	struct rounds_err err;
	char *text = NULL;
	size_t len;

	rounds_err_init(&err);
	if (rounds_file_read(path, 1u << 24, &text, &len, &err) < 0)
		return NULL;
	return text;
}

static void put(const char *dir, const char *file, const char *text)
{
	char *p = path_of(dir, file);
	FILE *f = fopen(p, "w");

	if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0)
		abort();
	free(p);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	if (hay == NULL)
		return 0;
	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static char *render(const char *name, json_t *model,
		    const struct rounds_conf *conf)
{
	struct rounds_err err;
	char *out = NULL;

	rounds_err_init(&err);
	if (rounds_render_template(name, model, conf, &out, &err) < 0) {
		printf("# render %s: %s\n", name, err.msg);
		return NULL;
	}
	return out;
}

/* Renders name and compares with tests/data/render/<name>. */
static char *golden(const char *name, json_t *model)
{
	char *out = render(name, model, NULL), *gpath, *want;
	char dir[4096];

	snprintf(dir, sizeof(dir), "%s/tests/data/render", srcdir);
	gpath = path_of(dir, name);
	if (out && getenv("ROUNDS_REGEN")) {
		put(dir, name, out);
		diag("golden file rewritten");
	}
	want = slurp(gpath);
	ok(out != NULL && want != NULL && strcmp(out, want) == 0,
	   "%s matches its golden file", name);
	if (out && want && strcmp(out, want) != 0) {
		size_t i = 0;

		while (out[i] && out[i] == want[i])
			i++;
		printf("#   first difference at byte %zu: got '%.40s'\n", i,
		       out + i);
	}
	free(gpath);
	free(want);
	return out;
}

static void test_markdown_draft(const char *md)
{
	char *html;

	ok(md && strstr(md, "# Health IT Rounds — 2026-W47\n") == md,
	   "the draft opens with the title as a heading");
	ok(md && strstr(md, "<!-- note: write the editor's note below"),
	   "the draft shows where the note goes");
	ok(md && strstr(md, "### [Why \\*every\\* \\[FHIR\\] server\\_needs "
			"\\<auth\\> & audit logs](https://interop"),
	   "Markdown in a title is escaped, the title is linked");
	ok(md && strstr(md, "### [1\\. What patients"),
	   "a title that looks like a list item is escaped");
	ok(md && strstr(md, "\n  - **Dana Okafor**, 2026-11-18 "),
	   "a reply is a nested list item");
	ok(md && strstr(md, "\n    - **Anonymous**, 2026-11-18: Does that"),
	   "a reply to a reply nests deeper, a missing author is Anonymous");
	is_int(count(md, "#comment-2"), 1, "a comment without a link does "
	       "not borrow its parent's");
	is_int(count(md, "Scopes like"), 1, "each comment appears once");
	ok(md && strstr(md, "- [+2 more in the full thread]"
			"(https://interop.example.net/2026/11/fhir-auth#comments)"),
	   "more comments link to the thread");
	ok(md && strstr(md, "Tags: FHIR, security\n"), "tags listed");
	ok(md && strstr(md, "Also covered by: [Ward Round Weekly]"),
	   "the same story elsewhere is listed");
	ok(md && strstr(md, "### [Short note on terminology servers]"
			"(https://interop.example.net/2026/11/terminology)\n\n"
			"*Interoperability Notes* · 2026-11-20\n\n"),
	   "an article with few keys takes nothing from its neighbours");

	html = md ? rounds_markdown_to_html(md, strlen(md)) : NULL;
	ok(html && strstr(html, "<h3><a href=\"https://interop.example.net/"
			  "2026/11/fhir-auth?utm=a_b&amp;x=1\">Why *every* "
			  "[FHIR] server_needs &lt;auth&gt; &amp; audit logs"
			  "</a></h3>"),
	   "through cmark the title comes out as written, linked");
	ok(html && strstr(html, "<ul>\n<li><strong>Dana Okafor</strong>"),
	   "through cmark the replies are a nested list");
	free(html);
}

static void test_html_page(const char *html)
{
	ok(html && strncmp(html, "<!DOCTYPE html>\n<html lang=\"en\">", 32)
	   == 0, "the page declares its language");
	ok(html && strstr(html, "http-equiv=\"Content-Security-Policy\" "
			  "content=\"default-src 'none'; style-src "
			  "'unsafe-inline'; img-src https: data:"),
	   "the page carries a Content-Security-Policy");
	ok(html && strstr(html, "<a class=\"skip\" href=\"#main\">") &&
	   strstr(html, "<main id=\"main\""), "a skip link to <main>");
	ok(html && strstr(html, "prefers-color-scheme: dark") &&
	   strstr(html, ":focus-visible"), "the stylesheet is inlined");
	ok(html && !strstr(html, "<script") && !strstr(html, " src=\"http")
	   && !strstr(html, "<link "), "no scripts, no external assets");
	ok(html && strstr(html, "Why *every* [FHIR] server_needs &lt;auth&gt; "
			  "&amp; audit logs"), "titles are HTML-escaped");
	ok(html && strstr(html, "Tomás &lt;admin&gt; &amp; co"),
	   "comment authors are HTML-escaped");
	ok(html && strstr(html, "<li>Scope tokens narrowly.</li>"),
	   "article content goes in as HTML");
	ok(html && strstr(html, "<em>prior authorisation</em>"),
	   "the editor's note goes in as HTML");
	ok(html && count(html, "<h1>") == 1 && count(html, "<h2>") == 2 &&
	   count(html, "<h3>") == 3, "one h1, an h2 per section, an h3 per "
	   "article");
	ok(html && strstr(html, "<ol class=\"replies\">\n<li class=\"comment\">"
			  "\n<p class=\"who\"><strong>Dana Okafor</strong>"),
	   "replies are nested lists");
	is_int(count(html, "#comment-2\""), 1,
	       "a reply without a link does not borrow its parent's");
	ok(html && !strstr(html, "{{") && !strstr(html, "}}"),
	   "no Mustache tag left over");
}

static void test_email(const char *txt, const char *html)
{
	const char *p = txt;
	int longest = 0, line = 0, bad = 0;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p), i, cols = 0;

		line++;
		for (i = 0; i < n; i++)
			cols += ((unsigned char)p[i] & 0xc0) != 0x80;
		if ((int)cols > longest)
			longest = (int)cols;
		if (cols > 72 && memchr(p, ' ', n) != NULL &&
		    !strstr(p, "http"))
			bad++;
		p += n + (nl != NULL);
	}
	ok(txt && bad == 0 && line > 20, "the text part keeps to 72 columns "
	   "(%d lines, longest %d)", line, longest);
	ok(txt && strstr(txt, "\n  An open FHIR endpoint is a gift to whoever "
			 "finds it first. We walk\n  through token scopes"),
	   "wrapped text keeps its indentation");
	ok(txt && strstr(txt, "\n        - Anonymous, 2026-11-18: Does that "
			 "hold for bulk export too?\n          Those jobs"),
	   "a wrapped reply lines up under its text");
	ok(txt && strstr(txt, "Tomás <admin> & co") &&
	   strstr(txt, "This week: prior authorisation rules & two takes"),
	   "plain text is not escaped; the note is text");
	ok(html && strstr(html, "max-width:600px") &&
	   strstr(html, "role=\"presentation\""), "the HTML part is a "
	   "600px table layout");
	ok(html && !strstr(html, "<style") && !strstr(html, "class=") &&
	   !strstr(html, "<link "), "the HTML part has only inline styles");
	ok(html && strstr(html, "Tomás &lt;admin&gt; &amp; co"),
	   "the HTML part escapes text");
	ok(html && count(html, "border-left:3px solid #d0d7de") == 5,
	   "every comment is a block of its own (5)");
}

/* A week with nothing in it, and a model with almost no keys. */
static void test_empty(void)
{
	static const char *const names[] = {
		"digest.md", "digest.html", "email.txt", "email.html"
	};
	json_t *m = json_pack("{s:s, s:[], s:i, s:i}", "title", "Quiet week",
			      "sections", "article_count", 0,
			      "comment_count", 0);
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *out = render(names[i], m, NULL);

		ok(out && strstr(out, "Quiet week") &&
		   strstr(out, "No new articles in this window.") &&
		   !strstr(out, "{{"), "%s renders an empty week", names[i]);
		free(out);
	}
	json_decref(m);
}

static void test_lookup(json_t *model)
{
	struct rounds_err err;
	struct rounds_conf *conf;
	char *conf_path, *out = NULL, *css, *want;
	json_t *m = json_pack("{s:s, s:[{s:s}]}", "t", "<x>", "l", "v",
			      "one two three four five six seven eight nine "
			      "ten eleven twelve thirteen fourteen fifteen");

	if (mkdtemp(tmpdir) == NULL)
		abort();
	conf_path = path_of(tmpdir, "rounds.conf");
	put(tmpdir, "rounds.conf", "[site]\ntemplates = over\n");
	rounds_err_init(&err);
	conf = rounds_conf_load(conf_path, &err);
	ok(conf != NULL, "a config naming a templates directory loads");

	{
		char *over = path_of(tmpdir, "over");

		if (mkdir(over, 0700) < 0)
			abort();
		put(over, "comment.html.mustache", "<li>C:{{excerpt}}</li>\n");
		put(over, "mine.html.mustache", "[{{t}}]{{>mine-part}}");
		put(over, "mine-part.mustache", "({{t}})");
		put(over, "plain.txt.mustache", "{{t}}\n{{#l}}\n   - {{v}} "
		    "{{v}}\n{{/l}}\n");
		put(over, "broken.html.mustache", "a\n{{#x}}\n");
		{
			char *d = path_of(over, "dir.html.mustache");

			if (mkdir(d, 0700) < 0)
				abort();
			free(d);
		}
		free(over);
	}
	out = render("digest.html", model, conf);
	ok(out && strstr(out, "<li>C:We learned the audit lesson") &&
	   strstr(out, "<article class=\"article\">"),
	   "the config's directory overrides one partial, the rest stays");
	ok(out && !strstr(out, "<p class=\"who\">"),
	   "the overriding partial is used for every comment");
	free(out);
	out = render("mine.html", m, conf);
	is_str(out, "[&lt;x&gt;](&lt;x&gt;)",
	       "a template and partial of the site's own");
	free(out);
	out = render("plain.txt", m, conf);
	is_str(out, "<x>\n   - one two three four five six seven eight nine "
	       "ten eleven twelve\n     thirteen fourteen fifteen one two "
	       "three four five six seven eight nine\n     ten eleven twelve "
	       "thirteen fourteen fifteen\n",
	       "a .txt template is not escaped and is wrapped at 72");
	free(out);

	rounds_err_init(&err);
	out = (char *)1;
	ok(rounds_render_template("broken.html", m, conf, &out, &err) < 0 &&
	   out == NULL && err.code == EX_DATAERR &&
	   strstr(err.msg, "'broken.html.mustache' line 2"),
	   "a broken template fails naming its line (%s)", err.msg);
	rounds_err_init(&err);
	ok(rounds_render_template("dir.html", m, conf, &out, &err) < 0 &&
	   err.code != 0 && err.code != EX_NOINPUT,
	   "a template that cannot be read stops the search (%s)", err.msg);
	rounds_err_init(&err);
	ok(rounds_render_template("nosuch", m, conf, &out, &err) < 0 &&
	   err.code == EX_NOINPUT && strstr(err.msg, "'nosuch.mustache'"),
	   "a missing template is EX_NOINPUT (%s)", err.msg);
	rounds_err_init(&err);
	ok(rounds_render_template("../digest.html", m, conf, &out, &err) < 0
	   && err.code == EX_USAGE, "a name with a directory is refused");

	{
		json_t *bad = json_pack("{s:[{s:s, s:[{s:s, s:s, s:[{s:s, "
					"s:s}]}]}]}", "sections", "title", "s",
					"articles", "title", "t", "link",
					"javascript:alert(1)", "comments",
					"link", "JavaScript:x()", "excerpt",
					"e");

		out = render("digest.html", bad, NULL);
		ok(out && !strcasestr(out, "javascript") &&
		   strstr(out, "<h3>t</h3>") && !strstr(out, "href=\"\"") &&
		   strstr(out, "<p class=\"said\">e</p>"),
		   "a javascript: link never reaches an href");
		free(out);
		json_decref(bad);
	}

	rounds_err_init(&err);
	css = NULL;
	ok(rounds_render_file("style.css", conf, &css, &err) == 0,
	   "style.css reads as a file");
	{
		char *p = path_of(srcdir, "templates/style.css");

		want = slurp(p);
		free(p);
	}
	ok(css && want && strcmp(css, want) == 0, "style.css is the file as "
	   "it is");
	free(css);
	free(want);

	rounds_conf_free(conf);
	free(conf_path);
	json_decref(m);
}

static void test_markdown(void)
{
	static const struct {
		const char *md, *want, *what;
	} cases[] = {
		{ "*a* and **b**", "<p><em>a</em> and <strong>b</strong></p>\n",
		  "emphasis" },
		{ "<script>alert(1)</script>\n\nx",
		  "<!-- raw HTML omitted -->\n<p>x</p>\n",
		  "raw HTML blocks are dropped" },
		{ "a <b onclick=\"x\">b</b>",
		  "<p>a <!-- raw HTML omitted -->b<!-- raw HTML omitted --></p>\n",
		  "inline raw HTML is dropped" },
		{ "[x](javascript:alert(1))", "<p><a href=\"\">x</a></p>\n",
		  "javascript: links are emptied" },
		{ "[x](https://e.org/a_b)",
		  "<p><a href=\"https://e.org/a_b\">x</a></p>\n",
		  "https links stay" },
		{ "\"quotes\" -- dashes", "<p>&quot;quotes&quot; -- dashes</p>\n",
		  "no smart punctuation" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *html = rounds_markdown_to_html(cases[i].md,
						     strlen(cases[i].md));

		is_str(html, cases[i].want, "markdown: %s", cases[i].what);
		free(html);
	}
}

int main(void)
{
	json_error_t jerr;
	json_t *model, *before;
	char *path, *md, *html, *txt, *email, *again;
	char tdir[4096];

	srcdir = getenv("SRCDIR");
	if (srcdir == NULL)
		srcdir = ".";
	snprintf(tdir, sizeof(tdir), "%s/templates", srcdir);
	setenv("ROUNDS_TEMPLATES", tdir, 1);
	path = path_of(srcdir, "tests/data/render/model.json");
	model = json_load_file(path, 0, &jerr);
	free(path);
	if (!ok(model != NULL, "the model loads%s%s", model ? "" : ": ",
		model ? "" : jerr.text))
		return done_testing();
	before = json_deep_copy(model);

	md = golden("digest.md", model);
	html = golden("digest.html", model);
	txt = golden("email.txt", model);
	email = golden("email.html", model);
	test_markdown_draft(md);
	test_html_page(html);
	test_email(txt, email);
	again = render("digest.html", model, NULL);
	ok(again && html && strcmp(again, html) == 0, "rendering is "
	   "deterministic");
	ok(json_equal(model, before), "the caller's model is left as it was");
	free(again);
	free(md);
	free(html);
	free(txt);
	free(email);

	test_empty();
	test_lookup(model);
	test_markdown();
	json_decref(model);
	json_decref(before);
	{
		char cmd[256];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			diag("could not remove the scratch directory");
	}
	return done_testing();
}
