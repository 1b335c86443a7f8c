/* parse.c: bytes -> feed.  (Not written yet.) */
#include <jansson.h>
#include "rounds/parse.h"

int rounds_parse(const char *bytes, size_t len,
		 const struct rounds_parse_opts *opts,
		 struct rounds_feed **out, struct rounds_err *err)
{
	return rounds_err_set(err, EX_UNAVAILABLE, "parsing is not available yet");
}

struct json_t *rounds_feed_to_json(const struct rounds_feed *feed,
				   const char *source)
{
	return json_object();
}
