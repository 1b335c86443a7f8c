/* html.h: the allow-list HTML sanitiser and HTML-to-text conversion.
 * Input is hostile HTML (any bytes); output is a well-formed, sanitised
 * fragment: allow-listed elements and attributes only, no script, style,
 * event handlers, javascript:/vbscript:/data: URLs (data:image/... allowed in
 * img src), no base/meta/forms/frames/plugins; text kept; every URL in
 * href/src/srcset/poster made absolute against base. */
#ifndef ROUNDS_HTML_H
#define ROUNDS_HTML_H

#include <stddef.h>

/* Returns the sanitised fragment (caller frees; "" for nothing left). */
char *rounds_html_sanitize(const char *html, size_t len, const char *base);
/* Plain text of an HTML fragment: entities decoded, tags removed, white
 * space collapsed, trimmed.  Caller frees. */
char *rounds_html_to_text(const char *html, size_t len);
/* Collapses runs of white space in plain text to one space and trims. */
char *rounds_text_collapse(const char *text, size_t len);
/* At most max bytes of text, cut at a word boundary, never inside a UTF-8
 * sequence, with "…" appended when cut.  Caller frees. */
char *rounds_text_excerpt(const char *text, size_t max);

#endif
