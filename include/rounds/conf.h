/* conf.h: rounds.conf, an INI file read with inih.  Every setting has a
 * default that works with no file at all.  See rounds.conf(5).
 * Unknown sections and keys are kept (rounds_conf_get) so later stages
 * can read their own settings without this header changing. */
#ifndef ROUNDS_CONF_H
#define ROUNDS_CONF_H

#include <stdbool.h>
#include "err.h"

struct rounds_conf;   /* opaque */

/* Loads path; when path is NULL tries ./rounds.conf, then
 * $XDG_CONFIG_HOME/rounds/rounds.conf (or ~/.config/...), else defaults.
 * A path given but missing is EX_NOINPUT; a syntax error is EX_CONFIG
 * naming file and line. */
struct rounds_conf *rounds_conf_load(const char *path, struct rounds_err *err);
void rounds_conf_free(struct rounds_conf *c);
/* The file that was read, or NULL when running on defaults. */
const char *rounds_conf_path(const struct rounds_conf *c);
/* The directory relative paths in the file are taken against ("." without a file). */
const char *rounds_conf_dir(const struct rounds_conf *c);

/* Value of [section] key, or def.  Borrowed until rounds_conf_free. */
const char *rounds_conf_get(const struct rounds_conf *c, const char *section,
			    const char *key, const char *def);
long rounds_conf_get_int(const struct rounds_conf *c, const char *section,
			 const char *key, long def);
bool rounds_conf_get_bool(const struct rounds_conf *c, const char *section,
			  const char *key, bool def);
/* Like rounds_conf_get, with a relative path made relative to the config
 * file's directory; caller frees; NULL when unset and def is NULL. */
char *rounds_conf_get_path(const struct rounds_conf *c, const char *section,
			   const char *key, const char *def);
/* Calls fn for every key of a section, in file order (e.g. [topics]). */
void rounds_conf_each(const struct rounds_conf *c, const char *section,
		      void (*fn)(const char *key, const char *value, void *arg),
		      void *arg);

#endif
