/* site_issue.c: one issue's model: the digest model of its week, its
 * stable number from the issues table, and the editor's edited draft. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/date.h"
#include "rounds/digest.h"
#include "rounds/fsutil.h"
#include "rounds/outfeed.h"
#include "rounds/render.h"
#include "rounds/site.h"
#include "site_int.h"

#define MAX_DRAFT (8u << 20)

char *site_drafts_dir(const struct rounds_conf *conf)
{
	char *d = rounds_conf_get_path(conf, "site", "drafts", NULL);
	struct rounds_buf b;

	if (d)
		return d;
	if (rounds_conf_path(conf) == NULL)
		return xstrdup("drafts");
	rounds_buf_init(&b, 0);
	if (rounds_buf_printf(&b, "%s/drafts", rounds_conf_dir(conf)) < 0)
		return xstrdup("drafts");
	return rounds_buf_detach(&b);
}

char *rounds_site_draft_note(const char *md)
{
	const char *p = strstr(md, "<!-- note:"), *e, *line;
	size_t n;

	if (p == NULL || (p = strchr(p, '\n')) == NULL)
		return NULL;
	p++;
	/* The note ends at the first section heading. */
	for (line = p, e = NULL; *line; ) {
		if (strncmp(line, "## ", 3) == 0) {
			e = line;
			break;
		}
		line = strchr(line, '\n');
		if (line == NULL)
			break;
		line++;
	}
	if (e == NULL)
		e = p + strlen(p);
	while (p < e && (*p == '\n' || *p == ' ' || *p == '\r' || *p == '\t'))
		p++;
	n = (size_t)(e - p);
	while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == ' ' ||
			 p[n - 1] == '\r' || p[n - 1] == '\t'))
		n--;
	return n > 0 ? xstrndup(p, n) : NULL;
}

char *site_issue_uid(json_t *model)
{
	const char *week = json_string_value(json_object_get(model, "week"));
	json_t *site = json_object_get(model, "site");
	char spec[32];

	snprintf(spec, sizeof(spec), "issue/%s", week ? week : "");
	return rounds_outfeed_tag_id(json_string_value(json_object_get(site,
								       "url")),
				     week, spec);
}

/* Reads drafts/<week>.md when there is one: *md NULL when not. */
static int read_draft(const struct rounds_conf *conf, const char *week,
		      char **md, struct rounds_err *err)
{
	char *dir = site_drafts_dir(conf);
	struct rounds_buf p;
	size_t len;
	int rc = -1;

	*md = NULL;
	rounds_buf_init(&p, 0);
	if (rounds_buf_printf(&p, "%s/%s.md", dir, week) < 0) {
		rounds_err_set(err, EX_SOFTWARE, "out of memory");
		goto out;
	}
	if (access(rounds_buf_str(&p), F_OK) != 0) {
		rc = 0;
		goto out;
	}
	if (rounds_file_read(rounds_buf_str(&p), MAX_DRAFT, md, &len,
			     err) < 0)
		goto out;
	rc = 0;
out:
	rounds_buf_release(&p);
	free(dir);
	return rc;
}

/* Records the week's issue with the next number, published now. */
static int add_issue(struct rounds_store *st, json_t *model,
		     const struct rounds_digest_opts *o, int64_t *number,
		     int64_t *published, struct rounds_err *err)
{
	char *uid = site_issue_uid(model);
	struct rounds_store_issue is = {
		.week = o->week,
		.since = o->since,
		.until = o->until,
		.published = rounds_clock_now(),
		.uid = uid,
		.title = json_string_value(json_object_get(model, "title")),
	};
	int rc = rounds_store_issue_add(st, &is, number, err);

	*published = is.published;
	free(uid);
	return rc;
}

json_t *rounds_site_issue_model(struct rounds_store *st,
				const struct rounds_conf *conf,
				const char *week, char **draft_html,
				struct rounds_err *err)
{
	const char *tz = rounds_conf_get(conf, "digest", "timezone", "UTC");
	struct rounds_digest_opts o;
	json_t *model = NULL, *result = NULL;
	int64_t number = 0, published = 0;
	char when[21], *md = NULL, *note = NULL, *html;
	bool found;

	if (draft_html)
		*draft_html = NULL;
	memset(&o, 0, sizeof(o));
	o.week = week;
	if (rounds_digest_week_parse(week, tz, &o.since, &o.until, err) < 0 ||
	    rounds_store_issue_find(st, week, &number, &published, &found,
				    err) < 0 ||
	    (model = rounds_digest_build(st, conf, &o, err)) == NULL)
		goto out;
	if (!found && json_integer_value(json_object_get(model,
					 "article_count")) > 0) {
		if (add_issue(st, model, &o, &number, &published, err) < 0)
			goto out;
		found = true;
	}
	if (found) {
		json_object_set_new(model, "issue", json_integer(number));
		rounds_clock_format(published, when);
		json_object_set_new(model, "generated", json_string(when));
	}
	if (read_draft(conf, week, &md, err) < 0)
		goto out;
	if (md) {
		if ((note = rounds_site_draft_note(md)) != NULL) {
			html = rounds_markdown_to_html(note, strlen(note));
			json_object_set_new(model, "note", json_string(html));
			free(html);
		}
		if (draft_html)
			*draft_html = rounds_markdown_to_html(md, strlen(md));
	}
	result = model;
	model = NULL;
out:
	json_decref(model);
	free(md);
	free(note);
	return result;
}
