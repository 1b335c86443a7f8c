/* cli.h: what the sub-commands share: the context built from global
 * options, and helpers for option parsing and usage errors.
 * Each sub-command lives in cmd_<name>.c and is listed in main.c. */
#ifndef ROUNDS_CLI_H
#define ROUNDS_CLI_H

#include <getopt.h>
#include <stddef.h>
#include "rounds/conf.h"
#include "rounds/err.h"
#include "rounds/opml.h"
#include "rounds/store.h"

struct rounds_ctx {
	const char *config_opt;     /* --config, or NULL */
	const char *db_opt;         /* --db, or NULL */
	struct rounds_conf *conf;   /* loaded by rounds_ctx_load */
	char *db_path;              /* --db, else [rounds] db, else ./rounds.db */
};

struct rounds_cmd {
	const char *name;
	int (*run)(struct rounds_ctx *ctx, int argc, char **argv);
	const char *summary;        /* one line for `rounds --help` */
	const char *usage;          /* the full `rounds CMD --help` text */
};

/* Loads the config and works out the database path; 0 or an exit code
 * (after printing the error). */
int rounds_ctx_load(struct rounds_ctx *ctx);

/* getopt_long over a sub-command's argv, with --help, -h and the global
 * options (-q, -v, --config, --db, --now) accepted there too.
 * Returns the option like getopt_long; 'H' means help was printed (exit 0);
 * '?' means a usage error was printed (exit 64). */
int rounds_cli_getopt(struct rounds_ctx *ctx, const struct rounds_cmd *cmd,
		      int argc, char **argv, const char *shortopts,
		      const struct option *longopts);
enum { OPT_CONFIG = 1000, OPT_DB, OPT_NOW, OPT_HELP, OPT_VERSION,
       OPT_CMD_BASE = 1100 };   /* sub-commands number their long options from here */

/* Handles a global option: 1 when opt was one, 0 when not, -1 on a bad
 * value (message printed). */
int rounds_cli_global(struct rounds_ctx *ctx, int opt, const char *arg);
/* Prints "rounds CMD: message" and the --help hint; returns EX_USAGE. */
int rounds_cli_usage(const struct rounds_cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints the error's message and returns its code. */
int rounds_cli_fail(const struct rounds_err *err);

/* What `fetch` and `run` work under: the run lock (waiting [rounds]
 * lock_wait seconds, then EX_TEMPFAIL), the store, and the subscriptions
 * synced from the OPML file the config names.  A bad OPML file is a
 * warning (the subscriptions stay as they were; *synced false).  Returns
 * 0, or -1 with err set and nothing held. */
struct rounds_cli_run {
	int lock;
	struct rounds_store *st;
	struct rounds_opml_stats sync;
	bool synced;
};
int rounds_cli_run_begin(struct rounds_ctx *ctx, struct rounds_cli_run *r,
			 struct rounds_err *err) ROUNDS_WUR;
void rounds_cli_run_end(struct rounds_cli_run *r);

#define CMD_DECL(n) extern const struct rounds_cmd rounds_cmd_##n
CMD_DECL(parse);
CMD_DECL(feeds);
CMD_DECL(fetch);
CMD_DECL(digest);
CMD_DECL(publish);
CMD_DECL(send);
CMD_DECL(run);
CMD_DECL(config);
CMD_DECL(db);
#undef CMD_DECL

#endif
