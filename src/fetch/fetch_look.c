/* fetch_look.c: finding the comment feeds entries do not announce.  For
 * an entry younger than the comment window with a page but no comment
 * feed, on a feed whose [feeds] comments is auto, one look: WordPress's
 * per-post feed when the feed's generator is WordPress, else the article
 * page's <head>.  A look is a job like any other (the same transfer, caps,
 * address rules and per-host limit); what it found is stored, so the next
 * look waits (fetch_next_look) and a found feed is read like an announced
 * one.  A feed whose articles keep naming none has its looks paused
 * (fetch_looks_after); the store lists no look of it while the pause
 * lasts, and a look queued before the pause began in this run is
 * dropped unasked.  (The caller clears the progress line: a look may
 * log.) */
#include <stdlib.h>
#include <string.h>
#include "fetch_int.h"
#include "rounds/clock.h"
#include "rounds/log.h"

static int cmp_sub_id(const void *a, const void *b)
{
	const struct rounds_sub *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static struct rounds_sub *sub_of(struct fetch_run *r, int64_t feed_id)
{
	struct rounds_sub key;

	key.id = feed_id;
	return bsearch(&key, r->subs, r->n_subs, sizeof(*r->subs),
		       cmp_sub_id);
}

/* A file feed's looks stay on files (the offline sample stays offline);
 * a web feed's stay on the web. */
static bool same_kind(const char *feed_url, const char *url)
{
	const char *a = fetch_url_scheme(feed_url), *b = fetch_url_scheme(url);

	return a && b && (strcmp(a, "file") == 0) == (strcmp(b, "file") == 0);
}

static void add_look(struct fetch_run *r, const struct rounds_discover *d)
{
	struct rounds_sub *s = sub_of(r, d->feed_id);
	struct fetch_job *j;
	char *url;
	bool wp;

	if (s == NULL || strcmp(fetch_comments_mode(r, s->url), "auto") != 0)
		return;
	wp = fetch_generator_wordpress(d->generator) &&
	     (url = fetch_wp_comment_feed(d->link)) != NULL;
	if (!wp && (url = fetch_look_page(d->comments, d->link)) == NULL)
		return;
	if (!same_kind(s->url, url)) {
		free(url);
		return;
	}
	j = fetch_queue_job(r, url, s->url);
	j->kind = wp ? FETCH_LOOK_WP : FETCH_LOOK_PAGE;
	j->feed_id = d->feed_id;
	j->entry_id = d->entry_id;
	j->article = xstrdup(d->link);
	j->title = xstrdup(d->title);
	j->misses = d->misses;
	j->missed = d->missed;
	if (d->asked && strcmp(d->asked, url) == 0) {
		j->etag = xstrdup(d->etag);
		j->last_modified = xstrdup(d->last_modified);
	}
	free(url);
	r->looks_left++;
}

int fetch_queue_looks(struct fetch_run *r)
{
	struct rounds_discover *rows = NULL;
	int64_t now = rounds_clock_now();
	size_t n = 0, i;

	if (r->fc->comment_window <= 0 || !r->looks)
		return 0;
	if (rounds_store_discover_due(r->st, now - r->fc->comment_window, now,
				      &rows, &n, r->err) < 0)
		return -1;
	for (i = 0; i < n; i++)
		add_look(r, &rows[i]);
	rounds_store_discover_free(rows, n);
	return 0;
}

/* What a look's answer says: "found", "none" (nothing there, or the page
 * names none) or "error" (ask again after the usual backoff). */
static const char *look_result(const struct fetch_job *j,
			       const struct fetch_outcome *o,
			       const struct rounds_feed *feed)
{
	bool ok = strcmp(o->result, "ok") == 0;

	if (j->kind == FETCH_LOOK_WP && ok && feed)
		return "found";
	if (j->kind == FETCH_LOOK_PAGE && ok && o->found)
		return "found";
	if (ok || strcmp(o->result, "not_modified") == 0 ||
	    o->status == 404 || o->status == 410 ||
	    (j->kind == FETCH_LOOK_WP && o->status >= 200 && o->status < 300))
		return "none";
	return "error";
}

static void look_report(const struct fetch_job *j,
			const struct rounds_discover_result *res, int64_t now)
{
	char when[40];

	fetch_when_text(res->next_look, now, when, sizeof(when));
	if (strcmp(res->result, "found") == 0)
		rounds_log(LOG_INFO, "comments '%s': found '%s'", j->url,
			   res->found);
	else if (strcmp(res->result, "none") == 0)
		rounds_log(LOG_DEBUG, "comments '%s': no comment feed; will "
			   "look again after %s", j->url, when);
	else
		rounds_log(LOG_WARN, "comments '%s': %s; will look again "
			   "after %s", j->url, res->error ? res->error :
			   "failed", when);
}

/* A feed's looks paused, or resumed by a find: said once, at -v. */
static void looks_report(const struct rounds_sub *s,
			 enum fetch_looks_change ch, int64_t now)
{
	char when[40];

	if (ch == FETCH_LOOKS_RESUMED) {
		rounds_log(LOG_INFO, "comments '%s': a look found a comment "
			   "feed; looks go on for every new article", s->url);
		return;
	}
	if (ch != FETCH_LOOKS_PAUSED)
		return;
	fetch_when_text(s->looks.until, now, when, sizeof(when));
	if (s->looks.pauses == 1)
		rounds_log(LOG_INFO, "comments '%s': no comment feed found "
			   "for the last %d articles; no look at its articles "
			   "until %s, then at one", s->url, s->looks.misses,
			   when);
	else
		rounds_log(LOG_INFO, "comments '%s': still no comment feed "
			   "(%d articles in a row); no look until %s, then at "
			   "one", s->url, s->looks.misses, when);
}

bool fetch_look_held(struct fetch_run *r, size_t ji)
{
	struct fetch_job *j = &r->jobs[ji];
	const struct rounds_sub *s;

	if (j->kind != FETCH_LOOK_WP && j->kind != FETCH_LOOK_PAGE)
		return false;
	s = sub_of(r, j->feed_id);
	if (s == NULL || !fetch_looks_paused(&s->looks, rounds_clock_now()))
		return false;
	j->started = true;
	r->looks_left--;
	r->done++;
	return true;
}

bool fetch_look_store(struct fetch_run *r, size_t ji,
		      struct fetch_outcome *o, const struct rounds_feed *feed,
		      int64_t started)
{
	struct fetch_job *j = &r->jobs[ji];
	struct rounds_sub *s = sub_of(r, j->feed_id);
	struct rounds_discover_result res;
	struct rounds_look_state looks;
	enum fetch_looks_change ch = FETCH_LOOKS_SAME;
	struct rounds_err serr;
	int64_t now = rounds_clock_now();
	bool answered = strcmp(o->result, "ok") == 0 ||
			strcmp(o->result, "not_modified") == 0;

	memset(&res, 0, sizeof(res));
	res.feed_id = j->feed_id;
	res.entry_id = j->entry_id;
	res.url = j->url;
	res.how = j->kind == FETCH_LOOK_WP ? "wordpress" : "page";
	res.result = look_result(j, o, feed);
	res.found = j->kind == FETCH_LOOK_WP ? j->url : o->found;
	res.not_modified = strcmp(o->result, "not_modified") == 0;
	res.etag = answered ? o->etag : NULL;
	res.last_modified = answered ? o->last_modified : NULL;
	res.started = started;
	res.next_look = strcmp(res.result, "error") == 0 ?
			fetch_next_error(r->fc, now, j->misses) :
			fetch_next_look(now, j->misses);
	res.http_status = o->status;
	res.error = o->error;
	res.bytes = o->bytes;
	res.logged_as_feed = j->kind == FETCH_LOOK_WP &&
			     strcmp(res.result, "found") == 0;
	if (s) {
		looks = s->looks;
		ch = fetch_looks_after(&looks, res.result, j->missed, now);
		if (ch != FETCH_LOOKS_SAME)
			res.looks = &looks;
	}
	r->stats->looks++;
	r->looks_left--;
	rounds_err_init(&serr);
	if (rounds_store_discover_result(r->st, &res, &serr) < 0) {
		rounds_log(LOG_ERROR, "comments '%s': cannot store the look: "
			   "%s", j->url, serr.msg);
		if (serr.code == EX_IOERR || serr.code == EX_CANTCREAT) {
			*r->err = serr;
			r->failed = true;
		}
		return false;
	}
	look_report(j, &res, now);
	if (res.looks) {
		s->looks = looks;
		looks_report(s, ch, now);
	}
	if (strcmp(res.result, "found") != 0)
		return false;
	r->stats->looks_found++;
	r->looks_found++;
	return j->kind == FETCH_LOOK_WP;
}
