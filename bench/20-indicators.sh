#!/usr/bin/env bash
# All indicators for one month over 100,000 and 1,000,000 households with 24 months of payments, read
# from the monthly aggregates the import keeps (issue 28; docs/indicators.md "Monthly aggregates").
# Aim: 1,000,000 households in ≤ 5 s, ≤ 100 MiB. Also what keeping the aggregates costs: rebuilding
# them from the rows (`indicators --rebuild-aggregates`, the work an import that changes enrolments does).
# PostgreSQL: the 1,000,000-household files imported into the database named by $GONGKAI_BENCH_POSTGRES
# (a URL), else into a new database on a throwaway cluster started here; skipped without PostgreSQL.
set -euo pipefail
source bench/measure.sh
for n in 100000 1000000; do
  db=bench-data/indicators-$n.sqlite
  if [ ! -f "$db" ] || ! "$GONGKAI" status --db "$db" >/dev/null 2>&1; then
    echo "(generating and importing $n households once; later runs reuse $db)"
    rm -f "$db" "$db"-*
    "$GONGKAI" demo --households "$n" --out "bench-data/demo-$n" --db "$db" >/dev/null
  fi
  measure "indicators --month 2026-10, $n households, SQLite" "$GONGKAI" indicators --month 2026-10 --format csv --db "$db"
done
aim "indicators, 1,000,000 households, SQLite (wall)" "$MEASURED_WALL" "<=" 5 s
aim "indicators, 1,000,000 households, SQLite (memory)" "$MEASURED_MIB" "<=" 100 MiB
measure "indicators --rebuild-aggregates, 1,000,000 households, SQLite" "$GONGKAI" indicators --rebuild-aggregates --db "$db"

url=${GONGKAI_BENCH_POSTGRES:-}
if [ -z "$url" ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ]; then echo "(no PostgreSQL installed: make deps installs it; PostgreSQL indicators skipped)"; exit 0; fi
  cluster=$(mktemp -d /tmp/gongkai-bench-postgres.XXXXXX)
  bash tools/postgres-cluster.sh start "$cluster" >/dev/null
  trap 'bash tools/postgres-cluster.sh stop "$cluster"' EXIT
  as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  as_owner "$bin/createdb" -h "$cluster" -U postgres -T template0 --encoding=UTF8 --lc-collate=C --lc-ctype=C.UTF-8 bench_indicators
  url="postgresql://postgres@/bench_indicators?host=$cluster"
  measure "import 1,000,000 households, PostgreSQL" "$GONGKAI" import bench-data/demo-1000000 --db "$url"
fi
measure "indicators --month 2026-10, 1000000 households, PostgreSQL" "$GONGKAI" indicators --month 2026-10 --format csv --db "$url"
aim "indicators, 1,000,000 households, PostgreSQL (wall)" "$MEASURED_WALL" "<=" 5 s
measure "indicators --rebuild-aggregates, 1,000,000 households, PostgreSQL" "$GONGKAI" indicators --rebuild-aggregates --db "$url"
