#!/usr/bin/env bash
# Runs every test of the project. Idempotent: it needs the Rust toolchain, Node and npm, and installs what
# else the browser tests need when it is missing (the wasm32 target, wasm-bindgen-cli at the version in
# Cargo.lock, Debian's chromium and a Chinese font, the npm packages in web/); see scripts/web-test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== formatting and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
# The builds the workspace build does not make: the facade without `compiled` and the author engine, as
# the browser's two engines use them (scripts/web-test.sh).
cargo clippy -p yardstick --no-default-features --lib --locked -- -D warnings
cargo clippy -p yardstick-wasm --features author --lib --locked -- -D warnings

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
./scripts/web-test.sh   # WASM build, size budget, Node parity with the CLI, browser tests (sets up what it needs)
./scripts/packages-test.sh   # cargo package; the npm package: build, pack, install into a scratch project, test
./scripts/python-test.sh     # the Python wheel: build with maturin, install into its own virtualenv, pytest
./scripts/datafusion-test.sh # SQL on DataFusion (crates/yardstick-datafusion, its own workspace): clippy, tests, parity
YARDSTICK="$(cargo metadata --format-version 1 --no-deps --locked | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/yardstick" \
  ./scripts/editors-test.sh  # the TextMate grammar, the VS Code extension (npm ci in editors/), the .vsix
cargo run -q --locked -p yardstick-cli -- test standards/
