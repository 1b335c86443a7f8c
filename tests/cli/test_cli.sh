#!/bin/sh
# The command line: help, version, options and exit codes (INTERFACE.md).
. "$SRCDIR/tests/lib.sh"

exits 0 "rounds --help" "$ROUNDS" --help
for c in parse feeds fetch digest publish send run config; do
	contains "$T/out" "  $c " "--help lists '$c'"
done
exits 0 "rounds --version" "$ROUNDS" --version
contains "$T/out" "rounds 0." "--version prints the version"

for c in parse feeds fetch digest publish send run config; do
	exits 0 "rounds $c --help" "$ROUNDS" "$c" --help
	contains "$T/out" "usage: rounds $c" "'$c --help' prints its usage"
	exits 0 "rounds $c -h" "$ROUNDS" "$c" -h
	exits 64 "rounds $c with a bad option" "$ROUNDS" "$c" --no-such-option
	contains "$T/err" "'--no-such-option'" "'$c' names the bad option"
done

exits 64 "a bad global option" "$ROUNDS" --bogus parse
contains "$T/err" "'--bogus'" "the message names the global option"
exits 64 "an unknown command" "$ROUNDS" frobnicate
contains "$T/err" "'frobnicate' is not a rounds command" "names the command"
exits 64 "no command at all" "$ROUNDS"
exits 64 "a bad --now" "$ROUNDS" --now yesterday parse --help
contains "$T/err" "'yesterday'" "the message quotes the bad time"

printf '[rounds]\ndb = x.db\nnot an ini line\n' >"$T/bad.conf"
exits 78 "a config with a syntax error" "$ROUNDS" --config "$T/bad.conf" feeds list
contains "$T/err" "line 3" "the config error names the line"
exits 66 "a --config that does not exist" "$ROUNDS" --config "$T/none.conf" feeds list

# The configuration is checked against one table (rounds config keys), the
# one rounds.conf(5) documents.
exits 0 "--help" "$ROUNDS" --help
contains "$T/out" "78 configuration wrong" "--help lists exit 78"
contains "$T/out" "rounds config keys" "--help points at the key table"
badconf() {   # badconf "FILE TEXT" "WANTED IN THE MESSAGE" "description"
	printf "$1" >"$T/c.conf"
	exits 78 "$3" "$ROUNDS" --config "$T/c.conf" --db "$T/c.db" feeds list
	contains "$T/err" "$T/c.conf" "$3: names the file"
	contains "$T/err" "$2" "$3: says what is wrong"
}
badconf '[fetch]\njobs = 2\nfrobnicate = 1\n' "line 3: [fetch] has no key 'frobnicate'" "an unknown key"
badconf '[nosuch]\nx = 1\n' "unknown section [nosuch]" "an unknown section"
badconf '[fetch]\njobs = lots\n' "a whole number from 1 to 256" "jobs = lots"
badconf '[rounds]\nlock_wait = soon\n' "[rounds] lock_wait = 'soon'" "lock_wait = soon"
badconf '[fetch]\ninterval = -5\n' "interval = '-5': expected a whole number from 0" "interval = -5"
badconf '[fetch]\nintreval = 60\n' "did you mean \`interval\`?" "a misspelt key"
exits 78 "config check on a bad file" "$ROUNDS" --config "$T/c.conf" config check

printf '[fetch]\n; parallel\njobs = 3\n[topics]\nEHR = epic\n' >"$T/good.conf"
exits 0 "config check" "$ROUNDS" --config "$T/good.conf" --db "$T/x.db" config check
contains "$T/out" "valid" "config check says the file is valid"
grep "^jobs = 3 " "$T/out" | grep -qF "$T/good.conf, line 3"
ok $? "a file's key names the file and line"
grep "^interval = 3600 " "$T/out" | grep -q "; default"
ok $? "an unset key shows its default"
grep "^db = $T/x.db " "$T/out" | grep -q "; command line"
ok $? "--db shows as from the command line"
contains "$T/out" "EHR = epic" "config check shows [topics]"
exits 0 "config keys" "$ROUNDS" config keys
missing=
while read -r sec key _; do
	key=${key%:}
	[ "$key" = NAME ] && continue
	grep -E '^\.B ' "$SRCDIR/man/rounds.conf.5" |
		grep -qE "(^\.B |fB)$key(\\\\|\$)" ||
		missing="$missing $sec $key"
done <"$T/out"
is "$missing" "" "rounds.conf(5) documents every key of the table"

for page in rounds.1 rounds.conf.5; do
	for sec in FILES ENVIRONMENT "EXIT STATUS" EXAMPLES; do
		contains "$SRCDIR/man/$page" ".SH $sec" "$page has $sec"
	done
done
contains "$SRCDIR/man/rounds.1" "ROUNDS_TEST_KILL_BEFORE_RENAME" \
	"rounds(1) documents the fault-injection hook"

# HTML POLICY names every element the sanitiser's table keeps (h1-h6 as
# one), and says that class, style and id stay out.
contains "$SRCDIR/man/rounds.1" ".SH HTML POLICY" "rounds.1 has HTML POLICY"
kept=$(sed -n '/^\.B Elements kept/,/^\.TP/p' "$SRCDIR/man/rounds.1" |
	tr ' .' '\n\n')
missing=
for el in $(sed -n 's/^\t{ "\([a-z0-9]*\)", A[ ,].*/\1/p' \
	"$SRCDIR/src/text/html_policy.c"); do
	case $el in h[1-6]) el='h1\(enh6' ;; esac
	printf '%s\n' "$kept" | grep -qxF "$el" || missing="$missing $el"
done
is "$missing" "" "rounds(1) HTML POLICY names every element kept"
contains "$SRCDIR/man/rounds.1" '\fBclass\fR, \fBstyle\fR and \fBid\fR' \
	"rounds(1) HTML POLICY says class, style and id stay out"

# -q: quiet, except a failure a person should act on, said once.
Q="$T/q.db"
exits 0 "subscribe to a file that is not there" "$ROUNDS" --db "$Q" feeds add "$T/missing.xml"
ROUNDS_NOW=2026-11-24T12:00:00Z exits 0 "-q fetch with a feed failing" "$ROUNDS" --db "$Q" -q fetch
contains "$T/err" "missing.xml" "-q shows a feed failing for the first time"
is "$(cat "$T/out")" "" "-q prints no summary"
ROUNDS_NOW=2026-11-25T12:00:00Z exits 0 "-q fetch --all again" "$ROUNDS" --db "$Q" -q fetch --all
is "$(cat "$T/err" "$T/out")" "" "-q is silent when the same feed fails again"
ROUNDS_NOW=2026-11-25T12:00:00Z exits 0 "fetch --all without -q" "$ROUNDS" --db "$Q" fetch --all
contains "$T/err" "missing.xml" "without -q every failure is shown"

done_testing
