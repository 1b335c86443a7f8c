/* mustache.c: the template engine.
 *
 * A template is first parsed into a flat vector of nodes (text, variable,
 * section, inverted section, partial); a section node knows the index one
 * past its last child, so rendering walks ranges of the vector.  Comments
 * and set-delimiter tags leave no node.  Standalone lines (a section,
 * comment, partial or delimiter tag alone on its line, with only blanks
 * around it) are dropped whole while parsing; a standalone partial keeps
 * the blanks before it as its indentation.  Partials are parsed when first
 * used, with default delimiters, and kept for the rest of the render. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/mustache.h"

#define MAX_DELIM       15      /* bytes in one delimiter */
#define MAX_RECURSION   1000    /* sections and partials in one render */

enum ntype { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL };

struct node {
	enum ntype type;
	int line;               /* where the tag is, for messages */
	const char *text;       /* N_TEXT: a slice of the source */
	size_t len;
	char *name;             /* the tag's name as written (owned) */
	char *path;             /* name split at dots: "a\0b\0" (owned) */
	int nparts;             /* parts in path; 0 for "." */
	char *indent;           /* N_PARTIAL when standalone (owned) */
	size_t end;             /* sections: one past the last child */
};

struct tree {
	char *src;              /* the source, when the tree owns it */
	struct node *v;
	size_t n, alloc;
};

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

static void tree_free(struct tree *t)
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

/* Parses src (which the tree does not own). */
static struct tree *parse(const char *src, size_t len, const char *kind,
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
	tree_free(p.t);
	return NULL;
}

/* Rendering. */

struct cached {
	char *name, *indent;    /* indent "" when none */
	struct tree *t;         /* NULL: no such partial */
};

struct render {
	const struct rounds_mustache_opts *o;
	struct rounds_buf out;
	json_t **stack;
	size_t depth, alloc;
	struct cached *cache;
	size_t ncache, acache;
	size_t *iter;           /* array sections open now: index, size */
	size_t niter, aiter;
	int partials;           /* partials open now */
	int recursion;
	unsigned long steps;    /* nodes visited so far */
	unsigned long max_steps;
	struct rounds_err *err;
};

static int render_range(struct render *r, const struct tree *t, size_t from,
			size_t to);

static const char *tname(const struct render *r)
{
	return r->o->name ? r->o->name : "(string)";
}

static bool truthy(const json_t *v)
{
	if (v == NULL || json_is_null(v) || json_is_false(v))
		return false;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	return true;
}

/* One step down: an object's key, or an array's element by number. */
static json_t *step(json_t *v, const char *part)
{
	char *end;
	unsigned long k;

	if (json_is_object(v))
		return json_object_get(v, part);
	if (json_is_array(v) && *part >= '0' && *part <= '9') {
		k = strtoul(part, &end, 10);
		return *end == '\0' ? json_array_get(v, k) : NULL;
	}
	return NULL;
}

static json_t *lookup(const struct render *r, const struct node *nd)
{
	const char *part = nd->path;
	json_t *v = NULL;
	size_t i;
	int k;

	if (nd->nparts == 0)
		return r->depth ? r->stack[r->depth - 1] : NULL;
	if (part[0] == '@' && nd->nparts == 1) {
		const size_t *it = r->niter ? &r->iter[2 * (r->niter - 1)] :
				   NULL;

		if (it && strcmp(part, "@first") == 0)
			return it[0] == 0 ? json_true() : json_false();
		if (it && strcmp(part, "@last") == 0)
			return it[0] + 1 == it[1] ? json_true() : json_false();
		return NULL;
	}
	for (i = r->depth; i-- > 0;) {
		if (json_is_object(r->stack[i]) &&
		    (v = json_object_get(r->stack[i], part)) != NULL)
			break;
	}
	for (k = 1; v != NULL && k < nd->nparts; k++) {
		part += strlen(part) + 1;
		v = step(v, part);
	}
	return v;
}

static void push(struct render *r, json_t *v)
{
	if (r->depth == r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 16;
		r->stack = xrealloc(r->stack, r->alloc * sizeof(*r->stack));
	}
	r->stack[r->depth++] = v;
}

static int too_big(struct render *r)
{
	return rounds_err_set(r->err, EX_DATAERR, "template '%s': output "
			      "over %zu bytes", tname(r), r->out.cap);
}

static bool is_punct_md(unsigned char c)
{
	return c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' ||
	       c == ']' || c == '<' || c == '>';
}

/* Markdown: a backslash before what CommonMark would read as markup.
 * Parentheses matter only in link targets, so they are escaped only in a
 * value with no blanks (a URL); block markers only at the start. */
static int escape_md(struct rounds_buf *b, const char *s, size_t len)
{
	bool word = memchr(s, ' ', len) == NULL;
	size_t i = 0, d;

	if (len > 0 && strchr("#+-=", s[0])) {
		if (rounds_buf_putc(b, '\\') < 0)
			return -1;
	}
	for (d = 0; d < len && s[d] >= '0' && s[d] <= '9'; d++)
		;
	if (d > 0 && d < len && (s[d] == '.' || s[d] == ')')) {
		if (rounds_buf_append(b, s, d) < 0 ||
		    rounds_buf_putc(b, '\\') < 0)
			return -1;
		i = d;
	}
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		bool esc = is_punct_md(c) ||
			   (word && (c == '(' || c == ')'));

		if (c == '&')   /* only where it could start an entity */
			esc = i + 1 < len && (s[i + 1] == '#' ||
				((s[i + 1] | 0x20) >= 'a' &&
				 (s[i + 1] | 0x20) <= 'z'));
		if (c == '\r' || c == '\n') {
			if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
				continue;
			if (rounds_buf_putc(b, ' ') < 0)
				return -1;
			continue;
		}
		if ((esc && rounds_buf_putc(b, '\\') < 0) ||
		    rounds_buf_putc(b, c) < 0)
			return -1;
	}
	return 0;
}

int rounds_mustache_escape(struct rounds_buf *b, const char *s, size_t len,
			   enum rounds_mustache_escape mode)
{
	size_t i, from = 0;

	if (mode == ROUNDS_ESCAPE_NONE)
		return rounds_buf_append(b, s, len);
	if (mode == ROUNDS_ESCAPE_MARKDOWN)
		return escape_md(b, s, len);
	for (i = 0; i < len; i++) {
		const char *ent;

		switch (s[i]) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		default: continue;
		}
		if (rounds_buf_append(b, s + from, i - from) < 0 ||
		    rounds_buf_puts(b, ent) < 0)
			return -1;
		from = i + 1;
	}
	return rounds_buf_append(b, s + from, len - from);
}

/* The shortest decimal that reads back as d. */
static int put_real(struct rounds_buf *b, double d)
{
	struct rounds_buf t;
	int prec, rc;

	rounds_buf_init(&t, 64);
	for (prec = 1; prec <= 17; prec++) {
		rounds_buf_reset(&t);
		if (rounds_buf_printf(&t, "%.*g", prec, d) < 0)
			return -1;
		if (strtod(rounds_buf_str(&t), NULL) == d)
			break;
	}
	rc = rounds_buf_puts(b, rounds_buf_str(&t));
	rounds_buf_release(&t);
	return rc;
}

static int put_value(struct render *r, const json_t *v, bool raw)
{
	enum rounds_mustache_escape mode = raw ? ROUNDS_ESCAPE_NONE :
					   r->o->escape;

	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_STRING:
		return rounds_mustache_escape(&r->out, json_string_value(v),
					      json_string_length(v), mode);
	case JSON_INTEGER:
		return rounds_buf_printf(&r->out, "%" JSON_INTEGER_FORMAT,
					 json_integer_value(v));
	case JSON_REAL:
		return put_real(&r->out, json_real_value(v));
	case JSON_TRUE:
		return rounds_buf_puts(&r->out, "true");
	case JSON_FALSE:
		return rounds_buf_puts(&r->out, "false");
	default:
		return 0;       /* null, objects and arrays print nothing */
	}
}

/* Indents every line of text that has something on it after a line
 * break, and the first: what a standalone partial's blanks do. */
static char *indent_text(const char *text, const char *indent)
{
	struct rounds_buf b;
	size_t ilen = strlen(indent), i, len = strlen(text);
	bool bol = true;

	rounds_buf_init(&b, 0);
	for (i = 0; i < len; i++) {
		if (bol && (rounds_buf_append(&b, indent, ilen) < 0))
			break;
		if (rounds_buf_putc(&b, text[i]) < 0)
			break;
		bol = text[i] == '\n';
	}
	return rounds_buf_detach(&b);
}

static const struct cached *partial_get(struct render *r,
					const struct node *nd)
{
	const char *indent = nd->indent ? nd->indent : "";
	struct cached *c;
	char *text;
	size_t i;

	for (i = 0; i < r->ncache; i++) {
		c = &r->cache[i];
		if (strcmp(c->name, nd->name) == 0 &&
		    strcmp(c->indent, indent) == 0)
			return c;
	}
	text = r->o->partials ? r->o->partials(nd->name, r->o->arg) : NULL;
	if (r->ncache == r->acache) {
		r->acache = r->acache ? 2 * r->acache : 8;
		r->cache = xrealloc(r->cache, r->acache * sizeof(*r->cache));
	}
	c = &r->cache[r->ncache];
	c->t = NULL;
	if (text) {
		char *src = *indent ? indent_text(text, indent) : text;

		if (src != text)
			free(text);
		c->t = parse(src, strlen(src), "partial", nd->name, r->err);
		if (c->t == NULL) {
			free(src);
			return NULL;
		}
		c->t->src = src;
	}
	c->name = xstrdup(nd->name);
	c->indent = xstrdup(indent);
	r->ncache++;
	return c;
}

static int render_partial(struct render *r, const struct node *nd)
{
	const struct cached *c;
	int rc;

	if (r->partials >= ROUNDS_MUSTACHE_MAX_PARTIALS)
		return rounds_err_set(r->err, EX_DATAERR, "template '%s': "
				      "partials nested deeper than %d (does "
				      "'%s' include itself?)", tname(r),
				      ROUNDS_MUSTACHE_MAX_PARTIALS, nd->name);
	c = partial_get(r, nd);
	if (c == NULL)
		return -1;
	if (c->t == NULL)
		return 0;
	r->partials++;
	rc = render_range(r, c->t, 0, c->t->n);
	r->partials--;
	return rc;
}

static int render_section(struct render *r, const struct tree *t,
			  const struct node *nd, size_t i)
{
	json_t *v = lookup(r, nd);
	size_t k, *it;

	if (nd->type == N_INVERTED)
		return truthy(v) ? 0 : render_range(r, t, i + 1, nd->end);
	if (!truthy(v))
		return 0;
	if (!json_is_array(v)) {
		push(r, v);
		if (render_range(r, t, i + 1, nd->end) < 0)
			return -1;
		r->depth--;
		return 0;
	}
	if (r->niter == r->aiter) {
		r->aiter = r->aiter ? 2 * r->aiter : 16;
		r->iter = xrealloc(r->iter, 2 * r->aiter * sizeof(*r->iter));
	}
	it = &r->iter[2 * r->niter++];
	it[1] = json_array_size(v);
	for (k = 0; k < json_array_size(v); k++) {
		it = &r->iter[2 * (r->niter - 1)];
		it[0] = k;
		push(r, json_array_get(v, k));
		if (render_range(r, t, i + 1, nd->end) < 0)
			return -1;
		r->depth--;
	}
	r->niter--;
	return 0;
}

static int render_range(struct render *r, const struct tree *t, size_t from,
			size_t to)
{
	size_t i = from;
	int rc = -1;

	if (++r->recursion > MAX_RECURSION) {
		rounds_err_set(r->err, EX_DATAERR, "template '%s': sections "
			       "and partials nested deeper than %d",
			       tname(r),
			       MAX_RECURSION);
		goto out;
	}
	while (i < to) {
		const struct node *nd = &t->v[i];

		if (++r->steps > r->max_steps) {
			rounds_err_set(r->err, EX_DATAERR, "template '%s': "
				       "more than %lu steps; sections nested "
				       "over large lists?", tname(r),
				       r->max_steps);
			goto out;
		}
		switch (nd->type) {
		case N_TEXT:
			if (rounds_buf_append(&r->out, nd->text, nd->len) < 0) {
				too_big(r);
				goto out;
			}
			break;
		case N_VAR:
		case N_RAW:
			if (put_value(r, lookup(r, nd),
				      nd->type == N_RAW) < 0) {
				too_big(r);
				goto out;
			}
			break;
		case N_SECTION:
		case N_INVERTED:
			if (render_section(r, t, nd, i) < 0)
				goto out;
			i = nd->end;
			continue;
		case N_PARTIAL:
			if (render_partial(r, nd) < 0)
				goto out;
			break;
		}
		i++;
	}
	rc = 0;
out:
	r->recursion--;
	return rc;
}

char *rounds_mustache_render_opts(const char *tmpl, json_t *data,
				  const struct rounds_mustache_opts *opts,
				  struct rounds_err *err)
{
	static const struct rounds_mustache_opts defaults;
	struct tree *t;
	struct render r;
	char *result = NULL;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.o = opts ? opts : &defaults;
	r.err = err;
	t = parse(tmpl, strlen(tmpl), "template",
		  r.o->name ? r.o->name : "(string)", err);
	if (t == NULL)
		return NULL;
	rounds_buf_init(&r.out, r.o->max_out ? r.o->max_out :
			ROUNDS_MUSTACHE_MAX_OUT);
	r.max_steps = r.o->max_steps ? r.o->max_steps :
		      ROUNDS_MUSTACHE_MAX_STEPS;
	push(&r, data);
	if (render_range(&r, t, 0, t->n) == 0)
		result = rounds_buf_detach(&r.out);
	rounds_buf_release(&r.out);
	for (i = 0; i < r.ncache; i++) {
		free(r.cache[i].name);
		free(r.cache[i].indent);
		tree_free(r.cache[i].t);
	}
	free(r.cache);
	free(r.iter);
	free(r.stack);
	tree_free(t);
	return result;
}

char *rounds_mustache_render(const char *tmpl, json_t *data,
			     rounds_partial_fn partials, void *arg,
			     struct rounds_err *err)
{
	struct rounds_mustache_opts o;

	memset(&o, 0, sizeof(o));
	o.escape = ROUNDS_ESCAPE_HTML;
	o.partials = partials;
	o.arg = arg;
	return rounds_mustache_render_opts(tmpl, data, &o, err);
}
