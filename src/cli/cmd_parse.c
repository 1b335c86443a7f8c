/* cmd_parse.c: `rounds parse`: each FILE through rounds_parse() and out as
 * JSON.  A bad file is reported and skipped; the exit status is the worst. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "rounds/buf.h"
#include "rounds/caps.h"
#include "rounds/fsutil.h"
#include "rounds/log.h"
#include "rounds/parse.h"

/* Parser threads at most (--jobs); the default is the processor count. */
#define ROUNDS_PARSE_MAX_JOBS ROUNDS_PARSE_MAX_THREADS

static int run(struct rounds_ctx *ctx, int argc, char **argv);

const struct rounds_cmd rounds_cmd_parse = {
	.name = "parse",
	.run = run,
	.summary = "parse feed documents and print them as JSON (no network)",
	.usage =
	"usage: rounds parse [--base URL] [--charset NAME] [--pretty] [--jobs N]\n"
	"                    [FILE...|-]\n"
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
	"  -j, --jobs N    parse N files at once (default: the processors);\n"
	"                  the output keeps the order of the FILEs\n"
	"\n"
	"Exit status: 0 parsed (possibly recovered: \"bozo\"), 65 no feed in the\n"
	"document, 66 FILE missing.\n",
};

/* One file's job in the parser pool, and its outcome, printed in order. */
struct result {
	struct rounds_parse_job job;    /* job.user is the result */
	const struct work *w;
	int i;                  /* the file's place */
	char *text;             /* the JSON line(s), NULL on failure */
	size_t len;
	int rc;                 /* 0 or an exit code */
	char msg[ROUNDS_ERR_MAX + 64];
	bool done;
};

/* What every file is parsed with. */
struct work {
	char **files;
	int n;
	const struct rounds_parse_opts *po;
	bool many, pretty;
};

/* Reads, parses and writes one file as JSON in a parser thread (no output,
 * no logging: the printer does both). */
static int one(struct rounds_parse_job *job)
{
	struct result *r = job->user;
	const char *path = r->w->files[r->i];
	struct rounds_feed *feed = NULL;
	struct rounds_buf out;
	char *bytes = NULL;
	size_t len = 0;

	rounds_buf_init(&out, 0);
	if (rounds_file_read(path, ROUNDS_MAX_DOC, &bytes, &len,
			     &job->err) < 0) {
		r->rc = job->err.code ? job->err.code : EX_IOERR;
		snprintf(r->msg, sizeof(r->msg), "%s", job->err.msg);
		goto out;
	}
	if (rounds_parse(bytes, len, r->w->po, &feed, &job->err) < 0) {
		r->rc = job->err.code ? job->err.code : EX_SOFTWARE;
		snprintf(r->msg, sizeof(r->msg), "parse '%s': %s", path,
			 job->err.msg);
		goto out;
	}
	free(bytes);            /* memory: one document at a time */
	bytes = NULL;
	if (rounds_buf_reserve(&out, len) < 0 ||   /* JSON: about that size */
	    rounds_feed_write_json(feed, r->w->many ? path : NULL,
				   r->w->pretty, &out) < 0 ||
	    rounds_buf_putc(&out, '\n') < 0) {
		r->rc = EX_SOFTWARE;
		snprintf(r->msg, sizeof(r->msg), "parse '%s': cannot write "
			 "the JSON", path);
		goto out;
	}
	r->len = out.len;
	r->text = rounds_buf_detach(&out);
	r->rc = 0;
out:
	rounds_buf_release(&out);
	rounds_feed_free(feed);
	free(bytes);
	return r->rc ? -1 : 0;
}

/* Prints r (or its error) and frees its text; its exit code. */
static int emit(struct result *r)
{
	if (r->text && fwrite(r->text, 1, r->len, stdout) != r->len) {
		r->rc = EX_IOERR;
		snprintf(r->msg, sizeof(r->msg), "parse '%s': cannot write "
			 "the output", r->w->files[r->i]);
	}
	if (r->rc)
		rounds_log(LOG_ERROR, "%s", r->msg);
	free(r->text);
	r->text = NULL;
	return r->rc;
}

/* Queues file i in its slot of the window. */
static void submit(struct rounds_parse_pool *pool, const struct work *w,
		   struct result *slot, int i)
{
	memset(slot, 0, sizeof(*slot));
	slot->w = w;
	slot->i = i;
	slot->job.work = one;
	slot->job.user = slot;
	rounds_parse_pool_submit(pool, &slot->job);
}

/* Parses the files with `jobs` parser threads (1: in this thread) and
 * prints them in file order as they come: at most 2 x jobs files are
 * ahead of the printer, so memory stays bounded by a few documents
 * whatever the number of files.  Returns the worst exit code. */
static int parse_files(char **files, int n, const struct rounds_parse_opts *po,
		       bool pretty, int jobs)
{
	struct work w = { files, n, po, n > 1, pretty };
	struct rounds_parse_pool *pool;
	struct rounds_parse_job *job;
	struct result *res;
	int next = 0, i, rc, worst = 0, window;

	if (jobs > n)
		jobs = n;
	pool = rounds_parse_pool_new(jobs > 1 ? jobs : 0, NULL, NULL);
	window = rounds_parse_pool_threads(pool) ?
		2 * rounds_parse_pool_threads(pool) : 1;
	res = xcalloc((size_t)window, sizeof(*res));
	for (i = 0; i < n; i++) {
		for (; next < n && next < i + window; next++)
			submit(pool, &w, &res[next % window], next);
		while (!res[i % window].done &&
		       (job = rounds_parse_pool_take(pool, true)) != NULL)
			((struct result *)job->user)->done = true;
		rc = emit(&res[i % window]);
		if (rc > worst)
			worst = rc;
	}
	rounds_parse_pool_free(pool, NULL);
	free(res);
	return worst;
}

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	enum { OPT_BASE = OPT_CMD_BASE, OPT_CHARSET, OPT_PRETTY, OPT_JOBS };
	static const struct option longopts[] = {
		{ "base", required_argument, NULL, OPT_BASE },
		{ "charset", required_argument, NULL, OPT_CHARSET },
		{ "pretty", no_argument, NULL, OPT_PRETTY },
		{ "jobs", required_argument, NULL, OPT_JOBS },
		{ NULL, 0, NULL, 0 },
	};
	struct rounds_parse_opts po = { NULL, NULL };
	char *stdin_only[] = { "-" };
	char **files, *end;
	bool pretty = false;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int opt, n, jobs, worst;

	jobs = cpus < 1 ? 1 : cpus > ROUNDS_PARSE_MAX_JOBS ?
		ROUNDS_PARSE_MAX_JOBS : (int)cpus;
	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_parse, argc, argv,
					"j:", longopts)) != -1) {
		switch (opt) {
		case OPT_BASE:
			po.base = optarg;
			break;
		case OPT_CHARSET:
			po.charset = optarg;
			break;
		case OPT_PRETTY:
			pretty = true;
			break;
		case 'j':
		case OPT_JOBS:
			jobs = (int)strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || jobs < 1 ||
			    jobs > ROUNDS_PARSE_MAX_JOBS)
				return rounds_cli_usage(&rounds_cmd_parse,
					"--jobs '%s': not a number from 1 to %d",
					optarg, ROUNDS_PARSE_MAX_JOBS);
			break;
		case 'H':
			return 0;
		default:
			return EX_USAGE;
		}
	}
	files = argv + optind;
	n = argc - optind;
	if (n == 0) {
		files = stdin_only;
		n = 1;
	}
	worst = parse_files(files, n, &po, pretty, jobs);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		rounds_log(LOG_ERROR, "parse: cannot write the output");
		return EX_IOERR;
	}
	return worst;
}
