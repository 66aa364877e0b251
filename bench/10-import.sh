#!/usr/bin/env bash
# Import throughput: the 100,000-household demo files into a new database (aim: ≥ 100,000 rows/s on
# SQLite, ≥ 50,000 rows/s on PostgreSQL through COPY), then the same files again (nothing changes).
# PostgreSQL: the database named by $GONGKAI_BENCH_POSTGRES (a URL), else a new one on a throwaway
# cluster started here and stopped after (tools/postgres-cluster.sh); skipped without PostgreSQL.
set -euo pipefail
source bench/measure.sh
data=bench-data/import-100k
if [ ! -f "$data/payments.csv" ]; then
  "$GONGKAI" demo --households 100000 --no-import --out "$data" >/dev/null
fi
rows=$(( $(cat "$data"/*.csv | wc -l) - $(ls "$data"/*.csv | wc -l) ))

# `throughput LABEL DB AIM`: imports the files into DB, prints wall time and rows/s against AIM rows/s,
# then re-imports them.
throughput() {
  local label=$1 db=$2 target=$3 start end rate
  start=$(date +%s.%N)
  measure "import 100,000 households ($rows rows), $label" "$GONGKAI" import "$data" --db "$db"
  end=$(date +%s.%N)
  rate=$(echo "$rows / ($end - $start)" | bc -l)
  printf '%-52s %8.0f rows/s\n' "import throughput, $label" "$rate"
  aim "import throughput, $label" "$rate" ">=" "$target" rows/s
  measure "re-import the same files (no changes), $label" "$GONGKAI" import "$data" --db "$db"
}

rm -f bench-data/import.sqlite*
throughput SQLite bench-data/import.sqlite 100000

bench_postgres bench_import || exit 0
throughput PostgreSQL "$BENCH_POSTGRES_URL" 50000
