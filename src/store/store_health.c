/* store_health.c: the source-health report: which subscriptions need an
 * editor's attention, from the feed state and the fetch log. */
#include <stdlib.h>
#include <string.h>
#include "rounds/buf.h"
#include "store_int.h"

/* How many recent fetches churn is judged over, and the least of them. */
#define CHURN_FETCHES 5
#define CHURN_MIN 2

static void health_row(sqlite3_stmt *s, void *elem)
{
	struct rounds_health *h = elem;

	h->feed_id = sqlite3_column_int64(s, 0);
	h->url = store_col_text(s, 1);
	h->title = store_col_text(s, 2);
	h->detail = store_col_text(s, 3);
	h->since = sqlite3_column_int64(s, 4);
	h->value = sqlite3_column_int64(s, 5);
	if (sqlite3_column_count(s) > 6)
		h->until = sqlite3_column_int64(s, 6);
}

/* Each query returns id, url, title, detail, since, value (and may
 * return until). */
static const struct {
	enum rounds_health_kind kind;
	const char *sql;
} checks[] = {
	{ ROUNDS_HEALTH_MOVED,
	  "SELECT id, url, COALESCE(user_title, title), moved_to,"
	  " (SELECT max(seen) FROM redirects r WHERE r.feed_id = f.id),"
	  " moved_count FROM feeds f WHERE moved_to IS NOT NULL"
	  " ORDER BY id" },
	{ ROUNDS_HEALTH_GONE,
	  "SELECT id, url, COALESCE(user_title, title), last_error,"
	  " first_error, last_status FROM feeds WHERE status = 'gone'"
	  " ORDER BY id" },
	{ ROUNDS_HEALTH_FAILING,
	  "SELECT id, url, COALESCE(user_title, title), last_error,"
	  " first_error, error_count FROM feeds"
	  " WHERE status = 'active' AND error_count > 0"
	  " AND COALESCE(last_status, 0) NOT IN (429, 503)"
	  " ORDER BY first_error, id" },
	{ ROUNDS_HEALTH_RATE_LIMITED,
	  "SELECT id, url, COALESCE(user_title, title), last_error,"
	  " COALESCE(first_error, last_fetch), last_status FROM feeds"
	  " WHERE status = 'active' AND last_status IN (429, 503)"
	  " ORDER BY id" },
	{ ROUNDS_HEALTH_SILENT,
	  "SELECT id, url, COALESCE(user_title, title), NULL,"
	  " COALESCE(last_new, added), 0 FROM feeds"
	  " WHERE status = 'active' AND last_ok IS NOT NULL"
	  " AND COALESCE(last_new, added) <= ?1 - ?2"
	  " ORDER BY COALESCE(last_new, added), id" },
	/* The first fetch of a feed finds every id new: leave it out. */
	{ ROUNDS_HEALTH_CHURN,
	  "SELECT f.id, f.url, COALESCE(f.user_title, f.title), NULL,"
	  " min(l.started), 100 * sum(l.new_ids) / sum(l.n_ids)"
	  " FROM feeds f JOIN fetch_log l ON l.id IN ("
	  "  SELECT id FROM fetch_log x WHERE x.feed_id = f.id"
	  "  AND x.entry_id IS NULL AND x.result = 'ok' AND x.n_ids > 0"
	  "  AND x.id > (SELECT min(id) FROM fetch_log y"
	  "   WHERE y.feed_id = f.id AND y.entry_id IS NULL"
	  "   AND y.result = 'ok')"
	  "  ORDER BY x.started DESC, x.id DESC LIMIT ?3)"
	  " WHERE f.status = 'active'"
	  " GROUP BY f.id HAVING count(*) >= ?4"
	  " AND 2 * sum(l.new_ids) >= sum(l.n_ids) ORDER BY f.id" },
	{ ROUNDS_HEALTH_LOOKS_PAUSED,
	  "SELECT id, url, COALESCE(user_title, title), NULL, 0,"
	  " look_misses, look_until FROM feeds"
	  " WHERE status = 'active' AND look_pauses > 0 ORDER BY id" },
};

static int run_check(struct rounds_store *st, size_t i, int64_t now,
		     int64_t silent_s, void **rows, size_t *n,
		     struct rounds_err *err)
{
	sqlite3_stmt *s;
	size_t first = *n;
	int np;

	if (store_prepare(st, checks[i].sql, &s, err) < 0)
		return -1;
	np = sqlite3_bind_parameter_count(s);
	if (np >= 2) {
		sqlite3_bind_int64(s, 1, now);
		sqlite3_bind_int64(s, 2, silent_s);
	}
	if (np >= 4) {
		sqlite3_bind_int(s, 3, CHURN_FETCHES);
		sqlite3_bind_int(s, 4, CHURN_MIN);
	}
	if (store_read_rows(st, s, "health report",
			    sizeof(struct rounds_health), rows, n, health_row,
			    err) < 0)
		return -1;
	for (; first < *n; first++)
		((struct rounds_health *)*rows)[first].kind = checks[i].kind;
	return 0;
}

int rounds_store_health(struct rounds_store *st, int64_t now,
			int64_t silent_s, struct rounds_health **rows,
			size_t *n, struct rounds_err *err)
{
	void *v = NULL;
	size_t i, cnt = 0;

	*rows = NULL;
	*n = 0;
	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		if (run_check(st, i, now, silent_s, &v, &cnt, err) < 0) {
			rounds_store_health_free(v, cnt);
			return -1;
		}
	}
	*rows = v;
	*n = cnt;
	return 0;
}

void rounds_store_health_free(struct rounds_health *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].url);
		free(rows[i].title);
		free(rows[i].detail);
	}
	free(rows);
}

const char *rounds_health_kind_name(enum rounds_health_kind k)
{
	switch (k) {
	case ROUNDS_HEALTH_MOVED:
		return "moved";
	case ROUNDS_HEALTH_GONE:
		return "gone";
	case ROUNDS_HEALTH_FAILING:
		return "failing";
	case ROUNDS_HEALTH_RATE_LIMITED:
		return "rate-limited";
	case ROUNDS_HEALTH_SILENT:
		return "silent";
	case ROUNDS_HEALTH_CHURN:
		return "churn";
	case ROUNDS_HEALTH_LOOKS_PAUSED:
		return "looks-paused";
	}
	return "?";
}
