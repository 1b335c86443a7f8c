/* mustache_int.h: what the template parser (mustache_parse.c) hands the
 * renderer (mustache.c): a template as a flat vector of nodes. */
#ifndef ROUNDS_MUSTACHE_INT_H
#define ROUNDS_MUSTACHE_INT_H

#include <stddef.h>
#include "rounds/mustache.h"

#define MAX_DELIM       15      /* bytes in one delimiter */
#define MAX_RECURSION   1000    /* sections and partials in one render */

enum ntype { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL };

struct node {
	enum ntype type;
	int line;               /* where the tag is, for messages */
	const char *text;       /* N_TEXT: a slice of the source */
	size_t len;
	char *name;             /* the tag's name as written (owned) */
	char *path;             /* name split at dots: "a\0b\0" (owned) */
	int nparts;             /* parts in path; 0 for "." */
	char *indent;           /* N_PARTIAL when standalone (owned) */
	size_t end;             /* sections: one past the last child */
};

struct tree {
	char *src;              /* the source, when the tree owns it */
	struct node *v;
	size_t n, alloc;
};

void mustache_tree_free(struct tree *t);
/* Parses src (which the tree does not own); kind ("template" or
 * "partial") and name are for messages.  NULL with err set on a syntax
 * error. */
struct tree *mustache_parse(const char *src, size_t len, const char *kind,
			    const char *name, struct rounds_err *err);

#endif
