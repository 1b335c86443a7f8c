/* fetch.c: the fetch loop.  (Not written yet.) */
#include "rounds/fetch.h"

int rounds_fetch_run(struct rounds_store *st, const struct rounds_conf *conf,
		     const struct rounds_fetch_opts *opts,
		     struct rounds_fetch_stats *stats, struct rounds_err *err)
{ return rounds_err_set(err, EX_UNAVAILABLE, "fetching is not available yet"); }
