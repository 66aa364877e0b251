#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests: `start DIR` makes one in DIR (initdb, a Unix socket
# in DIR, no TCP port) and prints the folder to put in $GONGKAI_TEST_POSTGRES; `stop DIR` stops it and
# removes DIR. Run as root, the cluster belongs to the `postgres` user (initdb refuses root), and the
# tests connect as `postgres` over the socket with trust authentication: nothing leaves the machine.
# The databases are created with byte-order collation (C) and a UTF-8 character type, as docs/deploy.md
# asks of a production database, so text sorts as SQLite sorts it and pg_trgm indexes Chinese.
#
# `start-tls DIR PORT PASSWORD` makes one that also listens on 127.0.0.1:PORT with TLS only (a
# throwaway self-signed certificate for `localhost` in DIR/server.crt) and SCRAM passwords over TCP
# (user postgres, PASSWORD): what a database across a network looks like, for the TLS tests.
set -euo pipefail
action=${1:?usage: postgres-cluster.sh start|start-tls|stop DIR [PORT PASSWORD]}
dir=${2:?usage: postgres-cluster.sh start|start-tls|stop DIR [PORT PASSWORD]}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "没有 PostgreSQL：请先运行 make deps（安装 postgresql 和 postgresql-contrib）" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$action" in
start|start-tls)
  # The server must hold none of our caller's descriptors: a test process that reads our output to
  # its end would wait for the server to exit. Foundation's Process passes its other pipes on too.
  for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  options="-k $dir -c listen_addresses='' -c max_connections=300 -c fsync=off"
  if [ "$action" = start-tls ]; then
    port=${3:?usage: postgres-cluster.sh start-tls DIR PORT PASSWORD}
    printf '%s\n' "${4:?usage: postgres-cluster.sh start-tls DIR PORT PASSWORD}" >"$dir/password"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
      -addext subjectAltName=DNS:localhost -keyout "$dir/server.key" -out "$dir/server.crt" 2>/dev/null
    chmod 600 "$dir/server.key" "$dir/password"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/server.key" "$dir/server.crt" "$dir/password"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 --pwfile="$dir/password" \
      --encoding=UTF8 --lc-collate=C --lc-ctype=C.UTF-8 >/dev/null
    # TCP connections must use TLS: hostssl only (initdb's "host" lines become "hostssl").
    sed -i 's/^host /hostssl /' "$dir/data/pg_hba.conf"
    options="-k $dir -c listen_addresses=127.0.0.1 -p $port -c max_connections=50 -c fsync=off -c ssl=on"
    options="$options -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key"
  else
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --lc-collate=C --lc-ctype=C.UTF-8 >/dev/null
  fi
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "$options" start </dev/null >"$dir/pg_ctl.log" 2>&1 ||
    { cat "$dir/pg_ctl.log" "$dir/server.log" >&2; exit 1; }
  echo "$dir"
  ;;
stop)
  [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  rm -rf "$dir"
  ;;
*) echo "usage: postgres-cluster.sh start|start-tls|stop DIR [PORT PASSWORD]" >&2; exit 2 ;;
esac
