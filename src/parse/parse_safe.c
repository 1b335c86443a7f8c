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
 *         in_reply_to ref; a language is also a BCP 47 tag's shape, an
 *         enclosure type a media type's
 *   URL:  feed link self icon image, entry link comments comments_feed,
 *         in_reply_to href, enclosure url, image; PERSON uri (mailto:
 *         too)
 *   HTML: summary and content are the sanitiser's output already.
 * file: URLs stay only when the document was itself read from a file (its
 * base is a file: URL). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/safe.h"
#include "parse_int.h"

static void text_of(char **field, bool markup)
{
	char *v;

	if (*field == NULL)
		return;
	v = rounds_text_safe(*field, strlen(*field), markup);
	free(*field);
	*field = v;
}

static void text(char **field)
{
	text_of(field, false);
}

/* A plain-text field that holds HTML all the same (a name or a category
 * written as a link, "<a href=...>Ann Lee</a>"): its text, markup gone;
 * any other '<' stays a character.  A character reference in it is the
 * character (WordPress writes "O&#8217;Neil" and "Labs &amp; results"
 * inside CDATA), as it is in a title. */
static bool has_char_ref(const char *s)
{
	const char *p;
	size_t k;

	for (p = strchr(s, '&'); p; p = strchr(p + 1, '&')) {
		k = strspn(p + 1, "#xX0123456789abcdefghijklmnopqrstuvwxyz"
			   "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
		if (k > 0 && k < 32 && p[1 + k] == ';')
			return true;
	}
	return false;
}

static void text_or_html(char **field)
{
	char *v = NULL;
	bool markup;

	if (*field == NULL)
		return;
	markup = px_has_html_markup(*field, strlen(*field));
	if (!markup && has_char_ref(*field))
		px_set_html_text(&v, *field, strlen(*field), true,
				 PX_MAYBE_HTML);
	if (v != NULL) {
		free(*field);
		*field = v;
		text(field);
		return;
	}
	text_of(field, markup);
}

static void drop(char **field)
{
	free(*field);
	*field = NULL;
}

/* A language tag, with BCP 47's '-' where a writer put '_' ("en_US", a
 * locale's name), and markup around it removed.  Anything else (a list, a
 * sentence) is no language and goes: subtags of 1 to 8 letters and
 * digits, the first of letters only ("en", "en-US", "zh-Hant-TW", even
 * "English"). */
static void lang(char **field)
{
	size_t run = 0;
	bool first = true;
	char *p;

	text_of(field, true);
	for (p = *field; p && *p; p++) {
		if (*p == '_' || *p == '-') {
			*p = '-';
			if (run == 0)
				break;
			run = 0;
			first = false;
		} else if (((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (!first && *p >= '0' && *p <= '9')) && run < 8) {
			run++;
		} else {
			break;
		}
	}
	if (p != NULL && (*p != '\0' || run == 0))
		drop(field);
}

/* The length of the RFC 9110 token at s (a media type's name, or a
 * parameter's). */
static size_t token(const char *s)
{
	size_t n = 0;

	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
	       (s[n] >= '0' && s[n] <= '9') ||
	       (s[n] != '\0' && strchr("!#$%&'*+-.^_`|~", s[n]) != NULL))
		n++;
	return n;
}

/* An enclosure's media type: "type/subtype", and its parameters when they
 * are plain "; name=value" tokens; other parameters are cut off, and a
 * value that is no media type at all ("mp3", markup) goes. */
static void media_type(char **field)
{
	char *s, *p;
	size_t n;

	text(field);
	if ((s = *field) == NULL)
		return;
	if ((n = token(s)) == 0 || s[n] != '/' || (n = token(s + n + 1)) == 0) {
		drop(field);
		return;
	}
	p = s + strcspn(s, "/") + 1 + n;
	while (*p != '\0') {
		char *q = p + strspn(p, " ");

		if (*q != ';')
			break;
		q += 1 + strspn(q + 1, " ");
		if ((n = token(q)) == 0 || q[n] != '=' || token(q + n + 1) == 0)
			break;
		q += n + 1;
		q += token(q);
		p = q;
	}
	*p = '\0';
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
	text_or_html(&p->name);
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
		text_or_html(&e->categories[i]);
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
		if (r->ref == NULL && r->href == NULL)
			continue;
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
		media_type(&x->type);
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
	text_or_html(&f->generator);
	url(&f->icon, allow);
	url(&f->image, allow);
	text(&f->rights);
	for (i = 0; i < f->n_entries; i++)
		entry(&f->entries[i], allow);
}
