/* mustache.c: the template engine.  (Not written yet.) */
#include "rounds/mustache.h"

char *rounds_mustache_render(const char *tmpl, json_t *data,
			     rounds_partial_fn partials, void *arg,
			     struct rounds_err *err)
{
	rounds_err_set(err, EX_UNAVAILABLE, "templates are not available yet");
	return NULL;
}
