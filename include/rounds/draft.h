/* draft.h: the editor's Markdown draft (digest.md) read back through
 * libcmark's AST and applied to the digest model it was written from.
 *
 * What the draft carries and how it is read:
 *   - the editor's note: the blocks after the "<!-- note: ... -->" line
 *     and before the first "## " section (without that line: the blocks
 *     before the first section but the "# " title and the line after
 *     it); it becomes the model's "note" (HTML);
 *   - sections ("## title"), in the order they stand; a section left
 *     without articles is gone;
 *   - articles ("### [title](link)"): matched to the model by their link
 *     (or id), in their new order, in whichever section they now stand;
 *     an article not in the draft is cut; an edited heading text
 *     replaces the title; a heading whose link is not in the model is an
 *     article added by hand ("by_editor"), kept with what was written
 *     under it as its "editor_note";
 *   - under an article, the generated lines (source and byline, "Tags:",
 *     "Also covered by:", "Comments (N):") are recognised and skipped;
 *     the paragraph that reads as the model's excerpt is the excerpt;
 *     when none does, the first paragraph is the edited excerpt; every
 *     other block is the editor's words, the article's "editor_note"
 *     (HTML);
 *   - comments: the bullet items carrying a comment's permalink
 *     ("([link](URL))"); a comment whose permalink is not in the draft
 *     is cut, its replies moving up to the nearest kept parent; comments
 *     without a permalink cannot be matched and are kept.
 *   - the conversations that go on ("continued"): the template writes
 *     them last, after a "<!-- continued: ... -->" line, under their own
 *     "## " heading.  Their articles are matched by link (or id) to the
 *     model's "continued" wherever they stand, and stay continued (the
 *     draft cannot move one into the week's sections); one left out is
 *     cut, and with none left the section is gone.  Under one, the
 *     generated lines and "New comments (N):" are skipped, comments are
 *     cut as above (its discussion's new_comments drops by the cut), and
 *     every other block is the editor's words (no excerpt is read: the
 *     template shows none).  The "## " heading holds no article of the
 *     week, so it is dropped like any emptied section; an article added
 *     by hand under it is an added article in a section of that name.
 *     The "<!-- continued:" line itself is skipped and may be deleted.
 * Counts follow what is kept: an article's comment_count drops by the
 * comments cut, the model's article_count and comment_count are the sums
 * over the sections (continued articles are not counted).
 * An untouched draft gives back the model unchanged.
 *
 * Errors name the draft (its path, as given) and the line: Markdown that
 * is not UTF-8, no section, an article heading without a link, an article
 * before any section, the same article twice. */
#ifndef ROUNDS_DRAFT_H
#define ROUNDS_DRAFT_H

#include <stddef.h>
#include <jansson.h>
#include "err.h"

#define ROUNDS_MAX_DRAFT (8u << 20)     /* bytes of one draft */

/* Applies the draft md[0, len) (named name in errors) to model, in
 * place.  When changes is not NULL, it receives a new array of what the
 * draft did, one object per change: {"what": "kept" | "moved" |
 * "edited" | "added" | "cut" | "note" | "comment cut", "title": TEXT,
 * "line": N (0 for a cut)}.  Returns 0, or -1 with err set (EX_DATAERR)
 * and the model untouched. */
int rounds_draft_apply(json_t *model, const char *md, size_t len,
		       const char *name, json_t **changes,
		       struct rounds_err *err) ROUNDS_WUR;

#endif
