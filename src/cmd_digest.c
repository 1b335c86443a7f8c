/* cmd_digest.c: `rounds digest`. */
#include "cli.h"

static int run(struct rounds_ctx *ctx, int argc, char **argv);

const struct rounds_cmd rounds_cmd_digest = {
	.name = "digest",
	.run = run,
	.summary = "render a digest of articles and their comment threads",
	.usage =
	"usage: rounds digest [--week YYYY-Www | --since DATE [--until DATE]]\n"
	"                     [--format md|html|atom|rss|json|email|model] [-o FILE]\n"
	"\n"
	"Renders the articles of a window with their comment threads.  The default\n"
	"window is the last complete ISO week; DATE is YYYY-MM-DD, an RFC 3339 time,\n"
	"or a duration back from now such as 7d or 48h.\n"
	"\n"
	"  --week W        an ISO 8601 week, e.g. 2026-W47\n"
	"  --since DATE    start of the window (inclusive)\n"
	"  --until DATE    end of the window (exclusive; default now)\n"
	"  --format F      md (the editable draft; default), html, atom, rss,\n"
	"                  json (JSON Feed 1.1), email, model (the template model)\n"
	"  --feed URL      only this feed (repeatable)\n"
	"  --tag TAG       only feeds with this tag (repeatable)\n"
	"  -o FILE         write to FILE (atomically) instead of standard output\n",
};

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	int opt, rc;

	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_digest, argc, argv,
					"", NULL)) != -1) {
		if (opt == 'H')
			return 0;
		return EX_USAGE;
	}
	if ((rc = rounds_ctx_load(ctx)) != 0)
		return rc;
	return rounds_cli_not_yet(&rounds_cmd_digest);
}
