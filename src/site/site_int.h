/* site_int.h: what the site's files share. */
#ifndef ROUNDS_SITE_INT_H
#define ROUNDS_SITE_INT_H

#include <jansson.h>
#include "rounds/conf.h"

/* The drafts directory: [site] drafts, else "drafts" beside the config
 * (or in the working directory without one).  Caller frees. */
char *site_drafts_dir(const struct rounds_conf *conf);
/* The issue's stable id, from the site URL and the week.  Caller frees. */
char *site_issue_uid(json_t *model);

#endif
