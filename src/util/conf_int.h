/* conf_int.h: conf.c's checks, in conf_check.c. */
#ifndef ROUNDS_CONF_INT_H
#define ROUNDS_CONF_INT_H

#include <stdbool.h>
#include <stddef.h>
#include "rounds/err.h"

/* Checks one key against rounds_conf_keys; on failure sets EX_CONFIG with
 * a message starting with where and returns -1. */
int rounds_conf_check(const char *where, const char *section,
		      const char *key, const char *value,
		      struct rounds_err *err);

/* Whether section is the row's section (a row "feed:*" is every section
 * whose name starts with "feed:" and goes on). */
bool rounds_conf_section_is(const char *row, const char *section);

#endif
