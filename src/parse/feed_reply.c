/* feed_reply.c: which comment of a comment feed a comment answers: by
 * RFC 4685 thr:in-reply-to, else by the reply marker blog platforms put in
 * comment feeds ("In reply to <a href=".../#comment-N">"). */
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/feed.h"
#include "rounds/reply.h"

static const char *html_of(const struct rounds_entry *c)
{
	return c->content ? c->content : c->summary;
}

char *rounds_feed_reply_anchor(const struct rounds_entry *c)
{
	const char *href, *hash;

	if (c->n_in_reply_to > 0 && c->in_reply_to[0].ref == NULL &&
	    (href = c->in_reply_to[0].href) != NULL) {
		hash = strchr(href, '#');
		return hash && hash[1] ? xstrdup(hash + 1) : NULL;
	}
	return rounds_reply_anchor(html_of(c));
}

char *rounds_feed_comment_parent(const struct rounds_entry *c,
				 const char *entry_guid,
				 const char *entry_link,
				 const struct rounds_entry *sib, size_t n_sib)
{
	const char *ref;
	char *anchor, *parent = NULL;
	size_t i;

	if (c->n_in_reply_to > 0 && c->in_reply_to[0].ref) {
		ref = c->in_reply_to[0].ref;
		if ((entry_guid && strcmp(ref, entry_guid) == 0) ||
		    (entry_link && strcmp(ref, entry_link) == 0) ||
		    (c->id && strcmp(ref, c->id) == 0))
			return NULL;          /* an answer to the article */
		return xstrdup(ref);
	}
	anchor = rounds_feed_reply_anchor(c);
	if (anchor == NULL)
		return NULL;
	for (i = 0; i < n_sib && parent == NULL; i++)
		if (&sib[i] != c && sib[i].id &&
		    !(c->id && strcmp(sib[i].id, c->id) == 0) &&
		    rounds_reply_names(sib[i].id, sib[i].link, anchor))
			parent = xstrdup(sib[i].id);
	free(anchor);
	return parent;
}
