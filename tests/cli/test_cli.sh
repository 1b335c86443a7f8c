#!/bin/sh
# The command line: help, version, options and exit codes (INTERFACE.md).
. "$SRCDIR/tests/lib.sh"

exits 0 "rounds --help" "$ROUNDS" --help
for c in parse feeds fetch digest publish send run; do
	contains "$T/out" "  $c " "--help lists '$c'"
done
exits 0 "rounds --version" "$ROUNDS" --version
contains "$T/out" "rounds 0." "--version prints the version"

for c in parse feeds fetch digest publish send run; do
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

done_testing
