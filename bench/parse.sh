#!/bin/sh
# bench/parse.sh: parse throughput of `rounds parse` beside xmllint
# --stream, sfeed and Python's feedparser, on the same files in the same
# run.  Median of 3 runs each.
#
#   sh bench/parse.sh [--corpus DIR] [--runs N]
#
# Without --corpus it generates (once, then reuses) the default corpus of
# bench/gencorpus.py in $BENCH_OUT/corpus: 200 feeds x 20 items and 1,000
# comment feeds, about 50 MB.  Any corpus with feeds/*.xml and
# comments/*/*.xml works (e.g. one from the shared gen_corpus.py).
#
# Peers (Debian packages; a missing one leaves its row out): libxml2-utils
# (xmllint), sfeed, python3-feedparser.  Needs: time (GNU time).
set -u
. "$(dirname "$0")/lib.sh"

corpus=
runs=3
while [ $# -gt 0 ]; do
	case $1 in
	--corpus) corpus=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	-h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench/parse.sh: unknown option $1" >&2; exit 64 ;;
	esac
done
if [ -z "$corpus" ]; then
	corpus=$BENCH_OUT/corpus
	ensure_corpus "$corpus" --hosts 16 --port "$BENCH_PORT" || exit 1
fi

list=$BENCH_OUT/parse.files
corpus_files "$corpus" >"$list"
nfiles=$(wc -l <"$list")
[ "$nfiles" -gt 0 ] || { echo "bench/parse.sh: no feeds in $corpus" >&2; exit 66; }
bytes=$(tr '\n' '\0' <"$list" | xargs -0 cat | wc -c)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')

# The three-run median, as a row: name wall cpu MB/s rss note
rows=$BENCH_OUT/parse.rows
: >"$rows"
row() {        # row NAME NOTE CMD...
	local name=$1 note=$2 f="$BENCH_OUT/runs.parse" i
	shift 2
	: >"$f"
	i=0
	while [ $i -lt "$runs" ]; do measure "$f" "$@"; i=$((i + 1)); done
	WALL=$(median "$f" 1); CPU=$(median "$f" 2); RSS=$(median "$f" 3)
	RC=$(sort -n -k4,4 "$f" | tail -1 | awk '{ print $4 }')
	[ "$RC" = 0 ] || note="$note (exit $RC: $(head -c 60 "$BENCH_OUT/last.err" | tr '\n' ' '))"
	echo "$name|$WALL|$CPU|$(ratio "$mb" "$WALL")|$RSS|$note|$(ratio "$mb" "$CPU")" >>"$rows"
}

# rounds: one process over every file (several FILEs -> JSON lines), one
# parser thread, so that its CPU time compares with the one-core peers.
if rounds_can parse "$SRCDIR/feeds/sample/cmio-notes/feed.xml"; then
	row "rounds parse" "one process, --jobs 1, JSON out" \
		sh -c 'tr "\n" "\0" <"$1" | xargs -0 "$2" parse --jobs 1' sh "$list" "$ROUNDS"
else
	echo "rounds parse|n/a|n/a|n/a|n/a|no rounds binary" >>"$rows"
fi
if have xmllint; then
	row "xmllint --stream" "well-formedness only, no model" \
		sh -c 'tr "\n" "\0" <"$1" | xargs -0 xmllint --stream --noout' sh "$list"
else
	echo "xmllint --stream|-|-|-|-|missing: apt-get install libxml2-utils" >>"$rows"
fi
if have sfeed; then
	row "sfeed" "one process per file, TSV out" \
		sh -c 'while IFS= read -r f; do sfeed <"$f"; done <"$1"' sh "$list"
else
	echo "sfeed|-|-|-|-|missing: apt-get install sfeed" >>"$rows"
fi
if py=$(feedparser_python); then
	row "feedparser" "one Python process" "$py" -c '
import sys, feedparser
for line in open(sys.argv[1]):
    d = feedparser.parse(line.rstrip("\n"))
    len(d.entries)
' "$list"
else
	echo "feedparser|-|-|-|-|missing: apt-get install python3-feedparser" >>"$rows"
fi

get() { awk -F'|' -v n="$1" -v c="$2" '$1 == n { print $c }' "$rows"; }
r_mbs=$(get "rounds parse" 4)

echo "parse: $nfiles files, $mb MB ($corpus), median of $runs runs"
printf '%-18s %8s %8s %8s %9s %11s  %s\n' tool wall_s cpu_s MB/s MB/cpu_s peak_RSS_kB note
while IFS='|' read -r name wall cpu mbs rss note cmbs; do
	printf '%-18s %8s %8s %8s %9s %11s  %s\n' "$name" "$wall" "$cpu" "$mbs" "${cmbs:--}" "$rss" "$note"
done <"$rows"
echo
r_cmbs=$(get "rounds parse" 7)
printf 'ratios, by wall (by CPU): rounds/xmllint %s (%s)   rounds/feedparser %s (%s)   rounds/sfeed %s (%s)\n' \
	"$(ratio "$r_mbs" "$(get "xmllint --stream" 4)")" "$(ratio "$r_cmbs" "$(get "xmllint --stream" 7)")" \
	"$(ratio "$r_mbs" "$(get feedparser 4)")" "$(ratio "$r_cmbs" "$(get feedparser 7)")" \
	"$(ratio "$r_mbs" "$(get sfeed 4)")" "$(ratio "$r_cmbs" "$(get sfeed 7)")"
