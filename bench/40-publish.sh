#!/usr/bin/env bash
# The whole monthly publication for the 12,000-household demo and for 50,000 households.
# Aim (issue 28): 12,000 households in at most 2.5 s wall on 2 cores.
set -euo pipefail
source bench/measure.sh
for n in 12000 50000; do
  db=bench-data/publish-$n.sqlite
  if [ ! -f "$db" ]; then
    "$GONGKAI" demo --households "$n" --out "bench-data/demo-$n" --db "$db" >/dev/null
  fi
  rm -rf "bench-data/out-$n"
  measure "publish --month 2026-10, $n households" "$GONGKAI" publish --month 2026-10 --db "$db" --out "bench-data/out-$n"
  if [ "$n" = 12000 ]; then aim "publish, 12,000 households, wall" "$MEASURED_WALL" "<=" 2.5 s; fi
done
