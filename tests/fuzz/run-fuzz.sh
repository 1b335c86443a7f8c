#!/bin/sh
# run-fuzz.sh [SECONDS]: runs every libFuzzer target of a build configured
# with `./configure CC=clang --enable-fuzz` (run it from that build
# directory, or set BUILDDIR) for SECONDS each (default 30), over a copy of
# its seed corpus tests/fuzz/corpus/<target without "fuzz_">/.  Builds
# nothing.  Fails when a target crashes, leaks or times out; the input that
# did it is kept in the work directory it names.
secs=${1:-30}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${BUILDDIR:-$(pwd)}
work=$(mktemp -d "${TMPDIR:-/tmp}/rounds-fuzz.XXXXXX")
status=0
found=0

for t in "$build"/tests/fuzz/fuzz_*; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	case "$t" in *.o|*.c) continue ;; esac
	found=1
	name=$(basename "$t")
	seeds="$src/tests/fuzz/corpus/${name#fuzz_}"
	mkdir -p "$work/$name/corpus" "$work/$name/crashes"
	[ -d "$seeds" ] && cp "$seeds"/* "$work/$name/corpus/" 2>/dev/null
	echo "== $name: ${secs}s over $(ls "$work/$name/corpus" | wc -l) seeds"
	if "$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
		-max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$work/$name/crashes/" \
		"$work/$name/corpus" >"$work/$name/log" 2>&1; then
		grep -E "stat::number_of_executed_units|cov:" "$work/$name/log" |
			tail -2
	else
		echo "FAIL: $name; see $work/$name/log and $work/$name/crashes/"
		tail -30 "$work/$name/log"
		status=1
	fi
done
if [ "$found" = 0 ]; then
	echo "no fuzz targets in $build/tests/fuzz (configure CC=clang --enable-fuzz; make)" >&2
	exit 1
fi
[ "$status" = 0 ] && rm -rf "$work"
exit $status
