/* site.h: the static site: issue pages, index, archive, sources, output
 * feeds; every file written atomically and only when changed. */
#ifndef ROUNDS_SITE_H
#define ROUNDS_SITE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include "conf.h"
#include "err.h"
#include "store.h"

struct rounds_site_stats {
	int written;            /* files created or changed */
	int unchanged;          /* files left alone */
	int rendered;           /* files rendered (the others' fingerprints
				 * had not moved) */
	int issues;             /* issue pages on the site */
	json_t *drafts;         /* the drafts used, their paths (new array;
				 * the caller decrefs) */
};

/* Writes the site into dir (NULL: [site] dir of conf, else "site"),
 * rendering only the pages whose fingerprint (what each is made of: its
 * issues' entries and comments, drafts, the templates, the config that
 * shapes pages, the subscriptions, the rounds version) moved since the
 * last publish into the same directory, or every page when full.  Issues
 * are built and rendered one at a time.  The files are the same bytes a
 * full render writes. */
int rounds_site_publish(struct rounds_store *st,
			const struct rounds_conf *conf, const char *dir,
			bool full, struct rounds_site_stats *stats,
			struct rounds_err *err) ROUNDS_WUR;

/* The model of the issue of week ("YYYY-Www") as the site, its feeds and
 * the newsletter show it: the digest model with the issue's stable number
 * (recorded in the issues table, in week order, when the week is first
 * published), "generated" = when it was first published, and, when the
 * drafts directory holds the editor's draft "<week>.md", the model as
 * the draft edits it (draft.h), the draft's path in *draft (NULL without
 * a draft; caller frees; draft may be NULL).  A draft that cannot be
 * read is an error naming its file and line.
 * Returns a new reference, or NULL with err set. */
json_t *rounds_site_issue_model(struct rounds_store *st,
				const struct rounds_conf *conf,
				const char *week, char **draft,
				struct rounds_err *err);
/* Reads the editor's draft of week, "<week>.md" in the drafts directory
 * ([site] drafts, else drafts/ beside the config): *md its text (len
 * bytes) and *path its path, both NULL when there is none (caller
 * frees).  Returns 0, or -1 with err set when it cannot be read. */
int rounds_site_draft_read(const struct rounds_conf *conf, const char *week,
			   char **md, size_t *len, char **path,
			   struct rounds_err *err) ROUNDS_WUR;

/* The web address of the file at path when it lies in the site's
 * directory ([site] dir, which must exist; the file need not) and the
 * site has a URL ([site] url): that URL and the file's path under the
 * directory, percent-encoded where a URI path asks; else NULL.  Caller
 * frees. */
char *rounds_site_url_of(const struct rounds_conf *conf, const char *path);

/* The path of week's draft: "<week>.md" in the drafts directory.
 * Caller frees. */
char *rounds_site_draft_path(const struct rounds_conf *conf,
			     const char *week);

enum rounds_site_draft_wrote {
	ROUNDS_DRAFT_NEW,            /* there was no draft */
	ROUNDS_DRAFT_REPLACED,       /* replaced rounds' own, unedited draft */
	ROUNDS_DRAFT_UNCHANGED,      /* the same text was there already */
	ROUNDS_DRAFT_FORCED,         /* replaced an edited draft (force) */
};

/* Writes md as the draft of week ("<week>.md" in the drafts directory,
 * created if needed) and records a hash of it in the store.  A draft
 * already there is replaced only when it is what rounds last wrote for
 * week (unedited), or with force; else nothing is written and err says
 * why (EX_CANTCREAT).  *path is the draft's path (caller frees), *what
 * what happened. */
int rounds_site_draft_write(struct rounds_store *st,
			    const struct rounds_conf *conf, const char *week,
			    const char *md, bool force, char **path,
			    enum rounds_site_draft_wrote *what,
			    struct rounds_err *err) ROUNDS_WUR;

#endif
