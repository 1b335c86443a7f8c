/* mail.h: the newsletter: an RFC 5322 multipart/alternative message from
 * the digest model, and sending it over SMTP with libcurl. */
#ifndef ROUNDS_MAIL_H
#define ROUNDS_MAIL_H

#include <jansson.h>
#include "conf.h"
#include "err.h"

/* Builds the message ([mail] from, to, list_unsubscribe ... from conf). */
int rounds_mail_build(json_t *model, const struct rounds_conf *conf,
		      char **out, struct rounds_err *err) ROUNDS_WUR;
/* Sends a built message as [mail] smtp_url, user, password say. */
int rounds_mail_send(const char *msg, const struct rounds_conf *conf,
		     struct rounds_err *err) ROUNDS_WUR;

#endif
