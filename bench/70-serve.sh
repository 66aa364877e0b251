#!/usr/bin/env bash
# gongkai serve under wrk on loopback: 50 connections for 20 s on the login page and on a page that
# needs a session (the home page, logged in with curl first, its cookie passed with wrk -H).
# Aim: >= 2,000 requests/s and p99 <= 20 ms on a 2-core machine. Figures are printed, never asserted.
set -euo pipefail
source "$(dirname "$0")/serve-helpers.sh"
source "$(dirname "$0")/measure.sh"
command -v wrk >/dev/null || { echo "wrk is missing: make deps installs it (Debian package wrk)" >&2; exit 1; }
work=$(mktemp -d bench-data/serve-XXXXXX 2>/dev/null || { mkdir -p bench-data; mktemp -d bench-data/serve-XXXXXX; })
server=""
cleanup() { [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
db=$work/serve.sqlite
"$GONGKAI" demo --households 50 --db "$db" --out "$work/data" >/dev/null
printf '%s\n' 'Bench-initial-1' | "$GONGKAI" user add bench.leader --role 领导 --db "$db" >/dev/null

serve_start "$work/serve.log" --db "$db" --output output
# Log in through the form as a script would, then change the initial password (first login).
session=$(serve_login "$work/cookies.txt" bench.leader Bench-initial-1 Bench-changed-2)
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: gongkai_session=$session" "$url/")
[ "$status" = 200 ] || { echo "the session page answered $status" >&2; exit 1; }

echo "(wrk: 2 threads, 50 connections, 20 s each, on loopback; server and wrk share the machine's cores)"
for page in login session; do
  if [ "$page" = login ]; then
    wrk_run "GET /login (anonymous, new CSRF cookie)" "$url/login"
  else
    wrk_run "GET / (session cookie)" -H "Cookie: gongkai_session=$session" "$url/"
  fi
  aim "$page page under wrk, 50 connections" "$WRK_RPS" ">=" 2000 req/s
  aim "$page page p99 under wrk" "$WRK_P99_MS" "<=" 20 ms
done
