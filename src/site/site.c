/* site.c: the static site, built incrementally and one issue at a time.
 *
 * Every page has a fingerprint of what it is made of (site_int.h): the
 * rounds version, the config that shapes pages, the
 * templates and the subscriptions (the "base" every page shares), then
 * its own rows: an issue's model is made of its week's entries and their
 * comments, the earlier entries of the comment window whose threads grew
 * in its week and their comments ("continued"), its draft and its number; its page of its own model and its
 * neighbours' (the prev/next links show their titles and counts).  The
 * fingerprints are kept in the pages table (keyed by the file's absolute
 * path), with notes beside them (an issue's ref, a feed entry); a page whose fingerprint has not moved and
 * whose file is there is not rendered.  Issues stream oldest first: a
 * page is rendered once its next neighbour is known, so at most two
 * issues' models are in memory.  Files are written atomically
 * (rounds_file_write_atomic leaves a file that holds the same bytes
 * alone).  Every link between pages is relative, so the site works from
 * any path and from file://. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/digest.h"
#include "rounds/fsutil.h"
#include "rounds/log.h"
#include "rounds/render.h"
#include "rounds/site.h"
#include "site_int.h"

#define DEFAULT_MAX_ISSUES 100
#define DEFAULT_FEED_ISSUES 20

/* The weeks that may have an issue: from the last complete week back
 * max_issues weeks, those with entries, oldest first, into *weeks
 * (caller frees). */
static int candidate_weeks(struct site *s, char (**weeks)[9], size_t *n,
			   struct rounds_err *err)
{
	long max = rounds_conf_get_int(s->conf, "site", "max_issues",
				       DEFAULT_MAX_ISSUES);
	int64_t *since, *until, t;
	char (*w)[9];
	bool *has;
	size_t k = 0, i;
	long j;
	int rc = -1;

	max = max < 1 ? 1 : max > 5000 ? 5000 : max;
	since = xcalloc((size_t)max, sizeof(*since));
	until = xcalloc((size_t)max, sizeof(*until));
	has = xcalloc((size_t)max, sizeof(*has));
	w = xcalloc((size_t)max, sizeof(*w));
	/* Fill from the newest (index max-1) back. */
	t = rounds_clock_now();
	for (j = max - 1; j >= 0; j--) {
		if (rounds_digest_last_week(t, s->tz, &since[j], &until[j],
					    w[j], err) < 0)
			goto out;
		t = since[j];
		if (t - 1 < 0)
			break;
	}
	if (j < 0)
		j = 0;
	if (rounds_store_windows_used(s->st, since + j, until + j,
				      (size_t)(max - j), has + j, err) < 0)
		goto out;
	for (i = (size_t)j; i < (size_t)max; i++)
		if (has[i])
			memmove(w[k++], w[i], sizeof(w[0]));
	*weeks = w;
	*n = k;
	w = NULL;
	rc = 0;
out:
	free(since);
	free(until);
	free(has);
	free(w);
	return rc;
}

static void hash_conf_kv(const char *key, const char *value, void *arg)
{
	rounds_hash_str(arg, key);
	rounds_hash_str(arg, value);
}

/* What every page is made of: the rounds version, the config sections
 * that shape pages, the templates, the feeds.  (Where the site goes is
 * in each page's key: two sites of one database keep their own.) */
static int base_fp(struct site *s, struct rounds_err *err)
{
	static const char *const sections[] = { "digest", "site", "topics" };
	struct rounds_hash h;
	size_t i;

	rounds_hash_init(&h);
	rounds_hash_str(&h, "rounds " PACKAGE_VERSION);
	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		rounds_hash_str(&h, sections[i]);
		rounds_conf_each(s->conf, sections[i], hash_conf_kv, &h);
	}
	rounds_render_templates_hash(s->conf, &h);
	if (rounds_store_feeds_hash(s->st, &h, err) < 0)
		return -1;
	rounds_hash_hex(&h, s->base);
	return 0;
}

/* The site directory (made, with issues/, and swept of a killed run's
 * temporary files: we hold the lock), absolute. */
static int site_dir(struct site *s, const char *dir, struct rounds_err *err)
{
	char real[PATH_MAX];
	struct rounds_buf p;
	int rc = -1;

	rounds_buf_init(&p, 0);
	if (rounds_buf_printf(&p, "%s/issues", dir) < 0 ||
	    rounds_mkdirs(rounds_buf_str(&p), err) < 0)
		goto out;
	if (realpath(dir, real) == NULL) {
		rounds_err_set(err, EX_CANTCREAT, "'%s': cannot resolve", dir);
		goto out;
	}
	s->dir = xstrdup(real);
	rounds_tmp_sweep(dir);
	rc = 0;
out:
	rounds_buf_release(&p);
	return rc;
}

/* Streams the candidate weeks: each issue's model is read from the pages
 * table or built, and each page rendered when it must be. */
static int issues(struct site *s, struct rounds_err *err)
{
	char (*weeks)[9] = NULL;
	int rc;

	if (candidate_weeks(s, &weeks, &s->n_weeks, err) < 0)
		return -1;
	s->issues = xcalloc(s->n_weeks + 1, sizeof(*s->issues));
	rc = site_plan(s, weeks, err);
	free(weeks);
	return rc < 0 ? -1 : site_stream(s, err);
}

static int build(struct site *s, const char *dir, struct rounds_err *err)
{
	int rc;

	if (site_dir(s, dir, err) < 0 || base_fp(s, err) < 0)
		return -1;
	s->site = rounds_digest_site(s->conf);
	if (issues(s, err) < 0 || site_feeds_start(s, err) < 0)
		return -1;
	rc = site_archive(s, err) < 0 || site_sources(s, err) < 0 ||
		site_river(s, err) < 0 ? -1 : 0;
	if (site_feeds_finish(s, rc == 0 ? err : NULL) < 0)
		rc = -1;
	return rc < 0 ? -1 : site_style(s, err);
}

static void site_release(struct site *s)
{
	size_t i;

	for (i = 0; i < s->n_weeks; i++) {
		json_decref(s->issues[i].ref);
		json_decref(s->issues[i].model);
		json_decref(s->issues[i].entry);
		free(s->issues[i].draft);
	}
	free(s->issues);
	json_decref(s->site);
	json_decref(s->drafts);
	free(s->dir);
}

int rounds_site_publish(struct rounds_store *st,
			const struct rounds_conf *conf, const char *dir,
			bool full, struct rounds_site_stats *stats,
			struct rounds_err *err)
{
	struct site s;
	char *dir_conf = NULL;
	int rc = -1;

	memset(&s, 0, sizeof(s));
	memset(stats, 0, sizeof(*stats));
	s.st = st;
	s.conf = conf;
	s.full = full;
	s.stats = stats;
	s.tz = rounds_conf_get(conf, "digest", "timezone", "UTC");
	s.max_feed = rounds_conf_get_int(conf, "site", "feed_issues",
					 DEFAULT_FEED_ISSUES);
	s.drafts = json_array();
	if (dir == NULL)
		dir = dir_conf = rounds_conf_get_path(conf, "site", "dir",
						      "site");
	if (rounds_store_begin(st, err) < 0)
		goto out;
	if (build(&s, dir, err) < 0) {
		rounds_store_rollback(st);
		goto out;
	}
	if (rounds_store_commit(st, err) < 0)
		goto out;
	stats->issues = (int)s.n_issues;
	stats->drafts = s.drafts;
	s.drafts = NULL;
	rc = 0;
out:
	site_release(&s);
	free(dir_conf);
	return rc;
}
