/* conf.c: rounds.conf through inih, checked against rounds_conf_keys. */
#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "rounds/buf.h"
#include "rounds/conf.h"
#include "conf_int.h"

struct kv {
	char *section;
	char *key;
	char *value;
	int line;             /* > 0 file line; -1 command line */
};

struct rounds_conf {
	char *path;
	char *dir;
	struct kv *kv;
	size_t n, alloc;
	int line;             /* the line inih is on */
	struct rounds_err err; /* the first bad key */
};

static void kv_put(struct rounds_conf *c, const char *section,
		   const char *key, const char *value, int line)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		if (strcasecmp(c->kv[i].section, section) == 0 &&
		    strcasecmp(c->kv[i].key, key) == 0) {
			free(c->kv[i].value);
			c->kv[i].value = xstrdup(value);
			c->kv[i].line = line;
			return;
		}
	}
	if (c->n == c->alloc) {
		c->alloc = c->alloc ? c->alloc * 2 : 32;
		c->kv = xrealloc(c->kv, c->alloc * sizeof(*c->kv));
	}
	c->kv[c->n].section = xstrdup(section);
	c->kv[c->n].key = xstrdup(key);
	c->kv[c->n].value = xstrdup(value);
	c->kv[c->n].line = line;
	c->n++;
}

static int on_kv(void *user, const char *section, const char *key,
		 const char *value)
{
	struct rounds_conf *c = user;
	char where[PATH_MAX + 32];

	if (c->err.code)
		return 1;
	snprintf(where, sizeof(where), "config '%s', line %d", c->path,
		 c->line);
	if (rounds_conf_check(where, section, key, value, &c->err) < 0)
		return 1;
	kv_put(c, section, key, value, c->line);
	return 1;
}

struct reader {
	FILE *f;
	struct rounds_conf *c;
	bool fresh;           /* the next read starts a line */
};

/* fgets for inih, counting lines so errors can name theirs. */
static char *read_line(char *str, int num, void *stream)
{
	struct reader *r = stream;
	char *s = fgets(str, num, r->f);

	if (s == NULL)
		return NULL;
	if (r->fresh)
		r->c->line++;
	r->fresh = strchr(s, '\n') != NULL;
	return s;
}

static char *default_path(void)
{
	struct rounds_buf b;
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	if (access("rounds.conf", F_OK) == 0)
		return xstrdup("rounds.conf");
	rounds_buf_init(&b, 0);
	if (xdg && *xdg) {
		if (rounds_buf_printf(&b, "%s/rounds/rounds.conf", xdg) < 0)
			return NULL;
	} else if (home && *home) {
		if (rounds_buf_printf(&b, "%s/.config/rounds/rounds.conf", home) < 0)
			return NULL;
	} else {
		return NULL;
	}
	if (access(rounds_buf_str(&b), F_OK) == 0)
		return rounds_buf_detach(&b);
	rounds_buf_release(&b);
	return NULL;
}

/* Every [feed:NAME] section must say which feed it is about. */
static int check_feed_sections(struct rounds_conf *c, struct rounds_err *err)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		const char *sec = c->kv[i].section;

		if (!rounds_conf_section_is("feed:*", sec) ||
		    rounds_conf_get(c, sec, "url", NULL) != NULL)
			continue;
		return rounds_err_set(err, EX_CONFIG, "config '%s', line %d: "
				      "[%s] names no feed: add url = the "
				      "feed's URL, as subscribed", c->path,
				      c->kv[i].line, sec);
	}
	return 0;
}

struct rounds_conf *rounds_conf_load(const char *path, struct rounds_err *err)
{
	struct rounds_conf *c = xcalloc(1, sizeof(*c));
	struct reader r;
	char *slash;
	FILE *f;
	int line;

	c->path = path ? xstrdup(path) : default_path();
	if (c->path == NULL) {
		c->dir = xstrdup(".");
		return c;
	}
	f = fopen(c->path, "r");
	if (f == NULL) {
		rounds_err_set(err, errno == ENOENT ? EX_NOINPUT : EX_IOERR,
			       "config '%s': %s", c->path, strerror(errno));
		rounds_conf_free(c);
		return NULL;
	}
	r.f = f;
	r.c = c;
	r.fresh = true;
	c->line = 0;
	rounds_err_init(&c->err);
	line = ini_parse_stream(read_line, &r, on_kv, c);
	fclose(f);
	if (line != 0) {
		rounds_err_set(err, EX_CONFIG, "config '%s', line %d: not "
			       "'key = value' or '[section]'", c->path, line);
		rounds_conf_free(c);
		return NULL;
	}
	if (c->err.code == 0)
		(void)check_feed_sections(c, &c->err);
	if (c->err.code) {
		*err = c->err;
		rounds_conf_free(c);
		return NULL;
	}
	slash = strrchr(c->path, '/');
	c->dir = slash ? xstrndup(c->path, (size_t)(slash - c->path)) : xstrdup(".");
	if (c->dir[0] == '\0') {
		free(c->dir);
		c->dir = xstrdup("/");
	}
	return c;
}

void rounds_conf_free(struct rounds_conf *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->kv[i].section);
		free(c->kv[i].key);
		free(c->kv[i].value);
	}
	free(c->kv);
	free(c->path);
	free(c->dir);
	free(c);
}

const char *rounds_conf_path(const struct rounds_conf *c)
{
	return c->path;
}

const char *rounds_conf_dir(const struct rounds_conf *c)
{
	return c->dir;
}

const char *rounds_conf_get(const struct rounds_conf *c, const char *section,
			    const char *key, const char *def)
{
	size_t i;

	for (i = 0; c && i < c->n; i++)
		if (strcasecmp(c->kv[i].section, section) == 0 &&
		    strcasecmp(c->kv[i].key, key) == 0)
			return c->kv[i].value;
	return def;
}

long rounds_conf_get_int(const struct rounds_conf *c, const char *section,
			 const char *key, long def)
{
	const char *v = rounds_conf_get(c, section, key, NULL);
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return def;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || *end != '\0')
		return def;
	return n;
}

bool rounds_conf_get_bool(const struct rounds_conf *c, const char *section,
			  const char *key, bool def)
{
	const char *v = rounds_conf_get(c, section, key, NULL);

	if (v == NULL)
		return def;
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") ||
	    !strcasecmp(v, "on") || !strcmp(v, "1"))
		return true;
	if (!strcasecmp(v, "no") || !strcasecmp(v, "false") ||
	    !strcasecmp(v, "off") || !strcmp(v, "0"))
		return false;
	return def;
}

char *rounds_conf_get_path(const struct rounds_conf *c, const char *section,
			   const char *key, const char *def)
{
	const char *v = rounds_conf_get(c, section, key, NULL);
	struct rounds_buf b;

	if (v == NULL || *v == '\0')
		return xstrdup(def);
	if (v[0] == '/' || c == NULL || c->path == NULL ||
	    rounds_conf_where(c, section, key) < 0)
		return xstrdup(v);
	rounds_buf_init(&b, 0);
	if (rounds_buf_printf(&b, "%s/%s", c->dir, v) < 0)
		return xstrdup(v);
	return rounds_buf_detach(&b);
}

void rounds_conf_each(const struct rounds_conf *c, const char *section,
		      void (*fn)(const char *key, const char *value, void *arg),
		      void *arg)
{
	size_t i;

	for (i = 0; c && i < c->n; i++)
		if (strcasecmp(c->kv[i].section, section) == 0)
			fn(c->kv[i].key, c->kv[i].value, arg);
}

int rounds_conf_set(struct rounds_conf *c, const char *section,
		    const char *key, const char *value, struct rounds_err *err)
{
	char where[64];

	snprintf(where, sizeof(where), "command line");
	if (rounds_conf_check(where, section, key, value, err) < 0)
		return -1;
	kv_put(c, section, key, value, -1);
	return 0;
}

int rounds_conf_where(const struct rounds_conf *c, const char *section,
		      const char *key)
{
	size_t i;

	for (i = 0; c && i < c->n; i++)
		if (strcasecmp(c->kv[i].section, section) == 0 &&
		    strcasecmp(c->kv[i].key, key) == 0)
			return c->kv[i].line;
	return 0;
}

const char *rounds_conf_feed_get(const struct rounds_conf *c, const char *url,
				 const char *key, const char *def)
{
	const char *u, *v;
	size_t i;

	for (i = 0; c && url && i < c->n; i++) {
		if (strcasecmp(c->kv[i].key, "url") != 0 ||
		    !rounds_conf_section_is("feed:*", c->kv[i].section))
			continue;
		u = c->kv[i].value;
		if (strcmp(u, url) != 0)
			continue;
		v = rounds_conf_get(c, c->kv[i].section, key, NULL);
		if (v && *v)
			return v;
		break;
	}
	v = rounds_conf_get(c, "feeds", key, NULL);
	return v && *v ? v : def;
}

void rounds_conf_each_section(const struct rounds_conf *c, const char *row,
			      void (*fn)(const char *section,
					 const char *key, const char *value,
					 int line, void *arg),
			      void *arg)
{
	size_t i;

	for (i = 0; c && i < c->n; i++)
		if (rounds_conf_section_is(row, c->kv[i].section))
			fn(c->kv[i].section, c->kv[i].key, c->kv[i].value,
			   c->kv[i].line, arg);
}
