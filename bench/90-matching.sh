#!/usr/bin/env bash
# Data matching (docs/matching.md): 1,000,000 rows of department lists against the members of
# 100,000 households. Aim: `match run` in ≤ 10 s on two cores. `match import` is shown beside it.
set -euo pipefail
source bench/measure.sh
db=bench-data/matching-100k.sqlite
if [ ! -f "$db" ]; then
  echo "(generating 100,000 households with their members once; later runs reuse $db)"
  "$GONGKAI" demo --households 100000 --out bench-data/demo-matching --db "$db" >/dev/null
  python3 bench/matching_lists.py members "$db" bench-data/matching-members
  "$GONGKAI" import bench-data/matching-members --db "$db" >/dev/null
fi
lists=bench-data/matching-lists
if [ ! -f "$lists/employment.csv" ]; then
  python3 bench/matching_lists.py lists "$db" "$lists"
fi
run=bench-data/matching-run.sqlite
rm -f "$run" "$run-wal" "$run-shm"
cp "$db" "$run"
rows=$(( $(cat "$lists"/*.csv | wc -l) - $(ls "$lists"/*.csv | wc -l) ))
measure "match import ($rows list rows)" "$GONGKAI" match import "$lists" --batch 2026-10-1 --db "$run"
measure "match run ($rows rows × 100,000 households)" "$GONGKAI" match run --batch 2026-10-1 --db "$run"
aim "match run, 1,000,000 rows × 100,000 households" "$MEASURED_WALL" "<=" 10 s
echo "findings written: $(sqlite3 "$run" "SELECT COUNT(*) FROM data_match WHERE rule_id IS NOT NULL"), list rows left: $(sqlite3 "$run" "SELECT COUNT(*) FROM department_list_row")"
