/* err.h: errors carried up to the command line.
 * A stage fills a caller's struct rounds_err and returns -1; the CLI prints
 * the message and exits with the code (sysexits.h values). */
#ifndef ROUNDS_ERR_H
#define ROUNDS_ERR_H

#include <sysexits.h>

#define ROUNDS_ERR_MAX 512

struct rounds_err {
	int code;                     /* sysexits code; 0 = no error */
	char msg[ROUNDS_ERR_MAX];     /* lower-case, names what and where */
};

#define ROUNDS_WUR __attribute__((warn_unused_result))

void rounds_err_init(struct rounds_err *err);
/* Sets code and message (printf format); returns -1.  err may be NULL. */
int rounds_err_set(struct rounds_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
