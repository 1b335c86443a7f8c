/* log.h: messages to stderr, filtered by level (-q / -v). */
#ifndef ROUNDS_LOG_H
#define ROUNDS_LOG_H

#include <stdbool.h>

enum rounds_log_level {
	LOG_ERROR = 0,
	LOG_WARN = 1,
	LOG_INFO = 2,
	LOG_DEBUG = 3,
};

void rounds_log_set_level(enum rounds_log_level level);
enum rounds_log_level rounds_log_get_level(void);
void rounds_log(enum rounds_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* True when progress may be drawn: stderr is a terminal and not -q. */
bool rounds_log_progress(void);

#endif
