/* outfeed_int.h: what the output feed writers share. */
#ifndef ROUNDS_OUTFEED_INT_H
#define ROUNDS_OUTFEED_INT_H

#include <stdbool.h>

/* Whether s is an absolute URI an Atom id may be: a scheme, then only
 * URI characters; tag: and urn: ids well-formed; http(s) with a host. */
bool outfeed_iri_ok(const char *s);
/* id when it is such a URI, else "urn:rounds:entry:" and a hash of the
 * entry's feed URL (may be NULL) and id (stable across runs).  Caller
 * frees. */
char *outfeed_entry_id(const char *id, const char *feed);
/* The normal form of uri (RFC 3986 6.2.2 and 6.2.3), so that ids can be
 * compared character by character: scheme and host lower-case, every
 * percent-escape's hex upper-case and an unreserved character's escape
 * decoded, "." and ".." segments removed, an empty port or the scheme's
 * default (http 80, https 443) left out, an empty path "/" after an
 * authority.  Text that is no URI comes back as it is.  NULL for NULL;
 * caller frees. */
char *outfeed_uri_normal(const char *uri);
/* html as a feed entry carries it: the attributes the feed validator does
 * not accept in content (audio and video's controls) left out, the rest
 * byte for byte.  NULL for NULL; caller frees. */
char *outfeed_html(const char *html);

#endif
