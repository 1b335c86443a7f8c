/* safe.h: the two rules every value that is not HTML goes through before
 * it leaves the parser, and again before the digest hands it to a template
 * (INTERFACE.md, TEXT and URL).  Pure functions, no I/O.
 *
 * TEXT (titles, names, e-mail addresses, categories, ids, generator,
 * language, rights, MIME types): rounds_text_safe()
 *   1. when markup is true, HTML to text first (rounds_html_to_text():
 *      entities decoded, tags and script/style bodies removed);
 *   2. C0 control characters other than white space, and DEL, removed;
 *   3. white space collapsed and trimmed (rounds_text_collapse());
 *   4. a '<' that would start a tag, comment, declaration or processing
 *      instruction in HTML (followed by an ASCII letter, '/', '!' or '?')
 *      gets a space after it: "<script>" becomes "< script>", which every
 *      HTML parser reads as text.  So a consumer that prints the value
 *      without escaping finds no element, no comment and no event
 *      handler in it, and the reader still sees what the feed wrote
 *      ("vector<int>" reads "vector< int>").
 *   The steps keep what they made: rounds_text_safe(rounds_text_safe(x))
 *   is rounds_text_safe(x).
 *
 * URL (links, self, icon, image, enclosure and reply URLs, PERSON uri):
 * rounds_url_safe()
 *   1. the reference is read as a browser reads an href: character
 *      references decoded (&#106; &#x6A; with or without ';', &colon;
 *      &Tab; &NewLine; &period; &plus;), ASCII control characters and
 *      spaces removed, case folded; if that gives a scheme, it must be
 *      allowed.  (So "JaVaScRiPt:", "java&#x09;script:", "&#106;avascript:",
 *      " javascript:", "vbscript:", "data:text/html,..." are refused.)
 *   2. the reference is resolved against base (rounds_url_resolve()) and
 *      the result must be absolute with an allowed scheme, read the same
 *      way.
 *   Allowed: http and https always; mailto with ROUNDS_SAFE_MAILTO (a
 *   PERSON's uri); file with ROUNDS_SAFE_FILE (only when the document was
 *   itself read from a file).  Anything else gives NULL: the value is left
 *   out, like an unknown one. */
#ifndef ROUNDS_SAFE_H
#define ROUNDS_SAFE_H

#include <stdbool.h>
#include <stddef.h>

enum {
	ROUNDS_SAFE_MAILTO = 1,         /* mailto: allowed too */
	ROUNDS_SAFE_FILE = 2,           /* file: allowed too */
};

/* The TEXT rule above.  NULL for NULL in or when nothing is left; else a
 * new string (caller frees). */
char *rounds_text_safe(const char *s, size_t len, bool markup);
/* True when s holds no '<' that starts markup and no control character
 * other than white space: what rounds_text_safe() guarantees. */
bool rounds_text_is_safe(const char *s);
/* The URL rule above.  NULL when refused; else a new string (caller
 * frees). */
char *rounds_url_safe(const char *base, const char *ref, unsigned allow);
/* True when url, read as a browser reads an href, is absolute with an
 * allowed scheme (step 1 above, a scheme required). */
bool rounds_url_is_safe(const char *url, unsigned allow);
/* Site policy for links in a sanitised fragment (rounds_html_sanitize()
 * output): every <a> gets rel="nofollow noopener" (comment text comes from
 * strangers and the published site should not vouch for it).  NULL in,
 * NULL out; caller frees. */
char *rounds_html_nofollow(const char *html);

#endif
