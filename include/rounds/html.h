/* html.h: the allow-list HTML sanitiser and HTML-to-text conversion.
 * Input is hostile HTML (any bytes); output is a well-formed, sanitised
 * fragment: allow-listed elements and attributes only, no script, style,
 * event handlers, javascript:/vbscript:/data: URLs (data:image/... allowed in
 * img src), no base/meta/forms/frames/plugins; every URL in
 * href/src/srcset/poster made absolute against base.  Text is never
 * dropped: an element that is not allowed goes, its text stays (script
 * and style bodies are code, not text).  rounds(1), HTML POLICY, says the
 * same for users.
 *
 * The policy (tables in src/text/html_policy.c):
 *
 * Kept, with the attributes listed (plus dir, lang, title on every one):
 *   a (href, hreflang)  abbr  address  article  aside
 *   audio (src controls loop muted preload)  b  blockquote (cite)  br
 *   caption  cite  code  col colgroup (span)  dd  del ins (cite datetime)
 *   details (open)  dfn  div  dl  dt  em  figcaption  figure  footer
 *   h1-h6  header  hgroup  hr  i  img (src srcset alt width height sizes)
 *   kbd  li (value)  main  mark  nav  ol (start reversed type)  p  picture
 *   pre  q (cite)  rp rt ruby  s  samp  section  small
 *   source (src srcset type media sizes)  span  strong  sub  summary  sup
 *   table tbody thead tfoot tr  td th (colspan rowspan abbr scope)
 *   time (datetime)  track (src kind srclang label default)  u  ul  var
 *   video (src poster controls width height loop muted preload)  wbr
 * Removed with everything inside: script, style, and a head (page
 *   metadata, not content).
 * Removed, tag only (HTML has no content for them): base basefont meta link
 *   embed param frame input keygen isindex.
 * Kept as another, so their text keeps its block: center, fieldset,
 *   legend and search as div; menu and dir as ul; listing as pre.
 * Any other element (iframe, object, embed, applet, noscript, noembed,
 *   noframes fallback content; form, button, select, option, textarea,
 *   title, template, svg, math, font, html, body, custom elements
 *   ...): the tag is dropped, its content kept.  The content of a
 *   textarea, title, xmp or plaintext is text as HTML shows it, markup
 *   and all: "<textarea><b>x</b>" keeps "<b>x</b>", escaped.  So are table parts (tr,
 *   td, th, caption, col ...) outside a kept table.  Where HTML's parser
 *   would end an element implicitly and libxml2 does not (a block inside
 *   p, a inside a, li inside li, a row or cell inside another), it is
 *   ended, so a browser reads the nesting the output shows.  (libxml2
 *   itself ends more, e.g. an inline element around a p, so a second pass
 *   may still differ in such tag soup.)
 * Attributes: any not listed is dropped: every on* handler, style, class,
 *   id (a feed must not restyle or spoof the page it is shown in),
 *   target.  Numbers (width, colspan ...) must be digits (width and
 *   height may end in '%'); dir is ltr/rtl/auto; lang a language tag;
 *   boolean attributes are written name="".
 * URLs (href, src, srcset candidate by candidate, poster, cite) are made
 *   absolute with rounds_url_resolve() against base (entities decoded,
 *   tabs and newlines removed first, as a browser does), then must be
 *   http: or https: (href may also be mailto:); else the attribute is
 *   dropped.  img src may also be data:image/(png|gif|jpeg|webp); an
 *   empty img src is no picture.  An a, img, source or track left without
 *   its URL is dropped (a keeps its text, img its alt text).  No rel is
 *   added: that is site policy, added when rendering
 *   (rounds_html_nofollow() in safe.h), so `rounds parse` prints the
 *   feed's own links.
 * Markup that is not a tag: comments go; a bogus comment ("<!x>",
 *   "</ x>", "<?php ... ?>", "<!DOCTYPE html>") goes when its '>' comes
 *   before the next '<', else its '<' is text (so an unterminated
 *   "<!DOCTYPE" takes nothing with it); a CDATA section is its text.
 * Output: UTF-8 (invalid input bytes become U+FFFD, NUL and other C0
 *   controls go); text and attribute values escaped (& < > and "), every
 *   attribute double-quoted, void elements written <br> and <img ...>,
 *   every other element closed, nesting at most ROUNDS_MAX_DEPTH (deeper
 *   tags are dropped, their text kept).  An output over
 *   8 * ROUNDS_MAX_FIELD bytes gives "".
 * Thread-safe once libxml2 is initialised (xmlInitParser()). */
#ifndef ROUNDS_HTML_H
#define ROUNDS_HTML_H

#include <stdbool.h>
#include <stddef.h>

/* Returns the sanitised fragment (caller frees; "" for nothing left). */
char *rounds_html_sanitize(const char *html, size_t len, const char *base);
/* Plain text of an HTML fragment: entities decoded, tags removed (an
 * element that is not phrasing content, such as p, li, br, td, counts as a
 * space), the content of script, style and head left out, an img the
 * sanitiser would drop read as its alt text, white space collapsed,
 * trimmed.  NULL in, NULL out.  Caller
 * frees. */
char *rounds_html_to_text(const char *html, size_t len);

/* Whether the element name at p (letters in either case, up to end or the
 * first other byte) is one whose content HTML reads as raw text or not at
 * all: script, style, title, textarea, xmp, plaintext, iframe, noembed,
 * noframes, noscript, template. */
bool rounds_html_raw_text(const char *p, const char *end);
/* The character windows-1252 has at byte b (0x80-0x9F): what HTML reads
 * a reference to U+0080-U+009F as (&#146; is U+2019), since no one means
 * those control characters.  0 for the five bytes it leaves undefined
 * and for any other b. */
unsigned rounds_cp1252_c1(unsigned b);
/* Collapses runs of ASCII white space in plain text to one space and
 * trims it and U+00A0 NO-BREAK SPACE from both ends (a no-break space
 * inside stays: HTML does not collapse it either).  NULL in, NULL out.
 * Caller frees. */
char *rounds_text_collapse(const char *text, size_t len);
/* At most max bytes of text, cut at a word boundary, never inside a UTF-8
 * sequence, with "…" appended when cut.  Caller frees.
 * The cut is after the last word that ends within max bytes (a word
 * longer than max is cut at a character boundary); trailing spaces and
 * , ; : before the cut go.  The "…" (3 bytes) comes on top of max. */
char *rounds_text_excerpt(const char *text, size_t max);

/* The comment feed an article page announces in its <head> (html_head.c),
 * or NULL.  Reads the page up to its <body> with libxml2's HTML parser (no
 * network) and takes a <link rel="alternate"> of an RSS or Atom type
 * (application/rss+xml, application/atom+xml, application/rdf+xml) that
 *  - is marked as comments: its title or URL holds "comment" (or
 *    "koment", "komment", "coment", any case), and
 *  - belongs to this article: its URL lies under the article's address
 *    (article_url, else page_url, when that has a path past "/"), or its
 *    title holds the article's title (title, at least 4 bytes).
 * A site's feed of all comments (WordPress's /comments/feed/, Blogger's
 * /feeds/comments/default, "?feed=comments-rss2") is never taken.  Of
 * several, the one with both signs of belonging wins, else the first.
 * The URL is resolved against <base href> and page_url, and must be
 * http, https or file (the fetcher applies its own rules).  Caller frees. */
char *rounds_html_comment_feed(const char *html, size_t len,
			       const char *page_url, const char *article_url,
			       const char *title);

#endif
