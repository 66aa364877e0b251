#!/usr/bin/env bash
# Renders a 7-column notice table of 1,000, 12,000 and 50,000 rows to PDF (tagged) and to HTML with
# the release binary: wall time, CPU time and peak RSS of each. Aims (issue 28): 12,000 rows to PDF in
# at most 0.7 s of CPU with the structure tree complete; PDF peak RSS at 50,000 rows within 20% of
# that at 1,000 rows.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/measure.sh
mkdir -p bench-data
declare -A pdf_cpu pdf_mib
for rows in 1000 12000 50000; do
  python3 bench/notice.py "$rows" > "bench-data/notice-$rows.json"
  measure "render $rows rows → PDF" "$GONGKAI" render "bench-data/notice-$rows.json" --pdf "bench-data/notice-$rows.pdf"
  pdf_cpu[$rows]=$MEASURED_CPU; pdf_mib[$rows]=$MEASURED_MIB
  measure "render $rows rows → HTML" "$GONGKAI" render "bench-data/notice-$rows.json" --html "bench-data/notice-$rows.html"
done
aim "12,000 rows → tagged PDF, CPU" "${pdf_cpu[12000]}" "<=" 0.7 s
aim "PDF peak RSS, 50,000 rows / 1,000 rows" "$(echo "${pdf_mib[50000]} / ${pdf_mib[1000]}" | bc -l)" "<=" 1.2 ×
