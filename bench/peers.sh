#!/usr/bin/env bash
# Renders the same 12,000-row notice with gongkai, with WeasyPrint (from gongkai's own HTML) and with
# Typst (from a generated .typ file), and prints the times side by side. Peers live in .venv-peers
# with pinned versions so the figures can be repeated.
set -euo pipefail
cd "$(dirname "$0")/.."
GONGKAI=${GONGKAI:-$PWD/.build/release/gongkai}
export GONGKAI_TEMPLATES=$PWD/templates
WEASYPRINT_VERSION=${WEASYPRINT_VERSION:-70.0}
TYPST_VERSION=${TYPST_VERSION:-0.15.2}
if [ ! -x .venv-peers/bin/python ]; then
  python3 -m venv .venv-peers
  .venv-peers/bin/pip install -q "weasyprint==$WEASYPRINT_VERSION" "typst==$TYPST_VERSION"
fi
mkdir -p bench-data
rows=12000
python3 bench/notice.py "$rows" > "bench-data/peers-$rows.json"
"$GONGKAI" render "bench-data/peers-$rows.json" --html "bench-data/peers-$rows.html"
python3 bench/notice_typst.py "bench-data/peers-$rows.json" > "bench-data/peers-$rows.typ"

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc -l; }
ours=$(seconds "$GONGKAI" render "bench-data/peers-$rows.json" --pdf "bench-data/peers-$rows.pdf")
weasy=$(seconds .venv-peers/bin/weasyprint "bench-data/peers-$rows.html" "bench-data/peers-$rows-weasyprint.pdf")
typst=$(seconds .venv-peers/bin/python -c "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])" \
  "bench-data/peers-$rows.typ" "bench-data/peers-$rows-typst.pdf")
printf '%-34s %8.2f s\n' "gongkai ($rows rows → PDF)" "$ours"
printf '%-34s %8.2f s   %6.1f× gongkai\n' "WeasyPrint $WEASYPRINT_VERSION (our HTML → PDF)" "$weasy" "$(echo "$weasy / $ours" | bc -l)"
printf '%-34s %8.2f s   %6.1f× gongkai\n' "Typst $TYPST_VERSION (.typ → PDF)" "$typst" "$(echo "$typst / $ours" | bc -l)"
