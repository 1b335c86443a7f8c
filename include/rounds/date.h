/* date.h: feed dates to Unix seconds (UTC).  Liberal: RFC 822/1123 with
 * zone names and offsets, RFC 3339 / ISO 8601 / W3CDTF (partial forms),
 * and the broken forms real feeds use.  Never guesses: a text it does not
 * understand returns false and *out is untouched. */
#ifndef ROUNDS_DATE_H
#define ROUNDS_DATE_H

#include <stdbool.h>
#include <stdint.h>

bool rounds_date_parse(const char *text, int64_t *out);

#endif
