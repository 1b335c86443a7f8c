/* test_jsonout.c: rounds_json_dumps() writes what json_dumps() writes. */
#include <stdlib.h>
#include <string.h>
#include "rounds/jsonout.h"
#include "../tap.h"

/* Every byte JSON escapes, and some it does not: '/', DEL, UTF-8. */
static json_t *awkward_string(void)
{
	char s[64];
	size_t i, n = 0;

	for (i = 0; i < 0x20; i++)
		s[n++] = (char)i;
	memcpy(s + n, "\"\\/\x7f\xc3\xa9\xe2\x80\xa8 end", 14);
	return json_stringn(s, n + 14);
}

static json_t *tree(void)
{
	json_t *t = json_pack("{s:s, s:[], s:{}, s:[i, I, b, b, n, f],"
			      " s:{s:{s:[{}, []]}, s:s}}",
			      "title", "Ward 4 \u2014 \"go-live\" notes",
			      "empty_list", "empty_object", "scalars", 7,
			      (json_int_t)-9007199254740993LL, 1, 0, 2.5,
			      "nested", "a", "b", "c", "<p>x</p>\n");

	json_object_set_new(t, "awkward", awkward_string());
	json_object_set_new(t, "zeta", json_string("last key set"));
	json_object_set_new(t, "alpha", json_string("set after zeta"));
	return t;
}

int main(void)
{
	static const size_t flags[] = {
		0, JSON_COMPACT, JSON_INDENT(2), JSON_INDENT(2) |
		JSON_PRESERVE_ORDER, JSON_INDENT(4) | JSON_COMPACT,
		JSON_INDENT(1), JSON_SORT_KEYS | JSON_INDENT(2),
		JSON_ENSURE_ASCII, JSON_ESCAPE_SLASH | JSON_COMPACT,
	};
	json_t *t = tree(), *arr = json_pack("[s, {}, [[]]]", "x");
	char *want, *got;
	size_t i;

	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		want = json_dumps(t, flags[i]);
		got = rounds_json_dumps(t, flags[i]);
		ok(want && got, "flags %#zx: both write the tree", flags[i]);
		is_str(got ? got : "", want ? want : "",
		       "flags %#zx: the same bytes as json_dumps", flags[i]);
		free(want);
		free(got);
		want = json_dumps(arr, flags[i]);
		got = rounds_json_dumps(arr, flags[i]);
		is_str(got ? got : "", want ? want : "",
		       "flags %#zx: an array at the top too", flags[i]);
		free(want);
		free(got);
	}
	got = rounds_json_dumps(json_object_get(t, "title"), JSON_COMPACT);
	ok(got == NULL, "a string alone is refused, as json_dumps does");
	free(got);
	got = rounds_json_dumps(NULL, 0);
	ok(got == NULL, "so is nothing");
	json_decref(t);
	json_decref(arr);
	return done_testing();
}
