#!/usr/bin/env bash
# Import throughput: the 100,000-household demo files into a new database (aim: ≥ 100,000 rows/s).
set -euo pipefail
source bench/measure.sh
data=bench-data/import-100k
if [ ! -f "$data/payments.csv" ]; then
  "$GONGKAI" demo --households 100000 --no-import --out "$data" >/dev/null
fi
rows=$(( $(cat "$data"/*.csv | wc -l) - $(ls "$data"/*.csv | wc -l) ))
rm -f bench-data/import.sqlite*
start=$(date +%s.%N)
measure "import 100,000 households ($rows rows)" "$GONGKAI" import "$data" --db bench-data/import.sqlite
end=$(date +%s.%N)
printf '%-52s %8.0f rows/s\n' "import throughput" "$(echo "$rows / ($end - $start)" | bc -l)"
measure "re-import the same files (no changes)" "$GONGKAI" import "$data" --db bench-data/import.sqlite
