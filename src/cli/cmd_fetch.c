/* cmd_fetch.c: `rounds fetch`. */
#include <stdio.h>
#include <stdlib.h>
#include "cli.h"
#include "rounds/fetch.h"
#include "rounds/fsutil.h"
#include "rounds/log.h"
#include "rounds/opml.h"
#include "rounds/store.h"

static int run(struct rounds_ctx *ctx, int argc, char **argv);

const struct rounds_cmd rounds_cmd_fetch = {
	.name = "fetch",
	.run = run,
	.summary = "fetch every due feed and the comment feeds of recent articles",
	.usage =
	"usage: rounds fetch [--jobs N] [--all]\n"
	"\n"
	"Fetches every feed that is due (conditional GET, redirects, backoff), and\n"
	"the comment feeds of articles younger than the comment window, and stores\n"
	"new and changed entries and comments.\n"
	"\n"
	"  --jobs N   transfers at once (default 16, at most 2 per host)\n"
	"  --all      fetch every active feed, due or not, except those whose\n"
	"             server said when to ask again (429/503 with Retry-After)\n"
	"             or that they are gone (410); says how many it skipped\n"
	"\n"
	"Exit status: 0 when the run did its job, even if some feeds failed;\n"
	"75 when another run holds the lock; 73/74 when the database cannot be used.\n",
};

enum { OPT_JOBS = OPT_CMD_BASE, OPT_ALL };

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "jobs", required_argument, NULL, OPT_JOBS },
		{ "all", no_argument, NULL, OPT_ALL },
		{ NULL, 0, NULL, 0 },
	};
	struct rounds_fetch_opts opts = { 0, false, false };
	struct rounds_fetch_stats stats;
	struct rounds_cli_run r;
	struct rounds_err err;
	char *end;
	int opt, rc;

	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_fetch, argc, argv,
					"j:", longopts)) != -1) {
		switch (opt) {
		case 'j':
		case OPT_JOBS:
			opts.jobs = (int)strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || opts.jobs < 1 ||
			    opts.jobs > 256)
				return rounds_cli_usage(&rounds_cmd_fetch,
					"--jobs wants a number from 1 to 256, "
					"not '%s'", optarg);
			break;
		case OPT_ALL:
			opts.all = true;
			break;
		case 'H':
			return 0;
		default:
			return EX_USAGE;
		}
	}
	if (optind < argc)
		return rounds_cli_usage(&rounds_cmd_fetch,
					"unexpected argument '%s'", argv[optind]);
	if ((rc = rounds_ctx_load(ctx)) != 0)
		return rc;
	rounds_err_init(&err);
	if (rounds_cli_run_begin(ctx, &r, &err) < 0)
		return rounds_cli_fail(&err);
	rc = 0;
	opts.progress = rounds_log_progress();
	if (rounds_fetch_run(r.st, ctx->conf, &opts, &stats, &err) < 0) {
		rc = rounds_cli_fail(&err);
		goto out;
	}
	if (rounds_log_get_level() >= LOG_WARN)
		printf("fetch: %d fetched, %d unchanged, %d new entries, "
		       "%d updated, %d new comments, %d failed\n",
		       stats.fetched, stats.unchanged, stats.new_entries,
		       stats.updated_entries, stats.new_comments, stats.failed);
	if (rounds_log_get_level() >= LOG_WARN &&
	    stats.skipped_wait + stats.skipped_gone > 0)
		printf("fetch --all: %d feeds not asked: %d asked to wait "
		       "(429/503, until the time they gave), %d gone (410)\n",
		       stats.skipped_wait + stats.skipped_gone,
		       stats.skipped_wait, stats.skipped_gone);
out:
	rounds_cli_run_end(&r);
	return rc;
}
