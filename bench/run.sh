#!/usr/bin/env bash
# Runs every benchmark script (bench/NN-*.sh) in order against the release binary.
# Figures are printed, never asserted: see the README's "Benchmarks" section.
set -euo pipefail
cd "$(dirname "$0")/.."
export GONGKAI=${GONGKAI:-$PWD/.build/release/gongkai}
export GONGKAI_TEMPLATES=$PWD/templates
# The benchmarks' own caller-identity key, never the user's.
export GONGKAI_IDENTITY_KEY=${GONGKAI_IDENTITY_KEY:-$PWD/bench-data/keys/caller-identity.key}
for script in bench/[0-9][0-9]-*.sh; do
  echo "== ${script#bench/}"
  bash "$script"
done
