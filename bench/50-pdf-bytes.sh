#!/usr/bin/env bash
# PDF bytes per document of the demo month (12,000 households), and how many of them are embedded
# font programs (CFF streams), to compare before/after a change to the PDF writer: run it on both
# commits. Uses 40-publish.sh's output when present.
set -euo pipefail
out=bench-data/out-12000/2026-10
if [ ! -d "$out" ]; then
  db=bench-data/publish-12000.sqlite
  [ -f "$db" ] || "$GONGKAI" demo --households 12000 --out bench-data/demo-12000 --db "$db" >/dev/null
  "$GONGKAI" publish --month 2026-10 --db "$db" --out bench-data/out-12000 >/dev/null
fi
# Sum of the (compressed) lengths of the CIDFontType0C streams: Cairo writes each font program's
# dictionary, with that subtype, just before its `stream` keyword.
font_bytes() {
  python3 - "$1" <<'PY'
import sys
pdf = open(sys.argv[1], 'rb').read()
total, at = 0, pdf.find(b'/Subtype /CIDFontType0C')
while at >= 0:
    start = pdf.index(b'stream\n', at) + len(b'stream\n')
    total += pdf.index(b'\nendstream', start) - start
    at = pdf.find(b'/Subtype /CIDFontType0C', start)
print(total)
PY
}
for pdf in "$out"/*.pdf; do
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  printf '  %-28s %10d bytes  %4d pages  %9d bytes of fonts\n' "$(basename "$pdf")" "$(stat -c %s "$pdf")" "$pages" "$(font_bytes "$pdf")"
done
