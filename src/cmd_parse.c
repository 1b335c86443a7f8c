/* cmd_parse.c: `rounds parse`: each FILE through rounds_parse() and out as
 * JSON.  A bad file is reported and skipped; the exit status is the worst. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli.h"
#include "rounds/buf.h"
#include "rounds/caps.h"
#include "rounds/fsutil.h"
#include "rounds/log.h"
#include "rounds/parse.h"

static int run(struct rounds_ctx *ctx, int argc, char **argv);

const struct rounds_cmd rounds_cmd_parse = {
	.name = "parse",
	.run = run,
	.summary = "parse feed documents and print them as JSON (no network)",
	.usage =
	"usage: rounds parse [--base URL] [--charset NAME] [--pretty] [FILE...|-]\n"
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
	"\n"
	"Exit status: 0 parsed (possibly recovered: \"bozo\"), 65 no feed in the\n"
	"document, 66 FILE missing.\n",
};

static int to_buf(const char *p, size_t n, void *data)
{
	return rounds_buf_append(data, p, n);
}

/* Parses one file and prints it; 0 or an exit code (message printed). */
static int one(const char *path, const struct rounds_parse_opts *po,
	       bool many, bool pretty, struct rounds_buf *out)
{
	struct rounds_err err;
	struct rounds_feed *feed = NULL;
	json_t *j = NULL;
	char *bytes = NULL;
	size_t len = 0;
	int rc;

	rounds_err_init(&err);
	if (rounds_file_read(path, ROUNDS_MAX_DOC, &bytes, &len, &err) < 0) {
		rc = rounds_cli_fail(&err);
		goto out;
	}
	if (rounds_parse(bytes, len, po, &feed, &err) < 0) {
		rounds_log(LOG_ERROR, "parse '%s': %s", path, err.msg);
		rc = err.code ? err.code : EX_SOFTWARE;
		goto out;
	}
	free(bytes);            /* memory: one document at a time */
	bytes = NULL;
	j = rounds_feed_to_json(feed, many ? path : NULL);
	rounds_feed_free(feed);
	feed = NULL;
	rounds_buf_reset(out);
	if (json_dump_callback(j, to_buf, out, pretty ? JSON_INDENT(2) :
			       JSON_COMPACT) < 0 ||
	    rounds_buf_putc(out, '\n') < 0 ||
	    fwrite(out->data, 1, out->len, stdout) != out->len) {
		rounds_log(LOG_ERROR, "parse '%s': cannot write the output",
			   path);
		rc = EX_IOERR;
		goto out;
	}
	rc = 0;
out:
	json_decref(j);
	rounds_feed_free(feed);
	free(bytes);
	return rc;
}

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	enum { OPT_BASE = OPT_CMD_BASE, OPT_CHARSET, OPT_PRETTY };
	static const struct option longopts[] = {
		{ "base", required_argument, NULL, OPT_BASE },
		{ "charset", required_argument, NULL, OPT_CHARSET },
		{ "pretty", no_argument, NULL, OPT_PRETTY },
		{ NULL, 0, NULL, 0 },
	};
	struct rounds_parse_opts po = { NULL, NULL };
	char *stdin_only[] = { "-" };
	char **files;
	struct rounds_buf out;
	bool pretty = false;
	int opt, i, n, rc, worst = 0;

	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_parse, argc, argv,
					"", longopts)) != -1) {
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
	rounds_buf_init(&out, 0);
	for (i = 0; i < n; i++) {
		rc = one(files[i], &po, n > 1, pretty, &out);
		if (rc > worst)
			worst = rc;
	}
	rounds_buf_release(&out);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		rounds_log(LOG_ERROR, "parse: cannot write the output");
		return EX_IOERR;
	}
	return worst;
}
