/* render.h: templates and Markdown.  Takes a JSON model, never SQL.
 *
 * Templates are Mustache files "<name>.mustache", looked up in the
 * config's [site] templates directory, then $ROUNDS_TEMPLATES, then the
 * installed $(pkgdatadir)/templates, then the source tree's templates/;
 * the first directory that has the file wins, file by file, so a site can
 * override one template or one partial and keep the rest.  Partials
 * ({{> name}}) are found the same way, as "<name>.mustache", else as the
 * plain file "<name>" (so {{> style.css}} inlines the stylesheet).
 *
 * The template's name chooses what {{x}} escapes for: "*.md" Markdown,
 * "*.txt" nothing, anything else HTML.  Partials follow their template.
 * Plain-text output ("*.txt") is then wrapped at ROUNDS_TEXT_WIDTH
 * columns, continuation lines keeping the line's indentation (and
 * lining up after a "- " or "* " list marker).
 *
 * What templates see is a copy of the model in which
 *   - every key of a site, section, ARTICLE, COMMENT, source, "also"
 *     item and PERSON that the model leaves out is null, so a name a
 *     comment lacks is never found on its parent comment or article;
 *   - each DATE key (published, updated, since, until, generated) has a
 *     sibling "<key>_date" holding its day, "YYYY-MM-DD";
 *   - "note" (HTML) has a sibling "note_text", its plain text;
 *   - a link (link, comments_link, uri, url, feed) that is not http:,
 *     https: or mailto: is null, so no javascript: URL reaches an href.
 * The engine's extensions (mustache.h) help with lists: {{#tags.0}} for
 * "has tags", {{^@last}}, {{/@last}} between items.  Mind that
 * {{#replies.0}} makes the first reply the context, so a {{replies}}
 * inside it is that reply's own: open a nested list with {{#@first}}
 * inside {{#replies}} instead (comment.html does).
 *
 * Templates, all rendering the digest model of INTERFACE.md:
 *   digest.md     the editor's Markdown draft
 *   digest.html   the issue as a standalone page (stylesheet inlined)
 *   email.txt     the newsletter's plain-text part (72 columns)
 *   email.html    the newsletter's HTML part (inline CSS, tables)
 *   site.index, site.issue, site.archive, site.sources   the site pages
 * Shared partials, for the site pages too:
 *   article.html  one ARTICLE (the context) as <article>, its thread
 *                 included
 *   comment.html  one COMMENT as <li>, its replies nested inside
 *                 (recursive)
 *   article.md, comment.md      the same for the Markdown draft
 *   article.txt, comment.txt    the same for the plain-text email
 *   email-article.html, email-comment.html   the same for the HTML
 *                 email: inline styles only, no classes
 *   head.html     <meta> tags (charset, viewport, CSP) for <head>
 *   style.css     the stylesheet, plain CSS (no "{{" in it)
 */
#ifndef ROUNDS_RENDER_H
#define ROUNDS_RENDER_H

#include <stddef.h>
#include <jansson.h>
#include "conf.h"
#include "err.h"
#include "hash.h"

#define ROUNDS_MAX_TEMPLATE   (1u << 20)   /* one template file, bytes */
#define ROUNDS_TEXT_WIDTH     72           /* plain-text lines, columns */

/* Renders template `name` with model.  *out is the caller's.  A template
 * found nowhere is EX_NOINPUT; a broken one EX_DATAERR naming its line.
 * conf may be NULL (no [site] templates directory). */
int rounds_render_template(const char *name, json_t *model,
			   const struct rounds_conf *conf, char **out,
			   struct rounds_err *err) ROUNDS_WUR;
/* The same without copying the model first: what the templates need
 * beside it (null for a key an object lacks, the dates' days, the
 * period, a note's text; null for a link no page may carry) is added to
 * model itself.  For a model the caller lets go of after rendering it,
 * perhaps with more templates (each one's additions are the same). */
int rounds_render_template_in(const char *name, json_t *model,
			      const struct rounds_conf *conf, char **out,
			      struct rounds_err *err) ROUNDS_WUR;
/* Reads the template file `name` itself (e.g. "style.css"), unrendered,
 * from the same directories.  *out is the caller's. */
int rounds_render_file(const char *name, const struct rounds_conf *conf,
		       char **out, struct rounds_err *err) ROUNDS_WUR;
/* Markdown to HTML with libcmark in safe mode (raw HTML dropped, unsafe
 * links removed; no smart punctuation, so text stays as written; invalid
 * UTF-8 replaced).  Caller frees. */
/* Adds to h every template file the lookup can find ([site] templates,
 * $ROUNDS_TEMPLATES, the installed and the source templates): its
 * directory, name and bytes.  Any edit to a template moves the sum. */
void rounds_render_templates_hash(const struct rounds_conf *conf,
				  struct rounds_hash *h);
char *rounds_markdown_to_html(const char *md, size_t len);

#endif
