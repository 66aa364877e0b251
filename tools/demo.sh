#!/usr/bin/env bash
# The demo of `make demo`, in the current folder: the 原州区 demo data written as the month's CSV
# exports (exports/MONTH/, as an office's systems would leave them) and imported into demo.sqlite, a
# throwaway signing key, the month published, one account per role — then the `export` line that
# makes the README's month commands run here exactly as written.
#
# Usage: tools/demo.sh GONGKAI_BINARY MONTH
# Environment: DEMO_HOUSEHOLDS (default 12000), DEMO_DB (demo.sqlite, or a postgresql:// URL of an
# empty database: tools/demo-postgres.sh), DEMO_KEY, DEMO_IDENTITY_KEY.
# The test ReadmeCommandTests runs it with the debug binary in a fresh folder.
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
month=$2
root=$(cd "$(dirname "$0")/.." && pwd)
here=$(pwd)
db=${DEMO_DB:-demo.sqlite}
key=${DEMO_KEY:-demo-key/office-ed25519.pem}
identity=${DEMO_IDENTITY_KEY:-demo-key/caller-identity.key}
export GONGKAI_TEMPLATES=${GONGKAI_TEMPLATES:-$root/templates}

case "$db" in
  postgres://*|postgresql://*) rm -rf "output/$month" "exports/$month" ;;
  *) rm -rf "$db" "$db-wal" "$db-shm" "output/$month" "exports/$month" ;;
esac
GONGKAI_IDENTITY_KEY=$identity "$bin" demo --db "$db" --month "$month" --households "${DEMO_HOUSEHOLDS:-12000}" --out "exports/$month"
"$bin" status --db "$db"
[ -f "$key" ] || "$bin" keys init --key "$key"
GONGKAI_IDENTITY_KEY=$identity "$bin" publish --db "$db" --month "$month" --key "$key"
bash "$root/tools/demo-accounts.sh" "$bin" "$db"

echo
echo "完成。打开 output/$month/index.html 查看本月发布。"
echo "要在本演示上照 README 原样运行各命令（gongkai import exports/$month/、gongkai status …），先在这个终端执行："
echo
case "$db" in postgres://*|postgresql://*) shown_db=$db ;; *) shown_db=$here/$db ;; esac
echo "  export PATH=\"$(dirname "$bin"):\$PATH\" GONGKAI_DB=\"$shown_db\" GONGKAI_IDENTITY_KEY=\"$here/$identity\" GONGKAI_KEY=\"$here/$key\" GONGKAI_TEMPLATES=\"$GONGKAI_TEMPLATES\""
echo
echo "（make install 之后 gongkai 已在 PATH 上，模板也能自动找到；数据库和两把密钥仍用上面的变量指明。）"
case "$db" in
  postgres://*|postgresql://*) echo "办公室网页应用：make serve DEMO_DB='$db'，然后打开 http://127.0.0.1:8080/，用上面的演示账号登录。" ;;
  *) echo "办公室网页应用：make serve，然后打开 http://127.0.0.1:8080/，用上面的演示账号登录。" ;;
esac
