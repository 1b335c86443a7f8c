/* parse_charset.c: which charset a document is in, and the conversion of
 * other charsets to UTF-8 (iconv), for parse_enc.c.  The charset comes
 * from the BOM, else the transport (--charset; not an 8-bit one for a
 * document that is plainly UTF-8), else the XML declaration, else UTF-8,
 * unless the bytes are plainly not UTF-8 and uchardet sees a charset of
 * another script than Latin in them (detected()). */
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uchardet.h>
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
static bool pe_decl_encoding(const char *s, size_t n, char *name, size_t cap)
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

static bool pe_is_utf8_name(const char *e)
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
	/* names feeds and web servers use that iconv spells otherwise */
	static const char *const alias[][2] = {
		{ "mac-roman", "MACINTOSH" }, { "macroman", "MACINTOSH" },
		{ "x-mac-roman", "MACINTOSH" }, { "x-mac", "MACINTOSH" },
		{ "x-mac-cyrillic", "MAC-CYRILLIC" },
		{ "x-mac-ukrainian", "MACUKRAINIAN" },
		{ "x-mac-ce", "MAC-CENTRALEUROPE" },
		{ "x-mac-centraleurroman", "MAC-CENTRALEUROPE" },
		{ "x-sjis", "SJIS" }, { "shift-jis", "SJIS" },
		{ "x-shift-jis", "SJIS" }, { "windows-31j", "CP932" },
		{ "x-euc-jp", "EUC-JP" }, { "x-euc", "EUC-JP" },
		{ "ks_c_5601-1987", "CP949" }, { "ks_c_5601", "CP949" },
		{ "x-windows-949", "CP949" }, { "x-gbk", "GB18030" },
		{ "x-big5", "BIG5" }, { "big5-hkscs", "BIG5-HKSCS" },
		{ "x-cp1250", "CP1250" }, { "x-cp1251", "CP1251" },
		/* Thai: windows-874 holds TIS-620 and adds the quotes and
		 * dashes Windows writes (browsers read all as it) */
		{ "tis-620", "CP874" }, { "tis620", "CP874" },
		{ "iso-8859-11", "CP874" }, { "iso8859-11", "CP874" },
		{ "x-iso-8859-11", "CP874" }, { "dos-874", "CP874" },
		{ "mac-iceland", "MAC-IS" }, { "mac-latin2", "MAC-CENTRALEUROPE" },
		{ "cp_is", "CP861" }, { "csibm861", "CP861" },
		{ "maccentraleurope", "MAC-CENTRALEUROPE" },
		{ "maclatin2", "MAC-CENTRALEUROPE" },
		{ "x-mac-centraleurope", "MAC-CENTRALEUROPE" },
		{ "maciceland", "MAC-IS" }, { "x-mac-icelandic", "MAC-IS" },
		{ "maccyrillic", "MAC-CYRILLIC" }, { "ibm039", "CP037" },
		/* GB18030 holds GB2312 and GBK whole: documents labelled
		 * with those often use its other characters too */
		{ "gb2312", "GB18030" }, { "gb_2312-80", "GB18030" },
		{ "csgb2312", "GB18030" }, { "euc-cn", "GB18030" },
		{ "x-euc-cn", "GB18030" }, { "gbk", "GB18030" },
		{ "cp936", "GB18030" }, { "ms936", "GB18030" },
	};
	size_t i;

	for (i = 0; i < sizeof(latin1) / sizeof(latin1[0]); i++)
		if (strcasecmp(e, latin1[i]) == 0)
			return "WINDOWS-1252";   /* what browsers do */
	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (strcasecmp(e, alias[i][0]) == 0)
			return alias[i][1];
	return e;
}

/* The converter from charset e, known by iconv under its name, or with
 * '-' for its '_' ("windows_1251", "iso_8859_5"). */
static iconv_t open_from(const char *e)
{
	iconv_t cd = pe_iconv_open("UTF-8", iconv_name(e));
	char name[64];
	size_t i;

	if (cd != (iconv_t)-1 || strchr(e, '_') == NULL ||
	    strlen(e) >= sizeof(name))
		return cd;
	for (i = 0; e[i]; i++)
		name[i] = e[i] == '_' ? '-' : e[i];
	name[i] = '\0';
	return pe_iconv_open("UTF-8", iconv_name(name));
}

/* Converts with iconv; undecodable input becomes U+FFFD (counted in
 * *bad when bad is not NULL).  False when the charset is unknown. */
static bool pe_convert_count(const char *in, size_t len, const char *from,
			     size_t unit, struct rounds_buf *out, size_t *bad)
{
	iconv_t cd = open_from(from);
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
		if (bad)
			(*bad)++;
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

static bool pe_convert(const char *in, size_t len, const char *from,
		       size_t unit, struct rounds_buf *out)
{
	return pe_convert_count(in, len, from, unit, out, NULL);
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

/* Where the root element starts in s[from, len), when a feed's root (or,
 * unless feeds_only, what may stand before one) begins within 64 KB;
 * else NO_ROOT. */
#define NO_ROOT ((size_t)-1)
static size_t root_start(const char *s, size_t len, size_t from,
			 bool feeds_only)
{
	static const char *const roots[] = {
		"<rss", "<feed", "<rdf:RDF", "<RDF", "<entry", "<channel",
		"<?xml-stylesheet", "<!DOCTYPE",
	};
	size_t k = feeds_only ? 6 : sizeof(roots) / sizeof(roots[0]);
	size_t end = len - from > 65536 ? from + 65536 : len, i, r, n;
	const char *p, *c;
	char after;

	for (i = from; i < end; i++) {
		if (s[i] != '<')
			continue;
		if (end - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			/* a comment may name a root ("each <item> is a post") */
			c = memmem(s + i + 4, len - i - 4, "-->", 3);
			if (c == NULL)
				break;
			i = (size_t)(c - s) + 2;
			continue;
		}
		for (r = 0; r < k; r++) {
			p = roots[r];
			n = strlen(p);
			if (len - i < n || memcmp(s + i, p, n) != 0)
				continue;
			after = i + n < len ? s[i + n] : '\0';
			if (after == '>' || after == ':' || after == '/' ||
			    is_space(after) || p[1] == '?' || p[1] == '!')
				return i;
		}
	}
	return NO_ROOT;
}

/* How many leading bytes to skip: white space or stray text before the
 * XML declaration (a blank line that a WordPress plug-in printed, a PHP
 * warning), or stray text before the first tag.  libxml2 would stop at
 * them and recover badly. */
static size_t pe_lead_junk(const char *s, size_t len)
{
	const char *d = memmem(s, len < 4096 ? len : 4096, "<?xml", 5);
	const char *lt;
	size_t i = 0;

	/* (a declaration after a feed's root is an XML sample in its text:
	 * a document without a declaration of its own) */
	if (d && d > s && (size_t)(d - s) + 5 < len && is_space(d[5]) &&
	    root_start(s, (size_t)(d - s), 0, true) == NO_ROOT)
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
static bool pe_c1_is_cp1252(const char *enc)
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

/* A byte order mark: the charset it names (and its code unit); a UTF-8
 * one is skipped.  A mark outweighs the declaration and the transport's
 * charset: it is in the bytes themselves. */
static const char *bom(const char **bytes, size_t *len, size_t *unit)
{
	const unsigned char *u = (const unsigned char *)*bytes;

	*unit = 1;
	if (*len >= 4 && memcmp(u, "\x00\x00\xFE\xFF", 4) == 0)
		return *unit = 4, "UTF-32BE";
	if (*len >= 4 && memcmp(u, "\xFF\xFE\x00\x00", 4) == 0)
		return *unit = 4, "UTF-32LE";
	if (*len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		return *unit = 2, "UTF-16BE";
	if (*len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		return *unit = 2, "UTF-16LE";
	if (*len >= 3 && memcmp(u, "\xEF\xBB\xBF", 3) == 0) {
		*bytes += 3;
		*len -= 3;
		return "UTF-8";
	}
	return NULL;
}

/* Skips white space or stray text before the declaration or first tag of
 * an 8-bit document, saying so in *problem. */
static void skip_junk(const char **bytes, size_t *len, char **problem)
{
	size_t junk;

	if (memchr(*bytes, 0, *len < 4 ? *len : 4) != NULL ||
	    (junk = pe_lead_junk(*bytes, *len)) == 0)
		return;
	*problem = xstrdup(memmem(*bytes, *len, "<?xml", 5) == *bytes + junk ?
			   "line 1: text before the XML declaration skipped" :
			   "line 1: text before the first tag skipped");
	*bytes += junk;
	*len -= junk;
}


/* Whether the tag at s[i] is one a PHP notice is written in ("<br />\n
 * <b>Notice</b>: Undefined index ..."). */
static bool notice_tag(const char *s, size_t len, size_t i)
{
	static const char *const tags[] = { "<br", "<b>", "<font" };
	size_t k, n;

	for (k = 0; k < sizeof(tags) / sizeof(tags[0]); k++) {
		n = strlen(tags[k]);
		if (len - i >= n + 1 && strncasecmp(s + i, tags[k], n) == 0 &&
		    (tags[k][n - 1] == '>' || s[i + n] == '>' ||
		     s[i + n] == '/' || is_space(s[i + n])))
			return true;
	}
	return false;
}

/* Text, a PHP notice or a second byte order mark between the XML
 * declaration (or the document's start) and the root element: the whole
 * feed would be lost to it.  Cut out: by moving *bytes when nothing is
 * before it, else into a copy (*copy, the caller's to free). */
static void junk_before_root(const char **bytes, size_t *len, char **copy,
			     char **problem)
{
	const char *s = *bytes, *q;
	size_t decl = 0, i, r;

	if (*len > 5 && memcmp(s, "<?xml", 5) == 0 && is_space(s[5]) &&
	    (q = memmem(s, *len < 1024 ? *len : 1024, "?>", 2)) != NULL)
		decl = (size_t)(q - s) + 2;
	for (i = decl; i < *len && is_space(s[i]); i++)
		;
	if (i == *len || (s[i] == '<' && !notice_tag(s, *len, i)) ||
	    (r = root_start(s, *len, i, false)) == NO_ROOT)
		return;
	if (*problem == NULL)
		*problem = xstrdup(decl ? "text between the XML declaration "
				   "and the root element skipped" :
				   "text before the root element skipped");
	if (decl == 0) {
		*bytes += r;
		*len -= r;
		return;
	}
	*copy = xmalloc(decl + (*len - r) + 1);
	memcpy(*copy, s, decl);
	memcpy(*copy + decl, s + r, *len - r);
	(*copy)[decl + (*len - r)] = '\0';
	*bytes = *copy;
	*len = decl + (*len - r);
}


/* The characters beyond ASCII in s (n bytes) that are UTF-8 sequences
 * (good), and the bytes beyond ASCII that start none (bad). */
static void utf8_counts(const char *s, size_t n, size_t *good, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + n;
	size_t k, i;

	*good = *bad = 0;
	while (p < end) {
		if (*p < 0x80) {
			p++;
			while (end - p >= 8) {  /* ASCII eight at a time */
				uint64_t w;

				memcpy(&w, p, 8);
				if (w & 0x8080808080808080ULL)
					break;
				p += 8;
			}
			continue;
		}
		k = *p >= 0xC2 && *p <= 0xDF ? 1 : *p >= 0xE0 && *p <= 0xEF ?
			2 : *p >= 0xF0 && *p <= 0xF4 ? 3 : 0;
		for (i = 1; k && i <= k; i++)
			if (p + i >= end || (p[i] & 0xC0) != 0x80)
				k = 0;
		if (k) {
			(*good)++;
			p += k + 1;
		} else {
			(*bad)++;
			p++;
		}
	}
}

/* Whether s (n bytes) is UTF-8 beyond ASCII, but for a stray byte of
 * another charset here and there (read as windows-1252 by parse_enc.c):
 * text in another 8-bit charset hardly ever makes even one UTF-8
 * sequence, let alone twice as many as it has bytes that start none. */
static bool utf8_beyond_ascii(const char *s, size_t n)
{
	size_t good, bad;

	utf8_counts(s, n, &good, &bad);
	return good > 0 && (bad == 0 || (good >= 3 && good > 2 * bad));
}

/* Plainly not UTF-8: more bytes beyond ASCII that start no UTF-8
 * sequence than sequences that are UTF-8 (a UTF-8 document with a stray
 * windows-1252 byte or two is read as UTF-8: parse_enc.c). */
static bool not_utf8(const char *s, size_t n)
{
	size_t good, bad;

	utf8_counts(s, n, &good, &bad);
	return bad > good;
}

/* The charset uchardet sees in a document that names none and is
 * plainly not UTF-8 (a Korean, Chinese, Japanese, Russian, Greek or
 * Hebrew feed served without a charset), else NULL.  Taken: the
 * multi-byte charsets of East Asia when no more than one character in a
 * hundred fails to convert from them, and the single-byte charsets of
 * other scripts than Latin when the document has 16 bytes beyond ASCII
 * or more to tell by.  A Latin charset is not taken (uchardet cannot
 * tell them apart on little text): stray bytes are then read as
 * windows-1252 (parse_enc.c). */
static const char *detected(const char *bytes, size_t len)
{
	static const struct {
		const char *seen, *iconv;
		bool multi;
	} known[] = {
		{ "BIG5", "BIG5-HKSCS", true }, { "EUC-JP", "EUC-JP", true },
		{ "EUC-KR", "CP949", true }, { "UHC", "CP949", true },
		{ "EUC-TW", "EUC-TW", true }, { "GB18030", "GB18030", true },
		{ "SHIFT_JIS", "CP932", true },
		{ "WINDOWS-1251", "WINDOWS-1251", false },
		{ "KOI8-R", "KOI8-R", false }, { "IBM866", "IBM866", false },
		{ "ISO-8859-5", "ISO-8859-5", false },
		{ "WINDOWS-1253", "WINDOWS-1253", false },
		{ "ISO-8859-7", "ISO-8859-7", false },
		{ "WINDOWS-1255", "WINDOWS-1255", false },
		{ "ISO-8859-8", "ISO-8859-8", false },
		{ "WINDOWS-1256", "WINDOWS-1256", false },
		{ "TIS-620", "CP874", false },
	};
	struct rounds_buf out;
	const char *name;
	uchardet_t ud;
	size_t i, k = sizeof(known) / sizeof(known[0]), bad = 0, high = 0;

	if (!not_utf8(bytes, len) || (ud = uchardet_new()) == NULL)
		return NULL;
	if (uchardet_handle_data(ud, bytes, len) == 0) {
		uchardet_data_end(ud);
		name = uchardet_get_charset(ud);
		for (k = 0; name && k < sizeof(known) / sizeof(known[0]); k++)
			if (strcasecmp(name, known[k].seen) == 0)
				break;
	}
	uchardet_delete(ud);
	if (k == sizeof(known) / sizeof(known[0]) ||
	    !pe_convert_count(bytes, len, known[k].iconv, 1, &out, &bad))
		return NULL;
	rounds_buf_release(&out);
	for (i = 0; i < len; i++)
		high += (unsigned char)bytes[i] >= 0x80;
	if (known[k].multi ? bad * 100 > high / 2 : bad > 0 || high < 16)
		return NULL;
	return known[k].iconv;
}

/* The transport's charset, unless it is an 8-bit charset other than
 * UTF-8 while the document is UTF-8 beyond ASCII and declares UTF-8 or
 * nothing: servers label feeds with their default charset (ISO-8859-1 is
 * common) whatever the feed's own, and reading such a feed as labelled
 * would garble every character beyond ASCII. */
static const char *transport(const char *bytes, size_t len,
			     const char *charset, bool xml)
{
	char declared[64];

	if (pe_is_utf8_name(charset) || strncasecmp(charset, "utf-", 4) == 0 ||
	    strncasecmp(charset, "ucs-", 4) == 0 ||
	    (xml && pe_decl_encoding(bytes, len, declared, sizeof(declared)) &&
	     !pe_is_utf8_name(declared)) ||
	    !utf8_beyond_ascii(bytes, len))
		return charset;
	return "UTF-8";
}

/* An EBCDIC document ("<?xm" in EBCDIC, XML 1.0 appendix F): the
 * charset its declaration names (read through CP037, which all EBCDIC
 * charsets share for the declaration's characters), into declared (64
 * bytes), else CP037. */
static const char *ebcdic(const char *bytes, size_t len, char *declared)
{
	struct rounds_buf head;
	const char *enc = "CP037";

	if (pe_convert(bytes, len < 256 ? len : 256, "CP037", 1, &head)) {
		if (pe_decl_encoding(head.data, head.len, declared, 64))
			enc = declared;
		rounds_buf_release(&head);
	}
	return enc;
}

/* The charset without a BOM: the transport's (see transport()), else
 * UTF-16 or UTF-32 or EBCDIC by the look of the first bytes (XML 1.0
 * appendix F), else the declaration's (into declared, 64 bytes). */
static const char *named(const char *bytes, size_t len, const char *charset,
			 bool xml, char *declared, size_t *unit)
{
	const char *enc = NULL;

	if (charset && *charset)
		enc = transport(bytes, len, charset, xml);
	else if (len >= 4 && memcmp(bytes, "<\0\0\0", 4) == 0)
		return *unit = 4, "UTF-32LE";
	else if (len >= 4 && memcmp(bytes, "\0\0\0<", 4) == 0)
		return *unit = 4, "UTF-32BE";
	else if (len >= 4 && bytes[0] == '<' && bytes[1] == '\0' &&
		 bytes[2] != '\0' && bytes[3] == '\0')
		return *unit = 2, "UTF-16LE";
	else if (len >= 4 && bytes[0] == '\0' && bytes[1] == '<' &&
		 bytes[2] == '\0' && bytes[3] != '\0')
		return *unit = 2, "UTF-16BE";
	else if (xml && len >= 4 && memcmp(bytes, "\x4C\x6F\xA7\x94", 4) == 0)
		return ebcdic(bytes, len, declared);
	else if (xml && pe_decl_encoding(bytes, len, declared, 64)) {
		enc = declared;
		/* "UTF-16" declared in a document that is plainly 8-bit */
		if (strncasecmp(enc, "utf-16", 6) == 0 ||
		    strncasecmp(enc, "utf-32", 6) == 0 ||
		    strncasecmp(enc, "ucs-", 4) == 0)
			return NULL;
	}
	if (enc && strncasecmp(enc, "utf-16", 6) == 0)
		*unit = 2;
	if (enc && strncasecmp(enc, "utf-32", 6) == 0)
		*unit = 4;
	return enc;
}

/* Converts t's bytes from enc to UTF-8 (a BOM the conversion leaves is
 * skipped); an unknown charset is read as UTF-8, with a word in *problem
 * unless it holds one already. */
static void to_utf8(struct pe_text *t, const char *enc, size_t unit,
		    char **problem)
{
	struct rounds_buf conv, m;

	if (!pe_convert(t->bytes, t->len, enc, unit, &conv)) {
		rounds_buf_init(&m, 200);
		if (*problem == NULL &&
		    rounds_buf_printf(&m, "unknown charset '%.60s' read as "
				      "UTF-8", enc) == 0)
			*problem = rounds_buf_detach(&m);
		rounds_buf_release(&m);
		return;
	}
	t->len = conv.len;
	free(t->owned);         /* a copy made before (junk_before_root) */
	t->owned = rounds_buf_detach(&conv);
	t->bytes = t->owned;
	if (t->len >= 3 && memcmp(t->bytes, "\xEF\xBB\xBF", 3) == 0) {
		t->bytes += 3;
		t->len -= 3;
	}
}

void pe_decode(const char *bytes, size_t len, const char *charset, bool xml,
	       struct pe_text *t, char **problem)
{
	char declared[64], *copy = NULL;
	size_t unit;
	const char *enc = bom(&bytes, &len, &unit);

	if (xml && unit == 1) {
		skip_junk(&bytes, &len, problem);
		junk_before_root(&bytes, &len, &copy, problem);
	}
	if (enc == NULL)
		enc = named(bytes, len, charset, xml, declared, &unit);
	if (enc == NULL && xml && (enc = detected(bytes, len)) != NULL &&
	    *problem == NULL) {
		struct rounds_buf m;

		rounds_buf_init(&m, 80);
		if (rounds_buf_printf(&m, "no charset named, and the bytes are "
				      "not UTF-8: read as %s", enc) == 0)
			*problem = rounds_buf_detach(&m);
		rounds_buf_release(&m);
	}
	/* Declared ISO-8859-1 (or windows-1252) by a document that is UTF-8
	 * beyond ASCII: a PHP site's old template, and its text is UTF-8
	 * (Latin-1 text is hardly ever valid UTF-8 too) */
	if (enc == declared && (charset == NULL || *charset == '\0') &&
	    strcmp(iconv_name(enc), "WINDOWS-1252") == 0 &&
	    utf8_beyond_ascii(bytes, len)) {
		if (*problem == NULL)
			*problem = xstrdup("declared a Latin-1 charset, but "
					   "the bytes are UTF-8: read as UTF-8");
		enc = "UTF-8";
	}
	memset(t, 0, sizeof(*t));
	t->bytes = bytes;
	t->len = len;
	t->owned = copy;
	if (enc && !pe_is_utf8_name(enc))
		to_utf8(t, enc, unit, problem);
	t->c1_cp1252 = pe_c1_is_cp1252(enc);
}
