/* site_issue.c: one issue's model: the digest model of its week, its
 * stable number from the issues table, and the editor's edited draft. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/date.h"
#include "rounds/digest.h"
#include "rounds/draft.h"
#include "rounds/fsutil.h"
#include "rounds/outfeed.h"
#include "rounds/render.h"
#include "rounds/site.h"
#include "site_int.h"

static const char *sget_model(json_t *model, const char *key)
{
	return json_string_value(json_object_get(model, key));
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

int rounds_site_draft_read(const struct rounds_conf *conf, const char *week,
			   char **md, size_t *len, char **path,
			   struct rounds_err *err)
{
	char *dir = site_drafts_dir(conf);
	struct rounds_buf p;
	int rc = -1;

	*md = NULL;
	*path = NULL;
	rounds_buf_init(&p, 0);
	if (rounds_buf_printf(&p, "%s/%s.md", dir, week) < 0) {
		rounds_err_set(err, EX_SOFTWARE, "out of memory");
		goto out;
	}
	if (access(rounds_buf_str(&p), F_OK) != 0) {
		rc = 0;
		goto out;
	}
	if (rounds_file_read(rounds_buf_str(&p), ROUNDS_MAX_DRAFT, md, len,
			     err) < 0)
		goto out;
	*path = rounds_buf_detach(&p);
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

json_t *site_digest(struct rounds_store *st, const struct rounds_conf *conf,
		    const char *week, struct rounds_err *err)
{
	const char *tz = rounds_conf_get(conf, "digest", "timezone", "UTC");
	struct rounds_digest_opts o;

	memset(&o, 0, sizeof(o));
	o.week = week;
	if (rounds_digest_week_parse(week, tz, &o.since, &o.until, err) < 0)
		return NULL;
	return rounds_digest_build_raw(st, conf, &o, err);
}

json_t *site_issue_model(struct rounds_store *st,
			 const struct rounds_conf *conf, const char *week,
			 json_t *digest, bool safe, char **draft,
			 struct rounds_err *err)
{
	const char *tz = rounds_conf_get(conf, "digest", "timezone", "UTC");
	struct rounds_digest_opts o;
	json_t *model = digest, *result = NULL;
	int64_t number = 0, published = 0;
	char when[21], *md = NULL, *path = NULL;
	size_t len = 0;
	bool found;

	if (draft)
		*draft = NULL;
	memset(&o, 0, sizeof(o));
	o.week = week;
	if (rounds_digest_week_parse(week, tz, &o.since, &o.until, err) < 0 ||
	    rounds_store_issue_find(st, week, &number, &published, &found,
				    err) < 0)
		goto out;
	if (model == NULL) {
		if ((model = rounds_digest_build(st, conf, &o, err)) == NULL)
			goto out;
	} else if (!safe) {
		rounds_digest_safe(model);     /* site_digest() left it out */
	}
	if (digest != NULL && !found) {
		/* built elsewhere: the number it would get is this
		 * connection's to tell (site_prefetch.c) */
		if (rounds_store_issue_number(st, week, o.since, o.until,
					      &number, err) < 0)
			goto out;
		json_object_set_new(model, "issue", json_integer(number));
	}
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
	if (rounds_site_draft_read(conf, week, &md, &len, &path, err) < 0 ||
	    (md && rounds_draft_apply(model, md, len, path, NULL, err) < 0))
		goto out;
	if (draft) {
		*draft = path;
		path = NULL;
	}
	result = model;
	model = NULL;
out:
	json_decref(model);
	free(md);
	free(path);
	return result;
}

json_t *rounds_site_issue_model(struct rounds_store *st,
				const struct rounds_conf *conf,
				const char *week, char **draft,
				struct rounds_err *err)
{
	return site_issue_model(st, conf, week, NULL, false, draft, err);
}

/* The latest "published" or "updated" DATE anywhere in v (0: none). */
static int64_t latest_date(json_t *v)
{
	const char *key;
	json_t *x;
	size_t i;
	int64_t t, best = 0;

	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			if ((t = latest_date(x)) > best)
				best = t;
	} else if (json_is_object(v)) {
		json_object_foreach(v, key, x) {
			if (json_is_string(x) && (strcmp(key, "published") ==
			    0 || strcmp(key, "updated") == 0)) {
				if (rounds_date_parse(json_string_value(x),
						      &t) && t > best)
					best = t;
			} else if ((t = latest_date(x)) > best) {
				best = t;
			}
		}
	}
	return best;
}

/* The issue's content as an older rounds hashed it: its model without
 * the run's own keys (when it went out, the site's settings) as JSON,
 * keys sorted.  Caller frees. */
static char *legacy_text(void *model)
{
	json_t *c = json_copy(model);
	char *s;

	json_object_del(c, "generated");
	json_object_del(c, "site");
	s = json_dumps(c, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(c);
	return s;
}

/* v as bytes no other value gives: a type mark, then a string's length
 * and bytes, a number's bytes, or an object's keys and values (in the
 * order the model was built) and an array's values, and an end mark. */
static void put_value(struct rounds_buf *b, json_t *v, bool top)
{
	const char *key;
	json_t *x;
	size_t i, n;
	json_int_t k;
	double d;
	char mark = '?';
	int rc = 0;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		rc = rounds_buf_putc(b, '{');
		json_object_foreach(v, key, x) {
			/* the run's own keys: when it went out, the site */
			if (top && (strcmp(key, "generated") == 0 ||
				    strcmp(key, "site") == 0))
				continue;
			n = strlen(key);
			if (rounds_buf_putc(b, 'k') < 0 ||
			    rounds_buf_append(b, &n, sizeof(n)) < 0 ||
			    rounds_buf_append(b, key, n) < 0)
				abort();
			put_value(b, x, false);
		}
		mark = '}';
		break;
	case JSON_ARRAY:
		rc = rounds_buf_putc(b, '[');
		json_array_foreach(v, i, x)
			put_value(b, x, false);
		mark = ']';
		break;
	case JSON_STRING:
		n = json_string_length(v);
		rc = rounds_buf_putc(b, 's') < 0 ||
		     rounds_buf_append(b, &n, sizeof(n)) < 0 ||
		     rounds_buf_append(b, json_string_value(v), n) < 0 ? -1 : 0;
		mark = ';';
		break;
	case JSON_INTEGER:
		k = json_integer_value(v);
		rc = rounds_buf_putc(b, 'i') < 0 ||
		     rounds_buf_append(b, &k, sizeof(k)) < 0 ? -1 : 0;
		mark = ';';
		break;
	case JSON_REAL:
		d = json_real_value(v);
		rc = rounds_buf_putc(b, 'r') < 0 ||
		     rounds_buf_append(b, &d, sizeof(d)) < 0 ? -1 : 0;
		mark = ';';
		break;
	case JSON_TRUE: mark = 't'; break;
	case JSON_FALSE: mark = 'f'; break;
	case JSON_NULL: mark = 'n'; break;
	}
	if (rc < 0 || rounds_buf_putc(b, mark) < 0)
		abort();                /* no cap: never */
}

/* The issue's content as published, as the store compares it: its model
 * without the run's own keys, value by value (put_value), hashed with
 * XXH3-128: "x" and 31 hex digits.  Some fifteen times faster than
 * writing the model out as sorted JSON and hashing that byte by byte, as
 * rounds did before (legacy_text). */
static void content_hash(json_t *model, char out[33])
{
	struct rounds_buf b;
	XXH128_hash_t h;

	rounds_buf_init(&b, 0);
	put_value(&b, model, true);
	h = XXH3_128bits(b.data ? b.data : "", b.len);
	rounds_buf_release(&b);
	snprintf(out, 33, "x%015" PRIx64 "%016" PRIx64,
		 h.high64 >> 4, h.low64);
}

/* The rule: an issue's updated time moves only when its content changed.
 * First recorded, it is the time the issue first went out.  Changed, it
 * is the latest time its content carries (an article updated, a comment
 * written) when that is after the last change, else now (a comment
 * fetched late, an edited draft); never before the last change.  The
 * store then moves it to the first second no other issue holds, so
 * neighbours differ even when published in one run. */
int site_issue_updated(struct rounds_store *st, json_t *model,
		       const char *week, int64_t *updated,
		       struct rounds_err *err)
{
	struct rounds_issue_content c = { NULL, legacy_text, model };
	char hash[33];
	int64_t prev, at, first = 0, latest;
	bool same;

	content_hash(model, hash);
	c.hash = hash;
	if (rounds_store_issue_seen(st, week, &c, &same, &prev, err) < 0)
		return -1;
	if (same && prev > 0) {
		*updated = prev;
		return 0;
	}
	latest = latest_date(json_object_get(model, "sections"));
	if ((at = latest_date(json_object_get(model, "continued"))) > latest)
		latest = at;
	if (prev == 0)
		at = rounds_date_parse(sget_model(model, "generated"), &first)
			? first : rounds_clock_now();
	else if (latest > prev)
		at = latest;
	else
		at = rounds_clock_now() > prev ? rounds_clock_now() : prev + 1;
	return rounds_store_issue_changed(st, week, hash, at, updated, err);
}

char *site_issue_path(const char *week)
{
	struct rounds_buf b;

	rounds_buf_init(&b, 0);
	if (rounds_buf_printf(&b, "issues/%s.html", week) < 0)
		return xstrdup("");
	return rounds_buf_detach(&b);
}

json_t *site_issue_ref(json_t *ref, const char *root)
{
	json_t *r = json_object();
	const char *since = json_string_value(json_object_get(ref, "since"));
	char *path = site_issue_path(json_string_value(json_object_get(
		ref, "week")));
	struct rounds_buf b;

	rounds_buf_init(&b, 0);
	if (rounds_buf_printf(&b, "%s%s", root, path) == 0)
		json_object_set_new(r, "href", json_string(rounds_buf_str(&b)));
	rounds_buf_release(&b);
	json_object_set(r, "issue", json_object_get(ref, "issue"));
	json_object_set(r, "week", json_object_get(ref, "week"));
	json_object_set(r, "title", json_object_get(ref, "title"));
	json_object_set(r, "article_count",
			json_object_get(ref, "article_count"));
	json_object_set(r, "comment_count",
			json_object_get(ref, "comment_count"));
	if (since)
		json_object_set_new(r, "from", json_stringn(since, 10));
	free(path);
	return r;
}

char *site_ref_text(json_t *ref)
{
	return ref ? json_dumps(ref, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
}
