/* reply.c: the reply markers blog platforms put in comment feeds ("In
 * reply to <a href=".../#comment-N">") and which comment one names. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdbool.h>
#include "rounds/buf.h"
#include "rounds/reply.h"

/* Skips white space and markup (e.g. a leading <p>) up to the first text. */
static const char *first_text(const char *p)
{
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (*p != '<')
			return p;
		p = strchr(p, '>');
		if (p == NULL)
			return "";
		p++;
	}
}

/* The value of the href attribute in the tag starting at tag (up to '>'):
 * start and length, or false. */
static bool tag_href(const char *tag, const char **v, size_t *len)
{
	const char *end = strchr(tag, '>'), *p = tag;
	char q;

	if (end == NULL)
		return false;
	while ((p = strstr(p, "href")) != NULL && p < end) {
		p += 4;
		while (isspace((unsigned char)*p))
			p++;
		if (*p != '=')
			continue;
		p++;
		while (isspace((unsigned char)*p))
			p++;
		q = *p;
		if (q != '"' && q != '\'')
			continue;
		*v = ++p;
		p = strchr(p, q);
		if (p == NULL || p > end)
			return false;
		*len = (size_t)(p - *v);
		return true;
	}
	return false;
}

/* A few words (letters in any script, apostrophes, at most 48 bytes) and
 * white space at p, then a link: that link's tag, else NULL.  The words
 * of WordPress's marker in a language other than English ("En réponse
 * à", "Als Antwort auf", "En respuesta a"). */
static const char *words_then_link(const char *p)
{
	const char *s = p;

	while (s - p < 48 && (isalpha((unsigned char)*s) ||
			      (unsigned char)*s >= 0x80 || *s == '\'' ||
			      *s == ' ' || *s == ':'))
		s++;
	if (s == p || s[-1] != ' ' || strncasecmp(s, "<a", 2) != 0 ||
	    !isspace((unsigned char)s[2]))
		return NULL;
	return s;
}

const char *rounds_reply_marker(const char *html, const char **after)
{
	static const char marker[] = "in reply to";
	const char *p, *a, *end;
	bool english;

	if (html == NULL)
		return NULL;
	p = first_text(html);
	english = strncasecmp(p, marker, sizeof(marker) - 1) == 0;
	if (english) {
		p += sizeof(marker) - 1;
		while (isspace((unsigned char)*p) || *p == ':')
			p++;
		a = strncasecmp(p, "<a", 2) == 0 &&
			isspace((unsigned char)p[2]) ? p : NULL;
	} else {
		a = words_then_link(p);
	}
	if (a == NULL || (end = strcasestr(a, "</a>")) == NULL ||
	    end - a > 1000)
		return NULL;
	end += 4;
	if (*end == '.')
		end++;
	/* another language's words: only as a paragraph of their own,
	 * "<p>... <a ...>Name</a>.</p>", so that a comment that opens by
	 * naming another ("Agree with <a ...>Paul</a> on this") stays whole */
	if (!english) {
		const char *q = end;

		while (isspace((unsigned char)*q))
			q++;
		if (end[-1] != '.' || (*q != '\0' && strncasecmp(q, "</p>", 4) != 0 &&
				       strncasecmp(q, "<br", 3) != 0))
			return NULL;
	}
	if (after != NULL)
		*after = end;
	return a;
}

char *rounds_reply_anchor(const char *html)
{
	const char *p, *v, *frag;
	size_t len, n;

	p = rounds_reply_marker(html, NULL);
	if (p == NULL || !tag_href(p, &v, &len))
		return NULL;
	frag = memchr(v, '#', len);
	if (frag == NULL)
		return NULL;
	frag++;
	len -= (size_t)(frag - v);
	if (len <= 8 || strncmp(frag, "comment-", 8) != 0)
		return NULL;
	for (n = 8; n < len; n++)
		if (!isdigit((unsigned char)frag[n]))
			return NULL;
	return xstrndup(frag, len);
}

/* True when url ends with "#" anchor. */
static bool link_has_anchor(const char *url, const char *anchor)
{
	size_t ul, al = strlen(anchor);

	if (url == NULL)
		return false;
	ul = strlen(url);
	return ul > al && url[ul - al - 1] == '#' &&
	       strcmp(url + ul - al, anchor) == 0;
}

/* True when guid contains "#" anchor, not followed by more digits. */
static bool guid_has_anchor(const char *guid, const char *anchor)
{
	size_t al = strlen(anchor);
	const char *p = guid;

	while (p && (p = strchr(p, '#')) != NULL) {
		p++;
		if (strncmp(p, anchor, al) == 0 &&
		    !isdigit((unsigned char)p[al]))
			return true;
	}
	return false;
}

bool rounds_reply_names(const char *guid, const char *link,
			const char *anchor)
{
	return link_has_anchor(link, anchor) || guid_has_anchor(guid, anchor);
}
