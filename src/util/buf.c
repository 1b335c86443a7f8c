/* buf.c: growable strings with a cap, and aborting allocators. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"

static void oom(void)
{
	fputs("rounds: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p;

	if (s == NULL)
		return NULL;
	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void rounds_buf_init(struct rounds_buf *b, size_t cap)
{
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap;
}

void rounds_buf_release(struct rounds_buf *b)
{
	free(b->data);
	rounds_buf_init(b, b->cap);
}

void rounds_buf_reset(struct rounds_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static int grow(struct rounds_buf *b, size_t n)
{
	size_t want;

	if (n > SIZE_MAX / 2 - b->len || (b->cap && b->len + n > b->cap)) {
		rounds_buf_release(b);
		return -1;
	}
	want = b->len + n + 1;
	if (want <= b->alloc)
		return 0;
	if (want < 64)
		want = 64;
	if (want < b->alloc * 2)
		want = b->alloc * 2;
	b->data = xrealloc(b->data, want);
	b->alloc = want;
	return 0;
}

int rounds_buf_reserve(struct rounds_buf *b, size_t n)
{
	if (grow(b, n) < 0)
		return -1;
	if (b->data)
		b->data[b->len] = '\0';
	return 0;
}

int rounds_buf_append_grow(struct rounds_buf *b, const void *p, size_t n)
{
	if (grow(b, n) < 0)
		return -1;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int rounds_buf_vprintf(struct rounds_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || grow(b, (size_t)n) < 0)
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int rounds_buf_printf(struct rounds_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = rounds_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *rounds_buf_detach(struct rounds_buf *b)
{
	char *s = b->data ? b->data : xstrdup("");

	rounds_buf_init(b, b->cap);
	return s;
}

const char *rounds_buf_str(const struct rounds_buf *b)
{
	return b->data ? b->data : "";
}
