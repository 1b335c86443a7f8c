/* mail.c: the newsletter.  (Not written yet.) */
#include "rounds/mail.h"

int rounds_mail_build(json_t *model, const struct rounds_conf *conf,
		      char **out, struct rounds_err *err)
{ return rounds_err_set(err, EX_UNAVAILABLE, "not available yet"); }

int rounds_mail_send(const char *msg, const struct rounds_conf *conf,
		     struct rounds_err *err)
{ return rounds_err_set(err, EX_UNAVAILABLE, "not available yet"); }
