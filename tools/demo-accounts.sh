#!/usr/bin/env bash
# One demo account per role in the demo database, all with the same printed initial password, which
# each must change at the first login. The password is new at every run (openssl rand): a demo
# database copied somewhere never carries a password known from this repository.
#
# Usage: tools/demo-accounts.sh GONGKAI_BINARY DATABASE
set -euo pipefail
bin=$1 db=$2
# 3 of 4 classes for certain: upper-case and lower-case letters, digits and '-' around the random part.
password="Demo-$(openssl rand -hex 4)-Yz7"
add() { printf '%s\n' "$password" | "$bin" user add "$@" --db "$db" >/dev/null; }
add demo-intake     --role 登记员     --display-name 演示登记员
add demo-handler    --role 承办人     --display-name 演示承办人 --unit 三营镇
add demo-supervisor --role 督办       --display-name 演示督办
add demo-leader     --role 领导       --display-name 演示领导
add demo-sysadmin   --role 系统管理员 --display-name 演示系统管理员
add demo-secadmin   --role 安全管理员 --display-name 演示安全管理员
add demo-auditor    --role 审计管理员 --display-name 演示审计管理员
"$bin" user list --db "$db"
echo
echo "演示账号（每个角色一个）的初始密码：$password"
echo "每个账号首次登录时须修改密码。仅供演示：切勿在真实数据上使用这些账号。"
