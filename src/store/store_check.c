/* store_check.c: `rounds db check`: SQLite's own integrity check. */
#include <string.h>
#include "store_int.h"

int rounds_store_check(struct rounds_store *st, struct rounds_buf *report,
		       struct rounds_err *err)
{
	sqlite3_stmt *s = NULL;
	const char *line;
	int step, problems = 0;

	if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check(100)", -1, &s,
			       NULL) != SQLITE_OK)
		return store_fail(st, "integrity check", err);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		line = (const char *)sqlite3_column_text(s, 0);
		if (line && strcmp(line, "ok") == 0)
			continue;
		problems++;
		if (rounds_buf_printf(report, "%s\n", line ? line : "?") < 0)
			break;
	}
	if (step != SQLITE_DONE && step != SQLITE_ROW) {
		store_fail(st, "integrity check", err);
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return problems;
}
