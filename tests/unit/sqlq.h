/* sqlq.h: one-value SQL queries for the store's unit tests (include after
 * tap.h), on a handle of their own on the store's file (the store keeps
 * its SQL to itself).  q_int gives -1 for no row and -2 when the SQL does
 * not prepare. */
#ifndef ROUNDS_TEST_SQLQ_H
#define ROUNDS_TEST_SQLQ_H

#include <stdio.h>
#include <stdlib.h>
#include <sqlite3.h>
#include "rounds/buf.h"
#include "rounds/store.h"

/* A handle on the store's file, opened for the query (closed after). */
static inline sqlite3 *q_open(struct rounds_store *st)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(rounds_store_path(st), &db, SQLITE_OPEN_READWRITE,
			    NULL) != SQLITE_OK) {
		printf("# open: %s\n", sqlite3_errmsg(db));
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 5000);
	return db;
}

static inline long long q_int(struct rounds_store *st, const char *sql)
{
	sqlite3 *db = q_open(st);
	sqlite3_stmt *s;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
		printf("# prepare: %s\n", sqlite3_errmsg(db));
		sqlite3_close(db);
		return -2;
	}
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* The first column of the first row, copied (caller frees), or NULL. */
static inline char *q_text(struct rounds_store *st, const char *sql)
{
	sqlite3 *db = q_open(st);
	sqlite3_stmt *s;
	char *v = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		v = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* Runs sql (no rows wanted): 0 when it ran. */
static inline int q_exec(struct rounds_store *st, const char *sql)
{
	sqlite3 *db = q_open(st);
	int rc = db ? sqlite3_exec(db, sql, NULL, NULL, NULL) : SQLITE_ERROR;

	if (rc != SQLITE_OK)
		printf("# exec: %s\n", db ? sqlite3_errmsg(db) : "no handle");
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static inline void check_text(struct rounds_store *st, const char *sql,
			      const char *want, const char *what)
{
	char *got = q_text(st, sql);

	is_str(got, want, "%s", what);
	free(got);
}

#endif
