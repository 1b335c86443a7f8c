/* fetch_xfer.c: one transfer's easy handle: options, the body and header
 * callbacks, and the address checks made at connect time for every hop. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include "fetch_int.h"
#include "rounds/caps.h"

#define MAX_HEADER_VALUE 1024

/* curl reads no further than Content-Length; bytes a server sent past it
 * wait in the socket.  Peeked when the announced length is complete, while
 * the connection is still this transfer's; only for plain HTTP/1.x
 * without content coding (TLS records or other HTTP/2 streams could be
 * there for good reasons). */
static void check_excess(struct fetch_xfer *x)
{
	curl_socket_t sock = CURL_SOCKET_BAD;
	curl_off_t cl = -1;
	long version = 0;
	char *scheme = NULL;
	char c;

	if (x->excess || x->encoded ||
	    curl_easy_getinfo(x->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T,
			      &cl) != CURLE_OK || cl < 0 ||
	    (curl_off_t)x->body.len != cl ||
	    curl_easy_getinfo(x->easy, CURLINFO_SCHEME, &scheme) != CURLE_OK ||
	    scheme == NULL || strcasecmp(scheme, "http") != 0 ||
	    curl_easy_getinfo(x->easy, CURLINFO_HTTP_VERSION, &version) !=
	    CURLE_OK || version >= CURL_HTTP_VERSION_2_0 ||
	    curl_easy_getinfo(x->easy, CURLINFO_ACTIVESOCKET, &sock) !=
	    CURLE_OK || sock == CURL_SOCKET_BAD)
		return;
	if (recv(sock, &c, 1, MSG_PEEK | MSG_DONTWAIT) > 0)
		x->excess = true;
}

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	struct fetch_xfer *x = arg;
	size_t len = size * n;

	if (x->too_big)
		return 0;
	if (x->body.len + len > x->max_bytes ||
	    rounds_buf_append(&x->body, p, len) < 0) {
		x->too_big = true;      /* the transfer fails: write error */
		return 0;
	}
	check_excess(x);
	return len;
}

static void set_header(char **slot, const char *v, size_t n)
{
	free(*slot);
	*slot = n <= MAX_HEADER_VALUE ? xstrndup(v, n) : NULL;
}

static void clear_headers(struct fetch_xfer *x)
{
	free(x->etag);
	free(x->last_modified);
	free(x->content_type);
	free(x->retry_after);
	x->etag = x->last_modified = x->content_type = x->retry_after = NULL;
}

static size_t on_header(char *p, size_t size, size_t n, void *arg)
{
	static const struct { const char *name; size_t off; } wanted[] = {
		{ "etag", offsetof(struct fetch_xfer, etag) },
		{ "last-modified", offsetof(struct fetch_xfer, last_modified) },
		{ "content-type", offsetof(struct fetch_xfer, content_type) },
		{ "retry-after", offsetof(struct fetch_xfer, retry_after) },
	};
	struct fetch_xfer *x = arg;
	size_t len = size * n, i, k;
	const char *colon, *v, *end;

	if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
		clear_headers(x);           /* a new response begins */
		x->encoded = false;
		return len;
	}
	if (len > 17 && strncasecmp(p, "content-encoding:", 17) == 0)
		x->encoded = true;
	colon = memchr(p, ':', len);
	if (colon == NULL)
		return len;
	k = (size_t)(colon - p);
	for (i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++) {
		if (strlen(wanted[i].name) != k ||
		    strncasecmp(p, wanted[i].name, k) != 0)
			continue;
		v = colon + 1;
		end = p + len;
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		while (end > v && (end[-1] == '\r' || end[-1] == '\n' ||
				   end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (memchr(v, '\0', (size_t)(end - v)) != NULL)
			break;
		set_header((char **)((char *)x + wanted[i].off), v,
			   (size_t)(end - v));
		break;
	}
	return len;
}

/* Called before curl connects anywhere, for every hop: a hop to a host
 * other than the trusted one may not reach a private address. */
static curl_socket_t on_open(void *arg, curlsocktype purpose,
			     struct curl_sockaddr *a)
{
	struct fetch_xfer *x = arg;

	if (!x->hop_trusted && !x->proxied && fetch_addr_private(&a->addr)) {
		x->blocked = true;
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* curl drops body bytes past Content-Length with only an informational
 * message; that message is the one sign of a body longer than announced. */
static int on_debug(CURL *easy, curl_infotype type, char *text, size_t n,
		    void *arg)
{
	struct fetch_xfer *x = arg;

	if (type == CURLINFO_TEXT && n >= 12 &&
	    strncmp(text, "Excess found", 12) == 0)
		x->excess = true;
	return 0;
}

#if LIBCURL_VERSION_NUM >= 0x075000
/* Called before each request, also on a reused connection. */
static int on_prereq(void *arg, char *ip, char *local_ip, int port,
		     int local_port)
{
	struct fetch_xfer *x = arg;

	if (!x->hop_trusted && !x->proxied && fetch_ip_text_private(ip)) {
		x->blocked = true;
		return CURL_PREREQFUNC_ABORT;
	}
	return CURL_PREREQFUNC_OK;
}
#endif

#define SET(opt, val) do { \
	if ((cc = curl_easy_setopt(easy, opt, val)) != CURLE_OK) \
		goto fail; \
} while (0)

static int add_header(struct fetch_xfer *x, const char *name,
		      const char *value)
{
	struct rounds_buf b;
	struct curl_slist *l;

	rounds_buf_init(&b, MAX_HEADER_VALUE + 64);
	if (rounds_buf_printf(&b, "%s: %s", name, value) < 0 ||
	    strpbrk(rounds_buf_str(&b), "\r\n") != NULL) {
		rounds_buf_release(&b);
		return 0;                   /* a bad stored value: not sent */
	}
	l = curl_slist_append(x->headers, rounds_buf_str(&b));
	rounds_buf_release(&b);
	if (l == NULL)
		return -1;
	x->headers = l;
	return 0;
}

int fetch_xfer_init(struct fetch_xfer *x, CURL *easy,
		    const struct fetch_conf *fc, const char *url,
		    const char *trusted, const char *etag,
		    const char *last_modified, struct rounds_err *err)
{
	CURLcode cc = CURLE_OK;

	memset(x, 0, sizeof(*x));
	x->easy = easy;
	x->trusted = xstrdup(trusted);
	x->permanent = true;
	x->max_bytes = fc->max_bytes;
	x->proxied = fc->proxied;
	rounds_buf_init(&x->body, fc->max_bytes);
	if ((etag && *etag && add_header(x, "If-None-Match", etag) < 0) ||
	    (last_modified && *last_modified &&
	     add_header(x, "If-Modified-Since", last_modified) < 0))
		return rounds_err_set(err, EX_SOFTWARE, "out of memory");
#if LIBCURL_VERSION_NUM >= 0x075500
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	SET(CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	SET(CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	SET(CURLOPT_FOLLOWLOCATION, 0L);    /* hops are followed by hand */
	SET(CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRECTS);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_USERAGENT, fc->user_agent);
	SET(CURLOPT_ACCEPT_ENCODING, "");
	SET(CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	SET(CURLOPT_CONNECTTIMEOUT, fc->connect_timeout);
	SET(CURLOPT_TIMEOUT, fc->timeout);
	SET(CURLOPT_LOW_SPEED_LIMIT, fc->low_speed_limit);
	SET(CURLOPT_LOW_SPEED_TIME, fc->low_speed_time);
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	if (fc->ca_file)
		SET(CURLOPT_CAINFO, fc->ca_file);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, x);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, x);
	SET(CURLOPT_DEBUGFUNCTION, on_debug);
	SET(CURLOPT_DEBUGDATA, x);
	SET(CURLOPT_VERBOSE, 1L);
	SET(CURLOPT_OPENSOCKETFUNCTION, on_open);
	SET(CURLOPT_OPENSOCKETDATA, x);
#if LIBCURL_VERSION_NUM >= 0x075000
	SET(CURLOPT_PREREQFUNCTION, on_prereq);
	SET(CURLOPT_PREREQDATA, x);
#endif
	if (x->headers)
		SET(CURLOPT_HTTPHEADER, x->headers);
	return fetch_xfer_hop(x, url, err);
fail:
	return rounds_err_set(err, EX_SOFTWARE, "'%s': curl setup failed: %s",
			      url, curl_easy_strerror(cc));
}

int fetch_xfer_hop(struct fetch_xfer *x, const char *url,
		   struct rounds_err *err)
{
	CURL *easy = x->easy;
	CURLcode cc;
	char *hp;

	if (strlen(url) > ROUNDS_MAX_URL)
		return rounds_err_set(err, EX_DATAERR, "URL too long");
	free(x->url);
	x->url = xstrdup(url);
	hp = fetch_url_hostport(url);
	x->hop_trusted = hp && x->trusted && strcmp(hp, x->trusted) == 0;
	free(hp);
	/* through a proxy the addresses are the proxy's: judge the name */
	if (x->proxied && !x->hop_trusted && fetch_url_host_private(url)) {
		x->blocked = true;
		return rounds_err_set(err, EX_DATAERR, "'%.200s' refused: a "
				      "private or loopback address", url);
	}
	clear_headers(x);
	rounds_buf_release(&x->body);
	rounds_buf_init(&x->body, x->max_bytes);
	x->too_big = false;
	x->excess = false;
	x->encoded = false;
	x->blocked = false;
	SET(CURLOPT_URL, url);
	/* wait for a connection that may multiplex only where HTTP/2 can be */
	SET(CURLOPT_PIPEWAIT, (long)(strncasecmp(url, "https:", 6) == 0));
	return 0;
fail:
	return rounds_err_set(err, EX_SOFTWARE, "'%s': curl setup failed: %s",
			      url, curl_easy_strerror(cc));
}

void fetch_xfer_release(struct fetch_xfer *x)
{
	if (x->easy)
		curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->headers);
	clear_headers(x);
	rounds_buf_release(&x->body);
	free(x->url);
	free(x->trusted);
	free(x->moved_to);
	memset(x, 0, sizeof(*x));
}
