/* html.c: the sanitiser.  (First cut: escapes everything.) */
#include <string.h>
#include "rounds/buf.h"
#include "rounds/html.h"

char *rounds_html_sanitize(const char *html, size_t len, const char *base)
{
	struct rounds_buf b;
	size_t i;

	rounds_buf_init(&b, 0);
	for (i = 0; i < len; i++) {
		int rc;

		switch (html[i]) {
		case '<': rc = rounds_buf_puts(&b, "&lt;"); break;
		case '>': rc = rounds_buf_puts(&b, "&gt;"); break;
		case '&': rc = rounds_buf_puts(&b, "&amp;"); break;
		default: rc = rounds_buf_putc(&b, html[i]);
		}
		if (rc < 0)
			break;
	}
	return rounds_buf_detach(&b);
}

char *rounds_text_collapse(const char *text, size_t len)
{
	return xstrndup(text, len);
}

char *rounds_html_to_text(const char *html, size_t len)
{
	return rounds_text_collapse(html, len);
}

char *rounds_text_excerpt(const char *text, size_t max)
{
	return xstrndup(text, strlen(text) < max ? strlen(text) : max);
}
