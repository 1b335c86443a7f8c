/* cmd_send.c: `rounds send`: the newsletter of one issue, sent over SMTP
 * or (--dry-run) written as an .eml file. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/digest.h"
#include "rounds/fsutil.h"
#include "rounds/log.h"
#include "rounds/mail.h"
#include "rounds/site.h"
#include "rounds/store.h"

static int run(struct rounds_ctx *ctx, int argc, char **argv);

const struct rounds_cmd rounds_cmd_send = {
	.name = "send",
	.run = run,
	.summary = "build the newsletter email and send it over SMTP",
	.usage =
	"usage: rounds send [--week YYYY-Www] [--dry-run] [-o FILE]\n"
	"\n"
	"Builds the issue's email (multipart text and HTML) and sends it over SMTP\n"
	"as the [mail] section of the config says (smtp_url, user, password,\n"
	"starttls = try|all|none, mail_from, recipients).\n"
	"\n"
	"  --week W    the issue's week (default the last complete week)\n"
	"  --dry-run   do not send; write the message (to -o FILE or standard\n"
	"              output)\n"
	"  -o FILE     where --dry-run writes the .eml\n",
};

enum { OPT_WEEK = OPT_CMD_BASE, OPT_DRY_RUN };

static const struct option longopts[] = {
	{ "week", required_argument, NULL, OPT_WEEK },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 },
};

static int write_eml(const char *path, const char *msg, struct rounds_err *err)
{
	char *dir;
	bool changed;
	int rc;

	if (path == NULL || strcmp(path, "-") == 0) {
		if (fputs(msg, stdout) == EOF || fflush(stdout) != 0)
			return rounds_err_set(err, EX_IOERR, "cannot write the "
					      "message to standard output");
		return 0;
	}
	dir = xstrdup(path);
	rc = rounds_mkdirs(dirname(dir), err);
	free(dir);
	if (rc < 0)
		return -1;
	return rounds_file_write_atomic(path, msg, strlen(msg), &changed, err);
}

/* An empty week: which weeks do have articles. */
static void say_other_weeks(struct rounds_store *st, const char *tz,
			    const struct rounds_digest_window *w)
{
	char weeks[4][9];
	struct rounds_buf b;
	struct rounds_err err;
	size_t n = 0, i;

	rounds_err_init(&err);
	if (rounds_digest_weeks_before(st, tz, w->since, weeks, 4, &n,
				       &err) < 0 || n == 0) {
		rounds_log(LOG_WARN, "%s has no articles, and no week before "
			   "it has any", w->week);
		return;
	}
	rounds_buf_init(&b, 64);
	for (i = 0; i < n; i++)
		if (rounds_buf_printf(&b, "%s%s", i ? ", " : "",
				      weeks[i]) < 0)
			break;
	rounds_log(LOG_WARN, "%s has no articles; the latest weeks with "
		   "articles: %s (e.g. --week %s)", w->week, rounds_buf_str(&b),
		   weeks[0]);
	rounds_buf_release(&b);
}

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	const char *week_opt = NULL, *output = NULL, *tz;
	struct rounds_store *st = NULL;
	struct rounds_err err;
	json_t *model = NULL;
	struct rounds_digest_window w;
	const char *week = w.week;
	char *msg = NULL;
	bool dry = false;
	int opt, rc;

	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_send, argc, argv,
					"o:", longopts)) != -1) {
		switch (opt) {
		case 'H': return 0;
		case OPT_WEEK: week_opt = optarg; break;
		case OPT_DRY_RUN: dry = true; break;
		case 'o': output = optarg; break;
		default: return EX_USAGE;
		}
	}
	if (optind < argc)
		return rounds_cli_usage(&rounds_cmd_send,
					"unexpected argument '%s'",
					argv[optind]);
	if (output && !dry)
		return rounds_cli_usage(&rounds_cmd_send,
					"-o goes with --dry-run");
	if ((rc = rounds_ctx_load(ctx)) != 0)
		return rc;
	rounds_err_init(&err);
	tz = rounds_conf_get(ctx->conf, "digest", "timezone", "UTC");
	if (rounds_digest_window(week_opt, NULL, NULL, tz, rounds_clock_now(),
				 &w, &err) < 0)
		goto fail;
	if (access(ctx->db_path, F_OK) != 0) {
		rounds_err_set(&err, EX_NOINPUT, "database '%s' not found; add "
			       "feeds with 'rounds feeds add' and run 'rounds "
			       "fetch' first", ctx->db_path);
		goto fail;
	}
	if ((st = rounds_store_open(ctx->db_path, &err)) == NULL ||
	    (model = rounds_site_issue_model(st, ctx->conf, week, NULL,
					     &err)) == NULL ||
	    rounds_mail_build(model, ctx->conf, &msg, &err) < 0)
		goto fail;
	if (json_integer_value(json_object_get(model, "article_count")) == 0)
		say_other_weeks(st, tz, &w);
	if (!dry && json_integer_value(json_object_get(model,
						  "article_count")) == 0) {
		rounds_err_set(&err, EX_DATAERR, "the issue of %s has no "
			       "articles; nothing was sent", week);
		goto fail;
	}
	if (dry) {
		if (write_eml(output, msg, &err) < 0)
			goto fail;
	} else {
		if (rounds_mail_send(msg, ctx->conf, &err) < 0)
			goto fail;
		rounds_log(LOG_INFO, "send: the issue of %s was sent", week);
	}
	rc = 0;
	goto out;
fail:
	rc = rounds_cli_fail(&err);
out:
	free(msg);
	json_decref(model);
	rounds_store_close(st);
	return rc;
}
