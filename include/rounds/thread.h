/* thread.h: comment trees.  A flat list of comments, in the order they
 * were written (oldest first), each naming its parent by id, becomes a
 * tree: children keep the written order; a comment whose parent is
 * unknown, itself, or would close a cycle becomes top-level.
 *
 * Trimming keeps the first `max` comments in depth-first (reading) order:
 * the first thread with all its replies, then the next, so a kept reply
 * always has its parent kept and conversations stay whole. */
#ifndef ROUNDS_THREAD_H
#define ROUNDS_THREAD_H

#include <stdbool.h>
#include <stddef.h>

#define ROUNDS_THREAD_NONE ((size_t)-1)

struct rounds_thread_node {
	const char *id;          /* in: the comment's id (borrowed) */
	const char *parent;      /* in: the parent's id, or NULL */
	size_t up;               /* out: parent index, or ROUNDS_THREAD_NONE */
	size_t child;            /* out: first reply */
	size_t next;             /* out: next sibling (or next top-level) */
	bool shown;              /* out: kept by rounds_thread_trim */
};

/* Links nodes[0..n) into a tree; returns the first top-level node
 * (ROUNDS_THREAD_NONE when n == 0).  Top-level nodes are chained by next. */
size_t rounds_thread_build(struct rounds_thread_node *nodes, size_t n);
/* Marks the first max nodes in depth-first order from root (and its
 * siblings) shown, the rest not; returns how many are shown. */
size_t rounds_thread_trim(struct rounds_thread_node *nodes, size_t n,
			  size_t root, size_t max);

#endif
