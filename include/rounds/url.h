/* url.h: URL resolution (RFC 3986, through libxml2's xmlBuildURI or
 * libcurl's URL API) and the checks the fetcher and sanitiser need. */
#ifndef ROUNDS_URL_H
#define ROUNDS_URL_H

#include <stdbool.h>

/* ref resolved against base (either may be NULL).  Returns a new string
 * (caller frees) or NULL when the result is not an absolute URL. */
char *rounds_url_resolve(const char *base, const char *ref);
/* The scheme, lower-cased, compared: true for http: and https:. */
bool rounds_url_is_http(const char *url);
/* A normalised form for deduplication: lower-case scheme and host, no
 * default port, no fragment, no utm_* parameters, no trailing slash.
 * Caller frees; NULL when url is not absolute http(s). */
char *rounds_url_canonical(const char *url);

#endif
