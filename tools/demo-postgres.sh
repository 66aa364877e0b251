#!/usr/bin/env bash
# `make demo-postgres`: the demo month of `make demo`, in a PostgreSQL 15 database instead of an
# SQLite file. A cluster of its own in ./demo-postgres/ (a Unix socket there, no TCP port; started
# when not running), the database gongkai_demo made afresh in it (C collation, UTF-8 character
# type, as docs/deploy.md asks of a production database), then tools/demo.sh with that URL.
# The cluster keeps running for `make serve`-style use; stop it with
#   bash tools/postgres-cluster.sh stop demo-postgres
#
# Usage: tools/demo-postgres.sh GONGKAI_BINARY MONTH
set -euo pipefail
bin=$1 month=$2
root=$(cd "$(dirname "$0")/.." && pwd)
cluster=$(pwd)/demo-postgres
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -S "$cluster/.s.PGSQL.5432" ]; then
  rm -rf "$cluster"
  bash "$root/tools/postgres-cluster.sh" start "$cluster" >/dev/null
fi
as_owner "$pgbin/dropdb" --if-exists -h "$cluster" -U postgres gongkai_demo
as_owner "$pgbin/createdb" -h "$cluster" -U postgres -T template0 --lc-collate=C --lc-ctype=C.UTF-8 gongkai_demo
DEMO_DB="postgresql://postgres@/gongkai_demo?host=$cluster" bash "$root/tools/demo.sh" "$bin" "$month"
echo
echo "PostgreSQL 演示库在 $cluster（只有套接字，不开 TCP 端口）；用完后停止并删除：bash tools/postgres-cluster.sh stop demo-postgres"
