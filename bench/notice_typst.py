#!/usr/bin/env python3
"""Turns a notice Document JSON (bench/notice.py) into an equivalent Typst file: A4, GB/T 9704
margins, the same 7-column table with a repeated header, for the bench-peers comparison."""
import json, sys

def esc(text):
    return "".join("\\" + c if c in '\\#[]*_`$<>@"' else c for c in text)

doc = json.load(open(sys.argv[1], encoding="utf-8"))
table = next(b for b in doc["blocks"] if b["type"] == "table")
cols = table["columns"]
out = [
    '#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm),',
    '  numbering: "— 1 —", number-align: center + bottom)',
    '#set text(font: ("Noto Serif CJK SC",), size: 12pt, lang: "zh")',
    f'#align(center, text(size: 22pt, weight: "bold", "{esc(doc["metadata"]["title"])}"))',
    "#table(",
    "  columns: (" + ", ".join(f'{c.get("width", 1)}fr' for c in cols) + "),",
    "  table.header(" + ", ".join(f'[{esc(c["title"])}]' for c in cols) + "),",
]
for row in table["rows"]:
    if isinstance(row, list):
        out.append("  " + ", ".join(f"[{esc(c if isinstance(c, str) else c['text'])}]" for c in row) + ",")
    elif "group" in row:
        out.append(f"  table.cell(colspan: {len(cols)})[*{esc(row['group'])}*],")
    else:
        cells = row.get("subtotal") or row.get("total")
        out.append("  " + ", ".join(f"[*{esc(c)}*]" for c in cells) + ",")
out.append(")")
print("\n".join(out))
