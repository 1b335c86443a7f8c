/* site_int.h: what the site's files share. */
#ifndef ROUNDS_SITE_INT_H
#define ROUNDS_SITE_INT_H

#include <jansson.h>
#include "rounds/conf.h"
#include "rounds/store.h"

/* The drafts directory: [site] drafts, else "drafts" beside the config
 * (or in the working directory without one).  Caller frees. */
char *site_drafts_dir(const struct rounds_conf *conf);
/* The issue's stable id, from the site URL and the week.  Caller frees. */
char *site_issue_uid(json_t *model);

/* When the recorded issue of week last changed, into *updated: the
 * content of its model is compared with what it last published (see
 * site_issue.c for the rule).  Writes the store: call inside a
 * transaction. */
int site_issue_updated(struct rounds_store *st, json_t *model,
		       const char *week, int64_t *updated,
		       struct rounds_err *err);

#endif
