/* store_check.c: `rounds db check` (SQLite's own integrity check), and
 * where the articles are when a week has none. */
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

int rounds_store_entry_before(struct rounds_store *st, int64_t t,
			      int64_t *at, bool *found, struct rounds_err *err)
{
	static const char sql[] =
		"SELECT max(COALESCE(published, updated, first_seen))"
		" FROM entries WHERE COALESCE(published, updated, first_seen)"
		" < ?1";
	sqlite3_stmt *s = NULL;
	int rc = -1;

	*found = false;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_fail(st, "entries", err);
		goto out;
	}
	sqlite3_bind_int64(s, 1, t);
	if (sqlite3_step(s) != SQLITE_ROW) {
		store_fail(st, "entries", err);
		goto out;
	}
	*found = store_col_int(s, 0, at);
	rc = 0;
out:
	sqlite3_finalize(s);
	return rc;
}
