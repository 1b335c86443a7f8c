/* reply.h: the reply markers of comment feeds.  Pure functions of text. */
#ifndef ROUNDS_REPLY_H
#define ROUNDS_REPLY_H

#include <stdbool.h>

/* The reply marker of a comment's HTML: returns "comment-N" (caller frees)
 * when html starts with an "In reply to" link to #comment-N, else NULL. */
char *rounds_reply_anchor(const char *html);
/* True when the comment with this guid and link is the one anchor
 * ("comment-N") names: the link ends with "#comment-N", or the guid holds
 * "#comment-N" not followed by more digits. */
bool rounds_reply_names(const char *guid, const char *link,
			const char *anchor);

#endif
