/* cmd_digest.c: `rounds digest`: works out the window, builds the model
 * (digest.c) and hands it to the renderer, the feed writer or the mail
 * builder. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/digest.h"
#include "rounds/draft.h"
#include "rounds/fsutil.h"
#include "rounds/mail.h"
#include "rounds/outfeed.h"
#include "rounds/render.h"
#include "rounds/site.h"
#include "rounds/log.h"
#include "rounds/store.h"

static int run(struct rounds_ctx *ctx, int argc, char **argv);

const struct rounds_cmd rounds_cmd_digest = {
	.name = "digest",
	.run = run,
	.summary = "render a digest of articles and their comment threads",
	.usage =
	"usage: rounds digest [--week YYYY-Www | --since DATE [--until DATE]]\n"
	"                     [--format md|html|atom|rss|json|email|model]\n"
	"                     [--feed URL]... [--tag TAG]... [-o FILE] [--force]\n"
	"                     [--check]\n"
	"\n"
	"Renders the articles of a window with their comment threads.  The default\n"
	"window is the last complete ISO week in [digest] timezone (default UTC);\n"
	"DATE is YYYY-MM-DD, an RFC 3339 time, or a duration back from now such as\n"
	"7d or 48h.\n"
	"\n"
	"  --week W        an ISO 8601 week, e.g. 2026-W47\n"
	"  --since DATE    start of the window (inclusive)\n"
	"  --until DATE    end of the window (exclusive; default now)\n"
	"  --format F      md (the editable draft; default), html, atom, rss,\n"
	"                  json (JSON Feed 1.1), email, model (the template model)\n"
	"  --feed URL      only this feed (repeatable)\n"
	"  --tag TAG       only feeds with this tag (repeatable)\n"
	"  -o FILE         write to FILE (atomically); - is standard output\n"
	"  --force         with --week and no -o, replace a draft edited since\n"
	"                  rounds wrote it\n"
	"  --check         print what publish would make of the week's draft\n"
	"                  (kept, moved, edited, added, cut), writing nothing\n"
	"\n"
	"With --week, the md format and no -o, the draft is written to the drafts\n"
	"directory ([site] drafts) as YYYY-Www.md, unless a draft is there that\n"
	"was edited since rounds wrote it (or that rounds did not write): that\n"
	"one is left alone unless --force.  Otherwise the digest goes to standard\n"
	"output.  For a week with an editor's draft, every format but md shows\n"
	"the issue as the draft edits it.  An atom, rss or json digest written\n"
	"into the site's directory ([site] dir) gives its web address there as\n"
	"its self link.\n",
};

enum {
	OPT_WEEK = OPT_CMD_BASE, OPT_SINCE, OPT_UNTIL, OPT_FORMAT, OPT_FEED,
	OPT_TAG, OPT_CHECK, OPT_FORCE,
};

static const struct option longopts[] = {
	{ "week", required_argument, NULL, OPT_WEEK },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "feed", required_argument, NULL, OPT_FEED },
	{ "tag", required_argument, NULL, OPT_TAG },
	{ "output", required_argument, NULL, 'o' },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ NULL, 0, NULL, 0 },
};

static const char *const formats[] = {
	"md", "html", "atom", "rss", "json", "email", "model",
};

struct args {
	const char *week, *since, *until, *format, *output;
	const char **feeds, **tags;
	size_t n_feeds, n_tags;
	bool check, force;
};

static void push(const char ***v, size_t *n, const char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = s;
}

static int parse_args(struct rounds_ctx *ctx, int argc, char **argv,
		      struct args *a)
{
	int opt;
	size_t i;

	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_digest, argc, argv,
					"o:", longopts)) != -1) {
		switch (opt) {
		case 'H': return -1;
		case OPT_WEEK: a->week = optarg; break;
		case OPT_SINCE: a->since = optarg; break;
		case OPT_UNTIL: a->until = optarg; break;
		case OPT_FORMAT: a->format = optarg; break;
		case OPT_FEED: push(&a->feeds, &a->n_feeds, optarg); break;
		case OPT_TAG: push(&a->tags, &a->n_tags, optarg); break;
		case 'o': a->output = optarg; break;
		case OPT_CHECK: a->check = true; break;
		case OPT_FORCE: a->force = true; break;
		default: return EX_USAGE;
		}
	}
	if (optind < argc)
		return rounds_cli_usage(&rounds_cmd_digest,
					"unexpected argument '%s'",
					argv[optind]);
	if (a->week && (a->since || a->until))
		return rounds_cli_usage(&rounds_cmd_digest, "--week and "
					"--since/--until exclude each other");
	if (a->check && (a->since || a->feeds || a->tags))
		return rounds_cli_usage(&rounds_cmd_digest, "--check reads a "
					"week's draft: no --since, --feed, --tag");
	if (a->force && (!a->week || a->output || strcmp(a->format, "md") != 0))
		return rounds_cli_usage(&rounds_cmd_digest, "--force goes with "
					"--week, the md format and no -o");
	if (a->until && !a->since)
		return rounds_cli_usage(&rounds_cmd_digest,
					"--until needs --since");
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(a->format, formats[i]) == 0)
			return 0;
	return rounds_cli_usage(&rounds_cmd_digest, "unknown format '%s' "
				"(md, html, atom, rss, json, email or model)",
				a->format);
}

static int dump_to_buf(const char *p, size_t n, void *arg)
{
	return rounds_buf_append(arg, p, n) < 0 ? -1 : 0;
}

/* self: the address of the file written, when it is in the site. */
static int render(const char *format, json_t *model,
		  const struct rounds_conf *conf, const char *self,
		  char **out, struct rounds_err *err)
{
	if (strcmp(format, "model") == 0) {
		struct rounds_buf b;

		rounds_buf_init(&b, 0);
		if (json_dump_callback(model, dump_to_buf, &b, JSON_INDENT(2) |
				       JSON_PRESERVE_ORDER) != 0 ||
		    rounds_buf_putc(&b, '\n') < 0) {
			rounds_buf_release(&b);
			return rounds_err_set(err, EX_SOFTWARE,
					      "cannot encode the model");
		}
		*out = rounds_buf_detach(&b);
		return 0;
	}
	if (strcmp(format, "md") == 0)
		return rounds_render_template("digest.md", model, conf, out,
					      err);
	if (strcmp(format, "html") == 0)
		return rounds_render_template("digest.html", model, conf, out,
					      err);
	if (strcmp(format, "atom") == 0)
		return rounds_outfeed_digest(model, ROUNDS_OUTFEED_ATOM, self,
					     out, err);
	if (strcmp(format, "rss") == 0)
		return rounds_outfeed_digest(model, ROUNDS_OUTFEED_RSS, self,
					     out, err);
	if (strcmp(format, "json") == 0)
		return rounds_outfeed_digest(model, ROUNDS_OUTFEED_JSON, self,
					     out, err);
	return rounds_mail_build(model, conf, out, err);
}

static int write_out(const char *path, const char *data,
		     struct rounds_err *err)
{
	char *dir;
	bool changed;
	int rc;

	if (path == NULL || strcmp(path, "-") == 0) {
		if (fputs(data, stdout) == EOF || fflush(stdout) != 0)
			return rounds_err_set(err, EX_IOERR,
					      "cannot write the digest to "
					      "standard output");
		return 0;
	}
	dir = xstrdup(path);
	rc = rounds_mkdirs(dirname(dir), err);
	free(dir);
	if (rc < 0)
		return -1;
	return rounds_file_write_atomic(path, data, strlen(data), &changed,
					err);
}

static void print_changes(const char *path, json_t *changes)
{
	json_t *c;
	size_t i;
	int line;

	json_array_foreach(changes, i, c) {
		line = (int)json_integer_value(json_object_get(c, "line"));
		printf("%s:", path);
		if (line > 0)
			printf("%d:", line);
		printf(" %s: %s\n", json_string_value(json_object_get(c,
		       "what")), json_string_value(json_object_get(c,
		       "title")));
	}
}

/* The md digest of a week as its draft in the drafts directory; says
 * where it went. */
static int write_draft(struct rounds_store *st, const struct rounds_ctx *ctx,
		       const struct args *a, const char *md,
		       struct rounds_err *err)
{
	static const char *const how[] = {
		[ROUNDS_DRAFT_NEW] = "",
		[ROUNDS_DRAFT_REPLACED] = " (it replaces the unedited one)",
		[ROUNDS_DRAFT_UNCHANGED] = " (unchanged)",
		[ROUNDS_DRAFT_FORCED] = " (--force: it replaces the edited "
					"one)",
	};
	enum rounds_site_draft_wrote what;
	char *path = NULL;

	if (rounds_site_draft_write(st, ctx->conf, a->week, md, a->force,
				    &path, &what, err) < 0)
		return -1;
	if (rounds_log_get_level() >= LOG_WARN) {
		char *shown = rounds_path_shown(path);

		printf("digest: the draft of %s is %s%s\n", a->week, shown,
		       how[what]);
		free(shown);
	}
	free(path);
	return 0;
}

/* Where the digest goes: a week's md draft into the drafts directory
 * (not a filtered one), else -o FILE or standard output. */
static int emit(struct rounds_store *st, const struct rounds_ctx *ctx,
		const struct args *a, const char *out, struct rounds_err *err)
{
	if (a->week && !a->output && !a->n_feeds && !a->n_tags &&
	    strcmp(a->format, "md") == 0)
		return write_draft(st, ctx, a, out, err);
	return write_out(a->output, out, err);
}

/* The week's draft, when it has one, applied to the model; with --check
 * only what it changes is printed. */
static int with_draft(const struct rounds_ctx *ctx, const struct args *a,
		      const char *week, json_t *model,
		      struct rounds_err *err)
{
	char *md = NULL, *path = NULL;
	json_t *changes = NULL;
	size_t len = 0;
	int rc = -1;

	if (rounds_site_draft_read(ctx->conf, week, &md, &len, &path,
				   err) < 0)
		goto out;
	if (md == NULL && a->check) {
		rounds_err_set(err, EX_NOINPUT, "no draft of %s in the drafts "
			       "directory ([site] drafts)", week);
		goto out;
	}
	if (md && rounds_draft_apply(model, md, len, path, a->check ?
				     &changes : NULL, err) < 0)
		goto out;
	if (a->check) {
		print_changes(path, changes);
		printf("%s: %lld articles, %lld comments\n", path,
		       json_integer_value(json_object_get(model,
					  "article_count")),
		       json_integer_value(json_object_get(model,
					  "comment_count")));
	} else if (md) {
		rounds_log(LOG_INFO, "digest: the editor's draft %s", path);
	}
	rc = 0;
out:
	json_decref(changes);
	free(md);
	free(path);
	return rc;
}

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	struct args a = { .format = "md" };
	struct rounds_digest_opts o;
	struct rounds_store *st = NULL;
	struct rounds_err err;
	json_t *model = NULL;
	struct rounds_digest_window w;
	char *out = NULL, *self = NULL;
	const char *tz;
	int rc;

	memset(&o, 0, sizeof(o));
	rounds_err_init(&err);
	if ((rc = parse_args(ctx, argc, argv, &a)) != 0) {
		rc = rc < 0 ? 0 : rc;
		goto out;
	}
	if ((rc = rounds_ctx_load(ctx)) != 0)
		goto out;
	tz = rounds_conf_get(ctx->conf, "digest", "timezone", "UTC");
	o.feeds = a.feeds;
	o.n_feeds = a.n_feeds;
	o.tags = a.tags;
	o.n_tags = a.n_tags;
	if (rounds_digest_window(a.week, a.since, a.until, tz,
				 rounds_clock_now(), &w, &err) < 0)
		goto fail;
	o.since = w.since;
	o.until = w.until;
	o.week = w.week[0] ? w.week : NULL;
	if (access(ctx->db_path, F_OK) != 0) {
		rounds_err_set(&err, EX_NOINPUT, "database '%s' not found; "
			       "add feeds with 'rounds feeds add' and run "
			       "'rounds fetch' first", ctx->db_path);
		goto fail;
	}
	if ((st = rounds_store_open(ctx->db_path, &err)) == NULL ||
	    (model = rounds_digest_build(st, ctx->conf, &o, &err)) == NULL)
		goto fail;
	if ((a.check || (strcmp(a.format, "md") != 0 && o.week &&
			 !a.n_feeds && !a.n_tags)) &&
	    with_draft(ctx, &a, w.week, model, &err) < 0)
		goto fail;
	if (a.check) {
		rc = 0;
		goto out;
	}
	if (a.output && strcmp(a.output, "-") != 0)
		self = rounds_site_url_of(ctx->conf, a.output);
	if (render(a.format, model, ctx->conf, self, &out, &err) < 0 ||
	    emit(st, ctx, &a, out, &err) < 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	rc = rounds_cli_fail(&err);
out:
	free(out);
	free(self);
	json_decref(model);
	rounds_store_close(st);
	free(a.feeds);
	free(a.tags);
	return rc;
}
