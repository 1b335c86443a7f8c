/* err.c: struct rounds_err. */
#include <stdarg.h>
#include <stdio.h>
#include "rounds/err.h"

void rounds_err_init(struct rounds_err *err)
{
	err->code = 0;
	err->msg[0] = '\0';
}

int rounds_err_set(struct rounds_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}
