/* reply.h: the reply markers of comment feeds.  Pure functions of text. */
#ifndef ROUNDS_REPLY_H
#define ROUNDS_REPLY_H

#include <stdbool.h>

/* The reply marker WordPress writes first in a comment's HTML, "<p>In
 * reply to <a href=".../#comment-N">Name</a>.</p>", or the same in
 * another language ("En réponse à", "Als Antwort auf" ...: a few words
 * and the link, a paragraph of their own): the link's tag, and in *after
 * (when not NULL) what follows the marker; NULL when html starts with
 * none. */
const char *rounds_reply_marker(const char *html, const char **after);
/* The comment a marker names: "comment-N" (caller frees), else NULL. */
char *rounds_reply_anchor(const char *html);
/* True when the comment with this guid and link is the one anchor
 * ("comment-N") names: the link ends with "#comment-N", or the guid holds
 * "#comment-N" not followed by more digits. */
bool rounds_reply_names(const char *guid, const char *link,
			const char *anchor);

#endif
