#!/usr/bin/env bash
# The SQL functions on Apache DataFusion (crates/yardstick-datafusion, issue 19, docs/scale.md): fmt
# check, clippy -D warnings, and the tests (the 100,000-row parity test against `yardstick batch`
# included) of the crate, which is outside the main workspace (its own Cargo.lock, its own target/).
#
#   ./scripts/datafusion-test.sh
#
# Idempotent: nothing is installed; cargo builds only what changed. The parity test runs the main
# workspace's `yardstick` CLI, built here first (debug, the main workspace's target/, or
# CARGO_TARGET_DIR for both when it is set).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
step() { printf '\n== datafusion: %s  [t=%ss]\n' "$*" "$SECONDS"; }

step "the yardstick CLI (main workspace) for the parity test"
cargo build --locked -q -p yardstick-cli --bin yardstick
export YARDSTICK_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/yardstick"

cd crates/yardstick-datafusion
step "cargo fmt --check"
cargo fmt --check
step "cargo clippy --all-targets --locked -D warnings"
cargo clippy --all-targets --locked -q -- -D warnings
step "cargo test --locked"
cargo test --locked
step "done"
