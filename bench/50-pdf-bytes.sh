#!/usr/bin/env bash
# PDF bytes per document of the demo month (12,000 households), to compare before/after a change to
# the PDF writer: run it on both commits. Uses 40-publish.sh's output when present.
set -euo pipefail
out=bench-data/out-12000/2026-10
if [ ! -d "$out" ]; then
  db=bench-data/publish-12000.sqlite
  [ -f "$db" ] || "$GONGKAI" demo --households 12000 --out bench-data/demo-12000 --db "$db" >/dev/null
  "$GONGKAI" publish --month 2026-10 --db "$db" --out bench-data/out-12000 >/dev/null
fi
for pdf in "$out"/*.pdf; do
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  printf '  %-28s %10d bytes  %4d pages\n' "$(basename "$pdf")" "$(stat -c %s "$pdf")" "$pages"
done
