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

# wrk_run LABEL WRK_ARGS… — 2 threads, 50 connections, 20 s; prints req/s, p50, p99 and non-2xx.
wrk_run() {
  local label=$1; shift
  local out rps p50 p99 errors
  out=$(wrk -t2 -c50 -d20s --latency "$@")
  rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses/ { print $NF }' <<<"$out")
  printf '%-44s %10s req/s   p50 %8s   p99 %8s%s\n' "$label" "$rps" "$p50" "$p99" "${errors:+   non-2xx: $errors}"
}

# hey_run LABEL URL [HEY_ARGS…] — a fixed offered rate of HEY_RATE (default 200) req/s for 20 s: 50
# workers each sending HEY_RATE/50 a second (hey -q is per worker), so the rate does not fall when
# the server slows (open loop, unlike wrk) as long as each reply takes under 50/HEY_RATE s (250 ms at
# 200 req/s; a worker waits for its reply before its next tick). Prints the achieved rate, p50, p99
# and the non-200 answers.
hey_run() {
  local label=$1 target=$2; shift 2
  local rate=${HEY_RATE:-200} out rps p50 p99 codes
  out=$(hey -z 20s -c 50 -q "$(( rate / 50 ))" "$@" "$target")
  rps=$(awk '/Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { printf "%.1f ms", $3 * 1000 }' <<<"$out")
  p99=$(awk '$1 == "99%" { printf "%.1f ms", $3 * 1000 }' <<<"$out")
  codes=$(awk '/^Status code distribution:/ { on = 1; next } on && /\[[0-9]+\]/ { gsub(/[\[\]]/, "", $1); if ($1 != "200") printf "%s×%s ", $1, $2 } /^$/ { on = 0 }' <<<"$out")
  printf '%-44s %5s req/s offered %s   p50 %9s   p99 %9s%s\n' "$label" "$rps" "$rate" "$p50" "$p99" "${codes:+   not 200: $codes}"
}
