/* log.c: leveled messages on stderr. */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include "rounds/log.h"

static enum rounds_log_level current = LOG_WARN;

void rounds_log_set_level(enum rounds_log_level level)
{
	current = level;
}

enum rounds_log_level rounds_log_get_level(void)
{
	return current;
}

void rounds_log(enum rounds_log_level level, const char *fmt, ...)
{
	va_list ap;

	if (level > current)
		return;
	fputs("rounds: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

bool rounds_log_progress(void)
{
	return current >= LOG_WARN && isatty(STDERR_FILENO);
}
