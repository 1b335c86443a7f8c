/* caps.h: limits on sizes that input controls. */
#ifndef ROUNDS_CAPS_H
#define ROUNDS_CAPS_H

#define ROUNDS_MAX_DOC        (32u << 20)  /* one feed document, bytes */
#define ROUNDS_MAX_FIELD      (4u << 20)   /* one field's text after expansion */
#define ROUNDS_MAX_TITLE      (64u << 10)
#define ROUNDS_MAX_ENTRIES    20000        /* entries kept from one document */
#define ROUNDS_MAX_DEPTH      256          /* element nesting */
#define ROUNDS_MAX_URL        8192
#define ROUNDS_MAX_LIST       1000         /* authors, categories, enclosures */

#endif
