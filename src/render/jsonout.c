/* jsonout.c: jansson trees written out (jsonout.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/jsonout.h"

/* Flags written here; the others go to jansson. */
#define OWN_FLAGS (JSON_MAX_INDENT | JSON_COMPACT | JSON_PRESERVE_ORDER)

/* Whether a JSON string cannot hold byte c as it is. */
static inline int needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

static int put_string(struct rounds_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i = 0, run;
	unsigned char c;
	char seq[7];

	if (rounds_buf_putc(b, '"') < 0)
		return -1;
	while (i < n) {
		for (run = i; run < n &&
		     !needs_escape((unsigned char)s[run]); run++)
			;
		if (run > i && rounds_buf_append(b, s + i, run - i) < 0)
			return -1;
		if (run == n)
			break;
		c = (unsigned char)s[run];
		seq[0] = '\\';
		seq[1] = c == '"' ? '"' : c == '\\' ? '\\' : c == '\b' ? 'b' :
			c == '\f' ? 'f' : c == '\n' ? 'n' : c == '\r' ? 'r' :
			c == '\t' ? 't' : 'u';
		if (seq[1] != 'u') {
			if (rounds_buf_append(b, seq, 2) < 0)
				return -1;
		} else {
			seq[2] = '0';
			seq[3] = '0';
			seq[4] = hex[c >> 4];
			seq[5] = hex[c & 15];
			if (rounds_buf_append(b, seq, 6) < 0)
				return -1;
		}
		i = run + 1;
	}
	return rounds_buf_putc(b, '"');
}

/* jansson's line break and indent before an element at depth; space:
 * whether a separator precedes (one blank when neither indenting nor
 * compact). */
static int put_indent(struct rounds_buf *b, size_t flags, int depth,
		      int space)
{
	int n = (int)(flags & JSON_MAX_INDENT) * depth;

	if (flags & JSON_MAX_INDENT) {
		if (rounds_buf_putc(b, '\n') < 0 ||
		    rounds_buf_reserve(b, (size_t)n) < 0)
			return -1;
		while (n-- > 0)
			if (rounds_buf_putc(b, ' ') < 0)
				return -1;
		return 0;
	}
	if (space && !(flags & JSON_COMPACT))
		return rounds_buf_putc(b, ' ');
	return 0;
}

static int put_value(const json_t *j, size_t flags, int depth,
		     struct rounds_buf *b);

static int put_object(const json_t *j, size_t flags, int depth,
		      struct rounds_buf *b)
{
	const char *key;
	json_t *v;
	size_t left = json_object_size(j);

	if (left == 0)
		return rounds_buf_puts(b, "{}");
	if (rounds_buf_putc(b, '{') < 0 || put_indent(b, flags, depth + 1,
						       0) < 0)
		return -1;
	json_object_foreach((json_t *)j, key, v) {
		if (put_string(b, key, strlen(key)) < 0 ||
		    rounds_buf_puts(b, flags & JSON_COMPACT ? ":" : ": ") < 0 ||
		    put_value(v, flags, depth + 1, b) < 0)
			return -1;
		if (--left > 0) {
			if (rounds_buf_putc(b, ',') < 0 ||
			    put_indent(b, flags, depth + 1, 1) < 0)
				return -1;
		} else if (put_indent(b, flags, depth, 0) < 0) {
			return -1;
		}
	}
	return rounds_buf_putc(b, '}');
}

static int put_array(const json_t *j, size_t flags, int depth,
		     struct rounds_buf *b)
{
	size_t i, n = json_array_size(j);

	if (n == 0)
		return rounds_buf_puts(b, "[]");
	if (rounds_buf_putc(b, '[') < 0 || put_indent(b, flags, depth + 1,
						       0) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (put_value(json_array_get(j, i), flags, depth + 1, b) < 0)
			return -1;
		if (i + 1 < n) {
			if (rounds_buf_putc(b, ',') < 0 ||
			    put_indent(b, flags, depth + 1, 1) < 0)
				return -1;
		} else if (put_indent(b, flags, depth, 0) < 0) {
			return -1;
		}
	}
	return rounds_buf_putc(b, ']');
}

/* What jansson writes of a value it alone knows how to (a real). */
static int put_jansson(const json_t *j, struct rounds_buf *b)
{
	char *s = json_dumps(j, JSON_ENCODE_ANY);
	int rc = s ? rounds_buf_puts(b, s) : -1;

	free(s);
	return rc;
}

static int put_value(const json_t *j, size_t flags, int depth,
		     struct rounds_buf *b)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		return put_object(j, flags, depth, b);
	case JSON_ARRAY:
		return put_array(j, flags, depth, b);
	case JSON_STRING:
		return put_string(b, json_string_value(j),
				  json_string_length(j));
	case JSON_INTEGER:
		return rounds_buf_printf(b, "%" JSON_INTEGER_FORMAT,
					 json_integer_value(j));
	case JSON_TRUE:
		return rounds_buf_puts(b, "true");
	case JSON_FALSE:
		return rounds_buf_puts(b, "false");
	case JSON_NULL:
		return rounds_buf_puts(b, "null");
	default:
		return put_jansson(j, b);
	}
}

int rounds_json_dumpb(const json_t *j, size_t flags, struct rounds_buf *b)
{
	char *s;
	int rc;

	if (j == NULL)
		return -1;
	if ((flags & ~(size_t)OWN_FLAGS) != 0) {
		s = json_dumps(j, flags);
		rc = s ? rounds_buf_puts(b, s) : -1;
		free(s);
		return rc;
	}
	if (!json_is_object(j) && !json_is_array(j))
		return -1;
	return put_value(j, flags, 0, b);
}

char *rounds_json_dumps(const json_t *j, size_t flags)
{
	struct rounds_buf b;

	rounds_buf_init(&b, 0);
	if (rounds_json_dumpb(j, flags, &b) < 0) {
		rounds_buf_release(&b);
		return NULL;
	}
	return rounds_buf_detach(&b);
}
