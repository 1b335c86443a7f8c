/* opml.h: OPML 2.0 import/export of subscriptions. */
#ifndef ROUNDS_OPML_H
#define ROUNDS_OPML_H

#include <stdbool.h>
#include "err.h"
#include "store.h"

struct rounds_opml_stats {
	int added, kept, removed;
};

/* Adds the feeds an OPML file lists (nested outlines become tags); with
 * sync, removes the opml-origin feeds it no longer lists. */
int rounds_opml_import(struct rounds_store *st, const char *path, bool sync,
		       struct rounds_opml_stats *stats,
		       struct rounds_err *err) ROUNDS_WUR;
/* The subscriptions as an OPML 2.0 document (caller frees). */
int rounds_opml_export(struct rounds_store *st, char **out,
		       struct rounds_err *err) ROUNDS_WUR;

#endif
