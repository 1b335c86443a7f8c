/* mustache_parse.c: a template's source into its vector of nodes (see
 * mustache.c for the whole engine).  Comments and set-delimiter tags
 * leave no node; standalone lines are dropped whole while parsing; a
 * standalone partial keeps the blanks before it as its indentation. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "mustache_int.h"

struct parser {
	const char *src;
	size_t len;
	const char *kind;       /* "template" or "partial" */
	const char *name;       /* for messages */
	struct tree *t;
	char otag[MAX_DELIM + 1], ctag[MAX_DELIM + 1];
	size_t olen, clen;
	size_t open[ROUNDS_MUSTACHE_MAX_NEST];  /* open sections' nodes */
	int depth;
	size_t line_pos;        /* line counting, forward only */
	int line;
	struct rounds_err *err;
};

void mustache_tree_free(struct tree *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->v[i].name);
		free(t->v[i].path);
		free(t->v[i].indent);
	}
	free(t->v);
	free(t->src);
	free(t);
}

static struct node *tree_add(struct tree *t, enum ntype type, int line)
{
	struct node *nd;

	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 32;
		t->v = xrealloc(t->v, t->alloc * sizeof(*t->v));
	}
	nd = &t->v[t->n++];
	memset(nd, 0, sizeof(*nd));
	nd->type = type;
	nd->line = line;
	return nd;
}

/* The line of position pos; positions asked for never go backwards. */
static int line_at(struct parser *p, size_t pos)
{
	for (; p->line_pos < pos && p->line_pos < p->len; p->line_pos++)
		if (p->src[p->line_pos] == '\n')
			p->line++;
	return p->line;
}

static int parse_fail(struct parser *p, int line, const char *what,
		      const char *tag)
{
	return rounds_err_set(p->err, EX_DATAERR, "%s '%s' line %d: %s%s%s%s",
			      p->kind, p->name, line, what,
			      tag ? " '" : "", tag ? tag : "", tag ? "'" : "");
}

/* Finds needle in src[from, len); returns its offset or len when absent. */
static size_t find(const char *src, size_t len, size_t from,
		   const char *needle, size_t nlen)
{
	const char *hit;

	if (from >= len)
		return len;
	hit = memmem(src + from, len - from, needle, nlen);
	return hit ? (size_t)(hit - src) : len;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Trims blanks (and line breaks) around [*s, *s + *n). */
static void trim(const char **s, size_t *n)
{
	while (*n > 0 && (blank(**s) || **s == '\n' || **s == '\r')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && (blank((*s)[*n - 1]) || (*s)[*n - 1] == '\n' ||
			  (*s)[*n - 1] == '\r'))
		(*n)--;
}

static void set_name(struct node *nd, const char *s, size_t n)
{
	size_t i;

	nd->name = xstrndup(s, n);
	if (n == 1 && s[0] == '.') {
		nd->nparts = 0;
		return;
	}
	nd->path = xstrndup(s, n);
	nd->nparts = 1;
	for (i = 0; i < n; i++)
		if (nd->path[i] == '.') {
			nd->path[i] = '\0';
			nd->nparts++;
		}
}

/* {{=<% %>=}}: the text between the '=' signs is two delimiters. */
static int set_delims(struct parser *p, const char *s, size_t n, int line)
{
	size_t a = 0, alen, b, blen;

	trim(&s, &n);
	while (a < n && !blank(s[a]))
		a++;
	alen = a;
	b = a;
	while (b < n && blank(s[b]))
		b++;
	blen = n - b;
	if (alen == 0 || alen > MAX_DELIM || b == alen || blen == 0 ||
	    blen > MAX_DELIM || memchr(s, '=', alen) ||
	    memchr(s + b, '=', blen) || memchr(s + b, ' ', blen) ||
	    memchr(s + b, '\t', blen))
		return parse_fail(p, line, "bad set-delimiter tag", NULL);
	memcpy(p->otag, s, alen);
	p->otag[alen] = '\0';
	p->olen = alen;
	memcpy(p->ctag, s + b, blen);
	p->ctag[blen] = '\0';
	p->clen = blen;
	return 0;
}

/* Handles one tag whose sigil is sig and content [s, s + n). */
static int parse_tag(struct parser *p, char sig, const char *s, size_t n,
		     const char *indent, size_t ilen, int line)
{
	struct node *nd, *top;
	char *name;
	int rc;

	if (sig == '!')
		return 0;
	if (sig == '=')
		return set_delims(p, s, n, line);
	trim(&s, &n);
	if (n == 0)
		return parse_fail(p, line, "empty tag", NULL);
	switch (sig) {
	case '#':
	case '^':
		if (p->depth >= ROUNDS_MUSTACHE_MAX_NEST)
			return parse_fail(p, line, "sections nested too deep",
					  NULL);
		p->open[p->depth++] = p->t->n;
		nd = tree_add(p->t, sig == '#' ? N_SECTION : N_INVERTED, line);
		set_name(nd, s, n);
		return 0;
	case '/':
		name = xstrndup(s, n);
		if (p->depth == 0) {
			rc = parse_fail(p, line, "closing tag with no open "
					"section:", name);
			free(name);
			return rc;
		}
		top = &p->t->v[p->open[p->depth - 1]];
		if (strcmp(top->name, name) != 0) {
			char what[ROUNDS_ERR_MAX];
			struct rounds_buf m;

			rounds_buf_init(&m, sizeof(what));
			if (rounds_buf_printf(&m, "section '%s' from line %d "
					      "closed by", top->name,
					      top->line) < 0)
				rounds_buf_init(&m, 0);
			rc = parse_fail(p, line, rounds_buf_str(&m), name);
			rounds_buf_release(&m);
			free(name);
			return rc;
		}
		free(name);
		top->end = p->t->n;
		p->depth--;
		return 0;
	case '>':
		nd = tree_add(p->t, N_PARTIAL, line);
		set_name(nd, s, n);
		if (ilen > 0)
			nd->indent = xstrndup(indent, ilen);
		return 0;
	default:
		nd = tree_add(p->t, sig == '&' || sig == '{' ? N_RAW : N_VAR,
			      line);
		set_name(nd, s, n);
		return 0;
	}
}

static void add_text(struct parser *p, size_t from, size_t to)
{
	struct node *nd;

	if (to <= from)
		return;
	nd = tree_add(p->t, N_TEXT, 0);
	nd->text = p->src + from;
	nd->len = to - from;
}

/* Is the tag [start, end) alone on its line?  If so, *ls is where its
 * line's blanks start and *next the start of the following line. */
static bool standalone(const struct parser *p, size_t start, size_t end,
		       size_t *ls, size_t *next)
{
	size_t i = start;

	while (i > 0 && blank(p->src[i - 1]))
		i--;
	if (i > 0 && p->src[i - 1] != '\n')
		return false;
	*ls = i;
	i = end;
	while (i < p->len && blank(p->src[i]))
		i++;
	if (i == p->len) {
		*next = i;
		return true;
	}
	if (p->src[i] == '\n') {
		*next = i + 1;
		return true;
	}
	if (p->src[i] == '\r' && i + 1 < p->len && p->src[i + 1] == '\n') {
		*next = i + 2;
		return true;
	}
	return false;
}

static int parse_loop(struct parser *p)
{
	size_t pos = 0, text_start = 0;

	for (;;) {
		size_t open = find(p->src, p->len, pos, p->otag, p->olen);
		size_t body, close, tag_end, ls, next;
		char closer[MAX_DELIM + 2];
		size_t closer_len;
		char sig;
		int line;

		if (open == p->len) {
			add_text(p, text_start, p->len);
			return 0;
		}
		line = line_at(p, open);
		body = open + p->olen;
		sig = body < p->len ? p->src[body] : '\0';
		if (sig && strchr("!#^/>&={", sig))
			body++;
		else
			sig = '\0';
		closer_len = 0;
		if (sig == '{' || sig == '=')
			closer[closer_len++] = sig == '{' ? '}' : '=';
		memcpy(closer + closer_len, p->ctag, p->clen);
		closer_len += p->clen;
		close = find(p->src, p->len, body, closer, closer_len);
		if (close == p->len)
			return parse_fail(p, line, "unclosed tag, no closing",
					  p->ctag);
		tag_end = close + closer_len;
		if (sig && strchr("!#^/>=", sig) &&
		    standalone(p, open, tag_end, &ls, &next)) {
			add_text(p, text_start, ls);
		} else {
			add_text(p, text_start, open);
			ls = open;
			next = tag_end;
		}
		if (parse_tag(p, sig, p->src + body, close - body,
			      p->src + ls, open - ls, line) < 0)
			return -1;
		pos = text_start = next;
	}
}

struct tree *mustache_parse(const char *src, size_t len, const char *kind,
			    const char *name, struct rounds_err *err)
{
	struct parser p;

	memset(&p, 0, sizeof(p));
	p.src = src;
	p.len = len;
	p.kind = kind;
	p.name = name;
	p.err = err;
	p.line = 1;
	p.t = xcalloc(1, sizeof(*p.t));
	memcpy(p.otag, "{{", 3);
	memcpy(p.ctag, "}}", 3);
	p.olen = p.clen = 2;
	if (parse_loop(&p) < 0)
		goto fail;
	if (p.depth > 0) {
		const struct node *top = &p.t->v[p.open[p.depth - 1]];

		parse_fail(&p, top->line, "unclosed section", top->name);
		goto fail;
	}
	return p.t;
fail:
	mustache_tree_free(p.t);
	return NULL;
}
