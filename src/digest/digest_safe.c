/* digest_safe.c: the model's last pass.  What the store holds is read as
 * untrusted (a row written before the parser's rules, or by another
 * program), so every value from it goes through the rules of safe.h again
 * before a template sees it, keyed by the model's names (INTERFACE.md):
 *   TEXT  id title excerpt context name email tags[]   (an email that is
 *         no address goes)
 *   URL   link comments_link; uri (mailto: too); feed, the address
 *         subscribed to (file: too: that is how it was read)
 *   HTML  content html: sanitised again (rounds_html_sanitize()), and
 *         links get the site's rel="nofollow noopener"
 * A value a rule refuses is left out.  The site block (from rounds.conf)
 * and the editor's notes (note, editor_note) are the site's own words
 * and are left as they are. */
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/html.h"
#include "rounds/safe.h"
#include "digest_int.h"

enum rule { R_NONE, R_TEXT, R_URL, R_URI, R_FEED, R_HTML, R_SKIP };

static enum rule rule_of(const char *key)
{
	static const struct { const char *key; enum rule r; } rules[] = {
		{ "id", R_TEXT }, { "title", R_TEXT }, { "excerpt", R_TEXT },
		{ "context", R_TEXT }, { "name", R_TEXT }, { "email", R_TEXT },
		{ "tags", R_TEXT }, { "link", R_URL }, { "feed", R_FEED },
		{ "comments_link", R_URL }, { "uri", R_URI },
		{ "content", R_HTML }, { "html", R_HTML }, { "site", R_SKIP },
		{ "note", R_SKIP }, { "editor_note", R_SKIP },
	};
	size_t i;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (key[0] == rules[i].key[0] && strcmp(key, rules[i].key) == 0)
			return rules[i].r;
	return R_NONE;
}

/* The value s becomes under rule r (NULL: left out; caller frees). */
static char *apply(enum rule r, const char *key, const char *s)
{
	char *v = NULL, *h;

	switch (r) {
	case R_TEXT:
		v = rounds_text_safe(s, strlen(s), false);
		if (v != NULL && strcmp(key, "email") == 0 &&
		    v[strcspn(v, " <>\"")] != '\0') {
			free(v);
			v = NULL;
		}
		break;
	case R_URL:
	case R_URI:
	case R_FEED:
		v = rounds_url_safe(NULL, s, r == R_URI ? ROUNDS_SAFE_MAILTO :
				    r == R_FEED ? ROUNDS_SAFE_FILE : 0);
		break;
	case R_HTML:
		h = rounds_html_sanitize(s, strlen(s), NULL);
		v = rounds_html_nofollow(h);
		free(h);
		break;
	default:
		v = xstrdup(s);
	}
	return v;
}

static void walk(json_t *j, enum rule r, const char *key);

static void walk_object(json_t *o)
{
	const char *key;
	json_t *v;
	void *tmp;

	json_object_foreach_safe(o, tmp, key, v) {
		enum rule r = rule_of(key);
		char *s;

		if (r == R_SKIP)
			continue;
		if (!json_is_string(v)) {
			walk(v, r, key);
			continue;
		}
		if (r == R_NONE) {      /* no rule: it stays unless empty */
			if (json_string_length(v) == 0)
				json_object_del(o, key);
			continue;
		}
		s = apply(r, key, json_string_value(v));
		if (s == NULL || *s == '\0')
			json_object_del(o, key);
		else if (strcmp(s, json_string_value(v)) != 0)
			json_object_set_new(o, key, json_string(s));
		free(s);
	}
}

/* Strings in an array take the rule of the array's key (tags). */
static void walk_array(json_t *a, enum rule r, const char *key)
{
	size_t i = 0;
	char *s;

	while (i < json_array_size(a)) {
		json_t *v = json_array_get(a, i);

		if (!json_is_string(v) || (r == R_NONE &&
					    json_string_length(v) > 0)) {
			walk(v, R_NONE, key);
			i++;
			continue;
		}
		s = apply(r, key, json_string_value(v));
		if (s == NULL || *s == '\0') {
			json_array_remove(a, i);
		} else {
			if (strcmp(s, json_string_value(v)) != 0)
				json_array_set_new(a, i, json_string(s));
			i++;
		}
		free(s);
	}
}

static void walk(json_t *j, enum rule r, const char *key)
{
	if (json_is_object(j))
		walk_object(j);
	else if (json_is_array(j))
		walk_array(j, r, key);
}

void digest_model_safe(json_t *model)
{
	walk(model, R_NONE, "");
}

void rounds_digest_safe(json_t *model)
{
	digest_model_safe(model);
}
