/* opml.h: OPML 2.0 import/export of subscriptions. */
#ifndef ROUNDS_OPML_H
#define ROUNDS_OPML_H

#include <stdbool.h>
#include "conf.h"
#include "err.h"
#include "store.h"

struct rounds_opml_stats {
	int added, kept, removed;
	int skipped;                 /* outlines that were not usable */
	char note[ROUNDS_ERR_MAX];   /* why the first one was skipped */
};

/* Adds the feeds an OPML file lists (nested outlines become tags); with
 * sync, removes the opml-origin feeds it no longer lists, and sets the
 * titles and tags of the opml-origin feeds it lists to the file's.
 * A relative xmlUrl is taken against the file's own location (file://).
 * One transaction.  Not well-formed or not OPML: EX_DATAERR naming the
 * file and line; missing: EX_NOINPUT. */
int rounds_opml_import(struct rounds_store *st, const char *path, bool sync,
		       struct rounds_opml_stats *stats,
		       struct rounds_err *err) ROUNDS_WUR;
/* The subscriptions as an OPML 2.0 document (caller frees). */
int rounds_opml_export(struct rounds_store *st, char **out,
		       struct rounds_err *err) ROUNDS_WUR;
/* The same, with head/dateCreated (the time of the export) only when
 * dated: undated, the document changes only when the subscriptions do. */
int rounds_opml_write(struct rounds_store *st, bool dated, char **out,
		      struct rounds_err *err) ROUNDS_WUR;

/* When the config names an OPML file ([feeds] opml, relative to the
 * config's directory), imports it with sync; else does nothing.
 * stats may be NULL. */
int rounds_opml_sync_from_conf(struct rounds_store *st,
			       const struct rounds_conf *conf,
			       struct rounds_opml_stats *stats,
			       struct rounds_err *err) ROUNDS_WUR;

#endif
