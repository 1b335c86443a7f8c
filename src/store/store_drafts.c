/* store_drafts.c: the drafts table (a hash of each draft rounds digest
 * wrote, so an edited draft is never overwritten) and the sends table
 * (each newsletter sent, appended, never changed). */
#include <stdlib.h>
#include <string.h>
#include "store_int.h"

void rounds_store_draft_hash(const char *text, char out[33])
{
	const char *fields[1] = { text };

	store_content_hash(fields, 1, out);
}

int rounds_store_draft_put(struct rounds_store *st, const char *week,
			   const char *path, const char *text, int64_t now,
			   struct rounds_err *err)
{
	sqlite3_stmt *s;
	char hash[33];
	int rc = -1;

	rounds_store_draft_hash(text, hash);
	if (store_prepare(st, "INSERT INTO drafts(week, path, hash, written)"
			  " VALUES (?1, ?2, ?3, ?4) ON CONFLICT(week) DO"
			  " UPDATE SET path = ?2, hash = ?3, written = ?4", &s,
			  err) < 0)
		return -1;
	if (store_bind_text(s, 1, week) == SQLITE_OK &&
	    store_bind_text(s, 2, path) == SQLITE_OK &&
	    store_bind_text(s, 3, hash) == SQLITE_OK &&
	    sqlite3_bind_int64(s, 4, now) == SQLITE_OK)
		rc = store_step_done(st, s, "drafts", err);
	else
		store_fail(st, "drafts", err);
	sqlite3_finalize(s);
	return rc;
}

int rounds_store_draft_same(struct rounds_store *st, const char *week,
			    const char *text, bool *found, bool *same,
			    struct rounds_err *err)
{
	sqlite3_stmt *s;
	char hash[33];
	int step;

	*found = *same = false;
	if (store_prepare(st, "SELECT hash FROM drafts WHERE week = ?1", &s,
			  err) < 0)
		return -1;
	sqlite3_bind_text(s, 1, week, -1, SQLITE_STATIC);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*found = true;
		rounds_store_draft_hash(text, hash);
		*same = strcmp((const char *)sqlite3_column_text(s, 0),
			       hash) == 0;
	}
	sqlite3_finalize(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return store_fail(st, "drafts", err);
	return 0;
}

int rounds_store_send_add(struct rounds_store *st,
			  const struct rounds_store_send *sd,
			  struct rounds_err *err)
{
	sqlite3_stmt *s;
	char hash[33];
	int rc = -1;

	if (sd->draft)
		rounds_store_draft_hash(sd->draft, hash);
	if (store_prepare(st, "INSERT INTO sends(week, number, sent,"
			  " message_id, recipients, draft_hash) VALUES"
			  " (?1, ?2, ?3, ?4, ?5, ?6)", &s, err) < 0)
		return -1;
	if (store_bind_text(s, 1, sd->week) == SQLITE_OK &&
	    store_bind_opt(s, 2, sd->number > 0, sd->number) == SQLITE_OK &&
	    sqlite3_bind_int64(s, 3, sd->sent) == SQLITE_OK &&
	    store_bind_text(s, 4, sd->message_id) == SQLITE_OK &&
	    store_bind_text(s, 5, sd->recipients) == SQLITE_OK &&
	    store_bind_text(s, 6, sd->draft ? hash : NULL) == SQLITE_OK)
		rc = store_step_done(st, s, "sends", err);
	else
		store_fail(st, "sends", err);
	sqlite3_finalize(s);
	return rc;
}

/* Fills *out from the row s stands on; draft as in send_last. */
static void read_sent(sqlite3_stmt *s, const char *draft,
		      struct rounds_store_sent *out)
{
	const char *h = (const char *)sqlite3_column_text(s, 3);
	char hash[33];

	out->sent = sqlite3_column_int64(s, 0);
	out->message_id = store_col_text(s, 1);
	out->recipients = store_col_text(s, 2);
	out->count = sqlite3_column_int64(s, 4);
	if (draft)
		rounds_store_draft_hash(draft, hash);
	out->draft_changed = draft ? h == NULL || strcmp(h, hash) != 0 :
				     h != NULL;
}

int rounds_store_send_last(struct rounds_store *st, const char *week,
			   const char *draft, bool *found,
			   struct rounds_store_sent *out,
			   struct rounds_err *err)
{
	sqlite3_stmt *s;
	int step;

	memset(out, 0, sizeof(*out));
	*found = false;
	if (store_prepare(st, "SELECT sent, message_id, recipients,"
			  " draft_hash, (SELECT count(*) FROM sends WHERE"
			  " week = ?1) FROM sends WHERE week = ?1"
			  " ORDER BY sent DESC, id DESC LIMIT 1", &s, err) < 0)
		return -1;
	sqlite3_bind_text(s, 1, week, -1, SQLITE_STATIC);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*found = true;
		read_sent(s, draft, out);
	}
	sqlite3_finalize(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return store_fail(st, "sends", err);
	return 0;
}

void rounds_store_sent_release(struct rounds_store_sent *s)
{
	free(s->message_id);
	free(s->recipients);
	memset(s, 0, sizeof(*s));
}
