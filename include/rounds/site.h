/* site.h: the static site: issue pages, index, archive, sources, output
 * feeds; every file written atomically and only when changed. */
#ifndef ROUNDS_SITE_H
#define ROUNDS_SITE_H

#include "conf.h"
#include "err.h"
#include "store.h"

struct rounds_site_stats {
	int written;            /* files created or changed */
	int unchanged;          /* files left alone */
};

/* Writes the site into dir (NULL: [site] dir of conf, else "site"). */
int rounds_site_publish(struct rounds_store *st,
			const struct rounds_conf *conf, const char *dir,
			struct rounds_site_stats *stats,
			struct rounds_err *err) ROUNDS_WUR;

#endif
