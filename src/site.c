/* site.c: the static site.  (Not written yet.) */
#include "rounds/site.h"

int rounds_site_publish(struct rounds_store *st,
			const struct rounds_conf *conf, const char *dir,
			struct rounds_site_stats *stats, struct rounds_err *err)
{ return rounds_err_set(err, EX_UNAVAILABLE, "not available yet"); }
