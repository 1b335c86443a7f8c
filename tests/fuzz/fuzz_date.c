/* fuzz_date.c: libFuzzer target for rounds_date_parse.
 * Checks beyond "no crash": a date that reads reads the same twice, and
 * falls within the years 1-9999 give or take a day of zone offset. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "rounds/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	int64_t a = 0, b = 0;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (rounds_date_parse(s, &a)) {
		if (!rounds_date_parse(s, &b) || a != b)
			abort();
		if (a < -62135596800LL - 86400 || a > 253402300800LL + 86400)
			abort();
	}
	free(s);
	return 0;
}
