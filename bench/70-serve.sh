#!/usr/bin/env bash
# gongkai serve under wrk on loopback: 50 connections for 20 s on the login page and on a page that
# needs a session (the home page, logged in with curl first, its cookie passed with wrk -H).
# Aim: >= 2,000 requests/s and p99 <= 20 ms on a 2-core machine. Figures are printed, never asserted.
set -euo pipefail
command -v wrk >/dev/null || { echo "wrk is missing: make deps installs it (Debian package wrk)" >&2; exit 1; }
work=$(mktemp -d bench-data/serve-XXXXXX 2>/dev/null || { mkdir -p bench-data; mktemp -d bench-data/serve-XXXXXX; })
server=""
cleanup() { [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
db=$work/serve.sqlite
"$GONGKAI" demo --households 50 --db "$db" --out "$work/data" >/dev/null
printf '%s\n' 'Bench-initial-1' | "$GONGKAI" user add bench.leader --role 领导 --db "$db" >/dev/null

"$GONGKAI" serve --listen 127.0.0.1:0 --db "$db" --output output 2>"$work/serve.log" &
server=$!
url=""
for _ in $(seq 1 300); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "the server did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }

# Log in through the form as a script would, then change the initial password (first login).
jar=$work/cookies.txt
token() { grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
t=$(curl -s -c "$jar" -b "$jar" "$url/login" | token)
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode username=bench.leader \
  --data-urlencode password=Bench-initial-1 --data-urlencode "csrf_token=$t" "$url/login"
t=$(curl -s -c "$jar" -b "$jar" "$url/password" | token)
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode current_password=Bench-initial-1 \
  --data-urlencode new_password=Bench-changed-2 --data-urlencode "csrf_token=$t" "$url/password"
session=$(awk '$6 == "gongkai_session" { print $7 }' "$jar")
[ -n "$session" ] || { echo "login failed" >&2; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: gongkai_session=$session" "$url/")
[ "$status" = 200 ] || { echo "the session page answered $status" >&2; exit 1; }

run() {
  local label=$1; shift
  local out
  out=$(wrk -t2 -c50 -d20s --latency "$@")
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses/ { print $NF }' <<<"$out")
  printf '%-44s %10s req/s   p50 %8s   p99 %8s%s\n' "$label" "$rps" "$p50" "$p99" "${errors:+   non-2xx: $errors}"
}
echo "(wrk: 2 threads, 50 connections, 20 s each, on loopback; server and wrk share the machine's cores)"
run "GET /login (anonymous, new CSRF cookie)" "$url/login"
run "GET / (session cookie)" -H "Cookie: gongkai_session=$session" "$url/"
