/* cmd_db.c: `rounds db check`: is the database sound? */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "rounds/buf.h"
#include "rounds/fsutil.h"
#include "rounds/log.h"
#include "rounds/store.h"

static int run(struct rounds_ctx *ctx, int argc, char **argv);

const struct rounds_cmd rounds_cmd_db = {
	.name = "db",
	.run = run,
	.summary = "check the database (SQLite's integrity check)",
	.usage =
	"usage: rounds db check\n"
	"\n"
	"Runs SQLite's PRAGMA integrity_check on the database (--db, else\n"
	"[rounds] db) under the run lock and prints 'ok', or each problem it\n"
	"finds and what to do: restore the file from a backup, or move it aside\n"
	"so the next run starts a new one.\n"
	"\n"
	"Exit status: 0 the database is sound; 74 it is damaged or not a\n"
	"database; 75 another run holds the lock.\n",
};

static int check(struct rounds_ctx *ctx)
{
	struct rounds_store *st = NULL;
	struct rounds_err err;
	struct rounds_buf report;
	int lock, n, rc;

	rounds_err_init(&err);
	rounds_buf_init(&report, 0);
	lock = rounds_lock_acquire(ctx->db_path, (int)rounds_conf_get_int(
		ctx->conf, "rounds", "lock_wait", 30), &err);
	if (lock < 0)
		return rounds_cli_fail(&err);
	if ((st = rounds_store_open(ctx->db_path, &err)) == NULL ||
	    (n = rounds_store_check(st, &report, &err)) < 0) {
		rc = rounds_cli_fail(&err);
		goto out;
	}
	rc = 0;
	if (n == 0) {
		printf("database '%s': ok\n", ctx->db_path);
		goto out;
	}
	fputs(rounds_buf_str(&report), stdout);
	rounds_log(LOG_ERROR, "database '%s': %d problems (above); restore it "
		   "from a backup, or move it aside (mv '%s' '%s.broken') and "
		   "the next run starts a new one", ctx->db_path, n,
		   ctx->db_path, ctx->db_path);
	rc = EX_IOERR;
out:
	rounds_store_close(st);
	rounds_lock_release(lock);
	rounds_buf_release(&report);
	return rc;
}

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	int opt, rc;

	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_db, argc, argv,
					NULL, NULL)) != -1)
		return opt == 'H' ? 0 : EX_USAGE;
	if (optind + 1 != argc || strcmp(argv[optind], "check") != 0)
		return rounds_cli_usage(&rounds_cmd_db, "give 'check'");
	if ((rc = rounds_ctx_load(ctx)) != 0)
		return rc;
	return check(ctx);
}
