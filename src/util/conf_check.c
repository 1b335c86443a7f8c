/* conf_check.c: a key and its value checked against rounds_conf_keys,
 * with the nearest known name offered when a name is unknown. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rounds/conf.h"
#include "conf_int.h"

/* Whether a section name matches a row's section: the same name, or for
 * a row "prefix*", a name that starts with prefix and goes on. */
bool rounds_conf_section_is(const char *row, const char *section)
{
	size_t n = strlen(row);

	if (n > 0 && row[n - 1] == '*')
		return strncasecmp(row, section, n - 1) == 0 &&
		       section[n - 1] != '\0';
	return strcasecmp(row, section) == 0;
}

const struct rounds_conf_key *rounds_conf_key_find(const char *section,
						   const char *key)
{
	const struct rounds_conf_key *k;

	for (k = rounds_conf_keys; k->section; k++)
		if (rounds_conf_section_is(k->section, section) &&
		    (strcmp(k->key, "*") == 0 || strcasecmp(k->key, key) == 0))
			return k;
	return NULL;
}

static bool section_known(const char *section)
{
	const struct rounds_conf_key *k;

	for (k = rounds_conf_keys; k->section; k++)
		if (rounds_conf_section_is(k->section, section))
			return true;
	return false;
}

const char *rounds_conf_key_allowed(const struct rounds_conf_key *k,
				    char *buf, size_t size)
{
	switch (k->type) {
	case ROUNDS_CONF_INT:
		snprintf(buf, size, "a whole number from %ld to %ld",
			 k->min, k->max);
		break;
	case ROUNDS_CONF_BOOL:
		snprintf(buf, size, "yes or no");
		break;
	case ROUNDS_CONF_ENUM:
		snprintf(buf, size, "one of %s", k->choices);
		break;
	case ROUNDS_CONF_PATH:
		snprintf(buf, size, "a file name");
		break;
	default:
		snprintf(buf, size, "text");
	}
	return buf;
}

/* Levenshtein distance, case-insensitive, for names of up to 63 bytes. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64], i, j, diag, up;

	if (la > 63 || lb > 63)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			row[j] = diag + (strncasecmp(a + i - 1, b + j - 1, 1)
					 != 0);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[lb];
}

/* The known name nearest to name (a section when section is NULL, else a
 * key of that section), or NULL when none is near enough to be a typo. */
static const char *nearest(const char *section, const char *name)
{
	const struct rounds_conf_key *k;
	const char *best = NULL, *cand;
	size_t d, best_d = strlen(name) / 3 + 2;

	for (k = rounds_conf_keys; k->section; k++) {
		if (section && !rounds_conf_section_is(k->section, section))
			continue;
		cand = section ? k->key : k->section;
		d = distance(name, cand);
		if (d < best_d) {
			best_d = d;
			best = cand;
		}
	}
	return best;
}

/* The section a key of this name belongs to, when it is not section. */
static const char *home_of(const char *section, const char *key)
{
	const struct rounds_conf_key *k;

	for (k = rounds_conf_keys; k->section; k++)
		if (strcasecmp(k->key, key) == 0 &&
		    !rounds_conf_section_is(k->section, section) &&
		    strchr(k->section, '*') == NULL)
			return k->section;
	return NULL;
}

static int unknown(const char *where, const char *section, const char *key,
		   struct rounds_err *err)
{
	const char *near, *home = home_of(section, key);

	if (*section == '\0')
		return rounds_err_set(err, EX_CONFIG, "%s: '%s' is outside any "
				      "[section]%s%s%s", where, key,
				      home ? "; did you mean to put it under ["
				      : "", home ? home : "", home ? "]?" : "");
	if (!section_known(section)) {
		near = nearest(NULL, section);
		return rounds_err_set(err, EX_CONFIG, "%s: unknown section "
				      "[%s]%s%s%s (see rounds.conf(5) or "
				      "'rounds config keys')", where, section,
				      near ? "; did you mean [" : "",
				      near ? near : "", near ? "]?" : "");
	}
	if (home != NULL)
		return rounds_err_set(err, EX_CONFIG, "%s: [%s] has no key "
				      "'%s'; did you mean to put it under "
				      "[%s]?", where, section, key, home);
	near = nearest(section, key);
	return rounds_err_set(err, EX_CONFIG, "%s: [%s] has no key '%s'%s%s%s "
			      "(see rounds.conf(5) or 'rounds config keys')",
			      where, section, key,
			      near ? "; did you mean `" : "",
			      near ? near : "", near ? "`?" : "");
}

static bool is_bool(const char *v)
{
	static const char *const words[] = { "yes", "no", "true", "false",
					     "on", "off", "1", "0" };
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasecmp(v, words[i]) == 0)
			return true;
	return false;
}

static bool is_choice(const char *choices, const char *v)
{
	size_t n = strlen(v);
	const char *p = choices, *bar;

	for (; p; p = bar ? bar + 1 : NULL) {
		bar = strchr(p, '|');
		if ((size_t)(bar ? bar - p : (long)strlen(p)) == n &&
		    strncasecmp(p, v, n) == 0)
			return true;
	}
	return false;
}

static bool value_ok(const struct rounds_conf_key *k, const char *v)
{
	char *end;
	long n;

	if (*v == '\0')
		return true;      /* empty: the default */
	switch (k->type) {
	case ROUNDS_CONF_INT:
		errno = 0;
		n = strtol(v, &end, 10);
		return *end == '\0' && errno == 0 && n >= k->min &&
		       n <= k->max;
	case ROUNDS_CONF_BOOL:
		return is_bool(v);
	case ROUNDS_CONF_ENUM:
		return is_choice(k->choices, v);
	default:
		return true;
	}
}

int rounds_conf_check(const char *where, const char *section,
		      const char *key, const char *value,
		      struct rounds_err *err)
{
	const struct rounds_conf_key *k = rounds_conf_key_find(section, key);
	char allowed[128];

	if (k == NULL)
		return unknown(where, section, key, err);
	if (value_ok(k, value))
		return 0;
	return rounds_err_set(err, EX_CONFIG, "%s: [%s] %s = '%s': expected "
			      "%s", where, section, key, value,
			      rounds_conf_key_allowed(k, allowed,
						      sizeof(allowed)));
}
