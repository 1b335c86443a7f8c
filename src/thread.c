/* thread.c: comment trees (see thread.h). */
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "rounds/thread.h"

struct by_id {
	const char *id;
	size_t ix;
};

static int by_id_cmp(const void *a, const void *b)
{
	const struct by_id *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c)
		return c;
	return x->ix < y->ix ? -1 : x->ix > y->ix;
}

/* The index of the first node with id, or NONE. */
static size_t find(const struct by_id *ids, size_t n, const char *id)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(ids[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && strcmp(ids[lo].id, id) == 0)
		return ids[lo].ix;
	return ROUNDS_THREAD_NONE;
}

/* True when following up from i comes back to i. */
static bool in_cycle(const struct rounds_thread_node *nodes, size_t n,
		     size_t i)
{
	size_t p = nodes[i].up, steps = 0;

	while (p != ROUNDS_THREAD_NONE && p != i && steps++ < n)
		p = nodes[p].up;
	return p == i;
}

size_t rounds_thread_build(struct rounds_thread_node *nodes, size_t n)
{
	struct by_id *ids;
	size_t *last, i, m = 0, root = ROUNDS_THREAD_NONE,
	       root_last = ROUNDS_THREAD_NONE, p;

	if (n == 0)
		return ROUNDS_THREAD_NONE;
	ids = xcalloc(n, sizeof(*ids));
	last = xcalloc(n, sizeof(*last));
	for (i = 0; i < n; i++) {
		nodes[i].up = nodes[i].child = nodes[i].next =
			ROUNDS_THREAD_NONE;
		nodes[i].shown = false;
		last[i] = ROUNDS_THREAD_NONE;
		if (nodes[i].id)
			ids[m++] = (struct by_id){ nodes[i].id, i };
	}
	qsort(ids, m, sizeof(*ids), by_id_cmp);
	for (i = 0; i < n; i++) {
		if (nodes[i].parent == NULL)
			continue;
		p = find(ids, m, nodes[i].parent);
		if (p != i)
			nodes[i].up = p;
	}
	/* Break cycles, at the first node (in written order) found on one. */
	for (i = 0; i < n; i++)
		if (nodes[i].up != ROUNDS_THREAD_NONE &&
		    in_cycle(nodes, n, i))
			nodes[i].up = ROUNDS_THREAD_NONE;
	for (i = 0; i < n; i++) {
		p = nodes[i].up;
		if (p == ROUNDS_THREAD_NONE) {
			if (root == ROUNDS_THREAD_NONE)
				root = i;
			else
				nodes[root_last].next = i;
			root_last = i;
		} else {
			if (last[p] == ROUNDS_THREAD_NONE)
				nodes[p].child = i;
			else
				nodes[last[p]].next = i;
			last[p] = i;
		}
	}
	free(ids);
	free(last);
	return root;
}

size_t rounds_thread_trim(struct rounds_thread_node *nodes, size_t n,
			  size_t root, size_t max)
{
	size_t i, cur = root, shown = 0;

	for (i = 0; i < n; i++)
		nodes[i].shown = false;
	while (cur != ROUNDS_THREAD_NONE && shown < max) {
		nodes[cur].shown = true;
		shown++;
		if (nodes[cur].child != ROUNDS_THREAD_NONE) {
			cur = nodes[cur].child;
			continue;
		}
		while (cur != ROUNDS_THREAD_NONE &&
		       nodes[cur].next == ROUNDS_THREAD_NONE)
			cur = nodes[cur].up;
		if (cur != ROUNDS_THREAD_NONE)
			cur = nodes[cur].next;
	}
	return shown;
}
