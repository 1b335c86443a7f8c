/* parse_charset.c: which charset a document is in, and the conversion of
 * other charsets to UTF-8 (iconv), for parse_enc.c.  The charset comes
 * from the BOM, else the transport (--charset), else the XML declaration,
 * else UTF-8. */
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "parse_int.h"

static const char fffd[] = "\xEF\xBF\xBD";

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* iconv_open and iconv_close load and unload glibc's conversion modules
 * (dlopen, dlclose); parser threads take turns at that, so that the
 * loader's bookkeeping is ordered for ThreadSanitizer too.  The
 * conversions themselves run in parallel. */
static pthread_mutex_t iconv_lock = PTHREAD_MUTEX_INITIALIZER;

iconv_t pe_iconv_open(const char *to, const char *from)
{
	iconv_t cd;

	(void)pthread_mutex_lock(&iconv_lock);
	cd = iconv_open(to, from);
	(void)pthread_mutex_unlock(&iconv_lock);
	return cd;
}

void pe_iconv_close(iconv_t cd)
{
	(void)pthread_mutex_lock(&iconv_lock);
	(void)iconv_close(cd);
	(void)pthread_mutex_unlock(&iconv_lock);
}

/* Encoding name from the XML declaration, into name (size cap). */
bool pe_decl_encoding(const char *s, size_t n, char *name, size_t cap)
{
	const char *end, *p;
	size_t k = 0;
	char q;

	if (n < 6 || memcmp(s, "<?xml", 5) != 0)
		return false;
	end = memmem(s, n < 512 ? n : 512, "?>", 2);
	if (end == NULL)
		return false;
	p = memmem(s, (size_t)(end - s), "encoding", 8);
	if (p == NULL)
		return false;
	p += 8;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	if (p >= end || *p++ != '=')
		return false;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	if (p >= end || (*p != '"' && *p != '\''))
		return false;
	q = *p++;
	while (p < end && *p != q && k + 1 < cap)
		name[k++] = *p++;
	name[k] = '\0';
	return k > 0;
}

bool pe_is_utf8_name(const char *e)
{
	static const char *const names[] = {
		"utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968",
		"unicode-1-1-utf-8", "x-unicode20utf8",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(e, names[i]) == 0)
			return true;
	return false;
}

static const char *iconv_name(const char *e)
{
	static const char *const latin1[] = {
		"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1",
		"iso_8859-1", "cp819", "ibm819", "windows-1252", "cp1252",
		"x-cp1252",
	};
	size_t i;

	for (i = 0; i < sizeof(latin1) / sizeof(latin1[0]); i++)
		if (strcasecmp(e, latin1[i]) == 0)
			return "WINDOWS-1252";   /* what browsers do */
	return e;
}

/* Converts with iconv; undecodable input becomes U+FFFD.  False when the
 * charset is unknown. */
bool pe_convert(const char *in, size_t len, const char *from,
		    size_t unit, struct rounds_buf *out)
{
	iconv_t cd = pe_iconv_open("UTF-8", iconv_name(from));
	char chunk[4096];
	char *ip = (char *)in;
	size_t il = len;

	if (cd == (iconv_t)-1)
		return false;
	rounds_buf_init(out, 0);
	while (il > 0) {
		char *op = chunk;
		size_t ol = sizeof(chunk);
		size_t r = iconv(cd, &ip, &il, &op, &ol);
		int e = errno;

		if (rounds_buf_append(out, chunk, (size_t)(op - chunk)) < 0)
			abort();
		if (r != (size_t)-1 || e == E2BIG)
			continue;
		if (rounds_buf_append(out, fffd, 3) < 0)
			abort();
		if (e == EINVAL) {
			break;  /* truncated at the end */
		}
		ip += il < unit ? il : unit;
		il -= il < unit ? il : unit;
	}
	pe_iconv_close(cd);
	if (out->data == NULL && rounds_buf_append(out, "", 0) < 0)
		abort();
	return true;
}

int pe_first_byte(const char *bytes, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (; i < len; i++)
		if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r' &&
		    bytes[i] != '\n')
			return (unsigned char)bytes[i];
	return -1;
}

/* How many leading bytes to skip: white space or stray text before the
 * XML declaration (a blank line that a WordPress plug-in printed, a PHP
 * warning), or stray text before the first tag.  libxml2 would stop at
 * them and recover badly. */
size_t pe_lead_junk(const char *s, size_t len)
{
	const char *d = memmem(s, len < 4096 ? len : 4096, "<?xml", 5);
	const char *lt;
	size_t i = 0;

	if (d && d > s && (size_t)(d - s) + 5 < len && is_space(d[5]))
		return (size_t)(d - s);
	while (i < len && is_space(s[i]))
		i++;
	if (i == len || s[i] == '<')
		return 0;
	lt = memchr(s + i, '<', len - i);
	return lt ? (size_t)(lt - s) : 0;
}

/* Single-byte charsets whose bytes 0x80-0x9F feeds mean as windows-1252:
 * the converted text holds them as C1 controls. */
bool pe_c1_is_cp1252(const char *enc)
{
	static const char *const names[] = {
		"iso-8859-9", "iso8859-9", "latin5", "l5", "iso-8859-15",
		"iso8859-15", "latin9", "latin-9", "l9", "iso_8859-15",
		"iso_8859-9",
	};
	size_t i;

	for (i = 0; enc && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(enc, names[i]) == 0)
			return true;
	return false;
}
