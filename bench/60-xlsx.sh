#!/usr/bin/env bash
# Spreadsheets. Import of the 100,000-household set as .xlsx beside the same tables as CSV (aim:
# ≥ 50,000 rows/s; memory no higher than the CSV import's), and at 25,000 households to see memory
# grow with the rows kept for the one transaction, not with the workbook's size. payments (1.16
# million rows at 100,000 households) is more than a sheet holds, so the demo keeps it as CSV and
# the mixed folder is timed too. Export: indicators.xlsx over 1,000,000 households' indicators.
set -euo pipefail
source bench/measure.sh
tables="households enrolments services staff matches complaints"

# import LABEL DB FILES…: wall time, CPU time, peak RSS and rows/s of one import into a new database;
# leaves the rows/s in $rate. The import prints a line per table ("households.csv  25000 行 …").
import() {
  local label=$1 db=$2; shift 2
  rm -f "$db" "$db-wal" "$db-shm"
  local out stats
  out=$(mktemp); stats=$(mktemp)
  /usr/bin/time -f '%e %U %S %M' -o "$stats" "$GONGKAI" import "$@" --db "$db" >"$out"
  read -r secs user sys kib < <(tail -1 "$stats")
  local rows
  rows=$(awk '{for (i = 2; i <= NF; i++) if ($i == "行" || $i == "rows") s += $(i - 1)} END {print s + 0}' "$out")
  rate=$(echo "$rows / $secs" | bc -l)
  printf '%-52s %8.2f s %8.2f s CPU %9.1f MiB peak RSS %8.0f rows/s (%d rows)\n' "$label" "$secs" "$(echo "$user+$sys" | bc -l)" \
    "$(echo "$kib/1024" | bc -l)" "$rate" "$rows"
  rm -f "$out" "$stats"
}

for n in 25000 100000; do
  xlsx=bench-data/xlsx-$n csv=bench-data/csv-$n
  [ -f "$xlsx/households.xlsx" ] || { rm -rf "$xlsx"; "$GONGKAI" demo --households "$n" --format xlsx --no-import --out "$xlsx" >/dev/null 2>&1; }
  [ -f "$csv/households.csv" ] || "$GONGKAI" demo --households "$n" --no-import --out "$csv" >/dev/null
  echo "($n households: the 6 tables as workbooks $(cd "$xlsx" && du -ch $(printf '%s.xlsx ' $tables) | tail -1 | cut -f1), as CSV $(cd "$csv" && du -ch $(printf '%s.csv ' $tables) | tail -1 | cut -f1))"
  import "import $n households, 6 tables as .xlsx" bench-data/xlsx.sqlite $(printf "$xlsx/%s.xlsx " $tables)
  xlsx_rate=$rate
  import "import $n households, the same 6 tables as CSV" bench-data/csv.sqlite $(printf "$csv/%s.csv " $tables)
  printf '%-52s %8.0f rows/s .xlsx, %8.0f rows/s CSV: .xlsx at %.0f%% of CSV (aim: >= 50,000 rows/s)\n' \
    "  the same run, $n households" "$xlsx_rate" "$rate" "$(echo "100 * $xlsx_rate / $rate" | bc -l)"
  aim ".xlsx import, $n households" "$xlsx_rate" ">=" 50000 rows/s
done
import "import the 100,000 set (.xlsx + payments.csv)" bench-data/xlsx.sqlite bench-data/xlsx-100000

db=bench-data/indicators-1000000.sqlite
if [ ! -f "$db" ]; then
  echo "(generating and importing 1,000,000 households once; later runs reuse $db)"
  "$GONGKAI" demo --households 1000000 --out bench-data/demo-1000000 --db "$db" >/dev/null
fi
measure "indicators --format csv, 1,000,000 households" "$GONGKAI" indicators --month 2026-10 --format csv --db "$db"
measure "indicators --format xlsx, 1,000,000 households" "$GONGKAI" indicators --month 2026-10 --format xlsx \
  --out bench-data/indicators-1000000.xlsx --db "$db"
echo "(indicators.xlsx: $(stat -c %s bench-data/indicators-1000000.xlsx) bytes)"
