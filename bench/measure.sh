# Sourced by the bench scripts: `measure LABEL command…` runs the command once and prints its wall
# time, CPU time (user + system: steadier than wall time when the machine is shared) and peak resident
# memory (GNU time), failing loudly if the command fails.
measure() {
  local label=$1; shift
  local stats
  stats=$(mktemp)
  if ! /usr/bin/time -f '%e %U %S %M' -o "$stats" "$@" >/dev/null; then
    echo "benchmark command failed: $*" >&2; rm -f "$stats"; return 1
  fi
  read -r secs user sys kib < <(tail -1 "$stats")
  rm -f "$stats"
  printf '%-52s %8.2f s %8.2f s CPU %9.1f MiB peak RSS\n' "$label" "$secs" "$(echo "$user+$sys" | bc -l)" "$(echo "$kib/1024" | bc -l)"
}
