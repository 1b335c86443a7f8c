/* cmd_config.c: `rounds config`: check a configuration file and show
 * the settings in effect, or list the keys a file may hold. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "cli.h"

static int run(struct rounds_ctx *ctx, int argc, char **argv);

const struct rounds_cmd rounds_cmd_config = {
	.name = "config",
	.run = run,
	.summary = "check the configuration; list the keys it may hold",
	.usage =
	"usage: rounds config check [--config FILE] [--db FILE]\n"
	"       rounds config keys\n"
	"\n"
	"  check   read the configuration (--config, else ./rounds.conf, else\n"
	"          $XDG_CONFIG_HOME/rounds/rounds.conf) and check every key\n"
	"          against the table rounds.conf(5) documents; print each\n"
	"          setting in effect and where it came from (default, the\n"
	"          file and line, or the command line)\n"
	"  keys    every section and key, with its type, range and default\n"
	"\n"
	"An unknown section or key, or a value of the wrong type or out of\n"
	"range, is an error naming the file, line and key, with what is\n"
	"allowed (exit 78); every command checks the file the same way.\n"
	"\n"
	"Exit status: 0 valid; 64 bad usage; 66 the named file is missing;\n"
	"78 the configuration is wrong.\n",
};

static void print_origin(const struct rounds_conf *c, int line, int width)
{
	printf("%*s; ", width < 40 ? 40 - width : 1, "");
	if (line > 0)
		printf("%s, line %d\n", rounds_conf_path(c), line);
	else if (line < 0)
		puts("command line");
	else
		puts("default");
}

static void print_topic(const char *key, const char *value, void *arg)
{
	const struct rounds_conf *c = arg;
	int w = printf("%s = %s", key, value);

	print_origin(c, rounds_conf_where(c, "topics", key), w);
}

static void print_key(const struct rounds_conf *c,
		      const struct rounds_conf_key *k)
{
	int line = rounds_conf_where(c, k->section, k->key);
	const char *v = line ? rounds_conf_get(c, k->section, k->key, "")
			     : k->def;
	int w;

	if (strcmp(k->key, "*") == 0) {
		rounds_conf_each(c, k->section, print_topic, (void *)c);
		return;
	}
	if (v && *v && strcmp(k->key, "password") == 0)
		v = "(set, not shown)";
	w = printf("%s = %s", k->key, v ? v : "");
	print_origin(c, line, w);
}

struct each_feed {
	const struct rounds_conf *c;
	const char *section;        /* the last one printed */
};

static void print_feed_key(const char *section, const char *key,
			   const char *value, int line, void *arg)
{
	struct each_feed *ef = arg;
	int w;

	if (ef->section == NULL || strcmp(ef->section, section) != 0)
		printf("\n[%s]\n", section);
	ef->section = section;
	w = printf("%s = %s", key, value);
	print_origin(ef->c, line, w);
}

static int check(struct rounds_ctx *ctx)
{
	struct each_feed ef = { NULL, NULL };
	const struct rounds_conf_key *k;
	const char *section = "";
	int rc = rounds_ctx_load(ctx);

	if (rc)
		return rc;
	if (rounds_conf_path(ctx->conf))
		printf("; %s: valid\n", rounds_conf_path(ctx->conf));
	else
		puts("; no configuration file: every setting is the default");
	for (k = rounds_conf_keys; k->section; k++) {
		if (strchr(k->section, '*'))    /* the file's own sections */
			continue;
		if (strcmp(section, k->section) != 0)
			printf("\n[%s]\n", k->section);
		section = k->section;
		print_key(ctx->conf, k);
	}
	ef.c = ctx->conf;
	rounds_conf_each_section(ctx->conf, "feed:*", print_feed_key, &ef);
	return 0;
}

static int keys(void)
{
	const struct rounds_conf_key *k;
	char allowed[128];

	for (k = rounds_conf_keys; k->section; k++)
		printf("[%s] %s: %s; default %s; %s\n", k->section,
		       strcmp(k->key, "*") ? k->key : "NAME",
		       rounds_conf_key_allowed(k, allowed, sizeof(allowed)),
		       k->def ? k->def : "unset", k->help);
	return 0;
}

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	int opt;

	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_config, argc, argv,
					NULL, NULL)) != -1) {
		if (opt == 'H')
			return 0;
		return EX_USAGE;
	}
	if (optind + 1 != argc)
		return rounds_cli_usage(&rounds_cmd_config, "give check or "
					"keys");
	if (strcmp(argv[optind], "check") == 0)
		return check(ctx);
	if (strcmp(argv[optind], "keys") == 0)
		return keys();
	return rounds_cli_usage(&rounds_cmd_config, "'%s' is not check or "
				"keys", argv[optind]);
}
