/* url.c: URL resolution.  (First cut.) */
#include <libxml/uri.h>
#include <string.h>
#include <strings.h>
#include "rounds/buf.h"
#include "rounds/url.h"

char *rounds_url_resolve(const char *base, const char *ref)
{
	xmlChar *u;
	char *s;

	if (ref == NULL)
		return NULL;
	u = xmlBuildURI((const xmlChar *)ref, (const xmlChar *)base);
	if (u == NULL)
		return NULL;
	s = xstrdup((const char *)u);
	xmlFree(u);
	if (strchr(s, ':') == NULL) {
		free(s);
		return NULL;
	}
	return s;
}

bool rounds_url_is_http(const char *url)
{
	return url && (strncasecmp(url, "http://", 7) == 0 ||
		       strncasecmp(url, "https://", 8) == 0);
}

char *rounds_url_canonical(const char *url)
{
	return rounds_url_is_http(url) ? xstrdup(url) : NULL;
}
