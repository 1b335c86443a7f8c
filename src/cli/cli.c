/* cli.c: option handling shared by the sub-commands. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/fsutil.h"
#include "rounds/log.h"


int rounds_ctx_load(struct rounds_ctx *ctx)
{
	struct rounds_err err;

	if (ctx->conf)
		return 0;
	rounds_err_init(&err);
	ctx->conf = rounds_conf_load(ctx->config_opt, &err);
	if (ctx->conf == NULL)
		return rounds_cli_fail(&err);
	if (ctx->db_opt &&
	    rounds_conf_set(ctx->conf, "rounds", "db", ctx->db_opt, &err) < 0)
		return rounds_cli_fail(&err);
	free(ctx->db_path);
	if (ctx->db_opt)
		ctx->db_path = xstrdup(ctx->db_opt);
	else
		ctx->db_path = rounds_conf_get_path(ctx->conf, "rounds", "db",
						    "rounds.db");
	return 0;
}

int rounds_cli_global(struct rounds_ctx *ctx, int opt, const char *arg)
{
	struct rounds_err err;

	switch (opt) {
	case 'q':
		rounds_log_set_level(LOG_ERROR);
		return 1;
	case 'v':
		rounds_log_set_level(rounds_log_get_level() >= LOG_INFO ?
				     LOG_DEBUG : LOG_INFO);
		return 1;
	case OPT_CONFIG:
		ctx->config_opt = arg;
		return 1;
	case OPT_DB:
		ctx->db_opt = arg;
		return 1;
	case OPT_NOW:
		rounds_err_init(&err);
		if (rounds_clock_set(arg, &err) < 0) {
			rounds_cli_fail(&err);
			return -1;
		}
		return 1;
	}
	return 0;
}

int rounds_cli_getopt(struct rounds_ctx *ctx, const struct rounds_cmd *cmd,
		      int argc, char **argv, const char *shortopts,
		      const struct option *longopts)
{
	static struct option all[64];
	static char shorts[128];
	static const struct option globals[] = {
		{ "help", no_argument, NULL, OPT_HELP },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "db", required_argument, NULL, OPT_DB },
		{ "now", required_argument, NULL, OPT_NOW },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
	};
	size_t n = 0, i;
	int opt, g;

	for (i = 0; longopts && longopts[i].name && n < 56; i++)
		all[n++] = longopts[i];
	for (i = 0; i < sizeof(globals) / sizeof(globals[0]); i++)
		all[n++] = globals[i];
	memset(&all[n], 0, sizeof(all[n]));
	snprintf(shorts, sizeof(shorts), ":hqv%s", shortopts ? shortopts : "");

	opterr = 0;
	for (;;) {
		opt = getopt_long(argc, argv, shorts, all, NULL);
		if (opt == 'h' || opt == OPT_HELP) {
			fputs(cmd->usage, stdout);
			return 'H';
		}
		if (opt == '?') {
			if (optopt)
				rounds_cli_usage(cmd, "unknown option '-%c'", optopt);
			else
				rounds_cli_usage(cmd, "unknown option '%s'",
						 argv[optind - 1]);
			return '?';
		}
		if (opt == ':') {
			rounds_cli_usage(cmd, "option '%s' needs a value",
					 argv[optind - 1]);
			return '?';
		}
		g = opt == -1 ? 0 : rounds_cli_global(ctx, opt, optarg);
		if (g < 0)
			return '?';
		if (g == 0)
			return opt;
	}
}

int rounds_cli_usage(const struct rounds_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	if (cmd)
		fprintf(stderr, "rounds %s: ", cmd->name);
	else
		fputs("rounds: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (cmd)
		fprintf(stderr, "\nTry 'rounds %s --help'.\n", cmd->name);
	else
		fputs("\nTry 'rounds --help'.\n", stderr);
	return EX_USAGE;
}

int rounds_cli_fail(const struct rounds_err *err)
{
	rounds_log(LOG_ERROR, "%s", err->msg[0] ? err->msg : "failed");
	return err->code ? err->code : EX_SOFTWARE;
}

int rounds_cli_run_begin(struct rounds_ctx *ctx, struct rounds_cli_run *r,
			 struct rounds_err *err)
{
	long wait_s = rounds_conf_get_int(ctx->conf, "rounds", "lock_wait",
					  30);

	memset(r, 0, sizeof(*r));
	if (wait_s < 0 || wait_s > 86400)
		wait_s = 30;
	if ((r->lock = rounds_lock_acquire(ctx->db_path, (int)wait_s,
					   err)) < 0)
		return -1;
	if ((r->st = rounds_store_open(ctx->db_path, err)) == NULL) {
		rounds_lock_release(r->lock);
		r->lock = -1;
		return -1;
	}
	if (rounds_opml_sync_from_conf(r->st, ctx->conf, &r->sync, err) < 0) {
		rounds_log(LOG_WARN, "%s; fetching the subscriptions as they "
			   "were", err->msg);
		rounds_err_init(err);
		return 0;
	}
	r->synced = true;
	return 0;
}

void rounds_cli_run_end(struct rounds_cli_run *r)
{
	rounds_store_close(r->st);
	rounds_lock_release(r->lock);
	r->st = NULL;
	r->lock = -1;
}
