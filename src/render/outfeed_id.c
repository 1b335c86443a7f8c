/* outfeed_id.c: ids an Atom entry may carry.  RFC 4287 4.2.6 wants an
 * absolute IRI; RSS guids and JSON Feed ids may be any text, so an
 * article's own id ("1234", "post 12 <b>", "…") is kept when it is a
 * well-formed absolute URI (and, for tag: and urn:, well-formed as RFC
 * 4151 and RFC 8141 say), else replaced by a stable urn:rounds:entry: id
 * made from its feed and that id. */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
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

/* ---- the normal form of a URI (RFC 3986 6.2.2, 6.2.3) ------------------- */

static bool unreserved(int c)
{
	return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static int hexval(char c)
{
	return isdigit((unsigned char)c) ? c - '0' :
		tolower((unsigned char)c) - 'a' + 10;
}

/* Appends s[0..n): each percent-escape with upper-case hex digits, or as
 * the character when that is unreserved; with lower, letters outside the
 * escapes lower-cased. */
static void put_pct(struct rounds_buf *b, const char *s, size_t n, bool lower)
{
	size_t i;
	int c, r = 0;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '%' && i + 2 < n && isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			c = hexval(s[i + 1]) * 16 + hexval(s[i + 2]);
			if (unreserved(c))
				r |= rounds_buf_putc(b, lower ? tolower(c) : c);
			else
				r |= rounds_buf_printf(b, "%%%02X", c);
			i += 2;
		} else {
			r |= rounds_buf_putc(b, lower ? tolower(c) : c);
		}
	}
	if (r < 0)
		abort();        /* the buffer has no cap: out of memory */
}

/* Takes the last segment, and the '/' before it, off out. */
static void pop_segment(struct rounds_buf *out)
{
	char *slash = out->len ? strrchr(out->data, '/') : NULL;

	out->len = slash ? (size_t)(slash - out->data) : 0;
	if (out->data)
		out->data[out->len] = '\0';
}

/* RFC 3986 5.2.4: the path p (changed in place) without its "." and ".."
 * segments, appended to out. */
static void remove_dots(struct rounds_buf *out, char *p)
{
	size_t n;

	while (*p) {
		if (strncmp(p, "../", 3) == 0) {
			p += 3;
		} else if (strncmp(p, "./", 2) == 0 ||
			   strncmp(p, "/./", 3) == 0) {
			p += 2;
		} else if (strcmp(p, "/.") == 0) {
			p[1] = '\0';
		} else if (strncmp(p, "/../", 4) == 0) {
			p += 3;
			pop_segment(out);
		} else if (strcmp(p, "/..") == 0) {
			p[1] = '\0';
			pop_segment(out);
		} else if (strcmp(p, ".") == 0 || strcmp(p, "..") == 0) {
			break;
		} else {
			n = 1 + strcspn(p + 1, "/");
			if (rounds_buf_append(out, p, n) < 0)
				abort();
			p += n;
		}
	}
}

/* The default port of the scheme (its n letters), or -1. */
static long default_port(const char *scheme, size_t n)
{
	if (n == 4 && strncasecmp(scheme, "http", 4) == 0)
		return 80;
	if (n == 5 && strncasecmp(scheme, "https", 5) == 0)
		return 443;
	return -1;
}

/* The authority a[0..n) into b: user information as it is, the host
 * lower-case, the port left out when it is empty or the scheme's
 * default (RFC 3986 6.2.2.1, 6.2.3). */
static void put_authority(struct rounds_buf *b, const char *a, size_t n,
			  long dflt)
{
	const char *at = NULL, *host, *colon, *p, *end = a + n;
	long port;

	for (p = a; p < end; p++)
		if (*p == '@')
			at = p;
	host = at ? at + 1 : a;
	put_pct(b, a, (size_t)(host - a), false);
	p = *host == '[' ? memchr(host, ']', (size_t)(end - host)) : host;
	colon = p ? memchr(p, ':', (size_t)(end - p)) : NULL;
	if (colon && strspn(colon + 1, "0123456789") !=
	    (size_t)(end - colon - 1))
		colon = NULL;           /* not a port: keep it as written */
	put_pct(b, host, (size_t)((colon ? colon : end) - host), true);
	if (colon == NULL || colon + 1 == end)
		return;
	port = (end - colon - 1) > 9 ? -2 : strtol(colon + 1, NULL, 10);
	if (port == dflt)
		return;
	if (port == -2)
		put_pct(b, colon, (size_t)(end - colon), false);
	else if (rounds_buf_printf(b, ":%ld", port) < 0)
		abort();
}

char *outfeed_uri_normal(const char *uri)
{
	struct rounds_buf b, path, dots;
	size_t n, a, pl;
	const char *rest;
	char *p;

	if (uri == NULL)
		return NULL;
	n = strspn(uri, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		   "0123456789+-.");
	if (n == 0 || !isalpha((unsigned char)uri[0]) || uri[n] != ':')
		return xstrdup(uri);
	rounds_buf_init(&b, 0);
	put_pct(&b, uri, n + 1, true);
	rest = uri + n + 1;
	if (strncmp(rest, "//", 2) != 0) {      /* tag:, urn:, mailto: ... */
		put_pct(&b, rest, strlen(rest), false);
		return rounds_buf_detach(&b);
	}
	a = strcspn(rest + 2, "/?#");
	if (rounds_buf_puts(&b, "//") < 0)
		abort();
	put_authority(&b, rest + 2, a, default_port(uri, n));
	rest += 2 + a;
	pl = strcspn(rest, "?#");
	rounds_buf_init(&path, 0);
	put_pct(&path, rest, pl, false);
	p = rounds_buf_detach(&path);
	rounds_buf_init(&dots, 0);
	remove_dots(&dots, p);
	if (rounds_buf_puts(&b, dots.len ? rounds_buf_str(&dots) : "/") < 0)
		abort();
	rounds_buf_release(&dots);
	free(p);
	put_pct(&b, rest + pl, strlen(rest + pl), false);
	return rounds_buf_detach(&b);
}
