/* store_move.c: following a feed that moved for good.  The fetcher calls
 * this once the same 301/308 target was seen on two fetches in a row. */
#include "store_int.h"

int rounds_store_feed_move(struct rounds_store *st, int64_t feed_id,
			   const char *new_url, bool *moved,
			   struct rounds_err *err)
{
	static const char sql[] =
		"UPDATE feeds SET url = ?2, moved_to = NULL, moved_count = 0"
		" WHERE id = ?1 AND NOT EXISTS"
		" (SELECT 1 FROM feeds WHERE url = ?2)";
	sqlite3 *db = st->db;
	sqlite3_stmt *s = NULL;
	int rc = -1;

	*moved = false;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 1, feed_id) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, new_url, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_DONE) {
		rounds_err_set(err, EX_IOERR, "database: moving feed %lld to "
			       "'%s': %s", (long long)feed_id, new_url,
			       sqlite3_errmsg(db));
		goto out;
	}
	*moved = sqlite3_changes(db) == 1;
	rc = 0;
out:
	sqlite3_finalize(s);
	return rc;
}
