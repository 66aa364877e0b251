#!/usr/bin/env bash
# All indicators for one month over 100,000 and 1,000,000 households with 24 months of payments.
# Aim: 1,000,000 households in under 10 s, and no more than 12× the time at 100,000.
set -euo pipefail
source bench/measure.sh
for n in 100000 1000000; do
  db=bench-data/indicators-$n.sqlite
  if [ ! -f "$db" ]; then
    echo "(generating and importing $n households once; later runs reuse $db)"
    "$GONGKAI" demo --households "$n" --out "bench-data/demo-$n" --db "$db" >/dev/null
  fi
  measure "indicators --month 2026-10, $n households" "$GONGKAI" indicators --month 2026-10 --format csv --db "$db"
done
