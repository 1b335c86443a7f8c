/* cmd_run.c: `rounds run`: the cron job.  Under the run lock: sync the
 * subscriptions from the OPML file the config names, fetch, publish.
 * Prints nothing on success unless -v. */
#include <libgen.h>
#include <limits.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "rounds/buf.h"
#include "rounds/fetch.h"
#include "rounds/fsutil.h"
#include "rounds/log.h"
#include "rounds/opml.h"
#include "rounds/site.h"
#include "rounds/store.h"

static int run(struct rounds_ctx *ctx, int argc, char **argv);

const struct rounds_cmd rounds_cmd_run = {
	.name = "run",
	.run = run,
	.summary = "the cron job: sync subscriptions, fetch, then publish",
	.usage =
	"usage: rounds run\n"
	"\n"
	"Syncs subscriptions from the OPML file the config names, fetches, and\n"
	"publishes the site, under the lock.  On a terminal it shows the fetch\n"
	"progress, one line per stage and where the site is; elsewhere (cron)\n"
	"it is quiet unless something fails (-v: the stage lines anyway).  Safe\n"
	"to overlap (a second run waits [rounds] lock_wait seconds, then exits\n"
	"75).  A feed that fails is reported and does not fail the run; with\n"
	"-q only what a person should act on is: a feed failing for the first\n"
	"time, a feed gone (410), a feed that moved.\n",
};

/* On a terminal (and without -q) each stage says what it did; with -v
 * too, wherever the output goes. */
static bool chatty(void)
{
	return rounds_log_progress() || rounds_log_get_level() >= LOG_INFO;
}

/* The site's index as the reader typed paths: relative to the current
 * directory when it is below it. */
static void say_site(const struct rounds_conf *conf,
		     const struct rounds_site_stats *ss)
{
	char *dir = rounds_conf_get_path(conf, "site", "dir", "site");
	char *shown = rounds_path_shown(dir);

	fprintf(stderr, "site: %s/index.html, %d issue%s, %d file%s written\n",
		shown, ss->issues, ss->issues == 1 ? "" : "s", ss->written,
		ss->written == 1 ? "" : "s");
	free(shown);
	free(dir);
}

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	struct rounds_fetch_opts fo = { 0, false, false };
	struct rounds_fetch_stats fs;
	struct rounds_site_stats ss;
	struct rounds_cli_run r;
	struct rounds_err err;
	char *dir;
	int opt, rc;

	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_run, argc, argv,
					"", NULL)) != -1) {
		if (opt == 'H')
			return 0;
		return EX_USAGE;
	}
	if (optind < argc)
		return rounds_cli_usage(&rounds_cmd_run,
					"unexpected argument '%s'",
					argv[optind]);
	if ((rc = rounds_ctx_load(ctx)) != 0)
		return rc;
	rounds_err_init(&err);
	/* a first run creates the database's directory */
	dir = xstrdup(ctx->db_path);
	rc = rounds_mkdirs(dirname(dir), &err);
	free(dir);
	if (rc < 0)
		return rounds_cli_fail(&err);
	if (rounds_cli_run_begin(ctx, &r, &err) < 0)
		return rounds_cli_fail(&err);
	if (r.synced && chatty() && rounds_conf_get(ctx->conf, "feeds",
						    "opml", NULL))
		fprintf(stderr, "sync: %d added, %d kept, %d removed\n",
			r.sync.added, r.sync.kept, r.sync.removed);
	fo.progress = rounds_log_progress();
	if (rounds_fetch_run(r.st, ctx->conf, &fo, &fs, &err) < 0)
		goto fail;
	if (chatty())
		fprintf(stderr, "fetch: %d fetched, %d unchanged, %d new "
			"entries, %d updated, %d new comments, %d failed\n",
			fs.fetched, fs.unchanged, fs.new_entries,
			fs.updated_entries, fs.new_comments, fs.failed);
	if (rounds_site_publish(r.st, ctx->conf, NULL, false, &ss, &err) < 0)
		goto fail;
	json_decref(ss.drafts);         /* run does not name the drafts */
	if (chatty()) {
		fprintf(stderr, "publish: %d written, %d unchanged\n",
			ss.written, ss.unchanged);
		say_site(ctx->conf, &ss);
	}
	rc = 0;
	goto out;
fail:
	rc = rounds_cli_fail(&err);
out:
	rounds_cli_run_end(&r);
	return rc;
}
