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
#include "rounds/render.h"
#include "rounds/site.h"
#include "site_int.h"

#define MAX_DRAFT (8u << 20)

int rounds_site_last_week(const struct rounds_conf *conf, char week[9],
			  struct rounds_err *err)
{
	const char *tz = rounds_conf_get(conf, "digest", "timezone", "UTC");
	int64_t s, u;

	if (rounds_digest_week_of(rounds_clock_now(), tz, &s, &u, week,
				  err) < 0)
		return -1;
	return rounds_digest_week_of(s - 1, tz, &s, &u, week, err);
}

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

/* The issue's row: number and first publication; *found false if none. */
static int issue_row(sqlite3 *db, const char *week, int64_t *number,
		     int64_t *published, bool *found, struct rounds_err *err)
{
	sqlite3_stmt *s = NULL;
	int step, rc = -1;

	*found = false;
	if (sqlite3_prepare_v2(db, "SELECT number, published FROM issues "
			       "WHERE week = ?1", -1, &s, NULL) != SQLITE_OK)
		goto fail;
	if (sqlite3_bind_text(s, 1, week, -1, SQLITE_STATIC) != SQLITE_OK)
		goto fail;
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*number = sqlite3_column_int64(s, 0);
		*published = sqlite3_column_int64(s, 1);
		*found = true;
	} else if (step != SQLITE_DONE) {
		goto fail;
	}
	rc = 0;
	goto out;
fail:
	rounds_err_set(err, EX_SOFTWARE, "issues of '%s': %s", week,
		       sqlite3_errmsg(db));
out:
	sqlite3_finalize(s);
	return rc;
}

/* Records a week's issue with the next number. */
static int issue_add(sqlite3 *db, const char *week, int64_t since,
		     int64_t until, int64_t now, const char *uid,
		     const char *title, int64_t *number,
		     struct rounds_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc = -1;

	if (sqlite3_prepare_v2(db, "INSERT INTO issues(number, week, since,"
			       " until, published, uid, title) VALUES ("
			       "(SELECT COALESCE(MAX(number), 0) + 1 FROM "
			       "issues), ?1, ?2, ?3, ?4, ?5, ?6) "
			       "RETURNING number", -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(s, 1, week, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 2, since) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 3, until) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 4, now) != SQLITE_OK ||
	    sqlite3_bind_text(s, 5, uid, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 6, title, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW)
		goto fail;
	*number = sqlite3_column_int64(s, 0);
	if (sqlite3_step(s) != SQLITE_DONE)
		goto fail;
	rc = 0;
	goto out;
fail:
	rounds_err_set(err, EX_CANTCREAT, "cannot record the issue of '%s': "
		       "%s", week, sqlite3_errmsg(db));
out:
	sqlite3_finalize(s);
	return rc;
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

json_t *rounds_site_issue_model(struct rounds_store *st,
				const struct rounds_conf *conf,
				const char *week, char **draft_html,
				struct rounds_err *err)
{
	const char *tz = rounds_conf_get(conf, "digest", "timezone", "UTC");
	sqlite3 *db = rounds_store_db(st);
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
	    issue_row(db, week, &number, &published, &found, err) < 0 ||
	    (model = rounds_digest_build(st, conf, &o, err)) == NULL)
		goto out;
	if (!found && json_integer_value(json_object_get(model,
					 "article_count")) > 0) {
		char *uid = site_issue_uid(model);

		published = rounds_clock_now();
		if (issue_add(db, week, o.since, o.until, published, uid,
			      json_string_value(json_object_get(model,
								"title")),
			      &number, err) < 0) {
			free(uid);
			goto out;
		}
		free(uid);
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
