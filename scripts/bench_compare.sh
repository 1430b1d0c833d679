#!/usr/bin/env bash
# ckg vs SQLite, side by side, on N generated incidents (default 1,000,000)
# plus the UCDP GED sample when ../shared is present. Prints a Markdown table
# (also written to $WORK/results.md) and the machine it ran on.
#
#   scripts/bench_compare.sh [N] [WORK_DIR]
#
# Needs /usr/bin/time. Takes about 20 minutes at 1M incidents on 2 cores.
# Not part of .ci/run or cargo test: too slow for CI.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
WORK="${2:-${TMPDIR:-/tmp}/ckg-bench}"
UCDP=../shared/datasets/ucdp/ged191_syria.csv

cargo build --release --quiet
ARGS=(--incidents "$N" --ckg target/release/ckg --work "$WORK")
if [ -f "$UCDP" ]; then ARGS+=(--ucdp "$UCDP"); fi
cargo bench --quiet --bench compare -- "${ARGS[@]}"

echo
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM," \
     "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "ckg $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(rustc --version)"
