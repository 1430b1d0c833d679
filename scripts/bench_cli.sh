#!/usr/bin/env bash
# Cold query latency: whole `ckg` runs (process start, store open, query,
# output) on a store of N generated incidents (default 100,000), for the
# issue's example query, a 2-hop `neighbors` and a `path`. Warm (in-process)
# figures come from `cargo bench --bench queries`.
#
#   scripts/bench_cli.sh [N] [WORK_DIR] [RUNS]
#
# Uses hyperfine when installed (Debian: apt-get install hyperfine), a timing
# loop otherwise. The store is built once per N and reused (about 35 s at
# 100,000 on 2 cores). Not part of .ci/run or cargo test: too slow for CI.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100000}"
WORK="${2:-${TMPDIR:-/tmp}/ckg-bench-queries}"
RUNS="${3:-20}"
CKG="$(pwd)/target/release/ckg"

cargo build --release --quiet
mkdir -p "$WORK"
DB="$WORK/gen-$N.db"
if [ ! -f "$WORK/gen-$N.done" ]; then
    rm -rf "$DB"
    "$CKG" gen --incidents "$N" --seed 1 -o "$WORK/gen-$N.csv"
    "$CKG" --db "$DB" import gen "$WORK/gen-$N.csv" > /dev/null
    rm -f "$WORK/gen-$N.csv"
    touch "$WORK/gen-$N.done"
fi

example() {
    echo "MATCH (a:Actor {name: \"$1\"})<-[:CLAIMED_BY]-(i:Incident)-[:OCCURRED_AT]->(l:Location) RETURN i.date, i.type, l.name, i.killed ORDER BY i.date"
}
NAMES=(
    "example query, Islamic State"
    "example query, Security Belt Forces"
    "neighbors --hops 2, Islamic State"
    "neighbors --hops 2, Security Belt Forces"
    "path Islamic State - Taliban"
    "path Security Belt Forces - Islamic Defenders Movement"
)
COMMANDS=(
    "$CKG --db $DB query '$(example "Islamic State")' --format csv"
    "$CKG --db $DB query '$(example "Security Belt Forces")' --format csv"
    "$CKG --db $DB neighbors 'Islamic State' --hops 2 --format csv"
    "$CKG --db $DB neighbors 'Security Belt Forces' --hops 2 --format csv"
    "$CKG --db $DB path 'Islamic State' Taliban --format csv"
    "$CKG --db $DB path 'Security Belt Forces' 'Islamic Defenders Movement' --format csv"
)

# Every command must work before it is timed.
for cmd in "${COMMANDS[@]}"; do
    eval "$cmd" > /dev/null
done

if command -v hyperfine > /dev/null; then
    ARGS=()
    for i in "${!COMMANDS[@]}"; do
        ARGS+=(-n "${NAMES[$i]}" "${COMMANDS[$i]}")
    done
    hyperfine -N --warmup 2 --runs "$RUNS" --export-markdown "$WORK/cold.md" "${ARGS[@]}"
    echo
    cat "$WORK/cold.md"
else
    now_us() { local t=${EPOCHREALTIME//[!0-9]/}; echo "$t"; }
    echo "| command | mean [ms] | min [ms] | max [ms] |"
    echo "|:---|---:|---:|---:|"
    for i in "${!COMMANDS[@]}"; do
        total=0 min=0 max=0
        for _ in $(seq "$RUNS"); do
            start=$(now_us)
            eval "${COMMANDS[$i]}" > /dev/null
            took=$(($(now_us) - start))
            total=$((total + took))
            if [ "$min" -eq 0 ] || [ "$took" -lt "$min" ]; then min=$took; fi
            if [ "$took" -gt "$max" ]; then max=$took; fi
        done
        awk -v n="${NAMES[$i]}" -v t="$total" -v r="$RUNS" -v lo="$min" -v hi="$max" \
            'BEGIN { printf "| %s | %.1f | %.1f | %.1f |\n", n, t / r / 1000, lo / 1000, hi / 1000 }'
    done
fi

echo
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM," \
     "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "store: $N incidents at $DB; ckg $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(rustc --version)"
