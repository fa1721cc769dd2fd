#!/bin/sh
# Builds the stock mecab-ipadic 2.7.0-20070801 dictionary (392126 entries) that the official jp-bleu used,
# from Debian's mecab-ipadic sources, which add one entry (令和, README M7). Output: $1 (default /tmp/ipadic-stock).
# Needs Debian packages mecab, mecab-ipadic (sources in /usr/share/mecab/dic/ipadic) and mecab-utils' mecab-dict-index.
set -eu
out="${1:-/tmp/ipadic-stock}"
src="$(mktemp -d)"
cp /usr/share/mecab/dic/ipadic/* "$src/"
# the sources are EUC-JP: drop the 令和 line by matching its UTF-8 form after conversion
iconv -f euc-jp -t utf-8 "$src/Noun.proper.csv" | grep -v '^令和,' | iconv -f utf-8 -t euc-jp > "$src/Noun.proper.csv.new"
mv "$src/Noun.proper.csv.new" "$src/Noun.proper.csv"
test "$(cat "$src"/*.csv | wc -l)" -eq 392126
mkdir -p "$out"
/usr/lib/mecab/mecab-dict-index -d "$src" -o "$out" -f euc-jp -t utf-8 >/dev/null
cp /var/lib/mecab/dic/ipadic-utf8/dicrc "$out/"
rm -rf "$src"
echo "$out"
