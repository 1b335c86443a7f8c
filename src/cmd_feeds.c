/* cmd_feeds.c: `rounds feeds`. */
#include "cli.h"

static int run(struct rounds_ctx *ctx, int argc, char **argv);

const struct rounds_cmd rounds_cmd_feeds = {
	.name = "feeds",
	.run = run,
	.summary = "manage subscriptions; import and export OPML",
	.usage =
	"usage: rounds feeds add URL [--title T] [--tag X]...\n"
	"       rounds feeds list\n"
	"       rounds feeds remove URL|ID\n"
	"       rounds feeds import FILE.opml [--sync]\n"
	"       rounds feeds export [-o FILE]\n"
	"       rounds feeds health\n"
	"\n"
	"Manages the feeds rounds fetches, in the database (--db).\n"
	"\n"
	"  add      subscribe to URL, with an optional title and tags\n"
	"  list     each feed with its status, last fetch, errors and entry count\n"
	"  remove   unsubscribe (its entries are deleted too)\n"
	"  import   add the feeds of an OPML file (nested outlines become tags);\n"
	"           --sync also removes feeds the file no longer lists\n"
	"  export   write the subscriptions as OPML 2.0\n"
	"  health   the source-health report: moved, gone, failing, silent,\n"
	"           rate-limited feeds and feeds whose entry ids churn\n",
};

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	int opt, rc;

	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_feeds, argc, argv,
					"", NULL)) != -1) {
		if (opt == 'H')
			return 0;
		return EX_USAGE;
	}
	if ((rc = rounds_ctx_load(ctx)) != 0)
		return rc;
	return rounds_cli_not_yet(&rounds_cmd_feeds);
}
