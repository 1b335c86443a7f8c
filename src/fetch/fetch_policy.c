/* fetch_policy.c: the fetcher's decisions that need no network: when to
 * fetch again, which addresses a redirect may reach, which URLs may be
 * read at all, and what the headers say. */
#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include "config.h"
#include "fetch_int.h"
#include "rounds/caps.h"
#include "rounds/log.h"
#include "rounds/url.h"

static int64_t clamp64(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

int64_t rounds_fetch_comment_window(const struct rounds_conf *conf)
{
	return clamp64(rounds_conf_get_int(conf, "fetch",
					   "comment_window_days", 14),
		       0, 3650) * 86400;
}

void fetch_conf_init(struct fetch_conf *fc, const struct rounds_conf *conf)
{
	struct rounds_buf ua;
	const char *contact;

	fc->jobs = (int)clamp64(rounds_conf_get_int(conf, "fetch", "jobs", 16),
				1, 256);
	fc->per_host = (int)clamp64(rounds_conf_get_int(conf, "fetch",
				"per_host", 2), 1, 2);
	fc->min_interval = clamp64(rounds_conf_get_int(conf, "fetch",
				"min_interval", 900), 0, 7 * 86400);
	fc->max_interval = clamp64(rounds_conf_get_int(conf, "fetch",
				"max_interval", 86400), fc->min_interval,
				30 * 86400);
	fc->interval = clamp64(rounds_conf_get_int(conf, "fetch", "interval",
				3600), 0, 30 * 86400);
	fc->backoff_base = clamp64(rounds_conf_get_int(conf, "fetch",
				"backoff", 900), 1, 86400);
	fc->backoff_max = clamp64(rounds_conf_get_int(conf, "fetch",
				"backoff_max", 86400), fc->backoff_base,
				30 * 86400);
	fc->comment_window = rounds_fetch_comment_window(conf);
	fc->connect_timeout = (long)clamp64(rounds_conf_get_int(conf, "fetch",
				"connect_timeout", 15), 1, 600);
	fc->timeout = (long)clamp64(rounds_conf_get_int(conf, "fetch",
				"timeout", 60), 1, 3600);
	fc->low_speed_limit = (long)clamp64(rounds_conf_get_int(conf, "fetch",
				"low_speed_limit", 64), 0, 1L << 30);
	fc->low_speed_time = (long)clamp64(rounds_conf_get_int(conf, "fetch",
				"low_speed_time", 30), 1, 3600);
	fc->max_bytes = (size_t)clamp64(rounds_conf_get_int(conf, "fetch",
				"max_bytes", 8L << 20), 1024, ROUNDS_MAX_DOC);
	fc->ca_file = rounds_conf_get_path(conf, "fetch", "ca_file", NULL);
	{
		/* as many as processors: the loop's thread mostly waits
		 * (network, fsync), so it takes no processor of its own */
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);

		fc->parse_threads = (int)clamp64(rounds_conf_get_int(conf,
				"fetch", "parse_threads",
				cpus > 1 ? (cpus < 4 ? cpus : 4) : 0), 0, 16);
	}
	fc->proxied = false;
	{
		static const char *const vars[] = { "http_proxy",
			"https_proxy", "HTTPS_PROXY", "all_proxy",
			"ALL_PROXY" };
		size_t i;

		for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
			if (getenv(vars[i]) && *getenv(vars[i]))
				fc->proxied = true;
	}

	contact = rounds_conf_get(conf, "fetch", "contact_url",
				  rounds_conf_get(conf, "site", "url", NULL));
	rounds_buf_init(&ua, 1024);
	if ((contact && *contact &&
	     rounds_buf_printf(&ua, "rounds/%s (+%s)", PACKAGE_VERSION,
			       contact) == 0) ||
	    rounds_buf_printf(&ua, "rounds/%s", PACKAGE_VERSION) == 0)
		fc->user_agent = rounds_buf_detach(&ua);
	else
		fc->user_agent = xstrdup("rounds");
}

void fetch_conf_release(struct fetch_conf *fc)
{
	free(fc->user_agent);
	free(fc->ca_file);
	fc->user_agent = NULL;
	fc->ca_file = NULL;
}

int64_t fetch_next_ok(const struct fetch_conf *fc, int64_t now,
		      int64_t feed_min_interval)
{
	int64_t iv = fc->interval;

	if (feed_min_interval > 0) {
		int64_t own = clamp64(feed_min_interval, fc->min_interval,
				      fc->max_interval);

		if (own > iv)
			iv = own;
	}
	return now + iv;
}

int64_t fetch_next_error(const struct fetch_conf *fc, int64_t now,
			 int errors_before)
{
	int64_t d = fc->backoff_base;
	int i;

	for (i = 0; i < errors_before && d < fc->backoff_max; i++)
		d *= 2;
	return now + (d > fc->backoff_max ? fc->backoff_max : d);
}

bool fetch_retry_after(const struct fetch_conf *fc, const char *value,
		       int64_t now, int64_t *when)
{
	const char *p;
	int64_t t;

	if (value == NULL)
		return false;
	while (*value == ' ' || *value == '\t')
		value++;
	if (*value == '\0')
		return false;
	for (p = value; isdigit((unsigned char)*p); p++)
		;
	if (p != value && (*p == '\0' || *p == ' ' || *p == '\r')) {
		if (p - value > 9)
			t = now + fc->backoff_max;
		else
			t = now + strtol(value, NULL, 10);
	} else {
		time_t d = curl_getdate(value, NULL);

		if (d == (time_t)-1)
			return false;
		t = (int64_t)d;
	}
	*when = clamp64(t, now + 60, now + fc->backoff_max);
	return true;
}

enum fetch_forced fetch_forced_decision(const struct rounds_sub *s,
					int64_t now)
{
	if (s->status == ROUNDS_FEED_GONE || s->last_status == 410)
		return FETCH_FORCED_GONE;
	if (s->status != ROUNDS_FEED_ACTIVE)
		return FETCH_FORCED_PAUSED;
	if ((s->last_status == 429 || s->last_status == 503) &&
	    s->next_fetch > now)
		return FETCH_FORCED_WAIT;
	return FETCH_FORCED_ASK;
}

int fetch_failure_level(bool comment_feed, const char *result,
			int errors_before)
{
	if (comment_feed || errors_before > 0 ||
	    strcmp(result, "rate_limited") == 0)
		return LOG_WARN;
	return LOG_ERROR;
}

void fetch_when_text(int64_t t, int64_t now, char *out, size_t n)
{
	time_t tt = (time_t)t, tn = (time_t)now;
	struct tm tm, tm_now;

	gmtime_r(&tt, &tm);
	gmtime_r(&tn, &tm_now);
	if (tm.tm_year == tm_now.tm_year && tm.tm_yday == tm_now.tm_yday)
		strftime(out, n, "%H:%M UTC", &tm);
	else
		strftime(out, n, "%Y-%m-%d %H:%M UTC", &tm);
}

static bool v4_private(uint32_t a)
{
	static const struct { uint32_t net, mask; } nets[] = {
		{ 0x00000000, 0xff000000 },   /* 0/8 "this network" */
		{ 0x0a000000, 0xff000000 },   /* 10/8 */
		{ 0x64400000, 0xffc00000 },   /* 100.64/10 shared */
		{ 0x7f000000, 0xff000000 },   /* 127/8 loopback */
		{ 0xa9fe0000, 0xffff0000 },   /* 169.254/16 link-local */
		{ 0xac100000, 0xfff00000 },   /* 172.16/12 */
		{ 0xc0000000, 0xffffff00 },   /* 192.0.0/24 */
		{ 0xc0a80000, 0xffff0000 },   /* 192.168/16 */
		{ 0xc6120000, 0xfffe0000 },   /* 198.18/15 */
		{ 0xe0000000, 0xf0000000 },   /* 224/4 multicast */
		{ 0xf0000000, 0xf0000000 },   /* 240/4 reserved, broadcast */
	};
	size_t i;

	for (i = 0; i < sizeof(nets) / sizeof(nets[0]); i++)
		if ((a & nets[i].mask) == nets[i].net)
			return true;
	return false;
}

static uint32_t v4_at(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static bool v6_private(const unsigned char *a)
{
	static const unsigned char zero[16];
	static const unsigned char nat64[12] = { 0x00, 0x64, 0xff, 0x9b };

	if (memcmp(a, zero, 15) == 0 && (a[15] == 0 || a[15] == 1))
		return true;                        /* ::, ::1 */
	if (memcmp(a, zero, 10) == 0 && a[10] == 0xff && a[11] == 0xff)
		return v4_private(v4_at(a + 12));   /* ::ffff:a.b.c.d */
	if (memcmp(a, zero, 12) == 0)
		return true;                        /* ::a.b.c.d, obsolete */
	if (memcmp(a, nat64, 12) == 0)
		return v4_private(v4_at(a + 12));   /* 64:ff9b::/96 */
	if (a[0] == 0x20 && a[1] == 0x02)
		return v4_private(v4_at(a + 2));    /* 2002::/16 6to4 */
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
		return true;                        /* fe80::/10 */
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)
		return true;                        /* fec0::/10 site-local */
	if ((a[0] & 0xfe) == 0xfc)
		return true;                        /* fc00::/7 */
	if (a[0] == 0xff)
		return true;                        /* multicast */
	return false;
}

bool fetch_addr_private(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;

		return v4_private(ntohl(in->sin_addr.s_addr));
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		return v6_private(in6->sin6_addr.s6_addr);
	}
	return true;                /* unix sockets and the like: never */
}

bool fetch_ip_text_private(const char *ip)
{
	unsigned char a[16];

	if (ip == NULL)
		return true;
	if (inet_pton(AF_INET, ip, a) == 1)
		return v4_private(v4_at(a));
	if (inet_pton(AF_INET6, ip, a) == 1)
		return v6_private(a);
	return true;
}

bool fetch_url_host_private(const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL;
	bool priv = true;
	size_t n;

	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		n = strlen(host);
		if (n > 2 && host[0] == '[' && host[n - 1] == ']') {
			host[n - 1] = '\0';
			priv = fetch_ip_text_private(host + 1);
		} else if (strcasecmp(host, "localhost") == 0 ||
			   (n > 10 && strcasecmp(host + n - 10,
						 ".localhost") == 0)) {
			priv = true;
		} else {
			unsigned char a[16];

			priv = inet_pton(AF_INET, host, a) == 1 &&
			       fetch_ip_text_private(host);
		}
	}
	curl_free(host);
	curl_url_cleanup(u);
	return priv;
}

char *fetch_content_charset(const char *ct)
{
	const char *p, *s;
	size_t n;

	if (ct == NULL)
		return NULL;
	for (p = ct; (p = strchr(p, ';')) != NULL; ) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		p += 7;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '=')
			continue;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '"')
			p++;
		for (s = p; isalnum((unsigned char)*s) || *s == '-' ||
			    *s == '_' || *s == '.' || *s == ':'; s++)
			;
		n = (size_t)(s - p);
		if (n == 0 || n > 40)
			return NULL;
		return xstrndup(p, n);
	}
	return NULL;
}

const char *fetch_url_scheme(const char *url)
{
	if (strncasecmp(url, "http://", 7) == 0)
		return "http";
	if (strncasecmp(url, "https://", 8) == 0)
		return "https";
	if (strncasecmp(url, "file://", 7) == 0)
		return "file";
	return NULL;
}

char *fetch_url_hostport(const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL, *port = NULL, *out = NULL, *p;
	struct rounds_buf b;
	const char *scheme = fetch_url_scheme(url);

	if (u == NULL || scheme == NULL || strcmp(scheme, "file") == 0)
		goto out;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) !=
	    CURLUE_OK)
		goto out;
	for (p = host; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	rounds_buf_init(&b, ROUNDS_MAX_URL);
	if (rounds_buf_printf(&b, "%s:%s", host, port) == 0)
		out = rounds_buf_detach(&b);
out:
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return out;
}

char *fetch_file_path(const char *url)
{
	CURLU *u;
	char *host = NULL, *path = NULL, *out = NULL;

	if (url == NULL || strncasecmp(url, "file://", 7) != 0)
		return NULL;
	if ((u = curl_url()) == NULL)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE) !=
	    CURLUE_OK)
		goto out;
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    *host && strcasecmp(host, "localhost") != 0)
		goto out;
	if (path[0] == '/' && strlen(path) == strcspn(path, "\n"))
		out = xstrdup(path);
out:
	curl_free(host);
	curl_free(path);
	curl_url_cleanup(u);
	return out;
}

bool fetch_comment_url_allowed(const char *feed_url, const char *url)
{
	const char *scheme = fetch_url_scheme(url);
	char *fp, *cp, *slash;
	bool ok = false;

	if (scheme == NULL)
		return false;
	if (strcmp(scheme, "file") != 0)
		return true;
	fp = fetch_file_path(feed_url);
	cp = fetch_file_path(url);
	if (fp && cp && (slash = strrchr(fp, '/')) != NULL) {
		size_t n = (size_t)(slash - fp) + 1;

		ok = strncmp(cp, fp, n) == 0 && strstr(cp, "/../") == NULL &&
		     strstr(cp, "/./") == NULL && cp[n] != '\0';
	}
	free(fp);
	free(cp);
	return ok;
}

/* WordPress serves a post's comments at the post's address + "feed/"
 * (pretty permalinks) or with "feed=rss2" added to its query. */
char *fetch_wp_comment_feed(const char *link)
{
	struct rounds_buf b;
	const char *add;
	size_t n;

	if (link == NULL || !rounds_url_is_http(link))
		return NULL;
	n = strcspn(link, "#");
	if (memchr(link, '?', n) != NULL)
		add = "&feed=rss2";
	else if (n > 0 && link[n - 1] == '/')
		add = "feed/";
	else
		add = "/feed/";
	rounds_buf_init(&b, ROUNDS_MAX_URL);
	if (rounds_buf_append(&b, link, n) < 0 ||
	    rounds_buf_append(&b, add, strlen(add)) < 0)
		return NULL;
	return rounds_buf_detach(&b);
}

/* The page to read for an entry: its comments page, else its own link,
 * without the fragment (caller frees). */
char *fetch_look_page(const char *comments, const char *link)
{
	const char *u = comments ? comments : link;

	return u ? xstrndup(u, strcspn(u, "#")) : NULL;
}

bool fetch_generator_wordpress(const char *generator)
{
	const char *p;

	for (p = generator; p && *p; p++)
		if (strncasecmp(p, "wordpress", 9) == 0)
			return true;
	return false;
}

int64_t fetch_next_look(int64_t now, int misses)
{
	int64_t d = 86400;

	while (misses-- > 0 && d < 7 * 86400)
		d *= 2;
	return now + (d < 7 * 86400 ? d : 7 * 86400);
}

int64_t fetch_looks_pause(int pauses)
{
	int64_t d = FETCH_LOOK_PAUSE;

	while (--pauses > 0 && d < FETCH_LOOK_PAUSE_MAX)
		d *= 2;
	return d < FETCH_LOOK_PAUSE_MAX ? d : FETCH_LOOK_PAUSE_MAX;
}

bool fetch_looks_paused(const struct rounds_look_state *t, int64_t now)
{
	return t->pauses > 0 && t->until > now;
}

static enum fetch_looks_change start_pause(struct rounds_look_state *t,
					   int64_t now)
{
	if (t->pauses < 1000)
		t->pauses++;
	t->until = now + fetch_looks_pause(t->pauses);
	return FETCH_LOOKS_PAUSED;
}

enum fetch_looks_change fetch_looks_after(struct rounds_look_state *t,
					  const char *result, bool missed,
					  int64_t now)
{
	bool was_paused = t->pauses > 0;

	if (strcmp(result, "found") == 0) {
		if (t->misses == 0 && !was_paused)
			return FETCH_LOOKS_SAME;
		t->misses = t->pauses = 0;
		t->until = 0;
		return was_paused ? FETCH_LOOKS_RESUMED : FETCH_LOOKS_COUNTED;
	}
	if (strcmp(result, "none") != 0)
		return FETCH_LOOKS_SAME;
	if (!missed)
		t->misses++;
	if (was_paused && t->until <= now)
		return start_pause(t, now);   /* the one look after a pause */
	if (missed)
		return FETCH_LOOKS_SAME;
	if (!was_paused && t->misses >= FETCH_LOOK_PAUSE_AFTER)
		return start_pause(t, now);
	return FETCH_LOOKS_COUNTED;    /* or a look begun before the pause */
}
