# bench/lib.sh: helpers the benchmark scripts share.  Source it.
#
# ROUNDS   the rounds binary (make bench sets it; else src/rounds or PATH)
# SRCDIR   the source tree (make bench sets it; else this file's parent)
# BENCH_OUT  where corpora and scratch files go (default ./bench/out)
# BENCH_PORT the port generated corpora are served on (default 18431)
#
# Nothing here installs anything: a missing peer is reported and its
# column shows "-".

: "${SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
if [ -z "${ROUNDS:-}" ]; then
	if [ -x src/rounds ]; then ROUNDS=$(pwd)/src/rounds
	elif [ -x "$SRCDIR/src/rounds" ]; then ROUNDS=$SRCDIR/src/rounds
	else ROUNDS=$(command -v rounds || echo rounds)
	fi
fi
: "${BENCH_OUT:=$(pwd)/bench/out}"
: "${BENCH_PORT:=18431}"
mkdir -p "$BENCH_OUT"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }

have() { command -v "$1" >/dev/null 2>&1; }

# A python3 that can import feedparser (Debian: python3-feedparser), if any.
feedparser_python() {
	local p
	for p in "${PYTHON3:-}" python3 /usr/bin/python3; do
		[ -n "$p" ] || continue
		have "$p" || [ -x "$p" ] || continue
		"$p" -c 'import feedparser' 2>/dev/null && { echo "$p"; return 0; }
	done
	return 1
}

# rounds_can ARGS: runs `rounds ARGS` once, untimed (a warm-up whose
# output the caller may use); false only when there is no rounds binary.
rounds_can() {
	[ -x "$ROUNDS" ] || return 1
	"$ROUNDS" "$@" >/dev/null 2>&1 </dev/null
	return 0
}

# measure OUTFILE CMD ARGS...: runs CMD once under GNU time; appends
# "wall user+sys maxrss_kB exit" to OUTFILE.  CMD's output is discarded
# (its stderr kept in $BENCH_OUT/last.err).
measure() {
	local out=$1 t
	shift
	t=$(mktemp "$BENCH_OUT/time.XXXXXX")
	"$TIME" -f '%e %U %S %M %x' -o "$t" "$@" >/dev/null 2>"$BENCH_OUT/last.err"
	awk '{ printf "%.3f %.3f %d %d\n", $1, $2 + $3, $4, $5 }' "$t" >>"$out"
	rm -f "$t"
}

# median FILE COLUMN: the median of column COLUMN (1-based) of FILE.
median() {
	sort -g -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c }
		END { if (NR == 0) print "nan";
		      else if (NR % 2) print v[(NR + 1) / 2];
		      else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# runs3 NAME CMD ARGS...: three runs; sets WALL CPU RSS (medians) and RC
# (the worst exit status).
runs3() {
	local f="$BENCH_OUT/runs.$1" i
	shift
	: >"$f"
	for i in 1 2 3; do measure "$f" "$@"; done
	WALL=$(median "$f" 1)
	CPU=$(median "$f" 2)
	RSS=$(median "$f" 3)
	RC=$(sort -n -k4,4 "$f" | tail -1 | awk '{ print $4 }')
}

# ratio A B: A / B with two decimals, "-" when either is missing.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "" || b == "" || a == "-" || b == "-" || b + 0 == 0)
			print "-";
		else printf "%.2f\n", a / b }'
}

# corpus_files DIR: every feed and comment-feed file of a corpus, sorted.
corpus_files() {
	find "$1/feeds" "$1/comments" -type f -name '*.xml' 2>/dev/null | sort
}

# ensure_corpus DIR ARGS...: generates a corpus with bench/gencorpus.py
# into DIR unless DIR/.args says it was made with ARGS by this generator.
ensure_corpus() {
	local dir=$1 stamp
	shift
	stamp="gencorpus $* $(cksum <"$SRCDIR/bench/gencorpus.py")"
	if [ -f "$dir/manifest.json" ] && [ -f "$dir/.args" ] &&
	   [ "$(cat "$dir/.args")" = "$stamp" ]; then
		return 0
	fi
	rm -rf "$dir"
	echo "bench: generating corpus in $dir ($*)" >&2
	"${PYTHON3:-python3}" "$SRCDIR/bench/gencorpus.py" --out "$dir" "$@" >&2 ||
		return 1
	echo "$stamp" >"$dir/.args"
}
