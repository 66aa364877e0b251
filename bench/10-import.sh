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

url=${GONGKAI_BENCH_POSTGRES:-}
if [ -z "$url" ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ]; then echo "(no PostgreSQL installed: make deps installs it; PostgreSQL import skipped)"; exit 0; fi
  cluster=$(mktemp -d /tmp/gongkai-bench-postgres.XXXXXX)
  bash tools/postgres-cluster.sh start "$cluster" >/dev/null
  trap 'bash tools/postgres-cluster.sh stop "$cluster"' EXIT
  as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  as_owner "$bin/createdb" -h "$cluster" -U postgres -T template0 --encoding=UTF8 --lc-collate=C --lc-ctype=C.UTF-8 bench_import
  url="postgresql://postgres@/bench_import?host=$cluster"
fi
throughput PostgreSQL "$url" 50000
