/* url.h: URL resolution (RFC 3986, through libcurl's URL API) and the
 * checks the fetcher and sanitiser need.
 *
 * References are read the way browsers read them before resolving: white
 * space and control characters around them are stripped, tabs and newlines
 * inside removed, and spaces, non-ASCII bytes, a lone '%' and the
 * characters URI syntax forbids ("<>\"{}|\\^`", a second '#') are
 * percent-encoded.  Existing %XX escapes are kept as written.  Results are
 * normalised as libcurl writes them: scheme lower-cased, dot segments
 * removed, an empty http path written "/".  A result over ROUNDS_MAX_URL
 * bytes is refused. */
#ifndef ROUNDS_URL_H
#define ROUNDS_URL_H

#include <stdbool.h>

/* ref resolved against base (either may be NULL).  Returns a new string
 * (caller frees) or NULL when the result is not an absolute URL. */
char *rounds_url_resolve(const char *base, const char *ref);
/* A base parsed once, for resolving many references against it (the
 * sanitiser does, for every link of a fragment).  rounds_url_base_new
 * never fails; a NULL or non-absolute base resolves only absolute
 * references.  rounds_url_base_resolve(b, ref) gives what
 * rounds_url_resolve(base, ref) gives.  Not shared between threads. */
struct rounds_url_base;                         /* opaque */
struct rounds_url_base *rounds_url_base_new(const char *base);
char *rounds_url_base_resolve(const struct rounds_url_base *b,
			      const char *ref);
void rounds_url_base_free(struct rounds_url_base *b);   /* NULL: no-op */
/* The scheme, lower-cased, compared: true for http: and https:. */
bool rounds_url_is_http(const char *url);
/* A normalised form for deduplication: lower-case scheme and host, no
 * default port, no fragment, no utm_* parameters, no trailing slash.
 * Caller frees; NULL when url is not absolute http(s). */
char *rounds_url_canonical(const char *url);

#endif
