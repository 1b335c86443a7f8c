#!/bin/sh
# `rounds parse` on the command line: output shape, several files, stdin,
# options, exit codes and messages (INTERFACE.md).
. "$SRCDIR/tests/lib.sh"
D="$SRCDIR/tests/data/parse"

json() {      # json FILE PYTHON-EXPR: prints the expression over the JSON
	"${PYTHON3:-python3}" -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
print(eval(sys.argv[2]))' "$1" "$2"
}

exits 0 "one file" "$ROUNDS" parse "$D/rss10.xml"
is "$(wc -l <"$T/out" | tr -d ' ')" 1 "one file: one line of JSON"
is "$(json "$T/out" '"source" in d')" False "one file: no source key"
is "$(json "$T/out" 'd["format"]')" rss10 "the format is named"

exits 0 "--pretty" "$ROUNDS" parse --pretty "$D/rss10.xml"
ok "$([ "$(wc -l <"$T/out")" -gt 10 ]; echo $?)" "--pretty indents"

exits 0 "from stdin" sh -c '"$1" parse <"$2"' sh "$ROUNDS" "$D/atom10.xml"
is "$(json "$T/out" 'd["feed"]["title"]')" "Interop < North>" "stdin is read (a < that would start a tag gets a space)"
exits 0 "'-' is stdin" sh -c '"$1" parse - <"$2"' sh "$ROUNDS" "$D/atom10.xml"

exits 0 "several files" "$ROUNDS" parse "$D/rss10.xml" "$D/atom10.xml" \
	"$D/jsonfeed11.json"
is "$(wc -l <"$T/out" | tr -d ' ')" 3 "several files: one line each"
is "$(sed -n 2p "$T/out" | "${PYTHON3:-python3}" -c '
import json, sys; print(json.load(sys.stdin)["source"])')" "$D/atom10.xml" \
	"each line names its source, in order"

printf '<html><body>not a feed</body></html>\n' >"$T/page.html"
exits 65 "an HTML page" "$ROUNDS" parse "$T/page.html"
contains "$T/err" "'$T/page.html'" "the message names the file"
contains "$T/err" "no feed" "the message says there is no feed"
contains "$T/err" "<html>" "the message names the root element"
is "$(wc -c <"$T/out" | tr -d ' ')" 0 "nothing on stdout"

: >"$T/empty.xml"
exits 65 "an empty file" "$ROUNDS" parse "$T/empty.xml"
printf 'just some words\n' >"$T/words.txt"
exits 65 "plain text" "$ROUNDS" parse "$T/words.txt"
printf '{"hello": "world"}' >"$T/other.json"
exits 65 "JSON that is no JSON Feed" "$ROUNDS" parse "$T/other.json"
contains "$T/err" "JSON Feed" "says it is not a JSON Feed"
printf '{"version": "https://jsonfeed.org/version/1.1", "items": [' >"$T/cut.json"
exits 65 "truncated JSON" "$ROUNDS" parse "$T/cut.json"

exits 66 "a missing file" "$ROUNDS" parse "$T/no-such-file.xml"
contains "$T/err" "no-such-file.xml" "the message names the missing file"

exits 66 "a bad file among good ones: the worst status" "$ROUNDS" parse \
	"$D/rss10.xml" "$T/no-such-file.xml" "$T/page.html" "$D/atom10.xml"
is "$(wc -l <"$T/out" | tr -d ' ')" 2 "the good files still print"
exits 65 "65 beats 0" "$ROUNDS" parse "$T/page.html" "$D/rss10.xml"

exits 0 "a recovered document still exits 0" "$ROUNDS" parse "$D/bozo_unclosed.xml"
is "$(json "$T/out" 'd["bozo"]')" True "and is flagged bozo"

exits 0 "--base" "$ROUNDS" parse --base http://x.example/a/b.xml "$D/rss092.xml"
exits 64 "--base without a value" "$ROUNDS" parse --base
exits 0 "--charset" "$ROUNDS" parse --charset iso-8859-1 "$D/enc_charset_arg.xml"
is "$(json "$T/out" 'd["feed"]["title"]')" "Transport says cp1252: € sign" \
	"--charset is used"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Gr\374\337e</title></channel></rss>\n' >"$T/decl.xml"
exits 0 "--charset over the declaration" "$ROUNDS" parse --charset latin1 "$T/decl.xml"
is "$(json "$T/out" 'd["feed"]["title"]')" "Grüße" "the transport's charset wins"
is "$(json "$T/out" 'd["bozo"]')" False "and nothing needed repair"
exits 0 "an unknown --charset" "$ROUNDS" parse --charset x-no-such "$D/rss10.xml"
is "$(json "$T/out" 'd["bozo"]')" True "an unknown charset is read as UTF-8, flagged"

# Several files in parser threads: the output keeps the order of the files,
# and each file's error is still named, whatever the number of threads.
set -- "$D"/*.xml
for j in 1 3 8; do
	exits 65 "--jobs $j over every fixture and a bad file" "$ROUNDS" parse \
		--jobs "$j" "$@" "$T/page.html" "$@"
	mv "$T/out" "$T/out.$j"
	contains "$T/err" "page.html" "--jobs $j names the bad file"
done
is "$(wc -l <"$T/out.1" | tr -d ' ')" $(($# * 2)) "one line per good file"
cmp -s "$T/out.1" "$T/out.3" && cmp -s "$T/out.1" "$T/out.8"
ok $? "--jobs 3 and --jobs 8 print exactly what --jobs 1 prints, in order"
sources=$(sed 's/.*"source": *"\([^"]*\)".*/\1/' "$T/out.8" | head -n $#)
is "$sources" "$(printf '%s\n' "$@")" "sources come in the order given"
exits 64 "--jobs 0" "$ROUNDS" parse --jobs 0 "$D/rss10.xml"
contains "$T/err" "'0'" "the message quotes the bad value"

done_testing
