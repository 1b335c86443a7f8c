/* site_int.h: what the site's files share. */
#ifndef ROUNDS_SITE_INT_H
#define ROUNDS_SITE_INT_H

#include <stdbool.h>
#include <jansson.h>
#include "rounds/conf.h"
#include "rounds/hash.h"
#include "rounds/site.h"
#include "rounds/store.h"

/* One issue of the site as publish streams through them. */
struct site_issue {
	char week[9];
	size_t cand;                    /* its place among the candidates */
	char rows[ROUNDS_HASH_HEX];     /* what its rows are made of */
	char fm[ROUNDS_HASH_HEX];       /* what its model is made of */
	char pfp[ROUNDS_HASH_HEX];      /* what its page is made of */
	json_t *ref;                    /* issue week title counts since */
	json_t *model;                  /* held only while it is needed */
	json_t *entry;                  /* its feed entry, when at hand */
	char *draft;                    /* its draft's path, or NULL */
	int64_t updated;                /* when its content last changed */
};

struct site {
	struct rounds_store *st;
	const struct rounds_conf *conf;
	const char *tz;
	char *dir;                      /* the site directory, absolute */
	bool full;                      /* render every page */
	char base[ROUNDS_HASH_HEX];     /* what every page is made of */
	json_t *site;                   /* {"title","url","description"} */
	struct site_issue *issues;      /* oldest first */
	size_t n_issues;                /* issues streamed so far */
	size_t n_weeks;                 /* candidate weeks (issues[] size) */
	long max_feed;
	json_t *drafts;                 /* the editor's drafts used */
	struct rounds_site_stats *stats;
	struct site_prefetch *ahead;    /* digest models built ahead */
	struct site_feeds *feeds;       /* the issue feeds being rendered */
};

/* The drafts directory: [site] drafts, else "drafts" beside the config
 * (or in the working directory without one).  Caller frees. */
char *site_drafts_dir(const struct rounds_conf *conf);
/* The issue's stable id, from the site URL and the week.  Caller frees. */
char *site_issue_uid(json_t *model);
/* "issues/WEEK.html".  Caller frees. */
char *site_issue_path(const char *week);
/* The reference to an issue that other pages show, from its ref. */
json_t *site_issue_ref(json_t *ref, const char *root);

/* The ref as canonical JSON text (sorted keys), for fingerprints; NULL
 * for NULL.  Caller frees. */
char *site_ref_text(json_t *ref);
/* out = the fingerprint of base, tag and parts (NULL parts allowed). */
void site_fp(const char *base, const char *tag, const char *const *parts,
	     size_t n, char out[ROUNDS_HASH_HEX]);
/* *due: the page at path (in the site; its absolute path is its key in
 * the pages table) must be rendered: its
 * fingerprint moved, its file is gone, or publish is --full.  (A page
 * not rendered is counted in stats->unchanged by the caller.) */
int site_due(struct site *s, const char *path, const char *fp, bool *due,
	     struct rounds_err *err);
/* Writes data (taken) to path in the site and, when fp is not NULL,
 * records that path now holds what fp was made of. */
int site_put(struct site *s, const char *path, char *data, const char *fp,
	     struct rounds_err *err);
/* Renders template name with model into path, then site_put; own: the
 * model is let go of after, so it is rendered in place (not copied:
 * rounds_render_template_in). */
int site_emit(struct site *s, const char *path, const char *name,
	      json_t *model, bool own, const char *fp,
	      struct rounds_err *err);

/* The issues (site_stream.c).  site_plan: every candidate week's model
 * fingerprint and, when the pages table has it, its ref; a week with an
 * edited draft is built now, so a draft that cannot be read stops
 * publish before any file is written.  site_stream: each week's issue in
 * turn, its page rendered when due. */
int site_plan(struct site *s, char (*weeks)[9], struct rounds_err *err);
int site_stream(struct site *s, struct rounds_err *err);

/* The site-wide pages (site_pages.c), each only when its fingerprint
 * moved.  site_feeds_start asks for missing entries with site_entry and
 * renders the issue feeds on a second thread; site_feeds_finish (always
 * called after a start, with err NULL when publish failed meanwhile:
 * then nothing is written) waits for them and writes them. */
int site_archive(struct site *s, struct rounds_err *err);
int site_sources(struct site *s, struct rounds_err *err);
int site_river(struct site *s, struct rounds_err *err);
int site_feeds_start(struct site *s, struct rounds_err *err);
int site_feeds_finish(struct site *s, struct rounds_err *err);
int site_style(struct site *s, struct rounds_err *err);
/* Makes sure s->issues[k].entry is set: from the pages table when its
 * page has not moved, else rendered again. */
int site_entry(struct site *s, size_t k, struct rounds_err *err);

/* The digest model of week over its window, as read through st, without
 * its last pass (rounds_digest_build_raw(): not for templates as it is;
 * site_issue_model() finishes it).  Caller frees. */
json_t *site_digest(struct rounds_store *st, const struct rounds_conf *conf,
		    const char *week, struct rounds_err *err);
/* rounds_site_issue_model() of week, from its digest model when one was
 * built already (taken: site_digest(), maybe on another connection and
 * thread; its last pass, rounds_digest_safe(), runs here unless safe
 * says it ran), else built here. */
json_t *site_issue_model(struct rounds_store *st,
			 const struct rounds_conf *conf, const char *week,
			 json_t *digest, bool safe, char **draft,
			 struct rounds_err *err);

/* Digest models built ahead on a second thread (site_prefetch.c).
 * site_prefetch_start: the n weeks publish will build, in the order it
 * will ask for them; NULL when they are better built in turn (fewer than
 * two, or no second connection or thread: the caller builds each
 * itself).  site_prefetch_take: the digest model of week into *model
 * (taken), *safe true when it had its last pass already; *model NULL
 * and 0 when p is NULL or week is not among those still to come; -1
 * (err filled) when it could not be built.  stop:
 * waits for the thread and frees what was not taken; NULL: no-op. */
struct site_prefetch;
struct site_prefetch *site_prefetch_start(struct site *s,
					  const char (*weeks)[9], size_t n);
int site_prefetch_take(struct site_prefetch *p, const char *week,
		       json_t **model, bool *safe, struct rounds_err *err);
/* site_prefetch_give: a model publish is done with (taken: NULL is
 * fine), freed by p's thread (it was most likely built there: memory
 * goes back to the thread it came from), or at once when p is NULL. */
void site_prefetch_give(struct site_prefetch *p, json_t *model);
void site_prefetch_stop(struct site_prefetch *p);

/* When the recorded issue of week last changed, into *updated: the
 * content of its model is compared with what it last published (see
 * site_issue.c for the rule).  Writes the store: call inside a
 * transaction. */
int site_issue_updated(struct rounds_store *st, json_t *model,
		       const char *week, int64_t *updated,
		       struct rounds_err *err);

#endif
