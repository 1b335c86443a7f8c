# lib.sh: TAP helpers for the shell tests.  Source it; it expects ROUNDS and
# SRCDIR from the test environment (make check sets them) and gives each
# test a scratch directory $T that is removed at exit.
: "${ROUNDS:?run through make check}" "${SRCDIR:?run through make check}"
T=$(mktemp -d "${TMPDIR:-/tmp}/rounds-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
tap_n=0
tap_failed=0

ok() {        # ok CONDITION-EXIT-CODE "description"
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# is GOT WANT "description"
is() {
	if [ "$1" = "$2" ]; then ok 0 "$3"; else
		ok 1 "$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2"
	fi
}

# exits CODE "description" CMD ARGS...: runs CMD, checks its exit status;
# its stdout is in $T/out, stderr in $T/err.
exits() {
	want=$1; desc=$2; shift 2
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	is "$got" "$want" "$desc (exit $want)"
	[ "$got" = "$want" ] || sed 's/^/#   stderr: /' "$T/err" | head -5
}

# contains FILE TEXT "description"
contains() {
	if grep -qF -- "$2" "$1"; then ok 0 "$3"; else
		ok 1 "$3"
		printf '#   %s does not contain: %s\n' "$1" "$2"
		sed 's/^/#   | /' "$1" | head -10
	fi
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
