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
	"usage: rounds send [--week YYYY-Www] [--force] [--dry-run] [-o FILE]\n"
	"\n"
	"Builds the issue's email (multipart text and HTML) and sends it over SMTP\n"
	"as the [mail] section of the config says (smtp_url, user, password,\n"
	"starttls = try|all|none, mail_from, recipients).  Each issue the server\n"
	"accepted is recorded in the database (time, Message-ID, recipients, the\n"
	"draft sent); an issue already sent is not sent again without --force,\n"
	"and if its draft changed since, that is said.\n"
	"\n"
	"  --week W    the issue's week (default the last complete week)\n"
	"  --force     send an issue that was already sent\n"
	"  --dry-run   do not send; write the message (to -o FILE or standard\n"
	"              output)\n"
	"  -o FILE     where --dry-run writes the .eml\n",
};

enum { OPT_WEEK = OPT_CMD_BASE, OPT_DRY_RUN, OPT_FORCE };

static const struct option longopts[] = {
	{ "week", required_argument, NULL, OPT_WEEK },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "force", no_argument, NULL, OPT_FORCE },
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

/* Whether the issue of week may be sent: not sent yet, or force (or a
 * dry run); says when it was sent and whether its draft changed since. */
static int check_sent(struct rounds_store *st, const char *week,
		      const char *draft, const char *path, bool go,
		      struct rounds_err *err)
{
	struct rounds_store_sent last;
	char when[21];
	bool found;

	if (rounds_store_send_last(st, week, draft, &found, &last, err) < 0)
		return -1;
	if (!found)
		return 0;
	rounds_clock_format(last.sent, when);
	if (last.draft_changed)
		rounds_log(LOG_WARN, "the draft of %s changed after the issue "
			   "was sent at %s (%s): its readers have the earlier "
			   "version", week, when, path ? path : "now removed");
	if (!go) {
		rounds_err_set(err, EX_DATAERR, "the issue of %s was already "
			       "sent at %s (Message-ID <%s>, to %s); nothing "
			       "was sent (--force sends it again)", week, when,
			       last.message_id, last.recipients);
		rounds_store_sent_release(&last);
		return -1;
	}
	rounds_log(LOG_INFO, "send: the issue of %s was sent at %s already "
		   "(%lld time%s)", week, when, (long long)last.count,
		   last.count == 1 ? "" : "s");
	rounds_store_sent_release(&last);
	return 0;
}

/* Records the send the server just accepted. */
static int record_sent(struct rounds_store *st, const struct rounds_conf *conf,
		       const char *week, json_t *model, const char *msg,
		       const char *draft, struct rounds_err *err)
{
	char *id = rounds_mail_message_id(msg);
	struct rounds_store_send sd = {
		.week = week,
		.number = json_integer_value(json_object_get(model, "issue")),
		.sent = rounds_clock_now(),
		.message_id = id ? id : "",
		.recipients = rounds_mail_recipients(conf),
		.draft = draft,
	};
	struct rounds_err why;
	int rc;

	rounds_err_init(&why);
	rc = rounds_store_send_add(st, &sd, &why);
	if (rc < 0)
		rounds_err_set(err, EX_IOERR, "the issue of %s was sent, but "
			       "the send could not be recorded: %s; a "
			       "send without --force would send it again",
			       week, why.msg);
	free(id);
	return rc;
}

/* The week's draft as it is now (NULL: none), and its path. */
static int draft_now(const struct rounds_conf *conf, const char *week,
		     char **md, char **path, struct rounds_err *err)
{
	size_t len;

	return rounds_site_draft_read(conf, week, md, &len, path, err);
}

struct args {
	const char *week, *output;
	bool dry, force;
};

/* 0, or an exit code (help printed: -1). */
static int parse_args(struct rounds_ctx *ctx, int argc, char **argv,
		      struct args *a)
{
	int opt;

	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_send, argc, argv,
					"o:", longopts)) != -1) {
		switch (opt) {
		case 'H': return -1;
		case OPT_WEEK: a->week = optarg; break;
		case OPT_DRY_RUN: a->dry = true; break;
		case OPT_FORCE: a->force = true; break;
		case 'o': a->output = optarg; break;
		default: return EX_USAGE;
		}
	}
	if (optind < argc)
		return rounds_cli_usage(&rounds_cmd_send,
					"unexpected argument '%s'",
					argv[optind]);
	if (a->output && !a->dry)
		return rounds_cli_usage(&rounds_cmd_send,
					"-o goes with --dry-run");
	return 0;
}

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	struct args a = { NULL, NULL, false, false };
	struct rounds_store *st = NULL;
	struct rounds_err err;
	json_t *model = NULL;
	struct rounds_digest_window w;
	const char *week = w.week, *tz;
	char *msg = NULL, *draft = NULL, *path = NULL;
	bool dry;
	int rc;

	if ((rc = parse_args(ctx, argc, argv, &a)) != 0)
		return rc < 0 ? 0 : rc;
	dry = a.dry;
	if ((rc = rounds_ctx_load(ctx)) != 0)
		return rc;
	rounds_err_init(&err);
	tz = rounds_conf_get(ctx->conf, "digest", "timezone", "UTC");
	if (rounds_digest_window(a.week, NULL, NULL, tz, rounds_clock_now(),
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
	    rounds_mail_build(model, ctx->conf, &msg, &err) < 0 ||
	    draft_now(ctx->conf, week, &draft, &path, &err) < 0 ||
	    check_sent(st, week, draft, path, a.force || dry, &err) < 0)
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
		if (write_eml(a.output, msg, &err) < 0)
			goto fail;
	} else {
		if (rounds_mail_send(msg, ctx->conf, &err) < 0 ||
		    record_sent(st, ctx->conf, week, model, msg, draft,
				&err) < 0)
			goto fail;
		rounds_log(LOG_INFO, "send: the issue of %s was sent", week);
	}
	rc = 0;
	goto out;
fail:
	rc = rounds_cli_fail(&err);
out:
	free(msg);
	free(draft);
	free(path);
	json_decref(model);
	rounds_store_close(st);
	return rc;
}
