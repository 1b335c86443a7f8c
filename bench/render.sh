#!/bin/sh
# bench/render.sh: digest and publish times on a large database.
#
#   sh bench/render.sh [--entries 10000] [--comments-per-entry 5] [--feeds 50]
#
# Builds a database of 10,000 entries (50 feeds, spread evenly over the
# 100 ISO weeks up to 2026-W47) and 50,000 comments (5 per entry, two of
# them nested replies): rounds creates the schema (store.h), the sqlite3
# CLI fills it with generated rows.  Then, with the clock fixed at
# 2026-11-24T12:00:00Z, it times (median of 3):
#
#   rounds digest --week 2026-W47 --format model   (target < 1 s)
#   rounds digest --week 2026-W47 --format html
#   rounds publish DIR   into an empty DIR: 100 weekly issues
#                        (targets < 2 s, peak RSS < 64 MiB)
#   rounds publish DIR   again, nothing changed: files rewritten must be 0,
#                        target < 0.3 s (only fingerprints are compared)
#   rounds publish DIR   after one comment of the last week changed: its
#                        issue page, the index, the feeds and the river
#                        are rendered (6 files)
#   rounds publish --full DIR   nothing changed, every page rendered
#
# Peak RSS is GNU time's maximum resident set size of the process.
# Needs: sqlite3, time (GNU time).
set -u
. "$(dirname "$0")/lib.sh"

n_entries=10000
per=5
n_feeds=50
while [ $# -gt 0 ]; do
	case $1 in
	--entries) n_entries=$2; shift 2 ;;
	--comments-per-entry) per=$2; shift 2 ;;
	--feeds) n_feeds=$2; shift 2 ;;
	-h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench/render.sh: unknown option $1" >&2; exit 64 ;;
	esac
done
have sqlite3 || { echo "bench/render.sh: needs sqlite3 (apt-get install sqlite3)" >&2; exit 69; }

NOW=2026-11-24T12:00:00Z
export ROUNDS_NOW=$NOW
UNTIL=$(date -u -d 2026-11-23T00:00:00Z +%s)   # the end of 2026-W47
SPAN=$((100 * 604800))                          # 100 weeks
W=$BENCH_OUT/render
rm -rf "$W" && mkdir -p "$W"
DB=$W/rounds.db
cat >"$W/rounds.conf" <<EOF
[rounds]
db = rounds.db
[digest]
max_comments = 5
[site]
dir = site
title = Health IT Rounds (bench)
url = https://rounds.example/
max_issues = 100
EOF

# The schema comes from rounds itself.
if ! "$ROUNDS" --config "$W/rounds.conf" -q feeds list >/dev/null 2>"$W/err"; then
	echo "bench/render.sh: rounds could not create the database:" >&2
	cat "$W/err" >&2
	exit 1
fi

t0=$(date +%s.%N)
sqlite3 "$DB" >/dev/null <<EOF
PRAGMA journal_mode = WAL;
PRAGMA foreign_keys = ON;
BEGIN;
CREATE TEMP TABLE para(k INTEGER PRIMARY KEY, txt TEXT);
INSERT INTO para VALUES
 (0, 'The go-live command center closed its last ticket on Friday, and the unit managers asked for the same huddle format to stay.'),
 (1, 'Our interface team mapped every inbound lab code before the cutover, which took three weeks longer than planned and saved us far more.'),
 (2, 'Patients used the portal&rsquo;s new scheduling screen twice as often as the old one, mostly in the evening.'),
 (3, 'The privacy office reviewed each third-party script on patient-facing pages and removed the ones nobody could explain.'),
 (4, 'Remote monitoring alerts fell from two hundred a day to about twenty once cardiology set the thresholds.'),
 (5, 'Prior authorization requests through the payer API came back in hours instead of days for the services it covered.'),
 (6, 'The ambient documentation pilot cut after-hours charting by nearly half, and every note is still read and signed.'),
 (7, 'Matching inbound records on a verified phone number moved the match rate by two points; addresses moved it one more.'),
 (8, 'The quality committee asked for one dashboard instead of six, and for definitions printed beside every measure.'),
 (9, 'Downtime drills showed that the backup workstations worked and that few people knew where they were.'),
 (10, 'Small practices in the ACO asked for the benchmark model in writing; two of them got it.'),
 (11, 'Interpreters booked with the appointment joined video visits on time; on-demand ones often did not.');
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $n_feeds - 1)
INSERT INTO feeds(id, url, title, site_link, added, origin)
SELECT i + 1, 'https://blog' || i || '.example/feed/', 'Bench Blog ' || i,
       'https://blog' || i || '.example/', $UNTIL - $SPAN, 'cli' FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $n_entries - 1)
INSERT INTO entries(id, feed_id, guid, link, canonical, title, authors,
	categories, published, updated, summary, content, content_hash,
	comments_link, comments_feed, comment_count, first_seen, last_seen)
SELECT i + 1, 1 + i % $n_feeds,
       'tag:blog' || (i % $n_feeds) || '.example,2026:post-' || i,
       'https://blog' || (i % $n_feeds) || '.example/posts/' || i || '/',
       'https://blog' || (i % $n_feeds) || '.example/posts/' || i || '/',
       'Field note ' || i || ': ' || substr((SELECT txt FROM para WHERE k = i % 12), 1, 60),
       '[{"name":"Author ' || (i % 37) || '"}]',
       '["' || CASE i % 4 WHEN 0 THEN 'EHR' WHEN 1 THEN 'FHIR' WHEN 2 THEN 'HIPAA' ELSE 'Telehealth' END || '"]',
       $UNTIL - 1 - i * ($SPAN / $n_entries), $UNTIL - 1 - i * ($SPAN / $n_entries),
       (SELECT txt FROM para WHERE k = i % 12),
       '<p>' || (SELECT txt FROM para WHERE k = i % 12) || '</p><p>' ||
       (SELECT txt FROM para WHERE k = (i * 5 + 3) % 12) || '</p><ul><li>' ||
       (SELECT txt FROM para WHERE k = (i * 7 + 1) % 12) || '</li><li>' ||
       (SELECT txt FROM para WHERE k = (i * 11 + 2) % 12) || '</li></ul><p>' ||
       (SELECT txt FROM para WHERE k = (i + 6) % 12) || '</p>',
       'h' || i,
       'https://blog' || (i % $n_feeds) || '.example/posts/' || i || '/#comments',
       'https://blog' || (i % $n_feeds) || '.example/posts/' || i || '/feed/',
       $per,
       $UNTIL - 1 - i * ($SPAN / $n_entries), $UNTIL - 1 - i * ($SPAN / $n_entries)
FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $n_entries * $per - 1)
INSERT INTO comments(entry_id, guid, parent_guid, author, link, published,
	content, content_hash, first_seen)
SELECT e.id, e.link || '#comment-' || (n.i % $per),
       CASE n.i % $per WHEN 2 THEN e.link || '#comment-0'
                       WHEN 3 THEN e.link || '#comment-2' ELSE NULL END,
       '{"name":"Reader ' || (n.i % 97) || '"}',
       e.link || '#comment-' || (n.i % $per),
       e.published + 600 * (1 + n.i % $per),
       '<p>' || (SELECT txt FROM para WHERE k = n.i % 12) || '</p>',
       'c' || n.i, e.published + 600 * (1 + n.i % $per)
FROM n JOIN entries e ON e.id = 1 + n.i / $per;
COMMIT;
ANALYZE;
EOF
t1=$(date +%s.%N)
counts=$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM entries) || ' entries, ' ||
	(SELECT count(*) FROM comments) || ' comments, ' ||
	(SELECT count(*) FROM feeds) || ' feeds'")
dbsize=$(du -k "$DB" | cut -f1)
echo "render: $counts ($dbsize kB; filled in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s), clock $NOW"

R="$ROUNDS --config $W/rounds.conf -q"
rows=$W/rows
: >"$rows"
verdict() {     # verdict SECONDS TARGET
	awk -v s="$1" -v t="$2" 'BEGIN { if (t == "") print "";
		else if (s + 0 < t + 0) printf "ok (< %s s)\n", t;
		else printf "MISSED (target < %s s)\n", t }'
}
rss_verdict() { # rss_verdict KB TARGET_MIB
	awk -v k="$1" -v t="$2" 'BEGIN { if (k + 0 < t * 1024)
		printf "RSS ok (< %s MiB)", t;
		else printf "RSS MISSED (target < %s MiB)", t }'
}
timed() {       # timed NAME TARGET CMD...: median of 3
	local name=$1 target=$2
	shift 2
	runs3 render "$@"
	if [ "$RC" != 0 ]; then
		echo "$name|n/a|n/a|n/a|exit $RC: $(head -c 70 "$BENCH_OUT/last.err" | tr '\n' ' ')" >>"$rows"
	else
		echo "$name|$WALL|$CPU|$RSS|$(verdict "$WALL" "$target")" >>"$rows"
	fi
}

if rounds_can --config "$W/rounds.conf" -q digest --week 2026-W47 --format model -o "$W/model.json"; then
	timed "digest --format model" 1 sh -c "$R digest --week 2026-W47 --format model -o '$W/model.json'"
	timed "digest --format html" 1 sh -c "$R digest --week 2026-W47 --format html -o '$W/digest.html'"
	arts=$(grep -c '"link"' "$W/model.json" 2>/dev/null || echo 0)
else
	echo "digest|n/a|n/a|n/a|no rounds binary" >>"$rows"
	arts=
fi

written=
copydb() { rm -f "$1" "$1-wal" "$1-shm"; sqlite3 "$DB" ".backup '$1'"; }
copydb "$W/probe.db"
if rounds_can --config "$W/rounds.conf" --db "$W/probe.db" -q publish "$W/probe-site"; then
	# Cold: into an empty directory, three times (a fresh DB copy each, so
	# issue numbering starts over), median.
	: >"$W/runs.pub"
	for i in 1 2 3; do
		rm -rf "$W/site"
		copydb "$W/pub.db"
		measure "$W/runs.pub" sh -c "$ROUNDS --config $W/rounds.conf --db $W/pub.db -q publish '$W/site'"
	done
	wall=$(median "$W/runs.pub" 1); cpu=$(median "$W/runs.pub" 2); rss=$(median "$W/runs.pub" 3)
	rc=$(sort -n -k4,4 "$W/runs.pub" | tail -1 | awk '{ print $4 }')
	nfiles=$(find "$W/site" -type f | wc -l)
	if [ "$rc" = 0 ]; then
		echo "publish (100 issues, empty dir)|$wall|$cpu|$rss|$(verdict "$wall" 2); $(rss_verdict "$rss" 64); $nfiles files" >>"$rows"
	else
		echo "publish (100 issues, empty dir)|n/a|n/a|n/a|exit $rc: $(head -c 70 "$BENCH_OUT/last.err" | tr '\n' ' ')" >>"$rows"
	fi
	# Warm: the same again over the site just written (median of 3);
	# count rewritten files (a new inode or mtime means the file was
	# replaced).
	find "$W/site" -type f -printf '%i %T@ %p\n' | sort -k3 >"$W/before"
	runs3 re sh -c "$ROUNDS --config $W/rounds.conf --db $W/pub.db -q publish '$W/site'"
	find "$W/site" -type f -printf '%i %T@ %p\n' | sort -k3 >"$W/after"
	written=$(comm -13 "$W/before" "$W/after" | wc -l)
	v="files rewritten: $written"
	[ "$written" = 0 ] && v="$v (ok)" || v="$v (expected 0)"
	echo "re-publish, nothing changed|$WALL|$CPU|$RSS|$(verdict "$WALL" 0.3); $v" >>"$rows"
	# One comment of the last week (2026-W47) changes, as a fetch would
	# store it: its page, the index, the feeds and the river are
	# rendered again.
	sqlite3 "$W/pub.db" "UPDATE comments SET content = '<p>Edited: ' ||
		content || '</p>', content_hash = content_hash || 'e' WHERE id =
		(SELECT c.id FROM comments c JOIN entries e ON e.id = c.entry_id
		 WHERE e.published >= $UNTIL - 604800 AND e.published < $UNTIL
		 ORDER BY c.id LIMIT 1)"
	: >"$W/runs.one"
	measure "$W/runs.one" sh -c "$ROUNDS --config $W/rounds.conf --db $W/pub.db -v publish '$W/site'"
	read -r wall cpu rss rc <"$W/runs.one"
	n=$(sed -n 's/.*(\([0-9]*\) rendered).*/\1/p' "$BENCH_OUT/last.err")
	echo "re-publish, one comment changed|$wall|$cpu|$rss|${n:-?} files rendered" >>"$rows"
	runs3 full sh -c "$ROUNDS --config $W/rounds.conf --db $W/pub.db -q publish --full '$W/site'"
	echo "publish --full, nothing changed|$WALL|$CPU|$RSS|every page rendered" >>"$rows"
else
	echo "publish|n/a|n/a|n/a|no rounds binary" >>"$rows"
fi

printf '%-34s %8s %8s %11s  %s\n' step wall_s cpu_s peak_RSS_kB result
while IFS='|' read -r name wall cpu rss note; do
	printf '%-34s %8s %8s %11s  %s\n' "$name" "$wall" "$cpu" "$rss" "$note"
done <"$rows"
[ -n "$arts" ] && echo "(the 2026-W47 model holds $arts objects with a link: articles, comments, sources)"
exit 0
