/* cmd_publish.c: `rounds publish`. */
#include "cli.h"

static int run(struct rounds_ctx *ctx, int argc, char **argv);

const struct rounds_cmd rounds_cmd_publish = {
	.name = "publish",
	.run = run,
	.summary = "write the static site: issues, index, archive, output feeds",
	.usage =
	"usage: rounds publish [DIR]\n"
	"\n"
	"Writes the static site into DIR (default: [site] dir of the config, else\n"
	"./site): one page per weekly issue, the index, the archive, the sources,\n"
	"feed.xml (Atom), feed.rss, feed.json and river.xml.  An edited draft\n"
	"(drafts/YYYY-Www.md) is used for its week when there is one.  Files are\n"
	"written atomically and only when changed.\n",
};

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	int opt, rc;

	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_publish, argc, argv,
					"", NULL)) != -1) {
		if (opt == 'H')
			return 0;
		return EX_USAGE;
	}
	if ((rc = rounds_ctx_load(ctx)) != 0)
		return rc;
	return rounds_cli_not_yet(&rounds_cmd_publish);
}
