#!/usr/bin/env python3
"""Seeds a desk for bench/80-desk.sh: COMPLAINTS complaints and EVENTS events written straight into a
gongkai database (already migrated, e.g. by `gongkai user add`) in one SQL statement each, so the
seeding takes seconds. Benchmark data only: plausible, not a domain-valid history.

    python3 bench/desk_seed.py DB TEMPLATES COMPLAINTS EVENTS

Complaints are spread over the 22 months 2025-01 … 2026-10 (numbers TS-YYYYMM-NNNN, gapless per
month), the townships of TEMPLATES/townships.toml, the categories, types and channels of the desk; one
in five is open (登记 … 答复), the rest 办结; the deadline is 60 days after receipt, so most open
complaints received before September 2026 are red on 2026-11-05. Each complaint gets EVENTS /
COMPLAINTS events (add, accept, transfer, …).
"""
import json
import re
import sqlite3
import sys

CATEGORIES = ["应保未保", "错保", "发放时限", "发放金额", "工作作风", "违纪违规", "政策咨询", "其他"]
TYPES = ["投诉", "咨询", "求助", "举报", "建议", "投诉"]
CHANNELS = ["监督电话", "12345转办", "来信", "来访", "网上"]
OPEN = ["登记", "受理", "转办", "办理中", "答复"]
ACTIONS = ["add", "accept", "transfer", "assign", "reply", "callback", "close", "supervise", "extend", "reveal"]
MONTHS = 22  # 2025-01 … 2026-10


def main():
    db, templates, complaints, events = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open(f"{templates}/townships.toml", encoding="utf-8") as f:
        townships = re.findall(r'^\[\[township\]\]\s*\ncode = "[^"]*"\s*\nname = "([^"]+)"', f.read(), re.M)
    if not townships:
        sys.exit(f"no townships in {templates}/townships.toml")
    per = -(-events // complaints)
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    with con:
        con.execute(f"""
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :count - 1),
        c AS (SELECT i, (2025 * 12 + i % {MONTHS}) AS mi, i / {MONTHS} AS k FROM n),
        d AS (SELECT i, mi, k, mi / 12 AS y, mi % 12 + 1 AS mo, 1 + k % 28 AS dd FROM c),
        e AS (SELECT *, CAST(julianday(printf('%04d-%02d-%02d', y, mo, dd)) - 2440587.5 AS INTEGER) AS day,
                        (i % 5 = 0) AS open FROM d)
        INSERT INTO complaint (complaint_id, received_at, received_day, received_month_index, channel, type, category,
                               programme, township, summary, anonymous, closed_at, closed_day, closed_month_index,
                               satisfaction, status, due_on, due_day, acknowledged_on, acknowledged_day)
        SELECT printf('TS-%04d%02d-%04d', y, mo, k + 1),
               printf('%04d-%02d-%02d %02d:%02d', y, mo, dd, 8 + i % 10, i % 60), day, mi,
               json_extract(:channels, '$[' || ((i / 3) % {len(CHANNELS)}) || ']'),
               json_extract(:types, '$[' || ((i / 7) % {len(TYPES)}) || ']'),
               json_extract(:categories, '$[' || ((i / 11) % {len(CATEGORIES)}) || ']'),
               CASE i % 3 WHEN 0 THEN 'dibao' WHEN 1 THEN 'tekun' ELSE NULL END,
               json_extract(:townships, '$[' || ((i / 13) % {len(townships)}) || ']'),
               printf('第%d件：低保金发放时间和金额的疑问，来电人要求核实%s', i, CASE i % 4 WHEN 0 THEN '并书面答复' ELSE '' END),
               i % 9 = 0,
               CASE WHEN open THEN NULL ELSE date(day + 20 + 2440587.5) || ' 10:00' END,
               CASE WHEN open THEN NULL ELSE day + 20 END,
               CASE WHEN open THEN NULL ELSE CAST(strftime('%Y', day + 20 + 2440587.5) AS INTEGER) * 12
                                             + CAST(strftime('%m', day + 20 + 2440587.5) AS INTEGER) - 1 END,
               CASE WHEN open THEN NULL ELSE '满意' END,
               CASE WHEN open THEN json_extract(:open, '$[' || ((i / 5) % {len(OPEN)}) || ']') ELSE '办结' END,
               date(day + 60 + 2440587.5), day + 60, date(day + 1 + 2440587.5), day + 1
        FROM e
        """, {"count": complaints, "channels": json.dumps(CHANNELS), "types": json.dumps(TYPES),
              "categories": json.dumps(CATEGORIES), "townships": json.dumps(townships), "open": json.dumps(OPEN)})
        con.execute(f"""
        WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < {per} - 1)
        INSERT INTO complaint_event (complaint_id, at, handler, action, from_state, to_state, note)
        SELECT complaint_id, printf('%sT%02d:00:00Z', date(received_day + j + 2440587.5), j),
               '值班员', json_extract(:actions, '$[' || (j % {len(ACTIONS)}) || ']'),
               CASE WHEN j = 0 THEN NULL ELSE '受理' END, status, '批量生成的办理记录 ' || j
        FROM complaint CROSS JOIN k
        WHERE complaint_id LIKE 'TS-%'
        LIMIT :events
        """, {"actions": json.dumps(ACTIONS), "events": events})
    counts = con.execute("SELECT (SELECT count(*) FROM complaint), (SELECT count(*) FROM complaint_event)").fetchone()
    con.execute("ANALYZE")
    con.close()
    print(f"{counts[0]} complaints, {counts[1]} events")


if __name__ == "__main__":
    main()
