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
/* The message's Message-ID, without the <> (NULL when it has none;
 * caller frees). */
char *rounds_mail_message_id(const char *msg);
/* The envelope's recipients as rounds_mail_send gives them: [mail]
 * recipients, else to (NULL when neither is set; borrowed from conf). */
const char *rounds_mail_recipients(const struct rounds_conf *conf);
/* Sends a built message as [mail] smtp_url, user, password say. */
int rounds_mail_send(const char *msg, const struct rounds_conf *conf,
		     struct rounds_err *err) ROUNDS_WUR;

#endif
