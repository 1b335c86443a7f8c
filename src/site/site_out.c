/* site_out.c: writing the site's files and keeping their fingerprints
 * (site.c says what each page is made of). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "rounds/buf.h"
#include "rounds/fsutil.h"
#include "rounds/log.h"
#include "rounds/render.h"
#include "site_int.h"

void site_fp(const char *base, const char *tag, const char *const *parts,
	     size_t n, char out[ROUNDS_HASH_HEX])
{
	struct rounds_hash h;
	size_t i;

	rounds_hash_init(&h);
	rounds_hash_str(&h, base);
	rounds_hash_str(&h, tag);
	for (i = 0; i < n; i++)
		rounds_hash_str(&h, parts[i]);
	rounds_hash_hex(&h, out);
}

static int site_path(struct site *s, const char *path, struct rounds_buf *b,
		     struct rounds_err *err)
{
	rounds_buf_reset(b);
	if (rounds_buf_printf(b, "%s/%s", s->dir, path) < 0)
		return rounds_err_set(err, EX_SOFTWARE, "out of memory");
	return 0;
}

int site_due(struct site *s, const char *path, const char *fp, bool *due,
	     struct rounds_err *err)
{
	char old[ROUNDS_HASH_HEX];
	struct rounds_buf p;
	bool found;
	int rc = -1;

	*due = true;
	rounds_buf_init(&p, 0);
	if (site_path(s, path, &p, err) < 0 ||
	    rounds_store_page_get(s->st, rounds_buf_str(&p), old, NULL,
				  &found, err) < 0)
		goto out;
	*due = s->full || !found || strcmp(old, fp) != 0 ||
		access(rounds_buf_str(&p), F_OK) != 0;
	rc = 0;
out:
	rounds_buf_release(&p);
	return rc;
}

int site_put(struct site *s, const char *path, char *data, const char *fp,
	     struct rounds_err *err)
{
	struct rounds_buf p;
	bool changed;
	int rc = -1;

	rounds_buf_init(&p, 0);
	if (site_path(s, path, &p, err) < 0 ||
	    rounds_file_write_atomic(rounds_buf_str(&p), data, strlen(data),
				     &changed, err) < 0)
		goto out;
	s->stats->rendered++;
	rounds_log(LOG_DEBUG, "publish: rendered %s%s", path,
		   changed ? "" : " (same bytes)");
	if (changed)
		s->stats->written++;
	else
		s->stats->unchanged++;
	rc = fp ? rounds_store_page_put(s->st, rounds_buf_str(&p), fp, NULL,
					err) : 0;
out:
	rounds_buf_release(&p);
	free(data);
	return rc;
}

int site_emit(struct site *s, const char *path, const char *name,
	      json_t *model, bool own, const char *fp, struct rounds_err *err)
{
	char *out = NULL;

	if ((own ? rounds_render_template_in(name, model, s->conf, &out, err)
	     : rounds_render_template(name, model, s->conf, &out, err)) < 0)
		return -1;
	return site_put(s, path, out, fp, err);
}
