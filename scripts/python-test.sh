#!/usr/bin/env bash
# The Python package (packages/python): lints its Rust, builds the abi3 wheel with maturin (release),
# installs the wheel into a virtualenv of its own (target/py-venv) and runs the pytest suite there,
# against the CLI's JSON (target/debug/yardstick, built here). Idempotent: it makes the virtualenv and
# installs maturin, pytest, pandas, polars and pyarrow from PyPI when they are missing.
#   PYTHON=python3.12 scripts/python-test.sh   # another interpreter (3.9 or later) for the virtualenv
#   scripts/python-test.sh -k batch            # arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=${YARDSTICK_PY_VENV:-$ROOT/target/py-venv}
PKG=packages/python
export CARGO_TARGET_DIR=$ROOT/target/python

echo "== python: virtualenv $VENV"
if [ ! -x "$VENV/bin/python" ]; then
  "${PYTHON:-python3}" -m venv "$VENV"
fi
stamp="$VENV/.requirements-test.txt"
if ! cmp -s "$PKG/requirements-test.txt" "$stamp"; then
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$PKG/requirements-test.txt"
  cp "$PKG/requirements-test.txt" "$stamp"
fi

echo "== python: lints of the binding crate"
cargo fmt --manifest-path "$PKG/Cargo.toml" --check
PYO3_PYTHON="$VENV/bin/python" cargo clippy --manifest-path "$PKG/Cargo.toml" --locked --all-targets -- -D warnings

echo "== python: the CLI the tests compare with"
(unset CARGO_TARGET_DIR; cargo build -q --locked -p yardstick-cli)

echo "== python: wheel"
rm -rf "$CARGO_TARGET_DIR/wheels"
"$VENV/bin/maturin" build --release --locked -q -m "$PKG/Cargo.toml" -i "$VENV/bin/python" \
  --out "$CARGO_TARGET_DIR/wheels"
wheel=$(ls "$CARGO_TARGET_DIR"/wheels/*.whl)
echo "built $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB)"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$wheel"

echo "== python: pytest"
cd "$PKG/tests"
YARDSTICK_CLI="$ROOT/target/debug/yardstick" "$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
