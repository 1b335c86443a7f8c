/* fuzz_parse.c: libFuzzer target for the whole parse path: bytes ->
 * rounds_parse -> rounds_feed_to_json -> text -> free.  The first byte picks
 * the options, so the charset and base paths are reached too. */
#include <stdint.h>
#include <stdlib.h>
#include <jansson.h>
#include "rounds/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const charsets[] = {
		NULL, "windows-1252", "utf-16", "shift_jis", "x-unknown",
	};
	struct rounds_parse_opts o = { NULL, NULL };
	struct rounds_feed *feed = NULL;
	struct rounds_err err;
	json_t *j;
	char *s;

	if (size > 0 && data[0] == 0x01 && size > 1) {
		o.charset = charsets[data[1] % 5];
		o.base = "http://fuzz.example/feeds/a.xml";
		data += 2;
		size = size > 2 ? size - 2 : 0;
	}
	rounds_err_init(&err);
	if (rounds_parse((const char *)data, size, &o, &feed, &err) < 0)
		return 0;
	j = rounds_feed_to_json(feed, "fuzz");
	s = json_dumps(j, JSON_COMPACT);
	if (s == NULL)
		abort();        /* the output must always serialise */
	free(s);
	json_decref(j);
	rounds_feed_free(feed);
	return 0;
}
