/* sqlq.h: one-value SQL queries for the store's unit tests (include after
 * tap.h).  q_int gives -1 for no row and -2 when the SQL does not prepare. */
#ifndef ROUNDS_TEST_SQLQ_H
#define ROUNDS_TEST_SQLQ_H

#include <stdio.h>
#include <stdlib.h>
#include <sqlite3.h>
#include "rounds/buf.h"
#include "rounds/store.h"

static inline long long q_int(struct rounds_store *st, const char *sql)
{
	sqlite3_stmt *s;
	long long v = -1;

	if (sqlite3_prepare_v2(rounds_store_db(st), sql, -1, &s, NULL) !=
	    SQLITE_OK) {
		printf("# prepare: %s\n", sqlite3_errmsg(rounds_store_db(st)));
		return -2;
	}
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The first column of the first row, copied (caller frees), or NULL. */
static inline char *q_text(struct rounds_store *st, const char *sql)
{
	sqlite3_stmt *s;
	char *v = NULL;

	if (sqlite3_prepare_v2(rounds_store_db(st), sql, -1, &s, NULL) !=
	    SQLITE_OK)
		return NULL;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		v = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v;
}

static inline void check_text(struct rounds_store *st, const char *sql,
			      const char *want, const char *what)
{
	char *got = q_text(st, sql);

	is_str(got, want, "%s", what);
	free(got);
}

#endif
