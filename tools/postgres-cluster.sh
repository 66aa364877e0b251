#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests: `start DIR` makes one in DIR (initdb, a Unix socket
# in DIR, no TCP port) and prints the folder to put in $GONGKAI_TEST_POSTGRES; `stop DIR` stops it and
# removes DIR. Run as root, the cluster belongs to the `postgres` user (initdb refuses root), and the
# tests connect as `postgres` over the socket with trust authentication: nothing leaves the machine.
# The databases are created with byte-order collation (C) and a UTF-8 character type, as docs/deploy.md
# asks of a production database, so text sorts as SQLite sorts it and pg_trgm indexes Chinese.
set -euo pipefail
action=${1:?usage: postgres-cluster.sh start|stop DIR}
dir=${2:?usage: postgres-cluster.sh start|stop DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "没有 PostgreSQL：请先运行 make deps（安装 postgresql 和 postgresql-contrib）" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$action" in
start)
  # The server must hold none of our caller's descriptors: a test process that reads our output to
  # its end would wait for the server to exit. Foundation's Process passes its other pipes on too.
  for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --lc-collate=C --lc-ctype=C.UTF-8 >/dev/null
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-k $dir -c listen_addresses='' -c max_connections=300 -c fsync=off" start </dev/null >"$dir/pg_ctl.log" 2>&1 ||
    { cat "$dir/pg_ctl.log" "$dir/server.log" >&2; exit 1; }
  echo "$dir"
  ;;
stop)
  [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  rm -rf "$dir"
  ;;
*) echo "usage: postgres-cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
