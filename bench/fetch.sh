#!/bin/sh
# bench/fetch.sh: fetching a corpus served on 127.0.0.1, cold (empty
# state) then warm (everything unchanged: conditional requests, 304), with
# and without 50 ms of added latency per request; `rounds fetch` beside
# `newsboat -x reload` and `sfeed_update`.
#
#   sh bench/fetch.sh [--corpus DIR] [--jobs N] [--latency "0 50"]
#                     [--no-scale] [--tools "rounds newsboat sfeed"]
#                     [--runs N]
#
# Default corpus: bench/gencorpus.py's 200 feeds x 20 items with 1,000
# comment feeds, spread over 16 loopback addresses (127.0.0.1-16; real
# blogs live on many hosts, and rounds opens at most 2 connections per
# host).  Then, unless --no-scale, a 1,000-feed corpus (5,000 comment
# feeds) without added latency.  rounds gets the OPML of the main feeds and
# finds the comment feeds itself; the peers cannot, so they are given every
# URL (main and comment feeds): the same requests for all three.
#
# The server is bench/serve.py (Python, keep-alive, TCP_NODELAY, ETag and
# Last-Modified, bodies with sendfile(2); it sleeps --latency ms before
# each answer).  The latency
# floor printed is ceil(requests / jobs) x latency: no client with that
# many parallel transfers can finish sooner.  Each row is the median of
# --runs runs (default 3; each from a fresh state for the cold phase);
# the 1,000-feed rows are one run each.
#
# Peers (Debian packages; a missing one leaves its rows out): newsboat,
# sfeed (sfeed_update, which uses curl), curl.  Needs: time, python3,
# sqlite3 (to make rounds' feeds due again for the warm run).
set -u
. "$(dirname "$0")/lib.sh"

corpus=
jobs=8
latencies="0 50"
scale=1
want_tools="rounds newsboat sfeed"
runs=3
while [ $# -gt 0 ]; do
	case $1 in
	--corpus) corpus=$2; shift 2 ;;
	--jobs) jobs=$2; shift 2 ;;
	--latency) latencies=$2; shift 2 ;;
	--no-scale) scale=0; shift ;;
	--tools) want_tools=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	-h|--help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench/fetch.sh: unknown option $1" >&2; exit 64 ;;
	esac
done
PY=${PYTHON3:-python3}
W=$(mktemp -d "$BENCH_OUT/fetch.XXXXXX")
server=
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rows=$BENCH_OUT/fetch.rows
: >"$rows"

# manifest KEY: host list or port of a corpus.
manifest() {
	"$PY" -c '
import json, sys, urllib.parse
m = json.load(open(sys.argv[1] + "/manifest.json"))
u = urllib.parse.urlsplit(m["base_url"])
if sys.argv[2] == "port":
    print(m.get("port") or u.port or 80)
else:
    print(",".join(m.get("hosts") or [u.hostname]))
' "$1" "$2"
}

start_server() {       # start_server CORPUS LATENCY_MS
	local ready=$W/ready
	rm -f "$ready"
	: >"$W/requests.log"
	"$PY" "$SRCDIR/bench/serve.py" --root "$1" --port "$(manifest "$1" port)" \
		--hosts "$(manifest "$1" hosts)" --delay-ms "$2" \
		--log "$W/requests.log" >"$ready" 2>"$W/server.err" &
	server=$!
	i=0
	while ! grep -q ready "$ready" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 "$server" 2>/dev/null; then
			echo "bench/fetch.sh: the server did not start:" >&2
			cat "$W/server.err" >&2
			exit 1
		fi
		sleep 0.1
	done
}

stop_server() {
	[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
	server=
}

# --- the three clients: setup_X CORPUS makes a fresh state; cmd_X prints
# the command that fetches once (run under GNU time through sh -c);
# prewarm_X readies a warm run (outside the timing).

setup_rounds() {
	rm -rf "$W/rounds" && mkdir -p "$W/rounds"
	cat >"$W/rounds/rounds.conf" <<-EOF
	[rounds]
	db = rounds.db
	[fetch]
	comment_window_days = 3650
	jobs = $jobs
	[feeds]
	comments = $rounds_comments
	EOF
	"$ROUNDS" --config "$W/rounds/rounds.conf" -q feeds import "$1/feeds.opml"
}
cmd_rounds() {
	echo "cd '$W/rounds' && '$ROUNDS' --config rounds.conf -q fetch --jobs $jobs $ROUNDS_WARM"
}
prewarm_rounds() {
	# Make everything due again, as if the intervals had passed.
	if have sqlite3; then
		sqlite3 "$W/rounds/rounds.db" \
			"UPDATE feeds SET next_fetch = 0; UPDATE entries SET c_next_fetch = 0;"
	else
		ROUNDS_WARM=--all
	fi
}

setup_newsboat() {
	rm -rf "$W/nb" && mkdir -p "$W/nb"
	cp "$1/$urls" "$W/nb/urls"
	printf 'reload-threads %s\n' "$jobs" >"$W/nb/config"
}
cmd_newsboat() {
	echo "HOME='$W/nb' newsboat -u '$W/nb/urls' -c '$W/nb/cache.db' -C '$W/nb/config' -x reload"
}
prewarm_newsboat() {
	# newsboat 2.21 stores a feed's ETag/Last-Modified only from its second
	# reload on (newsboat issue #2734): one untimed reload first, so the
	# warm row shows its steady state.
	sh -c "$(cmd_newsboat)" >/dev/null 2>&1
}

setup_sfeed() {
	rm -rf "$W/sfeed" && mkdir -p "$W/sfeed/feeds"
	{
		echo "sfeedpath=\"$W/sfeed/feeds\""
		echo "maxjobs=$jobs"
		echo "feeds() {"
		sed 's|.*//[^/]*/||; s|/|_|g' "$1/$urls" | paste -d' ' - "$1/$urls" |
			awk '{ printf "\tfeed \"%s\" \"%s\"\n", $1, $2 }'
		echo "}"
	} >"$W/sfeed/sfeedrc"
}
cmd_sfeed() { echo "HOME='$W/sfeed' sfeed_update '$W/sfeed/sfeedrc'"; }
prewarm_sfeed() { :; }

# --- one client, cold and warm

lines() { wc -l <"$W/requests.log"; }
# The server's CPU seconds so far (it is Python: when its time nears a
# client's wall time, the server, not the client, sets the pace).
server_cpu() {
	awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' \
		"/proc/$server/stat" 2>/dev/null || echo 0
}

phase() {      # phase TOOL CORPUSNAME LATENCY PHASE
	local tool=$1 cname=$2 lat=$3 ph=$4 n0 n1 req n304 floor note s0 s1
	n0=$(lines)
	s0=$(server_cpu)
	: >"$W/t"
	measure "$W/t" sh -c "$(cmd_"$tool")"
	n1=$(lines)
	s1=$(server_cpu)
	req=$((n1 - n0))
	n304=0
	[ "$req" -gt 0 ] && n304=$(tail -n "$req" "$W/requests.log" | grep -c '^304 ')
	floor=$(awk -v r="$req" -v j="$jobs" -v l="$lat" \
		'BEGIN { printf "%.2f", int((r + j - 1) / j) * l / 1000 }')
	read -r wall cpu rss rc <"$W/t"
	note=
	[ "$rc" = 0 ] || note="exit $rc: $(head -c 70 "$BENCH_OUT/last.err" | tr '\n' ' ')"
	srv=$(awk -v a="$s0" -v b="$s1" 'BEGIN { printf "%.2f", b - a }')
	echo "$tool|$cname|$lat|$ph|$wall|$cpu|$rss|$req|$n304|$floor|$srv|$note" >>"$rows"
}

client() {     # client TOOL CORPUS CORPUSNAME LATENCY RUNS
	local i=0
	while [ "$i" -lt "$5" ]; do
		i=$((i + 1))
		ROUNDS_WARM=
		if ! setup_"$1" "$2" >"$W/setup.err" 2>&1; then
			echo "$1|$3|$4|cold|-|-|-|-|-|-|-|setup failed: $(head -c 60 "$W/setup.err")" >>"$rows"
			return
		fi
		phase "$1" "$3" "$4" cold
		prewarm_"$1"
		phase "$1" "$3" "$4" warm
	done
}

# The rows of several runs become one: the median of each figure (the
# requests, 304s and floor of the last run; the first note).
medians() {
	"$PY" -c '
import sys
rows, order = {}, []
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("|")
    k = tuple(f[:4])
    if k not in rows:
        rows[k] = []
        order.append(k)
    rows[k].append(f)
def med(vals):
    nums = sorted(float(v) for v in vals if v not in ("", "-", "n/a"))
    if not nums:
        return vals[-1]
    m = nums[len(nums) // 2] if len(nums) % 2 else \
        (nums[len(nums) // 2 - 1] + nums[len(nums) // 2]) / 2
    return "%d" % m if all("." not in v for v in vals) else "%.3f" % m
out = open(sys.argv[1], "w")
for k in order:
    rs = rows[k]
    last = list(rs[-1])
    for c in (4, 5, 6, 10):
        last[c] = med([r[c] for r in rs])
    last[11] = next((r[11] for r in rs if r[11]), "")
    last.append(str(len(rs)))
    out.write("|".join(last) + "\n")
' "$1"
}

wants() { case " $want_tools " in *" $1 "*) return 0 ;; esac; return 1; }
tools=
probe=$W/probe
mkdir -p "$probe"
printf '[rounds]\ndb = probe.db\n' >"$probe/rounds.conf"
if ! wants rounds; then :
elif (cd "$probe" && rounds_can --config rounds.conf -q fetch); then
	tools="rounds"
else
	echo "rounds|all|-|-|n/a|n/a|n/a|n/a|n/a|n/a|-|no rounds binary" >>"$rows"
fi
if ! wants newsboat; then :
elif have newsboat; then tools="$tools newsboat"
else echo "newsboat|all|-|-|-|-|-|-|-|-|-|missing: apt-get install newsboat" >>"$rows"; fi
if ! wants sfeed; then :
elif have sfeed_update && have curl; then tools="$tools sfeed"
else echo "sfeed_update|all|-|-|-|-|-|-|-|-|-|missing: apt-get install sfeed curl" >>"$rows"; fi

# What each client is given: every URL (main and comment feeds; rounds
# finds the comment feeds itself, from the feeds, and looks for no
# unannounced ones, so all make the same requests), or with --main-only
# the main feeds alone (rounds' [feeds] comments = off).
urls=urls_all
rounds_comments=feed-only
bench_corpus() {   # bench_corpus DIR NAME LATENCIES RUNS
	local dir=$1 name=$2 lat t
	for lat in $3; do
		start_server "$dir" "$lat"
		for t in $tools; do
			client "$t" "$dir" "$name" "$lat" "$4"
		done
		stop_server
	done
}

if [ -n "$corpus" ]; then
	bench_corpus "$corpus" "$(basename "$corpus")" "$latencies" "$runs"
else
	corpus=$BENCH_OUT/corpus
	ensure_corpus "$corpus" --hosts 16 --port "$BENCH_PORT" || exit 1
	urls=urls rounds_comments=off
	bench_corpus "$corpus" 200-main 0 "$runs"
	urls=urls_all rounds_comments=feed-only
	bench_corpus "$corpus" 200-feeds "$latencies" "$runs"
	if [ "$scale" = 1 ]; then
		ensure_corpus "$BENCH_OUT/corpus1000" --feeds 1000 --hosts 16 --port "$BENCH_PORT" || exit 1
		bench_corpus "$BENCH_OUT/corpus1000" 1000-feeds 0 1
	fi
fi
medians "$rows"

echo "fetch: --jobs $jobs (rounds --jobs, newsboat reload-threads, sfeed maxjobs); medians of the runs in column n"
printf '%-12s %-10s %5s %-5s %8s %8s %10s %6s %6s %7s %7s %2s  %s\n' \
	tool corpus lat_ms phase wall_s cpu_s peakRSS_kB reqs 304s floor_s srvcpu n note
while IFS='|' read -r tool cname lat ph wall cpu rss req n304 floor srv note n; do
	printf '%-12s %-10s %5s %-5s %8s %8s %10s %6s %6s %7s %7s %2s  %s\n' \
		"$tool" "$cname" "$lat" "$ph" "$wall" "$cpu" "$rss" "$req" "$n304" "$floor" "$srv" "$n" "$note"
done <"$rows"

# The goals side by side: newsboat's wall time / rounds' without added
# latency (>= 4x on the main feeds, >= 8x with the comment feeds; with
# latency both wait on the floor), rounds' wall / the latency
# floor (<= 1.3x), rounds' growth from 200 to 1,000 feeds (5x the
# requests: time should grow about 5x, peak RSS much less; < 64 MiB).
echo
echo "goals (wall-clock ratios; CPU ratios in brackets)"
awk -F'|' '
	{ k = $2 "|" $3 "|" $4; wall[$1 "|" k] = $5; cpu[$1 "|" k] = $6;
	  rss[$1 "|" k] = $7; floor[k] = $10; keys[k] = 1 }
	function ok(c) { if (c) return "ok"; return "MISSED" }
	function r(a, b) {
		if (a + 0 > 0 && b + 0 > 0) return sprintf("%.1fx", a / b);
		return "-"
	}
	END {
		for (k in keys) {
			split(k, p, "|");
			if (("rounds|" k) in wall && ("newsboat|" k) in wall &&
			    p[2] == 0) {
				goal = 8;
				if (p[1] ~ /main/) goal = 4;
				x = wall["newsboat|" k] / (wall["rounds|" k] + 1e-9);
				printf "  %-10s %3s ms %-5s newsboat/rounds %s [%s]  goal >= %dx: %s\n",
					p[1], p[2], p[3], r(wall["newsboat|" k], wall["rounds|" k]),
					r(cpu["newsboat|" k], cpu["rounds|" k]), goal,
					ok(x >= goal)
			}
			if (("rounds|" k) in wall && floor[k] + 0 > 0) {
				x = wall["rounds|" k] / floor[k];
				printf "  %-10s %3s ms %-5s rounds/floor %s (%s s / %s s)  goal <= 1.3x: %s\n",
					p[1], p[2], p[3], r(wall["rounds|" k], floor[k]),
					wall["rounds|" k], floor[k], ok(x <= 1.3)
			}
		}
		split("cold warm", phs, " ");
		for (i = 1; i <= 2; i++) {
			k1 = "rounds|200-feeds|0|" phs[i]; k2 = "rounds|1000-feeds|0|" phs[i];
			if ((k1 in wall) && (k2 in wall))
				printf "  rounds 200 -> 1000 feeds, %-5s time %s, CPU %s, peak RSS %s -> %s kB (%s)  goal < 64 MiB: %s\n",
					phs[i], r(wall[k2], wall[k1]), r(cpu[k2], cpu[k1]),
					rss[k1], rss[k2], r(rss[k2], rss[k1]),
					ok(rss[k2] + 0 < 65536)
		}
	}' "$rows" | sort
