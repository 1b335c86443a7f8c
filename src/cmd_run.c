/* cmd_run.c: `rounds run`. */
#include "cli.h"

static int run(struct rounds_ctx *ctx, int argc, char **argv);

const struct rounds_cmd rounds_cmd_run = {
	.name = "run",
	.run = run,
	.summary = "the cron job: sync subscriptions, fetch, then publish",
	.usage =
	"usage: rounds run\n"
	"\n"
	"Syncs subscriptions from the OPML file the config names, fetches, and\n"
	"publishes the site, under the lock.  Quiet unless something fails; safe to\n"
	"overlap (a second run waits, then exits 75).\n",
};

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	int opt, rc;

	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_run, argc, argv,
					"", NULL)) != -1) {
		if (opt == 'H')
			return 0;
		return EX_USAGE;
	}
	if ((rc = rounds_ctx_load(ctx)) != 0)
		return rc;
	return rounds_cli_not_yet(&rounds_cmd_run);
}
