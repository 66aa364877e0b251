#!/usr/bin/env bash
# Renders a 7-column notice table of 1,000, 12,000 and 50,000 rows to PDF and to HTML with the
# release binary: wall time and peak RSS of each (aim: 12,000 rows to PDF under 1.5 s; PDF peak RSS
# at 50,000 rows within 20% of that at 1,000 rows).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/measure.sh
mkdir -p bench-data
for rows in 1000 12000 50000; do
  python3 bench/notice.py "$rows" > "bench-data/notice-$rows.json"
  measure "render $rows rows → PDF" "$GONGKAI" render "bench-data/notice-$rows.json" --pdf "bench-data/notice-$rows.pdf"
  measure "render $rows rows → HTML" "$GONGKAI" render "bench-data/notice-$rows.json" --html "bench-data/notice-$rows.html"
done
