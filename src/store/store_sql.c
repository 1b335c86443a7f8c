/* store_sql.c: the store's small SQLite helpers: errors as exit codes,
 * preparing, binding, stepping and reading rows, the content hash. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define XXH_STATIC_LINKING_ONLY      /* XXH3_state_t on the stack */
#include <xxhash.h>
#include "rounds/buf.h"
#include "store_int.h"

int store_fail(struct rounds_store *st, const char *what,
	       struct rounds_err *err)
{
	int code = sqlite3_extended_errcode(st->db);
	int ex = EX_IOERR;

	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		ex = EX_TEMPFAIL;
		break;
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
	case SQLITE_TOOBIG:
		ex = EX_DATAERR;
		break;
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
	case SQLITE_PERM:
		ex = EX_CANTCREAT;
		break;
	case SQLITE_ERROR:
	case SQLITE_MISUSE:
	case SQLITE_RANGE:
		ex = EX_SOFTWARE;
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return rounds_err_set(err, EX_IOERR, "database '%s': %s: %s; "
				      "restore it from a backup, or move it "
				      "aside (mv '%s' '%s.broken') and the "
				      "next run starts a new one",
				      st->path, what, sqlite3_errmsg(st->db),
				      st->path, st->path);
	}
	return rounds_err_set(err, ex, "database '%s': %s: %s", st->path, what,
			      sqlite3_errmsg(st->db));
}

bool store_damaged(struct rounds_store *st)
{
	int code = sqlite3_extended_errcode(st->db) & 0xff;

	return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

int store_exec(struct rounds_store *st, const char *sql,
	       struct rounds_err *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, "exec", err);
	return 0;
}

int store_prepare(struct rounds_store *st, const char *sql, sqlite3_stmt **s,
		  struct rounds_err *err)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, s, NULL) != SQLITE_OK) {
		*s = NULL;
		return store_fail(st, "prepare", err);
	}
	return 0;
}

int store_each_row(struct rounds_store *st, sqlite3_stmt *s, const char *what,
		   int (*row)(void *ctx, sqlite3_stmt *s,
			      struct rounds_err *err),
		   void *ctx, struct rounds_err *err)
{
	int step;

	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		if (row(ctx, s, err) < 0)
			return -1;
	if (step != SQLITE_DONE)
		return store_fail(st, what, err);
	return 0;
}

void *store_grow(void *v, size_t n, size_t *alloc, size_t size, size_t first)
{
	if (n < *alloc)
		return v;
	*alloc = *alloc ? 2 * *alloc : first;
	return xrealloc(v, *alloc * size);
}

int store_walk(struct rounds_store *st, sqlite3_stmt *s, const char *what,
	       int (*row)(void *ctx, sqlite3_stmt *s, struct rounds_err *err),
	       void *ctx, struct rounds_err *err)
{
	int rc = store_each_row(st, s, what, row, ctx, err);

	sqlite3_finalize(s);
	return rc;
}

int store_walk_kept(struct rounds_store *st, sqlite3_stmt *s,
		    const char *what,
		    int (*row)(void *ctx, sqlite3_stmt *s,
			       struct rounds_err *err),
		    void *ctx, struct rounds_err *err)
{
	int rc = store_each_row(st, s, what, row, ctx, err);

	sqlite3_reset(s);
	return rc;
}

struct rows {
	size_t size, alloc, *n;
	void **v;
	void (*read)(sqlite3_stmt *s, void *elem);
};

static int read_row(void *ctx, sqlite3_stmt *s, struct rounds_err *err)
{
	struct rows *r = ctx;
	char *elem;

	(void)err;
	*r->v = store_grow(*r->v, *r->n, &r->alloc, r->size, 16);
	elem = (char *)*r->v + *r->n * r->size;
	memset(elem, 0, r->size);
	r->read(s, elem);
	(*r->n)++;
	return 0;
}

int store_read_rows(struct rounds_store *st, sqlite3_stmt *s,
		    const char *what, size_t size, void **v, size_t *n,
		    void (*read)(sqlite3_stmt *s, void *elem),
		    struct rounds_err *err)
{
	struct rows r = { size, *n, n, v, read };

	return store_walk(st, s, what, read_row, &r, err);
}

bool store_col_int(sqlite3_stmt *s, int i, int64_t *out)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return false;
	*out = sqlite3_column_int64(s, i);
	return true;
}

/* Two FNV-1a 64-bit sums with different offsets: not cryptographic, just
 * "did this text change".  A NULL field and "" hash differently, and each
 * field is closed by a separator so moved text changes the sum.  A byte
 * at a time: only for the short texts of drafts and issues (their stored
 * hashes stay valid); entries and comments use store_text_hash. */
void store_content_hash(const char *const *fields, size_t n, char out[33])
{
	uint64_t a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL;
	const uint64_t prime = 0x100000001b3ULL;
	const unsigned char *p;
	size_t i;

	for (i = 0; i < n; i++) {
		if (fields[i]) {
			for (p = (const unsigned char *)fields[i]; *p; p++) {
				a = (a ^ *p) * prime;
				b = (b ^ *p) * prime;
			}
			a = (a ^ 0x1f) * prime;
			b = (b ^ 0x1f) * prime;
		} else {
			a = (a ^ 0x1e) * prime;
			b = (b ^ 0x1e) * prime;
		}
		b = (b ^ (uint64_t)i) * prime;
	}
	snprintf(out, 33, "%016" PRIx64 "%016" PRIx64, a, b);
}

/* XXH3's 128-bit hash of the fields, each written as a byte saying
 * whether it is NULL, its length (8 bytes) and its bytes, so that no two
 * lists of fields read alike.  Some twenty times faster than
 * store_content_hash on article-sized texts. */
void store_text_hash(const char *const *fields, size_t n, char out[33])
{
	XXH3_state_t state;
	XXH128_hash_t h;
	unsigned char head[9];
	uint64_t len;
	size_t i;
	int k;

	XXH3_128bits_reset(&state);
	for (i = 0; i < n; i++) {
		len = fields[i] ? (uint64_t)strlen(fields[i]) : 0;
		head[0] = fields[i] != NULL;
		for (k = 0; k < 8; k++)
			head[1 + k] = (unsigned char)(len >> (8 * k));
		XXH3_128bits_update(&state, head, sizeof(head));
		if (len > 0)
			XXH3_128bits_update(&state, fields[i], (size_t)len);
	}
	h = XXH3_128bits_digest(&state);
	snprintf(out, 33, "%016" PRIx64 "%016" PRIx64, (uint64_t)h.high64,
		 (uint64_t)h.low64);
}

/* rounds_rehash(old, f1, ..., fn): the store_text_hash of the fields
 * whose store_content_hash old is, so a row unchanged since it was stored
 * still compares equal.  A comment's stored parent_guid can be older than
 * the parent it was hashed with (an update keeps the parent when none is
 * known now): old then matches the fields with a NULL last one.  An old
 * hash that matches neither is kept (it never matched its row). */
#define REHASH_MAX 8
static void rehash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *fields[REHASH_MAX];
	const char *old = (const char *)sqlite3_value_text(argv[0]);
	char sum[33];
	size_t n = (size_t)argc - 1, i;

	if (old == NULL || argc < 2 || n > REHASH_MAX) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	for (i = 0; i < n; i++)
		fields[i] = (const char *)sqlite3_value_text(argv[i + 1]);
	store_content_hash(fields, n, sum);
	if (strcmp(sum, old) != 0 && fields[n - 1] != NULL) {
		fields[n - 1] = NULL;
		store_content_hash(fields, n, sum);
	}
	if (strcmp(sum, old) != 0) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	store_text_hash(fields, n, sum);
	sqlite3_result_text(ctx, sum, -1, SQLITE_TRANSIENT);
}

int store_rehash_register(struct rounds_store *st, struct rounds_err *err)
{
	if (sqlite3_create_function_v2(st->db, "rounds_rehash", -1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC |
				       SQLITE_DIRECTONLY, NULL, rehash, NULL,
				       NULL, NULL) != SQLITE_OK)
		return store_fail(st, "register rounds_rehash", err);
	return 0;
}

int store_bind_text(sqlite3_stmt *s, int i, const char *text)
{
	if (text == NULL)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
}

int store_bind_borrowed(sqlite3_stmt *s, int i, const char *text)
{
	if (text == NULL)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
}

int store_bind_opt(sqlite3_stmt *s, int i, bool has, int64_t v)
{
	if (!has)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_int64(s, i, v);
}

int store_step_done(struct rounds_store *st, sqlite3_stmt *s,
		    const char *what, struct rounds_err *err)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(st, what, err);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

char *store_col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? xstrdup((const char *)t) : NULL;
}

/* Transactions: the outermost level is BEGIN IMMEDIATE (the write lock
 * at once, so busy_timeout applies up front); inner ones are savepoints. */
