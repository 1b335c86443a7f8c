/* date.c: feed dates.  (First cut: RFC 3339 only.) */
#include <string.h>
#include <time.h>
#include "rounds/date.h"

bool rounds_date_parse(const char *text, int64_t *out)
{
	struct tm tm;
	const char *end;

	if (text == NULL)
		return false;
	memset(&tm, 0, sizeof(tm));
	end = strptime(text, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (end == NULL || *end != '\0')
		return false;
	*out = (int64_t)timegm(&tm);
	return true;
}
