#!/bin/sh
# A database that is not one, or is damaged, exits 74 naming the file,
# SQLite's words and what to do; `rounds db check` runs SQLite's
# integrity check.
. "$SRCDIR/tests/lib.sh"

ROUNDS_NOW=2026-11-24T12:00:00Z; export ROUNDS_NOW
PY=${PYTHON3:-python3}

DB="$T/good.db"
exits 0 "a feed added to a new database" "$ROUNDS" --db "$DB" feeds add \
	https://blog.example/feed
exits 0 "db check of a sound database" "$ROUNDS" --db "$DB" db check
contains "$T/out" "database '$DB': ok" "it says ok"

printf 'These are my notes, not a database.\n' >"$T/notes.db"
exits 74 "a file that is not a database" "$ROUNDS" --db "$T/notes.db" feeds list
contains "$T/err" "database '$T/notes.db'" "the message names the file"
contains "$T/err" "file is not a database" "with SQLite's words"
contains "$T/err" "restore it from a backup, or move it aside" \
	"and what to do"
exits 74 "db check of it" "$ROUNDS" --db "$T/notes.db" db check
contains "$T/notes.db" "These are my notes" "the file is left as it was"

# A sound file whose index no longer matches its table: SQLite opens it,
# and the check lists each problem it finds.
DB="$T/index.db"
"$ROUNDS" --db "$DB" feeds add https://a.example/feed >/dev/null &&
"$ROUNDS" --db "$DB" feeds add https://b.example/feed >/dev/null
ok $? "two feeds added"
$PY - "$DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA writable_schema=ON")
db.execute("UPDATE sqlite_schema SET sql = 'CREATE INDEX feeds_next_fetch"
           " ON feeds(url, next_fetch)' WHERE name = 'feeds_next_fetch'")
db.commit()
PY
exits 74 "db check of a database with a stale index" "$ROUNDS" --db "$DB" \
	db check
contains "$T/out" "row 1 missing from index feeds_next_fetch" \
	"each problem SQLite found is printed"
contains "$T/out" "row 2 missing from index feeds_next_fetch" \
	"all of them"
contains "$T/err" "database '$DB': 2 problems (above)" \
	"the error counts them and names the file"
contains "$T/err" "move it aside (mv '$DB' '$DB.broken')" "and says what to do"

# Many feeds, then pages in the middle overwritten.
DB="$T/hurt.db"
{
	echo '<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>'
	i=0
	while [ $i -lt 300 ]; do
		echo "<outline type=\"rss\" text=\"Blog $i\" xmlUrl=\"https://blog$i.example/a-long-enough-path/to-fill-pages/feed.xml\"/>"
		i=$((i + 1))
	done
	echo '</body></opml>'
} >"$T/many.opml"
"$ROUNDS" --db "$DB" feeds import "$T/many.opml" >/dev/null || exit 1
"$ROUNDS" --db "$DB" feeds list >/dev/null 2>&1
ok $? "the database to damage works"
$PY - "$DB" <<'PY'
import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(4096 * 2)
    f.write(b"\xa5" * 4096 * 3)
PY
exits 74 "db check of a damaged database" "$ROUNDS" --db "$DB" db check
contains "$T/err" "database '$DB'" "the message names the file"
contains "$T/err" "move it aside (mv '$DB' '$DB.broken')" "and says what to do"
exits 74 "feeds list on it" "$ROUNDS" --db "$DB" feeds list

done_testing
