#!/usr/bin/env bash
# Runs every test of the project. Idempotent: it needs the Rust toolchain, Node and npm, and installs what
# else the browser tests need when it is missing (the wasm32 target, wasm-bindgen-cli at the version in
# Cargo.lock, Debian's chromium and a Chinese font, the npm packages in web/); see scripts/web-test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each step prints the wall time since the start and the CPU time its commands used (user + system of
# the children, from bash's `times`), so a slow CI run can be read step by step (BENCHMARKS.md, "CI time").
STEP_NAME="" STEP_START=0 STEP_CPU=0 CPU=0
STEP_TIMES=$(mktemp)
trap 'rm -f "$STEP_TIMES"' EXIT
cpu_now() {   # sets CPU; `times` in the shell itself (a subshell would count only its own children)
  times > "$STEP_TIMES"
  CPU=$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] } } END { printf "%d", s }' "$STEP_TIMES")
}
step() {
  cpu_now
  if [ -n "$STEP_NAME" ]; then
    printf '== [test.sh] %-48s %5ss wall %6ss cpu  (t=%ss)\n' "$STEP_NAME" "$((SECONDS - STEP_START))" "$((CPU - STEP_CPU))" "$SECONDS"
  fi
  STEP_NAME="$*" STEP_START=$SECONDS STEP_CPU=$CPU
  [ -z "$STEP_NAME" ] || echo "== $STEP_NAME"
}

step "formatting and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
# The builds the workspace build does not make: the facade without `compiled` and the author engine, as
# the browser's two engines use them (scripts/web-test.sh).
cargo clippy -p yardstick --no-default-features --lib --locked -- -D warnings
cargo clippy -p yardstick-wasm --features author --lib --locked -- -D warnings

step "build"
cargo build --workspace --all-targets --locked

step "unit, corpus and property tests"
cargo test --workspace --locked

step "shipped standards: check, formatting, examples"
cargo run -q --locked -p yardstick-cli -- check standards/ --format plain
cargo run -q --locked -p yardstick-cli -- fmt --check standards/
for a in examples/assessments/*.json; do
  cargo run -q --locked -p yardstick-cli -- eval "$a" --format json > /dev/null
done
step "web (scripts/web-test.sh)"
./scripts/web-test.sh   # WASM build, size budget, Node parity with the CLI, browser tests (sets up what it needs)
step "packages (scripts/packages-test.sh)"
./scripts/packages-test.sh   # cargo package; the npm package: build, pack, install into a scratch project, test
step "python (scripts/python-test.sh)"
./scripts/python-test.sh     # the Python wheel: build with maturin, install into its own virtualenv, pytest
step "datafusion (scripts/datafusion-test.sh)"
./scripts/datafusion-test.sh # SQL on DataFusion (crates/yardstick-datafusion, its own workspace): clippy, tests, parity
step "editors (scripts/editors-test.sh)"
YARDSTICK="$(cargo metadata --format-version 1 --no-deps --locked | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/yardstick" \
  ./scripts/editors-test.sh  # the TextMate grammar, the VS Code extension (npm ci in editors/), the .vsix
step "shipped standards: worked examples"
cargo run -q --locked -p yardstick-cli -- test standards/
step ""
echo "== [test.sh] all steps passed in ${SECONDS}s"
