#!/usr/bin/env bash
# The whole monthly publication for the 12,000-household demo and for 50,000 households.
# Aim: 12,000 households in under 5 s.
set -euo pipefail
source bench/measure.sh
for n in 12000 50000; do
  db=bench-data/publish-$n.sqlite
  if [ ! -f "$db" ]; then
    "$GONGKAI" demo --households "$n" --out "bench-data/demo-$n" --db "$db" >/dev/null
  fi
  rm -rf "bench-data/out-$n"
  measure "publish --month 2026-10, $n households" "$GONGKAI" publish --month 2026-10 --db "$db" --out "bench-data/out-$n"
done
