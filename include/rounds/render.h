/* render.h: templates and Markdown.  Takes a JSON model, never SQL.
 * Templates are Mustache files "<name>.mustache", looked up in the
 * config's [site] templates directory, then $ROUNDS_TEMPLATES, then the
 * installed $(pkgdatadir)/templates, then the source tree's templates/.
 * Names used: "digest.md", "digest.html", "email.txt", "email.html",
 * "site.index", "site.issue", "site.archive", "site.sources", "style.css";
 * partials may be shared between them. */
#ifndef ROUNDS_RENDER_H
#define ROUNDS_RENDER_H

#include <jansson.h>
#include "conf.h"
#include "err.h"

/* Renders template `name` with model.  *out is the caller's. */
int rounds_render_template(const char *name, json_t *model,
			   const struct rounds_conf *conf, char **out,
			   struct rounds_err *err) ROUNDS_WUR;
/* Markdown to HTML with libcmark in safe mode (raw HTML dropped, unsafe
 * links removed).  Caller frees. */
char *rounds_markdown_to_html(const char *md, size_t len);

#endif
