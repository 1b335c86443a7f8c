/* store_issues.c: the issues table: each published week's stable number,
 * first publication time and id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store_int.h"

/* Steps s once: a row gives *v (column 0) and *found true. */
static int one_int(struct rounds_store *st, sqlite3_stmt *s, int64_t *v,
		   bool *found, struct rounds_err *err)
{
	int step = sqlite3_step(s);

	*found = step == SQLITE_ROW;
	if (*found)
		*v = sqlite3_column_int64(s, 0);
	else if (step != SQLITE_DONE)
		return store_fail(st, "issues", err);
	return 0;
}

int rounds_store_issue_find(struct rounds_store *st, const char *week,
			    int64_t *number, int64_t *published, bool *found,
			    struct rounds_err *err)
{
	sqlite3_stmt *s = store_stmt_sql(st, SQ_ISSUE_FIND,
		"SELECT number, published FROM issues WHERE week = ?1", err);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, week, -1, SQLITE_STATIC);
	rc = one_int(st, s, number, found, err);
	if (rc == 0 && *found)
		*published = sqlite3_column_int64(s, 1);
	sqlite3_reset(s);
	return rc;
}

int rounds_store_issue_number(struct rounds_store *st, const char *week,
			      int64_t since, int64_t until, int64_t *number,
			      struct rounds_err *err)
{
	sqlite3_stmt *s;
	bool found;
	int rc;

	if (week) {
		s = store_stmt_sql(st, SQ_ISSUE_NUMBER, "SELECT number FROM"
				   " issues WHERE week = ?1", err);
		if (s == NULL)
			return -1;
		sqlite3_bind_text(s, 1, week, -1, SQLITE_STATIC);
		rc = one_int(st, s, number, &found, err);
		sqlite3_reset(s);
	} else {
		if (store_prepare(st, "SELECT number FROM issues WHERE week"
				  " IS NULL AND since = ?2 AND until = ?3"
				  " ORDER BY number LIMIT 1", &s, err) < 0)
			return -1;
		sqlite3_bind_int64(s, 2, since);
		sqlite3_bind_int64(s, 3, until);
		rc = one_int(st, s, number, &found, err);
		sqlite3_finalize(s);
	}
	if (rc < 0 || found)
		return rc;
	if (store_prepare(st, "SELECT COALESCE(MAX(number), 0) + 1 FROM"
			  " issues", &s, err) < 0)
		return -1;
	rc = one_int(st, s, number, &found, err);
	sqlite3_finalize(s);
	if (rc == 0 && !found)
		rc = store_fail(st, "issues", err);
	return rc;
}

int rounds_store_issue_add(struct rounds_store *st,
			   const struct rounds_store_issue *is,
			   int64_t *number, struct rounds_err *err)
{
	sqlite3_stmt *s;
	bool found = false;
	int rc = -1;

	if (store_prepare(st, "INSERT INTO issues(number, week, since,"
			  " until, published, uid, title) VALUES ("
			  "(SELECT COALESCE(MAX(number), 0) + 1 FROM issues),"
			  " ?1, ?2, ?3, ?4, ?5, ?6) RETURNING number", &s,
			  err) < 0)
		return -1;
	if (store_bind_text(s, 1, is->week) == SQLITE_OK &&
	    sqlite3_bind_int64(s, 2, is->since) == SQLITE_OK &&
	    sqlite3_bind_int64(s, 3, is->until) == SQLITE_OK &&
	    sqlite3_bind_int64(s, 4, is->published) == SQLITE_OK &&
	    store_bind_text(s, 5, is->uid) == SQLITE_OK &&
	    store_bind_text(s, 6, is->title) == SQLITE_OK &&
	    one_int(st, s, number, &found, err) == 0 && found)
		rc = store_step_done(st, s, "issues", err);
	else
		store_fail(st, "issues", err);
	sqlite3_finalize(s);
	return rc;
}

int rounds_store_issue_first(struct rounds_store *st, char week[9],
			     struct rounds_err *err)
{
	sqlite3_stmt *s;
	const unsigned char *t;
	int step;

	week[0] = '\0';
	if (store_prepare(st, "SELECT week FROM issues WHERE week IS NOT NULL"
			  " ORDER BY number LIMIT 1", &s, err) < 0)
		return -1;
	step = sqlite3_step(s);
	if (step == SQLITE_ROW && (t = sqlite3_column_text(s, 0)) != NULL)
		snprintf(week, 9, "%s", (const char *)t);
	sqlite3_finalize(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return store_fail(st, "issues", err);
	return 0;
}

/* An issue recorded before issue hashes took today's form kept the hash
 * of its content's text (store_content_hash): compared once, from the
 * text the caller gives, and when it matches, replaced by the caller's
 * hash, so the issue's updated time stays. */
static int legacy_same(struct rounds_store *st, const char *week,
		       const char *recorded,
		       const struct rounds_issue_content *c, bool *same,
		       struct rounds_err *err)
{
	const char *fields[1];
	char old[33];
	sqlite3_stmt *s;
	char *text;
	int rc;

	if (c->legacy == NULL || (text = c->legacy(c->arg)) == NULL)
		return 0;
	fields[0] = text;
	store_content_hash(fields, 1, old);
	free(text);
	if (strcmp(old, recorded) != 0)
		return 0;
	*same = true;
	if (store_prepare(st, "UPDATE issues SET content_hash = ?2"
			  " WHERE week = ?1", &s, err) < 0)
		return -1;
	sqlite3_bind_text(s, 1, week, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, c->hash, -1, SQLITE_STATIC);
	rc = store_step_done(st, s, "issues", err);
	sqlite3_finalize(s);
	return rc;
}

int rounds_store_issue_seen(struct rounds_store *st, const char *week,
			    const struct rounds_issue_content *c, bool *same,
			    int64_t *updated, struct rounds_err *err)
{
	const unsigned char *t;
	char recorded[33] = "";
	sqlite3_stmt *s;
	bool found;
	int rc;

	*same = false;
	*updated = 0;
	s = store_stmt_sql(st, SQ_ISSUE_SEEN, "SELECT COALESCE(updated, 0),"
			   " content_hash FROM issues WHERE week = ?1", err);
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, week, -1, SQLITE_STATIC);
	rc = one_int(st, s, updated, &found, err);
	if (rc == 0 && found && (t = sqlite3_column_text(s, 1)) != NULL)
		snprintf(recorded, sizeof(recorded), "%s", (const char *)t);
	sqlite3_reset(s);
	if (rc < 0 || recorded[0] == '\0')
		return rc;
	if (strcmp(recorded, c->hash) == 0) {
		*same = true;
		return 0;
	}
	if (recorded[0] == 'x')
		return 0;               /* a hash of today's form: changed */
	return legacy_same(st, week, recorded, c, same, err);
}

int rounds_store_issue_changed(struct rounds_store *st, const char *week,
			       const char *hash, int64_t at,
			       int64_t *updated, struct rounds_err *err)
{
	bool found = false;
	int rc = -1;
	/* The first free second from ?3 on: a taken t whose t + 1 is free. */
	sqlite3_stmt *s = store_stmt_sql(st, SQ_ISSUE_CHANGED,
		"UPDATE issues SET content_hash = ?2, updated ="
		" (SELECT MIN(t) FROM (SELECT ?3 AS t UNION SELECT"
		" updated + 1 FROM issues WHERE updated >= ?3 AND"
		" week IS NOT ?1) WHERE t NOT IN (SELECT updated"
		" FROM issues WHERE updated IS NOT NULL AND week IS"
		" NOT ?1)) WHERE week = ?1 RETURNING updated", err);

	if (s == NULL)
		return -1;
	if (sqlite3_bind_text(s, 1, week, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(s, 2, hash, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 3, at) != SQLITE_OK)
		store_fail(st, "issues", err);
	else if (one_int(st, s, updated, &found, err) == 0 && !found)
		rounds_err_set(err, EX_SOFTWARE, "issue '%s' is not recorded",
			       week);
	else if (found)
		rc = store_step_done(st, s, "issues", err);
	sqlite3_reset(s);
	return rc;
}
