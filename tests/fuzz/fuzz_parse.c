/* fuzz_parse.c: libFuzzer target for the whole parse path: bytes ->
 * rounds_parse -> rounds_feed_write_json -> jansson reads it back ->
 * free.  The first byte picks
 * the options, so the charset and base paths are reached too. */
#include <stdint.h>
#include <stdlib.h>
#include <jansson.h>
#include "rounds/buf.h"
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
	struct rounds_buf b;
	json_error_t jerr;
	json_t *j;
	int pretty;

	if (size > 0 && data[0] == 0x01 && size > 1) {
		o.charset = charsets[data[1] % 5];
		o.base = "http://fuzz.example/feeds/a.xml";
		data += 2;
		size = size > 2 ? size - 2 : 0;
	}
	rounds_err_init(&err);
	if (rounds_parse((const char *)data, size, &o, &feed, &err) < 0)
		return 0;
	for (pretty = 0; pretty < 2; pretty++) {
		rounds_buf_init(&b, 0);
		if (rounds_feed_write_json(feed, "fuzz", pretty, &b) < 0)
			abort();
		/* the output must always be JSON */
		j = json_loads(rounds_buf_str(&b), 0, &jerr);
		if (j == NULL)
			abort();
		json_decref(j);
		rounds_buf_release(&b);
	}
	rounds_feed_free(feed);
	return 0;
}
