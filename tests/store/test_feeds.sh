#!/bin/sh
# `rounds feeds`: add, list, remove, import, export, health.
. "$SRCDIR/tests/lib.sh"

ROUNDS_NOW=2026-11-24T12:00:00Z; export ROUNDS_NOW
DB="$T/r.db"
R() { "$ROUNDS" --db "$DB" feeds "$@"; }
PY=${PYTHON3:-python3}

# --- add / list / remove
exits 0 "add a feed" R add https://blog.example/feed --title "The Blog" \
	--tag FHIR --tag Policy
contains "$T/out" "added feed 1" "add says what it added"
exits 0 "add it again" R add https://blog.example/feed
contains "$T/out" "already subscribed" "a second add says already subscribed"
exits 0 "add an absolute path" R add /srv/feeds/local.xml
contains "$T/out" "file:///srv/feeds/local.xml" "a path becomes a file:// URL"
exits 64 "a relative path is refused" R add feeds/x.xml
contains "$T/err" "'feeds/x.xml' is not a feed URL" "the message quotes it"
exits 64 "an ftp URL is refused" R add ftp://example.org/feed
exits 64 "add without a URL" R add
exits 64 "--sync belongs to import" R add https://x.example/ --sync
exits 64 "an unknown sub-command" R frob
contains "$T/err" "'frob'" "it is named"

exits 0 "list" R list
contains "$T/out" "ID  STATUS" "list prints a header"
contains "$T/out" "The Blog" "list shows the title"
contains "$T/out" "never" "list shows a feed never fetched"
is "$(grep -c 'active' "$T/out")" 2 "two feeds listed"
exits 0 "list --json" R list --json
is "$("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d), d[0]["tags"], d[0]["title"])' "$T/out")" \
	"2 ['FHIR', 'Policy'] The Blog" "list --json carries tags and title"

exits 0 "remove by path" R remove /srv/feeds/local.xml
contains "$T/out" "removed 'file:///srv/feeds/local.xml'" "a path names its file:// URL"
exits 65 "remove it again" R remove file:///srv/feeds/local.xml
contains "$T/err" "no feed 'file:///srv/feeds/local.xml'" "says there is none"
exits 0 "add another" R add http://other.example/rss
exits 0 "remove by URL" R remove http://other.example/rss
exits 0 "remove by id" R remove 1
exits 0 "list an empty database" R list
contains "$T/out" "no feeds yet" "an empty list says so"

# --- import: the offline sample (relative xmlUrl) and the bundled list
if [ -f "$SRCDIR/feeds/sample/sample.opml" ]; then
	exits 0 "import the sample OPML" R import "$SRCDIR/feeds/sample/sample.opml"
	contains "$T/out" "6 added" "six sample feeds added"
	SAMPLE=$(cd "$SRCDIR/feeds/sample" && pwd -P)
	exits 0 "list" R list
	contains "$T/out" "file://$SAMPLE/fhir-desk/feed.xml" \
		"a relative xmlUrl resolves against the OPML file"
	exits 0 "import it again" R import "$SRCDIR/feeds/sample/sample.opml"
	contains "$T/out" "0 added, 6 already subscribed" "a second import adds none"
else
	echo "# feeds/sample/sample.opml not present: sample import not checked"
fi

H="$T/h.db"
exits 0 "import the bundled health-IT list into a fresh database" \
	"$ROUNDS" --db "$H" feeds import "$SRCDIR/feeds/health-it.opml"
n=$(grep -c 'xmlUrl=' "$SRCDIR/feeds/health-it.opml")
contains "$T/out" "$n added" "every outline of health-it.opml imports ($n)"
[ "$n" -ge 20 ] && [ "$n" -le 40 ]; ok $? "it lists 20 to 40 feeds"
ok "$(grep -c 'not verified live' "$SRCDIR/feeds/health-it.opml" | \
	awk -v n="$n" '{ print ($1 >= n) ? 0 : 1 }')" \
	"each outline says it was not verified live"
"$ROUNDS" --db "$H" feeds list --json >"$T/h.json"
is "$("$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
tags = sorted({t for f in d for t in f["tags"]})
print(all(f["tags"] for f in d), "|".join(tags), sep="|")' "$T/h.json")" \
	"True|Blogs with comment threads|News|Policy & Government|Research & Journals|Standards & FHIR" \
	"every bundled feed is tagged with its group"

# --- export: valid OPML, and it round-trips
exits 0 "export to stdout" "$ROUNDS" --db "$H" feeds export
xmllint --noout "$T/out" 2>"$T/xmllint.err"; ok $? "the export passes xmllint"
contains "$T/out" '<opml version="2.0">' "it is OPML 2.0"
contains "$T/out" "<dateCreated>Tue, 24 Nov 2026 12:00:00 GMT</dateCreated>" \
	"dateCreated follows the clock"
contains "$T/out" '<outline text="Policy &amp; Government">' "grouped by tag"
exits 0 "export -o FILE" "$ROUNDS" --db "$H" feeds export -o "$T/e.opml"
xmllint --noout "$T/e.opml"; ok $? "-o writes the file"
exits 0 "import the export into a third database" \
	"$ROUNDS" --db "$T/3.db" feeds import "$T/e.opml"
contains "$T/out" "$n added" "all feeds come back"
"$ROUNDS" --db "$T/3.db" feeds list --json >"$T/3.json"
is "$("$PY" -c '
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
key = lambda d: sorted((f["url"], f.get("title"), tuple(f["tags"])) for f in d)
print(key(a) == key(b))' "$T/h.json" "$T/3.json")" True \
	"the round trip keeps URLs, titles and tags"

# --- import --sync drops what the file no longer lists
cat >"$T/two.opml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>two</title></head>
  <body>
    <outline text="Kept">
      <outline type="rss" text="HIStalk" xmlUrl="https://histalk2.com/feed/"/>
      <outline type="rss" text="KevinMD" xmlUrl="https://www.kevinmd.com/feed/"/>
    </outline>
  </body>
</opml>
EOF
exits 0 "add a feed by hand" "$ROUNDS" --db "$H" feeds add https://mine.example/rss
exits 0 "import --sync a smaller file" "$ROUNDS" --db "$H" feeds import --sync "$T/two.opml"
contains "$T/out" "$((n - 2)) removed" "sync removes the feeds no longer listed"
"$ROUNDS" --db "$H" feeds list --json >"$T/s.json"
is "$("$PY" -c '
import json, sys
print(" ".join(sorted(f["url"] for f in json.load(open(sys.argv[1])))))' "$T/s.json")" \
	"https://histalk2.com/feed/ https://mine.example/rss https://www.kevinmd.com/feed/" \
	"the listed feeds and the hand-added one remain"

# --- bad OPML
printf '<?xml version="1.0"?>\n<opml version="2.0">\n<body>\n<outline text="a">\n</body>\n</opml>\n' >"$T/bad.opml"
exits 65 "a malformed OPML file" R import "$T/bad.opml"
contains "$T/err" "bad.opml' line 5" "the error names the file and line"
printf '<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>\n' >"$T/rss.opml"
exits 65 "an RSS file given as OPML" R import "$T/rss.opml"
contains "$T/err" "not an OPML document" "says it is not OPML"
exits 66 "a missing OPML file" R import "$T/none.opml"
contains "$T/err" "none.opml" "names the missing file"
exits 64 "import without a file" R import

# --- the run lock: a second writer does not wait forever
if command -v flock >/dev/null 2>&1; then
	printf '[rounds]\ndb = %s\nlock_wait = 0\n' "$DB" >"$T/nowait.conf"
	exits 75 "add while another run holds the lock" \
		flock "$DB.lock" "$ROUNDS" --config "$T/nowait.conf" feeds add https://l.example/
	contains "$T/err" "holds the lock" "says why"
	exits 0 "list needs no lock" \
		flock "$DB.lock" "$ROUNDS" --config "$T/nowait.conf" feeds list
else
	echo "# flock(1) not installed: the lock is not checked"
fi

# --- health
DB="$T/health.db"
for i in 1 2 3 4 5; do
	R add "https://h$i.example/feed" >/dev/null
done
exits 0 "health on healthy feeds" R health
contains "$T/out" "look fine" "nothing to report"
if command -v sqlite3 >/dev/null 2>&1; then
	now=$(date -u -d 2026-11-24T12:00:00Z +%s 2>/dev/null || echo 1795521600)
	day=86400
	sqlite3 "$DB" "
UPDATE feeds SET last_ok = $now - 9 * $day, moved_to = 'https://new.example/feed',
  moved_count = 3 WHERE id = 1;
UPDATE feeds SET status = 'gone', last_status = 410, first_error = $now - $day,
  last_error = 'HTTP 410' WHERE id = 2;
UPDATE feeds SET error_count = 6, first_error = $now - 3 * $day,
  last_error = 'connection refused', last_status = NULL WHERE id = 3;
UPDATE feeds SET last_ok = $now, last_status = 429, error_count = 1,
  first_error = $now, last_error = 'HTTP 429' WHERE id = 4;
UPDATE feeds SET last_ok = $now - $day, last_new = $now - 42 * $day WHERE id = 5;"
	exits 0 "health with problems" R health
	contains "$T/out" "moved permanently to https://new.example/feed (seen 3 times" "reports moved"
	contains "$T/out" "gone (HTTP 410)" "reports gone"
	contains "$T/out" "failing for 3 days (6 errors" "reports failing for N days"
	contains "$T/out" "connection refused" "with the last error"
	contains "$T/out" "rate-limited: HTTP 429" "reports rate-limited"
	contains "$T/out" "silent for 6 weeks" "reports silent for N weeks"
	exits 0 "health --silent-weeks 8" R health --silent-weeks 8
	grep -q "silent for" "$T/out"; ok $((! $?)) "a longer threshold hides the silent feed"
	exits 64 "a bad --silent-weeks" R health --silent-weeks soon
else
	echo "# sqlite3 not installed: health findings not checked"
fi

done_testing
