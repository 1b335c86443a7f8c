/* site_draft.c: writing the editor's draft into the drafts directory,
 * never over a draft the editor has changed since rounds wrote it. */
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/draft.h"
#include "rounds/fsutil.h"
#include "rounds/site.h"
#include "site_int.h"

char *rounds_site_draft_path(const struct rounds_conf *conf,
			     const char *week)
{
	char *dir = site_drafts_dir(conf);
	struct rounds_buf p;

	rounds_buf_init(&p, 0);
	if (rounds_buf_printf(&p, "%s/%s.md", dir, week) < 0)
		abort();        /* no cap: only out of memory */
	free(dir);
	return rounds_buf_detach(&p);
}

/* Whether the draft at path may be replaced: absent, or exactly what
 * rounds last wrote for week; else an error saying why not. */
static int may_replace(struct rounds_store *st, const char *week,
		       const char *path, bool *existed,
		       struct rounds_err *err)
{
	char *old = NULL;
	size_t len;
	bool found = false, same = false;
	int rc = -1;

	*existed = access(path, F_OK) == 0;
	if (!*existed)
		return 0;
	if (rounds_file_read(path, ROUNDS_MAX_DRAFT, &old, &len, err) < 0 ||
	    rounds_store_draft_same(st, week, old, &found, &same, err) < 0)
		goto out;
	if (!found)
		rounds_err_set(err, EX_CANTCREAT, "'%s': a draft is there that "
			       "rounds digest did not write; it is left alone "
			       "(--force replaces it, -o - prints the new "
			       "draft)", path);
	else if (!same)
		rounds_err_set(err, EX_CANTCREAT, "'%s' was edited since "
			       "rounds digest wrote it; it is left alone "
			       "(--force replaces it, -o - prints the new "
			       "draft)", path);
	else
		rc = 0;
out:
	free(old);
	return rc;
}

/* Writes md to path and records it, in one transaction. */
static int write_recorded(struct rounds_store *st, const char *week,
			  const char *path, const char *md, bool *changed,
			  struct rounds_err *err)
{
	char *dir = xstrdup(path);
	int rc = rounds_mkdirs(dirname(dir), err);

	free(dir);
	if (rc < 0 || rounds_store_begin(st, err) < 0)
		return -1;
	if (rounds_store_draft_put(st, week, path, md, rounds_clock_now(),
				   err) < 0 ||
	    rounds_file_write_atomic(path, md, strlen(md), changed, err) < 0 ||
	    rounds_store_commit(st, err) < 0) {
		rounds_store_rollback(st);
		return -1;
	}
	return 0;
}

int rounds_site_draft_write(struct rounds_store *st,
			    const struct rounds_conf *conf, const char *week,
			    const char *md, bool force, char **path,
			    enum rounds_site_draft_wrote *what,
			    struct rounds_err *err)
{
	char *p = rounds_site_draft_path(conf, week);
	bool existed = false, changed = false;
	struct rounds_err why;

	rounds_err_init(&why);
	*path = NULL;
	if (may_replace(st, week, p, &existed, &why) < 0 &&
	    (!force || why.code != EX_CANTCREAT)) {
		*err = why;
		free(p);
		return -1;
	}
	if (write_recorded(st, week, p, md, &changed, err) < 0) {
		free(p);
		return -1;
	}
	*what = !existed ? ROUNDS_DRAFT_NEW : why.code ? ROUNDS_DRAFT_FORCED :
		changed ? ROUNDS_DRAFT_REPLACED : ROUNDS_DRAFT_UNCHANGED;
	*path = p;
	return 0;
}
