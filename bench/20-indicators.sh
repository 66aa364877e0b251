#!/usr/bin/env bash
# All indicators for one month over 100,000 and 1,000,000 households with 24 months of payments, read
# from the monthly aggregates the import keeps (issue 28; docs/indicators.md "Monthly aggregates").
# Aim: 1,000,000 households in ≤ 5 s, ≤ 100 MiB. Also what keeping the aggregates costs: rebuilding
# them from the rows (`indicators --rebuild-aggregates`, the work an import that changes enrolments does).
# PostgreSQL: the database named by $GONGKAI_BENCH_POSTGRES (a URL, already holding the 1,000,000-household
# demo), else the demo's files imported into a new database on a throwaway cluster started here (the
# import is measured too); skipped without PostgreSQL.
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

given=${GONGKAI_BENCH_POSTGRES:-}
bench_postgres bench_indicators || exit 0
url=$BENCH_POSTGRES_URL
if [ -z "$given" ]; then
  measure "import 1,000,000 households, PostgreSQL" "$GONGKAI" import bench-data/demo-1000000 --db "$url"
fi
measure "indicators --month 2026-10, 1000000 households, PostgreSQL" "$GONGKAI" indicators --month 2026-10 --format csv --db "$url"
aim "indicators, 1,000,000 households, PostgreSQL (wall)" "$MEASURED_WALL" "<=" 5 s
aim "indicators, 1,000,000 households, PostgreSQL (memory)" "$MEASURED_MIB" "<=" 100 MiB
measure "indicators --rebuild-aggregates, 1,000,000 households, PostgreSQL" "$GONGKAI" indicators --rebuild-aggregates --db "$url"
