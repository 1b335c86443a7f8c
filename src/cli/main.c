/* main.c: global options, then dispatch to a sub-command. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include <libxml/parser.h>
#include "rounds/xmlsetup.h"
#include "config.h"
#include "cli.h"

static const struct rounds_cmd *const commands[] = {
	&rounds_cmd_parse,
	&rounds_cmd_feeds,
	&rounds_cmd_fetch,
	&rounds_cmd_digest,
	&rounds_cmd_publish,
	&rounds_cmd_send,
	&rounds_cmd_run,
	&rounds_cmd_config,
	&rounds_cmd_db,
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	size_t i;

	fputs("usage: rounds [OPTIONS] COMMAND [ARGS]\n"
	      "\n"
	      "Turns health-IT blogs and their comment threads into a weekly digest.\n"
	      "\n"
	      "Commands:\n", out);
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %-9s %s\n", commands[i]->name, commands[i]->summary);
	fputs("\n"
	      "Options (also accepted after the command):\n"
	      "  --config FILE  configuration (default ./rounds.conf, then\n"
	      "                 $XDG_CONFIG_HOME/rounds/rounds.conf)\n"
	      "  --db FILE      database (default from the config, else ./rounds.db)\n"
	      "  --now TIME     take TIME (2026-11-24T12:00:00Z) as the current time\n"
	      "  -q, --quiet    errors only\n"
	      "  -v, --verbose  more detail (twice: debug)\n"
	      "  -h, --help     this help; 'rounds COMMAND --help' for a command\n"
	      "  --version      the version\n"
	      "\n"
	      "Exit status: 0 ok, 64 usage, 65 bad input, 66 input missing,\n"
	      "69 unavailable, 73 cannot create output, 74 I/O error, 75 try again later,\n"
	      "78 configuration wrong ('rounds config check' shows where).\n"
	      "Configuration keys: 'rounds config keys' and rounds.conf(5).\n"
	      "See rounds(1).\n", out);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "db", required_argument, NULL, OPT_DB },
		{ "now", required_argument, NULL, OPT_NOW },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	struct rounds_ctx ctx;
	const struct rounds_cmd *cmd = NULL;
	size_t i;
	int opt, rc;

	memset(&ctx, 0, sizeof(ctx));
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:hqv", longopts, NULL)) != -1) {
		if (opt == 'h') {
			usage(stdout);
			return 0;
		}
		if (opt == OPT_VERSION) {
			printf("rounds %s\n", PACKAGE_VERSION);
			return 0;
		}
		if (opt == '?') {
			if (optopt)
				return rounds_cli_usage(NULL, "unknown option '-%c'", optopt);
			return rounds_cli_usage(NULL, "unknown option '%s'",
						argv[optind - 1]);
		}
		if (opt == ':')
			return rounds_cli_usage(NULL, "option '%s' needs a value",
						argv[optind - 1]);
		if (rounds_cli_global(&ctx, opt, optarg) < 0)
			return EX_USAGE;
	}
	if (optind >= argc) {
		usage(stderr);
		return EX_USAGE;
	}
	for (i = 0; i < N_COMMANDS; i++)
		if (strcmp(argv[optind], commands[i]->name) == 0)
			cmd = commands[i];
	if (cmd == NULL)
		return rounds_cli_usage(NULL, "'%s' is not a rounds command",
					argv[optind]);

	curl_global_init(CURL_GLOBAL_DEFAULT);
	rounds_xml_init();
	argc -= optind;
	argv += optind;
	optind = 0;           /* glibc: full re-initialisation for the command */
	rc = cmd->run(&ctx, argc, argv);
	rounds_conf_free(ctx.conf);
	free(ctx.db_path);
	xmlCleanupParser();
	curl_global_cleanup();
	return rc;
}
