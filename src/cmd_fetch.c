/* cmd_fetch.c: `rounds fetch`. */
#include "cli.h"

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
	"  --all      fetch every active feed, due or not\n"
	"\n"
	"Exit status: 0 when the run did its job, even if some feeds failed;\n"
	"75 when another run holds the lock; 73/74 when the database cannot be used.\n",
};

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	int opt, rc;

	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_fetch, argc, argv,
					"", NULL)) != -1) {
		if (opt == 'H')
			return 0;
		return EX_USAGE;
	}
	if ((rc = rounds_ctx_load(ctx)) != 0)
		return rc;
	return rounds_cli_not_yet(&rounds_cmd_fetch);
}
