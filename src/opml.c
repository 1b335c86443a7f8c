/* opml.c: OPML import/export.  (Not written yet.) */
#include "rounds/opml.h"

int rounds_opml_import(struct rounds_store *st, const char *path, bool sync,
		       struct rounds_opml_stats *stats, struct rounds_err *err)
{ return rounds_err_set(err, EX_UNAVAILABLE, "not available yet"); }

int rounds_opml_export(struct rounds_store *st, char **out,
		       struct rounds_err *err)
{ return rounds_err_set(err, EX_UNAVAILABLE, "not available yet"); }
