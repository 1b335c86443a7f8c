/* reply.c: the reply markers blog platforms put in comment feeds ("In
 * reply to <a href=".../#comment-N">") and which comment one names. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

char *rounds_reply_anchor(const char *html)
{
	static const char marker[] = "in reply to";
	const char *p, *v, *frag;
	size_t len, n;

	if (html == NULL)
		return NULL;
	p = first_text(html);
	if (strncasecmp(p, marker, sizeof(marker) - 1) != 0)
		return NULL;
	p += sizeof(marker) - 1;
	while (isspace((unsigned char)*p) || *p == ':')
		p++;
	if (strncasecmp(p, "<a", 2) != 0 || !(isspace((unsigned char)p[2])))
		return NULL;
	if (!tag_href(p, &v, &len))
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
