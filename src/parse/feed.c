/* feed.c: the normalised feed model's lifecycle. */
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/feed.h"

struct rounds_feed *rounds_feed_new(void)
{
	return xcalloc(1, sizeof(struct rounds_feed));
}

void rounds_person_release(struct rounds_person *p)
{
	free(p->name);
	free(p->email);
	free(p->uri);
	memset(p, 0, sizeof(*p));
}

bool rounds_person_empty(const struct rounds_person *p)
{
	return p->name == NULL && p->email == NULL && p->uri == NULL;
}

void rounds_entry_release(struct rounds_entry *e)
{
	size_t i;

	free(e->id);
	free(e->title);
	free(e->link);
	for (i = 0; i < e->n_authors; i++)
		rounds_person_release(&e->authors[i]);
	free(e->authors);
	for (i = 0; i < e->n_categories; i++)
		free(e->categories[i]);
	free(e->categories);
	free(e->summary);
	free(e->content);
	free(e->comments);
	free(e->comments_feed);
	for (i = 0; i < e->n_in_reply_to; i++) {
		free(e->in_reply_to[i].ref);
		free(e->in_reply_to[i].href);
	}
	free(e->in_reply_to);
	for (i = 0; i < e->n_enclosures; i++) {
		free(e->enclosures[i].url);
		free(e->enclosures[i].type);
	}
	free(e->enclosures);
	free(e->image);
	memset(e, 0, sizeof(*e));
}

void rounds_feed_free(struct rounds_feed *feed)
{
	size_t i;

	if (feed == NULL)
		return;
	for (i = 0; i < feed->n_entries; i++)
		rounds_entry_release(&feed->entries[i]);
	free(feed->entries);
	free(feed->bozo_message);
	free(feed->title);
	free(feed->subtitle);
	free(feed->link);
	free(feed->self);
	free(feed->id);
	free(feed->language);
	rounds_person_release(&feed->author);
	free(feed->generator);
	free(feed->icon);
	free(feed->image);
	free(feed->rights);
	free(feed);
}

struct rounds_entry *rounds_feed_add_entry(struct rounds_feed *feed)
{
	struct rounds_entry *e;

	if (feed->n_entries == feed->alloc_entries) {
		feed->alloc_entries = feed->alloc_entries ? feed->alloc_entries * 2 : 16;
		feed->entries = xrealloc(feed->entries,
			feed->alloc_entries * sizeof(*feed->entries));
	}
	e = &feed->entries[feed->n_entries++];
	memset(e, 0, sizeof(*e));
	return e;
}

const char *rounds_format_name(enum rounds_format f)
{
	static const char *const names[] = {
		[ROUNDS_FMT_RSS090] = "rss090", [ROUNDS_FMT_RSS091] = "rss091",
		[ROUNDS_FMT_RSS092] = "rss092", [ROUNDS_FMT_RSS20] = "rss20",
		[ROUNDS_FMT_RSS10] = "rss10",   [ROUNDS_FMT_ATOM03] = "atom03",
		[ROUNDS_FMT_ATOM10] = "atom10", [ROUNDS_FMT_JSONFEED] = "jsonfeed",
	};

	if ((unsigned)f >= sizeof(names) / sizeof(names[0]))
		return NULL;
	return names[f];
}
