/* threads.c: comment trees (see thread.h). */
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

/* Breaks every cycle of parent links at its first node in written order,
 * which becomes top-level.  Linear: each node is walked once (a hostile
 * comment feed may hold a long chain). */
static void break_cycles(struct rounds_thread_node *nodes, size_t n)
{
	unsigned char *state = xcalloc(n, 1);  /* 0 new, 1 on path, 2 done */
	size_t *path = xcalloc(n, sizeof(*path));
	size_t i, k, p, len, first;

	for (i = 0; i < n; i++) {
		for (len = 0, p = i; p != ROUNDS_THREAD_NONE && state[p] == 0;
		     p = nodes[p].up) {
			state[p] = 1;
			path[len++] = p;
		}
		if (p != ROUNDS_THREAD_NONE && state[p] == 1) {
			/* The path from p on is a cycle. */
			for (k = 0; path[k] != p; k++)
				;
			for (first = p; k < len; k++)
				if (path[k] < first)
					first = path[k];
			nodes[first].up = ROUNDS_THREAD_NONE;
		}
		for (k = 0; k < len; k++)
			state[path[k]] = 2;
	}
	free(state);
	free(path);
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
	break_cycles(nodes, n);
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
