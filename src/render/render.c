/* render.c: template lookup, rendering with the Mustache engine, and
 * Markdown to HTML with libcmark. */
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmark.h>
#include "rounds/buf.h"
#include "rounds/caps.h"
#include "rounds/fsutil.h"
#include "rounds/hash.h"
#include "rounds/html.h"
#include "rounds/log.h"
#include "rounds/mustache.h"
#include "rounds/render.h"
#include "period.h"

#define MAX_DIRS 4

struct dirs {
	char *conf_dir;                 /* owned */
	const char *d[MAX_DIRS];
	int n;
};

static void dirs_init(struct dirs *ds, const struct rounds_conf *conf)
{
	const char *env = getenv("ROUNDS_TEMPLATES");

	ds->n = 0;
	ds->conf_dir = conf ? rounds_conf_get_path(conf, "site", "templates",
						   NULL) : NULL;
	if (ds->conf_dir && *ds->conf_dir)
		ds->d[ds->n++] = ds->conf_dir;
	if (env && *env)
		ds->d[ds->n++] = env;
	ds->d[ds->n++] = ROUNDS_PKGDATADIR "/templates";
#ifdef ROUNDS_SRCDIR
	ds->d[ds->n++] = ROUNDS_SRCDIR "/templates";
#endif
}

static void dirs_release(struct dirs *ds)
{
	free(ds->conf_dir);
	ds->conf_dir = NULL;
}

/* A template name is a plain file name: no directories, no dot files. */
static bool name_ok(const char *name)
{
	const char *p;

	if (name == NULL || *name == '\0' || *name == '.' ||
	    strlen(name) > 200)
		return false;
	for (p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		      *p == '_'))
			return false;
	return true;
}

/* Reads the first dir/file there is.  Returns 1 when found, 0 when no
 * directory has it, -1 on a read error. */
static int find_read(const struct dirs *ds, const char *file, char **out,
		     struct rounds_err *err)
{
	struct rounds_buf path;
	struct rounds_err e;
	size_t len;
	int i, rc;

	for (i = 0; i < ds->n; i++) {
		rounds_buf_init(&path, 0);
		if (rounds_buf_printf(&path, "%s/%s", ds->d[i], file) < 0)
			return rounds_err_set(err, EX_SOFTWARE, "template "
					      "path too long");
		rounds_err_init(&e);
		rc = rounds_file_read(rounds_buf_str(&path),
				      ROUNDS_MAX_TEMPLATE, out, &len, &e);
		rounds_buf_release(&path);
		if (rc == 0) {
			if (memchr(*out, '\0', len) != NULL) {
				free(*out);
				*out = NULL;
				return rounds_err_set(err, EX_DATAERR,
						      "template '%s/%s': NUL "
						      "byte", ds->d[i], file);
			}
			return 1;
		}
		if (e.code != EX_NOINPUT) {
			if (err)
				*err = e;
			return -1;
		}
	}
	return 0;
}

static int not_found(const struct dirs *ds, const char *file,
		     struct rounds_err *err)
{
	struct rounds_buf where;
	int i, rc;

	rounds_buf_init(&where, ROUNDS_ERR_MAX);
	for (i = 0; i < ds->n; i++)
		if (rounds_buf_printf(&where, "%s%s", i ? ", " : "",
				      ds->d[i]) < 0)
			break;
	rc = rounds_err_set(err, EX_NOINPUT, "template '%s' not found "
			    "(looked in %s)", file, rounds_buf_str(&where));
	rounds_buf_release(&where);
	return rc;
}

/* Partials: "<name>.mustache", else the plain file "<name>". */
static char *partial(const char *name, void *arg)
{
	const struct dirs *ds = arg;
	struct rounds_err err;
	struct rounds_buf file;
	char *text = NULL;
	int rc;

	if (!name_ok(name)) {
		rounds_log(LOG_WARN, "partial '%s': not a plain file name; "
			   "left out", name);
		return NULL;
	}
	rounds_buf_init(&file, 0);
	if (rounds_buf_printf(&file, "%s.mustache", name) < 0)
		return NULL;
	rounds_err_init(&err);
	rc = find_read(ds, rounds_buf_str(&file), &text, &err);
	rounds_buf_release(&file);
	if (rc == 0)
		rc = find_read(ds, name, &text, &err);
	if (rc < 0)
		rounds_log(LOG_WARN, "partial '%s': %s; left out", name,
			   err.msg);
	else if (rc == 0)
		rounds_log(LOG_WARN, "partial '%s' not found; left out", name);
	return rc > 0 ? text : NULL;
}

/* The model's objects, by the key that holds them, and their keys.  A key
 * the model leaves out is set to null in the copy we render, so that a
 * name missing on a comment is not looked up on its parent comment or
 * article (Mustache walks up the context stack otherwise). */
static const char *const article_keys[] = {
	"id", "title", "link", "source", "also", "authors", "published",
	"updated", "tags", "excerpt", "content", "comment_count",
	"comments_link", "comments", "more_comments", "discussion",
	"editor_note", "by_editor", NULL
};
static const char *const comment_keys[] = {
	"id", "author", "published", "link", "excerpt", "html", "by_author",
	"context", "replies", NULL
};
static const char *const section_keys[] = { "title", "articles", NULL };
static const char *const source_keys[] = { "title", "link", "feed", NULL };
static const char *const link_keys[] = { "title", "link", NULL };
static const char *const person_keys[] = { "name", "email", "uri", NULL };
static const char *const site_keys[] = { "title", "url", "description",
					 NULL };
static const char *const date_keys[] = { "published", "updated", "since",
					  "until", "generated", NULL };

static const char *const url_keys[] = { "link", "comments_link", "uri",
					 "url", "feed", NULL };

/* Only web and mail links go into href; anything else (javascript:,
 * data:, a relative path) would be a hazard in a page or a mail. */
static bool url_ok(const char *u)
{
	return strncasecmp(u, "https://", 8) == 0 ||
	       strncasecmp(u, "http://", 7) == 0 ||
	       strncasecmp(u, "mailto:", 7) == 0;
}

static const struct {
	const char *key;
	const char *const *keys;
} holders[] = {
	{ "sections", section_keys },
	{ "articles", article_keys },
	{ "continued", article_keys },
	{ "comments", comment_keys },
	{ "replies", comment_keys },
	{ "source", source_keys },
	{ "also", link_keys },
	{ "authors", person_keys },
	{ "author", person_keys },
	{ "site", site_keys },
};

static const char *const *keys_for(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(holders) / sizeof(holders[0]); i++)
		if (holders[i].key[0] == key[0] &&
		    strcmp(holders[i].key, key) == 0)
			return holders[i].keys;
	return NULL;
}

/* "period": the window [since, until) in words, for the templates. */
static void period(json_t *v)
{
	const char *since = json_string_value(json_object_get(v, "since"));
	const char *until = json_string_value(json_object_get(v, "until"));
	char text[96];

	if (since && until &&
	    rounds_period_text(since, until, text, sizeof(text)) == 0)
		json_object_set_new(v, "period", json_string(text));
}

/* What fill() needs of an object's own keys, gathered in one pass over
 * them (looking each name up would cost some thirty lookups an object).
 * A key of the object's list that it lacks counts as null. */
struct seen {
	uint32_t have;                  /* bit i: keys[i] is there (every
					 * list above is under 32 long) */
	json_t *url[5];                 /* by url_keys */
	json_t *date[5];                /* by date_keys */
	json_t *note, *editor_note;
	bool more;                      /* more_comments is there */
};

static int index_in(const char *const *list, const char *key)
{
	int i;

	for (i = 0; list && list[i]; i++)
		if (list[i][0] == key[0] && strcmp(list[i], key) == 0)
			return i;
	return -1;
}

static void see(struct seen *sn, const char *const *keys, const char *key,
		json_t *value)
{
	int i;

	if ((i = index_in(keys, key)) >= 0)
		sn->have |= 1u << i;
	if ((i = index_in(url_keys, key)) >= 0)
		sn->url[i] = value;
	else if ((i = index_in(date_keys, key)) >= 0)
		sn->date[i] = value;
	else if (strcmp(key, "note") == 0)
		sn->note = value;
	else if (strcmp(key, "editor_note") == 0)
		sn->editor_note = value;
	else if (strcmp(key, "more_comments") == 0)
		sn->more = true;
}

/* Sets v's key text to the plain text of html, when a string. */
static void text_from(json_t *v, json_t *html, const char *text)
{
	char *t;

	if (!json_is_string(html))
		return;
	t = rounds_html_to_text(json_string_value(html),
				json_string_length(html));
	json_object_set_new(v, text, json_string(t));
	free(t);
}

static void fill(json_t *v, const char *const *keys, int depth)
{
	struct seen sn;
	const char *key;
	json_t *child, *l;
	size_t i;
	int k;

	if (depth > ROUNDS_MAX_DEPTH)
		return;
	if (json_is_array(v)) {
		json_array_foreach(v, i, child)
			fill(child, keys, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	memset(&sn, 0, sizeof(sn));
	json_object_foreach(v, key, child) {
		fill(child, keys_for(key), depth + 1);
		see(&sn, keys, key, child);
	}
	for (i = 0; keys && keys[i]; i++) {
		if (sn.have & (1u << i))
			continue;
		json_object_set_new(v, keys[i], json_null());
		if ((k = index_in(url_keys, keys[i])) >= 0)
			sn.url[k] = json_null();
		else if ((k = index_in(date_keys, keys[i])) >= 0)
			sn.date[k] = json_null();
		else if (strcmp(keys[i], "editor_note") == 0)
			sn.editor_note = json_null();
		else if (strcmp(keys[i], "more_comments") == 0)
			sn.more = true;
	}
	for (i = 0; url_keys[i]; i++) {
		child = sn.url[i];
		if (json_is_string(child) && !url_ok(json_string_value(child))) {
			json_object_set_new(v, url_keys[i], json_null());
			sn.url[i] = json_null();
		}
	}
	text_from(v, sn.note, "note_text");
	text_from(v, sn.editor_note, "editor_note_text");
	/* more_link: where "+N more in the full thread" points (the
	 * comments page, else the article), null when there is neither */
	if (sn.more) {
		l = sn.url[index_in(url_keys, "comments_link")];
		if (!json_is_string(l))
			l = sn.url[index_in(url_keys, "link")];
		json_object_set(v, "more_link", json_is_string(l) ? l :
				json_null());
	}
	period(v);
	for (i = 0; date_keys[i]; i++) {
		json_t *d = sn.date[i];
		struct rounds_buf b;

		if (d == NULL)
			continue;
		rounds_buf_init(&b, 0);
		if (rounds_buf_printf(&b, "%s_date", date_keys[i]) < 0)
			continue;
		json_object_set_new(v, rounds_buf_str(&b),
				    json_is_string(d) &&
				    json_string_length(d) >= 10 ?
				    json_stringn(json_string_value(d), 10) :
				    json_null());
		rounds_buf_release(&b);
	}
}

/* Column count of s[0, n): UTF-8 lead bytes. */
static size_t columns(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/* Where to break line[0, n) so the first part fits width columns: the
 * last blank that fits after the hanging indent, else the first blank
 * after it (a long word stays whole); n when there is none. */
static size_t break_at(const char *line, size_t n, size_t hang, size_t width)
{
	size_t i, best = n;

	for (i = hang + 1; i < n; i++) {
		if (line[i] != ' ')
			continue;
		if (columns(line, i) <= width)
			best = i;
		else
			return best != n ? best : i;
	}
	return best;
}

/* Plain text: lines over width columns are broken at blanks; the rest
 * of a line keeps its indentation, and a list item's ("- ", "* ") text
 * lines up under its first word. */
static char *wrap(const char *text, size_t width)
{
	struct rounds_buf b;
	const char *p = text;

	rounds_buf_init(&b, 0);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		size_t hang = 0, cut;
		bool first = true;

		while (hang < n && p[hang] == ' ')
			hang++;
		if (hang + 1 < n && strchr("-*+", p[hang]) &&
		    p[hang + 1] == ' ')
			hang += 2;
		while (columns(p, n) > width &&
		       (cut = break_at(p, n, hang, width)) < n) {
			if ((!first && rounds_buf_printf(&b, "%*s", (int)hang,
							 "") < 0) ||
			    rounds_buf_append(&b, p, cut) < 0 ||
			    rounds_buf_putc(&b, '\n') < 0)
				abort();        /* no cap: cannot fail */
			while (cut < n && p[cut] == ' ')
				cut++;
			p += cut;
			n -= cut;
			first = false;
		}
		if ((!first &&
		     rounds_buf_printf(&b, "%*s", (int)hang, "") < 0) ||
		    rounds_buf_append(&b, p, n) < 0 ||
		    (nl && rounds_buf_putc(&b, '\n') < 0))
			abort();
		p += n + (nl ? 1 : 0);
	}
	return rounds_buf_detach(&b);
}

static enum rounds_mustache_escape escape_for(const char *name)
{
	size_t n = strlen(name);

	if (n >= 3 && strcmp(name + n - 3, ".md") == 0)
		return ROUNDS_ESCAPE_MARKDOWN;
	if (n >= 4 && strcmp(name + n - 4, ".txt") == 0)
		return ROUNDS_ESCAPE_NONE;
	return ROUNDS_ESCAPE_HTML;
}

static int render(const char *name, json_t *model, bool in_place,
		  const struct rounds_conf *conf, char **out,
		  struct rounds_err *err)
{
	struct rounds_mustache_opts o;
	struct rounds_buf file;
	struct dirs ds;
	char *tmpl = NULL;
	json_t *copy = NULL;
	int rc = -1, found;

	*out = NULL;
	if (!name_ok(name))
		return rounds_err_set(err, EX_USAGE, "template '%s': not a "
				      "plain file name", name ? name : "");
	dirs_init(&ds, conf);
	rounds_buf_init(&file, 0);
	if (rounds_buf_printf(&file, "%s.mustache", name) < 0)
		goto out;
	found = find_read(&ds, rounds_buf_str(&file), &tmpl, err);
	if (found == 0)
		not_found(&ds, rounds_buf_str(&file), err);
	if (found <= 0)
		goto out;
	memset(&o, 0, sizeof(o));
	o.name = rounds_buf_str(&file);
	o.escape = escape_for(name);
	o.partials = partial;
	o.arg = &ds;
	copy = in_place ? json_incref(model) : json_deep_copy(model);
	if (copy == NULL) {
		rounds_err_set(err, EX_SOFTWARE, "template '%s': cannot copy "
			       "the model", name);
		goto out;
	}
	fill(copy, NULL, 0);
	*out = rounds_mustache_render_opts(tmpl, copy, &o, err);
	if (*out == NULL)
		goto out;
	if (o.escape == ROUNDS_ESCAPE_NONE) {
		char *wrapped = wrap(*out, ROUNDS_TEXT_WIDTH);

		free(*out);
		*out = wrapped;
	}
	rc = 0;
out:
	json_decref(copy);
	rounds_buf_release(&file);
	free(tmpl);
	dirs_release(&ds);
	return rc;
}

int rounds_render_template(const char *name, json_t *model,
			   const struct rounds_conf *conf, char **out,
			   struct rounds_err *err)
{
	return render(name, model, false, conf, out, err);
}

int rounds_render_template_in(const char *name, json_t *model,
			      const struct rounds_conf *conf, char **out,
			      struct rounds_err *err)
{
	return render(name, model, true, conf, out, err);
}

int rounds_render_file(const char *name, const struct rounds_conf *conf,
		       char **out, struct rounds_err *err)
{
	struct dirs ds;
	int found;

	*out = NULL;
	if (!name_ok(name))
		return rounds_err_set(err, EX_USAGE, "template '%s': not a "
				      "plain file name", name ? name : "");
	dirs_init(&ds, conf);
	found = find_read(&ds, name, out, err);
	if (found == 0)
		not_found(&ds, name, err);
	dirs_release(&ds);
	return found > 0 ? 0 : -1;
}

/* Every template file of one directory, by name, into h. */
static void hash_dir(const char *dir, struct rounds_hash *h)
{
	struct dirent **names = NULL;
	struct rounds_buf path;
	struct rounds_err e;
	char *text;
	size_t len;
	int i, n = scandir(dir, &names, NULL, alphasort);

	rounds_hash_str(h, dir);
	rounds_hash_int(h, n);
	for (i = 0; i < n; i++) {
		rounds_buf_init(&path, 0);
		rounds_err_init(&e);
		if (name_ok(names[i]->d_name) &&
		    rounds_buf_printf(&path, "%s/%s", dir,
				      names[i]->d_name) == 0 &&
		    rounds_file_read(rounds_buf_str(&path),
				     ROUNDS_MAX_TEMPLATE, &text, &len,
				     &e) == 0) {
			rounds_hash_str(h, names[i]->d_name);
			rounds_hash_bytes(h, text, len);
			free(text);
		}
		rounds_buf_release(&path);
		free(names[i]);
	}
	free(names);
}

void rounds_render_templates_hash(const struct rounds_conf *conf,
				  struct rounds_hash *h)
{
	struct dirs ds;
	int i;

	dirs_init(&ds, conf);
	for (i = 0; i < ds.n; i++)
		hash_dir(ds.d[i], h);
	dirs_release(&ds);
}

char *rounds_markdown_to_html(const char *md, size_t len)
{
	char *html;

	if (md == NULL)
		return xstrdup("");
	html = cmark_markdown_to_html(md, len, CMARK_OPT_DEFAULT |
				      CMARK_OPT_VALIDATE_UTF8);
	if (html == NULL)
		abort();        /* cmark only fails when out of memory */
	return html;    /* cmark's default allocator is malloc */
}
