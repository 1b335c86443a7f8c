/* parse_safe.c: the last pass every parsed feed goes through, whatever
 * its format (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed, comment feeds):
 * each field that is not HTML is put through the TEXT or the URL rule of
 * safe.h, so no field leaves the parser (for the JSON or the store) with
 * markup or another scheme, whichever setter filled it.  A value the rule
 * refuses is left out, like an unknown one.
 *
 *   TEXT: feed title subtitle id language generator rights bozo_message,
 *         entry id title, categories, PERSON name and email (an email
 *         with white space, '<', '>' or '"' left is no address and goes),
 *         in_reply_to ref, enclosure type
 *   URL:  feed link self icon image, entry link comments comments_feed,
 *         in_reply_to href, enclosure url, image; PERSON uri (mailto:
 *         too)
 *   HTML: summary and content are the sanitiser's output already.
 * file: URLs stay only when the document was itself read from a file (its
 * base is a file: URL). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/safe.h"
#include "parse_int.h"

static void text(char **field)
{
	char *v;

	if (*field == NULL)
		return;
	v = rounds_text_safe(*field, strlen(*field), false);
	free(*field);
	*field = v;
}

/* A language tag as TEXT, with BCP 47's '-' where a writer put '_'
 * ("en_US", a locale's name). */
static void lang(char **field)
{
	char *p;

	text(field);
	for (p = *field; p && *p; p++)
		if (*p == '_')
			*p = '-';
}

static void url(char **field, unsigned allow)
{
	char *v;

	if (*field == NULL)
		return;
	v = rounds_url_safe(NULL, *field, allow);
	free(*field);
	*field = v;
}

static void person(struct rounds_person *p, unsigned allow)
{
	text(&p->name);
	text(&p->email);
	if (p->email != NULL && p->email[strcspn(p->email, " <>\"")] != '\0') {
		free(p->email);
		p->email = NULL;
	}
	url(&p->uri, allow | ROUNDS_SAFE_MAILTO);
}

static void authors(struct rounds_entry *e, unsigned allow)
{
	size_t i, n = 0;

	for (i = 0; i < e->n_authors; i++) {
		person(&e->authors[i], allow);
		if (rounds_person_empty(&e->authors[i]))
			continue;
		e->authors[n++] = e->authors[i];
	}
	e->n_authors = n;
}

static void categories(struct rounds_entry *e)
{
	size_t i, n = 0;

	for (i = 0; i < e->n_categories; i++) {
		text(&e->categories[i]);
		if (e->categories[i] != NULL)
			e->categories[n++] = e->categories[i];
	}
	e->n_categories = n;
}

static void replies(struct rounds_entry *e, unsigned allow)
{
	size_t i, n = 0;

	for (i = 0; i < e->n_in_reply_to; i++) {
		struct rounds_reply_ref *r = &e->in_reply_to[i];

		text(&r->ref);
		url(&r->href, allow);
		if (r->ref == NULL) {
			free(r->href);
			continue;
		}
		e->in_reply_to[n++] = *r;
	}
	e->n_in_reply_to = n;
}

static void enclosures(struct rounds_entry *e, unsigned allow)
{
	size_t i, n = 0;

	for (i = 0; i < e->n_enclosures; i++) {
		struct rounds_enclosure *x = &e->enclosures[i];

		url(&x->url, allow);
		text(&x->type);
		if (x->url == NULL) {
			free(x->type);
			continue;
		}
		e->enclosures[n++] = *x;
	}
	e->n_enclosures = n;
}

/* "urn:rounds:" and a 64-bit FNV-1a hash of s (caller frees). */
static char *hash_id(const char *s)
{
	char id[40];
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	snprintf(id, sizeof(id), "urn:rounds:%016llx", (unsigned long long)h);
	return xstrdup(id);
}

/* The id is never NULL: one that was the link (the fallback) must not
 * keep a link the URL rule refused, and one with nothing left after the
 * TEXT rule is replaced; either becomes a hash of what it was, stable
 * like the other fallback ids. */
static void entry_id(struct rounds_entry *e, const char *old_link)
{
	char *old = e->id;

	if (old == NULL)
		return;
	if (old_link != NULL && e->link == NULL && strcmp(old, old_link) == 0)
		e->id = NULL;
	else
		e->id = rounds_text_safe(old, strlen(old), false);
	if (e->id == NULL)
		e->id = hash_id(old);
	free(old);
}

static void entry(struct rounds_entry *e, unsigned allow)
{
	char *old_link = e->link ? xstrdup(e->link) : NULL;

	url(&e->link, allow);
	entry_id(e, old_link);
	free(old_link);
	text(&e->title);
	authors(e, allow);
	categories(e);
	url(&e->comments, allow);
	url(&e->comments_feed, allow);
	replies(e, allow);
	enclosures(e, allow);
	url(&e->image, allow);
}

void px_make_safe(struct rounds_feed *f, const char *base)
{
	unsigned allow = base != NULL &&
		rounds_url_is_safe(base, ROUNDS_SAFE_FILE) &&
		!rounds_url_is_safe(base, 0) ? ROUNDS_SAFE_FILE : 0;
	size_t i;

	text(&f->bozo_message);
	text(&f->title);
	text(&f->subtitle);
	url(&f->link, allow);
	url(&f->self, allow);
	text(&f->id);
	lang(&f->language);
	person(&f->author, allow);
	text(&f->generator);
	url(&f->icon, allow);
	url(&f->image, allow);
	text(&f->rights);
	for (i = 0; i < f->n_entries; i++)
		entry(&f->entries[i], allow);
}
