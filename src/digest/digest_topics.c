/* digest_topics.c: word rules.  Topics map words, phrases and categories
 * to topic names; include/exclude keep or drop articles.  Matching is
 * case-insensitive (ASCII) and on word boundaries: a term matches where
 * the bytes around it are not letters or digits (bytes of multi-byte UTF-8
 * characters count as letters), optionally followed by a plural "s".
 *
 * The built-in topics below apply when the config has no [topics]
 * section; a [topics] section replaces them as a whole, in file order:
 *   [topics]
 *   EHR = ehr, emr, "electronic health record"
 */
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "digest_int.h"

static const struct {
	const char *name;
	const char *terms;
} builtin[] = {
	{ "EHR", "ehr, emr, \"electronic health record\", "
	  "\"electronic medical record\", epic, cerner, \"oracle health\", "
	  "meditech, athenahealth, \"ehr optimization\"" },
	{ "Interoperability & FHIR", "interoperability, fhir, hl7, tefca, "
	  "\"health information exchange\", hie, \"smart on fhir\", ccda, "
	  "\"c-cda\", uscdi, qhin, \"carequality\", \"commonwell\"" },
	{ "Privacy & Security", "hipaa, privacy, security, cybersecurity, "
	  "breach, ransomware, phishing, \"data breach\", \"zero trust\"" },
	{ "Telehealth", "telehealth, telemedicine, \"virtual care\", "
	  "\"remote patient monitoring\", rpm, \"virtual visit\"" },
	{ "AI", "ai, \"artificial intelligence\", \"machine learning\", llm, "
	  "\"large language model\", \"generative ai\", genai, "
	  "\"ambient scribe\", \"ambient documentation\", "
	  "\"predictive model\"" },
	{ "Policy & Payment", "cms, onc, astp, \"value-based care\", "
	  "\"value based care\", medicare, medicaid, reimbursement, "
	  "\"information blocking\", \"prior authorization\", \"hti-1\", "
	  "\"hti-2\", \"final rule\", \"proposed rule\", aco, mips" },
	{ "Patient engagement", "\"patient engagement\", \"patient portal\", "
	  "\"patient experience\", \"patient access\", \"open notes\", "
	  "opennotes, \"digital front door\"" },
	{ "Analytics & Population health", "analytics, \"population health\", "
	  "\"data warehouse\", dashboard, \"real-world data\", "
	  "\"social determinants\", sdoh" },
	{ "Clinical informatics", "informatics, \"clinical decision support\", "
	  "cds, cdss, \"alert fatigue\", \"order sets\", "
	  "\"nursing informatics\"" },
	{ "Health IT workforce", "cio, cmio, \"health it workforce\", "
	  "burnout, training, staffing" },
};

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static bool is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

/* The length of a punctuation or space character at p that is not
 * ASCII: Latin-1 signs (U+00A0-U+00BF, U+00D7, U+00F7), the General
 * Punctuation block (U+2000-U+206F: dashes, quotes, ellipsis), the
 * Supplemental Punctuation block and CJK punctuation (U+3000-U+3003).
 * 0 when p starts anything else. */
static size_t wide_punct(const unsigned char *p)
{
	unsigned int cp;

	if (p[0] == 0xc2 && p[1] >= 0xa0 && p[1] <= 0xbf)
		return 2;
	if (p[0] == 0xc3 && (p[1] == 0x97 || p[1] == 0xb7))
		return 2;
	if ((p[0] & 0xf0) != 0xe0 || (p[1] & 0xc0) != 0x80 ||
	    (p[2] & 0xc0) != 0x80)
		return 0;
	cp = ((p[0] & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
	if ((cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x2e00 && cp <= 0x2e7f) ||
	    (cp >= 0x3000 && cp <= 0x3003))
		return 3;
	return 0;
}

/* A letter or digit starts at p (multi-byte characters other than the
 * punctuation above count as letters). */
static bool word_at(const char *p)
{
	return is_word((unsigned char)*p) &&
	       wide_punct((const unsigned char *)p) == 0;
}

static char lower(unsigned char c)
{
	return (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}

/* Appends s lower-cased with white space runs made one space. */
static void put_folded(struct rounds_buf *b, const char *s, size_t len)
{
	bool space = false;
	size_t i;
	int rc = 0;

	for (i = 0; i < len && rc == 0; i++) {
		if (is_space((unsigned char)s[i])) {
			space = true;
			continue;
		}
		if (space && b->len > 0 && b->data[b->len - 1] != '\x1f')
			rc = rounds_buf_putc(b, ' ');
		space = false;
		if (rc == 0)
			rc = rounds_buf_putc(b, lower((unsigned char)s[i]));
	}
	(void)rc;       /* no cap: appends cannot fail */
}

char *digest_haystack(const char *const *parts, size_t n)
{
	struct rounds_buf b;
	size_t i;

	rounds_buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		if (parts[i] == NULL)
			continue;
		/* \x1f: neither a word byte nor a space, so no term spans two
		 * parts and each part starts on a boundary. */
		if (rounds_buf_putc(&b, '\x1f') < 0)
			break;
		put_folded(&b, parts[i], strlen(parts[i]));
	}
	return rounds_buf_detach(&b);
}

char *digest_title_key(const char *title)
{
	struct rounds_buf b;
	const unsigned char *p;
	bool gap = false;

	if (title == NULL)
		return NULL;
	rounds_buf_init(&b, 0);
	for (p = (const unsigned char *)title; *p; p++) {
		size_t w = wide_punct(p);

		if (w > 0 || !is_word(*p)) {
			p += w > 0 ? w - 1 : 0;
			gap = true;
			continue;
		}
		if ((gap && b.len > 0 && rounds_buf_putc(&b, ' ') < 0) ||
		    rounds_buf_putc(&b, lower(*p)) < 0)
			return NULL;
		gap = false;
	}
	if (b.len == 0) {
		rounds_buf_release(&b);
		return NULL;
	}
	return rounds_buf_detach(&b);
}

static void add_term(struct digest_terms *t, const char *s, size_t len)
{
	struct rounds_buf b;

	while (len > 0 && is_space((unsigned char)*s)) {
		s++;
		len--;
	}
	rounds_buf_init(&b, 0);
	put_folded(&b, s, len);
	if (b.len == 0) {
		rounds_buf_release(&b);
		return;
	}
	t->v = xrealloc(t->v, (t->n + 1) * sizeof(*t->v));
	t->v[t->n++] = rounds_buf_detach(&b);
}

/* Indexes the terms of lists[0..n) by first byte; a term's group is its
 * list's position. */
static void index_build(struct digest_term_index *ix,
			const struct digest_terms *const *lists, size_t n)
{
	size_t count[256] = { 0 };
	size_t i, j, c, total;

	for (i = 0; i < n; i++)
		for (j = 0; j < lists[i]->n; j++)
			count[(unsigned char)lists[i]->v[j][0]]++;
	ix->start[0] = 0;
	for (c = 0; c < 256; c++)
		ix->start[c + 1] = ix->start[c] + count[c];
	total = ix->start[256];
	ix->v = total > 0 ? xmalloc(total * sizeof(*ix->v)) : NULL;
	ix->n = total;
	memcpy(count, ix->start, sizeof(count));
	for (i = 0; i < n; i++)
		for (j = 0; j < lists[i]->n; j++) {
			const char *s = lists[i]->v[j];
			struct digest_term_ref *r =
				&ix->v[count[(unsigned char)s[0]]++];

			r->s = s;
			r->len = strlen(s);
			r->group = i;
		}
}

/* The terms of list into t; indexed (for digest_terms_match) unless the
 * list is a topic's, whose terms the topics' combined index holds. */
static void terms_parse(const char *list, struct digest_terms *t, bool index)
{
	const struct digest_terms *lists[1];
	const char *p;
	bool quoted = false;
	struct rounds_buf item;

	t->v = NULL;
	t->n = 0;
	memset(&t->ix, 0, sizeof(t->ix));
	if (list == NULL)
		return;
	rounds_buf_init(&item, 0);
	for (p = list;; p++) {
		if (*p == '"') {
			quoted = !quoted;
			continue;
		}
		if (*p == '\0' || (*p == ',' && !quoted)) {
			add_term(t, rounds_buf_str(&item), item.len);
			rounds_buf_reset(&item);
			if (*p == '\0')
				break;
			continue;
		}
		if (rounds_buf_putc(&item, *p) < 0)
			break;
	}
	rounds_buf_release(&item);
	lists[0] = t;
	if (index)
		index_build(&t->ix, lists, 1);
}

void digest_terms_parse(const char *list, struct digest_terms *t)
{
	terms_parse(list, t, true);
}

void digest_terms_release(struct digest_terms *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	free(t->ix.v);
	t->v = NULL;
	t->n = 0;
	memset(&t->ix, 0, sizeof(t->ix));
}

/* One pass over hay: at each place no letter or digit ends before, the
 * terms that begin with its byte are tried; a term matches when no letter
 * or digit follows it (or its plural "s").  Sets hit[group] for each group
 * found and returns how many, stopping once want are found. */
static size_t index_scan(const struct digest_term_index *ix,
			 const char *hay, bool *hit, size_t want)
{
	const unsigned char *p = (const unsigned char *)hay;
	bool word = false;
	size_t found = 0, i, w;

	if (hay == NULL || ix->n == 0)
		return 0;
	while (*p) {
		for (i = ix->start[*p]; !word && i < ix->start[*p + 1]; i++) {
			const struct digest_term_ref *r = &ix->v[i];
			const char *after;

			if (hit[r->group] ||
			    strncmp((const char *)p, r->s, r->len) != 0)
				continue;
			after = (const char *)p + r->len;
			if (*after == 's' && !word_at(after + 1))
				after++;
			if (word_at(after))
				continue;
			hit[r->group] = true;
			if (++found == want)
				return found;
		}
		if (*p < 0x80) {
			word = is_word(*p++);
			continue;
		}
		w = wide_punct(p);
		word = w == 0;
		p += w > 0 ? w : 1;
		while (w == 0 && (*p & 0xc0) == 0x80)
			p++;
	}
	return found;
}

bool digest_terms_match(const struct digest_terms *t, const char *hay)
{
	bool hit = false;

	return index_scan(&t->ix, hay, &hit, 1) > 0;
}

static void add_topic(const char *key, const char *value, void *arg)
{
	struct digest_topics *t = arg;
	struct digest_topic *top;

	t->v = xrealloc(t->v, (t->n + 1) * sizeof(*t->v));
	top = &t->v[t->n++];
	top->name = xstrdup(key);
	terms_parse(value, &top->terms, false);
}

void digest_topics_load(const struct rounds_conf *conf,
			struct digest_topics *t)
{
	const struct digest_terms **lists;
	size_t i;

	t->v = NULL;
	t->n = 0;
	rounds_conf_each(conf, "topics", add_topic, t);
	if (t->n == 0)
		for (i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
			add_topic(builtin[i].name, builtin[i].terms, t);
	lists = xmalloc((t->n + 1) * sizeof(*lists));
	for (i = 0; i < t->n; i++)
		lists[i] = &t->v[i].terms;
	index_build(&t->ix, lists, t->n);
	free(lists);
}

void digest_topics_release(struct digest_topics *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].name);
		digest_terms_release(&t->v[i].terms);
	}
	free(t->v);
	free(t->ix.v);
	t->v = NULL;
	t->n = 0;
	memset(&t->ix, 0, sizeof(t->ix));
}

size_t digest_topics_match(const struct digest_topics *t, const char *hay,
			   size_t *out)
{
	bool few[64] = { false }, *hit = few;
	size_t i, n = 0;

	if (t->n > 64)
		hit = xcalloc(t->n, sizeof(*hit));
	if (index_scan(&t->ix, hay, hit, t->n) > 0)
		for (i = 0; i < t->n; i++)
			if (hit[i])
				out[n++] = i;
	if (hit != few)
		free(hit);
	return n;
}
