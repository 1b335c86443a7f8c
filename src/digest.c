/* digest.c: the digest model.  (Not written yet.) */
#include "rounds/digest.h"

int rounds_digest_week_of(int64_t t, const char *tz, int64_t *since,
			  int64_t *until, char week[9], struct rounds_err *err)
{ return rounds_err_set(err, EX_UNAVAILABLE, "not available yet"); }

int rounds_digest_week_parse(const char *week, const char *tz, int64_t *since,
			     int64_t *until, struct rounds_err *err)
{ return rounds_err_set(err, EX_UNAVAILABLE, "not available yet"); }

json_t *rounds_digest_build(struct rounds_store *st,
			    const struct rounds_conf *conf,
			    const struct rounds_digest_opts *opts,
			    struct rounds_err *err)
{
	rounds_err_set(err, EX_UNAVAILABLE, "digests are not available yet");
	return NULL;
}
