/* feed.h: the one normalised model every format becomes and the store takes.
 * Field names are the keys of `rounds parse` JSON (INTERFACE.md).
 * A NULL string / has_x == false means "unknown" and is left out of output.
 * A feed owns its entries and all their strings; rounds_feed_free() frees
 * the whole tree.  A comment feed is parsed into the same model: each entry
 * is one comment (in_reply_to names its parent). */
#ifndef ROUNDS_FEED_H
#define ROUNDS_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum rounds_format {
	ROUNDS_FMT_UNKNOWN = 0,
	ROUNDS_FMT_RSS090,
	ROUNDS_FMT_RSS091,
	ROUNDS_FMT_RSS092,
	ROUNDS_FMT_RSS20,
	ROUNDS_FMT_RSS10,
	ROUNDS_FMT_ATOM03,
	ROUNDS_FMT_ATOM10,
	ROUNDS_FMT_JSONFEED,
};

struct rounds_person {
	char *name;        /* TEXT */
	char *email;
	char *uri;         /* URL */
};

struct rounds_reply_ref {      /* RFC 4685 thr:in-reply-to */
	char *ref;         /* the parent's id */
	char *href;        /* URL, may be NULL */
};

struct rounds_enclosure {
	char *url;
	char *type;
	int64_t length;
	bool has_length;
};

struct rounds_entry {
	char *id;                  /* never NULL after parsing (urn:rounds: fallback) */
	char *title;               /* TEXT */
	char *link;                /* URL */
	int64_t published;         /* Unix seconds, UTC */
	bool has_published;
	int64_t updated;
	bool has_updated;
	struct rounds_person *authors;
	size_t n_authors;
	char **categories;
	size_t n_categories;
	char *summary;             /* sanitised HTML */
	char *content;             /* sanitised HTML */
	char *comments;            /* URL of the page holding the thread */
	char *comments_feed;       /* URL: wfw:commentRss / link rel=replies */
	int64_t comment_count;     /* slash:comments / thr:total */
	bool has_comment_count;
	struct rounds_reply_ref *in_reply_to;
	size_t n_in_reply_to;
	struct rounds_enclosure *enclosures;
	size_t n_enclosures;
	char *image;               /* URL of the entry's picture */
};

struct rounds_feed {
	enum rounds_format format;
	bool bozo;                 /* not well-formed; recovered */
	char *bozo_message;
	char *title;               /* TEXT */
	char *subtitle;            /* TEXT */
	char *link;                /* URL of the site */
	char *self;                /* URL of the feed itself */
	char *id;
	char *language;
	int64_t updated;
	bool has_updated;
	struct rounds_person author;   /* all NULL = unknown */
	char *generator;
	char *icon;
	char *image;
	char *rights;              /* TEXT */
	int64_t min_interval;      /* seconds between fetches the feed asks for
				      (ttl, sy:updatePeriod); 0 = unknown */
	struct rounds_entry *entries;
	size_t n_entries;
	size_t alloc_entries;
};

struct rounds_feed *rounds_feed_new(void);
void rounds_feed_free(struct rounds_feed *feed);            /* NULL: no-op */
/* Appends a zeroed entry and returns it (valid until the next add). */
struct rounds_entry *rounds_feed_add_entry(struct rounds_feed *feed);
void rounds_entry_release(struct rounds_entry *e);
void rounds_person_release(struct rounds_person *p);
bool rounds_person_empty(const struct rounds_person *p);
/* "rss20", "atom10", ... ; NULL for UNKNOWN. */
const char *rounds_format_name(enum rounds_format f);

/* The anchor ("comment-N") that names the comment c answers: the fragment
 * of its first thr:in-reply-to when that gives an href and no ref, else
 * the platform's reply marker (rounds_reply_anchor) at the start of its
 * HTML.  NULL: none (caller frees). */
char *rounds_feed_reply_anchor(const struct rounds_entry *c);
/* The parent of comment c (an entry of a comment feed) of the article
 * whose id is entry_guid and link entry_link: its first thr:in-reply-to
 * ref unless that names the article itself; else the anchor of
 * rounds_feed_reply_anchor(), matched against the link ("...#comment-N")
 * or guid (containing "#comment-N") of a sibling in sib[0..n_sib).
 * Returns the parent's guid (caller frees), or NULL: top level or parent
 * not found. */
char *rounds_feed_comment_parent(const struct rounds_entry *c,
				 const char *entry_guid,
				 const char *entry_link,
				 const struct rounds_entry *sib, size_t n_sib);

#endif
