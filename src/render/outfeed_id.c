/* outfeed_id.c: ids an Atom entry may carry.  RFC 4287 4.2.6 wants an
 * absolute IRI; RSS guids and JSON Feed ids may be any text, so an
 * article's own id ("1234", "post 12 <b>", "…") is kept when it is a
 * well-formed absolute URI (and, for tag: and urn:, well-formed as RFC
 * 4151 and RFC 8141 say), else replaced by a stable urn:rounds:entry: id
 * made from its feed and that id. */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include "rounds/buf.h"
#include "rounds/hash.h"
#include "outfeed_int.h"

/* Characters a URI may hold outside its scheme (RFC 3986's unreserved,
 * reserved and '%' of a percent-encoding, without brackets). */
static bool uri_char(unsigned char c)
{
	return isalnum(c) || (c != '\0' &&
			      strchr(";/?:@&=+$,-_.!~*'()#", c) != NULL);
}

/* The text from p on is URI characters, with each '%' followed by two
 * hex digits, and at least one. */
static bool uri_rest(const char *p, bool (*ok)(unsigned char))
{
	if (*p == '\0')
		return false;
	for (; *p; p++) {
		if (*p == '%') {
			if (!isxdigit((unsigned char)p[1]) ||
			    !isxdigit((unsigned char)p[2]))
				return false;
			p += 2;
		} else if (!ok((unsigned char)*p)) {
			return false;
		}
	}
	return true;
}

static bool nss_char(unsigned char c)
{
	return isalnum(c) || (c != '\0' && strchr("()+,-.:=@;$_!*'", c));
}

/* urn:NID:NSS, NID of 2 to 32 letters, digits and '-'. */
static bool urn_ok(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS"
			  "TUVWXYZ0123456789-");

	return n >= 2 && n <= 32 && s[0] != '-' && s[n] == ':' &&
		uri_rest(s + n + 1, nss_char);
}

/* tag:AUTHORITY,YYYY[-MM[-DD]]:SPECIFIC */
static bool tag_ok(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789.-_@");
	const char *d = s + n + 1;
	int digits = 0;

	if (n == 0 || s[n] != ',')
		return false;
	while (isdigit((unsigned char)d[digits]))
		digits++;
	if (digits != 4)
		return false;
	d += 4;
	if (d[0] == '-' && isdigit((unsigned char)d[1]) &&
	    isdigit((unsigned char)d[2]))
		d += 3;
	if (d[0] == '-' && isdigit((unsigned char)d[1]) &&
	    isdigit((unsigned char)d[2]))
		d += 3;
	return *d == ':' && uri_rest(d + 1, uri_char);
}

bool outfeed_iri_ok(const char *s)
{
	size_t n;

	if (s == NULL || !isalpha((unsigned char)s[0]))
		return false;
	n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		   "0123456789+-.");
	if (s[n] != ':')
		return false;
	if (n == 3 && strncasecmp(s, "tag", 3) == 0)
		return tag_ok(s + 4);
	if (n == 3 && strncasecmp(s, "urn", 3) == 0)
		return urn_ok(s + 4);
	if ((n == 4 && strncasecmp(s, "http", 4) == 0) ||
	    (n == 5 && strncasecmp(s, "https", 5) == 0))
		return strncmp(s + n + 1, "//", 2) == 0 && s[n + 3] != '\0' &&
			s[n + 3] != '/' && uri_rest(s + n + 3, uri_char);
	return uri_rest(s + n + 1, uri_char);
}

char *outfeed_entry_id(const char *id, const char *feed)
{
	struct rounds_hash h;
	struct rounds_buf b;
	char hex[ROUNDS_HASH_HEX];

	if (outfeed_iri_ok(id))
		return xstrdup(id);
	rounds_hash_init(&h);
	rounds_hash_str(&h, feed);
	rounds_hash_str(&h, id);
	rounds_hash_hex(&h, hex);
	rounds_buf_init(&b, 0);
	if (rounds_buf_printf(&b, "urn:rounds:entry:%s", hex) < 0)
		return xstrdup("urn:rounds:entry:0");
	return rounds_buf_detach(&b);
}
