/* cmd_send.c: `rounds send`. */
#include "cli.h"

static int run(struct rounds_ctx *ctx, int argc, char **argv);

const struct rounds_cmd rounds_cmd_send = {
	.name = "send",
	.run = run,
	.summary = "build the newsletter email and send it over SMTP",
	.usage =
	"usage: rounds send [--week YYYY-Www] [--dry-run] [-o FILE]\n"
	"\n"
	"Builds the issue's email (multipart text and HTML) and sends it over SMTP\n"
	"as the [mail] section of the config says.\n"
	"\n"
	"  --week W    the issue's week (default the last complete week)\n"
	"  --dry-run   do not send; write the message (to -o FILE or standard output)\n"
	"  -o FILE     where --dry-run writes the .eml\n",
};

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	int opt, rc;

	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_send, argc, argv,
					"", NULL)) != -1) {
		if (opt == 'H')
			return 0;
		return EX_USAGE;
	}
	if ((rc = rounds_ctx_load(ctx)) != 0)
		return rc;
	return rounds_cli_not_yet(&rounds_cmd_send);
}
