# Sourced by the bench scripts: `measure LABEL command…` runs the command once and prints its wall
# time, CPU time (user + system: steadier than wall time when the machine is shared) and peak resident
# memory (GNU time), failing loudly if the command fails. The figures stay in MEASURED_WALL,
# MEASURED_CPU (seconds) and MEASURED_MIB for the script to compare with its aim.
measure() {
  local label=$1; shift
  local stats
  stats=$(mktemp)
  if ! /usr/bin/time -f '%e %U %S %M' -o "$stats" "$@" >/dev/null; then
    echo "benchmark command failed: $*" >&2; rm -f "$stats"; return 1
  fi
  read -r secs user sys kib < <(tail -1 "$stats")
  rm -f "$stats"
  MEASURED_WALL=$secs
  MEASURED_CPU=$(echo "$user+$sys" | bc -l)
  MEASURED_MIB=$(echo "$kib/1024" | bc -l)
  printf '%-52s %8.2f s %8.2f s CPU %9.1f MiB peak RSS\n' "$label" "$secs" "$MEASURED_CPU" "$MEASURED_MIB"
}

# `aim LABEL VALUE OP LIMIT UNIT`: prints whether VALUE OP LIMIT holds (OP is <= or >=), and by how
# much it misses when it does not.
aim() {
  local label=$1 value=$2 op=$3 limit=$4 unit=$5 met
  if [ "$op" = "<=" ]; then met=$(echo "$value <= $limit" | bc -l); else met=$(echo "$value >= $limit" | bc -l); fi
  if [ "$met" = 1 ]; then
    printf '  aim %-46s %s %s %s: met (%.2f %s)\n' "$label" "$op" "$limit" "$unit" "$value" "$unit"
  else
    printf '  aim %-46s %s %s %s: NOT met (%.2f %s, %.0f%% off)\n' "$label" "$op" "$limit" "$unit" "$value" "$unit" \
      "$(echo "($value - $limit) / $limit * 100" | bc -l | tr -d -)"
  fi
}

# `bench_postgres NAME`: the URL of a PostgreSQL database for the benchmark in BENCH_POSTGRES_URL —
# $GONGKAI_BENCH_POSTGRES when set, else a new database NAME on a throwaway cluster started here and
# stopped when the script exits (tools/postgres-cluster.sh). Returns 1, saying so, without PostgreSQL.
bench_postgres() {
  local name=$1 bin
  BENCH_POSTGRES_URL=${GONGKAI_BENCH_POSTGRES:-}
  [ -n "$BENCH_POSTGRES_URL" ] && return 0
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ]; then echo "(no PostgreSQL installed: make deps installs it; PostgreSQL skipped)"; return 1; fi
  BENCH_POSTGRES_CLUSTER=$(mktemp -d /tmp/gongkai-bench-postgres.XXXXXX)
  bash tools/postgres-cluster.sh start "$BENCH_POSTGRES_CLUSTER" >/dev/null
  trap 'bash tools/postgres-cluster.sh stop "$BENCH_POSTGRES_CLUSTER"' EXIT
  if [ "$(id -u)" = 0 ]; then set -- runuser -u postgres --; else set --; fi
  "$@" "$bin/createdb" -h "$BENCH_POSTGRES_CLUSTER" -U postgres -T template0 --encoding=UTF8 --lc-collate=C \
    --lc-ctype=C.UTF-8 "$name"
  BENCH_POSTGRES_URL="postgresql://postgres@/$name?host=$BENCH_POSTGRES_CLUSTER"
}
