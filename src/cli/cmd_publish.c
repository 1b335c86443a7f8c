/* cmd_publish.c: `rounds publish`: the static site, under the run lock. */
#include <stdio.h>
#include <unistd.h>
#include "cli.h"
#include "rounds/fsutil.h"
#include "rounds/log.h"
#include "rounds/site.h"
#include "rounds/store.h"

static int run(struct rounds_ctx *ctx, int argc, char **argv);

const struct rounds_cmd rounds_cmd_publish = {
	.name = "publish",
	.run = run,
	.summary = "write the static site: issues, index, archive, output feeds",
	.usage =
	"usage: rounds publish [--full] [DIR]\n"
	"\n"
	"Writes the static site into DIR (default: [site] dir of the config, else\n"
	"./site): one page per weekly issue, the index, the archive, the sources,\n"
	"feed.xml (Atom), feed.rss, feed.json and river.xml.  The editor's draft\n"
	"of a week (YYYY-Www.md in [site] drafts, default drafts/ beside the\n"
	"config) edits that week's issue: publish names each draft it used, and a\n"
	"draft it cannot read is an error naming its file and line (nothing is\n"
	"written).  Files are written atomically and only when changed; -v says\n"
	"how many.  Only the pages whose inputs changed since the last publish\n"
	"into DIR are rendered (the database keeps a fingerprint of each page:\n"
	"its entries and comments, its draft, the templates, the config, the\n"
	"subscriptions, the rounds version); --full renders every page.\n",
};

/* Names each draft the site was built with (unless --quiet). */
static void drafts_used(json_t *drafts)
{
	json_t *d;
	size_t i;

	if (rounds_log_get_level() >= LOG_WARN)
		json_array_foreach(drafts, i, d)
			printf("publish: the editor's draft %s\n",
			       json_string_value(d));
	json_decref(drafts);
}

enum { OPT_FULL = OPT_CMD_BASE };

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "full", no_argument, NULL, OPT_FULL },
		{ NULL, 0, NULL, 0 },
	};
	struct rounds_site_stats stats;
	struct rounds_store *st = NULL;
	struct rounds_err err;
	const char *dir = NULL;
	long wait_s;
	bool full = false;
	int opt, rc, lock = -1;

	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_publish, argc, argv,
					"", longopts)) != -1) {
		if (opt == OPT_FULL) {
			full = true;
			continue;
		}
		if (opt == 'H')
			return 0;
		return EX_USAGE;
	}
	if (optind < argc)
		dir = argv[optind++];
	if (optind < argc)
		return rounds_cli_usage(&rounds_cmd_publish,
					"unexpected argument '%s'",
					argv[optind]);
	if ((rc = rounds_ctx_load(ctx)) != 0)
		return rc;
	rounds_err_init(&err);
	if (access(ctx->db_path, F_OK) != 0) {
		rounds_err_set(&err, EX_NOINPUT, "database '%s' not found; add "
			       "feeds with 'rounds feeds add' and run 'rounds "
			       "fetch' first", ctx->db_path);
		return rounds_cli_fail(&err);
	}
	wait_s = rounds_conf_get_int(ctx->conf, "rounds", "lock_wait", 30);
	if (wait_s < 0 || wait_s > 86400)
		wait_s = 30;
	if ((lock = rounds_lock_acquire(ctx->db_path, (int)wait_s, &err)) < 0)
		return rounds_cli_fail(&err);
	if ((st = rounds_store_open(ctx->db_path, &err)) == NULL ||
	    rounds_site_publish(st, ctx->conf, dir, full, &stats, &err) < 0) {
		rc = rounds_cli_fail(&err);
		goto out;
	}
	drafts_used(stats.drafts);
	rounds_log(LOG_INFO, "publish: %d written, %d unchanged (%d rendered)",
		   stats.written, stats.unchanged, stats.rendered);
	rc = 0;
out:
	rounds_store_close(st);
	rounds_lock_release(lock);
	return rc;
}
