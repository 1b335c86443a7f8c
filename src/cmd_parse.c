/* cmd_parse.c: `rounds parse`. */
#include "cli.h"

static int run(struct rounds_ctx *ctx, int argc, char **argv);

const struct rounds_cmd rounds_cmd_parse = {
	.name = "parse",
	.run = run,
	.summary = "parse feed documents and print them as JSON (no network)",
	.usage =
	"usage: rounds parse [--base URL] [--charset NAME] [FILE...|-]\n"
	"\n"
	"Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed documents and prints\n"
	"each, normalised, as JSON on standard output.  With one FILE (or - for\n"
	"standard input, the default) one object; with several, one compact object\n"
	"per line with an added \"source\" key.  No network or file access besides\n"
	"reading FILE.\n"
	"\n"
	"  --base URL      the document's own address, for resolving relative links\n"
	"  --charset NAME  the charset the transport declared (e.g. from HTTP)\n"
	"  --pretty        indent the JSON\n"
	"\n"
	"Exit status: 0 parsed (possibly recovered: \"bozo\"), 65 no feed in the\n"
	"document, 66 FILE missing.\n",
};

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	int opt;

	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_parse, argc, argv,
					"", NULL)) != -1) {
		if (opt == 'H')
			return 0;
		return EX_USAGE;
	}
	return rounds_cli_not_yet(&rounds_cmd_parse);
}
