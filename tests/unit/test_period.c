/* test_period.c: a digest's window in words. */
#include <string.h>
#include "render/period.h"
#include "../tap.h"

static const struct { const char *since, *until, *want; } cases[] = {
	{ "2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z",
	  "16\u201322 November 2026" },
	{ "2026-11-30T00:00:00Z", "2026-12-07T00:00:00Z",
	  "30 November \u2013 6 December 2026" },
	{ "2025-12-29T00:00:00Z", "2026-01-05T00:00:00Z",
	  "29 December 2025 \u2013 4 January 2026" },
	{ "2026-11-16T00:00:00+01:00", "2026-11-23T00:00:00+01:00",
	  "16\u201322 November 2026" },
	{ "2026-11-20T08:00:00Z", "2026-11-24T12:00:00Z",
	  "20\u201324 November 2026" },
	{ "2026-11-24T00:00:00Z", "2026-11-25T00:00:00Z",
	  "24 November 2026" },
	{ "2024-02-26T00:00:00Z", "2024-03-04T00:00:00Z",
	  "26 February \u2013 3 March 2024" },
	{ "2026-11-16", "2026-11-23", "16\u201322 November 2026" },
};

int main(void)
{
	char out[96];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ok(rounds_period_text(cases[i].since, cases[i].until, out,
				      sizeof(out)) == 0, "%s to %s reads",
		   cases[i].since, cases[i].until);
		is_str(out, cases[i].want, "in words, from %s", cases[i].since);
	}
	ok(rounds_period_text("soon", "2026-11-23", out, sizeof(out)) < 0 &&
	   out[0] == '\0', "an unreadable date gives nothing");
	ok(rounds_period_text("2026-13-01", "2026-11-23", out,
			      sizeof(out)) < 0, "nor does month 13");
	ok(rounds_period_text("2026-11-16", "2026-11-23", out, 8) < 0 &&
	   out[0] == '\0', "a buffer too small gives nothing");
	return done_testing();
}
