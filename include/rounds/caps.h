/* caps.h: limits on sizes that input controls. */
#ifndef ROUNDS_CAPS_H
#define ROUNDS_CAPS_H

#define ROUNDS_MAX_DOC        (32u << 20)  /* one feed document, bytes */
#define ROUNDS_MAX_FIELD      (4u << 20)   /* one field's text after expansion */
#define ROUNDS_MAX_TITLE      (64u << 10)
#define ROUNDS_MAX_ENTRIES    20000        /* entries kept from one document */
#define ROUNDS_MAX_DEPTH      256          /* element nesting */
#define ROUNDS_MAX_URL        8192
#define ROUNDS_MAX_ENTITY_DECLS 64      /* internal entities one DOCTYPE declares */
#define ROUNDS_MAX_ENTITY_REF (64u << 10) /* one entity reference, expanded */
#define ROUNDS_MAX_ENTITY_ALL (256u << 10) /* all references of a document */
#define ROUNDS_MAX_ENTITY_DEPTH 8       /* entities inside entities */
#define ROUNDS_MAX_LIST       1000         /* authors, categories, enclosures */

#endif
