/* mail.c: the newsletter.  An RFC 5322 message, MIME multipart/alternative
 * with a text/plain part (template email.txt) and a text/html part
 * (email.html), both UTF-8 and quoted-printable, CRLF line ends; headers
 * from the [mail] section and the model.  Sent with libcurl's SMTP. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <curl/curl.h>
#include "rounds/buf.h"
#include "rounds/clock.h"
#include "rounds/mail.h"
#include "rounds/render.h"

#define MAX_MSG (64u << 20)
#define QP_WIDTH 76

static bool ascii_only(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || *s == '\r' || *s == '\n')
			return false;
	return true;
}

static int b64(struct rounds_buf *b, const unsigned char *p, size_t n)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		"abcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;
	uint32_t v;
	char q[4];

	for (i = 0; i < n; i += 3) {
		v = (uint32_t)p[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		q[0] = tab[(v >> 18) & 63];
		q[1] = tab[(v >> 12) & 63];
		q[2] = i + 1 < n ? tab[(v >> 6) & 63] : '=';
		q[3] = i + 2 < n ? tab[v & 63] : '=';
		if (rounds_buf_append(b, q, 4) < 0)
			return -1;
	}
	return 0;
}

/* Appends text as a header value: as is when plain ASCII, else as RFC 2047
 * encoded words (UTF-8, base64), each at most 75 characters, never
 * splitting a UTF-8 sequence, folded with CRLF SP. */
static int encode_words(struct rounds_buf *b, const char *text)
{
	size_t len = strlen(text), i = 0, n;
	bool first = true;

	if (ascii_only(text))
		return rounds_buf_puts(b, text);
	while (i < len) {
		/* 45 bytes become 60 base64 characters: 72 with the frame. */
		n = len - i > 45 ? 45 : len - i;
		while (n > 0 && i + n < len &&
		       ((unsigned char)text[i + n] & 0xC0) == 0x80)
			n--;
		if (n == 0)
			n = len - i > 45 ? 45 : len - i;
		if ((!first && rounds_buf_puts(b, "\r\n ") < 0) ||
		    rounds_buf_puts(b, "=?UTF-8?B?") < 0 ||
		    b64(b, (const unsigned char *)text + i, n) < 0 ||
		    rounds_buf_puts(b, "?=") < 0)
			return -1;
		first = false;
		i += n;
	}
	return 0;
}

/* An address header: "Name <addr>" with a non-ASCII name encoded. */
static int address(struct rounds_buf *b, const char *value)
{
	const char *lt = strchr(value, '<');
	char *name;
	size_t n;
	int rc;

	if (ascii_only(value) || lt == NULL)
		return rounds_buf_puts(b, value);
	n = (size_t)(lt - value);
	while (n > 0 && value[n - 1] == ' ')
		n--;
	name = xstrndup(value, n);
	rc = encode_words(b, name) < 0 || rounds_buf_putc(b, ' ') < 0 ||
		rounds_buf_puts(b, lt) < 0 ? -1 : 0;
	free(name);
	return rc;
}

/* Quoted-printable (RFC 2045 6.7), lines made CRLF, at most 76 columns. */
static int qp(struct rounds_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0, w;
	unsigned char c;
	char enc[3];
	bool lit;

	for (; *s; s++) {
		c = (unsigned char)*s;
		if (c == '\r' && s[1] == '\n')
			continue;
		if (c == '\n') {
			if (rounds_buf_puts(b, "\r\n") < 0)
				return -1;
			col = 0;
			continue;
		}
		/* Space and tab are literal unless they end a line. */
		lit = (c >= 33 && c <= 126 && c != '=') ||
			((c == ' ' || c == '\t') && s[1] != '\n' &&
			 s[1] != '\r' && s[1] != '\0');
		/* A dot alone at a line start is encoded too (SMTP). */
		if (c == '.' && col == 0)
			lit = false;
		w = lit ? 1 : 3;
		if (col + w > QP_WIDTH - 1) {
			if (rounds_buf_puts(b, "=\r\n") < 0)
				return -1;
			col = 0;
		}
		if (lit) {
			if (rounds_buf_putc(b, c) < 0)
				return -1;
		} else {
			enc[0] = '=';
			enc[1] = hex[c >> 4];
			enc[2] = hex[c & 15];
			if (rounds_buf_append(b, enc, 3) < 0)
				return -1;
		}
		col += w;
	}
	if (col > 0 && rounds_buf_puts(b, "\r\n") < 0)
		return -1;
	return 0;
}

static void rfc5322_date(int64_t t, char out[40])
{
	static const char *const days[] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
	};
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
		"Sep", "Oct", "Nov", "Dec",
	};
	time_t tt = (time_t)t;
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	gmtime_r(&tt, &tm);
	snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d +0000",
		 days[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12],
		 tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* FNV-1a, for a stable boundary and Message-ID. */
static uint64_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

/* The host for the Message-ID: the site URL's, else the From domain. */
static char *msgid_host(json_t *model, const char *from)
{
	const char *url = json_string_value(json_object_get(
		json_object_get(model, "site"), "url"));
	const char *h, *at;
	size_t n;

	if (url && (h = strstr(url, "://")) != NULL) {
		h += 3;
		n = strcspn(h, ":/?#@");
		if (n > 0)
			return xstrndup(h, n);
	}
	if (from && (at = strrchr(from, '@')) != NULL) {
		n = strcspn(at + 1, "> \t");
		if (n > 0)
			return xstrndup(at + 1, n);
	}
	return xstrdup("rounds.invalid");
}

/* The List-Unsubscribe value: each comma-separated URI in <>. */
static int unsub(struct rounds_buf *b, const char *list, bool *http)
{
	const char *p = list;
	size_t n;
	bool first = true;

	*http = false;
	while (*p) {
		while (*p == ' ' || *p == ',' || *p == '<')
			p++;
		n = strcspn(p, ",>");
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n > 0) {
			if (strncmp(p, "https:", 6) == 0)
				*http = true;
			if ((!first && rounds_buf_puts(b, ",\r\n ") < 0) ||
			    rounds_buf_putc(b, '<') < 0 ||
			    rounds_buf_append(b, p, n) < 0 ||
			    rounds_buf_putc(b, '>') < 0)
				return -1;
			first = false;
		}
		p += n;
		while (*p && *p != ',')
			p++;
	}
	return 0;
}

static int headers(struct rounds_buf *b, json_t *model,
		   const struct rounds_conf *conf, const char *boundary)
{
	const char *from = rounds_conf_get(conf, "mail", "from",
					   "rounds <rounds@localhost>");
	const char *to = rounds_conf_get(conf, "mail", "to", NULL);
	const char *lu = rounds_conf_get(conf, "mail", "list_unsubscribe",
					 NULL);
	const char *title = json_string_value(json_object_get(model, "title"));
	const char *week = json_string_value(json_object_get(model, "week"));
	const char *since = json_string_value(json_object_get(model, "since"));
	char date[40], *host = msgid_host(model, from);
	bool http = false;
	int rc = -1;

	rfc5322_date(rounds_clock_now(), date);
	if (rounds_buf_puts(b, "From: ") < 0 || address(b, from) < 0 ||
	    rounds_buf_puts(b, "\r\n") < 0)
		goto out;
	if (to && (rounds_buf_puts(b, "To: ") < 0 || address(b, to) < 0 ||
		   rounds_buf_puts(b, "\r\n") < 0))
		goto out;
	if (rounds_buf_puts(b, "Subject: ") < 0 ||
	    encode_words(b, title ? title : "rounds") < 0 ||
	    rounds_buf_printf(b, "\r\nDate: %s\r\n", date) < 0 ||
	    rounds_buf_printf(b, "Message-ID: <rounds.%s@%s>\r\n",
			      week ? week : since ? since : "digest",
			      host) < 0)
		goto out;
	if (lu && *lu) {
		if (rounds_buf_puts(b, "List-Unsubscribe: ") < 0 ||
		    unsub(b, lu, &http) < 0 ||
		    rounds_buf_puts(b, "\r\n") < 0)
			goto out;
		/* RFC 8058 one-click needs an HTTPS URI to POST to. */
		if (http && rounds_buf_puts(b, "List-Unsubscribe-Post: "
				"List-Unsubscribe=One-Click\r\n") < 0)
			goto out;
	}
	if (rounds_buf_printf(b, "MIME-Version: 1.0\r\n"
			      "Content-Type: multipart/alternative;\r\n"
			      " boundary=\"%s\"\r\n\r\n"
			      "This is a multipart message in MIME format.\r\n",
			      boundary) < 0)
		goto out;
	rc = 0;
out:
	free(host);
	return rc;
}

static int part(struct rounds_buf *b, const char *boundary,
		const char *type, const char *body)
{
	if (rounds_buf_printf(b, "\r\n--%s\r\n"
			      "Content-Type: %s; charset=utf-8\r\n"
			      "Content-Transfer-Encoding: quoted-printable\r\n"
			      "\r\n", boundary, type) < 0)
		return -1;
	return qp(b, body);
}

int rounds_mail_build(json_t *model, const struct rounds_conf *conf,
		      char **out, struct rounds_err *err)
{
	struct rounds_buf b;
	char *text = NULL, *html = NULL, boundary[64], *key = NULL;
	const char *week = json_string_value(json_object_get(model, "week"));
	const char *title = json_string_value(json_object_get(model, "title"));
	struct rounds_buf k;
	int rc = -1;

	rounds_buf_init(&b, MAX_MSG);
	rounds_buf_init(&k, 0);
	if (rounds_render_template("email.txt", model, conf, &text, err) < 0 ||
	    rounds_render_template("email.html", model, conf, &html, err) < 0)
		goto out;
	/* "=_" never occurs in quoted-printable text: a safe boundary. */
	if (rounds_buf_printf(&k, "%s|%s", week ? week : "",
			      title ? title : "") < 0)
		goto oom;
	key = rounds_buf_detach(&k);
	snprintf(boundary, sizeof(boundary), "=_rounds_%016llx",
		 (unsigned long long)fnv(key));
	if (headers(&b, model, conf, boundary) < 0 ||
	    part(&b, boundary, "text/plain", text) < 0 ||
	    part(&b, boundary, "text/html", html) < 0 ||
	    rounds_buf_printf(&b, "\r\n--%s--\r\n", boundary) < 0)
		goto oom;
	*out = rounds_buf_detach(&b);
	rc = 0;
	goto out;
oom:
	rounds_err_set(err, EX_SOFTWARE, "the newsletter is too large");
out:
	rounds_buf_release(&b);
	rounds_buf_release(&k);
	free(key);
	free(text);
	free(html);
	return rc;
}

/* ---- SMTP --------------------------------------------------------------- */

struct upload {
	const char *p;
	size_t left;
};

static size_t read_cb(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nmemb;

	if (n > u->left)
		n = u->left;
	memcpy(dst, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

/* The bare address of "Name <addr>" or "addr", into a new string. */
static char *bare(const char *s)
{
	const char *lt = strchr(s, '<');
	size_t n;

	if (lt) {
		s = lt + 1;
		n = strcspn(s, ">");
	} else {
		while (*s == ' ')
			s++;
		n = strlen(s);
		while (n > 0 && s[n - 1] == ' ')
			n--;
	}
	return xstrndup(s, n);
}

/* Adds each comma-separated address of list to *rcpt. */
static int add_rcpts(struct curl_slist **rcpt, const char *list)
{
	char *copy = xstrdup(list), *save = NULL, *tok, *addr;
	struct curl_slist *n;
	int rc = 0;

	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		addr = bare(tok);
		if (*addr) {
			n = curl_slist_append(*rcpt, addr);
			if (n == NULL)
				rc = -1;
			else
				*rcpt = n;
		}
		free(addr);
	}
	free(copy);
	return rc;
}

const char *rounds_mail_recipients(const struct rounds_conf *conf)
{
	return rounds_conf_get(conf, "mail", "recipients",
			       rounds_conf_get(conf, "mail", "to", NULL));
}

char *rounds_mail_message_id(const char *msg)
{
	const char *p = msg, *v;
	size_t n;

	while (*p && strncmp(p, "\r\n", 2) != 0) {    /* the header block */
		if (strncasecmp(p, "Message-ID:", 11) == 0) {
			v = p + 11 + strspn(p + 11, " \t<");
			n = strcspn(v, ">\r\n");
			return n ? xstrndup(v, n) : NULL;
		}
		p += strcspn(p, "\n");
		if (*p)
			p++;
	}
	return NULL;
}

#define SETOPT(h, o, v) \
	do { if ((cc = curl_easy_setopt((h), (o), (v))) != CURLE_OK) \
		goto curl_fail; } while (0)

int rounds_mail_send(const char *msg, const struct rounds_conf *conf,
		     struct rounds_err *err)
{
	const char *url = rounds_conf_get(conf, "mail", "smtp_url", NULL);
	const char *user = rounds_conf_get(conf, "mail", "user", NULL);
	const char *pass = rounds_conf_get(conf, "mail", "password", NULL);
	const char *tls = rounds_conf_get(conf, "mail", "starttls", "try");
	const char *from = rounds_conf_get(conf, "mail", "mail_from",
		rounds_conf_get(conf, "mail", "from", NULL));
	const char *to = rounds_mail_recipients(conf);
	struct curl_slist *rcpt = NULL;
	struct upload u = { msg, strlen(msg) };
	char errbuf[CURL_ERROR_SIZE] = "", *sender = NULL;
	long usessl;
	CURL *h = NULL;
	CURLcode cc;
	int rc = -1;

	if (url == NULL || *url == '\0')
		return rounds_err_set(err, EX_CONFIG, "no [mail] smtp_url in "
				      "the config; use --dry-run to write the "
				      "message instead");
	if (strncmp(url, "smtp://", 7) != 0 && strncmp(url, "smtps://", 8) != 0)
		return rounds_err_set(err, EX_CONFIG, "[mail] smtp_url '%s': "
				      "not smtp:// or smtps://", url);
	if (from == NULL || to == NULL)
		return rounds_err_set(err, EX_CONFIG, "[mail] needs from (or "
				      "mail_from) and to (or recipients)");
	if (strcmp(tls, "all") == 0 || strcmp(tls, "yes") == 0)
		usessl = CURLUSESSL_ALL;
	else if (strcmp(tls, "none") == 0 || strcmp(tls, "no") == 0)
		usessl = CURLUSESSL_NONE;
	else if (strcmp(tls, "try") == 0)
		usessl = CURLUSESSL_TRY;
	else
		return rounds_err_set(err, EX_CONFIG, "[mail] starttls '%s': "
				      "not try, all or none", tls);
	sender = bare(from);
	if (add_rcpts(&rcpt, to) < 0 || rcpt == NULL) {
		rounds_err_set(err, EX_CONFIG, "[mail] no recipient in '%s'",
			       to);
		goto out;
	}
	if ((h = curl_easy_init()) == NULL) {
		rounds_err_set(err, EX_SOFTWARE, "cannot start libcurl");
		goto out;
	}
	SETOPT(h, CURLOPT_ERRORBUFFER, errbuf);
	SETOPT(h, CURLOPT_URL, url);
	SETOPT(h, CURLOPT_NOSIGNAL, 1L);
	SETOPT(h, CURLOPT_USE_SSL, usessl);
	SETOPT(h, CURLOPT_MAIL_FROM, sender);
	SETOPT(h, CURLOPT_MAIL_RCPT, rcpt);
	SETOPT(h, CURLOPT_READFUNCTION, read_cb);
	SETOPT(h, CURLOPT_READDATA, &u);
	SETOPT(h, CURLOPT_UPLOAD, 1L);
	SETOPT(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)u.left);
	SETOPT(h, CURLOPT_CONNECTTIMEOUT, 30L);
	SETOPT(h, CURLOPT_TIMEOUT, 300L);
	if (user)
		SETOPT(h, CURLOPT_USERNAME, user);
	if (pass)
		SETOPT(h, CURLOPT_PASSWORD, pass);
	if ((cc = curl_easy_perform(h)) != CURLE_OK)
		goto curl_fail;
	rc = 0;
	goto out;
curl_fail:
	rounds_err_set(err, EX_UNAVAILABLE, "send to '%s': %s; the newsletter "
		       "was not sent", url, errbuf[0] ? errbuf :
		       curl_easy_strerror(cc));
out:
	curl_easy_cleanup(h);
	curl_slist_free_all(rcpt);
	free(sender);
	return rc;
}
