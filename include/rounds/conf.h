/* conf.h: rounds.conf, an INI file read with inih.  Every setting has a
 * default that works with no file at all.  See rounds.conf(5).
 * Every section and key a file may hold is a row of rounds_conf_keys
 * (a row's section "feed:*" stands for every section [feed:NAME])
 * (src/util/conf_keys.c, documented in rounds.conf(5)): an unknown one,
 * or a value of the wrong type or out of range, fails the load with
 * EX_CONFIG naming file, line, key and what is allowed. */
#ifndef ROUNDS_CONF_H
#define ROUNDS_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include "err.h"

struct rounds_conf;   /* opaque */

enum rounds_conf_type {
	ROUNDS_CONF_STR,      /* any text */
	ROUNDS_CONF_PATH,     /* relative to the file's directory */
	ROUNDS_CONF_INT,      /* a whole number from min to max */
	ROUNDS_CONF_BOOL,     /* yes/no, true/false, on/off, 1/0 */
	ROUNDS_CONF_ENUM,     /* one of choices, "a|b|c" */
};

struct rounds_conf_key {
	const char *section;
	const char *key;      /* "*": any key (e.g. [topics]) */
	enum rounds_conf_type type;
	long min, max;        /* ROUNDS_CONF_INT */
	const char *choices;  /* ROUNDS_CONF_ENUM */
	const char *def;      /* the default as shown to people; NULL: unset */
	const char *help;     /* a few words */
};

/* The table, ended by a row whose section is NULL. */
extern const struct rounds_conf_key rounds_conf_keys[];
/* The row for section/key (case-insensitive), or NULL. */
const struct rounds_conf_key *rounds_conf_key_find(const char *section,
						   const char *key);
/* What a row allows, in words ("a whole number from 1 to 256"). */
const char *rounds_conf_key_allowed(const struct rounds_conf_key *k,
				    char *buf, size_t size);

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
/* Sets [section] key from the command line (checked as a file's value
 * would be); a relative path stays relative to the current directory. */
int rounds_conf_set(struct rounds_conf *c, const char *section,
		    const char *key, const char *value, struct rounds_err *err);
/* Where [section] key came from: its line in the file (> 0), 0 when it
 * is the default, -1 when set from the command line. */
int rounds_conf_where(const struct rounds_conf *c, const char *section,
		      const char *key);
/* Calls fn for every key of a section, in file order (e.g. [topics]). */
void rounds_conf_each(const struct rounds_conf *c, const char *section,
		      void (*fn)(const char *key, const char *value, void *arg),
		      void *arg);

/* A feed's own setting: key of the [feed:NAME] section whose url is url
 * (as subscribed, byte for byte), else [feeds] key, else def.  Borrowed
 * until rounds_conf_free. */
const char *rounds_conf_feed_get(const struct rounds_conf *c, const char *url,
				 const char *key, const char *def);
/* Calls fn for every key, in file order, of the sections a table row's
 * section stands for ("feed:*": every [feed:NAME]). */
void rounds_conf_each_section(const struct rounds_conf *c, const char *row,
			      void (*fn)(const char *section,
					 const char *key, const char *value,
					 int line, void *arg),
			      void *arg);

#endif
