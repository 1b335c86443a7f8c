/* url.c: URL resolution (RFC 3986 through libcurl's URL API) and the
 * canonical form used to find the same link twice.
 *
 * Feeds write URLs carelessly: spaces, non-ASCII, stray '%', surrounding
 * white space.  clean() first brings a reference into URI syntax the way a
 * browser would read it (strip surrounding white space and C0 controls,
 * drop tabs and newlines inside, percent-encode what URI syntax does not
 * allow), then libcurl resolves it.  (libxml2 2.9's xmlBuildURI was not
 * used: it decodes "%2F" in a path into "/", changing the URL, and keeps
 * "/./g" and "/../g".) */
#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rounds/buf.h"
#include "rounds/caps.h"
#include "rounds/url.h"

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static bool is_hex(int c)
{
	return (c >= '0' && c <= '9') || (lower(c) >= 'a' && lower(c) <= 'f');
}

static bool is_alpha(int c)
{
	return lower(c) >= 'a' && lower(c) <= 'z';
}

/* Bytes a URI may not hold literally. */
static bool needs_escape(unsigned char c)
{
	return c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' ||
	       c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' ||
	       c == '}';
}

/* Bytes clean() must look at: those needs_escape() names, '#' and '%'. */
static unsigned char look_at[256];
static pthread_once_t look_once = PTHREAD_ONCE_INIT;

static void build_look_at(void)
{
	int c;

	for (c = 0; c < 256; c++)
		look_at[c] = needs_escape((unsigned char)c) || c == '#' ||
			c == '%';
}

/* The reference in URI syntax; NULL when longer than ROUNDS_MAX_URL. */
static char *clean(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, j, o = 0, start = 0, end = strlen(s);
	bool hash = false;
	char *out;

	(void)pthread_once(&look_once, build_look_at);
	while (start < end && (unsigned char)s[start] <= 0x20)
		start++;
	while (end > start && (unsigned char)s[end - 1] <= 0x20)
		end--;
	if (end - start > ROUNDS_MAX_URL)
		return NULL;
	out = xmalloc((end - start) * 3 + 1);
	for (i = start; i < end; i++) {
		unsigned char c;

		for (j = i; j < end && !look_at[(unsigned char)s[j]]; j++)
			;
		memcpy(out + o, s + i, j - i);     /* plain: as it is */
		o += j - i;
		if ((i = j) == end)
			break;
		c = (unsigned char)s[i];
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == '#' && !hash) {
			hash = true;
			out[o++] = (char)c;
		} else if (needs_escape(c) || c == '#' ||
			   (c == '%' && !(is_hex((unsigned char)s[i + 1]) &&
					  is_hex((unsigned char)s[i + 2])))) {
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		} else {
			out[o++] = (char)c;
		}
	}
	out[o] = '\0';
	if (o > ROUNDS_MAX_URL) {
		free(out);
		return NULL;
	}
	return out;
}

/* Length of the scheme of url (without ':'), 0 when it has none. */
static size_t scheme_len(const char *url)
{
	size_t n = 0;

	if (!is_alpha((unsigned char)url[0]))
		return 0;
	while (is_alpha((unsigned char)url[n]) ||
	       (url[n] >= '0' && url[n] <= '9') ||
	       url[n] == '+' || url[n] == '-' || url[n] == '.')
		n++;
	return url[n] == ':' ? n : 0;
}

struct rounds_url_base {
	char *url;              /* the base, cleaned; NULL if none */
	CURLU *h;               /* the base as libcurl parsed it, or NULL */
	char *norm;             /* an http(s) base as libcurl writes it */
	size_t origin;          /* norm[0..origin): scheme://authority */
	size_t dir;             /* norm[0..dir): up to the path's last '/' */
};

static const unsigned curl_flags = CURLU_NON_SUPPORT_SCHEME;

/* Writes libcurl's form of the URL in h; NULL if it has none. */
static char *curl_string(CURLU *h)
{
	char *u = NULL, *res = NULL;

	if (curl_url_get(h, CURLUPART_URL, &u, 0) == CURLUE_OK)
		res = xstrdup(u);
	curl_free(u);
	return res;
}

/* True when libcurl would write url exactly as it is: lower-case http(s)
 * scheme, a plain host[:port], a path, no dot segments.  The common case
 * in feeds, so it is spared a round through the parser. */
static bool plain_http(const char *url)
{
	const char *p;

	if (strncmp(url, "http://", 7) == 0)
		p = url + 7;
	else if (strncmp(url, "https://", 8) == 0)
		p = url + 8;
	else
		return false;
	p += strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789.-");
	if (*p == ':')
		p += 1 + strspn(p + 1, "0123456789");
	if (*p != '/' || p[-1] == ':' || p[-1] == '/')
		return false;
	for (; *p != '\0' && *p != '?' && *p != '#'; p++)
		if (p[0] == '/' && p[1] == '.' &&
		    (p[2] == '/' || p[2] == '\0' || p[2] == '?' ||
		     p[2] == '#' || (p[2] == '.' &&
		      (p[3] == '/' || p[3] == '\0' || p[3] == '?' ||
		       p[3] == '#'))))
			return false;
	return true;
}

/* An absolute reference (clean): normalised when libcurl knows the form
 * ("g:h", "mailto:x" stay as written).  Takes ref. */
static char *absolute(char *ref)
{
	CURLU *h;
	char *res = NULL;

	if (plain_http(ref))
		return ref;
	h = curl_url();
	if (h != NULL && curl_url_set(h, CURLUPART_URL, ref, curl_flags) ==
	    CURLUE_OK)
		res = curl_string(h);
	curl_url_cleanup(h);
	if (res == NULL)
		return ref;
	free(ref);
	return res;
}

/* RFC 3986 section 5.2.2 for the references libcurl reads otherwise: the
 * empty reference is the base, "#frag" is the base with that fragment. */
static char *same_document(const char *base, const char *ref)
{
	struct rounds_buf b;

	rounds_buf_init(&b, 0);
	if (rounds_buf_append(&b, base, strcspn(base, "#")) < 0 ||
	    rounds_buf_puts(&b, ref) < 0)
		return NULL;
	return rounds_buf_detach(&b);
}

/* True when path (up to '?', '#' or its end) has no "." or ".."
 * segment, no ':' in its first segment, and does not start with '?'. */
static bool plain_path(const char *p)
{
	const char *seg = p;

	if (*p == '?' || *p == '#' || *p == '\0')
		return false;
	if (p[strcspn(p, ":/?#")] == ':')
		return false;
	for (;; p++) {
		if (*p == '/' || *p == '?' || *p == '#' || *p == '\0') {
			size_t n = (size_t)(p - seg);

			if ((n == 1 && seg[0] == '.') ||
			    (n == 2 && seg[0] == '.' && seg[1] == '.'))
				return false;
			if (*p != '/')
				return true;
			seg = p + 1;
		}
	}
}

/* The references feeds use most, "/path" and "file.png" with no dot
 * segments, joined to an http(s) base the way RFC 3986 section 5.2.2
 * does (and libcurl would: test_url.c checks that both agree). */
static char *join(const struct rounds_url_base *b, const char *ref)
{
	struct rounds_buf out;
	size_t keep;

	if (b->norm == NULL)
		return NULL;
	if (ref[0] == '/' && ref[1] != '/' && (ref[1] == '\0' ||
					       plain_path(ref + 1)))
		keep = b->origin;
	else if (ref[0] != '/' && ref[0] != '.' && plain_path(ref))
		keep = b->dir;
	else
		return NULL;
	rounds_buf_init(&out, 0);
	if (rounds_buf_append(&out, b->norm, keep) < 0 ||
	    rounds_buf_puts(&out, ref) < 0)
		return NULL;
	return rounds_buf_detach(&out);
}

/* Finds where the origin and the directory of an http(s) base end. */
static void base_parts(struct rounds_url_base *b)
{
	char *n = curl_string(b->h);
	size_t i, path;

	if (n == NULL || !rounds_url_is_http(n)) {
		free(n);
		return;
	}
	path = scheme_len(n) + 3;
	path += strcspn(n + path, "/?#");
	if (n[path] != '/') {
		free(n);
		return;
	}
	b->norm = n;
	b->origin = path;
	b->dir = path + 1;
	for (i = path; n[i] != '\0' && n[i] != '?' && n[i] != '#'; i++)
		if (n[i] == '/')
			b->dir = i + 1;
}

struct rounds_url_base *rounds_url_base_new(const char *base)
{
	struct rounds_url_base *b = xcalloc(1, sizeof(*b));

	if (base == NULL)
		return b;
	b->url = clean(base);
	if (b->url == NULL || scheme_len(b->url) == 0)
		return b;
	b->h = curl_url();
	if (b->h != NULL && curl_url_set(b->h, CURLUPART_URL, b->url,
					 curl_flags) != CURLUE_OK) {
		curl_url_cleanup(b->h);
		b->h = NULL;
	}
	if (b->h != NULL)
		base_parts(b);
	return b;
}

void rounds_url_base_free(struct rounds_url_base *b)
{
	if (b == NULL)
		return;
	curl_url_cleanup(b->h);
	free(b->url);
	free(b->norm);
	free(b);
}

char *rounds_url_base_resolve(const struct rounds_url_base *b,
			      const char *ref)
{
	char *cref, *res = NULL;
	CURLU *h;

	if (ref == NULL || (cref = clean(ref)) == NULL)
		return NULL;
	if (scheme_len(cref) > 0) {
		res = absolute(cref);
		cref = NULL;
	} else if (b != NULL && b->h != NULL) {
		if (cref[0] == '\0' || cref[0] == '#') {
			res = same_document(b->url, cref);
		} else if ((res = join(b, cref)) == NULL) {
			h = curl_url_dup(b->h);
			if (h != NULL && curl_url_set(h, CURLUPART_URL, cref,
						      curl_flags) == CURLUE_OK)
				res = curl_string(h);
			curl_url_cleanup(h);
		}
	}
	free(cref);
	if (res != NULL && strlen(res) > ROUNDS_MAX_URL) {
		free(res);
		res = NULL;
	}
	return res;
}

char *rounds_url_resolve(const char *base, const char *ref)
{
	struct rounds_url_base *b;
	char *res;

	if (ref == NULL)
		return NULL;
	/* an absolute reference needs no base: not parsed for nothing */
	b = rounds_url_base_new(scheme_len(ref) > 0 ? NULL : base);
	res = rounds_url_base_resolve(b, ref);
	rounds_url_base_free(b);
	return res;
}

bool rounds_url_is_http(const char *url)
{
	return url && (strncasecmp(url, "http://", 7) == 0 ||
		       strncasecmp(url, "https://", 8) == 0);
}

/* Appends the query without utm_* parameters; "?" only when one is left. */
static int put_query(struct rounds_buf *b, const char *q, size_t n)
{
	size_t i = 0;
	bool first = true;

	while (i < n) {
		size_t j = i + strcspn(q + i, "&");
		bool utm;

		if (j > n)
			j = n;
		utm = j - i >= 4 && strncasecmp(q + i, "utm_", 4) == 0;
		if (j > i && !utm) {
			if (rounds_buf_putc(b, first ? '?' : '&') < 0 ||
			    rounds_buf_append(b, q + i, j - i) < 0)
				return -1;
			first = false;
		}
		i = j + 1;
	}
	return 0;
}

char *rounds_url_canonical(const char *url)
{
	struct rounds_buf b;
	char *u = rounds_url_resolve(NULL, url);
	const char *p, *auth, *host, *hend, *path, *q, *end;
	size_t slen, i;
	char *res = NULL;

	if (u == NULL || !rounds_url_is_http(u))
		goto out;
	slen = scheme_len(u);
	auth = u + slen + 3;
	end = u + strcspn(u, "#");
	path = auth + strcspn(auth, "/?#");
	if (path == auth)
		goto out;
	host = auth;
	for (p = auth; p < path; p++)
		if (*p == '@')
			host = p + 1;
	p = host[0] == '[' ? memchr(host, ']', (size_t)(path - host)) : NULL;
	if (p == NULL)
		p = host;               /* an IPv6 address ends at ']' */
	hend = memchr(p, ':', (size_t)(path - p));
	if (hend == NULL)
		hend = path;
	rounds_buf_init(&b, 0);
	for (i = 0; i < slen + 3; i++)
		if (rounds_buf_putc(&b, lower((unsigned char)u[i])) < 0)
			goto out;
	if (rounds_buf_append(&b, auth, (size_t)(host - auth)) < 0)
		goto out;
	for (p = host; p < hend; p++)
		if (rounds_buf_putc(&b, lower((unsigned char)*p)) < 0)
			goto out;
	if (hend < path && hend + 1 < path) {
		size_t plen = (size_t)(path - hend - 1);
		bool dflt = (slen == 4 && plen == 2 &&
			     memcmp(hend + 1, "80", 2) == 0) ||
			    (slen == 5 && plen == 3 &&
			     memcmp(hend + 1, "443", 3) == 0);

		if (!dflt && rounds_buf_append(&b, hend, plen + 1) < 0)
			goto out;
	}
	q = path + strcspn(path, "?#");
	p = q;
	while (p > path && p[-1] == '/')
		p--;
	if (rounds_buf_append(&b, path, (size_t)(p - path)) < 0)
		goto out;
	if (*q == '?' && put_query(&b, q + 1, (size_t)(end - q - 1)) < 0)
		goto out;
	res = rounds_buf_detach(&b);
out:
	free(u);
	return res;
}
