#!/usr/bin/env bash
# The comparison harness of issue 7: Yardstick against regorus (Rego) and zen-engine (JDM) on the same
# rules, then parse + check and batch throughput. Builds the `yardstick` binary and the harness
# (benches/compare, a separate package with its own lock file and target folder, so the main
# workspace never compiles regorus or zen-engine) in release, and prints the table for BENCHMARKS.md.
#
#   ./scripts/bench-compare.sh            # the full run (1,000,000 batch rows; a few minutes on 2 cores)
#   ./scripts/bench-compare.sh --quick    # 100,000 batch rows, 3 timing runs
#   ./scripts/bench-compare.sh --rows N   # N batch rows
#
# Environment: CARGO_TARGET_DIR for the main workspace (default ./target); COMPARE_TARGET_DIR for the
# harness (default ./target/compare).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

main_target="${CARGO_TARGET_DIR:-$root/target}"
compare_target="${COMPARE_TARGET_DIR:-$main_target/compare}"

echo "== build (release): yardstick" >&2
cargo build --release --locked -p yardstick-cli >&2
echo "== build (release): the comparison harness (regorus, zen-engine)" >&2
CARGO_TARGET_DIR="$compare_target" cargo build --release --locked \
  --manifest-path benches/compare/Cargo.toml >&2

{
  echo "cores: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo | sed 's/^model name[[:space:]]*: /cpu: /' || true
  free -h | awk '/^Mem:/ {print "memory: " $2}'
  echo "rustc: $(rustc --version)"
  echo
}

"$compare_target/release/yardstick-compare" \
  --root "$root" --yardstick "$main_target/release/yardstick" "$@"
