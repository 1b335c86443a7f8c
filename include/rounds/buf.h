/* buf.h: a growable byte string with a size cap.
 * Always NUL-terminated once anything was appended.  An append that would
 * pass the cap frees the buffer and returns -1. */
#ifndef ROUNDS_BUF_H
#define ROUNDS_BUF_H

#include <stddef.h>
#include <string.h>
#include <stdarg.h>
#include "err.h"

struct rounds_buf {
	char *data;     /* NULL until the first append */
	size_t len;     /* bytes used, not counting the NUL */
	size_t alloc;   /* bytes allocated */
	size_t cap;     /* most bytes it may hold; 0 = no cap */
};

void rounds_buf_init(struct rounds_buf *b, size_t cap);
void rounds_buf_release(struct rounds_buf *b);
void rounds_buf_reset(struct rounds_buf *b);          /* len = 0, keeps memory */
static inline int rounds_buf_append(struct rounds_buf *b, const void *p,
				    size_t n) ROUNDS_WUR;
/* The append when the buffer must grow (or refuse). */
int rounds_buf_append_grow(struct rounds_buf *b, const void *p, size_t n)
	ROUNDS_WUR;
static inline int rounds_buf_append(struct rounds_buf *b, const void *p,
				    size_t n)
{
	/* the common case inline: room already there, within the cap */
	if (b->data != NULL && n < b->alloc - b->len &&
	    (b->cap == 0 || n <= b->cap - b->len)) {
		if (n)
			memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
		return 0;
	}
	return rounds_buf_append_grow(b, p, n);
}
/* Makes room for n more bytes at once (no copy on the appends up to them). */
int rounds_buf_reserve(struct rounds_buf *b, size_t n) ROUNDS_WUR;
static inline int rounds_buf_puts(struct rounds_buf *b, const char *s)
	ROUNDS_WUR;
static inline int rounds_buf_putc(struct rounds_buf *b, int c) ROUNDS_WUR;
static inline int rounds_buf_puts(struct rounds_buf *b, const char *s)
{
	return rounds_buf_append(b, s, strlen(s));
}
static inline int rounds_buf_putc(struct rounds_buf *b, int c)
{
	char ch = (char)c;

	return rounds_buf_append(b, &ch, 1);
}
int rounds_buf_printf(struct rounds_buf *b, const char *fmt, ...) ROUNDS_WUR
	__attribute__((format(printf, 2, 3)));
int rounds_buf_vprintf(struct rounds_buf *b, const char *fmt, va_list ap) ROUNDS_WUR
	__attribute__((format(printf, 2, 0)));
/* Returns the string (caller frees; "" when empty) and re-inits b. */
char *rounds_buf_detach(struct rounds_buf *b);
/* The string so far, borrowed until the next change ("" when empty). */
const char *rounds_buf_str(const struct rounds_buf *b);

/* Allocation that aborts on out-of-memory. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);             /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n);

#endif
