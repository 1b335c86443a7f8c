/* site_url.c: where a file in the site's directory is on the web: the
 * site's URL and the file's path under the directory.  A feed names its
 * own address (rel="self") only when it has one, so a file written
 * elsewhere has none. */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/site.h"

/* path made absolute, with the symbolic links of the part of it that
 * exists resolved (the rest, which a write is about to make, may not
 * hold "." or ".." segments).  NULL when it cannot be.  Caller frees. */
static char *resolve(const char *path)
{
	char *head = xstrdup(path), *real, *slash, *res = NULL;
	const char *tail;
	size_t keep = strlen(path), n;
	struct rounds_buf b;

	while ((real = realpath(keep ? head : ".", NULL)) == NULL) {
		if (keep == 0 || (keep == 1 && head[0] == '/'))
			goto out;
		slash = strrchr(head, '/');
		keep = slash == NULL ? 0 : slash == head ? 1 :
			(size_t)(slash - head);
		head[keep] = '\0';
	}
	tail = path + keep;
	for (n = 0; tail[n]; ) {
		while (tail[n] == '/')
			n++;
		if ((tail[n] == '.' && (tail[n + 1] == '/' ||
					tail[n + 1] == '\0')) ||
		    (tail[n] == '.' && tail[n + 1] == '.' &&
		     (tail[n + 2] == '/' || tail[n + 2] == '\0')))
			goto out;
		n += strcspn(tail + n, "/");
	}
	tail += strspn(tail, "/");
	rounds_buf_init(&b, 0);
	if (rounds_buf_puts(&b, real) < 0 ||
	    (*tail && strcmp(real, "/") != 0 && rounds_buf_putc(&b, '/') < 0) ||
	    rounds_buf_puts(&b, tail) < 0)
		goto out;
	res = rounds_buf_detach(&b);
out:
	free(real);
	free(head);
	return res;
}

/* A byte a URI path may hold as it is (RFC 3986 pchar and '/'). */
static bool path_char(unsigned char c)
{
	return isalnum(c) || (c != '\0' && strchr("-._~!$&'()*+,;=:@/", c));
}

char *rounds_site_url_of(const struct rounds_conf *conf, const char *path)
{
	const char *url = rounds_conf_get(conf, "site", "url", NULL), *rel;
	char *dir = NULL, *rdir = NULL, *file = NULL, *res = NULL;
	struct rounds_buf b;
	size_t n;

	if (url == NULL || *url == '\0' || path == NULL || *path == '\0')
		return NULL;
	dir = rounds_conf_get_path(conf, "site", "dir", "site");
	if ((rdir = realpath(dir, NULL)) == NULL ||
	    (file = resolve(path)) == NULL)
		goto out;
	n = strlen(rdir);
	if (strcmp(rdir, "/") == 0)
		n = 0;
	if (strncmp(file, rdir, n) != 0 || file[n] != '/' || file[n + 1] == '\0')
		goto out;
	rounds_buf_init(&b, 0);
	if (rounds_buf_puts(&b, url) < 0 ||
	    (url[strlen(url) - 1] != '/' && rounds_buf_putc(&b, '/') < 0))
		goto out;
	for (rel = file + n + 1; *rel; rel++)
		if ((path_char((unsigned char)*rel) ?
		     rounds_buf_putc(&b, *rel) :
		     rounds_buf_printf(&b, "%%%02X", (unsigned char)*rel)) < 0)
			goto out;
	res = rounds_buf_detach(&b);
out:
	free(dir);
	free(rdir);
	free(file);
	return res;
}
