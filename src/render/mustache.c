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
#include "mustache_int.h"

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
		c->t = mustache_parse(src, strlen(src), "partial", nd->name,
				      r->err);
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
	t = mustache_parse(tmpl, strlen(tmpl), "template",
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
		mustache_tree_free(r.cache[i].t);
	}
	free(r.cache);
	free(r.iter);
	free(r.stack);
	mustache_tree_free(t);
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
