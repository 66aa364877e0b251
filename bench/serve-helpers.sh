# Shared by the bench scripts that run `gongkai serve` (sourced, not run): start the server on a free
# loopback port, log in through the form as a script would, and print wrk's figures on one line.

# serve_start LOG ARGS… — starts "$GONGKAI" serve --listen 127.0.0.1:0 ARGS… in the background
# (its pid in $server, for the caller's cleanup) and sets $url once it listens.
serve_start() {
  local log=$1; shift
  "$GONGKAI" serve --listen 127.0.0.1:0 "$@" 2>"$log" &
  server=$!
  url=""
  for _ in $(seq 1 300); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1 || true)
    [ -n "$url" ] && return 0
    sleep 0.1
  done
  echo "the server did not start:" >&2; cat "$log" >&2; exit 1
}

# serve_login JAR LOGIN INITIAL_PASSWORD NEW_PASSWORD — logs in with the initial password, changes
# it (first login), and prints the session cookie's value.
serve_login() {
  local jar=$1 login=$2 initial=$3 changed=$4 t session
  token() { grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
  t=$(curl -s -c "$jar" -b "$jar" "$url/login" | token)
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "username=$login" \
    --data-urlencode "password=$initial" --data-urlencode "csrf_token=$t" "$url/login"
  t=$(curl -s -c "$jar" -b "$jar" "$url/password" | token)
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "current_password=$initial" \
    --data-urlencode "new_password=$changed" --data-urlencode "csrf_token=$t" "$url/password"
  session=$(awk '$6 == "gongkai_session" { print $7 }' "$jar")
  [ -n "$session" ] || { echo "login of $login failed" >&2; exit 1; }
  printf '%s\n' "$session"
}

# server_cpu_ticks — the CPU time the server ($server) has used so far, in clock ticks (user + system);
# empty when there is no server process to read.
server_cpu_ticks() {
  [ -n "${server:-}" ] && [ -r "/proc/$server/stat" ] && awk '{ print $14 + $15 }' "/proc/$server/stat"
}

# server_cpu_per_request TICKS_BEFORE REQUESTS — "   server CPU X ms/req": the server's CPU time
# since TICKS_BEFORE over REQUESTS, which on a machine shared with other work says more than the
# wall-clock figures; nothing when it cannot be read.
server_cpu_per_request() {
  local before=$1 requests=$2 after
  after=$(server_cpu_ticks) || return 0
  [ -n "$before" ] && [ -n "$after" ] && [ "${requests:-0}" -gt 0 ] || return 0
  awk -v t="$(( after - before ))" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "   server CPU %.2f ms/req", t * 1000 / hz / n }'
}

# wrk_run LABEL WRK_ARGS… — 2 threads, 50 connections, 20 s; prints req/s, p50, p99, non-2xx and the
# server's CPU time per request.
wrk_run() {
  local label=$1; shift
  local out rps p50 p99 errors requests ticks
  ticks=$(server_cpu_ticks || true)
  out=$(wrk -t2 -c50 -d20s --latency "$@")
  rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses/ { print $NF }' <<<"$out")
  requests=$(awk '/requests in/ { print $1 }' <<<"$out")
  printf '%-44s %10s req/s   p50 %8s   p99 %8s%s%s\n' "$label" "$rps" "$p50" "$p99" "${errors:+   non-2xx: $errors}" \
    "$(server_cpu_per_request "$ticks" "$requests")"
  WRK_RPS=${rps:-0}
  WRK_P99_MS=$(duration_ms "$p99")
}

# duration_ms TEXT — wrk's "812.00us", "39.00ms" or "1.22s" as milliseconds (0 when empty).
duration_ms() {
  awk -v d="${1:-0ms}" 'BEGIN { n = d + 0; if (d ~ /us$/) n /= 1000; else if (d ~ /ms$/) n = n; else if (d ~ /s$/) n *= 1000; print n }'
}

# hey_run LABEL URL [HEY_ARGS…] — a fixed offered rate of HEY_RATE (default 200) req/s for 20 s: 50
# workers each sending HEY_RATE/50 a second (hey -q is per worker), so the rate does not fall when
# the server slows (open loop, unlike wrk) as long as each reply takes under 50/HEY_RATE s (250 ms at
# 200 req/s; a worker waits for its reply before its next tick). The workers' tickers start together
# and stay in step: most requests arrive in bursts of 40–50 within 10 ms, every 250 ms at 200 req/s
# (measured against a server that logs arrival times), so p99 is about the time the server needs for
# a burst — some 50 × its CPU time per request over its cores — not the latency of evenly spaced
# requests. Prints the achieved rate, p50, p99, the non-200 answers and the server's CPU time per request.
hey_run() {
  local label=$1 target=$2; shift 2
  local rate=${HEY_RATE:-200} out rps p50 p99 codes requests ticks
  ticks=$(server_cpu_ticks || true)
  out=$(hey -z 20s -c 50 -q "$(( rate / 50 ))" "$@" "$target")
  rps=$(awk '/Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { printf "%.1f ms", $3 * 1000 }' <<<"$out")
  p99=$(awk '$1 == "99%" { printf "%.1f ms", $3 * 1000 }' <<<"$out")
  codes=$(awk '/^Status code distribution:/ { on = 1; next } on && /\[[0-9]+\]/ { gsub(/[\[\]]/, "", $1); if ($1 != "200") printf "%s×%s ", $1, $2 } /^$/ { on = 0 }' <<<"$out")
  requests=$(awk '/^Status code distribution:/ { on = 1; next } on && /\[[0-9]+\]/ { n += $2 } /^$/ { on = 0 } END { print n + 0 }' <<<"$out")
  printf '%-44s %5s req/s offered %s   p50 %9s   p99 %9s%s%s\n' "$label" "$rps" "$rate" "$p50" "$p99" "${codes:+   not 200: $codes}" \
    "$(server_cpu_per_request "$ticks" "$requests")"
  HEY_P99_MS=$(awk '$1 == "99%" { printf "%.1f", $3 * 1000 }' <<<"$out")
  HEY_P99_MS=${HEY_P99_MS:-0}
}
