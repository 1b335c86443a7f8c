/* cmd_parse.c: `rounds parse`: each FILE through rounds_parse() and out as
 * JSON.  A bad file is reported and skipped; the exit status is the worst. */
#include <pthread.h>
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
#define ROUNDS_PARSE_MAX_JOBS 16

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

/* One document's outcome, made by a worker and printed in order. */
struct result {
	char *text;             /* the JSON line(s), NULL on failure */
	size_t len;
	int rc;                 /* 0 or an exit code */
	char msg[ROUNDS_ERR_MAX + 64];
	bool done;
};

/* The work shared by the parser threads: files are taken in order; a
 * worker waits while it is `window` files ahead of the printer, so memory
 * stays bounded by a few documents whatever the number of files. */
struct work {
	char **files;
	int n;
	const struct rounds_parse_opts *po;
	bool many, pretty;
	struct result *res;
	int next;               /* the next file to take */
	int printed;            /* files written out so far */
	int window;
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

/* Parses one file into r (no output, no logging: the printer does both). */
static void one(const struct work *w, int i, struct result *r)
{
	const char *path = w->files[i];
	struct rounds_err err;
	struct rounds_feed *feed = NULL;
	struct rounds_buf out;
	char *bytes = NULL;
	size_t len = 0;

	rounds_err_init(&err);
	rounds_buf_init(&out, 0);
	if (rounds_file_read(path, ROUNDS_MAX_DOC, &bytes, &len, &err) < 0) {
		r->rc = err.code ? err.code : EX_IOERR;
		snprintf(r->msg, sizeof(r->msg), "%s", err.msg);
		goto out;
	}
	if (rounds_parse(bytes, len, w->po, &feed, &err) < 0) {
		r->rc = err.code ? err.code : EX_SOFTWARE;
		snprintf(r->msg, sizeof(r->msg), "parse '%s': %s", path,
			 err.msg);
		goto out;
	}
	free(bytes);            /* memory: one document at a time */
	bytes = NULL;
	if (rounds_feed_write_json(feed, w->many ? path : NULL, w->pretty,
				   &out) < 0 ||
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
}

static void *worker(void *arg)
{
	struct work *w = arg;
	struct result r;
	int i;

	for (;;) {
		pthread_mutex_lock(&w->lock);
		while (w->next < w->n && w->next >= w->printed + w->window)
			pthread_cond_wait(&w->cond, &w->lock);
		i = w->next < w->n ? w->next++ : -1;
		pthread_mutex_unlock(&w->lock);
		if (i < 0)
			return NULL;
		memset(&r, 0, sizeof(r));
		one(w, i, &r);
		pthread_mutex_lock(&w->lock);
		w->res[i % w->window] = r;
		w->res[i % w->window].done = true;
		pthread_cond_broadcast(&w->cond);
		pthread_mutex_unlock(&w->lock);
	}
}

/* Prints file i's result (or its error) and frees it; its exit code. */
static int emit(const struct work *w, int i, struct result *r)
{
	if (r->text && fwrite(r->text, 1, r->len, stdout) != r->len) {
		r->rc = EX_IOERR;
		snprintf(r->msg, sizeof(r->msg), "parse '%s': cannot write "
			 "the output", w->files[i]);
	}
	if (r->rc)
		rounds_log(LOG_ERROR, "%s", r->msg);
	free(r->text);
	r->text = NULL;
	return r->rc;
}

/* Writes the workers' results in file order as they come; returns the
 * worst exit code. */
static int print_all(struct work *w)
{
	struct result r;
	int i, rc, worst = 0;

	for (i = 0; i < w->n; i++) {
		pthread_mutex_lock(&w->lock);
		while (!w->res[i % w->window].done)
			pthread_cond_wait(&w->cond, &w->lock);
		r = w->res[i % w->window];
		w->res[i % w->window].done = false;
		w->printed = i + 1;
		pthread_cond_broadcast(&w->cond);
		pthread_mutex_unlock(&w->lock);
		rc = emit(w, i, &r);
		if (rc > worst)
			worst = rc;
	}
	return worst;
}

/* Parses the files with `jobs` threads (1: in this thread). */
static int parse_files(char **files, int n, const struct rounds_parse_opts *po,
		       bool pretty, int jobs)
{
	struct work w;
	pthread_t tid[ROUNDS_PARSE_MAX_JOBS];
	int i, started = 0, worst;

	memset(&w, 0, sizeof(w));
	w.files = files;
	w.n = n;
	w.po = po;
	w.many = n > 1;
	w.pretty = pretty;
	if (jobs > n)
		jobs = n;
	w.window = 2 * jobs;
	w.res = xcalloc((size_t)w.window, sizeof(*w.res));
	pthread_mutex_init(&w.lock, NULL);
	pthread_cond_init(&w.cond, NULL);
	for (i = 0; i < jobs && jobs > 1; i++)
		if (pthread_create(&tid[i], NULL, worker, &w) == 0)
			started++;
	if (started == 0) {                 /* one thread: the plain loop */
		worst = 0;
		for (i = 0; i < n; i++) {
			struct result r;
			int rc;

			memset(&r, 0, sizeof(r));
			one(&w, i, &r);
			rc = emit(&w, i, &r);
			if (rc > worst)
				worst = rc;
		}
	} else {
		worst = print_all(&w);
		for (i = 0; i < started; i++)
			pthread_join(tid[i], NULL);
	}
	pthread_cond_destroy(&w.cond);
	pthread_mutex_destroy(&w.lock);
	free(w.res);
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
