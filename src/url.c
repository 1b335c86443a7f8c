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

/* The reference in URI syntax; NULL when longer than ROUNDS_MAX_URL. */
static char *clean(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct rounds_buf b;
	size_t i, start = 0, end = strlen(s);
	bool hash = false;

	while (start < end && (unsigned char)s[start] <= 0x20)
		start++;
	while (end > start && (unsigned char)s[end - 1] <= 0x20)
		end--;
	rounds_buf_init(&b, ROUNDS_MAX_URL);
	if (rounds_buf_append(&b, "", 0) < 0)
		return NULL;
	for (i = start; i < end; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[3];
		int rc;

		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == '#' && !hash) {
			hash = true;
			rc = rounds_buf_putc(&b, c);
		} else if (needs_escape(c) || c == '#' ||
			   (c == '%' && !(is_hex((unsigned char)s[i + 1]) &&
					  is_hex((unsigned char)s[i + 2])))) {
			esc[0] = '%';
			esc[1] = hex[c >> 4];
			esc[2] = hex[c & 15];
			rc = rounds_buf_append(&b, esc, 3);
		} else {
			rc = rounds_buf_putc(&b, c);
		}
		if (rc < 0)
			return NULL;
	}
	return rounds_buf_detach(&b);
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

/* ref (clean, absolute or relative) through libcurl's URL parser, against
 * base when given.  Returns curl's normalised URL (scheme lower-cased, dot
 * segments removed, an empty path written "/") or NULL. */
static char *curl_resolve(const char *base, const char *ref)
{
	CURLU *h = curl_url();
	char *u = NULL, *res = NULL;
	const unsigned flags = CURLU_NON_SUPPORT_SCHEME;

	if (h == NULL)
		return NULL;
	if (base != NULL && curl_url_set(h, CURLUPART_URL, base, flags) != CURLUE_OK)
		goto out;
	if (curl_url_set(h, CURLUPART_URL, ref, flags) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_URL, &u, 0) != CURLUE_OK)
		goto out;
	res = xstrdup(u);
out:
	curl_free(u);
	curl_url_cleanup(h);
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

char *rounds_url_resolve(const char *base, const char *ref)
{
	char *cref = NULL, *cbase = NULL, *res = NULL;

	if (ref == NULL)
		goto out;
	cref = clean(ref);
	if (base != NULL)
		cbase = clean(base);
	if (cref == NULL || (base != NULL && cbase == NULL))
		goto out;
	if (scheme_len(cref) > 0) {
		/* Absolute: normalised when libcurl knows the form ("g:h",
		 * "mailto:x" stay as written). */
		res = curl_resolve(NULL, cref);
		if (res == NULL) {
			res = cref;
			cref = NULL;
		}
	} else if (cbase != NULL && scheme_len(cbase) > 0) {
		if (cref[0] == '\0' || cref[0] == '#')
			res = same_document(cbase, cref);
		else
			res = curl_resolve(cbase, cref);
	}
	if (res != NULL && strlen(res) > ROUNDS_MAX_URL) {
		free(res);
		res = NULL;
	}
out:
	free(cref);
	free(cbase);
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
		size_t j = i;

		while (j < n && q[j] != '&')
			j++;
		if (j > i && !(j - i >= 4 && strncasecmp(q + i, "utm_", 4) == 0)) {
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
	hend = host[0] == '[' ? memchr(host, ']', (size_t)(path - host)) : NULL;
	hend = memchr(hend ? hend : host, ':', (size_t)(path - (hend ? hend : host)));
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
