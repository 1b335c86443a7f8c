#!/bin/sh
# ./bootstrap prints one line per step, not every line of its tools, and
# the whole output of a step that fails.  Run on a copy of the script with
# stand-ins for dpkg-query, configure and make.
. "$SRCDIR/tests/lib.sh"

mkdir -p "$T/src" "$T/bin"
cp "$SRCDIR/bootstrap" "$T/src/"
touch "$T/src/configure.ac"
printf '#!/bin/sh\necho "checking for things... yes"\necho "creating Makefile"\n: >Makefile\n' >"$T/src/configure"
chmod +x "$T/src/configure"
touch -d '+1 minute' "$T/src/configure" 2>/dev/null || touch "$T/src/configure"
printf '#!/bin/sh\necho "install ok installed"\n' >"$T/bin/dpkg-query"
cat >"$T/bin/make" <<'MAKE'
#!/bin/sh
i=0
while [ $i -lt 200 ]; do echo "  CC  file$i.o"; i=$((i + 1)); done
if [ -n "$FAIL_MAKE" ]; then echo "file7.c:3: error: boom" >&2; exit 2; fi
MAKE
chmod +x "$T/bin/dpkg-query" "$T/bin/make"

PATH="$T/bin:$PATH" TMPDIR="$T" "$T/src/bootstrap" >"$T/out" 2>"$T/err"
is "$?" 0 "bootstrap with every package installed exits 0"
is "$(wc -l <"$T/out")" 3 "three lines: configuring, building, done"
contains "$T/out" "bootstrap: configuring (log: $T/rounds-bootstrap." \
	"the configure step is one line naming its log"
contains "$T/out" "bootstrap: building (log: " "the build is one line"
if grep -q "CC  file" "$T/out" "$T/err"; then ok 1 "no compiler lines"
else ok 0 "no compiler lines"; fi

PATH="$T/bin:$PATH" TMPDIR="$T" FAIL_MAKE=1 "$T/src/bootstrap" >"$T/out" 2>"$T/err"
is "$?" 1 "a failing build fails bootstrap"
contains "$T/err" "file7.c:3: error: boom" "the error is shown"
is "$(grep -c "CC  file" "$T/err")" 200 "with the step's whole output"
contains "$T/err" "also in $T/rounds-bootstrap." "and where its log is"

done_testing
