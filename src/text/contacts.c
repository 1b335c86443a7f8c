/* contacts.c: finding e-mail addresses and phone numbers in text from
 * strangers and masking them (the rules: contacts.h).
 *
 * One pass finds the addresses ('@' or a bracketed "at", then the local
 * part to its left, the domain to its right), a second the numbers (runs
 * of digit groups, classified by their shape and the words around them);
 * the text is then copied with each span replaced.  Every scan is bounded
 * (a local part at most 64 bytes back, a domain 255 forward, a run never
 * read twice), so hostile text costs linear time. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rounds/buf.h"
#include "rounds/contacts.h"

#define MAX_LOCAL   64
#define MAX_DOMAIN  255
#define LOOK_BACK   20          /* bytes before a number searched for words */
#define MAX_GROUPS  16
#define HTML_CTX    24          /* text carried over a tag as context */

struct span {
	size_t start, end;
	const char *mask;
};

struct spans {
	struct span *v;
	size_t n, alloc;
};

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static bool is_alnum(unsigned char c)
{
	return is_digit(c) || is_alpha(c);
}

static void add(struct spans *m, size_t start, size_t end, const char *mask)
{
	if (m->n == m->alloc) {
		m->alloc = m->alloc ? 2 * m->alloc : 8;
		m->v = xrealloc(m->v, m->alloc * sizeof(*m->v));
	}
	m->v[m->n++] = (struct span){ start, end, mask };
}

/* ---- e-mail addresses ---- */

static bool local_char(unsigned char c)
{
	return is_alnum(c) || (c != '\0' && strchr("._%+'-", c) != NULL);
}

/* The length of plain (a character) or of word in brackets ("[at]",
 * "(dot)", "{at}"; spaces allowed inside and around) at s[i]; else 0. */
static size_t sign_at(const char *s, size_t n, size_t i, const char *word,
		      char plain)
{
	size_t k = i, wl = strlen(word);
	char close;

	if (k < n && s[k] == plain)
		return 1;
	if (k < n && s[k] == ' ')
		k++;
	if (k >= n)
		return 0;
	close = s[k] == '[' ? ']' : s[k] == '(' ? ')' : s[k] == '{' ? '}' : 0;
	if (close == 0)
		return 0;
	if (++k < n && s[k] == ' ')
		k++;
	if (k + wl > n || strncasecmp(s + k, word, wl) != 0)
		return 0;
	k += wl;
	if (k < n && s[k] == ' ')
		k++;
	if (k >= n || s[k] != close)
		return 0;
	if (++k < n && s[k] == ' ')
		k++;
	return k - i;
}

/* A top-level domain: letters only, two or more, not a picture's type. */
static bool tld_ok(const char *t, size_t n)
{
	static const char *const pictures[] = {
		"png", "jpg", "jpeg", "gif", "svg", "webp",
	};
	size_t i;

	if (n < 2)
		return false;
	for (i = 0; i < n; i++)
		if (!is_alpha((unsigned char)t[i]))
			return false;
	for (i = 0; i < sizeof(pictures) / sizeof(pictures[0]); i++)
		if (strlen(pictures[i]) == n && strncasecmp(t, pictures[i],
							     n) == 0)
			return false;
	return true;
}

/* The end of an address whose at sign is at s[i] (its start in *start,
 * not before lo); 0 when there is none. */
static size_t email_at(const char *s, size_t n, size_t lo, size_t i,
		       size_t *start)
{
	size_t at = sign_at(s, n, i, "at", '@'), j = i, k, lab, d;
	size_t labels = 0, last = 0, end = 0;

	if (at == 0)
		return 0;
	while (j > lo && i - j < MAX_LOCAL &&
	       local_char((unsigned char)s[j - 1]))
		j--;
	while (j < i && s[j] == '.')
		j++;
	if (j == i)
		return 0;
	for (k = i + at; k - i < MAX_DOMAIN; k += d) {
		lab = k;
		while (k < n && (is_alnum((unsigned char)s[k]) || s[k] == '-'))
			k++;
		if (k == lab)
			break;
		labels++;
		last = lab;
		end = k;
		if ((d = sign_at(s, n, k, "dot", '.')) == 0)
			break;
	}
	while (end > last && s[end - 1] == '-')
		end--;
	if (labels < 2 || !tld_ok(s + last, end - last))
		return 0;
	*start = j;
	return end;
}

static void find_emails(const char *s, size_t from, size_t n,
			struct spans *m)
{
	size_t i, lo = from, start, end;

	for (i = from; i < n; i++) {
		if (s[i] != '@' && s[i] != ' ' && s[i] != '[' && s[i] != '(' &&
		    s[i] != '{')
			continue;
		if ((end = email_at(s, n, lo, i, &start)) == 0)
			continue;
		add(m, start, end, ROUNDS_MASK_EMAIL);
		lo = end;
		i = end - 1;
	}
}

/* ---- phone numbers ---- */

enum { SEP_SPACE = 1, SEP_DASH = 2, SEP_DOT = 4, SEP_SLASH = 8,
	SEP_PAREN = 16 };

struct run {
	size_t start, end;         /* first byte ('+', '(' or a digit), past
				    * the last digit */
	size_t digits, groups;
	size_t len[MAX_GROUPS];    /* the first groups' lengths */
	unsigned sep[MAX_GROUPS];  /* separators before each group */
	unsigned seps;             /* all separators */
	bool plus, paren;
};

static unsigned sep_kind(unsigned char c)
{
	switch (c) {
	case ' ': return SEP_SPACE;
	case '-': return SEP_DASH;
	case '.': return SEP_DOT;
	case '/': return SEP_SLASH;
	case '(': case ')': return SEP_PAREN;
	default: return 0;
	}
}

/* Whether a number may start at s[i]: not glued to a word or a number
 * before it (a no-break space before it is a space). */
static bool run_starts(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i], p;

	if ((c == '+' || c == '(') ? !(i + 1 < n && is_digit(
	    (unsigned char)s[i + 1])) : !is_digit(c))
		return false;
	if (i == 0)
		return true;
	p = (unsigned char)s[i - 1];
	if (p == 0xA0 && i >= 2 && (unsigned char)s[i - 2] == 0xC2)
		return true;
	return !(is_alnum(p) || p >= 0x80 ||
		 strchr("._/-+@#$&%,=", p) != NULL);
}

/* Reads the run of digit groups starting at s[i] into r. */
static void run_read(const char *s, size_t n, size_t i, struct run *r)
{
	size_t k = i, g, m, cnt;
	unsigned before = 0, kinds;

	memset(r, 0, sizeof(*r));
	r->start = i;
	r->plus = s[k] == '+';
	if (s[k] == '+' || s[k] == '(')
		r->paren = s[k++] == '(';
	for (;;) {
		for (g = k; k < n && is_digit((unsigned char)s[k]); k++)
			;
		if (r->groups < MAX_GROUPS) {
			r->len[r->groups] = k - g;
			r->sep[r->groups] = before;
		}
		r->groups++;
		r->digits += k - g;
		r->end = k;
		for (m = k, cnt = 0, kinds = 0; m < n && cnt < 2 &&
		     sep_kind((unsigned char)s[m]); m++, cnt++)
			kinds |= sep_kind((unsigned char)s[m]);
		if (cnt == 0 || m >= n || !(is_digit((unsigned char)s[m]) ||
		    (s[m] == '(' && m + 1 < n &&
		     is_digit((unsigned char)s[m + 1]))))
			break;
		if (s[m] == '(') {
			kinds |= SEP_PAREN;
			m++;
		}
		r->paren |= (kinds & SEP_PAREN) != 0;
		r->seps |= kinds;
		before = kinds;
		k = m;
	}
}

/* Whether word occurs in s[lo..end), starting a word. */
static bool word_in(const char *s, size_t lo, size_t end, const char *word)
{
	size_t wl = strlen(word), i;

	for (i = lo; i + wl <= end; i++)
		if (strncasecmp(s + i, word, wl) == 0 &&
		    (i == 0 || !is_alpha((unsigned char)s[i - 1])))
			return true;
	return false;
}

static bool any_word(const char *s, size_t start, const char *const *w)
{
	size_t lo = start > LOOK_BACK ? start - LOOK_BACK : 0;

	for (; *w; w++)
		if (word_in(s, lo, start, *w))
			return true;
	return false;
}

static const char *const phone_words[] = {
	"phone", "tel", "call", "mobile", "cell", "fax", "sms", "whatsapp",
	"text me", "ring", NULL,
};
static const char *const version_words[] = { "version", "release", NULL };
static const char *const isbn_words[] = { "isbn", NULL };

/* A currency sign or code right before start or right after end. */
static bool money_around(const char *s, size_t n, size_t start, size_t end)
{
	static const char *const signs[] = {
		"$", "\xe2\x82\xac", "\xc2\xa3", "\xc2\xa5", "usd", "eur",
		"gbp", "chf", "dollars", "euros", "pounds", NULL,
	};
	const char *const *w;
	size_t b = start, a = end, wl;

	while (b > 0 && s[b - 1] == ' ')
		b--;
	while (a < n && s[a] == ' ')
		a++;
	for (w = signs; *w; w++) {
		wl = strlen(*w);
		if ((b >= wl && strncasecmp(s + b - wl, *w, wl) == 0) ||
		    (a + wl <= n && strncasecmp(s + a, *w, wl) == 0 &&
		     (a + wl == n || !is_alpha((unsigned char)s[a + wl]))))
			return true;
	}
	return false;
}

/* Glued to what follows: a letter, '%', '@', '_', or ':' or ',' and a
 * digit (a time, a decimal part). */
static bool glued_after(const char *s, size_t n, size_t end)
{
	unsigned char a;

	if (end >= n)
		return false;
	a = (unsigned char)s[end];
	if (is_alpha(a) || a == '%' || a == '@' || a == '_')
		return true;
	return (a == ':' || a == ',') && end + 1 < n &&
		is_digit((unsigned char)s[end + 1]);
}

static bool one_kind(unsigned k, unsigned allowed)
{
	return k != 0 && (k & (k - 1)) == 0 && (k & allowed) != 0;
}

static bool date_shape(const struct run *r, const char *s)
{
	const size_t *l = r->len;
	const unsigned dsep = SEP_DASH | SEP_DOT | SEP_SLASH;

	if (r->groups == 2 && l[0] == 4 && l[1] == 4 &&
	    one_kind(r->sep[1], SEP_DASH | SEP_SLASH))
		return (s[r->start] == '1' || s[r->start] == '2');
	if (r->groups < 3 || !one_kind(r->sep[1], dsep) ||
	    r->sep[2] != r->sep[1])
		return false;
	return (l[0] == 4 && l[1] <= 2 && l[2] <= 2) ||
		(l[0] <= 2 && l[1] <= 2 && l[2] == 4);
}

/* Versions, section numbers and IPv4 addresses. */
static bool dotted_shape(const struct run *r)
{
	size_t g, n = r->groups < MAX_GROUPS ? r->groups : MAX_GROUPS;
	bool short3 = r->groups == 4;

	if (r->seps != SEP_DOT || r->plus)
		return false;
	for (g = 0; g < n; g++) {
		if (r->len[g] == 1)
			return true;
		short3 &= r->len[g] <= 3;
	}
	return short3;
}

/* 1 234 567 or 12.500.000: thousands, not a number to call. */
static bool thousands(const struct run *r, const char *s)
{
	size_t g, n = r->groups < MAX_GROUPS ? r->groups : MAX_GROUPS;

	if (r->plus || r->paren || r->groups < 2 || r->groups > MAX_GROUPS ||
	    r->len[0] > 3 || s[r->start] == '0' ||
	    !one_kind(r->seps, SEP_SPACE | SEP_DOT))
		return false;
	for (g = 1; g < n; g++)
		if (r->len[g] != 3)
			return false;
	return true;
}

static bool is_phone(const char *s, size_t n, const struct run *r)
{
	const char *d = s + r->start + (r->plus || r->paren);

	if (r->digits < 7 || r->digits > 15 || glued_after(s, n, r->end))
		return false;
	if (any_word(s, r->start, isbn_words) || (!r->plus &&
	    r->digits == 13 && (strncmp(d, "978", 3) == 0 ||
				strncmp(d, "979", 3) == 0)))
		return false;
	if (date_shape(r, s) || dotted_shape(r) ||
	    any_word(s, r->start, version_words))
		return false;
	if (any_word(s, r->start, phone_words))
		return true;
	if (money_around(s, n, r->start, r->end) || thousands(r, s))
		return false;
	if (r->groups == 1 && !r->plus && !(d[0] == '0' && r->digits >= 9))
		return false;
	return !((r->seps & SEP_DOT) && r->digits < 9);
}

static void find_phones(const char *s, size_t from, size_t n,
			const struct spans *emails, struct spans *m)
{
	size_t i = from, e = 0;
	struct run r;

	while (i < n) {
		while (e < emails->n && emails->v[e].end <= i)
			e++;
		if (e < emails->n && emails->v[e].start <= i) {
			i = emails->v[e].end;
			continue;
		}
		if (!run_starts(s, n, i)) {
			i++;
			continue;
		}
		run_read(s, n, i, &r);
		if ((e >= emails->n || r.end <= emails->v[e].start) &&
		    is_phone(s, n, &r))
			add(m, r.start, r.end, ROUNDS_MASK_PHONE);
		i = r.end;
	}
}

/* ---- masking ---- */

static int span_cmp(const void *x, const void *y)
{
	const struct span *a = x, *b = y;

	return a->start < b->start ? -1 : a->start > b->start;
}

/* Appends s[from..n) to out, contact details masked; s[0..from) is
 * context only (words before a number). */
static int mask_into(struct rounds_buf *out, const char *s, size_t from,
		     size_t n)
{
	struct spans em = { 0 }, all = { 0 };
	size_t i, at = from;
	int rc = 0;

	find_emails(s, from, n, &em);
	find_phones(s, from, n, &em, &all);
	for (i = 0; i < em.n; i++)
		add(&all, em.v[i].start, em.v[i].end, em.v[i].mask);
	if (all.n > 1)
		qsort(all.v, all.n, sizeof(*all.v), span_cmp);
	for (i = 0; i < all.n && rc == 0; i++) {
		if (all.v[i].start < at)
			continue;
		rc = rounds_buf_append(out, s + at, all.v[i].start - at);
		if (rc == 0)
			rc = rounds_buf_puts(out, all.v[i].mask);
		at = all.v[i].end;
	}
	if (rc == 0)
		rc = rounds_buf_append(out, s + at, n - at);
	free(em.v);
	free(all.v);
	return rc;
}

char *rounds_contacts_mask(const char *text, size_t len)
{
	struct rounds_buf out;

	if (text == NULL)
		return NULL;
	rounds_buf_init(&out, 0);          /* no cap: it cannot fail */
	if (mask_into(&out, text, 0, len) < 0)
		return NULL;
	return rounds_buf_detach(&out);
}

/* ---- sanitised HTML ---- */

struct html_mask {
	struct rounds_buf out;
	struct rounds_buf ctx;      /* the last text, for words before */
	bool in_mailto;             /* inside a dropped mailto: link */
	int rc;
};

static void put(struct html_mask *h, const char *p, size_t n)
{
	if (h->rc == 0)
		h->rc = rounds_buf_append(&h->out, p, n);
}

/* Text between tags, masked with the text before as context. */
static void html_text(struct html_mask *h, const char *p, size_t n)
{
	struct rounds_buf t;
	size_t keep = h->ctx.len > HTML_CTX ? HTML_CTX : h->ctx.len;


	rounds_buf_init(&t, 0);
	/* A tag parts words: the context ends in a space. */
	if (h->rc == 0 && keep > 0)
		h->rc = rounds_buf_append(&t, h->ctx.data + h->ctx.len - keep,
					  keep);
	if (h->rc == 0 && keep > 0)
		h->rc = rounds_buf_putc(&t, ' ');
	if (h->rc == 0)
		h->rc = rounds_buf_append(&t, p, n);
	if (h->rc == 0)
		h->rc = mask_into(&h->out, t.data, t.len - n, t.len);
	rounds_buf_release(&h->ctx);
	h->ctx = t;
}

/* A tag, with title and alt values masked. */
static void html_tag(struct html_mask *h, const char *p, size_t n)
{
	static const char *const names[] = { " title=\"", " alt=\"" };
	const char *v, *q;
	size_t i, k;

	for (i = 0; i < n; i = (size_t)(q - p)) {
		v = NULL;
		for (k = 0; k < 2; k++) {
			const char *f = memmem(p + i, n - i, names[k],
					       strlen(names[k]));

			if (f && (v == NULL || f < v))
				v = f + strlen(names[k]);
		}
		q = v ? memchr(v, '"', n - (size_t)(v - p)) : NULL;
		if (q == NULL) {
			put(h, p + i, n - i);
			return;
		}
		put(h, p + i, (size_t)(v - p) - i);
		if (h->rc == 0)
			h->rc = mask_into(&h->out, v, 0, (size_t)(q - v));
	}
}

static bool mailto_link(const char *p, size_t n)
{
	static const char a[] = "<a ", href[] = " href=\"mailto:";
	const char *f;

	if (n < sizeof(a) - 1 || strncmp(p, a, sizeof(a) - 1) != 0)
		return false;
	f = memmem(p, n, " href=\"", 7);
	return f && (size_t)(p + n - f) >= sizeof(href) - 1 &&
		strncasecmp(f, href, sizeof(href) - 1) == 0;
}

char *rounds_contacts_mask_html(const char *html, size_t len)
{
	struct html_mask h = { .rc = 0 };
	const char *p = html, *end = html + len, *q;

	if (html == NULL)
		return NULL;
	rounds_buf_init(&h.out, 0);
	rounds_buf_init(&h.ctx, 0);
	while (p < end && h.rc == 0) {
		if (*p != '<') {
			q = memchr(p, '<', (size_t)(end - p));
			q = q ? q : end;
			html_text(&h, p, (size_t)(q - p));
		} else {
			q = memchr(p, '>', (size_t)(end - p));
			q = q ? q + 1 : end;
			if (mailto_link(p, (size_t)(q - p)))
				h.in_mailto = true;
			else if (h.in_mailto && (size_t)(q - p) == 4 &&
				 strncmp(p, "</a>", 4) == 0)
				h.in_mailto = false;
			else
				html_tag(&h, p, (size_t)(q - p));
		}
		p = q;
	}
	rounds_buf_release(&h.ctx);
	if (h.rc < 0) {
		rounds_buf_release(&h.out);
		return NULL;
	}
	return rounds_buf_detach(&h.out);
}
