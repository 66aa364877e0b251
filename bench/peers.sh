#!/usr/bin/env bash
# Renders the same 12,000-row notice with gongkai, with WeasyPrint (from gongkai's own HTML) and with
# Typst (from a generated .typ file), in paired runs: gongkai right before each peer, so that both
# see the same load on a shared machine, PAIRS times (default 1). Prints each run and the ratio of the
# peer's time to gongkai's, with the aims of issue 28: Typst ≥ 10×, WeasyPrint ≥ 150×. Peers live in
# .venv-peers with pinned versions so the figures can be repeated.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/measure.sh
GONGKAI=${GONGKAI:-$PWD/.build/release/gongkai}
export GONGKAI_TEMPLATES=$PWD/templates
WEASYPRINT_VERSION=${WEASYPRINT_VERSION:-70.0}
TYPST_VERSION=${TYPST_VERSION:-0.15.2}
PAIRS=${PAIRS:-1}
if [ ! -x .venv-peers/bin/python ]; then
  python3 -m venv .venv-peers
  .venv-peers/bin/pip install -q "weasyprint==$WEASYPRINT_VERSION" "typst==$TYPST_VERSION"
fi
mkdir -p bench-data
rows=12000
python3 bench/notice.py "$rows" > "bench-data/peers-$rows.json"
"$GONGKAI" render "bench-data/peers-$rows.json" --html "bench-data/peers-$rows.html"
python3 bench/notice_typst.py "bench-data/peers-$rows.json" > "bench-data/peers-$rows.typ"

ours() { measure "gongkai ($rows rows → tagged PDF)" "$GONGKAI" render "bench-data/peers-$rows.json" --pdf "bench-data/peers-$rows.pdf"; }
typst_ratios=() weasy_ratios=()
for pair in $(seq "$PAIRS"); do
  ours; mine=$MEASURED_WALL
  measure "Typst $TYPST_VERSION (.typ → PDF)" .venv-peers/bin/python -c "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])" \
    "bench-data/peers-$rows.typ" "bench-data/peers-$rows-typst.pdf"
  typst_ratios+=("$(echo "$MEASURED_WALL / $mine" | bc -l)")
  ours; mine=$MEASURED_WALL
  measure "WeasyPrint $WEASYPRINT_VERSION (our HTML → PDF)" .venv-peers/bin/weasyprint "bench-data/peers-$rows.html" "bench-data/peers-$rows-weasyprint.pdf"
  weasy_ratios+=("$(echo "$MEASURED_WALL / $mine" | bc -l)")
done
# The median pair (the lower middle one for an even count).
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
aim "Typst / gongkai, wall time, paired" "$(median "${typst_ratios[@]}")" ">=" 10 ×
aim "WeasyPrint / gongkai, wall time, paired" "$(median "${weasy_ratios[@]}")" ">=" 150 ×
