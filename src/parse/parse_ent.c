/* parse_ent.c: the internal entities a document declares, expanded without
 * recursion and within caps.
 *
 * Only internal general entities with a literal value are kept; external
 * (SYSTEM, PUBLIC) and parameter entities are refused, never read.  Their
 * replacement texts are worked out in rounds, bottom up: in round r an
 * entity whose references all name entities finished in an earlier round
 * is finished, its references replaced by their texts.  After
 * ROUNDS_MAX_ENTITY_DEPTH rounds what is left is refused: entities that
 * refer to themselves, to each other, or nest too deep.  A text longer than
 * ROUNDS_MAX_ENTITY_REF is refused, and all the references of one document
 * together expand to at most ROUNDS_MAX_ENTITY_ALL bytes (billion laughs,
 * quadratic blow-up).  No step calls itself, so no input can exhaust the
 * stack. */
#include <stdlib.h>
#include <string.h>
#include "rounds/caps.h"
#include "parse_int.h"

enum ent_state { ENT_OPEN, ENT_DONE, ENT_REFUSED };

struct ent {
	char name[PE_ENT_NAME];
	const char *val;        /* the literal value, in the document */
	size_t len;
	char *text;             /* the replacement text once ENT_DONE */
	size_t text_len;
	enum ent_state state;
	unsigned round;         /* the round that finished it */
};

struct pe_ents {
	struct ent e[ROUNDS_MAX_ENTITY_DECLS];
	unsigned n;
	bool settled;           /* every entity declared so far is finished */
	size_t used;            /* bytes expanded so far in this document */
};

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

bool pe_name_start(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		ch == '_' || ch == ':';
}

bool pe_name_char(unsigned char ch)
{
	return pe_name_start(ch) || (ch >= '0' && ch <= '9') || ch == '.' ||
		ch == '-';
}

size_t pe_ref_name(const char *s, size_t n, char *name, size_t cap)
{
	size_t j = 1;

	if (n < 3 || s[0] != '&' || !pe_name_start((unsigned char)s[1]))
		return 0;
	while (j < n && j < cap && pe_name_char((unsigned char)s[j]))
		j++;
	if (j >= n || j >= cap || s[j] != ';')
		return 0;
	memcpy(name, s + 1, j - 1);
	name[j - 1] = '\0';
	return j + 1;
}

static struct ent *find(struct pe_ents *es, const char *name)
{
	unsigned k;

	for (k = 0; es && k < es->n; k++)
		if (strcmp(es->e[k].name, name) == 0)
			return &es->e[k];
	return NULL;
}

/* Reads one declaration at s[i] (i just after "<!ENTITY").  Returns where
 * the scan goes on; *refused when it was not kept. */
static size_t declare(struct pe_ents *es, const char *s, size_t i,
		      size_t end, bool *refused)
{
	char name[PE_ENT_NAME];
	struct ent *e;
	const char *q;
	size_t k;

	while (i < end && is_space(s[i]))
		i++;
	if (i >= end || !pe_name_start((unsigned char)s[i]))
		goto refuse;    /* a parameter entity ('%') or garbage */
	for (k = i; k < end && pe_name_char((unsigned char)s[k]); k++)
		;
	if (k - i >= sizeof(name) || es->n >= ROUNDS_MAX_ENTITY_DECLS)
		goto refuse;
	memcpy(name, s + i, k - i);
	name[k - i] = '\0';
	for (i = k; i < end && is_space(s[i]); i++)
		;
	if (i >= end || (s[i] != '"' && s[i] != '\''))
		goto refuse;    /* SYSTEM or PUBLIC: external, never read */
	q = memchr(s + i + 1, s[i], end - i - 1);
	if (q == NULL)
		goto refuse;
	if (find(es, name) != NULL)
		return (size_t)(q - s) + 1;     /* the first one binds */
	e = &es->e[es->n++];
	memset(e, 0, sizeof(*e));
	memcpy(e->name, name, sizeof(name));
	e->val = s + i + 1;
	e->len = (size_t)(q - e->val);
	es->settled = false;
	return (size_t)(q - s) + 1;
refuse:
	*refused = true;
	return i + 1;
}

bool pe_ents_declare(struct pe_ents **es, const char *s, size_t from,
		     size_t to)
{
	bool refused = false;
	const char *p;

	while (from < to &&
	       (p = memmem(s + from, to - from, "<!ENTITY", 8)) != NULL) {
		if (*es == NULL)
			*es = xcalloc(1, sizeof(**es));
		from = declare(*es, s, (size_t)(p - s) + 8, to, &refused);
	}
	return !refused;
}

/* The size of e's text when every entity it names was finished before
 * round r; ENT_OPEN (*size untouched) while one is not yet, ENT_REFUSED
 * when one was refused or the text is too large. */
static enum ent_state measure(struct pe_ents *es, const struct ent *e,
			      unsigned r, size_t *size)
{
	char name[PE_ENT_NAME];
	const struct ent *d;
	size_t i, k, n = 0;

	for (i = 0; i < e->len; i += k ? k : 1) {
		k = e->val[i] == '&' ? pe_ref_name(e->val + i, e->len - i,
						     name, sizeof(name)) : 0;
		d = k ? find(es, name) : NULL;
		if (d == NULL) {
			n += k ? k : 1;
			continue;
		}
		if (d->state == ENT_REFUSED)
			return ENT_REFUSED;
		if (d->state == ENT_OPEN || d->round >= r)
			return ENT_OPEN;
		n += d->text_len;
		if (n > ROUNDS_MAX_ENTITY_REF)
			return ENT_REFUSED;
	}
	if (n > ROUNDS_MAX_ENTITY_REF)
		return ENT_REFUSED;
	*size = n;
	return ENT_DONE;
}

/* Writes e's text: its value with each reference to a finished entity
 * replaced by that entity's text (size bytes, as measured). */
static void finish(struct pe_ents *es, struct ent *e, size_t size,
		   unsigned r)
{
	char name[PE_ENT_NAME];
	const struct ent *d;
	size_t i, k, n = 0;

	e->text = xmalloc(size + 1);
	for (i = 0; i < e->len; i += k ? k : 1) {
		k = e->val[i] == '&' ? pe_ref_name(e->val + i, e->len - i,
						     name, sizeof(name)) : 0;
		d = k ? find(es, name) : NULL;
		if (d == NULL) {
			memcpy(e->text + n, e->val + i, k ? k : 1);
			n += k ? k : 1;
			continue;
		}
		memcpy(e->text + n, d->text, d->text_len);
		n += d->text_len;
	}
	e->text[n] = '\0';
	e->text_len = n;
	e->state = ENT_DONE;
	e->round = r;
}

/* Finishes what can be finished, round by round; refuses the rest. */
static void settle(struct pe_ents *es)
{
	unsigned r, k;
	size_t size;
	bool moved = true;

	for (r = 0; r < ROUNDS_MAX_ENTITY_DEPTH && moved; r++) {
		moved = false;
		for (k = 0; k < es->n; k++) {
			struct ent *e = &es->e[k];

			if (e->state != ENT_OPEN)
				continue;
			switch (measure(es, e, r, &size)) {
			case ENT_DONE:
				finish(es, e, size, r);
				moved = true;
				break;
			case ENT_REFUSED:
				e->state = ENT_REFUSED;
				moved = true;
				break;
			default:
				break;
			}
		}
	}
	for (k = 0; k < es->n; k++)
		if (es->e[k].state == ENT_OPEN)
			es->e[k].state = ENT_REFUSED;
	es->settled = true;
}

const char *pe_ents_expand(struct pe_ents *es, const char *name,
			   size_t *len, bool *refused)
{
	struct ent *e = find(es, name);

	*len = 0;
	*refused = false;
	if (e == NULL)
		return NULL;
	if (!es->settled)
		settle(es);
	if (e->state != ENT_DONE ||
	    es->used + e->text_len > ROUNDS_MAX_ENTITY_ALL) {
		*refused = true;
		return NULL;
	}
	es->used += e->text_len;
	*len = e->text_len;
	return e->text;
}

void pe_ents_free(struct pe_ents *es)
{
	unsigned k;

	if (es == NULL)
		return;
	for (k = 0; k < es->n; k++)
		free(es->e[k].text);
	free(es);
}
