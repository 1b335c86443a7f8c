/* cmd_feeds.c: `rounds feeds`: subscriptions, OPML, the health report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli.h"
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/fetch.h"
#include "rounds/fsutil.h"
#include "rounds/log.h"
#include "rounds/opml.h"
#include "rounds/store.h"
#include "rounds/url.h"

static int run(struct rounds_ctx *ctx, int argc, char **argv);

const struct rounds_cmd rounds_cmd_feeds = {
	.name = "feeds",
	.run = run,
	.summary = "manage subscriptions; import and export OPML",
	.usage =
	"usage: rounds feeds add URL [--title T] [--tag X]...\n"
	"       rounds feeds list [--json] [-v]\n"
	"       rounds feeds remove URL|ID\n"
	"       rounds feeds import FILE.opml [--sync]\n"
	"       rounds feeds export [-o FILE]\n"
	"       rounds feeds health [--silent-weeks N]\n"
	"\n"
	"Manages the feeds rounds fetches, in the database (--db).\n"
	"\n"
	"  add      subscribe to URL (http, https, file:// or an absolute path),\n"
	"           with an optional title and tags; a URL already subscribed\n"
	"           is left as it is (exit 0)\n"
	"  list     each feed with its status, last fetch, errors and entry count;\n"
	"           -v adds a line on its comment threads: the comments mode in\n"
	"           effect and how the looks for unannounced comment feeds go\n"
	"           (found, being looked at, given up; the next look, or the\n"
	"           pause after articles in a row without one)\n"
	"  remove   unsubscribe (its entries are deleted too)\n"
	"  import   add the feeds of an OPML file (nested outlines become tags);\n"
	"           --sync also removes feeds imported before that the file no\n"
	"           longer lists\n"
	"  export   write the subscriptions as OPML 2.0 (to stdout, or -o FILE)\n"
	"  health   the source-health report: moved, gone, failing, silent,\n"
	"           rate-limited feeds, feeds whose entry ids churn and feeds\n"
	"           whose looks for comment feeds are paused\n"
	"           (silent: nothing new for N weeks, default 4)\n"
	"\n"
	"Exit status: 0 on success; 64 bad usage; 65 bad OPML or no such feed;\n"
	"66 OPML file missing; 75 another run holds the lock.\n",
};

enum { OPT_TITLE = OPT_CMD_BASE, OPT_TAG, OPT_SYNC, OPT_JSON, OPT_SILENT };

#define LOCK_WAIT_S 30          /* default for [rounds] lock_wait */
#define MAX_TAGS 64

struct feeds_opts {
	const char *title;
	const char *tags[MAX_TAGS];
	size_t n_tags;
	bool sync, json;
	const char *output;
	long silent_weeks;
};

/* The URL to store for what the user typed, or NULL (message printed). */
static char *subscription_url(const char *arg)
{
	struct rounds_buf b;

	if (rounds_url_is_http(arg) || strncmp(arg, "file://", 7) == 0)
		return xstrdup(arg);
	if (arg[0] == '/') {
		rounds_buf_init(&b, 0);
		if (rounds_buf_printf(&b, "file://%s", arg) < 0)
			return NULL;
		return rounds_buf_detach(&b);
	}
	rounds_cli_usage(&rounds_cmd_feeds, "'%s' is not a feed URL: give an "
			 "http(s) or file:// URL, or an absolute path", arg);
	return NULL;
}

static int open_store(struct rounds_ctx *ctx, bool write,
		      struct rounds_store **st, int *lock)
{
	struct rounds_err err;
	long wait_s = rounds_conf_get_int(ctx->conf, "rounds", "lock_wait",
					  LOCK_WAIT_S);

	rounds_err_init(&err);
	*lock = -1;
	if (wait_s < 0 || wait_s > 3600)
		wait_s = LOCK_WAIT_S;
	if (write && (*lock = rounds_lock_acquire(ctx->db_path, (int)wait_s,
						  &err)) < 0)
		return rounds_cli_fail(&err);
	*st = rounds_store_open(ctx->db_path, &err);
	if (*st == NULL) {
		if (*lock >= 0)
			rounds_lock_release(*lock);
		*lock = -1;
		return rounds_cli_fail(&err);
	}
	return 0;
}

static int close_store(struct rounds_store *st, int lock, int rc)
{
	rounds_store_close(st);
	if (lock >= 0)
		rounds_lock_release(lock);
	return rc;
}

static int cmd_add(struct rounds_ctx *ctx, const struct feeds_opts *o,
		   const char *arg)
{
	struct rounds_store *st;
	struct rounds_err err;
	char *url = subscription_url(arg);
	int64_t id = 0;
	int lock, rc, r;

	if (url == NULL)
		return EX_USAGE;
	if ((rc = open_store(ctx, true, &st, &lock)) != 0) {
		free(url);
		return rc;
	}
	rounds_err_init(&err);
	r = rounds_store_feed_add(st, url, o->title, o->tags, o->n_tags,
				  "cli", &id, &err);
	if (r < 0)
		rc = rounds_cli_fail(&err);
	else if (r == 1)
		printf("'%s' is already subscribed (feed %lld); nothing "
		       "changed\n", url, (long long)id);
	else
		printf("added feed %lld: %s\n", (long long)id, url);
	free(url);
	return close_store(st, lock, rc);
}

static int cmd_remove(struct rounds_ctx *ctx, const char *arg)
{
	struct rounds_store *st;
	struct rounds_err err;
	char *url = arg[0] == '/' ? subscription_url(arg) : xstrdup(arg);
	int lock, rc;

	if (url == NULL)
		return EX_USAGE;
	if ((rc = open_store(ctx, true, &st, &lock)) != 0) {
		free(url);
		return rc;
	}
	rounds_err_init(&err);
	if (rounds_store_feed_remove(st, url, &err) < 0)
		rc = rounds_cli_fail(&err);
	else
		printf("removed '%s'\n", url);
	free(url);
	return close_store(st, lock, rc);
}

static void when(int64_t t, char out[21])
{
	if (t <= 0) {
		snprintf(out, 21, "never");
		return;
	}
	rounds_clock_format(t, out);
	out[10] = ' ';
	out[16] = '\0';          /* YYYY-MM-DD HH:MM */
}

static const char *status_name(enum rounds_feed_status s)
{
	return s == ROUNDS_FEED_GONE ? "gone" :
	       s == ROUNDS_FEED_PAUSED ? "paused" : "active";
}

/* At most max bytes of s, cut at a character boundary. */
static int fit(const char *s, int max)
{
	int n = (int)strlen(s);

	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

/* What `list` shows of a feed's comment threads. */
struct comments_view {
	const char *mode;                    /* auto, feed-only, off */
	const struct rounds_discover_stats *d;   /* NULL: nothing to look at */
	bool paused;                         /* a pause not over */
	int64_t next;                        /* the next look (looking) */
	bool looking;
};

static void comments_view(struct rounds_ctx *ctx, const struct rounds_sub *r,
			  const struct rounds_discover_stats *d, int64_t now,
			  struct comments_view *v)
{
	v->mode = rounds_fetch_comments_mode(ctx->conf, r->url);
	v->d = d;
	v->paused = r->looks.pauses > 0 && r->looks.until > now;
	v->looking = strcmp(v->mode, "auto") == 0 &&
		     (v->paused || (d && d->has_next));
	v->next = d && d->has_next ? d->next_look : 0;
	if (v->paused && v->next < r->looks.until)
		v->next = r->looks.until;
	if (v->next < now)
		v->next = now;
}

static json_t *comments_json(const struct rounds_sub *r,
			     const struct comments_view *v)
{
	json_t *o = json_object();
	char t[21];

	json_object_set_new(o, "mode", json_string(v->mode));
	json_object_set_new(o, "found", json_integer(v->d ? v->d->found : 0));
	json_object_set_new(o, "looking",
			    json_integer(v->d ? v->d->looking : 0));
	json_object_set_new(o, "given_up",
			    json_integer(v->d ? v->d->given_up : 0));
	if (v->looking) {
		rounds_clock_format(v->next, t);
		json_object_set_new(o, "next_look", json_string(t));
	}
	json_object_set_new(o, "misses", json_integer(r->looks.misses));
	json_object_set_new(o, "pauses", json_integer(r->looks.pauses));
	if (v->paused) {
		rounds_clock_format(r->looks.until, t);
		json_object_set_new(o, "paused_until", json_string(t));
	}
	return o;
}

/* The stats of feed id in rows[0..n) (sorted by feed id), or NULL. */
static const struct rounds_discover_stats *
stats_of(const struct rounds_discover_stats *rows, size_t n, int64_t id)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (rows[mid].feed_id == id)
			return &rows[mid];
		if (rows[mid].feed_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void list_json(struct rounds_ctx *ctx, const struct rounds_sub *rows,
		      size_t n, const struct rounds_discover_stats *ds,
		      size_t n_ds, int64_t now)
{
	json_t *a = json_array(), *o, *tags;
	struct comments_view v;
	char t[21];
	size_t i, j;

	for (i = 0; i < n; i++) {
		o = json_object();
		json_object_set_new(o, "id", json_integer(rows[i].id));
		json_object_set_new(o, "url", json_string(rows[i].url));
		if (rows[i].title)
			json_object_set_new(o, "title",
					    json_string(rows[i].title));
		json_object_set_new(o, "status", json_string(
			status_name(rows[i].status)));
		if (rows[i].last_fetch > 0) {
			rounds_clock_format(rows[i].last_fetch, t);
			json_object_set_new(o, "last_fetch", json_string(t));
		}
		json_object_set_new(o, "errors",
				    json_integer(rows[i].error_count));
		json_object_set_new(o, "entries",
				    json_integer(rows[i].n_entries));
		tags = json_array();
		for (j = 0; j < rows[i].n_tags; j++)
			json_array_append_new(tags,
					      json_string(rows[i].tags[j]));
		json_object_set_new(o, "tags", tags);
		comments_view(ctx, &rows[i], stats_of(ds, n_ds, rows[i].id),
			      now, &v);
		json_object_set_new(o, "comments", comments_json(&rows[i], &v));
		json_array_append_new(a, o);
	}
	json_dumpf(a, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(a);
}

/* -v: "      comments: auto; looks: 2 found, 1 looking, 0 given up;
 * next look 2026-11-25 12:00" */
static void list_comments(const struct rounds_sub *r,
			  const struct comments_view *v, int64_t now)
{
	const struct rounds_discover_stats *d = v->d;
	char t[21];

	printf("      comments: %s", v->mode);
	if (strcmp(v->mode, "off") == 0) {
		printf("; no comment feeds read\n");
		return;
	}
	if (strcmp(v->mode, "feed-only") == 0) {
		printf("; only the comment feeds articles announce, no "
		       "looks\n");
		return;
	}
	printf("; looks: %lld found, %lld looking, %lld given up",
	       (long long)(d ? d->found : 0), (long long)(d ? d->looking : 0),
	       (long long)(d ? d->given_up : 0));
	when(r->looks.until, t);
	if (v->paused)
		printf("; paused until %s after %d articles in a row without "
		       "one (pause %d)", t, r->looks.misses, r->looks.pauses);
	else if (r->looks.pauses > 0)
		printf("; one article at the next fetch after %d in a row "
		       "without one (pause %d over)", r->looks.misses,
		       r->looks.pauses);
	if (v->looking && !v->paused) {
		when(v->next, t);
		printf("; next look %s", v->next <= now ? "at the next fetch" :
		       t);
	}
	putchar('\n');
}

static int cmd_list(struct rounds_ctx *ctx, const struct feeds_opts *o)
{
	struct rounds_store *st;
	struct rounds_sub *rows = NULL;
	struct rounds_discover_stats *ds = NULL;
	struct comments_view v;
	struct rounds_err err;
	size_t n = 0, n_ds = 0, i;
	int64_t now = rounds_clock_now();
	char t[21];
	const char *title;
	int lock, rc;

	if ((rc = open_store(ctx, false, &st, &lock)) != 0)
		return rc;
	rounds_err_init(&err);
	if (rounds_store_feeds(st, false, 0, &rows, &n, &err) < 0 ||
	    rounds_store_discover_stats(st, now -
					rounds_fetch_comment_window(ctx->conf),
					&ds, &n_ds, &err) < 0) {
		rounds_store_subs_free(rows, n);
		return close_store(st, lock, rounds_cli_fail(&err));
	}
	if (o->json) {
		list_json(ctx, rows, n, ds, n_ds, now);
	} else if (n == 0) {
		printf("no feeds yet: add one with 'rounds feeds add URL'\n");
	} else {
		printf("%4s  %-6s  %-16s  %6s  %7s  %-30s  %s\n", "ID",
		       "STATUS", "LAST FETCH", "ERRORS", "ENTRIES", "TITLE",
		       "URL");
		for (i = 0; i < n; i++) {
			when(rows[i].last_fetch, t);
			title = rows[i].title ? rows[i].title : "-";
			printf("%4lld  %-6s  %-16s  %6d  %7lld  %-30.*s  %s\n",
			       (long long)rows[i].id,
			       status_name(rows[i].status), t,
			       rows[i].error_count,
			       (long long)rows[i].n_entries,
			       fit(title, 30), title, rows[i].url);
			if (rounds_log_get_level() < LOG_INFO)
				continue;
			comments_view(ctx, &rows[i], stats_of(ds, n_ds,
				      rows[i].id), now, &v);
			list_comments(&rows[i], &v, now);
		}
	}
	free(ds);
	rounds_store_subs_free(rows, n);
	return close_store(st, lock, 0);
}

static int cmd_import(struct rounds_ctx *ctx, const struct feeds_opts *o,
		      const char *path)
{
	struct rounds_opml_stats stats;
	struct rounds_store *st;
	struct rounds_err err;
	int lock, rc;

	if ((rc = open_store(ctx, true, &st, &lock)) != 0)
		return rc;
	rounds_err_init(&err);
	if (rounds_opml_import(st, path, o->sync, &stats, &err) < 0)
		return close_store(st, lock, rounds_cli_fail(&err));
	if (stats.skipped)
		rounds_log(LOG_WARN, "%s%s", stats.note, stats.skipped > 1 ?
			   " (and more like it)" : "");
	printf("imported '%s': %d added, %d already subscribed", path,
	       stats.added, stats.kept);
	if (o->sync)
		printf(", %d removed", stats.removed);
	if (stats.skipped)
		printf(", %d skipped", stats.skipped);
	putchar('\n');
	return close_store(st, lock, 0);
}

static int cmd_export(struct rounds_ctx *ctx, const struct feeds_opts *o)
{
	struct rounds_store *st;
	struct rounds_err err;
	char *doc = NULL;
	bool changed;
	int lock, rc;

	if ((rc = open_store(ctx, false, &st, &lock)) != 0)
		return rc;
	rounds_err_init(&err);
	if (rounds_opml_export(st, &doc, &err) < 0)
		return close_store(st, lock, rounds_cli_fail(&err));
	if (o->output && strcmp(o->output, "-") != 0) {
		if (rounds_file_write_atomic(o->output, doc, strlen(doc),
					     &changed, &err) < 0)
			rc = rounds_cli_fail(&err);
	} else if (fputs(doc, stdout) == EOF || fflush(stdout) != 0) {
		rounds_log(LOG_ERROR, "export: cannot write to stdout");
		rc = EX_IOERR;
	}
	free(doc);
	return close_store(st, lock, rc);
}

static void health_line(const struct rounds_health *h, int64_t now)
{
	char t[21];
	const char *d = h->detail ? h->detail : "";
	int64_t days = h->since > 0 ? (now - h->since) / 86400 : 0;

	when(h->since, t);
	printf("%-12s  %s", rounds_health_kind_name(h->kind), h->url);
	if (h->title)
		printf(" (%s)", h->title);
	printf("\n              ");
	switch (h->kind) {
	case ROUNDS_HEALTH_MOVED:
		printf("moved permanently to %s (seen %lld time%s in a row); "
		       "update the subscription\n", d, (long long)h->value,
		       h->value == 1 ? "" : "s");
		break;
	case ROUNDS_HEALTH_GONE:
		printf("gone (HTTP %lld) since %s; no longer fetched: "
		       "remove it\n", (long long)h->value, t);
		break;
	case ROUNDS_HEALTH_FAILING:
		printf("failing for %lld day%s (%lld error%s since %s): %s\n",
		       (long long)days, days == 1 ? "" : "s",
		       (long long)h->value, h->value == 1 ? "" : "s", t, d);
		break;
	case ROUNDS_HEALTH_RATE_LIMITED:
		printf("rate-limited: HTTP %lld at the last fetch, refused "
		       "since %s; fetched less often\n", (long long)h->value,
		       t);
		break;
	case ROUNDS_HEALTH_SILENT:
		printf("silent for %lld week%s: nothing new since %s\n",
		       (long long)(days / 7), days / 7 == 1 ? "" : "s", t);
		break;
	case ROUNDS_HEALTH_CHURN:
		printf("entry ids churn: %lld%% of the ids in recent fetches "
		       "were new; the feed may not keep its ids stable\n",
		       (long long)h->value);
		break;
	case ROUNDS_HEALTH_LOOKS_PAUSED:
		when(h->until, t);
		printf("no comment feed found for %lld article%s in a row; ",
		       (long long)h->value, h->value == 1 ? "" : "s");
		if (h->until > now)
			printf("no look at its articles until %s", t);
		else
			printf("one article is looked at next");
		printf(" (comments = feed-only in a [feed:NAME] section "
		       "stops looking)\n");
		break;
	}
}

/* Paused looks matter only where looks are made. */
static bool reported(struct rounds_ctx *ctx, const struct rounds_health *h)
{
	return h->kind != ROUNDS_HEALTH_LOOKS_PAUSED ||
	       strcmp(rounds_fetch_comments_mode(ctx->conf, h->url),
		      "auto") == 0;
}

static int cmd_health(struct rounds_ctx *ctx, const struct feeds_opts *o)
{
	struct rounds_store *st;
	struct rounds_health *rows = NULL;
	struct rounds_sub *subs = NULL;
	struct rounds_err err;
	size_t n = 0, n_subs = 0, i, shown;
	int64_t now = rounds_clock_now();
	char t[21];
	long weeks = o->silent_weeks;
	int lock, rc;

	if (weeks <= 0)
		weeks = rounds_conf_get_int(ctx->conf, "feeds", "silent_weeks",
					    4);
	if (weeks <= 0)
		weeks = 4;
	if ((rc = open_store(ctx, false, &st, &lock)) != 0)
		return rc;
	rounds_err_init(&err);
	if (rounds_store_feeds(st, false, 0, &subs, &n_subs, &err) < 0 ||
	    rounds_store_health(st, now, (int64_t)weeks * 7 * 86400, &rows,
				&n, &err) < 0) {
		rounds_store_subs_free(subs, n_subs);
		return close_store(st, lock, rounds_cli_fail(&err));
	}
	for (i = shown = 0; i < n; i++)
		shown += reported(ctx, &rows[i]);
	when(now, t);
	if (shown == 0)
		printf("source health as of %s UTC: all %zu feed%s look "
		       "fine\n", t, n_subs, n_subs == 1 ? "" : "s");
	else
		printf("source health as of %s UTC: %zu finding%s over %zu "
		       "feed%s\n\n", t, shown, shown == 1 ? "" : "s", n_subs,
		       n_subs == 1 ? "" : "s");
	for (i = 0; i < n; i++)
		if (reported(ctx, &rows[i]))
			health_line(&rows[i], now);
	rounds_store_health_free(rows, n);
	rounds_store_subs_free(subs, n_subs);
	return close_store(st, lock, 0);
}

static const struct option longopts[] = {
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "tag", required_argument, NULL, OPT_TAG },
	{ "sync", no_argument, NULL, OPT_SYNC },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "output", required_argument, NULL, 'o' },
	{ "silent-weeks", required_argument, NULL, OPT_SILENT },
	{ NULL, 0, NULL, 0 },
};

/* Which options each sub-command takes. */
static bool allowed(const char *sub, int opt)
{
	switch (opt) {
	case OPT_TITLE:
	case OPT_TAG:
		return strcmp(sub, "add") == 0;
	case OPT_SYNC:
		return strcmp(sub, "import") == 0;
	case OPT_JSON:
		return strcmp(sub, "list") == 0;
	case 'o':
		return strcmp(sub, "export") == 0;
	case OPT_SILENT:
		return strcmp(sub, "health") == 0;
	}
	return false;
}

static const char *opt_name(int opt)
{
	const struct option *l;

	for (l = longopts; l->name; l++)
		if (l->val == opt)
			return l->name;
	return "?";
}

static int parse(struct rounds_ctx *ctx, int argc, char **argv,
		 struct feeds_opts *o, int *seen, size_t *n_seen)
{
	int opt;
	char *end;

	while ((opt = rounds_cli_getopt(ctx, &rounds_cmd_feeds, argc, argv,
					"o:", longopts)) != -1) {
		switch (opt) {
		case 'H':
			return -2;
		case OPT_TITLE:
			o->title = optarg;
			break;
		case OPT_TAG:
			if (o->n_tags == MAX_TAGS)
				return rounds_cli_usage(&rounds_cmd_feeds,
							"at most %d tags",
							MAX_TAGS);
			o->tags[o->n_tags++] = optarg;
			break;
		case OPT_SYNC:
			o->sync = true;
			break;
		case OPT_JSON:
			o->json = true;
			break;
		case 'o':
			o->output = optarg;
			break;
		case OPT_SILENT:
			o->silent_weeks = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end || o->silent_weeks <= 0 ||
			    o->silent_weeks > 520)
				return rounds_cli_usage(&rounds_cmd_feeds,
							"'--silent-weeks %s': "
							"give weeks, 1 to 520",
							optarg);
			break;
		default:
			return EX_USAGE;
		}
		if (*n_seen < 16)
			seen[(*n_seen)++] = opt;
	}
	return 0;
}

static int run(struct rounds_ctx *ctx, int argc, char **argv)
{
	struct feeds_opts o;
	const char *sub, *arg;
	int seen[16], rc;
	size_t n_seen = 0, i;
	int nargs;

	memset(&o, 0, sizeof(o));
	rc = parse(ctx, argc, argv, &o, seen, &n_seen);
	if (rc == -2)
		return 0;
	if (rc != 0)
		return rc;
	if (optind >= argc)
		return rounds_cli_usage(&rounds_cmd_feeds, "which one: add, "
					"list, remove, import, export or "
					"health?");
	sub = argv[optind];
	nargs = argc - optind - 1;
	arg = nargs > 0 ? argv[optind + 1] : NULL;
	if (strcmp(sub, "add") && strcmp(sub, "list") &&
	    strcmp(sub, "remove") && strcmp(sub, "import") &&
	    strcmp(sub, "export") && strcmp(sub, "health"))
		return rounds_cli_usage(&rounds_cmd_feeds, "'%s' is not a "
					"feeds sub-command", sub);
	for (i = 0; i < n_seen; i++)
		if (!allowed(sub, seen[i]))
			return rounds_cli_usage(&rounds_cmd_feeds, "'feeds %s'"
						" takes no --%s", sub,
						opt_name(seen[i]));
	{
		bool wants = !strcmp(sub, "add") || !strcmp(sub, "remove") ||
			     !strcmp(sub, "import");

		if (nargs != (wants ? 1 : 0))
			return rounds_cli_usage(&rounds_cmd_feeds, "'feeds %s'"
						" takes %s", sub, wants ?
						"one argument" :
						"no arguments");
	}
	if ((rc = rounds_ctx_load(ctx)) != 0)
		return rc;
	if (strcmp(sub, "add") == 0)
		return cmd_add(ctx, &o, arg);
	if (strcmp(sub, "remove") == 0)
		return cmd_remove(ctx, arg);
	if (strcmp(sub, "import") == 0)
		return cmd_import(ctx, &o, arg);
	if (strcmp(sub, "export") == 0)
		return cmd_export(ctx, &o);
	if (strcmp(sub, "health") == 0)
		return cmd_health(ctx, &o);
	return cmd_list(ctx, &o);
}
