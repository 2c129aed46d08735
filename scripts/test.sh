#!/usr/bin/env bash
# Runs every test of the project. Idempotent; needs only the Rust toolchain (installs nothing else yet).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== build"
cargo build --workspace --all-targets --locked

echo "== unit, corpus and property tests"
cargo test --workspace --locked

echo "== shipped standards: check, formatting, examples"
cargo run -q --locked -p yardstick-cli -- check standards/ --format plain
cargo run -q --locked -p yardstick-cli -- fmt --check standards/
for a in examples/assessments/*.json; do
  cargo run -q --locked -p yardstick-cli -- eval "$a" --format json > /dev/null
done
cargo run -q --locked -p yardstick-cli -- test standards/
